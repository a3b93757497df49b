"""The ``brand.*`` table (and each competitor): a brand in its market, and its programme.

Money is for the whole market (``population.market_size``) in the scenario's currency; counts
of people (followers, giveaway winners, promoted leaders) are real people. The model turns
them into the simulated sample (docs/model.md section 7.10).
"""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from commsim.config import creators
from commsim.config.fields import Strict, param

# A month, wherever a figure is per month (budgets, leader fees, sales, posts): 30 days, the
# only month in the model, its inputs and its checks.
MONTH_DAYS = 30

# What the brand is in its market, programme or not; every other field is the programme's.
MARKET_FIELDS = (
    "name",
    "program",
    "market_share",
    "initial_awareness",
    "experience",
    "price",
    "margin",
    "initial_followers",
)


class Brand(Strict):
    name: str = param(
        "focal", "brand name used in the results", source="label: a name, not a model quantity"
    )
    # -- the brand in its market, with or without a programme --------------------------------
    program: bool = param(
        True,
        "whether the brand runs a community-marketing programme (false: the world without it, "
        "where the brand still sells through its baseline)",
        source="design: the counterfactual every incremental outcome is measured against",
    )
    market_share: float = param(
        0.05,
        "baseline share of the category's purchases the brand holds before day 0 (the "
        "outside option holds what the named brands do not)",
        unit="share",
        gt=0,
        lt=1,
        source="assumption: a mid-size brand; in Ehrenberg-Bass category tables most brands "
        "hold 1-10% and leaders 10-30% (Sharp 2010, How Brands Grow)",
        prior=(0.01, 0.1),
    )
    initial_awareness: float = param(
        0.5,
        "share of all people who know the brand before day 0 from outside the programme "
        "(shelf, other media); they keep knowing it",
        unit="share",
        ge=0,
        le=1,
        source="assumption: prompted awareness of a mid-size brand; it must be at least the "
        "market share, since every buyer knows the brand",
        prior=(0.15, 0.8),
    )
    experience: float = param(
        0.5,
        "attitude that using the product leads a buyer towards (post-purchase satisfaction): "
        "each purchase moves the buyer's attitude a step (behavior.satisfaction) towards it",
        unit="attitude [-1, 1]",
        ge=-1,
        le=1,
        source="ACSI 2024: US customers score their satisfaction ~77/100 across industries; "
        "on the attitude scale of -1 to 1 that is ~0.5",
    )
    price: float = param(
        5.0,
        "price of one purchase",
        unit="currency",
        ge=0,
        le=1e9,
        source="assumption: a packaged consumer good bought about monthly",
        prior=(1.0, 20.0),
    )
    margin: float = param(
        0.4,
        "gross margin share of the price",
        unit="share",
        ge=0,
        le=1,
        source="assumption: packaged consumer goods makers earn gross margins of ~40-60%",
        prior=(0.3, 0.6),
    )
    # -- content ------------------------------------------------------------------------------
    community: Literal["brand", "topic", "none"] = param(
        "topic",
        "community the brand hosts: about the brand itself, about the category topic, or none",
        source="strategy choice: a topic community by default (seed 000 recommends it: the claims "
        "audit tests it against a brand community)",
    )
    posts_per_week: float = param(
        5.0,
        "brand posts per week",
        unit="posts per week",
        ge=0,
        le=140,
        source="Rival IQ 2022 benchmark: brands post about 5 times a week on Facebook",
    )
    value_share: float = param(
        0.5,
        "share of brand posts that are value content (the rest is sales push)",
        unit="share",
        ge=0,
        le=1,
        source="assumption: a mix; seeds 002, 003, 004 contrast value content with sales push",
        prior=(0.2, 0.8),
    )
    quality: float = param(
        0.6,
        "content quality",
        unit="[0, 1]",
        ge=0,
        le=1,
        source="assumption: a competent in-house team (seed 002: quality over quantity)",
        prior=(0.4, 0.8),
    )
    brand_mention: float = param(
        0.5,
        "how strongly value posts name the brand (the bridge from topic to brand); the rest "
        "of their message educates about the category, for every brand",
        unit="[0, 1]",
        ge=0,
        le=1,
        source="assumption: value posts name the brand about half the time (seed 000: a "
        "topic community connects people to the brand)",
        prior=(0.2, 0.8),
    )
    initial_followers: int = param(
        20_000,
        "followers (or community members) on day 0, drawn by fit",
        unit="people",
        ge=0,
        le=2_000_000_000,
        scales="market",
        source="assumption: a page followed by 2% of its market",
        prior=(5_000, 100_000),
    )
    # -- paid reach and paid voices -------------------------------------------------------------
    ad_budget_per_day: float = param(
        0.0,
        "paid reach budget per day",
        unit="currency per day",
        ge=0,
        le=1e12,
        scales="market",
        source="strategy choice: no paid reach by default, so the organic programme is measured on "
        "its own; set it from the brand's plan",
    )
    ad_days: int = param(
        0,
        "days from the start during which the ad budget is spent (0 = whole run)",
        unit="days",
        ge=0,
        le=36_500,
        source="strategy choice: the whole run by default",
    )
    ad_targeting: Literal["interest", "broad"] = param(
        "interest",
        "paid impressions go to non-followers weighted by topic interest, or uniformly",
        source="strategy choice: interest targeting, the platforms' usual offer (Meta detailed "
        "targeting by interests)",
    )
    paid_leader_posts_per_week: float = param(
        0.0,
        "posts about the brand bought from the market's opinion leaders (members heard by "
        "their friends, a leader drawn at random per post); creators with audiences of their "
        "own are the *_creators keys",
        unit="posts per week",
        ge=0,
        le=10_000,
        scales="market",
        source="strategy choice: none by default, so the programme's own effect is measured",
    )
    leader_fee_per_post: float = param(
        150.0,
        "fee for one paid leader post",
        unit="currency",
        ge=0,
        le=1e9,
        source="assumption: a micro-influencer's fee per post, ~$100-500",
        prior=(100.0, 500.0),
    )
    # Creators by tier, paid per sponsored post (commsim.config.creators).
    nano_creators: int = creators.NANO_CREATORS
    micro_creators: int = creators.MICRO_CREATORS
    macro_creators: int = creators.MACRO_CREATORS
    creator_posts_per_month: float = creators.CREATOR_POSTS_PER_MONTH
    nano_fee_per_post: float = creators.NANO_FEE_PER_POST
    micro_fee_per_post: float = creators.MICRO_FEE_PER_POST
    macro_fee_per_post: float = creators.MACRO_FEE_PER_POST
    # -- community, leaders, replies, giveaways ---------------------------------------------------
    kol_program: bool = param(
        False,
        "whether the brand promotes its most active community members to leaders",
        source="strategy choice: off by default (seeds 003, 004 recommend it: the claims audit "
        "tests it)",
    )
    kol_per_month: float = param(
        20.0,
        "members the KOL programme promotes each month",
        unit="people per month",
        ge=0,
        le=1_000_000,
        scales="market",
        source="assumption: a programme a community manager can run (a few a week)",
        prior=(5.0, 40.0),
    )
    kol_attitude_lift: float = param(
        0.5,
        "how far the programme's attention (samples, early access, recognition) moves a "
        "promoted member's attitude towards 1",
        unit="share of the gap to 1",
        ge=0,
        le=1,
        source="assumption: cultivated members become clear fans, not zealots",
        prior=(0.2, 0.8),
    )
    kol_cost_per_leader_month: float = param(
        20.0,
        "cost of cultivating one KOL (events, samples, attention) per month",
        unit="currency per leader per month",
        ge=0,
        le=1e9,
        source="assumption: samples and early access for members, far below paid-influencer "
        "fees (see leader_fee_per_post)",
        prior=(5.0, 50.0),
    )
    responsiveness: float = param(
        0.1,
        "probability that a member's comment gets a brand reply within a day",
        unit="probability",
        ge=0,
        le=1,
        source="Sprout Social Index 2016: brands answer about 1 in 10 messages",
    )
    incentive_followers_per_week: float = param(
        0.0,
        "followers gained per week by giveaways",
        unit="people per week",
        ge=0,
        le=1e7,
        scales="market",
        source="strategy choice: none by default (seeds 002, 004: bought follower counts are "
        "worthless: the claims audit tests it)",
    )
    giveaway_targeting: Literal["broad", "interest"] = param(
        "broad",
        "who a giveaway draws: anyone who likes a prize ('broad'), or people interested in "
        "the category topic ('interest', a prize only they want)",
        source="strategy choice: broad prizes (gift cards, phones) are the common case (seeds 002, "
        "004)",
    )
    store_code_share: float = param(
        0.0,
        "share of the brand's buyers who scan the QR code in its shops and so follow its "
        "account (become friends of a LINE account) at the counter",
        unit="share of buyers",
        ge=0,
        le=1,
        source="strategy choice: no code at the counter by default; assumption when used: "
        "a few percent to a fifth of buyers scan one (no published rate was found)",
        prior=(0.0, 0.2),
    )
    incentive_cost_per_follower: float = param(
        1.0,
        "cost of one follower gained by a giveaway",
        unit="currency",
        ge=0,
        le=1e9,
        source="assumption: prizes and promotion per follower gained, about $1",
        prior=(0.5, 3.0),
    )
    monthly_budget: float = param(
        0.0,
        "most the programme spends in a 30-day month from day 0 (0 = no cap): the month "
        "keeps back its commitments (content, community management, leaders' retainers); "
        "ads, leader posts and promotions, replies and giveaways are scaled down to an even "
        "share of the rest each day and never go past it (docs/model.md 7.7); what was held "
        "back is the budget_cut metric",
        unit="currency per 30 days",
        ge=0,
        le=1e12,
        scales="market",
        source="strategy choice: no cap by default; set it from the brand's plan",
    )
    # -- costs ----------------------------------------------------------------------------------
    cost_value_post: float = param(
        200.0,
        "cost to make one value post at quality 0.5",
        unit="currency",
        ge=0,
        le=1e9,
        source="assumption: a few hours of a content creator's work and research",
        prior=(100.0, 500.0),
    )
    cost_push_post: float = param(
        100.0,
        "cost to make one sales-push post at quality 0.5",
        unit="currency",
        ge=0,
        le=1e9,
        source="assumption: a promotion takes less research than knowledge content",
        prior=(50.0, 250.0),
    )
    quality_cost_elasticity: float = param(
        1.0,
        "how a post's cost grows with its quality: cost x (quality / 0.5) ^ elasticity "
        "(0 = quality is free)",
        unit="elasticity",
        ge=0,
        le=5,
        source="assumption: twice the quality takes about twice a skilled creator's time",
        prior=(0.5, 2.0),
    )
    cost_per_reply: float = param(
        2.0,
        "cost of one reply to a member",
        unit="currency",
        ge=0,
        le=1e9,
        source="assumption: a few minutes of a community manager's time",
        prior=(1.0, 5.0),
    )
    community_cost_per_day: float = param(
        80.0,
        "community management cost per day while a community is run",
        unit="currency per day",
        ge=0,
        le=1e9,
        source="assumption: half of a community manager's salary (~$60k a year)",
        prior=(40.0, 160.0),
    )
    # -- the management review ------------------------------------------------------------------
    review_day: int = param(
        0,
        "day of the management review (0 = none)",
        unit="day",
        ge=0,
        le=36_500,
        source="strategy choice: no review by default (seed 000: programmes are killed at early "
        "reviews; the claims audit tests a review at day 365)",
    )
    review_kpi: Literal["incremental", "incremental_point", "total"] = param(
        "incremental",
        "what the review judges: 'incremental' ROI, on revenue above the brand's baseline "
        "share of the category's purchases (what a manager can measure against the "
        "pre-programme share), cancelling only when the upper end of its 95% interval is "
        "below the threshold; 'incremental_point', the same estimate read as one number "
        "(a manager who cancels on a noisy reading, seed 000); or 'total' ROI, crediting "
        "every sale to the programme",
        source="assumption: managers compare sales with the share they had before, and a "
        "careful one allows for the noise of a few months' sales (issue 23)",
        prior=("incremental", "incremental_point", "total"),
    )
    review_min_roi: float = param(
        0.0,
        "return on programme cost below which the review cancels the programme",
        unit="ratio",
        ge=-10,
        le=1e6,
        source="assumption: a programme must at least pay for itself",
        prior=(-0.2, 0.5),
    )

    @model_validator(mode="after")
    def _buyers_know_the_brand(self) -> Brand:
        if self.initial_awareness < self.market_share:
            raise ValueError(
                f"initial_awareness ({self.initial_awareness}) must be at least market_share "
                f"({self.market_share}): every buyer knows the brand"
            )
        return self
