"""``commsim sensitivity``: Sobol' or Morris indices of one outcome over the uncertainties.

SALib draws the design; the model evaluates it in SALib's row order through the sweep runner
(so runs are stored and ``--resume`` works); outcomes are averaged over replicates inside
:func:`commsim.analysis.sensitivity.run_sensitivity`, the same path the Ishigami test takes.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from commsim.analysis.display import display
from commsim.analysis.sensitivity import run_sensitivity
from commsim.analysis.sweep import replicate_matrix
from commsim.config import ConfigError
from commsim.experiment import Experiment
from commsim.experiment.runner import EXECUTORS, executor_name, resolve_workers
from commsim.experiment.sampling import SENSITIVITY_METHODS, sensitivity_design
from commsim.experiment.store import ResultsStore, write_csv
from commsim.experiment.sweep import SweepResult, check_outcome_name, plan_points, run_plan
from commsim.studies.common import (
    EXIT_INTERRUPTED,
    EXIT_RUN_FAILED,
    ExperimentFile,
    OutOption,
    ReplicatesOption,
    SchedulerOption,
    SeedOption,
    SetOption,
    StepsOption,
    WorkersOption,
    bad_input,
    console,
    default_out,
    load,
    progress_printer,
    save_charts,
)


class RunsFailed(RuntimeError):
    """Some runs of the design failed: indices need every row."""


class ModelEvaluator:
    """Design rows -> (rows x replicates) outcome of ``lever`` (minus ``versus``), by running
    every row through the sweep runner into ``out`` (resumable)."""

    def __init__(
        self,
        experiment: Experiment,
        outcome: str,
        lever: str,
        versus: str | None,
        info: dict[str, Any],
        **run_options: Any,
    ) -> None:
        self.experiment, self.outcome, self.lever, self.versus = experiment, outcome, lever, versus
        self.info, self.run_options = info, run_options
        self.result: SweepResult | None = None

    @property
    def strategies(self) -> list[str]:
        return [self.lever] + ([self.versus] if self.versus else [])

    def plan(self, points: pd.DataFrame):
        return plan_points(self.experiment, points, strategies=self.strategies, info=self.info)

    def __call__(self, points: pd.DataFrame) -> pd.DataFrame:
        self.result = run_plan(self.plan(points), **self.run_options)
        if self.result.failed:
            raise RunsFailed(f"{len(self.result.failed)} runs failed")
        return replicate_matrix(self.result.runs, self.outcome, self.lever, self.versus)


def _strategy(experiment: Experiment, lever: str | None) -> str:
    names = experiment.arm_names
    if lever is None:
        if len(names) > 1:
            raise ConfigError(
                f"--lever: {experiment.where} has {len(names)} levers "
                f"({', '.join(names)}); name the one to analyse (and --versus for a gap)"
            )
        return names[0]
    if lever not in names:
        raise ConfigError(f"--lever: {lever!r} is not a lever; one of {', '.join(names)}")
    return lever


def outcome_text(outcome: str, lever: str, versus: str | None) -> str:
    label = display(outcome).label
    return f"the {lever}-minus-{versus} gap in {label}" if versus else f"{label} of {lever}"


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
        table.add_row(escape(parameter), *cells, note)
    return table


def sensitivity(
    experiment: ExperimentFile,
    outcome: Annotated[
        str,
        typer.Option(help="Outcome: a metric at the horizon, or <metric>_d<day> at a checkpoint."),
    ],
    method: Annotated[str, typer.Option(help=f"{', '.join(SENSITIVITY_METHODS)}.")] = "sobol",
    lever: Annotated[str | None, typer.Option(help="The lever (strategy) analysed.")] = None,
    versus: Annotated[
        str | None, typer.Option(help="Analyse the gap: --lever minus this lever (paired).")
    ] = None,
    points: Annotated[
        int,
        typer.Option(
            min=2, help="SALib's N: Sobol' base samples (a power of two), or Morris trajectories."
        ),
    ] = 64,
    second_order: Annotated[
        bool, typer.Option("--second-order", help="Also Sobol' second-order indices.")
    ] = False,
    out: OutOption = None,
    workers: WorkersOption = None,
    replicates: ReplicatesOption = None,
    steps: StepsOption = None,
    seed: SeedOption = None,
    settings: SetOption = None,
    resume: Annotated[bool, typer.Option("--resume", help="Reuse the runs in --out.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace the results in --out.")] = False,
    no_charts: Annotated[bool, typer.Option("--no-charts", help="Do not draw charts.")] = False,
    executor: Annotated[
        str, typer.Option(help=f"Where runs execute: {', '.join(EXECUTORS)}.")
    ] = "local",
    scheduler: SchedulerOption = None,
) -> None:
    """Global sensitivity of an outcome to the uncertainties (SALib Sobol' or Morris).

    The outcome of one lever, or the paired gap between two (--versus); indices with 95%
    intervals, a tornado chart, and warnings when the sample is too small.
    """
    try:
        loaded = load(experiment, settings, replicates=replicates, steps=steps, seed=seed)
        check_outcome_name(loaded, outcome)
        chosen = _strategy(loaded, lever)
        if versus is not None:
            _strategy(loaded, versus)
            if versus == chosen:
                raise ConfigError("--versus: must be another lever than --lever")
        executor_name(executor)
        resolve_workers(workers)
        space = loaded.uncertainty_space
        design = sensitivity_design(space, method, points, loaded.seed, second_order=second_order)
        folder = out or default_out(loaded, "sensitivity")
        info = {
            "kind": "sensitivity",
            "method": method,
            "size": points,
            "second_order": second_order,
            "outcome": outcome,
            "lever": chosen,
            "versus": versus,
        }
        on_progress = progress_printer(console())
        evaluator = ModelEvaluator(
            loaded,
            outcome,
            chosen,
            versus,
            info,
            out=folder,
            workers=workers,
            executor=executor,
            scheduler=scheduler,
            resume=resume,
            force=force,
            argv=sys.argv,
            on_progress=on_progress,
        )
        ResultsStore(folder).check(
            evaluator.plan(design.points).expanded, resume=resume, force=force
        )
    except ConfigError as error:
        raise bad_input(error) from None
    screen = console()
    rows = len(design.points)
    screen.print(
        f"{'Sobol' if method == 'sobol' else 'Morris'} sensitivity of "
        f"{outcome_text(outcome, chosen, versus)}: {rows} design rows (N = {points}) x "
        f"{len(evaluator.strategies)} lever(s) x {loaded.replicates} replicate(s) = "
        f"{rows * len(evaluator.strategies) * loaded.replicates} runs -> {folder}",
        highlight=False,
    )
    try:
        result = run_sensitivity(
            space,
            evaluator,
            method=method,
            base_size=points,
            seed=loaded.seed,
            second_order=second_order,
        )
    except RunsFailed as error:
        Console(stderr=True).print(
            f"[red]{error}[/red]: rerun with --out {folder} --resume", highlight=False
        )
        raise typer.Exit(EXIT_RUN_FAILED) from None
    except KeyboardInterrupt:
        Console(stderr=True).print(
            f"[yellow]interrupted[/yellow]: continue with the same command and --out {folder} "
            "--resume",
            highlight=False,
        )
        raise typer.Exit(EXIT_INTERRUPTED) from None
    finally:
        on_progress.close()
    folder = Path(folder)
    write_csv(
        folder / "sensitivity.csv",
        result.indices.assign(method=method, outcome=outcome, lever=chosen, versus=versus or ""),
    )
    screen.print(indices_table(result.indices, method))
    if result.noise is not None:
        screen.print(
            f"Run-to-run noise: {result.noise:.0%} of the variance of the outcome "
            "across design rows",
            highlight=False,
        )
    for note in result.warnings:
        screen.print(f"[yellow]warning:[/yellow] {note}", highlight=False)
    screen.print(f"Indices: {folder / 'sensitivity.csv'}", highlight=False)
    if not no_charts:
        from commsim.charts.studies import tornado_chart
        from commsim.charts.style import use_style

        source = (
            f"Source: commsim {method} sensitivity, '{loaded.name}': {rows} design rows (N = "
            f"{points}) x {loaded.replicates} replicate(s), means; seed {loaded.seed}; "
            f"{loaded.steps} days"
        )
        with use_style("deck"):
            chart = tornado_chart(
                result.indices,
                method,
                outcome_text(outcome, chosen, versus),
                source,
                f"tornado_{outcome}",
            )
            paths = save_charts([chart], folder, "sensitivity")
        screen.print(f"Chart: {paths[0]}", highlight=False)
