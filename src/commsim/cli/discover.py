"""``commsim discover``: where in the uncertainties a yes/no question about a finished sweep
holds (PRIM), as a readable rule with its coverage, density and quasi-p-values."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from commsim.analysis.prim import ALPHA, MIN_MASS, THRESHOLD
from commsim.cli.console import bad_input_exits, print_plain, screen
from commsim.cli.options import NoChartsOption
from commsim.studies.discovery import Discovery, discover, write_discovery


def print_box(console: Console, found: Discovery) -> None:
    """The box's restrictions with their quasi-p-values, or why there is none."""
    result, points = found.prim, len(found.yes)
    box = result.box  # type: ignore[union-attr]  # printed only after a finished discovery
    if box.limits:
        table = Table(title="Restrictions of the box", title_justify="left")
        table.add_column("rule")
        table.add_column("quasi-p-value", justify="right")
        for limit in box.limits:
            table.add_row(limit.rule(), f"{box.qp_values.get(limit.key, float('nan')):.2g}")
        console.print(table)
        print_plain(
            console,
            f"Box: coverage {box.coverage:.0%} (share of all yes points inside), density "
            f"{box.density:.0%} (share of yes inside), mass {box.mass:.0%} (share of points "
            "inside)",
        )
        return
    peeled = result.peeled  # type: ignore[union-attr]  # as above
    print_plain(
        console,
        f"No restriction is significant at 5% with {points} design points; the densest "
        f"peeled box was {peeled.rule or 'the whole space'} (density {peeled.density:.0%}, "
        f"coverage {peeled.coverage:.0%}). Sweep more points to tell.",
    )


def discover_command(
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
    no_charts: NoChartsOption = False,
) -> None:
    """Scenario discovery: where in the uncertainties a yes/no question holds (PRIM).

    Reports the box as a readable rule with its coverage, density and quasi-p-values.
    """
    with bad_input_exits():
        found = discover(results_dir, question, threshold=threshold, alpha=alpha, min_mass=min_mass)
    console, yes = screen(), found.yes
    print_plain(
        console,
        f"'{found.question.text}' holds at {int(yes.sum())} of {len(yes)} design points "
        f"({yes.mean():.0%})",
    )
    print_plain(console, found.finding)
    if found.prim is None:
        return
    print_box(console, found)
    write_discovery(found)
    print_plain(console, f"Peeling trajectory: {found.path / f'discovery_{found.name}.csv'}")
    if not no_charts:
        from commsim.charts.files import save_charts
        from commsim.charts.study_charts import discovery_chart
        from commsim.charts.style import use_style
        from commsim.charts.sweep_charts import load_sweep

        with use_style("deck"):
            chart = discovery_chart(load_sweep(found.path), found.question, found.prim)
            paths = save_charts([chart], found.path, f"discovery_{found.name}")
        print_plain(console, f"Chart: {paths[0]}")
