"""Draw every chart of a results folder and write them into ``RESULTS_DIR/charts/``."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from commsim.charts.files import DEFAULT_FORMATS, chart_stem, check_formats, save_chart
from commsim.charts.focal_results import Results, load_results
from commsim.charts.layout import Chart
from commsim.charts.snapshots import checkpoint_chart, factor_chart, funnel_chart
from commsim.charts.style import Variant, use_style
from commsim.charts.sweep_charts import make_sweep_charts
from commsim.charts.timecharts import (
    community_chart,
    crossover_table,
    cumulative_profit_chart,
    difference_chart,
    fan_chart,
)
from commsim.experiment.sweep_files import SWEEP_FILE

# Key metrics shown as fan charts (cumulative profit and community growth have their own).
FAN_METRICS = (
    "awareness",
    "mean_attitude",
    "roi",
    "engagement_rate",
    "organic_reach_rate",
    "followers",
)


def draw_charts(results: Results) -> list[Chart]:
    """Every chart the results support, in deck order (call inside :func:`use_style`)."""
    charts = [cumulative_profit_chart(results, crossover_table(results))]
    charts.append(community_chart(results))
    charts.append(funnel_chart(results))
    charts.append(checkpoint_chart(results))
    if len(results.arms) > 1:
        charts.append(difference_chart(results))
    factors = factor_chart(results)
    if factors is not None:
        charts.append(factors)
    charts += [fan_chart(results, m) for m in FAN_METRICS if m in results.timeseries.columns]
    return charts


def make_charts(
    results_dir: str | Path,
    formats: Iterable[str] = DEFAULT_FORMATS,
    *,
    style: Variant = "deck",
) -> list[Path]:
    """Draw every chart of a results folder into ``RESULTS_DIR/charts/``; returns the files.

    Raises :class:`commsim.experiment.store.ResultsFolderError` when the folder lacks its tables.
    """
    chosen = check_formats(formats)
    if (Path(results_dir) / SWEEP_FILE).is_file():  # a sweep: its own charts
        return make_sweep_charts(results_dir, chosen, style=style)
    results = load_results(results_dir)
    folder = results.path / "charts"
    folder.mkdir(exist_ok=True)
    paths: list[Path] = []
    with use_style(style):
        for index, chart in enumerate(draw_charts(results)):
            paths += save_chart(chart, folder, chart_stem(index, chart), chosen)
    return paths
