"""``python -m benchmarks.studies``: the runs studies are made of, against version 0.3.1.

Studies (the claims audit, sweeps, screening, a simulation bank) are thousands of small runs,
each with its 730-day market history. This times, side by side in one invocation:

- one run of 1,000, 3,000 and 10,000 members over 1,095 days with its default history, by
  this checkout and by 0.3.1 (its source taken from git with ``git archive``), each in a
  fresh interpreter on one core, the two versions alternating so that both see the same load;
- one replicate of a study's arms (four strategies on one seed) run one by one, and by
  :func:`commsim.simulate_arms`, which lives their shared market history once.

Writes ``benchmarks/studies.json`` (``--out``); docs/performance.md quotes it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path
from typing import Any

REFERENCE_COMMIT = "d26603a"  # "Re-measured on 0.3.1 ... version 0.3.1"
SIZES = (1_000, 3_000, 10_000)
DAYS = 1_095
DEFAULT_OUT = Path(__file__).with_name("studies.json")
ROOT = Path(__file__).resolve().parents[1]

# One timed run in a fresh interpreter: model construction (with its history) + the days.
TIMED_RUN = """
import json, sys, time
from commsim.model import CommunityModel
members, days = int(sys.argv[1]), int(sys.argv[2])
start = time.perf_counter()
model = CommunityModel({"population": {"members": members}}, seed=0)
built = time.perf_counter()
for _ in range(days):
    model.step()
done = time.perf_counter()
print(json.dumps({"history_s": built - start, "days_s": done - built, "total_s": done - start}))
"""

# Four arms of one replicate (the claims' kind of design): one by one, then sharing.
ARMS = {
    "brand, push": {"brand": {"community": "brand", "value_share": 0.2}},
    "brand, value": {"brand": {"community": "brand", "value_share": 0.8}},
    "topic, push": {"brand": {"community": "topic", "value_share": 0.2}},
    "topic, value": {"brand": {"community": "topic", "value_share": 0.8}},
}
TIMED_ARMS = """
import json, sys, time
import commsim
arms = json.loads(sys.argv[1])
members, days = int(sys.argv[2]), int(sys.argv[3])
arms = {name: {**arm, "population": {"members": members}} for name, arm in arms.items()}
start = time.perf_counter()
for arm in arms.values():
    commsim.simulate(arm, steps=days, seed=0, histories=None)  # each lives its own
alone = time.perf_counter()
commsim.simulate_arms(arms, steps=days, seed=0)
shared = time.perf_counter()
print(json.dumps({"one_by_one_s": alone - start, "shared_s": shared - alone}))
"""


# Where a small run's day goes: stage times and the Python calls a day makes.
PROFILED_RUN = """
import cProfile, json, pstats, sys, time
from commsim.model import CommunityModel
from commsim.model.timing import STAGES
members, days = int(sys.argv[1]), int(sys.argv[2])
start = time.perf_counter()
model = CommunityModel({"population": {"members": members}}, seed=0)
history_s = time.perf_counter() - start
model.stage_seconds = {}
start = time.perf_counter()
for _ in range(days):
    model.step()
days_s = time.perf_counter() - start
profiler = cProfile.Profile()
profiler.enable()
for _ in range(100):
    model.step()
profiler.disable()
calls = pstats.Stats(profiler).total_calls / 100
stages = {name: 1000 * model.stage_seconds.get(name, 0.0) / days for name in STAGES}
print(json.dumps({"history_s": history_s, "ms_per_day": 1000 * days_s / days,
                  "stage_ms_per_day": stages, "python_calls_per_day": calls}))
"""


def reference_source(folder: Path, commit: str = REFERENCE_COMMIT) -> Path:
    """Extract the reference version's ``src`` from git into ``folder``; its path."""
    archive = subprocess.run(
        ["git", "--no-optional-locks", "archive", commit, "src"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder / "src"


def timed(script: str, args: list[str], source: Path) -> dict[str, float]:
    """Run ``script`` in a fresh interpreter that imports commsim from ``source``."""
    env = {**os.environ, "PYTHONPATH": str(source), "OMP_NUM_THREADS": "1"}
    out = subprocess.run(
        [sys.executable, "-c", script, *args], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(sizes: tuple[int, ...], days: int, repeats: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        old = reference_source(Path(folder))
        new = ROOT / "src"
        runs = []
        for members in sizes:
            best: dict[str, dict[str, float]] = {}
            for _ in range(repeats):  # alternate; keep each version's fastest
                for label, source in (("0.3.1", old), ("this", new)):
                    result = timed(TIMED_RUN, [str(members), str(days)], source)
                    if label not in best or result["total_s"] < best[label]["total_s"]:
                        best[label] = result
            runs.append(
                {
                    "members": members,
                    "days": days,
                    "v031": best["0.3.1"],
                    "this": best["this"],
                    "speedup": best["0.3.1"]["total_s"] / best["this"]["total_s"],
                }
            )
            print(
                f"{members:>7,} members x {days} days + history: 0.3.1 "
                f"{best['0.3.1']['total_s']:.2f} s, this {best['this']['total_s']:.2f} s "
                f"({runs[-1]['speedup']:.2f}x)",
                flush=True,
            )
        profile = timed(PROFILED_RUN, ["3000", str(days)], new)
        print(
            f"a 3,000-member day: {profile['ms_per_day']:.2f} ms, "
            f"{profile['python_calls_per_day']:,.0f} Python calls"
        )
        arms = timed(TIMED_ARMS, [json.dumps(ARMS), "3000", str(days)], new)
        arms["speedup"] = arms["one_by_one_s"] / arms["shared_s"]
        print(
            f"4 arms x 3,000 members, one replicate: one by one {arms['one_by_one_s']:.2f} s, "
            f"sharing the history {arms['shared_s']:.2f} s ({arms['speedup']:.2f}x)"
        )
    return {
        "reference_commit": REFERENCE_COMMIT,
        "single_runs": runs,
        "day_profile_3000": profile,
        "arms_of_a_replicate": arms,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.studies", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="3,000 members, one repeat")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    sizes, repeats = ((3_000,), 1) if args.quick else (SIZES, 2)
    start = time.perf_counter()
    results = measure(sizes, DAYS, repeats)
    results["wall_s"] = time.perf_counter() - start
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
