"""Register ``sweep``, ``sensitivity``, ``calibrate`` and ``discover`` on the ``commsim`` CLI.

Kept here so that cli.py only needs one line: ``register(app)``.
"""

from __future__ import annotations

import typer

from commsim.studies.calibrate_command import calibrate_command
from commsim.studies.sensitivity_command import sensitivity
from commsim.studies.sweep_command import discover, sweep


def register(app: typer.Typer) -> None:
    """Add the researcher verbs to the ``commsim`` command."""
    app.command("sweep")(sweep)
    app.command("sensitivity")(sensitivity)
    app.command("calibrate")(calibrate_command)
    app.command("discover")(discover)
