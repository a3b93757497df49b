"""CommunityModel: the Mesa model that holds the world and runs one day in the order of
DESIGN.md.

The model owns state and the order of the day. The two big phases live in their own modules
(``exposure``: publish and deliver; ``reaction``: respond); the smaller ones are methods
here; every piece of maths lives in a pure kernel (``posting``, ``delivery``, ``response``,
``community``, ``market``).
"""

from __future__ import annotations

from typing import Any

import mesa
import numpy as np

from commsim.config import Scenario, make_scenario
from commsim.model import community, market
from commsim.model.agents import BrandAgent
from commsim.model.allocator import keep_freed_memory
from commsim.model.exposure import LEADER, PUSH, SHARE, VALUE, Exposure, Posts, deliver, publish
from commsim.model.metrics import MetricRecorder
from commsim.model.population import Members, community_fit, create_members
from commsim.model.reaction import respond
from commsim.model.timing import stage

# A KOL programme's attention lifts a promoted member's attitude halfway to 1 (assumption).
KOL_ATTITUDE_LIFT = 0.5
# Engagement score half-life ~ a month: the KOL programme looks at recent activity.
ENGAGEMENT_SCORE_MEMORY = 0.977
# Awareness is safe for this many days after the last contact, then may fade.
AWARENESS_GRACE_DAYS = 30


def seed_sequence(seed: int | np.random.SeedSequence | None) -> np.random.SeedSequence:
    """Normalise a run's seed once (an int, a SeedSequence, or None for fresh entropy)."""
    return seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(seed)


class CommunityModel(mesa.Model):
    """Members, opinion leaders and brands on a platform with limited organic reach."""

    def __init__(
        self,
        scenario: Scenario | dict[str, Any] | None = None,
        *,
        seed: int | np.random.SeedSequence | None = None,
        steps_hint: int = 1095,
    ) -> None:
        super().__init__(rng=np.random.default_rng(seed_sequence(seed)))
        keep_freed_memory()  # a day's temporaries reuse freed memory instead of faulting
        self.scenario = make_scenario(scenario)
        self.members: Members = create_members(self.scenario, self.rng)
        self.brands = [
            BrandAgent(self, strategy, b) for b, strategy in enumerate(self.scenario.brands)
        ]
        self.metrics = MetricRecorder(steps_hint, [brand.name for brand in self.brands])
        behavior = self.scenario.behavior
        self.need_probability = market.need_probability(
            self.members.interest, behavior.purchase_cycle_days, behavior.need_interest_elasticity
        )
        # Category needs as waiting times: the day each member's next need arrives (day 0 is
        # the first daily chance), the same law as a daily coin flip without drawing N coins.
        self.need_day = market.days_until(self.need_probability, self.rng) - 1
        self.decision_day = np.zeros(self.members.size, dtype=np.int32)
        self.sharers = np.empty(0, dtype=np.int64)  # members with shares made yesterday
        self.stage_seconds: dict[str, float] | None = None  # a dict times each stage

    @property
    def day(self) -> int:
        """Index of the day being simulated (0-based; Mesa counts steps from 1)."""
        return self.steps - 1

    def step(self) -> None:
        """One day: post, deliver, respond, join/leave, leaders, purchases, accounts, decay."""
        posts = self._publish()
        exposure = self._deliver(posts)
        brand_engagements, shares, replies, unfollows = self._respond(posts, exposure)
        giveaways = self._update_communities(exposure)
        self._develop_leaders()
        purchases = self._purchase()
        revenue, cost, profit = self._account(posts, replies, giveaways, purchases)
        self._record(
            posts, exposure, brand_engagements, shares, unfollows, purchases, revenue, cost, profit
        )
        self._decay()

    # -- one day, in order ------------------------------------------------------------------

    @stage("posting")
    def _publish(self) -> Posts:
        return publish(self)

    @stage("delivery")
    def _deliver(self, posts: Posts) -> Exposure:
        return deliver(self, posts)

    @stage("response")
    def _respond(self, posts: Posts, exposure: Exposure):
        return respond(self, posts, exposure)

    @stage("community")
    def _update_communities(self, exposure: Exposure) -> np.ndarray:
        m, bh = self.members, self.scenario.behavior
        giveaways = np.zeros(len(self.brands), np.int64)
        for brand in self.brands:
            b, s = brand.index, brand.strategy
            opportunities = exposure.seen[b, SHARE] + exposure.paid[b] + exposure.seen[b, LEADER]
            if brand.has_community:
                opportunities = opportunities + exposure.invitations[b]
            met = opportunities > 0  # no meeting, no chance to join
            candidates = exposure.who[met]
            fit = community_fit(m, b, s.community, candidates)
            p_join = community.join_probability(fit, opportunities[met], bh.join_base)
            # Page followers (giveaway winners too) may still join the brand's community.
            target = m.member if brand.has_community else m.follows
            joining = candidates[
                ~target[candidates, b] & (self.rng.random(candidates.size) < p_join)
            ]
            if brand.program_active and s.incentive_followers_per_week > 0:
                audience = m.follows[:, b] | m.member[:, b]
                audience[joining] = True
                bought = community.giveaway_followers(
                    audience, s.incentive_followers_per_week, self.rng
                )
                m.follows[bought, b] = True
                m.aware[bought, b] = True
                m.last_contact[bought, b] = self.day
                giveaways[b] = bought.size
            target[joining, b] = True
            m.aware[joining, b] = True
            m.last_contact[joining, b] = self.day
        return giveaways

    @stage("leaders")
    def _develop_leaders(self) -> None:
        """A KOL programme promotes its most engaged community members once a month."""
        if (self.day + 1) % 30:
            return
        m = self.members
        for brand in self.brands:
            s, b = brand.strategy, brand.index
            if not (s.kol_program and brand.program_active and brand.has_community):
                continue
            picks = community.kol_candidates(
                m.engagement_score[:, b], m.member[:, b] & ~m.leader, s.kol_per_month
            )
            m.leader[picks] = True
            m.attitude[picks, b] += KOL_ATTITUDE_LIFT * (1.0 - m.attitude[picks, b])
            brand.kol_leaders += picks.size

    @stage("purchase")
    def _purchase(self) -> np.ndarray:
        m, bh = self.members, self.scenario.behavior
        n_brands = len(self.brands)
        # A need arrives on its drawn day; the member then shops a geometric number of days
        # (a daily 1 / shopping_days chance to decide, the day of arrival included).
        arriving = np.flatnonzero(self.need_day == self.day)
        m.in_market[arriving] = True
        shopping = market.days_until(np.full(arriving.size, 1.0 / bh.shopping_days), self.rng)
        self.decision_day[arriving] = self.day + shopping - 1
        shoppers = np.flatnonzero(m.in_market)
        deciding = shoppers[self.decision_day[shoppers] == self.day]
        purchases = np.zeros(n_brands, np.int64)
        if deciding.size == 0:
            return purchases
        m.in_market[deciding] = False
        self.need_day[deciding] = self.day + market.days_until(
            self.need_probability[deciding], self.rng
        )
        appeal = np.array([brand.strategy.appeal for brand in self.brands])
        utility = market.purchase_utility(
            m.attitude[deciding],
            m.promo[deciding],
            m.aware[deciding],
            appeal,
            bh.beta_attitude,
            bh.promo_lift,
        )
        choice = market.choose(utility, bh.outside_utility, self.rng)
        bought = choice >= 0
        buyers, brands = deciding[bought], choice[bought]
        purchases[:] = np.bincount(brands, minlength=n_brands)
        m.ever_bought[buyers, brands] = True
        m.attitude[buyers, brands] += bh.satisfaction * (1.0 - m.attitude[buyers, brands])
        return purchases

    @stage("accounts")
    def _account(self, posts: Posts, replies, giveaways, purchases):
        n_brands = len(self.brands)
        revenue, cost, profit = np.zeros(n_brands), np.zeros(n_brands), np.zeros(n_brands)
        for brand in self.brands:
            b = brand.index
            revenue[b] = purchases[b] * brand.strategy.price
            cost[b] = brand.daily_cost(
                self.day,
                int(posts.value[b]),
                int(posts.push[b]),
                posts.paid_leader[b],
                replies[b],
                int(giveaways[b]),
            )
            profit[b] = brand.book(revenue[b], cost[b])
            brand.review(self.day)
        return revenue, cost, profit

    @stage("decay")
    def _decay(self) -> None:
        m, bh = self.members, self.scenario.behavior
        m.fatigue *= bh.fatigue_decay
        m.attitude *= 1.0 - bh.attitude_decay  # response.decay_toward_neutral, in place
        m.promo *= bh.promo_memory
        m.engagement_score *= ENGAGEMENT_SCORE_MEMORY
        # Each stale awareness fades with a daily chance: draw only the few that do.
        stale = np.flatnonzero(m.aware & (self.day - m.last_contact > AWARENESS_GRACE_DAYS))
        fading = int(self.rng.binomial(stale.size, bh.awareness_decay))
        if fading:
            m.aware.flat[self.rng.choice(stale, size=fading, replace=False)] = False

    @stage("metrics")
    def _record(
        self, posts, exposure, engagements, shares, unfollows, purchases, revenue, cost, profit
    ) -> None:
        m = self.members
        n_brands = len(self.brands)
        audience = m.follows | m.member
        recently_active = community.active(m.last_engaged, self.day) & audience
        delivered = exposure.delivered.sum(axis=2)  # (B, KINDS)
        paid = exposure.paid.sum(axis=1)
        organic = delivered[:, VALUE] + delivered[:, PUSH] - paid
        impressions = organic + paid
        aware_count = _count(m.aware)
        attitude_sum = np.array(
            [
                np.add.reduce(m.attitude[:, b], where=m.aware[:, b], dtype=np.float64)
                for b in range(n_brands)
            ]
        )
        self.metrics.record(
            self.day,
            community_members=_count(m.member),
            active_members=_count(recently_active),
            followers=_count(audience),
            organic_reach_rate=_ratio(organic, exposure.organic_targets),
            impressions_organic=organic,
            impressions_paid=paid,
            engagements=engagements,
            engagement_rate=_ratio(engagements, impressions),
            shares=shares,
            awareness=aware_count / m.size,
            mean_attitude=_ratio(attitude_sum, aware_count),
            leaders=np.full(n_brands, np.count_nonzero(m.leader)),
            purchases=purchases,
            revenue=revenue,
            cost=cost,
            profit=profit,
            cum_revenue=[brand.cum_revenue for brand in self.brands],
            cum_profit=[brand.cum_profit for brand in self.brands],
            roi=[brand.roi for brand in self.brands],
            unfollows=unfollows,
            program_active=[brand.program_active for brand in self.brands],
            posts=posts.value + posts.push,
            reached_members=_count(m.ever_reached),
            engaged_members=_count(m.ever_engaged),
            aware_members=aware_count,
            buyers=_count(m.ever_bought),
        )


def _count(flags: np.ndarray) -> np.ndarray:
    """Per brand: how many members have the flag ((N, B) booleans)."""
    return np.array([np.count_nonzero(flags[:, b]) for b in range(flags.shape[1])])


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """Element-wise ratio, 0 where the denominator is 0 (no posts, no one aware)."""
    numerator = np.asarray(numerator, dtype=np.float64)
    denominator = np.asarray(denominator, dtype=np.float64)
    return np.divide(numerator, denominator, out=np.zeros_like(numerator), where=denominator > 0)
