"""The brand's creator programme (``brand.*_creators``): creators by tier, paid per post.

An opinion-leader programme as brands buy one: a number of creators in each follower tier,
each publishing sponsored posts about the brand at the tier's market fee, for as long as the
programme runs (docs/model.md 7.5). The fields are declared here and named in
:class:`commsim.config.brand.Brand`, which keeps the brand's table in one place; how strongly
a tier's followers respond to its posts (``behavior.<tier>_creator_tie``) is named in
:class:`commsim.config.behavior.Behavior`.
"""

from __future__ import annotations

from typing import Any

from commsim.config.fields import param

TIERS = ("nano", "micro", "macro")
# Follower ranges: Later x Fohr 2021 (3.5M Instagram posts): nano under 10k, micro 10k-100k;
# "macro" here is their mid (100k-500k) and macro (500k-1M) tiers together.
TIER_RANGES = {"nano": (1_000, 10_000), "micro": (10_000, 100_000), "macro": (100_000, 1_000_000)}
# A creator's followers in the market: assumption, about the geometric middle of its tier's
# range (any size within the range is plausible).
TIER_FOLLOWERS = {"nano": 3_000, "micro": 30_000, "macro": 300_000}

_FEE_SOURCE = (
    "USA Today 2019: about $100 per 10,000 followers per sponsored Instagram post, at the "
    "tier's typical {followers:,} followers; Ainfluencer pricing guide: {low} per post"
)


def _creators(tier: str) -> Any:
    low, high = TIER_RANGES[tier]
    return param(
        0,
        f"{tier} creators ({low:,}-{high:,} followers; each has {TIER_FOLLOWERS[tier]:,}) "
        "the programme pays for sponsored posts about the brand",
        unit="creators",
        ge=0,
        le=100_000,
        source="strategy choice: none by default, so the programme's own effect is measured",
    )


def _fee(tier: str, fee: float, ranges: str) -> Any:
    return param(
        fee,
        f"fee for one sponsored post of a {tier} creator",
        unit="currency",
        ge=0,
        le=1e9,
        source=_FEE_SOURCE.format(followers=TIER_FOLLOWERS[tier], low=ranges),
    )


NANO_CREATORS = _creators("nano")
MICRO_CREATORS = _creators("micro")
MACRO_CREATORS = _creators("macro")
CREATOR_POSTS_PER_MONTH = param(
    2.0,
    "sponsored posts each creator publishes about the brand in a 30-day month, while the "
    "programme runs",
    unit="posts per creator per month",
    ge=0,
    le=300,
    source="assumption: a campaign buys a post or a few a month from each creator",
    prior=(1.0, 4.0),
)
NANO_FEE_PER_POST = _fee("nano", 30.0, "nano (1k-10k) $10-100")
MICRO_FEE_PER_POST = _fee("micro", 300.0, "micro (10k-100k) $100-500")
MACRO_FEE_PER_POST = _fee(
    "macro", 3_000.0, "mid (100k-500k) $500-5,000, macro (500k-1M) $5,000-10,000"
)

# How much a tier's sponsored post persuades its followers, as a multiple of an opinion
# leader's post (``behavior.trust_leader``): Beichert et al. 2024 find the nano advantage runs
# through engagement, the tie between a creator and its followers, which weakens as the
# following grows. HypeAuditor 2018 (36,000 Instagram accounts): average engagement rate
# 4.26% at 1k-5k followers, 1.62% at 20k-100k, 1.55% at 100k-1M (a ratio of 2.7).
_TIE_CALIBRATION = "commsim evidence --studies influencer_tiers; docs/validation.md, Beichert rows"
NANO_CREATOR_TIE = param(
    12.0,
    "persuasion of a nano creator's sponsored post on its followers, as a multiple of an "
    "opinion leader's post (the tie between a small creator and its followers; at 12 one "
    "post moves a fully open follower all the way to the post's voice)",
    unit="multiple of trust_leader",
    ge=0,
    le=50,
    source="calibrated: a nano creator's post adds EUR 0.265 of revenue per follower, 5.4x a "
    "macro creator's (Beichert, Bayerl, Goldenberg & Lanz 2024, through engagement; "
    f"{_TIE_CALIBRATION}); HypeAuditor 2018's engagement ratio alone (2.7) gives a third of it",
    prior=(5.0, 12.0),
)
MICRO_CREATOR_TIE = param(
    3.5,
    "persuasion of a micro creator's sponsored post on its followers, as a multiple of an "
    "opinion leader's post",
    unit="multiple of trust_leader",
    ge=0,
    le=50,
    source="assumption: the geometric middle of macro's 1 and nano's 12, as 30,000 followers "
    "is of 3,000 and 300,000; Beichert et al. 2024 give no micro figure, and engagement puts "
    "micro nearer macro (HypeAuditor 2018: 1.62% at 20k-100k against 1.55% at 100k-1M)",
    prior=(1.0, 12.0),
)
MACRO_CREATOR_TIE = param(
    1.0,
    "persuasion of a macro creator's sponsored post on its followers, as a multiple of an "
    "opinion leader's post",
    unit="multiple of trust_leader",
    ge=0,
    le=50,
    source="calibrated: at an opinion leader's weight a macro creator's post adds revenue per "
    f"follower within ±50% of Beichert et al. 2024's EUR 0.049 ({_TIE_CALIBRATION})",
    prior=(0.5, 2.0),
)
