"""The evidence chart: one row per published measure, the published interval (grey) beside
the model's mean and 95% interval (coloured by the verdict); a study the model cannot
express keeps its row, marked as such."""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Sequence

import numpy as np
from matplotlib.ticker import PercentFormatter

from commsim.charts.layout import Chart
from commsim.charts.study_charts import titled_figure
from commsim.charts.style import OKABE_ITO, SOURCE_GREY

VERDICT_COLOURS = {"within": OKABE_ITO[2], "outside": OKABE_ITO[1]}
UNDECIDED = "#999999"
PUBLISHED_GREY = "#BBBBBB"


# Lifts beyond these are drawn to the edge with an arrow: a quick run's noise (or a sign-only
# published interval) would otherwise squeeze every other row into a sliver.
AXIS_LIMITS = (-1.0, 2.0)


def _limits(rows: Sequence[dict]) -> tuple[float, float]:
    values = [
        v
        for row in rows
        for v in (row["published_low"], row["published_high"], row["model_low"], row["model_high"])
        if isinstance(v, float) and math.isfinite(v)
    ]
    low = max(min([*values, 0.0]), AXIS_LIMITS[0])
    high = min(max([*values, 0.0]), AXIS_LIMITS[1])
    pad = 0.06 * (high - low or 1.0)
    return low - pad, high + pad


def row_label(row: dict) -> str:
    """The measure, then its study as author and year ("Gordon 2022")."""
    citation = str(row["citation"])
    author = citation.split(",")[0].split(" ")[0]
    year = re.search(r"(19|20)\d\d", citation)
    short = f"{author} {year[0]}" if year else author
    return f"{textwrap.shorten(str(row['label']), 58, placeholder='…')} ({short})"


def evidence_chart(rows: Sequence[dict], finding: str, source: str) -> Chart:
    """Published against model, one row per measure, the first study on top."""
    figure, ax = titled_figure(finding, source)
    left, right = _limits(rows)
    y = np.arange(len(rows))[::-1]
    for yi, row in zip(y, rows, strict=True):
        low = max(row["published_low"], left)
        high = min(row["published_high"], right)
        if high - low > 0:
            ax.barh(yi + 0.18, high - low, left=low, height=0.28, color=PUBLISHED_GREY)
        if math.isfinite(row["published_value"]):
            ax.plot(row["published_value"], yi + 0.18, "|", color="#555555", markersize=12)
        if row["verdict"] == "not expressible":
            note = "not expressible in the model"
            ax.text(left, yi - 0.2, f" {note}", color=SOURCE_GREY, fontsize="x-small", va="center")
            continue
        mean = row["model_value"]
        if not math.isfinite(mean):
            continue
        colour = VERDICT_COLOURS.get(row["verdict"], UNDECIDED)
        low, high = row["model_low"], row["model_high"]
        if math.isfinite(low):
            ax.hlines(yi - 0.18, max(low, left), min(high, right), color=colour, linewidth=2.5)
            for end, edge, marker in ((low, left, "<"), (high, right, ">")):
                if (end < edge) if marker == "<" else (end > edge):
                    ax.plot(edge, yi - 0.18, marker, color=colour)
        ax.plot(min(max(mean, left), right), yi - 0.18, "o", color=colour)
    ax.axvline(0, color="#555555", linewidth=1)
    ax.set_xlim(left, right)
    ax.set_yticks(y, [row_label(row) for row in rows], fontsize="x-small")
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel(
        "grey: published; dot: model with its 95% interval (green within, red outside)",
        fontsize="x-small",
    )
    figure.set_figheight(max(7.5, 0.5 * len(rows) + 2.5))
    return Chart("evidence", finding, figure)
