"""Who joins a brand's community or page today, who a giveaway brings in, and whom a KOL
programme promotes (docs/model.md sections 7.4 and 7.5)."""

from __future__ import annotations

import numpy as np

from commsim.model.kernels import community
from commsim.model.member_state import community_fit, stochastic_round
from commsim.model.phases.exposure import LEADER, SHARE, Exposure, Posts
from commsim.model.world import World


def update_communities(world: World, posts: Posts, exposure: Exposure) -> np.ndarray:
    """Members who met a brand may join; giveaways add followers. Returns each brand's
    giveaway followers today (simulated sample)."""
    m, bh, rng, day = world.members, world.behavior, world.rng, world.day
    giveaways = np.zeros(len(world.brands))
    who = exposure.who
    for brand in world.brands:
        b, s = brand.index, brand.strategy
        if not (brand.program_active or brand.has_community):
            continue  # no programme, no community: nothing to join
        # Meetings: shares, ads and leader posts naming the brand, as attended to (not those
        # the feed dropped): each is a chance to find the page or community the brand runs;
        # an ad only when it is noticed (``platform.ad_awareness``).
        ads = world.platform.ad_awareness * exposure.paid_seen(b)
        opportunities = exposure.seen[b, SHARE] + ads + exposure.seen[b, LEADER]
        if brand.has_community:
            opportunities = opportunities + exposure.invitations[b]
        met = opportunities > 0  # no meeting, no chance to join
        candidates = who[met]
        fit = community_fit(m, b, s.community if brand.has_community else "none", candidates)
        p_join = community.join_probability(fit, opportunities[met], bh.join_base)
        # Page followers (giveaway winners too) may still join the brand's community.
        target = m.member if brand.has_community else m.follows
        # A member who blocked a messaging account is out of its reach for good.
        free = ~target[candidates, b] & ~m.blocked[candidates, b]
        joining = candidates[free & (rng.random(candidates.size) < p_join)]
        if brand.spending and s.incentive_followers_per_week > 0:
            audience = m.follows[:, b] | m.member[:, b] | m.blocked[:, b]
            audience[joining] = True
            weights = m.interest if s.giveaway_targeting == "interest" else None
            bought = community.giveaway_followers(
                audience, s.incentive_followers_per_week / world.scale, weights, rng
            )
            bought = bought[: brand.buy(bought.size, world.scale * s.incentive_cost_per_follower)]
            # A follow won with a prize changes nothing by itself: no awareness, no attitude,
            # no contact (John et al. 2017, N > 14,000; Mochon et al. 2017). Only the posts
            # the feed then delivers to the new follower can (docs/model.md 7.5).
            m.follows[bought, b] = True
            m.prize[bought, b] = True
            giveaways[b] = bought.size
        target[joining, b] = True
        m.aware[joining, b] = True
        m.last_contact[joining, b] = day
    return giveaways


def follow_from_store(world: World, buyers: np.ndarray, brands: np.ndarray) -> None:
    """Buyers who scan the brand's code in its shops follow its account (LINE friends won
    at the counter); a member who blocked the account does not come back."""
    m = world.members
    for brand in world.brands:
        b, share = brand.index, brand.strategy.store_code_share
        if not (brand.program_active and share > 0):
            continue
        audience = m.follows[:, b] | m.member[:, b] | m.blocked[:, b]
        new = community.store_code_followers(buyers[brands == b], audience, share, world.rng)
        m.follows[new, b] = True
        m.last_contact[new, b] = world.day


def develop_leaders(world: World) -> None:
    """A KOL programme promotes its most engaged community members once a month (every 30th
    day): ``kol_per_month`` people of the market, so that many / scale simulated members."""
    if (world.day + 1) % 30:
        return
    m = world.members
    for brand in world.brands:
        s, b = brand.strategy, brand.index
        if not (s.kol_program and brand.hosting and brand.spending):
            continue
        count = brand.promotions_within(stochastic_round(s.kol_per_month / world.scale, world.rng))
        picks = community.kol_candidates(
            m.engagement_score[:, b], m.member[:, b] & ~m.leader, count
        )
        m.leader[picks] = True
        m.attitude[picks, b] += s.kol_attitude_lift * (1.0 - m.attitude[picks, b])
        brand.kol_leaders += picks.size
