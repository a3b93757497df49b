"""The claims audit's slides: in the client's language, effects with their unit, the quick
audit's warning on the verdict slide, and every text fitting its chart and box.

``data/claims_quick`` holds the tables of a real quick audit (``commsim claims brand.toml
--quick --claims F2,F3 --platforms facebook_2025,instagram_2025 --steps 120``: 300 members,
seed 3); a screening table is added here, its parameters those the screening ranks."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.text import Text
from pptx import Presentation

from commsim.charts.layout import SLIDE_DRAWN_SIZE
from commsim.charts.layout_check import chart_problems, slide_problems
from commsim.charts.style import use_style
from commsim.claims.claims_catalogue import claim
from commsim.claims.claims_charts import claim_charts
from commsim.claims.claims_report import read_audit, write_claims_report
from commsim.locale import LANGUAGES, use_language

AUDIT = Path(__file__).parent / "data" / "claims_quick"
SCREENED = ("brand.cost_per_reply", "platform.organic_reach", "brand.margin", "brand.price")
WARNING = {"en": "A quick look, not verdicts", "zh-TW": "快速檢視，並非結論", "ja": "簡易チェック"}
REVERSED = {"en": "reversed", "zh-TW": "相反", "ja": "逆転"}


@pytest.fixture
def audit(tmp_path) -> Path:
    folder = Path(shutil.copytree(AUDIT, tmp_path / "audit"))
    rows = [
        {
            "claim": claim_id,
            "platform": "facebook_2025",
            "outcome": "cum_profit_d120",
            "parameter": key,
            "mu_star": 400.0 / rank,
            "mu_star_conf": 50.0,
            "sigma": 80.0,
            "rank": rank,
        }
        for claim_id in ("F2", "F3")
        for rank, key in enumerate(SCREENED, start=1)
    ]
    pd.DataFrame(rows).to_csv(folder / "screening.csv", index=False)
    return folder


@pytest.mark.parametrize("lang", ["en", "zh-TW", "ja"])
def test_the_claims_deck_speaks_the_clients_language_and_fits(audit, lang):
    deck_path = write_claims_report(audit, lang=lang)[2]
    assert slide_problems(deck_path) == []
    slides = [
        "\n".join(
            shape.text_frame.text if shape.has_text_frame else _table_text(shape)
            for shape in slide.shapes
            if shape.has_text_frame or shape.has_table
        )
        for slide in Presentation(str(deck_path)).slides
    ]
    verdicts = slides[1]
    assert WARNING[lang] in verdicts  # on the summary (verdict) slide, not only the title
    assert REVERSED[lang] in verdicts and " USD" in verdicts  # effects carry their currency
    assert "brand.cost_per_reply" not in "\n".join(slides)  # names, not keys
    if lang != "en":
        assert "Which claims" not in "\n".join(slides)
    tables = read_audit(audit)
    with use_language(lang, "USD"), use_style("deck"):
        for charts in claim_charts(tables.claims, tables.mechanisms, tables.source_line).values():
            for chart in charts:
                for size in (None, SLIDE_DRAWN_SIZE):
                    assert chart_problems(chart.figure, size) == [], chart.name


def _table_text(shape) -> str:
    return "\n".join(cell.text_frame.text for row in shape.table.rows for cell in row.cells)


@pytest.mark.parametrize("lang", ["zh-TW", "ja"])
def test_every_claim_title_and_mechanism_has_a_translation(lang):
    ids = ("F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8")
    words = {claim(i).title for i in ids} | {m for i in ids for m in claim(i).mechanisms}
    missing = sorted(w for w in words if w not in LANGUAGES[lang].words)
    assert not missing


def _claim_words(ids: tuple[str, ...]) -> set[str]:
    """The catalogue's English a client must not meet: arms (in words), reversing worlds and
    the seed articles."""
    arms = {arm.replace("_", " ") for i in ids for arm in claim(i).arms}
    return arms | {claim(i).reversal_text for i in ids} | {claim(i).sources for i in ids}


def _english_left(text: str, ids: tuple[str, ...]) -> list[str]:
    """The catalogue's arm names (as whole words) and reversing worlds found in ``text``."""
    return sorted(w for w in _claim_words(ids) if re.search(rf"\b{re.escape(w)}\b", text))


@pytest.mark.parametrize("lang", ["zh-TW", "ja"])
def test_every_arm_and_reversing_world_has_a_translation(lang):
    ids = ("F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8")
    assert sorted(w for w in _claim_words(ids) if w not in LANGUAGES[lang].words) == []


@pytest.mark.parametrize("lang", ["zh-TW", "ja"])
def test_the_claims_deck_names_arms_and_reversing_worlds_in_the_clients_language(audit, lang):
    deck_path = write_claims_report(audit, lang=lang)[2]
    slides = Presentation(str(deck_path)).slides
    text = "\n".join(
        "\n".join(
            shape.text_frame.text if shape.has_text_frame else _table_text(shape)
            for shape in slide.shapes
            if shape.has_text_frame or shape.has_table
        )
        + "\n"
        + slide.notes_slide.notes_text_frame.text
        for slide in slides
    )
    tables = read_audit(audit)
    with use_language(lang, "USD"), use_style("deck"):
        for charts in claim_charts(tables.claims, tables.mechanisms, tables.source_line).values():
            for chart in charts:
                text += "\n" + "\n".join(t.get_text() for t in chart.figure.findobj(Text))
    ids = tuple(dict.fromkeys(tables.claims["claim"]))
    assert _english_left(text, ids) == []
    for world in {claim(i).reversal_text for i in ids}:  # the translations are there
        assert LANGUAGES[lang].words[world].replace("\n", "")[:8] in text.replace("\n", "")


@pytest.mark.parametrize("lang", ["zh-TW", "ja"])
def test_the_claims_page_speaks_the_decks_language(audit, lang):
    markdown_path, page_path = write_claims_report(audit, lang=lang)[:2]
    claims = read_audit(audit).claims
    ids = tuple(dict.fromkeys(claims["claim"]))
    # The reversing worlds as the audit recorded them (an older audit's wording may differ).
    worlds = dict(zip(claims["claim"], claims["reversal_world"], strict=True))
    for path in (markdown_path, page_path):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".html":
            text = re.sub(r'src="data:[^"]*"', "", text)
        assert _english_left(text, ids) == [], path.name
        assert "Reversing world" not in text and "Verdicts" not in text
        for one in ids:
            assert LANGUAGES[lang].words[worlds[one]] in text
            assert LANGUAGES[lang].words[claim(one).title] in text
    assert 'lang="' + lang in page_path.read_text(encoding="utf-8")
