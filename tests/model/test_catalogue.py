"""The metric catalogue is the one home of every metric fact, and its entries agree with
themselves (issue 28: the lists it replaced had drifted apart)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import commsim
from commsim.model.accounts import COST_INDEX, COST_ITEMS
from commsim.model.catalogue import (
    CATALOGUE,
    CHECKPOINT_METRICS,
    COUNT_METRICS,
    FLOW_METRICS,
    INCREMENTAL_METRICS,
    METRIC_BY_NAME,
    METRIC_NAMES,
)

SOURCE = Path(commsim.__file__).parent


def test_every_metric_has_one_entry() -> None:
    names = [metric.name for metric in CATALOGUE]
    assert len(names) == len(set(names)) == len(METRIC_BY_NAME)
    assert [*METRIC_NAMES, *INCREMENTAL_METRICS] == names


def test_the_cost_metrics_are_the_cost_items_in_their_order() -> None:
    cost_metrics = [m.name for m in CATALOGUE if m.name.startswith("cost_")]
    assert cost_metrics == [item.metric for item in COST_ITEMS]
    assert list(COST_INDEX) == [item.name for item in COST_ITEMS]
    assert all(METRIC_BY_NAME[item.metric].label == item.label for item in COST_ITEMS)


@pytest.mark.parametrize("metric", CATALOGUE, ids=lambda m: m.name)
def test_each_entry_agrees_with_itself(metric) -> None:
    """Flows are amounts (counts or money), running totals are read on the last day, daily
    rates are shares, and a money unit is the currency."""
    if metric.aggregate == "sum":
        assert metric.kind in ("count", "currency")
    if metric.aggregate == "mean":
        assert metric.kind == "share"
    if metric.never_falls:
        assert metric.aggregate == "last"
    assert (metric.kind == "currency") == metric.unit.startswith("currency")
    assert (metric.name in COUNT_METRICS) == (metric.kind == "count")
    assert metric.label and metric.meaning


def test_checkpoint_metrics_and_flows_are_catalogue_metrics() -> None:
    assert set(CHECKPOINT_METRICS) <= set(METRIC_BY_NAME)
    assert set(INCREMENTAL_METRICS) <= set(CHECKPOINT_METRICS)
    assert {"purchases", "revenue", "cost_ads"} <= FLOW_METRICS
    assert not {"followers", "cum_profit", "awareness"} & FLOW_METRICS


def test_the_month_is_defined_once() -> None:
    """The 30-day month of every monthly figure has one definition (config/brand.py)."""
    pattern = re.compile(r"^\s*MONTH_DAYS\s*(:[^=]*)?=", re.MULTILINE)
    defined = [
        str(path.relative_to(SOURCE))
        for path in SOURCE.rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert defined == ["config/brand.py"]
