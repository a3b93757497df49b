"""``commsim calibrate``: fit parameters to observed KPIs; write the fitted values as an
overrides file (ready for ``[base]`` or ``--set``) and a fit report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from commsim.analysis.calibration import CalibrationResult, fit_notes
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
    ExperimentFile,
    NoChartsOption,
    SeedOption,
    SetOption,
    StepsOption,
    StudyOut,
    WorkersOption,
    default_out,
    load,
)
from commsim.cli.progress import running
from commsim.experiment.execution.evaluators import RunFailed
from commsim.studies.calibration_study import (
    CalibrationStudy,
    CalibrationStudyResult,
    prepare_calibration,
)


def print_fit(console: Console, result: CalibrationResult) -> None:
    table = Table(title="Targets", title_justify="left")
    for column in (
        "target",
        "KPI",
        "observed",
        "simulated (95% CI)",
        "relative residual",
        "status",
    ):
        table.add_column(column, justify="right" if column[0] in "ors" else "left")
    for row in result.target_table().itertuples(index=False):
        table.add_row(
            user_text(row.target),
            user_text(row.kpi),
            f"{row.observed:.4g}",
            f"{row.simulated:.4g} ({row.ci_low:.3g} to {row.ci_high:.3g})",
            f"{row.relative_residual:+.1%}",
            row.status,
        )
    console.print(table)
    fitted = Table(title="Fitted parameters", title_justify="left")
    for column in ("parameter", "fitted", "bounds", "at bound"):
        fitted.add_column(column)
    for row in result.parameter_table().itertuples(index=False):
        fitted.add_row(
            user_text(row.parameter),
            f"{row.fitted:.4g}",
            f"{row.low:g} to {row.high:g} ({row.scale})",
            row.at_bound or "-",
        )
    console.print(fitted)


def print_outcome(console: Console, done: CalibrationStudyResult) -> None:
    """The fit's tables, its loss and cost, and the parameters that sit at a bound."""
    fit, folder = done.fit, done.path
    print_fit(console, fit)
    print_plain(
        console,
        f"Loss {fit.loss:.4g} after {len(fit.history)} evaluations ({done.runs} runs, "
        f"{done.seconds:.0f} s); {fit.message}",
    )
    notes = fit_notes(fit.target_table(), fit.parameter_table(), budget_spent=fit.budget_spent)
    for note in notes:
        console.print(labelled("warning:", "yellow", note))
    print_plain(
        console, f"Fitted values: {folder / 'fitted.toml'}; report: {folder / 'fit_report.md'}"
    )


def draw_fit(console: Console, study: CalibrationStudy, result: CalibrationStudyResult) -> None:
    from commsim.charts.files import save_charts
    from commsim.charts.study_charts import fit_chart
    from commsim.charts.style import use_style

    experiment = study.experiment
    source = (
        f"Source: commsim calibration of '{experiment.name}' to {study.spec.path.name}: "
        f"{study.replicates} replicates per evaluation, seed {experiment.seed}, "
        f"{experiment.steps} days"
    )
    with use_style("deck"):
        chart = fit_chart(result.fit.target_table(), source)
        paths = save_charts([chart], result.path, "calibration")
    print_plain(console, f"Chart: {paths[0]}")


def calibrate_command(
    experiment: ExperimentFile,
    targets: Annotated[Path, typer.Option(help="Targets file (TOML): parameters and KPIs.")],
    lever: Annotated[str | None, typer.Option(help="The lever (strategy) to calibrate.")] = None,
    evaluations: Annotated[
        int | None, typer.Option(min=1, help="Budget of evaluations (overrides the file).")
    ] = None,
    replicates: Annotated[
        int | None, typer.Option(min=1, help="Runs per evaluation (overrides the files).")
    ] = None,
    out: StudyOut = None,
    workers: WorkersOption = None,
    steps: StepsOption = None,
    seed: SeedOption = None,
    settings: SetOption = None,
    force: Annotated[bool, typer.Option("--force", help="Write into a non-empty --out.")] = False,
    no_charts: NoChartsOption = False,
) -> None:
    """Fit parameters (within bounds) to observed KPIs, on common random numbers.

    Writes fitted.toml (lines for [base] or --set) and fit_report.md (targets, fitted values,
    residuals, parameters at bounds).
    """
    with bad_input_exits():
        loaded = load(experiment, settings, steps=steps, seed=seed)
        folder = Path(out or default_out(loaded, "calibration"))
        study = prepare_calibration(
            loaded,
            targets,
            out=folder,
            lever=lever,
            replicates=replicates,
            evaluations=evaluations,
            workers=workers if workers is not None else 1,
            force=force,
        )
    console = screen()
    print_plain(
        console,
        f"Calibrating {', '.join(study.spec.parameters.keys)} of '{study.lever}' to "
        f"{len(study.spec.targets)} targets: up to {study.evaluations} evaluations x "
        f"{study.replicates} replicates of {loaded.steps} days (same seeds at every evaluation)",
    )
    shown = [0]

    def on_evaluation(done: int, seconds: float) -> None:
        if done - shown[0] >= 10 or shown[0] == 0:
            print_plain(console, f"  {done} evaluations, {seconds:.0f} s")
            shown[0] = done

    try:
        with running(console, None):
            result = study.run(on_evaluation)
    except RunFailed as error:
        errors().print(labelled("error:", "red", error))
        raise typer.Exit(EXIT_RUN_FAILED) from None
    print_outcome(console, result)
    if not no_charts:
        draw_fit(console, study, result)
