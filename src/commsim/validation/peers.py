"""Peer implementations to compare against: NDlib when installed, else plain networkx.

NDlib (Rossetti et al. 2018) is a test-only dependency (the ``dev`` extra). Without it the
check falls back on a direct, per-edge networkx implementation of the same model, so
``commsim validate-model`` still runs for users without the extra, and says which peer it used.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import networkx as nx
import numpy as np
import scipy.sparse as sp


def ndlib_available() -> bool:
    try:
        import ndlib.models.epidemics  # noqa: F401
    except ImportError:
        return False
    return True


def ndlib_cascade_sizes(
    graph: nx.Graph, p: float, seeds: Sequence[int], *, runs: int, seed: int
) -> np.ndarray:
    """Final cascade sizes from NDlib's ``IndependentCascadesModel`` (edge threshold p)."""
    import ndlib.models.epidemics as ep
    import ndlib.models.ModelConfig as mc

    model = ep.IndependentCascadesModel(graph, seed=seed)
    config = mc.Configuration()
    for edge in graph.edges():
        config.add_edge_configuration("threshold", edge, p)
    config.add_model_initial_configuration("Infected", list(seeds))
    model.set_initial_status(config)
    sizes = np.empty(runs, dtype=np.int64)
    for run in range(runs):
        model.reset(list(seeds))
        # Status 1 = active this round, 2 = was active (removed); the cascade ends when no
        # member is active.
        while True:
            counts = model.iteration(node_status=False)["node_count"]
            if counts.get(1, 0) == 0:
                break
        sizes[run] = counts.get(2, 0)
    return sizes


def networkx_cascade_sizes(
    graph: nx.Graph, p: float, seeds: Sequence[int], *, runs: int, seed: int
) -> np.ndarray:
    """Final cascade sizes from a textbook per-edge independent cascade on a networkx graph."""
    rng = random.Random(seed)
    sizes = np.empty(runs, dtype=np.int64)
    for run in range(runs):
        active = set(seeds)
        frontier = list(active)
        while frontier:
            fresh = []
            for u in frontier:
                for v in graph.neighbors(u):
                    if v not in active and rng.random() < p:
                        active.add(v)
                        fresh.append(v)
            frontier = fresh
        sizes[run] = len(active)
    return sizes


def peer_cascade_sizes(
    adjacency: sp.spmatrix, p: float, seeds: Sequence[int] | np.ndarray, *, runs: int, seed: int
) -> tuple[str, np.ndarray]:
    """(peer name, final sizes) from NDlib if installed, else from the networkx reference."""
    graph = nx.from_scipy_sparse_array(sp.csr_matrix(adjacency))
    graph.remove_edges_from(nx.selfloop_edges(graph))
    seeds = [int(s) for s in seeds]
    if ndlib_available():
        return "NDlib", ndlib_cascade_sizes(graph, p, seeds, runs=runs, seed=seed)
    return "networkx", networkx_cascade_sizes(graph, p, seeds, runs=runs, seed=seed)
