"""Charts at fixed days: the funnel at the horizon, outcomes at each checkpoint (dot and
interval, never bars without intervals) and small multiples across a factorial design."""

from __future__ import annotations

import itertools

import numpy as np

from commsim.analysis.display import factor_label, format_when
from commsim.analysis.findings import checkpoint_finding, factor_finding, metric_finding
from commsim.charts.focal_results import Results, comparison_at, differences_of
from commsim.charts.layout import (
    Chart,
    axis_label,
    format_axis,
    format_log_axis,
    new_figure,
    panel_title,
    time_label,
)
from commsim.charts.style import SOURCE_GREY, arm_colours
from commsim.charts.timecharts import draw_fan

FUNNEL_STAGES = ("reached_members", "engaged_members", "aware_members", "buyers")
STAGE_LABELS = {
    "reached_members": "Reached",
    "engaged_members": "Engaged",
    "aware_members": "Aware",
    "buyers": "Bought",
}
CHECKPOINT_METRICS = ("cum_profit", "community_members", "awareness", "buyers")
INTERVAL_NOTE = "Dot: mean over {n} replicates; line: 95% bootstrap confidence interval"


def _dodge(count: int, width: float = 0.6) -> np.ndarray:
    """Offsets that place ``count`` dots side by side within ``width``."""
    if count == 1:
        return np.zeros(1)
    return np.linspace(-width / 2, width / 2, count)


def funnel_chart(results: Results) -> Chart:
    """Reached, engaged, aware and bought per arm at the horizon, with 95% intervals."""
    table = comparison_at(results, [results.horizon], FUNNEL_STAGES)
    table = table.rename(columns={"metric": "stage"})
    buyers = table[table["stage"] == "buyers"]
    title = metric_finding(
        buyers,
        differences_of(buyers),
        metric="buyers",
        reference=results.reference,
        when=format_when(results.horizon, results.horizon),
        labels=results.labels,
    )
    figure, axes = new_figure(results, title, legend_arms=results.arms)
    ax = axes[0, 0]
    colours = arm_colours(results.arms)
    offsets = _dodge(len(results.arms), width=0.5)
    for offset, arm in zip(offsets, results.arms, strict=True):
        rows = table[table["arm"] == arm].set_index("stage").reindex(list(FUNNEL_STAGES))
        y = np.arange(len(FUNNEL_STAGES)) + offset
        ax.errorbar(
            rows["mean"],
            y,
            xerr=[rows["mean"] - rows["ci_low"], rows["ci_high"] - rows["mean"]],
            fmt="o",
            color=colours[arm],
            elinewidth=3,
            capsize=0,
        )
    positive = table["ci_low"][table["ci_low"] > 0]
    if len(positive) and table["ci_high"].max() / positive.min() > 20:
        ax.set_xscale("log")  # stages differ by orders of magnitude
        format_log_axis(ax)
    else:
        format_axis(ax, "buyers", axis="x")
        ax.set_xlim(left=0)
    ax.set_yticks(np.arange(len(FUNNEL_STAGES)), [STAGE_LABELS[s] for s in FUNNEL_STAGES])
    ax.invert_yaxis()
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(f"Members after {format_when(results.horizon, results.horizon)}")
    ax.set_title(
        INTERVAL_NOTE.format(n=results.replicates),
        fontsize="small",
        fontweight="normal",
        color=SOURCE_GREY,
    )
    return Chart("funnel", title, figure)


def checkpoint_chart(results: Results, metrics: tuple[str, ...] = CHECKPOINT_METRICS) -> Chart:
    """Outcomes at each checkpoint as dots with 95% intervals, one panel per metric."""
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
        heading = ", ".join(f"{factor_label(f)}: {v}" for f, v in wanted.items())
        panel_title(ax, heading, ncols=len(column_keys), size="small")
        ax.set_xlabel(time_label(results.horizon) if i == len(row_levels) - 1 else "")
    axes[0, 0].figure.supylabel(f"{axis_label(metric)}: median, middle 50%", fontsize="small")
    return Chart("factors", title, figure)
