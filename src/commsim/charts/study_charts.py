"""Charts of the study verbs: the sensitivity tornado, the PRIM trade-off of scenario
discovery, and the calibration fit. Deck style, titled with their findings."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from commsim.analysis.display import factor_label
from commsim.analysis.findings.sweep_findings import (
    discovery_finding,
    readable_rule,
    sensitivity_finding,
)
from commsim.analysis.questions import Question
from commsim.charts.layout import Chart, wrap_title
from commsim.charts.style import OKABE_ITO, SOURCE_GREY
from commsim.charts.sweep_charts import Sweep, lighter, new_sweep_figure, note

BLUE, VERMILLION = OKABE_ITO[0], OKABE_ITO[1]


def titled_figure(title: str, source: str) -> tuple[Figure, Axes]:
    """A deck figure with one axes, its title on top and its source underneath."""
    figure = Figure()
    figure.suptitle(wrap_title(title), x=0.01, ha="left", fontweight="bold", linespacing=1.15)
    figure.supxlabel(source, x=0.01, ha="left", fontsize="x-small", color=SOURCE_GREY)
    return figure, figure.subplots(1, 1)


def tornado_chart(
    indices: pd.DataFrame, method: str, outcome_text: str, source: str, name: str
) -> Chart:
    """Sorted horizontal bars, most influential on top: ST and S1 (Sobol') or mu* and sigma
    (Morris), with 95% intervals; an index whose interval reaches 0 is drawn hollow."""
    main, second = ("ST", "S1") if method == "sobol" else ("mu_star", "sigma")
    table = indices.pivot(index="parameter", columns="index", values="value")
    conf = indices.pivot(index="parameter", columns="index", values="conf")
    zero = indices.pivot(index="parameter", columns="index", values="includes_zero")
    order = table.sort_values(main, ascending=True).index  # barh draws bottom-up
    title = sensitivity_finding(indices, method, outcome_text)
    figure, ax = titled_figure(title, source)
    y = np.arange(len(order))
    labels = {"ST": "total-order (ST)", "S1": "first-order (S1)", "mu_star": "mu*"}
    labels["sigma"] = "sigma (interactions, non-linearity)"
    for offset, index, colour in ((0.2, main, BLUE), (-0.2, second, lighter(BLUE, 0.35))):
        values = table.loc[order, index].to_numpy(float)
        errors = conf.loc[order, index].to_numpy(float)
        hollow = zero.loc[order, index].to_numpy(bool)
        ax.barh(
            y + offset,
            values,
            height=0.36,
            color=[("white" if h else colour) for h in hollow],
            edgecolor=colour,
            linewidth=2,
            label=labels[index],
        )
        if np.isfinite(errors).any():
            ax.errorbar(values, y + offset, xerr=errors, fmt="none", ecolor="#333333", capsize=4)
    ax.set_yticks(y, [factor_label(p) for p in order])
    ax.axvline(0, color="#555555", linewidth=1)
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    if method == "sobol":
        ax.set_xlabel("Sensitivity index (share of the outcome's variance)")
    else:
        ax.set_xlabel(
            "Mean absolute effect of moving the parameter across its range (outcome units)"
        )
    handles = [
        Patch(facecolor=BLUE, edgecolor=BLUE, label=labels[main]),
        Patch(facecolor=lighter(BLUE, 0.35), edgecolor=lighter(BLUE, 0.35), label=labels[second]),
        Patch(facecolor="white", edgecolor=BLUE, linewidth=2, label="interval reaches 0"),
    ]
    ax.legend(handles=handles, loc="lower right")
    note(ax, "Bars: index; lines: 95% interval; hollow: the interval reaches 0 (no clear effect)")
    return Chart(name, title, figure)


def discovery_chart(sweep: Sweep, question: Question, result) -> Chart:
    """PRIM's peeling trajectory: coverage against density, the chosen box marked."""
    box = result.box if result.box.limits else result.peeled
    words = question.words(int(sweep.info["steps"]))
    rule = readable_rule(result.box.limits)
    title = discovery_finding(words, rule, box.density, box.coverage, result.base_density)
    figure, axes = new_sweep_figure(sweep, title)
    ax = axes[0, 0]
    path = result.trajectory
    points = ax.scatter(
        path["coverage"], path["density"], c=path["restricted"], cmap="viridis", s=60, zorder=3
    )
    ax.plot(path["coverage"], path["density"], color="#bbbbbb", zorder=2)
    ax.scatter(
        [box.coverage],
        [box.density],
        s=320,
        facecolors="none",
        edgecolors=VERMILLION,
        linewidths=3,
        zorder=4,
        label="reported box",
    )
    ax.axhline(result.base_density, color=SOURCE_GREY, linestyle="--", linewidth=1.5)
    ax.text(
        0.01,
        result.base_density,
        " share of yes over all scenarios",
        va="bottom",
        color=SOURCE_GREY,
        fontsize="small",
        transform=ax.get_yaxis_transform(),
    )
    colourbar = figure.colorbar(points, ax=ax)
    colourbar.set_label("Restricted uncertainties")
    colourbar.set_ticks(range(int(path["restricted"].max()) + 1))
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.02)
    ticks = np.linspace(0, 1, 6)
    ax.set_xticks(ticks, [f"{t:.0%}" for t in ticks])
    ax.set_yticks(ticks, [f"{t:.0%}" for t in ticks])
    ax.set_xlabel("Coverage (% of all scenarios where it holds that fall in the box)")
    ax.set_ylabel("Density (% of box where it holds)")
    ax.legend(loc="lower left")
    note(ax, "PRIM peeling trajectory: each dot is a box, from the whole space (right) inwards")
    return Chart("discovery", title, figure)


def fit_chart(targets: pd.DataFrame, source: str) -> Chart:
    """Simulated KPI as a percentage of the observed one, with the replicate interval."""
    ratio = targets["simulated"] / targets["observed"]
    # One replicate has no interval: the dot alone.
    low = (targets["ci_low"] / targets["observed"]).fillna(ratio)
    high = (targets["ci_high"] / targets["observed"]).fillna(ratio)
    misses = (ratio - 1).abs()
    close = int((misses <= 0.1).sum())
    covered = int(((low <= 1) & (high >= 1)).sum())
    count = len(targets)
    if close == count:
        every = "the target" if count == 1 else f"all {count} targets"
        title = f"The fitted model is within 10% of {every}"
    else:
        title = f"The fitted model is within 10% of {close} of {count} targets"
    if close < count:
        inside = "all" if covered == count else f"{covered} of {count}"
        title += f"; {inside} within the 95% interval of the replicates"
    unreachable = int((targets.get("status", pd.Series(dtype=str)) == "out of reach").sum())
    if unreachable:
        title += f"; {unreachable} out of reach within the bounds"
    figure, ax = titled_figure(title, source)
    y = np.arange(len(targets))[::-1]
    ax.axvspan(0.9, 1.1, color="#eeeeee", zorder=0)
    ax.axvline(1.0, color="#555555", linewidth=1.5)
    ax.errorbar(
        ratio, y, xerr=[ratio - low, high - ratio], fmt="o", color=BLUE, capsize=5, markersize=12
    )
    # One short line per target name and at most two of its KPI, so labels never overprint.
    labels = [
        textwrap.shorten(name.replace("_", " "), 30, placeholder="…")
        + "\n"
        + textwrap.fill(kpi, 30, max_lines=2, placeholder="…")
        for name, kpi in zip(targets["target"], targets["kpi"], strict=True)
    ]
    ax.set_yticks(y, labels, fontsize="small")
    left = float(min(0.5, np.nanmin(low.to_numpy()) - 0.05))
    right = float(max(1.5, np.nanmax(high.to_numpy()) + 0.05))
    ax.set_xlim(left, right)
    ax.set_ylim(-0.6, len(targets) - 0.4)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=7, steps=[1, 2, 2.5, 5, 10]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{v:.0%}"))
    for position, status in zip(y, targets.get("status", [""] * len(targets)), strict=True):
        if status == "out of reach":
            ax.annotate(
                "out of reach",
                xy=(1.0, position),
                xytext=(8, 10),
                textcoords="offset points",
                color=VERMILLION,
                fontsize="small",
            )
    ax.set_xlabel("Simulated KPI (% of the observed value)")
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    note(ax, "Dot: mean over replicates at the fitted values; line: 95% interval; band: +-10%")
    return Chart("fit", title, figure)
