"""Brands as Mesa agents: a strategy (the config) plus the brand's running accounts.

Money is for the whole market: what the sample buys, replies to or wins in giveaways stands
for ``scale`` times as much (docs/model.md section 7.10).
"""

from __future__ import annotations

import math

import mesa
import numpy as np

from commsim.config import Brand
from commsim.config.brand import MONTH_DAYS
from commsim.config.creators import TIER_FOLLOWERS, TIERS
from commsim.model.accounts import COST_INDEX, COST_ITEMS, post_cost, return_on_cost
from commsim.model.kernels import budget, messaging, sponsored
from commsim.model.kernels.delivery import ranking_multiplier
from commsim.model.kernels.posting import brand_post_counts

REVIEW_Z = 1.96  # the review cancels only below the upper end of a 95% interval


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
        self.period_messages = 0.0  # messages sent in the current month (market)
        self.pace = 1.0  # share of today's planned discretionary spending the budget allows
        self.left_today = float("inf")  # what today's discretionary spending may still cost
        self.budget_cut = 0.0  # what the budget held back today (market money)
        self.cum_budget_cut = 0.0
        self._reply_plan = 0.0  # recent days' planned reply bill (market money)
        self._above_days = 0  # days booked, and the sum of squares of each day's simulated
        self._above_squares = 0.0  # sales above the baseline share (the review's noise)
        self.cum_purchases = 0.0  # simulated purchases of the brand
        self.cum_blocks = 0.0  # simulated friends who blocked a messaging account since day 0
        self.cum_category_purchases = 0.0  # simulated purchases in the whole category
        self._creator_audiences: dict[str, list[np.ndarray]] | None = None
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
        """A new budget month starts every 30 days; with a monthly budget, today's share of
        it for discretionary spending, and the pace that fits the day's plan into it
        (:mod:`commsim.model.kernels.budget`)."""
        if day % MONTH_DAYS == 0:
            self.period_spend = 0.0
            self.period_messages = 0.0  # the plan's quota renews with the month
        self.budget_cut, self.pace, self.left_today = 0.0, 1.0, float("inf")
        if not self.capped:
            return
        s = self.strategy
        days_left = MONTH_DAYS - day % MONTH_DAYS
        per_post = max(post_cost(1, 0, s), post_cost(0, 1, s))  # whatever the mix turns out
        per_post += self._message_cost_per_post()
        reserve = budget.commitments_reserve(
            days_left, s.posts_per_week / 7.0, per_post, self._fixed_per_day()
        )
        self.left_today = budget.day_allowance(
            s.monthly_budget, self.period_spend, reserve, days_left
        )
        planned = self._planned_discretionary(day)
        self.pace = min(1.0, self.left_today / planned) if planned > 0 else 1.0

    @property
    def capped(self) -> bool:
        """The programme runs within a monthly budget."""
        return self.program_active and self.strategy.monthly_budget > 0

    @property
    def spending(self) -> bool:
        """The programme runs: discretionary spending (ads, leader posts, giveaways,
        promotions, replies) goes on, within the day's budget (:meth:`buy`)."""
        return self.program_active

    def _fixed_per_day(self) -> float:
        """Commitments a day: community management, the cultivated leaders' retainers and
        a messaging plan's fee."""
        s, scale = self.strategy, self.model.scenario.scale
        community = s.community_cost_per_day if self.hosting else 0.0
        platform = self.model.scenario.platform
        fee = platform.message_plan_fee / MONTH_DAYS if platform.kind == "messaging" else 0.0
        return community + fee + self.kol_leaders * scale * s.kol_cost_per_leader_month / MONTH_DAYS

    def _message_cost_per_post(self) -> float:
        """What one more broadcast to today's friends would cost a messaging account, at
        the month's place in the plan's price table (0 on a feed)."""
        platform = self.model.scenario.platform
        if platform.kind != "messaging":
            return 0.0
        members = self.model.world.members
        friends = np.count_nonzero(members.follows[:, self.index] | members.member[:, self.index])
        return messaging.message_cost(
            self.period_messages,
            friends * self.model.scenario.scale,
            platform.message_quota,
            platform.message_price_tiers,
            platform.message_price,
        )

    def _planned_discretionary(self, day: int) -> float:
        """What today's plan would spend beyond commitments (market money, expected)."""
        s = self.strategy
        in_window = s.ad_days == 0 or day < s.ad_days
        planned = s.ad_budget_per_day if in_window else 0.0
        planned += s.paid_leader_posts_per_week / 7.0 * s.leader_fee_per_post
        planned += sum(
            creators_in(s, tier) * s.creator_posts_per_month / MONTH_DAYS * fee_per_post(s, tier)
            for tier in TIERS
        )
        planned += s.incentive_followers_per_week / 7.0 * s.incentive_cost_per_follower
        if s.kol_program and (day + 1) % 30 == 0:
            planned += s.kol_per_month * s.kol_cost_per_leader_month / MONTH_DAYS
        return planned + self._reply_plan

    def creator_audiences(self) -> dict[str, list[np.ndarray]]:
        """Each tier's creators' followers among the members: drawn on the first day the
        programme pays creators, then kept (a creator keeps its audience)."""
        if self._creator_audiences is None:
            world, s = self.model.world, self.strategy
            weights = sponsored.follow_weights(world.members.interest)
            market = self.model.scenario.population.market_size
            self._creator_audiences = {
                tier: sponsored.audiences(
                    creators_in(s, tier), TIER_FOLLOWERS[tier], market, weights, world.rng
                )
                for tier in TIERS
            }
        return self._creator_audiences

    def buy(self, planned: int, unit_cost: float) -> int:
        """How many of ``planned`` units (simulated counts, ``unit_cost`` each for the
        market) today's budget buys; books what it held back."""
        if not self.capped:
            return planned
        bought = budget.units_within(planned, unit_cost, self.pace, self.left_today, self.model.rng)
        self.left_today -= bought * unit_cost
        self.budget_cut += (planned - bought) * unit_cost
        return bought

    def buy_replies(self, planned: int) -> int:
        """Replies today's budget pays for, of ``planned``; the plan feeds the next days'
        estimate of the reply bill."""
        unit = self.model.scenario.scale * self.strategy.cost_per_reply
        memory = budget.REPLY_PLAN_MEMORY
        self._reply_plan = memory * self._reply_plan + (1 - memory) * planned * unit
        return self.buy(planned, unit)

    def promotions_within(self, planned: int) -> int:
        """Leaders a promotion may add: no more than a month's commitments at plan (posts,
        community management, every retainer) leave the budget room for."""
        if not self.capped:
            return planned
        s, scale = self.strategy, self.model.scenario.scale
        posts = s.posts_per_week * MONTH_DAYS / 7.0
        content = post_cost(posts * s.value_share, posts * (1 - s.value_share), s)
        room = s.monthly_budget - content - MONTH_DAYS * self._fixed_per_day()
        per_leader = scale * s.kol_cost_per_leader_month
        fits = min(planned, int(max(room, 0.0) // per_leader)) if per_leader > 0 else planned
        self.budget_cut += (planned - fits) * per_leader / MONTH_DAYS
        return self.buy(fits, per_leader / MONTH_DAYS)

    def ad_budget(self, day: int) -> float:
        """Today's paid-reach budget for the whole market, within the day's budget."""
        s = self.strategy
        in_window = s.ad_days == 0 or day < s.ad_days
        if not (self.program_active and in_window):
            return 0.0
        if not self.capped:
            return s.ad_budget_per_day
        spend = min(s.ad_budget_per_day * self.pace, self.left_today)
        self.left_today -= spend
        self.budget_cut += s.ad_budget_per_day - spend
        return spend

    def reset_feed_memory(self) -> None:
        """The feed's prior for a page that starts posting: the reference engagement rate,
        worth ``platform.engagement_prior_impressions`` impressions."""
        platform = self.model.scenario.platform
        self._impressions_avg = platform.engagement_prior_impressions
        self._engagements_avg = platform.reference_engagement_rate * self._impressions_avg
        self.expected_engagements_total = 0.0  # the feed's expected engagements, all days
        self.impressions_total = 0.0

    def observe_engagement(self, engagements: float, impressions: float) -> None:
        """Update the feed's engagement-rate memory with today's brand posts (and the running
        totals a brand profile's pilot reads)."""
        self.expected_engagements_total += float(engagements)
        self.impressions_total += float(impressions)
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
        messages: float = 0.0,
        creator_fees: float = 0.0,
    ) -> np.ndarray:
        """Today's cost by item (``accounts.COST_ITEMS``) for the whole market; the counts
        are the simulated sample's (posts are the brand's own, not scaled). ``messages``
        are the messages a messaging account sent today: past the plan's monthly quota
        they cost the plan's price table, and the plan's fee is paid while it runs.
        ``creator_fees`` are today's sponsored posts' fees (market money)."""
        s, platform = self.strategy, self.model.scenario.platform
        scale = self.model.scenario.scale
        cost = np.zeros(len(COST_ITEMS))
        at = COST_INDEX
        cost[at["content"]] = post_cost(value_posts, push_posts, s)
        cost[at["ads"]] = paid_impressions * scale * platform.cpm / 1000.0
        cost[at["leaders"]] = paid_leader_posts * scale * s.leader_fee_per_post + creator_fees
        if self.program_active:
            cost[at["leaders"]] += (
                self.kol_leaders * scale * s.kol_cost_per_leader_month / MONTH_DAYS
            )
        cost[at["replies"]] = replies * scale * s.cost_per_reply
        cost[at["giveaways"]] = giveaways * scale * s.incentive_cost_per_follower
        cost[at["community"]] = s.community_cost_per_day if self.hosting else 0.0
        if platform.kind == "messaging" and self.program_active:
            sent = messages * scale
            cost[at["messages"]] = platform.message_plan_fee / MONTH_DAYS + messaging.message_cost(
                self.period_messages,
                sent,
                platform.message_quota,
                platform.message_price_tiers,
                platform.message_price,
            )
            self.period_messages += sent
        return cost

    def book(self, purchases: float, category_purchases: float, cost: float) -> tuple[float, float]:
        """Record a day's sales and cost; returns the day's revenue and profit (margin minus
        cost) for the whole market."""
        revenue = purchases * self.model.scenario.scale * self.strategy.price
        profit = revenue * self.strategy.margin - cost
        self.cum_cost += cost
        self.period_spend += cost
        self.cum_budget_cut += self.budget_cut
        self.cum_revenue += revenue
        self.cum_profit += profit
        self.cum_purchases += purchases
        self.cum_category_purchases += category_purchases
        above = purchases - self.strategy.market_share * category_purchases
        self._above_days += 1
        self._above_squares += above * above
        return revenue, profit

    @property
    def roi_all_sales(self) -> float:
        """Cumulative profit over cumulative programme cost, crediting every sale (baseline
        sales included) to the programme (``accounts.return_on_cost``): not the programme's
        return, which is ``incremental_roi`` against the world without it."""
        return return_on_cost(self.cum_profit, self.cum_cost)

    def baseline_roi(self, z: float = 0.0) -> float:
        """ROI on the margin of sales above the brand's baseline share of the category's
        purchases: what a manager can measure against the share before the programme. ``z``
        standard errors are added to the sales above the baseline (days taken as
        independent): the review judges the upper end of their interval."""
        s = self.strategy
        above = self.cum_purchases - s.market_share * self.cum_category_purchases
        n = self._above_days
        if z and n > 1:
            mean = above / n
            variance = max(self._above_squares / n - mean * mean, 0.0) * n / (n - 1)
            above += z * math.sqrt(n * variance)
        margin = above * self.model.scenario.scale * s.price * s.margin
        return return_on_cost(margin - self.cum_cost, self.cum_cost)

    def review(self, day: int) -> None:
        """The management review (seed 000): a programme clearly below its ROI threshold is
        cancelled. The incremental KPI is an estimate from noisy daily sales: the programme
        goes only when even the upper end of its 95% interval falls short (docs/model.md 7.7)."""
        s = self.strategy
        if not (s.review_day and day + 1 == s.review_day and self.program_active):
            return
        if s.review_kpi == "incremental":
            judged = self.baseline_roi(REVIEW_Z)
        elif s.review_kpi == "incremental_point":
            judged = self.baseline_roi()
        else:
            judged = self.roi_all_sales
        if judged < s.review_min_roi:
            self.program_active = False


def creators_in(strategy: Brand, tier: str) -> int:
    """The creators of one tier the brand's programme pays (``brand.<tier>_creators``)."""
    return int(getattr(strategy, f"{tier}_creators"))


def fee_per_post(strategy: Brand, tier: str) -> float:
    """One sponsored post's fee for a creator of the tier (``brand.<tier>_fee_per_post``)."""
    return float(getattr(strategy, f"{tier}_fee_per_post"))
