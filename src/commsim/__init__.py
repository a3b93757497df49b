"""commsim: an agent-based sandbox for community marketing on social platforms."""

from importlib.metadata import PackageNotFoundError, version

from commsim.api import RunResult, simulate
from commsim.config import ConfigError, Scenario, load_scenario, make_scenario
from commsim.model import CommunityModel

try:
    __version__ = version("commsim")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0+unknown"

__all__ = [
    "CommunityModel",
    "ConfigError",
    "RunResult",
    "Scenario",
    "__version__",
    "load_scenario",
    "make_scenario",
    "simulate",
]
