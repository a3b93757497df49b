"""Draw every chart of a results folder and write them into ``RESULTS_DIR/charts/``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from commsim.charts.layout import Chart
from commsim.charts.results import Results, ResultsFolderError, load_results
from commsim.charts.snapshots import checkpoint_chart, factor_chart, funnel_chart
from commsim.charts.style import Variant, use_style
from commsim.charts.timecharts import (
    community_chart,
    crossover_table,
    cumulative_profit_chart,
    difference_chart,
    fan_chart,
)

FORMATS = ("png", "svg", "pdf")
DEFAULT_FORMATS = ("png", "svg")
# Fast zlib level: PNGs twice as quick to write for files about a fifth larger.
PNG_OPTIONS = {"compress_level": 1}
# Key metrics shown as fan charts (cumulative profit and community growth have their own).
FAN_METRICS = (
    "awareness",
    "mean_attitude",
    "roi",
    "engagement_rate",
    "organic_reach_rate",
    "followers",
)


def check_formats(formats: Iterable[str]) -> tuple[str, ...]:
    """Normalise and validate chart formats (``png``, ``svg``, ``pdf``)."""
    chosen = tuple(dict.fromkeys(f.strip().lower().lstrip(".") for f in formats if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise ResultsFolderError(
            f"unknown chart format(s) {', '.join(unknown) or '(none)'}; "
            f"allowed: {', '.join(FORMATS)}"
        )
    return chosen


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


def chart_stem(index: int, chart: Chart) -> str:
    """File name without extension: numbered so a folder listing follows the deck."""
    return f"{index + 1:02d}_{chart.name}"


def save_chart(chart: Chart, folder: Path, stem: str, formats: Sequence[str]) -> list[Path]:
    """Write one chart in each format; returns the paths written."""
    paths = []
    for fmt in formats:
        path = folder / f"{stem}.{fmt}"
        options = {"pil_kwargs": PNG_OPTIONS} if fmt == "png" else {}
        chart.figure.savefig(path, format=fmt, metadata=_metadata(fmt, chart.title), **options)
        paths.append(path)
    return paths


def _metadata(fmt: str, title: str) -> dict[str, str]:
    if fmt == "png":
        return {"Title": title, "Software": "commsim"}
    if fmt in ("svg", "pdf"):
        return {"Title": title, "Creator": "commsim"}
    return {}


def make_charts(
    results_dir: str | Path,
    formats: Iterable[str] = DEFAULT_FORMATS,
    *,
    style: Variant = "deck",
) -> list[Path]:
    """Draw every chart of a results folder into ``RESULTS_DIR/charts/``; returns the files.

    Raises :class:`ResultsFolderError` when the folder lacks its tables.
    """
    chosen = check_formats(formats)
    if (Path(results_dir) / "sweep.json").is_file():  # a sweep: its own charts
        from commsim.charts.sweep import make_sweep_charts

        return make_sweep_charts(results_dir, chosen, style=style)
    results = load_results(results_dir)
    folder = results.path / "charts"
    folder.mkdir(exist_ok=True)
    paths: list[Path] = []
    with use_style(style):
        for index, chart in enumerate(draw_charts(results)):
            paths += save_chart(chart, folder, chart_stem(index, chart), chosen)
    return paths
