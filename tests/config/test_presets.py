"""Platform presets fill what a scenario leaves unset; explicit keys win."""

import pytest

from commsim import ConfigError, make_scenario
from commsim.config import Platform
from commsim.config.presets import PRESET_NAMES, platform_presets
from commsim.model.kernels.delivery import reach_for_account_size


def test_every_preset_is_valid_and_sourced():
    for name, preset in platform_presets().items():
        assert preset.source and preset.description
        platform = Platform(**preset.values)  # values pass the fields' own ranges
        assert Platform(preset=name) == platform.model_copy(update={"preset": name})


@pytest.mark.parametrize(
    ("preset", "reach"),
    [
        ("facebook_2012", 0.16),
        ("facebook_2014", 0.0615),
        ("facebook_2021", 0.022),
        ("instagram_2019", 0.191),
        ("custom", 0.15),
    ],
)
def test_preset_sets_sourced_organic_reach(preset, reach):
    assert make_scenario({"platform.preset": preset}).platform.organic_reach == reach


def test_explicit_keys_win_over_the_preset():
    platform = make_scenario(
        {"platform": {"preset": "facebook_2014", "organic_reach": 0.1, "cpm": 5.0}}
    ).platform
    assert (platform.organic_reach, platform.cpm) == (0.1, 5.0)


def test_explicit_flat_reach_drops_the_presets_size_tiers():
    platform = make_scenario({"platform.preset": "instagram_2019"}).platform
    assert platform.organic_reach_tiers[0] == (20_000, 0.377)
    flat = make_scenario({"platform.preset": "instagram_2019", "platform.organic_reach": 0.3})
    assert flat.platform.organic_reach_tiers == ()


def test_changing_the_preset_refills_its_values():
    scenario = make_scenario({"platform.preset": "facebook_2014"})
    assert make_scenario(scenario, ["platform.preset=facebook_2021"]).platform.organic_reach == (
        0.022
    )
    platform = scenario.platform
    platform.preset = "custom"
    assert platform.organic_reach == Platform.model_fields["organic_reach"].default


def test_unknown_preset_lists_the_allowed_names():
    with pytest.raises(ConfigError) as error:
        make_scenario({"platform.preset": "myspace"})
    for name in PRESET_NAMES:
        assert repr(name) in str(error.value)


def test_reach_tiers_must_rise():
    with pytest.raises(ConfigError, match="rising order"):
        make_scenario({"platform.organic_reach_tiers": [[100, 0.3], [50, 0.2]]})


@pytest.mark.parametrize(
    ("followers", "reach"),
    [(0, 0.377), (19_999, 0.377), (20_000, 0.229), (999_999, 0.229), (1_000_000, 0.191)],
)
def test_instagram_reach_falls_with_account_size(followers, reach):
    tiers = make_scenario({"platform.preset": "instagram_2019"}).platform.organic_reach_tiers
    assert reach_for_account_size(followers, tiers, 0.191) == reach


@pytest.mark.parametrize("name", ["line_tw_2025", "line_jp_2025"])
def test_line_presets_are_messaging_accounts_without_a_ranked_feed(name):
    platform = make_scenario({"platform.preset": name}).platform
    assert platform.kind == "messaging"
    assert (platform.organic_reach, platform.engagement_ranking) == (1.0, 0.0)
    assert platform.open_rate == 0.55  # LINE Yahoo 2022
    assert platform.message_quota > 0 and platform.message_price > 0


def test_threads_is_a_feed_whose_reach_is_a_labelled_assumption():
    preset = platform_presets()["threads_2025"]
    platform = make_scenario({"platform.preset": "threads_2025"}).platform
    assert platform.kind == "feed" and platform.organic_reach == 0.10
    assert "assumption" in preset.source and "Buffer 2024" in preset.source
    # The benchmark is Buffer's per-view median times the assumed reach (derived).
    assert preset.benchmarks["engagement_per_post_per_follower"] == pytest.approx(0.0625 * 0.10)


def test_switching_from_line_to_a_feed_preset_restores_the_feed():
    scenario = make_scenario({"platform.preset": "line_tw_2025"})
    feed = make_scenario(scenario, ["platform.preset=instagram_2025"]).platform
    assert feed.kind == "feed" and feed.message_price == 0.0 and feed.engagement_ranking == 1.0
