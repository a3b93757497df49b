"""Classic diffusion models run with the engine's own kernels, and their known solutions.

The point is that the code under test is the code the model uses: advertising reaches members
through ``delivery.deliver_posts``, word of mouth counts adopted friends with one sparse
product (``delivery.friends_exposure``) and turns them into a chance with
``response.at_least_once``, and a share cascade is ``friends_exposure`` followed by binomial
thinning (``delivery.thin``), exactly as the model delivers friends' shares.
"""

from __future__ import annotations

import math

import numpy as np
import scipy.sparse as sp

from commsim.config import Population
from commsim.model.kernels import delivery, response
from commsim.model.kernels.network import build_network

NETWORKS = ("complete", "random", "homophilous")


def bass_closed_form(p: float, q: float, t: np.ndarray | float) -> np.ndarray:
    """Bass (1969) cumulative adoption F(t) = (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t})."""
    decay = np.exp(-(p + q) * np.asarray(t, dtype=np.float64))
    return (1.0 - decay) / (1.0 + (q / p) * decay)


def bass_peak_time(p: float, q: float) -> float:
    """When the Bass adoption rate peaks: ln(q/p) / (p + q) (0 when q <= p)."""
    return max(math.log(q / p), 0.0) / (p + q)


def bass_two_node_lower_bound(p: float, q: float, t: np.ndarray | float) -> np.ndarray:
    """Slowest possible adoption on any network: the homogeneous two-node network.

    Fibich and Levin (2024, "Universal bounds for spreading on networks", arXiv 2312.05450)
    prove that the Bass adoption level on any network (each node's peer weights summing to q)
    lies between this curve and the complete-network Bass curve. From the master equations of
    two nodes: nobody adopted with probability e^{-2pt}; one adopted, p(e^{-2pt} -
    e^{-(p+q)t}) 2/(q - p); a node has not adopted with P0 + P1/2.
    """
    t = np.asarray(t, dtype=np.float64)
    nobody = np.exp(-2.0 * p * t)
    if math.isclose(p, q):
        one = 2.0 * p * t * nobody
    else:
        one = 2.0 * p / (q - p) * (nobody - np.exp(-(p + q) * t))
    return 1.0 - (nobody + one / 2.0)


def _contact_network(
    network: str | sp.spmatrix, members: int, mean_degree: float, rng: np.random.Generator
) -> sp.csr_matrix | None:
    """The word-of-mouth network: None for the complete network, else a 0/1 CSR matrix."""
    if isinstance(network, str):
        if network not in NETWORKS:
            raise ValueError(f"network must be one of {NETWORKS} or a sparse matrix")
        if network == "complete":
            return None
        population = Population(members=members, mean_degree=mean_degree, network=network)
        return build_network(population, rng.random(members), rng)
    adjacency = sp.csr_matrix(network, dtype=np.float32)
    adjacency.data[:] = 1.0
    return adjacency


def bass_adoption_steps(
    p: float,
    q: float,
    *,
    members: int = 10_000,
    periods: int = 30,
    steps_per_period: int = 20,
    replicates: int = 10,
    seed: int = 0,
    network: str | sp.spmatrix = "complete",
    mean_degree: float = 20.0,
) -> np.ndarray:
    """Cumulative adoption share of every replicate at every step: (replicates, steps + 1).

    In a step of length dt = 1 / steps_per_period a non-adopter adopts when an ad reaches it
    (reach 1 - e^{-p dt}, so the advertising hazard is p) or when at least one adopted contact
    persuades it (each with chance 1 - e^{-q dt / contacts}, so the hazard is q x the adopted
    share of its contacts). Replicate r draws from child r of SeedSequence(seed), network too.
    """
    if not (p > 0 and q >= 0 and periods >= 1 and steps_per_period >= 1 and replicates >= 1):
        raise ValueError("need p > 0, q >= 0 and at least one period, step and replicate")
    if not isinstance(network, str):
        members = network.shape[0]
    dt = 1.0 / steps_per_period
    steps = periods * steps_per_period
    ad_reach = 1.0 - math.exp(-p * dt)
    paths = np.zeros((replicates, steps + 1))
    for r, child in enumerate(np.random.SeedSequence(seed).spawn(replicates)):
        rng = np.random.default_rng(child)
        adjacency = _contact_network(network, members, mean_degree, rng)
        if adjacency is None:
            per_contact = np.full(members, 1.0 - math.exp(-q * dt / max(members - 1, 1)))
        else:
            degree = np.asarray(adjacency.sum(axis=1)).ravel()
            per_contact = 1.0 - np.exp(-q * dt / np.maximum(degree, 1.0))
        adopted = np.zeros(members, dtype=bool)
        for k in range(steps):
            waiting = ~adopted
            ads = delivery.deliver_posts(waiting, 1, ad_reach, rng)
            if adjacency is None:
                adopted_contacts = np.full(members, float(adopted.sum()))
            else:
                adopted_contacts = delivery.friends_exposure(adjacency, adopted.astype(np.float32))
            persuaded = rng.random(members) < response.at_least_once(per_contact, adopted_contacts)
            adopted |= waiting & ((ads > 0) | persuaded)
            paths[r, k + 1] = adopted.mean()
    return paths


def bass_adoption(
    p: float,
    q: float,
    *,
    members: int = 10_000,
    periods: int = 30,
    steps_per_period: int = 20,
    replicates: int = 10,
    seed: int = 0,
    network: str | sp.spmatrix = "complete",
    mean_degree: float = 20.0,
) -> np.ndarray:
    """Replicate-mean cumulative adoption share at t = 0, 1, ..., periods (periods + 1 values).

    ``network`` is 'complete' (word of mouth from the whole population), 'random' or
    'homophilous' (the engine's generators with ``mean_degree``) or a sparse adjacency matrix.
    """
    paths = bass_adoption_steps(
        p,
        q,
        members=members,
        periods=periods,
        steps_per_period=steps_per_period,
        replicates=replicates,
        seed=seed,
        network=network,
        mean_degree=mean_degree,
    )
    return paths.mean(axis=0)[::steps_per_period]


def adoption_peak_time(mean_path: np.ndarray, steps_per_period: int) -> float:
    """When the adoption rate of a simulated path peaks, in periods.

    The per-step rate is noisy, so it is smoothed over one period and the peak is the vertex
    of a parabola fitted where the smoothed rate is within 20% of its maximum (the Bass rate is
    symmetric about its peak, so the fit is unbiased).
    """
    dt = 1.0 / steps_per_period
    rate = np.diff(mean_path) / dt
    times = (np.arange(rate.size) + 0.5) * dt
    window = np.ones(steps_per_period) / steps_per_period
    smooth = np.convolve(rate, window, mode="same")
    top = int(np.argmax(smooth))
    near = smooth >= 0.8 * smooth[top]
    lo, hi = top, top + 1  # the contiguous run of high values around the maximum
    while lo > 0 and near[lo - 1]:
        lo -= 1
    while hi < rate.size and near[hi]:
        hi += 1
    a, b, _ = np.polyfit(times[lo:hi], rate[lo:hi], 2)
    return float(-b / (2.0 * a)) if a < 0 else float(times[top])


def independent_cascade(
    adjacency: sp.spmatrix, p: float, seeds: np.ndarray | list[int], *, runs: int, seed: int
) -> np.ndarray:
    """Final size of an independent cascade (Kempe et al. 2003) in each of ``runs`` runs.

    Each member activated in a round gets one chance to activate each inactive friend with
    probability p. Runs are columns: one round of all runs is one sparse product (how many
    newly active friends each member has) and one binomial thinning, as the model delivers
    friends' shares. ``adjacency[i, j] != 0`` means j can activate i.
    """
    rng = np.random.default_rng(seed)
    network = sp.csr_matrix(adjacency, dtype=np.float32)
    network.data[:] = 1.0
    seeds = np.unique(np.asarray(seeds, dtype=np.int64))
    active = np.zeros((network.shape[0], runs), dtype=bool)
    active[seeds, :] = True
    frontier = active.astype(np.float32)
    while frontier.any():
        exposures = delivery.friends_exposure(network, frontier)
        newly = (delivery.thin(exposures, p, rng) > 0) & ~active
        active |= newly
        frontier = newly.astype(np.float32)
    return active.sum(axis=0)
