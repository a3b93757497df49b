"""``commsim sweep``: every lever at every point of a design over the uncertainties (common
random numbers, resumable), and how robustly each lever wins."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from commsim.analysis.display import display, format_value
from commsim.analysis.findings.sweep_findings import lever_name
from commsim.cli import options
from commsim.cli.console import bad_input_exits, print_plain, screen, user_text
from commsim.cli.options import (
    DryRunOption,
    ExecutorOption,
    ExperimentFile,
    ForceOption,
    NoChartsOption,
    ReplicatesOption,
    ResumeOption,
    SchedulerOption,
    SeedOption,
    SetOption,
    StepsOption,
    StudyOut,
    WorkersOption,
    default_out,
    load,
)
from commsim.cli.progress import exit_if_failed, running
from commsim.experiment.execution.runner import DEFAULT_EXECUTOR
from commsim.experiment.spec.sampling import DESIGNS, SweepSettings
from commsim.studies.sweep_study import SweepResult, SweepStudy, prepare_sweep

SWEEP = SweepSettings()  # what a file without a [sweep] table gets


def print_sweep_plan(out: Console, study: SweepStudy, folder: Path) -> None:
    plan, experiment = study.plan, study.experiment
    levers = ", ".join(arm.name for arm in plan.strategies)
    size = f"{len(plan.points)} design points ({plan.info.get('design', 'given')})"
    print_plain(
        out,
        f"Sweep {experiment.name}: {size} x {len(plan.strategies)} levers ({levers}) x "
        f"{experiment.replicates} replicates = {plan.expanded.n_runs} runs of "
        f"{experiment.steps} days -> {folder}",
    )
    for uncertainty in experiment.uncertainty_space.uncertainties:
        print_plain(out, f"  {uncertainty.key}: {uncertainty.describe()}")


def robustness_table(result: SweepResult, tolerance: float = 0.05) -> Table:
    """Per lever: share of design points where it is best / near the best, and its spread."""
    means = result.point_means()
    robust = result.robustness(tolerance).set_index("lever")
    outcome = result.outcome.column
    kind = display(outcome).kind
    table = Table(
        title=f"{display(outcome).label.capitalize()} at the horizon over {len(means)} "
        "design points (means over replicates)",
        title_justify="left",
    )
    for column in ("lever", "best in", f"within {tolerance:.0%} of best", "mean", "range"):
        table.add_column(column, justify="left" if column == "lever" else "right")
    for lever in means.columns:
        values = means[lever]
        table.add_row(
            user_text(lever_name(lever)),
            f"{robust.loc[lever, 'share_best']:.0%}",
            f"{robust.loc[lever, 'share_near_best']:.0%}",
            format_value(float(values.mean()), kind),
            f"{format_value(float(values.min()), kind)} to "
            f"{format_value(float(values.max()), kind)}",
        )
    return table


def print_result(console: Console, result: SweepResult, *, draw: bool) -> None:
    """How robustly each lever wins, where the runs table is, and the charts (``draw``)."""
    folder = result.path
    if len(result.runs):
        console.print(robustness_table(result))
        print_plain(console, f"Runs table: {folder / 'runs.csv'} ({len(result.runs)} rows)")
        if draw:
            from commsim.charts.sweep_charts import make_sweep_charts

            paths = make_sweep_charts(folder, outcome=result.outcome.column)
            print_plain(console, f"Charts: {len(paths)} in {folder / 'charts'}")
    print_plain(
        console,
        f"Wall time {result.wall_seconds:.1f} s, {result.workers} worker(s); results: {folder}",
    )


def sweep(
    experiment: ExperimentFile,
    design: Annotated[
        str | None,
        typer.Option(
            help=f"Design: {', '.join(DESIGNS)} \\[default: \\[sweep] design, or {SWEEP.design}]."
        ),
    ] = None,
    points: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Design points (lhs, sobol), or levels per uncertainty (grid) "
            f"\\[default: \\[sweep] points, or {SWEEP.points}].",
        ),
    ] = None,
    out: StudyOut = None,
    workers: WorkersOption = None,
    replicates: ReplicatesOption = None,
    steps: StepsOption = None,
    seed: SeedOption = None,
    settings: SetOption = None,
    outcome: Annotated[
        str | None,
        typer.Option(
            help="Outcome the summary and charts compare levers on "
            f"\\[default: \\[sweep] outcome, or {SWEEP.outcome}]."
        ),
    ] = None,
    resume: ResumeOption = False,
    force: ForceOption = False,
    dry_run: DryRunOption = False,
    no_charts: NoChartsOption = False,
    executor: ExecutorOption = DEFAULT_EXECUTOR,
    scheduler: SchedulerOption = None,
) -> None:
    """Run every lever at every point of a design over the uncertainties.

    Common random numbers (the same seeds for every lever at every point); writes
    runs.parquet and runs.csv (one row per run) and the sweep charts. Resumable.
    """
    execution = options.execution(workers, executor, scheduler, resume, force)
    with bad_input_exits():
        loaded = load(experiment, settings, replicates=replicates, steps=steps, seed=seed)
        folder = out or default_out(loaded, "sweep")
        study = prepare_sweep(
            loaded, out=folder, design=design, points=points, outcome=outcome, execution=execution
        )
    console = screen()
    print_sweep_plan(console, study, folder)
    if dry_run:
        print_plain(console, study.plan.points.to_string())
        return
    print_plain(console, f"{'' if workers else 'up to '}{execution.worker_count} workers")
    with running(console, folder) as on_progress, bad_input_exits():
        result = study.run(on_progress)
    print_result(console, result, draw=not no_charts)
    exit_if_failed(result.records, folder)
