"""Kills, Ctrl-C and a second writer, on real processes: no worker outlives ``commsim``, a
Ctrl-C is one line and exit 130 with the manifest saying ``interrupted``, a resume ends in
the same tables as an uninterrupted run, and a ``--force`` during a run is refused."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from commsim.cli import app
from commsim.experiment.execution.executors import FAULT_ENV

EXPERIMENT = """\
[experiment]
name = "signals"
steps = 150
replicates = 15
seed = 8
checkpoints = [30, 90]
reference = "push"

[base]
population.members = 400

[arms.push]
brand.value_share = 0.1

[arms.value]
brand.value_share = 0.9
"""
TABLES = ("timeseries.csv", "summary.csv", "comparison.csv", "crossovers.csv")
# Enough runs that a loaded machine cannot finish them all between the second run stored
# and the signal (at 6 replicates it once did, and the Ctrl-C found nothing left to stop).
RUNS = 30
GONE_SECONDS = 10  # how long children may take to die after their parent

pytestmark = [
    pytest.mark.skipif(
        not sys.platform.startswith("linux"), reason="reads process trees from /proc (Linux)"
    ),
    pytest.mark.slow,  # end to end: whole runs killed, interrupted and resumed
]


def start(*arguments: str, cwd: Path) -> subprocess.Popen:
    """``python -m commsim ARGUMENTS`` in its own process group (as a terminal starts it)."""
    environment = {k: v for k, v in os.environ.items() if k != FAULT_ENV}
    return subprocess.Popen(
        [sys.executable, "-m", "commsim", *arguments],
        cwd=cwd,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def state(pid: int) -> str | None:
    """The process's state letter (``R``, ``S``, ``Z``...), or None when it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return stat.rsplit(")", 1)[1].split()[0]


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (children, their children, ...)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found |= frontier
    return found


def alive(pids: set[int]) -> set[int]:
    """Those still running (a zombie waiting for init to reap it is dead)."""
    return {pid for pid in pids if state(pid) not in (None, "Z")}


def wait_for(condition, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def stored(out: Path) -> int:
    return len(list((out / "runs").glob("*.parquet")))


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("signals")
    (folder / "signals.toml").write_text(EXPERIMENT, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def reference(workdir) -> Path:
    """The uninterrupted run (in this process)."""
    arguments = ["run", str(workdir / "signals.toml"), "--workers", "1", "--no-charts"]
    done = CliRunner().invoke(app, [*arguments, "--out", str(workdir / "reference")])
    assert done.exit_code == 0, done.output
    return workdir / "reference"


def assert_same_tables(folder: Path, other: Path) -> None:
    for name in TABLES:
        assert (folder / name).read_bytes() == (other / name).read_bytes(), name


def kill_leftovers(pids: set[int]) -> None:
    for pid in alive(pids):
        os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize("executor", ["local", "dask"])
def test_sigkill_of_commsim_leaves_no_worker_behind(workdir, executor):
    out = workdir / f"sigkill_{executor}"
    process = start(
        "run", "signals.toml", "--workers", "2", "--executor", executor, "--out", out.name,
        "--no-charts", cwd=workdir,
    )  # fmt: skip
    children: set[int] = set()
    try:
        wait_for(lambda: (out / "runs").is_dir() and stored(out) >= 1, process)
        children = descendants(process.pid)
        assert len(alive(children)) >= 2, "expected the worker processes"
        process.kill()  # SIGKILL to commsim alone, as the OOM killer or `kill -9 PID` would
        process.communicate(timeout=30)
        deadline = time.monotonic() + GONE_SECONDS
        while alive(children) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not alive(children), f"orphaned: {sorted(alive(children))}"
    finally:
        kill_leftovers(children | descendants(process.pid))
        if process.poll() is None:
            process.kill()


def test_ctrl_c_prints_one_line_exits_130_and_the_resume_gives_the_same_tables(workdir, reference):
    out = workdir / "interrupted"
    process = start(
        "run", "signals.toml", "--workers", "2", "--out", out.name, "--no-charts", cwd=workdir
    )
    children: set[int] = set()
    try:
        wait_for(lambda: (out / "runs").is_dir() and stored(out) >= 2, process)
        children = descendants(process.pid)
        os.killpg(process.pid, signal.SIGINT)  # a terminal sends Ctrl-C to the whole group
        _, stderr = process.communicate(timeout=60)
    finally:
        kill_leftovers(children)
    assert process.returncode == 130, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("interrupted: continue with commsim run signals.toml")
    assert lines[0].endswith(f"--out {out.name} --resume")
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["status"] == "interrupted"
    assert manifest["sessions"][-1]["status"] == "interrupted"
    time.sleep(0.5)
    assert not alive(children)
    assert stored(out) < RUNS and not (out / "timeseries.csv").exists()

    resumed = start(
        "run", "signals.toml", "--out", out.name, "--resume", "--no-charts", cwd=workdir
    )
    _, stderr = resumed.communicate(timeout=180)
    assert resumed.returncode == 0, stderr
    assert_same_tables(out, reference)
    manifest = json.loads((out / "manifest.json").read_text())
    assert [s["status"] for s in manifest["sessions"]] == ["interrupted", "finished"]


def test_a_force_during_a_run_is_refused_and_the_run_finishes(workdir, reference):
    out = workdir / "locked"
    process = start(
        "run", "signals.toml", "--workers", "1", "--out", out.name, "--no-charts", cwd=workdir
    )
    try:
        wait_for(lambda: (out / "runs").is_dir() and stored(out) >= 1, process)
        forced = start("run", "signals.toml", "--out", out.name, "--force", cwd=workdir)
        _, stderr = forced.communicate(timeout=120)
        assert forced.returncode == 2, stderr
        lines = stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in stderr
        assert f"another commsim process (pid {process.pid}) is writing this results" in lines[0]
        assert "wait for it to finish, or use another --out" in lines[0]
        _, stderr = process.communicate(timeout=180)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, stderr
    assert_same_tables(out, reference)
