"""Brands as Mesa agents: a strategy (the config) plus the brand's running accounts."""

from __future__ import annotations

import mesa
import numpy as np

from commsim.config import Brand
from commsim.model.delivery import paid_impressions, ranking_multiplier
from commsim.model.posting import brand_post_counts

# Prior weight of the engagement-rate average, in impressions: a new page starts ranked 1.
ER_PRIOR_IMPRESSIONS = 200.0
# Daily persistence of the engagement-rate average (the feed's memory of a page: ~3 weeks).
ER_MEMORY = 0.95


class BrandAgent(mesa.Agent):
    """One brand: what it publishes and buys each day, what it spends and earns."""

    def __init__(self, model: mesa.Model, strategy: Brand, index: int) -> None:
        super().__init__(model)
        self.strategy = strategy
        self.index = index
        self.program_active = True
        self.kol_leaders = 0
        self.cum_cost = 0.0
        self.cum_revenue = 0.0
        self.cum_profit = 0.0
        reference = model.scenario.platform.reference_engagement_rate
        self._engagements_avg = reference * ER_PRIOR_IMPRESSIONS
        self._impressions_avg = ER_PRIOR_IMPRESSIONS

    @property
    def name(self) -> str:
        return self.strategy.name

    @property
    def has_community(self) -> bool:
        return self.strategy.community != "none"

    @property
    def engagement_rate(self) -> float:
        """The feed's running estimate of this brand's engagements per impression."""
        return self._engagements_avg / self._impressions_avg

    def rank(self) -> float:
        platform = self.model.scenario.platform
        return ranking_multiplier(
            self.engagement_rate,
            platform.reference_engagement_rate,
            platform.engagement_ranking,
            platform.rank_limits,
        )

    def plan_posts(self) -> tuple[int, int]:
        """Today's value and push posts (none once the programme is cancelled)."""
        if not self.program_active:
            return 0, 0
        return brand_post_counts(
            self.strategy.posts_per_week, self.strategy.value_share, self.model.rng
        )

    def ad_spend(self, day: int) -> float:
        """Today's paid-reach budget."""
        s = self.strategy
        in_window = s.ad_days == 0 or day < s.ad_days
        return s.ad_budget_per_day if (self.program_active and in_window) else 0.0

    def ad_impressions(self, day: int) -> int:
        return paid_impressions(self.ad_spend(day), self.model.scenario.platform.cpm)

    def observe_engagement(self, engagements: float, impressions: float) -> None:
        """Update the feed's engagement-rate memory with today's brand posts."""
        self._engagements_avg = ER_MEMORY * self._engagements_avg + engagements
        self._impressions_avg = ER_MEMORY * self._impressions_avg + impressions

    def daily_cost(
        self,
        day: int,
        value_posts: int,
        push_posts: int,
        paid_leader_posts: float,
        replies: float,
        giveaways: int,
    ) -> float:
        """Content, ads, leader fees, giveaways, replies and community management today."""
        s = self.strategy
        cost = value_posts * s.cost_value_post + push_posts * s.cost_push_post
        cost += self.ad_spend(day) + paid_leader_posts * s.leader_fee_per_post
        cost += replies * s.cost_per_reply + giveaways * s.incentive_cost_per_follower
        if self.program_active:
            cost += self.kol_leaders * s.kol_cost_per_leader_month / 30.0
            if self.has_community:
                cost += s.community_cost_per_day
        return cost

    def book(self, revenue: float, cost: float) -> float:
        """Record a day's revenue and cost; returns the day's profit (margin minus cost)."""
        profit = revenue * self.strategy.margin - cost
        self.cum_cost += cost
        self.cum_revenue += revenue
        self.cum_profit += profit
        return profit

    @property
    def roi(self) -> float:
        """Cumulative profit / cumulative cost: 0 before any cost, infinite when a profit
        dwarfs a vanishing cost (not an overflow warning)."""
        if self.cum_cost <= 0:
            return 0.0
        with np.errstate(over="ignore"):
            return float(np.float64(self.cum_profit) / np.float64(self.cum_cost))

    def review(self, day: int) -> None:
        """The management review: a programme below its ROI threshold is cancelled (seed 000)."""
        s = self.strategy
        if s.review_day and day + 1 == s.review_day and self.roi < s.review_min_roi:
            self.program_active = False
