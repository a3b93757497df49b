"""Each study's design, run inside the model at its sourced defaults: the same comparison
the study made (randomised likes among the same customers, the exposed against the same
members without ads, joiners against matched non-joiners, ...), measured as the study did.

A design takes the base world (the simulated sample's size, and any settings the user gave)
and one replicate's seed, and returns the study's measures (their keys in
``data/field_evidence.toml``). Worlds a design compares are built
from the same seed: the same people, network and history (common random numbers). Nothing
here is tuned to the published values: the designs' settings (a campaign's size and length)
are stated in each study's ``in_model`` text.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from commsim.config import make_scenario
from commsim.config.brand import MONTH_DAYS
from commsim.config.creators import TIER_FOLLOWERS
from commsim.evidence.observed import FOCAL, ObservedModel, run_world
from commsim.model.member_state import NEVER
from commsim.model.metrics import FAVOURABLE_ATTITUDE

Measures = dict[str, float]
Base = dict[str, object]  # the world every design starts from: sample size, a user's --set
Design = Callable[[Base, int], Measures]

NAN = float("nan")
YEAR = 365


def _world(base: Base, **settings: object) -> Base:
    """The design's world: the base scenario with the study's own settings on top."""
    return {**base, **settings}


def _assignment_rng(seed: int) -> np.random.Generator:
    """The study's own coin for assigning treatment, apart from the world's random numbers."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(0x5354,)))


def _relative(treated: float, control: float) -> float:
    return treated / control - 1.0 if control > 0 else NAN


def randomised_likes(
    eligible: Callable[[ObservedModel], np.ndarray], seed: int
) -> Callable[[ObservedModel], None]:
    """Day 0: half of the eligible members, drawn at random, like (follow) the page; the
    other half are the control. Both halves come from the same pool."""
    rng = _assignment_rng(seed)

    def assign(model: ObservedModel) -> None:
        pool = np.flatnonzero(eligible(model))
        pool = rng.permutation(pool)
        model.treated, model.control = (
            np.sort(pool[: pool.size // 2]),
            np.sort(pool[pool.size // 2 :]),
        )
        m = model.members
        m.follows[model.treated, FOCAL] = True
        m.aware[model.treated, FOCAL] = True
        m.last_contact[model.treated, FOCAL] = 0

    return assign


def _customers_outside_audience(model: ObservedModel) -> np.ndarray:
    """The brand's customers (its last buyers) who neither follow its page nor belong."""
    m = model.members
    return (m.last_choice == FOCAL) & ~m.audience()[:, FOCAL]


def _aware_outside_audience(model: ObservedModel) -> np.ndarray:
    m = model.members
    return m.aware[:, FOCAL] & ~m.audience()[:, FOCAL]


LIKE_DAYS = 120  # Mochon et al.: four months
PAID_DELIVERY = {  # the firm pays to show two posts a week to every fan
    "brand.posts_per_week": 2.0,
    "platform.organic_reach": 1.0,
    "platform.organic_reach_tiers": [],
    "platform.engagement_ranking": 0.0,
}


def like_without_delivery(base: Base, seed: int) -> Measures:
    """Mochon et al. 2017: randomised likes among customers, then paid delivery to fans."""
    result = {}
    for key, settings in (
        ("liking_alone_lift", {}),
        ("liking_with_paid_delivery_lift", PAID_DELIVERY),
    ):
        assign = randomised_likes(_customers_outside_audience, seed)
        model = run_world(_world(base, **settings), seed, LIKE_DAYS, assign)
        bought = model.purchases_between(0, LIKE_DAYS)
        result[key] = _relative(bought[model.treated].mean(), bought[model.control].mean())
    return result


def liking_is_not_loving(base: Base, seed: int) -> Measures:
    """John et al. 2017: randomised likes; attitude 30 days on, in control SDs."""
    model = run_world(_world(base), seed, 30, randomised_likes(_aware_outside_audience, seed))
    attitude = model.members.attitude[:, FOCAL]
    treated, control = attitude[model.treated], attitude[model.control]
    spread = control.std()
    effect = (treated.mean() - control.mean()) / spread if spread > 0 else NAN
    return {"liking_attitude_effect": float(effect)}


CAMPAIGN_DAYS = 60
ADS = {"brand.ad_budget_per_day": 500.0}


def ad_lift_by_funnel(base: Base, seed: int) -> Measures:
    """Gordon et al. 2022: the exposed against the same members in the world without ads."""
    with_ads = run_world(_world(base, **ADS), seed, CAMPAIGN_DAYS)
    without = run_world(_world(base), seed, CAMPAIGN_DAYS)
    exposed = with_ads.exposed
    if not exposed.any():
        return dict.fromkeys(("upper_funnel_lift", "mid_funnel_lift", "lower_funnel_lift"), NAN)

    def funnel(model: ObservedModel) -> dict[str, float]:
        m = model.members
        aware = m.aware[exposed, FOCAL]
        favourable = aware & (m.attitude[exposed, FOCAL] >= FAVOURABLE_ATTITUDE)
        bought = model.purchases_between(0, CAMPAIGN_DAYS)[exposed] > 0
        return {"upper": aware.mean(), "mid": favourable.mean(), "lower": bought.mean()}

    treated, control = funnel(with_ads), funnel(without)
    return {f"{stage}_funnel_lift": _relative(treated[stage], control[stage]) for stage in treated}


SEEDING = {"brand.paid_leader_posts_per_week": 500.0}  # in the market: ~0.05% of people a week
SEEDING_DAYS = 84  # a 12-week campaign


def seeding_campaign_lift(base: Base, seed: int) -> Measures:
    """Dost et al. 2019: the programme with 12 weeks of seeding against it without."""
    seeded = run_world(_world(base, **SEEDING), seed, SEEDING_DAYS)
    plain = run_world(_world(base), seed, SEEDING_DAYS)
    bought = [w.purchases_between(0, SEEDING_DAYS).sum() for w in (seeded, plain)]
    return {"sales_lift": _relative(*bought)}


TIER_DAYS = 90  # a quarter of sponsored posts, and the sales they bring within it
TIER_CREATORS = {"nano": 50, "macro": 1}  # per million people: ~US$3,000 a month each
INSTAGRAM = {"platform.preset": "instagram_2019"}  # the study's posts are Instagram's


def influencer_tiers(base: Base, seed: int) -> Measures:
    """Beichert et al. 2024: each tier's sponsored posts (two a month per creator) against
    the same programme without them (same seed): revenue added per follower per post."""
    world = _world(base, **INSTAGRAM)
    scenario = make_scenario(world)
    per_million = scenario.population.market_size / 1_000_000
    plain = run_world(world, seed, TIER_DAYS).focal_metrics()["cum_revenue"].iloc[-1]
    result = {}
    for tier, creators in TIER_CREATORS.items():
        count = max(round(creators * per_million), 1)
        frame = run_world(_world(world, **{f"brand.{tier}_creators": count}), seed, TIER_DAYS)
        frame = frame.focal_metrics()
        # The tier's fees are the arm's only leader costs: posts bought = fees / fee.
        posts = frame["cost_leaders"].sum() / getattr(scenario.brand, f"{tier}_fee_per_post")
        added = frame["cum_revenue"].iloc[-1] - plain
        reached = posts * TIER_FOLLOWERS[tier]
        result[f"{tier}_revenue_per_follower"] = added / reached if reached > 0 else NAN
    nano, macro = result["nano_revenue_per_follower"], result["macro_revenue_per_follower"]
    result["nano_to_macro_revenue_per_follower"] = nano / macro if macro > 0 else NAN
    return result


def content_type_engagement(base: Base, seed: int) -> Measures:
    """Lee et al. 2018: a page of value content against the same page of sales push."""
    days = YEAR
    rates = []
    for share in (1.0, 0.0):
        frame = run_world(_world(base, **{"brand.value_share": share}), seed, days)
        frame = frame.focal_metrics()
        impressions = (frame["impressions_organic"] + frame["impressions_paid"]).sum()
        rates.append(frame["engagements"].sum() / impressions if impressions > 0 else NAN)
    return {"value_over_push_engagement": _relative(*rates)}


def replies(base: Base, seed: int) -> Measures:
    """Ma et al. 2015: a programme replying to half its commenters against none."""
    days = 365
    bought = [
        run_world(_world(base, **{"brand.responsiveness": r}), seed, days)
        .purchases_between(0, days)
        .sum()
        for r in (0.5, 0.0)
    ]
    return {"reply_purchase_lift": _relative(*bought)}


def follower_growth(base: Base, seed: int) -> Measures:
    """Fanpage Karma 2013, Rival IQ 2015: the page's audience a year on, a month's rate."""
    frame = run_world(_world(base), seed, 365).focal_metrics()
    first, last = float(frame["followers"].iloc[0]), float(frame["followers"].iloc[-1])
    growth = (last / first) ** (MONTH_DAYS / 364.0) - 1.0 if first > 0 else NAN
    return {"monthly_follower_growth": growth}


JOIN_WINDOW = (120, 240)  # joiners of these days; spend before and after


def community_joining(base: Base, seed: int) -> Measures:
    """Manchanda et al. 2015: joiners of a brand community against matched non-joiners."""
    share = _joiners_did(_world(base, **{"brand.community": "brand"}), seed)
    return {"joiners_revenue_share": share}


def firm_content_spending(base: Base, seed: int) -> Measures:
    """Kumar et al. 2016: joiners of the page's audience against matched non-joiners."""
    return {"page_joiners_revenue_share": _joiners_did(_world(base), seed)}


def _joiners_did(scenario: dict[str, object], seed: int) -> float:
    """Joiners of the audience in the window against matched members outside it all year:
    their purchases before the window and after it (difference in differences)."""
    model = run_world(scenario, seed, YEAR)
    start, end = JOIN_WINDOW
    pre = model.purchases_between(0, start) / start
    post = model.purchases_between(end, YEAR) / (YEAR - end)
    joined = model.joined_on
    joiners = (joined >= start) & (joined < end)
    never = (joined == NEVER) & ~model.members.audience()[:, FOCAL]
    return matched_did(pre, post, joiners, never, _strata(model, pre * start))


def _strata(model: ObservedModel, pre_purchases: np.ndarray) -> np.ndarray:
    """Matching cells: earlier purchases (0, 1, 2, 3+), interest quartile, last brand bought."""
    m = model.members
    quartile = np.searchsorted(np.quantile(m.interest, [0.25, 0.5, 0.75]), m.interest)
    bought = np.minimum(pre_purchases, 3).astype(int)
    return bought * 100 + quartile * 10 + (m.last_choice == FOCAL)


def matched_did(
    pre: np.ndarray, post: np.ndarray, joiners: np.ndarray, controls: np.ndarray, strata: np.ndarray
) -> float:
    """Share of joiners' post-period spend caused by joining: the difference in differences
    against controls of the same cell, weighted by the joiners in each cell, over the
    joiners' post-period spend. NaN when no joiner has a control in its cell."""
    did = spend = 0.0
    matched = 0
    for cell in np.unique(strata[joiners]):
        j = joiners & (strata == cell)
        c = controls & (strata == cell)
        if not c.any():
            continue
        n = j.sum()
        did += n * ((post[j].mean() - pre[j].mean()) - (post[c].mean() - pre[c].mean()))
        spend += n * post[j].mean()
        matched += n
    return did / spend if matched and spend > 0 else NAN


# Designs whose compared groups are a small share of the market run on a larger sample (a
# multiple of the requested size), so that they hold more than a handful of members.
SAMPLE_FACTORS = {
    "community_joining": 4,
    "firm_content_spending": 4,
    "content_type_engagement": 2,
    "influencer_tiers": 2,
}

DESIGNS: dict[str, Design] = {
    "community_joining": community_joining,
    "firm_content_spending": firm_content_spending,
    "like_without_delivery": like_without_delivery,
    "liking_is_not_loving": liking_is_not_loving,
    "ad_lift_by_funnel": ad_lift_by_funnel,
    "seeding_campaign_lift": seeding_campaign_lift,
    "influencer_tiers": influencer_tiers,
    "content_type_engagement": content_type_engagement,
    "replies": replies,
    "follower_growth": follower_growth,
}
