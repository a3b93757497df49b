"""Tiny experiments (300 members, a few weeks) so that real runs take a fraction of a second."""

from __future__ import annotations

from pathlib import Path

import pytest
from tiny_experiment import TINY


@pytest.fixture
def write_experiment(tmp_path: Path):
    """Factory: ``write_experiment(text, name)`` -> path of an experiment file."""

    def write(text: str = TINY, name: str = "tiny.toml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
