"""Charts over time: fan charts, cumulative profit with its crossover, community growth and
paired differences against the reference arm."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from commsim.analysis.bands import paired_difference_bands, quantile_bands, trailing_per_run
from commsim.analysis.display import format_day_range, format_when, in_months
from commsim.analysis.findings.crossover_findings import (
    crossed_rows,
    crossover_finding,
    headline_crossover,
)
from commsim.analysis.findings.experiment_findings import difference_finding, metric_finding
from commsim.charts.focal_results import Results, comparison_at, differences_of
from commsim.charts.layout import (
    Chart,
    axis_label,
    fill,
    format_axis,
    new_figure,
    panel_title,
    time_label,
    time_values,
)
from commsim.charts.style import SOURCE_GREY, WORLD_GREY, arm_colours
from commsim.locale import say, tr

# Daily flows are shown over a trailing window (see commsim.analysis.bands.trailing_per_run).
TRAILING_METRICS = ("engagement_rate", "organic_reach_rate", "purchases", "profit", "revenue")
Y_LABEL_WIDTH = 32  # characters per line of a y label at deck size
# Crossover labels: at most two, each taking this share of the axes' height.
MAX_CROSSOVER_LABELS = 2
LABEL_HEIGHT = 0.2
BAND_NOTE = "Line: mean of {n} replicates; shading: the middle 50% and 90% of them"
WORLD_NOTE = "; grey dashes: no programme"


def metric_frame(results: Results, metric: str) -> pd.DataFrame:
    """The focal time series, with a daily flow replaced by its trailing 30-day value."""
    frame = results.timeseries
    if metric in TRAILING_METRICS:
        frame = frame.assign(**{metric: trailing_per_run(frame, metric)})
    return frame


def horizon_finding(results: Results, metric: str, frame: pd.DataFrame | None = None) -> str:
    """The finding about ``metric`` on the last day: who leads, and the paired interval."""
    rows = comparison_at(results, [results.horizon], [metric], frame)
    return metric_finding(
        rows,
        differences_of(rows),
        metric=metric,
        reference=results.reference,
        when=format_when(results.horizon, results.horizon),
        labels=results.labels,
    )


def draw_fan(
    ax: Axes,
    results: Results,
    frame: pd.DataFrame,
    metric: str,
    *,
    inner_only: bool = False,
    world: bool = False,
) -> None:
    """Mean line (the statistic titles quote) and the middle 50% / 90% of replicates, one
    colour per arm; ``world`` adds the world without the programme as grey dashes."""
    colours = arm_colours(results.arms)
    shown = [*results.arms, *(results.worlds if world else [])]
    bands = quantile_bands(frame[frame["arm"].isin(shown)], metric)
    for arm in shown:
        band = bands[bands["arm"] == arm]
        x = time_values(band["step"].to_numpy(), results.horizon)
        if arm not in colours:  # the world without the programme: its mean, for comparison
            ax.plot(x, band["mean"], color=WORLD_GREY, linestyle="--", linewidth=2, zorder=1.5)
            continue
        colour = colours[arm]
        if not inner_only:
            ax.fill_between(x, band["q05"], band["q95"], color=colour, alpha=0.12, linewidth=0)
        ax.fill_between(x, band["q25"], band["q75"], color=colour, alpha=0.28, linewidth=0)
        ax.plot(x, band["mean"], color=colour)
    ax.set_xlim(0, float(time_values(np.array([results.horizon]), results.horizon)[0]))
    ax.set_xlabel(time_label(results.horizon))
    format_axis(ax, metric)


def band_note(ax: Axes, results: Results, *, world: bool = False, extra: str = "") -> None:
    """How to read the panel: the line is the mean over replicates (what titles quote)."""
    note = say(BAND_NOTE, n=results.replicates)
    if world and results.worlds:
        note += tr(WORLD_NOTE)
    note += extra
    ax.set_title(
        note,
        fontsize="small",
        fontweight="normal",
        color=SOURCE_GREY,
    )


def fan_chart(results: Results, metric: str) -> Chart:
    """Fan chart of one metric over time: the mean, and the middle 50% and 90% of runs."""
    frame = metric_frame(results, metric)
    title = horizon_finding(results, metric, frame if metric in TRAILING_METRICS else None)
    figure, axes = new_figure(results, title, legend_arms=results.arms)
    ax = axes[0, 0]
    world = not metric.startswith("incremental_")  # incremental values are 0 there
    draw_fan(ax, results, frame, metric, world=world)
    suffix = tr(", trailing 30 days") if metric in TRAILING_METRICS else ""
    ax.set_ylabel(fill(axis_label(metric) + suffix, Y_LABEL_WIDTH))
    low, high = ax.get_ylim()
    if metric == "mean_attitude" and low < 0 < high:  # neutral, where the data reach it
        ax.axhline(0, color=SOURCE_GREY, linewidth=1.2, zorder=1)
    band_note(ax, results, world=world)
    return Chart(f"fan_{metric}", title, figure)


def crossover_table(results: Results, metric: str = "cum_profit") -> pd.DataFrame:
    """Crossover days of every arm against the reference (commsim.analysis.compare)."""
    from commsim.analysis.compare import crossovers

    return crossovers(results.timeseries, results.reference, metric=metric)


def cumulative_profit_chart(results: Results, crossovers: pd.DataFrame) -> Chart:
    """Cumulative profit per arm with the crossover days and their intervals marked; the title
    tells the story of the arm that ends highest, and its crossover is always labelled."""
    finals = comparison_at(results, [results.horizon], ["cum_profit"])
    title = crossover_finding(
        crossovers, horizon=results.horizon, labels=results.labels, values=finals
    )
    figure, axes = new_figure(results, title, legend_arms=results.arms)
    ax = axes[0, 0]
    draw_fan(ax, results, results.timeseries, "cum_profit")
    ax.axhline(0, color=SOURCE_GREY, linewidth=1.2, zorder=1)
    colours = arm_colours(results.arms)
    crossed = crossed_rows(crossovers).sort_values("median_day", kind="stable")
    # Labels for the earliest crossovers, the headline's among them.
    labelled = list(crossed["arm"])[:MAX_CROSSOVER_LABELS]
    headline = headline_crossover(crossovers, finals)
    if headline is not None and headline["arm"] not in labelled:
        labelled[-1] = headline["arm"]
    # Headroom above the curves for the labels, so that no label covers data.
    bottom, top = ax.get_ylim()
    share = LABEL_HEIGHT * len(labelled)
    ax.set_ylim(bottom, top + (top - bottom) * share / (1 - share))
    top = 0.98
    for _, row in crossed.iterrows():
        winner = str(row["leader"])
        loser = str(row["reference"] if winner == row["arm"] else row["arm"])
        colour = colours.get(winner, SOURCE_GREY)
        low, mid, high = time_values(
            np.array([row["low_day"], row["median_day"], row["high_day"]]), results.horizon
        )
        ax.axvspan(low, high, color=colour, alpha=0.10, linewidth=0)
        ax.axvline(mid, color=colour, linestyle="--", linewidth=2)
        months = in_months(row["median_day"], results.horizon)
        interval = format_day_range(row["low_day"], row["high_day"], results.horizon, months=months)
        when = format_when(row["median_day"], results.horizon, months=months)
        if row["arm"] not in labelled:
            continue
        runs = "runs" if row["share_crossed"] >= 1 else "crossing runs"
        right_half = mid > 0.5 * ax.get_xlim()[1]
        ax.annotate(
            say(
                "{winner} overtakes\n{loser} after {when}\n(95% of {runs}: {interval} {unit})",
                winner=results.labels.get(winner, winner),
                loser=results.labels.get(loser, loser),
                when=when,
                runs=tr(runs),
                interval=interval,
                unit=tr("months" if months else "days"),
            ),
            xy=(low if right_half else high, top),
            xycoords=("data", "axes fraction"),
            xytext=(-8 if right_half else 8, 0),
            textcoords="offset points",
            ha="right" if right_half else "left",
            va="top",
            fontsize="small",
            color=colour,
            # Over another crossover's line, the label stays legible.
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1.5},
            zorder=5,
        )
        top -= LABEL_HEIGHT
    ax.set_ylabel(axis_label("cum_profit", Y_LABEL_WIDTH))
    band_note(ax, results)
    return Chart("cumulative_profit", title, figure)


def community_chart(results: Results) -> Chart:
    """Community growth: members and active members side by side."""
    title = horizon_finding(results, "community_members")
    figure, axes = new_figure(results, title, ncols=2, legend_arms=results.arms)
    panels = {
        "community_members": "Community members",
        "active_members": "Active members (engaged in the last 30 days)",
    }
    for ax, (metric, heading) in zip(axes[0], panels.items(), strict=True):
        draw_fan(ax, results, results.timeseries, metric)
        panel_title(ax, tr(heading), ncols=2)
        ax.set_ylabel(tr("Members (mean of runs)"))
    return Chart("community_growth", title, figure)


DIFFERENCE_METRICS = ("cum_profit", "community_members", "awareness")


def _checkpoint_differences(results: Results, table: pd.DataFrame, metric: str) -> pd.DataFrame:
    """The daily band of paired differences, with the comparison table's own difference and
    interval on its checkpoint days: the title, the band and the deck's table then quote one
    computed interval (the band's t-interval and the table's bootstrap differ slightly)."""
    rows = comparison_at(results, results.checkpoints, [metric])
    rows = rows.dropna(subset=["diff_mean"])
    table = table.copy()
    for row in rows.itertuples(index=False):
        at = (table["arm"] == row.arm) & (table["step"] == row.checkpoint)
        table.loc[at, ["mean", "ci_low", "ci_high"]] = (row.diff_mean, row.diff_low, row.diff_high)
    return table


def difference_chart(results: Results, metrics: tuple[str, ...] = DIFFERENCE_METRICS) -> Chart:
    """Paired differences against the reference arm over time, with 95% intervals."""
    if results.incremental:  # the same differences, read as what each arm adds
        metrics = tuple("incremental_profit" if m == "cum_profit" else m for m in metrics)
    others = [arm for arm in results.arms if arm != results.reference]
    frame = results.timeseries[results.timeseries["arm"].isin(results.arms)]
    tables = {
        m: _checkpoint_differences(results, paired_difference_bands(frame, m, results.reference), m)
        for m in metrics
    }
    title = difference_finding(
        tables[metrics[0]],
        metric=metrics[0],
        reference=results.reference,
        horizon=results.horizon,
        labels=results.labels,
    )
    figure, axes = new_figure(results, title, ncols=len(metrics), legend_arms=others)
    colours = arm_colours(results.arms)
    reference = results.labels.get(results.reference, results.reference)
    for ax, metric in zip(axes[0], metrics, strict=True):
        table = tables[metric]
        for arm in others:
            rows = table[table["arm"] == arm]
            x = time_values(rows["step"].to_numpy(), results.horizon)
            ax.fill_between(x, rows["ci_low"], rows["ci_high"], color=colours[arm], alpha=0.25)
            ax.plot(x, rows["mean"], color=colours[arm])
        ax.axhline(0, color=SOURCE_GREY, linewidth=1.2, zorder=1)
        ax.set_xlim(0, float(time_values(np.array([results.horizon]), results.horizon)[0]))
        ax.set_xlabel(time_label(results.horizon))
        format_axis(ax, metric, signed=True)
        panel_title(ax, axis_label(metric), ncols=len(metrics))
    label = say("Difference to {reference} (mean of pairs, 95% CI)", reference=reference)
    axes[0, 0].set_ylabel(fill(label, Y_LABEL_WIDTH))
    return Chart("differences", title, figure)
