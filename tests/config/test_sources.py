"""Every default has a source (publisher and year) or says why it is what it is: an
assumption with its reason, a calibration to a sourced band, a strategy choice with its
default, or a design rule (docs/model.md section 11)."""

from __future__ import annotations

import re

import pytest

from commsim.config.reference import parameter_rows

YEAR = re.compile(r"\b(19|20)\d\d\b")
# Kinds of sources that say why instead of who: each needs its reason after the colon.
REASONED = ("assumption:", "calibrated:", "strategy choice:", "design:", "label:", "derived:")


@pytest.mark.parametrize("row", parameter_rows(), ids=lambda row: row["key"])
def test_every_parameter_names_a_source_or_gives_its_reason(row):
    source = row["source"].strip()
    assert source, f"{row['key']}: no source"
    kind = next((k for k in REASONED if source.lower().startswith(k)), None)
    if kind is None:
        assert YEAR.search(source), f"{row['key']}: a source names a publisher and year: {source}"
    else:
        reason = source[len(kind) :].strip()
        assert len(reason) >= 15, f"{row['key']}: '{kind}' needs its reason: {source}"
    if kind in ("calibrated:",):
        assert YEAR.search(source), f"{row['key']}: a calibration names the band's source"


def test_the_defaults_that_contradicted_their_sources_now_follow_them():
    rows = {row["key"]: row for row in parameter_rows()}
    assert rows["brand.responsiveness"]["default"] == "0.1"  # Sprout Social 2016: 1 in 10
    assert "not a page's attrition" in rows["behavior.unfollow_threshold"]["source"]
    assert rows["platform.preset"]["default"] == "'facebook_2025'"  # today's platform
