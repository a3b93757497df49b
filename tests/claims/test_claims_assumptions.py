"""The claims audit under drawn assumptions (commsim.claims.claims_assumptions): one world per
paired replicate, the same in both arms of every check; the claim's own settings and the
audited brand's figures never drawn; the holds-share counted from the paired differences.
Nothing here runs a simulation (prepare_audit checks and plans only)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from commsim.claims.claims_assumptions import check_resumed_mode
from commsim.claims.claims_audit import load_audit_file, prepare_audit
from commsim.claims.claims_catalogue import claim
from commsim.claims.claims_plan import QUICK, AuditPlan, arm_name, worlds
from commsim.claims.claims_tables import CLAIM_COLUMNS, DRAWN_COLUMNS, claim_tables
from commsim.claims.claims_verdicts import worlds_holding
from commsim.config.assumption_draws import draw_world, load_posterior
from commsim.experiment.results.store import FolderRefused

PLATFORM = "facebook_2025"
SEED = 11
TAIPEI = Path(__file__).parents[2] / "experiments" / "taipei_water.toml"


def _audit(tmp_path, mode: str, claims=("F2", "F6"), experiment=None):
    return prepare_audit(
        experiment,
        out=tmp_path / "audit",
        platforms=[PLATFORM],
        claims=list(claims),
        quick=True,
        replicates=3,
        seed=SEED,
        assumptions=mode,
    )


def _taken(audit, one, world: str, replicate: int) -> list[dict]:
    """The drawn values each arm of one of the claim's worlds takes in a replicate."""
    names = [arm_name(one.id, PLATFORM, world, arm) for arm in one.arms]
    return [audit.worlds.by_arm[name][replicate] for name in names]


def test_fixed_draws_nothing_and_runs_every_arm_as_planned(tmp_path):
    audit = _audit(tmp_path, "fixed")
    assert not audit.worlds.drawn and audit.worlds.by_arm == {}
    for arm in audit.comparisons.run_arms:
        table = arm.table()
        assert audit.worlds.scenario(table, 2, arm.name) is table
    assert audit.comparisons.experiment.assumptions == "fixed"


def test_posterior_worlds_come_from_the_seed_and_both_arms_of_every_check_share_them(tmp_path):
    audit = _audit(tmp_path, "posterior")
    posterior = load_posterior()
    f2, f6 = claim("F2"), claim("F6")
    for replicate in range(3):
        drawn = draw_world("posterior", SEED, replicate, posterior)
        assert audit.worlds.values[replicate] == drawn  # assumptions.csv's row
        for one in (f2, f6):
            for world in worlds(one):
                taken = _taken(audit, one, world.slug, replicate)
                assert all(values == taken[0] for values in taken), (one.id, world.slug)
        # As asserted, the claim lives in the drawn world; its reversing world is the same
        # world with the reversal's own setting.
        assert _taken(audit, f2, "main", replicate)[0] == drawn
        reversal = _taken(audit, f2, "reversal", replicate)[0]
        assert reversal == {k: v for k, v in drawn.items() if k != "behavior.value_attitude_gain"}
        assert "brand.initial_awareness" not in _taken(audit, f6, "reversal", replicate)[0]
    assert audit.worlds.values[0] != audit.worlds.values[1]  # one world per replicate
    # What each run gets: the drawn world, and the reversal's own value where it sets one.
    name = arm_name("F2", PLATFORM, "reversal", "value")
    table = next(arm.table() for arm in audit.comparisons.run_arms if arm.name == name)
    world = audit.worlds.scenario(table, 1, name)
    assert world["behavior"]["loyalty"] == audit.worlds.values[1]["behavior.loyalty"]
    assert world["behavior"]["value_attitude_gain"] == table["behavior"]["value_attitude_gain"]
    entry = audit.worlds.to_json()
    assert entry["mode"] == "posterior" and entry["posterior"]["sources"]
    assert entry["kept_by_arm"][name] == ["behavior.value_attitude_gain"]
    assert audit.describe()["assumptions"]["posterior"]["sources"] == entry["posterior"]["sources"]


def test_a_brand_profiles_figures_and_the_market_size_are_never_drawn(tmp_path):
    audit = _audit(tmp_path, "prior", claims=("F5",), experiment=load_audit_file(TAIPEI))
    profile = {"brand.initial_followers", "brand.price", "brand.margin", "brand.market_share"}
    assert profile <= set(audit.plan.base)
    for taken in audit.worlds.by_arm.values():
        for values in taken:
            assert not (profile | {"population.market_size"}) & set(values)
    assert {"behavior.loyalty", "population.homophily"} <= set(audit.worlds.values[0])
    name = arm_name("F5", PLATFORM, "main", "plain")
    table = next(arm.table() for arm in audit.comparisons.run_arms if arm.name == name)
    assert audit.worlds.scenario(table, 0, name)["brand"]["initial_followers"] == 50_000


def test_the_audited_files_mode_is_used_unless_the_option_says_otherwise(tmp_path):
    experiment = load_audit_file(TAIPEI, ["experiment.assumptions=posterior"])
    assert _audit(tmp_path, None, ("F5",), experiment).plan.assumptions == "posterior"
    assert _audit(tmp_path, "fixed", ("F5",), experiment).plan.assumptions == "fixed"


def test_the_holds_share_counts_the_worlds_whose_paired_difference_has_the_claims_sign():
    held = worlds_holding(pd.Series([3.0, -1.0, 0.0, np.nan, 0.5]))
    assert (held.count, held.n) == (2, 4)  # a tie does not hold; a missing pair is left out
    one = claim("F2")
    plan = AuditPlan({}, [one], [PLATFORM], QUICK, {}, assumptions="posterior")
    horizon = plan.horizon(one)
    # value minus push on profit at the horizon, replicate by replicate: +5, -2, +1, +4.
    value, push = [15.0, 8.0, 11.0, 14.0], [10.0, 10.0, 10.0, 10.0]
    rows = [
        {
            "claim": "F2",
            "platform": PLATFORM,
            "world": "main",
            "arm": arm,
            "replicate": r,
            "seed": r,
            "brand": "focal",
            "day": horizon,
            "metric": "cum_profit",
            "value": v,
        }
        for arm, values in (("value", value), ("push", push))
        for r, v in enumerate(values)
    ]
    tables = claim_tables(pd.DataFrame(rows), plan, {PLATFORM: "focal"}, {})
    row = tables["claims"].iloc[0]
    assert list(tables["claims"].columns[4:8]) == DRAWN_COLUMNS  # next to the verdict
    assert (row["assumptions"], row["worlds"], row["worlds_holding"]) == ("posterior", 4, 3)
    assert row["holds_share"] == pytest.approx(0.75) and row["effect"] == pytest.approx(2.0)
    fixed = AuditPlan({}, [one], [PLATFORM], QUICK, {})
    assert (
        list(claim_tables(pd.DataFrame(rows), fixed, {PLATFORM: "focal"}, {})["claims"].columns)
        == CLAIM_COLUMNS
    )


def test_resuming_with_other_assumptions_is_refused_naming_both(tmp_path):
    info = tmp_path / "audit.json"
    info.write_text(json.dumps({"kind": "claims audit", "assumptions": {"mode": "posterior"}}))
    check_resumed_mode(info, "posterior")
    with pytest.raises(FolderRefused, match="made with --assumptions posterior.*not fixed"):
        check_resumed_mode(info, "fixed")
    info.write_text(json.dumps({"kind": "claims audit"}))  # an audit from before issue 24
    check_resumed_mode(info, "fixed")
    with pytest.raises(FolderRefused, match="made with --assumptions fixed"):
        check_resumed_mode(info, "prior")
