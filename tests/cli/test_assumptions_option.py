"""``commsim run --assumptions``: a bad mode is one message and exit 2; a drawn run says how
often each arm pays and what its intervals include, on screen and in the report."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_run_verb import commsim  # python -m commsim in a subprocess

EXPERIMENT = """\
[experiment]
name = "cli_worlds"
steps = 60
replicates = 3
seed = 5
reference = "push"

[base]
population.members = 300
population.market_history_days = 30

[arms.push]
brand.value_share = 0.1

[arms.value]
brand.value_share = 0.9
"""


@pytest.fixture
def experiment(tmp_path: Path) -> Path:
    path = tmp_path / "worlds.toml"
    path.write_text(EXPERIMENT, encoding="utf-8")
    return path


def test_a_bad_mode_on_the_command_line_exits_2_naming_the_option(experiment, tmp_path):
    done = commsim("run", str(experiment), "--assumptions", "priors", cwd=tmp_path)
    assert done.returncode == 2
    assert "--assumptions: must be one of fixed, prior, posterior (got 'priors')" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "results").exists()


def test_a_bad_mode_in_the_file_exits_2_naming_the_file_and_key(experiment, tmp_path):
    text = EXPERIMENT.replace('reference = "push"', 'reference = "push"\nassumptions = "maybe"')
    experiment.write_text(text, encoding="utf-8")
    done = commsim("run", str(experiment), "--dry-run", cwd=tmp_path)
    assert done.returncode == 2
    assert f"{experiment}: experiment.assumptions: must be one of" in done.stderr
    assert "'fixed', 'prior', 'posterior' (got 'maybe')" in done.stderr


@pytest.mark.slow
def test_a_prior_run_states_the_chances_and_what_its_intervals_include(experiment, tmp_path):
    out = tmp_path / "out"
    args = ("run", str(experiment), "--assumptions", "prior", "--workers", "1", "--out", str(out))
    done = commsim(*args, "--no-charts", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    screen = " ".join(done.stdout.split())
    assert "Chance it pays: Probability of paying" in screen
    assert "Value " in screen and " of 3)" in screen
    assert "Best against runner-up:" in screen
    assert "the assumptions' plausible ranges (prior)" in screen
    assert (out / "assumptions.csv").is_file()
    done = commsim("report", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "- **Chance it pays:** Probability of paying" in report
    include = "- **What the intervals include:** Intervals and chances include simulation noise"
    assert f"{include} and the assumptions' plausible ranges (prior)" in report
