"""commsim: an agent-based sandbox for community marketing on social platforms.

The public API: one run (``simulate``), the arms of one replicate (``simulate_arms``), an
experiment (``load_experiment``,
``run_experiment``), the model itself (``CommunityModel``); the other studies are in
:mod:`commsim.studies`. The stages behind them: docs/architecture.md.
"""

from importlib.metadata import PackageNotFoundError, version

from commsim.config import ConfigError, Scenario, load_scenario, make_scenario
from commsim.experiment import Experiment, load_experiment
from commsim.experiment.execution.simulate import RunResult, simulate, simulate_arms
from commsim.model import CommunityModel
from commsim.studies import ExperimentResult, run_experiment

try:
    __version__ = version("commsim")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0+unknown"

__all__ = [
    "CommunityModel",
    "ConfigError",
    "Experiment",
    "ExperimentResult",
    "RunResult",
    "Scenario",
    "__version__",
    "load_experiment",
    "load_scenario",
    "make_scenario",
    "run_experiment",
    "simulate",
    "simulate_arms",
]
