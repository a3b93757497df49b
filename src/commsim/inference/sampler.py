"""A pyABC sampler whose answer does not depend on the executor or the worker count.

pyABC's parallel samplers reseed every worker from the operating system and keep whichever
particles finish first, so two runs of the same inference differ. Here particle ``i`` of
generation ``t`` always runs on its own seed (spawned from the inference's root seed), the
particles are evaluated in batches on any ``concurrent.futures`` executor (a local process
pool or a Dask cluster: ``experiment.executors``), and a generation keeps them in index order
up to its n-th acceptance: exactly what one core evaluating them one by one would keep.
"""

from __future__ import annotations

import functools
import pickle
import random
from collections.abc import Callable
from concurrent.futures import Executor
from typing import Any

import numpy as np
from pyabc.sampler import Sampler

SPAWN_KEY = 0x41424353  # "ABCS": the particles' seeds, apart from every other stream


def particle_seed(root: int, generation: int, index: int) -> int:
    """The seed of particle ``index`` of ``generation`` (-1: the calibration sample)."""
    sequence = np.random.SeedSequence(root, spawn_key=(SPAWN_KEY, generation + 1, index))
    return int(sequence.generate_state(1, dtype=np.uint32)[0])


@functools.lru_cache(maxsize=1)
def _unpickled(payload: bytes) -> Callable[[], Any]:
    """A generation's ``simulate_one``, unpickled once per worker (it carries the whole
    ABC-SMC state: unpickling it for every particle cost more than a small simulation)."""
    return pickle.loads(payload)


def _simulate_seeded(payload: bytes, seed: int) -> Any:
    """One particle (in a worker): propose, simulate and accept or reject on ``seed``."""
    simulate_one = _unpickled(payload)
    np.random.seed(seed)  # noqa: NPY002 (pyABC proposes from the global stream)
    random.seed(seed)
    return simulate_one()


class SeededBatchSampler(Sampler):
    """Evaluate particles ``batch`` at a time on ``executor`` (in this process when None)."""

    def __init__(self, seed: int, executor: Executor | None = None, batch: int = 8) -> None:
        super().__init__()
        self.seed = seed
        self.executor = executor
        self.batch = max(1, batch)

    def sample_until_n_accepted(
        self,
        n: int,
        simulate_one: Callable[[], Any],
        t: int,
        *,
        max_eval: float = np.inf,
        all_accepted: bool = False,  # noqa: ARG002 (the order rule covers it)
        ana_vars: Any = None,  # noqa: ARG002
    ) -> Any:
        run = functools.partial(_simulate_seeded, pickle.dumps(simulate_one))
        mapper = self.executor.map if self.executor is not None else map
        sample = self._create_empty_sample()
        accepted = evaluated = start = 0
        while accepted < n and evaluated < max_eval:
            seeds = [particle_seed(self.seed, t, i) for i in range(start, start + self.batch)]
            start += self.batch
            for particle in mapper(run, seeds):
                if accepted >= n or evaluated >= max_eval:
                    break  # evaluated past the n-th acceptance: dropped, as one core would
                sample.append(particle)
                evaluated += 1
                accepted += bool(particle.accepted)
        self.nr_evaluations_ = evaluated
        if accepted < n:
            sample.ok = False
        return sample
