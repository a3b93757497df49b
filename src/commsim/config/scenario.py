"""The scenario: every model parameter, once, with its default, unit, range and source.

Each owner (population, platform, brand, behaviour) is one pydantic model. A field's
description carries its meaning and the source of its default; ``unit`` and, where one
exists, ``source`` are kept as JSON-schema extras so docs and error messages can show them.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from commsim.config.presets import CUSTOM, PRESET_NAMES, preset_fills, presettable_fields


def param(
    default: Any,
    description: str,
    *,
    unit: str = "",
    ge: float | None = None,
    le: float | None = None,
    gt: float | None = None,
    lt: float | None = None,
    source: str = "",
) -> Any:
    """A model parameter: default, meaning, unit, valid range and source in one place."""
    extra = {"unit": unit}
    if source:
        extra["source"] = source
    return Field(
        default,
        description=description,
        ge=ge,
        le=le,
        gt=gt,
        lt=lt,
        json_schema_extra=extra,
    )


class Strict(BaseModel):
    """Base of every config table: unknown keys are errors, assignments are validated."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Population(Strict):
    members: int = param(
        10_000, "number of members on the platform", unit="members", ge=50, le=5_000_000
    )
    mean_degree: float = param(
        20.0,
        "mean number of friendship ties per member",
        unit="ties",
        ge=2,
        le=200,
        source="design default (~20); Ugander et al. 2011 report a median of ~100 "
        "Facebook friends, of whom far fewer interact",
    )
    network: Literal["homophilous", "random"] = param(
        "homophilous",
        "friendship network generator: 'homophilous' (clustered, heavy-tailed degrees, "
        "ties among members of similar topic interest) or 'random' (Erdos-Renyi)",
    )
    homophily: float = param(
        0.8,
        "share of ties drawn among members of similar topic interest (homophilous network)",
        unit="share",
        ge=0,
        le=1,
    )
    degree_tail: float = param(
        2.5,
        "Pareto exponent of the degree distribution (lower = heavier tail)",
        unit="exponent",
        ge=1.5,
        le=10,
        source="Barabasi and Albert 1999: social networks show exponents of 2-3",
    )
    topic_interest: float = param(
        0.3,
        "mean interest in the category topic (Beta distributed per member)",
        unit="share [0, 1]",
        ge=0.001,
        le=0.999,
        source="design assumption: topic interest is common (seed 000)",
    )
    brand_affinity: float = param(
        0.03,
        "mean prior affinity for each brand (Beta distributed, mostly near 0)",
        unit="share [0, 1]",
        ge=0.001,
        le=0.999,
        source="design assumption: brand affinity is rare (seed 000)",
    )
    leader_share: float = param(
        0.01,
        "share of members who start as opinion leaders (top by degree x topic interest)",
        unit="share",
        ge=0,
        le=0.2,
        source="participation 90-9-1 rule: ~1% create (Nielsen 2006)",
    )
    activity_mean: float = param(
        0.1,
        "mean daily activity (Beta(0.3, .) distributed: most members lurk)",
        unit="share [0, 1]",
        ge=0.005,
        le=0.9,
        source="participation inequality, 90-9-1 rule (Nielsen 2006)",
    )


class Platform(Strict):
    preset: Literal[PRESET_NAMES] = param(  # type: ignore[valid-type]  # names from the data
        CUSTOM,
        "named platform preset with sourced defaults (data/platform_presets.toml); it fills "
        "the platform fields the scenario does not set, explicit keys win ('custom': none)",
        source="Social@Ogilvy 2014, Ignite 2021, Minter.io 2019 (see docs/validation.md)",
    )
    organic_reach: float = param(
        0.15,
        "share of followers a brand post is delivered to organically at average engagement",
        unit="share",
        ge=0,
        le=1,
        source="seed 001 (Ogilvy Taiwan): only ~15% of fans see a post; Ogilvy 2014: "
        "16% (2012), 6.15% (Feb 2014); Ignite 2021: 2.2%",
    )
    engagement_ranking: float = param(
        1.0,
        "elasticity of reach to the brand's recent engagement rate relative to the "
        "platform reference (0 = reach ignores engagement)",
        unit="elasticity",
        ge=0,
        le=5,
        source="design assumption: feeds rank by predicted engagement (Facebook EdgeRank)",
    )
    reference_engagement_rate: float = param(
        0.01,
        "engagement rate (engagements / organic impressions) at which ranking neither "
        "raises nor lowers reach",
        unit="engagements per impression",
        gt=0,
        le=1,
        source="calibrated so that a typical brand post at defaults is ranked ~1",
    )
    rank_limits: tuple[float, float] = param(
        (0.2, 3.0),
        "lower and upper clip of the ranking multiplier on organic reach",
        unit="multiplier",
    )
    reach_decline_per_year: float = param(
        0.0,
        "yearly relative decline of organic reach (0.5 = halves each year)",
        unit="share per year",
        ge=0,
        lt=1,
        source="Ogilvy 2014: Facebook organic reach fell from 16% to 6% in under 2 years",
    )
    organic_reach_tiers: tuple[tuple[float, float], ...] = param(
        (),
        "organic reach by account size: [followers below, reach] pairs in rising order; the "
        "first tier the brand's follower count is under applies, organic_reach above them all "
        "(empty = one reach for every account size)",
        unit="[followers, share] pairs",
        source="Minter.io 2019: Instagram reach falls from 37.7% (under 20k) to 19.1% (over 1M)",
    )
    community_reach: float = param(
        0.05,
        "share of a community's members who see a member's post in the community",
        unit="share",
        ge=0,
        le=1,
        source="assumption, set so that at defaults ~1% of community members post and "
        "~2-15% engage in a month (90-9-1 rule, Nielsen 2006)",
    )
    leader_reach: float = param(
        0.3,
        "share of an opinion leader's friends who see each of the leader's posts",
        unit="share",
        ge=0,
        le=1,
        source="Minter.io 2019: Instagram accounts under 20k followers reach ~38%",
    )
    share_visibility: float = param(
        0.1,
        "share of a sharer's friends who see the share (the next day)",
        unit="share",
        ge=0,
        le=1,
    )
    feed_capacity: float = param(
        20.0,
        "posts a member attends to per day; more are not seen",
        unit="posts per day",
        gt=0,
        le=1000,
    )
    cpm: float = param(
        8.0,
        "cost of 1,000 paid impressions",
        unit="currency per 1,000 impressions",
        gt=0,
        le=1000,
        source="typical Facebook CPM of ~$5-12 (industry reports 2019-2023)",
    )

    @model_validator(mode="after")
    def _fill_from_preset(self) -> Platform:
        """Unset fields take the preset's value, or their own default when it sets none.

        Values are written without marking them as set, so changing the preset later (or
        re-validating a dump with another preset) re-fills them; what an explicit reach
        does to the preset's tiers is :func:`commsim.config.presets.preset_fills`'s rule.
        """
        values = preset_fills(self.preset, self.model_fields_set)
        for name in presettable_fields() - self.model_fields_set:
            value = values.get(name, type(self).model_fields[name].default)
            if name == "organic_reach_tiers":
                value = tuple(tuple(float(x) for x in tier) for tier in value)
            object.__setattr__(self, name, value)
        return self

    @model_validator(mode="after")
    def _reach_tiers_valid(self) -> Platform:
        ceilings = [tier[0] for tier in self.organic_reach_tiers]
        if any(b <= a for a, b in zip(ceilings, ceilings[1:], strict=False)):
            raise ValueError("organic_reach_tiers must list follower ceilings in rising order")
        if any(not 0.0 <= reach <= 1.0 for _, reach in self.organic_reach_tiers):
            raise ValueError("organic_reach_tiers reach values must be between 0 and 1")
        return self

    @model_validator(mode="after")
    def _rank_limits_ordered(self) -> Platform:
        lo, hi = self.rank_limits
        if not 0 < lo <= 1 <= hi:
            raise ValueError("rank_limits must satisfy 0 < lower <= 1 <= upper")
        return self


class Brand(Strict):
    name: str = param("focal", "brand name used in the results")
    community: Literal["brand", "topic", "none"] = param(
        "topic",
        "community the brand hosts: about the brand itself, about the category topic, or none",
        source="seed 000: broad-topic communities gather people, brand-first ones rarely",
    )
    posts_per_week: float = param(5.0, "brand posts per week", unit="posts per week", ge=0, le=140)
    value_share: float = param(
        0.5,
        "share of brand posts that are value content (the rest is sales push)",
        unit="share",
        ge=0,
        le=1,
        source="seeds 002, 003, 004: value content vs sales push",
    )
    quality: float = param(
        0.6, "content quality", unit="[0, 1]", ge=0, le=1, source="seed 002: quality over quantity"
    )
    brand_mention: float = param(
        0.5,
        "how strongly value posts name the brand (the bridge from topic to brand)",
        unit="[0, 1]",
        ge=0,
        le=1,
    )
    initial_followers: int = param(
        200, "followers (or community members) on day 0, drawn by fit", unit="members", ge=0
    )
    initial_awareness: float = param(
        0.0, "share of all members aware of the brand on day 0", unit="share", ge=0, le=1
    )
    appeal: float = param(
        0.0,
        "brand constant in the purchase utility (price and product), relative to the "
        "outside option",
        unit="utility",
        ge=-10,
        le=10,
    )
    price: float = param(30.0, "price of one purchase", unit="currency", ge=0)
    margin: float = param(0.4, "gross margin share of the price", unit="share", ge=0, le=1)
    ad_budget_per_day: float = param(
        0.0, "paid reach budget per day", unit="currency per day", ge=0
    )
    ad_days: int = param(
        0,
        "days from the start during which the ad budget is spent (0 = whole run)",
        unit="days",
        ge=0,
    )
    ad_targeting: Literal["interest", "broad"] = param(
        "interest",
        "paid impressions go to non-followers weighted by topic interest, or uniformly",
    )
    kol_program: bool = param(
        False,
        "whether the brand promotes its most active community members to leaders",
        source="seeds 003, 004: cultivate opinion leaders inside the community",
    )
    kol_per_month: int = param(
        5, "members the KOL programme promotes each month", unit="members per month", ge=0
    )
    kol_cost_per_leader_month: float = param(
        20.0,
        "cost of cultivating one KOL (events, samples, attention) per month",
        unit="currency per leader per month",
        ge=0,
        source="assumption: samples and early access for members, far below paid-influencer "
        "fees (see leader_fee_per_post)",
    )
    paid_leader_posts_per_week: float = param(
        0.0, "posts about the brand bought from opinion leaders", unit="posts per week", ge=0
    )
    leader_fee_per_post: float = param(150.0, "fee for one paid leader post", unit="currency", ge=0)
    responsiveness: float = param(
        0.3,
        "probability that a member's comment gets a brand reply within a day",
        unit="probability",
        ge=0,
        le=1,
        source="Sprout Social 2016: about 1 in 10 brand messages answered",
    )
    incentive_followers_per_week: float = param(
        0.0,
        "followers gained per week by giveaways, drawn regardless of interest",
        unit="followers per week",
        ge=0,
        source="seeds 002, 004: bought follower counts are worthless",
    )
    incentive_cost_per_follower: float = param(
        1.0, "cost of one follower gained by a giveaway", unit="currency", ge=0
    )
    cost_value_post: float = param(
        60.0,
        "cost to make one value post",
        unit="currency",
        ge=0,
        source="assumption: knowledge content costs more to make than a promotion",
    )
    cost_push_post: float = param(20.0, "cost to make one sales-push post", unit="currency", ge=0)
    cost_per_reply: float = param(2.0, "cost of one reply to a member", unit="currency", ge=0)
    community_cost_per_day: float = param(
        10.0,
        "community management cost per day while a community is run",
        unit="currency per day",
        ge=0,
    )
    review_day: int = param(
        0,
        "day of the management review (0 = none)",
        unit="day",
        ge=0,
        source="seed 000: programmes are killed at early reviews",
    )
    review_min_roi: float = param(
        0.0, "return on cost below which the review cancels the programme", unit="ratio", ge=-10
    )


class Behavior(Strict):
    engage_base: float = param(
        1.0,
        "engagement probability of a fully active, fully interested member with a trusted "
        "top-quality post",
        unit="probability",
        ge=0,
        le=1,
    )
    share_base: float = param(
        0.1,
        "share probability per relevant top-quality post seen",
        unit="probability",
        ge=0,
        le=1,
    )
    trust_brand: float = param(0.5, "trust weight of brand posts", unit="[0, 1]", ge=0, le=1)
    trust_friend: float = param(
        0.8, "trust weight of friends' and members' posts", unit="[0, 1]", ge=0, le=1
    )
    trust_leader: float = param(
        1.0,
        "trust weight of opinion leaders' posts",
        unit="[0, 1]",
        ge=0,
        le=1,
        source="seeds 003, 004: opinion leaders are the most trusted source",
    )
    value_attitude_gain: float = param(
        0.3,
        "attitude gain per relevant, brand-naming top-quality value post",
        unit="attitude",
        ge=0,
        le=1,
    )
    social_influence: float = param(
        0.1,
        "pull of a trusted post's attitude on the reader's attitude",
        unit="share",
        ge=0,
        le=1,
    )
    push_fatigue: float = param(
        0.15,
        "fatigue added by a sales-push post seen by an uninterested member (0 = never tires)",
        unit="fatigue",
        ge=0,
        le=5,
        source="Sprout Social 2016: 57.5% are annoyed by too many promotions",
    )
    fatigue_decay: float = param(
        0.97, "daily factor by which fatigue decays", unit="per day", ge=0, le=1
    )
    unfollow_threshold: float = param(
        1.5,
        "fatigue at which the daily unfollow probability is half its maximum",
        unit="fatigue",
        ge=0,
        source="Sprout Social 2016: 46% unfollow brands for too many promotions",
    )
    unfollow_max: float = param(
        0.1,
        "daily unfollow probability of a fully fatigued follower",
        unit="probability",
        ge=0,
        le=1,
    )
    dormant_leave: float = param(
        0.001,
        "daily probability that a community member who has not engaged for 90 days leaves",
        unit="probability",
        ge=0,
        le=1,
    )
    reply_gain: float = param(
        0.15,
        "attitude gain when the brand replies to a member's comment",
        unit="attitude",
        ge=0,
        le=1,
        source="seed 002: two-way communication keeps members",
    )
    neglect_loss: float = param(
        0.05,
        "attitude loss when a comment gets no reply",
        unit="attitude",
        ge=0,
        le=1,
        source="Sprout Social 2016: 25% are annoyed when brands do not respond",
    )
    neglect_unfollow: float = param(
        0.05,
        "chance that a member whose comment got no reply that day unfollows or leaves",
        unit="probability",
        ge=0,
        le=1,
        source="Sprout Social 2016: 25% are annoyed when brands do not respond (assumption: "
        "a fifth of them leave)",
    )
    join_base: float = param(
        0.2,
        "join probability per invitation for a member of perfect fit",
        unit="probability",
        ge=0,
        le=1,
    )
    invite_rate: float = param(
        0.02,
        "daily invitations a member gets from each active friend in the community",
        unit="invitations per friend per day",
        ge=0,
        le=1,
    )
    promo_lift: float = param(
        1.5,
        "purchase-utility lift from a recent sales-push exposure",
        unit="utility",
        ge=0,
        le=20,
    )
    promo_memory: float = param(
        0.7,
        "daily factor by which the memory of a sales push decays",
        unit="per day",
        ge=0,
        le=1,
    )
    beta_attitude: float = param(
        3.0, "purchase-utility weight of attitude", unit="utility per attitude", ge=0, le=20
    )
    outside_utility: float = param(
        2.5, "utility of the outside option (other or no brand)", unit="utility", ge=-10, le=10
    )
    purchase_cycle_days: float = param(
        30.0,
        "mean days between category purchase needs",
        unit="days",
        ge=1,
        le=3650,
    )
    need_interest_elasticity: float = param(
        1.0,
        "how strongly category needs follow topic interest (0 = not at all, 1 = in proportion)",
        unit="elasticity",
        ge=0,
        le=3,
        source="assumption: category involvement drives purchase frequency (seed 000: "
        "a topic such as drinking water and health gathers the brand's customers)",
    )
    shopping_days: float = param(
        3.0, "mean days a member shops once a need arrives", unit="days", ge=1, le=60
    )
    satisfaction: float = param(
        0.1,
        "attitude gain after a purchase (post-purchase value)",
        unit="attitude",
        ge=0,
        le=1,
        source="seed 004: post-purchase value builds loyalty",
    )
    attitude_decay: float = param(
        0.003, "daily drift of attitude towards neutral", unit="share per day", ge=0, le=1
    )
    awareness_decay: float = param(
        0.003,
        "daily probability of forgetting a brand without contact",
        unit="probability",
        ge=0,
        le=1,
    )
    member_post_rate: float = param(
        0.1,
        "daily posts of a fully active community member in a lively community",
        unit="posts per day",
        ge=0,
        le=10,
    )
    leader_post_rate: float = param(
        0.3, "daily topic posts of an opinion leader", unit="posts per day", ge=0, le=10
    )
    leader_mention: float = param(
        0.5,
        "probability that a leader's post names a brand the leader likes (attitude 1)",
        unit="probability",
        ge=0,
        le=1,
    )


class Scenario(Strict):
    """One fully specified model configuration."""

    population: Population = Field(default_factory=Population)
    platform: Platform = Field(default_factory=Platform)
    brand: Brand = Field(default_factory=Brand)
    competitors: list[Brand] = Field(default_factory=list)
    behavior: Behavior = Field(default_factory=Behavior)

    @model_validator(mode="after")
    def _unique_brand_names(self) -> Scenario:
        names = [b.name for b in self.brands]
        if len(set(names)) != len(names):
            raise ValueError(f"brand names must be unique (got {names})")
        return self

    @property
    def brands(self) -> list[Brand]:
        """The focal brand first, then the competitors."""
        return [self.brand, *self.competitors]
