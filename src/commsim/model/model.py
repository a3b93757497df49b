"""CommunityModel: the Mesa model that orchestrates one day in the order of DESIGN.md.

The model owns state and the order of the day; every piece of maths lives in a pure kernel
(``posting``, ``delivery``, ``response``, ``community``, ``market``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import mesa
import numpy as np

from commsim.config import Scenario, make_scenario
from commsim.model import community, delivery, market, posting, response
from commsim.model.agents import BrandAgent
from commsim.model.metrics import MetricRecorder
from commsim.model.population import Members, community_fit, create_members

# Exposure kinds, the last axis of the per-member exposure counts.
VALUE, PUSH, LEADER, COMMUNITY, SHARE = range(5)
KINDS = 5
# Member-generated posts are useful but less polished than a brand's (assumption).
MEMBER_CONTENT_QUALITY = 0.5
# A KOL programme's attention lifts a promoted member's attitude halfway to 1 (assumption).
KOL_ATTITUDE_LIFT = 0.5
# Engagement score half-life ~ a month: the KOL programme looks at recent activity.
ENGAGEMENT_SCORE_MEMORY = 0.977
# Awareness is safe for this many days after the last contact, then may fade.
AWARENESS_GRACE_DAYS = 30


def seed_sequence(seed: int | np.random.SeedSequence | None) -> np.random.SeedSequence:
    """Normalise a run's seed once (an int, a SeedSequence, or None for fresh entropy)."""
    return seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(seed)


@dataclass
class Posts:
    """What was published today."""

    value: np.ndarray  # (B,) brand value posts
    push: np.ndarray  # (B,) brand sales-push posts
    leader_mentions: np.ndarray  # (N, B) leader posts naming each brand
    leader_voice: np.ndarray  # (N, B) attitude carried by those posts, summed
    paid_leader: np.ndarray  # (B,) leader posts bought
    member_posts: np.ndarray  # (B,) community posts by members
    member_voice: np.ndarray  # (B,) mean attitude of today's community posters


@dataclass
class Exposure:
    """What each member was shown today, before and after limited attention."""

    delivered: np.ndarray  # (N, B, KINDS) delivered counts
    seen: np.ndarray  # (N, B, KINDS) counts attended to
    paid: np.ndarray  # (N, B) paid impressions delivered
    leader_voice: np.ndarray  # (N, B) mean attitude of leaders' posts delivered
    invitations: np.ndarray  # (N, B) invitations from friends in the community
    organic_targets: np.ndarray  # (B,) followers x posts the platform could have shown


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

    def _publish(self) -> Posts:
        m, behavior = self.members, self.scenario.behavior
        n_brands = len(self.brands)
        value, push = np.zeros(n_brands, np.int64), np.zeros(n_brands, np.int64)
        mentions = np.zeros((m.size, n_brands), np.float32)
        voice = np.zeros((m.size, n_brands), np.float32)
        paid_leader = np.zeros(n_brands)
        member_posts = np.zeros(n_brands)
        member_voice = np.zeros(n_brands)
        for brand in self.brands:
            b, s = brand.index, brand.strategy
            value[b], push[b] = brand.plan_posts()
            organic = posting.leader_mentions(
                m.leader,
                m.attitude[:, b],
                behavior.leader_post_rate,
                behavior.leader_mention,
                self.rng,
            )
            paid = (
                posting.paid_leader_posts(m.leader, s.paid_leader_posts_per_week, self.rng)
                if brand.program_active
                else np.zeros_like(organic)
            )
            paid_leader[b] = paid.sum()
            mentions[:, b] = organic + paid
            # A paid post speaks as well of the brand as the brand's content allows.
            voice[:, b] = organic * m.attitude[:, b] + paid * s.quality
            if brand.has_community:
                is_member = m.member[:, b]
                size = is_member.sum()
                vitality = (is_member & community.active(m.last_engaged[:, b], self.day)).sum()
                vitality = vitality / size if size else 0.0
                per_member = posting.member_posts(
                    is_member, m.activity, vitality, behavior.member_post_rate, self.rng
                )
                member_posts[b] = per_member.sum()
                m.last_posted[per_member > 0, b] = self.day
                if member_posts[b]:
                    member_voice[b] = (per_member * m.attitude[:, b]).sum() / member_posts[b]
        return Posts(value, push, mentions, voice, paid_leader, member_posts, member_voice)

    def _deliver(self, posts: Posts) -> Exposure:
        m, platform = self.members, self.scenario.platform
        n, n_brands = m.size, len(self.brands)
        audience = m.audience()
        delivered = np.zeros((n, n_brands, KINDS), np.float32)
        paid = np.zeros((n, n_brands), np.float32)
        organic_targets = np.zeros(n_brands)
        for brand in self.brands:
            b, s = brand.index, brand.strategy
            base_reach = delivery.reach_for_account_size(
                audience[:, b].sum(), platform.organic_reach_tiers, platform.organic_reach
            )
            reach = delivery.organic_reach_probability(
                base_reach, platform.reach_decline_per_year, self.day, brand.rank()
            )
            delivered[:, b, VALUE] = delivery.deliver_posts(
                audience[:, b], int(posts.value[b]), reach, self.rng
            )
            delivered[:, b, PUSH] = delivery.deliver_posts(
                audience[:, b], int(posts.push[b]), reach, self.rng
            )
            organic_targets[b] = (posts.value[b] + posts.push[b]) * audience[:, b].sum()
            weights = m.interest if s.ad_targeting == "interest" else np.ones(n, np.float32)
            paid[:, b] = delivery.paid_targets(
                brand.ad_impressions(self.day), np.where(audience[:, b], 0.0, weights), self.rng
            )
            paid_value = delivery.thin(paid[:, b], s.value_share, self.rng)
            delivered[:, b, VALUE] += paid_value
            delivered[:, b, PUSH] += paid[:, b] - paid_value
            if brand.has_community and posts.member_posts[b]:
                delivered[:, b, COMMUNITY] = np.where(
                    m.member[:, b],
                    self.rng.binomial(int(posts.member_posts[b]), platform.community_reach, n),
                    0,
                )
        # One sparse product carries leaders' posts, friends' shares and invitations.
        # Only members who got something from the community lately invite their friends.
        inviting = m.member & community.active(m.last_engaged, self.day)
        columns = np.concatenate(
            [posts.leader_mentions, posts.leader_voice, m.shares, inviting.astype(np.float32)],
            axis=1,
        )
        friends = delivery.friends_exposure(m.network, columns)
        from_leaders = friends[:, :n_brands]
        leader_voice = friends[:, n_brands : 2 * n_brands] / np.maximum(from_leaders, 1.0)
        delivered[:, :, LEADER] = delivery.thin(from_leaders, platform.leader_reach, self.rng)
        delivered[:, :, SHARE] = delivery.thin(
            friends[:, 2 * n_brands : 3 * n_brands], platform.share_visibility, self.rng
        )
        invitations = delivery.thin(
            friends[:, 3 * n_brands :], self.scenario.behavior.invite_rate, self.rng
        )
        seen = delivery.cap_attention(
            delivered.reshape(n, -1), platform.feed_capacity, self.rng
        ).reshape(delivered.shape)
        return Exposure(delivered, seen, paid, leader_voice, invitations, organic_targets)

    def _respond(self, posts: Posts, exposure: Exposure):
        m, bh = self.members, self.scenario.behavior
        n_brands = len(self.brands)
        brand_engagements = np.zeros(n_brands)
        shares_made = np.zeros(n_brands)
        replies_sent = np.zeros(n_brands)
        unfollows = np.zeros(n_brands)
        for brand in self.brands:
            b, s = brand.index, brand.strategy
            seen = exposure.seen[:, b, :]
            fatigue, attitude = m.fatigue[:, b], m.attitude[:, b]
            rho_value = m.interest
            rho_push = response.push_relevance(m.affinity[:, b], m.in_market)
            willing = bh.engage_base * m.activity * np.exp(-fatigue)

            def engaged(kind, quality, relevance, trust, willing=willing, seen=seen):
                p = willing * quality * relevance * trust
                return delivery.thin(seen[:, kind], p, self.rng)

            eng_value = engaged(VALUE, s.quality, rho_value, bh.trust_brand)
            eng_push = engaged(PUSH, s.quality, rho_push, bh.trust_brand)
            eng_share = engaged(SHARE, s.quality, rho_value, bh.trust_friend)
            eng_community = engaged(COMMUNITY, MEMBER_CONTENT_QUALITY, rho_value, bh.trust_friend)
            on_brand_posts = eng_value + eng_push
            brand_engagements[b] = on_brand_posts.sum()
            brand_impressions = (
                exposure.delivered[:, b, VALUE].sum() + exposure.delivered[:, b, PUSH].sum()
            )
            brand.observe_engagement(brand_engagements[b], brand_impressions)

            total = on_brand_posts + eng_share + eng_community
            did_engage = total > 0
            m.last_engaged[did_engage, b] = self.day
            m.ever_engaged[:, b] |= did_engage
            m.engagement_score[:, b] += total

            # Attitude: value content and shares of it, leaders and peers, replies.
            value_gain = bh.value_attitude_gain * s.quality * rho_value * s.brand_mention
            value_gain = value_gain * m.susceptibility
            attitude = response.value_attitude(
                attitude, seen[:, VALUE], value_gain * bh.trust_brand
            )
            attitude = response.value_attitude(
                attitude, seen[:, SHARE], value_gain * bh.trust_friend
            )
            mention = 1.0 if s.community == "brand" else s.brand_mention
            community_mentions = delivery.thin(seen[:, COMMUNITY], mention, self.rng)
            influence = bh.social_influence * m.susceptibility
            attitude = response.social_pull(
                attitude, seen[:, LEADER], influence * bh.trust_leader, exposure.leader_voice[:, b]
            )
            attitude = response.social_pull(
                attitude, community_mentions, influence * bh.trust_friend, posts.member_voice[b]
            )
            comments = on_brand_posts + eng_community
            responsiveness = s.responsiveness if brand.program_active else 0.0
            attitude, replies = response.reply_outcome(
                attitude, comments, responsiveness, bh.reply_gain, bh.neglect_loss, self.rng
            )
            replies_sent[b] = replies.sum()
            ignored = (comments > 0) & (replies == 0)
            m.attitude[:, b] = np.clip(attitude, -1.0, 1.0)

            # Sales pushes tire the uninterested and prime the members in the market.
            m.fatigue[:, b] = response.push_fatigue(
                fatigue, seen[:, PUSH], rho_push, bh.push_fatigue
            )
            m.promo[:, b] += seen[:, PUSH]

            named = seen[:, VALUE] + seen[:, PUSH] + seen[:, LEADER] + seen[:, SHARE]
            named = (named + community_mentions) > 0
            m.aware[named, b] = True
            m.last_contact[named, b] = self.day
            m.ever_reached[:, b] |= exposure.delivered[:, b, :].sum(axis=1) > 0

            # Useful content travels; promotions rarely do.
            share_will = bh.share_base * m.activity * np.exp(-fatigue)
            shares = delivery.thin(
                seen[:, VALUE] + seen[:, SHARE], share_will * s.quality * rho_value, self.rng
            )
            shares += delivery.thin(seen[:, PUSH], share_will * s.quality * rho_push, self.rng)
            shares += delivery.thin(
                seen[:, COMMUNITY], share_will * MEMBER_CONTENT_QUALITY * rho_value, self.rng
            )
            m.shares[:, b] = shares
            shares_made[b] = shares.sum()

            # Tired followers unfollow; members who get nothing for months drift off.
            audience = m.follows[:, b] | m.member[:, b]
            leave_p = response.unfollow_probability(
                m.fatigue[:, b], bh.unfollow_threshold, bh.unfollow_max
            )
            leave_p = response.either(
                leave_p,
                m.member[:, b] & community.dormant(m.last_engaged[:, b], self.day),
                bh.dormant_leave,
            )
            leave_p = response.either(leave_p, ignored, bh.neglect_unfollow)
            leaving = audience & (self.rng.random(m.size) < leave_p)
            m.follows[leaving, b] = False
            m.member[leaving, b] = False
            unfollows[b] = leaving.sum()
        return brand_engagements, shares_made, replies_sent, unfollows

    def _update_communities(self, exposure: Exposure) -> np.ndarray:
        m, bh = self.members, self.scenario.behavior
        giveaways = np.zeros(len(self.brands), np.int64)
        for brand in self.brands:
            b, s = brand.index, brand.strategy
            audience = m.follows[:, b] | m.member[:, b]
            opportunities = (
                exposure.seen[:, b, SHARE] + exposure.paid[:, b] + exposure.seen[:, b, LEADER]
            )
            if brand.has_community:
                opportunities = opportunities + exposure.invitations[:, b]
            fit = community_fit(m, b, s.community)
            p_join = community.join_probability(fit, opportunities, bh.join_base)
            # Page followers (giveaway winners too) may still join the brand's community.
            target = m.member if brand.has_community else m.follows
            joining = ~target[:, b] & (self.rng.random(m.size) < p_join)
            if brand.program_active and s.incentive_followers_per_week > 0:
                bought = community.giveaway_followers(
                    audience | joining, s.incentive_followers_per_week, self.rng
                )
                m.follows[bought, b] = True
                m.aware[bought, b] = True
                m.last_contact[bought, b] = self.day
                giveaways[b] = bought.size
            target[joining, b] = True
            m.aware[joining, b] = True
            m.last_contact[joining, b] = self.day
        return giveaways

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

    def _purchase(self) -> np.ndarray:
        m, bh = self.members, self.scenario.behavior
        n_brands = len(self.brands)
        arriving = ~m.in_market & (self.rng.random(m.size) < self.need_probability)
        m.in_market |= arriving
        deciding = np.flatnonzero(m.in_market & (self.rng.random(m.size) < 1.0 / bh.shopping_days))
        purchases = np.zeros(n_brands, np.int64)
        if deciding.size == 0:
            return purchases
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
        m.in_market[deciding] = False
        return purchases

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

    def _decay(self) -> None:
        m, bh = self.members, self.scenario.behavior
        m.fatigue *= bh.fatigue_decay
        m.attitude[:] = response.decay_toward_neutral(m.attitude, bh.attitude_decay)
        m.promo *= bh.promo_memory
        m.engagement_score *= ENGAGEMENT_SCORE_MEMORY
        stale = m.aware & (self.day - m.last_contact > AWARENESS_GRACE_DAYS)
        m.aware &= ~(stale & (self.rng.random(m.aware.shape) < bh.awareness_decay))

    def _record(
        self, posts, exposure, engagements, shares, unfollows, purchases, revenue, cost, profit
    ) -> None:
        m = self.members
        audience = m.audience()
        recently_active = community.active(m.last_engaged, self.day) & audience
        organic = exposure.delivered[:, :, VALUE].sum(0) + exposure.delivered[:, :, PUSH].sum(0)
        organic = organic - exposure.paid.sum(0)
        paid = exposure.paid.sum(0)
        impressions = organic + paid
        aware_count = m.aware.sum(0)
        attitude_sum = np.where(m.aware, m.attitude, 0.0).sum(0)
        self.metrics.record(
            self.day,
            community_members=m.member.sum(0),
            active_members=recently_active.sum(0),
            followers=audience.sum(0),
            organic_reach_rate=_ratio(organic, exposure.organic_targets),
            impressions_organic=organic,
            impressions_paid=paid,
            engagements=engagements,
            engagement_rate=_ratio(engagements, impressions),
            shares=shares,
            awareness=aware_count / m.size,
            mean_attitude=_ratio(attitude_sum, aware_count),
            leaders=np.full(len(self.brands), m.leader.sum()),
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
            reached_members=m.ever_reached.sum(0),
            engaged_members=m.ever_engaged.sum(0),
            aware_members=aware_count,
            buyers=m.ever_bought.sum(0),
        )


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """Element-wise ratio, 0 where the denominator is 0 (no posts, no one aware)."""
    numerator = np.asarray(numerator, dtype=np.float64)
    denominator = np.asarray(denominator, dtype=np.float64)
    return np.divide(numerator, denominator, out=np.zeros_like(numerator), where=denominator > 0)
