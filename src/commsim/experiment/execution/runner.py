"""Run an experiment into its results folder: skip finished runs, store each run as it ends,
keep the manifest current, and leave the folder resumable whenever the process stops."""

from __future__ import annotations

import contextlib
import math
import time
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Generic, TypeVar

import pandas as pd

from commsim.config import ConfigError
from commsim.experiment.execution.distributed import dask_executor, require_dask
from commsim.experiment.execution.executors import (
    RunOutcome,
    RunTask,
    batch_size,
    execute,
    local_executor,
    resolve_workers,
    workers_worth_starting,
)
from commsim.experiment.execution.worker_processes import sigint_deferred
from commsim.experiment.execution.worlds import ASSUMPTIONS_TABLE, Worlds, replicate_worlds
from commsim.experiment.results.manifest import new_manifest, now
from commsim.experiment.results.store import MANIFEST, FolderLock, ResultsStore, ResultsWriteError
from commsim.experiment.results.tables import tidy_run
from commsim.experiment.spec.experiment_spec import Experiment
from commsim.experiment.spec.run_plan import Run, plan_runs

T = TypeVar("T")
EXECUTORS = ("local", "dask")  # names; any concurrent.futures.Executor instance also works
DEFAULT_EXECUTOR = "local"  # a process pool on this computer (this process for one worker)
MANIFEST_INTERVAL_SECONDS = 2.0  # how stale the manifest may get while runs finish
# Space a run takes, before any is stored to measure: a run file is ~25 kB of schema and
# metadata and ~100 bytes a row (a day of a brand); the CSV ~300 bytes a row (43 columns).
# Used only to say how much a full disk lacks.
PARQUET_BYTES_PER_RUN = 25_000
PARQUET_BYTES_PER_ROW = 100
CSV_BYTES_PER_ROW = 300


@dataclass
class RunRecord:
    """How one run ended (``pending``, ``finished`` or ``failed``) and how long it took."""

    run: Run
    status: str = "pending"
    wall_seconds: float | None = None
    error: str | None = None
    reused: bool = False  # finished by an earlier, interrupted invocation (--resume)

    def to_json(self) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "run_id": self.run.run_id,
            "arm": self.run.arm,
            "replicate": self.run.replicate,
            "seed": self.run.seed,
            "status": self.status,
            "wall_seconds": None if self.wall_seconds is None else round(self.wall_seconds, 4),
        }
        if self.reused:
            entry["reused"] = True
        if self.error:
            entry["error"] = self.error
        return entry


@dataclass(frozen=True)
class Progress:
    """Counts after a run ends, for progress bars."""

    total: int
    done: int  # finished or failed, reused runs included
    failed: int
    reused: int


OnProgress = Callable[[RunRecord, Progress], None]


@dataclass(frozen=True)
class Execution:
    """How a study's runs execute and what happens to a results folder already there.

    ``workers`` defaults to the CPU count; ``executor`` is ``"local"`` (a process pool, or
    this process for one worker), ``"dask"`` (the cluster at ``scheduler``, or a loopback
    LocalCluster of ``workers`` processes) or any ``concurrent.futures.Executor``. ``resume``
    skips runs already stored (refusing a different experiment); ``force`` replaces earlier
    results; ``argv`` is recorded in the manifest; ``on_progress`` is called as runs end.
    """

    workers: int | None = None
    executor: str | Executor = DEFAULT_EXECUTOR
    scheduler: str | None = None
    resume: bool = False
    force: bool = False
    argv: list[str] | None = None
    on_progress: OnProgress | None = None

    def check(self) -> None:
        """Raise :class:`ConfigError` for an unknown executor or a bad worker count."""
        executor_name(self.executor)
        resolve_workers(self.workers)

    @property
    def worker_count(self) -> int:
        """Workers asked for (the CPU count by default); fewer start when the work is small."""
        return resolve_workers(self.workers)

    def with_progress(self, on_progress: OnProgress | None) -> Execution:
        """The same execution, reporting progress to ``on_progress``."""
        return replace(self, on_progress=on_progress)


@dataclass
class StoredRuns(Generic[T]):
    """Runs stored in a results folder: per-run records, the tables written from them."""

    path: Path
    records: list[RunRecord]
    tables: T
    wall_seconds: float
    workers: int  # worker processes used (1: runs ran in this process)


def executor_name(executor: str | Executor) -> str:
    """Check an executor name (or accept an Executor instance); return its name."""
    if isinstance(executor, Executor):
        return type(executor).__name__
    if executor not in EXECUTORS:
        allowed = ", ".join(EXECUTORS)
        raise ConfigError(f"must be one of {allowed} (got {executor!r})", parameter="executor")
    if executor == "dask":
        require_dask()
    return executor


class ExperimentRunner:
    """One invocation of an experiment on one results folder."""

    def __init__(
        self,
        experiment: Experiment,
        store: ResultsStore,
        *,
        workers: int | None = None,
        executor: str | Executor = DEFAULT_EXECUTOR,
        scheduler: str | None = None,
        argv: list[str] | None = None,
        worlds: Worlds | None = None,
    ) -> None:
        self.experiment = experiment
        self.store = store
        self.workers = resolve_workers(workers)
        self.auto_workers = workers is None  # then start only the workers the work pays for
        self.workers_used = 1
        self.executor = executor
        self.executor_label = executor_name(executor)
        self.scheduler = scheduler  # a Dask scheduler address; None starts a local cluster
        self.argv = argv
        self.runs = plan_runs(experiment)
        self.worlds = worlds or replicate_worlds(experiment)  # each replicate's assumptions
        self.records = {run.run_id: RunRecord(run) for run in self.runs}
        self.config_hash = experiment.config_hash()
        self.manifest: dict[str, Any] = {}
        self.lock: FolderLock | None = None
        self.started = time.perf_counter()
        self._manifest_written = 0.0

    # -- phases --

    def check(self, *, resume: bool = False, force: bool = False) -> None:
        """Everything that can refuse the folder, before anything is written."""
        self.store.check(self.experiment, resume=resume, force=force)

    def start(self, *, resume: bool = False, force: bool = False) -> None:
        """Lock the folder, prepare it, find the runs a resume can skip, write the manifest.

        The manifest is written first, so a folder that a full disk stops at any point is
        one that ``resume`` continues.
        """
        self.check(resume=resume, force=force)
        self.lock = self.store.lock()
        self.check(resume=resume, force=force)  # again: now no one else writes the folder
        earlier: dict[str, Any] = {}
        if resume and (self.store.path / MANIFEST).is_file() and not force:
            earlier = self.store.read_manifest()
        if force:
            self.store.clear()
        self.manifest = new_manifest(
            self.experiment, argv=self.argv, executor=self.executor_label, workers=self.workers
        )
        self.manifest["sessions"] = list(earlier.get("sessions", []))
        self.manifest["assumptions"] = self.worlds.to_json()
        self.started = time.perf_counter()
        self.write_manifest()
        self.store.prepare(self.experiment)
        if self.worlds.drawn:
            self.store.write_tables({ASSUMPTIONS_TABLE: self.worlds.table(self.experiment.seed)})
        for run_id, seconds in self.store.finished_runs(self.runs, self.config_hash).items():
            record = self.records[run_id]
            record.status, record.wall_seconds, record.reused = "finished", seconds, True
        self.write_manifest()

    def execute(self, on_progress: OnProgress | None = None) -> list[RunRecord]:
        """Run every pending run; failures are recorded and the others go on."""
        pending = [run for run in self.runs if self.records[run.run_id].status != "finished"]
        scenarios = {arm.name: arm.table() for arm in self.experiment.run_arms}
        world, steps = self.worlds.scenario, self.experiment.steps  # a run's replicate's world
        tasks = [RunTask(r, world(scenarios[r.arm], r.replicate, r.arm), steps) for r in pending]
        pool, owned = self._executor(tasks)
        try:
            for outcome in execute(tasks, pool, workers=self.workers_used):
                record = self._record(outcome)
                if on_progress is not None:
                    on_progress(record, self.progress())
                if not outcome.ok or self._manifest_due():
                    self.write_manifest()
        except BaseException:  # Ctrl-C, a full disk or a bug: stop the workers now
            if owned and pool is not None:
                with sigint_deferred():
                    pool.shutdown(wait=False, cancel_futures=True)
            raise
        if owned and pool is not None:
            pool.shutdown(wait=True)
        return list(self.records.values())

    def timeseries(self) -> pd.DataFrame:
        """Rows of every finished run, in run order."""
        finished = [run for run in self.runs if self.records[run.run_id].status == "finished"]
        if not finished:
            return pd.DataFrame()
        return self.store.read_runs(finished)

    def finish(self, status: str | None = None, error: str | None = None) -> dict[str, Any]:
        """Write the final manifest (``finished``, ``failed``, ``interrupted`` or ``error``;
        ``error``: what stopped the session, for ``failed`` by an OS error)."""
        failed = self.progress().failed
        self.manifest["status"] = status or ("failed" if failed else "finished")
        self.manifest["finished"] = now()
        self.manifest["wall_seconds"] = round(time.perf_counter() - self.started, 3)
        if error:
            self.manifest["error"] = error
        session = {
            key: self.manifest[key] for key in ("started", "finished", "argv", "workers", "status")
        }
        session["runs_executed"] = sum(
            1 for r in self.records.values() if r.status != "pending" and not r.reused
        )
        self.manifest["sessions"] = [*self.manifest["sessions"], session]
        with sigint_deferred():  # a second Ctrl-C must not leave the manifest at "running"
            self.write_manifest(last_resort=True)
        return self.manifest

    def stop(self, error: BaseException) -> None:
        """Record in the manifest why the session stopped early (when it got that far): a
        Ctrl-C is ``interrupted``, an OS error (a full disk) ``failed``, anything else
        ``error``. An OS error learns how much space the experiment still needs."""
        if isinstance(error, ResultsWriteError) and error.disk_full:
            error.needed_bytes = self.space_needed()
        if not self.manifest:
            return  # refused before anything was written
        status = {KeyboardInterrupt: "interrupted", OSError: "failed"}
        kind = next((v for k, v in status.items() if isinstance(error, k)), "error")
        # When even the manifest cannot be written, the error's message says what to free.
        with contextlib.suppress(OSError):
            self.finish(kind, error=str(error) if kind != "interrupted" else None)

    def close(self) -> None:
        """Release the folder for other processes."""
        if self.lock is not None:
            self.lock.release()
            self.lock = self.store.held = None

    def space_needed(self) -> int:
        """Bytes the rest of the experiment needs, roughly: the pending run files (the size of
        those stored so far), the time series again as Parquet, and as CSV."""
        sizes = []
        for path in self.store.runs_dir.glob("*.parquet"):
            with contextlib.suppress(OSError):
                sizes.append(path.stat().st_size)
        brands = len(self.experiment.resolved_arms[0].scenario.brands)
        rows_per_run = self.experiment.steps * brands
        estimate = PARQUET_BYTES_PER_RUN + rows_per_run * PARQUET_BYTES_PER_ROW
        per_run = sum(sizes) / len(sizes) if sizes else estimate
        pending = sum(1 for r in self.records.values() if r.status != "finished")
        csv = rows_per_run * len(self.runs) * CSV_BYTES_PER_ROW
        return int(per_run * (pending + len(self.runs)) + csv)

    # -- helpers --

    def _executor(self, tasks: list[RunTask]) -> tuple[Executor | None, bool]:
        """The executor to use and whether this runner owns (and so shuts) it."""
        if isinstance(self.executor, Executor):
            return self.executor, False
        if self.executor == "dask" and tasks:
            pool = dask_executor(self.workers, self.scheduler)
            self.workers_used = pool.workers
            self.manifest["workers_used"] = self.workers_used
            self.manifest["scheduler"] = self.scheduler or "local cluster (127.0.0.1)"
            return pool, True
        batches = math.ceil(len(tasks) / batch_size(tasks, self.workers)) if tasks else 0
        workers = min(self.workers, batches)
        if self.auto_workers:
            workers = workers_worth_starting(tasks, workers)
        self.workers_used = max(workers, 1)
        self.manifest["workers_used"] = self.workers_used
        if workers <= 1:
            return None, False  # one worker: run here, no process start-up at all
        return local_executor(workers), True

    def _record(self, outcome: RunOutcome) -> RunRecord:
        record = self.records[outcome.run.run_id]
        record.wall_seconds = outcome.wall_seconds
        if outcome.ok:
            frame = tidy_run(outcome.run, outcome.timeseries)
            self.store.write_run(outcome.run, frame, outcome.wall_seconds, self.config_hash)
            record.status, record.error = "finished", None
        else:
            record.status, record.error = "failed", outcome.error
        return record

    def progress(self) -> Progress:
        records = self.records.values()
        return Progress(
            total=len(self.records),
            done=sum(1 for r in records if r.status != "pending"),
            failed=sum(1 for r in records if r.status == "failed"),
            reused=sum(1 for r in records if r.reused),
        )

    def _manifest_due(self) -> bool:
        return time.perf_counter() - self._manifest_written >= MANIFEST_INTERVAL_SECONDS

    def write_manifest(self, *, last_resort: bool = False) -> None:
        """Write the manifest; ``last_resort``: when the disk is too full for a new file,
        overwrite the old one in place."""
        counts = self.progress()
        self.manifest["counts"] = {
            "runs": counts.total,
            "finished": counts.done - counts.failed,
            "failed": counts.failed,
            "pending": counts.total - counts.done,
            "reused": counts.reused,
        }
        self.manifest["runs"] = [record.to_json() for record in self.records.values()]
        try:
            self.store.write_manifest(self.manifest)
        except ResultsWriteError as error:
            if not (last_resort and error.disk_full and (self.store.path / MANIFEST).is_file()):
                raise
            self.store.write_manifest_in_place(self.manifest)
        self._manifest_written = time.perf_counter()


def run_stored(
    experiment: Experiment,
    out: str | Path,
    execution: Execution,
    tables: Callable[[ExperimentRunner, list[RunRecord]], T],
    *,
    prepare: Callable[[ExperimentRunner], None] | None = None,
    worlds: Worlds | None = None,
) -> StoredRuns[T]:
    """Run ``experiment`` into ``out`` (resumable), then write its tables.

    The one set-up every stored study shares: refuse an unusable folder before writing, skip
    finished runs on ``resume``, ``prepare(runner)`` (extra files next to the runs), run, then
    ``tables(runner, records)`` (write and return the tables), and leave a manifest that
    says how it ended, even when interrupted; ``worlds``: a study's own assumption draws."""
    runner = ExperimentRunner(
        experiment,
        ResultsStore(out),
        workers=execution.workers,
        executor=execution.executor,
        scheduler=execution.scheduler,
        argv=execution.argv,
        worlds=worlds,
    )
    try:
        runner.start(resume=execution.resume, force=execution.force)
        if prepare is not None:
            prepare(runner)
        records = runner.execute(execution.on_progress)
        written = tables(runner, records)
        manifest = runner.finish()
    except BaseException as error:  # keep the folder resumable, and say how it ended
        runner.stop(error)
        raise
    finally:
        runner.close()
    return StoredRuns(
        runner.store.path, records, written, float(manifest["wall_seconds"]), runner.workers_used
    )
