"""The plausibility panel: each check computes what its definition says (docs/charts.md),
judges it against its band, and flags in plain words what lies outside."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from commsim.analysis import plausibility
from commsim.config.presets import platform_presets
from commsim.locale import use_language

DAYS = 90
PER_DAY = {"revenue": 100.0, "profit": 40.0, "cost": 0.0, "cost_ads": 0.0}


def _runs(arm: str, replicates: int = 3, followers_growth: float = 0.0, **daily: float):
    """A run per replicate: constant daily metrics, followers growing by a monthly rate."""
    t = np.arange(1, DAYS + 1)
    rows = []
    for r in range(replicates):
        frame = pd.DataFrame({"step": t})
        frame["arm"], frame["replicate"] = arm, r
        for metric, value in {**PER_DAY, **daily}.items():
            frame[metric] = value
        frame["followers"] = 1000.0 * (1 + followers_growth) ** ((t - 1) / 30)
        frame["posts"] = daily.get("posts", 1.0)
        frame["engagements"] = daily.get("engagements", 1.5)  # 0.15% of 1,000 per post
        frame["organic_reach_rate"] = daily.get("organic_reach_rate", 0.033)
        rows.append(frame)
    return pd.concat(rows, ignore_index=True)


def _panel(frame: pd.DataFrame, arm: str = "arm") -> dict[str, plausibility.PanelLine]:
    lines = plausibility.panel(frame, [arm], {arm: "none"}, {arm: {}})  # facebook_2025
    return {line.check: line for line in lines}


def test_every_check_has_a_band_and_a_source():
    bands = plausibility.bands()
    for check, _, _ in plausibility.CHECKS:
        assert bands[check]["source"] and bands[check]["short"]
        assert ("low" in bands[check]) != ("low_factor" in bands[check])


def test_sales_lift_is_revenue_against_the_world_paired_by_replicate():
    world = _runs("none")
    modest = _panel(pd.concat([world, _runs("arm", revenue=110.0, cost=2.0)]))
    assert modest["sales_lift"].value == pytest.approx(0.10)
    assert not modest["sales_lift"].outside
    doubled = _panel(pd.concat([world, _runs("arm", revenue=234.0, cost=2.0)]))
    assert doubled["sales_lift"].value == pytest.approx(1.34)
    assert doubled["sales_lift"].outside
    assert plausibility.verdict_text(doubled["sales_lift"]) == plausibility.OUTSIDE


def test_roi_is_incremental_profit_over_the_programme_cost():
    world = _runs("none")
    lines = _panel(pd.concat([world, _runs("arm", profit=40.0 + 14.37 * 10 - 10, cost=10.0)]))
    assert lines["roi"].value == pytest.approx(13.37)
    assert lines["roi"].outside


def test_ad_return_is_judged_only_where_ads_are_most_of_the_cost():
    world = _runs("none")
    ads = _panel(pd.concat([world, _runs("arm", revenue=150.0, cost=20.0, cost_ads=18.0)]))
    assert ads["roas"].value == pytest.approx(50.0 / 18.0)
    assert not ads["roas"].outside
    content = _panel(pd.concat([world, _runs("arm", revenue=150.0, cost=20.0, cost_ads=2.0)]))
    assert not content["roas"].judged
    assert content["roas"].reason == plausibility.FEW_ADS


def test_without_a_world_the_money_checks_say_why_they_are_not_judged():
    lines = _panel(_runs("arm"))
    for check in ("sales_lift", "roi", "roas"):
        assert not lines[check].judged and lines[check].reason == plausibility.NO_WORLD


@pytest.mark.parametrize(("growth", "outside"), [(0.0226, False), (-0.05, True), (0.25, True)])
def test_audience_change_is_the_compounded_monthly_rate(growth, outside):
    line = _panel(_runs("arm", followers_growth=growth))["follower_change"]
    assert line.value == pytest.approx(growth, rel=1e-9)
    assert line.outside is outside


def test_engagement_and_reach_are_held_against_the_preset():
    benchmark = platform_presets()["facebook_2025"].benchmarks["engagement_per_post_per_follower"]
    lines = _panel(_runs("arm"))
    assert lines["engagement"].value == pytest.approx(0.0015)
    assert (lines["engagement"].low, lines["engagement"].high) == pytest.approx(
        (benchmark / 4, benchmark * 4)
    )
    assert not lines["engagement"].outside
    assert (lines["organic_reach"].low, lines["organic_reach"].high) == pytest.approx(
        (0.033 / 2, 0.033 * 2)
    )
    loud = _panel(_runs("arm", engagements=60.0, organic_reach_rate=0.57))
    assert loud["engagement"].outside and loud["organic_reach"].outside


def test_the_summary_names_each_arm_outside_a_band_with_its_value_and_band():
    world = _runs("none")
    calm = _runs("calm", revenue=110.0, cost=2.0)
    frame = pd.concat([world, _runs("arm", revenue=234.0, cost=2.0), calm])
    lines = plausibility.panel(
        frame, ["arm", "calm"], {"arm": "none", "calm": "none"}, {"arm": {}, "calm": {}}
    )
    text = plausibility.flagged_summary(lines, {"arm": "Big ads"})
    assert "Big ads: sales lift against no programme +134%" in text
    assert text.endswith(plausibility.SUMMARY_FLAG)
    assert "calm" not in text
    within = [line for line in lines if line.arm == "calm"]
    assert plausibility.flagged_summary(within, {}) == (
        "every judged result lies within its published band"
    )
    with use_language("ja"):
        table = plausibility.panel_frame(lines, {})
    assert "公表されたどの範囲からも外れる：仮説として扱うこと" in set(table["判定"])


def test_a_value_outside_its_band_never_reads_as_the_band_edge():
    line = plausibility.PanelLine("arm", "roas", 1.396, 1.4, 4.5, "source")
    assert line.outside
    assert plausibility.value_text(line) == "1.396x"


def test_a_time_series_without_the_metrics_gets_no_panel():
    frame = _runs("arm").drop(columns=["organic_reach_rate"])
    assert plausibility.panel(frame, ["arm"], {}, {"arm": {}}) == []


def _messaging_runs(days: int, block_rate: float, open_rate: float) -> pd.DataFrame:
    """A LINE account's runs: the block rate reached on the last day, a constant open rate."""
    t = np.arange(1, days + 1)
    frame = pd.DataFrame({"step": t, "arm": "line", "replicate": 0})
    for metric, value in {**PER_DAY, "posts": 1.0, "engagements": 5.0}.items():
        frame[metric] = value
    frame["followers"] = 1000.0
    frame["organic_reach_rate"] = 1.0
    frame["impressions_organic"] = 1000.0
    frame["open_rate"] = open_rate
    frame["block_rate"] = block_rate * t / days
    return frame


def _line_panel(frame: pd.DataFrame) -> dict[str, plausibility.PanelLine]:
    scenario = {"platform": {"preset": "line_tw_2025"}}
    lines = plausibility.panel(frame, ["line"], {"line": "none"}, {"line": scenario})
    return {line.check: line for line in lines}


def test_a_messaging_account_is_held_to_the_block_and_open_bands():
    lines = _line_panel(_messaging_runs(365, block_rate=0.26, open_rate=0.55))
    assert lines["block_rate"].value == pytest.approx(0.26) and not lines["block_rate"].outside
    assert lines["open_rate"].value == pytest.approx(0.55) and not lines["open_rate"].outside
    pushy = _line_panel(_messaging_runs(365, block_rate=0.6, open_rate=0.3))
    assert pushy["block_rate"].outside and pushy["open_rate"].outside


def test_a_block_rate_under_a_year_is_not_judged_and_feeds_have_no_messaging_checks():
    short = _line_panel(_messaging_runs(90, block_rate=0.05, open_rate=0.55))
    assert not short["block_rate"].judged
    assert short["block_rate"].reason == plausibility.SHORT_HORIZON
    assert "block_rate" not in _panel(_runs("arm"))  # facebook_2025: a feed
