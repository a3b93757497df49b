"""The shipped study examples run end to end through the CLI, shrunk with command-line
overrides (300 members, a few weeks) so the whole file takes seconds."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pandas as pd
import pytest
from pptx import Presentation
from typer.testing import CliRunner

from commsim.cli import app
from commsim.experiment import load_experiment
from commsim.experiment.spec.targets import load_targets

EXAMPLES = Path(__file__).resolve().parents[2] / "experiments"
TINY = ["--set", "population.members=300", "--set", "brand.initial_followers=100"]


def invoke(*arguments: str) -> str:
    done = CliRunner().invoke(app, [str(a) for a in arguments])
    assert done.exit_code == 0, done.output
    return done.output


@pytest.mark.parametrize(
    "name", ["sweep_reach_horizon.toml", "sobol_profit_gap.toml", "facebook_2014.toml"]
)
def test_shipped_study_examples_are_valid(name):
    experiment = load_experiment(EXAMPLES / name)
    assert experiment.uncertainty_space or name == "facebook_2014.toml"
    assert experiment.source_text().startswith("# Question:")


@pytest.mark.slow  # end to end: a shipped sweep, then discovery
def test_sweep_then_discover_on_the_shipped_sweep(tmp_path):
    out = tmp_path / "sweep"
    text = invoke(
        "sweep",
        EXAMPLES / "sweep_reach_horizon.toml",
        *TINY,
        "--steps",
        "40",
        "--points",
        "8",
        "--replicates",
        "1",
        "--workers",
        "1",
        "--out",
        out,
        "--no-charts",
        "--set",
        "experiment.checkpoints=[20, 40]",
    )
    assert "8 design points (lhs) x 2 levers (push, value) x 1 replicates = 16 runs" in text
    assert "Push" in text and "best in" in text
    assert len(pd.read_csv(out / "runs.csv")) == 16
    found = invoke("discover", out, "--question", "cum_profit[value] > -1e9")
    assert "Nothing to discover" in found  # every point answers yes
    # `report` on a sweep builds the sweep's deck, with its own charts, not a strategy deck
    # of 16 design-point arms.
    assert_study_deck(out, "sweep", "Push")


def assert_study_deck(folder: Path, kind: str, word: str) -> list[str]:
    invoke("report", folder)
    deck = Presentation(str(folder / "deck.pptx"))
    titles = [slide.shapes.title.text_frame.text for slide in deck.slides]
    assert titles[0].endswith(kind) and len(titles) >= 2
    assert not any(title.startswith(("After ", "Assumptions")) for title in titles)
    assert any(word in title for title in titles[1:]), titles
    assert list((folder / "charts").glob("study_01_*.png"))
    assert (folder / "report.html").read_text(encoding="utf-8").count("<img") >= 1
    return titles


@pytest.mark.slow  # end to end: a shipped Sobol' study
def test_sensitivity_on_the_shipped_profit_gap(tmp_path):
    out = tmp_path / "morris"
    text = invoke(
        "sensitivity",
        EXAMPLES / "sobol_profit_gap.toml",
        *TINY,
        "--steps",
        "30",
        "--method",
        "morris",
        "--points",
        "2",
        "--outcome",
        "cum_profit",
        "--lever",
        "value",
        "--versus",
        "push",
        "--workers",
        "1",
        "--out",
        out,
    )
    assert "Morris sensitivity of the value-minus-push gap in cumulative profit" in text
    assert "warning: 2 trajectories" in text
    indices = pd.read_csv(out / "sensitivity.csv")
    assert set(indices["index"]) == {"mu_star", "sigma"}
    assert len(indices) == 2 * 4
    assert (out / "charts" / "sensitivity_01_tornado_cum_profit.png").is_file()
    titles = assert_study_deck(out, "morris sensitivity", "cumulative profit")
    assert "Sensitivity indices (95% CI)" in titles


def test_calibrate_on_the_shipped_facebook_targets(tmp_path):
    out = tmp_path / "fit"
    text = invoke(
        "calibrate",
        EXAMPLES / "facebook_2014.toml",
        "--targets",
        EXAMPLES / "facebook_2014_targets.toml",
        *TINY,  # a year: the targets' days
        "--evaluations",
        "3",
        "--replicates",
        "1",
        "--out",
        out,
        "--no-charts",
    )
    assert "Fitted parameters" in text
    fitted = tomllib.loads((out / "fitted.toml").read_text(encoding="utf-8"))
    spec = load_targets(EXAMPLES / "facebook_2014_targets.toml", steps=365)
    assert list(fitted) == spec.parameters.keys
    for parameter in spec.parameters.uncertainties:
        assert parameter.low <= fitted[parameter.key] <= parameter.high
    report = (out / "fit_report.md").read_text(encoding="utf-8")
    assert "| organic_reach |" in report and "| status |" in report
    # Three evaluations cannot converge: the budget ran out, and the fit says so.
    assert "budget ran out" in text and "budget ran out" in report
    assert_study_deck(out, "calibration", "target")
    assert set(pd.read_csv(out / "fit_targets.csv")["status"]) <= {"fit", "missed", "out of reach"}
    # The fitted values are ready for --set: the experiment loads with them.
    load_experiment(EXAMPLES / "facebook_2014.toml", [f"{k}={v}" for k, v in fitted.items()])
