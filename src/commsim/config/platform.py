"""The ``platform.*`` table: how the platform delivers posts, organic and paid.

Platforms differ in kind (docs/model.md 7.12): a ranked feed (Facebook, Instagram, Threads)
shows a post to a share of followers; a messaging account (LINE Official Account) sends each
message to every friend who has not blocked, filters by opening, and charges per message.
"""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from commsim.config.fields import Strict, param
from commsim.config.presets import DEFAULT_PRESET, PRESET_NAMES, preset_fills, presettable_fields

PLAN_SOURCE = (
    "design: the preset's plan sets it (LINE plan tables: Taiwan September 2023, Japan June "
    "2023; data/platform_presets.toml); 0 on feeds, which send no messages"
)


class Platform(Strict):
    preset: Literal[PRESET_NAMES] = param(  # type: ignore[valid-type]  # names from the data
        DEFAULT_PRESET,
        "named platform preset with sourced values (data/platform_presets.toml): it fills the "
        "platform fields the scenario does not set, explicit keys win ('custom': none, the "
        "fields keep their own defaults)",
        source="design: today's Facebook (facebook_2025) by default, the platform of the seeds "
        "and of most brand pages; the seeds' own world is facebook_2012 (Social@Ogilvy "
        "2014: 16%)",
    )
    kind: Literal["feed", "messaging"] = param(
        "feed",
        "how brand posts reach the audience: 'feed' (a ranked feed shows each post to a share "
        "of followers) or 'messaging' (each message goes to every friend who has not "
        "blocked; opening filters; unwanted messages cost blocks; messages cost money)",
        source="design (DESIGN.md section 6): LINE Official Accounts broadcast to friends "
        "(LINE Yahoo 2022); Facebook, Instagram and Threads rank a feed",
    )
    organic_reach: float = param(
        0.15,
        "share of followers a brand post is delivered to organically at average engagement "
        "(the preset sets it; this default applies with preset 'custom')",
        unit="share",
        ge=0,
        le=1,
        source="seed 001 (Ogilvy Taiwan, about 2015): only ~15% of fans see a post; today 2-3% "
        "(presets facebook_2021, facebook_2025)",
    )
    engagement_ranking: float = param(
        1.0,
        "elasticity of reach to the brand's recent engagement rate relative to the "
        "platform reference (0 = reach ignores engagement)",
        unit="elasticity",
        ge=0,
        le=5,
        source="assumption: reach proportional to engagement relative to the reference; feeds rank "
        "by predicted engagement (Facebook EdgeRank, Backstrom 2013)",
        prior=(0.5, 2.0),
    )
    reference_engagement_rate: float = param(
        0.01,
        "engagement rate (engagements / organic impressions) at which ranking neither "
        "raises nor lowers reach",
        unit="engagements per impression",
        gt=0,
        le=1,
        source="Socialinsider 2022: Facebook engagement per reach 1.40% (partly verified); a page "
        "engaging 1 in 100 impressions is ranked neither up nor down (assumption)",
        prior=(0.005, 0.02),
    )
    rank_limits: tuple[float, float] = param(
        (0.2, 3.0),
        "lower and upper clip of the ranking multiplier on organic reach",
        unit="multiplier",
        source="assumption: a feed can bury a page's post (to a fifth of its reach) or lift "
        "it a few times, not without bound",
        prior=((0.1, 0.5), (2.0, 5.0)),
    )
    engagement_memory: float = param(
        0.95,
        "daily persistence of the feed's running engagement rate of a page (ranking)",
        unit="per day",
        ge=0,
        lt=1,
        source="assumption: the feed remembers a page's last ~3 weeks of engagement",
        prior=(0.9, 0.98),
    )
    engagement_prior_impressions: float = param(
        200.0,
        "weight, in the market's impressions, of the prior engagement rate (the reference) "
        "in the feed's running rate: a new page starts ranked 1",
        unit="impressions",
        ge=0,
        le=1e9,
        source="assumption: a prior worth a few days of a small page's impressions",
        prior=(50.0, 1000.0),
    )
    reach_decline_per_year: float = param(
        0.0,
        "yearly relative decline of organic reach (0.5 = halves each year)",
        unit="share per year",
        ge=0,
        lt=1,
        source="design: no trend with preset 'custom'; each preset sets its own from its "
        "sources (data/platform_presets.toml: facebook_2012 0.38 a year from Ogilvy 2014's 16% "
        "to 6.15% in about two years; facebook_2025 0, reach rose in 2025, Metricool)",
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
        0.0005,
        "share of a community's members shown each member's post (a post of a community of "
        "the whole market's members; a big community shows each member more posts, up to "
        "the feed's capacity)",
        unit="share",
        ge=0,
        le=1,
        source="assumption, set so that at defaults ~1% of community members post and "
        "~2-15% engage in a month (90-9-1 rule, Nielsen 2006)",
        prior=(0.0002, 0.002),
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
        source="assumption: about a tenth of a sharer's friends see a share; Facebook showed "
        "~300 of ~1,500 eligible stories a day (Backstrom 2013, 20%), about half of them read",
        prior=(0.05, 0.2),
    )
    feed_capacity: float = param(
        20.0,
        "posts a member attends to per day; more are not seen",
        unit="posts per day",
        gt=0,
        le=300,
        source="assumption: a few minutes of attention a day for brands and communities; "
        "Facebook (Backstrom 2013) showed ~300 of ~1,500 eligible stories a day, the most "
        "anyone attends to",
        prior=(10.0, 40.0),
    )
    ad_frequency_cap: int = param(
        3,
        "most paid impressions of one brand a member is shown a day; a budget that would "
        "buy more than the platform can show is not spent",
        unit="impressions per member per day",
        ge=1,
        le=100,
        source="assumption: platforms cap ad frequency per person (Meta reach campaigns "
        "offer caps of one impression in several days); three a day is a loose ceiling",
        prior=(1, 10),
    )
    ad_awareness: float = param(
        0.25,
        "chance that one ad makes a member aware of the brand (and meets it with the page): "
        "most ads are scrolled past",
        unit="probability per impression",
        ge=0,
        le=1,
        source="calibrated: awareness among the exposed +28%, the median upper-funnel lift of "
        "663 Facebook experiments (Gordon, Moakler and Zettelmeyer 2022; docs/model.md 9.2)",
    )
    cpm: float = param(
        20.0,
        "cost of 1,000 paid impressions",
        unit="currency per 1,000 impressions",
        gt=0,
        le=1e9,  # like every money value: in any currency (1,000 USD is 24 million VND)
        source="Superads 2025 Facebook benchmarks: global average $20.02 per 1,000 "
        "impressions, US $22.70 (verified vendor page); the default currency is US dollars",
    )

    open_rate: float = param(
        0.55,
        "messaging: share of the messages a friend receives that they open (what is not "
        "opened is not read)",
        unit="share",
        ge=0,
        le=1,
        source="LINE Yahoo, June 2022: LINE Official Account messages are opened by ~55% of "
        "friends (practitioners quote ~60%)",
    )
    block_per_unwanted_message: float = param(
        0.009,
        "messaging: chance that one wholly unwanted message (relevance 0) makes a friend "
        "block the account; a message's unwantedness is 1 - its relevance to the friend",
        unit="probability per message",
        ge=0,
        le=1,
        source="assumption: calibrated (docs/model.md 7.12) so that a LINE account's status "
        "quo (the default brand as an account alone, one broadcast a week for a year) ends "
        "with a block rate of ~25%, the middle of the published 20-30% (Japanese practitioner "
        "surveys, mean 29.7%, median 27%): 0.009 gave 25.5%, 0.012 gave 32.6%; plausible "
        "0.003-0.02",
        prior=(0.003, 0.02),
    )
    message_plan_fee: float = param(
        0.0,
        "messaging: the plan's monthly fee (30 days)",
        unit="currency per month",
        ge=0,
        le=1e9,
        source=PLAN_SOURCE,
    )
    message_quota: float = param(
        0.0,
        "messaging: messages a month the plan's fee includes (the whole market's messages: "
        "one broadcast to 10,000 friends is 10,000 messages)",
        unit="messages per month",
        ge=0,
        le=1e12,
        source=PLAN_SOURCE,
    )
    message_price: float = param(
        0.0,
        "messaging: price of one message beyond the quota and beyond every price tier",
        unit="currency per message",
        ge=0,
        le=1e6,
        source=PLAN_SOURCE,
    )
    message_price_tiers: tuple[tuple[float, float], ...] = param(
        (),
        "messaging: price per message beyond the quota by the month's volume: [messages "
        "beyond the quota below, price] pairs in rising order; the first tier a message's "
        "place is under applies, message_price above them all (empty: one price)",
        unit="[messages, currency per message] pairs",
        source="the preset's plan (LINE Taiwan, September 2023: NT$0.2 down to NT$0.011)",
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
            if name in ("organic_reach_tiers", "message_price_tiers"):
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
    def _price_tiers_valid(self) -> Platform:
        ceilings = [tier[0] for tier in self.message_price_tiers]
        if any(b <= a for a, b in zip(ceilings, ceilings[1:], strict=False)):
            raise ValueError("message_price_tiers must list message counts in rising order")
        if any(price < 0 for _, price in self.message_price_tiers):
            raise ValueError("message_price_tiers prices must be 0 or more")
        return self

    @model_validator(mode="after")
    def _rank_limits_ordered(self) -> Platform:
        lo, hi = self.rank_limits
        if not 0 < lo <= 1 <= hi:
            raise ValueError("rank_limits must satisfy 0 < lower <= 1 <= upper")
        return self
