"""Charts of a sweep: where each lever wins (heatmaps), how outcomes depend on each
uncertainty (partial dependence), and how robust each lever is. Deck style, each titled with
its finding, axes with units, a source line under every chart."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Patch

from commsim.analysis import sweep_tables as tables
from commsim.analysis.display import display, factor_label, format_value, format_when
from commsim.analysis.findings.sweep_findings import (
    dependence_finding,
    heatmap_finding,
    is_share,
    lever_name,
    parameter_label,
    robustness_finding,
    setting_value_text,
    spread_by_key,
)
from commsim.charts.files import save_chart
from commsim.charts.layout import Chart, axis_label, format_axis, wrap_title
from commsim.charts.style import SOURCE_GREY, arm_colours, use_style
from commsim.experiment.execution.sweep_files import read_sweep
from commsim.experiment.results.store import ResultsStore
from commsim.experiment.spec.outcomes import Outcome

DEPENDENCE_OUTCOMES = ("community_members", "active_members", "awareness")
MAX_PANELS = 6


@dataclass
class Sweep:
    """A sweep folder as the charts read it."""

    path: Path
    info: dict[str, Any]
    runs: pd.DataFrame
    version: str

    @property
    def levers(self) -> list[str]:
        return [s["name"] for s in self.info["strategies"]]

    @property
    def specs(self) -> dict[str, dict[str, Any]]:
        return {u["key"]: u for u in self.info["uncertainties"]}

    @property
    def source_line(self) -> str:
        info = self.info
        design = info.get("method") or info.get("design", "design")
        return (
            f"Source: commsim {self.version} {info.get('kind', 'sweep')} '{info['name']}': "
            f"{info['points']} design points ({design}) x {len(self.levers)} levers x "
            f"{info['replicates']} replicates (means), seed {info['seed']}, brand {info['brand']}"
        )


def load_sweep(folder: str | Path) -> Sweep:
    path = Path(folder)
    info, runs = read_sweep(path)
    version = ResultsStore(path).read_manifest().get("commsim_version", "?")
    return Sweep(path, info, runs, version)


def new_sweep_figure(
    sweep: Sweep, title: str, nrows: int = 1, ncols: int = 1
) -> tuple[Figure, Any]:
    figure = Figure()
    figure.suptitle(wrap_title(title), x=0.01, ha="left", fontweight="bold", linespacing=1.15)
    figure.supxlabel(sweep.source_line, x=0.01, ha="left", fontsize="x-small", color=SOURCE_GREY)
    return figure, figure.subplots(nrows, ncols, squeeze=False)


def lighter(colour: str, strength: float) -> tuple[float, float, float]:
    """The lever's colour mixed with white: 0 -> white, 1 -> full colour."""
    rgb = np.array(to_rgb(colour))
    return tuple(1 - (1 - rgb) * (0.2 + 0.8 * strength))


def _draw_cells(ax, cells, levers, outcome, x_bins, y_bins) -> None:
    colours = arm_colours(levers)
    kind = display(outcome).kind
    scale = float(cells["margin"].abs().max()) or 1.0
    image = np.ones((y_bins, x_bins, 3))
    for row in cells.itertuples(index=False):
        strength = min(1.0, abs(row.margin) / scale)
        image[int(row.y), int(row.x)] = lighter(colours[row.winner], strength)
        text = format_value(float(row.margin), kind)
        ink = "white" if strength > 0.6 else "#222222"
        ax.text(row.x, row.y, text, ha="center", va="center", fontsize="small", color=ink)
    ax.imshow(image, origin="lower", aspect="auto")
    ax.grid(False)
    handles = [Patch(color=colours[lever], label=f"{lever_name(lever)} wins") for lever in levers]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0)


def _tick_labels(key: str, centres: list, edges: list | None) -> list[str]:
    """Bin ranges (``2.0-3.6%``) where the axis was cut into bins, else the values."""
    if edges is None:
        return [setting_value_text(key, c) for c in centres]
    labels = []
    for low, high in edges:
        low_text, high_text = setting_value_text(key, low), setting_value_text(key, high)
        if low_text.endswith("%") and high_text.endswith("%"):
            low_text = low_text[:-1]
        labels.append(f"{low_text}-{high_text}")
    return labels


def log_ticks(ax, key: str, low: float, high: float) -> None:
    """A log axis ticked at 1, 2, 3 and 5 times powers of ten within the range."""
    ticks = [
        m * 10.0**e
        for e in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)
        for m in (1, 2, 3, 5)
        if low <= m * 10.0**e <= high
    ]
    share = is_share(key)
    ax.set_xticks(ticks, [f"{t * 100:g}%" if share else f"{t:g}" for t in ticks])
    ax.minorticks_off()


def note(ax, text: str, ncols: int = 1) -> None:
    """A grey line above a panel that says how to read it (wrapped to the panel's width)."""
    points = FontProperties(size="small").get_size_in_points()
    usable = mpl.rcParams["figure.figsize"][0] - 2.5  # less the margins and a side legend
    width = max(20, int((usable / ncols) * 72 / (points * 0.55)))
    ax.set_title(
        textwrap.fill(text, width), fontsize="small", fontweight="normal", color=SOURCE_GREY
    )


def heatmap_chart(sweep: Sweep, outcome: str, x_key: str, y_key: str | None) -> Chart:
    """Which lever wins ``outcome`` over two uncertainties (``y_key`` None: over the horizon,
    using the outcome at each checkpoint), and by how much (number: margin over the
    runner-up; shade: the margin relative to the largest)."""
    runs, specs, levers = sweep.runs, sweep.specs, sweep.levers
    horizon = int(sweep.info["steps"])
    points = int(sweep.info["points"])
    design = tables.design_table(runs, sweep.info)
    if y_key is None:
        by_day = tables.horizon_means(runs, outcome, sweep.info["checkpoints"], horizon)
        x_bins = min(10, max(3, round(points / 4)))
        x_codes, x_centres, x_edges = tables.axis_bins(design[x_key], specs[x_key], x_bins)
        frames = []
        for row, means in enumerate(by_day.values()):
            codes = pd.Series(x_codes, index=design.index).reindex(means.index).to_numpy()
            cell = tables.win_cells(means, codes, np.full(len(means), row))
            frames.append(cell)
        cells = pd.concat(frames, ignore_index=True)
        y_labels = [format_when(day, horizon) for day in by_day]
        y_name, y_axis = "horizon", "Horizon (time since start)"
    else:
        means = tables.point_means(runs, outcome)
        bins = tables.heatmap_bins(points)
        x_codes, x_centres, x_edges = tables.axis_bins(
            design.loc[means.index, x_key], specs[x_key], bins
        )
        y_codes, y_centres, y_edges = tables.axis_bins(
            design.loc[means.index, y_key], specs[y_key], bins
        )
        cells = tables.win_cells(means, x_codes, y_codes)
        y_labels = _tick_labels(y_key, y_centres, y_edges)
        y_name, y_axis = factor_label(y_key), parameter_label(y_key)
    x_bins_used, y_bins_used = len(x_centres), len(y_labels)
    title = heatmap_finding(cells, outcome, factor_label(x_key), y_name, x_bins_used, y_bins_used)
    figure, axes = new_sweep_figure(sweep, title)
    ax = axes[0, 0]
    _draw_cells(ax, cells, levers, outcome, x_bins_used, y_bins_used)
    ax.set_xticks(range(x_bins_used), _tick_labels(x_key, x_centres, x_edges))
    ax.set_yticks(range(y_bins_used), y_labels)
    ax.set_xlabel(parameter_label(x_key))
    ax.set_ylabel(y_axis)
    when = "at each horizon" if y_key is None else f"after {format_when(horizon, horizon)}"
    note(
        ax,
        f"Colour: the lever with the higher mean {display(outcome).label} {when} over the "
        "design points in the cell; number and shade: its lead over the runner-up",
    )
    name = f"wins_{x_key.split('.')[-1]}_{'horizon' if y_key is None else y_key.split('.')[-1]}"
    return Chart(name, title, figure)


def dependence_chart(sweep: Sweep, outcome: str) -> Chart:
    """Partial dependence of ``outcome`` on each uncertainty, one line per lever."""
    specs = sweep.specs
    keys = list(specs)[:MAX_PANELS]
    bins = min(8, max(3, round(int(sweep.info["points"]) / 5)))
    curves = {k: tables.partial_dependence(sweep.runs, outcome, k, specs[k], bins) for k in keys}
    title = dependence_finding(outcome, spread_by_key(curves))
    ncols = min(3, len(keys))
    nrows = math.ceil(len(keys) / ncols)
    figure, axes = new_sweep_figure(sweep, title, nrows, ncols)
    colours = arm_colours(sweep.levers)
    for index, key in enumerate(keys):
        ax = axes[index // ncols, index % ncols]
        curve = curves[key]
        categorical = specs[key].get("kind") == "choice"
        for lever in sweep.levers:
            line = curve[curve["lever"] == lever]
            x = line["bin"].to_numpy() if categorical else line["x"].to_numpy(float)
            ax.fill_between(x, line["low"], line["high"], color=colours[lever], alpha=0.18, lw=0)
            ax.plot(x, line["mean"], color=colours[lever], marker="o", label=lever_name(lever))
        if categorical:
            centres = sorted(curve["bin"].unique())
            labels = dict(zip(curve["bin"], curve["x"], strict=False))
            ax.set_xticks(centres, [str(labels[c]) for c in centres])
        elif specs[key].get("kind") == "log-uniform":
            ax.set_xscale("log")
            log_ticks(ax, key, float(specs[key]["low"]), float(specs[key]["high"]))
        elif is_share(key):
            format_axis(ax, "awareness", axis="x")  # a share axis in %
        ax.set_xlabel(parameter_label(key))
        format_axis(ax, outcome)
        if index % ncols == 0:
            ax.set_ylabel(axis_label(outcome, width=28))
    for index in range(len(keys), nrows * ncols):
        axes[index // ncols, index % ncols].set_visible(False)
    axes[0, 0].legend(loc="best", fontsize="small")
    note(axes[0, 0], "Mean over the design points in each bin, with 95% band", ncols)
    return Chart(f"dependence_{outcome}", title, figure)


def robustness_chart(sweep: Sweep, outcome: str, tolerance: float) -> Chart:
    """Share of scenarios (design points) where each lever is best, or within ``tolerance``."""
    table = tables.robustness(tables.point_means(sweep.runs, outcome), tolerance)
    title = robustness_finding(table, outcome, tolerance)
    figure, axes = new_sweep_figure(sweep, title)
    ax = axes[0, 0]
    colours = arm_colours(sweep.levers)
    y = np.arange(len(table))[::-1]
    for row, position in zip(table.itertuples(index=False), y, strict=True):
        colour = colours[row.lever]
        ax.barh(position + 0.18, row.share_best, height=0.34, color=colour)
        ax.barh(position - 0.18, row.share_near_best, height=0.34, color=lighter(colour, 0.35))
        ax.text(row.share_best + 0.01, position + 0.18, f"{row.share_best:.0%} best", va="center")
        ax.text(
            row.share_near_best + 0.01,
            position - 0.18,
            f"{row.share_near_best:.0%} within {tolerance:.0%} of best",
            va="center",
        )
    ax.set_yticks(y, [lever_name(lever) for lever in table["lever"]])
    ax.set_xlim(0, 1.35)
    ax.set_xticks(np.linspace(0, 1, 6), [f"{v:.0%}" for v in np.linspace(0, 1, 6)])
    ax.set_xlabel(f"Share of the {len(sweep.runs['point'].unique())} scenarios (design points)")
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    note(ax, f"{display(outcome).label[:1].upper()}{display(outcome).label[1:]} at the horizon")
    return Chart(f"robustness_{outcome}", title, figure)


def sweep_charts(sweep: Sweep, outcome: str = "cum_profit", tolerance: float = 0.05) -> list:
    """Every sweep chart, in deck order."""
    keys = list(sweep.specs)
    charts = []
    if len(sweep.levers) > 1:
        days = [d for d in sweep.info["checkpoints"] if d != sweep.info["steps"]]
        if days and outcome in display_metrics_with_checkpoints(sweep):
            charts += [heatmap_chart(sweep, outcome, key, None) for key in keys[:2]]
        if len(keys) >= 2:
            charts.append(heatmap_chart(sweep, outcome, keys[0], keys[1]))
        charts.append(robustness_chart(sweep, outcome, tolerance))
    for name in (outcome, *DEPENDENCE_OUTCOMES):
        if name in sweep.runs.columns:
            charts.append(dependence_chart(sweep, name))
    return list({chart.name: chart for chart in charts}.values())


def display_metrics_with_checkpoints(sweep: Sweep) -> set[str]:
    """Metrics the runs table holds at checkpoints (``<metric>_d<day>`` columns)."""
    found = set()
    for column in sweep.runs.columns:
        outcome = Outcome.parse(column)
        if outcome.day is not None:
            found.add(outcome.metric)
    return found


def make_sweep_charts(
    folder: str | Path,
    formats: Sequence[str] = ("png",),
    *,
    style: str = "deck",
    outcome: str = "cum_profit",
) -> list[Path]:
    """Draw a sweep folder's charts into ``folder/charts/`` (``sweep_NN_name.FORMAT``)."""
    sweep = load_sweep(folder)
    target = sweep.path / "charts"
    target.mkdir(exist_ok=True)
    paths: list[Path] = []
    with use_style(style):  # type: ignore[arg-type]  # use_style names a bad variant
        for index, chart in enumerate(sweep_charts(sweep, outcome)):
            paths += save_chart(chart, target, f"sweep_{index + 1:02d}_{chart.name}", formats)
    return paths
