"""``commsim sweep`` (levers x sampled uncertainties, resumable) and ``commsim discover``
(PRIM boxes for a yes/no question over a finished sweep)."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from commsim.analysis import sweep as sweep_tables
from commsim.analysis.display import display, format_value
from commsim.analysis.prim import ALPHA, MIN_MASS, THRESHOLD, prim
from commsim.analysis.questions import answer, parse_question
from commsim.analysis.sweep_findings import discovery_finding, lever_name, readable_rule
from commsim.config import ConfigError
from commsim.experiment.runner import EXECUTORS, executor_name, resolve_workers
from commsim.experiment.sampling import DESIGNS
from commsim.experiment.store import ResultsStore, write_csv, write_text
from commsim.experiment.sweep import (
    SweepPlan,
    check_outcome_name,
    plan_sweep,
    read_sweep,
    run_plan,
)
from commsim.studies.common import (
    EXIT_INTERRUPTED,
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
    report_failures,
    save_charts,
)


def print_plan(out: Console, plan: SweepPlan, folder: Path) -> None:
    experiment, info = plan.experiment, plan.info
    levers = ", ".join(arm.name for arm in plan.strategies)
    runs = plan.expanded.n_runs
    size = f"{len(plan.points)} design points ({info.get('design', 'given')})"
    out.print(
        f"Sweep {experiment.name}: {size} x {len(plan.strategies)} levers ({levers}) x "
        f"{experiment.replicates} replicates = {runs} runs of {experiment.steps} days -> {folder}",
        highlight=False,
    )
    for uncertainty in experiment.uncertainty_space.uncertainties:
        out.print(f"  {uncertainty.key}: {uncertainty.describe()}", highlight=False)


def robustness_table(runs: pd.DataFrame, outcome: str, tolerance: float = 0.05) -> Table:
    """Per lever: share of design points where it is best / near the best, and its spread."""
    means = sweep_tables.point_means(runs, outcome)
    robust = sweep_tables.robustness(means, tolerance).set_index("lever")
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
            lever_name(lever),
            f"{robust.loc[lever, 'share_best']:.0%}",
            f"{robust.loc[lever, 'share_near_best']:.0%}",
            format_value(float(values.mean()), kind),
            f"{format_value(float(values.min()), kind)} to "
            f"{format_value(float(values.max()), kind)}",
        )
    return table


def sweep(
    experiment: ExperimentFile,
    design: Annotated[
        str | None,
        typer.Option(help=f"Design: {', '.join(DESIGNS)} [default: [sweep] design, or lhs]."),
    ] = None,
    points: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Design points (lhs, sobol), or levels per uncertainty (grid) "
            "[default: [sweep] points, or 32].",
        ),
    ] = None,
    out: OutOption = None,
    workers: WorkersOption = None,
    replicates: ReplicatesOption = None,
    steps: StepsOption = None,
    seed: SeedOption = None,
    settings: SetOption = None,
    outcome: Annotated[
        str | None,
        typer.Option(
            help="Outcome the summary and charts compare levers on "
            "[default: [sweep] outcome, or cum_profit]."
        ),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue the runs in --out, skipping finished ones.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace the results in --out.")] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Validate and print the design; run nothing.")
    ] = False,
    no_charts: Annotated[bool, typer.Option("--no-charts", help="Do not draw charts.")] = False,
    executor: Annotated[
        str, typer.Option(help=f"Where runs execute: {', '.join(EXECUTORS)}.")
    ] = "local",
    scheduler: SchedulerOption = None,
) -> None:
    """Run every lever at every point of a design over the uncertainties.

    Common random numbers (the same seeds for every lever at every point); writes
    runs.parquet and runs.csv (one row per run) and the sweep charts. Resumable.
    """
    try:
        loaded = load(experiment, settings, replicates=replicates, steps=steps, seed=seed)
        where = "--outcome" if outcome else f"{experiment}: sweep.outcome"
        outcome = check_outcome_name(loaded, outcome or loaded.sweep.outcome, where)
        executor_name(executor)
        n_workers = resolve_workers(workers)
        design, points = design or loaded.sweep.design, points or loaded.sweep.points
        plan = plan_sweep(loaded, design=design, points=points)
        folder = out or default_out(loaded, "sweep")
        ResultsStore(folder).check(plan.expanded, resume=resume, force=force)
    except ConfigError as error:
        raise bad_input(error) from None
    screen = console()
    print_plan(screen, plan, folder)
    if dry_run:
        screen.print(plan.points.to_string(), highlight=False)
        return
    screen.print(f"{'' if workers else 'up to '}{n_workers} workers", highlight=False)
    on_progress = progress_printer(screen)
    command = f"commsim sweep {' '.join(sys.argv[2:])}" if len(sys.argv) > 2 else "commsim sweep"
    try:
        result = run_plan(
            plan,
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
        raise bad_input(error) from None
    except KeyboardInterrupt:
        Console(stderr=True).print(
            f"[yellow]interrupted[/yellow]: continue with {escape(command)} --out {folder} "
            "--resume",
            highlight=False,
        )
        raise typer.Exit(EXIT_INTERRUPTED) from None
    finally:
        on_progress.close()
    if len(result.runs):
        screen.print(robustness_table(result.runs, outcome))
        screen.print(f"Runs table: {folder / 'runs.csv'} ({len(result.runs)} rows)")
        if not no_charts:
            from commsim.charts.sweep import make_sweep_charts

            paths = make_sweep_charts(folder, outcome=outcome)
            screen.print(f"Charts: {len(paths)} in {folder / 'charts'}", highlight=False)
    screen.print(
        f"Wall time {result.wall_seconds:.1f} s, {result.workers} worker(s); results: {folder}",
        highlight=False,
    )
    report_failures(result.records, folder, f"commsim sweep {experiment} --out {folder}")


def slug(text: str) -> str:
    """A file-name-safe short form of a question."""
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_")[:60] or "question"


def discover(
    results_dir: Annotated[Path, typer.Argument(help="A folder written by `commsim sweep`.")],
    question: Annotated[
        str,
        typer.Option(
            help="Yes/no question per design point, e.g. 'cum_profit[value] > "
            "cum_profit[push]' or 'value beats push on cum_profit_d1095'."
        ),
    ],
    threshold: Annotated[
        float, typer.Option(min=0, max=1, help="Smallest density of the reported box.")
    ] = THRESHOLD,
    alpha: Annotated[
        float, typer.Option(min=0.01, max=0.5, help="Share of points peeled per step.")
    ] = ALPHA,
    min_mass: Annotated[
        float, typer.Option("--min-mass", min=0.0, max=1.0, help="Smallest box (share).")
    ] = MIN_MASS,
    no_charts: Annotated[bool, typer.Option("--no-charts", help="Do not draw charts.")] = False,
) -> None:
    """Scenario discovery: where in the uncertainties a yes/no question holds (PRIM).

    Reports the box as a readable rule with its coverage, density and quasi-p-values.
    """
    try:
        info, runs = read_sweep(results_dir)
        parsed = parse_question(question, runs, info)
    except ConfigError as error:
        raise bad_input(error) from None
    yes = answer(parsed, runs)
    design = sweep_tables.design_table(runs, info).loc[yes.index]
    screen = console()
    question_text = escape(parsed.text)
    screen.print(
        f"'{question_text}' holds at {int(yes.sum())} of {len(yes)} design points "
        f"({yes.mean():.0%})",
        highlight=False,
    )
    if yes.sum() == 0 or yes.all():
        screen.print("Nothing to discover: the answer is the same everywhere.")
        return
    result = prim(design, yes.to_numpy(), alpha=alpha, min_mass=min_mass, threshold=threshold)
    box = result.box
    finding = discovery_finding(
        parsed.words(int(info["steps"])),
        readable_rule(box.limits),
        box.density,
        box.coverage,
        result.base_density,
    )
    screen.print(escape(finding), highlight=False)
    if box.limits:
        table = Table(title="Restrictions of the box", title_justify="left")
        table.add_column("rule")
        table.add_column("quasi-p-value", justify="right")
        for limit in box.limits:
            table.add_row(limit.rule(), f"{box.qp_values.get(limit.key, float('nan')):.2g}")
        screen.print(table)
        screen.print(
            f"Box: coverage {box.coverage:.0%} (share of all yes points inside), density "
            f"{box.density:.0%} (share of yes inside), mass {box.mass:.0%} (share of points "
            "inside)",
            highlight=False,
        )
    else:
        peeled = result.peeled
        screen.print(
            f"No restriction is significant at 5% with {len(yes)} design points; the densest "
            f"peeled box was {peeled.rule or 'the whole space'} (density {peeled.density:.0%}, "
            f"coverage {peeled.coverage:.0%}). Sweep more points to tell.",
            highlight=False,
        )
    name = slug(parsed.text)
    folder = Path(results_dir)
    trajectory = result.trajectory.assign(question=parsed.text)
    write_csv(folder / f"discovery_{name}.csv", trajectory)
    write_text(folder / f"discovery_{name}.md", discovery_markdown(parsed.text, result, yes))
    screen.print(f"Peeling trajectory: {folder / f'discovery_{name}.csv'}", highlight=False)
    if not no_charts:
        from commsim.charts.studies import discovery_chart
        from commsim.charts.style import use_style
        from commsim.charts.sweep import load_sweep

        with use_style("deck"):
            chart = discovery_chart(load_sweep(folder), parsed, result)
            paths = save_charts([chart], folder, f"discovery_{name}")
        screen.print(f"Chart: {paths[0]}", highlight=False)


def discovery_markdown(question: str, result, yes: pd.Series) -> str:
    """The discovery as a short Markdown note (question, rule, coverage, density, limits)."""
    box = result.box
    rule = box.rule or "no restriction is significant at 5%; see the trajectory"
    lines = [
        f"# Scenario discovery: {question}",
        "",
        f"The answer is yes at {int(yes.sum())} of {len(yes)} design points ({yes.mean():.0%}).",
        "",
        f"**Rule:** {rule}",
        "",
        f"- coverage {box.coverage:.1%}: share of all yes points inside the box",
        f"- density {box.density:.1%}: share of yes among the points inside the box",
        f"- mass {box.mass:.1%}: share of all points inside the box",
        "",
        "| restriction | quasi-p-value |",
        "|---|---|",
        *(
            f"| {limit.rule()} | {box.qp_values.get(limit.key, float('nan')):.2g} |"
            for limit in box.limits
        ),
        "",
        "Found with PRIM (peeling, then restrictions with a quasi-p-value above 0.05 dropped).",
    ]
    return "\n".join(lines) + "\n"
