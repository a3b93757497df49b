"""The claims audit as a report: ``claims.md``, a self-contained ``claims.html`` and
``claims.pptx``: a one-page table of verdicts, then one section per claim with its charts,
then the screening. Everything is read back from the audit folder's tables, so a report can
be redrawn from a finished folder."""

from __future__ import annotations

import base64
import html
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from commsim.analysis.claims_findings import (
    effect_unit,
    outcome_metric,
    platform_label,
    row_effect,
    screening_finding,
    verdict_word,
)
from commsim.analysis.display import display, factor_label, format_value
from commsim.analysis.language import DEFAULT_LANGUAGE, say, tr, use_language
from commsim.analysis.setting_names import setting_name
from commsim.charts.claims_charts import claim_charts
from commsim.charts.claims_deck import deck_lines, slide_images, write_claims_deck
from commsim.charts.files import save_chart
from commsim.charts.report import CSS, html_table, markdown_table
from commsim.charts.report_content import slide_image
from commsim.charts.style import use_style
from commsim.config.parameters import parameters
from commsim.experiment.folder_reading import ResultsFolderError
from commsim.experiment.store import write_text
from commsim.studies.claims_audit import AUDIT_FILE
from commsim.studies.claims_catalogue import claim
from commsim.studies.claims_plan import COMMON_UNCERTAIN

SCREENING_ROWS = 8  # parameters listed per claim in the report
READING = (
    "A verdict is read at 95%: the claim **holds** when every one of its checks has its "
    "mean paired difference (favoured arm minus the other, replicate by replicate on the same "
    "seeds) with a 95% bootstrap interval above 0; it is **reversed** when its first check's "
    "interval lies below 0; otherwise it is **undecided** (the data do not tell, or a "
    "secondary check fails). Effects are for the whole market the members stand for."
)


@dataclass
class ClaimsFigure:
    """One chart of the report: its finding, its PNG and its slide image."""

    claim: str
    title: str
    png: Path
    slide_png: bytes


@dataclass
class AuditTables:
    """A finished audit folder: what was asked and its tables."""

    path: Path
    info: dict[str, Any]
    claims: pd.DataFrame
    checks: pd.DataFrame
    mechanisms: pd.DataFrame
    screening: pd.DataFrame | None
    figures: list[ClaimsFigure] = field(default_factory=list)

    @property
    def source_line(self) -> str:
        sizing = self.info.get("sizing", {})
        return say(
            "Source: commsim claims audit '{name}': {n} paired replicates per arm, seed "
            "{seed}; mean paired difference with 95% bootstrap interval",
            name=self.info.get("name", "claims"),
            n=sizing.get("replicates"),
            seed=sizing.get("seed"),
        )

    @property
    def currency(self) -> str:
        """The currency money effects are in (the audited scenario's; US dollars by default)."""
        base = self.info.get("base") or {}
        return str(base.get("population.currency") or "USD")

    @property
    def quick_look(self) -> str:
        """The quick audit's warning (capped horizons and market): not verdicts; else ""."""
        sizing = self.info.get("sizing", {})
        if not sizing.get("horizon"):
            return ""
        return say(
            "A quick look, not verdicts: horizons capped at {days} days and at most {members} "
            "members",
            days=sizing["horizon"],
            members=sizing.get("members"),
        )


def _table(folder: Path, name: str) -> pd.DataFrame | None:
    path = folder / f"{name}.csv"
    return pd.read_csv(path, keep_default_na=False, na_values=[""]) if path.is_file() else None


def read_audit(folder: str | Path) -> AuditTables:
    """The audit's description and tables (``claims.csv`` must be there)."""
    folder = Path(folder)
    claims = _table(folder, "claims")
    if claims is None:
        raise ResultsFolderError(f"{folder}: no claims.csv; run a claims audit into it first")
    info_path = folder / AUDIT_FILE
    info = json.loads(info_path.read_text(encoding="utf-8")) if info_path.is_file() else {}
    checks = _table(folder, "checks")
    mechanisms = _table(folder, "mechanisms")
    return AuditTables(
        folder,
        info,
        claims,
        checks if checks is not None else pd.DataFrame(),
        mechanisms if mechanisms is not None else pd.DataFrame(),
        _table(folder, "screening"),
    )


def verdict_frame(claims: pd.DataFrame, *, units: bool = False) -> pd.DataFrame:
    """The one-page table: one row per claim, one column per platform; with ``units``, each
    effect says its unit (the currency for money)."""
    rows = []
    for claim_id in dict.fromkeys(claims["claim"]):
        own = claims[claims["claim"] == claim_id]
        row = {tr("Claim"): f"{claim_id} {tr(str(own['title'].iloc[0]))}"}
        for _, cell in own.iterrows():
            unit = effect_unit(outcome_metric(str(cell["outcome"]))) if units else ""
            effect = f"{row_effect(cell)} {unit}".strip()
            row[platform_label(str(cell["platform"]))] = (
                f"{verdict_word(cell['verdict'])}: {effect}"
            )
        rows.append(row)
    return pd.DataFrame(rows)


def platform_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """One claim on each platform: verdict, effect, reversal, mechanisms and region."""
    return pd.DataFrame(
        {
            "Platform": [platform_label(str(p)) for p in rows["platform"]],
            "Verdict": rows["verdict"],
            "Effect (95% CI)": [row_effect(row) for _, row in rows.iterrows()],
            "n": rows["n"],
            "Reversing world": [
                f"{row['reversal_verdict']}: {row_effect(row, reversal=True)}"
                for _, row in rows.iterrows()
            ],
            "Share lost without": rows["mechanisms"].fillna(""),
            "Where it reverses (sweep)": rows["region"].fillna(""),
        }
    )


def screening_frame(table: pd.DataFrame, *, plain: bool = False) -> pd.DataFrame:
    """The claim's most influential parameters: mu* with its 95% half-width and sigma, in
    the outcome's units, and whether the parameter's default is sourced or an assumption;
    ``plain``: in words for a client (setting names, no Greek), in the current language."""
    top = table.sort_values("rank").head(SCREENING_ROWS)
    kind = display(outcome_metric(str(top["outcome"].iloc[0]))).kind if len(top) else "count"
    catalogue = parameters()

    def basis(key: str) -> str:
        source = catalogue[key].source if key in catalogue else ""
        return "assumption" if source.lower().startswith("assumption") else "sourced"

    if not plain:
        return pd.DataFrame(
            {
                "Rank": top["rank"],
                "Parameter": top["parameter"],
                "mu* (± 95%)": [
                    f"{format_value(v, kind)} (±{format_value(c, kind)})"
                    for v, c in zip(top["mu_star"], top["mu_star_conf"], strict=True)
                ],
                "sigma": [format_value(v, kind) for v in top["sigma"]],
                "Default": [basis(str(key)) for key in top["parameter"]],
            }
        )
    unit = effect_unit(outcome_metric(str(top["outcome"].iloc[0]))) if len(top) else ""
    return pd.DataFrame(
        {
            tr("Rank"): top["rank"],
            tr("Setting"): [setting_name(str(key)) for key in top["parameter"]],
            say("Effect of moving it from half to twice its value ({unit}, ± 95%)", unit=unit): [
                f"{format_value(v, kind)} (±{format_value(c, kind)})"
                for v, c in zip(top["mu_star"], top["mu_star_conf"], strict=True)
            ],
            tr("How much that effect varies with the others"): [
                format_value(v, kind) for v in top["sigma"]
            ],
            tr("Its default"): [tr(basis(str(key))) for key in top["parameter"]],
        }
    )


def _sections(tables: AuditTables) -> list[tuple[str, list[str], pd.DataFrame, list[ClaimsFigure]]]:
    """Per claim: heading, paragraphs, the platform table and the figures."""
    sections = []
    for claim_id in dict.fromkeys(tables.claims["claim"]):
        rows = tables.claims[tables.claims["claim"] == claim_id]
        one = claim(str(claim_id))
        first = rows.iloc[0]
        paragraphs = [
            f'*"{one.statement}"* ({one.sources})',
            f"Compared: {first['comparison']}, at a horizon of {int(first['horizon']):,} days. "
            f"Reversing world: {first['reversal_world']}.",
            f"Checks (all must hold, {platform_label(str(first['platform']))}): {first['checks']}.",
            f"Behaviour behind it: {first['evidence']}.",
        ]
        figures = [f for f in tables.figures if f.claim == claim_id]
        sections.append((f"{claim_id}: {one.title}", paragraphs, platform_frame(rows), figures))
    return sections


def _setup(tables: AuditTables) -> list[str]:
    info, sizing = tables.info, tables.info.get("sizing", {})
    platforms = ", ".join(platform_label(p) for p in info.get("platforms", []))
    base = info.get("base") or {}
    scenario = ", ".join(f"{k} = {v}" for k, v in base.items()) or "the model's defaults"
    lines = [
        f"Scenario under audit: {info.get('experiment') or 'defaults'} ({scenario}).",
        f"Platforms: {platforms}. Paired replicates per arm: {sizing.get('replicates')}; "
        f"seed {sizing.get('seed')}; {info.get('runs', 0):,} runs in all.",
        f"Sweep per claim and platform: {sizing.get('sweep_points')} Latin-hypercube points x "
        f"{sizing.get('sweep_replicates')} replicate(s) over "
        + (
            ", ".join(factor_label(k) for k in info.get("uncertainties", {}))
            or ", ".join(factor_label(k) for k in COMMON_UNCERTAIN)
            + " and what each claim's mechanisms and reversal set, from half to twice each value"
        )
        + ".",
    ]
    if sizing.get("horizon"):
        lines.append(
            f"Horizons capped at {sizing['horizon']} days and at most "
            f"{sizing.get('members')} members: a quick look, not the audit's verdicts."
        )
    lines += list(info.get("notes", []))
    return lines


def render_claims_markdown(tables: AuditTables) -> str:
    """claims.md: the verdict table, one section per claim, the screening; charts linked."""
    parts = [f"# Claims audit: {tables.info.get('name', 'claims')}", ""]
    parts += [f"- {line}" for line in _setup(tables)] + ["", READING, ""]
    parts += ["## Verdicts", "", markdown_table(verdict_frame(tables.claims)), ""]
    for heading, paragraphs, frame, figures in _sections(tables):
        parts += [f"## {heading}", ""]
        for paragraph in paragraphs:
            parts += [paragraph, ""]
        parts += [markdown_table(frame), ""]
        for figure in figures:
            relative = figure.png.relative_to(tables.path).as_posix()
            parts += [f"### {figure.title}", "", f"![{figure.title}]({relative})", ""]
    parts += _screening_markdown(tables)
    parts += [f"*{tables.source_line}.*", ""]
    return "\n".join(parts)


def _screening_markdown(tables: AuditTables) -> list[str]:
    screening = tables.screening
    if screening is None or len(screening) == 0:
        return []
    parts = ["## Which assumptions decide each claim (Morris screening)", ""]
    platform = platform_label(str(screening["platform"].iloc[0]))
    parts += [
        f"Each claim's first check (the paired difference) over every numeric parameter, "
        f"each from half to twice its value, on {platform}; mu* is the mean absolute effect "
        "of moving one parameter across its range (outcome units, with the 95% half-width "
        f"of its bootstrap over {_trajectories(tables)} trajectories), sigma its spread "
        "(interactions, non-linearity); parameters whose intervals overlap cannot be "
        "ordered. *Default*: whether the parameter's default value has a published source "
        "or is an assumption. Full ranking: `screening.csv`.",
        "",
    ]
    for claim_id in dict.fromkeys(screening["claim"]):
        own = screening[screening["claim"] == claim_id]
        parts += [f"### {screening_finding(str(claim_id), own)}", ""]
        parts += [markdown_table(screening_frame(own)), ""]
    return parts


def _trajectories(tables: AuditTables) -> str:
    """The screening's Morris trajectories, as the audit recorded them."""
    count = tables.info.get("sizing", {}).get("trajectories")
    return f"{count}" if count else "its"


def render_claims_html(tables: AuditTables) -> str:
    """claims.html: the same as claims.md in one file, charts embedded."""
    esc = html.escape
    name = tables.info.get("name", "claims")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{esc(name)}: commsim claims audit</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>Claims audit: {esc(name)}</h1>",
        "<ul>" + "".join(f"<li>{esc(line)}</li>" for line in _setup(tables)) + "</ul>",
        f"<p>{esc(READING).replace('**', '')}</p>",
        "<h2>Verdicts</h2>",
        html_table(verdict_frame(tables.claims)),
    ]
    for heading, paragraphs, frame, figures in _sections(tables):
        parts.append(f"<h2>{esc(heading)}</h2>")
        parts += [f"<p>{esc(p.replace('*', ''))}</p>" for p in paragraphs]
        parts.append(html_table(frame))
        for figure in figures:
            data = base64.b64encode(figure.png.read_bytes()).decode("ascii")
            parts.append(
                f"<figure><figcaption>{esc(figure.title)}</figcaption>"
                f'<img alt="{esc(figure.title)}" src="data:image/png;base64,{data}"></figure>'
            )
    screening = tables.screening
    if screening is not None and len(screening):
        parts.append("<h2>Which assumptions decide each claim (Morris screening)</h2>")
        for claim_id in dict.fromkeys(screening["claim"]):
            own = screening[screening["claim"] == claim_id]
            parts.append(f"<h3>{esc(screening_finding(str(claim_id), own))}</h3>")
            parts.append(html_table(screening_frame(own)))
    parts += [f'<p class="source">{esc(tables.source_line)}.</p>', "</body></html>"]
    return "\n".join(parts)


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
    """Draw the charts and write ``claims.md``, ``claims.html`` (English) and
    ``claims.pptx`` (in ``lang``: ``en``, ``zh-TW``, ``ja``)."""
    tables = read_audit(folder)
    with use_language("en", tables.currency):
        tables.figures = draw_figures(tables)
    markdown = write_text(tables.path / "claims.md", render_claims_markdown(tables))
    page = write_text(tables.path / "claims.html", render_claims_html(tables))
    screening = tables.screening if tables.screening is not None else pd.DataFrame()
    with use_language(lang, tables.currency):
        images = (
            [(figure.title, figure.slide_png) for figure in tables.figures]
            if lang == "en"
            else slide_images(tables.claims, tables.mechanisms, tables.source_line)
        )
        deck = write_claims_deck(
            tables.path / "claims.pptx",
            say(
                "Which marketing claims hold, and where: audit {name}",
                name=tables.info.get("name", "claims"),
            ),
            deck_lines(tables.info, tables.quick_look),
            verdict_frame(tables.claims, units=True),
            images,
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
