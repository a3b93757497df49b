"""Scenario validation: every bad input is one ConfigError naming key, value and what is allowed."""

import pytest

from commsim import ConfigError, make_scenario
from commsim.config import Scenario, apply_overrides, parse_override


def test_defaults_follow_design_anchors():
    scenario = Scenario()
    assert scenario.platform.preset == "facebook_2025"  # today's platform
    assert scenario.platform.organic_reach == 0.033
    assert Scenario(platform={"preset": "facebook_2012"}).platform.organic_reach == 0.16
    assert scenario.population.members == 10_000
    assert scenario.brand.community == "topic"
    assert scenario.population.brand_affinity < scenario.population.topic_interest


def test_every_field_has_description_unit_and_range():
    for table in (
        Scenario().population,
        Scenario().platform,
        Scenario().brand,
        Scenario().behavior,
    ):
        for name, field in type(table).model_fields.items():
            assert field.description, f"{name} lacks a description"
            assert "unit" in (field.json_schema_extra or {}), f"{name} lacks a unit"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {"platform": {"organic_reach": 1.5}},
            "platform.organic_reach: must be a number between 0 and 1 (got 1.5)",
        ),
        ({"population": {"members": 0}}, "population.members: must be a whole number"),
        (
            {"brand": {"community": "forum"}},
            "brand.community: must be one of 'brand', 'topic', 'none' (got 'forum')",
        ),
        (
            {"platform": {"organic_rech": 0.1}},
            "platform.organic_rech: unknown key (did you mean 'organic_reach'?)",
        ),
        ({"plat": {}}, "plat: unknown key (did you mean 'platform'?)"),
        ({"brand": {"posts_per_week": "often"}}, "brand.posts_per_week: must be a number"),
        (
            {"competitors": [{"name": "rival", "value_shar": 1}]},
            "competitors.0.value_shar: unknown key (did you mean 'value_share'?)",
        ),
    ],
)
def test_bad_input_names_key_value_and_allowed(data, expected):
    with pytest.raises(ConfigError) as error:
        make_scenario(data)
    assert expected in str(error.value)
    assert "\n" not in str(error.value)


def test_dotted_overrides_read_values_as_toml():
    assert parse_override("population.members=5000") == ("population.members", 5000)
    assert parse_override("brand.kol_program=true") == ("brand.kol_program", True)
    assert parse_override("brand.community=brand") == ("brand.community", "brand")
    data = apply_overrides({"population": {"members": 100}}, ["population.members=5000"])
    assert data == {"population": {"members": 5000}}


def test_overrides_and_dotted_dicts_build_the_same_scenario():
    a = make_scenario(None, ["brand.value_share=0.9", "platform.organic_reach=0.06"])
    b = make_scenario({"brand.value_share": 0.9, "platform": {"organic_reach": 0.06}})
    assert a == b
    assert a.brand.value_share == 0.9


def test_malformed_override_is_a_config_error():
    with pytest.raises(ConfigError, match="expected KEY=VALUE"):
        make_scenario(None, ["population.members"])


def test_competitor_names_must_be_unique():
    with pytest.raises(ConfigError, match="brand names must be unique"):
        make_scenario({"competitors": [{}]})
