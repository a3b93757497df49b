"""The interval distance: 0 inside every published interval, and growing with the distance
outside in the interval's own widths (docs/validation.md section 8)."""

import math

import pytest

from commsim.inference.distance import MISSING, InsideIntervals, PublishedInterval, outside_share

BAND = PublishedInterval("lift", 0.03, 0.12)
POSITIVE = PublishedInterval("effect", 0.0, math.inf, "sign")


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.03, 0.0), (0.08, 0.0), (0.12, 0.0), (0.21, 1.0), (-0.06, 1.0), (0.165, 0.5)],
)
def test_a_band_counts_the_distance_outside_in_widths(value, expected):
    assert outside_share(value, BAND) == pytest.approx(expected)


def test_a_direction_counts_a_miss_as_one():
    assert outside_share(0.4, POSITIVE) == 0.0
    assert outside_share(-0.4, POSITIVE) == 1.0
    assert outside_share(0.0, POSITIVE) == 1.0  # "> 0" was published: zero misses it
    negative = PublishedInterval("effect", -math.inf, 0.0, "sign")
    assert outside_share(-0.1, negative) == 0.0
    assert outside_share(0.1, negative) == 1.0


def test_a_study_the_replicate_could_not_produce_is_far():
    assert outside_share(math.nan, BAND) == MISSING


def test_the_distance_sums_the_targets_and_ignores_the_observation():
    distance = InsideIntervals([BAND, POSITIVE])
    assert distance({"lift": 0.05, "effect": 0.2}, {}) == 0.0
    assert distance({"lift": 0.21, "effect": -0.2}, {"lift": 0.21}) == pytest.approx(2.0)
    assert distance({"effect": 0.2}, {}) == MISSING  # the lift is missing
