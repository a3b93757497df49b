"""The evidence table as files: ``evidence.csv`` for machines and ``evidence.md`` for people."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from commsim.evidence.replicate import NOT_EXPRESSIBLE, OUTSIDE, WITHIN, EvidenceSizes
from commsim.experiment.results.atomic import write_csv, write_text

CSV_COLUMNS = [
    "study",
    "measure",
    "published_value",
    "published_low",
    "published_high",
    "interval",
    "model_value",
    "model_low",
    "model_high",
    "replicates",
    "verdict",
    "calibrates",
    "citation",
    "label",
    "note",
]


def number(value: float) -> str:
    """A published or modelled number as text: signed, three significant figures."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if math.isinf(value):
        return "+inf" if value > 0 else "-inf"
    return f"{value:+.3g}" if value else "0"


def published_text(row: dict) -> str:
    kind, value = row["interval"], row["published_value"]
    low, high = row["published_low"], row["published_high"]
    if kind == "point":
        return f"{number(value)} (no interval published)"
    if kind == "sign":
        return "> 0 (direction only)" if low >= 0 else "< 0 (direction only)"
    centre = f"{number(value)} " if not math.isnan(value) else ""
    what = "band" if kind == "band" else "range"
    return f"{centre}[{number(low)}, {number(high)}] ({what})"


def model_text(row: dict) -> str:
    if row["verdict"] == NOT_EXPRESSIBLE:
        return "—"
    if not row["replicates"]:
        return "no finite value"
    interval = (
        f" [{number(row['model_low'])}, {number(row['model_high'])}]"
        if not math.isnan(row["model_low"])
        else ""
    )
    return f"{number(row['model_value'])}{interval}"


def summary_line(rows: Sequence[dict]) -> str:
    """How many measures and studies land within, outside, or cannot be expressed."""
    counts = Counter(row["verdict"] for row in rows)
    studies = {row["study"] for row in rows}
    expressible = {row["study"] for row in rows if row["verdict"] != NOT_EXPRESSIBLE}
    return (
        f"{len(studies)} studies, {len(rows)} measures: {counts[WITHIN]} within, "
        f"{counts[OUTSIDE]} outside, {counts[NOT_EXPRESSIBLE]} not expressible"
        + (f", {counts['undecided']} undecided" if counts["undecided"] else "")
        + f" ({len(expressible)} studies expressible)"
    )


def evidence_markdown(rows: Sequence[dict], sizes: EvidenceSizes, seed: int, command: str) -> str:
    """The table a strategist reads: published against model, with the verdict."""
    lines = [
        "# Field evidence: published experiments replicated in the model",
        "",
        f"Command: `{command}`; {sizes.members:,} simulated members, {sizes.replicates} "
        f"replicates per study, seed {seed}. Model intervals: 95% t interval of the mean over "
        "replicates (simulation noise at the sourced defaults, not what the assumptions leave "
        "open). Verdict: within when the model's interval meets the published interval (for "
        "a published direction: lies wholly on its side of 0); undecided when the model's "
        "interval is wider than 1 (100 points of a lift): the sample is too small to tell.",
        "",
        summary_line(rows),
        "",
        "| study | measure | published | model (95% interval) | verdict | note |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        note = str(row["note"]).replace("|", "/")
        if row.get("calibrates"):
            note = f"calibration target of `{row['calibrates']}`: not independent evidence. {note}"
        lines.append(
            f"| {row['citation']} | {row['label']} | {published_text(row)} | "
            f"{model_text(row)} | {row['verdict']} | {note} |"
        )
    lines += [
        "",
        "A study the model lands outside of is a finding about the model's laws or defaults, "
        "never a reason to tune a parameter until it passes (docs/validation.md).",
        "",
    ]
    return "\n".join(lines)


def write_tables(
    rows: Sequence[dict], out: Path, sizes: EvidenceSizes, seed: int, command: str
) -> list[Path]:
    """Write ``evidence.csv`` and ``evidence.md`` into ``out`` (each whole or not at all)."""
    frame = pd.DataFrame(list(rows), columns=CSV_COLUMNS)
    return [
        write_csv(out / "evidence.csv", frame),
        write_text(out / "evidence.md", evidence_markdown(rows, sizes, seed, command)),
    ]
