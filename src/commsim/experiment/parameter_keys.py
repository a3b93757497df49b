"""Scenario parameter keys inside tables whose values may themselves be tables.

``[levers]``, ``[uncertainties]`` and a calibration's ``[parameters]`` map a dotted scenario key
to a specification that can be a table (``{ low = 0.02, high = 0.16 }``), so the plain
flattening used for ``[base]`` would walk into it. This walker stops at the first path that
names a parameter, whichever way TOML nested the key (``"a.b" = ...`` or ``a.b = ...``).
"""

from __future__ import annotations

import typing
from collections.abc import Mapping
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from commsim.config import ConfigError, Scenario
from commsim.config.loading import nearest_key


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


@cache
def parameter_fields() -> dict[str, FieldInfo]:
    """Every scalar scenario parameter: dotted key -> its pydantic field (competitors aside)."""
    fields: dict[str, FieldInfo] = {}

    def walk(model: type[BaseModel], prefix: str) -> None:
        for name, field in model.model_fields.items():
            if _is_model(field.annotation):
                walk(field.annotation, f"{prefix}{name}.")  # type: ignore[arg-type]
            elif typing.get_origin(field.annotation) is not list:
                fields[prefix + name] = field

    walk(Scenario, "")
    return fields


def parameter_kind(key: str) -> str:
    """``number``, ``integer``, ``boolean``, ``choice`` (a fixed set of names) or ``other``."""
    annotation = parameter_fields()[key].annotation
    if annotation is bool:
        return "boolean"
    if annotation is int:
        return "integer"
    if annotation is float:
        return "number"
    if typing.get_origin(annotation) is typing.Literal:
        return "choice"
    return "other"


def parameter_choices(key: str) -> tuple[Any, ...]:
    """The allowed values of a boolean or named-choice parameter (empty for numbers)."""
    annotation = parameter_fields()[key].annotation
    if annotation is bool:
        return (False, True)
    if typing.get_origin(annotation) is typing.Literal:
        return typing.get_args(annotation)
    return ()


def parameter_entries(table: Mapping[str, Any], *, where: str, section: str) -> dict[str, Any]:
    """``section`` table -> {dotted parameter key: its specification}, in file order.

    A key that is neither a parameter nor a table leading to one is a :class:`ConfigError`
    naming the file, ``section.key`` and the nearest valid key.
    """
    keys = parameter_fields()
    head = f"{where}: " if where else ""
    entries: dict[str, Any] = {}

    def walk(node: Mapping[str, Any], prefix: str) -> None:
        for name, value in node.items():
            key = f"{prefix}{name}"
            if key in keys:
                entries[key] = value
            elif isinstance(value, Mapping) and any(k.startswith(f"{key}.") for k in keys):
                walk(value, f"{key}.")
            else:
                near = nearest_key(key, keys)
                hint = f" (did you mean '{near}'?)" if near else ""
                raise ConfigError(f"{head}{section}.{key}: not a scenario parameter{hint}")

    walk(table, "")
    return entries
