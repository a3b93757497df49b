"""CommunityModel: the Mesa model that holds the world and runs one day in the order of
docs/model.md section 3.

The model owns the world and the order of the day; the phases live in their own modules
(``exposure``: publish and deliver; ``reaction``: respond; ``membership``: join, giveaways,
leaders; ``shopping``: needs and choices) and every piece of maths in a pure kernel.
"""

from __future__ import annotations

from typing import Any

import mesa
import numpy as np

from commsim.config import Scenario, make_scenario
from commsim.model.accounts import COST_ITEMS
from commsim.model.agents import BrandAgent
from commsim.model.allocator import keep_freed_memory
from commsim.model.history import History, HistoryCache, history_key
from commsim.model.member_state import (
    Members,
    create_members,
    open_community,
    seed_initial_followers,
)
from commsim.model.metrics import FAVOURABLE_ATTITUDE, MetricRecorder
from commsim.model.phases import exposure, membership, reaction, shopping
from commsim.model.phases.exposure import PUSH, VALUE, Exposure, Posts
from commsim.model.phases.reaction import Responses
from commsim.model.phases.shopping import Purchases
from commsim.model.timing import stage
from commsim.model.world import World


def seed_sequence(seed: int | np.random.SeedSequence | None) -> np.random.SeedSequence:
    """Normalise a run's seed once (an int, a SeedSequence, or None for fresh entropy)."""
    return seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(seed)


def market_key(seed: np.random.SeedSequence) -> int:
    """Key of the market's keyed draws: derived from the seed without consuming it."""
    child = np.random.SeedSequence(seed.entropy, spawn_key=(*seed.spawn_key, 0x4D41524B))
    return int(child.generate_state(1, dtype=np.uint64)[0])


# Histories this process lived lately (128 MiB at most): runs on one seed in one market
# fork the history once lived (``commsim.model.history``).
RECENT_HISTORIES = HistoryCache(128 * 2**20)


def start_model(
    scenario: Scenario | dict[str, Any] | None,
    *,
    seed: int | np.random.SeedSequence | None,
    steps_hint: int = 1095,
    histories: HistoryCache | None = RECENT_HISTORIES,
    model_class: type[CommunityModel] | None = None,
    **options: Any,
) -> CommunityModel:
    """A model on day 0 that forks the market history another model of the same market
    lived on the same seed, if ``histories`` holds it, or leaves its own there: the same
    numbers as living it again, in less time. ``histories=None`` lives it, keeping nothing.
    ``model_class`` builds a subclass (a field study's observed model) with ``options``."""
    build = model_class or CommunityModel
    if histories is None:
        return build(scenario, seed=seed, steps_hint=steps_hint, **options)
    scenario, sequence = make_scenario(scenario), seed_sequence(seed)
    key = (repr((sequence.entropy, sequence.spawn_key)), history_key(scenario))
    kept = histories.get(key)
    model = build(
        scenario,
        seed=sequence,
        steps_hint=steps_hint,
        history=kept,
        keep_history=kept is None and histories.admits(scenario.population.members),
        **options,
    )
    if kept is None and model.history is not None:
        histories.put(key, model.history)
    return model


HISTORY_CALIBRATION_DAYS = 7  # the history moves the brand constants once a week


class CommunityModel(mesa.Model):
    """Members, opinion leaders and brands on a platform with limited organic reach."""

    def __init__(
        self,
        scenario: Scenario | dict[str, Any] | None = None,
        *,
        seed: int | np.random.SeedSequence | None = None,
        steps_hint: int = 1095,
        history: History | None = None,
        keep_history: bool = False,
    ) -> None:
        """``history``: start from a :class:`History` lived on the same seed by a scenario
        that differs only in programme settings (the arms of one replicate), instead of
        living it again; the run is identical. ``keep_history``: keep this run's own as
        ``self.history`` for other arms to fork."""
        sequence = seed_sequence(seed)
        super().__init__(rng=np.random.default_rng(sequence))
        keep_freed_memory()  # a day's temporaries reuse freed memory instead of faulting
        self.scenario = make_scenario(scenario)
        key = market_key(sequence)
        self.stage_seconds: dict[str, float] | None = None  # a dict times each stage
        self.history: History | None = history
        if history is None:
            members = create_members(self.scenario, self.rng, key)
        else:
            members, shoppers = history.fork(self.scenario, self.rng)
        brands = [BrandAgent(self, strategy, b) for b, strategy in enumerate(self.scenario.brands)]
        self.world = World(self.scenario, members, brands, self.rng, key)
        if history is None:
            self.shoppers = shopping.open_market(self.scenario, members, key)
            self._live_history()
            if keep_history:
                self.history = History.capture(
                    history_key(self.scenario), members, self.shoppers, self.rng, self.world.sharers
                )
        else:
            self.shoppers = shoppers
            self.world.sharers = history.sharers.copy()
        for brand in brands:
            seed_initial_followers(
                members,
                brand.index,
                brand.strategy.initial_followers,
                self.scenario.scale,
                self.rng,
            )
            if brand.runs_community:
                open_community(members, brand.index)
                brand.community_open = True
        self.metrics = MetricRecorder(steps_hint, [brand.name for brand in brands])

    def _live_history(self) -> None:
        """Before day 0 the market lives ``population.market_history_days`` without any
        programme: habits, attitudes, word of mouth and awareness settle, while the brand
        constants are moved weekly towards the brands' baseline shares; then they stay."""
        m, brands, shoppers = self.members, self.brands, self.shoppers
        history = self.scenario.population.market_history_days
        for brand in brands:
            brand.program_active = False
        shoppers.calibrating = True
        settled = []  # the constants over the history's second half, averaged at the end
        for day in range(-history, 0):
            self.world.day = day
            posts = self._publish()
            seen = self._deliver(posts)
            self._respond(posts, seen)
            self._update_communities(posts, seen)
            self._purchase()
            self._decay()
            if (day + history + 1) % HISTORY_CALIBRATION_DAYS == 0:
                shopping.calibrate_to_market_shares(self.scenario, shoppers)
                if day >= -history // 2:
                    settled.append(shoppers.constants.copy())
        if settled:
            shoppers.constants = np.mean(settled, axis=0)
        shoppers.calibrating = False
        for brand in brands:
            brand.program_active = brand.strategy.program
            brand.reset_feed_memory()
        for funnel in (m.ever_reached, m.ever_engaged, m.ever_bought):
            funnel[:] = False  # the funnel counts from day 0
        self.shoppers.needs[:] = m.in_market  # open needs carry over into day 0
        self.shoppers.decisions[:] = 0

    @property
    def members(self) -> Members:
        return self.world.members

    @property
    def brands(self) -> list[BrandAgent]:
        return self.world.brands

    @property
    def day(self) -> int:
        """Index of the day being simulated (0-based; Mesa counts steps from 1)."""
        return self.steps - 1

    def step(self) -> None:
        """One day: post, deliver, respond, join/leave, leaders, purchases, accounts, decay."""
        self.world.day = self.day
        for brand in self.brands:
            brand.start_day(self.day)
        posts = self._publish()
        seen = self._deliver(posts)
        responses = self._respond(posts, seen)
        giveaways = self._update_communities(posts, seen)
        self._develop_leaders()
        purchases = self._purchase()
        accounts = self._account(posts, seen, responses, giveaways, purchases)
        self._record(posts, seen, responses, purchases, accounts)
        self._decay()

    # -- one day, in order ------------------------------------------------------------------

    @stage("posting")
    def _publish(self) -> Posts:
        return exposure.publish(self.world)

    @stage("delivery")
    def _deliver(self, posts: Posts) -> Exposure:
        return exposure.deliver(self.world, posts)

    @stage("response")
    def _respond(self, posts: Posts, seen: Exposure) -> Responses:
        return reaction.respond(self.world, posts, seen)

    @stage("community")
    def _update_communities(self, posts: Posts, seen: Exposure) -> np.ndarray:
        return membership.update_communities(self.world, posts, seen)

    @stage("leaders")
    def _develop_leaders(self) -> None:
        membership.develop_leaders(self.world)

    @stage("purchase")
    def _purchase(self) -> Purchases:
        world = self.world
        purchases = shopping.shop(
            self.scenario, world.members, self.shoppers, world.market_key, world.day
        )
        membership.follow_from_store(world, purchases.buyers, purchases.brands)
        return purchases

    @stage("accounts")
    def _account(
        self,
        posts: Posts,
        seen: Exposure,
        responses: Responses,
        giveaways: np.ndarray,
        purchases: Purchases,
    ) -> dict[str, np.ndarray]:
        """Costs by item, revenue and profit for the whole market; then the review."""
        n_brands = len(self.brands)
        cost = np.zeros((n_brands, len(COST_ITEMS)))
        revenue, profit = np.zeros(n_brands), np.zeros(n_brands)
        paid = seen.paid.sum(axis=1)
        delivered = seen.delivered.sum(axis=2)
        messages = delivered[:, VALUE] + delivered[:, PUSH] - paid  # brand posts to followers
        for brand in self.brands:
            b = brand.index
            cost[b] = brand.daily_cost(
                int(posts.value[b]),
                int(posts.push[b]),
                paid[b],
                posts.paid_leader[b],
                responses.replies[b],
                giveaways[b],
                messages[b],
                posts.creator_fees[b],
            )
            revenue[b], profit[b] = brand.book(
                purchases.count[b], purchases.category, cost[b].sum()
            )
            brand.cum_blocks += responses.blocks[b]
            brand.review(self.day)
        return {"cost": cost, "revenue": revenue, "profit": profit}

    @stage("decay")
    def _decay(self) -> None:
        m, bh = self.members, self.scenario.behavior
        m.fatigue *= bh.fatigue_decay
        shopping.decay_attitudes(m, bh.attitude_decay)
        m.promo *= bh.promo_memory
        m.engagement_score *= bh.engagement_score_memory
        m.category_boost *= bh.category_memory
        # Awareness the programme created fades without contact; followers, members, people
        # who knew the brand before and those who buy it keep it. Draw only the few that fade.
        habit = m.last_choice[:, None] == np.arange(len(self.brands))
        stale = ~(m.baseline_aware | m.follows | m.member | habit)
        stale &= m.aware & (self.world.day - m.last_contact > bh.awareness_grace_days)
        stale = np.flatnonzero(stale)
        fading = int(self.rng.binomial(stale.size, bh.awareness_decay))
        if fading:
            m.aware.flat[self.rng.choice(stale, size=fading, replace=False)] = False

    @stage("metrics")
    def _record(
        self,
        posts: Posts,
        seen: Exposure,
        responses: Responses,
        purchases: Purchases,
        accounts: dict[str, np.ndarray],
    ) -> None:
        m, bh = self.members, self.scenario.behavior
        n_brands = len(self.brands)
        audience = m.follows | m.member
        recently_active = (self.day - m.last_engaged < bh.active_days) & audience
        delivered = seen.delivered.sum(axis=2)  # (B, KINDS)
        paid = seen.paid.sum(axis=1)
        organic = delivered[:, VALUE] + delivered[:, PUSH] - paid
        impressions = organic + paid
        # Messages friends opened (and read): a follower's brand posts are all organic.
        brand_seen = seen.seen[:, VALUE] + seen.seen[:, PUSH]
        opened = np.where(seen.in_audience, brand_seen, 0.0).sum(axis=1)
        if self.scenario.platform.kind != "messaging":
            opened[:] = 0.0  # a feed has no messages to open
        cum_blocks = np.array([brand.cum_blocks for brand in self.brands])
        aware_count = _count(m.aware)
        attitude_sum = np.array(
            [
                np.add.reduce(m.attitude[:, b], where=m.aware[:, b], dtype=np.float64)
                for b in range(n_brands)
            ]
        )
        cost = accounts["cost"]
        counts = {
            "community_members": _count(m.member),
            "active_members": _count(recently_active),
            "followers": _count(audience),
            "impressions_organic": organic,
            "impressions_paid": paid,
            "engagements": responses.engagements,
            "shares": responses.shares,
            "leaders": np.full(n_brands, np.count_nonzero(m.leader)),
            "purchases": purchases.count,
            "cum_purchases": np.array([brand.cum_purchases for brand in self.brands]),
            "purchases_repeat": purchases.origin[:, 0],
            "purchases_switched": purchases.origin[:, 1],
            "purchases_new": purchases.origin[:, 2],
            "category_purchases": np.full(n_brands, purchases.category),
            "unfollows": responses.unfollows,
            "blocks": responses.blocks,
            "reached_members": _count(m.ever_reached),
            "engaged_members": _count(m.ever_engaged),
            "aware_members": aware_count,
            "buyers": _count(m.ever_bought),
            "reached_aware": _count(m.ever_reached & m.aware),
            "reached_buyers": _count(m.ever_reached & m.ever_bought),
        }
        scale = self.scenario.scale
        self.metrics.record(
            self.day,
            **{name: np.asarray(value, dtype=np.float64) * scale for name, value in counts.items()},
            posts=posts.value + posts.push,
            organic_reach_rate=_ratio(organic, seen.organic_targets),
            engagement_rate=_ratio(responses.engagements, impressions),
            open_rate=_ratio(opened, organic),
            block_rate=_ratio(cum_blocks, counts["followers"] + cum_blocks),
            awareness=aware_count / m.size,
            mean_attitude=_ratio(attitude_sum, aware_count),
            favourable_share=_ratio(
                _count(m.aware & (m.attitude >= FAVOURABLE_ATTITUDE)), aware_count
            ),
            revenue=accounts["revenue"],
            cost=cost.sum(axis=1),
            **{item.metric: cost[:, i] for i, item in enumerate(COST_ITEMS)},
            profit=accounts["profit"],
            budget_cut=[brand.budget_cut for brand in self.brands],
            cum_budget_cut=[brand.cum_budget_cut for brand in self.brands],
            cum_revenue=[brand.cum_revenue for brand in self.brands],
            cum_profit=[brand.cum_profit for brand in self.brands],
            roi_all_sales=[brand.roi_all_sales for brand in self.brands],
            roi_above_baseline=[brand.baseline_roi() for brand in self.brands],
            program_active=[brand.program_active for brand in self.brands],
        )


def _count(flags: np.ndarray) -> np.ndarray:
    """Per brand: how many members have the flag ((N, B) booleans)."""
    return np.array([np.count_nonzero(flags[:, b]) for b in range(flags.shape[1])])


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """Element-wise ratio, 0 where the denominator is 0 (no posts, no one aware)."""
    numerator = np.asarray(numerator, dtype=np.float64)
    denominator = np.asarray(denominator, dtype=np.float64)
    return np.divide(numerator, denominator, out=np.zeros_like(numerator), where=denominator > 0)
