"""
Time charts: the arms day by day
================================

Profit over time (with the day one strategy overtakes another), the community's growth,
the difference between the arms, and a fan chart of any metric: the median of the
replicates with their spread. ``commsim charts`` draws these for every results folder
(``src/commsim/charts/timecharts.py``).

The experiment is tiny (300 simulated members, one year, three replicates) so that the
example runs in seconds: read the charts, not the numbers.
"""

# %%
# A tiny experiment: a brand page pushing sales against a topic community fed with value
# content, run with the real model into a temporary results folder.
import shutil
import tempfile
from pathlib import Path

from commsim import run_experiment
from commsim.charts import load_results
from commsim.charts.style import use_style
from commsim.charts.timecharts import (
    community_chart,
    crossover_table,
    cumulative_profit_chart,
    difference_chart,
    fan_chart,
)
from commsim.experiment import Experiment

experiment = Experiment.from_table(
    {
        "experiment": {"name": "gallery", "steps": 365, "replicates": 3, "seed": 7},
        "base": {"population.members": 300, "population.market_history_days": 30},
        "arms": {
            "page_push": {"brand.community": "brand", "brand.value_share": 0.1},
            "topic_value": {"brand.community": "topic", "brand.value_share": 0.9},
        },
    }
)
folder = Path(tempfile.mkdtemp()) / "results"
run_experiment(experiment, out=folder, workers=1)
results = load_results(folder)

# %%
# Cumulative profit, titled with the finding: which arm leads at the horizon, and the day
# the other overtakes it when it does.
with use_style("deck"):
    profit = cumulative_profit_chart(results, crossover_table(results))

# %%
# The community's members and its active members.
with use_style("deck"):
    community = community_chart(results)

# %%
# Each arm against the reference, replicate by replicate on the same seeds (paired), with
# its 95% interval.
with use_style("deck"):
    differences = difference_chart(results)

# %%
# A fan chart of one metric: the median line and the band the replicates span.
with use_style("deck"):
    awareness = fan_chart(results, "awareness")

# %%
# The results went into a temporary folder: remove it.
shutil.rmtree(folder.parent)
