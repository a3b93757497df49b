"""Member state: one numpy entry per member (and per brand), drawn once at the start."""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
import scipy.sparse as sp

from commsim.config import Scenario
from commsim.model.network import build_network

NEVER = -(10**6)  # day index of an event that never happened


def beta_with_mean(mean: float, concentration: float, size, rng: np.random.Generator):
    """Beta draws with a given mean; low concentration puts most mass near 0 or 1."""
    return rng.beta(mean * concentration, (1.0 - mean) * concentration, size=size).astype(
        np.float32
    )


@dataclass
class Members:
    """Vectorized member state: arrays of shape (N,) or (N, brands)."""

    interest: np.ndarray  # topic interest in [0, 1]
    activity: np.ndarray  # daily propensity to act in [0, 1]; heavy-tailed: most lurk
    susceptibility: np.ndarray  # openness to influence in [0, 1]
    affinity: np.ndarray  # (N, B) prior affinity for each brand, rare
    network: sp.csr_matrix  # symmetric friendship adjacency (float32 0/1)
    degree: np.ndarray
    leader: np.ndarray  # opinion-leader flag
    aware: np.ndarray  # (N, B) bool
    attitude: np.ndarray  # (N, B) in [-1, 1]
    fatigue: np.ndarray  # (N, B) from sales-push content
    follows: np.ndarray  # (N, B) page followers (giveaways land here)
    member: np.ndarray  # (N, B) community members
    last_engaged: np.ndarray  # (N, B) day of last engagement with the brand's content
    last_contact: np.ndarray  # (N, B) day the member last met the brand's name
    last_posted: np.ndarray  # (N, B) day the member last posted in the brand's community
    promo: np.ndarray  # (N, B) decaying memory of sales-push exposure
    engagement_score: np.ndarray  # (N, B) decaying count of engagements (KOL selection)
    shares: np.ndarray  # (N, B) shares made today, seen by friends tomorrow
    in_market: np.ndarray  # (N,) a category need is open
    ever_reached: np.ndarray  # (N, B) funnel
    ever_engaged: np.ndarray  # (N, B) funnel
    ever_bought: np.ndarray  # (N, B) funnel

    @property
    def size(self) -> int:
        return self.interest.size

    def audience(self) -> np.ndarray:
        """(N, B) members who receive a brand's posts: page followers or community members."""
        return self.follows | self.member

    def brand(self, b: int) -> BrandState:
        """Brand b's columns of the state, as 1-D views (writes go to the state)."""
        return BrandState(**{f.name: getattr(self, f.name)[:, b] for f in fields(BrandState)})


@dataclass
class BrandState:
    """One brand's columns of the member state, each (N,): a view, not a copy.

    Indexing a 1-D view by members costs a half to a third of indexing (members, b) pairs
    of the (N, B) array, and a day indexes by the members reached dozens of times.
    """

    affinity: np.ndarray
    aware: np.ndarray
    attitude: np.ndarray
    fatigue: np.ndarray
    follows: np.ndarray
    member: np.ndarray
    last_engaged: np.ndarray
    last_contact: np.ndarray
    last_posted: np.ndarray
    promo: np.ndarray
    engagement_score: np.ndarray
    shares: np.ndarray
    ever_reached: np.ndarray
    ever_engaged: np.ndarray
    ever_bought: np.ndarray


def initial_leaders(degree: np.ndarray, interest: np.ndarray, share: float) -> np.ndarray:
    """The top ``share`` of members by degree x topic interest (expertise)."""
    n = degree.size
    count = int(round(share * n))
    leader = np.zeros(n, dtype=bool)
    if count:
        leader[np.argsort(-(degree * interest), kind="stable")[:count]] = True
    return leader


def create_members(scenario: Scenario, rng: np.random.Generator) -> Members:
    """Draw a population and its friendship network from the scenario."""
    pop = scenario.population
    n, n_brands = pop.members, len(scenario.brands)
    interest = beta_with_mean(pop.topic_interest, 3.0, n, rng)
    activity = beta_with_mean(pop.activity_mean, 3.0, n, rng)
    susceptibility = beta_with_mean(0.5, 4.0, n, rng)
    affinity = beta_with_mean(pop.brand_affinity, 3.0, (n, n_brands), rng)
    network = build_network(pop, interest, rng)
    degree = np.asarray(network.sum(axis=1)).ravel().astype(np.float32)
    leader = initial_leaders(degree, interest, pop.leader_share)

    aware = np.zeros((n, n_brands), dtype=bool)
    for b, brand in enumerate(scenario.brands):
        aware[:, b] = rng.random(n) < brand.initial_awareness
    attitude = np.where(aware, affinity, 0.0).astype(np.float32)
    shape = (n, n_brands)
    members = Members(
        interest=interest,
        activity=activity,
        susceptibility=susceptibility,
        affinity=affinity,
        network=network,
        degree=degree,
        leader=leader,
        aware=aware,
        attitude=attitude,
        fatigue=np.zeros(shape, dtype=np.float32),
        follows=np.zeros(shape, dtype=bool),
        member=np.zeros(shape, dtype=bool),
        last_engaged=np.full(shape, NEVER, dtype=np.int32),
        last_contact=np.where(aware, 0, NEVER).astype(np.int32),
        last_posted=np.full(shape, NEVER, dtype=np.int32),
        promo=np.zeros(shape, dtype=np.float32),
        engagement_score=np.zeros(shape, dtype=np.float32),
        shares=np.zeros(shape, dtype=np.float32),
        in_market=np.zeros(n, dtype=bool),
        ever_reached=np.zeros(shape, dtype=bool),
        ever_engaged=np.zeros(shape, dtype=bool),
        ever_bought=np.zeros(shape, dtype=bool),
    )
    for b, brand in enumerate(scenario.brands):
        seed_initial_audience(members, b, brand.community, brand.initial_followers, rng)
    return members


def community_fit(
    members: Members, b: int, community: str, index: np.ndarray | None = None
) -> np.ndarray:
    """How well the brand's community (or page) fits each member (or those in ``index``).

    A topic community fits whoever cares about the topic; a brand community or page fits
    those with prior affinity or a positive attitude to the brand (seed 000). Values in [0, 1].
    """
    rows = slice(None) if index is None else index
    if community == "topic":
        return members.interest[rows]
    affinity, attitude = members.affinity[rows, b], members.attitude[rows, b]
    return np.clip(affinity + np.maximum(attitude, 0.0), 0.0, 1.0)


def seed_initial_audience(
    members: Members, b: int, community: str, count: int, rng: np.random.Generator
) -> None:
    """Day-0 followers (or community members) drawn in proportion to their fit."""
    count = min(count, members.size)
    if count == 0:
        return
    weight = community_fit(members, b, community).astype(np.float64) + 1e-9
    chosen = rng.choice(members.size, size=count, replace=False, p=weight / weight.sum())
    target = members.follows if community == "none" else members.member
    target[chosen, b] = True
    members.aware[chosen, b] = True
    members.last_contact[chosen, b] = 0
