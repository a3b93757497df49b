"""Runs in progress: a live bar on a terminal (plain lines otherwise), Ctrl-C as exit 130
with the command that resumes, and failed runs as exit 1 with the command that reruns them.
Every verb that runs the model goes through :func:`running` and :func:`exit_if_failed`."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from commsim.cli.console import (
    EXIT_INTERRUPTED,
    EXIT_RUN_FAILED,
    errors,
    labelled,
    resume_command,
    user_text,
    write_failure,
)
from commsim.experiment.execution.runner import OnProgress, RunRecord
from commsim.experiment.execution.runner import Progress as RunProgress
from commsim.experiment.results.store import MANIFEST


class ProgressReport:
    """A live bar on a terminal (runs done/total, failures, ETA); plain lines otherwise."""

    def __init__(self, console: Console, total: int, done: int, live: bool) -> None:
        self.console, self.total, self.live = console, total, live
        self.start_done, self.started = done, time.perf_counter()
        self.last_line, self.last_done = 0.0, done
        self.bar: Progress | None = None
        if live:
            self.bar = Progress(
                TextColumn("[bold]runs"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("failed {task.fields[failed]}"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=console,
            )
            self.task = self.bar.add_task("runs", total=total, completed=done, failed=0)
            self.bar.start()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()

    def update(self, record: RunRecord, progress: RunProgress) -> None:
        if self.bar is not None:
            self.bar.update(self.task, completed=progress.done, failed=progress.failed)
            if record.status == "failed":
                self.bar.console.print(user_text(f"run {record.run.run_id} failed", "red"))
            return
        now = time.perf_counter()
        step = max(1, self.total // 50)  # about 50 lines for a big experiment
        due = progress.done - self.last_done >= step or now - self.last_line >= 10
        if record.status != "failed" and progress.done < self.total and not due:
            return
        executed = progress.done - self.start_done
        eta = (now - self.started) / executed * (self.total - progress.done) if executed else 0
        width = len(str(self.total))
        self.console.print(
            user_text(
                f"[{progress.done:>{width}}/{self.total}] {record.run.run_id} {record.status} "
                f"in {record.wall_seconds or 0:.2f} s; failed {progress.failed}; ETA {eta:.0f} s"
            )
        )
        self.last_line, self.last_done = now, progress.done


@contextmanager
def running(console: Console, resume_in: Path | str | None) -> Iterator[OnProgress]:
    """The ``on_progress`` callback for runs inside the block; Ctrl-C exits 130, and a file
    that cannot be written (a full disk) exits 1, each with one line saying how to continue
    when the runs are stored in ``resume_in`` (a folder)."""
    reports: list[ProgressReport] = []

    def on_progress(record: RunRecord, progress: RunProgress) -> None:
        if not reports:  # the first run: the bar starts from the runs a resume reused
            live = sys.stdout.isatty()
            reports.append(ProgressReport(console, progress.total, progress.reused, live))
        reports[0].update(record, progress)

    try:
        yield on_progress
    except KeyboardInterrupt:
        for report in reports:
            report.close()
        reports.clear()
        hint = f": continue with {resume_command(resume_in)}" if resume_in else ""
        errors().print(user_text(f"interrupted{hint}", "yellow"))
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except OSError as error:  # a full disk, a folder made read-only: the runs stored are kept
        for report in reports:
            report.close()
        reports.clear()
        raise write_failure(error, resume_command(resume_in) if resume_in else None) from None
    finally:
        for report in reports:
            report.close()


def exit_if_failed(records: Sequence[RunRecord], folder: Path) -> None:
    """Name the failed runs (their last line) and how to rerun them; exit 1."""
    failed = [r for r in records if r.status == "failed"]
    if not failed:
        return
    err = errors()
    err.print(
        labelled(f"{len(failed)} of {len(records)} runs failed", "red", "")
        + user_text(f"(tracebacks in {folder / MANIFEST}):")
    )
    for record in failed[:10]:
        last_line = (record.error or "").strip().splitlines()[-1:] or ["(no message)"]
        err.print(user_text(f"  {record.run.run_id}: {last_line[0]}"))
    err.print(user_text(f"Rerun the failed runs with: {resume_command(folder)}"))
    raise typer.Exit(EXIT_RUN_FAILED)
