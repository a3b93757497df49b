"""Headline sentences of sweeps, sensitivity and scenario discovery, computed from their tables
(like :mod:`commsim.analysis.findings`): a title never claims more than the numbers show."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from commsim.analysis.display import arm_label, display, factor_label, format_value


def lever_name(lever: str) -> str:
    return arm_label(lever)


def heatmap_finding(
    cells: pd.DataFrame, outcome: str, x_label: str, y_label: str, x_bins: int, y_bins: int
) -> str:
    """Who wins most cells, by up to how much, and where the others win (low or high end of
    the axis along which their cells sit furthest from the middle)."""
    info = display(outcome)
    counts = cells["winner"].value_counts()
    top = str(counts.index[0])
    share = f"{counts.iloc[0]} of {len(cells)} cells"
    largest = format_value(float(cells.loc[cells["winner"] == top, "margin"].max()), info.kind)
    head = f"{lever_name(top)} wins {info.label} in {share}, by up to {largest}"
    if len(counts) == 1:
        return f"{lever_name(top)} wins {info.label} in every cell, by up to {largest}"
    others = cells[cells["winner"] != top]
    other = str(others["winner"].value_counts().index[0])
    x_pos = (others["x"].mean() + 0.5) / x_bins - 0.5  # -0.5 (low end) .. +0.5 (high end)
    y_pos = (others["y"].mean() + 0.5) / y_bins - 0.5
    axis, position = (x_label, x_pos) if abs(x_pos) >= abs(y_pos) else (y_label, y_pos)
    if abs(position) < 0.1:
        return f"{head}; {lever_name(other)} wins scattered cells"
    end = "high" if position > 0 else "low"
    if axis == "horizon":
        where = "at long horizons" if end == "high" else "at short horizons"
    else:
        where = f"at {end} {axis}"
    return f"{head}; {lever_name(other)} wins {where}"


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
    """The most influential parameter and its index; when its interval overlaps the next
    one's, both are named as leading together (the ranking is not clear)."""
    key = "ST" if method == "sobol" else "mu_star"
    name = "total-order index" if method == "sobol" else "mu*"
    table = indices[indices["index"] == key].sort_values("value", ascending=False)
    top = table.iloc[0]
    label = factor_label(str(top["parameter"]))
    label = label[:1].upper() + label[1:]
    value = f"{top['value']:.2f}" if method == "sobol" else f"{top['value']:.3g}"
    if len(table) > 1:
        second = table.iloc[1]
        other = factor_label(str(second["parameter"]))
        if second["high"] >= top["low"]:
            return (
                f"{label} and {other} drive {outcome} most, their {name}es overlapping "
                f"at 95% ({value} and {second['value']:.3g})"
            )
        return (
            f"{label} drives {outcome} most: {name} {value}, next {other} ({second['value']:.3g})"
        )
    return f"{label} drives {outcome}: {name} {value}"


def discovery_finding(
    question: str, rule: str, density: float, coverage: float, base: float | None = None
) -> str:
    """What the reported box says; without restrictions, that no condition stands out."""
    if not rule:
        overall = f" (holds in {base:.0%} of scenarios)" if base is not None else ""
        return f"No condition on the uncertainties clearly decides '{question}'{overall}"
    return (
        f"'{question}' holds in {density:.0%} of scenarios where {rule}, "
        f"which hold {coverage:.0%} of the scenarios where it holds"
    )


def spread_by_key(curves: Mapping[str, pd.DataFrame]) -> dict[str, float]:
    """Largest (max - min) of bin means over levers, per uncertainty."""
    spreads = {}
    for key, curve in curves.items():
        if len(curve):
            per_lever = curve.groupby("lever")["mean"].agg(lambda m: m.max() - m.min())
            spreads[key] = float(np.nanmax(per_lever.to_numpy()))
    return spreads


def list_levers(levers: Sequence[str]) -> str:
    return ", ".join(lever_name(lever) for lever in levers)
