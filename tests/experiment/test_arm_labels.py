"""Arms take a display label in any script; it names them in charts and decks and changes
neither what runs nor its hash (so a relabelled folder still resumes)."""

from __future__ import annotations

import pytest
from tiny_experiment import TINY

from commsim import ConfigError
from commsim.experiment import load_experiment

LABELLED = TINY.replace("[arms.value]\n", '[arms.value]\nlabel = "話題社群 + 價值內容"\n')


def test_a_label_names_the_arm_without_changing_its_runs_or_hash(write_experiment):
    plain = load_experiment(write_experiment())
    labelled = load_experiment(write_experiment(LABELLED))
    assert labelled.arm_labels == {"value": "話題社群 + 價值內容"}
    assert labelled.arm_names == plain.arm_names == ["push", "value"]
    assert labelled.config_hash() == plain.config_hash()
    assert labelled.resolved_arms[1].overrides == {"brand.value_share": 0.9}


def test_a_label_crossed_with_factors_carries_the_levels(write_experiment):
    text = LABELLED.replace('reference = "push"', 'reference = "push_0.4"')
    text += '\n[factors]\n"brand.quality" = [0.4, 0.8]\n'
    experiment = load_experiment(write_experiment(text))
    assert experiment.arm_labels["value_0.8"] == "話題社群 + 價值內容 0.8"


@pytest.mark.parametrize("label", ["3", '""', '"two\\nlines"', '"\\u001b[2J"'])
def test_a_label_must_be_a_non_empty_line_of_text(write_experiment, label):
    text = TINY.replace("[arms.value]\n", f"[arms.value]\nlabel = {label}\n")
    with pytest.raises(ConfigError, match=r"arms\.value\.label: must be a non-empty line of"):
        load_experiment(write_experiment(text))
