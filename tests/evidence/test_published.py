"""The published evidence ships with the package: every study names its source and design,
and is either replicated by an in-model design or listed with why it cannot be."""

from __future__ import annotations

import math

from commsim.config.parameters import parameters
from commsim.evidence import load_studies
from commsim.evidence.designs import DESIGNS, SAMPLE_FACTORS
from commsim.evidence.published import DESIGN_FIELDS


def test_the_evidence_loads_and_covers_the_issues_studies():
    ids = {study.id for study in load_studies()}
    assert len(ids) >= 8
    for expected in (
        "community_joining",
        "like_without_delivery",
        "ad_lift_by_funnel",
        "seeding_campaign_lift",
        "influencer_tiers",
        "company_vs_influencer_posts",
        "follower_growth",
    ):
        assert expected in ids


def test_every_study_names_its_source_and_design():
    for study in load_studies():
        assert study.citation and study.source, study.id
        for name in DESIGN_FIELDS:
            assert study.design[name].strip(), f"{study.id}: no {name}"
        assert study.measures, study.id


def test_every_published_value_lies_in_its_interval():
    for study in load_studies():
        for measure in study.measures:
            assert measure.low <= measure.high
            if not math.isnan(measure.value):
                assert measure.low <= measure.value <= measure.high, measure.key
            if measure.interval == "sign":
                assert math.isinf(measure.high) or math.isinf(measure.low)


def test_each_expressible_study_has_a_design_and_each_design_a_study():
    studies = {study.id: study for study in load_studies()}
    expressible = {sid for sid, study in studies.items() if study.expressible}
    assert expressible == set(DESIGNS)
    assert set(SAMPLE_FACTORS) <= expressible
    for study in studies.values():
        assert bool(study.in_model) != bool(study.not_expressible), study.id


def test_a_figure_used_to_set_a_parameter_is_marked_as_its_calibration_target():
    keys = parameters()
    marked = [m for study in load_studies() for m in study.measures if m.calibrates]
    assert marked  # the ad lift (platform.ad_awareness) and the page's growth (join_base)
    for measure in marked:
        assert "calibrated" in keys[measure.calibrates].source, measure.calibrates
