"""One pool and one progress count for the many studies of the claims audit.

The audit runs a paired experiment, a sweep per claim and platform and, when asked, a
screening per claim, each a study of its own. This module is what makes them run as one:
workers started once for all of them (not once per study, and not at all when every run is
stored), progress counted across them, and the runs of a study that only reports them by
raising read back from its folder.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor, Future
from dataclasses import replace
from pathlib import Path

from commsim.experiment.execution.distributed import dask_executor
from commsim.experiment.execution.executors import WORKER_START_SECONDS, local_executor
from commsim.experiment.execution.runner import Execution, OnProgress, Progress, RunRecord
from commsim.experiment.results.store import ResultsStore
from commsim.experiment.spec.run_plan import Run


class SharedPool(Executor):
    """One pool for every study of the audit, started at the first run (none when every run
    is stored already) and closed by the audit: workers start once, not once per study."""

    def __init__(self, workers: int, executor: str, scheduler: str | None) -> None:
        self.workers, self.kind, self.scheduler = workers, executor, scheduler
        self.inner: Executor | None = None

    def submit(self, fn, /, *args, **kwargs) -> Future:  # noqa: ANN001
        if self.inner is None:
            if self.kind == "dask":
                self.inner = dask_executor(self.workers, self.scheduler)
            else:
                self.inner = local_executor(self.workers)
        return self.inner.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        if self.inner is not None:
            self.inner.shutdown(wait=wait, cancel_futures=cancel_futures)
            self.inner = None


class Tally:
    """Progress over every study of the audit: each study's counts on top of those before."""

    def __init__(self, total: int, on_progress: OnProgress | None) -> None:
        self.total, self.on_progress = total, on_progress
        self.done = self.failed = self.reused = 0

    def report(self, record: RunRecord, progress: Progress) -> None:
        if self.on_progress is not None:
            self.on_progress(
                record,
                Progress(
                    self.total,
                    self.done + progress.done,
                    self.failed + progress.failed,
                    self.reused + progress.reused,
                ),
            )

    def add(self, records: Sequence[RunRecord]) -> None:
        """A study ended: count its runs in."""
        self.done += sum(1 for r in records if r.status != "pending")
        self.failed += sum(1 for r in records if r.status == "failed")
        self.reused += sum(1 for r in records if r.reused)


def stored_records(folder: Path) -> list[RunRecord]:
    """The run records a results folder's manifest lists (a study that reports its runs
    only by raising when some failed, as a sensitivity analysis, leaves them there)."""
    records = []
    for entry in ResultsStore(folder).read_manifest().get("runs", []):
        run = Run(0, entry["run_id"], entry["arm"], entry["replicate"], entry["seed"])
        status, seconds, error = entry["status"], entry.get("wall_seconds"), entry.get("error")
        records.append(RunRecord(run, status, seconds, error, bool(entry.get("reused"))))
    return records


def shared_execution(execution: Execution, estimated_seconds: float) -> Execution:
    """The execution with one pool for the whole audit, when more than one worker pays."""
    execution.check()
    workers = execution.worker_count
    if execution.workers is None:
        workers = max(1, min(workers, int(estimated_seconds // WORKER_START_SECONDS)))
    if isinstance(execution.executor, Executor) or (execution.executor == "local" and workers <= 1):
        return replace(execution, workers=workers)
    pool = SharedPool(workers, str(execution.executor), execution.scheduler)
    return replace(execution, executor=pool, workers=workers)
