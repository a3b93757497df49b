"""Scenario discovery: where in the uncertainties a yes/no question about a finished sweep
holds (PRIM), as a readable rule with its coverage, density and quasi-p-values.

::

    found = discover("results/sweep", "value beats push on cum_profit")
    found.finding               # the rule in words
    write_discovery(found)      # discovery_<question>.csv and .md in the sweep's folder
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from commsim.analysis import sweep_tables
from commsim.analysis.findings.sweep_findings import discovery_finding, readable_rule
from commsim.analysis.prim import ALPHA, MIN_MASS, THRESHOLD, PrimResult, prim
from commsim.analysis.questions import Question, answer, parse_question
from commsim.experiment.execution.sweep_files import read_sweep
from commsim.experiment.results.store import write_csv, write_text


@dataclass
class Discovery:
    """A question answered at every design point of a sweep, and the box where it holds
    (``prim`` is None when the answer is the same everywhere: nothing to discover)."""

    path: Path
    info: dict[str, Any]
    question: Question
    yes: pd.Series  # True or False per design point
    prim: PrimResult | None

    @property
    def name(self) -> str:
        """A file-name-safe short form of the question."""
        return re.sub(r"[^A-Za-z0-9]+", "_", self.question.text).strip("_")[:60] or "question"

    @property
    def finding(self) -> str:
        """The discovery in one sentence (the chart's title)."""
        if self.prim is None:
            return "Nothing to discover: the answer is the same everywhere."
        box = self.prim.box
        return discovery_finding(
            self.question.words(int(self.info["steps"])),
            readable_rule(box.limits),
            box.density,
            box.coverage,
            self.prim.base_density,
        )


def discover(
    results_dir: str | Path,
    question: str,
    *,
    threshold: float = THRESHOLD,
    alpha: float = ALPHA,
    min_mass: float = MIN_MASS,
) -> Discovery:
    """Answer ``question`` at each design point of the sweep in ``results_dir``, then find
    the box of the uncertainties where the answer is yes (ConfigError on a bad question)."""
    info, runs = read_sweep(results_dir)
    parsed = parse_question(question, runs, info)
    yes = answer(parsed, runs)
    if yes.sum() == 0 or yes.all():
        return Discovery(Path(results_dir), info, parsed, yes, None)
    design = sweep_tables.design_table(runs, info).loc[yes.index]
    found = prim(design, yes.to_numpy(), alpha=alpha, min_mass=min_mass, threshold=threshold)
    return Discovery(Path(results_dir), info, parsed, yes, found)


def write_discovery(discovery: Discovery) -> list[Path]:
    """``discovery_<question>.csv`` (the peeling trajectory) and ``.md`` (the note)."""
    if discovery.prim is None:
        return []
    folder, name = discovery.path, discovery.name
    trajectory = discovery.prim.trajectory.assign(question=discovery.question.text)
    return [
        write_csv(folder / f"discovery_{name}.csv", trajectory),
        write_text(folder / f"discovery_{name}.md", discovery_markdown(discovery)),
    ]


def discovery_markdown(discovery: Discovery) -> str:
    """The discovery as a short Markdown note (question, rule, coverage, density, limits)."""
    # Called only on a finished discovery, whose prim result is set.
    box, yes = discovery.prim.box, discovery.yes  # type: ignore[union-attr]
    rule = box.rule or "no restriction is significant at 5%; see the trajectory"
    lines = [
        f"# Scenario discovery: {discovery.question.text}",
        "",
        f"The answer is yes at {int(yes.sum())} of {len(yes)} design points ({yes.mean():.0%}).",
        "",
        f"**Rule:** {rule}",
        "",
        f"- coverage {box.coverage:.1%}: share of all yes points inside the box",
        f"- density {box.density:.1%}: share of yes among the points inside the box",
        f"- mass {box.mass:.1%}: share of all points inside the box",
        "",
        "| restriction | quasi-p-value |",
        "|---|---|",
        *(
            f"| {limit.rule()} | {box.qp_values.get(limit.key, float('nan')):.2g} |"
            for limit in box.limits
        ),
        "",
        "Found with PRIM (peeling, then restrictions with a quasi-p-value above 0.05 dropped).",
    ]
    return "\n".join(lines) + "\n"
