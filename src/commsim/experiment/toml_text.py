"""Write nested tables as TOML, for the experiment copies in a results folder.

The standard library reads TOML but does not write it; the tables we write are plain data
(strings, numbers, booleans, lists and nested tables), so a small writer is enough.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def toml_key_part(name: str) -> str:
    """One part of a dotted key: bare when TOML allows, else quoted."""
    return name if _BARE_KEY.match(name) else json.dumps(name)


def toml_value(value: Any) -> str:
    """A Python value as TOML inline text (None values in a table are left out)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a valid TOML basic string
    if isinstance(value, Mapping):
        items = (
            f"{toml_key_part(str(k))} = {toml_value(v)}" for k, v in value.items() if v is not None
        )
        return "{ " + ", ".join(items) + " }" if value else "{}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML: {value!r}")


def dumps(table: Mapping[str, Any], header: str = "") -> str:
    """TOML text for a nested mapping: scalars first, then one ``[section]`` per sub-table."""
    lines: list[str] = []
    tables = {k: v for k, v in table.items() if isinstance(v, Mapping)}
    for key, value in table.items():
        if key not in tables and value is not None:
            lines.append(f"{toml_key_part(str(key))} = {toml_value(value)}")
    text = "\n".join(lines)
    if header and (lines or not tables):
        text = f"[{header}]\n{text}"
    parts = [text] if text else []
    for key, value in tables.items():
        child = f"{header}.{toml_key_part(str(key))}" if header else toml_key_part(str(key))
        parts.append(dumps(value, child))
    return "\n\n".join(p.rstrip("\n") for p in parts) + "\n"
