"""Researcher verbs over many runs: ``sweep``, ``sensitivity``, ``calibrate`` and ``discover``.

They sit on top of the stages, like :mod:`commsim.pipeline`: the experiment stage samples and
runs, the analysis stage computes (pure functions), the charts stage draws; the modules here
only wire them together and print. ``register(app)`` adds the commands to the ``commsim`` CLI.
"""

from commsim.studies.cli_commands import register

__all__ = ["register"]
