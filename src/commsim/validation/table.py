"""The validation results as tables: plain text for the terminal, Markdown for the docs."""

from __future__ import annotations

from commsim.validation.checks import CheckResult

HEADER = ("check", "expected", "measured", "tolerance", "result")


def _cells(rows: list[CheckResult]) -> list[tuple[str, ...]]:
    return [(r.check, r.expected, r.measured, r.tolerance, r.status) for r in rows]


def format_table(rows: list[CheckResult]) -> str:
    """Plain text: check, expected, measured, tolerance, pass/FAIL/skip, in aligned columns."""
    cells = [HEADER, *_cells(rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(HEADER))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in cells
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def format_markdown(rows: list[CheckResult]) -> str:
    """A Markdown table of the same columns (pipes inside cells escaped)."""
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for row in _cells(rows):
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
    return "\n".join(lines)
