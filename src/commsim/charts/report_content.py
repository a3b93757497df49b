"""What a report says, gathered once: question, setup, findings, charts and the comparison
table. The Markdown, HTML and PowerPoint writers only lay it out."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from commsim.analysis.display import display, format_interval, format_value, format_when
from commsim.charts.files import DEFAULT_FORMATS, PNG_OPTIONS, chart_stem, save_chart
from commsim.charts.focal_results import Results, comparison_at
from commsim.charts.layout import Chart
from commsim.charts.make import draw_charts
from commsim.charts.style import use_style
from commsim.config import flatten

# Metrics in the comparison table, when the results hold them.
TABLE_METRICS = ("cum_profit", "community_members", "active_members", "awareness", "buyers")
# Chart images on slides leave room for the slide title (16:9 slide, 13.33 x 7.5 in).
SLIDE_IMAGE_SIZE = (12.9, 5.75)


@dataclass
class ChartEntry:
    """One chart as a report shows it: the finding, the file and the slide image."""

    title: str
    png: Path
    files: list[Path]
    slide_png: bytes


@dataclass
class ReportContent:
    results: Results
    setup: list[tuple[str, str]]
    arms: list[tuple[str, str, str]]  # arm id, label, settings
    charts: list[ChartEntry] = field(default_factory=list)
    comparison: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def findings(self) -> list[str]:
        return [chart.title for chart in self.charts]


def arm_settings(results: Results) -> list[tuple[str, str, str]]:
    """Each arm's id, label and the parameters it sets (from experiment.toml or factors)."""
    tables = results.experiment.get("arms", {})
    rows = []
    for arm in results.arms:
        settings = results.arm_levels.get(arm) or flatten(tables.get(arm, {}) or {})
        settings = {k: v for k, v in settings.items() if k not in ("label", "description")}
        text = ", ".join(f"{k} = {v}" for k, v in settings.items()) or "base scenario"
        rows.append((arm, results.labels.get(arm, arm), text))
    return rows


def setup_items(results: Results) -> list[tuple[str, str]]:
    """The experiment's setup as label/value pairs."""
    horizon = results.horizon
    items = [
        ("Experiment", results.name),
        ("Horizon", f"{horizon:,} days ({format_when(horizon, horizon)})"),
        ("Arms", str(len(results.arms))),
        ("Reference arm", results.labels.get(results.reference, results.reference)),
        ("Replicates per arm", f"{results.replicates} (paired: common random numbers)"),
        ("Root seed", str(results.seed)),
        ("Checkpoints", ", ".join(f"day {d:,}" for d in results.checkpoints)),
        ("Brand charted", results.brand),
        ("commsim version", results.version),
    ]
    if results.factors:
        items.insert(3, ("Factors", ", ".join(results.factors)))
    base = flatten(results.experiment.get("base", {}) or {})
    settings = results.manifest.get("settings") or {}
    shared = {**base, **(settings if isinstance(settings, dict) else {})}
    if shared:
        text = ", ".join(f"{key} = {value}" for key, value in shared.items())
        items.insert(2, ("Every arm", text))
    return items


def mean_text(row: pd.Series) -> str:
    """``12.3k (11.0k-13.5k)``: a comparison row's mean and 95% interval."""
    kind = display(row["metric"]).kind
    interval = format_interval(row["ci_low"], row["ci_high"], kind)
    return f"{format_value(row['mean'], kind)} ({interval})"


def difference_text(row: pd.Series) -> str:
    """``+4.7k (+4.0k to +5.4k)``: the paired difference to the reference, or ``""``."""
    if pd.isna(row["diff_mean"]):
        return ""
    kind = display(row["metric"]).kind
    interval = format_interval(row["diff_low"], row["diff_high"], kind, signed=True)
    return f"{format_value(row['diff_mean'], kind, signed=True)} ({interval})"


def format_cells(table: pd.DataFrame, results: Results) -> pd.DataFrame:
    """The comparison as text: ``Mean (95% CI)`` and ``Difference vs reference (95% CI)``."""
    reference = results.labels.get(results.reference, results.reference)
    rows = []
    for _, row in table.iterrows():
        is_reference = row["arm"] == results.reference
        rows.append(
            {
                "Metric": display(row["metric"]).label,
                "Day": f"{int(row['checkpoint']):,}",
                "Arm": results.labels.get(row["arm"], row["arm"]),
                "Mean (95% CI)": mean_text(row),
                f"vs {reference} (95% CI)": "reference" if is_reference else difference_text(row),
            }
        )
    return pd.DataFrame(rows)


def slide_image(chart: Chart) -> bytes:
    """The chart without its title, sized for a slide under the slide's own title."""
    figure = chart.figure
    title = figure._suptitle
    size = figure.get_size_inches()
    if title is not None:
        title.set_visible(False)
        title.set_in_layout(False)
    figure.set_size_inches(*SLIDE_IMAGE_SIZE)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", pil_kwargs=PNG_OPTIONS)
    figure.set_size_inches(*size)
    if title is not None:
        title.set_visible(True)
        title.set_in_layout(True)
    return buffer.getvalue()


def gather(results: Results) -> ReportContent:
    """Draw the charts (written to ``charts/`` as PNG and SVG) and collect the report."""
    content = ReportContent(results, setup_items(results), arm_settings(results))
    folder = results.path / "charts"
    folder.mkdir(exist_ok=True)
    with use_style("deck"):
        for index, chart in enumerate(draw_charts(results)):
            files = save_chart(chart, folder, chart_stem(index, chart), DEFAULT_FORMATS)
            content.charts.append(ChartEntry(chart.title, files[0], files, slide_image(chart)))
    content.comparison = comparison_at(results, results.checkpoints, TABLE_METRICS)
    return content
