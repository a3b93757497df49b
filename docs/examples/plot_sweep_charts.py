"""
Sweep charts and discovery: where a strategy wins
=================================================

A sweep samples the uncertainties (here organic reach and how much push posts tire
members) and runs each strategy at every point. Its charts show where each strategy leads
(heatmap), how the outcome depends on each uncertainty, and how robust each strategy is
(``src/commsim/charts/sweep_charts.py``). ``commsim discover`` then asks a question of the
sweep and finds the region of the uncertainties where the answer is yes (PRIM), drawn by
``src/commsim/charts/study_charts.py``.

Tiny on purpose (10 points, 300 members, one year, one replicate): the charts, not the
numbers.
"""

# %%
import shutil
import tempfile
from pathlib import Path

from commsim.charts.study_charts import discovery_chart
from commsim.charts.style import use_style
from commsim.charts.sweep_charts import load_sweep, sweep_charts
from commsim.experiment import Execution, Experiment
from commsim.studies import discover, run_sweep

experiment = Experiment.from_table(
    {
        "experiment": {"name": "gallery_sweep", "steps": 365, "replicates": 1, "seed": 7},
        "base": {
            "population.members": 300,
            "population.market_history_days": 30,
            "brand.community": "topic",
        },
        "levers": {"brand.value_share": {"push": 0.1, "value": 0.9}},
        "uncertainties": {
            "platform.organic_reach": {"low": 0.022, "high": 0.16, "scale": "log"},
            "behavior.push_fatigue": [0.0, 0.4],
        },
    }
)
folder = Path(tempfile.mkdtemp()) / "sweep"
run_sweep(experiment, out=folder, design="lhs", points=10, execution=Execution(workers=1))

# %%
# The sweep's charts for cumulative profit: the winner across the two uncertainties, each
# uncertainty's effect, and each strategy's regret.
sweep = load_sweep(folder)
with use_style("deck"):
    charts = sweep_charts(sweep, "cum_profit")

# %%
# Discovery: where does value content end the year with more profit than push?
found = discover(folder, "cum_profit[value] > cum_profit[push]")
if found.prim is not None:
    with use_style("deck"):
        region = discovery_chart(sweep, found.question, found.prim)

# %%
# The results went into a temporary folder: remove it.
shutil.rmtree(folder.parent)
