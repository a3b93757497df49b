"""Numbers read as a reader expects them, the same in titles, tables and the CLI."""

from __future__ import annotations

import pytest

from commsim.analysis.display import (
    METRIC_DISPLAY,
    display,
    format_interval,
    format_value,
    format_when,
)
from commsim.locale import use_language
from commsim.model.catalogue import CATALOGUE, INCREMENTAL_METRICS, METRICS

HORIZON = 1095


def test_numbers_read_as_a_reader_expects():
    assert format_value(1240, "count") == "1,240"
    assert format_value(12_345, "currency") == "12.3k"
    assert format_value(-250_000, "currency") == "-250k"
    assert format_value(0.42, "share") == "42%"
    assert format_value(0.042, "share") == "4.2%"
    assert format_value(0.11, "share", signed=True) == "+11 pts"
    assert format_value(-0.0001, "share", signed=True) == "0 pts"  # no "-0"
    assert format_value(0.12, "score") == "12.0"  # attitudes in [-1, 1] read as -100 to +100
    assert format_value(float("nan"), "count") == "n/a"
    assert format_interval(0.38, 0.45, "share") == "38-45%"
    assert format_interval(-9_800, 14_700, "currency", signed=True) == "-9,800 to +14.7k"


def test_chinese_and_japanese_numbers_group_by_ten_thousands():
    with use_language("zh-TW"):
        assert format_value(12_345, "currency") == "1.2萬"
        assert format_value(1_234_567, "count") == "123萬"
        assert format_value(345_000_000, "currency", signed=True) == "+3.5億"
        assert format_value(0.11, "share", signed=True) == "+11 個百分點"
        assert format_when(426, HORIZON) == "14 個月"
    with use_language("ja"):
        assert format_value(12_345, "currency") == "1.2万"
        assert format_value(-250_000, "currency") == "-25.0万"
        assert format_when(45, HORIZON) == "45日"
        assert format_interval(-9_800, 14_700, "currency", signed=True) == "-9,800〜+1.5万"
    assert format_value(12_345, "currency") == "12.3k"  # back to English outside the block


def test_time_is_in_months_for_long_horizons_and_days_for_short_ones():
    assert format_when(426, HORIZON) == "14 months"
    assert format_when(30, HORIZON) == "30 days"  # early days read in days, even on long runs
    assert format_when(61, HORIZON) == "2 months"
    assert format_when(45, 90) == "45 days"


@pytest.mark.parametrize("kind", ["count", "share", "currency", "score", "ratio"])
def test_every_kind_formats_zero_without_a_sign(kind):
    assert not format_value(0.0, kind, signed=True).startswith(("+", "-"))


def test_display_lines_name_only_metrics_the_model_records_or_the_experiment_adds():
    assert list(METRIC_DISPLAY) == [*METRICS, *INCREMENTAL_METRICS]


@pytest.mark.parametrize("metric", CATALOGUE, ids=lambda m: m.name)
def test_every_metric_reads_as_its_catalogue_entry_says(metric):
    """Labels, units and kinds come from the catalogue; money units name the currency."""
    shown = display(metric.name)
    assert (shown.label, shown.kind) == (metric.label, metric.kind)
    assert shown.unit == metric.unit
    with use_language("ja", currency="JPY"):
        shown = display(metric.name)
        assert shown.label != metric.label  # worded in Japanese
        assert "currency" not in shown.unit and "通貨" not in shown.unit
