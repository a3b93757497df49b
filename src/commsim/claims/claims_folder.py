"""A finished claims audit read back from its folder (``audit.json`` and the tables), and the
tables a report shows of it, in the current language: the verdicts, each claim on each
platform, the screening."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from commsim.analysis.chances import evidence_text
from commsim.analysis.display import display, format_value
from commsim.analysis.setting_names import setting_name
from commsim.claims.claims_audit import AUDIT_FILE
from commsim.claims.claims_findings import (
    arm_name,
    effect_unit,
    outcome_metric,
    platform_label,
    row_effect,
    verdict_word,
)
from commsim.claims.claims_plausibility import flag, plausibility_text
from commsim.config.parameters import parameters
from commsim.experiment.results.folder_reading import ResultsFolderError
from commsim.locale import say, speech, tr

SCREENING_ROWS = 8  # parameters listed per claim in the report


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
    def mode(self) -> str:
        """``fixed``, ``prior`` or ``posterior``: where the assumptions came from (``fixed``
        for audits from before issue 24)."""
        entry = self.info.get("assumptions")
        return str(entry.get("mode", "fixed")) if isinstance(entry, dict) else "fixed"

    @property
    def assumptions_line(self) -> str:
        """What the verdicts assume: the defaults, or worlds drawn (and from what)."""
        if self.mode == "prior":
            return tr(
                "Assumptions drawn from their plausible ranges (prior): each paired replicate "
                "is one world, the same in both arms of every check, so the intervals include "
                "what we do not know; the sweeps and screening keep the defaults."
            )
        if self.mode == "posterior":
            entry = self.info.get("assumptions") or {}
            return say(
                "Assumptions drawn from the posterior inferred from {evidence}: each paired "
                "replicate is one world, the same in both arms of every check, so the "
                "intervals include what we do not know; the sweeps and screening keep the "
                "defaults.",
                evidence=evidence_text(entry.get("posterior")),
            )
        return tr(
            "Assumptions fixed at their defaults: the verdicts hold if those defaults are "
            "right (--assumptions posterior draws them from the posterior inferred from "
            "field evidence)."
        )

    @property
    def drawn_line(self) -> str:
        """The deck's short line on drawn assumptions ("" when fixed)."""
        if self.mode == "prior":
            return tr("Assumptions drawn per replicate from their plausible ranges (prior)")
        if self.mode == "posterior":
            entry = self.info.get("assumptions") or {}
            return say(
                "Assumptions drawn per replicate from the posterior inferred from {evidence}",
                evidence=evidence_text(entry.get("posterior")),
            )
        return ""

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
            notes = [text for text in (holds_text(cell), flag(cell)) if text]
            row[platform_label(str(cell["platform"]))] = (
                f"{verdict_word(cell['verdict'])}: {effect}" + "".join(f"; {n}" for n in notes)
            )
        rows.append(row)
    return pd.DataFrame(rows)


def holds_text(row: pd.Series) -> str:
    """``holds in 7 of 10 worlds`` (the first check's sign, over the drawn worlds), or ""
    when nothing was drawn."""
    if "worlds" not in row.index or pd.isna(row["worlds"]) or not int(row["worlds"]):
        return ""
    return say(
        "holds in {count} of {n} worlds",
        count=int(row["worlds_holding"]),
        n=int(row["worlds"]),
    )


def platform_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """One claim on each platform: verdict, effect, reversal, mechanisms and region, in the
    current language (with drawn assumptions, in how many worlds it holds)."""
    drawn = {}
    if "worlds" in rows.columns:
        drawn = {tr("Drawn worlds"): [holds_text(row) for _, row in rows.iterrows()]}
    return pd.DataFrame(
        {
            tr("Platform"): [platform_label(str(p)) for p in rows["platform"]],
            tr("Verdict"): [verdict_word(str(v)) for v in rows["verdict"]],
            **drawn,
            tr("Effect (95% CI)"): [row_effect(row) for _, row in rows.iterrows()],
            "n": rows["n"],
            tr("Reversing world"): [
                f"{verdict_word(str(row['reversal_verdict']))}: {row_effect(row, reversal=True)}"
                for _, row in rows.iterrows()
            ],
            tr("Share lost without"): [_shares(m) for m in rows["mechanisms"]],
            tr("Where it reverses (sweep)"): [_region(row) for _, row in rows.iterrows()],
            **_published(rows),
        }
    )


def _published(rows: pd.DataFrame) -> dict[str, list[str]]:
    """The sales gap and return held against published experience ({} for an older
    folder)."""
    texts = [plausibility_text(row, arm_name(str(row["versus"]))) for _, row in rows.iterrows()]
    return {tr("Against published experience"): texts} if any(texts) else {}


def _shares(text: object) -> str:
    """``fatigue 577%; shares -403%`` with each mechanism named in the current language."""
    if not isinstance(text, str) or not text:
        return ""
    parts = (part.rsplit(" ", 1) for part in text.split("; "))
    return "; ".join(f"{tr(name)} {share}" for name, share in parts)


def _region(row: pd.Series) -> str:
    """Where the sweep reverses the claim: the study's sentence in English; in another
    language the count of reversing points (the sentence's conditions are English only)."""
    text = row["region"] if isinstance(row["region"], str) else ""
    if speech().lang == "en" or not text:
        return text
    return say(
        "{reversing} of {points} points of the sweep reverse it",
        reversing=int(row["region_reversing"]),
        points=int(row["region_points"]),
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
