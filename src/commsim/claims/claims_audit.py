"""The claims audit: which practitioners' claims hold, on which platform, carried by what, and
where they reverse, as one library call.

For the scenario under audit (the defaults, or an experiment file's ``[base]``) and each
platform preset, every claim of :mod:`commsim.claims.claims_catalogue` runs its arms as
asserted, in its reversing world and with each mechanism switched off (one paired experiment in
``OUT/comparisons``), then its first check over a sweep of the uncertain parameters
(``OUT/sweeps/<claim>.<platform>``), and with ``screening`` a Morris screening over every
numeric parameter (``OUT/screening/<claim>``). Every folder is resumable::

    audit = prepare_audit(None, out="results/claims", quick=True)   # checks, writes nothing
    result = audit.run()        # claims.csv, checks.csv, mechanisms.csv (screening.csv)
    result.claims               # one row per claim and platform: verdict, effect, interval
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from commsim.claims.claims_assumptions import (
    assumptions_info,
    audit_mode,
    audit_worlds,
    check_resumed_mode,
)
from commsim.claims.claims_catalogue import claim
from commsim.claims.claims_plan import (
    AuditPlan,
    audit_sizing,
    base_of,
    choose_claims,
    choose_platforms,
    first_arms,
    outcomes,
)
from commsim.claims.claims_plausibility import MONEY
from commsim.claims.claims_pool import Tally, shared_execution, stored_records
from commsim.claims.claims_tables import (
    claim_tables,
    outcome_column,
    screening_table,
    sweep_region,
)
from commsim.claims.claims_verdicts import Region
from commsim.config import ConfigError, make_scenario, parse_override
from commsim.config.parameters import parameter_entries
from commsim.experiment import Experiment
from commsim.experiment.execution.evaluators import RunFailed
from commsim.experiment.execution.executors import SECONDS_PER_MEMBER_DAY, SECONDS_PER_RUN
from commsim.experiment.execution.runner import Execution, OnProgress, RunRecord, run_stored
from commsim.experiment.execution.worlds import Worlds
from commsim.experiment.results.store import FolderRefused, ResultsStore, write_csv, write_text
from commsim.experiment.spec.experiment_spec import read_experiment_file
from commsim.studies.sensitivity_study import SensitivityStudy, prepare_sensitivity
from commsim.studies.sweep_study import SweepStudy, prepare_sweep

AUDIT_FILE = "audit.json"  # what was asked: claims, platforms, sizing, base
COMPARISONS, SWEEPS, SCREENING = "comparisons", "sweeps", "screening"
OUTCOMES_FILE = "outcomes.csv"  # in comparisons/: every run's outcomes on the days read
OUTCOME_COLUMNS = ["claim", "platform", "world", "arm", "replicate", "seed", "brand", "day"]
TABLES = ("claims", "checks", "mechanisms", "screening")  # <name>.csv in the audit folder


@dataclass
class AuditResult:
    """A finished audit: its tables, every run's record, and notes on what was left out."""

    path: Path
    plan: AuditPlan
    claims: pd.DataFrame
    checks: pd.DataFrame
    mechanisms: pd.DataFrame
    screening: pd.DataFrame | None
    records: list[RunRecord]
    wall_seconds: float
    workers: int
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[RunRecord]:
        return [record for record in self.records if record.status == "failed"]


@dataclass
class ClaimsAudit:
    """An audit ready to run: every experiment validated, every folder checked."""

    plan: AuditPlan
    out: Path
    execution: Execution
    comparisons: Experiment
    arms: dict[str, tuple[str, str, str, str]]  # arm -> claim, platform, world, claim arm
    sweeps: dict[tuple[str, str], SweepStudy]
    screenings: dict[str, SensitivityStudy]
    notes: list[str] = field(default_factory=list)
    worlds: Worlds | None = None  # each replicate's assumptions (claims_assumptions)

    @property
    def runs(self) -> int:
        """Runs the audit makes (stored ones included)."""
        sweeps = sum(study.plan.expanded.n_runs for study in self.sweeps.values())
        return self.comparisons.n_runs + sweeps + sum(s.runs for s in self.screenings.values())

    def run(self, on_progress: OnProgress | None = None) -> AuditResult:
        """Run every study (skipping stored runs), then write the audit's tables."""
        started = time.perf_counter()
        self.out.mkdir(parents=True, exist_ok=True)
        write_text(self.out / AUDIT_FILE, json.dumps(self.describe(), indent=2) + "\n")
        tally, records = Tally(self.runs, on_progress), []
        pool = self.execution.executor
        try:
            done = run_stored(
                self.comparisons,
                self.out / COMPARISONS,
                self.execution.with_progress(tally.report),
                self.outcome_table,
                worlds=self.worlds,
            )
            tally.add(done.records)
            records += done.records
            regions = {}
            for (claim_id, platform), study in self.sweeps.items():
                result = study.run(tally.report)
                tally.add(result.records)
                records += result.records
                one = claim(claim_id)
                regions[claim_id, platform] = sweep_region(result, one, self.plan.horizon(one))
            screening = self.run_screening(tally, records)
        except BaseException:
            if isinstance(pool, Executor):
                pool.shutdown(wait=False, cancel_futures=True)
            raise
        if isinstance(pool, Executor):
            pool.shutdown(wait=True)
        tables = self.write_tables(done.tables, regions, screening)
        return AuditResult(
            self.out,
            self.plan,
            tables["claims"],
            tables["checks"],
            tables["mechanisms"],
            screening,
            records,
            time.perf_counter() - started,
            getattr(pool, "workers", 1),
            self.notes,
        )

    def run_screening(self, tally: Tally, records: list[RunRecord]) -> pd.DataFrame | None:
        """The Morris screenings, one per claim; None when not asked for."""
        if not self.screenings:
            return None
        tables = []
        for claim_id, study in self.screenings.items():
            try:
                result = study.run(tally.report)
            except RunFailed as error:
                self.notes.append(f"{claim_id}: screening not analysed ({error})")
                continue
            finally:
                ran = stored_records(study.evaluator.out)
                tally.add(ran)
                records += ran
            one = claim(claim_id)
            platform = self.plan.screening_platform
            outcome = outcome_column(one.checks[0], self.plan.horizon(one))
            tables.append(screening_table(result.indices, one, platform, outcome))
        return pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()

    def outcome_table(self, runner: Any, records: list[RunRecord]) -> pd.DataFrame:
        """The long outcomes table (every finished run's outcomes on the days its claim reads
        them, every brand), written to ``comparisons/outcomes.csv``."""
        claims = {one.id: one for one in self.plan.claims}
        metrics = sorted({o.metric for one in self.plan.claims for o in outcomes(one)})
        frames = []
        for record in records:
            if record.status != "finished":
                continue
            run = record.run
            claim_id, platform, world, arm = self.arms[run.arm]
            days = self.plan.days(claims[claim_id])
            frame = _outcome_frame(runner.store.run_path(run), metrics)
            frame = frame[frame["step"].isin(days)].rename(columns={"step": "day"})
            long = frame.melt(id_vars=["day", "brand"], var_name="metric", value_name="value")
            frames.append(
                long.assign(
                    claim=claim_id,
                    platform=platform,
                    world=world,
                    arm=arm,
                    replicate=run.replicate,
                    seed=run.seed,
                )
            )
        table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
        if len(table):
            table = table[[*OUTCOME_COLUMNS, "metric", "value"]]
            write_csv(runner.store.path / OUTCOMES_FILE, table)
        return table

    def write_tables(
        self,
        outcome_rows: pd.DataFrame,
        regions: dict[tuple[str, str], Region],
        screening: pd.DataFrame | None,
    ) -> dict[str, pd.DataFrame]:
        """``claims.csv``, ``checks.csv``, ``mechanisms.csv`` (and ``screening.csv``)."""
        focal = {p: self.plan.scenario(p).brand.name for p in self.plan.platforms}
        if len(outcome_rows) == 0:
            outcome_rows = pd.DataFrame(columns=[*OUTCOME_COLUMNS, "metric", "value"])
        tables = claim_tables(outcome_rows, self.plan, focal, regions)
        if screening is not None:
            tables["screening"] = screening
        for name, table in tables.items():
            write_csv(self.out / f"{name}.csv", table)
        return tables

    def describe(self) -> dict[str, Any]:
        """What the audit was asked (``audit.json``; the report's source line reads it)."""
        plan = self.plan
        return {
            "kind": "claims audit",
            "name": plan.name,
            "experiment": plan.where,
            "claims": [one.id for one in plan.claims],
            "platforms": plan.platforms,
            "screening_platform": plan.screening_platform if self.screenings else None,
            "sizing": asdict(plan.sizing),
            "horizons": {one.id: plan.horizon(one) for one in plan.claims},
            "base": {key: str(value) for key, value in plan.base.items()},
            "uncertainties": {key: str(value) for key, value in plan.uncertainties.items()},
            "assumptions": assumptions_info(self.worlds) if self.worlds else {"mode": "fixed"},
            "runs": self.runs,
            "notes": self.notes,
        }


def _outcome_frame(path: Path, metrics: Sequence[str]) -> pd.DataFrame:
    """A run's daily outcomes: its claim's metrics and the money (claims_plausibility)."""
    read = list(dict.fromkeys(["step", "brand", *metrics, "cum_revenue", "cum_profit", "cost"]))
    frame = pd.read_parquet(path, columns=read)
    frame["cum_cost"] = frame.groupby("brand", sort=False)["cost"].cumsum()
    return frame[list(dict.fromkeys(["step", "brand", *metrics, *MONEY]))]


def prepare_audit(
    experiment: Experiment | None,
    *,
    out: str | Path,
    platforms: Sequence[str] | None = None,
    claims: Sequence[str] | None = None,
    replicates: int | None = None,
    seed: int | None = None,
    quick: bool = False,
    screening: bool = False,
    steps: int | None = None,
    settings: Sequence[str] = (),
    execution: Execution | None = None,
    sweep_points: int | None = None,
    trajectories: int | None = None,
    assumptions: str | None = None,
) -> ClaimsAudit:
    """Check everything and build every experiment of the audit; nothing is written or run.

    ``experiment``: a file whose ``[base]`` is the scenario under audit (its arms are not
    used) and whose ``[uncertainties]``, when it has some, are the sweep's; None audits the
    defaults. ``platforms``: preset names (default facebook_2012, facebook_2025,
    instagram_2025); ``claims``: ids (default all); ``replicates``: paired runs per arm
    (default 10; 2 with ``quick``); ``steps``: caps every claim's horizon; ``sweep_points``:
    the points of each claim's sweep (default 32; 6 with ``quick``); ``trajectories``: the
    Morris trajectories of each claim's screening (default 10; 2 with ``quick``); ``settings``:
    ``KEY=VALUE`` overrides of the scenario under audit; ``assumptions``: ``fixed``, ``prior``
    or ``posterior`` (default: the file's, else fixed; commsim.claims.claims_assumptions). Raises
    :class:`commsim.ConfigError` naming the parameter or file key at fault.
    """
    execution = execution or Execution()
    chosen = choose_claims(claims)
    if seed is None and experiment is not None:
        seed = experiment.seed
    sizing = audit_sizing(quick, replicates, seed, steps, chosen)
    for option, value in (("sweep_points", sweep_points), ("trajectories", trajectories)):
        if value is not None:
            if value < 2:
                raise ConfigError(f"must be at least 2 (got {value})", parameter=option)
            sizing = replace(sizing, **{option: value})
    where = experiment.where if experiment is not None else ""
    uncertain: dict[str, Any] = {}
    if experiment is not None and experiment.uncertainties:
        uncertain = parameter_entries(
            experiment.uncertainties, where=where, section="uncertainties"
        )
    name = experiment.name if experiment is not None else "claims"
    base = {**base_of(experiment), **_overrides(settings)}
    mode, chosen_platforms = audit_mode(assumptions, experiment), choose_platforms(platforms)
    plan = AuditPlan(base, chosen, chosen_platforms, sizing, uncertain, where, name, mode)
    out = Path(out)
    _check_folder(out, execution, mode)
    comparisons, arms, execution = _comparisons(plan, out, execution)
    worlds = audit_worlds(plan, comparisons, arms)
    sweeps, notes = _sweeps(plan, out, execution)
    screenings = _screenings(plan, out, execution) if screening else {}
    return ClaimsAudit(plan, out, execution, comparisons, arms, sweeps, screenings, notes, worlds)


def _comparisons(
    plan: AuditPlan, out: Path, execution: Execution
) -> tuple[Experiment, dict[str, tuple[str, str, str, str]], Execution]:
    """The paired comparisons, and one execution sized to them that every study then shares."""
    comparisons, arms = plan.comparisons()
    members = plan.scenario(plan.platforms[0]).population.members
    seconds = comparisons.n_runs * (SECONDS_PER_RUN + SECONDS_PER_MEMBER_DAY * members * plan.steps)
    execution = shared_execution(execution, seconds)
    ResultsStore(out / COMPARISONS).check(
        comparisons, resume=execution.resume, force=execution.force
    )
    return comparisons, arms, execution


def _sweeps(
    plan: AuditPlan, out: Path, execution: Execution
) -> tuple[dict[tuple[str, str], SweepStudy], list[str]]:
    """One sweep per claim and platform, noting the uncertainties the claim's arms fix."""
    sweeps, notes = {}, []
    for one in plan.claims:
        for platform in plan.platforms:
            experiment_of_sweep, dropped = plan.sweep(one, platform)
            if dropped and platform == plan.platforms[0]:
                notes.append(
                    f"{one.id}: the sweep leaves out {', '.join(dropped)} (the claim's arms set it)"
                )
            sweeps[one.id, platform] = prepare_sweep(
                experiment_of_sweep,
                out=out / SWEEPS / f"{one.id}.{platform}",
                design="lhs",
                points=plan.sizing.sweep_points,
                outcome=one.checks[0].outcome.column,
                strategies=first_arms(one),
                execution=execution,
            )
    return sweeps, notes


def _screenings(plan: AuditPlan, out: Path, execution: Execution) -> dict[str, SensitivityStudy]:
    """One Morris screening per claim: which numeric parameters move its first check most."""
    screenings = {}
    for one in plan.claims:
        favoured, versus = first_arms(one)
        screenings[one.id] = prepare_sensitivity(
            plan.screening(one),
            one.checks[0].outcome.column,
            out=out / SCREENING / one.id,
            lever=favoured,
            versus=versus,
            method="morris",
            base_size=plan.sizing.trajectories,
            execution=execution,
        )
    return screenings


def _overrides(settings: Sequence[str]) -> dict[str, Any]:
    """``KEY=VALUE`` overrides, checked against the default scenario."""
    try:
        pairs = dict(parse_override(text) for text in settings)
        make_scenario(pairs)
    except ConfigError as error:
        raise ConfigError(str(error), parameter="overrides") from None
    return pairs


def _check_folder(out: Path, execution: Execution, mode: str) -> None:
    """An audit folder must be new or empty, or (resume) hold an audit made with the same
    assumptions, or (force) be ours."""
    store = ResultsStore(out)
    store.check_free(force=execution.force, resume=execution.resume, marker=AUDIT_FILE)
    if execution.resume and not store.is_empty() and not (out / AUDIT_FILE).is_file():
        raise FolderRefused(
            out,
            "not a results folder",
            f"not a claims audit folder (no {AUDIT_FILE}); nothing to resume",
        )
    if execution.resume and not execution.force:
        check_resumed_mode(out / AUDIT_FILE, mode)


def load_audit_file(path: str | Path, overrides: Sequence[str] = ()) -> Experiment:
    """An experiment file as the audit reads it: its ``[base]`` (the brand and market under
    audit), ``[uncertainties]`` and seed; arms are optional (the claims bring their own)."""
    data, text = read_experiment_file(path)
    if not any(data.get(table) for table in ("arms", "factors", "levers", "uncertainties")):
        data["arms"] = {"audited": {}}
    return Experiment.from_table(data, overrides, where=str(path), text=text)
