"""Uncertainties: typed ranges of scenario parameters that a sweep samples (EMA Workbench style).

In an experiment file::

    [uncertainties]
    "platform.organic_reach" = { low = 0.02, high = 0.16, scale = "log" }   # log-uniform
    "behavior.push_fatigue" = [0.05, 0.4]     # [low, high]: uniform (whole numbers: integer)
    "behavior.purchase_cycle_days" = { low = 14, high = 60, kind = "integer" }
    "population.network" = { choices = ["homophilous", "random"] }

Every uncertainty maps a number ``u`` in [0, 1) onto its range, so one unit-cube design (Latin
hypercube, Sobol' or SALib's) serves them all. Integers and choices use the flooring trick:
``low + floor(u * (high - low + 1))``, so each whole number (or choice) gets an equal share of
the cube.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from commsim.config import ConfigError, make_scenario
from commsim.config.limits import shown
from commsim.config.parameters import (
    parameter_choices,
    parameter_entries,
    parameter_kind,
)

KINDS = ("uniform", "log-uniform", "integer", "choice")
SPEC_KEYS = {"low", "high", "kind", "scale", "choices"}


def _floor_index(unit: np.ndarray, count: int) -> np.ndarray:
    """Flooring trick: [0, 1) -> 0..count-1 in equal shares (u = 1 maps to the last one)."""
    return np.minimum(np.floor(np.asarray(unit, dtype=float) * count), count - 1).astype(int)


@dataclass(frozen=True)
class Uniform:
    """A number drawn uniformly between ``low`` and ``high``."""

    key: str
    low: float
    high: float
    kind: ClassVar[str] = "uniform"

    def from_unit(self, unit: np.ndarray) -> np.ndarray:
        return self.low + np.asarray(unit, dtype=float) * (self.high - self.low)

    def levels(self, count: int) -> list[Any]:
        return [float(v) for v in np.linspace(self.low, self.high, count)]

    def describe(self) -> str:
        return f"{self.low:g} to {self.high:g}, uniform"


@dataclass(frozen=True)
class LogUniform:
    """A positive number whose logarithm is uniform: each decade gets the same share."""

    key: str
    low: float
    high: float
    kind: ClassVar[str] = "log-uniform"

    def from_unit(self, unit: np.ndarray) -> np.ndarray:
        span = math.log(self.high) - math.log(self.low)
        return np.exp(math.log(self.low) + np.asarray(unit, dtype=float) * span)

    def levels(self, count: int) -> list[Any]:
        return [float(v) for v in np.geomspace(self.low, self.high, count)]

    def describe(self) -> str:
        return f"{self.low:g} to {self.high:g}, log-uniform"


@dataclass(frozen=True)
class Integer:
    """A whole number from ``low`` to ``high``, both included, each equally likely."""

    key: str
    low: int
    high: int
    kind: ClassVar[str] = "integer"

    def from_unit(self, unit: np.ndarray) -> np.ndarray:
        return self.low + _floor_index(unit, self.high - self.low + 1)

    def levels(self, count: int) -> list[Any]:
        return sorted({int(round(v)) for v in np.linspace(self.low, self.high, count)})

    def describe(self) -> str:
        return f"{self.low} to {self.high}, whole numbers"


@dataclass(frozen=True)
class Choice:
    """One of a list of values (names, booleans or numbers), each equally likely."""

    key: str
    choices: tuple[Any, ...]
    kind: ClassVar[str] = "choice"

    def from_unit(self, unit: np.ndarray) -> np.ndarray:
        values = np.empty(len(self.choices), dtype=object)
        values[:] = list(self.choices)
        return values[_floor_index(unit, len(self.choices))]

    def levels(self, count: int) -> list[Any]:
        return list(self.choices)

    def describe(self) -> str:
        return "one of " + ", ".join(str(c) for c in self.choices)


Uncertainty = Uniform | LogUniform | Integer | Choice


@dataclass(frozen=True)
class UncertaintySpace:
    """The uncertainties of an experiment, in file order; maps unit-cube designs onto them."""

    uncertainties: tuple[Uncertainty, ...]

    @property
    def keys(self) -> list[str]:
        return [u.key for u in self.uncertainties]

    def __len__(self) -> int:
        return len(self.uncertainties)

    def __getitem__(self, key: str) -> Uncertainty:
        for uncertainty in self.uncertainties:
            if uncertainty.key == key:
                return uncertainty
        raise KeyError(key)

    def from_unit(self, unit: np.ndarray) -> pd.DataFrame:
        """Rows of a (points x uncertainties) array in [0, 1) -> a table of parameter values."""
        unit = np.atleast_2d(np.asarray(unit, dtype=float))
        if unit.shape[1] != len(self):
            raise ValueError(f"design has {unit.shape[1]} columns for {len(self)} uncertainties")
        columns = {u.key: u.from_unit(unit[:, i]) for i, u in enumerate(self.uncertainties)}
        return pd.DataFrame(columns)

    def to_json(self) -> list[dict[str, Any]]:
        """Plain data, for the sweep's description in the results folder."""
        return [{"key": u.key, "kind": u.kind, **_bounds(u)} for u in self.uncertainties]


def _bounds(uncertainty: Uncertainty) -> dict[str, Any]:
    if isinstance(uncertainty, Choice):
        return {"choices": list(uncertainty.choices)}
    return {"low": uncertainty.low, "high": uncertainty.high}


# A bound is compared with this before it is converted to a float (a 309-digit integer
# overflows); no parameter comes near it.
MAX_BOUND = 1e300


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _spec_table(spec: Any, name: str, kind: str) -> Mapping[str, Any]:
    """An entry as written (``[low, high]``, a list of choices or a table) -> its table."""
    if isinstance(spec, list):
        if kind in ("boolean", "choice"):
            spec = {"choices": spec}
        elif len(spec) == 2:
            spec = {"low": spec[0], "high": spec[1]}
        else:
            raise ConfigError(
                f"{name}: must be [low, high], a table {{ low = .., high = .. }} or "
                f"{{ choices = [...] }} (got {shown(spec)})"
            )
    if not isinstance(spec, Mapping):
        raise ConfigError(
            f'{name}: must be [low, high], a table {{ low = .., high = .., scale = "log" }} '
            f"or {{ choices = [...] }} (got {shown(spec)})"
        )
    unknown = sorted(set(spec) - SPEC_KEYS)
    if unknown:
        allowed = ", ".join(sorted(SPEC_KEYS))
        raise ConfigError(f"{name}: unknown field {shown(unknown[0])} (allowed: {allowed})")
    return spec


def _choice(key: str, spec: Mapping[str, Any], name: str) -> Choice:
    choices = spec.get("choices")
    if not isinstance(choices, list) or not choices:
        allowed = parameter_choices(key)
        example = f" (allowed values: {', '.join(map(repr, allowed))})" if allowed else ""
        raise ConfigError(f"{name}.choices: must be a non-empty list of values{example}")
    if len(set(map(repr, choices))) != len(choices):
        raise ConfigError(f"{name}.choices: values repeat ({shown(choices)})")
    return Choice(key, tuple(choices))


def _range(key: str, spec: Mapping[str, Any], name: str, chosen: str, kind: str) -> Uncertainty:
    """A numeric range: uniform, log-uniform or whole numbers."""
    low: Any = spec.get("low")
    high: Any = spec.get("high")
    for label, value in (("low", low), ("high", high)):
        if not _number(value) or abs(value) > MAX_BOUND or not math.isfinite(value):
            raise ConfigError(f"{name}.{label}: must be a finite number (got {shown(value)})")
    if low > high:
        raise ConfigError(f"{name}: low ({low}) is above high ({high}); swap them")
    if low == high:
        raise ConfigError(
            f"{name}: empty range (low = high = {low}); give low < high, or fix the value "
            "in [base] instead"
        )
    if chosen == "integer":
        if low != int(low) or high != int(high):
            raise ConfigError(f"{name}: integer bounds must be whole numbers (got {low}, {high})")
        return Integer(key, int(low), int(high))
    if kind == "integer":
        raise ConfigError(f"{name}.kind: '{key}' takes whole numbers; use kind = \"integer\"")
    if chosen == "log-uniform":
        if low <= 0:
            raise ConfigError(f"{name}.low: a log scale needs low > 0 (got {low})")
        return LogUniform(key, float(low), float(high))
    return Uniform(key, float(low), float(high))


def parse_uncertainty(
    key: str, spec: Any, *, where: str = "", section: str = "uncertainties"
) -> Uncertainty:
    """One ``[uncertainties]`` entry -> its typed uncertainty (checked against the scenario)."""
    name = f"{where + ': ' if where else ''}{section}.{key}"
    kind = parameter_kind(key)
    spec = _spec_table(spec, name, kind)
    chosen = spec.get("kind") or ("choice" if "choices" in spec else None)
    if spec.get("scale") not in (None, "linear", "log"):
        raise ConfigError(f"{name}.scale: must be 'linear' or 'log' (got {shown(spec['scale'])})")
    if spec.get("scale") == "log":
        chosen = chosen or "log-uniform"
    chosen = chosen or ("integer" if kind == "integer" else "uniform")
    if chosen not in KINDS:
        raise ConfigError(f"{name}.kind: must be one of {', '.join(KINDS)} (got {shown(chosen)})")
    if chosen == "choice":
        return _choice(key, spec, name)
    if kind not in ("number", "integer"):
        allowed = ", ".join(map(repr, parameter_choices(key))) or "fixed values"
        raise ConfigError(
            f"{name}: a {kind} parameter takes {{ choices = [...] }} ({allowed}), not a range"
        )
    return _range(key, spec, name, chosen, kind)


def check_in_scenario(
    uncertainty: Uncertainty, base: Mapping[str, Any], *, where: str, section: str
) -> None:
    """Every value the uncertainty can take must be valid for the scenario (its bounds)."""
    values = (
        list(uncertainty.choices)
        if isinstance(uncertainty, Choice)
        else list(_bounds(uncertainty).values())
    )
    for value in values:
        make_scenario({**base, uncertainty.key: value}, where=where, prefix=section)


def parse_uncertainty_table(
    table: Mapping[str, Any],
    base: Mapping[str, Any] | None = None,
    *,
    where: str = "",
    section: str = "uncertainties",
) -> UncertaintySpace:
    """A whole ``[uncertainties]`` table (nested or dotted keys) -> an :class:`UncertaintySpace`."""
    made = []
    for key, spec in parameter_entries(table, where=where, section=section).items():
        uncertainty = parse_uncertainty(key, spec, where=where, section=section)
        check_in_scenario(uncertainty, base or {}, where=where, section=section)
        made.append(uncertainty)
    return UncertaintySpace(tuple(made))
