"""``commsim calibrate``: fit parameters to observed KPIs; write the fitted values as an
overrides file (ready for ``[base]`` or ``--set``) and a fit report."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from typing import Annotated

import numpy as np
import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from commsim.analysis.calibration import CalibrationResult, calibrate, target_values
from commsim.config import ConfigError, flatten
from commsim.experiment.evaluate import PointSimulator, RunFailed
from commsim.experiment.store import write_csv, write_text
from commsim.experiment.targets import CalibrationSpec, load_targets
from commsim.studies.common import (
    EXIT_INTERRUPTED,
    EXIT_RUN_FAILED,
    ExperimentFile,
    OutOption,
    SeedOption,
    SetOption,
    StepsOption,
    WorkersOption,
    bad_input,
    check_folder_free,
    console,
    default_out,
    load,
    save_charts,
)


def overrides_text(result: CalibrationResult, spec: CalibrationSpec, experiment: Path) -> str:
    """The fitted values as TOML lines to paste under ``[base]`` (or pass with ``--set``)."""
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    lines = [
        f"# Fitted by `commsim calibrate {experiment} --targets {spec.path}` on {stamp}.",
        "# Paste these lines under [base] in an experiment file, or pass each with --set:",
        "#   " + " ".join(f"--set {k}={v:.6g}" for k, v in result.fitted.items()),
    ]
    lines += [f'"{key}" = {value:.6g}' for key, value in result.fitted.items()]
    return "\n".join(lines) + "\n"


def report_markdown(
    result: CalibrationResult, spec: CalibrationSpec, runs: int, seconds: float
) -> str:
    """Targets, fitted values, residuals and parameters at bounds, as Markdown."""
    targets, parameters = result.target_table(), result.parameter_table()
    lines = [
        f"# Calibration fit: {spec.path.name}",
        "",
        f"Loss {result.loss:.4g} (weighted squared relative residuals) after "
        f"{len(result.history)} evaluations ({runs} runs, {seconds:.0f} s); optimizer: "
        f"{result.message.rstrip('.')}.",
        "",
        "| target | KPI | observed | simulated (95% CI) | residual | relative | source |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in targets.itertuples(index=False):
        lines.append(
            f"| {row.target} | {row.kpi} | {row.observed:.4g} | {row.simulated:.4g} "
            f"({row.ci_low:.4g} to {row.ci_high:.4g}) | {row.residual:+.3g} | "
            f"{row.relative_residual:+.1%} | {row.source} |"
        )
    lines += [
        "",
        "| parameter | fitted | low | high | scale | at bound |",
        "|---|---|---|---|---|---|",
    ]
    for row in parameters.itertuples(index=False):
        lines.append(
            f"| {row.parameter} | {row.fitted:.4g} | {row.low:g} | {row.high:g} | "
            f"{row.scale} | {row.at_bound or '-'} |"
        )
    at_bound = parameters[parameters["at_bound"] != ""]
    if len(at_bound):
        lines += [
            "",
            "Parameters at a bound may want wider bounds, or another parameter may be "
            "missing from the fit: " + ", ".join(at_bound["parameter"]) + ".",
        ]
    return "\n".join(lines) + "\n"


def print_fit(screen: Console, result: CalibrationResult) -> None:
    table = Table(title="Targets", title_justify="left")
    for column in ("target", "KPI", "observed", "simulated (95% CI)", "relative residual"):
        table.add_column(column, justify="left" if column in ("target", "KPI") else "right")
    for row in result.target_table().itertuples(index=False):
        table.add_row(
            row.target,
            row.kpi,
            f"{row.observed:.4g}",
            f"{row.simulated:.4g} ({row.ci_low:.3g} to {row.ci_high:.3g})",
            f"{row.relative_residual:+.1%}",
        )
    screen.print(table)
    fitted = Table(title="Fitted parameters", title_justify="left")
    for column in ("parameter", "fitted", "bounds", "at bound"):
        fitted.add_column(column)
    for row in result.parameter_table().itertuples(index=False):
        fitted.add_row(
            row.parameter,
            f"{row.fitted:.4g}",
            f"{row.low:g} to {row.high:g} ({row.scale})",
            row.at_bound or "-",
        )
    screen.print(fitted)


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
    out: OutOption = None,
    workers: WorkersOption = None,
    steps: StepsOption = None,
    seed: SeedOption = None,
    settings: SetOption = None,
    force: Annotated[bool, typer.Option("--force", help="Write into a non-empty --out.")] = False,
    no_charts: Annotated[bool, typer.Option("--no-charts", help="Do not draw charts.")] = False,
) -> None:
    """Fit parameters (within bounds) to observed KPIs, on common random numbers.

    Writes fitted.toml (lines for [base] or --set) and fit_report.md (targets, fitted values,
    residuals, parameters at bounds).
    """
    try:
        loaded = load(experiment, settings, steps=steps, seed=seed)
        spec = load_targets(
            targets,
            steps=loaded.steps,
            base=flatten(loaded.base),
            fallback=loaded.uncertainty_space,
        )
        fixed = [key for key, _ in loaded.settings if key in spec.parameters.keys]
        if fixed:
            raise ConfigError(f"--set: {fixed[0]} is a parameter being fitted; do not fix it")
        chosen = lever or spec.settings.lever
        count = replicates or spec.settings.replicates or loaded.replicates
        budget = evaluations or spec.settings.evaluations
        n_workers = workers if workers is not None else 1
        simulator = PointSimulator(loaded, strategy=chosen, replicates=count, workers=n_workers)
        folder = Path(out or default_out(loaded, "calibration"))
        check_folder_free(folder, force)
    except ConfigError as error:
        raise bad_input(error) from None
    screen = console()
    screen.print(
        f"Calibrating {', '.join(spec.parameters.keys)} of '{simulator.strategy.name}' to "
        f"{len(spec.targets)} targets: up to {budget} evaluations x {count} replicates of "
        f"{loaded.steps} days (same seeds at every evaluation)",
        highlight=False,
    )
    started = time.perf_counter()
    last = {"shown": 0}

    def evaluate(points: pd.DataFrame) -> np.ndarray:
        frames = simulator(points)
        done = simulator.runs // count
        if done - last["shown"] >= 10 or last["shown"] == 0:
            screen.print(
                f"  {done} evaluations, {time.perf_counter() - started:.0f} s", highlight=False
            )
            last["shown"] = done
        return np.array([target_values(runs, spec.targets) for runs in frames])

    try:
        with simulator:
            result = calibrate(
                spec.parameters,
                spec.targets,
                evaluate,
                evaluations=budget,
                screen=spec.settings.screen,
                seed=loaded.seed,
            )
    except RunFailed as error:
        Console(stderr=True).print(f"[red]error:[/red] {error}", highlight=False)
        raise typer.Exit(EXIT_RUN_FAILED) from None
    except KeyboardInterrupt:
        Console(stderr=True).print("[yellow]interrupted[/yellow]", highlight=False)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    seconds = time.perf_counter() - started
    folder.mkdir(parents=True, exist_ok=True)
    write_text(folder / "fitted.toml", overrides_text(result, spec, experiment))
    write_text(folder / "fit_report.md", report_markdown(result, spec, simulator.runs, seconds))
    write_csv(folder / "fit_targets.csv", result.target_table())
    write_csv(folder / "fit_parameters.csv", result.parameter_table())
    write_csv(folder / "evaluations.csv", result.history)
    print_fit(screen, result)
    screen.print(
        f"Loss {result.loss:.4g} after {len(result.history)} evaluations ({simulator.runs} runs, "
        f"{seconds:.0f} s); {result.message}",
        highlight=False,
    )
    at_bound = result.parameter_table()
    for row in at_bound[at_bound["at_bound"] != ""].itertuples(index=False):
        screen.print(
            f"[yellow]warning:[/yellow] {row.parameter} sits at its {row.at_bound} bound; "
            "widen the bounds or fit another parameter",
            highlight=False,
        )
    screen.print(
        f"Fitted values: {folder / 'fitted.toml'}; report: {folder / 'fit_report.md'}",
        highlight=False,
    )
    if not no_charts:
        from commsim.charts.studies import fit_chart
        from commsim.charts.style import use_style

        source = (
            f"Source: commsim calibration of '{loaded.name}' to {spec.path.name}: "
            f"{count} replicates per evaluation, seed {loaded.seed}, {loaded.steps} days"
        )
        with use_style("deck"):
            paths = save_charts([fit_chart(result.target_table(), source)], folder, "calibration")
        screen.print(f"Chart: {paths[0]}", highlight=False)
