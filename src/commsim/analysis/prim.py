"""PRIM (Friedman and Fisher 1999): boxes in the uncertainty space where a yes/no answer is
mostly yes, for scenario discovery (Bryant and Lempert 2010).

Peeling only: starting from the whole space, repeatedly cut off the ``alpha`` share of points
(one end of one numeric dimension, or one category) whose removal leaves the highest share of
"yes" inside, until the box would hold fewer than ``min_mass`` of the points. Each box on the
way trades **coverage** (share of all "yes" points inside the box) for **density** (share of
"yes" among the points inside). The box reported is the one with the best coverage among those
with density of at least ``threshold``. Each restriction gets a quasi-p-value: a one-sided
binomial test of the box's density against the box without that restriction; restrictions
that do not pass at 5% are dropped from the reported box, so its rule names only conditions
that matter.

Self-contained (numpy, pandas, scipy) rather than the EMA Workbench's PRIM, which brings a large
dependency tree (ipyparallel, SALib plotting, altair, ...) for the ~200 lines needed here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

ALPHA = 0.05  # share of the box's points peeled per step (Friedman and Fisher: 0.05-0.10)
MIN_MASS = 0.05  # smallest box, as a share of all points
THRESHOLD = 0.8  # smallest density of a reported box
SIGNIFICANT = 0.05  # restrictions with a larger quasi-p-value are dropped from the reported box


@dataclass(frozen=True)
class Limit:
    """A box's restriction on one dimension: a range, or a set of categories."""

    key: str
    low: float | None = None  # None: not restricted from below
    high: float | None = None
    categories: tuple | None = None

    def rule(self, name=None, value=None) -> str:
        """``low <= key <= high``; ``name(key)`` and ``value(key, number)`` may reword it."""
        label = name(self.key) if name else self.key
        if self.categories is not None:
            return f"{label} in {{{', '.join(str(c) for c in self.categories)}}}"

        def text(number: float) -> str:
            return value(self.key, number) if value else f"{number:.3g}"

        if self.low is not None and self.high is not None:
            return f"{text(self.low)} <= {label} <= {text(self.high)}"
        if self.low is not None:
            return f"{label} >= {text(self.low)}"
        assert self.high is not None  # a limit bounds at least one side
        return f"{label} <= {text(self.high)}"

    def contains(self, column: pd.Series) -> np.ndarray:
        if self.categories is not None:
            return column.isin(self.categories).to_numpy()
        values = column.to_numpy(dtype=float)
        inside = np.ones(len(values), dtype=bool)
        if self.low is not None:
            inside &= values >= self.low
        if self.high is not None:
            inside &= values <= self.high
        return inside


@dataclass
class Box:
    """One box: its restrictions, the points inside, coverage, density and mass."""

    limits: list[Limit]
    inside: np.ndarray
    coverage: float
    density: float
    mass: float
    qp_values: dict[str, float] = field(default_factory=dict)

    @property
    def rule(self) -> str:
        return " and ".join(limit.rule() for limit in self.limits)


@dataclass
class PrimResult:
    """The peeling trajectory (a table), its boxes, the chosen one and its simplified form."""

    trajectory: pd.DataFrame
    boxes: list[Box]
    chosen: int  # index of the chosen box on the trajectory
    box: Box  # the chosen box without restrictions that do not tell (reported)
    base_density: float  # share of "yes" over all points

    @property
    def peeled(self) -> Box:
        return self.boxes[self.chosen]


def _limits(x: pd.DataFrame, inside: np.ndarray, categorical: set[str]) -> list[Limit]:
    """Restrictions of the box around ``inside`` relative to the whole data."""
    limits = []
    for key in x.columns:
        column, kept = x[key], x[key][inside]
        if key in categorical:
            everything = list(pd.unique(column))
            present = [c for c in everything if c in set(kept)]
            if len(present) < len(everything):
                limits.append(Limit(key, categories=tuple(present)))
            continue
        low, high = float(kept.min()), float(kept.max())
        restricted_low = low > float(column.min())
        restricted_high = high < float(column.max())
        if restricted_low or restricted_high:
            limits.append(
                Limit(key, low if restricted_low else None, high if restricted_high else None)
            )
    return limits


def _peels(x: pd.DataFrame, inside: np.ndarray, categorical: set[str], alpha: float):
    """Candidate boxes one peel smaller: (mask of the points kept)."""
    for key in x.columns:
        column = x[key]
        if key in categorical:
            present = list(pd.unique(column[inside]))
            if len(present) > 1:
                for category in present:
                    yield inside & (column != category).to_numpy()
            continue
        values = column.to_numpy(dtype=float)
        inner = np.sort(values[inside])
        distinct = np.unique(inner)
        if len(distinct) < 2:
            continue
        cut = max(1, int(alpha * len(inner)))
        low = inner[cut] if inner[cut] > inner[0] else distinct[1]
        high = inner[-1 - cut] if inner[-1 - cut] < inner[-1] else distinct[-2]
        yield inside & (values >= low)
        yield inside & (values <= high)


def _relaxations(limits: list[Limit]):
    """(name, limits) for each single restriction removed: a whole limit, or one end of a
    two-sided range (so a stray trim at one end can go while the other end stays)."""
    for limit in limits:
        others = [other for other in limits if other is not limit]
        yield limit.key, others
        if limit.low is not None and limit.high is not None:
            yield f"{limit.key} (lower end)", [*others, Limit(limit.key, None, limit.high)]
            yield f"{limit.key} (upper end)", [*others, Limit(limit.key, limit.low, None)]


def _inside(x: pd.DataFrame, limits: list[Limit]) -> np.ndarray:
    inside = np.ones(len(x), dtype=bool)
    for limit in limits:
        inside &= limit.contains(x[limit.key])
    return inside


def _p_value(y: np.ndarray, box_inside: np.ndarray, relaxed_inside: np.ndarray) -> float:
    """One-sided binomial test: is the box denser than the relaxed box?"""
    inside, yes = int(box_inside.sum()), int(y[box_inside].sum())
    return float(stats.binomtest(yes, inside, y[relaxed_inside].mean(), "greater").pvalue)


def _qp_values(x: pd.DataFrame, y: np.ndarray, box: Box) -> dict[str, float]:
    """Quasi-p-value of each restriction (Bryant and Lempert 2010)."""
    return {
        limit.key: _p_value(y, box.inside, _inside(x, [o for o in box.limits if o is not limit]))
        for limit in box.limits
    }


def _simplify(x: pd.DataFrame, y: np.ndarray, box: Box, positives: int) -> Box:
    """Drop restrictions (or ends of ranges) that do not tell (quasi-p-value above
    :data:`SIGNIFICANT`), the least telling first, so the rule keeps the conditions that
    matter."""
    while True:
        candidates = [
            (_p_value(y, box.inside, _inside(x, limits)), name, limits)
            for name, limits in _relaxations(box.limits)
        ]
        loose = [c for c in candidates if c[0] > SIGNIFICANT]
        if not loose:
            box.qp_values = _qp_values(x, y, box)
            return box
        _, _, limits = max(loose, key=lambda c: c[0])
        inside = _inside(x, limits)
        order = {key: i for i, key in enumerate(x.columns)}
        limits = sorted(limits, key=lambda limit: order[limit.key])
        box = Box(
            limits,
            inside,
            coverage=float(y[inside].sum() / positives),
            density=float(y[inside].mean()),
            mass=float(inside.mean()),
        )


def _peeling(
    x: pd.DataFrame, y: np.ndarray, categorical: set[str], alpha: float, min_mass: float
) -> list[np.ndarray]:
    """The boxes (as masks of the points inside), from the whole space inwards."""
    total = len(y)
    inside = np.ones(total, dtype=bool)
    masks = [inside]
    while True:
        density, size = y[inside].mean(), inside.sum()
        if density >= 1.0:
            return masks
        # Gain in density per share of points removed (Friedman and Fisher's remark; the EMA
        # Workbench's "lenient" objective), so a thin precise peel beats dropping a category.
        best, best_gain = None, 0.0
        for kept in _peels(x, inside, categorical, alpha):
            removed = size - kept.sum()
            if kept.sum() / total < min_mass or removed == 0:
                continue
            gain = (y[kept].mean() - density) / (removed / total)
            if gain > best_gain:
                best, best_gain = kept, gain
        if best is None:
            return masks
        inside = best
        masks.append(inside)


def prim(
    x: pd.DataFrame,
    y: np.ndarray | pd.Series,
    *,
    categorical: set[str] | None = None,
    alpha: float = ALPHA,
    min_mass: float = MIN_MASS,
    threshold: float = THRESHOLD,
) -> PrimResult:
    """Peel boxes around the "yes" points of ``y`` over the dimensions of ``x``."""
    y = np.asarray(y, dtype=bool)
    x = x.reset_index(drop=True)
    if len(x) != len(y) or len(y) == 0:
        raise ValueError("x and y need the same, non-zero number of rows")
    categorical = set(categorical or ()) | {
        c for c in x.columns if not pd.api.types.is_numeric_dtype(x[c].dtype)
    }
    positives = max(int(y.sum()), 1)
    masks = _peeling(x, y, categorical, alpha, min_mass)
    boxes = []
    for mask in masks:
        box = Box(
            _limits(x, mask, categorical),
            mask,
            coverage=float(y[mask].sum() / positives),
            density=float(y[mask].mean()),
            mass=float(mask.mean()),
        )
        boxes.append(box)
    dense = [i for i, b in enumerate(boxes) if b.density >= threshold]
    if dense:
        chosen = max(dense, key=lambda i: (boxes[i].coverage, -len(boxes[i].limits)))
    else:
        chosen = max(range(len(boxes)), key=lambda i: (boxes[i].density, boxes[i].coverage))
    peeled = boxes[chosen]
    simplified = _simplify(
        x,
        y,
        Box(peeled.limits, peeled.inside, peeled.coverage, peeled.density, peeled.mass),
        positives,
    )
    trajectory = pd.DataFrame(
        {
            "box": range(len(boxes)),
            "coverage": [b.coverage for b in boxes],
            "density": [b.density for b in boxes],
            "mass": [b.mass for b in boxes],
            "restricted": [len(b.limits) for b in boxes],
            "rule": [b.rule or "(whole space)" for b in boxes],
        }
    )
    return PrimResult(trajectory, boxes, chosen, simplified, float(y.mean()))
