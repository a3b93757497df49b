"""The practitioners' claims F1-F8 as first-class objects (docs/model.md section 9).

A claim names the strategies it compares (arms: overrides on the scenario under audit), the
comparisons that would support it (``Check``: one arm beats another on an outcome), the
behaviour that carries it (``evidence``: purchases, reach, retention), the mechanisms the
model says carry it (each a set of overrides that switches one off: an ablation) and a world
where it should reverse. Nothing here runs anything: the claims audit
(:mod:`commsim.claims.claims_audit`) and the model's tests run them.

Amounts that belong to a market (an ad budget, giveaway followers, promoted leaders) are set
in proportion to ``population.market_size``, so a claim asks the same question of a small
market and a large one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from commsim.config import Scenario
from commsim.config.brand import MONTH_DAYS
from commsim.experiment.spec.outcomes import Outcome
from commsim.model.accounts import post_cost

Overrides = dict[str, Any]
# Overrides can depend on the scenario under audit (market-sized amounts).
Setting = Overrides | Callable[[Scenario], Overrides]

PROFIT = Outcome("cum_profit")  # at the horizon; between arms of one world it is the
# difference of incremental profits (the world without the programme is shared)
REVENUE_DAY_90 = Outcome("cum_revenue", 90)


@dataclass(frozen=True)
class Check:
    """``favoured`` does better than ``versus`` on ``outcome`` (paired by replicate), for
    ``brand`` (None: the focal brand)."""

    favoured: str
    versus: str
    outcome: Outcome = PROFIT
    brand: str | None = None

    def describe(self) -> str:
        whose = f" ({self.brand})" if self.brand else ""
        return f"{self.favoured} beats {self.versus} on {self.outcome.column}{whose}"


@dataclass(frozen=True)
class Claim:
    """One practitioner claim, the comparison that tests it and what should reverse it."""

    id: str
    title: str
    statement: str  # the practitioner's words, in English
    sources: str  # the seed articles
    arms: Mapping[str, Setting]
    checks: tuple[Check, ...]  # all must hold for the claim to hold
    evidence: tuple[Check, ...]  # the behaviour that carries it
    mechanisms: Mapping[str, Setting]  # name -> overrides switching the mechanism off
    reversal: Setting  # a world where the claim should reverse
    reversal_text: str
    base: Setting = field(default_factory=dict)  # settings every arm shares
    horizon: int = 1095
    # The checks whose interval below 0 reverses the claim (by index; the first by default).
    reversing: tuple[int, ...] = (0,)
    # The arm that buys what the other does not (ads, giveaways, creators, replies): its
    # return on that added cost is held against the published band (claims_plausibility).
    buyer: str | None = None

    def settings(self, setting: Setting, scenario: Scenario) -> Overrides:
        return dict(setting(scenario) if callable(setting) else setting)

    def arm_overrides(
        self, scenario: Scenario, world: Setting | None = None
    ) -> dict[str, Overrides]:
        """Each arm's overrides on ``scenario``: the claim's base, the arm, then ``world``
        (a mechanism switched off, or the reversing world)."""
        base = self.settings(self.base, scenario)
        extra = self.settings(world, scenario) if world is not None else {}
        return {
            name: {**base, **self.settings(arm, scenario), **extra}
            for name, arm in self.arms.items()
        }


def _per_market(scenario: Scenario, per_million: float) -> float:
    """An amount for this market, from the amount for a market of a million people."""
    return per_million * scenario.population.market_size / 1_000_000


def _equal_post_costs(scenario: Scenario) -> Overrides:
    """Both kinds of post cost what a value post costs: the content bill does not decide
    (both keys are set, so a sweep or screening keeps them equal by leaving them out)."""
    cost = scenario.brand.cost_value_post
    return {"brand.cost_value_post": cost, "brand.cost_push_post": cost}


def _ads(scenario: Scenario) -> Overrides:
    return {"brand.ad_budget_per_day": _per_market(scenario, 300.0), "brand.ad_days": 180}


def _giveaways(scenario: Scenario) -> Overrides:
    return {"brand.incentive_followers_per_week": _per_market(scenario, 2000.0)}


def _leaders(scenario: Scenario) -> Overrides:
    """An opinion-leader programme sized and priced like real ones: nano and micro creators
    (the tiers a community cultivates) paid per sponsored post at market fees, about
    US$6,000 a month in a market of a million people, within F6's budget; costs stop when
    the programme does. (Promoting members with a retainer for every leader ever promoted,
    ``brand.kol_program``, is no programme's price list: issue 23.)"""
    return {
        "brand.nano_creators": round(_per_market(scenario, 50.0)),
        "brand.micro_creators": round(_per_market(scenario, 5.0)),
    }


F6_VALUE_SHARE = 0.9
# F6's budget when the scenario has none: the creator programme's month at plan, with a third
# more (assumption: a plan's headroom for months of many posts, and for replies).
BUDGET_HEADROOM = 4 / 3


def _leaders_budget(scenario: Scenario) -> Overrides:
    """Both F6 arms run within the scenario's monthly budget; where it has none, within the
    creator programme's month at plan (the brand's posts, community management, the
    creators' fees) and a third more: about 17,700 in a market of a million people at
    defaults, where the plain programme spends about 6,000 a month."""
    settings: Overrides = {"brand.value_share": F6_VALUE_SHARE}
    brand = scenario.brand
    if brand.monthly_budget > 0:
        return settings
    posts = brand.posts_per_week * MONTH_DAYS / 7.0
    plan = post_cost(posts * F6_VALUE_SHARE, posts * (1 - F6_VALUE_SHARE), brand)
    plan += brand.community_cost_per_day * MONTH_DAYS if brand.community != "none" else 0.0
    for key, creators in _leaders(scenario).items():
        tier = key.removeprefix("brand.").removesuffix("_creators")
        plan += creators * brand.creator_posts_per_month * getattr(brand, f"{tier}_fee_per_post")
    return {**settings, "brand.monthly_budget": round(plan * BUDGET_HEADROOM)}


RIVAL = "rival"


def _rival(scenario: Scenario) -> Overrides:
    """A responsive rival with its own topic community, as big as the focal brand (or as the
    room the other brands leave allows), added to the scenario's competitors."""
    taken = {brand.name for brand in scenario.brands}
    name = (
        RIVAL
        if RIVAL not in taken
        else next(f"{RIVAL}_{i}" for i in range(2, 100) if f"{RIVAL}_{i}" not in taken)
    )
    room = 1.0 - sum(brand.market_share for brand in scenario.brands)
    share = min(scenario.brand.market_share, room / 2)
    rival = {
        "name": name,
        "community": "topic",
        "value_share": 0.9,
        "responsiveness": 0.5,
        "market_share": share,
        "initial_awareness": max(scenario.brand.initial_awareness, share),
    }
    return {"competitors": [*[c.model_dump() for c in scenario.competitors], rival]}


# Content that informs without persuading, and promotions that convert strongly.
CONTENT_DOES_NOT_PERSUADE = {"behavior.value_attitude_gain": 0.0, "behavior.promo_lift": 3.0}
# A market with no alternative: the brand is nearly the whole category and no rival competes.
NO_ALTERNATIVE = {
    "brand.market_share": 0.9,
    "brand.initial_awareness": 0.95,
    "competitors": [],
}
PUSH_NEVER_TIRES = {
    "behavior.push_fatigue": 0.0,
    "behavior.post_fatigue": 0.0,
    "platform.engagement_ranking": 0.0,
}

CLAIMS: tuple[Claim, ...] = (
    Claim(
        id="F1",
        title="Broad topics gather people; brand-first communities rarely do",
        statement="Brand-first communities rarely gather people; a broader topic gathers many, "
        "then connects them to the brand.",
        sources="seed 000",
        arms={"topic": {"brand.community": "topic"}, "brand": {"brand.community": "brand"}},
        checks=(Check("topic", "brand"),),
        evidence=(
            Check("topic", "brand", Outcome("community_members")),
            Check("topic", "brand", Outcome("cum_purchases")),
        ),
        mechanisms={
            "the bridge from topic to brand": {"brand.brand_mention": 0.0},
            "needs follow involvement": {"behavior.need_interest_elasticity": 0.0},
            "ties among the similar": {"population.homophily": 0.0},
        },
        reversal={"population.topic_interest": 0.02, "population.brand_affinity": 0.5},
        reversal_text="brand affinity common (0.5) and topic interest rare (0.02)",
        base={"brand.value_share": 0.9},
    ),
    Claim(
        id="F2",
        title="Value content beats sales push",
        statement="Sales-push content fails; value content (knowledge that solves the "
        "customer's problem) finds new customers.",
        sources="seeds 002, 003, 004",
        arms={"value": {"brand.value_share": 0.9}, "push": {"brand.value_share": 0.1}},
        checks=(Check("value", "push"),),
        evidence=(
            Check("value", "push", Outcome("cum_purchases")),
            Check("value", "push", Outcome("followers")),
        ),
        mechanisms={
            "fatigue": {"behavior.push_fatigue": 0.0, "behavior.post_fatigue": 0.0},
            "engagement ranking": {"platform.engagement_ranking": 0.0},
            "shares": {"behavior.share_base": 0.0},
            "attitude from value content": {"behavior.value_attitude_gain": 0.0},
        },
        reversal=CONTENT_DOES_NOT_PERSUADE,
        reversal_text="value content informs but does not change minds, and a recent push "
        "lifts purchase utility by 3 (promotions convert strongly)",
        base=_equal_post_costs,
    ),
    Claim(
        id="F3",
        title="Push wins early, value late; early reviews kill the payoff",
        statement="Results take long: push wins early, value wins late; programmes killed at "
        "an early review never see the payoff.",
        sources="seed 000",
        arms={
            "value": {"brand.value_share": 0.9},
            "push": {"brand.value_share": 0.1},
            # The seed's manager cancels on one reading of the year's sales above the old
            # share; a review that allows for its noise (the default) cancels the value
            # programme in 1 of 10 replicates on facebook_2012 (docs/model.md 7.7).
            "value_reviewed": {
                "brand.value_share": 0.9,
                "brand.review_day": 365,
                "brand.review_min_roi": 0.0,
                "brand.review_kpi": "incremental_point",
            },
        },
        # Headline: push's early lead in revenue (incremental: the world without the
        # programme is shared); then value's late lead in profit and what a kill forgoes.
        # Value leading early, or a kill that saves money, reverses the claim.
        checks=(
            Check("push", "value", REVENUE_DAY_90),
            Check("value", "push"),
            Check("value", "value_reviewed"),
        ),
        reversing=(0, 2),
        evidence=(Check("value", "value_reviewed", Outcome("community_members")),),
        mechanisms={
            "the promotion lift": {"behavior.promo_lift": 0.0},
            "attitude from value content": {"behavior.value_attitude_gain": 0.0},
        },
        reversal=CONTENT_DOES_NOT_PERSUADE,
        reversal_text="value content informs but does not change minds, and promotions "
        "convert strongly (promo lift 3): a kill of the value programme saves money",
        base=_equal_post_costs,
    ),
    Claim(
        id="F4",
        title="Organic reach is limited; paid reach bootstraps",
        statement="Only ~15% of fans see a post ('no pay, no earn'): organic reach is "
        "limited, paid reach bootstraps.",
        sources="seeds 001, 003",
        arms={"paid": _ads, "organic": {}},
        checks=(Check("paid", "organic", Outcome("community_members")),),
        evidence=(Check("paid", "organic", Outcome("awareness")),),
        mechanisms={"ads as meetings with the community": {"behavior.join_base": 0.0}},
        reversal={"platform.organic_reach": 1.0, "platform.engagement_ranking": 0.0},
        reversal_text="every post reaches every follower (organic reach 1, no ranking)",
        horizon=730,
        buyer="paid",
    ),
    Claim(
        id="F5",
        title="Followers bought with giveaways are worthless",
        statement="Follower counts bought with incentives are worthless; active members and "
        "conversion rate matter.",
        sources="seeds 002, 004",
        arms={"plain": {}, "giveaway": _giveaways},
        checks=(Check("plain", "giveaway"),),
        evidence=(Check("giveaway", "plain", Outcome("followers")),),
        mechanisms={
            "prize seekers leave": {"behavior.prize_seeker_leave": 0.0},
            "the wrong audience": {"brand.giveaway_targeting": "interest"},
        },
        reversal={"brand.giveaway_targeting": "interest", "brand.incentive_cost_per_follower": 0.1},
        reversal_text="the prize draws the category's own audience, at a tenth of the cost",
        buyer="giveaway",
    ),
    Claim(
        id="F6",
        title="Cultivating opinion leaders pays",
        statement="Opinion leaders are the most trusted source; cultivating leaders inside "
        "the community pays.",
        sources="seeds 003, 004",
        arms={"kol": _leaders, "plain": {}},
        checks=(Check("kol", "plain"),),
        evidence=(
            Check("kol", "plain", Outcome("cum_purchases")),
            Check("kol", "plain", Outcome("awareness")),
        ),
        mechanisms={
            "leaders' persuasion": {"behavior.trust_leader": 0.0},
            "making the brand known": {"brand.initial_awareness": 1.0},
        },
        reversal={"brand.initial_awareness": 1.0, "behavior.trust_leader": 0.0},
        reversal_text="everyone already knows the brand, and followers read a sponsored post "
        "as an ad and give it no weight",
        base=_leaders_budget,
        buyer="kol",
    ),
    Claim(
        id="F7",
        title="One good post beats many poor ones",
        statement="Focus on one core topic; quality beats quantity (one good post beats 30 "
        "random ones).",
        sources="seed 002",
        arms={
            "few_good": {"brand.posts_per_week": 5.0, "brand.quality": 0.9},
            "many_poor": {"brand.posts_per_week": 15.0, "brand.quality": 0.3},
        },
        checks=(Check("few_good", "many_poor"),),
        evidence=(
            Check("few_good", "many_poor", Outcome("followers")),
            Check("few_good", "many_poor", Outcome("cum_purchases")),
        ),
        mechanisms={
            # Since 0.4.0 a page posting at its followers' chosen rate tires no-one
            # (behavior.post_fatigue 0 by default, docs/model.md 9.1): the extra posts tire
            # through the promotions among them, shown to the uninterested.
            "fatigue": {"behavior.push_fatigue": 0.0, "behavior.post_fatigue": 0.0},
            "engagement ranking": {"platform.engagement_ranking": 0.0},
        },
        reversal=PUSH_NEVER_TIRES,
        reversal_text="posts never tire and the feed ignores engagement",
        base={"brand.value_share": 0.9},
    ),
    Claim(
        id="F8",
        title="Fast replies keep members; slow ones lose them to competitors",
        statement="Two-way communication: fast replies keep members; slow ones lose them to "
        "competitors.",
        sources="seed 002",
        arms={
            "fast": {"brand.responsiveness": 0.9},
            "slow": {"brand.responsiveness": 0.02},
        },
        checks=(Check("fast", "slow"),),
        evidence=(
            Check("fast", "slow", Outcome("cum_purchases")),
            Check("fast", "slow", Outcome("followers")),
            Check("slow", "fast", Outcome("cum_purchases"), brand=RIVAL),
        ),
        mechanisms={
            "replies lift attitude": {"behavior.reply_gain": 0.0},
            "silence lowers it": {"behavior.neglect_loss": 0.0},
        },
        # Members still warm to a reply and cool at silence, but have almost nowhere else
        # to buy: the brand holds 90% of the category and no rival answers them.
        reversal=NO_ALTERNATIVE,
        reversal_text="the brand holds 90% of the category and no rival answers: members "
        "who cool at silence have almost nowhere else to buy",
        base=lambda s: {"brand.value_share": 0.9, **_rival(s)},
        buyer="fast",
    ),
)

CLAIM_IDS = tuple(claim.id for claim in CLAIMS)


def claim(claim_id: str) -> Claim:
    """The claim with this id (``F1`` .. ``F8``)."""
    for one in CLAIMS:
        if one.id == claim_id:
            return one
    raise KeyError(claim_id)
