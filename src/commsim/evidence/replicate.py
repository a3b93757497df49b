"""Run every expressible study's design for a number of replicates, on the project's
executors, and hold the model's mean effect and 95% interval against the published one.

Replicate r of every study uses seed r of the run's root seed (``replicate_seeds``, spawned
from a ``SeedSequence``), so the numbers are the same whatever the executor or worker count.
Each finished design run is written to ``runs/`` at once; a rerun into the same folder with
the same sizes and seed reads it back instead of running it again (``resume``).
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy import stats

from commsim.evidence.designs import DESIGNS, SAMPLE_FACTORS
from commsim.evidence.published import Study, load_studies
from commsim.experiment.execution.executors import local_executor
from commsim.experiment.results.atomic import write_text
from commsim.experiment.spec.run_plan import replicate_seeds

WITHIN, OUTSIDE, NOT_EXPRESSIBLE, UNDECIDED = "within", "outside", "not expressible", "undecided"


@dataclass(frozen=True)
class EvidenceSizes:
    """How large the replicated studies are: simulated members and replicates per study."""

    members: int = 10_000
    replicates: int = 10

    @classmethod
    def quick(cls) -> EvidenceSizes:
        return cls(members=2_000, replicates=4)


@dataclass(frozen=True)
class DesignTask:
    """One replicate of one study's design (picklable: it travels to a worker)."""

    study: str
    replicate: int
    seed: int
    members: int
    settings: tuple[tuple[str, Any], ...] = ()  # a user's scenario settings (--set), in order

    @property
    def name(self) -> str:
        return f"{self.study}-r{self.replicate:03d}"


def measure(task: DesignTask) -> tuple[dict[str, float], float]:
    """Run one design replicate (in a worker): the study's measures and the wall seconds."""
    start = time.perf_counter()
    members = task.members * SAMPLE_FACTORS.get(task.study, 1)
    base = {**dict(task.settings), "population.members": members}
    measures = DESIGNS[task.study](base, task.seed)
    return {key: float(value) for key, value in measures.items()}, time.perf_counter() - start


def plan(
    studies: Sequence[Study],
    sizes: EvidenceSizes,
    seed: int,
    settings: Sequence[tuple[str, Any]] = (),
) -> list[DesignTask]:
    """Every replicate of every study the model can express (in worlds with ``settings``)."""
    seeds = replicate_seeds(seed, sizes.replicates)
    settings = tuple((str(key), value) for key, value in settings)
    return [
        DesignTask(study.id, r, seeds[r], sizes.members, settings)
        for study in studies
        if study.expressible
        for r in range(sizes.replicates)
    ]


def _stored(path: Path, task: DesignTask) -> dict[str, float] | None:
    """The measures of a finished run of ``task``, if ``path`` holds one."""
    try:
        record = json.loads(path.read_text("utf-8"))
        fields = dict(record["task"])
        fields["settings"] = tuple(tuple(pair) for pair in fields.get("settings", ()))
        same = DesignTask(**fields) == task
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return record["measures"] if same else None


def run_designs(
    tasks: Sequence[DesignTask],
    runs_dir: Path,
    *,
    workers: int = 1,
    executor: Executor | None = None,
    progress: Callable[[DesignTask], None] | None = None,
) -> dict[DesignTask, dict[str, float]]:
    """Each task's measures: read back from ``runs_dir`` when there, else run (in this
    process with one worker, else on ``executor`` or a local process pool)."""
    runs_dir.mkdir(parents=True, exist_ok=True)
    results: dict[DesignTask, dict[str, float]] = {}
    todo = []
    for task in tasks:
        stored = _stored(runs_dir / f"{task.name}.json", task)
        if stored is None:
            todo.append(task)
        else:
            results[task] = stored

    def keep(task: DesignTask, outcome: tuple[dict[str, float], float]) -> None:
        measures, seconds = outcome
        record = {"task": asdict(task), "measures": measures, "seconds": round(seconds, 2)}
        write_text(runs_dir / f"{task.name}.json", json.dumps(record, indent=1))
        results[task] = measures
        if progress:
            progress(task)

    if workers <= 1 and executor is None:
        for task in todo:
            keep(task, measure(task))
        return results
    pool = executor or local_executor(workers)
    try:
        futures = {pool.submit(measure, task): task for task in todo}
        for future in as_completed(futures):
            keep(futures[future], future.result())
    finally:
        if executor is None:
            pool.shutdown(wait=True)
    return results


def mean_interval(values: Sequence[float]) -> tuple[float, float, float, int]:
    """Mean over replicates with its 95% t interval, and the count of finite values."""
    finite = np.asarray([v for v in values if math.isfinite(v)], dtype=float)
    if finite.size == 0:
        return math.nan, math.nan, math.nan, 0
    mean = float(finite.mean())
    if finite.size < 2:
        return mean, math.nan, math.nan, 1
    half = float(stats.t.ppf(0.975, finite.size - 1) * finite.std(ddof=1) / math.sqrt(finite.size))
    return mean, mean - half, mean + half, int(finite.size)


# A model interval wider than this (in the measures' units: shares of a lift, or standard
# deviations) says only that the sample is too small to tell: the verdict waits for more runs.
UNDECIDED_WIDTH = 1.0


def evidence_verdict(
    model_low: float, model_high: float, low: float, high: float, kind: str
) -> str:
    """Within when the model's 95% interval meets the published interval (for a published
    direction: lies wholly on its side of 0, as the study's significant effect did), outside
    when it does not; undecided when the model gives no interval or one too wide to tell."""
    if not (math.isfinite(model_low) and math.isfinite(model_high)):
        return UNDECIDED
    if model_high - model_low > UNDECIDED_WIDTH:
        return UNDECIDED
    if kind == "sign":
        meets = model_low > 0 if low >= 0 else model_high < 0
    else:
        meets = model_low <= high and model_high >= low
    return WITHIN if meets else OUTSIDE


def evidence_rows(
    results: dict[DesignTask, dict[str, float]], studies: Sequence[Study] | None = None
) -> list[dict[str, object]]:
    """One row per study and measure: published value and interval, the model's mean and
    95% interval over replicates, and the verdict (or why the model cannot express it)."""
    rows = []
    for study in studies or load_studies():
        for m in study.measures:
            row: dict[str, object] = {
                "study": study.id,
                "citation": study.citation,
                "measure": m.key,
                "label": m.label,
                "published_value": m.value,
                "published_low": m.low,
                "published_high": m.high,
                "interval": m.interval,
                "calibrates": m.calibrates,
            }
            if not study.expressible:
                nan = math.nan
                row.update(model_value=nan, model_low=nan, model_high=nan, replicates=0)
                row.update(verdict=NOT_EXPRESSIBLE, note=study.not_expressible)
                rows.append(row)
                continue
            values = [v[m.key] for t, v in results.items() if t.study == study.id]
            mean, low, high, n = mean_interval(values)
            row.update(model_value=mean, model_low=low, model_high=high, replicates=n)
            row.update(
                verdict=evidence_verdict(low, high, m.low, m.high, m.interval),
                note=m.interval_source or m.note,
            )
            rows.append(row)
    return rows
