"""The members of the per-agent reference: one ``mesa.Agent`` each, stepping in plain Python.

Each public method is one phase of a member's day (``publish``; ``step``: receive, attend,
respond, join; ``shop``; ``forget``); every random event is drawn on its own, one post, one
tie or one impression at a time, with the model's ``random.Random``. The market's needs and
choice noise are the exception: they are the keyed uniforms of ``commsim.model.kernels.draws`` (see
``benchmarks/reference.py``). Per-brand state is held in short lists indexed by brand.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import mesa

from commsim.model.agents import BrandAgent
from commsim.model.kernels.draws import CHOICE_STREAM, SHOPPING_STREAM

if TYPE_CHECKING:
    from benchmarks.reference import ReferenceModel

VALUE, PUSH, LEADER, COMMUNITY, SHARE = range(5)  # kinds of post a member is shown
KINDS = 5
REST = -1  # the outside option: the rest of the category
REPEAT, SWITCHED, NEW = range(3)  # where a purchase of a brand comes from
POISSON_SPLIT = 30.0  # above this mean a Poisson draw is the sum of two of half the mean


# -- draws, one event at a time ---------------------------------------------------------------


def binomial(n: int, p: float, rand) -> int:
    """Successes in n Bernoulli(p) trials, one trial at a time."""
    if n <= 0 or p <= 0.0:
        return 0
    if p >= 1.0:
        return n
    return sum(1 for _ in range(n) if rand() < p)


def poisson(rate: float, rand) -> int:
    """A Poisson draw by inversion; a large mean as the sum of two halves (no underflow)."""
    if rate <= 0.0:
        return 0
    if rate > POISSON_SPLIT:
        return poisson(rate / 2.0, rand) + poisson(rate / 2.0, rand)
    u, k = rand(), 0
    pmf = math.exp(-rate)
    cdf = pmf
    while u > cdf and pmf > 0.0:
        k += 1
        pmf *= rate / k
        cdf += pmf
    return k


def capped_poisson(rate: float, cap: int, rand) -> int:
    """min(Poisson(rate), cap), by inversion up to the cap (any mean, infinite included)."""
    if not rate > 0.0:
        return 0
    if rate == math.inf:
        return cap
    u, k = rand(), 0
    pmf = math.exp(-rate)  # 0 for a mean beyond ~745, where the cap is certain anyway
    cdf = pmf
    while k < cap and u >= cdf:
        k += 1
        pmf *= rate / k
        cdf += pmf
    return k


def stochastic_round(value: float, rand) -> int:
    """A whole number with mean ``value``: floor, plus one with the fractional chance."""
    whole = math.floor(value)
    return whole + (rand() < value - whole)


def weighted_sample(items: list, weights: list[float], k: int, rand) -> list:
    """k distinct items, one after another, each in proportion to its weight among those left."""
    items, weights = list(items), list(weights)
    chosen = []
    for _ in range(min(k, len(items))):
        x = rand() * sum(weights)
        pick = len(items) - 1
        for j, weight in enumerate(weights):
            x -= weight
            if x < 0.0:
                pick = j
                break
        chosen.append(items.pop(pick))
        weights.pop(pick)
    return chosen


def clip01(p: float) -> float:
    return 0.0 if p < 0.0 else 1.0 if p > 1.0 else p


def at_least_once(p: float, n: int) -> float:
    """Chance that an event of chance p per post happens in n posts."""
    return 1.0 - (1.0 - clip01(p)) ** n


def brand_fit(affinity: float, attitude: float) -> float:
    """How much the brand itself matters to a member: affinity plus a positive attitude."""
    return clip01(affinity + max(attitude, 0.0))


class Member(mesa.Agent):
    """One platform member, and a shopper of the category."""

    def __init__(self, model: ReferenceModel, i: int, state: Any, need_weight: float) -> None:
        super().__init__(model)
        brands = range(len(model.brands))
        self.index = i  # the member's row in the shared initial state and in the keyed draws
        self.interest = float(state.interest[i])
        self.activity = float(state.activity[i])
        self.susceptibility = float(state.susceptibility[i])
        self.affinity = [float(state.affinity[i, b]) for b in brands]
        self.leader = bool(state.leader[i])
        self.aware = [bool(state.aware[i, b]) for b in brands]
        self.baseline_aware = list(self.aware)  # known from outside any programme: kept
        self.attitude = [float(state.attitude[i, b]) for b in brands]
        self.baseline_attitude = list(self.attitude)  # where attitude drifts back to
        self.last_contact = [int(state.last_contact[i, b]) for b in brands]
        self.last_engaged = [int(state.last_engaged[i, b]) for b in brands]
        self.last_posted = [int(state.last_posted[i, b]) for b in brands]
        self.follows = [False for _ in brands]
        self.member = [False for _ in brands]
        self.prize = [False for _ in brands]  # a follower won by a giveaway
        self.fatigue = [0.0 for _ in brands]
        self.promo = [0.0 for _ in brands]
        self.engagement_score = [0.0 for _ in brands]
        self.shares = [0 for _ in brands]  # made today, shown to friends tomorrow
        self.ever_reached = [False for _ in brands]
        self.ever_engaged = [False for _ in brands]
        self.ever_bought = [False for _ in brands]
        # The category: needs accumulate as a hazard; a need opens when it passes the
        # member's threshold, then the member shops until its decision day.
        self.need_weight = need_weight
        self.hazard = 0.0
        self.threshold = model.exponential(i, model.today - 1)
        self.decision_day = 0
        self.in_market = False
        self.last_choice = int(state.last_choice[i])
        self.category_boost = 0.0
        self.friends: list[Member] = []
        self._clear_inbox()

    def _clear_inbox(self) -> None:
        """Friends' posts, shares and invitations arrive here while the day is published."""
        n_brands = len(self.model.brands)
        self.inbox = [[0] * KINDS for _ in range(n_brands)]  # delivered today, by brand
        self.leader_posts = [0] * n_brands  # friends' leader posts naming the brand
        self.leader_voice_sum = [0.0] * n_brands
        self.invitations = [0] * n_brands
        self.paid = [0] * n_brands  # paid impressions shown today
        self.was_audience = [False] * n_brands  # in the audience at delivery

    def in_audience(self, b: int) -> bool:
        """Follows the brand's page or belongs to its community."""
        return self.follows[b] or self.member[b]

    # -- 1. publish ---------------------------------------------------------------------------

    def publish(self) -> None:
        """Post as a leader or a community member; pass yesterday's shares on to friends and,
        active in a community, invite those outside it: each tie on its own."""
        model, rand = self.model, self.random.random
        bh, platform, day = model.scenario.behavior, model.scenario.platform, model.today
        for brand in model.brands:
            b = brand.index
            if self.leader:
                organic = 0
                if self.attitude[b] > 0.0:
                    rate = bh.leader_post_rate * bh.leader_mention * self.attitude[b]
                    organic = poisson(rate, rand)
                paid = model.paid_leader_posts[b].get(self, 0)
                mentions = organic + paid
                if mentions:
                    # A paid post speaks as well of the brand as the brand's content allows.
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
                self.shares[b] = 0
            if brand.has_community and self.member[b]:
                if day - self.last_engaged[b] < bh.active_days:  # active members invite
                    for friend in self.friends:
                        if not friend.member[b] and rand() < bh.invite_rate:
                            friend.invitations[b] += 1
                # The member's own posts (the engine records when, and nothing reads it): what
                # members are shown follows the community's expected posts (``_publish``).
                rate = bh.member_post_rate * model.hosted[b] * self.activity * model.vitality[b]
                if poisson(rate, rand):
                    self.last_posted[b] = day

    # -- 2-4. receive, attend, respond, join -------------------------------------------------

    def step(self) -> None:
        """The member's day once everything is published: receive and attend to a feed's
        worth, react to each brand and stay or leave, then join or not. Nothing here reads
        another member, so each member can do it all in turn."""
        self._receive()
        self.seen = self._attend()
        self._respond()
        self._join()

    def _receive(self) -> None:
        """The brands' posts (organic to the audience, ads to the rest) and the community's
        join what friends sent."""
        model, rand = self.model, self.random.random
        platform = model.scenario.platform
        for brand in model.brands:
            b, s = brand.index, brand.strategy
            counts = self.inbox[b]
            self.was_audience[b] = self.in_audience(b)
            if self.was_audience[b]:
                counts[VALUE] += binomial(model.value_posts[b], model.reach[b], rand)
                counts[PUSH] += binomial(model.push_posts[b], model.reach[b], rand)
            elif model.ads[b] is not None:
                bought, total_weight = model.ads[b]
                weight = self.interest if s.ad_targeting == "interest" else 1.0
                cap = platform.ad_frequency_cap
                paid = capped_poisson(bought * weight / total_weight, cap, rand)
                paid_value = binomial(paid, s.value_share, rand)  # ads carry the content mix
                counts[VALUE] += paid_value
                counts[PUSH] += paid - paid_value
                self.paid[b] = paid
            if brand.has_community and self.member[b] and model.community_posts[b] > 0:
                mean = model.community_posts[b] * platform.community_reach
                counts[COMMUNITY] += poisson(mean, rand)

    def _attend(self) -> list[list[int]]:
        """Over feed capacity, the member picks that many posts at random, one at a time."""
        capacity = self.model.scenario.platform.feed_capacity
        total = sum(sum(counts) for counts in self.inbox)
        if total <= capacity:
            return self.inbox
        rand = self.random.random
        slots = math.floor(capacity) + (rand() < capacity % 1.0)
        unseen = [n for counts in self.inbox for n in counts]  # brand by brand, kind by kind
        seen = [0] * len(unseen)
        for left in range(total, total - slots, -1):
            pick = int(rand() * left)  # the pick-th of the posts not yet seen
            for i, n in enumerate(unseen):
                if pick < n:
                    unseen[i] -= 1
                    seen[i] += 1
                    break
                pick -= n
        return [seen[i : i + KINDS] for i in range(0, len(seen), KINDS)]

    def _respond(self) -> None:
        """React to each brand's posts seen (nothing to do on an empty day), then stay in
        the audience or leave it."""
        for brand in self.model.brands:
            b = brand.index
            if any(self.inbox[b]):
                self._react(brand, self.seen[b], self.inbox[b])
            if self.was_audience[b]:
                self._stay_or_leave(b)

    def _react(self, brand: BrandAgent, seen: list[int], delivered: list[int]) -> None:
        """Engage, learn, change attitude, tire, become aware, share."""
        model, rand, bh = self.model, self.random.random, self.model.scenario.behavior
        b, s, day = brand.index, brand.strategy, model.today
        q_member = bh.member_content_quality
        fatigue, attitude = self.fatigue[b], self.attitude[b]  # as at the start of the day
        rho_value = self.interest
        rho_push = 1.0 if self.in_market else self.affinity[b]
        # A topic community talks about the topic; a brand community about the brand.
        community_mention = 1.0 if s.community == "brand" else s.brand_mention
        brand_community = s.community == "brand"
        rho_community = brand_fit(self.affinity[b], attitude) if brand_community else rho_value

        calm = math.exp(-fatigue)
        willing = bh.engage_base * self.activity * calm
        # Outside the audience a brand post is an ad, trusted as ads are.
        trust_own = bh.trust_brand if self.was_audience[b] else bh.trust_ad
        p_value = min(willing * s.quality * rho_value * trust_own, 1.0)
        p_push = min(willing * s.quality * rho_push * trust_own, 1.0)
        on_value = binomial(seen[VALUE], p_value, rand)
        on_push = binomial(seen[PUSH], p_push, rand)
        on_share = binomial(seen[SHARE], willing * s.quality * rho_value * bh.trust_friend, rand)
        p_community = willing * q_member * rho_community * bh.trust_friend
        on_community = binomial(seen[COMMUNITY], p_community, rand)
        on_brand_posts = on_value + on_push
        model.engagements[b] += on_brand_posts
        model.expected_engagements[b] += seen[VALUE] * p_value + seen[PUSH] * p_push
        model.brand_impressions[b] += delivered[VALUE] + delivered[PUSH]
        total = on_brand_posts + on_share + on_community
        if total:
            self.last_engaged[b] = day
            self.ever_engaged[b] = True
            self.engagement_score[b] += total

        # Value content: the part that names the brand builds attitude to it (community
        # posts act on attitude through the community's voice instead); the rest teaches the
        # topic and raises the category need, for every brand alike.
        for kind, trust, quality, mention in (
            (VALUE, trust_own, s.quality, s.brand_mention),
            (SHARE, bh.trust_friend, s.quality, s.brand_mention),
            (COMMUNITY, bh.trust_friend, q_member, community_mention),
        ):
            n = seen[kind]
            if not n:
                continue
            gain = bh.value_attitude_gain * quality * trust * rho_value * self.susceptibility
            if kind != COMMUNITY:
                attitude += (1.0 - attitude) * at_least_once(gain * mention, n)
            if mention < 1.0 and bh.category_need_gain > 0:
                learnt = at_least_once(gain * (1.0 - mention), n)
                self.category_boost += (bh.category_need_gain - self.category_boost) * learnt
        community_mentions = binomial(seen[COMMUNITY], community_mention, rand)
        influence = bh.social_influence * self.susceptibility
        if seen[LEADER]:  # leaders pull towards what their posts say of the brand
            voice = self.leader_voice_sum[b] / max(self.leader_posts[b], 1)
            attitude += at_least_once(influence * bh.trust_leader, seen[LEADER]) * (
                voice - attitude
            )
        if community_mentions:  # so does the community, with its voice
            pull = at_least_once(influence * bh.trust_friend, community_mentions)
            attitude += pull * (model.community_voice[b] - attitude)
        # The brand answers comments on its own posts (not those among members).
        if on_brand_posts:
            responsiveness = s.responsiveness if brand.program_active else 0.0
            replies = binomial(on_brand_posts, responsiveness, rand)
            model.replies[b] += replies
            if replies:
                attitude += bh.reply_gain * (1.0 - attitude)
            else:
                attitude -= bh.neglect_loss * (1.0 + attitude)
        self.attitude[b] = min(max(attitude, -1.0), 1.0)

        # Every brand post seen tires; a sales push tires the uninterested more, and primes
        # members in the market.
        brand_posts = seen[VALUE] + seen[PUSH]
        if brand_posts:
            self.fatigue[b] = (
                fatigue
                + bh.post_fatigue * brand_posts
                + bh.push_fatigue * (1.0 - rho_push) * seen[PUSH]
            )
        self.promo[b] += seen[PUSH]
        # An ad makes its reader aware only with chance ad_awareness per ad.
        own = brand_posts if self.was_audience[b] else 0
        ads = brand_posts - own
        noticed = bool(ads) and rand() < at_least_once(model.scenario.platform.ad_awareness, ads)
        if own + seen[LEADER] + seen[SHARE] + community_mentions or noticed:
            self.aware[b] = True
            self.last_contact[b] = day
        self.ever_reached[b] = True  # something of the brand was delivered

        # Useful content travels; promotions travel only among the members they concern.
        will = bh.share_base * self.activity * calm
        shares = binomial(seen[VALUE] + seen[SHARE], will * s.quality * rho_value, rand)
        shares += binomial(seen[PUSH], will * s.quality * rho_push, rand)
        shares += binomial(seen[COMMUNITY], will * q_member * rho_community, rand)
        self.shares[b] = shares
        model.shares_made[b] += shares

    def _stay_or_leave(self, b: int) -> None:
        """Fatigue, months without engaging, dislike of the brand or a prize won may each
        end a follow or a membership, independently."""
        bh, day = self.model.scenario.behavior, self.model.today
        pressure = -bh.unfollow_steepness * (self.fatigue[b] - bh.unfollow_threshold)
        stay = 1.0 - bh.unfollow_max / (1.0 + math.exp(pressure))
        if day - self.last_engaged[b] > bh.dormant_days:
            stay *= 1.0 - bh.dormant_leave
        stay *= 1.0 - bh.dislike_leave * clip01(-self.attitude[b])
        if self.prize[b]:
            stay *= 1.0 - bh.prize_seeker_leave
        if self.random.random() < 1.0 - stay:
            self.follows[b] = self.member[b] = self.prize[b] = False
            self.model.unfollows[b] += 1

    def _join(self) -> None:
        """Each meeting with a brand (a share, an ad, a leader post seen; an invitation)
        may bring the member into its community, or onto its page when it runs none."""
        model, bh = self.model, self.model.scenario.behavior
        for brand in model.brands:
            b, s = brand.index, brand.strategy
            if not (brand.program_active or brand.has_community):
                continue  # no programme, no community: nothing to join
            seen = self.seen[b]
            meetings = seen[SHARE] + seen[LEADER]
            if not self.was_audience[b]:
                # Whatever brand post a member outside the audience at delivery attended to
                # was an ad (the engine's Exposure.paid_seen).
                meetings += model.scenario.platform.ad_awareness * (seen[VALUE] + seen[PUSH])
            if brand.has_community:
                meetings += self.invitations[b]
                joined = self.member
            else:
                joined = self.follows
            if not meetings or joined[b]:
                continue
            community = s.community if brand.has_community else "none"
            fit = (
                self.interest
                if community == "topic"
                else brand_fit(self.affinity[b], self.attitude[b])
            )
            if self.random.random() < at_least_once(bh.join_base * fit, meetings):
                joined[b] = True
                self.aware[b] = True
                self.last_contact[b] = model.today

    # -- 6. shop --------------------------------------------------------------------------------

    def shop(self) -> None:
        """A need may open; on its decision day the shopper picks a brand it knows or the
        rest of the category by a logit with habit; buying brings satisfaction."""
        model, bh, day = self.model, self.model.scenario.behavior, self.model.today
        self.hazard += self.need_weight * (1.0 + self.category_boost) / bh.purchase_cycle_days
        if self.hazard >= self.threshold:
            self.in_market = True
            self.threshold = math.inf
            # Shopping days: the first day with a daily 1 / shopping_days chance to decide.
            p = 1.0 / bh.shopping_days
            days = 1
            if p < 1.0:
                u = model.keyed_uniform(SHOPPING_STREAM, self.index, day)
                days = min(max(math.ceil(math.log(u) / math.log1p(-p)), 1), 2**30)
            self.decision_day = day + days - 1
        if not (self.in_market and self.decision_day == day):
            return
        self.in_market = False
        self.threshold = self.hazard + model.exponential(self.index, day)
        model.category_purchases += 1
        n_brands = len(model.brands)
        best, choice = -math.inf, REST
        utilities = {}
        for option in range(n_brands + 1):
            if option < n_brands:
                if not self.aware[option]:
                    continue
                utility = model.constants[option] + bh.beta_attitude * self.attitude[option]
                utility += bh.promo_lift * min(self.promo[option], 1.0)
                habit = self.last_choice == option
            else:
                utility, habit = 0.0, self.last_choice == REST
            if habit:
                utility += bh.loyalty
            utilities[option] = utility
            noise = -math.log(
                -math.log(model.keyed_uniform(CHOICE_STREAM, self.index, day, option))
            )
            if utility + noise > best:
                best, choice = utility + noise, option
        if model.calibrating:  # the history's calibration reads the choice probabilities
            top = max(utilities.values())
            weights = {option: math.exp(u - top) for option, u in utilities.items()}
            total = sum(weights.values())
            for option, weight in weights.items():
                if option < n_brands:
                    model.expected[option] += weight / total
            model.deciders += 1
        if choice == n_brands:
            choice = REST
        if choice != REST:
            if self.last_choice == choice:
                origin = REPEAT
            elif self.last_choice == REST:
                origin = NEW
            else:
                origin = SWITCHED
            model.purchases[choice][origin] += 1
            self.ever_bought[choice] = True
            self.aware[choice] = True  # a buyer knows what it bought, and was just reminded
            self.last_contact[choice] = day
            experience = model.brands[choice].strategy.experience
            self.attitude[choice] += bh.satisfaction * (experience - self.attitude[choice])
        self.last_choice = choice

    # -- 9. forget ------------------------------------------------------------------------------

    def forget(self) -> None:
        """Night: fatigue, attitude, promotions, engagement score and education fade; a
        brand met through the programme and not met for a while may be forgotten."""
        bh, day = self.model.scenario.behavior, self.model.today
        for b in range(len(self.model.brands)):
            self.fatigue[b] *= bh.fatigue_decay
            baseline = self.baseline_attitude[b]
            self.attitude[b] = baseline + (self.attitude[b] - baseline) * (1.0 - bh.attitude_decay)
            self.promo[b] *= bh.promo_memory
            self.engagement_score[b] *= bh.engagement_score_memory
            kept = self.baseline_aware[b] or self.follows[b] or self.member[b]
            kept = kept or self.last_choice == b  # the brand it buys stays known
            stale = day - self.last_contact[b] > bh.awareness_grace_days
            if self.aware[b] and not kept and stale and self.random.random() < bh.awareness_decay:
                self.aware[b] = False
        self.category_boost *= bh.category_memory
        self._clear_inbox()
