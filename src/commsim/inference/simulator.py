"""The simulator the inference calls: one replicate of every chosen study's design, in a
world with the proposed assumptions, kept in a bank folder as it finishes.

Each call draws its world's seed from NumPy's global generator, which the sampler seeds per
particle (``sampler.particle_seed``), so a particle's simulation is fixed by the inference's
root seed. A simulation already in the bank (the same assumptions, seed, size and designs) is
read back, so an interrupted inference loses no finished simulation.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from commsim.evidence.replicate import DesignTask, measure
from commsim.experiment.results.atomic import write_text

SEED_BOUND = 2**31 - 1


@dataclass(frozen=True)
class EvidenceSimulator:
    """pyABC model: proposed assumptions -> the chosen designs' measures (one replicate)."""

    designs: tuple[str, ...]
    members: int
    bank: Path | None = None  # where each finished simulation is kept (None: nowhere)
    settings: tuple[tuple[str, Any], ...] = field(default=())  # a user's --set, under the draws

    def __call__(self, assumptions: Mapping[str, float]) -> dict[str, float]:
        seed = int(np.random.randint(0, SEED_BOUND))  # noqa: NPY002 (seeded per particle)
        drawn = tuple(sorted((str(k), float(v)) for k, v in assumptions.items()))
        record = {
            "assumptions": dict(drawn),
            "seed": seed,
            "members": self.members,
            "designs": list(self.designs),
            "settings": [list(s) for s in self.settings],
        }
        path = self._path(record)
        stored = _stored(path, record) if path else None
        if stored is not None:
            return stored
        measures: dict[str, float] = {}
        for design in self.designs:
            task = DesignTask(design, 0, seed, self.members, (*self.settings, *drawn))
            found, _seconds = measure(task)
            measures.update(found)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            shown = {k: (v if math.isfinite(v) else None) for k, v in measures.items()}
            write_text(path, json.dumps({**record, "measures": shown}, indent=1))
        return measures

    def _path(self, record: dict[str, Any]) -> Path | None:
        if self.bank is None:
            return None
        digest = hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()
        return self.bank / f"sim-{digest[:20]}.json"


def _stored(path: Path, record: dict[str, Any]) -> dict[str, float] | None:
    """The measures of ``record``'s simulation if ``path`` holds exactly it."""
    try:
        kept = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if {k: kept.get(k) for k in record} != record:
        return None
    return {k: (math.nan if v is None else float(v)) for k, v in kept["measures"].items()}


def bank_table(bank: Path) -> list[dict[str, Any]]:
    """Every simulation in ``bank`` as one flat row: assumptions, seed, measures."""
    rows = []
    for path in sorted(bank.glob("sim-*.json")):
        kept = json.loads(path.read_text("utf-8"))
        rows.append({**kept["assumptions"], "seed": kept["seed"], **kept["measures"]})
    return rows
