"""Daily metrics per brand: preallocated storage and the tidy table (the metrics themselves,
names and meanings, are :mod:`commsim.model.catalogue`)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from commsim.model.catalogue import COUNT_METRICS, METRIC_NAMES

# Attitude from which a member counts as favourable: a quarter of the way from neutral (0) to
# devoted (1), about half of what a satisfied buyer reaches (brand.experience 0.5).
FAVOURABLE_ATTITUDE = 0.25
# Counts of the simulated sample that stand for the market (all counts but the brand's posts).
MARKET_COUNTS = tuple(name for name in COUNT_METRICS if name != "posts")


class MetricRecorder:
    """Preallocated (steps x brands) arrays, one per metric, filled one day at a time."""

    def __init__(self, steps: int, brand_names: list[str]) -> None:
        self.brand_names = list(brand_names)
        shape = (steps, len(brand_names))
        self.values = {name: np.zeros(shape, dtype=np.float64) for name in METRIC_NAMES}
        self.steps_recorded = 0

    def record(self, day: int, **columns: ArrayLike) -> None:
        """Store one day's values: each keyword is a metric, each value one entry per brand."""
        if day >= self.values["posts"].shape[0]:
            self._grow()
        for name, row in columns.items():
            self.values[name][day] = row
        self.steps_recorded = max(self.steps_recorded, day + 1)

    def _grow(self) -> None:
        for name, array in self.values.items():
            self.values[name] = np.concatenate([array, np.zeros_like(array)])

    def to_frame(self) -> pd.DataFrame:
        """Tidy table: one row per day and brand, columns ``step``, ``brand`` and every metric."""
        steps = self.steps_recorded
        n_brands = len(self.brand_names)
        frame = pd.DataFrame(
            {
                "step": np.repeat(np.arange(1, steps + 1), n_brands),
                "brand": np.tile(np.array(self.brand_names, dtype=object), steps),
            }
        )
        for name in METRIC_NAMES:
            column = self.values[name][:steps].reshape(-1)
            frame[name] = np.rint(column).astype(np.int64) if name in COUNT_METRICS else column
        frame["program_active"] = frame["program_active"].astype(np.int8)
        return frame
