"""Charts: deck style, one file per chart and format, findings as titles, clear errors."""

from __future__ import annotations

import matplotlib as mpl
import pandas as pd
import pytest
from synthetic_results import synthetic_timeseries, write_results_folder

from commsim.charts import ResultsFolderError, load_results, make_charts
from commsim.charts.make import draw_charts
from commsim.charts.style import OKABE_ITO, use_style
from commsim.config import ConfigError


def test_deck_style_is_16_9_large_type_colour_blind_safe_and_editable():
    with use_style("deck"):
        assert tuple(mpl.rcParams["figure.figsize"]) == pytest.approx((13.33, 7.5))
        assert mpl.rcParams["savefig.dpi"] == 200
        assert mpl.rcParams["font.size"] >= 16
        assert mpl.rcParams["svg.fonttype"] == "none"  # text stays text in PowerPoint
        assert mpl.rcParams["pdf.fonttype"] == 42
        assert not mpl.rcParams["axes.spines.top"] and not mpl.rcParams["axes.spines.right"]
        colours = [c.upper() for c in mpl.rcParams["axes.prop_cycle"].by_key()["color"]]
        assert colours == [c.upper() for c in OKABE_ITO]
    with use_style("paper"):
        assert mpl.rcParams["figure.figsize"][0] < 8
        assert mpl.rcParams["svg.fonttype"] == "none"


def test_every_chart_is_written_in_each_format(results_folder):
    folder = results_folder()
    paths = make_charts(folder, formats=("png", "svg"))
    assert paths and all(p.parent == folder / "charts" and p.stat().st_size > 0 for p in paths)
    stems = {p.stem for p in paths}
    assert {p.suffix for p in paths} == {".png", ".svg"}
    assert len(paths) == 2 * len(stems)
    names = {stem.split("_", 1)[1] for stem in stems}
    assert {"cumulative_profit", "community_growth", "funnel", "checkpoints"} <= names
    assert {"differences", "fan_awareness"} <= names
    svg = next(p for p in paths if p.suffix == ".svg").read_text(encoding="utf-8")
    assert "<text" in svg  # fonts not turned into paths: editable in a deck


def test_chart_titles_are_findings_with_intervals(results_folder):
    results = load_results(results_folder(crossover_day=600.0))
    with use_style():
        charts = {chart.name: chart for chart in draw_charts(results)}
    title = charts["cumulative_profit"].title
    assert title.startswith("Value overtakes Push in cumulative profit after 20 months")
    assert "(95% of runs: 19" in title
    assert charts["community_growth"].title.startswith("Value ends highest in community members")
    for chart in charts.values():
        source = chart.figure.get_supxlabel()
        assert "commsim 0.test" in source and "6 replicates" in source and "seed 7" in source


def test_cumulative_profit_chart_says_when_there_is_no_crossover(results_folder):
    results = load_results(results_folder(crossover_day=None))
    with use_style():
        charts = {chart.name: chart for chart in draw_charts(results)}
    assert charts["cumulative_profit"].title.startswith("No crossover within 24 months")


def test_cumulative_profit_title_follows_the_arm_that_ends_highest(tmp_path):
    """Two arms earn 4 a day more than push after a start-up cost and overtake it early (days
    150 and 200) but end far below value, which overtakes at day 600: the title and a label tell
    value's crossover, though two crossovers come before it and only two are labelled."""
    runs = synthetic_timeseries(crossover_day=600.0)
    arms = [runs]
    for name, day in (("quick", 150.0), ("early", 200.0)):
        early = runs[runs["arm"] == "push"].copy()
        sign = (early["brand"] == "focal").map({True: 1.0, False: -1.0})
        early["cum_profit"] += sign * 4.0 * (early["step"] - day)
        early["arm"] = name
        early["run_id"] = early["run_id"].str.replace("push", name)
        arms.append(early)
    results = load_results(write_results_folder(tmp_path / "three", pd.concat(arms)))
    with use_style():
        chart = next(c for c in draw_charts(results) if c.name == "cumulative_profit")
    assert chart.title.startswith("Value overtakes Push in cumulative profit after 20 months")
    notes = [text.get_text() for text in chart.figure.axes[0].texts]
    assert any(note.startswith("Value overtakes") for note in notes)
    assert any(note.startswith("Quick overtakes") for note in notes)
    assert not any(note.startswith("Early overtakes") for note in notes)


def test_factorial_experiments_get_small_multiples(tmp_path):
    arms = {f"{c}_{v}": {} for c in ("brand", "topic") for v in ("push", "value")}
    levels = {
        f"{c}_{v}": {"brand.community": c, "brand.value_share": 0.9 if v == "value" else 0.1}
        for c in ("brand", "topic")
        for v in ("push", "value")
    }
    folder = write_results_folder(
        tmp_path / "factorial",
        synthetic_timeseries(arms=arms, replicates=3, steps=200),
        reference="brand_push",
        factors={"brand.community": ["brand", "topic"], "brand.value_share": [0.1, 0.9]},
        arm_levels=levels,
    )
    results = load_results(folder)
    assert results.factors == ["brand.community", "brand.value_share"]
    with use_style():
        charts = {chart.name: chart for chart in draw_charts(results)}
    factors = charts["factors"]
    assert len(factors.figure.subfigs[0].axes) == 4
    assert factors.title.startswith("Value share moves cumulative profit most")


def test_a_folder_without_tables_is_an_error_naming_folder_and_file(tmp_path):
    with pytest.raises(ResultsFolderError, match=r"timeseries\.parquet") as error:
        make_charts(tmp_path)
    assert str(tmp_path) in str(error.value)
    with pytest.raises(ResultsFolderError, match="does not exist"):
        make_charts(tmp_path / "missing")


def test_unknown_chart_format_is_an_error_listing_the_allowed_ones(results_folder):
    with pytest.raises(ConfigError, match="allowed: png, svg, pdf"):
        make_charts(results_folder(), formats=("png", "gif"))


def test_a_single_arm_experiment_still_gets_its_charts(tmp_path):
    runs = synthetic_timeseries(replicates=3, steps=120)
    folder = write_results_folder(tmp_path / "one", runs[runs["arm"] == "value"], reference="value")
    with use_style():
        charts = {chart.name: chart for chart in draw_charts(load_results(folder))}
    assert "differences" not in charts
    assert charts["cumulative_profit"].title.startswith("No crossover to report")
    assert charts["community_growth"].title.startswith("Community members reaches")
