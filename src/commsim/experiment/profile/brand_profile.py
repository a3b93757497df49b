"""A brand in business terms (``[brand_profile]`` in an experiment file), turned into the
model's parameters, with what was derived and why.

A strategist knows their page (followers, engagement rate as page insights report it, posts a
week), their product (price, margin, how often the category is bought, their share or sales),
their budget and its currency, and their platform. From that the profile sets the market's
scale, the brand's baseline and audience, converts the defaults sourced in US dollars into the
brand's currency, and calibrates engagement on a short pilot run so that the page engages as
reported. Impossible combinations are refused with one message.

The pilot runs when the file is read (``load_experiment``, ``commsim validate``, ``run
--dry-run``): about a second or two of simulation, which the derivation records
(:attr:`Derivation.seconds`) and the command line prints. A ``[base]`` that sets
``behavior.engage_base`` itself skips it.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from commsim.config import ConfigError, flatten, make_scenario
from commsim.config.brand import MONTH_DAYS
from commsim.config.loading import describe_validation_error
from commsim.config.parameters import parameters
from commsim.config.presets import DEFAULT_PRESET, PRESET_NAMES
from commsim.experiment.profile.follower_trend import TOPS as TREND_TOPS
from commsim.experiment.profile.follower_trend import calibrate_trend
from commsim.model import CommunityModel
from commsim.model.accounts import post_cost
from commsim.model.kernels.delivery import reach_for_account_size
from commsim.model.kernels.messaging import monthly_message_bill

PROFILE = "brand_profile"
# The pilot that calibrates engagement: the page as it runs today (no community), its
# followers the same share of the sample as of the market, in a sample big enough for some
# PILOT_FOLLOWERS simulated followers (between PILOT_MEMBERS and PILOT_MEMBERS_MAX members),
# its market's history, the first 90 days (the span the calibration is checked on).
PILOT_MEMBERS, PILOT_MEMBERS_MAX, PILOT_FOLLOWERS = 3000, 15_000, 1500
PILOT_DAYS, PILOT_ROUNDS, PILOT_TOLERANCE = 90, 4, 0.04  # at most 4 pilots, within 4%
ENGAGE_BASE_LIMIT = 20.0  # the top of behavior.engage_base's range
TREND_KEYS = frozenset(TREND_TOPS)  # what a follower trend calibrates (either one)


class BrandProfile(BaseModel):
    """The ``[brand_profile]`` table: what a strategist knows of their brand."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    name: str | None = None
    market_size: int = Field(ge=50, le=2_000_000_000)  # people in the brand's market
    currency: str = "USD"
    usd_rate: float | None = Field(None, gt=0, le=1e6)  # currency units per US dollar
    platform: Literal[PRESET_NAMES] = DEFAULT_PRESET  # type: ignore[valid-type]  # from the data
    followers: int = Field(0, ge=0)
    followers_90_days_ago: int | None = Field(None, ge=0)  # the trend the status quo follows
    engagement_rate: float | None = Field(None, gt=0, le=1)  # engagements per post
    engagement_basis: Literal["follower", "reach"] = "follower"  # ... per follower or per reach
    posts_per_week: float | None = Field(None, ge=0, le=140)
    price: float | None = Field(None, ge=0, le=1e9)
    margin: float | None = Field(None, ge=0, le=1)
    monthly_budget: float | None = Field(None, ge=0, le=1e12)
    purchase_cycle_days: float | None = Field(None, ge=1, le=3650)
    market_share: float | None = Field(None, gt=0, lt=1)
    monthly_sales: float | None = Field(None, gt=0)  # units the brand sells a month
    awareness: float | None = Field(None, ge=0, le=1)  # prompted awareness in the market

    @model_validator(mode="after")
    def _coherent(self) -> BrandProfile:
        if self.currency != "USD" and self.usd_rate is None:
            raise ValueError(
                f"usd_rate: the defaults are sourced in US dollars; give how many {self.currency} "
                "make one US dollar (e.g. usd_rate = 32 for TWD)"
            )
        if self.followers > self.market_size:
            raise ValueError(
                f"followers ({self.followers:,}) cannot exceed market_size "
                f"({self.market_size:,}): followers are people of the market"
            )
        before = self.followers_90_days_ago
        if before is not None and before > self.market_size:
            raise ValueError(
                f"followers_90_days_ago ({before:,}) cannot exceed market_size "
                f"({self.market_size:,}): followers are people of the market"
            )
        if before is not None and self.followers == 0:
            raise ValueError(
                "followers_90_days_ago: a trend needs today's followers (followers = 0); "
                "give followers, or leave the trend out"
            )
        if self.market_share is not None and self.monthly_sales is not None:
            raise ValueError("give market_share or monthly_sales, not both")
        return self


@dataclass(frozen=True)
class Derivation:
    """One scenario value the profile set, and why."""

    key: str
    value: Any
    why: str
    seconds: float = 0.0  # simulation run to derive it (the engagement pilot), wall time


def derive(table: Mapping[str, Any], base: Mapping[str, Any], where: str) -> list[Derivation]:
    """The scenario values a ``[brand_profile]`` table implies (keys ``[base]`` sets itself
    are left alone), each with its reason. Raises ConfigError for an impossible brand."""
    try:
        profile = BrandProfile.model_validate(dict(table))
    except ValidationError as error:
        raise ConfigError(describe_validation_error(error, BrandProfile, where, PROFILE)) from None
    head = f"{where}: " if where else ""
    out: list[Derivation] = []

    def put(key: str, value: Any, why: str) -> None:
        if key not in base:
            out.append(Derivation(key, value, why))

    put("population.market_size", profile.market_size, "the people the brand sells to")
    put("population.currency", profile.currency, "every money value and result is in it")
    put("platform.preset", profile.platform, "the platform and year the page is on")
    if profile.name:
        put("brand.name", profile.name, "the brand's name in results")
    put("brand.initial_followers", profile.followers, "the page's followers today")
    for field in ("posts_per_week", "price", "margin"):
        value = getattr(profile, field)
        if value is not None:
            put(f"brand.{field}", value, "as given")
    if profile.monthly_budget is not None:
        put("brand.monthly_budget", profile.monthly_budget, "caps the programme's spend")
    if profile.purchase_cycle_days is not None:
        put("behavior.purchase_cycle_days", profile.purchase_cycle_days, "as given")
    _baseline(profile, base, put)
    _convert_money(profile, base, put)
    scenario = {**{d.key: d.value for d in out}, **base}
    _check_budget(profile, scenario, head)
    if profile.engagement_rate is not None and "behavior.engage_base" not in base:
        out.extend(_calibrate_engagement(profile, scenario, head))
    if profile.followers_90_days_ago is not None and not TREND_KEYS & set(base):
        scenario = {**scenario, **{d.key: d.value for d in out}, **base}
        out.append(_calibrate_trend(profile, scenario))
    return out


def _baseline(profile: BrandProfile, base: Mapping[str, Any], put) -> None:
    share = profile.market_share
    if profile.monthly_sales is not None:
        scenario = make_scenario(base)
        cycle = profile.purchase_cycle_days or scenario.behavior.purchase_cycle_days
        category = profile.market_size * MONTH_DAYS / (cycle + scenario.behavior.shopping_days)
        share = profile.monthly_sales / category
        if not 0 < share < 1:
            raise ConfigError(
                f"{PROFILE}.monthly_sales: {profile.monthly_sales:,.0f} a month is "
                f"{share:.0%} of the category's ~{category:,.0f} purchases a month in a market "
                f"of {profile.market_size:,} buying every {cycle:g} days; it must be below 100%"
            )
        put(
            "brand.market_share",
            round(share, 6),
            f"{profile.monthly_sales:,.0f} sales a month of ~{category:,.0f} category purchases",
        )
    elif share is not None:
        put("brand.market_share", share, "as given")
    awareness = profile.awareness
    if awareness is not None or share is not None:
        default = make_scenario({}).brand.initial_awareness
        value = max(awareness if awareness is not None else default, share or 0.0)
        put("brand.initial_awareness", value, "at least the share: every buyer knows the brand")


def _convert_money(profile: BrandProfile, base: Mapping[str, Any], put) -> None:
    """Defaults sourced in US dollars (the profile's platform preset's among them: CPM,
    message prices), in the brand's currency at ``usd_rate``."""
    if profile.currency == "USD" or profile.usd_rate is None:
        return
    defaults = make_scenario({"platform": {"preset": profile.platform}})
    rate, currency = profile.usd_rate, profile.currency
    for key, parameter in parameters().items():
        if not key.startswith(("brand.", "platform.")) or "currency" not in parameter.unit:
            continue
        if key.startswith("brand.") and key.split(".", 1)[1] in (
            "price",
            "ad_budget_per_day",
            "monthly_budget",
        ):
            continue  # the brand's own money, not a sourced default
        value = _value(defaults, key)
        if isinstance(value, int | float) and value:
            put(key, round(value * rate, 4), f"{value:g} USD at {rate:g} {currency} per USD")
        elif isinstance(value, tuple) and value:  # a price table: [count, price] pairs
            table = [[count, round(price * rate, 6)] for count, price in value]
            put(key, table, f"the price column in USD at {rate:g} {currency} per USD")


def _value(scenario: Any, key: str) -> Any:
    table, name = key.split(".", 1)
    return getattr(getattr(scenario, table), name)


def _check_budget(profile: BrandProfile, scenario: Mapping[str, Any], head: str) -> None:
    """Refuse a budget below what the programme spends whatever happens: its content, on a
    messaging account its messages to today's friends (plan fee and price table), and, when
    it runs one, its community management."""
    if not profile.monthly_budget:
        return
    resolved = make_scenario(scenario)
    brand, platform = resolved.brand, resolved.platform
    posts = brand.posts_per_week * MONTH_DAYS / 7.0
    content = post_cost(posts * brand.value_share, posts * (1 - brand.value_share), brand)
    community = MONTH_DAYS * brand.community_cost_per_day if brand.community != "none" else 0.0
    messages = 0.0
    if platform.kind == "messaging":
        sent = posts * brand.initial_followers
        messages = platform.message_plan_fee + float(
            monthly_message_bill(
                sent, platform.message_quota, platform.message_price_tiers, platform.message_price
            )
        )
    fixed = content + community + messages
    if profile.monthly_budget < fixed:
        unit = profile.currency
        parts = f"content {content:,.0f}, community management {community:,.0f}"
        if messages:
            parts += f", messages to {brand.initial_followers:,} friends {messages:,.0f}"
        raise ConfigError(
            f"{head}{PROFILE}.monthly_budget: {profile.monthly_budget:,.0f} {unit} a month is "
            f"below the programme's fixed costs, {fixed:,.0f} {unit} ({parts}); raise the "
            "budget or lower brand.posts_per_week, the post costs or "
            "brand.community_cost_per_day"
        )


def _pilot_engagement(pilot: dict[str, Any]) -> float:
    """Engagements per organic impression of the brand's posts over the pilot, as the feed
    expects them (the sum of each engagement probability over the posts seen): the draws'
    noise would move the calibration by more than the pilot's tolerance."""
    model = CommunityModel(pilot, seed=0, steps_hint=PILOT_DAYS)
    brand = next(b for b in model.brands if b.name == model.scenario.brand.name)
    for _ in range(PILOT_DAYS):
        model.step()
    if brand.impressions_total <= 0:
        return 0.0
    return brand.expected_engagements_total / brand.impressions_total


def _next_engage_base(tried: list[tuple[float, float]], target: float) -> float:
    """The next engage_base to try: engagement taken as a power of engage_base through the
    last two pilots (in proportion after the first; the power kept in [0.2, 1])."""
    value, measured = tried[-1]
    power = 1.0
    if len(tried) > 1 and tried[-2][0] != value and tried[-2][1] > 0:
        before, got = tried[-2]
        power = float(np.clip(np.log(measured / got) / np.log(value / before), 0.2, 1.0))
    return value * (target / measured) ** (1.0 / power)


def _pilot_scenario(profile: BrandProfile, scenario: Mapping[str, Any]) -> dict[str, Any]:
    """The page as it runs today (no community, its posts a week and content mix), its
    followers the same share of a sample big enough to count hundreds of engagements, its
    market's history, at the reach its real size gets, ranking off."""
    platform = make_scenario(scenario).platform
    reach = reach_for_account_size(
        profile.followers, platform.organic_reach_tiers, platform.organic_reach
    )
    share = profile.followers / profile.market_size
    members = int(min(max(PILOT_MEMBERS, PILOT_FOLLOWERS / max(share, 1e-9)), PILOT_MEMBERS_MAX))
    return {
        **scenario,
        "brand.community": "none",
        "population.members": min(members, profile.market_size),
        "platform.organic_reach": reach,
        "platform.organic_reach_tiers": [],
        "platform.engagement_ranking": 0.0,
    }


def _calibrate_trend(profile: BrandProfile, scenario: Mapping[str, Any]) -> Derivation:
    """``behavior.join_base`` (a page growing faster than the defaults let it) or
    ``behavior.dormant_leave`` (one shrinking faster) such that the status quo changes its
    followers over 90 days as the page did over the last 90 (:mod:`.follower_trend`)."""
    assert profile.followers_90_days_ago is not None  # runs only when a trend is given
    behavior = make_scenario(scenario).behavior
    defaults = {key: getattr(behavior, key.split(".", 1)[1]) for key in TREND_KEYS}
    key, value, why, seconds = calibrate_trend(
        profile.followers,
        profile.followers_90_days_ago,
        _pilot_scenario(profile, scenario),
        defaults,
    )
    return Derivation(key, value, why, seconds)


def _calibrate_engagement(
    profile: BrandProfile, scenario: Mapping[str, Any], head: str
) -> list[Derivation]:
    """``behavior.engage_base`` such that the page's posts engage as reported, and
    ``platform.reference_engagement_rate`` at that rate, so that the feed ranks the page as
    it runs today neither up nor down: it keeps the reach its size gets on the platform.

    Engagement per impression grows with ``engage_base`` (less than in proportion where a
    member's chance per post reaches 1), so a few pilots search for it (``_next_engage_base``)
    until the pilot engages within PILOT_TOLERANCE of the target. The pilot is the page as
    it runs today (no community, its posts a week and content mix), its followers the same
    share of a sample big enough to count hundreds of engagements, its market's history, at
    the reach its real size gets, ranking off, over the first 90 days. A rate per follower
    is turned into one per impression at that reach.
    """
    resolved = make_scenario(scenario)
    pilot = _pilot_scenario(profile, scenario)
    reach = pilot["platform.organic_reach"]
    current = resolved.behavior.engage_base
    target = profile.engagement_rate
    assert target is not None  # calibrate_engagement runs only when a rate is given
    if profile.engagement_basis == "follower":
        target = target / reach if reach > 0 else float("inf")
    value, tried = current, []
    started = time.perf_counter()
    for _ in range(PILOT_ROUNDS):
        measured = _pilot_engagement({**pilot, "behavior.engage_base": value})
        tried.append((value, measured))
        if measured <= 0:
            raise ConfigError(
                f"{head}{PROFILE}.engagement_rate: the pilot run saw no engagement to "
                "calibrate against (no posts?)"
            )
        if abs(measured / target - 1.0) < PILOT_TOLERANCE:
            break
        if value >= ENGAGE_BASE_LIMIT and measured < target:
            top = measured * (reach if profile.engagement_basis == "follower" else 1.0)
            raise ConfigError(
                f"{head}{PROFILE}.engagement_rate: {profile.engagement_rate:.2%} per "
                f"{profile.engagement_basis} per post is out of reach on {profile.platform} "
                f"(organic reach {reach:.1%} for {profile.followers:,} followers): the model "
                f'tops out at {top:.3%}; check the definition (engagement_basis = "reach" if '
                "page insights divide by the people reached) or the platform"
            )
        value = min(_next_engage_base(tried, target), ENGAGE_BASE_LIMIT)
    per = (
        "impression" if profile.engagement_basis == "reach" else f"impression at {reach:.1%} reach"
    )
    out = [
        Derivation(
            "behavior.engage_base",
            round(value, 4),
            f"pilot runs of the page as it runs today engage {measured:.3%} per impression "
            f"at {value:.4g}; the page reports {profile.engagement_rate:.2%} per "
            f"{profile.engagement_basis} ({target:.3%} per {per})",
            time.perf_counter() - started,
        )
    ]
    if "platform.reference_engagement_rate" not in scenario:
        out.append(
            Derivation(
                "platform.reference_engagement_rate",
                round(target, 6),
                f"the page's {target:.3%} per impression: the feed ranks the page as it runs "
                f"today neither up nor down, so it keeps the {reach:.1%} reach of its size",
            )
        )
    return out


def apply_brand_profile(
    data: Mapping[str, Any], where: str, changes: Mapping[str, Any]
) -> tuple[dict[str, Any], tuple[Derivation, ...]]:
    """The tables with a ``[brand_profile]`` turned into ``[base]`` values (``[base]``'s own
    keys win), and what it set; ``changes`` are ``--set brand_profile.KEY=VALUE`` what-ifs."""
    data, prefix = dict(data), f"{where}: " if where else ""
    profile = data.pop(PROFILE, None)
    if profile is None and changes:
        key = next(iter(changes))
        raise ConfigError(
            f"override '{PROFILE}.{key}': {where or 'the experiment'} has no [{PROFILE}] "
            "table to change; set the scenario key instead (e.g. brand.initial_followers)",
            parameter="overrides",
        )
    if profile is None:
        return data, ()
    if not isinstance(profile, Mapping):
        raise ConfigError(f"{prefix}{PROFILE}: must be a table of the brand's figures")
    profile = {**profile, **changes}
    base = data.get("base", {})
    base = flatten(base) if isinstance(base, Mapping) else {}
    try:
        derived = tuple(derive(profile, base, where))
    except ConfigError as error:
        changed = [key for key in changes if f"{PROFILE}.{key}" in str(error)]
        if not changed:
            raise
        text = str(error).removeprefix(prefix)  # the value came from --set, not the file
        raise ConfigError(text, parameter="overrides") from None
    data["base"] = {**{d.key: d.value for d in derived}, **base}
    return data, derived
