"""Replicated runs for the statistical tests, spread over a real process pool (one for the
whole session: starting workers costs more than many of the runs).

Under pytest-xdist each test process is a session of its own, so each gets its share of the
cores (:func:`pool_size`): N cores then run N pool workers in all, not N per test process."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor

import pandas as pd
import pytest

import commsim

REPLICATES = 10  # paired replicates per arm (common random numbers: seed r in every arm)

Runner = Callable[..., dict[str, list[pd.DataFrame]]]


def run_replicates(
    arms: dict[str, dict],
    steps: int,
    replicates: int = REPLICATES,
    pool: Executor | None = None,
) -> dict[str, list[pd.DataFrame]]:
    """Timeseries of every arm x replicate; replicate r of every arm uses seed r."""
    jobs = [(arm, r) for arm in arms for r in range(replicates)]
    if pool is None:
        with _spawn_pool(min(len(jobs), pool_size())) as own:
            return run_replicates(arms, steps, replicates, own)
    futures = [pool.submit(commsim.simulate, arms[arm], steps=steps, seed=r) for arm, r in jobs]
    out: dict[str, list[pd.DataFrame]] = {arm: [] for arm in arms}
    for (arm, _), future in zip(jobs, futures, strict=True):
        out[arm].append(future.result().timeseries)
    return out


def pool_size() -> int:
    """This test process's share of the cores: the cores over the xdist test processes
    (PYTEST_XDIST_WORKER_COUNT; 1 without xdist), at least 1."""
    cores = os.cpu_count() or 1
    test_processes = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    return max(1, cores // max(1, test_processes))


def _spawn_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))


@pytest.fixture(scope="session")
def replicate_runner() -> Iterator[Runner]:
    # One pool per session, sized to this process's share of the cores.
    with _spawn_pool(pool_size()) as pool:

        def run(arms: dict[str, dict], steps: int, replicates: int = REPLICATES):
            return run_replicates(arms, steps, replicates, pool)

        yield run
