"""Charts that lead with the answer: what each arm adds against the world without the
programme, one payback number everywhere, money in the experiment's currency."""

from __future__ import annotations

import pytest
from synthetic_results import synthetic_timeseries, write_results_folder

from commsim.charts import load_results
from commsim.charts.make import draw_charts
from commsim.charts.reports.report_content import executive_summary
from commsim.charts.style import use_style
from commsim.locale import use_language


@pytest.fixture(scope="module")
def charts(tmp_path_factory):
    """Push never pays back (-1 a day against the world); value pays back on day 620."""
    folder = tmp_path_factory.mktemp("incremental") / "results"
    write_results_folder(folder, synthetic_timeseries(world=True), currency="TWD")
    with use_language("en", "TWD"):
        results = load_results(folder)
        with use_style():
            drawn = {chart.name: chart for chart in draw_charts(results)}
        summary = executive_summary(results, [])
    return results, drawn, summary


def texts(chart) -> list[str]:
    found = [t.get_text() for t in chart.figure.findobj(lambda a: hasattr(a, "get_text"))]
    return [text for text in found if text]


def test_the_deck_leads_with_incremental_profit_then_sales_and_costs(charts):
    results, drawn, _ = charts
    names = list(drawn)
    assert names[:4] == ["incremental_profit", "sales_sources", "costs", "differences"]
    assert "cumulative_profit" not in names  # its crossovers are the differences chart's
    assert results.arms == ["push", "value"] and results.worlds == ["no_programme"]
    assert "fan_incremental_roi" in names and "fan_roi" not in names


def test_one_payback_number_in_the_title_the_marker_and_the_summary(charts):
    _, drawn, summary = charts
    title = drawn["incremental_profit"].title
    assert title.startswith("Value pays: +3,971 TWD profit against no programme after 24 months")
    assert "pays back after 20 months (95% of runs: 20-21)" in title
    figure = drawn["incremental_profit"].figure
    labels = [t.get_text() for ax in figure.axes for t in ax.texts if "pays back" in t.get_text()]
    assert labels == ["Value pays back\nafter 20 months (95% of runs: 20-21)"]
    headings = [head for head, _ in summary]
    assert headings == ["The answer", "When it pays", "How much"]
    assert summary[1][1] == "Value pays back after 20 months (95% of runs: 20-21)."
    assert summary[2][1].startswith("Over 24 months, Value adds 3,971 TWD of profit")
    assert "95% CI +3,389 to +4,532" in summary[2][1]


def test_money_axes_name_the_currency_never_the_word_currency(charts):
    _, drawn, _ = charts
    for chart in drawn.values():
        assert not any("(currency" in text for text in texts(chart)), chart.name
    assert any("TWD" in text for text in texts(drawn["costs"]))
    assert any(
        text.replace("\n", " ").startswith("Incremental profit (TWD")  # wrapped to its panel
        for text in texts(drawn["fan_incremental_roi"]) + texts(drawn["incremental_profit"])
    )


def test_sales_sources_split_the_extra_purchases_by_origin(charts):
    _, drawn, _ = charts
    chart = drawn["sales_sources"]
    assert chart.title.startswith("Value adds the most purchases over 24 months: 2,336 more")
    assert "of them new to the brand" in chart.title  # 2 a day of the 3.2 extra
    assert len(chart.figure.subfigs[0].axes) == 3


def test_the_funnel_is_bars_on_a_linear_scale_with_conversions(charts):
    _, drawn, _ = charts
    ax = drawn["funnel"].figure.subfigs[0].axes[0]
    assert ax.get_xscale() == "linear"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Reached", "Engaged", "Aware", "Bought"]
    assert any("of reached" in text for text in texts(drawn["funnel"]))
    assert drawn["funnel"].title.startswith("Value wins the most buyers: +")


def test_lines_are_means_and_titles_say_so(charts):
    _, drawn, _ = charts
    assert "mean 40% vs 20%" in drawn["fan_awareness"].title
    notes = texts(drawn["fan_awareness"])
    assert any(text.startswith("Line: mean of 6 replicates") for text in notes)
    words = " ".join(" ".join(texts(drawn["fan_favourable_share"])).split())
    assert "% of aware members who like the brand" in words


def test_no_followers_slide_repeats_the_community_slide(charts):
    _, drawn, _ = charts
    assert "community_growth" in drawn and "fan_followers" in drawn  # followers = 1.2 x members
    results, _, _ = charts
    same = results.timeseries.assign(followers=results.timeseries["community_members"])
    from dataclasses import replace

    from commsim.charts.make import fan_metrics

    assert "followers" not in fan_metrics(replace(results, timeseries=same))
