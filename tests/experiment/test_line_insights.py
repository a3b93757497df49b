"""LINE Official Account friends exports (their column names in English, Japanese and
Traditional Chinese; docs/experiments.md) become brand profiles that commsim's own loader
accepts. The fixtures: friends added rising 20 a day from 10,000 and blocks 5 a day from
2,500 (a quarter of those added, the presets' calibration band)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from commsim.config import ConfigError
from commsim.experiment import load_experiment
from commsim.experiment.profile.line_insights import (
    LineFriends,
    line_profile_table,
    line_profile_text,
    read_line_friends,
)
from commsim.experiment.profile.page_insights import platform_choice, read_export

DATA = Path(__file__).parent / "data"
ENGLISH = DATA / "line_friends_en.csv"  # date,contacts,targetReaches,blocks; UTF-8
JAPANESE = DATA / "line_friends_ja.csv"  # 日付,友だち追加,ターゲットリーチ,ブロック; Shift_JIS
CHINESE = DATA / "line_friends_zh_tw.csv"  # 日期,加入好友,目標好友數,封鎖; "12,380"
EXPERIMENT = """\
[experiment]
name = "from_line"
steps = 30
replicates = 1

[base]
population.members = 300

[arms.today]
brand.value_share = 0.5
"""


@pytest.mark.parametrize("export", [ENGLISH, CHINESE])
def test_followers_are_friends_added_less_blocks_on_the_last_day(export):
    friends = read_line_friends(export)
    # 120 days, 1 June to 28 September 2025: 12,380 added, 3,095 blocked on the last.
    assert (friends.days[0].day, friends.last.day) == (date(2025, 6, 1), date(2025, 9, 28))
    assert friends.last.followers == 12_380 - 3_095
    assert friends.block_rate == pytest.approx(3_095 / 12_380)
    earlier = friends.earlier  # 90 days before the last: 30 June
    assert earlier is not None
    assert (earlier.day, earlier.followers) == (date(2025, 6, 30), 10_580 - 2_645)


def test_a_japanese_export_in_shift_jis_skips_a_day_not_yet_counted():
    friends = read_line_friends(JAPANESE)
    # 1 August to 28 September counted; 29 September is written "-" (not ready yet).
    assert friends.language == "ja"
    assert len(friends.days) == 59
    assert friends.last.followers == 11_160 - 2_790
    assert friends.earlier is None  # 59 days: no trend to read


def test_the_header_tells_line_from_meta_and_the_language_tells_the_country():
    assert isinstance(read_export(CHINESE), LineFriends)
    assert read_export(CHINESE).language == "zh-TW"
    assert read_export(DATA / "facebook_content_export.csv").platform == "facebook"
    assert platform_choice("LINE") == ("line", None)
    assert platform_choice("line_jp_2025") == ("line", "line_jp_2025")


@pytest.mark.parametrize(
    ("export", "preset"),
    [
        (JAPANESE, "line_jp_2025"),
        # Taiwan's friends trend is calibrated when the file loads (19 s): whole suite only
        pytest.param(ENGLISH, None, marks=pytest.mark.slow),
    ],
)
def test_the_table_written_loads_as_the_experiment_s_brand_profile(export, preset, tmp_path):
    friends = read_line_friends(export)
    table = line_profile_table(friends, market_size=800_000, preset=preset or "line_tw_2025")
    path = tmp_path / "brand.toml"
    path.write_text(line_profile_text(friends, table) + EXPERIMENT, encoding="utf-8")
    experiment = load_experiment(path)
    derived = {d.key: d.value for d in experiment.derived}
    assert derived["brand.initial_followers"] == friends.last.followers
    assert derived["platform.preset"] == table["platform"]
    assert experiment.resolved_arms[0].scenario.platform.kind == "messaging"


def test_followers_given_win_over_the_file_s(tmp_path):
    friends = read_line_friends(ENGLISH)
    table = line_profile_table(friends, market_size=50_000, preset="line_tw_2025", followers=7)
    assert table["followers"] == 7
    assert "7 as given" in line_profile_text(friends, table)


def test_a_friends_export_without_dates_names_the_file_and_the_column(tmp_path):
    cut = tmp_path / "no_date.csv"
    cut.write_text("contacts,targetReaches,blocks\n100,80,20\n", "utf-8")
    with pytest.raises(ConfigError, match=r"no_date\.csv: no column 'date' or '日付' or '日期'"):
        read_line_friends(cut)


def test_a_count_that_is_no_number_names_the_line_and_the_column(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("date,contacts,targetReaches,blocks\n20250901,100,80,many\n", "utf-8")
    with pytest.raises(ConfigError, match=r"bad\.csv: line 2, column 'blocks': 'many'"):
        read_line_friends(bad)


def test_a_file_that_is_neither_export_names_the_columns_of_both(tmp_path):
    other = tmp_path / "sales.csv"
    other.write_text("month,units\n2025-09,120\n", "utf-8")
    with pytest.raises(ConfigError) as raised:
        read_export(other)
    message = str(raised.value)
    assert message.startswith(f"{other}: no column 'Page ID'")
    assert "date, contacts, targetReaches, blocks" in message
    assert "日付, 友だち追加, ターゲットリーチ, ブロック" in message


def test_a_picture_is_not_read_as_shift_jis(tmp_path):
    picture = tmp_path / "friends.jpg"
    picture.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(128, 256)))
    with pytest.raises(ConfigError, match=r"friends\.jpg: not a text file"):
        read_export(picture)
