"""Deck-ready charts, a report and a slide deck from a results folder."""

from commsim.charts.make import make_charts
from commsim.charts.results import ResultsFolderError, load_results

__all__ = ["ResultsFolderError", "load_results", "make_charts"]
