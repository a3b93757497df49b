"""``commsim sensitivity``: Sobol' or Morris indices of one outcome over the uncertainties,
with 95% intervals, a tornado chart, and warnings when the sample is too small."""

from __future__ import annotations

from typing import Annotated

import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from commsim.analysis.sensitivity_indices import SensitivityResult
from commsim.cli import options
from commsim.cli.console import (
    EXIT_RUN_FAILED,
    bad_input_exits,
    errors,
    labelled,
    print_plain,
    screen,
    user_text,
)
from commsim.cli.options import (
    ExecutorOption,
    ExperimentFile,
    ForceOption,
    NoChartsOption,
    ReplicatesOption,
    SchedulerOption,
    SeedOption,
    SetOption,
    StepsOption,
    StudyOut,
    WorkersOption,
    default_out,
    load,
)
from commsim.cli.progress import resume_command, running
from commsim.experiment.execution.evaluators import RunFailed
from commsim.experiment.execution.runner import DEFAULT_EXECUTOR
from commsim.experiment.spec.sampling import SENSITIVITY_METHODS
from commsim.studies.sensitivity_study import (
    DEFAULT_BASE_SIZE,
    DEFAULT_METHOD,
    INDICES_FILE,
    SensitivityStudy,
    prepare_sensitivity,
)

OutcomeOption = Annotated[
    str, typer.Option(help="Outcome: a metric at the horizon, or <metric>_d<day> at a checkpoint.")
]
MethodOption = Annotated[str, typer.Option(help=f"{', '.join(SENSITIVITY_METHODS)}.")]
LeverOption = Annotated[str | None, typer.Option(help="The lever (strategy) analysed.")]
VersusOption = Annotated[
    str | None, typer.Option(help="Analyse the gap: --lever minus this lever (paired).")
]
PointsOption = Annotated[
    int,
    typer.Option(
        min=2, help="SALib's N: Sobol' base samples (a power of two), or Morris trajectories."
    ),
]
SecondOrderOption = Annotated[
    bool, typer.Option("--second-order", help="Also Sobol' second-order indices.")
]


def indices_table(indices: pd.DataFrame, method: str) -> Table:
    names = ("S1", "ST") if method == "sobol" else ("mu_star", "sigma")
    table = Table(
        title=f"{'Sobol' if method == 'sobol' else 'Morris'} indices (95% CI)", title_justify="left"
    )
    table.add_column("parameter")
    for name in names:
        table.add_column(name, justify="right")
    table.add_column("note")
    wide = indices.set_index(["parameter", "index"])
    order = wide.xs(names[1] if method == "sobol" else names[0], level="index")
    for parameter in order.sort_values("value", ascending=False).index:
        cells, notes = [], []
        for name in names:
            row = wide.loc[(parameter, name)]
            interval = "" if pd.isna(row["conf"]) else f" ({row['low']:.3g} to {row['high']:.3g})"
            cells.append(f"{row['value']:.3g}{interval}")
            if row["includes_zero"]:
                notes.append(name)
        note = f"{', '.join(notes)} indistinguishable from 0" if notes else ""
        table.add_row(user_text(parameter), *cells, user_text(note))
    return table


def source_line(study: SensitivityStudy) -> str:
    experiment, design = study.experiment, study.design
    return (
        f"Source: commsim {design.method} sensitivity, '{experiment.name}': "
        f"{len(design.points)} design rows (N = {design.base_size}) x "
        f"{experiment.replicates} replicate(s), means; seed {experiment.seed}; "
        f"{experiment.steps} days"
    )


def print_indices(console: Console, study: SensitivityStudy, result: SensitivityResult) -> None:
    """The indices table, the share of run-to-run noise, warnings, and where the table is."""
    console.print(indices_table(result.indices, study.design.method))
    if result.noise is not None:
        print_plain(
            console,
            f"Run-to-run noise: {result.noise:.0%} of the variance of the outcome across "
            "design rows",
        )
    for note in result.warnings:
        console.print(labelled("warning:", "yellow", note))
    print_plain(console, f"Indices: {study.evaluator.out / INDICES_FILE}")


def draw_tornado(console: Console, study: SensitivityStudy, result: SensitivityResult) -> None:
    from commsim.charts.files import save_charts
    from commsim.charts.study_charts import tornado_chart
    from commsim.charts.style import use_style

    name = f"tornado_{study.outcome.column}"
    with use_style("deck"):
        chart = tornado_chart(
            result.indices, study.design.method, study.outcome_text, source_line(study), name
        )
        paths = save_charts([chart], study.evaluator.out, "sensitivity")
    print_plain(console, f"Chart: {paths[0]}")


def sensitivity(
    experiment: ExperimentFile,
    outcome: OutcomeOption,
    method: MethodOption = DEFAULT_METHOD,
    lever: LeverOption = None,
    versus: VersusOption = None,
    points: PointsOption = DEFAULT_BASE_SIZE,
    second_order: SecondOrderOption = False,
    out: StudyOut = None,
    workers: WorkersOption = None,
    replicates: ReplicatesOption = None,
    steps: StepsOption = None,
    seed: SeedOption = None,
    settings: SetOption = None,
    resume: Annotated[bool, typer.Option("--resume", help="Reuse the runs in --out.")] = False,
    force: ForceOption = False,
    no_charts: NoChartsOption = False,
    executor: ExecutorOption = DEFAULT_EXECUTOR,
    scheduler: SchedulerOption = None,
) -> None:
    """Global sensitivity of an outcome to the uncertainties (SALib Sobol' or Morris).

    The outcome of one lever, or the paired gap between two (--versus); indices with 95%
    intervals, a tornado chart, and warnings when the sample is too small.
    """
    execution = options.execution(workers, executor, scheduler, resume, force)
    with bad_input_exits():
        loaded = load(experiment, settings, replicates=replicates, steps=steps, seed=seed)
        folder = out or default_out(loaded, "sensitivity")
        study = prepare_sensitivity(
            loaded,
            outcome,
            out=folder,
            lever=lever,
            versus=versus,
            method=method,
            base_size=points,
            second_order=second_order,
            execution=execution,
        )
    console = screen()
    print_plain(
        console,
        f"{'Sobol' if method == 'sobol' else 'Morris'} sensitivity of {study.outcome_text}: "
        f"{len(study.design.points)} design rows (N = {points}) x {len(study.levers)} "
        f"lever(s) x {loaded.replicates} replicate(s) = {study.runs} runs -> {folder}",
    )
    try:
        with running(console, folder) as on_progress, bad_input_exits():
            result = study.run(on_progress)
    except RunFailed as error:
        errors().print(user_text(f"{error}: rerun with {resume_command(folder)}", "red"))
        raise typer.Exit(EXIT_RUN_FAILED) from None
    print_indices(console, study, result)
    if not no_charts:
        draw_tornado(console, study, result)
