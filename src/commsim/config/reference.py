"""The parameter reference, generated from the pydantic fields (docs/model.md embeds it)."""

from __future__ import annotations

from pydantic import BaseModel

from commsim.config.loading import allowed_text
from commsim.config.scenario import Behavior, Brand, Platform, Population

TABLES: dict[str, type[BaseModel]] = {
    "population": Population,
    "platform": Platform,
    "brand": Brand,
    "behavior": Behavior,
}


def parameter_rows() -> list[dict[str, str]]:
    """One row per dotted key: default, unit, allowed values, meaning and source."""
    rows = []
    for table, model in TABLES.items():
        for name, field in model.model_fields.items():
            extra = field.json_schema_extra or {}
            rows.append(
                {
                    "key": f"{table}.{name}",
                    "default": repr(field.default),
                    "unit": extra.get("unit", ""),
                    "allowed": allowed_text(model, name),
                    "meaning": field.description or "",
                    "source": extra.get("source", ""),
                }
            )
    return rows


def parameter_table() -> str:
    """The parameter reference as a Markdown table."""
    lines = [
        "| key | default | unit | allowed | meaning | source |",
        "|---|---|---|---|---|---|",
    ]
    for row in parameter_rows():
        cells = [
            row[c].replace("|", "\\|")
            for c in ("key", "default", "unit", "allowed", "meaning", "source")
        ]
        lines.append("| `" + cells[0] + "` | " + " | ".join(cells[1:]) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(parameter_table())
