"""Experiment files: arms, factors, overrides, and one clear message for every mistake."""

from __future__ import annotations

import tomllib

import pytest
from tiny_experiment import TINY

from commsim import ConfigError
from commsim.experiment import Experiment, load_experiment
from commsim.experiment.toml_text import dumps


def test_arms_are_the_base_plus_their_own_overrides(write_experiment):
    experiment = load_experiment(write_experiment())
    push, value = experiment.resolved_arms
    assert experiment.arm_names == ["push", "value"]
    assert (push.scenario.brand.value_share, value.scenario.brand.value_share) == (0.1, 0.9)
    assert push.scenario.population.members == value.scenario.population.members == 300
    assert push.overrides == {"brand.value_share": 0.1}
    assert experiment.n_runs == 9  # 2 arms and the world without the programme, x 3


def test_defaults_the_reference_to_the_first_arm_and_the_brand_to_the_focal_one(
    write_experiment,
):
    text = TINY.replace('reference = "push"\n', "")
    experiment = load_experiment(write_experiment(text))
    assert experiment.reference == "push"
    assert experiment.brand == "focal"


def test_checkpoints_keep_days_within_the_horizon_and_always_the_horizon(write_experiment):
    experiment = load_experiment(write_experiment(), ["experiment.steps=15"])
    assert experiment.checkpoints == [10, 15]
    assert load_experiment(write_experiment()).checkpoints == [10, 20, 40]


def test_factors_expand_into_a_full_factorial_named_after_the_levels(write_experiment):
    text = """
[experiment]
steps = 30
[factors]
"brand.community" = ["brand", "topic"]
brand.value_share = [0.1, 0.9]
"""
    experiment = load_experiment(write_experiment(text, "grid.toml"))
    assert experiment.name == "grid"  # from the file name when [experiment] has none
    assert experiment.arm_names == ["brand_0.1", "brand_0.9", "topic_0.1", "topic_0.9"]
    arm = experiment.resolved_arms[2]
    assert arm.levels == {"brand.community": "topic", "brand.value_share": 0.1}
    assert (arm.scenario.brand.community, arm.scenario.brand.value_share) == ("topic", 0.1)
    assert experiment.factor_levels == {
        "brand.community": ["brand", "topic"],
        "brand.value_share": [0.1, 0.9],
    }


def test_arms_and_factors_together_cross_every_arm_with_every_level(write_experiment):
    text = TINY.replace('"push"', '"push_0.16"')
    text += '[factors]\n"platform.organic_reach" = [0.16, 0.022]\n'
    experiment = load_experiment(write_experiment(text))
    assert experiment.arm_names == ["push_0.16", "push_0.022", "value_0.16", "value_0.022"]


def test_command_line_overrides_reach_every_arm_after_its_own(write_experiment):
    path = write_experiment(TINY.replace("[arms.value]", "[arms.value]\npopulation.members = 400"))
    experiment = load_experiment(
        path, ["population.members=200", "experiment.replicates=5", "experiment.seed=3"]
    )
    assert [a.scenario.population.members for a in experiment.resolved_arms] == [200, 200]
    assert (experiment.replicates, experiment.seed) == (5, 3)
    assert experiment.settings == (("population.members", 200),)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            ("brand.value_share = 0.9", "brand.value_share = 1.4"),
            "tiny.toml: arms.value.brand.value_share: must be a number between 0 and 1 (got 1.4)",
        ),
        (
            ("brand.value_share = 0.9", "brand.valu_share = 0.9"),
            "tiny.toml: arms.value.brand.valu_share: unknown key (did you mean 'value_share'?)",
        ),
        (
            ("population.members = 300", 'population.members = "many"'),
            "tiny.toml: base.population.members: must be a whole number",
        ),
        (("steps = 40", "steps = 0"), "tiny.toml: experiment.steps: must be a whole number"),
        (("replicates = 3", "replicate = 3"), "experiment.replicate: unknown key"),
        (("[arms.push]", "[arm.push]"), "tiny.toml: arm: unknown key (did you mean 'arms'?)"),
        (
            ('reference = "push"', 'reference = "pull"'),
            "experiment.reference: must be the name of an arm: one of 'push', 'value' (got 'pull')",
        ),
        (('name = "tiny"', 'name = "my run"'), "experiment.name: must use letters, digits"),
        (("checkpoints = [10, 20]", "checkpoints = [0]"), "experiment.checkpoints: must be"),
        (("steps = 40", "steps = 40 40"), "tiny.toml: not valid TOML"),
    ],
)
def test_each_mistake_gets_one_message_naming_the_file_and_the_key(write_experiment, edit, message):
    with pytest.raises(ConfigError) as error:
        load_experiment(write_experiment(TINY.replace(*edit)))
    assert message in str(error.value)
    assert str(error.value).count("\n") == 0


def test_an_experiment_without_arms_is_an_error(write_experiment):
    with pytest.raises(ConfigError, match=r"tiny.toml: arms: the experiment has no arms"):
        load_experiment(write_experiment("[experiment]\nsteps = 10\n"))


def test_a_factor_must_be_a_non_empty_list(write_experiment):
    with pytest.raises(ConfigError, match=r"factors.brand.value_share: must be a non-empty list"):
        load_experiment(write_experiment('[factors]\n"brand.value_share" = 0.5\n'))
    with pytest.raises(
        ConfigError, match=r"factors.brand.value_share: must be a number between 0 and 1"
    ):
        load_experiment(write_experiment('[factors]\n"brand.value_share" = [0.5, 2]\n'))


def test_a_bad_override_names_the_overrides_parameter(write_experiment):
    with pytest.raises(ConfigError, match=r"^overrides: population.members: must be") as error:
        load_experiment(write_experiment(), ["population.members=1"])
    assert error.value.parameter == "overrides"


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(ConfigError, match=r"nothing.toml: no such file"):
        load_experiment(tmp_path / "nothing.toml")


def test_the_hash_changes_with_anything_that_changes_results(write_experiment):
    experiment = load_experiment(write_experiment())
    assert experiment.config_hash() == load_experiment(write_experiment()).config_hash()
    other = load_experiment(write_experiment(), ["brand.quality=0.7"])
    assert other.config_hash() != experiment.config_hash()
    longer = load_experiment(write_experiment(), ["experiment.steps=41"])
    assert longer.config_hash() != experiment.config_hash()


def test_resolved_experiment_reads_back_as_toml(write_experiment):
    experiment = load_experiment(write_experiment())
    resolved = tomllib.loads(dumps(experiment.resolved()))
    assert resolved["experiment"]["reference"] == "push"
    assert resolved["arms"]["value"]["scenario"]["brand"]["value_share"] == 0.9
    assert resolved["arms"]["value"]["overrides"] == {"brand.value_share": 0.9}
    assert experiment.source_text() == TINY  # the verbatim copy is the file itself


def test_experiments_built_in_python_validate_like_files():
    table = {
        "experiment": {"name": "py", "steps": 10},
        "arms": {"a": {"brand.value_share": 0.2}, "b": {"brand": {"value_share": 0.8}}},
    }
    experiment = Experiment.from_table(table)
    assert [a.scenario.brand.value_share for a in experiment.resolved_arms] == [0.2, 0.8]
    assert tomllib.loads(experiment.source_text())["experiment"]["name"] == "py"
    with pytest.raises(ConfigError, match=r"^arms.b.brand.value_share: must be"):
        Experiment.from_table({"arms": {"b": {"brand.value_share": -1}}})
