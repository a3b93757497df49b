"""Tiny experiments (300 members, a few weeks) so that real runs take a fraction of a second."""

from __future__ import annotations

from pathlib import Path

import pytest

TINY = """\
[experiment]
name = "tiny"
description = "Push vs value content on a tiny platform"
steps = 40
replicates = 3
seed = 11
checkpoints = [10, 20]
reference = "push"

[base]
population.members = 300

[arms.push]
brand.value_share = 0.1

[arms.value]
brand.value_share = 0.9
"""


@pytest.fixture
def write_experiment(tmp_path: Path):
    """Factory: ``write_experiment(text, name)`` -> path of an experiment file."""

    def write(text: str = TINY, name: str = "tiny.toml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
