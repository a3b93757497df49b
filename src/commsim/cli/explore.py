"""``commsim explore``: serve the interactive explorer in the browser.

Nothing from the ``explore`` extra is imported until the command runs, so the CLI works
without it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from commsim.cli.console import bad_input_exits
from commsim.ui.server import DEFAULT_HOST, DEFAULT_PORT, DEFAULT_SAVE_DIR


def explore(
    experiment: Annotated[
        Path | None,
        typer.Argument(
            help="Experiment file whose \\[base] scenario the page starts from "
            "(default: the model's defaults).",
            metavar="EXPERIMENT.toml",
        ),
    ] = None,
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to serve on.")] = DEFAULT_PORT,
    host: Annotated[
        str, typer.Option(help=f"Address to listen on ({DEFAULT_HOST}: this computer only).")
    ] = DEFAULT_HOST,
    save_dir: Annotated[
        Path, typer.Option("--save-dir", help="Folder the page writes experiment files into.")
    ] = DEFAULT_SAVE_DIR,
) -> None:
    """Tune a strategy in the browser and watch the community respond (Mesa SolaraViz).

    Live charts, a network view, two strategies side by side, an experiment file to run.
    """
    from commsim.ui.server import serve  # the page's libraries only when it is served

    try:
        with bad_input_exits():
            serve(experiment, host=host, port=port, save_dir=save_dir)
    except KeyboardInterrupt:
        pass
