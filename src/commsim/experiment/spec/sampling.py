"""Designs over the uncertainties: Latin hypercube, Sobol' and full grids (``scipy.stats.qmc``),
and SALib's Sobol' and Morris designs for sensitivity analysis.

Every design is drawn in the unit cube and mapped onto the uncertainties by
:meth:`UncertaintySpace.from_unit`, so integers and choices get the flooring trick whatever the
design. Designs are reproducible: their random numbers come from the experiment's seed, on a
stream of their own (the replicates' seeds are not touched).
"""

from __future__ import annotations

import itertools
import warnings
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field
from scipy.stats import qmc

from commsim.config import ConfigError
from commsim.experiment.spec.uncertainties import UncertaintySpace

DESIGNS = ("lhs", "sobol", "grid")
SENSITIVITY_METHODS = ("sobol", "morris")
# The design's random numbers: SeedSequence(seed) with this spawn key, apart from the
# replicates' children (spawn keys 0, 1, 2, ...).
DESIGN_STREAM = 2**31 - 1
MORRIS_LEVELS = 4  # grid levels of a Morris trajectory (Saltelli et al. 2008: p = 4)
MAX_GRID_POINTS = 100_000


class SweepSettings(BaseModel):
    """The ``[sweep]`` table: the design ``commsim sweep`` draws unless told otherwise."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    design: Literal["lhs", "sobol", "grid"] = "lhs"
    points: int = Field(32, ge=1, le=MAX_GRID_POINTS)  # grid: levels per uncertainty
    outcome: str = "cum_profit"  # what the summary and the charts compare levers on


def design_rng(seed: int) -> np.random.Generator:
    """The random generator of a design drawn for an experiment with ``seed``."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(DESIGN_STREAM,)))


def unit_design(design: str, dimensions: int, points: int, seed: int) -> np.ndarray:
    """``points`` x ``dimensions`` points in [0, 1): a Latin hypercube or a scrambled Sobol'
    sequence (its first ``points`` points; powers of two keep its balance)."""
    rng = design_rng(seed)
    if design == "lhs":
        return qmc.LatinHypercube(d=dimensions, seed=rng).random(points)
    if design == "sobol":
        sampler = qmc.Sobol(d=dimensions, scramble=True, seed=rng)
        with warnings.catch_warnings():  # "balance properties": documented; the size is kept
            warnings.simplefilter("ignore", UserWarning)
            return sampler.random(points)
    raise ConfigError(f"must be one of {', '.join(DESIGNS)} (got {design!r})", parameter="design")


def grid_design(space: UncertaintySpace, levels: int) -> pd.DataFrame:
    """Every combination of ``levels`` values per uncertainty (from low to high, both
    included; all values of a choice; distinct whole numbers of an integer)."""
    axes = [u.levels(levels) for u in space.uncertainties]
    total = int(np.prod([len(a) for a in axes]))
    if total > MAX_GRID_POINTS:
        raise ConfigError(
            f"a grid of {levels} levels over {len(space)} uncertainties has {total:,} "
            f"points (at most {MAX_GRID_POINTS:,}); use fewer levels, or the lhs design",
            parameter="points",
        )
    rows = list(itertools.product(*axes))
    return pd.DataFrame(rows, columns=space.keys)


def sample_design(space: UncertaintySpace, design: str, points: int, seed: int) -> pd.DataFrame:
    """The sweep's design points: one row per point, one column per uncertainty (typed values).

    ``points`` is the number of points for ``lhs`` and ``sobol``, and the number of levels per
    uncertainty for ``grid``.
    """
    if len(space) == 0:
        raise ConfigError("uncertainties: the sweep needs at least one uncertainty")
    if design not in DESIGNS:
        raise ConfigError(
            f"must be one of {', '.join(DESIGNS)} (got {design!r})", parameter="design"
        )
    if points < (2 if design == "grid" else 1):
        raise ConfigError(f"must be at least {2 if design == 'grid' else 1}", parameter="points")
    if design == "grid":
        return grid_design(space, points)
    return space.from_unit(unit_design(design, len(space), points, seed))


@dataclass(frozen=True)
class SensitivityDesign:
    """A SALib design: its problem, method, base size, and the unit-cube and mapped rows."""

    problem: Any  # SALib.ProblemSpec (names, unit bounds) holding the samples
    method: str
    base_size: int  # SALib's N: Sobol' base samples, or Morris trajectories
    second_order: bool
    unit: np.ndarray  # rows as SALib drew them, in [0, 1]
    points: pd.DataFrame  # the same rows as parameter values, in SALib's row order


def salib_problem(space: UncertaintySpace) -> Any:
    """SALib's ``ProblemSpec``: one unit interval per uncertainty, named by its key.

    SALib samples the unit cube that each uncertainty maps onto (log scales, integers and
    choices included), so the indices hold for the ranges as declared.
    """
    from SALib import ProblemSpec

    return ProblemSpec(
        {
            "num_vars": len(space),
            "names": space.keys,
            "bounds": [[0.0, 1.0]] * len(space),
            "outputs": ["outcome"],
        }
    )


def sensitivity_design(
    space: UncertaintySpace,
    method: str,
    base_size: int,
    seed: int,
    *,
    second_order: bool = False,
    levels: int = MORRIS_LEVELS,
) -> SensitivityDesign:
    """SALib's design for ``method``: Sobol' (Saltelli's scheme, ``N (D + 2)`` rows, or
    ``N (2D + 2)`` with second order) or Morris (``N`` trajectories of ``D + 1`` rows)."""
    from SALib.sample import morris, sobol

    if len(space) < 2:
        raise ConfigError("uncertainties: sensitivity analysis needs at least two uncertainties")
    if method not in SENSITIVITY_METHODS:
        allowed = ", ".join(SENSITIVITY_METHODS)
        raise ConfigError(f"must be one of {allowed} (got {method!r})", parameter="method")
    problem = salib_problem(space)
    rng_seed = int(design_rng(seed).integers(2**31 - 1))
    if method == "sobol":
        if base_size < 2 or base_size & (base_size - 1):
            raise ConfigError(
                f"Sobol' sensitivity needs a power of two base samples "
                f"(e.g. 64, 256, 1024; got {base_size})",
                parameter="base_size",
            )
        problem.sample(sobol.sample, base_size, calc_second_order=second_order, seed=rng_seed)
    else:
        if base_size < 2:
            raise ConfigError(
                f"Morris needs at least 2 trajectories (got {base_size})", parameter="base_size"
            )
        problem.sample(morris.sample, base_size, num_levels=levels, seed=rng_seed)
    unit = np.asarray(problem.samples, dtype=float)
    # Sobol' rows can reach 1.0 exactly; the flooring maps that onto the last value.
    return SensitivityDesign(
        problem, method, base_size, second_order, unit, space.from_unit(unit.clip(0.0, 1.0))
    )
