"""Headline sentences about what a programme adds against doing nothing: the answer, the
payback and the incremental profit (the executive summary), and the titles of the charts of
extra sales, costs and the funnel.

One "when does it pay" number everywhere: the **payback day** against the world without the
programme (``crossovers.csv``, rows with ``metric == "payback"``): per run, the first day from
which incremental cumulative profit stays positive; the median over the runs that pay back,
and the range holding 95% of them.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from commsim.analysis.display import (
    arm_label,
    format_day_range,
    format_interval,
    format_value,
    format_when,
    in_months,
)
from commsim.locale import money_unit, say, tr
from commsim.model.accounts import COST_ITEMS as MODEL_COST_ITEMS


def _name(arm: str, labels: Mapping[str, str] | None) -> str:
    return (labels or {}).get(arm) or arm_label(arm)


def money(value: float, *, signed: bool = False) -> str:
    """``+12.3k USD``: an amount with its currency."""
    return f"{format_value(value, 'currency', signed=signed)} {money_unit()}"


def money_interval(low: float, high: float) -> str:
    """``-158k to -54.0k``: an interval of amounts (the currency is named with the mean)."""
    return format_interval(low, high, "currency", signed=True)


def best_arm(values: pd.DataFrame) -> pd.Series | None:
    """The row (``arm``, ``mean``, ``ci_low``, ``ci_high``) with the highest mean."""
    if len(values) == 0:
        return None
    return values.sort_values("mean", ascending=False, kind="stable").iloc[0]


def payback_of(paybacks: pd.DataFrame, arm: str) -> pd.Series | None:
    rows = paybacks[paybacks["arm"].astype(str) == arm]
    return rows.iloc[0] if len(rows) else None


def pays_back(row: pd.Series | None) -> bool:
    """Whether at least half of the runs pay back (the median day is then a payback day)."""
    return row is not None and row["share_crossed"] >= 0.5 and pd.notna(row["median_day"])


def payback_phrase(row: pd.Series | None, horizon: int) -> str:
    """``pays back after 14 months (95% of runs: 11-17)``; in some runs only, or not at all."""
    span = format_when(horizon, horizon)
    if row is None:
        return say("has no payback recorded")
    if not row["share_crossed"] > 0 or pd.isna(row["median_day"]):
        return say("does not pay back within {span}", span=span)
    months = in_months(row["median_day"], horizon)
    words = {
        "when": format_when(row["median_day"], horizon, months=months),
        "spread": format_day_range(row["low_day"], row["high_day"], horizon, months=months),
        "runs": round(row["share_crossed"] * row["n"]),
        "n": int(row["n"]),
        "span": span,
    }
    if row["share_crossed"] >= 1:
        return say("pays back after {when} (95% of runs: {spread})", **words)
    if row["share_crossed"] >= 0.5:
        return say("pays back after {when} in {runs} of {n} runs (95% of those: {spread})", **words)
    return say("pays back within {span} in only {runs} of {n} runs", **words)


def incremental_finding(
    values: pd.DataFrame,
    paybacks: pd.DataFrame,
    *,
    horizon: int,
    labels: Mapping[str, str] | None = None,
) -> str:
    """Does it pay? The arm with the highest incremental profit at the horizon (``values``:
    ``arm``, ``mean``, ``ci_low``, ``ci_high``), its interval and its payback."""
    best = best_arm(values)
    span = format_when(horizon, horizon)
    if best is None:
        return say("No incremental profit to show")
    words = {
        "arm": _name(str(best["arm"]), labels),
        "value": money(best["mean"], signed=True),
        "interval": money_interval(best["ci_low"], best["ci_high"]),
        "span": span,
        "n": len(values),
    }
    if best["ci_low"] > 0:
        payback = payback_phrase(payback_of(paybacks, str(best["arm"])), horizon)
        return say(
            "{arm} pays: {value} profit against no programme after {span} "
            "(mean; 95% CI {interval}); it {payback}",
            payback=payback,
            **words,
        )
    if best["ci_high"] < 0:
        if len(values) == 1:
            return say(
                "{arm} does not pay within {span}: {value} against no programme "
                "(mean; 95% CI {interval})",
                **words,
            )
        return say(
            "No strategy pays within {span}: the best, {arm}, ends at {value} against no "
            "programme (mean; 95% CI {interval})",
            **words,
        )
    return say(
        "No clear gain within {span}: {arm} ends at {value} against no programme "
        "(mean; 95% CI {interval})",
        **words,
    )


def summary_sentences(
    values: pd.DataFrame,
    paybacks: pd.DataFrame,
    *,
    horizon: int,
    labels: Mapping[str, str] | None = None,
) -> list[tuple[str, str]]:
    """The executive summary: (heading, sentence) for the answer, the payback and the
    incremental profit with its interval, one sentence each."""
    best = best_arm(values)
    if best is None:
        return []
    span = format_when(horizon, horizon)
    arm = _name(str(best["arm"]), labels)
    answer = _answer_sentence(best, arm, len(values), span)
    when = _payback_sentence(best, arm, paybacks, horizon, labels)
    profit = say(
        "Over {span}, {arm} adds {value} of profit against no programme (mean of runs; "
        "95% CI {interval})."
        if best["mean"] >= 0
        else "Over {span}, {arm} loses {value} of profit against no programme (mean of runs; "
        "95% CI {interval}).",
        span=span,
        arm=arm,
        value=money(abs(best["mean"])),
        interval=money_interval(best["ci_low"], best["ci_high"]),
    )
    return [(tr("The answer"), answer), (tr("When it pays"), when), (tr("How much"), profit)]


def _answer_sentence(best: pd.Series, arm: str, count: int, span: str) -> str:
    """The answer follows the best arm's interval: it pays, it loses, or it is unclear."""
    if best["ci_low"] > 0:
        if count == 1:
            return say("{arm} pays for itself within {span}.", arm=arm, span=span)
        return say(
            "{arm} is the best of the {n} strategies: it adds the most profit against "
            "doing nothing over {span}.",
            arm=arm,
            n=count,
            span=span,
        )
    if best["ci_high"] < 0:
        if count == 1:
            return say("{arm} does not pay for itself within {span}.", arm=arm, span=span)
        return say(
            "None of the {n} strategies pays for itself within {span}; {arm} loses least.",
            n=count,
            span=span,
            arm=arm,
        )
    return say("No strategy clearly pays within {span}; {arm} comes closest.", span=span, arm=arm)


def _payback_sentence(
    best: pd.Series,
    arm: str,
    paybacks: pd.DataFrame,
    horizon: int,
    labels: Mapping[str, str] | None,
) -> str:
    """When it pays: the best arm's payback, else the earliest arm that pays back, else none."""
    payback = payback_of(paybacks, str(best["arm"]))
    paid = [r for _, r in paybacks.iterrows() if pays_back(r)]
    if pays_back(payback):
        return say("{arm} {payback}.", arm=arm, payback=payback_phrase(payback, horizon))
    if paid:
        first = min(paid, key=lambda r: r["median_day"])
        return say(
            "{arm} {payback}; {best} does not.",
            arm=_name(str(first["arm"]), labels),
            payback=payback_phrase(first, horizon),
            best=arm,
        )
    return say(
        "No strategy pays back within {span} (payback: the first day from which profit "
        "stays above the world without the programme).",
        span=format_when(horizon, horizon),
    )


def sources_finding(
    table: pd.DataFrame, *, horizon: int, labels: Mapping[str, str] | None = None
) -> str:
    """Where the best arm's extra sales come from (``table``: rows of
    :func:`commsim.analysis.incremental.against_world` for the purchase origins)."""
    if len(table) == 0:
        return say("No purchases to split by origin")
    totals = table.groupby("arm", sort=False)["mean"].sum()
    arm = str(totals.idxmax())
    rows = table[table["arm"] == arm].set_index("metric")
    total = float(totals[arm])
    span = format_when(horizon, horizon)
    words = {"arm": _name(arm, labels), "span": span, "total": format_value(total, "count")}
    if total <= 0:
        return say(
            "No strategy adds purchases over {span}: the best, {arm}, sells {total} against "
            "no programme (mean)",
            **words,
        )
    origin = str(rows["mean"].idxmax())
    share = float(rows.loc[origin, "mean"]) / total
    return say(
        "{arm} adds the most purchases over {span}: {total} more than with no programme "
        "(mean), {share} of them {origin}",
        origin=tr(ORIGIN_WORDS[origin]),
        share=format_value(share, "share"),
        **words,
    )


ORIGIN_WORDS = {
    "purchases_repeat": "repeat purchases",
    "purchases_switched": "switched from rivals",
    "purchases_new": "new to the brand",
}


def cost_finding(
    totals: pd.DataFrame, *, horizon: int, labels: Mapping[str, str] | None = None
) -> str:
    """Which item costs most (``totals``: mean programme cost per item, one row per arm)."""
    if len(totals) == 0 or float(totals.to_numpy().sum()) <= 0:
        return say("The programme costs nothing in any arm")
    spend = totals.sum(axis=1)
    arm = str(spend.idxmax())
    item = str(totals.loc[arm].idxmax())
    return say(
        "{arm} spends the most over {span}: {total} (mean of runs), {share} of it on {item}",
        arm=_name(arm, labels),
        span=format_when(horizon, horizon),
        total=money(float(spend[arm])),
        share=format_value(float(totals.loc[arm, item] / spend[arm]), "share"),
        item=tr(COST_WORDS.get(item, item)),
    )


# Each cost metric's item in a sentence (model/accounts.py, the one list of cost items).
COST_WORDS = {item.metric: item.word for item in MODEL_COST_ITEMS}


def funnel_finding(
    buyers: pd.DataFrame, *, horizon: int, labels: Mapping[str, str] | None = None
) -> str:
    """Who adds the most buyers against no programme (``buyers``: rows of
    :func:`commsim.analysis.incremental.against_world` for ``buyers``)."""
    best = best_arm(buyers)
    if best is None:
        return say("No buyers to compare")
    words = {
        "arm": _name(str(best["arm"]), labels),
        "value": format_value(best["mean"], "count", signed=True),
        "interval": format_interval(best["ci_low"], best["ci_high"], "count", signed=True),
        "span": format_when(horizon, horizon),
    }
    if best["ci_low"] > 0:
        return say(
            "{arm} wins the most buyers: {value} against no programme after {span} "
            "(mean; 95% CI {interval})",
            **words,
        )
    return say(
        "No strategy clearly adds buyers after {span}: the best, {arm}, {value} against no "
        "programme (mean; 95% CI {interval})",
        **words,
    )
