"""The scenario's parameters as dotted keys: the one walker over the pydantic fields.

Everything that needs "every parameter" (the parameter reference in docs/model.md, sweep
and calibration tables keyed by parameter, units on chart axes, error messages that follow a
key path) asks this module, so a parameter added to :mod:`commsim.config.scenario` appears
everywhere at once.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from commsim.config.errors import ConfigError, nearest_key
from commsim.config.limits import shown_key
from commsim.config.scenario import Scenario


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


@dataclass(frozen=True)
class Parameter:
    """One scalar parameter: its dotted key, the table (pydantic model) that owns it, its field."""

    key: str
    owner: type[BaseModel]
    name: str
    field: FieldInfo

    @property
    def unit(self) -> str:
        return self._extra("unit")

    @property
    def source(self) -> str:
        return self._extra("source")

    def _extra(self, name: str) -> str:
        """A text the field declares through ``param(...)`` (its ``json_schema_extra``)."""
        extra = self.field.json_schema_extra
        return str(extra.get(name, "")) if isinstance(extra, dict) else ""

    @property
    def is_assumption(self) -> bool:
        """Whether the default is an assumption (its source says so), not a published figure."""
        return "assumption" in self.source.lower()

    @property
    def prior(self) -> tuple[Any, ...] | None:
        """The assumption's plausible range (``param(prior=...)``), or None."""
        extra = self.field.json_schema_extra
        prior = extra.get("prior") if isinstance(extra, dict) else None
        return tuple(prior) if isinstance(prior, list | tuple) else None


@cache
def parameters() -> dict[str, Parameter]:
    """Every scalar scenario parameter by dotted key, in declaration order (competitors, a
    list of brands, aside)."""
    found: dict[str, Parameter] = {}

    def walk(model: type[BaseModel], prefix: str) -> None:
        for name, field in model.model_fields.items():
            if _is_model(field.annotation):
                # _is_model checked it is a model class; mypy does not narrow through it.
                walk(field.annotation, f"{prefix}{name}.")  # type: ignore[arg-type]
            elif typing.get_origin(field.annotation) is not list:
                found[prefix + name] = Parameter(prefix + name, model, name, field)

    walk(Scenario, "")
    return found


def model_at(model: type[BaseModel], parts: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The pydantic model reached by following ``parts`` of a key path (list positions
    skipped, so ``competitors.0`` reaches a brand), if any."""
    for part in parts:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return None
        annotation = field.annotation
        inner = getattr(annotation, "__args__", None)
        candidate = inner[0] if inner else annotation
        if _is_model(candidate):
            model = typing.cast(type[BaseModel], candidate)
        else:
            return None
    return model


def parameter_kind(key: str) -> str:
    """``number``, ``integer``, ``boolean``, ``choice`` (a fixed set of names) or ``other``."""
    annotation = parameters()[key].field.annotation
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
    annotation = parameters()[key].field.annotation
    if annotation is bool:
        return (False, True)
    if typing.get_origin(annotation) is typing.Literal:
        return typing.get_args(annotation)
    return ()


def parameter_entries(table: Mapping[str, Any], *, where: str, section: str) -> dict[str, Any]:
    """A table keyed by parameters (``[levers]``, ``[uncertainties]``, a calibration's
    ``[parameters]``) -> {dotted key: its specification}, in file order.

    Its values may themselves be tables (``{ low = 0.02, high = 0.16 }``), so the walk stops at
    the first path that names a parameter, whichever way TOML nested the key (``"a.b" = ...``
    or ``a.b = ...``). A key that is neither a parameter nor a table leading to one is a
    :class:`ConfigError` naming the file, ``section.key`` and the nearest valid key.
    """
    keys = parameters()
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
                shown = shown_key(f"{section}.{key}")
                raise ConfigError(f"{head}{shown}: not a scenario parameter{hint}")

    walk(table, "")
    return entries
