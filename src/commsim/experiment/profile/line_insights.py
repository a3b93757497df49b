"""A LINE Official Account's friends statistics turned into a ``[brand_profile]`` table.

LINE Official Account Manager (Analytics > Friends, 分析 > 友だち, 分析 > 好友) shows per day
three running totals and downloads them as a CSV: friends added (never falls, even when a
friend later blocks), target reach (friends LINE can target by age, gender and region) and
blocks (falls when a friend unblocks); up to 397 days at a time. LINE's own descriptions:
https://www.lycbiz.com/jp/manual/OfficialAccountManager/insight_friends/ (ja),
https://tw.linebiz.com/e-learning/oa/data-operate (zh-TW: 加入好友, 目標好友數, 封鎖),
https://developers.line.biz/en/reference/messaging-api/#get-number-of-followers (the same
totals by API: ``followers``, ``targetedReaches``, ``blocks``). Two importers others published
for downloaded files (public GitHub code found by code search in 2026; the index did not name
the repositories: a ``friend_overview.csv`` parser and a ``log_friends_overview`` table) read
them as ``date,contacts,targetReaches,blocks``, dates as ``20260928``, and read Japanese
files in Shift_JIS too. The headers in Japanese and Traditional Chinese accepted here
(``日付, 友だち追加, ターゲットリーチ, ブロック``; ``日期, 加入好友, 目標好友數, 封鎖``) are
LINE's labels for those columns in its manuals, not read off a downloaded file.

From them: the followers today (friends added less blocks on the last day: those a message
reaches; docs/model.md 7.12), the block rate (blocks over friends added, the model's
``block_rate``) and the followers 90 days before, when the file reaches back that far. The
profile has no field for a follower trend or a block rate: both are written as comments. A
friends file has no messages, so neither the broadcasts a week nor an engagement or open
rate: the user adds ``posts_per_week`` (broadcasts a week).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from commsim.config import ConfigError
from commsim.experiment.profile.brand_profile import PROFILE
from commsim.experiment.profile.export_csv import checked_profile, count, read_rows
from commsim.experiment.toml_text import dumps

LINE_PRESETS = {"ja": "line_jp_2025", "zh-TW": "line_tw_2025"}
# Each column's names, by the language that writes them (lower case).
COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "date": {"en": ("date",), "ja": ("日付",), "zh-TW": ("日期",)},
    "added": {
        "en": ("contacts", "followers"),
        "ja": ("友だち追加", "友だち追加数"),
        "zh-TW": ("加入好友", "加入好友數"),
    },
    "target_reach": {
        "en": ("targetreaches", "targetedreaches"),
        "ja": ("ターゲットリーチ",),
        "zh-TW": ("目標好友數", "目標好友数"),
    },
    "blocks": {"en": ("blocks",), "ja": ("ブロック", "ブロック数"), "zh-TW": ("封鎖", "封鎖數")},
}
EXPECTED = (
    "date, contacts, targetReaches, blocks (or 日付, 友だち追加, ターゲットリーチ, ブロック; "
    "日期, 加入好友, 目標好友數, 封鎖)"
)
LINE_HINT = "a LINE Official Account friends statistics export (Analytics > Friends, CSV)"
DATE_FORMATS = ("%Y%m%d", "%Y-%m-%d", "%Y/%m/%d")
TREND_DAYS = 90


@dataclass(frozen=True)
class FriendsDay:
    """One day's running totals."""

    day: date
    added: float
    blocks: float

    @property
    def followers(self) -> int:
        """Friends a message reaches: added less blocked (at most; friends who deleted
        their LINE account stay counted as added)."""
        return int(max(self.added - self.blocks, 0))


@dataclass(frozen=True)
class LineFriends:
    """What a friends export says about an account: its friends, day by day."""

    source: str
    language: str  # the header's: "en", "ja" or "zh-TW"
    days: tuple[FriendsDay, ...]  # by date

    @property
    def platform(self) -> str:
        return "line"

    @property
    def last(self) -> FriendsDay:
        return self.days[-1]

    @property
    def block_rate(self) -> float:
        """Blocked over friends ever added, on the last day (the model's `block_rate`)."""
        return self.last.blocks / self.last.added if self.last.added else 0.0

    @property
    def earlier(self) -> FriendsDay | None:
        """The last day at least TREND_DAYS before the last, if the file reaches back."""
        cut = self.last.day - timedelta(days=TREND_DAYS)
        before = [d for d in self.days if d.day <= cut]
        return before[-1] if before else None


def line_columns(columns: Sequence[str]) -> dict[str, str] | None:
    """Which column holds each total (by its name in the file), or None if the file is not
    a friends export; a file naming blocks and target reach in one of LINE's languages is."""
    present = {c.lower(): c for c in columns}
    found: dict[str, str] = {}
    for key, names in COLUMNS.items():
        for language_names in names.values():
            hit = next((present[n] for n in language_names if n in present), None)
            if hit is not None:
                found[key] = hit
                break
    return found if {"target_reach", "blocks"} <= found.keys() else None


def read_line_friends(path: str | Path) -> LineFriends:
    """Read a friends export. Raises ConfigError naming the file and the column."""
    path = Path(path)
    rows, columns = read_rows(path, LINE_HINT)
    found = line_columns(columns)
    if found is None:
        raise ConfigError(f"{path}: not {LINE_HINT}; its columns are {EXPECTED}")
    for key in ("date", "added"):
        if key not in found:
            names = " or ".join(f"'{n}'" for n in (COLUMNS[key]["en"][0], *_local(key)))
            raise ConfigError(f"{path}: no column {names}; expected {LINE_HINT}: {EXPECTED}")
    language = _language(found)
    days = []
    for line, row in enumerate(rows, start=2):
        stamp = (row.get(found["date"]) or "").strip()
        if not stamp:
            continue  # a blank line at the end
        added = count(row.get(found["added"]) or "", path, line, found["added"])
        blocks = count(row.get(found["blocks"]) or "", path, line, found["blocks"])
        if added is None or blocks is None:
            continue  # LINE writes no figure for a day not yet counted
        days.append(FriendsDay(_date(stamp, path, line, found["date"]), added, blocks))
    if not days:
        raise ConfigError(f"{path}: no day with friends and blocks counted; expected {LINE_HINT}")
    days.sort(key=lambda d: d.day)
    return LineFriends(str(path), language, tuple(days))


def line_profile_table(
    friends: LineFriends,
    *,
    market_size: int,
    preset: str,
    followers: int | None = None,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The ``[brand_profile]`` table the export gives (``followers`` overrides the file's;
    its trend, when it reaches back 90 days, unless ``extra`` gives one), validated by the
    profile's own model."""
    table: dict[str, Any] = {
        "platform": preset,
        "market_size": market_size,
        "followers": friends.last.followers if followers is None else followers,
    }
    if friends.earlier is not None:
        table["followers_90_days_ago"] = friends.earlier.followers
    table.update(extra or {})
    return checked_profile(table, friends.source)


def line_profile_text(friends: LineFriends, table: Mapping[str, Any]) -> str:
    """The table as TOML, headed by where each figure came from and what the profile cannot
    take (the block rate, the messages)."""
    last = friends.last
    first = friends.days[0].day
    head = [
        f"# From {friends.source}: LINE friends, {first} to {last.day} ({len(friends.days)} days).",
        f"# followers: {last.followers:,} on {last.day} ({last.added:,.0f} friends added less "
        f"{last.blocks:,.0f} blocks)"
        + ("." if table["followers"] == last.followers else f"; {table['followers']:,} as given."),
        f"# block rate: {friends.block_rate:.1%} of friends added have blocked (the LINE "
        "presets are calibrated to 20-30%; not a profile field).",
    ]
    earlier = friends.earlier
    if earlier is not None:
        head.append(
            f"# followers {TREND_DAYS} days before: {earlier.followers:,} on {earlier.day} "
            "(the follower trend the status quo follows)."
        )
    head += [
        "# market_size: as given. Add posts_per_week (broadcasts a week): a friends export has",
        "# no messages, hence no engagement or open rate either.",
    ]
    return "\n".join(head) + "\n" + dumps({PROFILE: dict(table)})


def _language(found: Mapping[str, str]) -> str:
    name = found["blocks"].lower()
    return next(lang for lang, names in COLUMNS["blocks"].items() if name in names)


def _local(key: str) -> tuple[str, ...]:
    return tuple(names[0] for lang, names in COLUMNS[key].items() if lang != "en")


def _date(text: str, path: Path, line: int, column: str) -> date:
    for layout in DATE_FORMATS:
        try:
            return datetime.strptime(text, layout).date()
        except ValueError:
            continue
    raise ConfigError(
        f"{path}: line {line}, column '{column}': {text!r} is not a date like 20250928 or "
        "2025/09/28"
    )
