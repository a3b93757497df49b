"""Turn dicts, TOML files and ``KEY=VALUE`` overrides into validated scenarios.

Every failure becomes one :class:`ConfigError` naming where (file, dotted key), what was
found and what is allowed, so the CLI can print it and exit 2 without a traceback.
"""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from commsim.config.errors import ConfigError, nearest_key
from commsim.config.parameters import model_at
from commsim.config.presets import presettable_fields
from commsim.config.scenario import Scenario


def allowed_text(model: type[BaseModel], name: str) -> str:
    """What a field allows, in words, from its declared constraints."""
    field = model.model_fields[name]
    limits: dict[str, float] = {}
    for meta in field.metadata:
        for attr in ("ge", "gt", "le", "lt"):
            if getattr(meta, attr, None) is not None:
                limits[attr] = getattr(meta, attr)
    args = getattr(field.annotation, "__args__", None)
    if args and all(isinstance(a, str) for a in args):
        return "one of " + ", ".join(repr(a) for a in args)
    type_name = {int: "whole number", float: "number", bool: "boolean (true or false)"}.get(
        field.annotation, getattr(field.annotation, "__name__", str(field.annotation))
    )
    if "ge" in limits and "le" in limits:
        return f"a {type_name} between {limits['ge']} and {limits['le']}"
    words = {"ge": ">=", "gt": ">", "le": "<=", "lt": "<"}
    bounds = " and ".join(f"{words[k]} {v}" for k, v in limits.items())
    return f"a {type_name} {bounds}".rstrip()


def describe_validation_error(
    error: ValidationError, root: type[BaseModel], where: str = "", prefix: str = ""
) -> str:
    """One readable line per problem: ``where: key: what is wrong (got value)``."""
    lines = []
    for item in error.errors():
        loc = tuple(item["loc"])
        key = ".".join(str(p) for p in (prefix.split(".") if prefix else []) + list(loc))
        key = key or "scenario"
        head = f"{where}: " if where else ""
        got = item.get("input")
        if item["type"] == "extra_forbidden":
            parent = model_at(root, loc[:-1])
            hint = ""
            if parent is not None:
                suggestion = nearest_key(str(loc[-1]), parent.model_fields)
                valid = ", ".join(parent.model_fields)
                hint = f" (did you mean '{suggestion}'?)" if suggestion else f" (valid: {valid})"
            lines.append(f"{head}{key}: unknown key{hint}")
            continue
        parent = model_at(root, loc[:-1])
        name = str(loc[-1]) if loc else ""
        if parent is not None and name in parent.model_fields and item["type"] != "value_error":
            message = f"must be {allowed_text(parent, name)}"
        else:
            message = item["msg"].replace("Value error, ", "")
        got_text = "" if isinstance(got, Mapping) else f" (got {got!r})"
        lines.append(f"{head}{key}: {message}{got_text}")
    return "\n".join(lines)


def parse_override(text: str) -> tuple[str, Any]:
    """Split ``a.b.c=VALUE``; the value is read as TOML (numbers, booleans, lists) or a string."""
    if "=" not in text:
        raise ConfigError(f"override '{text}': expected KEY=VALUE, e.g. population.members=5000")
    key, raw = (part.strip() for part in text.split("=", 1))
    if not key:
        raise ConfigError(f"override '{text}': the key is empty")
    try:
        value = tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw
    return key, value


def set_dotted(data: dict[str, Any], key: str, value: Any) -> None:
    """Set ``data['a']['b']['c'] = value`` for the key ``a.b.c``, creating tables on the way."""
    parts = key.split(".")
    node = data
    for part in parts[:-1]:
        child = node.setdefault(part, {})
        if not isinstance(child, dict):
            raise ConfigError(f"override '{key}': '{part}' is not a table")
        node = child
    node[parts[-1]] = value


def apply_overrides(data: Mapping[str, Any], overrides: Iterable[str | tuple[str, Any]]) -> dict:
    """A copy of a nested dict with dotted-key overrides applied (``population.members=5000``)."""
    result = copy.deepcopy(dict(data))
    for item in overrides:
        key, value = parse_override(item) if isinstance(item, str) else item
        set_dotted(result, key, value)
    return result


def nest_dotted(flat: Mapping[str, Any]) -> dict[str, Any]:
    """Turn ``{'brand.value_share': 0.8}`` (or already nested tables) into nested dicts."""
    nested: dict[str, Any] = {}
    for key, value in flat.items():
        if isinstance(value, Mapping):
            value = nest_dotted(value)
            target = nested
            for part in key.split(".")[:-1]:
                target = target.setdefault(part, {})
            last = key.split(".")[-1]
            existing = target.get(last)
            if isinstance(existing, dict):
                _merge(existing, value)
            else:
                target[last] = value
        else:
            set_dotted(nested, key, value)
    return nested


def flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested tables -> dotted keys (``{'brand': {'value_share': 1}}`` -> ``brand.value_share``)."""
    flat: dict[str, Any] = {}
    for key, value in table.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, Mapping):
            flat.update(flatten(value, path))
        else:
            flat[path] = value
    return flat


def _merge(into: dict, other: Mapping) -> None:
    for key, value in other.items():
        if isinstance(value, Mapping) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def merge_tables(base: Mapping[str, Any], *others: Mapping[str, Any]) -> dict[str, Any]:
    """Deep merge of nested tables; later ones win."""
    result = copy.deepcopy(dict(base))
    for other in others:
        _merge(result, copy.deepcopy(dict(other)))
    return result


def scenario_table(scenario: Scenario) -> dict[str, Any]:
    """A scenario as nested tables, leaving out the platform values its preset filled in.

    Those values then follow the preset when the table is validated again, so an override
    of ``platform.preset`` takes effect instead of meeting the old preset's values.
    """
    table = scenario.model_dump()
    platform = scenario.platform
    for name in presettable_fields() - platform.model_fields_set:
        table["platform"].pop(name, None)
    return table


def make_scenario(
    data: Scenario | Mapping[str, Any] | None = None,
    overrides: Iterable[str | tuple[str, Any]] = (),
    *,
    where: str = "",
    prefix: str = "",
) -> Scenario:
    """Validate a scenario from a Scenario, a (possibly dotted) dict or None (defaults)."""
    if isinstance(data, Scenario):
        data = scenario_table(data)
    table = apply_overrides(nest_dotted(data or {}), overrides)
    try:
        return Scenario.model_validate(table)
    except ValidationError as error:
        raise ConfigError(describe_validation_error(error, Scenario, where, prefix)) from None


def load_scenario(path: str | Path, overrides: Iterable[str] = ()) -> Scenario:
    """Read a scenario TOML file (tables population, platform, brand, behavior, competitors)."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    return make_scenario(data, overrides, where=str(path))
