"""Page-insights exports (Meta Business Suite content exports, with their real column names)
become brand profiles that commsim's own loader accepts."""

from __future__ import annotations

from pathlib import Path

import pytest

from commsim.config import ConfigError
from commsim.experiment import load_experiment
from commsim.experiment.profile.page_insights import (
    platform_choice,
    profile_table,
    profile_text,
    read_page_insights,
)

DATA = Path(__file__).parent / "data"
FACEBOOK = DATA / "facebook_content_export.csv"
INSTAGRAM = DATA / "instagram_content_export.csv"
EXPERIMENT = """\
[experiment]
name = "from_insights"
steps = 30
replicates = 1

[base]
population.members = 300

[arms.today]
brand.value_share = 0.5
"""


def test_a_facebook_export_gives_its_rate_per_reach_and_posts_a_week():
    insights = read_page_insights(FACEBOOK)
    # The fixture: 8 posts from 1 to 28 September reaching 20,000 people in all, with 300
    # reactions, comments and shares.
    assert (insights.platform, insights.name, insights.posts) == ("facebook", "山嵐茶行", 8)
    assert insights.engagement_rate == pytest.approx(300 / 20_000)
    assert insights.posts_per_week == pytest.approx(8 / 28 * 7)


def test_an_instagram_export_counts_likes_comments_shares_and_saves():
    insights = read_page_insights(INSTAGRAM)
    # 6 posts from 1 to 21 October reaching 12,000; likes, comments, shares, saves sum to 480.
    assert insights.platform == "instagram"
    assert insights.engagement_rate == pytest.approx(480 / 12_000)
    assert insights.posts_per_week == pytest.approx(6 / 21 * 7)


@pytest.mark.parametrize(("export", "preset"), [(FACEBOOK, "facebook_2025"), (INSTAGRAM, None)])
def test_the_table_written_loads_as_the_experiment_s_brand_profile(export, preset, tmp_path):
    insights = read_page_insights(export)
    table = profile_table(
        insights, followers=12_000, market_size=800_000, preset=preset or "instagram_2025"
    )
    path = tmp_path / "brand.toml"
    path.write_text(profile_text(insights, table) + EXPERIMENT, encoding="utf-8")
    experiment = load_experiment(path)
    derived = {d.key: d.value for d in experiment.derived}
    assert derived["brand.initial_followers"] == 12_000
    assert derived["brand.posts_per_week"] == pytest.approx(insights.posts_per_week, abs=0.01)
    assert derived["platform.preset"] == table["platform"]
    assert derived["behavior.engage_base"] > 0  # calibrated to the export's rate
    assert experiment.resolved_arms[0].scenario.brand.name == "山嵐茶行"


def test_a_file_without_a_column_it_needs_names_the_file_and_the_column(tmp_path):
    lines = FACEBOOK.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    drop = header.index("Reach")
    cut = tmp_path / "no_reach.csv"
    # Keep the quoted "Reactions, Comments and Shares" intact: cut the columns before it.
    cut.write_text("\n".join(",".join(line.split(",")[:drop]) for line in lines), "utf-8")
    with pytest.raises(ConfigError, match=r"no_reach\.csv: no column 'Reach'"):
        read_page_insights(cut)


def test_a_file_that_is_no_export_says_which_columns_tell(tmp_path):
    other = tmp_path / "sales.csv"
    other.write_text("month,units\n2025-09,120\n", "utf-8")
    with pytest.raises(ConfigError, match=r"sales\.csv: no column 'Page ID'"):
        read_page_insights(other)


def test_a_platform_that_exports_nothing_is_refused_with_the_choices():
    with pytest.raises(ConfigError, match="allowed: facebook, instagram, line"):
        platform_choice("threads")
    assert platform_choice("Instagram_2019") == ("instagram", "instagram_2019")
