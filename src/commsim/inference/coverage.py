"""Does the inference say what it knows? Simulation-based calibration (Talts et al. 2018) of
``fit`` on a small problem whose truth is known: draw the truth from the prior, simulate its
published "interval" the way a study reports one (the effect plus noise, an interval around
it), infer, and ask how often the posterior's central intervals hold the truth. A calibrated
inference holds it in 50% and 90% of problems for its 50% and 90% intervals; fewer means it
is overconfident (docs/validation.md section 8).

The problem is two assumptions seen through two noisy measures (their sum and difference),
the same code path as the real inference: pyABC's ABC-SMC, the seeded sampler, the interval
distance. The real inference is too costly to calibrate this way (a bank per problem).
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from commsim.inference.distance import PublishedInterval
from commsim.inference.fit import fit, weighted_quantile
from commsim.inference.inference_spec import InferenceSpec
from commsim.inference.inferred import Assumption

TOY_ASSUMPTIONS = (Assumption("a", 0.0, 1.0, 0.5), Assumption("b", 0.0, 1.0, 0.5))


@dataclass(frozen=True)
class Coverage:
    """Per assumption and problem: the truth's quantile in its posterior (uniform on 0..1
    when the inference is calibrated) and the posterior's central 90% width (how much it
    learnt: an inference that returned its prior would be calibrated too, and wide)."""

    quantiles: dict[str, np.ndarray]
    widths: dict[str, np.ndarray]


@dataclass(frozen=True)
class SumAndDifference:
    """The small problem's simulator: a + b and a - b, each with normal noise."""

    noise: float = 0.05

    def __call__(self, assumptions: Mapping[str, float]) -> dict[str, float]:
        a, b = assumptions["a"], assumptions["b"]
        noise = np.random.normal(0.0, self.noise, 2)  # noqa: NPY002 (seeded per particle)
        return {"sum": a + b + noise[0], "difference": a - b + noise[1]}


def reported_intervals(
    truth: Mapping[str, float], half_width: float, rng: np.random.Generator
) -> list[PublishedInterval]:
    """What a study of ``truth`` publishes: each measure's interval, centred on the measured
    effect moved by a uniform draw of its half-width (so that ABC at tolerance 0 is exact)."""
    simulated = SumAndDifference()
    noise = rng.normal(0.0, simulated.noise, 2)
    values = {"sum": truth["a"] + truth["b"] + noise[0], "difference": truth["a"] - truth["b"]}
    values["difference"] += noise[1]
    targets = []
    for key, value in values.items():
        centre = value + rng.uniform(-half_width, half_width)
        targets.append(PublishedInterval(key, centre - half_width, centre + half_width))
    return targets


def coverage(
    problems: int,
    *,
    seed: int = 0,
    half_width: float = 0.1,
    spec: InferenceSpec | None = None,
    executor: Executor | None = None,
) -> Coverage:
    """Infer ``problems`` small problems whose truth is known (see :class:`Coverage`)."""
    spec = spec or InferenceSpec(
        keys=("a", "b"), population=100, generations=6, max_simulations=5_000, batch=25
    )
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(0x534243,)))
    ranks: dict[str, list[float]] = {a.key: [] for a in TOY_ASSUMPTIONS}
    widths: dict[str, list[float]] = {a.key: [] for a in TOY_ASSUMPTIONS}
    for problem in range(problems):
        truth = {a.key: float(rng.uniform(a.low, a.high)) for a in TOY_ASSUMPTIONS}
        targets = reported_intervals(truth, half_width, rng)
        with tempfile.TemporaryDirectory() as folder:
            posterior = fit(
                InferenceSpec(**{**spec.identity(), "seed": seed * 10_000 + problem}),
                Path(folder),
                executor=executor,
                simulator=SumAndDifference(),
                targets=targets,
                assumptions=TOY_ASSUMPTIONS,
            )
        for key in ranks:
            values = posterior.draws[key].to_numpy(float)
            ranks[key].append(float(posterior.weights[values < truth[key]].sum()))
            low, high = (weighted_quantile(values, posterior.weights, q) for q in (0.05, 0.95))
            widths[key].append(high - low)
    return Coverage(
        {key: np.asarray(v) for key, v in ranks.items()},
        {key: np.asarray(v) for key, v in widths.items()},
    )


def interval_holds(quantiles: np.ndarray, level: float) -> np.ndarray:
    """Whether the posterior's central ``level`` interval holds the truth, per problem."""
    tail = (1.0 - level) / 2.0
    return (quantiles >= tail) & (quantiles <= 1.0 - tail)


__all__ = ["Coverage", "SumAndDifference", "coverage", "interval_holds", "reported_intervals"]
