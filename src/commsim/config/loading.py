"""Turn dicts, TOML files and ``KEY=VALUE`` overrides into validated scenarios.

Every failure becomes one :class:`ConfigError` naming where (file, dotted key), what was
found and what is allowed, so the CLI can print it and exit 2 without a traceback.
"""

from __future__ import annotations

import copy
import re
import typing
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from commsim.config.errors import ConfigError, nearest_key
from commsim.config.limits import (
    MAX_DEPTH,
    check_depth,
    read_override_value,
    read_toml_file,
    shown,
    shown_key,
)
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
    annotation = field.annotation
    if args and type(None) in args and len(args) == 2:  # an optional value: what it takes
        annotation = next(a for a in args if a is not type(None))
    type_name = {int: "whole number", float: "number", bool: "boolean (true or false)"}.get(
        annotation, getattr(annotation, "__name__", str(annotation))
    )
    if "ge" in limits and "le" in limits:
        return f"a {type_name} between {limits['ge']} and {limits['le']}"
    words = {"ge": ">=", "gt": ">", "le": "<=", "lt": "<"}
    bounds = " and ".join(f"{words[k]} {v}" for k, v in limits.items())
    return f"a {type_name} {bounds}".rstrip()


def share_limit(model: type[BaseModel], name: str) -> bool:
    """The field is a share: a number whose top is 1 (``le=1`` or ``lt=1``)."""
    field = model.model_fields.get(name)
    if field is None:
        return False
    return any(
        getattr(meta, "le", None) == 1 or getattr(meta, "lt", None) == 1 for meta in field.metadata
    )


def percent_hint(model: type[BaseModel] | None, name: str, got: Any) -> str:
    """``; a share, not a percentage: did you mean 0.018?`` for 1.8 given where a share
    belongs (page insights and reports quote shares as percentages)."""
    if model is None or isinstance(got, bool) or not isinstance(got, int | float):
        return ""
    if not (1 < got <= 100 and share_limit(model, name)):
        return ""
    return f"; a share, not a percentage: did you mean {got / 100:g}?"


def expected_text(model: type[BaseModel], name: str) -> str:
    """What a field takes, in a user's words (``two numbers, e.g. [0.2, 3.0]``)."""
    field = model.model_fields[name]
    annotation = field.annotation
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is tuple and args and Ellipsis not in args:
        count = {2: "two", 3: "three"}.get(len(args), str(len(args)))
        example = f", e.g. {list(field.default)}" if isinstance(field.default, tuple) else ""
        return f"{count} numbers{example}"
    if origin is list and args and _is_model(args[0]):
        return f'a list of tables, e.g. {name} = [{{ name = "rival" }}]'
    if _is_model(annotation):
        first, info = next(iter(annotation.model_fields.items()))
        return f"a table of {name} keys, e.g. {name}.{first} = {info.default!r}"
    if annotation is str:
        return "text in quotes"
    return allowed_text(model, name)


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _value_at(data: Any, loc: tuple[Any, ...]) -> Any:
    for part in loc:
        in_table = isinstance(data, Mapping) and part in data
        in_list = isinstance(data, list | tuple) and isinstance(part, int) and part < len(data)
        if not (in_table or in_list):
            return None
        data = data[part]
    return data


def _problem_at(
    root: type[BaseModel], item: Mapping[str, Any], data: Any
) -> tuple[tuple[Any, ...], str, Any]:
    """Where a problem is (as the user wrote the key), what is expected there and what was
    found: a position inside a pair (``rank_limits.1``) is a problem of the pair, a check
    of one field written at its table (``platform: rank_limits must ...``) one of the field."""
    loc, got = tuple(item["loc"]), item.get("input")
    message = item["msg"].replace("Value error, ", "")
    if len(loc) > 1 and isinstance(loc[-1], int):
        owner, field = model_at(root, loc[:-2]), str(loc[-2])
        fields = owner.model_fields if owner is not None else {}
        if field in fields and typing.get_origin(fields[field].annotation) is tuple:
            whole = _value_at(data, loc[:-1])
            expected = expected_text(owner, field)  # type: ignore[arg-type]
            if item["type"] == "finite_number":
                expected = expected.replace(" numbers", " finite numbers", 1)
            return loc[:-1], f"must be {expected}", got if whole is None else whole
    parent = model_at(root, loc[:-1])
    name = str(loc[-1]) if loc else ""
    if item["type"] == "value_error":
        owner = model_at(root, loc)
        first = message.split(" ", 1)
        fields = owner.model_fields if owner is not None else {}
        if len(first) == 2 and first[0] in fields and first[1].startswith("must"):
            found = got.get(first[0]) if isinstance(got, Mapping) else None
            return (*loc, first[0]), first[1], found
        return loc, message, got
    if parent is not None and name in parent.model_fields:
        hint = percent_hint(parent, name, got)
        return loc, f"must be {expected_text(parent, name)} (got {shown(got)}){hint}", got
    if item["type"] == "model_type" and loc and isinstance(loc[-1], int):
        return loc, 'must be a table, e.g. { name = "rival", market_share = 0.05 }', got
    return loc, re.sub(r" or instance of \w+", "", message), got


def describe_validation_error(
    error: ValidationError,
    root: type[BaseModel],
    where: str = "",
    prefix: str = "",
    data: Any = None,
) -> str:
    """One readable line: ``where: key: what is wrong (got value)`` for the first problem,
    and how many more there are; ``data``, the validated input, lets a message quote a
    whole pair rather than one of its numbers."""
    lines = []
    head = f"{where}: " if where else ""
    for item in error.errors():
        loc = tuple(item["loc"])
        if item["type"] == "extra_forbidden":
            key = ".".join(str(p) for p in (prefix.split(".") if prefix else []) + list(loc))
            parent = model_at(root, loc[:-1])
            hint = ""
            if parent is not None:
                suggestion = nearest_key(str(loc[-1]), parent.model_fields)
                valid = ", ".join(parent.model_fields)
                hint = f" (did you mean '{suggestion}'?)" if suggestion else f" (valid: {valid})"
            lines.append(f"{head}{shown_key(key)}: unknown key{hint}")
            continue
        loc, message, got = _problem_at(root, item, data)
        key = ".".join(str(p) for p in (prefix.split(".") if prefix else []) + list(loc))
        quoted = isinstance(got, Mapping) or "(got " in message
        got_text = "" if quoted else f" (got {shown(got)})"
        lines.append(f"{head}{shown_key(key or 'scenario')}: {message}{got_text}")
    lines = list(dict.fromkeys(lines))
    more = len(lines) - 1
    return lines[0] + (f" (and {more} more problem{'s' * (more > 1)})" if more else "")


def parse_override(text: str) -> tuple[str, Any]:
    """Split ``a.b.c=VALUE``; the value is read as TOML (numbers, booleans, lists) or a string."""
    if "=" not in text:
        raise ConfigError(
            f"override '{shown_key(text)}': expected KEY=VALUE, e.g. population.members=5000"
        )
    key, raw = (part.strip() for part in text.split("=", 1))
    if not key:
        raise ConfigError(f"override '{shown_key(text)}': the key is empty")
    check_key(key, f"override '{shown_key(key)}'")
    return key, read_override_value(key, raw)


def check_key(key: str, name: str) -> None:
    """A dotted key has non-empty parts, and no more of them than tables may nest."""
    parts = key.split(".")
    if len(parts) > MAX_DEPTH:
        raise ConfigError(
            f"{name}: {len(parts):,} parts; scenario keys have a few (e.g. brand.value_share)"
        )
    if not all(part.strip() for part in parts):
        raise ConfigError(f"{name}: a part of the key is empty (e.g. brand.value_share)")


def set_dotted(data: dict[str, Any], key: str, value: Any) -> None:
    """Set ``data['a']['b']['c'] = value`` for the key ``a.b.c``, creating tables on the way."""
    parts = key.split(".")
    node = data
    for part in parts[:-1]:
        child = node.setdefault(part, {})
        if not isinstance(child, dict):
            raise ConfigError(f"override '{shown_key(key)}': '{shown_key(part)}' is not a table")
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
    check_depth(data or {}, where, prefix)
    table = apply_overrides(nest_dotted(data or {}), overrides)
    try:
        return Scenario.model_validate(table)
    except ValidationError as error:
        message = describe_validation_error(error, Scenario, where, prefix, table)
        raise ConfigError(message) from None


def load_scenario(path: str | Path, overrides: Iterable[str] = ()) -> Scenario:
    """Read a scenario TOML file (tables population, platform, brand, behavior, competitors)."""
    path = Path(path)
    _, data = read_toml_file(path)
    return make_scenario(data, overrides, where=str(path))
