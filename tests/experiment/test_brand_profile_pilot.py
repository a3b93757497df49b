"""A ``[brand_profile]`` with an engagement rate calibrates ``behavior.engage_base`` on a pilot
simulation when the file is read; the derivation records the time it took and ``commsim
validate`` says so (issue 28: reading a file must not simulate without saying it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from commsim import load_experiment
from commsim.cli import app

TAIPEI = Path(__file__).resolve().parents[2] / "experiments" / "taipei_water.toml"


@pytest.fixture(scope="module")
def taipei():
    return load_experiment(TAIPEI)


def test_only_the_engagement_pilot_simulates(taipei) -> None:
    simulated = {item.key: item.seconds for item in taipei.derived if item.seconds > 0}
    assert list(simulated) == ["behavior.engage_base"]


def test_engage_base_in_base_skips_the_pilot(tmp_path: Path) -> None:
    text = TAIPEI.read_text(encoding="utf-8").replace(
        "[base]\n", "[base]\nbehavior.engage_base = 1.5\n"
    )
    (tmp_path / "given.toml").write_text(text, encoding="utf-8")
    experiment = load_experiment(tmp_path / "given.toml")
    assert all(item.seconds == 0 for item in experiment.derived)
    assert "behavior.engage_base" not in {item.key for item in experiment.derived}


def test_validate_says_it_ran_a_pilot_simulation_and_how_long() -> None:
    done = CliRunner().invoke(app, ["validate", str(TAIPEI)], terminal_width=200)
    assert done.exit_code == 0, done.output
    assert "ran pilot simulations (up to 4 of 90 days," in done.output
    assert "set it in [base] to skip them" in done.output
