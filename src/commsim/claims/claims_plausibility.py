"""A claim's effect held against published experience, as every run's arms are (the
plausibility panel, :mod:`commsim.analysis.plausibility`, whose bands it reads).

Two numbers per claim and platform, on the claim's horizon, in the world under audit:

- the **sales gap**: the favoured arm's revenue against the other's, minus 1. No published
  programme lifts sales more than the sales-lift band's top (18%, Dost et al. 2019) against
  doing nothing, so two arms whose sales differ by more than that have at least one of them
  beyond anything published;
- the **return on the added cost**, for claims where one arm buys what the other does not
  (ads, giveaways, creators, replies: ``Claim.buyer``): that arm's extra profit over its extra
  cost, held against the ROI band (-100% to +170%); not judged where it spends no more (a
  monthly budget can make the arms spend alike).

A number outside its band is flagged in ``claims.csv`` (``plausibility``: ``outside``), in
the one-page verdict table of the report and deck, and in each claim's platform table
(docs/model.md 9.3). The runs read are the audit's own; nothing is rescaled.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from commsim.analysis.plausibility import OUTSIDE, WITHIN, bands
from commsim.claims.claims_catalogue import Claim
from commsim.locale import say, tr

# Outcomes every claim's runs are read on at its horizon (cum_cost: the daily cost summed).
MONEY = ("cum_revenue", "cum_cost", "cum_profit")
# Below this share of the buying arm's cost, the arms cost the same: no return is judged.
SAME_COST = 0.01
COLUMNS = ("sales_gap", "cost_return", "plausibility")


@dataclass(frozen=True)
class Plausibility:
    """A claim's sales gap and return on the added cost (NaN where not judged)."""

    sales_gap: float
    cost_return: float

    @property
    def outside(self) -> bool:
        table = bands()
        gap = np.isfinite(self.sales_gap) and abs(self.sales_gap) > table["sales_lift"]["high"]
        roi = table["roi"]
        paid = np.isfinite(self.cost_return) and not (roi["low"] <= self.cost_return <= roi["high"])
        return bool(gap or paid)

    def row(self) -> dict[str, Any]:
        judged = np.isfinite(self.sales_gap) or np.isfinite(self.cost_return)
        verdict = ("outside" if self.outside else "within") if judged else ""
        return {
            "sales_gap": self.sales_gap,
            "cost_return": self.cost_return,
            "plausibility": verdict,
        }


def _totals(rows: pd.DataFrame, metric: str, day: int, brand: str) -> pd.DataFrame:
    """One row per replicate, one column per arm: ``metric`` on ``day`` in the main world."""
    picked = rows[
        (rows["world"] == "main")
        & (rows["metric"] == metric)
        & (rows["day"] == day)
        & (rows["brand"] == brand)
    ]
    return picked.pivot_table(index="replicate", columns="arm", values="value")


def claim_plausibility(rows: pd.DataFrame, one: Claim, horizon: int, focal: str) -> Plausibility:
    """The claim's first comparison on ``horizon`` (``rows``: its long outcomes table)."""
    nan = float("nan")
    first = one.checks[0]
    arms = [first.favoured, first.versus]
    money = {m: _totals(rows, m, horizon, focal) for m in MONEY}
    if any(not set(arms) <= set(table.columns) for table in money.values()):
        return Plausibility(nan, nan)  # a folder from before 0.6.1, or no runs finished
    paired = {m: table[arms].dropna() for m, table in money.items()}
    revenue = paired["cum_revenue"]
    base = revenue[first.versus].mean()
    gap = (revenue[first.favoured] - revenue[first.versus]).mean() / base if base > 0 else nan
    buyer = one.buyer
    bought = _cost_return(paired, buyer, next(a for a in arms if a != buyer)) if buyer else nan
    return Plausibility(float(gap), bought)


def _cost_return(paired: Mapping[str, pd.DataFrame], buyer: str, other: str) -> float:
    """The buying arm's extra profit over its extra cost (NaN when it spends no more)."""
    cost, profit = paired["cum_cost"].mean(), paired["cum_profit"].mean()
    extra = cost[buyer] - cost[other]
    if not extra > SAME_COST * cost[buyer]:
        return float("nan")
    return float((profit[buyer] - profit[other]) / extra)


def _percent(share: float) -> str:
    return f"{share * 100:+.0f}%"


def plausibility_text(row: pd.Series, versus: str) -> str:
    """``revenue +24% against many_poor; return on the added cost +346%: outside anything
    published: treat as a hypothesis`` ("" for a folder from before 0.6.1)."""
    if "plausibility" not in row.index or not isinstance(row["plausibility"], str):
        return ""
    parts = []
    if np.isfinite(row["sales_gap"]):
        parts.append(
            say("revenue {value} against {versus}", value=_percent(row["sales_gap"]), versus=versus)
        )
    if np.isfinite(row["cost_return"]):
        parts.append(say("return on the added cost {value}", value=_percent(row["cost_return"])))
    verdict = tr(OUTSIDE) if row["plausibility"] == "outside" else tr(WITHIN)
    return "; ".join(parts) + f": {verdict}"


def flag(row: pd.Series) -> str:
    """A short flag for the one-page table ("" unless outside)."""
    outside = "plausibility" in row.index and row["plausibility"] == "outside"
    return tr("outside anything published") if outside else ""
