"""Spend against the monthly budget, per arm: what each arm spent a 30-day month, its
highest month, the months over budget, and what the budget held back (docs/model.md 7.7)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from commsim.analysis.display import format_value
from commsim.config.brand import MONTH_DAYS
from commsim.locale import say, tr

# Spend above the budget by less than this share is rounding, not overspending.
TOLERANCE = 1e-9


def budget_use(
    timeseries: pd.DataFrame, arms: Sequence[str], budgets: Mapping[str, float]
) -> pd.DataFrame:
    """One row per arm with a budget: ``budget``, ``mean_month`` (spend a month, mean over
    runs and months), ``highest_month``, ``months_over`` of ``months`` (run-months) and
    ``held_back`` (what the budget held back a month, mean)."""
    rows = []
    for arm in arms:
        budget = float(budgets.get(arm) or 0.0)
        own = timeseries[timeseries["arm"] == arm]
        if budget <= 0 or len(own) == 0:
            continue
        month = (own["step"] - 1) // MONTH_DAYS
        spend = own.groupby([own["replicate"], month])["cost"].sum()
        cut = own["budget_cut"] if "budget_cut" in own.columns else pd.Series(0.0, own.index)
        held = cut.groupby([own["replicate"], month]).sum()
        rows.append(
            {
                "arm": arm,
                "budget": budget,
                "mean_month": float(spend.mean()),
                "highest_month": float(spend.max()),
                "months_over": int((spend > budget * (1 + TOLERANCE)).sum()),
                "months": int(len(spend)),
                "held_back": float(np.nan_to_num(held.mean())),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "arm",
            "budget",
            "mean_month",
            "highest_month",
            "months_over",
            "months",
            "held_back",
        ],
    )


def budget_frame(use: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    """The spend against budget as text in the current language (money in its currency)."""
    rows = []
    for row in use.itertuples(index=False):
        rows.append(
            {
                tr("Arm"): labels.get(row.arm, row.arm),
                tr("Monthly budget"): format_value(row.budget, "currency"),
                tr("Spent a month (mean)"): format_value(row.mean_month, "currency"),
                tr("Highest month"): format_value(row.highest_month, "currency"),
                tr("Months over budget"): say(
                    "{n} of {months}", n=row.months_over, months=row.months
                ),
                tr("Held back a month (mean)"): format_value(row.held_back, "currency"),
            }
        )
    return pd.DataFrame(rows)
