"""Replicated runs for the statistical tests, spread over a real process pool."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

import pandas as pd
import pytest

import commsim

REPLICATES = 10  # paired replicates per arm (common random numbers: seed r in every arm)


def run_replicates(
    arms: dict[str, dict],
    steps: int,
    replicates: int = REPLICATES,
) -> dict[str, list[pd.DataFrame]]:
    """Timeseries of every arm x replicate; replicate r of every arm uses seed r."""
    jobs = [(arm, r) for arm in arms for r in range(replicates)]
    workers = min(len(jobs), os.cpu_count() or 1)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        futures = [pool.submit(commsim.simulate, arms[arm], steps=steps, seed=r) for arm, r in jobs]
        results = [future.result().timeseries for future in futures]
    out: dict[str, list[pd.DataFrame]] = {arm: [] for arm in arms}
    for (arm, _), frame in zip(jobs, results, strict=True):
        out[arm].append(frame)
    return out


@pytest.fixture(scope="session")
def replicate_runner():
    return run_replicates
