"""``commsim claims``: the practitioners' claims F1-F8 audited on the platforms asked for: a
verdict at 95% per claim and platform, what carries each claim, where it reverses, and (with
``--screening``) which assumptions decide it. Resumable."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from commsim.claims.claims_audit import (
    AuditResult,
    ClaimsAudit,
    load_audit_file,
    prepare_audit,
)
from commsim.claims.claims_catalogue import CLAIM_IDS
from commsim.claims.claims_findings import platform_label, row_effect
from commsim.claims.claims_plan import DEFAULT_PLATFORMS, QUICK, Sizing
from commsim.claims.claims_plausibility import plausibility_text
from commsim.cli import options
from commsim.cli.console import bad_input_exits, print_plain, screen
from commsim.cli.options import (
    AssumptionsOption,
    ExecutorOption,
    ForceOption,
    NoChartsOption,
    ResumeOption,
    SchedulerOption,
    SeedOption,
    SetOption,
    StudyOut,
    WorkersOption,
    default_out,
)
from commsim.cli.progress import exit_if_failed, running
from commsim.experiment.execution.runner import DEFAULT_EXECUTOR

FULL = Sizing()  # the audit's sizes without --quick
AuditFile = Annotated[
    Path | None,
    typer.Argument(
        help="Experiment file whose \\[base] is the scenario under audit (your brand and "
        "market) and whose \\[uncertainties], if any, are swept \\[default: the model's defaults].",
        metavar="[FILE]",
    ),
]
PlatformsOption = Annotated[
    str | None,
    typer.Option(
        help=f"Platform presets, comma-separated \\[default: {','.join(DEFAULT_PLATFORMS)}]."
    ),
]
ClaimsOption = Annotated[
    str | None,
    typer.Option(
        "--claims", help=f"Claims, comma-separated \\[default: all: {','.join(CLAIM_IDS)}]."
    ),
]
AuditReplicates = Annotated[
    int | None,
    typer.Option(
        min=1,
        help="Paired replicates per arm "
        f"\\[default: {FULL.replicates}; {QUICK.replicates} with --quick].",
    ),
]
HorizonOption = Annotated[
    int | None,
    typer.Option(min=1, help="Cap every claim's horizon at this many days \\[default: its own]."),
]
SweepPointsOption = Annotated[
    int | None,
    typer.Option(
        "--sweep-points",
        min=2,
        help="Points of each claim's sweep (where it reverses) "
        f"\\[default: {FULL.sweep_points}; {QUICK.sweep_points} with --quick].",
    ),
]
TrajectoriesOption = Annotated[
    int | None,
    typer.Option(
        "--trajectories",
        min=2,
        help="Morris trajectories of each claim's screening "
        f"\\[default: {FULL.trajectories}; {QUICK.trajectories} with --quick].",
    ),
]
QuickOption = Annotated[
    bool,
    typer.Option(
        "--quick",
        help=f"A look in minutes: {QUICK.replicates} replicates, at most {QUICK.members:,} members "
        f"and {QUICK.market_history_days} days of history, horizons of at most "
        f"{QUICK.horizon:,} days, sweeps of {QUICK.sweep_points} points.",
    ),
]
ScreeningOption = Annotated[
    bool,
    typer.Option(
        "--screening",
        help="Also rank every numeric parameter by how much it moves each claim (Morris; "
        "expensive).",
    ),
]


def _names(text: str | None) -> list[str] | None:
    return [part.strip() for part in text.split(",") if part.strip()] if text else None


def print_audit_plan(console: Console, audit: ClaimsAudit, folder: Path) -> None:
    plan = audit.plan
    sizing = plan.sizing
    print_plain(
        console,
        f"Claims audit: {len(plan.claims)} claims x {len(plan.platforms)} platforms "
        f"({', '.join(plan.platforms)}), {sizing.replicates} paired replicates per arm, "
        f"sweeps of {sizing.sweep_points} points"
        + (f", Morris screening ({sizing.trajectories} trajectories)" if audit.screenings else "")
        + f": {audit.runs:,} runs -> {folder}",
    )
    mode = audit.plan.assumptions
    if mode != "fixed":
        print_plain(
            console,
            f"  assumptions: {mode}: each paired replicate draws one world, the same in both "
            "arms of every check (the sweeps and screening keep the defaults)",
        )
    for note in audit.notes:
        print_plain(console, f"  note: {note}")


def outside_lines(claims: pd.DataFrame) -> list[str]:
    """One line per claim and platform whose effect lies outside published experience."""
    if "plausibility" not in claims.columns:
        return []
    outside = claims[claims["plausibility"] == "outside"]
    return [
        f"{row['claim']} on {platform_label(str(row['platform']))}: "
        f"{plausibility_text(row, str(row['versus']))}"
        for _, row in outside.iterrows()
    ]


def verdict_table(result: AuditResult) -> Table:
    """Per claim and platform: the verdict, the effect with its interval, the reversal."""
    table = Table(title="Verdicts at 95% (mean paired difference, 95% CI)", title_justify="left")
    drawn = "holds_share" in result.claims.columns
    columns = ["claim", "platform", "verdict", "effect (95% CI)", "reversing world"]
    if drawn:
        columns.insert(3, f"holds in ({result.plan.assumptions} worlds)")
    for column in columns:
        table.add_column(column)
    for _, row in result.claims.iterrows():
        cells = [
            f"{row['claim']} {row['title']}",
            platform_label(str(row["platform"])),
            str(row["verdict"]),
            row_effect(row),
            f"{row['reversal_verdict']}: {row_effect(row, reversal=True)}",
        ]
        if drawn:
            cells.insert(3, f"{row['worlds_holding']} of {row['worlds']}")
        table.add_row(*cells)
    return table


def claims(
    experiment: AuditFile = None,
    platforms: PlatformsOption = None,
    claim_ids: ClaimsOption = None,
    out: StudyOut = None,
    replicates: AuditReplicates = None,
    workers: WorkersOption = None,
    executor: ExecutorOption = DEFAULT_EXECUTOR,
    scheduler: SchedulerOption = None,
    quick: QuickOption = False,
    resume: ResumeOption = False,
    force: ForceOption = False,
    screening: ScreeningOption = False,
    steps: HorizonOption = None,
    sweep_points: SweepPointsOption = None,
    trajectories: TrajectoriesOption = None,
    seed: SeedOption = None,
    assumptions: AssumptionsOption = None,
    settings: SetOption = None,
    no_charts: NoChartsOption = False,
) -> None:
    """Audit the practitioners' claims F1-F8 on each platform.

    Per claim and platform: a verdict (holds, reversed, undecided at 95%), the effect with
    its interval, the reversing world, what each mechanism carries and, over a sweep, where
    the claim reverses; with --assumptions prior or posterior, in how many of the drawn worlds
    it holds. Writes claims.csv, claims.md, claims.html, claims.pptx. Resumable.
    """
    execution = options.execution(workers, executor, scheduler, resume, force)
    with bad_input_exits():
        loaded = load_audit_file(experiment, settings or []) if experiment else None
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        folder = out or (
            default_out(loaded, "claims") if loaded else Path("results") / "claims" / stamp
        )
        audit = prepare_audit(
            loaded,
            out=folder,
            platforms=_names(platforms),
            claims=_names(claim_ids),
            replicates=replicates,
            seed=seed,
            quick=quick,
            screening=screening,
            steps=steps,
            sweep_points=sweep_points,
            trajectories=trajectories,
            settings=[] if loaded else settings or [],
            execution=execution,
            assumptions=assumptions,
        )
    console = screen()
    print_audit_plan(console, audit, folder)
    with running(console, folder) as on_progress, bad_input_exits():
        result = audit.run(on_progress)
    console.print(verdict_table(result))
    for line in outside_lines(result.claims):
        print_plain(console, line)
    for note in result.notes:
        print_plain(console, f"note: {note}")
    print_plain(console, f"Tables: {folder / 'claims.csv'}, checks.csv, mechanisms.csv")
    if not no_charts:
        from commsim.claims.claims_report import write_claims_report

        paths = write_claims_report(folder)
        print_plain(
            console, f"Report: {paths[0]}, {paths[1].name}, {paths[2].name}; charts in charts/"
        )
    print_plain(console, f"Wall time {result.wall_seconds:.1f} s, {result.workers} worker(s)")
    exit_if_failed(result.records, folder)
