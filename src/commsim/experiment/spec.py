"""Experiment files: a base scenario, arms or factors, and replicates, all validated up front.

A file has four tables: ``[experiment]`` (name, description, steps, replicates, seed,
checkpoints, reference, brand), ``[base]`` (scenario overrides every arm shares), ``[arms.NAME]``
(one table of overrides per arm) and ``[factors]`` (dotted key -> list of values, crossed into a
full factorial). Sweeps add ``[levers]`` (strategy choices, crossed like factors; see
:mod:`commsim.experiment.levers`), ``[uncertainties]`` (ranges a sweep samples; see
:mod:`commsim.experiment.uncertainties`) and ``[sweep]`` (design, points, outcome). Every
problem becomes one :class:`ConfigError` naming the file, the key path and what is allowed, so
nothing runs (and nothing is written) from a file with a mistake.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from commsim.config import ConfigError, Scenario, flatten, make_scenario, parse_override
from commsim.config.limits import read_toml_file, shown, shown_key
from commsim.config.loading import describe_validation_error, scenario_table
from commsim.experiment.brand_profile import PROFILE, Derivation, derive
from commsim.experiment.counterfactual import counterfactual_worlds
from commsim.experiment.levers import Lever, parse_levers
from commsim.experiment.sampling import SweepSettings
from commsim.experiment.toml_text import dumps
from commsim.experiment.uncertainties import UncertaintySpace, parse_uncertainty_table

# Arm and experiment names become folder and file names, so keep them portable: ASCII, no
# control characters (fullmatch: ``$`` would let a trailing newline through).
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.+=-]*")
NAME_RULE = "letters, digits, '_', '-', '.', '+' or '=', starting with a letter or digit"
# An arm's display name in charts and decks (any Unicode); not a scenario key, so it changes
# neither the runs' config hash nor their seeds.
LABEL = "label"
# File systems take 255 bytes per file name; a run file adds "-r00000.parquet" and, while it
# is written, a temporary prefix and suffix (~30 characters). 100 leaves room to spare.
MAX_NAME_LENGTH = 100
# Days a strategist reviews a programme at: 3 and 6 months, then every year.
DEFAULT_CHECKPOINTS = (90, 180, 365, 730, 1095, 1460, 1825, 2190, 2555, 2920, 3285, 3650)
OVERRIDES = "overrides"  # the parameter that errors in ``KEY=VALUE`` overrides name


class ExperimentInfo(BaseModel):
    """The ``[experiment]`` table: what is run, for how long, how often, from which seed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = "experiment"
    description: str = ""
    steps: int = Field(1095, ge=1, le=36_500)  # days; 100 years is plenty
    replicates: int = Field(10, ge=1, le=100_000)
    seed: int = Field(0, ge=0, le=2**63 - 1)
    checkpoints: list[int] = Field(default_factory=list)  # days at which arms are compared
    reference: str | None = None  # arm the others are compared with (default: the first)
    brand: str | None = None  # brand the comparison is about (default: the focal brand)
    # Run the world without the focal brand's programme too, for incremental outcomes.
    counterfactual: bool = True

    @field_validator("name")
    @classmethod
    def _portable_name(cls, name: str) -> str:
        problem = name_problem(name)
        if problem:
            raise ValueError(f"{problem}; it names the results folder")
        return name

    @field_validator("checkpoints")
    @classmethod
    def _positive_days(cls, days: list[int]) -> list[int]:
        if any(day < 1 for day in days):
            raise ValueError("must be a list of days >= 1")
        return days


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a folder or file (``None`` when it can)."""
    if not name:
        return f"must not be empty; use {NAME_RULE}"
    if len(name) > MAX_NAME_LENGTH:
        return f"is {len(name):,} characters long; at most {MAX_NAME_LENGTH}"
    if not NAME_PATTERN.fullmatch(name):
        return f"must use {NAME_RULE}"
    return None


def name_from_file(stem: str) -> str:
    """A valid experiment name from a file's name: ``café plan`` -> ``cafe-plan``; a name
    with nothing portable in it (``名字``) gives ``experiment``."""
    ascii_text = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9_.+=-]+", "-", ascii_text)
    text = re.sub(r"^[^A-Za-z0-9]+", "", text)[:MAX_NAME_LENGTH].rstrip("-")
    return text or "experiment"


@dataclass(frozen=True)
class Arm:
    """One arm: its overrides on top of the base (factor levels included) and its scenario."""

    name: str
    overrides: dict[str, Any]
    levels: dict[str, Any]  # factor levels; empty unless the design is factorial
    scenario: Scenario

    def table(self) -> dict[str, Any]:
        """The fully resolved scenario as nested tables (what a run is given)."""
        return scenario_table(self.scenario)


def level_text(value: Any) -> str:
    """A factor level as it appears in an arm name: ``0.1``, ``topic``, ``true``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if isinstance(value, float):  # 0.1 -> "0.1", 50.0 -> "50"; exact, so levels stay distinct
        text = f"{value:g}" if float(f"{value:g}") == value else repr(value)
    return re.sub(r"[^A-Za-z0-9_.+=-]", "-", text)


class Experiment(BaseModel):
    """A validated experiment: build it with :func:`load_experiment` or :meth:`from_table`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    experiment: ExperimentInfo = Field(default_factory=ExperimentInfo)
    base: dict[str, Any] = Field(default_factory=dict)
    arms: dict[str, dict[str, Any]] = Field(default_factory=dict)
    factors: dict[str, Any] = Field(default_factory=dict)
    levers: dict[str, Any] = Field(default_factory=dict)
    uncertainties: dict[str, Any] = Field(default_factory=dict)
    sweep: SweepSettings = Field(default_factory=SweepSettings)

    _where: str = PrivateAttr(default="")
    _text: str | None = PrivateAttr(default=None)
    _settings: tuple[tuple[str, Any], ...] = PrivateAttr(default=())
    _arms: list[Arm] | None = PrivateAttr(default=None)
    _space: UncertaintySpace | None = PrivateAttr(default=None)
    _derived: tuple[Derivation, ...] = PrivateAttr(default=())

    @classmethod
    def from_table(
        cls,
        data: Mapping[str, Any],
        overrides: Iterable[str | tuple[str, Any]] = (),
        *,
        where: str = "",
        text: str | None = None,
    ) -> Experiment:
        """Validate an experiment from its tables; ``overrides`` as ``KEY=VALUE`` strings.

        Keys starting with ``experiment.`` set the ``[experiment]`` table; other keys are
        scenario keys applied to every arm, after the arm's own overrides.
        """
        data, derived = _apply_brand_profile(data, where)
        with _naming_overrides():
            pairs = [parse_override(o) if isinstance(o, str) else tuple(o) for o in overrides]
        info_changes = {k.split(".", 1)[1]: v for k, v in pairs if k.startswith("experiment.")}
        settings = tuple((k, v) for k, v in pairs if not k.startswith("experiment."))
        experiment = _validate(cls, data, where)
        if info_changes:
            changed = {**dict(data), "experiment": {**data.get("experiment", {}), **info_changes}}
            with _naming_overrides():
                experiment = _validate(cls, changed, "")
        experiment._where = where
        experiment._text = text
        experiment._settings = settings
        experiment._derived = derived
        experiment.resolved_arms  # noqa: B018  (resolve now: every error surfaces at load time)
        experiment.uncertainty_space  # noqa: B018
        return experiment

    @property
    def info(self) -> ExperimentInfo:
        return self.experiment

    @property
    def derived(self) -> tuple[Derivation, ...]:
        """What a ``[brand_profile]`` set in ``[base]``, and why (empty without one)."""
        return self._derived

    @property
    def name(self) -> str:
        return self.experiment.name

    @property
    def steps(self) -> int:
        return self.experiment.steps

    @property
    def replicates(self) -> int:
        return self.experiment.replicates

    @property
    def seed(self) -> int:
        return self.experiment.seed

    @property
    def where(self) -> str:
        """Where the experiment came from (its file), for messages."""
        return self._where

    @property
    def settings(self) -> tuple[tuple[str, Any], ...]:
        """Command-line scenario overrides applied to every arm."""
        return self._settings

    @property
    def checkpoints(self) -> list[int]:
        """Days arms are compared at: those within the horizon, and always the horizon.

        Days past the horizon are dropped rather than rejected, so a shorter ``--steps`` works.
        """
        days = self.experiment.checkpoints or DEFAULT_CHECKPOINTS
        return sorted({d for d in days if d <= self.steps} | {self.steps})

    @property
    def resolved_arms(self) -> list[Arm]:
        """Every arm with its validated scenario, in file order (factor levels crossed)."""
        if self._arms is None:
            self._arms = _resolve_arms(self)
            _check_reference_and_brand(self, self._arms)
        return self._arms

    @property
    def uncertainty_space(self) -> UncertaintySpace:
        """The ``[uncertainties]`` a sweep samples (empty when the file has none)."""
        if self._space is None:
            self._space = _resolve_uncertainties(self)
        return self._space

    @property
    def arm_names(self) -> list[str]:
        return [arm.name for arm in self.resolved_arms]

    @property
    def arm_labels(self) -> dict[str, str]:
        """Display labels of the arms that have one (``[arms.NAME] label = "..."``)."""
        return arm_labels(self.arms, self.arm_names)

    @property
    def counterfactual_arms(self) -> list[Arm]:
        """Worlds without the focal brand's programme that no arm already is: run too."""
        extra, _ = self._counterfactuals()
        return [Arm(name, {"brand.program": False}, {}, world) for name, world in extra]

    @property
    def counterfactual_of(self) -> dict[str, str]:
        """Each arm's world without the programme (an arm name), {} when switched off."""
        return self._counterfactuals()[1]

    @property
    def run_arms(self) -> list[Arm]:
        """Every arm that runs: the experiment's, then the counterfactuals it adds."""
        return [*self.resolved_arms, *self.counterfactual_arms]

    def _counterfactuals(self) -> tuple[list[tuple[str, Scenario]], dict[str, str]]:
        if not self.experiment.counterfactual:
            return [], {}
        arms = [(arm.name, arm.scenario) for arm in self.resolved_arms]
        extra, of = counterfactual_worlds(arms)
        taken = set(self.arm_names) & {name for name, _ in extra}
        if taken:
            raise ConfigError(
                f"{_head(self.where)}arms.{sorted(taken)[0]}: the name is kept for the world "
                "without the programme; rename the arm"
            )
        return extra, of

    @property
    def reference(self) -> str:
        """The arm others are compared with."""
        return self.experiment.reference or self.resolved_arms[0].name

    @property
    def brand(self) -> str:
        """The brand the comparison is about."""
        return self.experiment.brand or self.resolved_arms[0].scenario.brand.name

    @property
    def factor_levels(self) -> dict[str, list[Any]]:
        """Factor (and lever) key -> levels, in file order (empty unless factorial)."""
        levers = {lever.key: lever.values for lever in _lever_table(self)}
        return {**_factor_table(self), **levers}

    @property
    def n_runs(self) -> int:
        return len(self.run_arms) * self.replicates

    def resolved(self) -> dict[str, Any]:
        """Everything that decides the results, as plain data (hashed to guard --resume)."""
        info = self.experiment.model_dump(exclude_none=True)
        info.update(checkpoints=self.checkpoints, reference=self.reference, brand=self.brand)
        table: dict[str, Any] = {"experiment": info}
        if self.factor_levels:
            table["factors"] = self.factor_levels
        if self.settings:
            table["settings"] = {key: value for key, value in self.settings}
        table["arms"] = {
            arm.name: {"levels": arm.levels, "overrides": arm.overrides, "scenario": arm.table()}
            for arm in self.resolved_arms
        }
        return table

    def config_hash(self) -> str:
        """SHA-256 of the resolved experiment; equal hashes mean equal results."""
        text = json.dumps(self.resolved(), sort_keys=True, separators=(",", ":"), default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def source_text(self) -> str:
        """The experiment file verbatim, or its tables as TOML when it was not read from one."""
        if self._text is not None:
            return self._text
        tables = self.model_dump(exclude_none=True, exclude_defaults=False)
        return dumps({k: v for k, v in tables.items() if v})


def _apply_brand_profile(
    data: Mapping[str, Any], where: str
) -> tuple[dict[str, Any], tuple[Derivation, ...]]:
    """The tables with a ``[brand_profile]`` turned into ``[base]`` values (``[base]``'s own
    keys win), and what it set."""
    data = dict(data)
    profile = data.pop(PROFILE, None)
    if profile is None:
        return data, ()
    if not isinstance(profile, Mapping):
        raise ConfigError(f"{_head(where)}{PROFILE}: must be a table of the brand's figures")
    base = data.get("base", {})
    base = flatten(base) if isinstance(base, Mapping) else {}
    derived = tuple(derive(profile, base, where))
    data["base"] = {**{d.key: d.value for d in derived}, **base}
    return data, derived


def _validate(cls: type[Experiment], data: Mapping[str, Any], where: str) -> Experiment:
    try:
        return cls.model_validate(dict(data))
    except ValidationError as error:
        raise ConfigError(describe_validation_error(error, cls, where, data=data)) from None


@contextmanager
def _naming_overrides() -> Iterator[None]:
    """Errors in the overrides name the ``overrides`` parameter, not the file."""
    try:
        yield
    except ConfigError as error:
        raise ConfigError(str(error), parameter=OVERRIDES) from None


def _head(where: str) -> str:
    return f"{where}: " if where else ""


def _factor_table(experiment: Experiment) -> dict[str, list[Any]]:
    """Factors as dotted key -> non-empty list of levels."""
    table: dict[str, list[Any]] = {}
    for key, levels in flatten(experiment.factors).items():
        if not isinstance(levels, list) or not levels:
            raise ConfigError(
                f"{_head(experiment.where)}factors.{key}: must be a non-empty list of values, "
                f"e.g. [0.1, 0.9] (got {shown(levels)})"
            )
        table[key] = levels
    return table


def _lever_table(experiment: Experiment) -> list[Lever]:
    base = flatten(experiment.base)
    return parse_levers(experiment.levers, base, where=experiment.where, option_name=level_text)


def _resolve_uncertainties(experiment: Experiment) -> UncertaintySpace:
    where = experiment.where
    space = parse_uncertainty_table(experiment.uncertainties, flatten(experiment.base), where=where)
    for arm in experiment.resolved_arms:
        fixed = sorted(set(arm.overrides) & set(space.keys))
        if fixed:
            raise ConfigError(
                f"{_head(where)}uncertainties.{fixed[0]}: also set by a strategy (arm "
                f"'{arm.name}'); a key is either a strategy choice or an uncertainty"
            )
    return space


def _resolve_arms(experiment: Experiment) -> list[Arm]:
    where, settings = experiment.where, list(experiment.settings)
    base = flatten(experiment.base)
    make_scenario(base, where=where, prefix="base")
    if settings:
        with _naming_overrides():
            make_scenario(base, settings)
    factors = _factor_table(experiment)
    for key, levels in factors.items():
        for level in levels:
            make_scenario({**base, key: level}, where=where, prefix="factors")
    options = {key: [(level_text(v), v) for v in levels] for key, levels in factors.items()}
    for lever in _lever_table(experiment):
        if lever.key in options:
            raise ConfigError(f"{_head(where)}levers.{lever.key}: also a factor; list it once")
        options[lever.key] = list(lever.options)
    if not experiment.arms and not options and not experiment.uncertainties:
        raise ConfigError(
            f"{_head(where)}arms: the experiment has no arms; add [arms.NAME] tables "
            "(each a set of overrides), a [factors] or [levers] table (key -> list of values)"
        )
    combinations = [
        {key: option for key, option in zip(options, chosen, strict=True)}
        for chosen in itertools.product(*options.values())
    ]
    explicit = {name: flatten(table) for name, table in experiment.arms.items()} or {"": {}}
    arms: list[Arm] = []
    for arm_name, own in explicit.items():
        problem = name_problem(arm_name) if experiment.arms else None
        if problem:
            key = shown_key(arm_name) or '""'
            raise ConfigError(
                f"{_head(where)}arms.{key}: the arm's name {problem}; it names its run files"
            )
        label = own.pop(LABEL, "")
        if not isinstance(label, str) or (LABEL in own_table(experiment, arm_name) and not label):
            raise ConfigError(
                f"{_head(where)}arms.{arm_name}.{LABEL}: must be a non-empty string, the arm's "
                f"name in charts and decks (got {label!r})"
            )
        for chosen in combinations:
            levels = {key: value for key, (_, value) in chosen.items()}
            level_name = "_".join(name for name, _ in chosen.values())
            name = "_".join(part for part in (arm_name, level_name) if part) or "base"
            overrides = {**own, **levels}
            prefix = f"arms.{arm_name}" if arm_name else "factors"
            scenario = make_scenario({**base, **overrides}, settings, where=where, prefix=prefix)
            arms.append(Arm(name, overrides, levels, scenario))
    names = [arm.name for arm in arms]
    for arm in arms:
        if len(arm.name) > MAX_NAME_LENGTH:
            raise ConfigError(
                f"{_head(where)}factors: levels give the arm name {shown(arm.name)}, "
                f"{len(arm.name)} characters long; at most {MAX_NAME_LENGTH} (it names the "
                "arm's run files): use shorter levels, or fewer factors"
            )
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ConfigError(
            f"{_head(where)}factors: levels give arms the same name ({', '.join(duplicates)}); "
            "make the levels distinct"
        )
    return arms


def own_table(experiment: Experiment, arm_name: str) -> Mapping[str, Any]:
    return experiment.arms.get(arm_name) or {}


def arm_labels(tables: Mapping[str, Any], names: Iterable[str]) -> dict[str, str]:
    """Arm name -> its display label, from the ``[arms.NAME]`` tables (an arm crossed with
    factors, ``NAME_level``, gets the label followed by its levels)."""
    labels = {}
    for name in names:
        for table_name, table in tables.items():
            label = table.get(LABEL) if isinstance(table, Mapping) else None
            if not isinstance(label, str) or not label:
                continue
            if name == table_name:
                labels[name] = label
            elif name.startswith(f"{table_name}_"):
                labels[name] = f"{label} {name[len(table_name) + 1 :].replace('_', ' ')}"
    return labels


def _check_reference_and_brand(experiment: Experiment, arms: list[Arm]) -> None:
    head, names = _head(experiment.where), [arm.name for arm in arms]
    reference = experiment.experiment.reference
    if reference is not None and reference not in names:
        allowed = ", ".join(repr(n) for n in names)
        raise ConfigError(
            f"{head}experiment.reference: must be the name of an arm: one of {allowed} "
            f"(got {shown(reference)})"
        )
    brand = experiment.experiment.brand
    if brand is not None:
        shared = set.intersection(*({b.name for b in arm.scenario.brands} for arm in arms))
        if brand not in shared:
            allowed = ", ".join(repr(n) for n in sorted(shared))
            raise ConfigError(
                f"{head}experiment.brand: must be a brand of every arm: one of {allowed} "
                f"(got {shown(brand)})"
            )


def load_experiment(
    path: str | Path, overrides: Iterable[str | tuple[str, Any]] = ()
) -> Experiment:
    """Read and validate an experiment file; ``overrides`` are ``KEY=VALUE`` strings."""
    data, text = read_experiment_file(path)
    return Experiment.from_table(data, overrides, where=str(path), text=text)


def read_experiment_file(path: str | Path) -> tuple[dict[str, Any], str]:
    """An experiment file's tables (named after the file when ``[experiment]`` has no name)
    and its text; ConfigError when it cannot be read as TOML."""
    path = Path(path)
    text, data = read_toml_file(path)
    info = data.get("experiment")
    if isinstance(info, dict) and "name" not in info:
        data["experiment"] = {"name": name_from_file(path.stem), **info}
    elif info is None:
        data["experiment"] = {"name": name_from_file(path.stem)}
    return data, text
