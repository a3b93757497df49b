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
from commsim.experiment.distributed import DaskExecutor

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


def test_dask_local_cluster_matches_the_local_executor(
    experiment_file, serial_timeseries, tmp_path
):
    out = tmp_path / "dask"
    command = [
        sys.executable,
        "-m",
        "commsim",
        "run",
        str(experiment_file),
        "--out",
        str(out),
        "--executor",
        "dask",
        "--workers",
        "2",
        "--no-charts",
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    dask_rows = pd.read_parquet(out / "timeseries.parquet")
    pd.testing.assert_frame_equal(dask_rows, serial_timeseries)


def test_an_existing_scheduler_is_used_by_address(experiment_file, serial_timeseries, tmp_path):
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        out = tmp_path / "by_address"
        command = [
            sys.executable,
            "-m",
            "commsim",
            "run",
            str(experiment_file),
            "--out",
            str(out),
            "--executor",
            "dask",
            "--scheduler",
            cluster.scheduler_address,
            "--no-charts",
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    pd.testing.assert_frame_equal(pd.read_parquet(out / "timeseries.parquet"), serial_timeseries)


def test_killing_a_worker_loses_no_run(experiment_file, serial_timeseries, tmp_path):
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    )
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
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "commsim",
            "run",
            str(experiment_file),
            "--out",
            str(out),
            "--executor",
            "dask",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2
    assert 'pip install -e ".[dask]"' in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert not out.exists()
