"""``report.md``, a self-contained ``report.html`` and ``deck.pptx`` for a results folder."""

from __future__ import annotations

import base64
import html
from pathlib import Path

import pandas as pd

from commsim.analysis.plausibility import source_notes
from commsim.charts.focal_results import load_results
from commsim.charts.reports.deck import write_deck
from commsim.charts.reports.report_content import ReportContent, format_cells, gather
from commsim.charts.reports.study_report import study_kind, write_study_report
from commsim.experiment.results.atomic import write_text
from commsim.locale import DEFAULT_LANGUAGE, check_language, tr, use_language

PANEL_NOTE = (
    "Every arm held against published experience (docs/charts.md, Plausibility panel): a "
    "result outside its band is outside anything published, so treat it as a hypothesis."
)

BUDGET_TITLE = "Spend against the monthly budget"
BUDGET_NOTE = (
    "Per 30-day month from day 0, over every run: discretionary spending (ads, leader posts "
    "and promotions, replies, giveaways) is paced within the budget after the month's "
    "commitments (content, community management, leaders' retainers); docs/model.md 7.7."
)

CSS = """
body { font-family: "DejaVu Sans", Arial, Helvetica, "Noto Sans CJK TC", "Noto Sans CJK JP",
       "Microsoft JhengHei", "Yu Gothic", sans-serif; max-width: 1100px;
       margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }
h1 { font-size: 1.9em; margin-bottom: 0.2em; }
h2 { margin-top: 2em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
figure { margin: 1.5em 0 2.5em 0; }
figure img { width: 100%; height: auto; border: 1px solid #eee; }
figcaption { font-weight: bold; margin-bottom: 0.5em; }
table { border-collapse: collapse; font-size: 0.9em; margin: 1em 0; }
th, td { border-bottom: 1px solid #ddd; padding: 0.35em 0.8em; text-align: left; }
th { background: #f4f4f4; }
.question { font-size: 1.15em; }
.source { color: #666; font-size: 0.85em; }
"""


def markdown_table(frame: pd.DataFrame) -> str:
    def cell(value: object) -> str:
        return str(value).replace("|", "\\|")

    lines = ["| " + " | ".join(cell(c) for c in frame.columns) + " |"]
    lines.append("|" + "---|" * len(frame.columns))
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(False)]
    return "\n".join(lines)


def html_table(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(False)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _arms_frame(content: ReportContent) -> pd.DataFrame:
    return pd.DataFrame(content.arms, columns=[tr("Arm"), tr("Label"), tr("Settings")])


def _setup_frame(content: ReportContent) -> pd.DataFrame:
    return pd.DataFrame(content.setup, columns=[tr("Setting"), tr("Value")])


def render_markdown(content: ReportContent) -> str:
    """The report as Markdown; charts are linked from ``charts/``."""
    results = content.results
    parts = [f"# {results.name}", ""]
    if results.description:
        parts += [f"**{tr('Question.')}** {results.description}", ""]
    if content.summary:
        parts += [f"## {tr('Executive summary')}", ""]
        parts += [f"- **{head}:** {text}" for head, text in content.summary] + [""]
    parts += [f"## {tr('Setup')}", "", markdown_table(_setup_frame(content)), ""]
    parts += [markdown_table(_arms_frame(content)), ""]
    parts += [f"## {tr('Headline findings')}", ""]
    parts += [f"- {finding}" for finding in content.findings] + [""]
    parts += [f"## {tr('Charts')}", ""]
    for chart in content.charts:
        relative = chart.png.relative_to(results.path).as_posix()
        parts += [f"### {chart.title}", "", f"![{chart.title}]({relative})", ""]
    comparison = markdown_table(format_cells(content.comparison, results))
    parts += [f"## {tr('Comparison')}", "", comparison, ""]
    if len(content.budget):
        parts += [f"## {tr(BUDGET_TITLE)}", "", tr(BUDGET_NOTE), ""]
        parts += [markdown_table(content.budget), ""]
    if len(content.plausibility):
        parts += [f"## {tr('Plausibility against published experience')}", ""]
        parts += [tr(PANEL_NOTE), "", markdown_table(content.plausibility), ""]
        parts += [f"- {note}" for note in source_notes()] + [""]
    if len(content.assumptions):
        parts += [f"## {tr('Assumptions')}", "", content.assumptions_note + ".", ""]
        parts += [markdown_table(content.assumptions), ""]
    parts += [f"*{results.source_line}.*", ""]
    return "\n".join(parts)


def render_html(content: ReportContent) -> str:
    """The report as one HTML file with every chart embedded (no external files)."""
    results = content.results
    esc = html.escape
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{content.lang}"><head><meta charset="utf-8">',
        f"<title>{esc(results.name)}: commsim report</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>{esc(results.name)}</h1>",
    ]
    if results.description:
        question = f"<b>{esc(tr('Question.'))}</b> {esc(results.description)}"
        parts.append(f'<p class="question">{question}</p>')
    if content.summary:
        parts += [f"<h2>{esc(tr('Executive summary'))}</h2>", "<ul>"]
        parts += [f"<li><b>{esc(h)}:</b> {esc(t)}</li>" for h, t in content.summary]
        parts.append("</ul>")
    parts += [f"<h2>{esc(tr('Setup'))}</h2>", html_table(_setup_frame(content))]
    parts.append(html_table(_arms_frame(content)))
    parts += [f"<h2>{esc(tr('Headline findings'))}</h2>", "<ul>"]
    parts += [f"<li>{esc(finding)}</li>" for finding in content.findings]
    parts += ["</ul>", f"<h2>{esc(tr('Charts'))}</h2>"]
    for chart in content.charts:
        data = base64.b64encode(chart.png.read_bytes()).decode("ascii")
        parts.append(
            f"<figure><figcaption>{esc(chart.title)}</figcaption>"
            f'<img alt="{esc(chart.title)}" src="data:image/png;base64,{data}"></figure>'
        )
    comparison = html_table(format_cells(content.comparison, results))
    parts += [f"<h2>{esc(tr('Comparison'))}</h2>", comparison]
    if len(content.budget):
        parts += [f"<h2>{esc(tr(BUDGET_TITLE))}</h2>", f"<p>{esc(tr(BUDGET_NOTE))}</p>"]
        parts.append(html_table(content.budget))
    if len(content.plausibility):
        parts += [f"<h2>{esc(tr('Plausibility against published experience'))}</h2>"]
        parts += [f"<p>{esc(tr(PANEL_NOTE))}</p>", html_table(content.plausibility), "<ul>"]
        parts += [f"<li>{esc(note)}</li>" for note in source_notes()] + ["</ul>"]
    if len(content.assumptions):
        parts += [f"<h2>{esc(tr('Assumptions'))}</h2>", f"<p>{esc(content.assumptions_note)}.</p>"]
        parts.append(html_table(content.assumptions))
    parts += [f'<p class="source">{esc(results.source_line)}.</p>', "</body></html>"]
    return "\n".join(parts)


def write_report(results_dir: str | Path, *, lang: str = DEFAULT_LANGUAGE) -> list[Path]:
    """Write ``report.md``, ``report.html`` and ``deck.pptx`` (and the charts they show), in
    ``lang`` (``en``, ``zh-TW``, ``ja``). A sweep, sensitivity or calibration folder gets the
    report and deck of that study, with its own charts.

    Raises :class:`commsim.charts.ResultsFolderError` when the folder lacks its tables.
    """
    lang = check_language(lang)
    if study_kind(Path(results_dir)) is not None:
        return write_study_report(Path(results_dir), lang=lang)
    with use_language(lang):
        results = load_results(results_dir)
        content = gather(results, lang)
        with use_language(lang, results.currency):
            markdown = results.path / "report.md"
            write_text(markdown, render_markdown(content))
            page = results.path / "report.html"
            write_text(page, render_html(content))
            deck = write_deck(content, results.path / "deck.pptx")
    return [markdown, page, deck]
