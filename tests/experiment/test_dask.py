"""Runs on a real Dask cluster (worker processes on loopback) match the local executor."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

import commsim
from commsim.experiment.execution.distributed import DaskExecutor

distributed = pytest.importorskip("dask.distributed")

EXPERIMENT = """
[experiment]
name = "dask_small"
steps = 60
replicates = 4
seed = 7
checkpoints = [30, 60]
reference = "push"

[base]
population.members = 400

[arms.push]
brand.value_share = 0.1

[arms.value]
brand.value_share = 0.9
"""


@pytest.fixture
def experiment_file(tmp_path: Path) -> Path:
    path = tmp_path / "small.toml"
    path.write_text(EXPERIMENT)
    return path


@pytest.fixture(scope="module")
def serial_timeseries(tmp_path_factory) -> pd.DataFrame:
    folder = tmp_path_factory.mktemp("serial")
    experiment = folder / "small.toml"
    experiment.write_text(EXPERIMENT)
    return commsim.run_experiment(experiment, out=folder / "out", workers=1).timeseries


def commsim_run(experiment: Path, out: Path, *options: str, env=None):
    """``commsim run`` in a real subprocess, as a user would type it."""
    command = [sys.executable, "-m", "commsim", "run", str(experiment), "--out", str(out)]
    return subprocess.run(
        [*command, *options], capture_output=True, text=True, env=env, timeout=240
    )


def loopback_cluster(workers: int):
    return distributed.LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    )


@pytest.mark.slow  # a real LocalCluster
def test_dask_local_cluster_matches_the_local_executor(
    experiment_file, serial_timeseries, tmp_path
):
    out = tmp_path / "dask"
    done = commsim_run(experiment_file, out, "--executor", "dask", "--workers", "2", "--no-charts")
    assert done.returncode == 0, done.stderr
    pd.testing.assert_frame_equal(pd.read_parquet(out / "timeseries.parquet"), serial_timeseries)


@pytest.mark.slow  # a real LocalCluster
def test_an_existing_scheduler_is_used_by_address(experiment_file, serial_timeseries, tmp_path):
    out = tmp_path / "by_address"
    with loopback_cluster(1) as cluster:
        done = commsim_run(
            experiment_file,
            out,
            "--executor",
            "dask",
            "--scheduler",
            cluster.scheduler_address,
            "--no-charts",
        )
    assert done.returncode == 0, done.stderr
    pd.testing.assert_frame_equal(pd.read_parquet(out / "timeseries.parquet"), serial_timeseries)


@pytest.mark.slow  # a real LocalCluster, one worker killed
def test_killing_a_worker_loses_no_run(experiment_file, serial_timeseries, tmp_path):
    cluster = loopback_cluster(2)
    executor = DaskExecutor(distributed.Client(cluster), cluster)
    killed = []

    def kill_one_worker(record, progress):
        if not killed:
            pids = executor.client.run(os.getpid)
            victim = sorted(pids.values())[0]
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)

    try:
        result = commsim.run_experiment(
            experiment_file, out=tmp_path / "killed", executor=executor, on_progress=kill_one_worker
        )
    finally:
        executor.shutdown()
    assert killed
    assert not result.failed
    pd.testing.assert_frame_equal(result.timeseries, serial_timeseries)


def test_without_dask_the_cli_says_how_to_install_it(experiment_file, tmp_path):
    hidden = tmp_path / "hide"
    (hidden / "dask").mkdir(parents=True)
    (hidden / "dask" / "__init__.py").write_text(
        textwrap.dedent('raise ImportError("dask hidden for this test")\n')
    )
    env = {**os.environ, "PYTHONPATH": f"{hidden}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    out = tmp_path / "never"
    done = commsim_run(experiment_file, out, "--executor", "dask", env=env)
    assert done.returncode == 2
    assert 'pip install -e ".[dask]"' in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert not out.exists()
