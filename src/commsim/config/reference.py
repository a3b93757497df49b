"""The parameter reference, generated from the pydantic fields (docs/model.md embeds it)."""

from __future__ import annotations

from commsim.config.loading import allowed_text
from commsim.config.parameters import parameters


def prior_text(prior: tuple | None) -> str:
    """An assumption's plausible range as text: ``0.1-0.5``, ``0.1-0.5, 2-5`` or the choices."""
    if prior is None:
        return ""
    if all(isinstance(p, tuple) for p in prior):
        return ", ".join(prior_text(p) for p in prior)
    if all(isinstance(p, str) for p in prior):
        return " or ".join(repr(p) for p in prior)
    low, high = prior
    return f"{low:g} to {high:g}"


def parameter_rows() -> list[dict[str, str]]:
    """One row per dotted key: default, unit, allowed values, plausible range (for an
    assumption), meaning and source."""
    return [
        {
            "key": parameter.key,
            "default": repr(parameter.field.default),
            "unit": parameter.unit,
            "allowed": allowed_text(parameter.owner, parameter.name),
            "prior": prior_text(parameter.prior),
            "meaning": parameter.field.description or "",
            "source": parameter.source,
        }
        for parameter in parameters().values()
    ]


def parameter_table() -> str:
    """The parameter reference as a Markdown table."""
    lines = [
        "| key | default | unit | allowed | plausible (prior) | meaning | source |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in parameter_rows():
        cells = [
            row[c].replace("|", "\\|")
            for c in ("key", "default", "unit", "allowed", "prior", "meaning", "source")
        ]
        lines.append("| `" + cells[0] + "` | " + " | ".join(cells[1:]) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(parameter_table())
