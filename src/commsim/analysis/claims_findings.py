"""Headline sentences of the claims audit, computed from its tables (like
:mod:`commsim.analysis.findings`): a title never claims more than the numbers show."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from commsim.analysis.claims_verdicts import HOLDS, REVERSED, UNDECIDED, Effect
from commsim.analysis.display import (
    arm_label,
    display,
    factor_label,
    format_interval,
    format_value,
)


def platform_label(name: str) -> str:
    """``facebook_2025`` -> ``Facebook 2025``."""
    return arm_label(name)


def _listing(labels: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    labels = list(labels)
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]}"


def verdict_finding(claim_id: str, title: str, rows: pd.DataFrame) -> str:
    """``F2 Value content beats sales push: holds on Facebook 2012; reversed on Facebook 2025
    and Instagram 2025``: the claim's verdict on each platform, grouped."""
    parts = []
    for verdict, word in ((HOLDS, "holds"), (REVERSED, "reversed"), (UNDECIDED, "undecided")):
        platforms = list(rows.loc[rows["verdict"] == verdict, "platform"])
        if platforms:
            where = "every platform audited" if len(platforms) == len(rows) > 1 else None
            listing = _listing([platform_label(p) for p in platforms])
            parts.append(f"{word} on {where or listing}")
    return f"{claim_id} {title}: {'; '.join(parts) or 'no results'}"


def mechanism_finding(claim_id: str, rows: pd.DataFrame) -> str:
    """Which mechanism carries most of the effect, where its share is largest."""
    shares = rows.dropna(subset=["share_lost"])
    if len(shares) == 0:
        return f"{claim_id}: no mechanism's share could be measured"
    by_mechanism = shares.groupby("mechanism", sort=False)["share_lost"].mean()
    top = str(by_mechanism.idxmax())
    best = shares[shares["mechanism"] == top].sort_values("share_lost").iloc[-1]
    share = float(best["share_lost"])
    platform = platform_label(str(best["platform"]))
    if share <= 0:
        return f"{claim_id}: switching off no single mechanism weakens the effect"
    where = f" on {platform}" if rows["platform"].nunique() > 1 else ""
    lost = "all of the effect and more" if share > 1 else f"{share:.0%} of the effect"
    return f"{claim_id}: without {top}, it loses {lost}{where}"


def screening_finding(claim_id: str, table: pd.DataFrame, count: int = 3) -> str:
    """The parameters that decide the claim's outcome most (Morris mu*), and whether they
    stand apart from the rest: the first one's 95% interval above the next one listed."""
    if len(table) == 0 or not np.isfinite(table["mu_star"]).any():
        return f"{claim_id}: no screening result"
    ranked = table.sort_values("mu_star", ascending=False)
    names = _listing([factor_label(str(key)) for key in ranked.head(count)["parameter"]])
    first = ranked.iloc[0]
    low = first["mu_star"] - first.get("mu_star_conf", np.nan)
    if len(ranked) > count and np.isfinite(low) and low > ranked.iloc[count]["mu_star"]:
        return f"{claim_id} turns most on {names}"
    return f"{claim_id} moves most with {names}, not yet told apart from the rest"


def effect_text(metric: str, found: Effect) -> str:
    """``+12.3k (+4.0k to +20.6k)``, or ``n/a`` without pairs."""
    kind = display(metric).kind
    if not np.isfinite(found.mean):
        return "n/a"
    mean = format_value(found.mean, kind, signed=True)
    if not (np.isfinite(found.low) and np.isfinite(found.high)):
        return f"{mean} (no interval: n = {found.n})"
    return f"{mean} ({format_interval(found.low, found.high, kind, signed=True)})"


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
