"""``claims.md`` and ``claims.html``: the claims audit as a page in the current language, a
one-page table of verdicts, then one section per claim (what was compared, every check with
its effect, the reversing world, the charts), then the screening."""

from __future__ import annotations

import base64
import html

import pandas as pd

from commsim.analysis.display import display, factor_label
from commsim.analysis.setting_names import setting_name
from commsim.charts.reports.report import CSS, html_table, markdown_table
from commsim.claims.claims_catalogue import claim
from commsim.claims.claims_findings import (
    arm_name,
    effect_text,
    platform_label,
    screening_finding,
    verdict_word,
    world_text,
)
from commsim.claims.claims_folder import (
    AuditTables,
    ClaimsFigure,
    platform_frame,
    screening_frame,
    verdict_frame,
)
from commsim.claims.claims_plan import COMMON_UNCERTAIN
from commsim.claims.claims_verdicts import Effect
from commsim.locale import join_words, say, speech, tr


def _reading() -> str:
    """How a verdict is read (markdown bold on the three verdicts)."""
    return tr(
        "A verdict is read at 95%: the claim **holds** when every one of its checks has its "
        "mean paired difference (favoured arm minus the other, replicate by replicate on the "
        "same seeds) with a 95% bootstrap interval above 0; it is **reversed** when its first "
        "check's interval lies below 0; otherwise it is **undecided** (the data do not tell, or "
        "a secondary check fails). Effects are for the whole market the members stand for."
    )


def describe(row: pd.Series, horizon: int) -> str:
    """A check (a ``checks.csv`` row) in words: ``value beats push on cumulative profit on
    day 1,095``."""
    day = int(row["day"]) if pd.notna(row["day"]) else horizon
    brand = row["brand"] if isinstance(row["brand"], str) else ""
    return say(
        "{favoured} beats {versus} on {metric} on day {day}{whose}",
        favoured=arm_name(str(row["favoured"])),
        versus=arm_name(str(row["versus"])),
        metric=display(str(row["metric"])).label,
        day=f"{day:,}",
        whose=f" ({brand})" if brand else "",
    )


def _effect(row: pd.Series) -> Effect:
    return Effect(float(row["effect"]), float(row["ci_low"]), float(row["ci_high"]), int(row["n"]))


def _listing(checks: pd.DataFrame, horizon: int) -> str:
    """Each check with its effect and result, ``; ``-separated."""
    return "; ".join(
        f"{describe(row, horizon)}: "
        f"{effect_text(str(row['metric']), _effect(row))} "
        f"[{verdict_word(str(row['result']))}]"
        for _, row in checks.sort_values("index").iterrows()
    )


def _checks(tables: AuditTables, first: pd.Series, kind: str) -> str:
    """The claim's checks (or evidence) as measured on its first platform, from checks.csv."""
    table = tables.checks
    if len(table) == 0:
        return str(first["checks" if kind == "check" else "evidence"])  # an older folder
    own = table[
        (table["claim"] == first["claim"])
        & (table["platform"] == first["platform"])
        & (table["world"] == "main")
        & (table["kind"] == kind)
    ]
    return _listing(own, int(first["horizon"]))


def _sections(tables: AuditTables) -> list[tuple[str, list[str], pd.DataFrame, list[ClaimsFigure]]]:
    """Per claim: heading, paragraphs, the platform table and the figures."""
    sections = []
    for claim_id in dict.fromkeys(tables.claims["claim"]):
        rows = tables.claims[tables.claims["claim"] == claim_id]
        one = claim(str(claim_id))
        first = rows.iloc[0]
        horizon = int(first["horizon"])
        main = tables.checks.query("kind == 'check' and index == 0") if len(tables.checks) else None
        comparison = (
            describe(main[main["claim"] == claim_id].iloc[0], horizon)
            if main is not None and (main["claim"] == claim_id).any()
            else str(first["comparison"])
        )
        paragraphs = [
            f'*"{tr(one.statement)}"* ({tr(one.sources)})',
            say(
                "Compared: {comparison}, at a horizon of {days} days. Reversing world: {world}.",
                comparison=comparison,
                days=f"{horizon:,}",
                world=world_text(str(first["reversal_world"])),
            ),
            say(
                "Checks (all must hold, {platform}): {checks}.",
                platform=platform_label(str(first["platform"])),
                checks=_checks(tables, first, "check"),
            ),
            say("Behaviour behind it: {evidence}.", evidence=_checks(tables, first, "evidence")),
        ]
        figures = [f for f in tables.figures if f.claim == claim_id]
        heading = say("{claim}: {title}", claim=claim_id, title=tr(one.title))
        sections.append((heading, paragraphs, platform_frame(rows), figures))
    return sections


def _sentence(text: str) -> str:
    """``text`` ended with the language's full stop."""
    return text + speech().language.full_stop


def _factor(key: str) -> str:
    """A swept parameter: its last part in English, its setting's name in another language."""
    return factor_label(key) if speech().lang == "en" else setting_name(key)


def _setup(tables: AuditTables) -> list[str]:
    info, sizing = tables.info, tables.info.get("sizing", {})
    platforms = join_words([platform_label(p) for p in info.get("platforms", [])])
    base = info.get("base") or {}
    comma = speech().language.list_separator
    english = speech().lang == "en"  # keys for analysts, the settings' names for a client
    scenario = comma.join(f"{k if english else setting_name(k)} = {v}" for k, v in base.items())
    swept = comma.join(_factor(k) for k in info.get("uncertainties", {})) or say(
        "{factors} and what each claim's mechanisms and reversal set, from half to twice "
        "each value",
        factors=comma.join(_factor(k) for k in COMMON_UNCERTAIN),
    )
    lines = [
        say(
            "Scenario under audit: {experiment} ({scenario}).",
            experiment=info.get("experiment") or tr("defaults"),
            scenario=scenario or tr("the model's defaults"),
        ),
        say(
            "Platforms: {platforms}. Paired replicates per arm: {n}; seed {seed}; {runs} runs "
            "in all.",
            platforms=platforms,
            n=sizing.get("replicates"),
            seed=sizing.get("seed"),
            runs=f"{info.get('runs', 0):,}",
        ),
        say(
            "Sweep per claim and platform: {points} Latin-hypercube points x {replicates} "
            "replicate(s) over {swept}.",
            points=sizing.get("sweep_points"),
            replicates=sizing.get("sweep_replicates"),
            swept=swept,
        ),
    ]
    if sizing.get("horizon"):
        lines.append(
            say(
                "Horizons capped at {days} days and at most {members} members: a quick look, "
                "not the audit's verdicts.",
                days=sizing["horizon"],
                members=sizing.get("members"),
            )
        )
    lines.append(tables.assumptions_line)
    lines += list(info.get("notes", []))
    return lines


def render_claims_markdown(tables: AuditTables) -> str:
    """claims.md: the verdict table, one section per claim, the screening; charts linked."""
    parts = ["# " + say("Claims audit: {name}", name=tables.info.get("name", "claims")), ""]
    parts += [f"- {line}" for line in _setup(tables)] + ["", _reading(), ""]
    parts += [f"## {tr('Verdicts')}", "", markdown_table(verdict_frame(tables.claims)), ""]
    for heading, paragraphs, frame, figures in _sections(tables):
        parts += [f"## {heading}", ""]
        for paragraph in paragraphs:
            parts += [paragraph, ""]
        parts += [markdown_table(frame), ""]
        for figure in figures:
            relative = figure.png.relative_to(tables.path).as_posix()
            parts += [f"### {figure.title}", "", f"![{figure.title}]({relative})", ""]
    parts += _screening_markdown(tables)
    parts += [f"*{_sentence(tables.source_line)}*", ""]
    return "\n".join(parts)


def _screening_markdown(tables: AuditTables) -> list[str]:
    screening = tables.screening
    if screening is None or len(screening) == 0:
        return []
    parts = [f"## {_screening_heading()}", ""]
    parts += [_screening_reading(tables), ""]
    for claim_id in dict.fromkeys(screening["claim"]):
        own = screening[screening["claim"] == claim_id]
        parts += [f"### {screening_finding(str(claim_id), own)}", ""]
        parts += [markdown_table(_screening_table(own)), ""]
    return parts


def _screening_heading() -> str:
    return tr("Which assumptions decide each claim (Morris screening)")


def _screening_reading(tables: AuditTables) -> str:
    """How the screening is read: in English for analysts (mu*, sigma), else in words."""
    screening = tables.screening
    assert screening is not None
    platform = platform_label(str(screening["platform"].iloc[0]))
    count = tables.info.get("sizing", {}).get("trajectories")
    if speech().lang != "en":
        return say(
            "Each claim's first check, on {platform}, with each setting moved from half to "
            "twice its value ({trajectories} Morris trajectories); settings whose intervals "
            "overlap cannot be ordered. Full ranking: screening.csv.",
            platform=platform,
            trajectories=count or "?",
        )
    return (
        f"Each claim's first check (the paired difference) over every numeric parameter, "
        f"each from half to twice its value, on {platform}; mu* is the mean absolute effect "
        "of moving one parameter across its range (outcome units, with the 95% half-width "
        f"of its bootstrap over {count or 'its'} trajectories), sigma its spread "
        "(interactions, non-linearity); parameters whose intervals overlap cannot be "
        "ordered. *Default*: whether the parameter's default value has a published source "
        "or is an assumption. Full ranking: `screening.csv`."
    )


def _screening_table(own: pd.DataFrame) -> pd.DataFrame:
    """The analysts' table in English (keys, mu*, sigma); the client's words otherwise."""
    return screening_frame(own, plain=speech().lang != "en")


def render_claims_html(tables: AuditTables) -> str:
    """claims.html: the same as claims.md in one file, charts embedded."""
    esc = html.escape
    name = tables.info.get("name", "claims")
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{speech().lang}"><head><meta charset="utf-8">',
        f"<title>{esc(say('Claims audit: {name}', name=name))}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>{esc(say('Claims audit: {name}', name=name))}</h1>",
        "<ul>" + "".join(f"<li>{esc(line)}</li>" for line in _setup(tables)) + "</ul>",
        f"<p>{esc(_reading()).replace('**', '')}</p>",
        f"<h2>{esc(tr('Verdicts'))}</h2>",
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
        parts.append(f"<h2>{esc(_screening_heading())}</h2>")
        for claim_id in dict.fromkeys(screening["claim"]):
            own = screening[screening["claim"] == claim_id]
            parts.append(f"<h3>{esc(screening_finding(str(claim_id), own))}</h3>")
            parts.append(html_table(_screening_table(own)))
    parts += [f'<p class="source">{esc(_sentence(tables.source_line))}</p>', "</body></html>"]
    return "\n".join(parts)
