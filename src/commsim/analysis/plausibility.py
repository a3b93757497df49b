"""The plausibility panel: every arm's results held against published experience.

The bands live with their sources in ``data/plausibility_bands.toml``, read here only. Each
arm gets one line per check (sales lift against no programme, audience change a month,
engagement per post per follower, organic reach, return on ad spend, ROI) with its value, its
band and the band's source; a value outside its band is flagged in plain words ("outside
anything published: treat as a hypothesis"), never hidden. A check that cannot be judged
(no world without the programme, no ads, no benchmark for the platform) says why.
docs/charts.md, "Plausibility panel", lists the checks and their definitions.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd

from commsim.analysis.display import Kind
from commsim.config import make_scenario
from commsim.config.brand import MONTH_DAYS
from commsim.config.presets import platform_presets
from commsim.locale import say, speech, tr
from commsim.model.kernels.delivery import reach_for_account_size

# The checks in the order the panel shows them: key, label, number kind.
CHECKS: tuple[tuple[str, str, Kind], ...] = (
    ("sales_lift", "sales lift against no programme", "ratio"),
    ("follower_change", "audience change a month", "ratio"),
    ("engagement", "engagement per post per follower", "share"),
    ("organic_reach", "organic reach per post", "share"),
    ("roas", "revenue per unit of ad spend", "count"),
    ("roi", "return on the programme's cost", "ratio"),
    ("block_rate", "friends who blocked the account", "share"),
    ("open_rate", "messages opened", "share"),
)
# Checks judged only on a messaging account (platform.kind "messaging"): a feed has neither.
MESSAGING_CHECKS = ("block_rate", "open_rate")
OUTSIDE = "outside anything published: treat as a hypothesis"
WITHIN = "within the published band"
NO_WORLD = "not judged: no world without the programme"
FEW_ADS = "not judged: ads are under half the programme's cost"
NO_POSTS = "not judged: no brand posts"
NO_BENCHMARK = "not judged: no benchmark for this platform"
SHORT_HORIZON = "not judged: under a year of messages"
NO_MESSAGES = "not judged: no messages"
SUMMARY_FLAG = "Outside anything published (bands in the plausibility table): treat as hypotheses."
# Daily metrics the panel reads (a folder from an older version may lack some: no panel).
COLUMNS = (
    "revenue",
    "profit",
    "cost",
    "cost_ads",
    "followers",
    "posts",
    "engagements",
    "organic_reach_rate",
)
# Phrases passed to ``tr`` by name (the language tests check each has its translations).
PHRASES = (
    *(text for _, text, _ in CHECKS),
    OUTSIDE,
    WITHIN,
    NO_WORLD,
    FEW_ADS,
    NO_POSTS,
    NO_BENCHMARK,
    SHORT_HORIZON,
    NO_MESSAGES,
)


@cache
def bands() -> dict[str, dict[str, Any]]:
    """The bands and their sources, by check."""
    text = resources.files("commsim").joinpath("data", "plausibility_bands.toml").read_text("utf-8")
    return tomllib.loads(text)


@dataclass(frozen=True)
class PanelLine:
    """One check of one arm: its value and band (NaN where not judged) and the verdict."""

    arm: str
    check: str
    value: float
    low: float
    high: float
    source: str
    reason: str = ""  # why the check is not judged

    @property
    def judged(self) -> bool:
        return bool(np.isfinite(self.value) and np.isfinite(self.low))

    @property
    def outside(self) -> bool:
        return self.judged and not (self.low <= self.value <= self.high)


def _kind(check: str) -> Kind:
    return next(kind for key, _, kind in CHECKS if key == check)


def label(check: str) -> str:
    return tr(next(text for key, text, _ in CHECKS if key == check))


def _number(value: float, check: str, extra: int = 0) -> str:
    """``+12%`` for changes and returns, ``0.48%`` for rates (two significant digits),
    ``2.24x`` for revenue per unit spent; ``extra`` digits more."""
    kind = _kind(check)
    if kind == "count":
        return f"{value:.{2 + extra}f}x"
    percent = value * 100
    if kind == "ratio":
        return f"{percent:+.{(0 if abs(percent) >= 10 else 1) + extra}f}%"
    digits = 0 if percent <= 0 else max(0, 1 - math.floor(math.log10(percent)))
    return f"{percent:.{digits + extra}f}%"


def band_text(line: PanelLine) -> str:
    if not np.isfinite(line.low):
        return ""
    return say(
        "{low} to {high}", low=_number(line.low, line.check), high=_number(line.high, line.check)
    )


def value_text(line: PanelLine) -> str:
    """The value, with digits enough that one outside its band does not read as its edge."""
    if not np.isfinite(line.value):
        return tr("not judged")
    edges = {_number(line.low, line.check), _number(line.high, line.check)}
    for extra in range(4):
        text = _number(line.value, line.check, extra)
        if not (line.outside and text in edges):
            return text
    return text


def verdict_text(line: PanelLine) -> str:
    """``within the published band``, the flag, or why the check is not judged."""
    if not line.judged:
        return tr(line.reason) if line.reason else tr("not judged")
    return tr(OUTSIDE) if line.outside else tr(WITHIN)


def _paired_totals(
    timeseries: pd.DataFrame, arm: str, world: str, metric: str
) -> tuple[np.ndarray, np.ndarray]:
    totals = timeseries.groupby(["arm", "replicate"])[metric].sum()
    own = totals.loc[arm]
    base = totals.loc[world].reindex(own.index)
    return own.to_numpy(dtype=float), base.to_numpy(dtype=float)


def _mean_ratio(numerator: np.ndarray, denominator: np.ndarray) -> float:
    """The ratio of the means over replicates (NaN when the denominator is nothing)."""
    top, bottom = np.nanmean(numerator), np.nanmean(denominator)
    return float(top / bottom) if bottom > 0 else float("nan")


def _reference(scenario: Mapping[str, Any]) -> tuple[float, float, bool]:
    """The preset's engagement benchmark (NaN without one), organic reach for the page's
    starting size, and whether the platform is a messaging account."""
    resolved = make_scenario(dict(scenario))  # the preset fills what the record leaves out
    platform = resolved.platform
    preset = platform_presets().get(platform.preset)
    benchmark = preset.benchmarks.get("engagement_per_post_per_follower") if preset else None
    followers = resolved.brand.initial_followers
    reach = reach_for_account_size(followers, platform.organic_reach_tiers, platform.organic_reach)
    messaging = platform.kind == "messaging"
    return float(benchmark) if benchmark else float("nan"), reach, messaging


def _money(timeseries: pd.DataFrame, arm: str, world: str) -> tuple[dict, dict]:
    """Sales lift, ROI and ad return against the world without the programme."""
    values, reasons = {}, {}
    revenue, base_revenue = _paired_totals(timeseries, arm, world, "revenue")
    profit, base_profit = _paired_totals(timeseries, arm, world, "profit")
    cost, base_cost = _paired_totals(timeseries, arm, world, "cost")
    values["sales_lift"] = _mean_ratio(revenue - base_revenue, base_revenue)
    values["roi"] = _mean_ratio(profit - base_profit, cost - base_cost)
    own = timeseries[timeseries["arm"] == arm]
    ads = own.groupby("replicate")["cost_ads"].sum().to_numpy(dtype=float)
    share = np.nanmean(ads) / np.nanmean(cost) if np.nanmean(cost) > 0 else 0.0
    if share >= bands()["roas"]["ads_share"]:
        values["roas"] = _mean_ratio(revenue - base_revenue, ads)
    else:
        reasons["roas"] = FEW_ADS
    return values, reasons


def _audience_change(own: pd.DataFrame) -> float:
    """Followers and members, first to last day, compounded to a 30-day month (mean)."""
    first, last = own["step"].min(), own["step"].max()
    start = own[own["step"] == first].set_index("replicate")["followers"]
    end = own[own["step"] == last].set_index("replicate")["followers"].reindex(start.index)
    growth = (end / start.where(start > 0)) ** (MONTH_DAYS / max(last - first, 1)) - 1.0
    return float(growth.mean()) if growth.notna().any() else float("nan")


def arm_panel(
    timeseries: pd.DataFrame, arm: str, world: str | None, scenario: Mapping[str, Any]
) -> list[PanelLine]:
    """The panel's lines for one arm; ``timeseries`` is the focal brand's, every arm's."""
    table = bands()
    own = timeseries[timeseries["arm"] == arm]
    nan = float("nan")
    limits = {k: (float(b.get("low", nan)), float(b.get("high", nan))) for k, b in table.items()}
    if world is not None and world != arm and (timeseries["arm"] == world).any():
        values, reasons = _money(timeseries, arm, world)
    else:
        values, reasons = {}, dict.fromkeys(("sales_lift", "roi", "roas"), NO_WORLD)
    values["follower_change"] = _audience_change(own)

    benchmark, reach, messaging = _reference(scenario)
    exposure = (own["posts"] * own["followers"]).sum()
    if exposure > 0 and np.isfinite(benchmark):
        values["engagement"] = float(own["engagements"].sum() / exposure)
        factors = table["engagement"]
        limits["engagement"] = (
            benchmark * factors["low_factor"],
            benchmark * factors["high_factor"],
        )
    else:
        reasons["engagement"] = NO_POSTS if exposure <= 0 else NO_BENCHMARK
    posted = own[own["posts"] > 0]
    if len(posted) and np.isfinite(reach):
        values["organic_reach"] = float(posted["organic_reach_rate"].mean())
        factors = table["organic_reach"]
        limits["organic_reach"] = (reach * factors["low_factor"], reach * factors["high_factor"])
    else:
        reasons["organic_reach"] = NO_POSTS
    if messaging:
        _messaging_checks(own, posted, table, values, reasons)

    return [
        PanelLine(
            arm,
            check,
            values.get(check, nan),
            *limits[check],
            source=table[check]["source"],
            reason=reasons.get(check, ""),
        )
        for check, _, _ in CHECKS
        if messaging or check not in MESSAGING_CHECKS
    ]


def _messaging_checks(
    own: pd.DataFrame,
    posted: pd.DataFrame,
    table: Mapping[str, Any],
    values: dict[str, float],
    reasons: dict[str, str],
) -> None:
    """Block rate at the horizon's end (a year or more of messages) and the share of
    messages opened: a messaging account's own checks."""
    if not {"block_rate", "open_rate", "impressions_organic"} <= set(own.columns):
        reasons["block_rate"] = reasons["open_rate"] = NO_MESSAGES  # an older results folder
        return
    last = own[own["step"] == own["step"].max()]
    if own["step"].max() - own["step"].min() + 1 < table["block_rate"]["min_days"]:
        reasons["block_rate"] = SHORT_HORIZON
    else:
        values["block_rate"] = float(last["block_rate"].mean())
    delivered = posted["impressions_organic"].sum()
    if delivered > 0:
        opened = (posted["open_rate"] * posted["impressions_organic"]).sum()
        values["open_rate"] = float(opened / delivered)
    else:
        reasons["open_rate"] = NO_MESSAGES


def panel(
    timeseries: pd.DataFrame,
    arms: Sequence[str],
    world_of: Mapping[str, str],
    scenarios: Mapping[str, Mapping[str, Any]],
) -> list[PanelLine]:
    """Every arm's panel (``scenarios``: each arm's resolved scenario as nested tables);
    empty when the time series lacks a metric it reads."""
    if not set(COLUMNS) <= set(timeseries.columns):
        return []
    return [
        line
        for arm in arms
        for line in arm_panel(timeseries, arm, world_of.get(arm), scenarios.get(arm, {}))
    ]


def panel_frame(lines: Sequence[PanelLine], labels: Mapping[str, str]) -> pd.DataFrame:
    """The panel as a table of text in the current language: arm, check, result, published
    band, verdict and source (short; :func:`source_notes` in full)."""
    rows = [
        {
            tr("Arm"): labels.get(line.arm, line.arm),
            tr("Check"): label(line.check),
            tr("Result"): value_text(line),
            tr("Published band"): band_text(line),
            tr("Verdict"): verdict_text(line),
            tr("Source"): bands()[line.check]["short"],
        }
        for line in lines
    ]
    return pd.DataFrame(rows)


def source_notes() -> list[str]:
    """Each check's band with its full source, one line each (English citations)."""
    return [f"{label(key)}: {band['source']}" for key, band in bands().items()]


def flagged_summary(lines: Sequence[PanelLine], labels: Mapping[str, str]) -> str:
    """One sentence for an executive summary: which arms' results lie outside every
    published band, with the values; or that all judged results lie within."""
    outside = [line for line in lines if line.outside]
    if not outside:
        return tr("every judged result lies within its published band")
    cjk = speech().cjk
    comma, semicolon = ("、", "；") if cjk else (", ", "; ")
    colon, stop = ("：", "。") if cjk else (": ", ". ")
    parts = []
    for arm in dict.fromkeys(line.arm for line in outside):
        checks = comma.join(
            say("{check} {value}", check=label(line.check), value=value_text(line))
            for line in outside
            if line.arm == arm
        )
        parts.append(f"{labels.get(arm, arm)}{colon}{checks}")
    return semicolon.join(parts) + stop + tr(SUMMARY_FLAG)
