"""The catalogue of metrics and cost items: the one place each is defined.

A metric's name and meaning are a contract (docs/model.md section 8): results, charts and
tests use them. Its entry also says how it reads (label and axis unit, in English: each
language's words for them are in :mod:`commsim.locale`), what kind of number it is, and how a
run's days add up to one value. Every other list of metrics (the model's columns, the
counts, the flows, the outcomes a study can compare, the display table) is derived from here.

Counts of people and events and money are for the whole market (the simulated sample times
the scale, docs/model.md section 7.10); shares and rates are the sample's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from commsim.model.accounts import COST_ITEMS

# How a number reads: counts with separators, shares and ratios in %, scores in [-1, 1] x 100.
Kind = Literal["count", "share", "currency", "score", "ratio"]
# How a run's days add up: flows sum, daily rates average, levels and running totals (the
# default) are read on the last day.
Aggregate = Literal["sum", "mean", "last"]
# Who computes it: the model each day, or the experiment against the world without the
# programme (same replicate, cumulative; commsim.experiment.results.tables.with_increments).
Source = Literal["model", "incremental"]


@dataclass(frozen=True)
class Metric:
    """A daily metric of a brand: its column name, what it means, how it reads."""

    name: str
    meaning: str
    label: str  # in sentences and titles
    unit: str  # on an axis; "currency" is replaced by the currency's code
    kind: Kind
    aggregate: Aggregate = "last"
    never_falls: bool = False  # a running total of non-negative amounts
    source: Source = "model"


# Every metric, in the order of the model's columns, then the experiment's.
CATALOGUE: tuple[Metric, ...] = (
    Metric(
        "community_members",
        "members of the brand's community (0 when it runs none)",
        "community members",
        "members",
        "count",
    ),
    Metric(
        "active_members",
        "followers or community members who engaged in the last 30 days",
        "active members",
        "members engaged in last 30 days",
        "count",
    ),
    Metric(
        "followers",
        "page followers plus community members (the brand's organic audience)",
        "followers",
        "members",
        "count",
    ),
    Metric(
        "organic_reach_rate",
        "brand posts delivered organically / (posts x followers targeted)",
        "organic reach",
        "% of followers per post",
        "share",
        "mean",
    ),
    Metric(
        "impressions_organic",
        "brand posts delivered to followers",
        "organic impressions",
        "impressions",
        "count",
        "sum",
    ),
    Metric(
        "impressions_paid",
        "paid impressions bought",
        "paid impressions",
        "impressions",
        "count",
        "sum",
    ),
    Metric(
        "engagements",
        "engagements with the brand's posts (likes, comments, shares)",
        "engagements",
        "engagements",
        "count",
        "sum",
    ),
    Metric(
        "engagement_rate",
        "engagements / (organic + paid) impressions of brand posts",
        "engagement rate",
        "% of impressions",
        "share",
        "mean",
    ),
    Metric(
        "shares",
        "shares of the brand's or its community's posts",
        "shares",
        "shares",
        "count",
        "sum",
    ),
    Metric(
        "awareness",
        "share of all members aware of the brand",
        "awareness",
        "% of all members",
        "share",
    ),
    Metric(
        "mean_attitude",
        "mean attitude towards the brand among aware members, in [-1, 1]",
        "attitude",
        "mean of aware members: -100 hostile, 0 neutral, +100 devoted",
        "score",
    ),
    Metric(
        "favourable_share",
        "share of aware members who like the brand (attitude at least FAVOURABLE_ATTITUDE, a "
        "quarter of the way from neutral to devoted)",
        "favourable",
        "% of aware members who like the brand",
        "share",
    ),
    Metric(
        "leaders",
        "opinion leaders in the population",
        "opinion leaders",
        "members",
        "count",
    ),
    Metric("purchases", "purchases of the brand", "purchases", "purchases", "count", "sum"),
    Metric(
        "cum_purchases",
        "cumulative purchases of the brand since day 0",
        "cumulative purchases",
        "purchases",
        "count",
        never_falls=True,
    ),
    Metric(
        "purchases_repeat",
        "purchases by people who bought the brand last time",
        "repeat purchases",
        "purchases",
        "count",
        "sum",
    ),
    Metric(
        "purchases_switched",
        "purchases by people who last bought a rival brand",
        "purchases switched from rivals",
        "purchases",
        "count",
        "sum",
    ),
    Metric(
        "purchases_new",
        "purchases by people who last bought the rest of the category",
        "purchases new to the brand",
        "purchases",
        "count",
        "sum",
    ),
    Metric(
        "category_purchases",
        "purchases in the whole category (every brand and the rest)",
        "category purchases",
        "purchases",
        "count",
        "sum",
    ),
    Metric("revenue", "price x purchases", "revenue", "currency", "currency", "sum"),
    Metric(
        "cost",
        "programme cost: content, ads, leaders, replies, giveaways, community management",
        "cost",
        "currency",
        "currency",
        "sum",
    ),
    *(
        Metric(f"cost_{c.name}", c.meaning, c.label, "currency", "currency", "sum")
        for c in COST_ITEMS
    ),
    Metric(
        "budget_cut",
        "discretionary spending the plan asked for that the monthly budget held back that day "
        "(ads, leader posts and promotions, replies, giveaways; docs/model.md 7.7)",
        "spending held back by the budget",
        "currency",
        "currency",
        "sum",
    ),
    Metric(
        "cum_budget_cut",
        "cumulative budget_cut since day 0",
        "spending held back by the budget, cumulative",
        "currency",
        "currency",
    ),
    Metric(
        "profit",
        "gross margin of purchases minus programme cost",
        "profit",
        "currency",
        "currency",
        "sum",
    ),
    Metric(
        "cum_revenue",
        "cumulative revenue",
        "cumulative revenue",
        "currency",
        "currency",
        never_falls=True,
    ),
    Metric("cum_profit", "cumulative profit", "cumulative profit", "currency", "currency", "last"),
    Metric(
        "roi_all_sales",
        "cumulative profit / cumulative programme cost, every sale (baseline sales included) "
        "credited to the programme: not the programme's return, which is incremental_roi (0 with "
        "no cost and no profit; infinite with profit and no cost)",
        "profit on cost, every sale credited",
        "% of cumulative cost",
        "ratio",
    ),
    Metric(
        "roi_above_baseline",
        "ROI on the margin of sales above the brand's baseline share of the category's purchases "
        "(what the review judges by default)",
        "ROI above the baseline share",
        "% of cumulative cost",
        "ratio",
    ),
    Metric(
        "unfollows",
        "followers and community members lost that day (blocks included)",
        "unfollows",
        "members",
        "count",
        "sum",
    ),
    Metric(
        "blocks",
        "friends who blocked the brand's messaging account that day (every departure from a "
        "messaging account is a block; 0 on a feed)",
        "blocks",
        "members",
        "count",
        "sum",
    ),
    Metric(
        "block_rate",
        "messaging: friends who blocked since day 0 / (friends now + they): the block rate LINE "
        "reports, for the friends of day 0 and those won since (0 on a feed)",
        "block rate",
        "% of friends since day 0",
        "share",
    ),
    Metric(
        "open_rate",
        "messaging: brand messages friends opened / messages delivered to friends (0 on a feed)",
        "open rate",
        "% of messages delivered",
        "share",
        "mean",
    ),
    Metric(
        "program_active",
        "1 while the brand's programme runs, 0 once a review cancelled it",
        "programme still running",
        "% of runs",
        "share",
    ),
    Metric("posts", "brand posts published that day", "brand posts", "posts", "count", "sum"),
    Metric(
        "reached_members",
        "members ever reached by the brand's content (funnel: reached)",
        "members reached",
        "members",
        "count",
        never_falls=True,
    ),
    Metric(
        "engaged_members",
        "members who ever engaged with the brand's content (funnel: engaged)",
        "members engaged",
        "members",
        "count",
        never_falls=True,
    ),
    Metric(
        "aware_members",
        "members aware of the brand now (funnel: aware)",
        "members aware",
        "members",
        "count",
    ),
    Metric(
        "buyers",
        "members who ever bought the brand (funnel: bought)",
        "buyers",
        "members who ever bought",
        "count",
        never_falls=True,
    ),
    Metric(
        "reached_aware",
        "members ever reached who are aware of the brand now (nested funnel)",
        "members reached and aware",
        "members",
        "count",
    ),
    Metric(
        "reached_buyers",
        "members ever reached who have since bought the brand (nested funnel)",
        "members reached who bought",
        "members",
        "count",
    ),
    Metric(
        "incremental_revenue",
        "cumulative revenue minus that of the same world without the programme",
        "incremental revenue",
        "currency, cumulative, vs no programme",
        "currency",
        source="incremental",
    ),
    Metric(
        "incremental_profit",
        "cumulative profit minus that of the same world without the programme",
        "incremental profit",
        "currency, cumulative, vs no programme",
        "currency",
        source="incremental",
    ),
    Metric(
        "incremental_roi",
        "incremental profit / incremental programme cost, for the brand whose programme it "
        "is (NaN for the others)",
        "incremental ROI",
        "% of programme cost, vs no programme",
        "ratio",
        source="incremental",
    ),
)
METRIC_BY_NAME: dict[str, Metric] = {metric.name: metric for metric in CATALOGUE}

# The model's daily columns (name -> meaning), and what the experiment adds.
METRICS: dict[str, str] = {m.name: m.meaning for m in CATALOGUE if m.source == "model"}
METRIC_NAMES: tuple[str, ...] = tuple(METRICS)
INCREMENTAL_METRICS: tuple[str, ...] = tuple(m.name for m in CATALOGUE if m.source == "incremental")
COUNT_METRICS: tuple[str, ...] = tuple(m.name for m in CATALOGUE if m.kind == "count")
CUMULATIVE_METRICS: tuple[str, ...] = tuple(m.name for m in CATALOGUE if m.never_falls)
FLOW_METRICS: frozenset[str] = frozenset(m.name for m in CATALOGUE if m.aggregate == "sum")
# Metrics reported at every checkpoint in summary.csv (the rest only at the horizon), in the
# order of its columns.
CHECKPOINT_METRICS: tuple[str, ...] = (
    *INCREMENTAL_METRICS,
    "cum_profit",
    "cum_revenue",
    "community_members",
    "active_members",
    "followers",
    "awareness",
    "purchases",
)
