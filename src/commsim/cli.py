"""The ``commsim`` command. Thin: it parses, calls the stages and prints.

Exit codes (DESIGN.md section 5): 0 success, 1 a failure while running (failed runs are in
the manifest), 2 bad input (one message naming the file, the key and what is allowed, no
traceback, nothing written), 130 interrupted (the folder can be resumed).
"""

from __future__ import annotations

import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from commsim import __version__
from commsim.analysis.display import display, format_interval, format_value
from commsim.charts.cli_commands import register as register_charts
from commsim.config import ConfigError
from commsim.experiment import Experiment
from commsim.experiment.runner import EXECUTORS, RunRecord, executor_name, resolve_workers
from commsim.experiment.runner import Progress as RunProgress
from commsim.experiment.store import ResultsStore
from commsim.pipeline import ExperimentResult, run_experiment
from commsim.studies import register as register_studies
from commsim.studies.common import load as load_with_options
from commsim.ui.cli_command import register as register_explore
from commsim.validation.cli_command import register as register_validation

EXIT_RUN_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
# Metrics of the closing table (at the horizon), with the difference shown for the first.
TABLE_METRICS = ("cum_profit", "community_members", "active_members", "awareness")

app = typer.Typer(
    name="commsim",
    help="Simulate community marketing on social platforms and compare strategies.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _console() -> Console:
    """Standard output; wide when it is not a terminal, so tables do not wrap in logs."""
    return Console() if sys.stdout.isatty() else Console(width=140)


def _bad_input(error: Exception) -> typer.Exit:
    console = Console(stderr=True, soft_wrap=True)
    console.print(f"[red]error:[/red] {escape(str(error))}", highlight=False)
    return typer.Exit(EXIT_BAD_INPUT)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"commsim {__version__}")
        raise typer.Exit()


@app.callback()
def commsim(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Print version."),
    ] = False,
) -> None:
    """Simulate community marketing on social platforms and compare strategies."""


SetOption = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        metavar="KEY=VALUE",
        help="Override a scenario key in every arm (e.g. population.members=2000), or an "
        "[experiment] key (experiment.checkpoints=[90,365]); repeatable.",
    ),
]
ExperimentFile = Annotated[Path, typer.Argument(help="Experiment file (TOML).", metavar="FILE")]


def _design_table(experiment: Experiment) -> Table:
    table = Table(
        title=f"{experiment.name}: {len(experiment.arm_names)} arms", title_justify="left"
    )
    table.add_column("arm")
    table.add_column("overrides on the base scenario")
    for arm in experiment.resolved_arms:
        mark = " (reference)" if arm.name == experiment.reference else ""
        settings = ", ".join(f"{k}={v!r}" for k, v in arm.overrides.items()) or "(base only)"
        table.add_row(arm.name + mark, settings)
    return table


def _print_design(console: Console, experiment: Experiment) -> None:
    info = experiment.info
    if info.description:
        console.print(info.description.strip(), highlight=False)
    console.print(_design_table(experiment))
    lines = [
        ("base", ", ".join(f"{k}={v!r}" for k, v in _flat_base(experiment).items()) or "defaults"),
        ("command line", ", ".join(f"{k}={v!r}" for k, v in experiment.settings) or "none"),
        ("steps", f"{info.steps} days"),
        ("replicates", f"{info.replicates} per arm (seed {info.seed}, common random numbers)"),
        ("checkpoints", ", ".join(f"day {d}" for d in experiment.checkpoints)),
        ("reference", experiment.reference),
        ("brand", experiment.brand),
        ("runs", f"{experiment.n_runs} ({len(experiment.arm_names)} arms x {info.replicates})"),
    ]
    space, sweep = experiment.uncertainty_space, experiment.sweep
    if len(space):  # a sweep file: what `commsim sweep` would sample and run
        lines += [("uncertainty", f"{u.key}: {u.describe()}") for u in space.uncertainties]
        unit = "levels per uncertainty" if sweep.design == "grid" else "points"
        arms = len(experiment.arm_names)
        lines.append(
            (
                "sweep",
                f"{sweep.points} {unit} ({sweep.design}) x {arms} arms x "
                f"{info.replicates} replicates (commsim sweep)",
            )
        )
    for label, text in lines:
        console.print(f"{label:>12}: {escape(str(text))}", highlight=False)


def _flat_base(experiment: Experiment) -> dict:
    from commsim.config import flatten

    return flatten(experiment.base)


@app.command()
def validate(
    experiment: ExperimentFile,
    settings: SetOption = None,
) -> None:
    """Check an experiment file and print its resolved design and number of runs."""
    try:
        loaded = load_with_options(experiment, settings)
    except ConfigError as error:
        raise _bad_input(error) from None
    console = _console()
    _print_design(console, loaded)
    console.print(f"[green]OK[/green]: {experiment} is valid ({loaded.n_runs} runs)")


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

    def __enter__(self) -> ProgressReport:
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def update(self, record: RunRecord, progress: RunProgress) -> None:
        if self.bar is not None:
            self.bar.update(self.task, completed=progress.done, failed=progress.failed)
            if record.status == "failed":
                self.bar.console.print(f"[red]run {record.run.run_id} failed[/red]")
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
            f"[{progress.done:>{width}}/{self.total}] {record.run.run_id} {record.status} "
            f"in {record.wall_seconds or 0:.2f} s; failed {progress.failed}; ETA {eta:.0f} s",
            highlight=False,
        )
        self.last_line, self.last_done = now, progress.done


def _cell(mean: float, low: float, high: float, metric: str, signed: bool = False) -> str:
    """``12.3k (11.0k-13.5k)``; ``-`` where there is no value."""
    kind = display(metric).kind
    if pd.isna(mean):
        return "-"
    interval = "n/a" if pd.isna(low) else format_interval(low, high, kind, signed=signed)
    return f"{format_value(mean, kind, signed=signed)} ({interval})"


def _results_table(result: ExperimentResult) -> Table | None:
    comparison = result.comparison
    if len(comparison) == 0:
        return None
    experiment = result.experiment
    day = max(experiment.checkpoints)
    at_day = comparison[comparison["checkpoint"] == day]
    metrics = [m for m in TABLE_METRICS if m in set(at_day["metric"])]
    table = Table(
        title=f"Day {day}, brand '{experiment.brand}': mean (95% CI) over replicates",
        title_justify="left",
    )
    table.add_column("arm")
    for metric in metrics:
        table.add_column(display(metric).label, justify="right")
    first = metrics[0] if metrics else None
    if first:
        table.add_column(f"{display(first).label} vs {experiment.reference}", justify="right")
    for arm in experiment.arm_names:
        rows = at_day[at_day["arm"] == arm].set_index("metric")
        if len(rows) == 0:
            continue
        cells = [_cell(*rows.loc[m, ["mean", "ci_low", "ci_high"]], m) for m in metrics]
        if first:
            diff = rows.loc[first, ["diff_mean", "diff_low", "diff_high"]]
            cells.append(_cell(*diff, first, signed=True))
        table.add_row(arm, *cells)
    return table


def _crossover_lines(result: ExperimentResult) -> list[str]:
    """Who ends ahead in cumulative profit, and when the leader overtook, per arm."""
    lines = []
    for row in result.crossovers.itertuples(index=False):
        if not isinstance(row.leader, str):
            lines.append(f"Cumulative profit, {row.arm} vs {row.reference}: level at the end")
            continue
        other = row.reference if row.leader == row.arm else row.arm
        text = f"Cumulative profit, {row.arm} vs {row.reference}: {row.leader} ends ahead"
        if row.share_crossed > 0:
            text += (
                f"; it overtook {other} in {row.share_crossed:.0%} of {row.n} replicates, "
                f"on day {row.median_day:.0f} (median; 95% of them days "
                f"{row.low_day:.0f}-{row.high_day:.0f})"
            )
        else:
            text += f" and was never behind {other}"
        lines.append(text)
    return lines


def _print_results(console: Console, result: ExperimentResult) -> None:
    table = _results_table(result)
    if table is not None:
        console.print(table)
    for line in _crossover_lines(result):
        console.print(line, highlight=False)
    executed = result.executed
    per_run = sum(r.wall_seconds or 0 for r in executed) / len(executed) if executed else 0.0
    reused = sum(1 for r in result.runs if r.reused)
    console.print(
        f"Runs: {len(result.runs)} ({len(result.runs) - len(result.failed)} finished, "
        f"{len(result.failed)} failed, {reused} reused from an earlier session); "
        f"wall time {result.wall_seconds:.1f} s; {per_run:.2f} s per run; "
        f"{result.workers} worker{'s' if result.workers > 1 else ''}"
        f"{'' if result.workers > 1 else ' (in this process)'}",
        highlight=False,
    )
    console.print(f"Results: {result.path}", highlight=False)


def _charts(console: Console, folder: Path) -> None:
    """Draw the charts when the charts stage is installed; the results stand without them."""
    try:
        from commsim.charts import make_charts
    except ImportError:
        return
    try:
        paths = make_charts(folder)
    except Exception as error:
        console.print(f"[yellow]charts not drawn:[/yellow] {escape(str(error))}")
        return
    console.print(f"Charts: {len({p.stem for p in paths})} in {folder / 'charts'}")


def default_out(experiment: Experiment) -> Path:
    """``results/<experiment name>/<timestamp>/``."""
    return Path("results") / experiment.name / datetime.now().strftime("%Y%m%d-%H%M%S")


@app.command()
def run(
    experiment: ExperimentFile,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Results folder [default: results/NAME/TIMESTAMP]."),
    ] = None,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Worker processes [default: CPU count].")
    ] = None,
    replicates: Annotated[
        int | None, typer.Option(min=1, help="Replicates per arm (overrides the file).")
    ] = None,
    steps: Annotated[int | None, typer.Option(min=1, help="Days to simulate.")] = None,
    seed: Annotated[int | None, typer.Option(min=0, help="Root seed of the experiment.")] = None,
    settings: SetOption = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue the runs in --out, skipping finished ones.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the results already in --out.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Validate and print the design; run nothing.")
    ] = False,
    no_charts: Annotated[bool, typer.Option("--no-charts", help="Do not draw charts.")] = False,
    executor: Annotated[
        str, typer.Option(help=f"Where runs execute: {', '.join(EXECUTORS)}.")
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Dask scheduler address (tcp://HOST:PORT) for --executor dask "
            "[default: a local cluster of --workers processes on 127.0.0.1]."
        ),
    ] = None,
) -> None:
    """Run an experiment: every arm x replicate, into a results folder with tables."""
    try:
        loaded = load_with_options(
            experiment, settings, replicates=replicates, steps=steps, seed=seed
        )
        executor_name(executor)
        n_workers = resolve_workers(workers)
        folder = out or default_out(loaded)
        ResultsStore(folder).check(loaded, resume=resume, force=force)
    except ConfigError as error:
        raise _bad_input(error) from None
    console = _console()
    if dry_run:
        _print_design(console, loaded)
        console.print(f"Dry run: would write {loaded.n_runs} runs to {folder}", highlight=False)
        return
    console.print(
        f"Running {loaded.name}: {len(loaded.arm_names)} arms x {loaded.replicates} replicates "
        f"= {loaded.n_runs} runs of {loaded.steps} days, "
        f"{'' if workers else 'up to '}{n_workers} workers -> {folder}",
        highlight=False,
    )
    report: ProgressReport | None = None

    def on_progress(record: RunRecord, progress: RunProgress) -> None:
        nonlocal report
        if report is None:  # first call: the bar starts from the runs a resume reused
            report = ProgressReport(console, progress.total, progress.reused, live).__enter__()
        report.update(record, progress)

    live = sys.stdout.isatty()
    try:
        result = run_experiment(
            loaded,
            out=folder,
            workers=workers,
            executor=executor,
            scheduler=scheduler,
            resume=resume,
            force=force,
            argv=sys.argv,
            on_progress=on_progress,
        )
    except ConfigError as error:
        raise _bad_input(error) from None
    except KeyboardInterrupt:
        Console(stderr=True, soft_wrap=True).print(
            f"[yellow]interrupted[/yellow]: continue with "
            f"commsim run {experiment} --out {folder} --resume",
            highlight=False,
        )
        raise typer.Exit(EXIT_INTERRUPTED) from None
    finally:
        if report is not None:
            report.__exit__(None, None, None)
    _print_results(console, result)
    if not no_charts and len(result.timeseries):
        _charts(console, result.path)
    if result.failed:
        error_console = Console(stderr=True, soft_wrap=True)
        error_console.print(
            f"[red]{len(result.failed)} of {len(result.runs)} runs failed[/red] "
            f"(tracebacks in {result.path / 'manifest.json'}):",
            highlight=False,
        )
        for record in result.failed[:10]:
            last_line = (record.error or "").strip().splitlines()[-1:] or ["(no message)"]
            error_console.print(f"  {record.run.run_id}: {escape(last_line[0])}", highlight=False)
        error_console.print(
            f"Rerun the failed runs with: commsim run {experiment} --out {result.path} --resume",
            highlight=False,
        )
        raise typer.Exit(EXIT_RUN_FAILED)


# Commands of later stages: each module adds its own (charts and report; validate-model).
register_charts(app)
register_validation(app)
register_explore(app)
register_studies(app)


def main() -> None:
    """Entry point of the ``commsim`` script."""
    app()
