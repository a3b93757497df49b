"""Fit the posterior of the inferred assumptions to the published evidence with pyABC's
ABC-SMC (docs/validation.md section 8 says why ABC-SMC and what the posterior means).

The observation is the set of published intervals; a simulated replicate is accepted when
its distance (``distance.InsideIntervals``) is within the generation's tolerance, the
tolerance falling to each generation's median until it reaches 0 (every study inside its
interval), the budget of simulations runs out, or the generations do. pyABC keeps every
generation in ``OUT/abc.db`` and the simulator keeps every simulation in ``OUT/bank/``:
running the same inference into the same folder continues where it stopped.
"""

from __future__ import annotations

import json
import math
import re
import warnings
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyabc

from commsim.evidence.published import Study, load_studies
from commsim.experiment.results.atomic import write_text
from commsim.experiment.results.manifest import package_version
from commsim.inference.distance import InsideIntervals, PublishedInterval
from commsim.inference.inference_spec import TARGET_KINDS, InferenceSpec
from commsim.inference.inferred import Assumption, inferred_assumptions
from commsim.inference.sampler import SeededBatchSampler
from commsim.inference.simulator import EvidenceSimulator


def sources_of(designs: Sequence[str]) -> list[str]:
    """The fitted studies as a reader names them ("Dost et al. 2019", "Fanpage Karma 2013")."""
    names = []
    for study in load_studies():
        if study.id in designs:
            found = re.match(r"(.*?)\s*\b((?:19|20)\d\d)", study.citation)
            if not found:
                names.append(study.citation)
                continue
            authors, year = found[1], found[2]
            several = "," in authors or "&" in authors
            names.append(
                f"{re.split(r'[,&]', authors)[0].strip()} et al. {year}"
                if several
                else f"{authors} {year}"
            )
    return names


def targets_for(
    designs: Sequence[str], studies: Sequence[Study] | None = None
) -> list[PublishedInterval]:
    """The measures of ``designs``' studies that carry an interval or a direction."""
    chosen = []
    for study in studies or load_studies():
        if study.id not in designs:
            continue
        for m in study.measures:
            if m.interval in TARGET_KINDS:
                chosen.append(PublishedInterval(m.key, m.low, m.high, m.interval))
    return chosen


@dataclass
class InferredPosterior:
    """Weighted draws of the assumptions (one row per particle) and where they came from."""

    draws: pd.DataFrame  # columns: the assumptions' keys
    weights: np.ndarray
    provenance: dict[str, Any] = field(default_factory=dict)

    def write(self, folder: Path) -> list[Path]:
        """``samples.csv`` (keys plus ``weight``) and ``provenance.json`` in ``folder``."""
        folder.mkdir(parents=True, exist_ok=True)
        table = self.draws.assign(weight=self.weights)
        return [
            write_text(folder / "samples.csv", table.to_csv(index=False, float_format="%.6g")),
            write_text(folder / "provenance.json", json.dumps(self.provenance, indent=1) + "\n"),
        ]

    @classmethod
    def read(cls, folder: Path) -> InferredPosterior:
        table = pd.read_csv(folder / "samples.csv")
        provenance = json.loads((folder / "provenance.json").read_text("utf-8"))
        weights = table.pop("weight").to_numpy(float)
        return cls(table, weights / weights.sum(), provenance)

    def sample(self, count: int, rng: np.random.Generator) -> list[dict[str, float]]:
        """``count`` draws by weight (with replacement)."""
        rows = rng.choice(len(self.draws), size=count, p=self.weights)
        return [{k: float(v) for k, v in self.draws.iloc[i].items()} for i in rows]


def weighted_quantile(values: np.ndarray, weights: np.ndarray, q: float) -> float:
    """The ``q`` quantile of weighted draws (the first draw whose cumulative weight reaches q)."""
    order = np.argsort(values)
    cumulative = np.cumsum(weights[order]) / weights.sum()
    index = min(int(np.searchsorted(cumulative, q)), len(values) - 1)
    return float(values[order][index])


def unit_prior(assumptions: Sequence[Assumption]) -> pyabc.Distribution:
    """pyABC works on each assumption's prior quantile (uniform on 0..1), not its value: the
    prior density is then flat, so importance weights do not swing with it (with six
    log-uniform priors they did by a factor of ~10^5, and 40 particles kept an effective
    sample of 2)."""
    return pyabc.Distribution(**{a.key: pyabc.RV("uniform", 0.0, 1.0) for a in assumptions})


def on_prior_scale(
    quantiles: Mapping[str, float], assumptions: Sequence[Assumption]
) -> dict[str, float]:
    """The assumptions' values at the given prior quantiles."""
    return {a.key: float(a.distribution().ppf(quantiles[a.key])) for a in assumptions}


@dataclass(frozen=True)
class QuantileModel:
    """The simulator as pyABC calls it: prior quantiles in, the assumptions' values to the
    simulator (picklable: it travels to the workers)."""

    simulator: Callable[[Mapping[str, float]], dict[str, float]]
    assumptions: tuple[Assumption, ...]

    def __call__(self, quantiles: Mapping[str, float]) -> dict[str, float]:
        return self.simulator(on_prior_scale(quantiles, self.assumptions))


def fit(
    spec: InferenceSpec,
    folder: Path,
    *,
    executor: Executor | None = None,
    command: str = "commsim infer",
    settings: Sequence[tuple[str, Any]] = (),
    simulator: Callable[[Mapping[str, float]], dict[str, float]] | None = None,
    targets: Sequence[PublishedInterval] | None = None,
    assumptions: Sequence[Assumption] | None = None,
) -> InferredPosterior:
    """Run (or continue) the ABC-SMC inference into ``folder`` and return its posterior.

    ``simulator``, ``targets`` and ``assumptions`` default to the evidence designs, their
    published intervals and the inferred assumptions' priors; a test passes a small problem.
    """
    folder.mkdir(parents=True, exist_ok=True)
    assumptions = tuple(assumptions or inferred_assumptions(spec.keys))
    targets = list(targets if targets is not None else targets_for(spec.designs))
    model = simulator or EvidenceSimulator(
        spec.designs, spec.members, folder / "bank", tuple(settings)
    )
    abc = pyabc.ABCSMC(
        QuantileModel(model, assumptions),
        unit_prior(assumptions),
        InsideIntervals(targets),
        population_size=spec.population,
        sampler=SeededBatchSampler(spec.seed, executor, spec.batch),
        # the first generation takes the prior as it comes (no calibration sample to pay for)
        eps=pyabc.QuantileEpsilon(initial_epsilon=math.inf, alpha=0.5),
    )
    db = folder / "abc.db"
    _check_same(folder / "spec.json", spec, settings)
    np.random.seed(spec.seed)  # pyABC's own draws in this process (the initial tolerance)  # noqa: NPY002 (pyABC draws from the global stream)
    done = _generations(db) if db.exists() else 0
    if done:
        history = abc.load(f"sqlite:///{db}", 1)
    else:
        db.unlink(missing_ok=True)
        history = abc.new(f"sqlite:///{db}", {})
    if not done or not _finished(history, spec, done):
        with warnings.catch_warnings():  # pyABC subtracts the first tolerance (inf) from itself
            warnings.filterwarnings("ignore", "invalid value encountered", RuntimeWarning)
            history = abc.run(
                minimum_epsilon=0.0,
                max_nr_populations=spec.generations - done,  # pyABC counts from where it is
                max_total_nr_simulations=spec.max_simulations,
            )
    return _posterior(history, spec, targets, command, assumptions)


def _check_same(path: Path, spec: InferenceSpec, settings: Sequence[tuple[str, Any]]) -> None:
    """Write the folder's spec, or refuse to continue another inference's folder."""
    wanted = {"spec": spec.identity(), "settings": [list(s) for s in settings]}
    wanted = json.loads(json.dumps(wanted))
    if path.exists():
        kept = json.loads(path.read_text("utf-8"))
        if kept != wanted:
            raise ValueError(
                f"{path.parent} holds another inference ({path.name} differs): "
                "use a new --out folder"
            )
        return
    write_text(path, json.dumps(wanted, indent=1))


def _finished(history: pyabc.History, spec: InferenceSpec, done: int) -> bool:
    """Whether a kept inference already met a stopping rule (generations, budget, tolerance
    0): rerunning it then only reads it back."""
    epsilons = history.get_all_populations().epsilon
    return (
        done >= spec.generations
        or history.total_nr_simulations >= spec.max_simulations
        or float(epsilons.iloc[-1]) <= 0.0
    )


def _generations(db: Path) -> int:
    try:
        history = pyabc.History(f"sqlite:///{db}", _id=1)
        return int(history.max_t) + 1 if history.n_populations else 0
    except Exception:  # noqa: BLE001 (a half-written database is started again)
        return 0


def _posterior(
    history: pyabc.History,
    spec: InferenceSpec,
    targets: Sequence[PublishedInterval],
    command: str,
    assumptions: Sequence[Assumption],
) -> InferredPosterior:
    quantiles, weights = history.get_distribution(m=0, t=history.max_t)
    weights = np.asarray(weights, float) / np.sum(weights)
    draws = pd.DataFrame([on_prior_scale(row, assumptions) for row in quantiles.to_dict("records")])
    populations = history.get_all_populations()
    populations = populations[populations.t >= 0]
    provenance = {
        "method": "ABC-SMC, tolerance to each generation's median, distance 0 inside every "
        "published interval (docs/validation.md section 8)",
        "library": f"pyabc {pyabc.__version__}",
        "evidence": [asdict(t) for t in targets],
        "sources": sources_of(spec.designs),
        "designs": list(spec.designs),
        "assumptions": list(spec.keys),
        "members": spec.members,
        "population": spec.population,
        "generations": int(history.max_t) + 1,
        "epsilons": [float(e) if math.isfinite(e) else None for e in populations.epsilon],
        "simulations": int(history.total_nr_simulations),
        "effective_sample_size": round(float(1.0 / np.sum(weights**2)), 1),
        "seed": spec.seed,
        "commsim_version": package_version("commsim") or "0+unknown",
        "command": command,
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    return InferredPosterior(draws, weights, provenance)


def summary_rows(
    posterior: InferredPosterior, assumptions: Sequence[Assumption]
) -> list[dict[str, Any]]:
    """Per assumption: default, prior, posterior mean and 90% interval, and how much of the
    prior's 90% width the evidence removed (0: nothing learnt)."""
    rows = []
    for a in assumptions:
        values = posterior.draws[a.key].to_numpy(float)
        low, high = (weighted_quantile(values, posterior.weights, q) for q in (0.05, 0.95))
        prior = a.distribution()
        prior_low, prior_high = prior.ppf(0.05), prior.ppf(0.95)
        rows.append(
            {
                "assumption": a.key,
                "default": a.default,
                "prior_low": a.low,
                "prior_high": a.high,
                "posterior_mean": float(np.average(values, weights=posterior.weights)),
                "posterior_low": low,
                "posterior_high": high,
                "narrowed": 1.0 - (high - low) / (prior_high - prior_low)
                if prior_high > prior_low
                else math.nan,
            }
        )
    return rows
