"""The ``population.*`` table: who lives on the platform, how many people they stand for, and
how they are tied."""

from __future__ import annotations

from typing import Literal

from pydantic import field_validator, model_validator

from commsim.config.fields import Strict, param


class Population(Strict):
    members: int = param(
        10_000,
        "number of simulated members: a sample of the market (the resolution of the "
        "simulation, not its scale; more members, less noise)",
        unit="members",
        ge=50,
        le=5_000_000,
        source="assumption: 10,000 keeps a three-year run near a second and the noise of "
        "money outcomes within a few percent (docs/model.md section 7.10)",
        prior=(2_000, 100_000),
    )
    market_size: int = param(
        1_000_000,
        "real people in the brand's market that the simulated members stand for; counts and "
        "money in results are for this market",
        unit="people",
        ge=50,
        le=2_000_000_000,
        source="assumption: a regional market of a million social-media users (for scale: "
        "Taiwan has 20.2 million social-media user identities, DataReportal Digital 2024)",
        prior=(100_000, 20_000_000),
    )
    currency: str = param(
        "USD",
        "currency of every money value of the scenario (prices, costs, budgets, CPM) and of "
        "the results: an ISO 4217 code",
        source="design: US dollars, the currency of the sourced defaults (CPM, costs)",
    )
    mean_degree: float = param(
        20.0,
        "mean number of friendship ties per member",
        unit="ties",
        ge=2,
        le=200,
        source="Ugander et al. 2011 (Facebook): median of ~100 friends, of whom far fewer "
        "interact; assumption: ~20 ties carry word of mouth",
        prior=(10.0, 40.0),
    )
    network: Literal["homophilous", "random"] = param(
        "homophilous",
        "friendship network generator: 'homophilous' (clustered, heavy-tailed degrees, "
        "ties among members of similar involvement) or 'random' (Erdos-Renyi)",
        source="McPherson, Smith-Lovin and Cook 2001: friendships form among similar people",
    )
    homophily: float = param(
        0.8,
        "share of ties drawn among members of similar involvement (homophilous network)",
        unit="share",
        ge=0,
        le=1,
        source="assumption: most ties are local (clustering ~0.17 at 0.8, docs/validation.md); "
        "McPherson, Smith-Lovin and Cook 2001",
        prior=(0.5, 0.95),
    )
    affinity_homophily: float = param(
        0.3,
        "weight of brand affinity, against topic interest, in the similarity that ties "
        "follow (0 = friends share topic interest only, 1 = brand affinity only)",
        unit="weight",
        ge=0,
        le=1,
        source="assumption: friends share interests more than brand tastes, though brand fans "
        "do cluster (Muniz and O'Guinn 2001, brand communities)",
        prior=(0.1, 0.6),
    )
    degree_tail: float = param(
        2.5,
        "Pareto exponent of the degree distribution (lower = heavier tail)",
        unit="exponent",
        ge=1.5,
        le=10,
        source="Barabasi and Albert 1999: social networks show exponents of 2-3",
    )
    topic_interest: float = param(
        0.3,
        "mean interest in the category topic (Beta distributed per member)",
        unit="share [0, 1]",
        ge=0.001,
        le=0.999,
        source="assumption: topic interest is common (seed 000: 'drinking water and health' "
        "interests many)",
        prior=(0.1, 0.5),
    )
    brand_affinity: float = param(
        0.03,
        "mean prior affinity for each brand (Beta distributed, mostly near 0)",
        unit="share [0, 1]",
        ge=0.001,
        le=0.999,
        source="assumption: brand affinity is rare (seed 000: few care about a brand itself)",
        prior=(0.01, 0.1),
    )
    leader_share: float = param(
        0.01,
        "share of members who start as opinion leaders (top by degree x involvement)",
        unit="share",
        ge=0,
        le=0.2,
        source="participation 90-9-1 rule: ~1% create (Nielsen 2006)",
    )
    activity_mean: float = param(
        0.1,
        "mean daily activity (Beta(0.3, .) distributed: most members lurk)",
        unit="share [0, 1]",
        ge=0.005,
        le=0.9,
        source="participation inequality, 90-9-1 rule (Nielsen 2006)",
    )
    market_history_days: int = param(
        730,
        "days the market lives before day 0 without any programme (buying, word of mouth, "
        "forgetting), so that habits, attitudes and shares start settled and the world "
        "without a programme stays near its baseline",
        unit="days",
        ge=0,
        le=3650,
        source="Ehrenberg 1988: brand shares are near-stationary; two years are about ten "
        "half-lives of attitude (behavior.attitude_decay, 69 days), after which the share of "
        "a brand with no programme drifts by ~5% in three years (docs/model.md section 5; "
        "measured before attitude_decay was re-derived in 0.4.1)",
    )

    @field_validator("currency")
    @classmethod
    def _iso_code(cls, code: str) -> str:
        if not (len(code) == 3 and code.isascii() and code.isalpha() and code.isupper()):
            raise ValueError("must be a three-letter ISO 4217 code such as USD, TWD or JPY")
        return code

    @model_validator(mode="after")
    def _sample_within_market(self) -> Population:
        if self.members > self.market_size:
            raise ValueError(
                f"members ({self.members}) must not exceed market_size ({self.market_size}): "
                "the simulated members are a sample of the market"
            )
        return self

    @property
    def scale(self) -> float:
        """Real people each simulated member stands for (market_size / members)."""
        return self.market_size / self.members
