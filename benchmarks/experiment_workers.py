"""Speed-up of ``commsim run`` with 2 worker processes against 1, on an experiment of many runs.

    python -m benchmarks.experiment_workers [--replicates 8] [--repeats 3] [--out FILE.json]

Runs ``experiments/strategy_2x2.toml`` (4 arms, 3 years, 10,000 members) with ``--workers 1``
and ``--workers 2`` in turn, timing the whole command. The two alternate so that both see the
same machine load, and each keeps its fastest repeat (the least disturbed by other work). The
load average is printed with the figures: a speed-up needs two otherwise idle cores.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXPERIMENT = Path(__file__).resolve().parents[1] / "experiments" / "strategy_2x2.toml"


def time_run(workers: int, replicates: int, folder: Path) -> float:
    """Wall seconds of one ``commsim run`` (start-up, runs, tables and comparison)."""
    command = [
        sys.executable,
        "-m",
        "commsim",
        "run",
        str(EXPERIMENT),
        "--replicates",
        str(replicates),
        "--workers",
        str(workers),
        "--no-charts",
        "--out",
        str(folder),
    ]
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=8)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None, help="write the figures as JSON")
    options = parser.parse_args()
    walls: dict[int, list[float]] = {1: [], 2: []}
    loads = []
    with tempfile.TemporaryDirectory() as scratch:
        for repeat in range(options.repeats):
            for workers in (1, 2):
                folder = Path(scratch) / f"w{workers}-{repeat}"
                walls[workers].append(time_run(workers, options.replicates, folder))
                loads.append(os.getloadavg()[0])
                print(f"repeat {repeat + 1}, {workers} worker(s): {walls[workers][-1]:.1f} s")
    best = {w: min(times) for w, times in walls.items()}
    figures = {
        "experiment": EXPERIMENT.name,
        "runs": 4 * options.replicates,
        "cpus": os.cpu_count(),
        "seconds_1_worker": round(best[1], 2),
        "seconds_2_workers": round(best[2], 2),
        "speedup": round(best[1] / best[2], 2),
        "load_average_1min": [round(x, 2) for x in loads],
        "all_seconds": {str(w): [round(t, 2) for t in times] for w, times in walls.items()},
    }
    print(
        f"{figures['runs']} runs: 1 worker {best[1]:.1f} s, 2 workers {best[2]:.1f} s, "
        f"speed-up {figures['speedup']:.2f}x (load average during: {loads})"
    )
    if options.out:
        options.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
