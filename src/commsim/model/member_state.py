"""Member state: one numpy entry per member (and per brand), drawn once at the start."""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
import scipy.sparse as sp

from commsim.config import Scenario
from commsim.model.kernels import draws, market
from commsim.model.kernels.network import build_network

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
    baseline_aware: np.ndarray  # (N, B) knows the brand from outside the programme: never forgets
    attitude: np.ndarray  # (N, B) in [-1, 1]
    baseline_attitude: np.ndarray  # (N, B) where attitude drifts back to without contact
    fatigue: np.ndarray  # (N, B) from brand posts, sales pushes most
    follows: np.ndarray  # (N, B) page followers (giveaways land here)
    prize: np.ndarray  # (N, B) followers won by a giveaway (prize seekers)
    blocked: np.ndarray  # (N, B) blocked the brand's messaging account: receives nothing more
    member: np.ndarray  # (N, B) community members
    last_engaged: np.ndarray  # (N, B) day of last engagement with the brand's content
    last_contact: np.ndarray  # (N, B) day the member last met the brand's name
    last_posted: np.ndarray  # (N, B) day the member last posted in the brand's community
    promo: np.ndarray  # (N, B) decaying memory of sales-push exposure
    engagement_score: np.ndarray  # (N, B) decaying count of engagements (KOL selection)
    shares: np.ndarray  # (N, B) shares made today, seen by friends tomorrow
    in_market: np.ndarray  # (N,) a category need is open
    last_choice: np.ndarray  # (N,) int8: brand bought last time, or market.REST
    category_boost: np.ndarray  # (N,) rise of the category need from category education
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
        return BrandState(*[getattr(self, name)[:, b] for name in _BRAND_COLUMNS])


@dataclass
class BrandState:
    """One brand's columns of the member state, each (N,): a view, not a copy.

    Indexing a 1-D view by members costs a half to a third of indexing (members, b) pairs
    of the (N, B) array, and a day indexes by the members reached dozens of times.
    """

    affinity: np.ndarray
    aware: np.ndarray
    baseline_aware: np.ndarray
    attitude: np.ndarray
    baseline_attitude: np.ndarray
    fatigue: np.ndarray
    follows: np.ndarray
    prize: np.ndarray
    blocked: np.ndarray
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


_BRAND_COLUMNS = tuple(f.name for f in fields(BrandState))  # in BrandState's order


def initial_leaders(degree: np.ndarray, involvement: np.ndarray, share: float) -> np.ndarray:
    """The top ``share`` of members by degree x involvement (expertise in the category or
    its brands: opinion leadership is category-specific, King and Summers 1970)."""
    n = degree.size
    count = int(round(share * n))
    leader = np.zeros(n, dtype=bool)
    if count:
        leader[np.argsort(-(degree * involvement), kind="stable")[:count]] = True
    return leader


def stochastic_round(value: float, rng: np.random.Generator) -> int:
    """A whole number with mean ``value``: floor, plus one with the fractional chance."""
    whole = int(np.floor(value))
    return whole + int(rng.random() < value - whole)


def create_members(scenario: Scenario, rng: np.random.Generator, market_key: int = 0) -> Members:
    """Draw a population, its friendship network and its market from the scenario.

    The market (what each member bought last, which brands it knows) is drawn from keyed
    uniforms (``market_key``), so every world of one seed starts from the same market.
    """
    pop = scenario.population
    n, n_brands = pop.members, len(scenario.brands)
    interest = beta_with_mean(pop.topic_interest, 3.0, n, rng)
    activity = beta_with_mean(pop.activity_mean, 3.0, n, rng)
    susceptibility = beta_with_mean(0.5, 4.0, n, rng)
    affinity = beta_with_mean(pop.brand_affinity, 3.0, (n, n_brands), rng)
    network = build_network(pop, interest, rng, affinity)
    degree = np.asarray(network.sum(axis=1)).ravel().astype(np.float32)
    leader = initial_leaders(degree, market.involvement(interest, affinity), pop.leader_share)

    everyone = np.arange(n)
    shares = np.array([brand.market_share for brand in scenario.brands])
    first = draws.keyed_uniforms(market_key, draws.FIRST_CHOICE_STREAM, everyone, 0)
    last_choice = market.initial_choices(shares, first)
    aware = np.zeros((n, n_brands), dtype=bool)
    for b, brand in enumerate(scenario.brands):
        # Every buyer knows the brand; others know it so that the share aware is as given.
        rest = (brand.initial_awareness - brand.market_share) / (1.0 - brand.market_share)
        u = draws.keyed_uniforms(market_key, draws.AWARE_STREAM, everyone, 0, column=b)
        aware[:, b] = (last_choice == b) | (u < rest)
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
        baseline_aware=aware.copy(),
        attitude=attitude,
        baseline_attitude=attitude.copy(),
        fatigue=np.zeros(shape, dtype=np.float32),
        follows=np.zeros(shape, dtype=bool),
        prize=np.zeros(shape, dtype=bool),
        blocked=np.zeros(shape, dtype=bool),
        member=np.zeros(shape, dtype=bool),
        last_engaged=np.full(shape, NEVER, dtype=np.int32),
        last_contact=np.where(aware, 0, NEVER).astype(np.int32),
        last_posted=np.full(shape, NEVER, dtype=np.int32),
        promo=np.zeros(shape, dtype=np.float32),
        engagement_score=np.zeros(shape, dtype=np.float32),
        shares=np.zeros(shape, dtype=np.float32),
        in_market=np.zeros(n, dtype=bool),
        last_choice=last_choice,
        category_boost=np.zeros(n, dtype=np.float32),
        ever_reached=np.zeros(shape, dtype=bool),
        ever_engaged=np.zeros(shape, dtype=bool),
        ever_bought=np.zeros(shape, dtype=bool),
    )
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


def seed_initial_followers(
    members: Members, b: int, followers: float, scale: float, rng: np.random.Generator
) -> None:
    """The page's followers on day 0 (``followers`` people of the market): people who know
    the brand, drawn in proportion to their fit with it (affinity and attitude). The same
    in every world of a seed: a programme's community starts from them (``open_community``)."""
    count = stochastic_round(followers / scale, rng)
    known = np.flatnonzero(members.aware[:, b])
    count = min(count, known.size)
    if count == 0:
        return
    weight = community_fit(members, b, "brand", known).astype(np.float64) + 1e-9
    chosen = rng.choice(known, size=count, replace=False, p=weight / weight.sum())
    members.follows[chosen, b] = True


def open_community(members: Members, b: int) -> None:
    """A programme that runs a community invites its page's followers into it on day 0."""
    members.member[:, b] |= members.follows[:, b]
    members.follows[:, b] = False
