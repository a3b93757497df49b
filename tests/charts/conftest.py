"""Fixtures: synthetic results folders (see synthetic_results.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from synthetic_results import synthetic_timeseries, write_results_folder


@pytest.fixture
def results_folder(tmp_path: Path) -> Callable[..., Path]:
    """Factory: ``results_folder(crossover_day=600)`` -> a synthetic results folder."""

    def build(name: str = "results", **options) -> Path:
        return write_results_folder(tmp_path / name, synthetic_timeseries(**options))

    return build
