"""The parameter reference, generated from the pydantic fields (docs/model.md embeds it)."""

from __future__ import annotations

from commsim.config.loading import allowed_text
from commsim.config.parameters import parameters


def parameter_rows() -> list[dict[str, str]]:
    """One row per dotted key: default, unit, allowed values, meaning and source."""
    return [
        {
            "key": parameter.key,
            "default": repr(parameter.field.default),
            "unit": parameter.unit,
            "allowed": allowed_text(parameter.owner, parameter.name),
            "meaning": parameter.field.description or "",
            "source": parameter.source,
        }
        for parameter in parameters().values()
    ]


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
