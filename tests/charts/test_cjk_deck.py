"""Chinese and Japanese decks: every glyph of every chart comes from a font that installs
with commsim (matplotlib's missing-glyph warning is an error here), labels and titles are in
the language asked, and numbers group by ten thousands."""

from __future__ import annotations

import warnings

import pytest
from pptx import Presentation
from synthetic_results import synthetic_timeseries, write_results_folder

from commsim.charts.reports.report import write_report
from commsim.charts.style import TC_FAMILY, cjk_family, register_fonts

pytestmark = pytest.mark.slow  # end to end: two whole decks, every chart in two languages

LABELS = {"value": "話題社群 + 價值內容", "push": "品牌推播・セール"}


@pytest.mark.parametrize(
    ("lang", "summary", "no_programme"),
    [("zh-TW", "摘要", "無計畫"), ("ja", "エグゼクティブサマリー", "施策なし")],
)
def test_a_deck_in_chinese_or_japanese_has_no_missing_glyph(tmp_path, lang, summary, no_programme):
    assert register_fonts(), "the CJK font packages are dependencies of commsim"
    folder = write_results_folder(
        tmp_path / lang,
        synthetic_timeseries(world=True, replicates=3, steps=400),
        labels=LABELS,
        currency="TWD",
    )
    with warnings.catch_warnings():
        # matplotlib: "Glyph 35441 (...) missing from font(s) DejaVu Sans."
        warnings.filterwarnings("error", message=".*[Gg]lyph.*missing", category=UserWarning)
        warnings.filterwarnings("error", message=".*findfont", category=UserWarning)
        paths = write_report(folder, lang=lang)
    deck = Presentation(str(paths[-1]))
    titles = [slide.shapes.title.text_frame.text for slide in deck.slides]
    assert titles[1] == summary
    assert any(LABELS["value"] in title for title in titles)  # the arm's label, not its name
    svg = next((folder / "charts").glob("01_*.svg")).read_text(encoding="utf-8")
    assert LABELS["value"] in svg and no_programme in svg and "TWD" in svg
    assert cjk_family(lang) in svg  # text stays text, in a font that has the glyphs
    assert (TC_FAMILY in svg) == (lang == "zh-TW")  # Taiwan's glyph shapes for zh-TW
    markdown = paths[0].read_text(encoding="utf-8")
    assert ("個月" if lang == "zh-TW" else "か月") in markdown
