"""Replicated runs for the statistical tests, spread over a real process pool (one for the
whole session: starting workers costs more than many of the runs)."""

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
        with _spawn_pool(min(len(jobs), os.cpu_count() or 1)) as own:
            return run_replicates(arms, steps, replicates, own)
    futures = [pool.submit(commsim.simulate, arms[arm], steps=steps, seed=r) for arm, r in jobs]
    out: dict[str, list[pd.DataFrame]] = {arm: [] for arm in arms}
    for (arm, _), future in zip(jobs, futures, strict=True):
        out[arm].append(future.result().timeseries)
    return out


def _spawn_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))


@pytest.fixture(scope="session")
def replicate_runner() -> Iterator[Runner]:
    # Every core, even when pytest-xdist runs several test processes: the statistical tests
    # come last and few at a time, and a pool per process keeps every core busy then.
    with _spawn_pool(os.cpu_count() or 1) as pool:

        def run(arms: dict[str, dict], steps: int, replicates: int = REPLICATES):
            return run_replicates(arms, steps, replicates, pool)

        yield run
