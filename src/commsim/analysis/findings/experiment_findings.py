"""Headline sentences computed from numbers: what a chart or a slide says, in words.

Every sentence here is a pure function of tables (means, intervals, days), so a title can
never claim more than the numbers show: a difference whose interval includes zero is reported
as level. The crossover headline has its module,
:mod:`commsim.analysis.findings.crossover_findings`.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from commsim.analysis.display import (
    MetricDisplay,
    arm_label,
    display,
    factor_label,
    format_interval,
    format_value,
    format_when,
)
from commsim.locale import capitalised, say


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
    if len(ranked) == 1:
        return _single_arm_finding(ranked.iloc[0], info, when, ci)
    leader, follower, diff, sign = _pairing(ranked, values, differences, reference)
    if diff is None or follower is None:
        return say(
            "{arm} loses least in {metric} after {when}: mean {value}"
            if _loses(leader, info)
            else "{arm} ends highest in {metric} after {when}: mean {value}",
            arm=_name(leader["arm"], labels),
            metric=info.label,
            when=when,
            value=format_value(leader["mean"], info.kind),
        )
    return _paired_finding(leader, follower, diff, sign, info, when, ci, labels)


def _loses(leader: pd.Series, info: MetricDisplay) -> bool:
    """Money below zero: the best of losers "loses least" rather than "ends highest"."""
    return info.kind == "currency" and leader["mean"] < 0


def _single_arm_finding(top: pd.Series, info: MetricDisplay, when: str, ci: str) -> str:
    """A lone arm has no one to lead: its mean and interval are the whole story."""
    interval = format_interval(top["ci_low"], top["ci_high"], info.kind)
    return say(
        "{Metric} reaches a mean of {value} after {when} ({ci} {interval})",
        Metric=capitalised(info.label),
        value=format_value(top["mean"], info.kind),
        when=when,
        ci=ci,
        interval=interval,
    )


def _pairing(
    ranked: pd.DataFrame, values: pd.DataFrame, differences: pd.DataFrame, reference: str
) -> tuple[pd.Series, pd.Series | None, pd.Series | None, float]:
    """Who is held against whom: the reference, or the runner-up when the reference leads."""
    top = ranked.iloc[0]
    if top["arm"] == reference:
        other = ranked.iloc[1]
        return top, other, _row_by_arm(differences, other["arm"]), -1.0
    return top, _row_by_arm(values, reference), _row_by_arm(differences, top["arm"]), 1.0


def _paired_finding(
    leader: pd.Series,
    follower: pd.Series,
    diff: pd.Series,
    sign: float,
    info: MetricDisplay,
    when: str,
    ci: str,
    labels: Mapping[str, str] | None,
) -> str:
    """The leader against its pair: a lead is claimed only when the interval excludes zero."""
    mean, low, high = sorted_interval(
        sign * diff["mean"], sign * diff["ci_low"], sign * diff["ci_high"]
    )
    loses = _loses(leader, info)
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

    ``differences``: rows of :func:`commsim.analysis.bands.paired_difference_bands`. The headline
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
