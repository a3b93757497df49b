"""The ``commsim charts`` and ``commsim report`` commands, registered on the CLI's app.

Kept here so that the CLI module stays thin: it only calls :func:`register`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from commsim.charts.make import DEFAULT_FORMATS, make_charts
from commsim.charts.results import ResultsFolderError

EXIT_BAD_INPUT = 2  # DESIGN.md section 5: 2 on bad input, with one clear message


def _fail(error: Exception) -> typer.Exit:
    Console(stderr=True).print(f"[red]error:[/red] {escape(str(error))}", highlight=False)
    return typer.Exit(EXIT_BAD_INPUT)


def charts_command(
    results_dir: Annotated[Path, typer.Argument(help="A results folder written by `commsim run`.")],
    formats: Annotated[
        str, typer.Option("--format", "-f", help="Comma-separated: png, svg, pdf.")
    ] = ",".join(DEFAULT_FORMATS),
    style: Annotated[str, typer.Option(help="deck (16:9 slides) or paper (articles).")] = "deck",
) -> None:
    """Draw every chart of a results folder into RESULTS_DIR/charts/."""
    if style not in ("deck", "paper"):
        raise _fail(ValueError(f"--style must be 'deck' or 'paper' (got {style!r})"))
    try:
        paths = make_charts(results_dir, formats=formats.split(","), style=style)  # type: ignore[arg-type]
    except ResultsFolderError as error:
        raise _fail(error) from None
    charts = len({path.stem for path in paths})
    Console().print(f"Wrote {charts} charts ({len(paths)} files) to {results_dir / 'charts'}")


def report_command(
    results_dir: Annotated[Path, typer.Argument(help="A results folder written by `commsim run`.")],
) -> None:
    """Write report.md, a self-contained report.html and deck.pptx for a results folder."""
    from commsim.charts.report import write_report

    try:
        paths = write_report(results_dir)
    except ResultsFolderError as error:
        raise _fail(error) from None
    Console().print("Wrote " + ", ".join(str(path) for path in paths))


def register(app: typer.Typer) -> None:
    """Add ``charts`` and ``report`` to the ``commsim`` command."""
    app.command("charts")(charts_command)
    app.command("report")(report_command)
