"""An idiomatic per-agent Mesa reference of commsim's daily dynamics.

Every member is a ``mesa.Agent`` that reads its friends, receives, responds, joins, shops
and forgets one event at a time in plain Python, the way a Mesa model is usually written.
It implements the laws and parameters of the vectorized engine (``commsim.model``) from
scratch, so it serves twice: as the speed baseline of ``python -m benchmarks`` and as a
second implementation that the docking test compares with the engine.

Shared with the engine:

- the scenario (``commsim.config``), the seed's market key (``market_key``), and the initial
  population, network and market (``create_members``, so one seed draws the same world);
- the brands' own accounts (``BrandAgent``: posts planned, costs by item, sales booked, ROI,
  the management review) and the metric table (``MetricRecorder``);
- the pure kernels that set the market up: the need weights (``market.need_weights``) and,
  to move the brand constants during the history, ``market.calibrate_constants``;
- the market's keyed draws (``draws.keyed_uniforms``): each member's need thresholds,
  shopping days and choice noise are the uniforms keyed by (seed, member, day), the very
  draws the engine makes for that member on that day. Engine and reference then face the
  same needs and the same taste shocks, which pairs their sales run by run and sharpens the
  docking test; every other draw (posting, delivery, attention, responses, joining,
  leaving, giveaways, forgetting) is the reference's own, from its ``random.Random``.

Everything of the members' daily dynamics, the market's history before day 0 included, is
the reference's own code.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import Any

import mesa
import numpy as np
import pandas as pd

from commsim.config import Scenario, make_scenario
from commsim.model.accounts import COST_ITEMS
from commsim.model.agents import BrandAgent
from commsim.model.kernels.draws import NEED_STREAM, keyed_uniforms
from commsim.model.kernels.market import calibrate_constants, need_weights
from commsim.model.member_state import create_members
from commsim.model.metrics import FAVOURABLE_ATTITUDE, MetricRecorder
from commsim.model.model import HISTORY_CALIBRATION_DAYS, market_key, seed_sequence

if not __package__:  # loaded from its path (commsim.validation.docking): find its sibling
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.reference_members import (  # noqa: E402
    Member,
    clip01,
    poisson,
    stochastic_round,
    weighted_sample,
)


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
        sequence = seed_sequence(seed)
        # Mesa seeds the model's random.Random from the generator: as in the engine, before
        # the world is drawn, so that one seed draws the same world in both.
        super().__init__(rng=np.random.default_rng(sequence))
        self.market_key = market_key(sequence)
        state = create_members(scenario, self.rng, self.market_key)  # the engine's world
        self.scenario = scenario
        self.scale = scenario.scale  # real people each member stands for
        self.brands = [BrandAgent(self, strategy, b) for b, strategy in enumerate(scenario.brands)]
        self.today = -scenario.population.market_history_days  # the first day of the history
        self.constants = [0.0 for _ in self.brands]  # brand constants of the purchase utility
        self.calibrating = False  # during the history: deciders' choice probabilities add up
        self.expected = [0.0 for _ in self.brands]
        self.deciders = 0
        self._keyed_day: int | None = None  # the market's keyed draws of that day, by stream
        self._keyed: dict[tuple[int, int], list[float]] = {}
        self._everyone = np.arange(state.size)
        bh = scenario.behavior
        # Category needs follow involvement, the larger of topic interest and any brand
        # affinity; the weights (mean 1, capped) come from the engine's set-up kernel.
        involvement = [
            max(float(state.interest[i]), *(float(a) for a in state.affinity[i]))
            for i in range(state.size)
        ]
        weights = need_weights(np.array(involvement), bh.need_interest_elasticity, bh.need_rate_cap)
        self.people = [Member(self, i, state, float(weights[i])) for i in range(state.size)]
        indptr, indices = state.network.indptr, state.network.indices
        for i, person in enumerate(self.people):
            person.friends = [self.people[j] for j in indices[indptr[i] : indptr[i + 1]]]
        self.members = self.agents_by_type[Member]
        self._live_history()
        self._seed_followers()
        self.metrics = MetricRecorder(steps_hint, [brand.name for brand in self.brands])

    @property
    def day(self) -> int:
        """Index of the day being simulated (0-based; Mesa counts steps from 1)."""
        return self.steps - 1

    # -- the market's keyed draws (shared with the engine) ------------------------------------

    def keyed_uniform(self, stream: int, member: int, day: int, column: int = 0) -> float:
        """The member's uniform of this stream on this day, as the engine draws it.

        The draws are a function of (stream, member, day, column): a day's are computed for
        every member at once, on the first request, and kept until the day changes."""
        if day != self._keyed_day:
            self._keyed_day, self._keyed = day, {}
        draws = self._keyed.get((stream, column))
        if draws is None:
            draws = keyed_uniforms(self.market_key, stream, self._everyone, day, column)
            draws = draws.tolist()
            self._keyed[stream, column] = draws
        return draws[member]

    def exponential(self, member: int, day: int) -> float:
        """An Exponential(1) need threshold, keyed by member and the day it is drawn."""
        return -math.log(self.keyed_uniform(NEED_STREAM, member, day))

    # -- before day 0 ---------------------------------------------------------------------------

    def _live_history(self) -> None:
        """The market lives ``population.market_history_days`` without any programme; once
        a week the brand constants move towards the brands' baseline shares, by what the
        week's deciders would choose; the constants of the second half are averaged."""
        history = self.scenario.population.market_history_days
        for brand in self.brands:
            brand.program_active = False
        self.calibrating = True
        settled = []
        for day in range(-history, 0):
            self.today = day
            self._live_day(history=True)
            if (day + history + 1) % HISTORY_CALIBRATION_DAYS == 0:
                self._calibrate()
                if day >= -history // 2:
                    settled.append(list(self.constants))
        if settled:
            self.constants = [float(c) for c in np.mean(settled, axis=0)]
        self.calibrating = False
        for brand in self.brands:
            brand.program_active = brand.strategy.program
            brand.reset_feed_memory()
        for person in self.people:  # the funnel counts from day 0
            person.ever_reached = [False] * len(self.brands)
            person.ever_engaged = [False] * len(self.brands)
            person.ever_bought = [False] * len(self.brands)

    def _calibrate(self) -> None:
        """Each constant moves by 0.3 x log(target share / the brand's mean choice
        probability over the deciders since the last move)."""
        if self.deciders == 0:
            return
        targets = np.array([brand.strategy.market_share for brand in self.brands])
        shares = np.array(self.expected) / self.deciders
        self.constants = [
            float(c) for c in calibrate_constants(np.array(self.constants), shares, targets, 0.3)
        ]
        self.expected = [0.0] * len(self.brands)
        self.deciders = 0

    def _seed_followers(self) -> None:
        """Day 0: each page's followers (``initial_followers`` people of the market) are
        drawn one by one among the members who know the brand, in proportion to their fit
        with it; a programme with a community invites them in."""
        for brand in self.brands:
            b = brand.index
            count = stochastic_round(
                brand.strategy.initial_followers / self.scale, self.random.random
            )
            known = [p for p in self.people if p.aware[b]]
            fit = [clip01(p.affinity[b] + max(p.attitude[b], 0.0)) + 1e-9 for p in known]
            for person in weighted_sample(known, fit, count, self.random.random):
                person.follows[b] = True
            if brand.runs_community:
                for person in self.people:
                    if person.follows[b]:
                        person.member[b], person.follows[b] = True, False
                brand.community_open = True

    # -- one day --------------------------------------------------------------------------------

    def step(self) -> None:
        """One day, in the engine's order, each member acting for itself."""
        self.today = self.day
        self._live_day(history=False)

    def _live_day(self, history: bool) -> None:
        self._publish()
        self._open_feeds()
        self._reset_tallies()
        self.members.do("step")  # receive, attend, respond, leave or stay, join
        self._close_feeds()
        giveaways = self._giveaways()
        if not history:
            self._develop_leaders()
        self._shop()
        if not history:
            self._account_and_record(giveaways)
        self.members.do("forget")

    def _publish(self) -> None:
        """Brands plan their posts and buy leaders' posts; communities measure their
        vitality and voice; then leaders, sharers and community members speak."""
        bh, n_brands = self.scenario.behavior, len(self.brands)
        self.value_posts, self.push_posts = [0] * n_brands, [0] * n_brands
        self.paid_leader_posts: list[dict[Member, int]] = [{} for _ in self.brands]
        self.vitality, self.hosted = [0.0] * n_brands, [0.0] * n_brands
        self.community_posts = [0.0] * n_brands  # expected posts a day in the whole market
        self.community_voice = [0.0] * n_brands
        leaders = [person for person in self.people if person.leader]
        for brand in self.brands:
            b, s = brand.index, brand.strategy
            self.value_posts[b], self.push_posts[b] = brand.plan_posts()
            if brand.program_active and leaders:
                bought = poisson(
                    s.paid_leader_posts_per_week / self.scale / 7.0, self.random.random
                )
                for _ in range(bought):
                    leader = self.random.choice(leaders)
                    self.paid_leader_posts[b][leader] = self.paid_leader_posts[b].get(leader, 0) + 1
            if brand.has_community:
                community = [person for person in self.people if person.member[b]]
                active = sum(
                    1 for p in community if self.today - p.last_engaged[b] < bh.active_days
                )
                self.vitality[b] = active / len(community) if community else 0.0
                self.hosted[b] = 1.0 if brand.hosting else bh.unhosted_activity
                activity = sum(p.activity for p in community)
                self.community_posts[b] = (
                    bh.member_post_rate * self.vitality[b] * self.hosted[b] * activity * self.scale
                )
                if activity > 0:  # what the community says: attitudes weighted by activity
                    voice = sum(p.activity * p.attitude[b] for p in community)
                    self.community_voice[b] = voice / activity
        self.members.do("publish")

    def _open_feeds(self) -> None:
        """Organic reach for today's audience size and ranking, and what the ad budgets buy
        (members receive, each for itself, in ``Member.step``)."""
        platform, n_brands = self.scenario.platform, len(self.brands)
        self.reach, self.organic_targets = [0.0] * n_brands, [0] * n_brands
        self.ads: list[tuple[float, float] | None] = [None] * n_brands
        for brand in self.brands:
            b, s = brand.index, brand.strategy
            audience = sum(1 for person in self.people if person.in_audience(b))
            base = platform.organic_reach
            for ceiling, tier_reach in platform.organic_reach_tiers:
                if audience * self.scale < ceiling:  # tiers are for the market's account
                    base = tier_reach
                    break
            decline = (1.0 - platform.reach_decline_per_year) ** (self.today / 365.0)
            self.reach[b] = clip01(base * decline * brand.rank())
            self.organic_targets[b] = (self.value_posts[b] + self.push_posts[b]) * audience
            budget = brand.ad_budget(self.today)
            if budget > 0:
                bought = budget / platform.cpm * 1000.0 / self.scale  # for the sample
                weights = sum(
                    p.interest if s.ad_targeting == "interest" else 1.0
                    for p in self.people
                    if not p.in_audience(b)
                )
                if weights > 0:
                    self.ads[b] = (bought, weights)

    def _reset_tallies(self) -> None:
        n_brands = len(self.brands)
        for name in (
            "engagements",
            "expected_engagements",
            "brand_impressions",
            "shares_made",
            "replies",
            "unfollows",
        ):
            setattr(self, name, [0] * n_brands)

    def _close_feeds(self) -> None:
        """The feed learns each brand's engagement rate from today's brand posts: the
        market's, so the sample's expected engagements scaled up (as the engine)."""
        for brand in self.brands:
            b = brand.index
            brand.observe_engagement(
                self.expected_engagements[b] * self.scale, self.brand_impressions[b] * self.scale
            )

    def _giveaways(self) -> list[int]:
        """Once members have joined, giveaways bring followers, at random or by interest,
        among the members still outside the audience."""
        giveaways = [0] * len(self.brands)
        for brand in self.brands:
            b, s = brand.index, brand.strategy
            if not (brand.program_active and s.incentive_followers_per_week > 0):
                continue
            rand = self.random.random
            outside = [person for person in self.people if not person.in_audience(b)]
            count = min(
                poisson(s.incentive_followers_per_week / self.scale / 7.0, rand), len(outside)
            )
            if not count:
                continue
            if s.giveaway_targeting == "interest":
                weights = [person.interest for person in outside]
                if sum(1 for w in weights if w > 0) < count:
                    weights = [w + 1e-12 for w in weights]
                winners = weighted_sample(outside, weights, count, rand)
            else:
                winners = self.random.sample(outside, count)
            # A follow won with a prize changes nothing by itself: no awareness, no contact
            # (commsim's membership.update_communities; docs/model.md 7.5).
            for person in winners:
                person.follows[b] = person.prize[b] = True
            giveaways[b] = count
        return giveaways

    def _develop_leaders(self) -> None:
        """Every 30th day a KOL programme promotes its most engaged community members
        (``kol_per_month`` people of the market) and lifts their attitude."""
        if (self.today + 1) % 30:
            return
        for brand in self.brands:
            b, s = brand.index, brand.strategy
            if not (s.kol_program and brand.hosting):
                continue
            count = stochastic_round(s.kol_per_month / self.scale, self.random.random)
            eligible = [p for p in self.people if p.member[b] and not p.leader]
            eligible.sort(key=lambda p: p.engagement_score[b], reverse=True)
            for person in eligible[:count]:
                if person.engagement_score[b] > 0:
                    person.leader = True
                    person.attitude[b] += s.kol_attitude_lift * (1.0 - person.attitude[b])
                    brand.kol_leaders += 1

    def _shop(self) -> None:
        self.purchases = [[0, 0, 0] for _ in self.brands]  # repeat, switched, new
        self.category_purchases = 0
        self.members.do("shop")

    def _account_and_record(self, giveaways: list[int]) -> None:
        """Costs by item and sales for the whole market, the review, then the day's metrics."""
        day, n_brands, scale = self.today, len(self.brands), self.scale
        bh = self.scenario.behavior
        counts: dict[str, list[float]] = {name: [0.0] * n_brands for name in COUNTED}
        leaders = sum(1 for person in self.people if person.leader)
        attitude_sum = [0.0] * n_brands
        favourable = [0] * n_brands
        paid = [0] * n_brands
        for person in self.people:
            for b in range(n_brands):
                audience = person.in_audience(b)
                counts["community_members"][b] += person.member[b]
                counts["followers"][b] += audience
                counts["active_members"][b] += audience and day - person.last_engaged[b] < (
                    bh.active_days
                )
                counts["aware_members"][b] += person.aware[b]
                attitude_sum[b] += person.attitude[b] if person.aware[b] else 0.0
                favourable[b] += person.aware[b] and person.attitude[b] >= FAVOURABLE_ATTITUDE
                counts["reached_members"][b] += person.ever_reached[b]
                counts["reached_aware"][b] += person.ever_reached[b] and person.aware[b]
                counts["reached_buyers"][b] += person.ever_reached[b] and person.ever_bought[b]
                counts["engaged_members"][b] += person.ever_engaged[b]
                counts["buyers"][b] += person.ever_bought[b]
                paid[b] += person.paid[b]
        cost = np.zeros((n_brands, len(COST_ITEMS)))
        revenue, profit = [0.0] * n_brands, [0.0] * n_brands
        for brand in self.brands:
            b = brand.index
            cost[b] = brand.daily_cost(
                self.value_posts[b],
                self.push_posts[b],
                paid[b],
                sum(self.paid_leader_posts[b].values()),
                self.replies[b],
                giveaways[b],
            )
            purchases = sum(self.purchases[b])
            revenue[b], profit[b] = brand.book(purchases, self.category_purchases, cost[b].sum())
            brand.review(day)
        impressions = [self.brand_impressions[b] for b in range(n_brands)]
        organic = [impressions[b] - paid[b] for b in range(n_brands)]
        counts.update(
            impressions_organic=organic,
            impressions_paid=paid,
            engagements=self.engagements,
            shares=self.shares_made,
            leaders=[leaders] * n_brands,
            purchases=[sum(origins) for origins in self.purchases],
            cum_purchases=[brand.cum_purchases for brand in self.brands],
            purchases_repeat=[origins[0] for origins in self.purchases],
            purchases_switched=[origins[1] for origins in self.purchases],
            purchases_new=[origins[2] for origins in self.purchases],
            category_purchases=[self.category_purchases] * n_brands,
            unfollows=self.unfollows,
        )
        aware = counts["aware_members"]
        self.metrics.record(
            day,
            **{name: [value * scale for value in values] for name, values in counts.items()},
            posts=[v + p for v, p in zip(self.value_posts, self.push_posts, strict=True)],
            organic_reach_rate=_ratio(organic, self.organic_targets),
            engagement_rate=_ratio(self.engagements, impressions),
            awareness=[a / len(self.people) for a in aware],
            mean_attitude=_ratio(attitude_sum, aware),
            favourable_share=_ratio(favourable, aware),
            revenue=revenue,
            cost=cost.sum(axis=1),
            **{item.metric: cost[:, i] for i, item in enumerate(COST_ITEMS)},
            profit=profit,
            cum_revenue=[brand.cum_revenue for brand in self.brands],
            cum_profit=[brand.cum_profit for brand in self.brands],
            roi_all_sales=[brand.roi_all_sales for brand in self.brands],
            roi_above_baseline=[brand.baseline_roi() for brand in self.brands],
            program_active=[brand.program_active for brand in self.brands],
        )


COUNTED = (
    "community_members",
    "followers",
    "active_members",
    "aware_members",
    "reached_members",
    "engaged_members",
    "buyers",
    "reached_aware",
    "reached_buyers",
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
