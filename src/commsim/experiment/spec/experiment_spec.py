"""Experiment files: a base scenario, arms or factors, and replicates, all validated up front.

A file has four tables: ``[experiment]`` (name, description, steps, replicates, seed,
checkpoints, reference, brand), ``[base]`` (scenario overrides every arm shares), ``[arms.NAME]``
(one table of overrides per arm) and ``[factors]`` (dotted key -> list of values, crossed into a
full factorial). Sweeps add ``[levers]`` (strategy choices, crossed like factors; see
:mod:`commsim.experiment.spec.levers`), ``[uncertainties]`` (ranges a sweep samples; see
:mod:`commsim.experiment.spec.uncertainties`) and ``[sweep]`` (design, points, outcome). Every
problem becomes one :class:`ConfigError` naming the file, the key path and what is allowed, so
nothing runs (and nothing is written) from a file with a mistake. The arms the tables cross
into, and the rules their names follow, are :mod:`commsim.experiment.spec.arms`.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from commsim.config import ConfigError, Scenario, flatten, parse_override
from commsim.config.assumption_draws import source_digest
from commsim.config.input_checks import scenario_warnings
from commsim.config.limits import read_toml_file, shown
from commsim.config.loading import describe_validation_error
from commsim.experiment.profile.brand_profile import PROFILE, Derivation, apply_brand_profile
from commsim.experiment.spec.arms import (
    MAX_NAME_LENGTH,
    Arm,
    arm_labels,
    factor_table,
    head,
    lever_table,
    name_problem,
    naming_overrides,
    resolve_arms,
)
from commsim.experiment.spec.counterfactual import counterfactual_worlds
from commsim.experiment.spec.sampling import SweepSettings
from commsim.experiment.spec.uncertainties import UncertaintySpace, parse_uncertainty_table
from commsim.experiment.toml_text import dumps

# Days a strategist reviews a programme at: 3 and 6 months, then every year.
DEFAULT_CHECKPOINTS = (90, 180, 365, 730, 1095, 1460, 1825, 2190, 2555, 2920, 3285, 3650)


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
    # Where the assumptions' values come from, per replicate (commsim.config.assumption_draws):
    # their defaults, their plausible ranges, or the posterior inferred from field evidence.
    assumptions: Literal["fixed", "prior", "posterior"] = "fixed"

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


def name_from_file(stem: str) -> str:
    """A valid experiment name from a file's name: ``café plan`` -> ``cafe-plan``; a name
    with nothing portable in it (``名字``) gives ``experiment``."""
    ascii_text = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9_.+=-]+", "-", ascii_text)
    text = re.sub(r"^[^A-Za-z0-9]+", "", text)[:MAX_NAME_LENGTH].rstrip("-")
    return text or "experiment"


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
        with naming_overrides():
            pairs = [parse_override(o) if isinstance(o, str) else tuple(o) for o in overrides]
        profile_changes = {k.split(".", 1)[1]: v for k, v in pairs if k.startswith(f"{PROFILE}.")}
        data, derived = apply_brand_profile(data, where, profile_changes)
        pairs = [(k, v) for k, v in pairs if not k.startswith(f"{PROFILE}.")]
        info_changes = {k.split(".", 1)[1]: v for k, v in pairs if k.startswith("experiment.")}
        settings = tuple((k, v) for k, v in pairs if not k.startswith("experiment."))
        experiment = _validate(cls, data, where)
        if info_changes:
            changed = {**dict(data), "experiment": {**data.get("experiment", {}), **info_changes}}
            with naming_overrides():
                experiment = _validate(cls, changed, "")
        experiment._where = where
        experiment._text = text
        experiment._settings = settings
        experiment._derived = derived
        experiment.resolved_arms  # noqa: B018  (resolve now: every error surfaces at load time)
        experiment.counterfactual_arms  # noqa: B018  (an arm named like a world without it)
        experiment.uncertainty_space  # noqa: B018
        experiment.assumption_source  # noqa: B018  (a posterior that cannot be read)
        return experiment

    @property
    def info(self) -> ExperimentInfo:
        return self.experiment

    @property
    def derived(self) -> tuple[Derivation, ...]:
        """What a ``[brand_profile]`` set in ``[base]``, and why (empty without one)."""
        return self._derived

    @property
    def warnings(self) -> list[str]:
        """Implausible brands (:mod:`commsim.config.input_checks`), one line each; a line
        that holds only for some arms names them."""
        found: dict[str, list[str]] = {}
        for arm in self.resolved_arms:
            for line in scenario_warnings(arm.scenario):
                found.setdefault(line, []).append(arm.name)
        every = len(self.resolved_arms)
        return [
            line if len(arms) == every else f"{line} (arm{'s' * (len(arms) > 1)} {', '.join(arms)})"
            for line, arms in found.items()
        ]

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
            self._arms = resolve_arms(
                where=self.where,
                settings=self.settings,
                base=self.base,
                arms=self.arms,
                factors=self.factors,
                levers=self.levers,
                uncertainties=self.uncertainties,
            )
            _check_reference_and_brand(self, self._arms)
        return self._arms

    @property
    def uncertainty_space(self) -> UncertaintySpace:
        """The ``[uncertainties]`` a sweep samples (empty when the file has none)."""
        if self._space is None:
            self._space = _resolve_uncertainties(self)
        return self._space

    @property
    def assumptions(self) -> str:
        """``fixed``, ``prior`` or ``posterior``: see :mod:`commsim.config.assumption_draws`."""
        return self.experiment.assumptions

    @property
    def assumption_source(self) -> str | None:
        """Digest of the priors or posterior the replicates' worlds are drawn from."""
        try:
            return source_digest(self.assumptions)
        except ConfigError as error:
            raise ConfigError(f"{head(self.where)}experiment.assumptions: {error}") from None

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
                f"{head(self.where)}arms.{sorted(taken)[0]}: the name is kept for the world "
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
        levers = {
            lever.key: lever.values for lever in lever_table(self.levers, self.base, self.where)
        }
        return {**factor_table(self.factors, self.where), **levers}

    @property
    def n_runs(self) -> int:
        return len(self.run_arms) * self.replicates

    def resolved(self) -> dict[str, Any]:
        """Everything that decides the results, as plain data (hashed to guard --resume)."""
        info = self.experiment.model_dump(exclude_none=True)
        if info["assumptions"] == "fixed":
            info.pop("assumptions")  # the key is new: folders from before it still resume
        else:
            info["assumption_source"] = self.assumption_source
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


def _validate(cls: type[Experiment], data: Mapping[str, Any], where: str) -> Experiment:
    try:
        return cls.model_validate(dict(data))
    except ValidationError as error:
        raise ConfigError(describe_validation_error(error, cls, where, data=data)) from None


def _resolve_uncertainties(experiment: Experiment) -> UncertaintySpace:
    where = experiment.where
    space = parse_uncertainty_table(experiment.uncertainties, flatten(experiment.base), where=where)
    for arm in experiment.resolved_arms:
        fixed = sorted(set(arm.overrides) & set(space.keys))
        if fixed:
            raise ConfigError(
                f"{head(where)}uncertainties.{fixed[0]}: also set by a strategy (arm "
                f"'{arm.name}'); a key is either a strategy choice or an uncertainty"
            )
    return space


def _check_reference_and_brand(experiment: Experiment, arms: list[Arm]) -> None:
    at, names = head(experiment.where), [arm.name for arm in arms]
    reference = experiment.experiment.reference
    if reference is not None and reference not in names:
        allowed = ", ".join(repr(n) for n in names)
        raise ConfigError(
            f"{at}experiment.reference: must be the name of an arm: one of {allowed} "
            f"(got {shown(reference)})"
        )
    brand = experiment.experiment.brand
    if brand is not None:
        shared = set.intersection(*({b.name for b in arm.scenario.brands} for arm in arms))
        if brand not in shared:
            allowed = ", ".join(repr(n) for n in sorted(shared))
            raise ConfigError(
                f"{at}experiment.brand: must be a brand of every arm: one of {allowed} "
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
