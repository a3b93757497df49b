"""``commsim explore``: serve the interactive explorer in the browser.

Kept here, not in cli.py, so the CLI only needs one line: ``register(app)``. Nothing from
the ``explore`` extra is imported until the command runs, so the CLI works without it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

EXIT_BAD_INPUT = 2  # DESIGN.md section 5: 2 on bad input, with one clear message


def explore(
    experiment: Annotated[
        Path | None,
        typer.Argument(
            help="Experiment file whose \\[base] scenario the page starts from "
            "(default: the model's defaults).",
            metavar="EXPERIMENT.toml",
        ),
    ] = None,
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to serve on.")] = 8765,
    host: Annotated[
        str, typer.Option(help="Address to listen on (127.0.0.1: this computer only).")
    ] = "127.0.0.1",
    save_dir: Annotated[
        Path, typer.Option("--save-dir", help="Folder the page writes experiment files into.")
    ] = Path("."),
) -> None:
    """Tune a strategy in the browser and watch the community respond (Mesa SolaraViz).

    Live charts, a network view, two strategies side by side, an experiment file to run.
    """
    from commsim.ui.server import ExploreError, serve

    try:
        serve(experiment, host=host, port=port, save_dir=save_dir)
    except ExploreError as error:
        Console(stderr=True).print(f"[red]error:[/red] {escape(str(error))}", highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except KeyboardInterrupt:
        pass


def register(app: typer.Typer) -> None:
    """Add ``explore`` to the ``commsim`` command."""
    app.command("explore")(explore)
