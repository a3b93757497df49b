"""Where runs execute: in this process, or on any ``concurrent.futures.Executor``.

The unit of work sent to an executor is :func:`run_tasks`, a top-level (picklable) function
over a batch of runs, so a local process pool, or later a distributed one (Dask's
``client.get_executor()``), plugs in unchanged. A run that raises becomes a failed outcome
with its traceback; the other runs go on.
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import os
import time
import traceback
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from fnmatch import fnmatch
from typing import Any

import pandas as pd

from commsim.config import ConfigError
from commsim.config.limits import shown
from commsim.experiment.execution.simulate import simulate
from commsim.experiment.execution.worker_processes import sigint_blocked, start_worker
from commsim.experiment.spec.run_plan import Run
from commsim.model.history import market_key

# Test hook: comma-separated run-id patterns (fnmatch) whose runs raise, so the fault path
# (failed run recorded, others go on, exit 1) can be tested end to end on a sound model.
FAULT_ENV = "COMMSIM_FAIL_RUNS"
# Batches hold at least this much estimated work, so that the cost of sending a task to a
# worker and back stays small against the work itself.
TARGET_BATCH_SECONDS = 0.5
# ... but each worker gets several batches, so the last ones finish close together.
BATCHES_PER_WORKER = 4
# Cost model of one run, measured on one core: 10,000 members x 1,095 days take ~6 s; a
# 300-member, 60-day run ~0.06 s, most of it building the network.
SECONDS_PER_MEMBER_DAY = 5.5e-7
SECONDS_PER_RUN = 0.05
# Starting a spawned worker (a fresh interpreter importing commsim) takes ~2 s here; a worker
# given less work than that costs more than it saves.
WORKER_START_SECONDS = 2.0

MAX_WORKERS = 1024  # processes on one machine; a cluster's size is its scheduler's


def resolve_workers(workers: int | None) -> int:
    """Worker count: the CPU count by default, at least 1."""
    if workers is None:
        return os.cpu_count() or 1
    if not 1 <= workers <= MAX_WORKERS:
        raise ConfigError(
            f"must be a whole number from 1 to {MAX_WORKERS} (got {shown(workers)})",
            parameter="workers",
        )
    return int(workers)


@dataclass(frozen=True)
class RunTask:
    """What a worker needs for one run: the run, its resolved scenario and the horizon."""

    run: Run
    scenario: dict[str, Any]
    steps: int


@dataclass(frozen=True)
class RunOutcome:
    """A finished or failed run, with its wall time (and traceback when it failed)."""

    run: Run
    timeseries: pd.DataFrame | None
    wall_seconds: float
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def simulate_run(scenario: dict[str, Any], steps: int, seed: int) -> pd.DataFrame:
    """One run from a resolved scenario table and a seed -> its tidy daily metrics."""
    return simulate(scenario, steps=steps, seed=seed).timeseries


def _injected_failure(run_id: str) -> bool:
    patterns = [p.strip() for p in os.environ.get(FAULT_ENV, "").split(",") if p.strip()]
    return any(fnmatch(run_id, pattern) for pattern in patterns)


def run_tasks(tasks: Sequence[RunTask]) -> list[RunOutcome]:
    """Run a batch of tasks one after another; a failing run does not stop the batch."""
    return list(_run_each(tasks))


def _run_each(tasks: Sequence[RunTask]) -> Iterator[RunOutcome]:
    """Outcomes as runs finish. The arms of a replicate (one seed, next to each other, see
    :func:`replicate_groups`) fork the market history the first of them lived."""
    for task in tasks:
        start = time.perf_counter()
        try:
            if _injected_failure(task.run.run_id):
                raise RuntimeError(f"failure injected by {FAULT_ENV} for run {task.run.run_id}")
            frame = simulate_run(task.scenario, task.steps, task.run.seed)
            outcome = RunOutcome(task.run, frame, time.perf_counter() - start)
        except Exception:
            outcome = RunOutcome(
                task.run, None, time.perf_counter() - start, traceback.format_exc()
            )
        yield outcome


def replicate_groups(tasks: Sequence[RunTask]) -> list[list[RunTask]]:
    """The tasks by replicate and market (runs on one seed whose scenarios live one history,
    :func:`~commsim.model.history.market_key`), in the order of each one's first run: a
    group is never split between batches, so its arms live one history. Keying by market too
    keeps a study of many platforms or worlds in small batches: finished runs are stored
    (and progress shown) batch by batch."""
    groups: dict[tuple[int, str], list[RunTask]] = {}
    for task in tasks:
        groups.setdefault((task.run.seed, market_key(task.scenario)), []).append(task)
    return list(groups.values())


def estimated_seconds(task: RunTask) -> float:
    """Rough wall time of one run on one core (from :data:`SECONDS_PER_MEMBER_DAY`)."""
    members = int(task.scenario.get("population", {}).get("members", 10_000))
    return SECONDS_PER_RUN + SECONDS_PER_MEMBER_DAY * members * task.steps


def batch_size(tasks: Sequence[RunTask], workers: int) -> int:
    """Runs per batch: enough work per batch, and still several batches per worker."""
    if not tasks:
        return 1
    mean_seconds = sum(estimated_seconds(t) for t in tasks) / len(tasks)
    enough_work = math.ceil(TARGET_BATCH_SECONDS / mean_seconds)
    balanced = math.ceil(len(tasks) / (max(workers, 1) * BATCHES_PER_WORKER))
    return max(1, min(enough_work, balanced))


def workers_worth_starting(tasks: Sequence[RunTask], workers: int) -> int:
    """At most ``workers``, and no more than the estimated work pays for (at least 1)."""
    total = sum(estimated_seconds(t) for t in tasks)
    return max(1, min(workers, int(total // WORKER_START_SECONDS)))


class LocalPool(ProcessPoolExecutor):
    """A process pool of fresh (spawned) interpreters that die with the process that made
    them, leave Ctrl-C to it, and are killed at once when it stops early."""

    def __init__(self, workers: int) -> None:
        super().__init__(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=start_worker,
            initargs=(os.getpid(),),
        )

    def submit(self, fn, /, *args, **kwargs):  # noqa: ANN001, ANN201
        # Workers start on submit; they inherit a blocked SIGINT, so a Ctrl-C at the terminal
        # (sent to the whole process group) reaches only this process, which stops them.
        with sigint_blocked():
            return super().submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        if cancel_futures and not wait:  # stopping early: do not wait for running batches
            for process in list((getattr(self, "_processes", None) or {}).values()):
                with contextlib.suppress(OSError, ValueError):
                    process.kill()
            # With its readers killed, a batch half-written to the task pipe would block the
            # pool's feeder thread, and the interpreter's exit that joins it, for good: close
            # this process's end too, as CPython does for a broken pool (gh-94777). Seen once
            # as a Ctrl-C'd run that printed its message and never exited.
            call_queue = getattr(self, "_call_queue", None)
            with contextlib.suppress(AttributeError, OSError):
                # Private to the pool; AttributeError (suppressed) if None or gone.
                call_queue._reader.close()  # type: ignore[union-attr]
        super().shutdown(wait=wait, cancel_futures=cancel_futures)


def local_executor(workers: int) -> ProcessPoolExecutor:
    """A process pool that spawns fresh interpreters; the global start method is untouched."""
    return LocalPool(workers)


def _failed(tasks: Sequence[RunTask], error: BaseException) -> list[RunOutcome]:
    text = "".join(traceback.format_exception(error))
    return [RunOutcome(task.run, None, 0.0, text) for task in tasks]


def execute(
    tasks: Sequence[RunTask], executor: Executor | None = None, *, workers: int = 1
) -> Iterator[RunOutcome]:
    """Yield outcomes as runs finish: in this process when ``executor`` is None, else in
    batches on the executor. Outcomes come in completion order; callers order by run."""
    groups = replicate_groups(tasks)
    if executor is None:
        for group in groups:
            yield from _run_each(group)
        return
    size = batch_size(tasks, workers)
    batches: list[list[RunTask]] = [[]]
    for group in groups:  # whole replicates, about ``size`` runs a batch
        if len(batches[-1]) >= size:
            batches.append([])
        batches[-1].extend(group)
    futures = {executor.submit(run_tasks, batch): batch for batch in batches}
    for future in as_completed(futures):
        try:
            outcomes = future.result()
        except Exception as error:  # a worker died (e.g. out of memory): its batch failed
            outcomes = _failed(futures[future], error)
        yield from outcomes
