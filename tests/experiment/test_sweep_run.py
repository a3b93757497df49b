"""Sweeps run through the experiment runner: common random numbers, one runs-table row per
run, design values applied, and a sweep killed with SIGKILL resumes to identical results."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import commsim
from commsim.cli import app
from commsim.experiment import Execution, load_experiment
from commsim.studies import prepare_sweep

SWEEP = """\
# A tiny sweep: 300 members for 30 days, so each run takes a fraction of a second.
[experiment]
name = "tiny_sweep"
steps = 30
replicates = 2
seed = 9
checkpoints = [10, 30]

[base]
population.members = 300
brand.initial_followers = 100

[levers]
"brand.value_share" = { push = 0.1, value = 0.9 }

[uncertainties]
"platform.organic_reach" = { low = 0.02, high = 0.2, scale = "log" }
"behavior.push_fatigue" = [0.05, 0.5]
"population.network" = { choices = ["homophilous", "random"] }
"""
POINTS = 6
RUNS = POINTS * 2 * 2


def commsim_cli(*args: str, cwd: Path, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "commsim", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("sweep")
    (folder / "sweep.toml").write_text(SWEEP, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def finished(workdir) -> Path:
    """The uninterrupted sweep, through the CLI (charts included)."""
    done = commsim_cli(
        "sweep",
        "sweep.toml",
        "--points",
        str(POINTS),
        "--out",
        "full",
        "--workers",
        "1",
        cwd=workdir,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return workdir / "full"


def test_the_runs_table_has_one_row_per_run_with_design_lever_seed_and_outcomes(finished):
    runs = pd.read_parquet(finished / "runs.parquet")
    assert len(runs) == RUNS
    assert len(pd.read_csv(finished / "runs.csv")) == RUNS
    for column in (
        "point",
        "lever",
        "replicate",
        "seed",
        "platform.organic_reach",
        "behavior.push_fatigue",
        "population.network",
        "brand.value_share",
        "cum_profit",
        "cum_profit_d10",
    ):
        assert column in runs.columns, column
    assert set(runs["lever"]) == {"push", "value"}
    # Common random numbers: every lever at every point runs replicate r from the same seed.
    assert runs.groupby("replicate")["seed"].nunique().eq(1).all()
    assert runs.groupby(["point", "replicate"])["lever"].nunique().eq(2).all()


def test_a_runs_table_row_is_the_model_run_at_its_design_point(finished):
    runs = pd.read_parquet(finished / "runs.parquet")
    row = runs.iloc[5]
    scenario = {
        "population.members": 300,
        "brand.initial_followers": 100,
        "brand.value_share": row["brand.value_share"],
        "platform.organic_reach": row["platform.organic_reach"],
        "behavior.push_fatigue": row["behavior.push_fatigue"],
        "population.network": row["population.network"],
    }
    series = commsim.simulate(scenario, steps=30, seed=int(row["seed"])).timeseries
    focal = series[series["brand"] == "focal"]
    assert focal["cum_profit"].iloc[-1] == pytest.approx(row["cum_profit"])
    assert focal.loc[focal["step"] == 10, "cum_profit"].iloc[0] == pytest.approx(
        row["cum_profit_d10"]
    )


def test_the_sweep_draws_its_charts_titled_with_findings(finished):
    charts = sorted((finished / "charts").glob("sweep_*.png"))
    names = " ".join(path.stem for path in charts)
    assert "wins_organic_reach_horizon" in names
    assert "wins_organic_reach_push_fatigue" in names
    assert "robustness_cum_profit" in names
    assert "dependence_cum_profit" in names


@pytest.mark.slow  # end to end: a sweep killed, then resumed
def test_a_sweep_killed_with_sigkill_resumes_to_identical_results(workdir, finished):
    out = workdir / "killed"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "commsim",
            "sweep",
            "sweep.toml",
            "--points",
            str(POINTS),
            "--out",
            "killed",
            "--workers",
            "1",
            "--no-charts",
        ],
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, so the kill reaches it all
    )
    deadline = time.monotonic() + 180
    while len(list((out / "runs").glob("*.parquet"))) < 3:
        assert process.poll() is None, "the sweep finished before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    stored = len(list((out / "runs").glob("*.parquet")))
    assert 3 <= stored < RUNS
    assert not (out / "runs.parquet").exists()

    done = commsim_cli(
        "sweep",
        "sweep.toml",
        "--points",
        str(POINTS),
        "--out",
        "killed",
        "--resume",
        "--no-charts",
        cwd=workdir,
    )
    assert done.returncode == 0, done.stderr
    pd.testing.assert_frame_equal(
        pd.read_parquet(out / "runs.parquet"), pd.read_parquet(finished / "runs.parquet")
    )
    assert (out / "runs.csv").read_bytes() == (finished / "runs.csv").read_bytes()


def test_resume_refuses_another_design(workdir, finished):
    done = commsim_cli(
        "sweep",
        "sweep.toml",
        "--points",
        str(POINTS + 1),
        "--out",
        "full",
        "--resume",
        cwd=workdir,
    )
    assert done.returncode == 2
    assert "differs from the one these results were made with" in done.stderr


BAD = {
    "empty range": (
        ('"behavior.push_fatigue" = [0.05, 0.5]', '"behavior.push_fatigue" = [0.2, 0.2]'),
        (),
        "bad.toml: uncertainties.behavior.push_fatigue: empty range (low = high = 0.2)",
    ),
    "lower above upper": (
        ('"behavior.push_fatigue" = [0.05, 0.5]', '"behavior.push_fatigue" = [0.5, 0.05]'),
        (),
        "bad.toml: uncertainties.behavior.push_fatigue: low (0.5) is above high (0.05)",
    ),
    "unknown outcome": (
        None,
        ("--outcome", "profits"),
        "--outcome: unknown outcome 'profits' (did you mean 'profit'?)",
    ),
    "unknown design": (None, ("--design", "halton"), "--design: must be one of lhs, sobol"),
    "sensitivity without lever": (
        None,
        (),
        "bad.toml has 2 levers (push, value); name the one to analyse",
    ),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_specs_exit_2_with_one_clear_message_and_write_nothing(workdir, case):
    edit, options, message = BAD[case]
    folder = workdir / "bad" / case.replace(" ", "_")
    folder.mkdir(parents=True)
    text = SWEEP.replace(*edit) if edit else SWEEP
    (folder / "bad.toml").write_text(text, encoding="utf-8")
    verb = ["sensitivity", "--outcome", "cum_profit"] if "sensitivity" in case else ["sweep"]
    arguments = [*verb, str(folder / "bad.toml"), "--out", str(folder / "out"), *options]
    done = CliRunner().invoke(app, arguments)
    assert done.exit_code == 2, done.output
    assert message in done.stderr.replace("\n", " "), done.stderr
    assert done.stderr.count("error:") == 1
    assert "Traceback" not in done.output
    assert not (folder / "out").exists()


@pytest.mark.slow  # a second whole sweep
def test_plan_and_run_from_python_reuse_the_runner(tmp_path, workdir):
    experiment = load_experiment(workdir / "sweep.toml", ["experiment.replicates=1"])
    study = prepare_sweep(
        experiment, out=tmp_path / "grid", design="grid", points=2, execution=Execution(workers=1)
    )
    assert len(study.plan.points) == 2 * 2 * 2
    result = study.run()
    assert len(result.runs) == len(study.plan.points) * 2
    assert not result.failed
    assert set(result.robustness()["lever"]) == {"push", "value"}
