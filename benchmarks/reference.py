"""An idiomatic per-agent Mesa reference of commsim's daily dynamics.

Every member is a ``mesa.Agent`` that reads its friends, receives, responds, joins, shops
and forgets one event at a time in plain Python, the way a Mesa model is usually written.
It implements the rules and parameters of the vectorized engine (``commsim.model``) from
scratch, so it serves twice: as the speed baseline of ``python -m benchmarks`` and as a
second implementation that the docking test compares with the engine.

Shared with the engine: the scenario (``commsim.config``), the initial population and
network (``create_members``, so one seed draws the same world), the brands' own accounts
(``BrandAgent``) and the metric table (``MetricRecorder``). Nothing of the members' daily
dynamics is shared.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import mesa
import numpy as np
import pandas as pd

from commsim.config import Scenario, make_scenario
from commsim.model.agents import BrandAgent
from commsim.model.market import need_probability
from commsim.model.metrics import MetricRecorder
from commsim.model.model import KOL_ATTITUDE_LIFT, seed_sequence
from commsim.model.population import create_members

if not __package__:  # loaded from its path (commsim.validation.docking): find its sibling
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.reference_members import ACTIVE_DAYS, Member, clip01, poisson  # noqa: E402


class ReferenceModel(mesa.Model):
    """The day of ``CommunityModel``, stepped member by member."""

    def __init__(
        self,
        scenario: Scenario | dict[str, Any] | None = None,
        *,
        seed: int | np.random.SeedSequence | None = None,
        steps_hint: int = 1095,
    ) -> None:
        scenario = make_scenario(scenario)
        rng = np.random.default_rng(seed_sequence(seed))
        state = create_members(scenario, rng)  # the engine's initial world for this seed
        super().__init__(rng=rng)
        self.scenario = scenario
        self.brands = [BrandAgent(self, strategy, b) for b, strategy in enumerate(scenario.brands)]
        bh = scenario.behavior
        self.need_probability = need_probability(
            state.interest, bh.purchase_cycle_days, bh.need_interest_elasticity
        )
        people = [Member(self, i, state) for i in range(state.size)]
        indptr, indices = state.network.indptr, state.network.indices
        for i, person in enumerate(people):
            person.friends = [people[j] for j in indices[indptr[i] : indptr[i + 1]]]
        self.members = self.agents_by_type[Member]
        self.metrics = MetricRecorder(steps_hint, [brand.name for brand in self.brands])

    @property
    def day(self) -> int:
        return self.steps - 1

    def step(self) -> None:
        """One day, in the engine's order, each member acting for itself."""
        self._plan_posts()
        self.members.do("publish")
        self._open_feeds()
        self.members.do("step")
        giveaways = self._close_feeds()
        self._develop_leaders()
        self.purchases = [0 for _ in self.brands]
        self.members.do("shop")
        self._account_and_record(giveaways)
        self.members.do("forget")

    def _plan_posts(self) -> None:
        n_brands = len(self.brands)
        self.value_posts, self.push_posts = [0] * n_brands, [0] * n_brands
        self.paid_leader_posts: list[dict[Member, int]] = [{} for _ in self.brands]
        self.member_posts, self.member_voice_sum = [0] * n_brands, [0.0] * n_brands
        self.vitality = [0.0] * n_brands
        leaders = [person for person in self.members if person.leader]
        for brand in self.brands:
            b, s = brand.index, brand.strategy
            self.value_posts[b], self.push_posts[b] = brand.plan_posts()
            if brand.program_active and leaders:
                for _ in range(poisson(s.paid_leader_posts_per_week / 7.0, self.random.random)):
                    leader = self.random.choice(leaders)
                    self.paid_leader_posts[b][leader] = self.paid_leader_posts[b].get(leader, 0) + 1
            if brand.has_community:
                size = sum(1 for person in self.members if person.member[b])
                active = sum(
                    1
                    for person in self.members
                    if person.member[b] and self.day - person.last_engaged[b] < ACTIVE_DAYS
                )
                self.vitality[b] = active / size if size else 0.0

    def _open_feeds(self) -> None:
        """Organic reach for today's audience sizes, paid impressions, community voice."""
        platform = self.scenario.platform
        n_brands = len(self.brands)
        self.reach, self.organic_targets = [0.0] * n_brands, [0] * n_brands
        self.paid_impressions = [0] * n_brands
        for brand in self.brands:
            b, s = brand.index, brand.strategy
            audience = sum(1 for person in self.members if person.in_audience(b))
            base = platform.organic_reach
            for ceiling, tier_reach in platform.organic_reach_tiers:
                if audience < ceiling:
                    base = tier_reach
                    break
            decline = (1.0 - platform.reach_decline_per_year) ** (self.day / 365.0)
            self.reach[b] = clip01(base * decline * brand.rank())
            self.organic_targets[b] = (self.value_posts[b] + self.push_posts[b]) * audience
            impressions = brand.ad_impressions(self.day)
            outside = [person for person in self.members if not person.in_audience(b)]
            weights = [p.interest if s.ad_targeting == "interest" else 1.0 for p in outside]
            if impressions > 0 and sum(weights) > 0:
                for person in self.random.choices(outside, weights, k=impressions):
                    person.paid[b] += 1
            self.paid_impressions[b] = impressions if outside and sum(weights) > 0 else 0
        self.member_voice = [
            voice / posts if posts else 0.0
            for voice, posts in zip(self.member_voice_sum, self.member_posts, strict=True)
        ]
        for name in ("engagements", "brand_impressions", "shares_made", "replies", "unfollows"):
            setattr(self, name, [0] * n_brands)

    def _close_feeds(self) -> list[int]:
        """Brands learn today's engagement rate; giveaways add followers at random."""
        giveaways = [0] * len(self.brands)
        for brand in self.brands:
            b, s = brand.index, brand.strategy
            brand.observe_engagement(self.engagements[b], self.brand_impressions[b])
            if brand.program_active and s.incentive_followers_per_week > 0:
                outside = [person for person in self.members if not person.in_audience(b)]
                count = poisson(s.incentive_followers_per_week / 7.0, self.random.random)
                for person in self.random.sample(outside, min(count, len(outside))):
                    person.follows[b] = person.aware[b] = True
                    person.last_contact[b] = self.day
                    giveaways[b] += 1
        return giveaways

    def _develop_leaders(self) -> None:
        """Once a month a KOL programme promotes its most engaged community members."""
        if (self.day + 1) % 30:
            return
        for brand in self.brands:
            b, s = brand.index, brand.strategy
            if not (s.kol_program and brand.program_active and brand.has_community):
                continue
            eligible = [p for p in self.members if p.member[b] and not p.leader]
            eligible.sort(key=lambda p: p.engagement_score[b], reverse=True)
            for person in eligible[: s.kol_per_month]:
                if person.engagement_score[b] > 0:
                    person.leader = True
                    person.attitude[b] += KOL_ATTITUDE_LIFT * (1.0 - person.attitude[b])
                    brand.kol_leaders += 1

    def _account_and_record(self, giveaways: list[int]) -> None:
        day, n_brands = self.day, len(self.brands)
        row: dict[str, list[float]] = {name: [0.0] * n_brands for name in COUNTED}
        leaders = sum(1 for person in self.members if person.leader)
        for person in self.members:
            for b in range(n_brands):
                audience = person.in_audience(b)
                row["community_members"][b] += person.member[b]
                row["followers"][b] += audience
                row["active_members"][b] += audience and day - person.last_engaged[b] < 30
                row["aware_members"][b] += person.aware[b]
                row["attitude_sum"][b] += person.attitude[b] if person.aware[b] else 0.0
                row["reached_members"][b] += person.ever_reached[b]
                row["engaged_members"][b] += person.ever_engaged[b]
                row["buyers"][b] += person.ever_bought[b]
        revenue, cost, profit = [0.0] * n_brands, [0.0] * n_brands, [0.0] * n_brands
        for brand in self.brands:
            b = brand.index
            revenue[b] = self.purchases[b] * brand.strategy.price
            paid_leader = sum(self.paid_leader_posts[b].values())
            cost[b] = brand.daily_cost(
                day,
                self.value_posts[b],
                self.push_posts[b],
                paid_leader,
                self.replies[b],
                giveaways[b],
            )
            profit[b] = brand.book(revenue[b], cost[b])
            brand.review(day)
        paid = np.array(self.paid_impressions, dtype=float)
        impressions = np.array(self.brand_impressions, dtype=float)
        aware = np.array(row.pop("aware_members"))
        attitude_sum = np.array(row.pop("attitude_sum"))
        self.metrics.record(
            day,
            **row,
            organic_reach_rate=_ratio(impressions - paid, self.organic_targets),
            impressions_organic=impressions - paid,
            impressions_paid=paid,
            engagements=self.engagements,
            engagement_rate=_ratio(self.engagements, impressions),
            shares=self.shares_made,
            awareness=aware / len(self.members),
            mean_attitude=_ratio(attitude_sum, aware),
            aware_members=aware,
            leaders=[leaders] * n_brands,
            purchases=self.purchases,
            revenue=revenue,
            cost=cost,
            profit=profit,
            cum_revenue=[brand.cum_revenue for brand in self.brands],
            cum_profit=[brand.cum_profit for brand in self.brands],
            roi=[brand.roi for brand in self.brands],
            unfollows=self.unfollows,
            program_active=[brand.program_active for brand in self.brands],
            posts=[v + p for v, p in zip(self.value_posts, self.push_posts, strict=True)],
        )


COUNTED = (
    "community_members",
    "followers",
    "active_members",
    "aware_members",
    "attitude_sum",
    "reached_members",
    "engaged_members",
    "buyers",
)


def _ratio(numerator, denominator) -> list[float]:
    return [n / d if d > 0 else 0.0 for n, d in zip(numerator, denominator, strict=True)]


def run_reference(
    scenario: Scenario | dict[str, Any] | None = None,
    steps: int = 1095,
    seed: int | np.random.SeedSequence | None = 0,
) -> pd.DataFrame:
    """One run of the per-agent reference: the tidy table of ``commsim.simulate``."""
    model = ReferenceModel(scenario, seed=seed, steps_hint=steps)
    for _ in range(steps):
        model.step()
    return model.metrics.to_frame()
