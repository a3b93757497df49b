"""Translations of the fixed English phrases and templates of charts, reports and decks.

Keys are the English text exactly as the code writes it (see :mod:`commsim.analysis.language`);
placeholders in braces stay as they are. A phrase missing here is shown in English;
``tests/analysis/test_language.py`` checks that every phrase the code says has both
translations, with the same placeholders.

Each language's table lives in its own module (:mod:`commsim.analysis.translations_zh_tw`,
:mod:`commsim.analysis.translations_ja`); this one names the languages and re-exports them.
"""

from __future__ import annotations

from commsim.analysis.translations_claims import JA_CLAIMS, ZH_TW_CLAIMS
from commsim.analysis.translations_claims_report import JA_CLAIMS_REPORT, ZH_TW_CLAIMS_REPORT
from commsim.analysis.translations_claims_words import JA_CLAIM_WORDS, ZH_TW_CLAIM_WORDS
from commsim.analysis.translations_deck import JA_DECK, ZH_TW_DECK
from commsim.analysis.translations_ja import JA
from commsim.analysis.translations_panel import JA_PANEL, ZH_TW_PANEL
from commsim.analysis.translations_uncertainty import JA_UNCERTAINTY, ZH_TW_UNCERTAINTY
from commsim.analysis.translations_zh_tw import ZH_TW

__all__ = ["JA", "TRANSLATIONS", "ZH_TW"]

TRANSLATIONS: dict[str, dict[str, str]] = {
    "zh-TW": {
        **ZH_TW,
        **ZH_TW_DECK,
        **ZH_TW_CLAIMS,
        **ZH_TW_CLAIM_WORDS,
        **ZH_TW_CLAIMS_REPORT,
        **ZH_TW_PANEL,
        **ZH_TW_UNCERTAINTY,
    },
    "ja": {
        **JA,
        **JA_DECK,
        **JA_CLAIMS,
        **JA_CLAIM_WORDS,
        **JA_CLAIMS_REPORT,
        **JA_PANEL,
        **JA_UNCERTAINTY,
    },
}
