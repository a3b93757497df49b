"""Outcome names: ``metric`` at the horizon, ``metric_dDAY`` on a checkpoint day."""

from __future__ import annotations

import pytest

from commsim.experiment.spec.outcomes import Outcome
from commsim.model.catalogue import CATALOGUE, INCREMENTAL_METRICS


@pytest.mark.parametrize("metric", [m.name for m in CATALOGUE])
def test_every_metric_on_a_day_parses_to_its_metric_and_day(metric: str) -> None:
    """Every metric of the catalogue has a value each day, so every name can carry a day."""
    outcome = Outcome.parse(f"{metric}_d365")
    assert (outcome.metric, outcome.day) == (metric, 365)
    assert outcome.column == f"{metric}_d365"


def test_incremental_profit_on_a_day_is_not_a_metric_of_its_own() -> None:
    """The bug of issue 28: ``incremental_profit_d365`` parsed as a metric with no day."""
    assert "incremental_profit" in INCREMENTAL_METRICS
    assert Outcome.parse("incremental_profit_d365") == Outcome("incremental_profit", 365)


@pytest.mark.parametrize("name", ["cum_profit", "incremental_profit", "no_such_metric_d30"])
def test_a_name_without_a_known_metric_and_day_is_read_at_the_horizon(name: str) -> None:
    outcome = Outcome.parse(name)
    assert (outcome.metric, outcome.day, outcome.column) == (name, None, name)
