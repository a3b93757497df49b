"""Calibration targets files: which parameters to fit (with bounds) and which KPIs to match.

::

    [calibration]                  # all optional
    lever = "base"                 # the strategy to calibrate (default: the only one)
    replicates = 4                 # runs per evaluation (default: the experiment's)
    evaluations = 80               # budget of evaluations (each runs every replicate)
    screen = 12                    # Latin-hypercube points tried before Nelder-Mead

    [parameters]                   # dotted key -> bounds, as in [uncertainties]
    "platform.organic_reach" = [0.05, 0.5]
    "behavior.engage_base" = { low = 0.01, high = 1.0, scale = "log" }

    [targets.organic_reach]        # a KPI: the mean of a metric over days, or a ratio of sums
    metric = "organic_reach_rate"
    value = 0.0615
    days = [305, 365]              # inclusive window (or: day = 365)
    source = "Social@Ogilvy 2014"

    [targets.engagement_per_post]
    metric = "engagements"
    per = ["followers", "posts"]   # sum(engagements) / sum(followers x posts) over the window
    value = 0.001
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from commsim.config import ConfigError
from commsim.config.loading import describe_validation_error, nearest_key
from commsim.experiment.spec.uncertainties import (
    Choice,
    Integer,
    UncertaintySpace,
    parse_uncertainty_table,
)
from commsim.model.catalogue import METRIC_NAMES


class CalibrationSettings(BaseModel):
    """The ``[calibration]`` table."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    lever: str | None = None
    replicates: int | None = Field(None, ge=1, le=1000)
    evaluations: int = Field(80, ge=1, le=100_000)
    screen: int | None = Field(None, ge=1, le=10_000)  # default: 4 per parameter, at least 8


class TargetTable(BaseModel):
    """One ``[targets.NAME]`` table, as written."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    metric: str
    value: float
    per: str | list[str] = Field(default_factory=list)
    day: int | None = Field(None, ge=1)
    days: tuple[int, int] | None = None
    weight: float = Field(1.0, gt=0)
    scale: float | None = Field(None, gt=0)  # residual unit; default: the target's size
    source: str = ""


@dataclass(frozen=True)
class Target:
    """An observed KPI: a metric's mean over a window of days, or a ratio of window sums."""

    name: str
    metric: str
    value: float
    per: tuple[str, ...]
    first_day: int
    last_day: int
    weight: float = 1.0
    scale: float | None = None
    source: str = ""

    @property
    def residual_scale(self) -> float:
        """Residuals are divided by this: ``scale``, else the target's size (relative error)."""
        return self.scale if self.scale is not None else (abs(self.value) or 1.0)

    def describe(self) -> str:
        ratio = f" / ({' x '.join(self.per)})" if self.per else ""
        days = (
            f"day {self.last_day}"
            if self.first_day == self.last_day
            else f"days {self.first_day}-{self.last_day}"
        )
        return f"{self.metric}{ratio}, {days}"


@dataclass(frozen=True)
class CalibrationSpec:
    """A parsed targets file."""

    path: Path
    settings: CalibrationSettings
    parameters: UncertaintySpace
    targets: tuple[Target, ...]


def _metric(name: str, where: str, key: str) -> str:
    if name not in METRIC_NAMES:
        near = nearest_key(name, METRIC_NAMES)
        hint = f" (did you mean '{near}'?)" if near else ""
        raise ConfigError(f"{where}: {key}: unknown metric {name!r}{hint}")
    return name


def _target(name: str, table: Any, where: str, steps: int) -> Target:
    key = f"targets.{name}"
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: {key}: must be a table with metric and value")
    try:
        spec = TargetTable.model_validate(table)
    except ValidationError as error:
        raise ConfigError(describe_validation_error(error, TargetTable, where, key)) from None
    metric = _metric(spec.metric, where, f"{key}.metric")
    per = (spec.per,) if isinstance(spec.per, str) else tuple(spec.per)
    per = tuple(_metric(p, where, f"{key}.per") for p in per)
    if spec.day is not None and spec.days is not None:
        raise ConfigError(f"{where}: {key}: give day or days, not both")
    first, last = (spec.day, spec.day) if spec.day is not None else (spec.days or (steps, steps))
    if not 1 <= first <= last:
        raise ConfigError(f"{where}: {key}.days: must be [first, last] with 1 <= first <= last")
    if last > steps:
        raise ConfigError(
            f"{where}: {key}: day {last} is past the experiment's horizon ({steps} days)"
        )
    return Target(name, metric, spec.value, per, first, last, spec.weight, spec.scale, spec.source)


def load_targets(
    path: str | Path,
    *,
    steps: int,
    base: dict[str, Any] | None = None,
    fallback: UncertaintySpace | None = None,
) -> CalibrationSpec:
    """Read and check a targets file; ``fallback`` parameters (the experiment's
    uncertainties) are fitted when the file has no ``[parameters]``."""
    path = Path(path)
    where = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except (IsADirectoryError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not a readable TOML file ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    unknown = sorted(set(data) - {"calibration", "parameters", "targets"})
    if unknown:
        raise ConfigError(
            f"{path}: {unknown[0]}: unknown table (allowed: calibration, parameters, targets)"
        )
    try:
        settings = CalibrationSettings.model_validate(data.get("calibration", {}))
    except ValidationError as error:
        raise ConfigError(
            describe_validation_error(error, CalibrationSettings, where, "calibration")
        ) from None
    if "parameters" in data:
        parameters = parse_uncertainty_table(
            data["parameters"], base, where=where, section="parameters"
        )
    else:
        parameters = fallback or UncertaintySpace(())
    if len(parameters) == 0:
        raise ConfigError(
            f"{path}: parameters: nothing to fit; add a [parameters] table (key -> [low, high]) "
            "or [uncertainties] in the experiment"
        )
    for parameter in parameters.uncertainties:
        if isinstance(parameter, Choice | Integer):
            raise ConfigError(
                f"{path}: parameters.{parameter.key}: calibration fits numbers within bounds; "
                "fix whole-number and choice parameters in [base]"
            )
    table = data.get("targets")
    if not isinstance(table, dict) or not table:
        raise ConfigError(
            f"{path}: targets: no targets; add [targets.NAME] tables with metric and value"
        )
    targets = tuple(_target(name, spec, where, steps) for name, spec in table.items())
    return CalibrationSpec(path, settings, parameters, targets)
