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
from commsim.model import community, delivery, draws, feeds, market, posting, response
from commsim.model.agents import BrandAgent
from commsim.model.metrics import MetricRecorder
from commsim.model.population import Members, community_fit, create_members
from commsim.model.timing import stage

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
    leaders: np.ndarray  # (L,) the opinion leaders
    leader_mentions: np.ndarray  # (L, B) leader posts naming each brand
    leader_voice: np.ndarray  # (L, B) attitude carried by those posts, summed
    paid_leader: np.ndarray  # (B,) leader posts bought
    community: list[np.ndarray | None]  # per brand: its community's members (None: no community)
    member_posts: np.ndarray  # (B,) community posts by members
    member_voice: np.ndarray  # (B,) mean attitude of today's community posters


@dataclass
class Exposure:
    """What the members shown anything today (``who``) were shown, before and after attention.

    Everyone else was shown nothing: delivery is sparse, so the day's work follows ``who``.
    """

    who: np.ndarray  # (K,) members shown a post or invited today, ascending
    delivered: np.ndarray  # (K, B, KINDS) delivered counts
    seen: np.ndarray  # (K, B, KINDS) counts attended to
    paid: np.ndarray  # (K, B) paid impressions delivered
    leader_voice: np.ndarray  # (K, B) mean attitude of leaders' posts delivered
    invitations: np.ndarray  # (K, B) invitations from friends in the community
    organic_targets: np.ndarray  # (B,) followers x posts the platform could have shown
    audiences: list[np.ndarray]  # per brand: followers and community members at delivery


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
        m, behavior = self.members, self.scenario.behavior
        n_brands = len(self.brands)
        value, push = np.zeros(n_brands, np.int64), np.zeros(n_brands, np.int64)
        leaders = np.flatnonzero(m.leader)
        is_leader = np.ones(leaders.size, dtype=bool)
        mentions = np.zeros((leaders.size, n_brands), np.float32)
        voice = np.zeros((leaders.size, n_brands), np.float32)
        paid_leader = np.zeros(n_brands)
        communities: list[np.ndarray | None] = [None] * n_brands
        member_posts = np.zeros(n_brands)
        member_voice = np.zeros(n_brands)
        for brand in self.brands:
            b, s = brand.index, brand.strategy
            value[b], push[b] = brand.plan_posts()
            attitude = m.attitude[leaders, b]
            organic = posting.leader_mentions(
                is_leader, attitude, behavior.leader_post_rate, behavior.leader_mention, self.rng
            )
            paid = (
                posting.paid_leader_posts(is_leader, s.paid_leader_posts_per_week, self.rng)
                if brand.program_active
                else np.zeros_like(organic)
            )
            paid_leader[b] = paid.sum()
            mentions[:, b] = organic + paid
            # A paid post speaks as well of the brand as the brand's content allows.
            voice[:, b] = organic * attitude + paid * s.quality
            if brand.has_community:
                members = communities[b] = np.flatnonzero(m.member[:, b])
                active = community.active(m.last_engaged[members, b], self.day)
                vitality = np.count_nonzero(active) / members.size if members.size else 0.0
                per_member = posting.member_posts(
                    np.ones(members.size, dtype=bool),
                    m.activity[members],
                    vitality,
                    behavior.member_post_rate,
                    self.rng,
                )
                member_posts[b] = per_member.sum()
                m.last_posted[members[per_member > 0], b] = self.day
                if member_posts[b]:
                    member_voice[b] = (per_member * m.attitude[members, b]).sum() / member_posts[b]
        return Posts(
            value,
            push,
            leaders,
            mentions,
            voice,
            paid_leader,
            communities,
            member_posts,
            member_voice,
        )

    @stage("delivery")
    def _deliver(self, posts: Posts) -> Exposure:
        m, platform = self.members, self.scenario.platform
        n, n_brands = m.size, len(self.brands)
        feed = feeds.Feed(n, n_brands, KINDS)
        audiences = []
        organic_targets = np.zeros(n_brands)
        for brand in self.brands:
            b, s = brand.index, brand.strategy
            audience = np.flatnonzero(m.follows[:, b] | m.member[:, b])
            audiences.append(audience)
            base_reach = delivery.reach_for_account_size(
                audience.size, platform.organic_reach_tiers, platform.organic_reach
            )
            reach = delivery.organic_reach_probability(
                base_reach, platform.reach_decline_per_year, self.day, brand.rank()
            )
            everyone = np.ones(audience.size, dtype=bool)
            for kind, count in ((VALUE, posts.value[b]), (PUSH, posts.push[b])):
                if count:
                    got = delivery.deliver_posts(everyone, int(count), reach, self.rng)
                    feed.add(audience, b, kind, got)
            organic_targets[b] = (posts.value[b] + posts.push[b]) * audience.size
            impressions = brand.ad_impressions(self.day)
            if impressions:
                weights = m.interest if s.ad_targeting == "interest" else np.ones(n, np.float32)
                weights = np.where(m.follows[:, b] | m.member[:, b], 0.0, weights)
                paid = delivery.paid_targets(impressions, weights, self.rng)
                shown = np.flatnonzero(paid)
                paid = paid[shown]
                paid_value = delivery.thin(paid, s.value_share, self.rng)
                feed.add(shown, b, VALUE, paid_value)
                feed.add(shown, b, PUSH, paid - paid_value)
                feed.add_extra("paid", shown, b, paid)
            if posts.community[b] is not None and posts.member_posts[b]:
                members = posts.community[b]
                got = self.rng.binomial(
                    int(posts.member_posts[b]), platform.community_reach, members.size
                )
                feed.add(members, b, COMMUNITY, got.astype(np.float32))
        self._word_of_mouth(posts, feed)
        who, delivered, extra = feed.build(("paid", "leader_voice", "invitations"))
        seen = delivery.cap_attention(
            delivered.reshape(who.size, n_brands * KINDS), platform.feed_capacity, self.rng
        ).reshape(delivered.shape)
        return Exposure(
            who,
            delivered,
            seen,
            extra["paid"],
            extra["leader_voice"],
            extra["invitations"],
            organic_targets,
            audiences,
        )

    def _word_of_mouth(self, posts: Posts, feed: feeds.Feed) -> None:
        """Leaders' posts and friends' shares (one sparse product from the few who speak),
        and invitations to join a community.

        Only members who got something from the community lately invite their friends; an
        invitation matters only to a friend outside the community, so only those are kept.
        """
        m, platform = self.members, self.scenario.platform
        n_brands = len(self.brands)
        speaking = posts.leader_mentions.any(axis=1)
        posting_leaders = posts.leaders[speaking]
        speakers = feeds.union(m.size, posting_leaders, self.sharers)
        slot = feeds.slots(speakers, m.size)
        values = np.zeros((speakers.size, 3 * n_brands))
        values[slot[posting_leaders], :n_brands] = posts.leader_mentions[speaking]
        values[slot[posting_leaders], n_brands : 2 * n_brands] = posts.leader_voice[speaking]
        values[slot[self.sharers], 2 * n_brands :] = m.shares[self.sharers]
        listeners, friends = feeds.spread_to_friends(m.network, speakers, values)
        from_leaders = friends[:, :n_brands]
        leader_seen = delivery.thin(from_leaders, platform.leader_reach, self.rng)
        share_seen = delivery.thin(friends[:, 2 * n_brands :], platform.share_visibility, self.rng)
        leader_voice = friends[:, n_brands : 2 * n_brands] / np.maximum(from_leaders, 1.0)
        for b in range(n_brands):
            feed.add(listeners, b, LEADER, leader_seen[:, b])
            feed.add(listeners, b, SHARE, share_seen[:, b])
            heard = leader_seen[:, b] > 0  # a leader's voice counts only where a post got through
            feed.add_extra("leader_voice", listeners[heard], b, leader_voice[heard, b])
        for b, members in enumerate(posts.community):
            if members is None:
                continue
            inviting = members[community.active(m.last_engaged[members, b], self.day)]
            invited = feeds.message_friends(
                m.network, inviting, self.scenario.behavior.invite_rate, self.rng
            )
            count = np.bincount(invited[~m.member[invited, b]], minlength=m.size)
            invited = np.flatnonzero(count)
            feed.add_extra("invitations", invited, b, count[invited].astype(np.float32))

    @stage("response")
    def _respond(self, posts: Posts, exposure: Exposure):
        m, bh = self.members, self.scenario.behavior
        n_brands = len(self.brands)
        brand_engagements = np.zeros(n_brands)
        shares_made = np.zeros(n_brands)
        replies_sent = np.zeros(n_brands)
        unfollows = np.zeros(n_brands)
        who = exposure.who
        # Members shown nothing today neither react nor share; only the audience may leave.
        interest, activity = m.interest[who], m.activity[who]
        susceptibility, in_market = m.susceptibility[who], m.in_market[who]
        m.shares[self.sharers] = 0.0
        sharers = []
        for brand in self.brands:
            b, s = brand.index, brand.strategy
            # (kinds, K) rows; most members saw one or two kinds, so each kind's maths runs
            # only where that kind was seen (a kind not seen changes nothing).
            seen = np.ascontiguousarray(exposure.seen[:, b, :].T)
            shown = [np.flatnonzero(row) for row in seen]
            fatigue, attitude = m.fatigue[who, b], m.attitude[who, b]
            rho_value = interest
            rho_push = response.push_relevance(m.affinity[who, b], in_market)
            calm = np.exp(-fatigue)
            willing = bh.engage_base * activity * calm

            def draw(kind, p, rho, seen=seen, shown=shown):
                """Per member: successes among the posts of a kind seen, each with p x rho."""
                out = np.zeros(who.size, dtype=np.float32)
                at = shown[kind]
                out[at] = draws.binomial(seen[kind, at], p[at] * rho[at], self.rng)
                return out

            eng_value = draw(VALUE, willing * (s.quality * bh.trust_brand), rho_value)
            eng_push = draw(PUSH, willing * (s.quality * bh.trust_brand), rho_push)
            eng_share = draw(SHARE, willing * (s.quality * bh.trust_friend), rho_value)
            eng_community = draw(
                COMMUNITY, willing * (MEMBER_CONTENT_QUALITY * bh.trust_friend), rho_value
            )
            on_brand_posts = eng_value + eng_push
            brand_engagements[b] = on_brand_posts.sum()
            brand_impressions = (
                exposure.delivered[:, b, VALUE].sum() + exposure.delivered[:, b, PUSH].sum()
            )
            brand.observe_engagement(brand_engagements[b], brand_impressions)

            total = on_brand_posts + eng_share + eng_community
            did_engage = total > 0
            m.last_engaged[who[did_engage], b] = self.day
            m.ever_engaged[who[did_engage], b] = True
            m.engagement_score[who[did_engage], b] += total[did_engage]

            # Attitude: value content and shares of it, leaders and peers, replies.
            value_gain = bh.value_attitude_gain * s.quality * s.brand_mention
            for kind, trust in ((VALUE, bh.trust_brand), (SHARE, bh.trust_friend)):
                at = shown[kind]
                gain = value_gain * trust * rho_value[at] * susceptibility[at]
                attitude[at] = response.value_attitude(attitude[at], seen[kind, at], gain)
            mention = 1.0 if s.community == "brand" else s.brand_mention
            community_mentions = delivery.thin(seen[COMMUNITY], mention, self.rng)
            influence = bh.social_influence * susceptibility
            at = shown[LEADER]
            attitude[at] = response.social_pull(
                attitude[at],
                seen[LEADER, at],
                influence[at] * bh.trust_leader,
                exposure.leader_voice[at, b],
            )
            at = np.flatnonzero(community_mentions)
            attitude[at] = response.social_pull(
                attitude[at],
                community_mentions[at],
                influence[at] * bh.trust_friend,
                posts.member_voice[b],
            )
            comments = on_brand_posts + eng_community
            responsiveness = s.responsiveness if brand.program_active else 0.0
            attitude, replies = response.reply_outcome(
                attitude, comments, responsiveness, bh.reply_gain, bh.neglect_loss, self.rng
            )
            replies_sent[b] = replies.sum()
            ignored = who[(comments > 0) & (replies == 0)]
            m.attitude[who, b] = np.clip(attitude, -1.0, 1.0)

            # Sales pushes tire the uninterested and prime the members in the market.
            at = shown[PUSH]
            m.fatigue[who[at], b] = response.push_fatigue(
                fatigue[at], seen[PUSH, at], rho_push[at], bh.push_fatigue
            )
            m.promo[who[at], b] += seen[PUSH, at]

            named = seen[VALUE] + seen[PUSH] + seen[LEADER] + seen[SHARE]
            named = who[(named + community_mentions) > 0]
            m.aware[named, b] = True
            m.last_contact[named, b] = self.day
            m.ever_reached[who[exposure.delivered[:, b, :].any(axis=1)], b] = True

            # Useful content travels; promotions rarely do.
            share_will = bh.share_base * activity * calm
            seen_value = seen[VALUE] + seen[SHARE]
            at = np.flatnonzero(seen_value)
            shares = np.zeros(who.size, dtype=np.float32)
            shares[at] = draws.binomial(
                seen_value[at], share_will[at] * s.quality * rho_value[at], self.rng
            )
            shares += draw(PUSH, share_will * s.quality, rho_push)
            shares += draw(COMMUNITY, share_will * MEMBER_CONTENT_QUALITY, rho_value)
            shared = shares > 0
            m.shares[who[shared], b] = shares[shared]
            sharers.append(who[shared])
            shares_made[b] = shares.sum()

            unfollows[b] = self._leave(b, exposure.audiences[b], ignored)
        self.sharers = feeds.union(m.size, *sharers)
        return brand_engagements, shares_made, replies_sent, unfollows

    def _leave(self, b: int, audience: np.ndarray, ignored: np.ndarray) -> int:
        """Tired followers unfollow; members who get nothing for months drift off; so may
        members whose comment went unanswered. Returns how many left."""
        m, bh = self.members, self.scenario.behavior
        leave_p = response.unfollow_probability(
            m.fatigue[audience, b], bh.unfollow_threshold, bh.unfollow_max
        )
        leave_p = response.either(
            leave_p,
            m.member[audience, b] & community.dormant(m.last_engaged[audience, b], self.day),
            bh.dormant_leave,
        )
        snubbed = np.zeros(audience.size, dtype=bool)
        at = np.searchsorted(audience, ignored)
        in_audience = at < audience.size
        at = at[in_audience]
        snubbed[at[audience[at] == ignored[in_audience]]] = True
        leave_p = response.either(leave_p, snubbed, bh.neglect_unfollow)
        leaving = audience[self.rng.random(audience.size) < leave_p]
        m.follows[leaving, b] = False
        m.member[leaving, b] = False
        return leaving.size

    @stage("community")
    def _update_communities(self, exposure: Exposure) -> np.ndarray:
        m, bh = self.members, self.scenario.behavior
        giveaways = np.zeros(len(self.brands), np.int64)
        for brand in self.brands:
            b, s = brand.index, brand.strategy
            opportunities = (
                exposure.seen[:, b, SHARE] + exposure.paid[:, b] + exposure.seen[:, b, LEADER]
            )
            if brand.has_community:
                opportunities = opportunities + exposure.invitations[:, b]
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
        delivered = exposure.delivered.sum(axis=0)
        paid = exposure.paid.sum(axis=0)
        organic = delivered[:, VALUE] + delivered[:, PUSH] - paid
        impressions = organic + paid
        aware_count = _count(m.aware)
        attitude_sum = np.array([m.attitude[m.aware[:, b], b].sum() for b in range(n_brands)])
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
