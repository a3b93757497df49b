"""The agent-based model: population, platform, brands and the behaviour kernels."""

from commsim.model.catalogue import METRIC_NAMES, METRICS
from commsim.model.history import History, HistoryCache
from commsim.model.model import RECENT_HISTORIES, CommunityModel, start_model

__all__ = [
    "METRICS",
    "METRIC_NAMES",
    "RECENT_HISTORIES",
    "CommunityModel",
    "History",
    "HistoryCache",
    "start_model",
]
