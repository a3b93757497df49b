"""The chance that each arm pays and that the best beats the runner-up are counts of
replicates; what the intervals include follows the run's assumption mode."""

from __future__ import annotations

import pandas as pd

from commsim.analysis.chances import (
    assumption_mode,
    at_horizon,
    chance_sentences,
    intervals_sentence,
    lead_chance,
    pay_chances,
)
from commsim.locale import use_language


def frame(profits: dict[str, list[float]], steps: int = 3) -> pd.DataFrame:
    """Runs whose incremental profit rises to ``profits[arm][replicate]`` on the last day."""
    rows = []
    for arm, finals in profits.items():
        for replicate, final in enumerate(finals):
            for step in range(1, steps + 1):
                rows.append(
                    {
                        "run_id": f"{arm}-r{replicate:03d}",
                        "arm": arm,
                        "replicate": replicate,
                        "step": step,
                        "incremental_profit": final * step / steps,
                    }
                )
    return pd.DataFrame(rows)


PROFITS = {"push": [-5.0, 2.0, -1.0, 4.0], "value": [3.0, 1.0, 6.0, -2.0]}


def test_an_arm_pays_in_the_replicates_where_it_ends_above_no_programme():
    chances = pay_chances(at_horizon(frame(PROFITS), ["push", "value"]))
    assert (chances["push"].count, chances["push"].n) == (2, 4)
    assert (chances["value"].count, chances["value"].n) == (3, 4)


def test_the_best_beats_the_runner_up_replicate_by_replicate():
    best, runner_up, chance = lead_chance(at_horizon(frame(PROFITS), ["push", "value"]))
    assert (best, runner_up) == ("value", "push")  # means 2.0 against 0.0
    assert (chance.count, chance.n) == (2, 4)  # value ahead in replicates 0 and 2 only


def test_the_summary_states_both_chances_with_their_counts():
    sentences = dict(chance_sentences(frame(PROFITS), ["push", "value"], horizon=365))
    assert "Push 50% (2 of 4)" in sentences["Chance it pays"]
    assert "Value 75% (3 of 4)" in sentences["Chance it pays"]
    assert sentences["Best against runner-up"].startswith(
        "Value beats Push in 2 of 4 replicates (50%)"
    )
    with use_language("ja"):
        japanese = dict(chance_sentences(frame(PROFITS), ["push", "value"], horizon=365))
    assert "4回中3回" in japanese["採算が合う確率"]


def test_one_arm_has_no_runner_up():
    sentences = chance_sentences(frame({"value": [1.0, -1.0]}), ["value"], horizon=30)
    assert [heading for heading, _ in sentences] == ["Chance it pays"]


def test_the_intervals_say_which_uncertainty_they_include():
    assert "simulation noise only" in intervals_sentence("fixed")
    assert "plausible ranges (prior)" in intervals_sentence("prior")
    posterior = {"evidence": ["Manchanda et al. 2015", "Gordon et al. 2022"]}
    assert "posterior from Manchanda et al. 2015 and Gordon et al. 2022" in intervals_sentence(
        "posterior", posterior
    )


def test_a_folder_from_before_the_assumption_modes_reads_as_fixed():
    assert assumption_mode({}) == ("fixed", None)
    provenance = {"evidence": "seven studies"}
    entry = {"assumptions": {"mode": "posterior", "posterior": provenance}}
    assert assumption_mode(entry) == ("posterior", provenance)
