"""A page-insights export turned into a ``[brand_profile]`` table (``commsim profile import``).

Strategists have their page's figures in Meta Business Suite (Insights > Content > Export):
one CSV row per post with its lifetime totals. A Facebook page's file names the page
(``Page ID``, ``Page name``) and counts ``Reactions``, ``Comments`` and ``Shares`` (and their
sum, ``Reactions, Comments and Shares``); an Instagram account's names the account
(``Account ID``, ``Account username``) and counts ``Likes``, ``Comments``, ``Shares`` and
``Saves``. Both have ``Publish time`` (``MM/DD/YYYY HH:MM``) and ``Reach`` (people reached).

From them: posts a week (posts over the days from the first to the last post, a week at
least), and the engagement rate per person reached (all engagements over all reach, the basis
``engagement_basis = "reach"`` means; a boosted post's paid reach and engagements count too,
so export organic posts only for an organic rate). Follower counts are not in a content
export, so the followers, their trend (``followers_90_days_ago``, optional) and the market's
size are given by the user. A LINE Official Account's friends export is read by
:mod:`commsim.experiment.profile.line_insights`; :func:`read_export` tells the files apart by their
columns (docs/experiments.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from commsim.config import ConfigError
from commsim.config.presets import PRESET_NAMES
from commsim.experiment.profile.brand_profile import PROFILE
from commsim.experiment.profile.export_csv import checked_profile, count, read_rows
from commsim.experiment.profile.line_insights import (
    EXPECTED,
    LINE_PRESETS,
    LineFriends,
    line_columns,
    read_line_friends,
)
from commsim.experiment.toml_text import dumps

# The preset each export's platform maps to: today's platform (the export is recent).
PLATFORMS = {"facebook": "facebook_2025", "instagram": "instagram_2025"}
# Columns that tell the exports apart, and the engagements each counts.
MARKERS = {"facebook": ("Page ID", "Page name"), "instagram": ("Account ID", "Account username")}
ENGAGEMENTS = {
    "facebook": ("Reactions", "Comments", "Shares"),
    "instagram": ("Likes", "Comments", "Shares", "Saves"),
}
FACEBOOK_TOTAL = "Reactions, Comments and Shares"
NAME_COLUMNS = {"facebook": "Page name", "instagram": "Account name"}
TIME_FORMATS = ("%m/%d/%Y %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M")
EXPORT_HINT = "a Meta Business Suite content export (Insights > Content > Export, CSV)"
LINE = "line"


@dataclass(frozen=True)
class PageInsights:
    """What a content export says about a page: its posts, their reach and engagements."""

    source: str
    platform: str  # "facebook" or "instagram"
    name: str | None
    posts: int
    first_post: datetime
    last_post: datetime
    reach: float  # people reached, summed over posts
    engagements: float  # engagements, summed over the same posts

    @property
    def days(self) -> int:
        """Days from the first post to the last, both counted."""
        return (self.last_post.date() - self.first_post.date()).days + 1

    @property
    def posts_per_week(self) -> float:
        return self.posts / max(self.days, 7) * 7

    @property
    def engagement_rate(self) -> float:
        """Engagements per person reached."""
        return self.engagements / self.reach


def platform_choice(text: str | None) -> tuple[str | None, str | None]:
    """``--platform`` as (export kind, preset): ``facebook`` or ``instagram`` (today's
    preset), ``line`` (the preset from the file's language), or a preset's name
    (``instagram_2019``, ``line_jp_2025``); (None, None) lets the columns tell."""
    if text is None:
        return None, None
    name = text.strip().lower()
    if name in PLATFORMS:
        return name, PLATFORMS[name]
    if name == LINE:
        return LINE, None
    kind = name.split("_", 1)[0]
    if name in PRESET_NAMES and (kind in PLATFORMS or kind == LINE):
        return kind, name
    kinds = (*PLATFORMS, LINE)
    allowed = [*kinds, *(p for p in PRESET_NAMES if p.split("_", 1)[0] in kinds)]
    raise ConfigError(
        f"platform: {text!r} is not a platform a page-insights export comes from; allowed: "
        f"{', '.join(allowed)}",
        parameter="platform",
    )


def read_export(path: str | Path, platform: str | None = None) -> PageInsights | LineFriends:
    """Read a Meta content export or a LINE friends export, told apart by its columns
    (``platform``, an export kind from :func:`platform_choice`, when they do not tell)."""
    path = Path(path)
    _, columns = read_rows(path, EXPORT_HINT)
    is_line = line_columns(columns) is not None
    if platform == LINE or (platform is None and is_line):
        return read_line_friends(path)
    if is_line:
        raise ConfigError(
            f"{path}: a LINE friends export, not a {platform} one; give --platform line "
            f"({', '.join(LINE_PRESETS.values())}) or leave --platform out",
            parameter="platform",
        )
    return read_page_insights(path, platform)


def read_page_insights(path: str | Path, platform: str | None = None) -> PageInsights:
    """Read a content export; ``platform`` ("facebook" or "instagram") when the columns do
    not tell. Raises ConfigError naming the file and the column for a file that is not one."""
    path = Path(path)
    rows, columns = read_rows(path, EXPORT_HINT)
    kind = platform or _platform_of(columns, path)
    lookup = {name.lower(): name for name in columns}
    counted = ENGAGEMENTS[kind]
    if kind == "facebook" and FACEBOOK_TOTAL.lower() in lookup:
        counted = (FACEBOOK_TOTAL,)
    for needed in ("Publish time", "Reach", *counted):
        if needed.lower() not in lookup:
            raise ConfigError(
                f"{path}: no column '{needed}'; expected {EXPORT_HINT} of a {kind} "
                f"{'page' if kind == 'facebook' else 'account'} (its columns include "
                f"Publish time, Reach, {', '.join(ENGAGEMENTS[kind])})"
            )
    times, reach, engaged = [], 0.0, 0.0
    for line, row in enumerate(rows, start=2):
        value = {key.lower(): (text or "").strip() for key, text in row.items() if key}
        stamp = value.get("publish time", "")
        if not stamp:
            continue  # a totals row, or a blank line at the end
        times.append(_time(stamp, path, line))
        post_reach = count(value.get("reach", ""), path, line, lookup["reach"])
        if post_reach is None:
            continue  # reach not reported: the post counts for posts a week only
        counts = [count(value.get(c.lower(), ""), path, line, lookup[c.lower()]) for c in counted]
        reach += post_reach
        engaged += sum(c or 0.0 for c in counts)
    if not times:
        raise ConfigError(f"{path}: no posts (no row has a 'Publish time'); expected {EXPORT_HINT}")
    if reach <= 0:
        raise ConfigError(f"{path}: column 'Reach': no post reached anyone; no rate to read")
    names = [r.get(lookup.get(NAME_COLUMNS[kind].lower(), ""), "") for r in rows]
    name = next((n.strip() for n in names if n and n.strip()), None)
    return PageInsights(str(path), kind, name, len(times), min(times), max(times), reach, engaged)


def profile_table(
    insights: PageInsights,
    *,
    followers: int,
    market_size: int,
    preset: str,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The ``[brand_profile]`` table the export gives, validated by the profile's own model
    (a ConfigError, naming the export, for an impossible combination)."""
    table: dict[str, Any] = {}
    if insights.name:
        table["name"] = insights.name
    table.update(
        platform=preset,
        market_size=market_size,
        followers=followers,
        engagement_rate=round(insights.engagement_rate, 5),
        engagement_basis="reach",
        posts_per_week=round(insights.posts_per_week, 2),
        **dict(extra or {}),
    )
    return checked_profile(table, insights.source)


def profile_text(insights: PageInsights, table: Mapping[str, Any]) -> str:
    """The table as TOML, headed by where each figure came from."""
    first, last = insights.first_post.date(), insights.last_post.date()
    head = [
        f"# From {insights.source}: {insights.posts} {insights.platform} posts, {first} to {last}.",
        f"# engagement_rate: {insights.engagements:,.0f} engagements / {insights.reach:,.0f} "
        "people reached (basis: reach).",
        f"# posts_per_week: {insights.posts} posts over {insights.days} days.",
        "# followers and market_size: as given (a content export has neither).",
    ]
    if "followers_90_days_ago" in table:
        head[-1] = (
            "# followers, followers_90_days_ago and market_size: as given (not in the export)."
        )
    return "\n".join(head) + "\n" + dumps({PROFILE: dict(table)})


def _platform_of(columns: Sequence[str], path: Path) -> str:
    present = {c.lower() for c in columns}
    for kind, markers in MARKERS.items():
        if any(marker.lower() in present for marker in markers):
            return kind
    raise ConfigError(
        f"{path}: no column 'Page ID' (a Facebook page's export) or 'Account ID' (an "
        f"Instagram account's), nor LINE's friends totals; expected {EXPORT_HINT}, or a LINE "
        f"Official Account friends export (Analytics > Friends, CSV: {EXPECTED})"
    )


def _time(text: str, path: Path, line: int) -> datetime:
    for layout in TIME_FORMATS:
        try:
            return datetime.strptime(text, layout)
        except ValueError:
            continue
    raise ConfigError(
        f"{path}: line {line}, column 'Publish time': {text!r} is not a time like 09/28/2025 18:12"
    )
