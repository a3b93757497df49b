"""The crossover headline: who overtakes whom, when, and in how many runs; or that no arm
overtakes another (like :mod:`commsim.analysis.findings.experiment_findings`, a sentence computed
from a table).

It exists apart from the other headlines because its story needs its own rules: which
crossovers can be told at all (at least half the replicates cross), which one is the story
(the arm that ends highest), and how a crossover day and its spread over runs read.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from commsim.analysis.display import (
    arm_label,
    display,
    format_day_range,
    format_when,
    in_months,
)
from commsim.locale import join_words, say


def _name(arm: str, labels: Mapping[str, str] | None) -> str:
    return (labels or {}).get(arm) or arm_label(arm)


def crossed_rows(crossovers: pd.DataFrame) -> pd.DataFrame:
    """Crossover rows that can be a headline: at least half the replicates cross."""
    return crossovers[
        (crossovers["share_crossed"] >= 0.5)
        & crossovers["median_day"].notna()
        & crossovers["leader"].notna()
    ]


def _ranked_arms(crossovers: pd.DataFrame, values: pd.DataFrame | None) -> list[str] | None:
    """The reference and every other arm, highest mean at the horizon first (stable order on
    ties); ``None`` when ``values`` does not give every one of them a mean."""
    if values is None or len(crossovers) == 0:
        return None
    arms = [str(crossovers["reference"].iloc[0]), *crossovers["arm"].astype(str)]
    means = values.assign(arm=values["arm"].astype(str)).drop_duplicates("arm")
    means = means.set_index("arm")["mean"].reindex(arms)
    if means.isna().any():
        return None
    return [str(arm) for arm in means.sort_values(ascending=False, kind="stable").index]


def headline_crossover(
    crossovers: pd.DataFrame, values: pd.DataFrame | None = None
) -> pd.Series | None:
    """The crossover row that :func:`crossover_finding` tells, or ``None`` when it tells none.

    The story is the arm that ends highest in ``values`` (``arm``, ``mean`` at the horizon):
    its overtaking of the reference; when the reference ends highest, its overtaking of the arm
    that comes closest. Without ``values`` for every arm the arms cannot be ranked, and the
    earliest crossover is told.
    """
    crossed = crossed_rows(crossovers)
    if len(crossed) == 0:
        return None
    ranked = _ranked_arms(crossovers, values)
    if ranked is None:
        return crossed.sort_values("median_day", kind="stable").iloc[0]
    best, reference = ranked[0], str(crossovers["reference"].iloc[0])
    story = ranked[1] if best == reference else best
    rows = crossed[(crossed["arm"].astype(str) == story) & (crossed["leader"] == best)]
    return rows.iloc[0] if len(rows) else None


def crossover_finding(
    crossovers: pd.DataFrame,
    *,
    horizon: int,
    labels: Mapping[str, str] | None = None,
    values: pd.DataFrame | None = None,
) -> str:
    """The crossover headline: who overtakes whom, when, and in how many runs; or that no
    arm overtakes another.

    ``crossovers``: rows of :func:`commsim.analysis.compare.crossovers`: per arm against the
    reference, the ``leader`` at the horizon, the median day from which it stays ahead having
    been behind, the 2.5%-97.5% range of that day over replicates (``low_day``, ``high_day``)
    and the share of replicates that cross. A crossover is a headline when at least half the
    replicates cross.

    ``values``: one row per arm (the reference included) with the ``mean`` of the metric at
    the horizon. The headline tells the story of the arm that ends highest: when it overtakes
    the reference, and when; when the reference ends highest, whether it overtakes the arm that
    comes closest, or that no arm overtakes it. Without ``values`` the earliest crossover is
    told.
    """
    if len(crossovers) == 0:
        return say("No crossover to report: the experiment has a single arm")
    metric = display(str(crossovers["metric"].iloc[0])).label
    row = headline_crossover(crossovers, values)
    if row is not None:
        return _overtakes(row, metric, horizon, labels)
    ranked = _ranked_arms(crossovers, values)
    if ranked is not None and len(crossed_rows(crossovers)):
        return _highest_does_not_cross(crossovers, ranked, metric, horizon, labels)
    return _no_crossover(crossovers, ranked, metric, horizon, labels)


def _closest(ranked: list[str] | None, reference: str, labels: Mapping[str, str] | None) -> str:
    """``; X comes closest`` when the reference ends highest, so its lead has a runner-up."""
    if ranked is not None and ranked[0] == reference and len(ranked) > 2:
        return say("; {arm} comes closest", arm=_name(ranked[1], labels))
    return ""


def _highest_does_not_cross(
    crossovers: pd.DataFrame,
    ranked: list[str],
    metric: str,
    horizon: int,
    labels: Mapping[str, str] | None,
) -> str:
    """Other arms cross, but the arm that ends highest does not: tell its story, not theirs."""
    reference = str(crossovers["reference"].iloc[0])
    ref, span, best = _name(reference, labels), format_when(horizon, horizon), ranked[0]
    if best == reference:
        return say(
            "No arm overtakes {reference} in {metric} within {span}",
            reference=ref,
            metric=metric,
            span=span,
        ) + _closest(ranked, reference, labels)
    if (crossovers.loc[crossovers["arm"].astype(str) == best, "leader"] == best).any():
        return say(
            "{arm} stays ahead of {reference} in {metric} for all {span}",
            arm=_name(best, labels),
            reference=ref,
            metric=metric,
            span=span,
        )
    # The mean at the horizon and the crossovers' leader disagree: tell the earliest.
    earliest = crossed_rows(crossovers).sort_values("median_day", kind="stable").iloc[0]
    return _overtakes(earliest, metric, horizon, labels)


def _no_crossover(
    crossovers: pd.DataFrame,
    ranked: list[str] | None,
    metric: str,
    horizon: int,
    labels: Mapping[str, str] | None,
) -> str:
    """No arm crosses: who stays ahead of whom at the horizon, or that the arms end level."""
    reference = str(crossovers["reference"].iloc[0])
    ref, span = _name(reference, labels), format_when(horizon, horizon)
    leaders = dict(zip(crossovers["arm"].astype(str), crossovers["leader"], strict=True))
    ahead = [arm for arm, lead in leaders.items() if lead == arm]
    behind = [arm for arm, lead in leaders.items() if lead == reference]
    if ahead:
        return say(
            "No crossover within {span}: {arms} stays ahead of {reference} in {metric}"
            if len(ahead) == 1
            else "No crossover within {span}: {arms} stay ahead of {reference} in {metric}",
            span=span,
            arms=join_words([_name(a, labels) for a in ahead]),
            reference=ref,
            metric=metric,
        ) + (say("; the other arms stay behind it") if behind else "")
    if behind:
        names = _name(behind[0], labels) if len(behind) == 1 else say("every other arm")
        return say(
            "No crossover within {span}: {reference} stays ahead of {arms} in {metric}",
            span=span,
            reference=ref,
            arms=names,
            metric=metric,
        ) + _closest(ranked, reference, labels)
    return say(
        "No crossover in {metric} within {span}: the arms end level", metric=metric, span=span
    )


def _overtakes(row: pd.Series, metric: str, horizon: int, labels: Mapping[str, str] | None) -> str:
    """One crossover row in words: who overtakes whom, when, and the spread over runs."""
    winner = str(row["leader"])
    loser = str(row["reference"] if winner == row["arm"] else row["arm"])
    months = in_months(row["median_day"], horizon)  # one unit for the day and its range
    spread = format_day_range(row["low_day"], row["high_day"], horizon, months=months)
    runs = round(row["share_crossed"] * row["n"])
    when = format_when(row["median_day"], horizon, months=months)
    words = {
        "winner": _name(winner, labels),
        "loser": _name(loser, labels),
        "metric": metric,
        "when": when,
        "spread": spread,
        "runs": runs,
        "n": int(row["n"]),
    }
    if runs >= row["n"]:
        return say(
            "{winner} overtakes {loser} in {metric} after {when} (95% of runs: {spread})", **words
        )
    return say(
        "{winner} overtakes {loser} in {metric} after {when} in {runs} of {n} runs "
        "(95% of those: {spread})",
        **words,
    )
