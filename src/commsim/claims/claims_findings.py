"""Headline sentences of the claims audit, computed from its tables (like
:mod:`commsim.analysis.findings.experiment_findings`): a title never claims more than the numbers
show."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from commsim.analysis.display import (
    arm_label,
    display,
    format_interval,
    format_value,
)
from commsim.analysis.setting_names import setting_name
from commsim.claims.claims_verdicts import HOLDS, REVERSED, UNDECIDED, Effect
from commsim.locale import join_words, money_unit, say, tr

VERDICT_WORDS = {HOLDS: "holds", REVERSED: "reversed", UNDECIDED: "undecided"}


# Platforms whose preset name does not read as words: LINE is a brand in capitals.
PLATFORM_WORDS = {"line_tw": "LINE Taiwan", "line_jp": "LINE Japan"}


def platform_label(name: str) -> str:
    """``facebook_2025`` -> ``Facebook 2025``; ``line_tw_2025`` -> ``LINE Taiwan 2025``."""
    for stem, words in PLATFORM_WORDS.items():
        if name.startswith(stem + "_"):
            return words + " " + name.removeprefix(stem + "_")
    return arm_label(name)


def _listing(labels: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c`` (in the current language)."""
    return join_words(list(labels))


def arm_name(arm: str) -> str:
    """A claim's arm in words, in the current language: ``few_good`` -> ``few good``
    (the catalogue's arm names, translated like its titles)."""
    return tr(arm.replace("_", " "))


def world_text(text: str) -> str:
    """A claim's reversing world (the catalogue's ``reversal_text``) in the current language."""
    return tr(text)


def verdict_word(verdict: str) -> str:
    """``holds``, ``reversed``, ``undecided`` in the current language."""
    return tr(VERDICT_WORDS.get(verdict, verdict))


def verdict_finding(claim_id: str, title: str, rows: pd.DataFrame) -> str:
    """``F2 Value content beats sales push: holds on Facebook 2012; reversed on Facebook 2025
    and Instagram 2025``: the claim's verdict on each platform, grouped."""
    parts = []
    for verdict in (HOLDS, REVERSED, UNDECIDED):
        platforms = list(rows.loc[rows["verdict"] == verdict, "platform"])
        if platforms:
            every = len(platforms) == len(rows) > 1
            listing = _listing([platform_label(p) for p in platforms])
            where = tr("every platform audited") if every else listing
            parts.append(say("{verdict} on {where}", verdict=verdict_word(verdict), where=where))
    return say(
        "{claim} {title}: {verdicts}",
        claim=claim_id,
        title=tr(title),
        verdicts="; ".join(parts) or tr("no results"),
    )


def mechanism_finding(claim_id: str, rows: pd.DataFrame) -> str:
    """Which mechanism carries most of the effect, where its share is largest."""
    shares = rows.dropna(subset=["share_lost"])
    if len(shares) == 0:
        return say("{claim}: no mechanism's share could be measured", claim=claim_id)
    by_mechanism = shares.groupby("mechanism", sort=False)["share_lost"].mean()
    top = str(by_mechanism.idxmax())
    best = shares[shares["mechanism"] == top].sort_values("share_lost").iloc[-1]
    share = float(best["share_lost"])
    platform = platform_label(str(best["platform"]))
    if share <= 0:
        return say("{claim}: switching off no single mechanism weakens the effect", claim=claim_id)
    where = say(" on {platform}", platform=platform) if rows["platform"].nunique() > 1 else ""
    lost = (
        tr("all of the effect and more")
        if share > 1
        else say("{share} of the effect", share=f"{share:.0%}")
    )
    return say(
        "{claim}: without {mechanism}, it loses {lost}{where}",
        claim=claim_id,
        mechanism=tr(top),
        lost=lost,
        where=where,
    )


def screening_finding(claim_id: str, table: pd.DataFrame, count: int = 3) -> str:
    """The parameters that decide the claim's outcome most (Morris mu*), and whether they
    stand apart from the rest: the first one's 95% interval above the next one listed."""
    if len(table) == 0 or not np.isfinite(table["mu_star"]).any():
        return say("{claim}: no screening result", claim=claim_id)
    ranked = table.sort_values("mu_star", ascending=False)
    names = _listing([setting_name(str(key)).lower() for key in ranked.head(count)["parameter"]])
    first = ranked.iloc[0]
    low = first["mu_star"] - first.get("mu_star_conf", np.nan)
    if len(ranked) > count and np.isfinite(low) and low > ranked.iloc[count]["mu_star"]:
        return say("{claim} depends most on {names}", claim=claim_id, names=names)
    return say(
        "{claim} moves most with {names}, not yet told apart from the rest",
        claim=claim_id,
        names=names,
    )


def effect_text(metric: str, found: Effect) -> str:
    """``+12.3k (+4.0k to +20.6k)``, or ``n/a`` without pairs."""
    kind = display(metric).kind
    if not np.isfinite(found.mean):
        return "n/a"
    mean = format_value(found.mean, kind, signed=True)
    if not (np.isfinite(found.low) and np.isfinite(found.high)):
        return say("{mean} (no interval: n = {n})", mean=mean, n=found.n)
    return f"{mean} ({format_interval(found.low, found.high, kind, signed=True)})"


def effect_unit(metric: str) -> str:
    """The unit an effect is counted in: the currency for money, else the metric's unit."""
    info = display(metric)
    if info.kind == "currency":
        return money_unit()
    return tr(info.unit) if info.kind == "count" and info.unit else ""


def outcome_metric(column: str) -> str:
    """``cum_profit_d1095`` -> ``cum_profit``."""
    return column.rsplit("_d", 1)[0]


def row_effect(row: Mapping[str, Any], *, reversal: bool = False) -> str:
    """A ``claims.csv`` row's effect (or its reversing world's) as text with its interval."""
    mean, low, high = (
        ("reversal_effect", "reversal_low", "reversal_high")
        if reversal
        else ("effect", "ci_low", "ci_high")
    )
    found = Effect(float(row[mean]), float(row[low]), float(row[high]), int(row["n"]))
    return effect_text(outcome_metric(str(row["outcome"])), found)


def percent(share: float) -> str:
    """``35%``; ``n/a`` for an undefined share; never ``-0%``."""
    return "n/a" if not np.isfinite(share) else f"{round(share, 2) + 0.0:.0%}"
