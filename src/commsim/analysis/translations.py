"""Translations of the fixed English phrases and templates of charts, reports and decks.

Keys are the English text exactly as the code writes it (see :mod:`commsim.analysis.language`);
placeholders in braces stay as they are. A phrase missing here is shown in English.
"""

from __future__ import annotations

ZH_TW: dict[str, str] = {}
JA: dict[str, str] = {}

TRANSLATIONS: dict[str, dict[str, str]] = {"zh-TW": ZH_TW, "ja": JA}
