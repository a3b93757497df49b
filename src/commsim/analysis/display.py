"""Numbers and names as a reader expects them: metric labels and units, arm names, counts,
shares in %, differences in points, and times in days or months.

Charts, tables, the report and the CLI all print numbers through these, so one number reads the
same everywhere.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from commsim.locale import money_unit, speech, tr
from commsim.model.catalogue import CATALOGUE, Kind

DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class MetricDisplay:
    """How a metric is named and shown: a label for sentences, an axis unit, a number kind."""

    label: str
    unit: str
    kind: Kind


# How each metric reads, in English: from the catalogue (commsim.model.catalogue).
METRIC_DISPLAY: dict[str, MetricDisplay] = {
    metric.name: MetricDisplay(metric.label, metric.unit, metric.kind) for metric in CATALOGUE
}


def _plain(metric: str) -> MetricDisplay:
    return MetricDisplay(metric.replace("_", " "), "", "count")


def display(metric: str) -> MetricDisplay:
    """Display information of a metric, in the current language (money units name the
    currency); unknown metrics are shown as plain numbers."""
    info = METRIC_DISPLAY.get(metric) or _plain(metric)
    unit = tr(info.unit) if info.unit else ""
    if unit and info.kind == "currency":
        unit = unit.replace(tr("currency"), money_unit(), 1)
    return MetricDisplay(tr(info.label), unit, info.kind)


def arm_label(arm: str) -> str:
    """A readable name for an arm id: ``topic_value`` -> ``Topic value``."""
    text = arm.replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:] if text else arm


def factor_label(key: str) -> str:
    """``brand.value_share`` -> ``value share``: the last part of a dotted key, in words."""
    return key.rsplit(".", 1)[-1].replace("_", " ")


def _myriads(value: float, units: tuple[tuple[str, float], ...], decimals: int) -> str:
    """12,345 -> 1.2萬; 1,234,567 -> 123萬; 345,000,000 -> 3.5億."""
    size = abs(value)
    for suffix, scale in units:
        if size >= scale:
            digits = 1 if size / scale < 100 else 0
            return f"{value / scale:,.{digits}f}{suffix}"
    return f"{value:,.{decimals}f}"


def _compact(value: float, decimals: int = 0) -> str:
    """1,240 / 12.3k / 1.2M (1.2萬 / 120萬 in Chinese and Japanese): numbers short enough for
    a title."""
    myriads = speech().language.myriads  # Chinese and Japanese group by 10^4 (萬, 万) and 10^8
    if myriads:
        return _myriads(value, myriads, decimals)
    size = abs(value)
    if size >= 1e6:
        return f"{value / 1e6:.1f}M"
    if size >= 1e5:
        return f"{value / 1e3:.0f}k"
    if size >= 1e4:
        return f"{value / 1e3:.1f}k"
    return f"{value:,.{decimals}f}"


def _percent_decimals(*values: float) -> int:
    """One decimal for small percentages, none from 10% up (the largest value decides)."""
    return 1 if max(abs(v) for v in values) * 100 < 10 else 0


def format_value(
    value: float, kind: Kind, *, signed: bool = False, decimals: int | None = None
) -> str:
    """A number as a reader expects it: counts with separators, shares in %, differences of
    shares in points; ``signed`` adds "+" to gains. Values that round to zero carry no sign.
    ``decimals`` fixes the decimals of a percentage (default: :func:`_percent_decimals`)."""
    if value is None or math.isnan(value):
        return "n/a"
    unit = ""
    if kind in ("share", "ratio"):
        percent = abs(value) * 100
        digits = _percent_decimals(value) if decimals is None else decimals
        body = f"{percent:.{digits}f}"
        unit = tr(" pts") if signed else "%"  # differences of shares are percentage points
    elif kind == "score":  # a score in [-1, 1] reads as -100 to +100
        body = f"{abs(value) * 100:.1f}"
    else:
        body = _compact(abs(value))
    suffixes = "kM" + "".join(suffix for suffix, _ in speech().language.myriads)
    if float(body.rstrip(suffixes).replace(",", "")) == 0:
        return f"0{unit}"
    sign = "-" if value < 0 else ("+" if signed else "")
    return f"{sign}{body}{unit}"


def format_interval(low: float, high: float, kind: Kind, *, signed: bool = False) -> str:
    """``11-17%`` for positive ranges; ``-9.8k to +14.7k`` for differences or negative bounds."""
    digits = _percent_decimals(low, high) if kind in ("share", "ratio") else None
    lo = format_value(low, kind, signed=signed, decimals=digits)
    hi = format_value(high, kind, signed=signed, decimals=digits)
    for unit in (tr(" pts"), "%"):
        if lo.endswith(unit) and hi.endswith(unit):
            lo = lo[: -len(unit)]
    # A hyphen would read as a minus after 萬 or 万: Chinese and Japanese say "to" (至, 〜).
    if low < 0 or high < 0 or signed or speech().cjk:
        return tr("{low} to {high}").format(low=lo, high=hi)
    return f"{lo}-{hi}"


def uses_months(horizon: int) -> bool:
    """Horizons of half a year or more read better in months than in days."""
    return horizon >= 180


def in_months(day: float, horizon: int) -> bool:
    """Whether ``day`` reads in months: on long horizons, from two months on ("after 22 days",
    not "after 1 month")."""
    return uses_months(horizon) and day >= 60


def format_when(day: float, horizon: int, *, months: bool | None = None) -> str:
    """``14 months`` or ``45 days``: the time from the start to ``day`` (``months`` forces
    the unit; default :func:`in_months`)."""
    if in_months(day, horizon) if months is None else months:
        count = day / DAYS_PER_MONTH
        return tr("{n} month" if round(count) == 1 else "{n} months").format(n=f"{count:.0f}")
    return tr("{n} day" if round(day) == 1 else "{n} days").format(n=f"{day:.0f}")


def format_day_range(low: float, high: float, horizon: int, *, months: bool | None = None) -> str:
    """``11-17`` (months) or ``30-45`` (days); the unit follows :func:`format_when` of ``high``
    unless ``months`` fixes it."""
    scale = DAYS_PER_MONTH if (in_months(high, horizon) if months is None else months) else 1.0
    low, high = low / scale, high / scale
    digits = 1 if round(low) == round(high) and high > low else 0  # "19.6-20.1", not "20-20"
    return f"{low:.{digits}f}-{high:.{digits}f}"
