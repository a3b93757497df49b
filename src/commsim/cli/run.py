"""``commsim run`` (every arm x replicate into a results folder, compared) and ``commsim
validate`` (check a file, print its design)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from commsim.cli import options
from commsim.cli.console import bad_input_exits, labelled, screen, user_text, write_failure
from commsim.cli.experiment_view import (
    arms_text,
    print_design,
    print_results,
    small_sample_note,
)
from commsim.cli.options import (
    AssumptionsOption,
    DryRunOption,
    ExecutorOption,
    ExperimentFile,
    LangOption,
    NoChartsOption,
    NoReportOption,
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
from commsim.experiment.execution.runner import DEFAULT_EXECUTOR
from commsim.experiment.results.store import ResultsStore
from commsim.locale import DEFAULT_LANGUAGE, check_language
from commsim.studies.experiment_run import run_execution


def validate(experiment: ExperimentFile, settings: SetOption = None) -> None:
    """Check an experiment file and print its resolved design and number of runs."""
    with bad_input_exits():
        loaded = load(experiment, settings)
    console = screen()
    print_design(console, loaded)
    console.print(labelled("OK:", "green", f"{experiment} is valid ({loaded.n_runs} runs)"))


def draw_outputs(console: Console, folder: Path, *, report: bool, lang: str) -> None:
    """Draw the charts and, unless ``report`` is off, write report.md/html and deck.pptx
    (when the charts stage is installed; the results stand without them)."""
    try:
        from commsim.charts import make_charts
        from commsim.charts.reports.report import write_report
    except ImportError:
        return
    try:
        paths = write_report(folder, lang=lang) if report else make_charts(folder, lang=lang)
    except OSError as error:  # a full disk: the results stand, the file is named (exit 1)
        verb = "report" if report else "charts"
        raise write_failure(error, f"commsim {verb} {folder} --lang {lang}") from None
    except Exception as error:
        what = "report not written" if report else "charts not drawn"
        console.print(labelled(f"{what}:", "yellow", error))
        return
    charts = {p.stem for p in (folder / "charts").glob("[0-9][0-9]_*.png")}
    console.print(user_text(f"Charts: {len(charts)} in {folder / 'charts'}"))
    if report:
        console.print(user_text("Report and deck: " + ", ".join(str(p) for p in paths)))


def run(
    experiment: ExperimentFile,
    out: RunOut = None,
    workers: WorkersOption = None,
    replicates: Annotated[
        int | None, typer.Option(min=1, help="Replicates per arm (overrides the file).")
    ] = None,
    steps: StepsOption = None,
    seed: SeedOption = None,
    assumptions: AssumptionsOption = None,
    settings: SetOption = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue the runs in --out, skipping finished ones.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the results already in --out.")
    ] = False,
    dry_run: DryRunOption = False,
    no_charts: NoChartsOption = False,
    no_report: NoReportOption = False,
    lang: LangOption = DEFAULT_LANGUAGE,
    executor: ExecutorOption = DEFAULT_EXECUTOR,
    scheduler: SchedulerOption = None,
) -> None:
    """Run an experiment: every arm x replicate, into a results folder with tables, charts,
    report.md/html and deck.pptx."""
    execution = options.execution(workers, executor, scheduler, resume, force)
    with bad_input_exits():
        check_language(lang)
        loaded = load(
            experiment,
            settings,
            replicates=replicates,
            steps=steps,
            seed=seed,
            assumptions=assumptions,
        )
        execution.check()
        folder = out or default_out(loaded)
        ResultsStore(folder).check(loaded, resume=resume, force=force)
    console = screen()
    if dry_run:
        print_design(console, loaded)
        console.print(user_text(f"Dry run: would write {loaded.n_runs} runs to {folder}"))
        return
    console.print(
        user_text(
            f"Running {loaded.name}: {arms_text(loaded)} x {loaded.replicates} replicates "
            f"= {loaded.n_runs} runs of {loaded.steps} days, "
            f"{'' if workers else 'up to '}{execution.worker_count} workers -> {folder}"
        )
    )
    note = small_sample_note(loaded)
    if note:
        console.print(user_text(f"note: {note}"))
    for line in loaded.warnings:
        console.print(labelled("warning:", "yellow", line))
    with running(console, folder) as on_progress, bad_input_exits():
        result = run_execution(loaded, folder, execution.with_progress(on_progress))
    print_results(console, result)
    if not no_charts and len(result.timeseries):
        draw_outputs(console, result.path, report=not no_report, lang=lang)
    exit_if_failed(result.runs, result.path)
