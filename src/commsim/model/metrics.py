"""Daily metrics per brand: names (a contract), preallocated storage and the tidy table."""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

# Names and meanings are a contract (docs/model.md section 8): results, charts and tests use
# them. Counts of people and events and money are for the whole market (the simulated sample
# times the scale, docs/model.md section 7.10); shares and rates are the sample's.
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
    "favourable_share": "share of aware members who like the brand (attitude at least "
    "FAVOURABLE_ATTITUDE, a quarter of the way from neutral to devoted)",
    "leaders": "opinion leaders in the population",
    "purchases": "purchases of the brand",
    "cum_purchases": "cumulative purchases of the brand since day 0",
    "purchases_repeat": "purchases by people who bought the brand last time",
    "purchases_switched": "purchases by people who last bought a rival brand",
    "purchases_new": "purchases by people who last bought the rest of the category",
    "category_purchases": "purchases in the whole category (every brand and the rest)",
    "revenue": "price x purchases",
    "cost": "programme cost: content, ads, leaders, replies, giveaways, community management",
    "cost_content": "cost of making the brand's posts",
    "cost_ads": "paid impressions shown, at the CPM",
    "cost_leaders": "paid leader posts and the KOL programme",
    "cost_replies": "replies to members' comments",
    "cost_giveaways": "followers won by giveaways",
    "cost_community": "community management",
    "cost_messages": "messaging: the plan's monthly fee and messages past its quota at the "
    "plan's price table (0 on a feed)",
    "budget_cut": "discretionary spending the plan asked for that the monthly budget held "
    "back that day (ads, leader posts and promotions, replies, giveaways; docs/model.md 7.7)",
    "cum_budget_cut": "cumulative budget_cut since day 0",
    "profit": "gross margin of purchases minus programme cost",
    "cum_revenue": "cumulative revenue",
    "cum_profit": "cumulative profit",
    "roi_all_sales": "cumulative profit / cumulative programme cost, every sale (baseline "
    "sales included) credited to the programme: not the programme's return, which is "
    "incremental_roi (0 with no cost and no profit; infinite with profit and no cost)",
    "roi_above_baseline": "ROI on the margin of sales above the brand's baseline share of the "
    "category's purchases (what the review judges by default)",
    "unfollows": "followers and community members lost that day (blocks included)",
    "blocks": "friends who blocked the brand's messaging account that day (every departure "
    "from a messaging account is a block; 0 on a feed)",
    "block_rate": "messaging: friends who blocked since day 0 / (friends now + they): the "
    "block rate LINE reports, for the friends of day 0 and those won since (0 on a feed)",
    "open_rate": "messaging: brand messages friends opened / messages delivered to friends "
    "(0 on a feed)",
    "program_active": "1 while the brand's programme runs, 0 once a review cancelled it",
    "posts": "brand posts published that day",
    "reached_members": "members ever reached by the brand's content (funnel: reached)",
    "engaged_members": "members who ever engaged with the brand's content (funnel: engaged)",
    "aware_members": "members aware of the brand now (funnel: aware)",
    "buyers": "members who ever bought the brand (funnel: bought)",
    "reached_aware": "members ever reached who are aware of the brand now (nested funnel)",
    "reached_buyers": "members ever reached who have since bought the brand (nested funnel)",
}

METRIC_NAMES: tuple[str, ...] = tuple(METRICS)
# Attitude from which a member counts as favourable: a quarter of the way from neutral (0) to
# devoted (1), about half of what a satisfied buyer reaches (brand.experience 0.5).
FAVOURABLE_ATTITUDE = 0.25
CUMULATIVE_METRICS = (
    "cum_revenue",
    "cum_purchases",
    "reached_members",
    "engaged_members",
    "buyers",
)
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
    "cum_purchases",
    "purchases_repeat",
    "purchases_switched",
    "purchases_new",
    "category_purchases",
    "unfollows",
    "blocks",
    "posts",
    "reached_members",
    "engaged_members",
    "aware_members",
    "buyers",
    "reached_aware",
    "reached_buyers",
)
# Counts of the simulated sample that stand for the market (all counts but the brand's posts).
MARKET_COUNTS = tuple(name for name in COUNT_METRICS if name != "posts")


class MetricRecorder:
    """Preallocated (steps x brands) arrays, one per metric, filled one day at a time."""

    def __init__(self, steps: int, brand_names: list[str]) -> None:
        self.brand_names = list(brand_names)
        shape = (steps, len(brand_names))
        self.values = {name: np.zeros(shape, dtype=np.float64) for name in METRIC_NAMES}
        self.steps_recorded = 0

    def record(self, day: int, **columns: ArrayLike) -> None:
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
            frame[name] = np.rint(column).astype(np.int64) if name in COUNT_METRICS else column
        frame["program_active"] = frame["program_active"].astype(np.int8)
        return frame
