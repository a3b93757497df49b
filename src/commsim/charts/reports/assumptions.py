"""The assumptions a deck closes with: the platform preset and its source, the market and its
scale, and the assumptions that decide the answer.

The deciding assumptions come from the claims audit when the results folder holds its table
(``claims.csv`` or ``screening.csv``); otherwise they are the scenario's key settings (those
the experiment sets, then the economics every answer depends on), each with the source its
parameter declares (:mod:`commsim.config.parameters`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from commsim.analysis.display import format_value
from commsim.analysis.setting_names import setting_name
from commsim.charts.focal_results import Results
from commsim.config import flatten
from commsim.config.parameters import parameters
from commsim.config.presets import PRESET_NAMES, platform_presets, preset_values
from commsim.locale import say, tr

AUDIT_FILES = ("claims.csv", "screening.csv")  # written by the claims audit, when it ran
# The economics every answer depends on, after the keys the experiment sets itself.
KEY_SETTINGS = (
    "brand.price",
    "brand.margin",
    "brand.market_share",
    "brand.initial_awareness",
    "platform.organic_reach",
    "platform.cpm",
    "brand.cost_value_post",
    "brand.cost_push_post",
    "brand.community_cost_per_day",
    "brand.cost_per_reply",
)
MAX_ROWS = 16  # the deck spreads them over as many slides as their sources need
OWN_PROFILE = "your figure (brand profile)"
ASSUMPTION = "assumption"


def _short(text: Any) -> str:
    """A source in one line, whole (a cut source cannot be looked up); its leading word
    "assumption" in the report's language."""
    text = " ".join(str(text).split())
    if text.lower().startswith(ASSUMPTION):
        return tr(ASSUMPTION) + text[len(ASSUMPTION) :]
    return text


OWN_FIGURE = "the experiment's own figure (its base, arms or brand profile)"


def _source(key: str, *values: Any) -> str:
    """The parameter's declared source when it runs at its default, else the experiment's
    own figure (a default's source says nothing of a value the user chose)."""
    field = parameters()[key]
    if any(value is not None and value != field.field.default for value in values):
        own = key in ("population.market_size", "population.currency")  # the profile's
        return tr(OWN_PROFILE) if own else tr(OWN_FIGURE)
    return _short(field.source or tr("not given"))


def _preset_source(results: Results, key: str) -> str:
    """A platform value the experiment leaves to its preset has the preset's source."""
    preset = str(results.scenario().get("platform", {}).get("preset") or "")
    if preset in platform_presets() and key.split(".", 1)[1] in preset_values(preset):
        return _short(platform_presets()[preset].source)
    return _short(parameters()[key].source or tr("not given"))


def _value(scenario: dict[str, Any], key: str) -> Any:
    node: Any = scenario
    for part in key.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def _row(name: str, value: str, source: str) -> dict[str, str]:
    return {tr("Setting"): name, tr("Value"): value, tr("Source"): source}


def client_rows(results: Results) -> list[dict[str, str]]:
    """What a client asks first: budget, followers, engagement rate, CPM and market size,
    each with its source (the brand profile, the platform preset) or "assumption"."""
    profile = results.experiment.get("brand_profile") or {}
    currency = results.currency
    yours, unset = tr(OWN_PROFILE), tr("not set: the model's default")
    budget = profile.get("monthly_budget")
    rows = [
        _row(
            tr("Monthly budget"),
            f"{float(budget):,.0f} {currency}" if budget is not None else tr("not given"),
            yours if budget is not None else unset,
        )
    ]
    followers = profile.get("followers")
    if followers:
        rows.append(_row(tr("Followers at the start"), f"{int(followers):,}", yours))
    rate = profile.get("engagement_rate")
    if rate is not None:
        basis = tr("of reach") if profile.get("engagement_basis") == "reach" else tr("of followers")
        value = f"{format_value(float(rate), 'share')} {basis}"
        rows.append(_row(tr("Engagement rate per post"), value, yours))
    cpm = _setting(results, results.reference, "platform.cpm")
    shown = _shown(cpm, parameters()["platform.cpm"].unit, currency)
    set_here = _value(results.scenario(), "platform.cpm") is not None
    source = _source("platform.cpm", cpm) if set_here else _preset_source(results, "platform.cpm")
    rows.append(_row(setting_name("platform.cpm"), shown, source))
    return rows


def scale_rows(results: Results) -> list[dict[str, str]]:
    """Platform preset (with its year and source), market size, sample and scale, currency."""
    scenario = results.scenario()
    population = scenario.get("population", {})
    rows = []
    market, members = population.get("market_size"), population.get("members")
    if market and members:
        rows.append(
            {
                tr("Setting"): tr("Market"),
                tr("Value"): say(
                    "{market} people, simulated by {members} members (1 stands for {scale})",
                    market=format_value(float(market), "count"),
                    members=f"{int(members):,}",
                    scale=f"{float(market) / float(members):,.0f}",
                ),
                tr("Source"): _source("population.market_size", market),
            }
        )
    preset = str(scenario.get("platform", {}).get("preset") or "")
    if preset in platform_presets():
        found = platform_presets()[preset]
        rows.append(_row(tr("Platform"), f"{preset}: {found.description}", _short(found.source)))
    rows.append(
        {
            tr("Setting"): tr("Currency"),
            tr("Value"): results.currency,
            tr("Source"): _source("population.currency", results.currency),
        }
    )
    return rows


def audit_rows(results: Results) -> tuple[list[dict[str, str]], str] | None:
    """The claims audit's table, when the folder holds one (its first columns, as written)."""
    for name in AUDIT_FILES:
        path = results.path / name
        if path.is_file():
            table = pd.read_csv(path).head(MAX_ROWS).fillna("")
            slots = (tr("Setting"), tr("Value"), tr("Source"))
            rows = [
                {slot: _short(value) for slot, value in zip(slots, row, strict=False)}
                for row in table.itertuples(index=False)
            ]
            columns = ", ".join(str(c) for c in table.columns[:3])
            return rows, say(
                "The assumptions that decide the answer, from {file} ({columns})",
                file=name,
                columns=columns,
            )
    return None


def _setting(results: Results, arm: str, key: str) -> Any:
    """A setting of an arm as run: its scenario, the preset's value, else the default."""
    scenario = results.scenario(arm)
    value = _value(scenario, key)
    if value is None and key.startswith("platform."):
        preset = str(scenario.get("platform", {}).get("preset") or "")
        value = preset_values(preset).get(key.split(".", 1)[1]) if preset in PRESET_NAMES else None
    return parameters()[key].field.default if value is None else value


def _shown(value: Any, unit: str, currency: str) -> str:
    """``3.3%`` for shares, ``20 USD per 1,000 impressions`` for money, else value and unit."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"{value} {unit}".strip() if unit and not unit.startswith("[") else str(value)
    if unit.startswith(("share", "probability")):
        return format_value(float(value), "share")
    words = currency if unit == "currency" else tr(unit).replace("currency", currency)
    return f"{value:g} {words}".strip()


def setting_rows(results: Results) -> list[dict[str, str]]:
    """The keys the experiment sets (base, then arms), then the key economics, with sources."""
    keys: list[str] = list(flatten(results.experiment.get("base", {}) or {}))
    for table in (results.experiment.get("arms") or {}).values():
        keys += [k for k in flatten(table or {}) if k != "label"]
    keys += list(KEY_SETTINGS)
    known = parameters()
    rows = []
    for key in dict.fromkeys(keys):
        if key not in known or key in (
            "population.market_size",
            "population.currency",
            "platform.cpm",
        ):
            continue
        unit = known[key].unit
        settings = [_setting(results, arm, key) for arm in results.arms]
        values = sorted({_shown(value, unit, results.currency) for value in settings})
        preset_set = key.startswith("platform.") and all(
            _value(results.scenario(arm), key) is None for arm in results.arms
        )
        rows.append(
            {
                tr("Setting"): setting_name(key),
                tr("Value"): ", ".join(values),
                tr("Source"): _preset_source(results, key)
                if preset_set
                else _source(key, *settings),
            }
        )
    return rows


def assumption_rows(results: Results) -> tuple[pd.DataFrame, str]:
    """The assumptions table (Setting, Value, Source) and a line saying where it comes from."""
    rows = client_rows(results) + scale_rows(results)
    audit = audit_rows(results)
    if audit is not None:
        found, note = audit
        return pd.DataFrame(rows + found).fillna(""), note
    rows += setting_rows(results)
    note = tr(
        "No claims audit in this folder: the scenario's key settings, with the sources their "
        "parameters declare"
    )
    return pd.DataFrame(rows[:MAX_ROWS]), note
