"""Charts at fixed days: the funnel at the horizon, outcomes at each checkpoint (dot and
interval, never bars without intervals) and small multiples across a factorial design."""

from __future__ import annotations

import itertools

import numpy as np

from commsim.analysis.display import factor_label, format_when
from commsim.analysis.findings.experiment_findings import checkpoint_finding, factor_finding
from commsim.charts.focal_results import Results, comparison_at
from commsim.charts.layout import (
    Chart,
    axis_label,
    format_axis,
    new_figure,
    panel_title,
    time_label,
)
from commsim.charts.style import SOURCE_GREY, arm_colours
from commsim.charts.timecharts import draw_fan
from commsim.locale import say, tr

# The checkpoint chart's panels, one metric each (not the summary's CHECKPOINT_METRICS).
CHECKPOINT_PANELS = ("cum_profit", "community_members", "awareness", "buyers")
INTERVAL_NOTE = "Dot: mean over {n} replicates; line: 95% bootstrap confidence interval"


def _dodge(count: int, width: float = 0.6) -> np.ndarray:
    """Offsets that place ``count`` dots side by side within ``width``."""
    if count == 1:
        return np.zeros(1)
    return np.linspace(-width / 2, width / 2, count)


def checkpoint_chart(results: Results, metrics: tuple[str, ...] = CHECKPOINT_PANELS) -> Chart:
    """Outcomes at each checkpoint as dots with 95% intervals, one panel per metric
    (cumulative profit as what it adds against doing nothing, where the results hold it)."""
    if results.incremental:
        metrics = tuple("incremental_profit" if m == "cum_profit" else m for m in metrics)
    metrics = tuple(m for m in metrics if m in results.timeseries.columns)
    table = comparison_at(results, results.checkpoints, metrics)
    first = table[table["metric"] == metrics[0]]
    title = checkpoint_finding(
        first, metric=metrics[0], horizon=results.horizon, labels=results.labels
    )
    ncols = 2 if len(metrics) > 1 else 1
    nrows = int(np.ceil(len(metrics) / ncols))
    figure, axes = new_figure(results, title, nrows=nrows, ncols=ncols, legend_arms=results.arms)
    colours = arm_colours(results.arms)
    days = results.checkpoints
    offsets = _dodge(len(results.arms), width=0.5)
    for ax, metric in zip(axes.flat, metrics, strict=False):
        rows = table[table["metric"] == metric]
        for offset, arm in zip(offsets, results.arms, strict=True):
            arm_rows = rows[rows["arm"] == arm].set_index("checkpoint").reindex(days)
            ax.errorbar(
                np.arange(len(days)) + offset,
                arm_rows["mean"],
                yerr=[
                    arm_rows["mean"] - arm_rows["ci_low"],
                    arm_rows["ci_high"] - arm_rows["mean"],
                ],
                fmt="o",
                color=colours[arm],
                elinewidth=3,
                capsize=0,
            )
        ax.set_xticks(np.arange(len(days)), [format_when(d, results.horizon) for d in days])
        ax.set_xlim(-0.6, len(days) - 0.4)
        format_axis(ax, metric)
        panel_title(ax, axis_label(metric), ncols=ncols)
    for ax in list(axes.flat)[len(metrics) :]:
        ax.set_visible(False)
    figure.subfigs[0].supxlabel(
        say(INTERVAL_NOTE, n=results.replicates), fontsize="small", color=SOURCE_GREY
    )
    return Chart("checkpoints", title, figure)


MAX_PANELS = 24


def factor_chart(results: Results, metric: str = "cum_profit") -> Chart | None:
    """Small multiples across the factors: rows are the first factor's levels, columns the
    combinations of the others. ``None`` when the experiment is not factorial."""
    factors = results.factors
    levels = {
        f: list(
            dict.fromkeys(
                results.arm_levels[a].get(f) for a in results.arms if a in results.arm_levels
            )
        )
        for f in factors
    }
    if not factors or not results.arm_levels:
        return None
    row_levels = levels[factors[0]]
    column_keys = list(itertools.product(*(levels[f] for f in factors[1:])))
    if len(row_levels) * len(column_keys) > MAX_PANELS:
        return None
    title = factor_finding(
        comparison_at(results, [results.horizon], [metric]),
        results.arm_levels,
        metric=metric,
        when=format_when(results.horizon, results.horizon),
    )
    figure, axes = new_figure(
        results, title, nrows=len(row_levels), ncols=len(column_keys), sharex=True, sharey=True
    )
    for (i, row_level), (j, column_key) in itertools.product(
        enumerate(row_levels), enumerate(column_keys)
    ):
        ax = axes[i, j]
        wanted = {factors[0]: row_level, **dict(zip(factors[1:], column_key, strict=True))}
        arms = [a for a in results.arms if results.arm_levels.get(a) == wanted]
        frame = results.timeseries[results.timeseries["arm"].isin(arms)]
        if len(frame):
            draw_fan(ax, results, frame, metric, inner_only=True)
        ax.axhline(0, color=SOURCE_GREY, linewidth=1)
        heading = ", ".join(f"{tr(factor_label(f))}: {v}" for f, v in wanted.items())
        panel_title(ax, heading, ncols=len(column_keys), size="small")
        ax.set_xlabel(time_label(results.horizon) if i == len(row_levels) - 1 else "")
    axes[0, 0].figure.supylabel(
        say("{label}: mean, middle 50% of runs", label=axis_label(metric)), fontsize="small"
    )
    return Chart("factors", title, figure)
