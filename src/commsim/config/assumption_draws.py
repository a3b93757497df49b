"""Worlds for the replicates: one set of assumption values per replicate (DESIGN.md section 6).

``fixed`` draws nothing (every default as declared: the behaviour before issue 24).
``prior`` draws every assumption-labelled parameter from its plausible range (``param(prior=...)``
in this package): uniform, or log-uniform when the range spans a factor of four or more (a
range of scales, such as 5,000 to 100,000 followers, is as unsure of its tens as of its
thousands); pairs element by element; a named option uniformly among its plausible choices.
``posterior`` draws one row of the shipped posterior (``data/posterior/samples.csv``) by
weight; parameters it does not hold keep their defaults, because the posterior was inferred
with them at their defaults and holds only in those worlds.

Each replicate's draws come from the experiment's seed on a stream of their own
(``SeedSequence(seed, spawn_key=(ASSUMPTION_STREAM, replicate))``), so they do not depend on
how many replicates there are, on the executor or on the worker count, and the replicates'
own random numbers are untouched. :func:`usable_draws` keeps what the user set, what a
platform preset sets, and a default wherever a drawn value would make a scenario invalid.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import ValidationError

from commsim.config.errors import ConfigError
from commsim.config.loading import set_dotted
from commsim.config.parameters import Parameter, parameter_choices, parameter_kind, parameters
from commsim.config.presets import preset_values
from commsim.config.scenario import Scenario

MODES = ("fixed", "prior", "posterior")
# The draws' random numbers: apart from the replicates' children (spawn keys 0, 1, 2, ...)
# and a sweep's design (2**31 - 1, commsim.experiment.spec.sampling).
ASSUMPTION_STREAM = 2**31 - 2
LOG_UNIFORM_RATIO = 4.0  # a prior spanning this factor or more is drawn on a log scale
# Assumptions that are not facts about the world, so never drawn.
NOT_DRAWN = {
    # The simulated sample's size: results depend on it only through noise (docs/model.md
    # 7.10), and drawing it would only change the run time and the noise.
    "population.members",
}
WEIGHT = "weight"
PROVENANCE_KEYS = (
    "method",
    "library",
    "evidence",
    "simulations",
    "seed",
    "commsim_version",
    "command",
    "created",
)


def posterior_folder() -> Path:
    """Where the package ships its posterior (``commsim/data/posterior``)."""
    return Path(str(resources.files("commsim").joinpath("data", "posterior")))


@dataclass(frozen=True)
class Posterior:
    """Weighted particles over some assumptions, with where they come from."""

    keys: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    weights: np.ndarray
    provenance: dict[str, Any]
    digest: str  # SHA-256 of samples.csv: a new posterior is a different experiment

    def row(self, u: float) -> dict[str, Any]:
        """The particle a uniform number ``u`` in [0, 1) picks, by weight."""
        cumulative = np.cumsum(self.weights) / self.weights.sum()
        index = min(int(np.searchsorted(cumulative, u, side="right")), len(self.rows) - 1)
        return dict(zip(self.keys, self.rows[index], strict=True))


def drawable() -> list[Parameter]:
    """The parameters ``prior`` mode draws, in declaration order."""
    return [
        p
        for p in parameters().values()
        if p.is_assumption and p.prior is not None and p.key not in NOT_DRAWN
    ]


def _number(low: float, high: float, u: float) -> float:
    if low > 0 and high / low >= LOG_UNIFORM_RATIO:
        return float(math.exp(math.log(low) + u * (math.log(high) - math.log(low))))
    return float(low + u * (high - low))


def _from_prior(parameter: Parameter, rng: np.random.Generator) -> Any:
    """One value of ``parameter`` from its prior; one uniform number per element."""
    prior = parameter.prior or ()
    if parameter_choices(parameter.key):
        return prior[min(int(rng.random() * len(prior)), len(prior) - 1)]
    if isinstance(parameter.field.default, tuple):
        return tuple(_number(low, high, rng.random()) for low, high in prior)
    value = _number(prior[0], prior[1], rng.random())
    if parameter_kind(parameter.key) == "integer":
        return int(min(max(round(value), math.ceil(prior[0])), math.floor(prior[1])))
    return value


def source_digest(mode: str) -> str | None:
    """What the draws come from, as a digest (the priors, or the posterior's samples): a
    resumed run refuses a folder drawn from other ranges. None for ``fixed``."""
    if check_mode(mode) == "posterior":
        return load_posterior().digest
    if mode == "prior":
        priors = {p.key: p.prior for p in drawable()}
        return hashlib.sha256(json.dumps(priors, default=str).encode()).hexdigest()
    return None


def replicate_rng(seed: int, replicate: int) -> np.random.Generator:
    """The generator of replicate ``replicate``'s assumptions in an experiment with ``seed``."""
    return np.random.default_rng(
        np.random.SeedSequence(seed, spawn_key=(ASSUMPTION_STREAM, replicate))
    )


def draw_world(
    mode: str, seed: int, replicate: int, posterior: Posterior | None = None
) -> dict[str, Any]:
    """One replicate's drawn values by dotted key ({} for ``fixed``)."""
    check_mode(mode)
    rng = replicate_rng(seed, replicate)
    if mode == "prior":
        return {p.key: _from_prior(p, rng) for p in drawable()}
    if mode == "posterior":
        return (posterior or load_posterior()).row(float(rng.random()))
    return {}


def replicate_draws(
    mode: str, seed: int, replicates: int, posterior: Posterior | None = None
) -> list[dict[str, Any]]:
    """Every replicate's drawn values, before :func:`usable_draws` filters them."""
    if mode == "posterior" and posterior is None:
        posterior = load_posterior()
    return [draw_world(mode, seed, r, posterior) for r in range(replicates)]


def check_mode(mode: str) -> str:
    if mode not in MODES:
        raise ConfigError(
            f"must be one of {', '.join(MODES)} (got {mode!r})", parameter="assumptions"
        )
    return mode


def usable_draws(
    drawn: Mapping[str, Any],
    tables: Sequence[Mapping[str, Any]],
    fixed: Iterable[str],
    own: Sequence[Iterable[str]] | None = None,
) -> tuple[dict[str, Any], list[str]]:
    """The drawn values every scenario (nested ``tables``, one per arm) takes, and the keys
    kept at their defaults because some arm would be invalid with the drawn value.

    Keys in ``fixed`` (the user's own settings) and keys a scenario's platform preset sets
    are left out: the user and the preset's sources win over an assumption. One set for every
    arm, so the arms of a replicate live in one world. ``own``: per table, keys that table
    keeps at its own value (a claim's reversing world sets them), left out of it alone.
    """
    skip = set(fixed)
    for table in tables:
        preset = table.get("platform", {}).get("preset")
        skip |= {f"platform.{name}" for name in preset_values(preset)} if preset else set()
    values = {key: value for key, value in drawn.items() if key not in skip}
    owned = [set(keys) for keys in own] if own is not None else [set() for _ in tables]

    def fits(trial: Mapping[str, Any]) -> bool:
        return all(
            _valid(table, {k: v for k, v in trial.items() if k not in keys})
            for table, keys in zip(tables, owned, strict=True)
        )

    if fits(values):
        return values, []
    kept: dict[str, Any] = {}
    refused = []
    for key, value in values.items():  # one at a time, in declaration order
        trial = {**kept, key: value}
        if fits(trial):
            kept = trial
        else:
            refused.append(key)
    return kept, refused


def with_draws(table: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    """A nested scenario table with ``values`` (dotted keys) set in it (a deep copy)."""
    copied = copy.deepcopy(dict(table))
    for key, value in values.items():
        set_dotted(copied, key, list(value) if isinstance(value, tuple) else value)
    return copied


def _valid(table: Mapping[str, Any], values: Mapping[str, Any]) -> bool:
    try:
        Scenario.model_validate(with_draws(table, values))
    except ValidationError:
        return False
    return True


def _typed(key: str, text: str, where: str) -> Any:
    kind = parameter_kind(key)
    try:
        if kind == "integer":
            return round(float(text))
        if kind == "number":
            value = float(text)
            if math.isfinite(value):
                return value
        elif kind == "choice" and text in parameter_choices(key):
            return text
        elif kind == "boolean" and text.lower() in ("true", "false"):
            return text.lower() == "true"
    except ValueError:
        pass
    raise ConfigError(f"{where}: column {key}: {text!r} is not a valid {kind}")


def load_posterior(folder: str | Path | None = None) -> Posterior:
    """The posterior in ``folder`` (default: the package's): ``samples.csv`` (a header of
    dotted parameter keys and ``weight``, one row per particle) and ``provenance.json``."""
    return _load_posterior(str(Path(folder) if folder is not None else posterior_folder()))


@cache
def _load_posterior(folder: str) -> Posterior:
    samples, provenance_file = Path(folder) / "samples.csv", Path(folder) / "provenance.json"
    try:
        raw = samples.read_bytes()
        provenance = json.loads(provenance_file.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ConfigError(
            f"{error.filename}: no posterior shipped yet (assumptions = 'posterior' needs "
            "samples.csv and provenance.json); use 'prior' or 'fixed'"
        ) from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise ConfigError(f"{folder}: cannot read the posterior ({error})") from None
    given = provenance if isinstance(provenance, dict) else {}
    missing = [key for key in PROVENANCE_KEYS if key not in given]
    if missing:
        allowed = ", ".join(PROVENANCE_KEYS)
        raise ConfigError(f"{provenance_file}: missing {', '.join(missing)} (needs {allowed})")
    lines = list(csv.reader(raw.decode("utf-8").splitlines()))
    header, body = (lines[0], lines[1:]) if lines else ([], [])
    if WEIGHT not in header or not body:
        raise ConfigError(f"{samples}: needs a '{WEIGHT}' column and at least one row")
    keys = tuple(k for k in header if k != WEIGHT)
    unknown = [k for k in keys if k not in parameters() or isinstance(_default(k), tuple)]
    if unknown or len(set(keys)) != len(keys):
        raise ConfigError(
            f"{samples}: column {(unknown or ['(repeated)'])[0]}: each column must be a "
            "scenario parameter holding one value (a dotted key, e.g. behavior.loyalty), once"
        )
    rows, weights = [], []
    for number, line in enumerate(body, start=2):
        where = f"{samples}, line {number}"
        if len(line) != len(header):
            raise ConfigError(f"{where}: {len(line)} values for {len(header)} columns")
        cells = dict(zip(header, line, strict=True))
        weight = _typed_weight(cells.pop(WEIGHT), where)
        rows.append(tuple(_typed(k, cells[k], where) for k in keys))
        weights.append(weight)
    if sum(weights) <= 0:
        raise ConfigError(f"{samples}: the weights add up to 0; at least one must be positive")
    digest = hashlib.sha256(raw).hexdigest()
    return Posterior(keys, tuple(rows), np.asarray(weights, dtype=float), provenance, digest)


def _default(key: str) -> Any:
    return parameters()[key].field.default


def _typed_weight(text: str, where: str) -> float:
    try:
        weight = float(text)
    except ValueError:
        weight = -1.0
    if not (math.isfinite(weight) and weight >= 0):
        raise ConfigError(f"{where}: {WEIGHT} must be a number >= 0 (got {text!r})")
    return weight
