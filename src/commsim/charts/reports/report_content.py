"""What a report says, gathered once: question, setup, findings, charts and the comparison
table. The Markdown, HTML and PowerPoint writers only lay it out."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from commsim.analysis import plausibility
from commsim.analysis.budget_use import budget_frame, budget_use
from commsim.analysis.chances import assumption_mode, chance_sentences, intervals_sentence
from commsim.analysis.display import display, format_interval, format_value, format_when
from commsim.analysis.findings.incremental_findings import summary_sentences
from commsim.analysis.incremental import payback_rows
from commsim.charts.files import DEFAULT_FORMATS, PNG_OPTIONS, chart_stem, save_chart
from commsim.charts.focal_results import Results, comparison_at
from commsim.charts.layout import SLIDE_DRAWN_SIZE, Chart
from commsim.charts.make import clear_charts, draw_charts
from commsim.charts.reports.assumptions import assumption_rows
from commsim.charts.style import use_style
from commsim.config import flatten
from commsim.locale import DEFAULT_LANGUAGE, say, tr, use_language

# Metrics in the comparison table, when the results hold them: what each arm adds against
# doing nothing first, where the results hold it.
TABLE_METRICS = ("cum_profit", "community_members", "active_members", "awareness", "buyers")
INCREMENTAL_TABLE_METRICS = (
    "incremental_profit",
    "incremental_roi",
    "community_members",
    "active_members",
    "awareness",
    "buyers",
)


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
    summary: list[tuple[str, str]] = field(default_factory=list)  # (heading, sentence)
    assumptions: pd.DataFrame = field(default_factory=pd.DataFrame)  # Setting, Value, Source
    assumptions_note: str = ""  # where the assumptions come from
    plausibility: pd.DataFrame = field(default_factory=pd.DataFrame)  # the panel, as text
    budget: pd.DataFrame = field(default_factory=pd.DataFrame)  # spend against budget, as text
    lang: str = DEFAULT_LANGUAGE

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


def executive_summary(results: Results, charts: list[ChartEntry]) -> list[tuple[str, str]]:
    """The answer, when it pays and how much (against doing nothing), one sentence each; the
    first chart's finding where the results hold no world without the programme."""
    if results.incremental:
        values = comparison_at(results, [results.horizon], ["incremental_profit"])
        return summary_sentences(
            values,
            payback_rows(results.crossovers),
            horizon=results.horizon,
            labels=results.labels,
        )
    return [(tr("The answer"), charts[0].title)] if charts else []


def uncertainty_summary(results: Results) -> list[tuple[str, str]]:
    """The chance that each arm pays and that the best beats the runner-up, and what the
    intervals include (noise only, or the assumptions' ranges too)."""
    sentences = []
    if results.incremental:
        arms = [arm for arm in results.arms if results.world_of.get(arm) != arm]
        sentences = chance_sentences(
            results.timeseries, arms, horizon=results.horizon, labels=results.labels
        )
    mode, provenance = assumption_mode(results.manifest)
    return [*sentences, (tr("What the intervals include"), intervals_sentence(mode, provenance))]


def arm_budgets(results: Results) -> dict[str, float]:
    """Each arm's monthly budget as recorded (0: none)."""
    return {
        arm: float(results.scenario(arm).get("brand", {}).get("monthly_budget", 0.0) or 0.0)
        for arm in results.arms
    }


def plausibility_lines(results: Results) -> list[plausibility.PanelLine]:
    """Every arm against published experience (:mod:`commsim.analysis.plausibility`)."""
    scenarios = {arm: results.scenario(arm) for arm in results.arms}
    return plausibility.panel(results.timeseries, results.arms, results.world_of, scenarios)


def setup_items(results: Results) -> list[tuple[str, str]]:
    """The experiment's setup as label/value pairs."""
    horizon = results.horizon
    items = [
        (tr("Experiment"), results.name),
        (
            tr("Horizon"),
            say("{days} days ({when})", days=f"{horizon:,}", when=format_when(horizon, horizon)),
        ),
        (tr("Arms"), str(len(results.arms))),
        (tr("Reference arm"), results.labels.get(results.reference, results.reference)),
        (
            tr("Replicates per arm"),
            say("{n} (paired: common random numbers)", n=results.replicates),
        ),
        (tr("Root seed"), str(results.seed)),
        (tr("Checkpoints"), ", ".join(say("day {d}", d=f"{d:,}") for d in results.checkpoints)),
        (tr("Brand charted"), results.brand),
        (tr("commsim version"), results.version),
    ]
    if results.worlds:
        items.insert(4, (tr("Compared with"), tr("the same world without the programme")))
    if results.factors:
        items.insert(3, (tr("Factors"), ", ".join(results.factors)))
    base = flatten(results.experiment.get("base", {}) or {})
    settings = results.manifest.get("settings") or {}
    shared = {**base, **(settings if isinstance(settings, dict) else {})}
    if shared:
        text = ", ".join(f"{key} = {value}" for key, value in shared.items())
        items.insert(2, (tr("Every arm"), text))
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
                tr("Metric"): display(row["metric"]).label,
                tr("Day"): f"{int(row['checkpoint']):,}",
                tr("Arm"): results.labels.get(row["arm"], row["arm"]),
                tr("Mean (95% CI)"): mean_text(row),
                say("vs {reference} (95% CI)", reference=reference): (
                    tr("reference") if is_reference else difference_text(row)
                ),
            }
        )
    return pd.DataFrame(rows)


def slide_image(chart: Chart) -> bytes:
    """The chart without its title, sized for a slide under the slide's own title."""
    figure = chart.figure
    # The title artist itself (get_suptitle() gives only its text), to hide it for the slide.
    title = figure._suptitle  # type: ignore[attr-defined]
    size = figure.get_size_inches()
    if title is not None:
        title.set_visible(False)
        title.set_in_layout(False)
    figure.set_size_inches(*SLIDE_DRAWN_SIZE)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", pil_kwargs=PNG_OPTIONS)
    figure.set_size_inches(*size)
    if title is not None:
        title.set_visible(True)
        title.set_in_layout(True)
    return buffer.getvalue()


def gather(results: Results, lang: str = DEFAULT_LANGUAGE) -> ReportContent:
    """Draw the charts (written to ``charts/`` as PNG and SVG) and collect the report, in
    ``lang`` with money in the results' currency."""
    with use_language(lang, results.currency):
        content = ReportContent(results, setup_items(results), arm_settings(results), lang=lang)
        folder = clear_charts(results.path / "charts")
        with use_style("deck"):
            for index, chart in enumerate(draw_charts(results)):
                files = save_chart(chart, folder, chart_stem(index, chart), DEFAULT_FORMATS)
                content.charts.append(ChartEntry(chart.title, files[0], files, slide_image(chart)))
        metrics = INCREMENTAL_TABLE_METRICS if results.incremental else TABLE_METRICS
        content.comparison = comparison_at(results, results.checkpoints, metrics)
        content.summary = executive_summary(results, content.charts)
        content.budget = budget_frame(
            budget_use(results.timeseries, results.arms, arm_budgets(results)), results.labels
        )
        content.summary += uncertainty_summary(results)
        lines = plausibility_lines(results)
        content.summary.append(
            (tr("Plausibility"), plausibility.flagged_summary(lines, results.labels))
        )
        content.plausibility = plausibility.panel_frame(lines, results.labels)
        content.assumptions, content.assumptions_note = assumption_rows(results)
    return content
