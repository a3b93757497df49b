"""The inference gives the same posterior whatever the executor, the worker count or the
batch size: particle i of generation t always runs on its own seed, and a generation keeps
particles in index order up to its n-th acceptance (inference/sampler.py)."""

import numpy as np
import pandas as pd
import pytest

from commsim.experiment.execution.executors import local_executor
from commsim.inference.coverage import TOY_ASSUMPTIONS, SumAndDifference
from commsim.inference.distance import PublishedInterval
from commsim.inference.fit import fit
from commsim.inference.inference_spec import InferenceSpec
from commsim.inference.sampler import particle_seed

TARGETS = [PublishedInterval("sum", 0.8, 1.0), PublishedInterval("difference", -0.3, -0.1)]


def _fit(tmp_path, name, *, batch, executor=None, seed=5):
    spec = InferenceSpec(
        keys=("a", "b"),
        population=30,
        generations=3,
        max_simulations=2_000,
        seed=seed,
        batch=batch,
    )
    return fit(
        spec,
        tmp_path / name,
        executor=executor,
        simulator=SumAndDifference(),
        targets=TARGETS,
        assumptions=TOY_ASSUMPTIONS,
    )


def test_particle_seeds_differ_by_generation_and_index():
    seeds = {particle_seed(0, t, i) for t in (-1, 0, 1) for i in range(50)}
    assert len(seeds) == 150
    assert particle_seed(0, 1, 3) == particle_seed(0, 1, 3) != particle_seed(1, 1, 3)


@pytest.mark.slow  # starts a process pool
def test_one_core_and_a_process_pool_give_the_same_posterior(tmp_path):
    alone = _fit(tmp_path, "alone", batch=7)
    with local_executor(2) as pool:
        pooled = _fit(tmp_path, "pooled", batch=4, executor=pool)
    pd.testing.assert_frame_equal(alone.draws, pooled.draws)
    np.testing.assert_array_equal(alone.weights, pooled.weights)
    assert alone.provenance["simulations"] == pooled.provenance["simulations"]
    assert alone.provenance["epsilons"] == pooled.provenance["epsilons"]


def test_another_seed_gives_another_posterior(tmp_path):
    first, second = _fit(tmp_path, "a", batch=5), _fit(tmp_path, "b", batch=5, seed=6)
    assert not first.draws.equals(second.draws)


def test_the_toy_posterior_moves_towards_the_intervals(tmp_path):
    # sum in 0.8..1.0 and difference in -0.3..-0.1: a near 0.35, b near 0.55
    posterior = _fit(tmp_path, "p", batch=10)
    mean = {k: float(np.average(posterior.draws[k], weights=posterior.weights)) for k in "ab"}
    assert mean["a"] == pytest.approx(0.35, abs=0.08)
    assert mean["b"] == pytest.approx(0.55, abs=0.08)


def test_a_folder_of_another_inference_is_refused(tmp_path):
    _fit(tmp_path, "p", batch=10)
    with pytest.raises(ValueError, match="another inference"):
        _fit(tmp_path, "p", batch=10, seed=9)
