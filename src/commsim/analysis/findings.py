"""Headline sentences computed from numbers: what a chart or a slide says, in words.

Every sentence here is a pure function of tables (means, intervals, crossover days), so a title
can never claim more than the numbers show: a difference whose interval includes zero is
reported as level, and an experiment without a crossover says so.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from commsim.analysis.display import (
    arm_label,
    display,
    factor_label,
    format_day_range,
    format_interval,
    format_value,
    format_when,
    in_months,
)
from commsim.analysis.language import capitalised, join_words, say


def _name(arm: str, labels: Mapping[str, str] | None) -> str:
    return (labels or {}).get(arm) or arm_label(arm)


def _row_by_arm(table: pd.DataFrame, arm: str) -> pd.Series | None:
    rows = table[table["arm"] == arm]
    return rows.iloc[0] if len(rows) else None


def metric_finding(
    values: pd.DataFrame,
    differences: pd.DataFrame,
    *,
    metric: str,
    reference: str,
    when: str,
    labels: Mapping[str, str] | None = None,
    level: float = 0.95,
) -> str:
    """Who ends highest in ``metric`` and whether that lead is clear against the reference.

    ``values``: one row per arm with ``mean``, ``ci_low``, ``ci_high``; ``differences``: one row
    per non-reference arm with the paired difference to the reference (``mean``, ``ci_low``,
    ``ci_high``). A lead counts only when its interval excludes zero.
    """
    info = display(metric)
    ci = say("{level} CI", level=f"{level:.0%}")
    ranked = values.sort_values("mean", ascending=False, kind="stable")
    if len(ranked) == 0:
        return say("No {metric} to show", metric=info.label)
    top = ranked.iloc[0]
    if len(ranked) == 1:
        interval = format_interval(top["ci_low"], top["ci_high"], info.kind)
        return say(
            "{Metric} reaches a mean of {value} after {when} ({ci} {interval})",
            Metric=capitalised(info.label),
            value=format_value(top["mean"], info.kind),
            when=when,
            ci=ci,
            interval=interval,
        )
    if top["arm"] == reference:
        other = ranked.iloc[1]
        diff = _row_by_arm(differences, other["arm"])
        leader, follower = top, other
        sign = -1.0
    else:
        diff = _row_by_arm(differences, top["arm"])
        leader, follower = top, _row_by_arm(values, reference)
        sign = 1.0
    loses = info.kind == "currency" and leader["mean"] < 0  # the best of losers "loses least"
    if diff is None or follower is None:
        return say(
            "{arm} loses least in {metric} after {when}: mean {value}"
            if loses
            else "{arm} ends highest in {metric} after {when}: mean {value}",
            arm=_name(leader["arm"], labels),
            metric=info.label,
            when=when,
            value=format_value(leader["mean"], info.kind),
        )
    mean, low, high = sorted_interval(
        sign * diff["mean"], sign * diff["ci_low"], sign * diff["ci_high"]
    )
    words = {
        "arm": _name(leader["arm"], labels),
        "metric": info.label,
        "when": when,
        "value": format_value(leader["mean"], info.kind),
        "other_value": format_value(follower["mean"], info.kind),
        "other": _name(follower["arm"], labels),
        "gap": format_value(mean, info.kind, signed=True),
        "ci": ci,
        "interval": format_interval(low, high, info.kind, signed=True),
    }
    if low > 0:
        return say(
            "{arm} loses least in {metric} after {when}: mean {value} vs {other_value} for "
            "{other} ({gap}, {ci} {interval})"
            if loses
            else "{arm} ends highest in {metric} after {when}: mean {value} vs {other_value} "
            "for {other} ({gap}, {ci} {interval})",
            **words,
        )
    return say(
        "No clear difference in {metric} after {when}: {arm} mean {value} vs {other_value} "
        "for {other} ({gap}, {ci} {interval})",
        **words,
    )


def sorted_interval(mean: float, a: float, b: float) -> tuple[float, float, float]:
    """Mean and interval bounds in increasing order (negating an interval swaps its ends)."""
    return mean, min(a, b), max(a, b)


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
    span = format_when(horizon, horizon)
    reference = str(crossovers["reference"].iloc[0])
    row = headline_crossover(crossovers, values)
    if row is not None:
        return _overtakes(row, metric, horizon, labels)
    ranked = _ranked_arms(crossovers, values)
    ref = _name(reference, labels)
    closest = ""
    if ranked is not None and ranked[0] == reference and len(ranked) > 2:
        closest = say("; {arm} comes closest", arm=_name(ranked[1], labels))
    crossed = crossed_rows(crossovers)
    if ranked is not None and len(crossed):
        # Other arms cross, but the arm that ends highest does not: tell its story.
        best = ranked[0]
        if best == reference:
            return (
                say(
                    "No arm overtakes {reference} in {metric} within {span}",
                    reference=ref,
                    metric=metric,
                    span=span,
                )
                + closest
            )
        if (crossovers.loc[crossovers["arm"].astype(str) == best, "leader"] == best).any():
            return say(
                "{arm} stays ahead of {reference} in {metric} for all {span}",
                arm=_name(best, labels),
                reference=ref,
                metric=metric,
                span=span,
            )
        # The mean at the horizon and the crossovers' leader disagree: tell the earliest.
        return _overtakes(
            crossed.sort_values("median_day", kind="stable").iloc[0], metric, horizon, labels
        )
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
        return (
            say(
                "No crossover within {span}: {reference} stays ahead of {arms} in {metric}",
                span=span,
                reference=ref,
                arms=names,
                metric=metric,
            )
            + closest
        )
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


def checkpoint_finding(
    values: pd.DataFrame,
    *,
    metric: str,
    horizon: int,
    labels: Mapping[str, str] | None = None,
) -> str:
    """Who leads ``metric`` at each checkpoint, and whether the lead changes hands.

    ``values``: one row per arm x checkpoint with ``arm``, ``checkpoint`` (day) and ``mean``.
    """
    info = display(metric)
    if len(values) == 0:
        return say("No checkpoints to compare in {metric}", metric=info.label)
    ordered = values.sort_values(["checkpoint", "mean"], ascending=[True, False], kind="stable")
    leaders = ordered.groupby("checkpoint", sort=True).head(1)
    days = leaders["checkpoint"].tolist()
    arms = leaders["arm"].tolist()
    # The highest mean is "highest", or, where every arm loses money, "loses least": never a
    # "lead" that is only the least bad.
    losing = info.kind == "currency" and bool((leaders["mean"] < 0).all())
    if len(set(arms)) == 1:
        count = (
            say("the only checkpoint")
            if len(days) == 1
            else say("all {n} checkpoints", n=len(days))
        )
        return say(
            "{arm} loses least in {metric} (mean) at {count}"
            if losing
            else "{arm} has the highest mean {metric} at {count}",
            arm=_name(arms[0], labels),
            metric=info.label,
            count=count,
        )
    last_change = max(i for i in range(1, len(arms)) if arms[i] != arms[i - 1])
    return say(
        "{first} loses least in {metric} (mean) at {when}; {last} from {since} on"
        if losing
        else "{first} has the highest mean {metric} at {when}; {last} from {since} on",
        first=_name(arms[0], labels),
        metric=info.label,
        when=format_when(days[0], horizon),
        last=_name(arms[-1], labels),
        since=format_when(days[last_change], horizon),
    )


def sustained_lead_day(differences: pd.DataFrame) -> tuple[int, int] | None:
    """First day from which the interval of a paired difference excludes zero to the end.

    ``differences``: one arm's rows (``step``, ``ci_low``, ``ci_high``). Returns ``(day, sign)``
    with sign +1 when the arm stays ahead, -1 when it stays behind, or ``None``.
    """
    frame = differences.sort_values("step")
    if len(frame) == 0:
        return None
    above = (frame["ci_low"] > 0).to_numpy()
    below = (frame["ci_high"] < 0).to_numpy()
    for sign, clear in ((1, above), (-1, below)):
        if clear[-1]:
            unclear = (~clear).nonzero()[0]
            start = 0 if len(unclear) == 0 else unclear[-1] + 1
            return int(frame["step"].iloc[start]), sign
    return None


def difference_finding(
    differences: pd.DataFrame,
    *,
    metric: str,
    reference: str,
    horizon: int,
    labels: Mapping[str, str] | None = None,
    level: float = 0.95,
) -> str:
    """How the paired difference to the reference evolves: from when an arm is clearly ahead.

    ``differences``: rows of :func:`commsim.analysis.bands.paired_differences`. The headline
    arm is the one furthest from the reference at the horizon.
    """
    info = display(metric)
    if len(differences) == 0:
        return say("No arm to compare with {reference}", reference=_name(reference, labels))
    last = differences.loc[differences.groupby("arm", sort=False)["step"].idxmax()]
    row = last.loc[last["mean"].abs().idxmax()]
    arm = row["arm"]
    final = format_value(row["mean"], info.kind, signed=True)
    interval = format_interval(row["ci_low"], row["ci_high"], info.kind, signed=True)
    lead = sustained_lead_day(differences[differences["arm"] == arm])
    words = {
        "arm": _name(arm, labels),
        "reference": _name(reference, labels),
        "metric": info.label,
        "span": format_when(horizon, horizon),
        "final": final,
        "ci": say("{level} CI", level=f"{level:.0%}"),
        "interval": interval,
    }
    if lead is None:
        return say(
            "No clear difference in {metric} between {arm} and {reference} after {span}: "
            "{final} on average ({ci} {interval})",
            **words,
        )
    day, sign = lead
    since = (
        say("from the start")
        if day <= differences["step"].min()
        else say("from {when} on", when=format_when(day, horizon))
    )
    return say(
        "{arm} is clearly ahead of {reference} in {metric} {since}: {final} on average after "
        "{span} ({ci} {interval})"
        if sign > 0
        else "{arm} is clearly behind {reference} in {metric} {since}: {final} on average "
        "after {span} ({ci} {interval})",
        since=since,
        **words,
    )


def main_effects(
    values: pd.DataFrame, arm_levels: Mapping[str, Mapping[str, object]]
) -> pd.DataFrame:
    """Mean outcome per factor level, averaged over the other factors' levels.

    ``values``: one row per arm with ``mean``. Returns ``factor``, ``level``, ``mean``.
    """
    rows = []
    for _, row in values.iterrows():
        for factor, level in arm_levels.get(row["arm"], {}).items():
            rows.append({"factor": factor, "level": level, "mean": row["mean"]})
    table = pd.DataFrame(rows, columns=["factor", "level", "mean"])
    return table.groupby(["factor", "level"], sort=False)["mean"].mean().reset_index()


def factor_finding(
    values: pd.DataFrame,
    arm_levels: Mapping[str, Mapping[str, object]],
    *,
    metric: str,
    when: str,
) -> str:
    """Which factor moves ``metric`` most (largest spread of main effects), and which way."""
    info = display(metric)
    effects = main_effects(values, arm_levels)
    if len(effects) == 0:
        return say("No factors to compare in {metric}", metric=info.label)
    spread = effects.groupby("factor", sort=False)["mean"].agg(lambda s: s.max() - s.min())
    factor = spread.idxmax()
    rows = effects[effects["factor"] == factor].sort_values("mean", ascending=False)
    best, worst = rows.iloc[0], rows.iloc[-1]
    label = factor_label(factor)
    return say(
        "{Factor} moves {metric} most after {when}: {best} for {factor} {best_level} vs "
        "{worst} for {worst_level} (mean over the other factors)",
        Factor=capitalised(label),
        factor=label,
        metric=info.label,
        when=when,
        best=format_value(best["mean"], info.kind),
        best_level=best["level"],
        worst=format_value(worst["mean"], info.kind),
        worst_level=worst["level"],
    )
