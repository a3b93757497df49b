"""Daily metrics per brand: names (a contract), preallocated storage and the tidy table."""

from __future__ import annotations

import numpy as np
import pandas as pd

# Names and meanings are a contract (DESIGN.md section 2): results, charts and tests use them.
METRICS: dict[str, str] = {
    "community_members": "members of the brand's community (0 when it runs none)",
    "active_members": "followers or community members who engaged in the last 30 days",
    "followers": "page followers plus community members (the brand's organic audience)",
    "organic_reach_rate": "brand posts delivered organically / (posts x followers targeted)",
    "impressions_organic": "brand posts delivered to followers",
    "impressions_paid": "paid impressions bought",
    "engagements": "engagements with the brand's posts (likes, comments, shares)",
    "engagement_rate": "engagements / (organic + paid) impressions of brand posts",
    "shares": "shares of the brand's or its community's posts",
    "awareness": "share of all members aware of the brand",
    "mean_attitude": "mean attitude towards the brand among aware members, in [-1, 1]",
    "leaders": "opinion leaders in the population",
    "purchases": "purchases of the brand",
    "revenue": "price x purchases",
    "cost": "content, ads, leader fees, giveaways, replies and community management",
    "profit": "gross margin of purchases minus cost",
    "cum_revenue": "cumulative revenue",
    "cum_profit": "cumulative profit",
    "roi": "cumulative profit / cumulative cost (0 before any cost)",
    "unfollows": "followers and community members lost that day",
    "program_active": "1 while the brand's programme runs, 0 once a review cancelled it",
    "posts": "brand posts published that day",
    "reached_members": "members ever reached by the brand's content (funnel: reached)",
    "engaged_members": "members who ever engaged with the brand's content (funnel: engaged)",
    "aware_members": "members aware of the brand now (funnel: aware)",
    "buyers": "members who ever bought the brand (funnel: bought)",
}

METRIC_NAMES: tuple[str, ...] = tuple(METRICS)
CUMULATIVE_METRICS = ("cum_revenue", "reached_members", "engaged_members", "buyers")
COUNT_METRICS = (
    "community_members",
    "active_members",
    "followers",
    "impressions_organic",
    "impressions_paid",
    "engagements",
    "shares",
    "leaders",
    "purchases",
    "unfollows",
    "posts",
    "reached_members",
    "engaged_members",
    "aware_members",
    "buyers",
)


class MetricRecorder:
    """Preallocated (steps x brands) arrays, one per metric, filled one day at a time."""

    def __init__(self, steps: int, brand_names: list[str]) -> None:
        self.brand_names = list(brand_names)
        shape = (steps, len(brand_names))
        self.values = {name: np.zeros(shape, dtype=np.float64) for name in METRIC_NAMES}
        self.steps_recorded = 0

    def record(self, day: int, **columns: np.ndarray) -> None:
        """Store one day's values: each keyword is a metric, each value one entry per brand."""
        if day >= self.values["posts"].shape[0]:
            self._grow()
        for name, row in columns.items():
            self.values[name][day] = row
        self.steps_recorded = max(self.steps_recorded, day + 1)

    def _grow(self) -> None:
        for name, array in self.values.items():
            self.values[name] = np.concatenate([array, np.zeros_like(array)])

    def to_frame(self) -> pd.DataFrame:
        """Tidy table: one row per day and brand, columns ``step``, ``brand`` and every metric."""
        steps = self.steps_recorded
        n_brands = len(self.brand_names)
        frame = pd.DataFrame(
            {
                "step": np.repeat(np.arange(1, steps + 1), n_brands),
                "brand": np.tile(np.array(self.brand_names, dtype=object), steps),
            }
        )
        for name in METRIC_NAMES:
            column = self.values[name][:steps].reshape(-1)
            frame[name] = column.astype(np.int64) if name in COUNT_METRICS else column
        frame["program_active"] = frame["program_active"].astype(np.int8)
        return frame
