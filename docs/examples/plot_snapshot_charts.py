"""
Snapshot charts: checkpoints and factors
========================================

The arms compared at the days a strategist reviews a programme (the checkpoints), and, for
a factorial experiment, each factor's levels side by side
(``src/commsim/charts/snapshots.py``).

Tiny on purpose (300 members, one year, two replicates): the charts, not the numbers.
"""

# %%
# A 2 x 2 factorial: the kind of community crossed with the share of value content.
import shutil
import tempfile
from pathlib import Path

from commsim import run_experiment
from commsim.charts import load_results
from commsim.charts.snapshots import checkpoint_chart, factor_chart
from commsim.charts.style import use_style
from commsim.experiment import Experiment

experiment = Experiment.from_table(
    {
        "experiment": {
            "name": "gallery_factors",
            "steps": 365,
            "replicates": 2,
            "seed": 7,
            "checkpoints": [90, 180, 365],
        },
        "base": {"population.members": 300, "population.market_history_days": 30},
        "factors": {"brand.community": ["brand", "topic"], "brand.value_share": [0.1, 0.9]},
    }
)
folder = Path(tempfile.mkdtemp()) / "results"
run_experiment(experiment, out=folder, workers=1)
results = load_results(folder)

# %%
# Key metrics of every arm at each checkpoint.
with use_style("deck"):
    checkpoints = checkpoint_chart(results)

# %%
# Each factor's effect on incremental profit, level by level.
with use_style("deck"):
    factors = factor_chart(results, "incremental_profit")

# %%
# The results went into a temporary folder: remove it.
shutil.rmtree(folder.parent)
