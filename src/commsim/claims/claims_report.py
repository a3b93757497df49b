"""The claims audit as a report: ``claims.md``, a self-contained ``claims.html`` and
``claims.pptx``, all in one language, and the charts. Everything is read back from the audit
folder's tables, so a report can be redrawn from a finished folder."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from commsim.charts.files import save_chart
from commsim.charts.reports.report_content import slide_image
from commsim.charts.style import use_style
from commsim.claims.claims_charts import claim_charts
from commsim.claims.claims_deck import deck_lines, write_claims_deck
from commsim.claims.claims_findings import screening_finding
from commsim.claims.claims_folder import (
    AuditTables,
    ClaimsFigure,
    read_audit,
    screening_frame,
    verdict_frame,
)
from commsim.claims.claims_pages import render_claims_html, render_claims_markdown
from commsim.experiment.results.store import write_text
from commsim.locale import DEFAULT_LANGUAGE, say, use_language

__all__ = ["read_audit", "write_claims_report"]


def draw_figures(tables: AuditTables) -> list[ClaimsFigure]:
    """Every claim's charts into ``charts/claims_<nn>_<claim>_<chart>.png``."""
    folder = tables.path / "charts"
    folder.mkdir(exist_ok=True)
    figures = []
    with use_style("deck"):
        charts = claim_charts(tables.claims, tables.mechanisms, tables.source_line)
        index = 0
        for claim_id, drawn in charts.items():
            for chart in drawn:
                index += 1
                png = save_chart(chart, folder, f"claims_{index:02d}_{chart.name}", ("png",))[0]
                figures.append(ClaimsFigure(claim_id, chart.title, png, slide_image(chart)))
    return figures


def write_claims_report(folder: str | Path, *, lang: str = DEFAULT_LANGUAGE) -> list[Path]:
    """Draw the charts and write ``claims.md``, ``claims.html`` and ``claims.pptx``, all in
    ``lang`` (``en``, ``zh-TW``, ``ja``): one wording for the page and the slides."""
    tables = read_audit(folder)
    screening = tables.screening if tables.screening is not None else pd.DataFrame()
    with use_language(lang, tables.currency):
        tables.figures = draw_figures(tables)
        markdown = write_text(tables.path / "claims.md", render_claims_markdown(tables))
        page = write_text(tables.path / "claims.html", render_claims_html(tables))
        deck = write_claims_deck(
            tables.path / "claims.pptx",
            say(
                "Which marketing claims hold, and where: audit {name}",
                name=tables.info.get("name", "claims"),
            ),
            deck_lines(tables.info, tables.quick_look, tables.drawn_line),
            verdict_frame(tables.claims, units=True),
            [(figure.title, figure.slide_png) for figure in tables.figures],
            [
                (screening_finding(str(claim_id), own), screening_frame(own, plain=True))
                for claim_id, own in screening.groupby("claim", sort=False)
            ]
            if len(screening)
            else [],
            tables.source_line,
            warning=tables.quick_look,
        )
    return [markdown, page, deck, *(figure.png for figure in tables.figures)]
