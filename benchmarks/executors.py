"""Executors compared in one run: in-process, local process pool, Dask LocalCluster.

    python -m benchmarks.executors [--repeats 2] [--out FILE.json]

Two experiments, each run through the Python API with every executor in turn:
- *tiny*: 24 runs of ~50 ms (300 members, 60 days): the per-run overhead of an executor,
  (wall - in-process wall) / runs;
- *real*: 8 runs of 2,000 members over a year: throughput in runs per second.
Each configuration keeps its fastest repeat (the least disturbed by other work); the load
average is printed with the figures, since a speed-up needs idle cores.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

import commsim

EXPERIMENTS = {
    "tiny": (300, 60, 12),
    "real": (2000, 365, 4),
}
CONFIGURATIONS = [("local", 1), ("local", 2), ("dask", 1), ("dask", 2)]


def experiment_text(members: int, steps: int, replicates: int) -> str:
    return f"""
[experiment]
name = "executors"
steps = {steps}
replicates = {replicates}
seed = 1
checkpoints = [{steps}]
reference = "push"

[base]
population.members = {members}

[arms.push]
brand.value_share = 0.1

[arms.value]
brand.value_share = 0.9
"""


def time_run(text: str, executor: str, workers: int, folder: Path) -> float:
    folder.mkdir(parents=True)
    (folder / "executors.toml").write_text(text)
    experiment = commsim.load_experiment(folder / "executors.toml")
    start = time.perf_counter()
    commsim.run_experiment(experiment, out=folder / "out", workers=workers, executor=executor)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--out", type=Path, default=None, help="write the figures as JSON")
    options = parser.parse_args()
    figures: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for name, (members, steps, replicates) in EXPERIMENTS.items():
            text = experiment_text(members, steps, replicates)
            runs = 2 * replicates
            best: dict[str, float] = {}
            for repeat in range(options.repeats):
                for executor, workers in CONFIGURATIONS:
                    label = f"{executor}-{workers}"
                    folder = Path(scratch) / f"{name}-{label}-{repeat}"
                    wall = time_run(text, executor, workers, folder)
                    best[label] = min(best.get(label, wall), wall)
            serial = best["local-1"]
            figures[name] = {"runs": runs, "load_average": os.getloadavg()[0]}
            for label, wall in best.items():
                figures[name][f"{label}_seconds"] = round(wall, 2)
                figures[name][f"{label}_runs_per_second"] = round(runs / wall, 2)
                figures[name][f"{label}_overhead_per_run_ms"] = round(
                    1000 * (wall - serial) / runs, 1
                )
    print(f"{'experiment':<10} {'executor':<9} {'wall s':>7} {'runs/s':>7} {'overhead/run':>13}")
    for name, row in figures.items():
        for executor, workers in CONFIGURATIONS:
            label = f"{executor}-{workers}"
            print(
                f"{name:<10} {label:<9} {row[f'{label}_seconds']:>7.2f} "
                f"{row[f'{label}_runs_per_second']:>7.2f} "
                f"{row[f'{label}_overhead_per_run_ms']:>10.1f} ms"
            )
        print(f"{name:<10} load average {row['load_average']:.1f}")
    if options.out:
        options.out.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
