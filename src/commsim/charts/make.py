"""Draw every chart of a results folder and write them into ``RESULTS_DIR/charts/``."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from commsim.analysis.incremental import COST_ITEMS, SALES_ORIGINS
from commsim.charts.files import DEFAULT_FORMATS, chart_stem, check_formats, save_chart
from commsim.charts.focal_results import Results, load_results
from commsim.charts.incremental_charts import (
    cost_chart,
    funnel_chart,
    incremental_profit_chart,
    sales_sources_chart,
)
from commsim.charts.layout import Chart, fit_axis_texts
from commsim.charts.snapshots import checkpoint_chart, factor_chart
from commsim.charts.style import DEFAULT_VARIANT, Variant, use_style
from commsim.charts.sweep_charts import make_sweep_charts
from commsim.charts.timecharts import (
    community_chart,
    crossover_table,
    cumulative_profit_chart,
    difference_chart,
    fan_chart,
)
from commsim.experiment.execution.sweep_files import SWEEP_FILE
from commsim.experiment.results.integrity import written_by_commsim
from commsim.locale import DEFAULT_LANGUAGE, check_language, use_language

# Key metrics shown as fan charts (profit and community growth have their own). ROI is shown
# against doing nothing when the results hold it; followers only when they are not simply the
# community members again.
FAN_METRICS = (
    "awareness",
    "favourable_share",
    "incremental_roi",
    "engagement_rate",
    "organic_reach_rate",
    "followers",
)


def draw_charts(results: Results) -> list[Chart]:
    """Every chart the results support, in deck order (call inside :func:`use_style`):
    first what the programme adds against doing nothing, and when it pays back."""
    columns = results.timeseries.columns
    if results.incremental:
        charts = [incremental_profit_chart(results)]
        if set(SALES_ORIGINS) <= set(columns):
            charts.append(sales_sources_chart(results))
    else:
        charts = [cumulative_profit_chart(results, crossover_table(results))]
    items = [item for item in COST_ITEMS if item in columns]
    if items and float(results.timeseries[items].to_numpy().sum()) > 0:
        charts.append(cost_chart(results))
    if len(results.arms) > 1:
        charts.append(difference_chart(results))
    charts.append(funnel_chart(results))
    charts.append(community_chart(results))
    charts.append(checkpoint_chart(results))
    factors = factor_chart(results, "incremental_profit" if results.incremental else "cum_profit")
    if factors is not None:
        charts.append(factors)
    charts += [fan_chart(results, m) for m in fan_metrics(results)]
    for chart in charts:
        fit_axis_texts(chart.figure)
    return charts


def fan_metrics(results: Results) -> list[str]:
    """The fan charts worth a slide: total ROI where incremental ROI is missing, and no
    followers chart that repeats the community members."""
    columns = results.timeseries.columns
    metrics = [m for m in FAN_METRICS if m in columns]
    if "incremental_roi" not in metrics or not results.incremental:
        metrics = [("roi" if m == "incremental_roi" else m) for m in FAN_METRICS]
        metrics = [m for m in metrics if m in columns]
    if "followers" in metrics and "community_members" in columns:
        frame = results.timeseries[results.timeseries["arm"].isin(results.arms)]
        extra = (frame["followers"] - frame["community_members"]).abs()
        if float(extra.max()) <= 0.01 * max(float(frame["followers"].max()), 1.0):
            metrics.remove("followers")
    return metrics


def make_charts(
    results_dir: str | Path,
    formats: Iterable[str] = DEFAULT_FORMATS,
    *,
    style: Variant = DEFAULT_VARIANT,
    lang: str = DEFAULT_LANGUAGE,
) -> list[Path]:
    """Draw every chart of a results folder into ``RESULTS_DIR/charts/``; returns the files.
    ``lang`` (``en``, ``zh-TW``, ``ja``) is the language of titles, labels and numbers.

    Raises :class:`commsim.experiment.results.folder_reading.ResultsFolderError` when the folder
    lacks its tables.
    """
    chosen = check_formats(formats)
    lang = check_language(lang)
    if (Path(results_dir) / SWEEP_FILE).is_file():  # a sweep: its own charts
        return make_sweep_charts(results_dir, chosen, style=style)
    with use_language(lang):
        results = load_results(results_dir)
        folder = clear_charts(results.path / "charts")
        paths: list[Path] = []
        with use_language(lang, results.currency), use_style(style):
            for index, chart in enumerate(draw_charts(results)):
                paths += save_chart(chart, folder, chart_stem(index, chart), chosen)
    return paths


def clear_charts(folder: Path) -> Path:
    """The charts folder, without the numbered charts of an earlier drawing (whose set of
    charts may differ); other files stay, a user's ``01_draft.png`` too (only a file whose
    metadata says commsim drew it goes)."""
    folder.mkdir(exist_ok=True)
    for old in folder.glob("[0-9][0-9]_*.*"):
        if old.suffix in (".png", ".svg", ".pdf") and written_by_commsim(old):
            old.unlink()
    return folder
