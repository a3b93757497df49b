"""Replicated runs for the statistical tests, spread over a real process pool (one for the
whole session: starting workers costs more than many of the runs).

Under pytest-xdist each test process is a session of its own, so each gets twice its share of
the cores (:func:`pool_size`): at most 2N pool workers on N cores, not N per test process,
and the last long statistical test, alone in the suite's tail, still has every core (with
exactly its share the claims tests at the end of a 35-minute run used one core of two)."""

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
    """Timeseries of every arm x replicate; replicate r of every arm uses seed r, and its
    arms share the market history they have in common (``commsim.simulate_arms``)."""
    if pool is None:
        with _spawn_pool(min(replicates, pool_size())) as own:
            return run_replicates(arms, steps, replicates, own)
    futures = [
        pool.submit(commsim.simulate_arms, arms, steps=steps, seed=r) for r in range(replicates)
    ]
    out: dict[str, list[pd.DataFrame]] = {arm: [] for arm in arms}
    for future in futures:
        for arm, result in future.result().items():
            out[arm].append(result.timeseries)
    return out


def pool_size() -> int:
    """Twice this test process's share of the cores (the cores over the xdist test processes,
    PYTEST_XDIST_WORKER_COUNT; 1 without xdist), at most the cores, at least 1."""
    cores = os.cpu_count() or 1
    test_processes = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    return max(1, min(cores, 2 * (cores // max(1, test_processes))))


def _spawn_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))


@pytest.fixture(scope="session")
def replicate_runner() -> Iterator[Runner]:
    # One pool per session, sized by pool_size.
    with _spawn_pool(pool_size()) as pool:

        def run(arms: dict[str, dict], steps: int, replicates: int = REPLICATES):
            return run_replicates(arms, steps, replicates, pool)

        yield run
