"""
Evidence chart: published experiments against the model
========================================================

``commsim evidence`` runs published field experiments inside the model, each with the study's
own comparison, and draws the published value and interval (grey) beside the model's mean and
95% interval (green within, red outside), one row per measure; a study the model cannot
express keeps its row. Drawn by ``src/commsim/charts/evidence_chart.py``.

Tiny on purpose (300 members, a 30-day market history, two replicates of two studies; the
others are listed without a model value): the chart, not the numbers. The measured table is in
docs/validation.md, section 6.
"""

# %%
# Two studies' designs, run through the executors into a temporary folder.
import shutil
import tempfile
from pathlib import Path

from commsim.charts.evidence_chart import evidence_chart
from commsim.charts.style import use_style
from commsim.evidence import EvidenceSizes, evidence_rows, load_studies, plan, run_designs

studies = load_studies()
chosen = [s for s in studies if s.id in ("liking_is_not_loving", "ad_lift_by_funnel")]
tasks = plan(
    chosen, EvidenceSizes(members=300, replicates=2), 7, [("population.market_history_days", 30)]
)
root = Path(tempfile.mkdtemp())
results = run_designs(tasks, root / "runs")
rows = evidence_rows(results, studies)

# %%
# Published against model, one row per measure.
with use_style("deck"):
    chart = evidence_chart(
        rows, "Two of eleven studies run here", "Source: a tiny commsim evidence run"
    )

# %%
# The runs went into a temporary folder: remove it.
shutil.rmtree(root)
