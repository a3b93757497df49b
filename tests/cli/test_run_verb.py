"""The ``commsim`` command end to end: real processes, real files, real kills.

Every run is ``python -m commsim`` in a subprocess on a tiny experiment (400 members,
120 days); inputs refused before anything runs are also read by the same app in-process.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from commsim.cli.app import app
from commsim.experiment.execution.executors import FAULT_ENV

EXPERIMENT = """\
# Question: does value content beat sales push on a tiny platform?
[experiment]
name = "cli_tiny"
steps = 120
replicates = 4
seed = 5
checkpoints = [30, 60]
reference = "push"

[base]
population.members = 400

[arms.push]
brand.value_share = 0.1

[arms.value]
brand.value_share = 0.9
"""
TABLES = ("timeseries.csv", "summary.csv", "comparison.csv", "crossovers.csv")


def commsim(*args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 120):
    """Run ``python -m commsim ARGS`` and return the completed process (text output)."""
    environment = {k: v for k, v in os.environ.items() if k != FAULT_ENV}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "commsim", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def assert_same_tables(folder: Path, other: Path) -> None:
    for name in TABLES:
        assert (folder / name).read_bytes() == (other / name).read_bytes(), name
    pd.testing.assert_frame_equal(
        pd.read_parquet(folder / "timeseries.parquet"),
        pd.read_parquet(other / "timeseries.parquet"),
    )


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    (folder / "tiny.toml").write_text(EXPERIMENT, encoding="utf-8")
    return folder


#: Bad inputs also checked as real processes (exit status and stderr of ``python -m
#: commsim``); the others run the same app in this process, which is 3 s faster a call.
IN_A_PROCESS = ("out of range", "missing file")


@pytest.fixture(scope="module")
def quick(workdir) -> dict[str, subprocess.CompletedProcess]:
    """Invocations that stop before running anything, each as a completed process."""
    calls: dict[str, tuple[Path, tuple[str, ...]]] = {
        "version": (workdir, ("--version",)),
        "validate": (workdir, ("validate", "tiny.toml", "--set", "experiment.replicates=3")),
        "dry run": (workdir, ("run", "tiny.toml", "--dry-run", "--out", "dry")),
        "validate 2000": (workdir, ("validate", "tiny.toml", "--set", "population.members=2000")),
    }
    for case, (edit, options, _) in BAD_INPUTS.items():
        folder = workdir / "bad" / case.replace(" ", "_")
        folder.mkdir(parents=True)
        name = "missing.toml" if case == "missing file" else "bad.toml"
        if case != "missing file":
            text = EXPERIMENT.replace(*edit) if edit else EXPERIMENT
            (folder / name).write_text(text, encoding="utf-8")
        calls[case] = (folder, ("run", name, *options))
    started = ("version", *IN_A_PROCESS)
    with ThreadPoolExecutor(len(started)) as pool:
        futures = {key: pool.submit(commsim, *calls[key][1], cwd=calls[key][0]) for key in started}
        done = {
            key: in_this_process(*args, cwd=cwd)
            for key, (cwd, args) in calls.items()
            if key not in started
        }
        return done | {key: future.result() for key, future in futures.items()}


def in_this_process(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The same command line run by the ``commsim`` app in this process (typer's runner)."""
    with contextlib.chdir(cwd):
        result = CliRunner().invoke(app, list(args), terminal_width=200)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a crash, where the command line should have said why
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


@pytest.fixture(scope="module")
def one_worker(workdir) -> tuple[subprocess.CompletedProcess, Path]:
    """The uninterrupted run in one process, into the default results folder, with charts."""
    done = commsim("run", "tiny.toml", "--workers", "1", cwd=workdir)
    folders = list((workdir / "results" / "cli_tiny").iterdir())
    assert len(folders) == 1, done.stdout + done.stderr
    return done, folders[0]


def test_version_is_printed(quick):
    done = quick["version"]
    assert done.returncode == 0
    assert done.stdout.startswith("commsim ")


def test_validate_prints_the_design_and_the_number_of_runs(quick):
    done = quick["validate"]
    assert done.returncode == 0, done.stderr
    assert "push (reference)" in done.stdout and "brand.value_share=0.9" in done.stdout
    assert "9 (2 arms + no programme x 3)" in done.stdout
    assert "valid (9 runs)" in done.stdout


def test_a_sample_under_2000_members_is_flagged(quick, one_worker):
    """Levels run low below 2,000 members (docs/model.md 7.10): validate and run say so."""
    note = "400 simulated members: below 2,000 communities grow slower"
    assert note in quick["validate"].stdout
    assert note in one_worker[0].stdout
    assert "below 2,000" not in quick["validate 2000"].stdout


def test_dry_run_prints_the_design_and_writes_nothing(quick, workdir):
    done = quick["dry run"]
    assert done.returncode == 0, done.stderr
    assert "would write 12 runs to dry" in done.stdout
    assert not (workdir / "dry").exists()


def test_run_writes_the_results_folder_and_prints_arms_with_intervals(one_worker):
    done, folder = one_worker
    assert done.returncode == 0, done.stderr
    assert folder.parent.name == "cli_tiny"  # results/<name>/<timestamp>/
    for name in ("manifest.json", "experiment.toml", "timeseries.parquet", *TABLES):
        assert (folder / name).is_file(), name
    assert (folder / "experiment.toml").read_text() == EXPERIMENT
    assert "mean (95% CI) over replicates" in done.stdout
    assert "incremental profit" in done.stdout and "no programme" in done.stdout
    assert "vs push" in done.stdout and "payback" in done.stdout
    assert "Runs: 12 (12 finished, 0 failed" in done.stdout and "1 worker" in done.stdout
    assert "[12/12]" in done.stdout  # plain progress lines when stdout is not a terminal
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["status"] == "finished" and manifest["argv"][1:3] == ["run", "tiny.toml"]
    assert "Charts:" in done.stdout and any((folder / "charts").glob("*.png"))
    # The report and the deck come with the charts (--no-report skips them).
    assert "Report and deck:" in done.stdout
    for name in ("report.md", "report.html", "deck.pptx"):
        assert (folder / name).is_file(), name


@pytest.mark.slow  # end to end: a second whole run, with charts
def test_no_report_draws_the_charts_only_in_the_language_asked(workdir):
    options = ("--steps", "30", "--replicates", "2", "--workers", "1", "--out", "ja")
    done = commsim("run", "tiny.toml", *options, "--no-report", "--lang", "ja", cwd=workdir)
    assert done.returncode == 0, done.stderr
    folder = workdir / "ja"
    assert any((folder / "charts").glob("01_*.png")) and "Report and deck" not in done.stdout
    assert not (folder / "deck.pptx").exists() and not (folder / "report.md").exists()
    svg = next((folder / "charts").glob("01_*.svg")).read_text(encoding="utf-8")
    assert "施策なし" in svg  # the world without the programme, in Japanese


@pytest.mark.slow  # end to end: a second whole run on a pool
def test_two_workers_give_the_same_tables_as_one(workdir, one_worker):
    done = commsim("run", "tiny.toml", "--workers", "2", "--out", "two", "--no-charts", cwd=workdir)
    assert done.returncode == 0, done.stderr
    assert "2 workers" in done.stdout
    assert_same_tables(one_worker[1], workdir / "two")


@pytest.mark.slow  # end to end: a run killed, then resumed
def test_a_killed_run_resumes_to_the_same_tables(workdir, one_worker):
    out = workdir / "killed"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "commsim",
            "run",
            "tiny.toml",
            "--workers",
            "1",
            "--out",
            "killed",
            "--no-charts",
        ],
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, so the kill reaches it all
    )
    deadline = time.monotonic() + 120
    while len(list((out / "runs").glob("*.parquet"))) < 2:
        assert process.poll() is None, "the run finished before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    stored = len(list((out / "runs").glob("*.parquet")))
    assert 2 <= stored < 8
    assert not (out / "timeseries.parquet").exists()

    done = commsim("run", "tiny.toml", "--out", "killed", "--resume", "--no-charts", cwd=workdir)
    assert done.returncode == 0, done.stderr
    assert f"{stored} reused from an earlier session" in done.stdout
    assert_same_tables(one_worker[1], out)


@pytest.mark.slow  # end to end: a second whole run, one failing
def test_a_failing_run_does_not_lose_the_others(workdir, one_worker):
    failing = {FAULT_ENV: "value-r002"}
    args = ("run", "tiny.toml", "--out", "faulty", "--workers", "1", "--no-charts")
    done = commsim(*args, cwd=workdir, env=failing)
    assert done.returncode == 1
    assert "1 of 12 runs failed" in done.stderr and "value-r002: RuntimeError" in done.stderr
    assert "Traceback" not in done.stderr
    folder = workdir / "faulty"
    manifest = json.loads((folder / "manifest.json").read_text())
    entry = next(run for run in manifest["runs"] if run["run_id"] == "value-r002")
    assert entry["status"] == "failed" and "Traceback" in entry["error"]
    assert pd.read_parquet(folder / "timeseries.parquet")["run_id"].nunique() == 11

    done = commsim(*args, "--resume", cwd=workdir)
    assert done.returncode == 0, done.stderr
    assert_same_tables(one_worker[1], folder)


def test_an_existing_results_folder_is_never_overwritten(workdir, one_worker):
    folder = one_worker[1]
    before = {p: p.stat().st_mtime_ns for p in folder.rglob("*")}
    done = commsim("run", "tiny.toml", "--out", str(folder), cwd=workdir)
    assert done.returncode == 2
    assert "results folder is not empty; use --resume" in done.stderr
    assert {p: p.stat().st_mtime_ns for p in folder.rglob("*")} == before


def test_resume_refuses_a_different_experiment(workdir, one_worker):
    folder = str(one_worker[1])
    done = commsim("run", "tiny.toml", "--out", folder, "--resume", "--steps", "90", cwd=workdir)
    assert done.returncode == 2
    assert "experiment differs" in done.stderr
    assert "experiment.steps: 120 in the folder, 90 now" in done.stderr
    assert "Traceback" not in done.stderr


BAD_INPUTS = {
    "out of range": (
        ("brand.value_share = 0.9", "brand.value_share = 1.4"),
        (),
        "bad.toml: arms.value.brand.value_share: must be a number between 0 and 1 (got 1.4)",
    ),
    "unknown key": (
        ("brand.value_share = 0.9", "brand.value_shar = 0.9"),
        (),
        "bad.toml: arms.value.brand.value_shar: unknown key (did you mean 'value_share'?)",
    ),
    "wrong type": (
        ("steps = 120", 'steps = "long"'),
        (),
        "bad.toml: experiment.steps: must be a whole number",
    ),
    "no arms": (
        ("[arms.push]\nbrand.value_share = 0.1\n\n[arms.value]\nbrand.value_share = 0.9\n", ""),
        (),
        "bad.toml: arms: the experiment has no arms",
    ),
    "not TOML": (("steps = 120", "steps = = 120"), (), "bad.toml: not valid TOML"),
    "bad --set": ((), ("--set", "platform.organic_reach=2"), "--set: platform.organic_reach"),
    "unknown executor": ((), ("--executor", "slurm"), "--executor: must be one of local"),
    "unknown language": ((), ("--lang", "fr"), "--lang: unknown language 'fr'; allowed: en"),
    "bad arm label": (
        ("[arms.value]", "[arms.value]\nlabel = 3"),
        (),
        "bad.toml: arms.value.label: must be a non-empty line of printable text",
    ),
    "missing file": ((), ("--set", "x=1"), "missing.toml: no such file"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_exits_2_with_one_message_and_writes_nothing(quick, workdir, case):
    done, folder = quick[case], workdir / "bad" / case.replace(" ", "_")
    assert done.returncode == 2, done.stdout + done.stderr
    assert BAD_INPUTS[case][2] in done.stderr
    assert "Traceback" not in done.stderr
    name = "missing.toml" if case == "missing file" else "bad.toml"
    assert sorted(p.name for p in folder.iterdir()) == ([name] if name == "bad.toml" else [])
