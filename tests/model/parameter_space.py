"""Hypothesis strategies for scenarios drawn from the whole documented range of every
parameter, read from the pydantic fields themselves (so a new parameter is covered at once).

Size knobs (members, market history, creators) are bounded for cost: the test draws the
laws' whole range at a sample size a test can afford. A creator programme's day costs in
proportion to creators x their sponsored posts x their followers in the sample: 100,000
creators (the keys' upper bound) in a market of 2,000 people listed some 29 million
impressions a day and ran for half an hour (found by this test at 0.6.1; docs/performance.md).
"""

from __future__ import annotations

import typing
from typing import Any

from hypothesis import strategies as st
from pydantic import BaseModel

from commsim.config import Behavior, Brand, Platform, Population
from commsim.config.presets import PRESET_NAMES

# Size and cost knobs, bounded so that one example runs in about a second.
BOUNDED = {
    ("population", "members"): st.integers(50, 2000),
    ("population", "market_history_days"): st.integers(0, 60),
    ("population", "mean_degree"): st.floats(2, 60),
    **{("brand", f"{tier}_creators"): st.integers(0, 60) for tier in ("nano", "micro", "macro")},
    ("brand", "creator_posts_per_month"): st.floats(0, 30),
}
# ... and smaller still for brief runs (a few weeks), where many scenarios are drawn.
BRIEF = {
    ("population", "members"): st.integers(50, 300),
    ("population", "market_history_days"): st.integers(0, 10),
    ("population", "mean_degree"): st.floats(2, 30),
}
# Filled from the other draws (cross-field rules) or not model quantities.
SKIPPED = {"name", "market_size", "initial_awareness", "market_share", "preset"}


def _limits(field: Any) -> tuple[float | None, float | None, bool, bool]:
    lo = hi = None
    lo_open = hi_open = False
    for meta in field.metadata:
        if getattr(meta, "ge", None) is not None:
            lo = meta.ge
        if getattr(meta, "gt", None) is not None:
            lo, lo_open = meta.gt, True
        if getattr(meta, "le", None) is not None:
            hi = meta.le
        if getattr(meta, "lt", None) is not None:
            hi, hi_open = meta.lt, True
    return lo, hi, lo_open, hi_open


def _number(field: Any) -> st.SearchStrategy:
    lo, hi, lo_open, hi_open = _limits(field)
    if field.annotation is int:
        lo = int(lo) + int(lo_open) if lo is not None else 0
        hi = int(hi) - int(hi_open) if hi is not None else 10**9
        # Small values are where most behaviour changes: draw them as often as big ones.
        return st.one_of(st.integers(lo, min(hi, lo + 400)), st.integers(lo, hi))
    lo = -1e9 if lo is None else lo
    hi = 1e9 if hi is None else hi
    whole = st.floats(lo, hi, exclude_min=lo_open, exclude_max=hi_open, allow_nan=False)
    if hi - lo <= 10:
        return whole
    near = st.floats(lo, lo + 10, exclude_min=lo_open, allow_nan=False)
    return st.one_of(near, whole)


def _field(model: type[BaseModel], name: str) -> st.SearchStrategy | None:
    field = model.model_fields[name]
    annotation = field.annotation
    if annotation is bool:
        return st.booleans()
    if typing.get_origin(annotation) is typing.Literal:
        return st.sampled_from(typing.get_args(annotation))
    if annotation in (int, float):
        return _number(field)
    return None  # structured values (tuples) are drawn by their own strategies below


def _table(model: type[BaseModel], table: str, bounded: dict = BOUNDED) -> st.SearchStrategy:
    fields = {}
    for name in model.model_fields:
        if name in SKIPPED:
            continue
        strategy = bounded.get((table, name))
        if strategy is None:  # a strategy's truth value is a Hypothesis warning
            strategy = _field(model, name)
        if strategy is not None:
            fields[name] = strategy
    return st.fixed_dictionaries({}, optional=fields)


@st.composite
def brands(draw: st.DrawFn, name: str, share_room: float) -> dict[str, Any]:
    brand = draw(_table(Brand, "brand"))
    share = draw(st.floats(1e-4, share_room * 0.95))
    awareness = draw(st.floats(share, 1.0))
    return {**brand, "name": name, "market_share": share, "initial_awareness": awareness}


@st.composite
def scenarios(draw: st.DrawFn, brief: bool = False) -> dict[str, Any]:
    """A valid scenario with every parameter anywhere in its documented range (``brief``:
    at the smaller sizes of :data:`BRIEF`)."""
    bounded = BRIEF if brief else BOUNDED
    population = draw(_table(Population, "population", bounded))
    members = population.setdefault("members", draw(bounded[("population", "members")]))
    population["market_size"] = draw(st.one_of(st.just(members), st.integers(members, 10**9)))
    platform = draw(_table(Platform, "platform"))
    platform["preset"] = draw(st.sampled_from(PRESET_NAMES))
    if draw(st.booleans()):
        low = draw(st.floats(0.01, 1.0))
        platform["rank_limits"] = (low, draw(st.floats(1.0, 100.0)))
    rivals = draw(st.integers(0, 2))
    focal = draw(brands("focal", 1.0 / (rivals + 1)))
    competitors = [draw(brands(f"rival{i}", 1.0 / (rivals + 1))) for i in range(rivals)]
    for brand in (focal, *competitors):
        followers = brand.get("initial_followers", 0)
        brand["initial_followers"] = min(followers, population["market_size"])
    return {
        "population": population,
        "platform": platform,
        "brand": focal,
        "competitors": competitors,
        "behavior": draw(_table(Behavior, "behavior")),
    }
