"""The friendship network: sparse, symmetric, clustered, homophilous, heavy-tailed."""

import networkx as nx
import numpy as np
import pytest

from commsim.config import Population
from commsim.model.kernels.network import build_network


@pytest.fixture(scope="module")
def interest():
    return np.random.default_rng(0).beta(0.9, 2.1, size=5000).astype(np.float32)


def _graph(interest, **population):
    pop = Population(members=interest.size, **population)
    return build_network(pop, interest, np.random.default_rng(1))


def test_network_is_symmetric_without_self_ties(interest):
    adjacency = _graph(interest)
    assert (adjacency != adjacency.T).nnz == 0
    assert adjacency.diagonal().sum() == 0
    assert set(np.unique(adjacency.data)) == {1.0}


def test_mean_degree_is_close_to_target(interest):
    degree = np.asarray(_graph(interest).sum(axis=1)).ravel()
    assert degree.mean() == pytest.approx(20, rel=0.1)


def test_homophilous_network_is_clustered_heavy_tailed_and_assortative(interest):
    homophilous = _graph(interest)
    random = _graph(interest, network="random")
    clustering = nx.average_clustering(nx.from_scipy_sparse_array(homophilous))
    clustering_random = nx.average_clustering(nx.from_scipy_sparse_array(random))
    assert clustering > 5 * clustering_random
    degree = np.asarray(homophilous.sum(axis=1)).ravel()
    degree_random = np.asarray(random.sum(axis=1)).ravel()
    assert degree.max() > 3 * degree_random.max()
    rows, cols = homophilous.nonzero()
    assert np.corrcoef(interest[rows], interest[cols])[0, 1] > 0.4
    rows, cols = random.nonzero()
    assert abs(np.corrcoef(interest[rows], interest[cols])[0, 1]) < 0.05


def test_a_heavy_tailed_draw_bounds_its_request_before_allocating(monkeypatch):
    """A pilot draw that keeps few ties (hubs capped under a heavy tail) once made the
    second draw ask for more stubs than memory holds; no member may open more stubs than
    the sample has members, nor the draw oversample more than MAX_OVERSAMPLE times."""
    import commsim.model.kernels.network as network

    requests = []
    draw = network._ring_and_hub_ties

    def measured(interest, stubs, *args):
        requests.append((interest.size, float(stubs.max()), float(stubs.sum())))
        return draw(interest, stubs, *args)

    monkeypatch.setattr(network, "_ring_and_hub_ties", measured)
    n, mean_degree = 20_000, 200.0
    adjacency = network.homophilous_network(
        np.random.default_rng(2).random(n), mean_degree, 0.5, 1.5, np.random.default_rng(2)
    )
    assert len(requests) == 2 and adjacency.shape == (n, n)
    for members, largest, total in requests:
        assert largest <= members
        assert total <= network.MAX_OVERSAMPLE * members * mean_degree / 2
