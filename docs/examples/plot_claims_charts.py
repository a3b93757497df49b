"""
Claims charts: what the audit found
===================================

``commsim claims`` audits the practitioners' claims F1-F8 (docs/model.md): for each claim,
the effect on each platform with its 95% interval, as asserted and in the world that should
reverse it, and how much of the effect each mechanism carries (switched off one at a time).
The charts are drawn by ``src/commsim/claims/claims_charts.py``.

An audit takes many runs, so this example draws from the tables of the worked example in
``docs/claims_example/`` (a Taipei bottled-water brand on Facebook and Instagram) rather than
running one.
"""

# %%
from pathlib import Path

import pandas as pd

from commsim.charts.style import use_style
from commsim.claims.claims_charts import ablation_chart, effect_chart

try:
    here = Path(__file__).parent
except NameError:  # run line by line in a notebook from docs/examples/
    here = Path.cwd()
audit = here.parent / "claims_example"
claims = pd.read_csv(audit / "claims.csv")
mechanisms = pd.read_csv(audit / "mechanisms.csv")
source = "Source: commsim claims audit, docs/claims_example"

# %%
# The first claim's effect on each platform.
first = claims["claim"].iloc[0]
with use_style("deck"):
    effect = effect_chart(claims[claims["claim"] == first], source)

# %%
# The share of that effect lost when each mechanism is switched off.
with use_style("deck"):
    ablation = ablation_chart(mechanisms[mechanisms["claim"] == first], source)
