"""What members do with what they saw: engage, change their minds, learn about the category,
tire, share, leave.

The response phase of a day (docs/model.md section 7.3); the maths lives in the pure kernels
of ``response``, ``delivery`` (thinning) and ``draws``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from commsim.model.kernels import budget, community, delivery, draws, feeds, messaging, response
from commsim.model.member_state import BrandState
from commsim.model.phases.exposure import COMMUNITY, LEADER, PUSH, SHARE, VALUE, Exposure, Posts
from commsim.model.world import World


@dataclass
class Responses:
    """Per brand, today: what members did with its content (simulated sample)."""

    engagements: np.ndarray  # engagements with the brand's own posts
    shares: np.ndarray
    replies: np.ndarray  # replies the brand sent
    unfollows: np.ndarray  # every departure from the audience, blocks included
    blocks: np.ndarray  # departures from a messaging account (its friends can only block)


def respond(world: World, posts: Posts, exposure: Exposure) -> Responses:
    """Members react to what they saw, brand by brand."""
    m = world.members
    n_brands = len(world.brands)
    out = Responses(*(np.zeros(n_brands) for _ in range(5)))
    messaging_account = world.platform.kind == "messaging"
    m.shares[world.sharers] = 0.0
    sharers = []
    for brand in world.brands:
        b = brand.index
        shared = _respond_to_brand(world, posts, exposure, b, out)
        sharers.append(shared)
        blocked = _block(world, exposure, b) if messaging_account else 0
        audience = exposure.audiences[b]
        if blocked:
            audience = audience[m.follows[audience, b] | m.member[audience, b]]
        left = _leave(world, b, audience, messaging_account=messaging_account)
        out.unfollows[b] = blocked + left
        if messaging_account:  # a friend stops an account's messages by blocking it
            out.blocks[b] = blocked + left
    world.sharers = feeds.union(m.size, *sharers)
    return out


def _where_seen(row: np.ndarray) -> np.ndarray | slice:
    """Where a kind was seen: its members' positions, or the whole row when most saw it."""
    return np.flatnonzero(row) if 2 * np.count_nonzero(row) < row.size else slice(None)


@dataclass
class _Reader:
    """What one brand's content met today: the members shown something (``who``), what they
    attended to by kind (``seen``, ``shown``) and their state as at the start of the day."""

    who: np.ndarray
    seen: np.ndarray  # (kinds, K) posts attended to
    shown: list  # per kind: where it was seen (positions, or the whole row)
    activity: np.ndarray
    susceptibility: np.ndarray
    fatigue: np.ndarray
    attitude: np.ndarray  # changed in place by the day's persuasion
    rho_value: np.ndarray  # relevance of value content: topic interest
    rho_push: np.ndarray  # relevance of a push: in the market now, or a fan
    rho_community: np.ndarray  # relevance of the community's talk
    trust_own: np.ndarray  # trust in the brand's own posts: its page's, or its ads'


def _respond_to_brand(
    world: World, posts: Posts, exposure: Exposure, b: int, out: Responses
) -> np.ndarray:
    """One brand's content: engagement, attitude, category education, fatigue, awareness,
    shares. Returns the members who shared it (their shares are shown tomorrow)."""
    reader = _reader(world, exposure, b)
    comments = _engage(world, exposure, reader, b, out)
    mentions = _persuade(world, posts, exposure, reader, b, comments, out)
    _tire_and_notice(world, exposure, reader, b, mentions)
    return _share(world, reader, b, out)


def _reader(world: World, exposure: Exposure, b: int) -> _Reader:
    """Members shown nothing today neither react nor share (only the audience may leave);
    the others' state, and how relevant each kind of post is to them."""
    m, s = world.members, world.brands[b].strategy
    who = exposure.who
    # (kinds, K) rows; most members saw one or two kinds, so each kind's maths runs only
    # where that kind was seen, or over the whole row when most saw it (a lively
    # community's posts): a kind not seen draws zero and changes nothing.
    seen = exposure.seen[b]
    shown = [_where_seen(row) for row in seen]
    mb = m.brand(b)
    attitude = mb.attitude[who]
    rho_value = m.interest[who]
    rho_push = np.zeros(who.size, dtype=np.float32)  # needed only where a push was seen
    at = shown[PUSH]
    rho_push[at] = response.push_relevance(mb.affinity[who[at]], m.in_market[who][at])
    # A topic community talks about the topic; a brand community about the brand.
    rho_community = rho_value
    if s.community == "brand":
        rho_community = np.zeros(who.size, dtype=np.float32)
        at = shown[COMMUNITY]
        rho_community[at] = response.brand_fit(mb.affinity[who[at]], attitude[at])
    return _Reader(
        who=who,
        seen=seen,
        shown=shown,
        activity=m.activity[who],
        susceptibility=m.susceptibility[who],
        fatigue=mb.fatigue[who],
        attitude=attitude,
        rho_value=rho_value,
        rho_push=rho_push,
        rho_community=rho_community,
        trust_own=np.where(
            exposure.in_audience[b], world.behavior.trust_brand, world.behavior.trust_ad
        ).astype(np.float32),
    )


def _engage(world: World, exposure: Exposure, r: _Reader, b: int, out: Responses) -> np.ndarray:
    """Engagements by kind, recorded on the members; the feed learns the brand's rate.
    Returns each member's engagements with the brand's own posts (comments awaiting a reply)."""
    bh, rng, day = world.behavior, world.rng, world.day
    brand = world.brands[b]
    s, mb = brand.strategy, world.members.brand(b)
    expected = 0.0  # engagements the brand's own posts can expect from what was seen

    def engage(kind, quality, rho, trust):
        """Per member: engagements among the posts of a kind seen."""
        nonlocal expected
        got = np.zeros(r.who.size, dtype=np.float32)
        at = r.shown[kind]
        trust = trust[at] if isinstance(trust, np.ndarray) else trust
        p = response.engagement_probability(
            bh.engage_base, r.activity[at], quality, rho[at], trust, r.fatigue[at]
        )
        got[at] = draws.binomial(r.seen[kind, at], p, rng)
        if kind in (VALUE, PUSH):
            expected += float(np.dot(r.seen[kind, at], np.clip(p, 0.0, 1.0)))
        return got

    # Outside the audience a brand post is an ad (followers get none), trusted as ads are.
    eng_value = engage(VALUE, s.quality, r.rho_value, r.trust_own)
    eng_push = engage(PUSH, s.quality, r.rho_push, r.trust_own)
    eng_share = engage(SHARE, s.quality, r.rho_value, bh.trust_friend)
    eng_community = engage(COMMUNITY, bh.member_content_quality, r.rho_community, bh.trust_friend)
    on_brand_posts = eng_value + eng_push
    out.engagements[b] = on_brand_posts.sum()
    impressions = exposure.delivered[b, VALUE].sum() + exposure.delivered[b, PUSH].sum()
    # The feed ranks on the whole market's engagement: the sample's expected engagements
    # scaled up (its own draws would carry the sample's noise, and a prior in impressions
    # would weigh more in a small sample than in a large one; docs/model.md 7.10).
    brand.observe_engagement(expected * world.scale, impressions * world.scale)

    total = on_brand_posts + eng_share + eng_community
    did_engage = total > 0
    engaged = r.who[did_engage]
    mb.last_engaged[engaged] = day
    mb.ever_engaged[engaged] = True
    mb.engagement_score[engaged] += total[did_engage]
    return on_brand_posts


def _persuade(
    world: World,
    posts: Posts,
    exposure: Exposure,
    r: _Reader,
    b: int,
    comments: np.ndarray,
    out: Responses,
) -> np.ndarray:
    """Attitudes and the category need move with what was read, heard and answered.
    Returns the community posts seen that named the brand, per member."""
    m, bh, rng = world.members, world.behavior, world.rng
    brand = world.brands[b]
    s, mb = brand.strategy, m.brand(b)
    who, seen, shown, attitude = r.who, r.seen, r.shown, r.attitude
    # Value content: the part that names the brand builds attitude to it; the rest teaches
    # the topic and raises the category need, for every brand alike (seed 000's bridge).
    community_mention = 1.0 if s.community == "brand" else s.brand_mention
    boost = m.category_boost[who]
    for kind, trust, quality, mention, rho in (
        (VALUE, r.trust_own, s.quality, s.brand_mention, r.rho_value),
        (SHARE, bh.trust_friend, s.quality, s.brand_mention, r.rho_value),
        (COMMUNITY, bh.trust_friend, bh.member_content_quality, community_mention, r.rho_value),
    ):
        at = shown[kind]
        trust = trust[at] if isinstance(trust, np.ndarray) else trust
        reach = bh.value_attitude_gain * quality * trust * rho[at] * r.susceptibility[at]
        if kind != COMMUNITY:  # community posts act on attitude through the community's voice
            attitude[at] = response.value_attitude(attitude[at], seen[kind, at], reach * mention)
        if mention < 1.0 and bh.category_need_gain > 0:
            boost[at] = response.category_education(
                boost[at], seen[kind, at], reach * (1.0 - mention), bh.category_need_gain
            )
    m.category_boost[who] = boost
    community_mentions = delivery.thin(seen[COMMUNITY], community_mention, rng)
    influence = bh.social_influence * r.susceptibility
    at = shown[LEADER]
    weight = influence[at] * bh.trust_leader
    tie = exposure.leader_tie[b, at]  # a creator's tie to its followers, less a leader's 1
    if tie.any():
        weight = weight * (1.0 + tie)
    attitude[at] = response.social_pull(
        attitude[at], seen[LEADER, at], weight, exposure.leader_voice[b, at]
    )
    at = np.flatnonzero(community_mentions)
    attitude[at] = response.social_pull(
        attitude[at], community_mentions[at], influence[at] * bh.trust_friend, posts.member_voice[b]
    )
    # A member waits for the brand's answer to a comment on the brand's own post, not to
    # one in a conversation among members.
    responsiveness = s.responsiveness if brand.spending else 0.0
    replies = response.draw_replies(comments, responsiveness, rng)
    replies = budget.thin_replies(replies, brand.buy_replies(int(replies.sum())), rng)
    attitude = response.answer_comments(attitude, comments, replies, bh.reply_gain, bh.neglect_loss)
    out.replies[b] = replies.sum()
    mb.attitude[who] = np.clip(attitude, -1.0, 1.0)
    return community_mentions


def _tire_and_notice(
    world: World, exposure: Exposure, r: _Reader, b: int, community_mentions: np.ndarray
) -> None:
    """A page's posts tire its readers; sales pushes tire the uninterested most, and prime
    the members in the market. Whatever named the brand makes it known."""
    bh, day, mb = world.behavior, world.day, world.members.brand(b)
    who, seen = r.who, r.seen
    brand_posts = seen[VALUE] + seen[PUSH]
    at = np.flatnonzero(brand_posts)
    mb.fatigue[who[at]] = response.post_fatigue(
        r.fatigue[at],
        brand_posts[at],
        seen[PUSH, at],
        r.rho_push[at],
        bh.post_fatigue,
        bh.push_fatigue,
    )
    at = r.shown[PUSH]
    mb.promo[who[at]] += seen[PUSH, at]

    # The page's own posts, leaders and friends name the brand to whoever reads them; an ad
    # makes its reader aware only with chance ``ad_awareness`` per ad (most scroll past).
    in_audience = exposure.in_audience[b]
    ads = np.where(in_audience, 0.0, brand_posts)
    named = np.where(in_audience, brand_posts, 0.0) + seen[LEADER] + seen[SHARE]
    at = np.flatnonzero(ads)
    noticed = np.zeros(who.size, dtype=bool)
    noticed[at] = world.rng.random(at.size) < response.at_least_once(
        world.platform.ad_awareness, ads[at]
    )
    named = who[((named + community_mentions) > 0) | noticed]
    mb.aware[named] = True
    mb.last_contact[named] = day
    mb.ever_reached[who[exposure.delivered[b].any(axis=0)]] = True


def _share(world: World, r: _Reader, b: int, out: Responses) -> np.ndarray:
    """Useful content travels; promotions travel only among the members they concern.
    Returns the members who shared."""
    bh, rng = world.behavior, world.rng
    s, mb = world.brands[b].strategy, world.members.brand(b)
    shares = np.zeros(r.who.size, dtype=np.float32)
    for kinds, quality, rho in (
        ((VALUE, SHARE), s.quality, r.rho_value),
        ((PUSH,), s.quality, r.rho_push),
        ((COMMUNITY,), bh.member_content_quality, r.rho_community),
    ):
        count = r.seen[list(kinds)].sum(axis=0) if len(kinds) > 1 else r.seen[kinds[0]]
        at = np.flatnonzero(count)
        p = response.share_probability(
            bh.share_base, r.activity[at], quality, rho[at], r.fatigue[at]
        )
        shares[at] += draws.binomial(count[at], p, rng)
    shared = shares > 0
    mb.shares[r.who[shared]] = shares[shared]
    out.shares[b] = shares.sum()
    return r.who[shared]


def _block(world: World, exposure: Exposure, b: int) -> int:
    """Friends of a messaging account block it after unwanted messages (received, opened or
    not). Returns how many blocked."""
    m, rng = world.members, world.rng
    mb = m.brand(b)
    friends = exposure.in_audience[b]  # followers get no ads: all they got are messages
    who = exposure.who[friends]
    value = exposure.delivered[b, VALUE][friends]
    push = exposure.delivered[b, PUSH][friends]
    rho_push = response.push_relevance(mb.affinity[who], m.in_market[who])
    p = messaging.block_probability(
        value, push, m.interest[who], rho_push, world.platform.block_per_unwanted_message
    )
    blocking = who[rng.random(who.size) < p]
    _remove(mb, blocking, blocked=True)
    return blocking.size


def _remove(mb: BrandState, leaving: np.ndarray, *, blocked: bool) -> None:
    """Members who leave the brand's audience (a block keeps them out for good)."""
    mb.follows[leaving] = False
    mb.member[leaving] = False
    mb.prize[leaving] = False
    if blocked:
        mb.blocked[leaving] = True


def _leave(world: World, b: int, audience: np.ndarray, *, messaging_account: bool) -> int:
    """Tired followers unfollow; followers and members who get nothing for months drift off;
    so do those who have come to dislike the brand, and prize seekers. Returns how many left.

    A messaging account's friends leave only by blocking: messages arrive whether read or
    not, so neither tiredness nor dormancy takes a friend away (``_block`` prices each
    unwanted message instead); dislike and prize seeking do, as blocks.

    Each member's daily chance is at most ``ceiling`` (every reason at its highest), so
    candidates are drawn at that chance (geometric gaps: the cost of the candidates, not of
    the audience) and each is kept with its own chance / ceiling: the same law.
    """
    mb, bh, day = world.members.brand(b), world.behavior, world.day
    ceiling = response.any_of(
        bh.unfollow_max, bh.dormant_leave, bh.dislike_leave, bh.prize_seeker_leave
    )
    who = audience[feeds.bernoulli_successes(audience.size, ceiling, world.rng)]
    tired = response.unfollow_probability(
        mb.fatigue[who], bh.unfollow_threshold, bh.unfollow_max, bh.unfollow_steepness
    )
    dormant = community.dormant(mb.last_engaged[who], day, bh.dormant_days)
    if messaging_account:
        tired = np.zeros_like(tired)
    leave_p = response.leave_probability(
        tired,
        dormant,
        0.0 if messaging_account else bh.dormant_leave,
        mb.attitude[who],
        bh.dislike_leave,
        mb.prize[who],
        bh.prize_seeker_leave,
    )
    leaving = who[world.rng.random(who.size) * ceiling < leave_p]
    _remove(mb, leaving, blocked=messaging_account)
    return leaving.size
