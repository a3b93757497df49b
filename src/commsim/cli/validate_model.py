"""``commsim validate-model``: run the validation checks and print them as a table."""

from __future__ import annotations

import time

import typer

from commsim.validation.checks import CHECKS, DEFAULT_SEED, CheckSizes
from commsim.validation.table import format_table


def validate_model(
    quick: bool = typer.Option(
        False, "--quick", help="Smaller populations and fewer runs (seconds, not a minute)."
    ),
    seed: int = typer.Option(DEFAULT_SEED, "--seed", help="Seed of every check's random numbers."),
) -> None:
    """Check the engine against known results: Bass diffusion, NDlib cascades, organic reach.

    Prints check, expected, measured, tolerance and pass/fail; exits 1 if any check fails.
    """
    sizes = CheckSizes.quick() if quick else CheckSizes()
    rows = []
    for name, check in CHECKS.items():
        start = time.perf_counter()
        typer.echo(f"running {name} ...", err=True)
        rows.extend(check(sizes, seed))
        typer.echo(f"  {name} took {time.perf_counter() - start:.1f} s", err=True)
    typer.echo(format_table(rows))
    failed = [row for row in rows if row.passed is False]
    skipped = [row for row in rows if row.passed is None]
    passed = len(rows) - len(failed) - len(skipped)
    typer.echo(f"\n{passed} passed, {len(failed)} failed, {len(skipped)} skipped")
    if failed:
        raise typer.Exit(1)
