"""How far a simulated replicate of the studies lands from the published intervals.

Each measure adds 0 inside its published interval and, outside it, the distance to the
interval in units of the interval's width; a published direction the replicate misses adds
1, and a measure the replicate could not produce adds ``MISSING``. So the distance is 0 only
when every simulated study lands inside its interval, and ABC at tolerance 0 is exact for the
"noisy" observation model in which a study reports an interval around its true effect
(Wilkinson 2013; docs/validation.md section 8). No scale is tuned: it is the interval's own.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pyabc.distance import Distance

SIGN = "sign"
MISSING = 10.0  # a study the replicate could not produce: far from every interval


@dataclass(frozen=True)
class PublishedInterval:
    """One published measure as the inference sees it: its key and interval (``kind`` is the
    evidence table's interval kind; ``sign`` means only the direction of ``low`` is known)."""

    key: str
    low: float
    high: float
    kind: str = "band"


def outside_share(value: float, target: PublishedInterval) -> float:
    """0 inside the target's interval; outside, the distance in interval widths (1 for a
    missed direction)."""
    if not math.isfinite(value):
        return MISSING
    if target.kind == SIGN:
        positive = target.low >= 0
        return 0.0 if (value > 0 if positive else value < 0) else 1.0
    excess = max(target.low - value, value - target.high, 0.0)
    width = target.high - target.low
    if excess == 0.0:
        return 0.0
    return MISSING if width <= 0 else excess / width


class InsideIntervals(Distance):
    """pyABC distance: the sum over targets of :func:`outside_share` (the observed summary
    statistics are not used: the published intervals are the observation)."""

    def __init__(self, targets: Sequence[PublishedInterval]) -> None:
        super().__init__()
        self.targets = tuple(targets)

    def __call__(
        self,
        x: Mapping[str, float],
        x_0: Mapping[str, float] | None = None,  # noqa: ARG002 (the intervals are the data)
        t: int | None = None,  # noqa: ARG002
        par: Mapping[str, float] | None = None,  # noqa: ARG002
    ) -> float:
        return float(sum(outside_share(float(x.get(t.key, math.nan)), t) for t in self.targets))

    def get_config(self) -> dict:
        return {"name": type(self).__name__, "targets": [t.__dict__ for t in self.targets]}
