"""``commsim profile import``, ``--set brand_profile.KEY=...`` and ``--lang`` as typed."""

from __future__ import annotations

import tomllib
from pathlib import Path

from typer.testing import CliRunner

from commsim.cli import app
from commsim.experiment import load_experiment

DATA = Path(__file__).parents[1] / "experiment" / "data"
PROFILE_EXPERIMENT = """\
[experiment]
name = "what_if"
steps = 30
replicates = 1

[brand_profile]
market_size = 100000
followers = 2000
posts_per_week = 3

[base]
population.members = 300

[arms.today]
brand.value_share = 0.5
"""


def test_profile_import_writes_a_brand_profile_file(tmp_path):
    out = tmp_path / "profile.toml"
    args = ["profile", "import", str(DATA / "facebook_content_export.csv")]
    result = CliRunner().invoke(app, [*args, "--followers", "9000", "--market-size", "500000"])
    assert result.exit_code == 0, result.output
    printed = tomllib.loads(result.output)["brand_profile"]
    assert printed["engagement_basis"] == "reach"
    result = CliRunner().invoke(
        app, [*args, "--followers", "9000", "--market-size", "500000", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert tomllib.loads(out.read_text("utf-8"))["brand_profile"] == printed


def test_profile_import_of_a_bad_file_exits_2_naming_file_and_column(tmp_path):
    bad = tmp_path / "posts.csv"
    bad.write_text("Post ID,Page ID,Publish time\n1,2,09/01/2025 10:00\n", "utf-8")
    out = tmp_path / "profile.toml"
    result = CliRunner().invoke(
        app,
        ["profile", "import", str(bad), "--followers", "1", "--market-size", "100"]
        + ["--out", str(out)],
    )
    assert result.exit_code == 2
    assert f"{bad}: no column 'Reach'" in " ".join(result.output.split())
    assert "Traceback" not in result.output
    assert not out.exists()


def test_set_varies_a_brand_profile_figure(tmp_path):
    path = tmp_path / "what_if.toml"
    path.write_text(PROFILE_EXPERIMENT, "utf-8")
    base = load_experiment(path).resolved_arms[0].scenario.brand
    what_if = load_experiment(path, ["brand_profile.followers=8000"]).resolved_arms[0].scenario
    assert (base.initial_followers, what_if.brand.initial_followers) == (2000, 8000)


def test_set_of_a_profile_figure_without_a_profile_exits_2(tmp_path):
    path = tmp_path / "plain.toml"
    start, end = PROFILE_EXPERIMENT.index("[brand_profile]"), PROFILE_EXPERIMENT.index("[base]")
    path.write_text(PROFILE_EXPERIMENT[:start] + PROFILE_EXPERIMENT[end:], "utf-8")
    assert CliRunner().invoke(app, ["validate", str(path)]).exit_code == 0
    result = CliRunner().invoke(app, ["validate", str(path), "--set", "brand_profile.followers=5"])
    assert result.exit_code == 2
    assert "has no [brand_profile] table" in " ".join(result.output.split())


def test_lang_is_read_in_any_case(tmp_path):
    path = tmp_path / "what_if.toml"
    path.write_text(PROFILE_EXPERIMENT, "utf-8")
    out = tmp_path / "out"
    run = ["run", str(path), "--dry-run", "--out", str(out)]
    assert CliRunner().invoke(app, [*run, "--lang", "zh-tw"]).exit_code == 0
    refused = CliRunner().invoke(app, [*run, "--lang", "fr"])
    assert refused.exit_code == 2
    assert "--lang: unknown language 'fr'" in refused.output


def test_a_bad_profile_figure_from_set_is_named_as_set(tmp_path):
    path = tmp_path / "what_if.toml"
    path.write_text(PROFILE_EXPERIMENT, "utf-8")
    result = CliRunner().invoke(app, ["validate", str(path), "--set", "brand_profile.followers=-5"])
    assert result.exit_code == 2
    assert "--set: brand_profile.followers" in " ".join(result.output.split())


def test_profile_import_of_a_line_friends_export_writes_its_followers_and_trend(tmp_path):
    out = tmp_path / "profile.toml"
    export = str(DATA / "line_friends_zh_tw.csv")  # 日期,加入好友,目標好友數,封鎖
    result = CliRunner().invoke(
        app, ["profile", "import", export, "--market-size", "800000", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8")
    profile = tomllib.loads(text)["brand_profile"]
    assert profile == {
        "platform": "line_tw_2025",
        "market_size": 800_000,
        "followers": 9285,
        "followers_90_days_ago": 7935,  # the file reaches back 90 days: the trend is an input
    }
    assert "block rate: 25.0%" in text


def test_profile_import_asks_which_line_country_an_english_header_is(tmp_path):
    export = str(DATA / "line_friends_en.csv")  # date,contacts,targetReaches,blocks
    args = ["profile", "import", export, "--market-size", "800000"]
    asked = CliRunner().invoke(app, args)
    assert asked.exit_code == 2
    assert "give --platform line_jp_2025 or --platform line_tw_2025" in " ".join(
        asked.output.split()
    )
    told = CliRunner().invoke(app, [*args, "--platform", "line_jp_2025"])
    assert told.exit_code == 0, told.output
    assert tomllib.loads(told.output)["brand_profile"]["platform"] == "line_jp_2025"


def test_profile_import_of_neither_export_exits_2_naming_both_formats(tmp_path):
    other = tmp_path / "sales.csv"
    other.write_text("month,units\n2025-09,120\n", "utf-8")
    result = CliRunner().invoke(app, ["profile", "import", str(other), "--market-size", "100"])
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert f"{other}: no column 'Page ID'" in said
    assert "Meta Business Suite content export" in said
    assert "date, contacts, targetReaches, blocks" in said
    assert "Traceback" not in result.output


def test_profile_import_of_a_meta_export_needs_the_followers():
    export = str(DATA / "facebook_content_export.csv")
    result = CliRunner().invoke(app, ["profile", "import", export, "--market-size", "500000"])
    assert result.exit_code == 2
    assert "--followers N" in " ".join(result.output.split())
