"""The files ``commsim infer`` writes beside the posterior: the assumptions before and after
(``assumptions.csv``), the predictive checks (``predictive.csv``), every simulation of the
bank (``simulations.csv``) and ``inference.md``, which says it all in words."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from commsim.experiment.results.atomic import write_text
from commsim.inference.fit import InferredPosterior


def _number(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return "—" if not math.isfinite(value) else f"{value:.3g}"


def _share(value: float) -> str:
    return "—" if not math.isfinite(value) else f"{value:.0%}"


def _published(row: dict[str, Any]) -> str:
    low, high = row["published_low"], row["published_high"]
    if row["interval"] == "sign":
        return "> 0 (direction)" if low >= 0 else "< 0 (direction)"
    if row["interval"] == "point":
        return f"{_number(low)} (no interval)"
    return f"{_number(low)} to {_number(high)}"


def _markdown(frame: pd.DataFrame) -> list[str]:
    lines = ["| " + " | ".join(frame.columns) + " |", "|" + "---|" * len(frame.columns)]
    lines += ["| " + " | ".join(map(str, row)) + " |" for row in frame.itertuples(index=False)]
    return lines


def write_tables(
    folder: Path,
    posterior: InferredPosterior,
    summary: Sequence[dict[str, Any]],
    predictive: Sequence[dict[str, Any]],
    bank: Sequence[dict[str, Any]],
) -> list[Path]:
    """The CSV tables and ``inference.md`` in ``folder``; returns the paths written."""
    paths = posterior.write(folder / "posterior")
    frames = {"assumptions": pd.DataFrame(summary), "predictive": pd.DataFrame(predictive)}
    if bank:
        frames["simulations"] = pd.DataFrame(bank)
    for name, frame in frames.items():
        paths.append(write_text(folder / f"{name}.csv", frame.to_csv(index=False)))
    paths.append(write_text(folder / "inference.md", report(posterior, summary, predictive)))
    return paths


def report(
    posterior: InferredPosterior,
    summary: Sequence[dict[str, Any]],
    predictive: Sequence[dict[str, Any]],
) -> str:
    p = posterior.provenance
    epsilons = ", ".join(
        "∞ (the prior)" if e is None else _number(e) for e in p.get("epsilons", [])
    )
    lines = [
        "# The assumptions inferred from the published evidence",
        "",
        f"{p.get('library', '')}, {p.get('simulations', 0):,} simulations of "
        f"{p.get('members', 0):,} members in {p.get('generations', 0)} generations of "
        f"{p.get('population', 0)} particles; seed {p.get('seed')}; commsim "
        f"{p.get('commsim_version')}; `{p.get('command', '')}`.",
        "",
        f"Tolerance by generation (0: every fitted study inside its interval): {epsilons}.",
        "",
        "## Assumptions: prior and posterior (90% intervals)",
        "",
    ]
    rows = [
        {
            "assumption": r["assumption"],
            "default": _number(r["default"]),
            "prior": f"{_number(r['prior_low'])} to {_number(r['prior_high'])}",
            "posterior mean": _number(r["posterior_mean"]),
            "posterior 90%": f"{_number(r['posterior_low'])} to {_number(r['posterior_high'])}",
            "narrowed": _share(r["narrowed"]),
        }
        for r in summary
    ]
    lines += _markdown(pd.DataFrame(rows))
    lines += [
        "",
        '"narrowed": the share of the prior\'s 90% width the evidence removed (0%: nothing '
        "learnt; negative: the posterior's interval is wider than the prior's, noise).",
        "",
        "## Predictive checks: how often worlds land inside each published interval",
        "",
    ]
    checks = [
        {
            "study": r["study"],
            "measure": r["measure"],
            "published": _published(r),
            "fitted": "yes" if r["fitted"] else "held out",
            "prior inside": _share(r["prior_inside"]),
            "posterior inside": _share(r["posterior_inside"]),
            "prior median": _number(r["prior_median"]),
            "posterior median": _number(r["posterior_median"]),
        }
        for r in predictive
    ]
    lines += _markdown(pd.DataFrame(checks)) if checks else ["(no predictive checks run)"]
    lines += [
        "",
        'One replicate per world at the bank\'s size: "inside" counts simulation noise as well '
        "as the assumptions. A point published without an interval has nothing to land "
        "inside (—): compare its medians.",
        "",
    ]
    return "\n".join(lines)
