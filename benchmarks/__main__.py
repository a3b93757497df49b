"""``python -m benchmarks``: engine speed against the per-agent Mesa reference, and scaling.

Prints a table and writes the figures as JSON (``--out``). ``--quick`` skips 10^6 members
and shortens the runs (a few minutes); the full run takes about half an hour on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.engine import measure_engine, measure_in_subprocess, measure_reference
from commsim.model.timing import STAGES

HEADLINE_MEMBERS = 10_000
# The speeds compare stepping alone; a short market history before day 0 keeps the
# reference's setup (the history, stepped member by member) to seconds. Same for both.
HEADLINE_SCENARIO = {"population.market_history_days": 60}
DEFAULT_OUT = Path(__file__).with_name("results.json")


def headline(days: int, repeats: int = 3) -> dict[str, Any]:
    """Engine and reference at 10,000 members over the same days, seed and scenario.

    Engine and reference runs alternate so that both see the same machine load; each side
    keeps its fastest run (the least disturbed by other work).
    """
    engine, reference = [], []
    for _ in range(repeats):
        engine.append(measure_engine(HEADLINE_MEMBERS, days, scenario=HEADLINE_SCENARIO))
        if len(reference) < 2:
            reference.append(measure_reference(HEADLINE_MEMBERS, days, scenario=HEADLINE_SCENARIO))
    best_engine = max(run["member_steps_per_second"] for run in engine)
    best_reference = max(run["member_steps_per_second"] for run in reference)
    return {
        "members": HEADLINE_MEMBERS,
        "days": days,
        "engine_member_steps_per_second": best_engine,
        "reference_member_steps_per_second": best_reference,
        "speedup": best_engine / best_reference,
    }


def scaling(runs: list[dict[str, Any]]) -> dict[str, float]:
    """Fitted exponents k of seconds per day ~ size^k over the measured sizes.

    Over the whole run, and over its first and last days (a young and a mature world).
    """
    fits = {}
    for label, key in (
        ("", "seconds_per_day"),
        ("_first_days", "first_days_seconds_per_day"),
        ("_last_days", "last_days_seconds_per_day"),
    ):
        per_day = np.log([run[key] for run in runs])
        for size in ("members", "ties"):
            x = np.log([run[size] for run in runs])
            slope = float(np.polyfit(x, per_day, 1)[0]) if len(runs) > 1 else 0.0
            fits[f"exponent_{size}{label}"] = slope
    return fits


def print_table(results: dict[str, Any]) -> None:
    head = results["headline"]
    print(
        f"\nEngine vs per-agent Mesa reference, {head['members']:,} members, "
        f"{head['days']} days (same run)"
    )
    print(f"  engine     {head['engine_member_steps_per_second']:>14,.0f} member-steps/s")
    print(f"  reference  {head['reference_member_steps_per_second']:>14,.0f} member-steps/s")
    print(f"  speedup    {head['speedup']:>14,.1f} x")
    print("\nEngine, default scenario")
    header = (
        f"{'members':>10} {'ties':>11} {'days':>5} {'network s':>9} {'run s':>8} "
        f"{'ms/day':>8} {'Msteps/s':>8} {'matvec ms':>9} {'day/matvec':>10} {'peak MiB':>8}"
    )
    print(header)
    for run in results["engine"]:
        print(
            f"{run['members']:>10,} {run['ties']:>11,} {run['days']:>5} "
            f"{run['network_seconds']:>9.1f} {run['run_seconds']:>8.1f} "
            f"{run['seconds_per_day'] * 1e3:>8.2f} {run['member_steps_per_second'] / 1e6:>8.2f} "
            f"{run['matvec_seconds'] * 1e3:>9.2f} {run['day_in_matvecs']:>10.2f} "
            f"{run['peak_memory_mib']:>8.0f}"
        )
    print("\nYoung and mature world (first and last 100 days)")
    print(
        f"{'members':>10} {'first ms/day':>12} {'last ms/day':>12} {'last/matvec':>11} "
        f"{'community':>10} {'active':>9} {'reached/day':>11} {'us/reached':>10}"
    )
    for run in results["engine"]:
        print(
            f"{run['members']:>10,} {run['first_days_seconds_per_day'] * 1e3:>12.2f} "
            f"{run['last_days_seconds_per_day'] * 1e3:>12.2f} "
            f"{run['last_days_in_matvecs']:>11.2f} {run['final_community_members']:>10,} "
            f"{run['final_active_members']:>9,} {run['last_days_reached_per_day']:>11,.0f} "
            f"{run['last_days_microseconds_per_reached']:>10.2f}"
        )
    print("\nStages of a day (ms per day, mean over the run)")
    print(f"{'members':>10} " + " ".join(f"{s:>9}" for s in STAGES))
    for run in results["engine"]:
        stages = run["stage_seconds_per_day"]
        print(f"{run['members']:>10,} " + " ".join(f"{stages[s] * 1e3:>9.2f}" for s in STAGES))
    print("\nStages of a mature day (ms per day, last 100 days)")
    print(f"{'members':>10} " + " ".join(f"{s:>9}" for s in STAGES))
    for run in results["engine"]:
        stages = run["last_days_stage_seconds_per_day"]
        print(f"{run['members']:>10,} " + " ".join(f"{stages[s] * 1e3:>9.2f}" for s in STAGES))
    fit = results["scaling"]
    print(
        f"\nScaling, seconds per day ~ members^k: k = {fit['exponent_members']:.2f} over the "
        f"run, {fit['exponent_members_first_days']:.2f} young world, "
        f"{fit['exponent_members_last_days']:.2f} mature world "
        f"(ties: {fit['exponent_ties']:.2f})"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="skip 10^6 members, shorter runs")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON file to write")
    args = parser.parse_args(argv)
    sizes = (10_000, 100_000) if args.quick else (10_000, 100_000, 1_000_000)
    days = 365 if args.quick else 1095
    reference_days = 10 if args.quick else 60
    started = time.perf_counter()
    results: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "processor": platform.processor(),
            "machine": platform.machine(),
        },
        "quick": args.quick,
        "headline": headline(reference_days),
        "engine": [measure_in_subprocess("engine", size, days) for size in sizes],
    }
    results["scaling"] = scaling(results["engine"])
    results["benchmark_seconds"] = time.perf_counter() - started
    print_table(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
