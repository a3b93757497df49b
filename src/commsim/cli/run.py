"""``commsim run`` (every arm x replicate into a results folder, compared) and ``commsim
validate`` (check a file, print its design)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from commsim.cli import options
from commsim.cli.console import bad_input_exits, screen
from commsim.cli.experiment_view import arms_text, print_design, print_results
from commsim.cli.options import (
    DryRunOption,
    ExecutorOption,
    ExperimentFile,
    NoChartsOption,
    RunOut,
    SchedulerOption,
    SeedOption,
    SetOption,
    StepsOption,
    WorkersOption,
    default_out,
    load,
)
from commsim.cli.progress import exit_if_failed, running
from commsim.experiment.store import ResultsStore
from commsim.studies.experiment_run import run_execution


def validate(experiment: ExperimentFile, settings: SetOption = None) -> None:
    """Check an experiment file and print its resolved design and number of runs."""
    with bad_input_exits():
        loaded = load(experiment, settings)
    console = screen()
    print_design(console, loaded)
    console.print(f"[green]OK[/green]: {experiment} is valid ({loaded.n_runs} runs)")


def draw_charts(console: Console, folder: Path) -> None:
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


def run(
    experiment: ExperimentFile,
    out: RunOut = None,
    workers: WorkersOption = None,
    replicates: Annotated[
        int | None, typer.Option(min=1, help="Replicates per arm (overrides the file).")
    ] = None,
    steps: StepsOption = None,
    seed: SeedOption = None,
    settings: SetOption = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue the runs in --out, skipping finished ones.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the results already in --out.")
    ] = False,
    dry_run: DryRunOption = False,
    no_charts: NoChartsOption = False,
    executor: ExecutorOption = "local",
    scheduler: SchedulerOption = None,
) -> None:
    """Run an experiment: every arm x replicate, into a results folder with tables."""
    execution = options.execution(workers, executor, scheduler, resume, force)
    with bad_input_exits():
        loaded = load(experiment, settings, replicates=replicates, steps=steps, seed=seed)
        execution.check()
        folder = out or default_out(loaded)
        ResultsStore(folder).check(loaded, resume=resume, force=force)
    console = screen()
    if dry_run:
        print_design(console, loaded)
        console.print(f"Dry run: would write {loaded.n_runs} runs to {folder}", highlight=False)
        return
    console.print(
        f"Running {loaded.name}: {arms_text(loaded)} x {loaded.replicates} replicates "
        f"= {loaded.n_runs} runs of {loaded.steps} days, "
        f"{'' if workers else 'up to '}{execution.worker_count} workers -> {folder}",
        highlight=False,
    )
    with running(console, folder) as on_progress, bad_input_exits():
        result = run_execution(loaded, folder, execution.with_progress(on_progress))
    print_results(console, result)
    if not no_charts and len(result.timeseries):
        draw_charts(console, result.path)
    exit_if_failed(result.runs, result.path)
