"""The brand's creator programme (``brand.*_creators``): creators by tier, paid per post.

An opinion-leader programme as brands buy one: a number of creators in each follower tier,
each publishing sponsored posts about the brand at the tier's market fee, for as long as the
programme runs (docs/model.md 7.5). The fields are declared here and named in
:class:`commsim.config.brand.Brand`, which keeps the brand's table in one place.
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
