"""Accounting kernels: what content costs, and return on cost that stays meaningful when
the cost is (nearly) nothing."""

from __future__ import annotations

import math
from dataclasses import dataclass

from commsim.config import Brand


@dataclass(frozen=True)
class CostItem:
    """An item of the programme's cost: ``BrandAgent.daily_cost`` fills it by name."""

    name: str
    meaning: str
    label: str  # of its metric, ``cost_<name>``
    word: str  # the item in a sentence ("what the programme spent on {word}")

    @property
    def metric(self) -> str:
        """Its daily column (commsim.model.catalogue)."""
        return f"cost_{self.name}"


# The one list of cost items, in the order of ``BrandAgent.daily_cost`` and of the ``cost_*``
# metrics (commsim.model.catalogue derives those).
COST_ITEMS: tuple[CostItem, ...] = (
    CostItem("content", "cost of making the brand's posts", "content cost", "content"),
    CostItem("ads", "paid impressions shown, at the CPM", "ad cost", "ads"),
    CostItem(
        "leaders", "paid leader posts and the KOL programme", "leader cost", "opinion leaders"
    ),
    CostItem("replies", "replies to members' comments", "reply cost", "replies"),
    CostItem("giveaways", "followers won by giveaways", "giveaway cost", "giveaways"),
    CostItem(
        "community", "community management", "community management cost", "community management"
    ),
    CostItem(
        "messages",
        "messaging: the plan's monthly fee and messages past its quota at the plan's price "
        "table (0 on a feed)",
        "message cost",
        "messages",
    ),
)
COST_INDEX = {item.name: i for i, item in enumerate(COST_ITEMS)}

# Below half a cent a cost is nothing: a ratio over it is not one anyone can act on.
NEGLIGIBLE_COST = 0.005
REFERENCE_QUALITY = 0.5  # post costs are quoted at this quality


def quality_cost_factor(quality: float, elasticity: float) -> float:
    """How much a post of this quality costs against one of quality 0.5."""
    if elasticity == 0:
        return 1.0
    return (max(quality, 0.0) / REFERENCE_QUALITY) ** elasticity


def post_cost(value_posts: float, push_posts: float, brand: Brand) -> float:
    """Cost of making today's posts: per kind, at the brand's quality."""
    factor = quality_cost_factor(brand.quality, brand.quality_cost_elasticity)
    return factor * (value_posts * brand.cost_value_post + push_posts * brand.cost_push_post)


def return_on_cost(profit: float, cost: float) -> float:
    """Profit per unit of cost (0 is break-even).

    Where the cost is negligible the ratio is infinite in the direction of the profit (0
    when there is no profit either): a free programme that earns is never "below" a
    threshold, and a cost of 1e-300 does not give an ROI of 1e301.
    """
    if cost < NEGLIGIBLE_COST:
        return math.copysign(math.inf, profit) if profit != 0 else 0.0
    return profit / cost
