"""Deck-ready charts, a report and a slide deck from a results folder."""

from commsim.charts.focal_results import load_results
from commsim.charts.make import make_charts
from commsim.experiment.results.folder_reading import ResultsFolderError

__all__ = ["ResultsFolderError", "load_results", "make_charts"]
