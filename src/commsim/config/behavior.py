"""The ``behavior.*`` table: how members respond, tire, leave, need and choose."""

from __future__ import annotations

from commsim.config import creators
from commsim.config.fields import param
from commsim.config.response_behavior import ResponseBehavior


class Behavior(ResponseBehavior):
    """The ``behavior.*`` table: :class:`ResponseBehavior`, then needing, choosing, forgetting,
    posting and the audience's clocks."""

    purchase_cycle_days: float = param(
        30.0,
        "mean days between category purchase needs",
        unit="days",
        ge=1,
        le=3650,
        source="assumption: a packaged good bought about monthly; Snijders 2018: three "
        "quarters of a popular beverage brand's buyers buy it at most 5 times a year, across "
        "several brands",
        prior=(7.0, 90.0),
    )
    need_interest_elasticity: float = param(
        1.0,
        "how strongly category needs follow involvement (max of topic interest and brand "
        "affinities): 0 not at all, 1 in proportion",
        unit="elasticity",
        ge=0,
        le=3,
        source="assumption: involvement drives purchase frequency (seed 000: a topic gathers "
        "the category's buyers)",
        prior=(0.0, 2.0),
    )
    need_rate_cap: float = param(
        10.0,
        "most category needs a member can have, as a multiple of the mean rate (the excess "
        "goes to the others: the mean stays 1 / purchase_cycle_days)",
        unit="multiple of the mean",
        ge=1,
        le=1000,
        source="assumption: category buying rates are Gamma distributed across people "
        "(Ehrenberg 1988, NBD model); fewer than 1 in 10,000 buy at 10 times the mean",
        prior=(5.0, 20.0),
    )
    category_need_gain: float = param(
        0.1,
        "rise of a member's category need rate per relevant top-quality value post seen, for "
        "the part of the post that does not name its brand (category education)",
        unit="relative need rate per post",
        ge=0,
        le=10,
        source="assumption: knowledge content about the topic makes the category matter "
        "more to its readers (seed 000: drinking water and health), for every brand",
        prior=(0.0, 0.3),
    )
    category_memory: float = param(
        0.99,
        "daily persistence of the rise in category need",
        unit="per day",
        ge=0,
        lt=1,
        source="assumption: an education effect that halves in about ten weeks",
        prior=(0.97, 0.995),
    )
    loyalty: float = param(
        1.5,
        "purchase-utility bonus of the option bought last time (habit and inertia)",
        unit="utility",
        ge=0,
        le=20,
        source="assumption: state dependence in repeat buying of packaged goods (Guadagni "
        "and Little 1983; Dube, Hitsch and Rossi 2010)",
        prior=(0.5, 3.0),
    )
    shopping_days: float = param(
        3.0,
        "mean days a member shops once a need arrives",
        unit="days",
        ge=1,
        le=60,
        source="assumption: a need is met within a few days",
        prior=(1.0, 7.0),
    )
    satisfaction: float = param(
        0.1,
        "step a purchase moves the buyer's attitude towards brand.experience",
        unit="share of the gap",
        ge=0,
        le=1,
        source="assumption: about ten purchases (most of a year) bring a buyer to what the "
        "product is worth to it (seed 004: post-purchase value builds loyalty)",
        prior=(0.03, 0.3),
    )
    attitude_decay: float = param(
        0.01,
        "daily drift of attitude back to where it stood before the programme (the member's "
        "baseline)",
        unit="share per day",
        ge=0,
        le=1,
        source="derived (plausible 0.008-0.0125): Leone 1995 (Marketing Science) and Clarke "
        "1976 (JMR): 90% of advertising's effect on sales is gone within 6-9 months (the 90% "
        "duration interval, not a half-life); 1 - 0.1^(1/228) = 0.010 a day at 7.5 months "
        "(a monthly retention of 0.74, a half-life of 69 days)",
    )
    awareness_decay: float = param(
        0.02,
        "daily probability of forgetting a brand learnt of outside the baseline (a post, an ad, "
        "a friend) once ``awareness_grace_days`` have passed without contact",
        unit="probability",
        ge=0,
        le=1,
        source="Broadbent 1979: advertising awareness decays with half-lives of 2-6 weeks "
        "(adstock); 0.02 a day is a half-life of 5 weeks",
    )
    dislike_leave: float = param(
        0.02,
        "daily chance that a follower or member who dislikes the brand (attitude -1; in "
        "proportion below 0) unfollows or leaves",
        unit="probability",
        ge=0,
        le=1,
        source="assumption: people leave pages of brands they have come to dislike",
        prior=(0.005, 0.05),
    )
    prize_seeker_leave: float = param(
        0.01,
        "daily chance that a follower won by a giveaway unfollows (they came for the prize)",
        unit="probability",
        ge=0,
        le=1,
        source="assumption: a third of giveaway followers gone within six weeks, 97% within "
        "a year (plausible 0.001-0.01); LINE friends won with promotional stickers block at "
        "60-70% against 20-30% for all friends (Japanese practitioner surveys, horizon "
        "unstated), so 0.01 is at the fast end",
        prior=(0.001, 0.01),
    )
    unhosted_activity: float = param(
        0.25,
        "share of its members' posting a community keeps once the brand stops hosting it",
        unit="share",
        ge=0,
        le=1,
        source="assumption: communities without a manager wither; members post a quarter as much",
        prior=(0.1, 0.5),
    )
    member_content_quality: float = param(
        0.5,
        "quality of member-generated posts",
        unit="[0, 1]",
        ge=0,
        le=1,
        source="assumption: useful but less polished than a brand's",
        prior=(0.3, 0.7),
    )
    engagement_score_memory: float = param(
        0.977,
        "daily persistence of a member's engagement score (what a KOL programme ranks by)",
        unit="per day",
        ge=0,
        le=1,
        source="assumption: a KOL programme looks at the last month or so (half-life ~30 days)",
        prior=(0.95, 0.99),
    )
    awareness_grace_days: int = param(
        30,
        "days after the last contact before awareness the programme created can fade",
        unit="days",
        ge=0,
        le=3650,
        source="assumption: a brand met this month is still remembered",
        prior=(14, 90),
    )
    active_days: int = param(
        30,
        "window of 'active': engaged within this many days (vitality, invitations, the "
        "active_members metric)",
        unit="days",
        ge=1,
        le=3650,
        source="design: active = engaged in the last 30 days (the metric's definition)",
    )
    dormant_days: int = param(
        90,
        "days without engagement after which a community member is dormant and may drift off",
        unit="days",
        ge=1,
        le=3650,
        source="assumption: a quarter without engaging",
        prior=(30, 180),
    )
    unfollow_steepness: float = param(
        4.0,
        "slope of the daily unfollow chance in fatigue around the threshold",
        unit="per fatigue",
        ge=0,
        le=100,
        source="assumption: tolerance turns to unfollowing within about one unit of fatigue",
        prior=(2.0, 8.0),
    )
    member_post_rate: float = param(
        0.1,
        "daily posts of a fully active community member in a lively community",
        unit="posts per day",
        ge=0,
        le=10,
        source="calibrated: at defaults ~0.4% of community members post and ~1% engage in a month "
        "(docs/validation.md), inside the 90-9-1 band (Nielsen 2006; Garfield 2016: 97% of an"
        " enterprise network's members post nothing in a month)",
    )
    leader_post_rate: float = param(
        0.3,
        "daily topic posts of an opinion leader",
        unit="posts per day",
        ge=0,
        le=10,
        source="assumption: an opinion leader posts about the topic every few days",
        prior=(0.1, 1.0),
    )
    leader_mention: float = param(
        0.5,
        "probability that a leader's post names a brand the leader likes (attitude 1)",
        unit="probability",
        ge=0,
        le=1,
        source="assumption: half of a leader's posts name a brand it fully likes",
        prior=(0.2, 0.8),
    )
    # How strongly each tier's followers respond to its sponsored posts (docs/model.md 7.5).
    nano_creator_tie: float = creators.NANO_CREATOR_TIE
    micro_creator_tie: float = creators.MICRO_CREATOR_TIE
    macro_creator_tie: float = creators.MACRO_CREATOR_TIE
