"""The ``commsim`` command: the Typer app and its verbs, one module each (or per family).

Each verb parses, calls the library (``commsim.studies``, ``commsim.charts``, ...) and
prints; options, consoles, exit codes and the progress/interrupt handling are shared
(:mod:`options`, :mod:`console`, :mod:`progress`). A new verb is a module here and one line
below (the practitioners' claims audit is ``claims.py``, over ``commsim.studies``).
"""

from __future__ import annotations

import warnings
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from commsim import __version__
from commsim.cli import (
    calibrate,
    charts_and_report,
    claims,
    console,
    discover,
    evidence,
    explore,
    infer,
    profile,
    run,
    sensitivity,
    sweep,
    validate_model,
)


class Commsim(TyperGroup):
    """The verbs' group: a mistyped option is one line (not a usage box), a Ctrl-C anywhere
    (loading, writing tables, drawing charts) exits 130 with one line, and the library's
    notices about a results folder print as one line each.

    Verbs that run the model catch Ctrl-C themselves (``progress.running``), to say how to
    resume; this is the rest.
    """

    def invoke(self, ctx: Any) -> Any:
        warnings.showwarning = console.show_warning
        try:
            return super().invoke(ctx)
        except console.UsageError as error:  # an option or argument as typed: one line, exit 2
            raise console.bad_usage(error) from None
        except KeyboardInterrupt:
            console.errors().print("[yellow]interrupted[/yellow]", highlight=False)
            raise typer.Exit(console.EXIT_INTERRUPTED) from None


app = typer.Typer(
    name="commsim",
    cls=Commsim,
    help="Simulate community marketing on social platforms and compare strategies.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"commsim {__version__}")
        raise typer.Exit()


@app.callback()
def commsim(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Print version."),
    ] = False,
) -> None:
    """Simulate community marketing on social platforms and compare strategies."""


app.command("validate")(run.validate)
app.command("run")(run.run)
app.command("charts")(charts_and_report.charts)
app.command("report")(charts_and_report.report)
app.command("validate-model")(validate_model.validate_model)
app.command("evidence")(evidence.evidence)
app.command("infer")(infer.infer)
app.command("explore")(explore.explore)
app.command("sweep")(sweep.sweep)
app.command("sensitivity")(sensitivity.sensitivity)
app.command("calibrate")(calibrate.calibrate_command)
app.command("discover")(discover.discover_command)
app.command("claims")(claims.claims)
app.add_typer(profile.app, name="profile")


def main() -> None:
    """Entry point of the ``commsim`` script."""
    app()
