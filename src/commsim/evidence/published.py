"""The published effects the model is held against, read from the package's one copy
(``data/field_evidence.toml``): each study with its source, its design, and its measures."""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

INTERVAL_KINDS = ("study", "point", "sign", "band")
DESIGN_FIELDS = ("population", "treatment", "control", "measure", "horizon")


@dataclass(frozen=True)
class Measure:
    """One published number: its value (NaN when only a range or a sign is published) and
    the interval the model is held against (``low`` to ``high``; ``interval`` says what it is)."""

    key: str
    label: str
    value: float
    low: float
    high: float
    interval: str
    interval_source: str = ""
    note: str = ""
    calibrates: str = ""  # the parameter set from this very figure: not independent evidence


@dataclass(frozen=True)
class Study:
    """A published study, its design, and how the model replicates it (or why it cannot)."""

    id: str
    title: str
    citation: str
    source: str
    design: dict[str, str]
    measures: tuple[Measure, ...]
    in_model: str = ""
    not_expressible: str = ""

    @property
    def expressible(self) -> bool:
        return not self.not_expressible


def _measure(table: dict) -> Measure:
    measure = Measure(**table)
    if measure.interval not in INTERVAL_KINDS:
        raise ValueError(f"measure {measure.key}: interval must be one of {INTERVAL_KINDS}")
    if not measure.low <= measure.high:
        raise ValueError(f"measure {measure.key}: low must not exceed high")
    if not math.isnan(measure.value) and not measure.low <= measure.value <= measure.high:
        raise ValueError(f"measure {measure.key}: the published value lies outside low..high")
    return measure


def _study(table: dict) -> Study:
    table = dict(table)
    design = {name: table.pop(name) for name in DESIGN_FIELDS}
    measures = tuple(_measure(m) for m in table.pop("effect"))
    study = Study(design=design, measures=measures, **table)
    if study.expressible == bool(not study.in_model):
        raise ValueError(f"study {study.id}: give either in_model or not_expressible")
    return study


@cache
def load_studies() -> tuple[Study, ...]:
    """Every study in ``data/field_evidence.toml``, in the file's order."""
    text = resources.files("commsim").joinpath("data/field_evidence.toml").read_text("utf-8")
    return tuple(_study(table) for table in tomllib.loads(text)["study"])
