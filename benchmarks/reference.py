"""An idiomatic per-agent Mesa reference of commsim's daily dynamics.

Every member is a ``mesa.Agent`` that reads its friends, receives, responds, joins, shops
and forgets one event at a time in plain Python, the way a Mesa model is usually written.
It implements the rules and parameters of the vectorized engine (``commsim.model``) from
scratch, so it serves twice: as the speed baseline of ``python -m benchmarks`` and as a
second implementation that the docking test compares with the engine.

Shared with the engine: the scenario (``commsim.config``), the initial population and
network (``create_members``, so one seed draws the same world), the brands' own accounts
(``BrandAgent``) and the metric table (``MetricRecorder``). Nothing of the members' daily
dynamics is shared.
"""

from __future__ import annotations

import math
from typing import Any

import mesa
import numpy as np
import pandas as pd

from commsim.config import Scenario, make_scenario
from commsim.model.agents import BrandAgent
from commsim.model.market import need_probability
from commsim.model.metrics import MetricRecorder
from commsim.model.model import (
    AWARENESS_GRACE_DAYS,
    ENGAGEMENT_SCORE_MEMORY,
    KOL_ATTITUDE_LIFT,
    MEMBER_CONTENT_QUALITY,
    seed_sequence,
)
from commsim.model.population import create_members

ACTIVE_DAYS = 30  # DESIGN.md: active = engaged in the last 30 days
DORMANT_DAYS = 90  # members who have not engaged for 90 days may drift off
VALUE, PUSH, LEADER, COMMUNITY, SHARE = range(5)


def binomial(n: int, p: float, rand) -> int:
    """Successes in n Bernoulli(p) trials, one trial at a time."""
    if n <= 0 or p <= 0.0:
        return 0
    return sum(1 for _ in range(n) if rand() < p)


def poisson(rate: float, rand) -> int:
    """Knuth's Poisson draw (the rates here are small)."""
    limit, k, product = math.exp(-rate), 0, rand()
    while product > limit:
        k += 1
        product *= rand()
    return k


def _clip01(p: float) -> float:
    return 0.0 if p < 0.0 else 1.0 if p > 1.0 else p


def at_least_once(p: float, n: int) -> float:
    return 1.0 - (1.0 - _clip01(p)) ** n


class Member(mesa.Agent):
    """One platform member; per-brand state is held in short lists indexed by brand."""

    def __init__(self, model: ReferenceModel, i: int, state: Any) -> None:
        super().__init__(model)
        brands = range(len(model.brands))
        self.interest = float(state.interest[i])
        self.activity = float(state.activity[i])
        self.susceptibility = float(state.susceptibility[i])
        self.affinity = [float(state.affinity[i, b]) for b in brands]
        self.leader = bool(state.leader[i])
        self.aware = [bool(state.aware[i, b]) for b in brands]
        self.attitude = [float(state.attitude[i, b]) for b in brands]
        self.follows = [bool(state.follows[i, b]) for b in brands]
        self.member = [bool(state.member[i, b]) for b in brands]
        self.last_contact = [int(state.last_contact[i, b]) for b in brands]
        self.last_engaged = [int(state.last_engaged[i, b]) for b in brands]
        self.need_probability = float(model.need_probability[i])
        self.fatigue = [0.0 for _ in brands]
        self.promo = [0.0 for _ in brands]
        self.engagement_score = [0.0 for _ in brands]
        self.shares = [0 for _ in brands]  # made today, seen by friends tomorrow
        self.ever_reached = [False for _ in brands]
        self.ever_engaged = [False for _ in brands]
        self.ever_bought = [False for _ in brands]
        self.in_market = False
        self.friends: list[Member] = []
        self.paid = [0 for _ in brands]
        self._clear_inbox()

    def _clear_inbox(self) -> None:
        """Friends' posts, shares and invitations arrive here during the publish phase."""
        brands = range(len(self.model.brands))
        self.inbox = [[0, 0, 0, 0, 0] for _ in brands]
        self.leader_posts = [0 for _ in brands]  # leader posts published by friends
        self.leader_voice_sum = [0.0 for _ in brands]
        self.invitations = [0 for _ in brands]

    def in_audience(self, b: int) -> bool:
        return self.follows[b] or self.member[b]

    def publish(self) -> None:
        """Post as a leader or community member; show friends yesterday's shares; invite."""
        model, rand, bh = self.model, self.random.random, self.model.scenario.behavior
        platform, day = model.scenario.platform, model.day
        for brand in model.brands:
            b = brand.index
            organic = 0
            if self.leader and self.attitude[b] > 0.0:
                rate = bh.leader_post_rate * bh.leader_mention * self.attitude[b]
                organic = poisson(rate, rand)
            paid = model.paid_leader_posts[b].get(self, 0)
            mentions = organic + paid
            if mentions:
                voice = organic * self.attitude[b] + paid * brand.strategy.quality
                for friend in self.friends:
                    friend.leader_posts[b] += mentions
                    friend.leader_voice_sum[b] += voice
                    friend.inbox[b][LEADER] += binomial(mentions, platform.leader_reach, rand)
            if self.shares[b]:
                for friend in self.friends:
                    friend.inbox[b][SHARE] += binomial(
                        self.shares[b], platform.share_visibility, rand
                    )
            if self.member[b] and day - self.last_engaged[b] < ACTIVE_DAYS:
                for friend in self.friends:
                    friend.invitations[b] += rand() < bh.invite_rate
            if self.member[b] and model.vitality[b] > 0.0:
                posts = poisson(bh.member_post_rate * self.activity * model.vitality[b], rand)
                model.member_posts[b] += posts
                model.member_voice_sum[b] += posts * self.attitude[b]

    def step(self) -> None:
        """Open the feed, attend to a feed's worth, respond, then join or not."""
        delivered = self._receive()
        seen = self._attend(delivered)
        for brand in self.model.brands:
            b = brand.index
            voice = self.leader_voice_sum[b] / max(self.leader_posts[b], 1)
            self._respond(brand, seen[b], delivered[b], voice)
        for brand in self.model.brands:
            self._join(brand, seen[brand.index], self.invitations[brand.index])
        self._clear_inbox()

    def _receive(self) -> list[list[int]]:
        """Brand posts (organic and paid) and community posts join the friends' inbox."""
        model, rand = self.model, self.random.random
        platform = model.scenario.platform
        delivered = self.inbox
        for brand in model.brands:
            b, counts = brand.index, self.inbox[brand.index]
            if self.in_audience(b):
                counts[VALUE] = binomial(model.value_posts[b], model.reach[b], rand)
                counts[PUSH] = binomial(model.push_posts[b], model.reach[b], rand)
            paid_value = binomial(self.paid[b], brand.strategy.value_share, rand)
            counts[VALUE] += paid_value
            counts[PUSH] += self.paid[b] - paid_value
            if self.member[b]:
                counts[COMMUNITY] = binomial(model.member_posts[b], platform.community_reach, rand)
        return delivered

    def _attend(self, delivered: list[list[int]]) -> list[list[int]]:
        """Over feed capacity, each post is seen with probability capacity / total."""
        capacity = self.model.scenario.platform.feed_capacity
        total = sum(sum(counts) for counts in delivered)
        if total <= capacity:
            return delivered
        rand, keep = self.random.random, capacity / total
        return [[binomial(n, keep, rand) for n in counts] for counts in delivered]

    def _respond(
        self, brand: BrandAgent, seen: list[int], delivered: list[int], leader_voice: float
    ) -> None:
        """React to what was seen (nothing to do on an empty day), then stay or leave."""
        b = brand.index
        ignored = False
        if any(delivered):
            ignored = self._react(brand, seen, delivered, leader_voice)
        else:
            self.shares[b] = 0
        if self.in_audience(b):
            self._stay_or_leave(b, ignored)

    def _react(
        self, brand: BrandAgent, seen: list[int], delivered: list[int], leader_voice: float
    ) -> bool:
        """Engage, change attitude, tire, share; True if a comment went unanswered."""
        model, rand, bh = self.model, self.random.random, self.model.scenario.behavior
        b, s, day = brand.index, brand.strategy, model.day
        fatigue, attitude = self.fatigue[b], self.attitude[b]
        rho_push = 1.0 if self.in_market else self.affinity[b]
        willing = bh.engage_base * self.activity * math.exp(-fatigue)
        value_p = willing * s.quality * self.interest * bh.trust_brand
        push_p = willing * s.quality * rho_push * bh.trust_brand
        share_p = willing * s.quality * self.interest * bh.trust_friend
        community_p = willing * MEMBER_CONTENT_QUALITY * self.interest * bh.trust_friend
        on_brand = binomial(seen[VALUE], value_p, rand) + binomial(seen[PUSH], push_p, rand)
        on_share = binomial(seen[SHARE], share_p, rand)
        on_community = binomial(seen[COMMUNITY], community_p, rand)
        model.engagements[b] += on_brand
        model.brand_impressions[b] += delivered[VALUE] + delivered[PUSH]
        total = on_brand + on_share + on_community
        if total:
            self.last_engaged[b] = day
            self.ever_engaged[b] = True
            self.engagement_score[b] += total

        gain = bh.value_attitude_gain * s.quality * self.interest * s.brand_mention
        gain *= self.susceptibility
        attitude += (1.0 - attitude) * at_least_once(gain * bh.trust_brand, seen[VALUE])
        attitude += (1.0 - attitude) * at_least_once(gain * bh.trust_friend, seen[SHARE])
        mention = 1.0 if s.community == "brand" else s.brand_mention
        community_mentions = binomial(seen[COMMUNITY], mention, rand)
        influence = bh.social_influence * self.susceptibility
        pull = at_least_once(influence * bh.trust_leader, seen[LEADER])
        attitude += pull * (leader_voice - attitude)
        pull = at_least_once(influence * bh.trust_friend, community_mentions)
        attitude += pull * (model.member_voice[b] - attitude)
        comments = on_brand + on_community
        ignored = False
        if comments:
            responsiveness = s.responsiveness if brand.program_active else 0.0
            replies = binomial(comments, responsiveness, rand)
            model.replies[b] += replies
            if replies:
                attitude += bh.reply_gain * (1.0 - attitude)
            else:
                attitude -= bh.neglect_loss * (1.0 + attitude)
                ignored = True
        self.attitude[b] = min(max(attitude, -1.0), 1.0)

        self.fatigue[b] = fatigue + bh.push_fatigue * (1.0 - rho_push) * seen[PUSH]
        self.promo[b] += seen[PUSH]
        named = seen[VALUE] + seen[PUSH] + seen[LEADER] + seen[SHARE] + community_mentions
        if named:
            self.aware[b] = True
            self.last_contact[b] = day
        if sum(delivered):
            self.ever_reached[b] = True

        will = bh.share_base * self.activity * math.exp(-fatigue)
        shares = binomial(seen[VALUE] + seen[SHARE], will * s.quality * self.interest, rand)
        shares += binomial(seen[PUSH], will * s.quality * rho_push, rand)
        shares += binomial(seen[COMMUNITY], will * MEMBER_CONTENT_QUALITY * self.interest, rand)
        self.shares[b] = shares
        model.shares_made[b] += shares
        return ignored

    def _stay_or_leave(self, b: int, ignored: bool) -> None:
        """Fatigue, months without value, or an unanswered comment may end a follow."""
        bh, day = self.model.scenario.behavior, self.model.day
        pressure = -4.0 * (self.fatigue[b] - bh.unfollow_threshold)
        stay = 1.0 - bh.unfollow_max / (1.0 + math.exp(pressure))
        if self.member[b] and day - self.last_engaged[b] > DORMANT_DAYS:
            stay *= 1.0 - bh.dormant_leave
        if ignored:
            stay *= 1.0 - bh.neglect_unfollow
        if self.random.random() < 1.0 - stay:
            self.follows[b] = self.member[b] = False
            self.model.unfollows[b] += 1

    def _join(self, brand: BrandAgent, seen: list[int], invitations: int) -> None:
        """Each meeting with the community converts with join_base x fit."""
        b, s, bh = brand.index, brand.strategy, self.model.scenario.behavior
        meetings = seen[SHARE] + self.paid[b] + seen[LEADER]
        if brand.has_community:
            meetings += invitations
            joined = self.member
        else:
            joined = self.follows
        if not meetings or joined[b]:
            return
        if s.community == "topic":
            fit = self.interest
        else:
            fit = _clip01(self.affinity[b] + max(self.attitude[b], 0.0))
        if self.random.random() < at_least_once(bh.join_base * fit, meetings):
            joined[b] = True
            self.aware[b] = True
            self.last_contact[b] = self.model.day

    def shop(self) -> None:
        """A need may arrive; a shopper picks a brand it knows, or none, by logit."""
        rand, bh = self.random.random, self.model.scenario.behavior
        if not self.in_market and rand() < self.need_probability:
            self.in_market = True
        if not (self.in_market and rand() < 1.0 / bh.shopping_days):
            return
        self.in_market = False
        weights = []
        for brand in self.model.brands:
            b = brand.index
            if self.aware[b]:
                utility = brand.strategy.appeal + bh.beta_attitude * self.attitude[b]
                utility += bh.promo_lift * min(self.promo[b], 1.0)
                weights.append((b, math.exp(utility)))
        draw = rand() * (math.exp(bh.outside_utility) + sum(w for _, w in weights))
        for b, weight in weights:
            draw -= weight
            if draw < 0.0:
                self.ever_bought[b] = True
                self.attitude[b] += bh.satisfaction * (1.0 - self.attitude[b])
                self.model.purchases[b] += 1
                return

    def forget(self) -> None:
        """Night: fatigue, attitude, promotions and unrefreshed awareness fade."""
        bh, day = self.model.scenario.behavior, self.model.day
        for b in range(len(self.model.brands)):
            self.fatigue[b] *= bh.fatigue_decay
            self.attitude[b] *= 1.0 - bh.attitude_decay
            self.promo[b] *= bh.promo_memory
            self.engagement_score[b] *= ENGAGEMENT_SCORE_MEMORY
            stale = day - self.last_contact[b] > AWARENESS_GRACE_DAYS
            if self.aware[b] and stale and self.random.random() < bh.awareness_decay:
                self.aware[b] = False
        self.paid = [0 for _ in self.model.brands]


class ReferenceModel(mesa.Model):
    """The day of ``CommunityModel``, stepped member by member."""

    def __init__(
        self,
        scenario: Scenario | dict[str, Any] | None = None,
        *,
        seed: int | np.random.SeedSequence | None = None,
        steps_hint: int = 1095,
    ) -> None:
        scenario = make_scenario(scenario)
        rng = np.random.default_rng(seed_sequence(seed))
        state = create_members(scenario, rng)  # the engine's initial world for this seed
        super().__init__(rng=rng)
        self.scenario = scenario
        self.brands = [BrandAgent(self, strategy, b) for b, strategy in enumerate(scenario.brands)]
        bh = scenario.behavior
        self.need_probability = need_probability(
            state.interest, bh.purchase_cycle_days, bh.need_interest_elasticity
        )
        people = [Member(self, i, state) for i in range(state.size)]
        indptr, indices = state.network.indptr, state.network.indices
        for i, person in enumerate(people):
            person.friends = [people[j] for j in indices[indptr[i] : indptr[i + 1]]]
        self.members = self.agents_by_type[Member]
        self.metrics = MetricRecorder(steps_hint, [brand.name for brand in self.brands])

    @property
    def day(self) -> int:
        return self.steps - 1

    def step(self) -> None:
        """One day, in the engine's order, each member acting for itself."""
        self._plan_posts()
        self.members.do("publish")
        self._open_feeds()
        self.members.do("step")
        giveaways = self._close_feeds()
        self._develop_leaders()
        self.purchases = [0 for _ in self.brands]
        self.members.do("shop")
        self._account_and_record(giveaways)
        self.members.do("forget")

    def _plan_posts(self) -> None:
        n_brands = len(self.brands)
        self.value_posts, self.push_posts = [0] * n_brands, [0] * n_brands
        self.paid_leader_posts: list[dict[Member, int]] = [{} for _ in self.brands]
        self.member_posts, self.member_voice_sum = [0] * n_brands, [0.0] * n_brands
        self.vitality = [0.0] * n_brands
        leaders = [person for person in self.members if person.leader]
        for brand in self.brands:
            b, s = brand.index, brand.strategy
            self.value_posts[b], self.push_posts[b] = brand.plan_posts()
            if brand.program_active and leaders:
                for _ in range(poisson(s.paid_leader_posts_per_week / 7.0, self.random.random)):
                    leader = self.random.choice(leaders)
                    self.paid_leader_posts[b][leader] = self.paid_leader_posts[b].get(leader, 0) + 1
            if brand.has_community:
                size = sum(1 for person in self.members if person.member[b])
                active = sum(
                    1
                    for person in self.members
                    if person.member[b] and self.day - person.last_engaged[b] < ACTIVE_DAYS
                )
                self.vitality[b] = active / size if size else 0.0

    def _open_feeds(self) -> None:
        """Organic reach for today's audience sizes, paid impressions, community voice."""
        platform = self.scenario.platform
        n_brands = len(self.brands)
        self.reach, self.organic_targets = [0.0] * n_brands, [0] * n_brands
        self.paid_impressions = [0] * n_brands
        for brand in self.brands:
            b, s = brand.index, brand.strategy
            audience = sum(1 for person in self.members if person.in_audience(b))
            base = platform.organic_reach
            for ceiling, tier_reach in platform.organic_reach_tiers:
                if audience < ceiling:
                    base = tier_reach
                    break
            decline = (1.0 - platform.reach_decline_per_year) ** (self.day / 365.0)
            self.reach[b] = _clip01(base * decline * brand.rank())
            self.organic_targets[b] = (self.value_posts[b] + self.push_posts[b]) * audience
            impressions = brand.ad_impressions(self.day)
            outside = [person for person in self.members if not person.in_audience(b)]
            weights = [p.interest if s.ad_targeting == "interest" else 1.0 for p in outside]
            if impressions > 0 and sum(weights) > 0:
                for person in self.random.choices(outside, weights, k=impressions):
                    person.paid[b] += 1
            self.paid_impressions[b] = impressions if outside and sum(weights) > 0 else 0
        self.member_voice = [
            voice / posts if posts else 0.0
            for voice, posts in zip(self.member_voice_sum, self.member_posts, strict=True)
        ]
        for name in ("engagements", "brand_impressions", "shares_made", "replies", "unfollows"):
            setattr(self, name, [0] * n_brands)

    def _close_feeds(self) -> list[int]:
        """Brands learn today's engagement rate; giveaways add followers at random."""
        giveaways = [0] * len(self.brands)
        for brand in self.brands:
            b, s = brand.index, brand.strategy
            brand.observe_engagement(self.engagements[b], self.brand_impressions[b])
            if brand.program_active and s.incentive_followers_per_week > 0:
                outside = [person for person in self.members if not person.in_audience(b)]
                count = poisson(s.incentive_followers_per_week / 7.0, self.random.random)
                for person in self.random.sample(outside, min(count, len(outside))):
                    person.follows[b] = person.aware[b] = True
                    person.last_contact[b] = self.day
                    giveaways[b] += 1
        return giveaways

    def _develop_leaders(self) -> None:
        """Once a month a KOL programme promotes its most engaged community members."""
        if (self.day + 1) % 30:
            return
        for brand in self.brands:
            b, s = brand.index, brand.strategy
            if not (s.kol_program and brand.program_active and brand.has_community):
                continue
            eligible = [p for p in self.members if p.member[b] and not p.leader]
            eligible.sort(key=lambda p: p.engagement_score[b], reverse=True)
            for person in eligible[: s.kol_per_month]:
                if person.engagement_score[b] > 0:
                    person.leader = True
                    person.attitude[b] += KOL_ATTITUDE_LIFT * (1.0 - person.attitude[b])
                    brand.kol_leaders += 1

    def _account_and_record(self, giveaways: list[int]) -> None:
        day, n_brands = self.day, len(self.brands)
        row: dict[str, list[float]] = {name: [0.0] * n_brands for name in COUNTED}
        leaders = sum(1 for person in self.members if person.leader)
        for person in self.members:
            for b in range(n_brands):
                audience = person.in_audience(b)
                row["community_members"][b] += person.member[b]
                row["followers"][b] += audience
                row["active_members"][b] += audience and day - person.last_engaged[b] < 30
                row["aware_members"][b] += person.aware[b]
                row["attitude_sum"][b] += person.attitude[b] if person.aware[b] else 0.0
                row["reached_members"][b] += person.ever_reached[b]
                row["engaged_members"][b] += person.ever_engaged[b]
                row["buyers"][b] += person.ever_bought[b]
        revenue, cost, profit = [0.0] * n_brands, [0.0] * n_brands, [0.0] * n_brands
        for brand in self.brands:
            b = brand.index
            revenue[b] = self.purchases[b] * brand.strategy.price
            paid_leader = sum(self.paid_leader_posts[b].values())
            cost[b] = brand.daily_cost(
                day,
                self.value_posts[b],
                self.push_posts[b],
                paid_leader,
                self.replies[b],
                giveaways[b],
            )
            profit[b] = brand.book(revenue[b], cost[b])
            brand.review(day)
        paid = np.array(self.paid_impressions, dtype=float)
        impressions = np.array(self.brand_impressions, dtype=float)
        aware = np.array(row.pop("aware_members"))
        attitude_sum = np.array(row.pop("attitude_sum"))
        self.metrics.record(
            day,
            **row,
            organic_reach_rate=_ratio(impressions - paid, self.organic_targets),
            impressions_organic=impressions - paid,
            impressions_paid=paid,
            engagements=self.engagements,
            engagement_rate=_ratio(self.engagements, impressions),
            shares=self.shares_made,
            awareness=aware / len(self.members),
            mean_attitude=_ratio(attitude_sum, aware),
            aware_members=aware,
            leaders=[leaders] * n_brands,
            purchases=self.purchases,
            revenue=revenue,
            cost=cost,
            profit=profit,
            cum_revenue=[brand.cum_revenue for brand in self.brands],
            cum_profit=[brand.cum_profit for brand in self.brands],
            roi=[brand.roi for brand in self.brands],
            unfollows=self.unfollows,
            program_active=[brand.program_active for brand in self.brands],
            posts=[v + p for v, p in zip(self.value_posts, self.push_posts, strict=True)],
        )


COUNTED = (
    "community_members",
    "followers",
    "active_members",
    "aware_members",
    "attitude_sum",
    "reached_members",
    "engaged_members",
    "buyers",
)


def _ratio(numerator, denominator) -> list[float]:
    return [n / d if d > 0 else 0.0 for n, d in zip(numerator, denominator, strict=True)]


def run_reference(
    scenario: Scenario | dict[str, Any] | None = None,
    steps: int = 1095,
    seed: int | np.random.SeedSequence | None = 0,
) -> pd.DataFrame:
    """One run of the per-agent reference: the tidy table of ``commsim.simulate``."""
    model = ReferenceModel(scenario, seed=seed, steps_hint=steps)
    for _ in range(steps):
        model.step()
    return model.metrics.to_frame()
