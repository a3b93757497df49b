"""What members do with what they saw: engage, change their minds, share, leave.

The response phase of a day (DESIGN.md section 3); the maths lives in the pure kernels of
``response``, ``delivery`` (thinning) and ``draws``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from commsim.model import community, delivery, draws, feeds, response
from commsim.model.exposure import COMMUNITY, LEADER, PUSH, SHARE, VALUE, Exposure, Posts

if TYPE_CHECKING:
    from commsim.model.model import CommunityModel

# Member-generated posts are useful but less polished than a brand's (assumption).
MEMBER_CONTENT_QUALITY = 0.5


def respond(
    model: CommunityModel, posts: Posts, exposure: Exposure
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Members react to what they saw. Returns engagements with brand posts, shares,
    replies sent and unfollows, per brand."""
    m, bh = model.members, model.scenario.behavior
    n_brands = len(model.brands)
    brand_engagements = np.zeros(n_brands)
    shares_made = np.zeros(n_brands)
    replies_sent = np.zeros(n_brands)
    unfollows = np.zeros(n_brands)
    who = exposure.who
    # Members shown nothing today neither react nor share; only the audience may leave.
    interest, activity = m.interest[who], m.activity[who]
    susceptibility, in_market = m.susceptibility[who], m.in_market[who]
    m.shares[model.sharers] = 0.0
    sharers = []
    for brand in model.brands:
        b, s = brand.index, brand.strategy
        # (kinds, K) rows; most members saw one or two kinds, so each kind's maths runs
        # only where that kind was seen (a kind not seen changes nothing), or over the whole
        # row when most saw it (a lively community's posts): zero seen draws zero.
        seen = exposure.seen[b]
        shown = [_where_seen(row) for row in seen]
        mb = m.brand(b)
        fatigue, attitude = mb.fatigue[who], mb.attitude[who]
        rho_value = interest
        rho_push = np.zeros(who.size, dtype=np.float32)  # needed only where a push was seen
        at = shown[PUSH]
        rho_push[at] = response.push_relevance(mb.affinity[who[at]], in_market[at])
        calm = np.exp(-fatigue)
        willing = bh.engage_base * activity * calm

        def draw(kind, will, scale, rho, seen=seen, shown=shown):
            """Per member: successes among the posts of a kind seen, each with chance
            will x scale x rho."""
            out = np.zeros(who.size, dtype=np.float32)
            at = shown[kind]
            out[at] = draws.binomial(seen[kind, at], will[at] * scale * rho[at], model.rng)
            return out

        brand_trust, friend_trust = s.quality * bh.trust_brand, s.quality * bh.trust_friend
        eng_value = draw(VALUE, willing, brand_trust, rho_value)
        eng_push = draw(PUSH, willing, brand_trust, rho_push)
        eng_share = draw(SHARE, willing, friend_trust, rho_value)
        member_trust = MEMBER_CONTENT_QUALITY * bh.trust_friend
        eng_community = draw(COMMUNITY, willing, member_trust, rho_value)
        on_brand_posts = eng_value + eng_push
        brand_engagements[b] = on_brand_posts.sum()
        brand_impressions = exposure.delivered[b, VALUE].sum() + exposure.delivered[b, PUSH].sum()
        brand.observe_engagement(brand_engagements[b], brand_impressions)

        total = on_brand_posts + eng_share + eng_community
        did_engage = total > 0
        engaged = who[did_engage]
        mb.last_engaged[engaged] = model.day
        mb.ever_engaged[engaged] = True
        mb.engagement_score[engaged] += total[did_engage]

        # Attitude: value content and shares of it, leaders and peers, replies.
        value_gain = bh.value_attitude_gain * s.quality * s.brand_mention
        for kind, trust in ((VALUE, bh.trust_brand), (SHARE, bh.trust_friend)):
            at = shown[kind]
            gain = value_gain * trust * rho_value[at] * susceptibility[at]
            attitude[at] = response.value_attitude(attitude[at], seen[kind, at], gain)
        mention = 1.0 if s.community == "brand" else s.brand_mention
        community_mentions = delivery.thin(seen[COMMUNITY], mention, model.rng)
        influence = bh.social_influence * susceptibility
        at = shown[LEADER]
        attitude[at] = response.social_pull(
            attitude[at],
            seen[LEADER, at],
            influence[at] * bh.trust_leader,
            exposure.leader_voice[b, at],
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
            attitude, comments, responsiveness, bh.reply_gain, bh.neglect_loss, model.rng
        )
        replies_sent[b] = replies.sum()
        ignored = who[(comments > 0) & (replies == 0)]
        mb.attitude[who] = np.clip(attitude, -1.0, 1.0)

        # Sales pushes tire the uninterested and prime the members in the market.
        at = shown[PUSH]
        mb.fatigue[who[at]] = response.push_fatigue(
            fatigue[at], seen[PUSH, at], rho_push[at], bh.push_fatigue
        )
        mb.promo[who[at]] += seen[PUSH, at]

        named = seen[VALUE] + seen[PUSH] + seen[LEADER] + seen[SHARE]
        named = who[(named + community_mentions) > 0]
        mb.aware[named] = True
        mb.last_contact[named] = model.day
        mb.ever_reached[who[exposure.delivered[b].any(axis=0)]] = True

        # Useful content travels; promotions rarely do.
        share_will = bh.share_base * activity * calm
        seen_value = seen[VALUE] + seen[SHARE]
        at = np.flatnonzero(seen_value)
        shares = np.zeros(who.size, dtype=np.float32)
        shares[at] = draws.binomial(
            seen_value[at], share_will[at] * s.quality * rho_value[at], model.rng
        )
        shares += draw(PUSH, share_will, s.quality, rho_push)
        shares += draw(COMMUNITY, share_will, MEMBER_CONTENT_QUALITY, rho_value)
        shared = shares > 0
        mb.shares[who[shared]] = shares[shared]
        sharers.append(who[shared])
        shares_made[b] = shares.sum()

        unfollows[b] = _leave(model, b, exposure.audiences[b], ignored)
    model.sharers = feeds.union(m.size, *sharers)
    return brand_engagements, shares_made, replies_sent, unfollows


def _where_seen(row: np.ndarray) -> np.ndarray | slice:
    """Where a kind was seen: its members' positions, or the whole row when most saw it."""
    return np.flatnonzero(row) if 2 * np.count_nonzero(row) < row.size else slice(None)


def _leave(model: CommunityModel, b: int, audience: np.ndarray, ignored: np.ndarray) -> int:
    """Tired followers unfollow; members who get nothing for months drift off; so may
    members whose comment went unanswered. Returns how many left.

    Each member's daily chance is at most ``ceiling`` (all three reasons at their highest),
    so candidates are drawn at that chance (geometric gaps: the cost of the candidates, not
    of the audience) and each is kept with its own chance / ceiling: the same law.
    """
    mb, bh = model.members.brand(b), model.scenario.behavior
    ceiling = response.any_of(bh.unfollow_max, bh.dormant_leave, bh.neglect_unfollow)
    who = audience[feeds.bernoulli_successes(audience.size, ceiling, model.rng)]
    leave_p = response.unfollow_probability(mb.fatigue[who], bh.unfollow_threshold, bh.unfollow_max)
    leave_p = response.either(
        leave_p,
        mb.member[who] & community.dormant(mb.last_engaged[who], model.day),
        bh.dormant_leave,
    )
    at = np.minimum(np.searchsorted(ignored, who), max(ignored.size - 1, 0))
    snubbed = ignored[at] == who if ignored.size else np.zeros(who.size, dtype=bool)
    leave_p = response.either(leave_p, snubbed, bh.neglect_unfollow)
    leaving = who[model.rng.random(who.size) * ceiling < leave_p]
    mb.follows[leaving] = False
    mb.member[leaving] = False
    return leaving.size
