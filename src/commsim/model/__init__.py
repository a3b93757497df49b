"""The agent-based model: population, platform, brands and the behaviour kernels."""

from commsim.model.metrics import METRIC_NAMES, METRICS
from commsim.model.model import CommunityModel

__all__ = ["METRICS", "METRIC_NAMES", "CommunityModel"]
