"""What ``run`` and ``validate`` print: an experiment's design, and its results at the
horizon: what each arm adds against doing nothing (incremental profit, payback) with 95%
intervals, then who ends ahead of the reference arm and when."""

from __future__ import annotations

import pandas as pd
from rich.console import Console
from rich.table import Table

from commsim.analysis import plausibility
from commsim.analysis.budget_use import budget_use
from commsim.analysis.chances import chance_sentences, intervals_sentence
from commsim.analysis.display import display, format_interval, format_value
from commsim.cli.console import user_text
from commsim.config import flatten
from commsim.config.assumption_draws import load_posterior
from commsim.experiment import Experiment
from commsim.experiment.profile.brand_profile import PILOT_DAYS, PILOT_ROUNDS
from commsim.experiment.profile.follower_trend import TOPS as TREND_TOPS
from commsim.experiment.profile.follower_trend import TREND_PILOTS
from commsim.studies import ExperimentResult

# Metrics of the closing table (at the horizon), with the difference to the reference arm
# shown for the first.
TABLE_METRICS = ("incremental_profit", "incremental_roi", "community_members", "awareness")
# Below this many simulated members a page's feed ranking learns from a handful of readers a
# week, and communities grow slower than the market's (docs/model.md 7.10).
FAITHFUL_MEMBERS = 2000


def small_sample_note(experiment: Experiment) -> str | None:
    """A warning when an arm simulates fewer members than levels need; None otherwise."""
    smallest = min(arm.scenario.population.members for arm in experiment.resolved_arms)
    if smallest >= FAITHFUL_MEMBERS:
        return None
    return (
        f"{smallest:,} simulated members: below {FAITHFUL_MEMBERS:,} communities grow slower "
        "than the market's (the feed ranks a page on a handful of readers), so levels run "
        "low; comparisons between arms hold from 1,000 up (docs/model.md 7.10)"
    )


def arms_table(experiment: Experiment) -> Table:
    title = user_text(f"{experiment.name}: {arms_text(experiment)}")
    table = Table(title=title, title_justify="left")
    table.add_column("arm")
    table.add_column("overrides on the base scenario")
    for arm in experiment.resolved_arms:
        mark = " (reference)" if arm.name == experiment.reference else ""
        settings = ", ".join(f"{k}={v!r}" for k, v in arm.overrides.items()) or "(base only)"
        table.add_row(user_text(arm.name + mark), user_text(settings))
    return table


def arms_text(experiment: Experiment) -> str:
    """``2 arms + no programme``: what runs, the worlds without the programme included."""
    count = len(experiment.arm_names)
    text = f"{count} arm{'' if count == 1 else 's'}"
    extra = [arm.name for arm in experiment.counterfactual_arms]
    if extra:
        text += " + " + " + ".join(name.replace("_", " ") for name in extra)
    return text


ASSUMPTION_WORDS = {
    "fixed": "fixed at their defaults (intervals: simulation noise only)",
    "prior": "drawn per replicate from their plausible ranges, the same in every arm",
    "posterior": "drawn per replicate from the shipped posterior, the same in every arm",
}


def design_lines(experiment: Experiment) -> list[tuple[str, str]]:
    """Label and text of each line under the design table."""
    info, base = experiment.info, flatten(experiment.base)
    lines = [
        ("base", ", ".join(f"{k}={v!r}" for k, v in base.items()) or "defaults"),
        ("command line", ", ".join(f"{k}={v!r}" for k, v in experiment.settings) or "none"),
        ("steps", f"{info.steps} days"),
        ("replicates", f"{info.replicates} per arm (seed {info.seed}, common random numbers)"),
        ("assumptions", ASSUMPTION_WORDS[experiment.assumptions]),
        ("checkpoints", ", ".join(f"day {d}" for d in experiment.checkpoints)),
        ("reference", experiment.reference),
        ("brand", experiment.brand),
        ("runs", f"{experiment.n_runs} ({arms_text(experiment)} x {info.replicates})"),
    ]
    note = small_sample_note(experiment)
    if note:
        lines.append(("note", note))
    lines += [("warning", line) for line in experiment.warnings]
    space, sweep = experiment.uncertainty_space, experiment.sweep
    if len(space):  # a sweep file: what `commsim sweep` would sample and run
        lines += [("uncertainty", f"{u.key}: {u.describe()}") for u in space.uncertainties]
        unit = "levels per uncertainty" if sweep.design == "grid" else "points"
        arms = len(experiment.arm_names)
        lines.append(
            (
                "sweep",
                f"{sweep.points} {unit} ({sweep.design}) x {arms} arms x "
                f"{info.replicates} replicates (commsim sweep)",
            )
        )
    return lines


def print_design(console: Console, experiment: Experiment) -> None:
    if experiment.info.description:
        console.print(user_text(experiment.info.description.strip()))
    if experiment.derived:
        console.print(derived_table(experiment))
    console.print(arms_table(experiment))
    for label, text in design_lines(experiment):
        console.print(user_text(f"{label:>12}: {text}"))


def derived_table(experiment: Experiment) -> Table:
    """What the ``[brand_profile]`` set, and why."""
    table = Table(title="From the brand profile", title_justify="left")
    table.add_column("parameter")
    table.add_column("value", justify="right")
    table.add_column("why")
    for item in experiment.derived:
        value = f"{item.value:,}" if isinstance(item.value, int | float) else str(item.value)
        table.add_row(user_text(item.key), user_text(value), user_text(item.why))
    simulated = sum(item.seconds for item in experiment.derived)
    if simulated:
        timed = [item.key for item in experiment.derived if item.seconds]
        pilots = sum(TREND_PILOTS if key in TREND_TOPS else PILOT_ROUNDS for key in timed)
        table.caption = (
            f"Reading the file ran pilot simulations (up to {pilots} of {PILOT_DAYS} days, "
            f"{simulated:.1f} s) to set {' and '.join(timed)}; set "
            f"{'it' if len(timed) == 1 else 'them'} in \\[base] to skip them"
        )
        table.caption_justify = "left"
    return table


def budget_lines(result: ExperimentResult) -> list[str]:
    """Spend against the monthly budget, one line per arm that has one (docs/model.md 7.7)."""
    experiment, frame = result.experiment, result.timeseries
    if len(frame) == 0:
        return []
    focal = frame[frame["brand"] == experiment.brand]
    budgets = {arm.name: arm.scenario.brand.monthly_budget for arm in experiment.resolved_arms}
    currency = experiment.resolved_arms[0].scenario.population.currency
    lines = []
    for row in budget_use(focal, experiment.arm_names, budgets).itertuples(index=False):
        over = (
            f"over it in {row.months_over} of {row.months} run-months (commitments alone: "
            "content, messages and community management are never cut)"
            if row.months_over
            else f"within it in all {row.months} run-months"
        )
        lines.append(
            f"Budget: {row.arm} spent {row.mean_month:,.0f} {currency} a month on average "
            f"(highest month {row.highest_month:,.0f}) against {row.budget:,.0f}, {over}; "
            f"the budget held back {row.held_back:,.0f} a month of what the plan asked for"
        )
    return lines


def _cell(mean: float, low: float, high: float, metric: str, signed: bool = False) -> str:
    """``12.3k (11.0k-13.5k)``; ``-`` where there is no value."""
    kind = display(metric).kind
    if pd.isna(mean):
        return "-"
    interval = "n/a" if pd.isna(low) else format_interval(low, high, kind, signed=signed)
    return f"{format_value(mean, kind, signed=signed)} ({interval})"


def results_table(result: ExperimentResult) -> Table | None:
    comparison = result.comparison
    if len(comparison) == 0:
        return None
    experiment = result.experiment
    day = max(experiment.checkpoints)
    at_day = comparison[comparison["checkpoint"] == day]
    metrics = [m for m in TABLE_METRICS if m in set(at_day["metric"])]
    table = Table(
        title=user_text(f"Day {day}, brand '{experiment.brand}': mean (95% CI) over replicates"),
        title_justify="left",
    )
    table.add_column("arm")
    currency = experiment.resolved_arms[0].scenario.population.currency
    labels = {"incremental_profit": f"incremental profit vs no programme ({currency})"}
    paybacks = _paybacks(result)
    for metric in metrics:
        table.add_column(labels.get(metric, display(metric).label), justify="right")
        if metric == "incremental_profit" and paybacks:
            table.add_column("payback (median, 95% of runs)", justify="right")
    first = metrics[0] if metrics else None
    if first:
        label = user_text(f"{display(first).label} vs {experiment.reference}")
        table.add_column(label, justify="right")
    for arm in experiment.arm_names:
        rows = at_day[at_day["arm"] == arm].set_index("metric")
        if len(rows) == 0:
            continue
        cells = []
        for m in metrics:
            mean, low, high = rows.loc[m, ["mean", "ci_low", "ci_high"]]
            cells.append(_cell(mean, low, high, m))
            if m == "incremental_profit" and paybacks:
                cells.append(paybacks.get(arm, "-"))
        if first:
            mean, low, high = rows.loc[first, ["diff_mean", "diff_low", "diff_high"]]
            cells.append(_cell(mean, low, high, first, signed=True))
        table.add_row(user_text(arm), *cells)
    return table


def _paybacks(result: ExperimentResult) -> dict[str, str]:
    """Per arm: ``day 308 (160-381)``, with the share of runs that paid back when not all."""
    rows = result.crossovers[result.crossovers["metric"] == "payback"]
    cells = {}
    for row in rows.itertuples(index=False):
        if not row.share_crossed > 0:
            cells[row.arm] = "not by the horizon"
            continue
        cell = f"day {row.median_day:.0f} ({row.low_day:.0f}-{row.high_day:.0f})"
        if row.share_crossed < 1:
            cell += f", {row.share_crossed:.0%} of runs"
        cells[row.arm] = cell
    return cells


def crossover_lines(result: ExperimentResult) -> list[str]:
    """Who ends ahead in cumulative profit, and when the leader overtook, per arm."""
    lines = []
    overtaking = result.crossovers[result.crossovers["metric"] != "payback"]
    for row in overtaking.itertuples(index=False):
        if not isinstance(row.leader, str):
            lines.append(f"Cumulative profit, {row.arm} vs {row.reference}: level at the end")
            continue
        other = row.reference if row.leader == row.arm else row.arm
        text = f"Cumulative profit, {row.arm} vs {row.reference}: {row.leader} ends ahead"
        if row.share_crossed > 0:
            text += (
                f"; it overtook {other} in {row.share_crossed:.0%} of {row.n} replicates, "
                f"on day {row.median_day:.0f} (median; 95% of them days "
                f"{row.low_day:.0f}-{row.high_day:.0f})"
            )
        else:
            text += f" and was never behind {other}"
        lines.append(text)
    return lines


def plausibility_table(result: ExperimentResult) -> Table | None:
    """Every arm held against published experience (commsim.analysis.plausibility), with
    the verdicts outside a band in bold; None without results."""
    experiment, frame = result.experiment, result.timeseries
    if len(frame) == 0:
        return None
    focal = frame[frame["brand"] == experiment.brand]
    scenarios = {arm.name: arm.scenario.model_dump() for arm in experiment.resolved_arms}
    lines = plausibility.panel(focal, experiment.arm_names, experiment.counterfactual_of, scenarios)
    table = Table(
        title="Plausibility: each arm against published experience (docs/charts.md)",
        title_justify="left",
    )
    for column in ("arm", "check", "result", "published band", "verdict", "source"):
        table.add_column(column, justify="right" if column == "result" else "left")
    for line in lines:
        verdict = plausibility.verdict_text(line)
        table.add_row(
            user_text(line.arm),
            plausibility.label(line.check),
            plausibility.value_text(line),
            plausibility.band_text(line),
            user_text(verdict, style="bold yellow" if line.outside else ""),
            plausibility.bands()[line.check]["short"],
        )
    table.caption = "In full: " + "; ".join(
        f"{plausibility.label(key)}: {band['source']}" for key, band in plausibility.bands().items()
    )
    table.caption_justify = "left"
    return table


def uncertainty_lines(result: ExperimentResult) -> list[str]:
    """The chance that each arm pays and that the best beats the runner-up, and what the
    intervals include (commsim.analysis.chances)."""
    experiment, frame = result.experiment, result.timeseries
    lines = []
    if len(frame):
        focal = frame[frame["brand"] == experiment.brand]
        world_of = experiment.counterfactual_of
        arms = [arm for arm in experiment.arm_names if world_of.get(arm, arm) != arm]
        sentences = chance_sentences(
            focal, arms, horizon=experiment.steps, labels=experiment.arm_labels
        )
        lines = [f"{heading}: {sentence}" for heading, sentence in sentences]
    provenance = None
    if experiment.assumptions == "posterior":
        provenance = load_posterior().provenance
    return [*lines, intervals_sentence(experiment.assumptions, provenance)]


def print_results(console: Console, result: ExperimentResult) -> None:
    table = results_table(result)
    if table is not None:
        console.print(table)
    panel = plausibility_table(result)
    if panel is not None:
        console.print(panel)
    for line in crossover_lines(result):
        console.print(user_text(line))
    for line in uncertainty_lines(result):
        console.print(user_text(line))
    for line in budget_lines(result):
        style = "yellow" if " over it in " in line else ""
        console.print(user_text(line, style=style))
    executed = result.executed
    per_run = sum(r.wall_seconds or 0 for r in executed) / len(executed) if executed else 0.0
    reused = sum(1 for r in result.runs if r.reused)
    console.print(
        f"Runs: {len(result.runs)} ({len(result.runs) - len(result.failed)} finished, "
        f"{len(result.failed)} failed, {reused} reused from an earlier session); "
        f"wall time {result.wall_seconds:.1f} s; {per_run:.2f} s per run; "
        f"{result.workers} worker{'s' if result.workers > 1 else ''}"
        f"{'' if result.workers > 1 else ' (in this process)'}",
        highlight=False,
    )
    console.print(user_text(f"Results: {result.path}"))
