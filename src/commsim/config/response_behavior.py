"""How members respond to what they see, tire and leave: the first part of the ``behavior.*``
table (:class:`commsim.config.behavior.Behavior` adds needing, choosing and the rest)."""

from __future__ import annotations

from commsim.config.fields import Strict, param


class ResponseBehavior(Strict):
    """Engaging, trusting, tiring, unfollowing, joining and the promotion's pull."""

    engage_base: float = param(
        1.0,
        "scale of the engagement probability of a fully active, fully interested member with "
        "a trusted top-quality post (above 1 for pages that engage more; each at most 1)",
        unit="probability scale",
        ge=0,
        le=20,
        source="assumption: activity, relevance, quality and trust carry it; at defaults ~1.1% "
        "per impression (Socialinsider 2022: 1.40%), ~0.05% per follower per post (Rival IQ "
        "2024: 0.063%; measured on 0.3.1, docs/model.md 9.2); a brand profile calibrates it",
        prior=(0.5, 2.0),
    )
    share_base: float = param(
        0.1,
        "share probability per relevant top-quality post seen",
        unit="probability",
        ge=0,
        le=1,
        source="assumption: shares are a few percent of engagements at defaults; Shareablee 2016 "
        "(JAR): shares are 7% of all actions on brand content (secondary)",
        prior=(0.03, 0.3),
    )
    trust_brand: float = param(
        0.7,
        "trust weight of brand posts",
        unit="[0, 1]",
        ge=0,
        le=1,
        source="Nielsen Global Trust in Advertising 2015: 70% trust branded websites (the "
        "brand's own content; verified)",
    )
    trust_friend: float = param(
        0.83,
        "trust weight of friends' and members' posts",
        unit="[0, 1]",
        ge=0,
        le=1,
        source="Nielsen Global Trust in Advertising 2015: 83% trust recommendations from "
        "people they know (verified)",
    )
    trust_leader: float = param(
        0.83,
        "trust weight of opinion leaders' posts (leaders are people the reader knows)",
        unit="[0, 1]",
        ge=0,
        le=1,
        source="Nielsen 2015: 83% trust people they know; Edelman 2019: 63% of 18-34s trust "
        "influencers more than brands (both verified). No source puts leaders above friends, "
        "so they are equal: seeds 003 and 004's 'most trusted' holds against brands",
    )
    trust_ad: float = param(
        0.36,
        "trust weight of the brand's paid posts (ads), shown outside its audience",
        unit="[0, 1]",
        ge=0,
        le=1,
        source="Nielsen Global Trust in Advertising 2012: 36% trust ads on social networks",
    )
    value_attitude_gain: float = param(
        0.3,
        "attitude gain per relevant, brand-naming top-quality value post",
        unit="attitude",
        ge=0,
        le=1,
        source="assumption: a relevant top-quality value post that names the brand moves a fully "
        "open reader's attitude 30% of the way to 1; at defaults a few percent",
        prior=(0.1, 0.6),
    )
    social_influence: float = param(
        0.1,
        "pull of a trusted post's attitude on the reader's attitude",
        unit="share",
        ge=0,
        le=1,
        source="assumption: a trusted post moves a fully open reader a tenth of the way to its "
        "author's attitude",
        prior=(0.03, 0.3),
    )
    push_fatigue: float = param(
        0.15,
        "fatigue added by a sales-push post seen by an uninterested member (0 = never tires)",
        unit="fatigue",
        ge=0,
        le=5,
        source="Sprout Social 2016: 57.5% are annoyed by too many promotions, the most cited "
        "reason to unfollow a brand (46%); scale: unfollow_max (docs/model.md 7.3)",
    )
    fatigue_decay: float = param(
        0.97,
        "daily factor by which fatigue decays",
        unit="per day",
        ge=0,
        le=1,
        source="assumption: fatigue halves in about three weeks without brand posts",
        prior=(0.9, 0.99),
    )
    unfollow_threshold: float = param(
        1.5,
        "fatigue at which the daily unfollow probability is half its maximum",
        unit="fatigue",
        ge=0,
        le=100,
        source="assumption (plausible 1-3): tolerance ends around ten unwanted pushes in a few "
        "weeks; Sprout Social 2016: 46% cite too many promotions among their reasons to "
        "unfollow a brand (a survey share, not a page's attrition)",
        prior=(1.0, 3.0),
    )
    unfollow_max: float = param(
        0.012,
        "daily unfollow probability of a fully fatigued follower",
        unit="probability",
        ge=0,
        le=1,
        source="assumption (plausible 0.005-0.05): one fully tired of promotions leaves within "
        "~3 months; a benchmark page's pushes (fatigue ~0.3) add ~0.3% a month, a third of "
        "dormant_leave (Sprout Social 2016: promotions 46%, irrelevance 41%; docs/model.md 7.3)",
        prior=(0.005, 0.05),
    )
    dormant_leave: float = param(
        0.0003,
        "daily chance that a follower or member not engaged for ``dormant_days`` leaves",
        unit="probability",
        ge=0,
        le=1,
        source="derived (plausible 0.0002-0.0005): 25% of Facebook users unliked a brand last "
        "month (Digital Brand Institute 2016) over the 29 brands each follows (NBCUniversal "
        "Curve Report 2013; Marktest 2014: 27): ~0.9% of followers a month",
    )
    reply_gain: float = param(
        0.15,
        "attitude gain when the brand replies to a member's comment",
        unit="attitude",
        ge=0,
        le=1,
        source="assumption: a reply moves the commenter 15% of the way to liking the brand fully; "
        "Twitter and Applied Marketing Science 2015: customers answered on Twitter were "
        "willing to pay ~$9 more for an airline ticket (verified)",
        prior=(0.05, 0.3),
    )
    neglect_loss: float = param(
        0.05,
        "attitude loss when a comment gets no reply",
        unit="attitude",
        ge=0,
        le=1,
        source="Sprout Social 2016: 25% are annoyed when brands do not respond",
    )
    join_base: float = param(
        0.03,
        "join probability per meeting (share, ad, leader post, invitation) for a member of "
        "perfect fit",
        unit="probability",
        ge=0,
        le=1,
        source="calibrated: the default programme's audience grows ~2.7% a month in its "
        "first year (Fanpage Karma 2013: median page growth 0.64% a week over 60,000 pages, "
        "verified; Rival IQ 2015: 2.26% a month)",
    )
    invite_rate: float = param(
        0.02,
        "daily invitations a member gets from each active friend in the community",
        unit="invitations per friend per day",
        ge=0,
        le=1,
        source="assumption: an active member mentions the community to a given friend about "
        "once in two months",
        prior=(0.005, 0.06),
    )
    promo_lift: float = param(
        1.5,
        "purchase-utility lift from a recent sales-push exposure",
        unit="utility",
        ge=0,
        le=20,
        source="assumption (plausible 0.5-1.5): a push seen in the days before shopping "
        "multiplies the odds of choosing the brand by ~4.5, a deep deal with feature; a 20% "
        "temporary price cut at the mean price elasticity of -2.62 (Bijmolt, van Heerde and "
        "Pieters 2005, JMR, 1,851 elasticities from 81 studies) lifts a small brand's choice "
        "odds by ~1.8 (utility ~0.6); temporary promotions raise sales substantially (Blattberg, "
        "Briesch and Fox 1995, Marketing Science); deal posts raise click-throughs (Lee, "
        "Hosanagar and Nair 2018), a sales figure not given",
        prior=(0.5, 1.5),
    )
    promo_memory: float = param(
        0.7,
        "daily factor by which the memory of a sales push decays",
        unit="per day",
        ge=0,
        le=1,
        source="assumption: a push's pull on the next purchase halves in two days",
        prior=(0.5, 0.9),
    )
    beta_attitude: float = param(
        3.0,
        "purchase-utility weight of attitude",
        unit="utility per attitude",
        ge=0,
        le=20,
        source="assumption: attitude from -1 to 1 spans six utility units, enough for a strong "
        "liking to beat a habit (loyalty)",
        prior=(1.5, 6.0),
    )
    post_fatigue: float = param(
        0.0,
        "fatigue added by any brand post seen, value content included (a page that floods)",
        unit="fatigue per post",
        ge=0,
        le=5,
        source="assumption (plausible 0-0.02): a page at its usual rate does not tire; Sprout "
        "Social 2016's 35% who unfollow brands posting too often concern pages above it",
        prior=(0.0, 0.02),
    )
