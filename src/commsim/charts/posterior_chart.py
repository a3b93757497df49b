"""The posterior chart: one row per inferred assumption, its prior range (grey) beside the
posterior's 90% interval and mean (blue), on the prior's own scale (0 = the prior's low end,
1 = its high end), with the default marked: what the evidence narrowed, and what it left."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from commsim.charts.layout import Chart
from commsim.charts.study_charts import titled_figure
from commsim.charts.style import OKABE_ITO
from commsim.config.assumption_draws import LOG_UNIFORM_RATIO

PRIOR_GREY = "#BBBBBB"


def _position(value: float, low: float, high: float, log: bool) -> float:
    """Where ``value`` lies in the prior's range, 0 to 1 (on a log scale for wide priors)."""
    if log and low > 0 and value > 0:
        return (math.log(value) - math.log(low)) / (math.log(high) - math.log(low))
    return (value - low) / (high - low)


def posterior_chart(rows: Sequence[dict], source: str) -> Chart:
    """Prior against posterior, one row per assumption, the first on top."""
    narrowed = sum(1 for r in rows if r["narrowed"] >= 0.25)
    finding = (
        f"The evidence narrows {narrowed} of {len(rows)} assumptions by a quarter or more; "
        "the rest stay about as uncertain as their priors"
    )
    figure, ax = titled_figure(finding, source)
    y = np.arange(len(rows))[::-1]
    for yi, row in zip(y, rows, strict=True):
        low, high = row["prior_low"], row["prior_high"]
        log = low > 0 and high / low >= LOG_UNIFORM_RATIO

        def at(value: float, low: float = low, high: float = high, log: bool = log) -> float:
            return _position(value, low, high, log)

        ax.barh(yi, 1.0, left=0.0, height=0.5, color=PRIOR_GREY)
        ax.hlines(
            yi,
            at(row["posterior_low"]),
            at(row["posterior_high"]),
            color=OKABE_ITO[0],
            linewidth=4,
        )
        ax.plot(at(row["posterior_mean"]), yi, "o", color=OKABE_ITO[0], markersize=9)
        ax.plot(at(row["default"]), yi, "|", color="#333333", markersize=18, markeredgewidth=2)
        ax.text(1.01, yi, f"{row['narrowed']:.0%}", va="center", fontsize="x-small")
    ax.set_xlim(-0.02, 1.12)
    ax.set_yticks(y, [str(r["assumption"]) for r in rows], fontsize="x-small")
    ax.set_xticks([0, 0.5, 1], ["low end", "middle", "high end"], fontsize="small")
    ax.set_xlabel(
        "position in the prior's range (log scale for wide priors)\ngrey: prior; blue: posterior "
        "90% interval and mean; |: default; right: share of the prior's width removed",
        fontsize="x-small",
    )
    figure.set_figheight(max(7.5, 0.55 * len(rows) + 2.5))
    return Chart("posterior", finding, figure)
