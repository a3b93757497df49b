"""Validation: the engine's own kernels reproduce published results and agree with peers.

A stage after ``model``: it imports from ``config`` and ``model`` (and the ``simulate`` call)
only. ``run_checks`` runs every check; ``commsim validate-model`` prints them as a table.
"""

from commsim.validation.checks import CheckResult, CheckSizes, run_checks
from commsim.validation.diffusion import (
    adoption_peak_time,
    bass_adoption,
    bass_adoption_steps,
    bass_closed_form,
    bass_peak_time,
    bass_two_node_lower_bound,
    independent_cascade,
)
from commsim.validation.table import format_markdown, format_table

__all__ = [
    "CheckResult",
    "CheckSizes",
    "adoption_peak_time",
    "bass_adoption",
    "bass_adoption_steps",
    "bass_closed_form",
    "bass_peak_time",
    "bass_two_node_lower_bound",
    "format_markdown",
    "format_table",
    "independent_cascade",
    "run_checks",
]
