"""Brands as Mesa agents: a strategy (the config) plus the brand's running accounts.

Money is for the whole market: what the sample buys, replies to or wins in giveaways stands
for ``scale`` times as much (docs/model.md section 7.10).
"""

from __future__ import annotations

import mesa
import numpy as np

from commsim.config import Brand
from commsim.model.accounts import COST_INDEX, COST_ITEMS, MONTH_DAYS, post_cost, return_on_cost
from commsim.model.delivery import ranking_multiplier
from commsim.model.posting import brand_post_counts


class BrandAgent(mesa.Agent):
    """One brand: what it publishes and buys each day, what it spends and earns."""

    def __init__(self, model: mesa.Model, strategy: Brand, index: int) -> None:
        super().__init__(model)
        self.strategy = strategy
        self.index = index
        self.program_active = strategy.program
        self.community_open = False  # the programme opens its community on day 0
        self.kol_leaders = 0  # simulated members cultivated so far
        self.cum_cost = 0.0
        self.cum_revenue = 0.0
        self.cum_profit = 0.0
        self.period_spend = 0.0  # spent in the current 30-day budget month
        self.cum_purchases = 0.0  # simulated purchases of the brand
        self.cum_category_purchases = 0.0  # simulated purchases in the whole category
        self._memory = model.scenario.platform.engagement_memory
        self.reset_feed_memory()

    @property
    def name(self) -> str:
        return self.strategy.name

    @property
    def runs_community(self) -> bool:
        """The brand's programme has a community (from day 0)."""
        return self.strategy.program and self.strategy.community != "none"

    @property
    def has_community(self) -> bool:
        """A community exists: the programme opened one (it may since have been cancelled)."""
        return self.community_open

    @property
    def hosting(self) -> bool:
        """The brand runs its community today (posts, replies, management)."""
        return self.has_community and self.program_active

    @property
    def engagement_rate(self) -> float:
        """The feed's running estimate of this brand's engagements per impression."""
        if self._impressions_avg <= 0:
            return self.model.scenario.platform.reference_engagement_rate
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

    def start_day(self, day: int) -> None:
        """A new budget month starts every 30 days."""
        if day % MONTH_DAYS == 0:  # brand.monthly_budget is a budget per MONTH_DAYS
            self.period_spend = 0.0

    @property
    def budget_left(self) -> float:
        """What the month's budget still allows (infinite without a cap)."""
        budget = self.strategy.monthly_budget
        return budget - self.period_spend if budget > 0 else float("inf")

    @property
    def spending(self) -> bool:
        """The programme runs and the month's budget is not spent: discretionary spending
        (ads, leader posts, giveaways, promotions, replies) goes on."""
        return self.program_active and self.budget_left > 0

    def ad_budget(self, day: int) -> float:
        """Today's paid-reach budget for the whole market, within the month's budget."""
        s = self.strategy
        in_window = s.ad_days == 0 or day < s.ad_days
        if not (self.spending and in_window):
            return 0.0
        return min(s.ad_budget_per_day, self.budget_left)

    def reset_feed_memory(self) -> None:
        """The feed's prior for a page that starts posting: the reference engagement rate,
        worth ``platform.engagement_prior_impressions`` impressions."""
        platform = self.model.scenario.platform
        self._impressions_avg = platform.engagement_prior_impressions
        self._engagements_avg = platform.reference_engagement_rate * self._impressions_avg

    def observe_engagement(self, engagements: float, impressions: float) -> None:
        """Update the feed's engagement-rate memory with today's brand posts."""
        self._engagements_avg = self._memory * self._engagements_avg + float(engagements)
        self._impressions_avg = self._memory * self._impressions_avg + float(impressions)

    def daily_cost(
        self,
        value_posts: int,
        push_posts: int,
        paid_impressions: float,
        paid_leader_posts: float,
        replies: float,
        giveaways: float,
    ) -> np.ndarray:
        """Today's cost by item (``accounts.COST_ITEMS``) for the whole market; the counts
        are the simulated sample's (posts are the brand's own, not scaled)."""
        s, platform = self.strategy, self.model.scenario.platform
        scale = self.model.scenario.scale
        cost = np.zeros(len(COST_ITEMS))
        at = COST_INDEX
        cost[at["content"]] = post_cost(value_posts, push_posts, s)
        cost[at["ads"]] = paid_impressions * scale * platform.cpm / 1000.0
        cost[at["leaders"]] = paid_leader_posts * scale * s.leader_fee_per_post
        if self.program_active:
            cost[at["leaders"]] += (
                self.kol_leaders * scale * s.kol_cost_per_leader_month / MONTH_DAYS
            )
        cost[at["replies"]] = replies * scale * s.cost_per_reply
        cost[at["giveaways"]] = giveaways * scale * s.incentive_cost_per_follower
        cost[at["community"]] = s.community_cost_per_day if self.hosting else 0.0
        return cost

    def book(self, purchases: float, category_purchases: float, cost: float) -> tuple[float, float]:
        """Record a day's sales and cost; returns the day's revenue and profit (margin minus
        cost) for the whole market."""
        revenue = purchases * self.model.scenario.scale * self.strategy.price
        profit = revenue * self.strategy.margin - cost
        self.cum_cost += cost
        self.period_spend += cost
        self.cum_revenue += revenue
        self.cum_profit += profit
        self.cum_purchases += purchases
        self.cum_category_purchases += category_purchases
        return revenue, profit

    @property
    def roi(self) -> float:
        """Total ROI: cumulative profit over cumulative programme cost, crediting every sale
        to the programme (``accounts.return_on_cost``)."""
        return return_on_cost(self.cum_profit, self.cum_cost)

    @property
    def baseline_roi(self) -> float:
        """ROI on the margin of sales above the brand's baseline share of the category's
        purchases: what a manager can measure against the share before the programme."""
        s = self.strategy
        above = self.cum_purchases - s.market_share * self.cum_category_purchases
        margin = above * self.model.scenario.scale * s.price * s.margin
        return return_on_cost(margin - self.cum_cost, self.cum_cost)

    def review(self, day: int) -> None:
        """The management review: a programme below its ROI threshold is cancelled (seed 000)."""
        s = self.strategy
        if not (s.review_day and day + 1 == s.review_day and self.program_active):
            return
        judged = self.baseline_roi if s.review_kpi == "incremental" else self.roi
        if judged < s.review_min_roi:
            self.program_active = False
