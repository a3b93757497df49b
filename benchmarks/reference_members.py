"""The members of the per-agent reference: one ``mesa.Agent`` each, stepping in plain Python.

Each method is one phase of a member's day (publish, step, shop, forget); every random event
is drawn on its own, one post or one tie at a time. See ``benchmarks/reference.py``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import mesa

from commsim.model.agents import BrandAgent
from commsim.model.model import AWARENESS_GRACE_DAYS, ENGAGEMENT_SCORE_MEMORY
from commsim.model.reaction import MEMBER_CONTENT_QUALITY

if TYPE_CHECKING:
    from benchmarks.reference import ReferenceModel

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


def clip01(p: float) -> float:
    return 0.0 if p < 0.0 else 1.0 if p > 1.0 else p


def at_least_once(p: float, n: int) -> float:
    return 1.0 - (1.0 - clip01(p)) ** n


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
        """Over feed capacity, the member picks that many posts at random, one at a time."""
        capacity = self.model.scenario.platform.feed_capacity
        total = sum(sum(counts) for counts in delivered)
        if total <= capacity:
            return delivered
        rand = self.random.random
        slots = math.floor(capacity) + (rand() < capacity % 1.0)
        unseen = [n for counts in delivered for n in counts]  # brand by brand, kind by kind
        seen = [0] * len(unseen)
        for left in range(total, total - slots, -1):
            pick = int(rand() * left)  # the pick-th of the posts not yet seen
            for i, n in enumerate(unseen):
                if pick < n:
                    unseen[i] -= 1
                    seen[i] += 1
                    break
                pick -= n
        kinds = len(delivered[0])
        return [seen[i : i + kinds] for i in range(0, len(seen), kinds)]

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
            fit = clip01(self.affinity[b] + max(self.attitude[b], 0.0))
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
