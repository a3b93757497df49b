"""Claims verdicts on synthetic paired differences with known answers: holds, reversed,
undecided and their edge cases; the share a mechanism carries; the reversing region."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from commsim.analysis.prim import Limit
from commsim.claims.claims_findings import screening_finding
from commsim.claims.claims_verdicts import (
    HOLDS,
    NO_EFFECT,
    REVERSED,
    UNDECIDED,
    Effect,
    carried,
    effect,
    limit_words,
    paired_differences,
    reversal_region,
    verdict,
)


def rng() -> np.random.Generator:
    return np.random.default_rng(7)


def measured(values) -> Effect:
    return effect(np.asarray(values, dtype=float), rng())


CLEAR_GAIN = [9.0, 11.0, 10.5, 9.5, 10.0, 10.2, 9.8, 10.1, 9.9, 10.4]
CLEAR_LOSS = [-value for value in CLEAR_GAIN]
NO_SIGN = [5.0, -4.0, 6.0, -5.0, 3.0, -6.0, 4.0, -3.0, 5.5, -5.5]


def test_a_claim_holds_when_every_check_is_clearly_positive():
    assert verdict([measured(CLEAR_GAIN), measured([v * 3 for v in CLEAR_GAIN])]) == HOLDS


def test_a_claim_is_reversed_when_its_first_check_is_clearly_negative():
    assert verdict([measured(CLEAR_LOSS), measured(CLEAR_GAIN)]) == REVERSED


def test_a_claim_without_a_clear_sign_is_undecided():
    assert verdict([measured(NO_SIGN)]) == UNDECIDED


def test_a_failing_second_check_leaves_the_claim_undecided_not_reversed():
    assert verdict([measured(CLEAR_GAIN), measured(CLEAR_LOSS)]) == UNDECIDED
    assert verdict([measured(CLEAR_GAIN), measured(NO_SIGN)]) == UNDECIDED


def test_a_clearly_reversed_first_check_decides_even_when_the_others_are_unclear():
    assert verdict([measured(CLEAR_LOSS), measured(NO_SIGN)]) == REVERSED


def test_a_check_the_claim_names_as_reversing_reverses_it_when_clearly_negative():
    """F3: a kill that saves money (its third check) reverses the claim; a check not named
    as reversing only leaves it undecided."""
    checks = [measured(CLEAR_GAIN), measured(NO_SIGN), measured(CLEAR_LOSS)]
    assert verdict(checks, reversing=(0, 2)) == REVERSED
    assert verdict(checks) == UNDECIDED


def test_one_replicate_gives_no_interval_and_so_no_verdict():
    one = measured([12.0])
    assert one.n == 1 and one.mean == 12.0 and np.isnan(one.low) and np.isnan(one.high)
    assert verdict([one]) == UNDECIDED


def test_identical_positive_differences_hold_with_an_interval_collapsed_to_the_mean():
    same = measured([4.0, 4.0, 4.0])
    assert same.low == same.high == same.mean == 4.0
    assert verdict([same]) == HOLDS


def test_zero_differences_are_undecided():
    assert verdict([measured([0.0, 0.0, 0.0])]) == UNDECIDED


def test_an_interval_touching_zero_is_not_enough():
    # Two replicates: the percentile interval of their mean spans both values (0 and 2).
    touching = measured([0.0, 2.0])
    assert touching.low == pytest.approx(0.0)
    assert verdict([touching]) == UNDECIDED


def test_no_pairs_and_no_checks_are_undecided():
    assert measured([]) == NO_EFFECT
    assert verdict([NO_EFFECT]) == UNDECIDED
    assert verdict([]) == UNDECIDED


def test_missing_values_are_left_out_of_the_pairs():
    values = pd.DataFrame(
        {"value": [3.0, 4.0, np.nan, 5.0], "push": [1.0, 1.0, 1.0, np.nan]},
        index=pd.Index([0, 1, 2, 3], name="replicate"),
    )
    differences = paired_differences(values, "value", "push")
    assert list(differences.index) == [0, 1]
    assert list(differences) == [2.0, 3.0]
    assert measured(differences).n == 2


def test_where_less_is_better_the_sign_turns_the_difference():
    values = pd.DataFrame({"a": [1.0, 2.0], "b": [3.0, 5.0]})
    assert list(paired_differences(values, "a", "b", sign=-1.0)) == [2.0, 3.0]


def test_an_arm_that_never_ran_gives_no_pairs():
    values = pd.DataFrame({"a": [1.0, 2.0]})
    assert paired_differences(values, "a", "b").empty


def test_the_share_carried_is_the_paired_loss_over_the_effect():
    main = pd.Series([10.0, 12.0, 8.0], index=[0, 1, 2])
    without = pd.Series([5.0, 6.0, 4.0], index=[0, 1, 2])
    share = carried(main, without, rng())
    assert share.share == pytest.approx(0.5)
    assert share.lost.mean == pytest.approx(5.0)
    assert share.without.mean == pytest.approx(5.0)


def test_a_mechanism_whose_removal_reverses_the_claim_carries_more_than_all_of_it():
    main = pd.Series([10.0, 10.0])
    without = pd.Series([-5.0, -5.0])
    assert carried(main, without, rng()).share == pytest.approx(1.5)


def test_a_share_of_no_effect_is_undefined():
    zero = pd.Series([0.0, 0.0])
    assert np.isnan(carried(zero, pd.Series([1.0, 1.0]), rng()).share)


def test_restrictions_read_as_a_strategist_says_them():
    reach = "platform.organic_reach"
    assert limit_words(Limit(reach, high=0.045)) == "organic reach below 4.5%"
    assert limit_words(Limit(reach, low=0.2)) == "organic reach above 20%"
    fatigue = "behavior.push_fatigue"
    assert limit_words(Limit(fatigue, 0.1, 0.2)) == "push fatigue between 0.1 and 0.2"
    network = "population.network"
    assert limit_words(Limit(network, categories=("random",))) == "network is random"


def test_the_reversing_region_is_found_where_the_gap_is_negative():
    points = 80
    generator = np.random.default_rng(3)
    design = pd.DataFrame(
        {
            "platform.organic_reach": generator.uniform(0.01, 0.1, points),
            "behavior.push_fatigue": generator.uniform(0.05, 0.4, points),
        }
    )
    gap = pd.Series(np.where(design["platform.organic_reach"] < 0.04, -1.0, 1.0))
    region = reversal_region(design, gap, "push beats value on cumulative profit")
    assert region.points == points and region.reversing == int((gap < 0).sum())
    assert region.text.startswith("push beats value on cumulative profit where organic reach below")
    assert "push fatigue" not in region.rule
    # PRIM reports the box of best coverage among those at least 80% dense.
    assert region.density >= 0.8 and region.coverage > 0.8


def test_a_claim_that_never_or_always_reverses_has_no_box():
    design = pd.DataFrame({"platform.organic_reach": [0.01, 0.02, 0.03]})
    holds = reversal_region(design, pd.Series([1.0, 2.0, 3.0]), "push beats value")
    assert holds.reversing == 0 and holds.text == "it holds at all 3 points of the sweep"
    always = reversal_region(design, pd.Series([-1.0, -2.0, -3.0]), "push beats value")
    assert always.text == "push beats value at all 3 points of the sweep"
    assert reversal_region(design, pd.Series(dtype=float), "x").points == 0


def _screening(mu_star: list[float], conf: list[float]) -> pd.DataFrame:
    keys = ["platform.organic_reach", "behavior.push_fatigue", "brand.quality", "brand.price"]
    return pd.DataFrame({"parameter": keys, "mu_star": mu_star, "mu_star_conf": conf})


def test_a_screening_headline_claims_a_ranking_only_where_the_interval_allows():
    """The first parameter 'decides' only when its 95% interval clears the next one unlisted;
    with overlapping intervals (few trajectories) the headline says they are not told apart."""
    clear = screening_finding("F2", _screening([900.0, 300.0, 200.0, 100.0], [50.0] * 4))
    assert clear == "F2 depends most on organic reach, fatigue from promotional posts and quality"
    blurred = screening_finding("F2", _screening([900.0, 300.0, 200.0, 100.0], [850.0] * 4))
    assert blurred.startswith(
        "F2 moves most with organic reach, fatigue from promotional posts and quality"
    )
    assert blurred.endswith("not yet told apart from the rest")
