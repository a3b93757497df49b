"""Headline sentences of sweeps, sensitivity and scenario discovery, computed from their tables
(like :mod:`commsim.analysis.findings.experiment_findings`): a title never claims more than the
numbers show."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from commsim.analysis.display import arm_label, display, factor_label, format_value
from commsim.config.parameters import parameters


def parameter_unit(key: str) -> str:
    parameter = parameters().get(key)
    return str(parameter.unit) if parameter is not None else ""


def is_share(key: str) -> bool:
    return parameter_unit(key).startswith(("share", "probability"))


def setting_value_text(key: str, value: Any) -> str:
    if isinstance(value, str | bool):
        return str(value)
    if is_share(key):
        percent = float(value) * 100
        return f"{percent:.1f}%" if percent < 10 else f"{percent:.0f}%"
    return f"{float(value):.3g}"


def parameter_label(key: str) -> str:
    """``Organic reach (%)``: the parameter in words and its unit (unless the unit only
    repeats the name, as in ``Push fatigue``)."""
    label = factor_label(key)
    unit = "%" if is_share(key) else parameter_unit(key)
    text = label[:1].upper() + label[1:]
    return f"{text} ({unit})" if unit and unit not in label else text


def lever_name(lever: str) -> str:
    return arm_label(lever)


def heatmap_finding(
    cells: pd.DataFrame, outcome: str, x_label: str, y_label: str, x_bins: int, y_bins: int
) -> str:
    """Who wins most cells, by up to how much, and where the others win: the ends of the
    axes along which their cells sit away from the middle (strongest first)."""
    info = display(outcome)
    counts = cells["winner"].value_counts()
    top = str(counts.index[0])
    largest = format_value(float(cells.loc[cells["winner"] == top, "margin"].max()), info.kind)
    if len(counts) == 1:
        return f"{lever_name(top)} wins {info.label} in every cell, by up to {largest}"
    head = f"{lever_name(top)} wins {info.label} in {counts.iloc[0]} of {len(cells)} cells"
    head += f", by up to {largest}"
    others = cells[cells["winner"] != top]
    other = str(others["winner"].value_counts().index[0])
    positions = {
        x_label: (others["x"].mean() + 0.5) / x_bins - 0.5,  # -0.5 (low end) .. +0.5 (high)
        y_label: (others["y"].mean() + 0.5) / y_bins - 0.5,
    }
    places = []
    for axis, position in sorted(positions.items(), key=lambda item: -abs(item[1])):
        if abs(position) < 0.15:
            continue
        if axis == "horizon":
            places.append("long horizons" if position > 0 else "short horizons")
        else:
            places.append(f"{'high' if position > 0 else 'low'} {axis}")
    where = f"at {' and '.join(places)}" if places else "in scattered cells"
    return f"{head}; {other} wins {where}"


def dependence_finding(outcome: str, ranges: Mapping[str, float]) -> str:
    """Which uncertainty moves the outcome most (largest spread of bin means of any lever)."""
    info = display(outcome)
    label = info.label[:1].upper() + info.label[1:]
    if not ranges:
        return f"{label} across the sweep"
    key = max(ranges, key=lambda k: ranges[k])
    spread = format_value(ranges[key], info.kind)
    rest = sorted((k for k in ranges if k != key), key=lambda k: -ranges[k])
    tail = f"; then {factor_label(rest[0])} ({format_value(ranges[rest[0]], info.kind)})"
    return f"{label} moves most with {factor_label(key)}: by {spread} across its range" + (
        tail if rest else ""
    )


def robustness_finding(table: pd.DataFrame, outcome: str, tolerance: float) -> str:
    """The lever that is best most often, and how often it is near the best."""
    info = display(outcome)
    ranked = table.sort_values(["share_best", "share_near_best"], ascending=False)
    top = ranked.iloc[0]
    text = (
        f"{lever_name(str(top['lever']))} has the best {info.label} in "
        f"{top['share_best']:.0%} of scenarios and is within {tolerance:.0%} of the best "
        f"in {top['share_near_best']:.0%}"
    )
    return text


def sensitivity_finding(indices: pd.DataFrame, method: str, outcome: str) -> str:
    """The most influential parameter and its index. When its interval reaches 0 the sample
    cannot tell; when it overlaps the next one's, both lead together."""
    key = "ST" if method == "sobol" else "mu_star"
    name = "total-order index" if method == "sobol" else "mu*"
    table = indices[indices["index"] == key].sort_values("value", ascending=False)
    top = table.iloc[0]
    label = factor_label(str(top["parameter"]))
    label = label[:1].upper() + label[1:]

    def number(value: float) -> str:
        return f"{value:.2f}" if method == "sobol" else f"{value:.3g}"

    if top["includes_zero"]:
        return (
            f"{label} ranks first for {outcome} ({name} {number(top['value'])}), but its 95% "
            "interval reaches 0: too few samples to tell"
        )
    if len(table) > 1:
        second = table.iloc[1]
        other = factor_label(str(second["parameter"]))
        pair = f"{number(top['value'])} and {number(second['value'])}"
        if second["high"] >= top["low"]:
            return f"{label} and {other} drive {outcome} most ({name}: {pair}, intervals overlap)"
        return f"{label} drives {outcome} most: {name} {pair.replace(' and ', ', next ')}"
    return f"{label} drives {outcome}: {name} {number(top['value'])}"


def discovery_finding(
    question: str, rule: str, density: float, coverage: float, base: float | None = None
) -> str:
    """What the reported box says; without restrictions, that no condition stands out."""
    if not rule:
        overall = f" (it holds in {base:.0%} of scenarios)" if base is not None else ""
        return f"No condition on the uncertainties clearly decides whether {question}{overall}"
    share = "every scenario" if coverage >= 0.995 else f"{coverage:.0%} of the scenarios"
    head = f"{question[:1].upper()}{question[1:]}"
    return f"{head} in {density:.0%} of scenarios with {rule} ({share} where it does)"


def spread_by_key(curves: Mapping[str, pd.DataFrame]) -> dict[str, float]:
    """Largest (max - min) of bin means over levers, per uncertainty."""
    spreads = {}
    for key, curve in curves.items():
        if len(curve):
            per_lever = curve.groupby("lever")["mean"].agg(lambda m: m.max() - m.min())
            spreads[key] = float(np.nanmax(per_lever.to_numpy()))
    return spreads


def readable_rule(limits: Sequence[Any]) -> str:
    """A box's limits in words and units: ``organic reach >= 5.3% and push fatigue <= 0.2``."""
    return " and ".join(
        limit.rule(name=factor_label, value=lambda key, v: setting_value_text(key, v))
        for limit in limits
    )
