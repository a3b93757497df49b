"""The claims catalogue is consistent, and the audit's plan runs every claim where it should:
each check names the claim's arms, every arm in every world sets only valid keys (on the
defaults, on every platform, on a user's own brand and market and on the shipped experiments'
bases), each mechanism switched off changes something, and the sweep and screening ranges
stay within the parameters' documented ranges."""

from __future__ import annotations

from pathlib import Path

import pytest

from commsim.claims.claims_audit import load_audit_file, prepare_audit
from commsim.claims.claims_catalogue import CLAIM_IDS, CLAIMS, claim
from commsim.claims.claims_plan import (
    DEFAULT_PLATFORMS,
    MAIN,
    QUICK,
    AuditPlan,
    Sizing,
    band,
    base_of,
    choose_claims,
    choose_platforms,
    worlds,
)
from commsim.config import ConfigError, Scenario, make_scenario
from commsim.config.parameters import parameters
from commsim.experiment.spec.sampling import sensitivity_design
from commsim.experiment.spec.sweep_plan import plan_points
from commsim.model.catalogue import METRIC_NAMES

EXAMPLES = Path(__file__).resolve().parents[2] / "experiments"
# A user's own brand and market: a bigger sample of a smaller market, a dearer product, an
# established page and a rival of its own.
OWN_BASE = {
    "population.members": 2000,
    "population.market_size": 200_000,
    "brand.price": 30.0,
    "brand.initial_followers": 5000,
    "competitors": [{"name": "big_rival", "market_share": 0.1, "initial_awareness": 0.6}],
}


def plan(base: dict | None = None, sizing: Sizing | None = None) -> AuditPlan:
    return AuditPlan(base or {}, list(CLAIMS), list(DEFAULT_PLATFORMS), sizing or Sizing(), {})


@pytest.mark.parametrize("one", CLAIMS, ids=CLAIM_IDS)
def test_every_check_and_evidence_item_compares_arms_of_its_claim(one):
    assert one.checks, "a claim needs at least one check"
    for check in (*one.checks, *one.evidence):
        assert check.favoured in one.arms and check.versus in one.arms
        assert check.favoured != check.versus
        assert check.outcome.metric in METRIC_NAMES
        assert check.outcome.day is None or check.outcome.day < one.horizon


def test_claim_ids_are_unique_and_found_by_id():
    assert len(set(CLAIM_IDS)) == len(CLAIMS)
    assert [claim(i).id for i in CLAIM_IDS] == list(CLAIM_IDS)


@pytest.mark.parametrize("base", [{}, OWN_BASE], ids=["defaults", "own brand and market"])
@pytest.mark.parametrize("one", CLAIMS, ids=CLAIM_IDS)
def test_every_arm_in_every_world_is_a_valid_scenario(one, base):
    scenario = make_scenario(base)
    for world in worlds(one):
        for overrides in one.arm_overrides(scenario, world.setting).values():
            make_scenario({**base, **overrides})  # raises ConfigError on a bad key or value


@pytest.mark.parametrize("one", CLAIMS, ids=CLAIM_IDS)
def test_every_mechanism_switched_off_and_the_reversing_world_change_the_scenario(one):
    scenario = Scenario()
    main = one.arm_overrides(scenario)
    for world in worlds(one):
        if world.slug == MAIN:
            continue
        changed = one.arm_overrides(scenario, world.setting)
        for arm in one.arms:
            before = make_scenario(main[arm])
            after = make_scenario(changed[arm])
            assert before != after, f"{one.id} {world.title}: arm {arm} is unchanged"


def test_the_audit_plan_names_every_arm_by_claim_platform_world_and_arm():
    experiment, index = plan(OWN_BASE).comparisons()
    runs_per_platform = sum(len(one.arms) * len(worlds(one)) for one in CLAIMS)
    assert len(experiment.resolved_arms) == runs_per_platform * len(DEFAULT_PLATFORMS)
    assert index["F2.instagram_2025.off-fatigue.value"] == (
        "F2",
        "instagram_2025",
        "off-fatigue",
        "value",
    )
    arm = {a.name: a for a in experiment.resolved_arms}["F2.facebook_2012.main.push"]
    assert arm.scenario.platform.preset == "facebook_2012"
    assert arm.scenario.platform.organic_reach == pytest.approx(0.16)
    assert arm.scenario.population.market_size == 200_000
    assert not experiment.info.counterfactual  # arms of one world are compared with each other


def test_a_preset_decides_the_reach_even_when_the_base_sets_one():
    audited = plan({"platform.organic_reach": 0.5}).scenario("facebook_2025")
    assert audited.platform.organic_reach == pytest.approx(0.033)


def test_quick_caps_the_sample_history_and_horizon_but_never_enlarges_them():
    small = plan({"population.members": 300}, QUICK)
    scenario = small.scenario("facebook_2025")
    assert scenario.population.members == 300
    assert scenario.population.market_history_days == 60
    assert small.horizon(claim("F3")) == 365 and small.days(claim("F3")) == [90, 365]
    assert plan().horizon(claim("F4")) == 730


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(EXAMPLES.glob("*.toml")) if "targets" not in p.name],
    ids=lambda p: p.stem,
)
def test_every_claim_runs_on_the_bases_of_the_shipped_experiments(path):
    experiment = load_audit_file(path)
    audit = AuditPlan(base_of(experiment), list(CLAIMS), list(DEFAULT_PLATFORMS), QUICK, {})
    audit.comparisons()  # validates every arm of every claim in every world
    for one in CLAIMS:
        audit.sweep(one, "facebook_2025")


def test_a_file_with_only_a_base_is_a_valid_audit_file(tmp_path):
    path = tmp_path / "brand.toml"
    path.write_text("[base]\nbrand.price = 12.0\n", encoding="utf-8")
    assert base_of(load_audit_file(path)) == {"brand.price": 12.0}


def test_the_default_sweep_covers_what_the_claim_turns_on_and_not_what_it_compares():
    audit = plan()
    sweep, dropped = audit.sweep(claim("F2"), "facebook_2025")
    keys = sweep.uncertainty_space.keys
    assert {"platform.organic_reach", "behavior.push_fatigue", "behavior.share_base"} <= set(keys)
    assert "brand.value_share" not in keys and not dropped
    reach = sweep.uncertainty_space["platform.organic_reach"]
    assert (reach.low, reach.high) == pytest.approx((0.0165, 0.066))  # half to twice 3.3%


def test_a_files_uncertainties_replace_the_default_sweep_less_the_claims_own_keys():
    uncertain = {"brand.value_share": [0.1, 0.9], "platform.organic_reach": [0.01, 0.2]}
    audit = AuditPlan({}, list(CLAIMS), ["facebook_2025"], QUICK, uncertain)
    sweep, dropped = audit.sweep(claim("F2"), "facebook_2025")
    assert sweep.uncertainty_space.keys == ["platform.organic_reach"]
    assert dropped == ["brand.value_share"]


def test_instagram_sweeps_reach_around_the_tier_of_the_brands_size():
    sweep, _ = plan().sweep(claim("F2"), "instagram_2025")
    reach = sweep.uncertainty_space["platform.organic_reach"]
    assert (reach.low, reach.high) == pytest.approx((0.0575, 0.23))  # the 20k-100k tier, 11.5%


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("behavior.push_fatigue", 0.15, {"low": 0.075, "high": 0.3, "scale": "log"}),
        ("population.homophily", 0.8, {"low": 0.6, "high": 0.9}),  # half to twice 1 - 0.8
        ("behavior.engage_base", 1.0, {"low": 0.5, "high": 2.0, "scale": "log"}),  # up to 20
        ("platform.reach_decline_per_year", 0.0, {"low": 0.0, "high": 0.5}),
        ("behavior.active_days", 30, {"low": 15, "high": 60}),
        ("brand.ad_budget_per_day", 0.0, None),  # a programme setting left off
        ("brand.community", "topic", None),
        ("population.degree_tail", 2.5, {"low": 1.5, "high": 5.0, "scale": "log"}),  # ge 1.5
    ],
)
def test_bands_run_from_half_to_twice_within_the_documented_range(key, value, expected):
    assert band(key, value) == expected


def test_the_screening_covers_every_numeric_assumption_in_valid_scenarios():
    audit = plan(sizing=QUICK)
    one = claim("F2")
    screening = audit.screening(one)
    keys = set(screening.uncertainty_space.keys)
    assert "brand.value_share" not in keys and "population.members" not in keys
    assert {"behavior.push_fatigue", "platform.cpm", "brand.price"} <= keys
    assert len(keys) > 0.7 * len(parameters())
    design = sensitivity_design(screening.uncertainty_space, "morris", 2, seed=0)
    plan_points(screening, design.points, strategies=["value", "push"])  # every row validates


def test_unknown_claims_and_platforms_are_refused_naming_the_option():
    with pytest.raises(ConfigError, match="unknown claim 'F9'") as error:
        choose_claims(["F1", "F9"])
    assert error.value.parameter == "claims"
    with pytest.raises(ConfigError, match="unknown platform preset 'myspace'") as error:
        choose_platforms(["facebook_2025", "myspace"])
    assert error.value.parameter == "platforms"
    assert [c.id for c in choose_claims(["F3", "F1"])] == ["F1", "F3"]


def test_the_sweep_points_and_trajectories_options_size_the_audit(tmp_path):
    """``--sweep-points`` and ``--trajectories`` change the sweeps' and the screenings' run
    counts in proportion (Morris: trajectories x (D + 1) rows), and 1 is refused."""

    def sized(**options):
        return prepare_audit(
            None,
            out=tmp_path / "audit",
            claims=["F2"],
            platforms=["facebook_2025"],
            quick=True,
            screening=True,
            **options,
        )

    two, three = sized(trajectories=2), sized(trajectories=3)
    assert three.screenings["F2"].runs * 2 == two.screenings["F2"].runs * 3
    assert sized(sweep_points=4).plan.sizing.sweep_points == 4
    for option in ("trajectories", "sweep_points"):
        with pytest.raises(ConfigError, match="at least 2") as error:
            sized(**{option: 1})
        assert error.value.parameter == option


def test_platforms_read_as_their_names():
    from commsim.claims.claims_findings import platform_label

    assert platform_label("line_tw_2025") == "LINE Taiwan 2025"
    assert platform_label("line_jp_2025") == "LINE Japan 2025"
    assert platform_label("facebook_2012") == "Facebook 2012"
