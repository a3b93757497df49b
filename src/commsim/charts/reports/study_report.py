"""The report and deck of a study folder (a sweep, a sensitivity analysis or a calibration):
the study's own charts and tables in the deck frame, never a strategy deck of its design
points."""

from __future__ import annotations

import base64
import html
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from commsim.analysis.calibration import fit_notes
from commsim.analysis.display import display
from commsim.charts.files import save_charts
from commsim.charts.layout import Chart, fit_axis_texts
from commsim.charts.reports.deck import write_study_deck
from commsim.charts.reports.report_content import slide_image
from commsim.charts.study_charts import fit_chart, tornado_chart
from commsim.charts.style import use_style
from commsim.charts.sweep_charts import load_sweep, sweep_charts
from commsim.experiment.execution.sweep_files import SWEEP_FILE
from commsim.experiment.results.atomic import write_text
from commsim.experiment.results.folder_reading import ResultsFolderError
from commsim.locale import DEFAULT_LANGUAGE, use_language

CALIBRATION_FILE = "fit_targets.csv"
INDICES_FILE = "sensitivity.csv"


def study_kind(folder: Path) -> str | None:
    """``sweep``, ``sensitivity`` or ``calibration`` for a study folder, else ``None``."""
    if (folder / SWEEP_FILE).is_file():
        info = json.loads((folder / SWEEP_FILE).read_text(encoding="utf-8"))
        return "sensitivity" if info.get("kind") == "sensitivity" else "sweep"
    if (folder / CALIBRATION_FILE).is_file():
        return "calibration"
    return None


@dataclass
class StudyReport:
    """What a study's report shows: its name, lines under it, charts and tables."""

    name: str
    lines: list[str]
    charts: list[Chart] = field(default_factory=list)
    tables: list[tuple[str, pd.DataFrame]] = field(default_factory=list)
    summary: list[tuple[str, str]] = field(default_factory=list)


def sweep_report(folder: Path) -> StudyReport:
    sweep = load_sweep(folder)
    outcome = str(sweep.info.get("outcome") or "cum_profit")
    if outcome not in sweep.runs.columns:
        outcome = "cum_profit"
    charts = sweep_charts(sweep, outcome)
    lines = [f"{sweep.info.get('description') or ''}".strip(), sweep.source_line]
    summary = [("Finding", chart.title) for chart in charts[:3]]
    return StudyReport(f"{sweep.info['name']}: sweep", [x for x in lines if x], charts, [], summary)


def sensitivity_report(folder: Path) -> StudyReport:
    info = json.loads((folder / SWEEP_FILE).read_text(encoding="utf-8"))
    path = folder / INDICES_FILE
    if not path.is_file():
        raise ResultsFolderError(f"{folder}: the sensitivity study has no {INDICES_FILE} yet")
    indices = pd.read_csv(path)
    method = str(info.get("method", "sobol"))
    label = display(str(info.get("outcome", "cum_profit"))).label
    lever, versus = info.get("lever"), info.get("versus")
    text = f"the {lever}-minus-{versus} gap in {label}" if versus else f"{label} of {lever}"
    source = (
        f"Source: commsim {method} sensitivity, '{info.get('name')}': {info.get('points')} "
        f"design rows (N = {info.get('size')}) x {info.get('replicates')} replicate(s), "
        f"means; seed {info.get('seed')}; {info.get('steps')} days"
    )
    chart = tornado_chart(indices, method, text, source, f"tornado_{info.get('outcome')}")
    table = indices.round(4)
    return StudyReport(
        f"{info.get('name')}: {method} sensitivity",
        [source],
        [chart],
        [("Sensitivity indices (95% CI)", table)],
        [("Finding", chart.title)],
    )


def calibration_report(folder: Path) -> StudyReport:
    targets = pd.read_csv(folder / CALIBRATION_FILE)
    parameters_path = folder / "fit_parameters.csv"
    parameters = pd.read_csv(parameters_path) if parameters_path.is_file() else pd.DataFrame()
    source = f"Source: commsim calibration in {folder.name}"
    chart = fit_chart(targets, source)
    notes = fit_notes(targets, parameters)
    summary = [("Fit", chart.title)] + [("Note", note) for note in notes]
    tables = [("Targets: observed and simulated", targets.round(6))]
    if len(parameters):
        tables.append(("Fitted parameters", parameters))
    return StudyReport(f"{folder.name}: calibration", [source], [chart], tables, summary)


BUILDERS = {
    "sweep": sweep_report,
    "sensitivity": sensitivity_report,
    "calibration": calibration_report,
}


def write_study_report(folder: Path, *, lang: str = DEFAULT_LANGUAGE) -> list[Path]:
    """``report.md``, ``report.html`` and ``deck.pptx`` of a study folder, with its charts
    (written to ``charts/study_NN_name.png``). The study's own titles stay in English."""
    kind = study_kind(folder)
    if kind is None:
        raise ResultsFolderError(f"{folder}: not a sweep, sensitivity or calibration folder")
    with use_language(lang), use_style("deck"):
        report = BUILDERS[kind](folder)
        for chart in report.charts:
            fit_axis_texts(chart.figure)
        pngs = save_charts(report.charts, folder, "study")
        slides = [
            (chart.title, slide_image(chart), f"{chart.title}\n{report.lines[-1]}")
            for chart in report.charts
        ]
    markdown = folder / "report.md"
    write_text(markdown, _markdown(report, folder, pngs))
    page = folder / "report.html"
    write_text(page, _html(report, pngs, lang))
    deck = write_study_deck(
        folder / "deck.pptx", report.name, report.lines, slides, report.tables, report.summary
    )
    return [markdown, page, deck]


def _markdown_table(frame: pd.DataFrame) -> str:
    lines = ["| " + " | ".join(str(c) for c in frame.columns) + " |"]
    lines.append("|" + "---|" * len(frame.columns))
    lines += ["| " + " | ".join(str(v) for v in row) + " |" for row in frame.itertuples(False)]
    return "\n".join(lines)


def _markdown(report: StudyReport, folder: Path, pngs: list[Path]) -> str:
    parts = [f"# {report.name}", "", *report.lines, ""]
    parts += [f"- **{head}:** {text}" for head, text in report.summary] + [""]
    for chart, png in zip(report.charts, pngs, strict=True):
        parts += [f"## {chart.title}", "", f"![{chart.title}]({png.relative_to(folder)})", ""]
    for title, frame in report.tables:
        parts += [f"## {title}", "", _markdown_table(frame), ""]
    return "\n".join(parts)


def _html(report: StudyReport, pngs: list[Path], lang: str) -> str:
    esc = html.escape
    parts = [
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{esc(report.name)}</title></head><body>",
        f"<h1>{esc(report.name)}</h1>",
        *[f"<p>{esc(line)}</p>" for line in report.lines],
        "<ul>",
        *[f"<li><b>{esc(h)}:</b> {esc(t)}</li>" for h, t in report.summary],
        "</ul>",
    ]
    for chart, png in zip(report.charts, pngs, strict=True):
        data = base64.b64encode(png.read_bytes()).decode("ascii")
        parts.append(
            f"<figure><figcaption>{esc(chart.title)}</figcaption>"
            f'<img style="width:100%" alt="{esc(chart.title)}" '
            f'src="data:image/png;base64,{data}"></figure>'
        )
    for title, frame in report.tables:
        parts += [f"<h2>{esc(title)}</h2>", frame.to_html(index=False, border=0)]
    parts.append("</body></html>")
    return "\n".join(parts)
