"""
Study charts: sensitivity and calibration
=========================================

Which assumptions move an outcome most (``commsim sensitivity``: SALib's Sobol' or Morris
indices, drawn as a tornado), and how well a calibration reproduced the figures it was fitted
to (``commsim calibrate``: observed against simulated, target by target); both drawn by
``src/commsim/charts/study_charts.py``.

Tiny on purpose (a few hundred members, half a year, one replicate, a handful of
evaluations): the charts, not the numbers.
"""

# %%
# Morris screening of three assumptions for the value strategy's profit.
import shutil
import tempfile
from pathlib import Path

from commsim.charts.study_charts import fit_chart, tornado_chart
from commsim.charts.style import use_style
from commsim.experiment import Execution, Experiment
from commsim.studies import prepare_calibration, prepare_sensitivity

experiment = Experiment.from_table(
    {
        "experiment": {"name": "gallery_study", "steps": 180, "replicates": 1, "seed": 7},
        "base": {"population.members": 300, "population.market_history_days": 30},
        "levers": {"brand.value_share": {"value": 0.9}},
        "uncertainties": {
            "platform.organic_reach": {"low": 0.022, "high": 0.16, "scale": "log"},
            "behavior.push_fatigue": [0.0, 0.4],
            "behavior.engage_base": [0.5, 1.5],
        },
    }
)
root = Path(tempfile.mkdtemp())
study = prepare_sensitivity(
    experiment,
    "cum_profit",
    out=root / "sensitivity",
    method="morris",
    base_size=4,
    execution=Execution(workers=1),
)
indices = study.run().indices
with use_style("deck"):
    tornado = tornado_chart(
        indices, "morris", study.outcome_text, "Source: a tiny Morris screening", "tornado"
    )

# %%
# A calibration of organic reach to one published figure: Social@Ogilvy (2014) measured
# 6.15% of a page's fans reached per organic post.
targets = root / "targets.toml"
targets.write_text(
    """
[calibration]
replicates = 1
evaluations = 6
screen = 4

[parameters]
"platform.organic_reach" = [0.03, 0.4]

[targets.organic_reach]
metric = "organic_reach_rate"
value = 0.0615
days = [150, 180]
source = "Social@Ogilvy 2014: 6.15% of fans reached per organic post"
""",
    encoding="utf-8",
)
calibration = prepare_calibration(experiment, targets, out=root / "calibration")
fit = calibration.run().fit
with use_style("deck"):
    fitted = fit_chart(fit.target_table(), "Source: a tiny calibration")

# %%
# The results went into a temporary folder: remove it.
shutil.rmtree(root)
