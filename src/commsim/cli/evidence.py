"""``commsim evidence``: replicate published field experiments in the model and say, study
by study, whether the model lands within the published interval (docs/validation.md)."""

from __future__ import annotations

import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from commsim.cli.console import EXIT_BAD_INPUT, bad_input, errors, print_plain, screen
from commsim.cli.options import WorkersOption
from commsim.config import ConfigError, make_scenario, parse_override
from commsim.evidence import (
    DesignTask,
    EvidenceSizes,
    Study,
    evidence_rows,
    load_studies,
    plan,
    run_designs,
    summary_line,
    write_tables,
)
from commsim.experiment.execution.executors import resolve_workers

FULL_SIZES, QUICK_SIZES = EvidenceSizes(), EvidenceSizes.quick()  # without and with --quick


def evidence(
    quick: Annotated[
        bool,
        typer.Option(
            "--quick",
            help=f"{QUICK_SIZES.members:,} members and {QUICK_SIZES.replicates} replicates (a few "
            f"minutes) \\[default: {FULL_SIZES.members:,} and {FULL_SIZES.replicates}].",
        ),
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Results folder \\[default: results/evidence/TIME]."),
    ] = None,
    workers: WorkersOption = None,
    members: Annotated[
        int | None, typer.Option(min=300, help="Simulated members (overrides --quick).")
    ] = None,
    replicates: Annotated[
        int | None, typer.Option(min=2, help="Replicates per study (overrides --quick).")
    ] = None,
    seed: Annotated[int, typer.Option(min=0, help="Root seed of the replicates.")] = 0,
    only: Annotated[
        str | None,
        typer.Option(
            "--studies",
            metavar="ID,ID",
            help="Only these studies (ids of data/field_evidence.toml, e.g. influencer_tiers) "
            "\\[default: all].",
        ),
    ] = None,
    settings: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            metavar="KEY=VALUE",
            help="A scenario setting for every study's worlds (e.g. platform.preset="
            "instagram_2025); the studies' own settings apply on top; repeatable.",
        ),
    ] = None,
) -> None:
    """Replicate published experiments (community joining, page likes, ad lifts, seeding, ...)
    in the model at its sourced defaults; write evidence.csv, evidence.md and a chart.

    A finished study's runs are kept in OUT/runs/: rerunning into the same folder with the
    same sizes, seed and settings continues where it stopped."""
    base = QUICK_SIZES if quick else FULL_SIZES
    sizes = EvidenceSizes(members or base.members, replicates or base.replicates)
    folder = out or Path("results") / "evidence" / datetime.now().strftime("%Y%m%d-%H%M%S")
    if folder.exists() and not folder.is_dir():
        errors().print(f"error: --out {folder} is a file, not a folder", highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT)
    try:
        overrides = [parse_override(text) for text in settings or ()]
        make_scenario(dict(overrides), where="--set")
        count = resolve_workers(workers)
        studies = _chosen(load_studies(), only)
    except ConfigError as error:
        raise bad_input(error) from None
    tasks = plan(studies, sizes, seed, overrides)
    console = screen()
    print_plain(
        console,
        f"Replicating {len(studies)} studies: {len(tasks)} design runs of "
        f"{sizes.members:,} members on {count} worker(s) into {folder}",
    )
    start = time.perf_counter()
    done = [0]

    def progress(task: DesignTask) -> None:
        done[0] += 1
        errors().print(f"  {done[0]}/{len(tasks)} {task.name}", highlight=False)

    results = run_designs(tasks, folder / "runs", workers=count, progress=progress)
    rows = evidence_rows(results, studies)
    command = " ".join(["commsim", *sys.argv[1:]]) if sys.argv else "commsim evidence"
    paths = write_tables(rows, folder, sizes, seed, command)
    paths += _draw(rows, folder, sizes, seed)
    print_plain(console, summary_line(rows))
    print_plain(
        console, f"Took {time.perf_counter() - start:.0f} s; wrote {', '.join(map(str, paths))}"
    )


def _chosen(studies: tuple[Study, ...], only: str | None) -> tuple[Study, ...]:
    """The studies ``--studies`` names (all without it), in the file's order."""
    if only is None:
        return studies
    wanted = {name.strip() for name in only.split(",") if name.strip()}
    known = {study.id for study in studies}
    if not wanted or wanted - known:
        raise ConfigError(
            f"must name studies of data/field_evidence.toml: {', '.join(sorted(known))} "
            f"(got {only!r})",
            parameter="studies",
        )
    return tuple(study for study in studies if study.id in wanted)


def _draw(rows: list[dict], folder: Path, sizes: EvidenceSizes, seed: int) -> list[Path]:
    from commsim.charts.evidence_chart import evidence_chart
    from commsim.charts.files import save_charts
    from commsim.charts.style import use_style

    source = (
        f"Source: commsim evidence, {sizes.members:,} members, {sizes.replicates} replicates, "
        f"seed {seed}; published figures: data/field_evidence.toml"
    )
    with use_style("deck"):
        chart = evidence_chart(rows, summary_line(rows), source)
        return save_charts([chart], folder, "evidence")
