"""``commsim infer``: infer the assumptions that matter from the published evidence
(ABC-SMC over a bank of simulated studies) and check the posterior (docs/validation.md 8)."""

from __future__ import annotations

import functools
import sys
import time
from concurrent.futures import Executor
from datetime import datetime
from pathlib import Path
from typing import Annotated

import numpy as np
import typer

from commsim.cli.console import EXIT_BAD_INPUT, bad_input, errors, print_plain, screen
from commsim.cli.options import ExecutorOption, SchedulerOption, WorkersOption
from commsim.config import ConfigError, make_scenario, parse_override
from commsim.experiment.execution.distributed import dask_executor
from commsim.experiment.execution.executors import local_executor, resolve_workers
from commsim.experiment.execution.runner import DEFAULT_EXECUTOR, executor_name
from commsim.inference.inference_spec import PREDICTIVE_WORLDS, InferenceSpec  # no pyabc

FULL, QUICK = InferenceSpec(), InferenceSpec.quick()
FEW_PARTICLES = 20  # an effective sample below this narrows the prior by noise alone


def infer(
    quick: Annotated[
        bool,
        typer.Option(
            "--quick",
            help=f"{QUICK.members:,} members, {QUICK.population} particles, at most "
            f"{QUICK.max_simulations} simulations (minutes; for trying the command) \\[default: "
            f"{FULL.members:,}, {FULL.population}, {FULL.max_simulations}].",
        ),
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Results folder \\[default: results/infer/TIME]."),
    ] = None,
    workers: WorkersOption = None,
    members: Annotated[
        int | None, typer.Option(min=300, help="Simulated members (overrides --quick).")
    ] = None,
    population: Annotated[
        int | None, typer.Option(min=2, help="Particles per generation (overrides --quick).")
    ] = None,
    generations: Annotated[
        int | None, typer.Option(min=1, help="Most generations (overrides --quick).")
    ] = None,
    max_simulations: Annotated[
        int | None, typer.Option(min=2, help="Budget of simulations (overrides --quick).")
    ] = None,
    checks: Annotated[
        int,
        typer.Option(
            min=0,
            help="Worlds drawn from the prior and from the posterior for the "
            "predictive checks (0: none).",
        ),
    ] = PREDICTIVE_WORLDS,
    seed: Annotated[int, typer.Option(min=0, help="Root seed of the inference.")] = FULL.seed,
    executor: ExecutorOption = DEFAULT_EXECUTOR,
    scheduler: SchedulerOption = None,
    settings: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            metavar="KEY=VALUE",
            help="A scenario setting under every simulated world (e.g. platform.preset="
            "instagram_2025); repeatable.",
        ),
    ] = None,
) -> None:
    """Infer the assumptions the screening found most influential from the published field
    evidence; write the posterior (OUT/posterior/), its checks and inference.md.

    Every simulation is kept in OUT/bank/ and every generation in OUT/abc.db: rerunning
    into the same folder continues where it stopped. To ship a new posterior, copy
    OUT/posterior/ over src/commsim/data/posterior/."""
    # pyabc (the [infer] extra) is imported when this verb runs: every other verb works, and
    # starts a second sooner, without it.
    try:
        from commsim.inference.fit import fit, summary_rows, targets_for
        from commsim.inference.inference_files import write_tables
        from commsim.inference.inferred import inferred_assumptions
        from commsim.inference.predictive import predictive, predictive_rows, prior_draws
        from commsim.inference.simulator import bank_table
    except ImportError:  # pragma: no cover (the tests install the extra)
        errors().print(
            "error: commsim infer needs pyabc: pip install 'commsim[infer]'", highlight=False
        )
        raise typer.Exit(EXIT_BAD_INPUT) from None
    base = QUICK if quick else FULL
    spec = InferenceSpec(
        members=members or base.members,
        population=population or base.population,
        generations=generations or base.generations,
        max_simulations=max_simulations or base.max_simulations,
        seed=seed,
    )
    folder = out or Path("results") / "infer" / datetime.now().strftime("%Y%m%d-%H%M%S")
    if folder.exists() and not folder.is_dir():
        errors().print(f"error: --out {folder} is a file, not a folder", highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT)
    try:
        overrides = tuple(parse_override(text) for text in settings or ())
        make_scenario(dict(overrides), where="--set")
        count = resolve_workers(workers)
        kind = executor_name(executor)
        pool: Executor | None = dask_executor(count, scheduler) if kind == "dask" else None
    except ConfigError as error:
        raise bad_input(error) from None
    assumptions = inferred_assumptions(spec.keys)
    console = screen()
    print_plain(
        console,
        f"Inferring {len(assumptions)} assumptions from {len(targets_for(spec.designs))} "
        f"published measures: at most {spec.max_simulations} simulations of "
        f"{spec.members:,} members on {count} worker(s) into {folder}",
    )
    command = " ".join(["commsim", *sys.argv[1:]]) if sys.argv else "commsim infer"
    start = time.perf_counter()
    if pool is None and count > 1:
        pool = local_executor(count)
    try:
        posterior = fit(spec, folder, executor=pool, command=command, settings=overrides)
        rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(0x5052,)))
        check = functools.partial(
            predictive, members=spec.members, seed=seed, executor=pool, settings=overrides
        )
        prior_sims = check(prior_draws(assumptions, checks, rng))
        posterior_sims = check(posterior.sample(checks, rng))
    except ValueError as error:  # another inference's folder
        errors().print(f"error: {error}", highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    finally:
        if pool is not None:
            pool.shutdown(wait=True)
    summary = summary_rows(posterior, assumptions)
    rows = predictive_rows(prior_sims, posterior_sims, targets_for(spec.designs))
    paths = write_tables(folder, posterior, summary, rows, bank_table(folder / "bank"))
    paths += _draw(summary, folder, posterior.provenance)
    narrowed = [r["assumption"] for r in summary if r["narrowed"] >= 0.25]
    ess = float(posterior.provenance["effective_sample_size"])
    print_plain(
        console,
        f"{posterior.provenance['simulations']} simulations, final tolerance "
        f"{posterior.provenance['epsilons'][-1]:.3g}; the evidence narrowed "
        f"{len(narrowed)} of {len(summary)} assumptions by a quarter or more"
        + (f" ({', '.join(narrowed)})" if narrowed else "")
        + f"; effective sample {ess:.0f} of {spec.population} particles",
    )
    if ess < FEW_PARTICLES:
        print_plain(
            console,
            f"Warning: an effective sample of {ess:.0f} is too few to read the narrowing as "
            "evidence (noise narrows too); a decision needs the full inference "
            "(docs/validation.md section 8).",
        )
    print_plain(
        console, f"Took {time.perf_counter() - start:.0f} s; wrote {', '.join(map(str, paths))}"
    )


def _draw(summary: list[dict], folder: Path, provenance: dict) -> list[Path]:
    from commsim.charts.files import save_charts
    from commsim.charts.posterior_chart import posterior_chart
    from commsim.charts.style import use_style

    source = (
        f"Source: commsim infer, {provenance['simulations']} simulations of "
        f"{provenance['members']:,} members, seed {provenance['seed']}; published figures: "
        "data/field_evidence.toml"
    )
    with use_style("deck"):
        return save_charts([posterior_chart(summary, source)], folder, "posterior")
