"""The documentation site's gallery (docs/examples/) has an example for every kind of chart:
every module of src/commsim/charts/ (and of the claims audit's package, src/commsim/claims/)
that draws a ``Chart`` is used by a gallery script.
(.ci/run builds the site, running the scripts, with warnings as errors.)"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parents[1]
DRAWING = [ROOT / "src" / "commsim" / "charts", ROOT / "src" / "commsim" / "claims"]
GALLERY = ROOT / "docs" / "examples"
DRAWS_A_CHART = re.compile(r"^def [a-z]\w*\([^)]*\)\s*->\s*Chart\b", re.M)


def test_every_kind_of_chart_has_a_gallery_example():
    modules = [p for folder in DRAWING for p in folder.rglob("*.py")]
    kinds = {p.stem for p in modules if DRAWS_A_CHART.search(p.read_text("utf-8"))}
    assert {"timecharts", "incremental_charts", "sweep_charts", "claims_charts"} <= kinds
    scripts = " ".join(p.read_text("utf-8") for p in GALLERY.glob("plot_*.py"))
    shown = set(re.findall(r"from commsim\.(?:charts|claims)\.(\w+) import", scripts))
    assert kinds <= shown, f"chart modules without a gallery example: {sorted(kinds - shown)}"
