"""What the members are shown today: the day's posts, and the platform's delivery of them.

Publishing and delivery are the first two phases of a day (docs/model.md section 3); the
maths lives in the pure kernels of ``posting``, ``delivery`` and ``feeds``. Counts the
market gives (paid impressions, paid leader posts, a community's posts) are turned into
the simulated sample's at the market scale (docs/model.md section 7.10).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from commsim.config.creators import TIER_FOLLOWERS, TIERS
from commsim.model.agents import BrandAgent, creators_in, fee_per_post
from commsim.model.kernels import budget, community, delivery, feeds, messaging, posting, sponsored
from commsim.model.world import World

# Exposure kinds, the last axis of the per-member exposure counts.
VALUE, PUSH, LEADER, COMMUNITY, SHARE = range(5)
KINDS = 5


@dataclass
class Posts:
    """What was published today."""

    value: np.ndarray  # (B,) brand value posts
    push: np.ndarray  # (B,) brand sales-push posts
    leaders: np.ndarray  # (L,) the opinion leaders
    leader_mentions: np.ndarray  # (L, B) leader posts naming each brand
    leader_voice: np.ndarray  # (L, B) attitude carried by those posts, summed
    paid_leader: np.ndarray  # (B,) leader posts bought (simulated sample)
    community: list[np.ndarray | None]  # per brand: its community's members (None: no community)
    active: list[np.ndarray | None]  # per brand: those who engaged in the last active window
    member_posts: np.ndarray  # (B,) community posts a day in the whole market (expected)
    member_voice: np.ndarray  # (B,) what the community says of the brand (activity-weighted)
    sponsored: list[dict[str, np.ndarray]]  # per brand, per tier: the creator of each post
    creator_fees: np.ndarray  # (B,) today's sponsored posts' fees (market money)


@dataclass
class Exposure:
    """What the members shown anything today (``who``) were shown, before and after attention.

    Everyone else was shown nothing: delivery is sparse, so the day's work follows ``who``.
    Members run along the last axis: one kind of one brand is one contiguous row.
    """

    who: np.ndarray  # (K,) members shown a post or invited today, ascending
    delivered: np.ndarray  # (B, KINDS, K) delivered counts
    seen: np.ndarray  # (B, KINDS, K) counts attended to
    paid: np.ndarray  # (B, K) paid impressions delivered
    leader_voice: np.ndarray  # (B, K) mean attitude of leaders' posts delivered
    leader_tie: np.ndarray  # (B, K) mean tie of those posts' authors, less 1 (7.5)
    invitations: np.ndarray  # (B, K) invitations from friends in the community
    organic_targets: np.ndarray  # (B,) followers x posts the platform could have shown
    audiences: list[np.ndarray]  # per brand: followers and community members at delivery
    in_audience: np.ndarray  # (B, K) whether each member of ``who`` was in it at delivery

    def paid_seen(self, b: int) -> np.ndarray:
        """Paid impressions of brand b attended to, per member of ``who``: everything a
        member outside the audience at delivery saw of the brand's own posts came from ads
        (followers get no ads)."""
        brand_posts = self.seen[b, VALUE] + self.seen[b, PUSH]
        return np.where(self.in_audience[b], 0.0, brand_posts).astype(np.float32)


def publish(world: World) -> Posts:
    """Brands, leaders and community members post; returns what was published."""
    m, behavior, rng = world.members, world.behavior, world.rng
    n_brands = len(world.brands)
    value, push = np.zeros(n_brands, np.int64), np.zeros(n_brands, np.int64)
    leaders = np.flatnonzero(m.leader)
    is_leader = np.ones(leaders.size, dtype=bool)
    mentions = np.zeros((leaders.size, n_brands), np.float32)
    voice = np.zeros((leaders.size, n_brands), np.float32)
    paid_leader = np.zeros(n_brands)
    communities: list[np.ndarray | None] = [None] * n_brands
    actives: list[np.ndarray | None] = [None] * n_brands
    member_posts = np.zeros(n_brands)
    member_voice = np.zeros(n_brands)
    sponsored: list[dict[str, np.ndarray]] = [{} for _ in range(n_brands)]
    creator_fees = np.zeros(n_brands)
    for brand in world.brands:
        b, s = brand.index, brand.strategy
        value[b], push[b] = brand.plan_posts()
        attitude = m.attitude[leaders, b]
        organic = posting.leader_mentions(
            is_leader, attitude, behavior.leader_post_rate, behavior.leader_mention, rng
        )
        paid = (
            posting.paid_leader_posts(is_leader, s.paid_leader_posts_per_week / world.scale, rng)
            if brand.spending
            else np.zeros_like(organic)
        )
        bought = brand.buy(int(paid.sum()), world.scale * s.leader_fee_per_post)
        paid = budget.thin_units(paid, bought, rng)
        paid_leader[b] = paid.sum()
        mentions[:, b] = organic + paid
        # A paid post speaks as well of the brand as the brand's content allows.
        voice[:, b] = organic * attitude + paid * s.quality
        if brand.spending:
            sponsored[b], creator_fees[b] = _sponsored_posts(brand, rng)
        if brand.has_community:
            members = communities[b] = np.flatnonzero(m.member[:, b])
            active = community.active(
                m.last_engaged[:, b][members], world.day, behavior.active_days
            )
            active_members = actives[b] = members[active]
            vitality = active_members.size / members.size if members.size else 0.0
            hosted = 1.0 if brand.hosting else behavior.unhosted_activity
            activity = m.activity[members]
            per_member = posting.member_posts(
                activity, vitality, behavior.member_post_rate * hosted, rng
            )
            m.last_posted[:, b][members[per_member > 0]] = world.day
            rate = posting.community_post_rate(
                activity, vitality, behavior.member_post_rate, hosted
            )
            member_posts[b] = rate * world.scale
            member_voice[b] = posting.community_voice(activity, m.attitude[:, b][members])
    return Posts(
        value,
        push,
        leaders,
        mentions,
        voice,
        paid_leader,
        communities,
        actives,
        member_posts,
        member_voice,
        sponsored,
        creator_fees,
    )


def _sponsored_posts(
    brand: BrandAgent, rng: np.random.Generator
) -> tuple[dict[str, np.ndarray], float]:
    """Today's sponsored posts by tier (the creator of each), within the day's budget, and
    their fees for the market. Creators are people of the market: their posts are not scaled."""
    s = brand.strategy
    posted, fees = {}, 0.0
    for tier in TIERS:
        count = creators_in(s, tier)
        planned = sponsored.posts_today(count, s.creator_posts_per_month, rng)
        if planned == 0:
            continue
        fee = fee_per_post(s, tier)
        bought = brand.buy(planned, fee)
        if bought:
            posted[tier] = rng.integers(0, count, size=bought)
            fees += bought * fee
    return posted, fees


def _sponsored_seen(world: World, posts: Posts, b: int) -> tuple[np.ndarray, np.ndarray]:
    """Members shown brand b's sponsored posts today, one entry per post shown, and the tie
    of each post's creator to its followers (``behavior.<tier>_creator_tie``): each post
    reaches its creator's followers at the platform's organic reach for an account of the
    creator's size (``platform.organic_reach_tiers``), declining as a page's does."""
    platform = world.platform
    if not posts.sponsored[b]:
        return np.empty(0, dtype=np.int64), np.empty(0)
    audiences = world.brands[b].creator_audiences()
    shown, ties = [], []
    for tier, authors in posts.sponsored[b].items():
        size_reach = delivery.reach_for_account_size(
            TIER_FOLLOWERS[tier], platform.organic_reach_tiers, platform.organic_reach
        )
        reach = delivery.organic_reach_probability(
            size_reach, platform.reach_decline_per_year, world.day, 1.0
        )
        shown.append(sponsored.reached(audiences[tier], authors, reach, world.rng))
        ties.append(np.full(shown[-1].size, sponsored.tie(world.behavior, tier)))
    return np.concatenate(shown), np.concatenate(ties)


def deliver(world: World, posts: Posts) -> Exposure:
    """The platform shows today's posts: organic, paid, community, word of mouth; then
    each member attends to at most the feed's capacity."""
    m, platform, rng = world.members, world.platform, world.rng
    n, n_brands = m.size, len(world.brands)
    feed = feeds.Feed(n, n_brands, KINDS)
    audiences, flags = [], []
    organic_targets = np.zeros(n_brands)
    for brand in world.brands:
        b, s = brand.index, brand.strategy
        in_audience = m.follows[:, b] | m.member[:, b]
        flags.append(in_audience)
        audience = np.flatnonzero(in_audience)
        audiences.append(audience)
        base_reach = delivery.reach_for_account_size(
            audience.size * world.scale, platform.organic_reach_tiers, platform.organic_reach
        )
        reach = delivery.organic_reach_probability(
            base_reach, platform.reach_decline_per_year, world.day, brand.rank()
        )
        everyone = np.ones(audience.size, dtype=bool)
        for kind, count in ((VALUE, posts.value[b]), (PUSH, posts.push[b])):
            if count:
                got = delivery.deliver_posts(everyone, int(count), reach, rng)
                feed.add(audience, b, kind, got)
        organic_targets[b] = (posts.value[b] + posts.push[b]) * audience.size
        budget = brand.ad_budget(world.day)
        if budget > 0:
            bought = delivery.bought_impressions(budget, platform.cpm, world.scale)
            weights = m.interest if s.ad_targeting == "interest" else np.ones(n, np.float32)
            weights = np.where(in_audience, 0.0, weights)
            paid = delivery.paid_impressions(bought, weights, platform.ad_frequency_cap, rng)
            shown = np.flatnonzero(paid)
            paid = paid[shown]
            paid_value = delivery.thin(paid, s.value_share, rng)
            feed.add(shown, b, VALUE, paid_value)
            feed.add(shown, b, PUSH, paid - paid_value)
            feed.add_extra("paid", shown, b, paid)
    _word_of_mouth(world, posts, feed)
    _community_posts(world, posts, feed)
    who, delivered, extra = feed.build(("paid", "leader_voice", "leader_tie", "invitations"))
    in_audience = np.array([flag[who] for flag in flags]).reshape(n_brands, who.size)
    shown = delivered
    if platform.kind == "messaging":  # friends read the messages they open
        shown = _opened(delivered, in_audience, platform.open_rate, rng)
    seen = delivery.cap_attention(
        shown.reshape(n_brands * KINDS, who.size), platform.feed_capacity, rng
    ).reshape(delivered.shape)
    return Exposure(
        who,
        delivered,
        seen,
        extra["paid"],
        extra["leader_voice"],
        extra["leader_tie"],
        extra["invitations"],
        organic_targets,
        audiences,
        in_audience,
    )


def _opened(
    delivered: np.ndarray, in_audience: np.ndarray, open_rate: float, rng: np.random.Generator
) -> np.ndarray:
    """The brand messages each friend opens (a friend's brand posts are messages; an ad
    shown to a non-friend is not, so it is shown as delivered)."""
    shown = delivered.copy()
    for b in range(delivered.shape[0]):
        friends = np.flatnonzero(in_audience[b])
        for kind in (VALUE, PUSH):
            shown[b, kind, friends] = messaging.open_messages(
                delivered[b, kind, friends], open_rate, rng
            )
    return shown


def _community_posts(world: World, posts: Posts, feed: feeds.Feed) -> None:
    """Members' posts shown in their communities, delivered last: of a member shown
    nothing else today, only as many as attention keeps need drawing."""
    platform = world.platform
    posted = [
        (b, members)
        for b, members in enumerate(posts.community)
        if members is not None and posts.member_posts[b] > 0
    ]
    if not posted:
        return
    busy = feed.shown()
    if len(posted) > 1:  # a member of two posting communities sees two kinds
        memberships = np.zeros(world.members.size, dtype=np.int8)
        for _, members in posted:
            memberships[members] += 1
        busy |= memberships > 1
    for b, members in posted:
        got = delivery.community_posts(
            posts.member_posts[b] * platform.community_reach,
            platform.feed_capacity,
            ~busy[members],
            world.rng,
        )
        feed.add(members, b, COMMUNITY, got)


def _word_of_mouth(world: World, posts: Posts, feed: feeds.Feed) -> None:
    """Leaders' posts (a sparse product from the leaders who post), friends' shares and
    invitations to join a community (messages along ties).

    Each share reaches each friend with chance ``share_visibility``, and each tie of a member
    active in a community carries an invitation with chance ``invite_rate``: drawn as the
    messages that get through, at their cost rather than that of every tie. Only members who
    got something from the community lately invite; an invitation matters only to a friend
    outside the community, so only those are kept.
    """
    m, platform, rng = world.members, world.platform, world.rng
    n_brands = len(world.brands)
    speaking = posts.leader_mentions.any(axis=1)
    values = np.concatenate([posts.leader_mentions[speaking], posts.leader_voice[speaking]], axis=1)
    listeners, friends = feeds.spread_to_friends(m.network, posts.leaders[speaking], values)
    from_leaders = friends[:, :n_brands]
    leader_seen = delivery.thin(from_leaders, platform.leader_reach, rng)
    leader_voice = friends[:, n_brands:] / np.maximum(from_leaders, 1.0)
    for b in range(n_brands):
        heard_from, seen, voice, tie = _with_sponsored(
            world, posts, b, listeners, leader_seen[:, b], leader_voice[:, b]
        )
        feed.add(heard_from, b, LEADER, seen)
        heard = seen > 0  # a leader's voice counts only where a post got through
        feed.add_extra("leader_voice", heard_from[heard], b, voice[heard])
        if tie is not None:
            feed.add_extra("leader_tie", heard_from[heard], b, tie[heard] - 1.0)
        shares = m.shares[:, b][world.sharers].astype(np.int64)
        senders = np.repeat(world.sharers, shares)  # one sender per share made
        seen_by = feeds.message_friends(m.network, senders, platform.share_visibility, rng)
        seen_by, count = np.unique(seen_by, return_counts=True)
        feed.add(seen_by, b, SHARE, count.astype(np.float32))
    for b, inviting in enumerate(posts.active):
        if inviting is None:
            continue
        invited = feeds.message_friends(m.network, inviting, world.behavior.invite_rate, rng)
        invited, count = np.unique(invited[~m.member[:, b][invited]], return_counts=True)
        feed.add_extra("invitations", invited, b, count.astype(np.float32))


def _with_sponsored(
    world: World,
    posts: Posts,
    b: int,
    listeners: np.ndarray,
    seen: np.ndarray,
    voice: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]:
    """Leaders' posts seen by ``listeners`` (their counts and mean voice), with brand b's
    sponsored posts added: creators speak as well of the brand as its content allows
    (``brand.quality``), and a member's leader voice is the mean over all posts seen; so is
    the tie of their authors (a leader's 1, a creator's its tier's), or None without
    sponsored posts."""
    shown, ties = _sponsored_seen(world, posts, b)
    if shown.size == 0:
        return listeners, seen, voice, None
    reached, where = np.unique(shown, return_inverse=True)
    count = np.bincount(where, minlength=reached.size)
    tied = np.bincount(where, weights=ties, minlength=reached.size)
    size = world.members.size
    members = feeds.union(size, listeners, reached)
    slot = feeds.slots(members, size)
    total = np.zeros(members.size)
    spoken = np.zeros(members.size)
    tie = np.zeros(members.size)
    total[slot[listeners]] += seen
    spoken[slot[listeners]] += seen * voice
    tie[slot[listeners]] += seen
    total[slot[reached]] += count
    spoken[slot[reached]] += count * world.brands[b].strategy.quality
    tie[slot[reached]] += tied
    mean = np.divide(spoken, total, out=np.zeros_like(spoken), where=total > 0)
    mean_tie = np.divide(tie, total, out=np.ones_like(tie), where=total > 0)
    return members, total, mean, mean_tie
