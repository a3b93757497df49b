"""The ``commsim`` command line (see :mod:`commsim.cli.app`)."""

from commsim.cli.app import app, main

__all__ = ["app", "main"]
