"""
Incremental charts: against doing nothing
=========================================

Every experiment also runs the world where the brand runs no programme, on the same seeds,
so each arm's incremental profit (what the programme adds), the sources of its sales, its
costs and its funnel can be read against that world
(``src/commsim/charts/incremental_charts.py``).

Tiny on purpose (300 members, one year, three replicates): the charts, not the numbers.
"""

# %%
import shutil
import tempfile
from pathlib import Path

from commsim import run_experiment
from commsim.charts import load_results
from commsim.charts.incremental_charts import (
    cost_chart,
    funnel_chart,
    incremental_profit_chart,
    sales_sources_chart,
)
from commsim.charts.style import use_style
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
# Incremental profit against the world without the programme, and the payback day.
with use_style("deck"):
    incremental = incremental_profit_chart(results)

# %%
# Where the extra sales come from: repeat buyers, buyers switched from rivals, new buyers.
with use_style("deck"):
    sources = sales_sources_chart(results)

# %%
# What the programme costs, item by item.
with use_style("deck"):
    costs = cost_chart(results)

# %%
# The funnel: reached, engaged, joined, bought.
with use_style("deck"):
    funnel = funnel_chart(results)

# %%
# The results went into a temporary folder: remove it.
shutil.rmtree(folder.parent)
