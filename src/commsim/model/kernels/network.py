"""Friendship networks as symmetric ``scipy.sparse`` CSR matrices, built without edge loops.

The homophilous generator places members on a ring ordered by (noisy) similarity: a blend of
their topic interest and brand affinity ranks. Each member opens a heavy-tailed number of
ties: a share ``homophily`` goes to ring neighbours a short distance away (similar members,
and shared neighbours, hence clustering), the rest to
members drawn in proportion to their degree (preferential attachment, hence hubs). Every step
is a numpy array operation, so 10^6 members take seconds.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from commsim.config import Population

# The most stubs a network draw opens per tie it aims for (a heavy tail, degree_tail 1.5, in a
# sample of 20,000 keeps about 1 stub in 20 on its first draw: hubs are capped).
MAX_OVERSAMPLE = 100.0


def _symmetric_adjacency(src: np.ndarray, dst: np.ndarray, n: int) -> sp.csr_matrix:
    """Undirected 0/1 adjacency from directed pairs: symmetrised, no self-ties, no duplicates."""
    keep = src != dst
    src, dst = src[keep], dst[keep]
    rows = np.concatenate([src, dst]).astype(np.int32)
    cols = np.concatenate([dst, src]).astype(np.int32)
    data = np.ones(rows.size, dtype=np.float32)
    adjacency = sp.csr_matrix((data, (rows, cols)), shape=(n, n))
    adjacency.sum_duplicates()
    adjacency.data[:] = 1.0
    return adjacency


def random_network(n: int, mean_degree: float, rng: np.random.Generator) -> sp.csr_matrix:
    """Erdos-Renyi graph with the given mean degree (the null model: no clustering, no hubs)."""
    edges = int(round(n * mean_degree / 2))
    src = rng.integers(0, n, size=edges)
    dst = rng.integers(0, n, size=edges)
    return _symmetric_adjacency(src, dst, n)


def similarity_key(
    interest: np.ndarray, affinity: np.ndarray, affinity_weight: float
) -> np.ndarray:
    """Where a member sits among similar people, in [0, 1]: its percentile rank in topic
    interest and in brand affinity (its strongest), blended by ``affinity_weight``."""
    n = interest.size

    def rank(values: np.ndarray) -> np.ndarray:
        order = np.argsort(values, kind="stable")
        ranks = np.empty(n)
        ranks[order] = np.arange(n) / max(n - 1, 1)
        return ranks

    key = rank(interest)
    if affinity_weight > 0 and affinity.size:
        key = (1.0 - affinity_weight) * key + affinity_weight * rank(affinity.max(axis=1))
    return key


def homophilous_network(
    interest: np.ndarray,
    mean_degree: float,
    homophily: float,
    degree_tail: float,
    rng: np.random.Generator,
) -> sp.csr_matrix:
    """Clustered, heavy-tailed network with ties among similar members (``interest`` is the
    similarity key: members close in it are close on the ring)."""
    n = interest.size
    # Heavy-tailed propensity to make ties (Pareto with exponent degree_tail); no member
    # expects more than 50 x mean ties (Facebook caps friends at 5,000), nor more than the
    # sample holds: the same cap, hence the same hubs, at any sample size from 1,000
    # members up (a tighter cap in small samples made their communities grow slower,
    # docs/model.md 7.9). Ring ties and repeated draws are dropped as duplicates, so even
    # the largest hub keeps distinct ties to well under a third of a 1,000-member sample.
    propensity = 1.0 + rng.pareto(degree_tail - 1.0, size=n)
    cap = max(min(float(n), 50.0 * mean_degree), 2.0 * mean_degree)
    expected_degree = np.minimum(propensity * mean_degree / propensity.mean(), cap)
    # Duplicate and self ties are dropped, so open more stubs than the target: a pilot on
    # this very draw measures the loss and the final draw corrects for it. The request is
    # bounded before anything is allocated: no member opens more stubs than the sample has
    # members (more only repeat ties), nor is the target oversampled more than
    # MAX_OVERSAMPLE times (a pilot that kept almost no ties once asked for 31 TiB).
    oversample = 1.0
    for _ in range(2):
        stubs = np.minimum(expected_degree * oversample / 2.0, float(n))
        adjacency = _ring_and_hub_ties(interest, stubs, homophily, mean_degree, rng)
        achieved = adjacency.nnz / n
        if abs(achieved - mean_degree) < 0.02 * mean_degree:
            break
        oversample = min(oversample * mean_degree / max(achieved, 1e-9), MAX_OVERSAMPLE)
    return adjacency


def _ring_and_hub_ties(
    interest: np.ndarray,
    stubs_per_member: np.ndarray,
    homophily: float,
    mean_degree: float,
    rng: np.random.Generator,
) -> sp.csr_matrix:
    """One draw of ring-local (homophilous) and degree-weighted (hub) ties."""
    n = interest.size
    stubs = rng.poisson(stubs_per_member)
    src = np.repeat(np.arange(n, dtype=np.int64), stubs)

    # Ring order by noisy interest: neighbours on the ring have similar interest.
    ring_order = np.argsort(interest + rng.normal(0.0, 0.05, size=n), kind="stable")
    ring_position = np.empty(n, dtype=np.int64)
    ring_position[ring_order] = np.arange(n)

    local = rng.random(src.size) < homophily
    n_local = int(local.sum())
    # Short hops on the ring (window ~ mean degree) make triangles, hence clustering.
    hop = 1 + rng.geometric(1.0 / max(mean_degree / 2.0, 1.0), size=n_local)
    hop *= rng.choice(np.array([-1, 1]), size=n_local)
    dst = np.empty(src.size, dtype=np.int64)
    dst[local] = ring_order[(ring_position[src[local]] + hop) % n]
    # Preferential attachment for the rest: the hub-rich long ties.
    weights = stubs_per_member / stubs_per_member.sum()
    dst[~local] = rng.choice(n, size=src.size - n_local, p=weights)
    return _symmetric_adjacency(src, dst, n)


def build_network(
    population: Population,
    interest: np.ndarray,
    rng: np.random.Generator,
    affinity: np.ndarray | None = None,
) -> sp.csr_matrix:
    """The friendship network named by ``population.network`` (``affinity``: (N, B) brand
    affinities that ties also follow; none means topic interest alone)."""
    if population.network == "random":
        return random_network(interest.size, population.mean_degree, rng)
    affinity = np.zeros((interest.size, 0)) if affinity is None else affinity
    key = similarity_key(interest, affinity, population.affinity_homophily)
    return homophilous_network(
        key, population.mean_degree, population.homophily, population.degree_tail, rng
    )
