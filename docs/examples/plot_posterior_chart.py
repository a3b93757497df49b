"""
Posterior chart: what the field evidence says about the assumptions
===================================================================

``commsim infer`` infers the assumptions the screening found most influential from the
published field experiments (ABC-SMC with pyABC) and draws, for each, its prior range (grey)
beside the posterior's 90% interval and mean (blue), with the default marked. Drawn by
``src/commsim/charts/posterior_chart.py`` from the posterior the package ships
(``src/commsim/data/posterior/``; how it was built: docs/validation.md, section 8).
"""

# %%
# The shipped posterior, summarised against each assumption's prior.
from importlib import resources
from pathlib import Path

from commsim.charts.posterior_chart import posterior_chart
from commsim.charts.style import use_style
from commsim.inference import inferred_assumptions
from commsim.inference.fit import InferredPosterior, summary_rows

folder = Path(str(resources.files("commsim").joinpath("data/posterior")))
posterior = InferredPosterior.read(folder)
rows = summary_rows(posterior, inferred_assumptions())
p = posterior.provenance

# %%
# Prior against posterior, one row per assumption.
with use_style("deck"):
    chart = posterior_chart(
        rows,
        f"Source: commsim infer, {p['simulations']} simulations of {p['members']:,} members, "
        f"seed {p['seed']}; published figures: data/field_evidence.toml",
    )
