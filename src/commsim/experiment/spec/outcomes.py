"""Outcomes: what a study compares strategies on, as small typed objects.

An outcome is a metric of the brand at the horizon or at a checkpoint day, and the direction
that is better (EMA Workbench's ``ScalarOutcome``). In a sweep's runs table (and on the command
line) an outcome is a column name, ``cum_profit`` at the horizon or ``cum_profit_d365`` at day
365: :meth:`Outcome.parse` and :attr:`Outcome.column` are the only places that spell it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from commsim.config import ConfigError
from commsim.config.errors import nearest_key
from commsim.experiment.spec.experiment_spec import Experiment
from commsim.model.catalogue import CHECKPOINT_METRICS, METRIC_BY_NAME, METRIC_NAMES

Direction = Literal["maximize", "minimize"]
_AT_DAY = re.compile(r"^(?P<metric>.+)_d(?P<day>\d+)$")


@dataclass(frozen=True)
class Outcome:
    """A metric of the brand at the horizon (``day`` None) or on a checkpoint ``day``."""

    metric: str
    day: int | None = None
    direction: Direction = "maximize"

    @property
    def column(self) -> str:
        """Its column in a runs table: ``cum_profit`` or ``cum_profit_d365``."""
        return self.metric if self.day is None else f"{self.metric}_d{self.day}"

    @property
    def sign(self) -> float:
        """+1 when more is better, -1 when less is."""
        return 1.0 if self.direction == "maximize" else -1.0

    @classmethod
    def parse(cls, name: str | Outcome, direction: Direction = "maximize") -> Outcome:
        """``cum_profit`` -> at the horizon; ``cum_profit_d365`` -> on day 365."""
        if isinstance(name, Outcome):
            return name
        match = _AT_DAY.match(name)
        if match and match["metric"] in METRIC_BY_NAME:  # every metric has a value each day
            return cls(match["metric"], int(match["day"]), direction)
        return cls(name, None, direction)

    def __str__(self) -> str:
        return self.column


def outcomes_of(experiment: Experiment) -> list[Outcome]:
    """Outcomes a study of ``experiment`` measures: every metric at the horizon, and the key
    metrics on each checkpoint day before it."""
    days = experiment.checkpoints
    return [
        *(Outcome(m) for m in METRIC_NAMES),
        *(Outcome(m, d) for m in CHECKPOINT_METRICS for d in days),
    ]


def check_outcome(
    experiment: Experiment, outcome: str | Outcome | None, *, where: str = ""
) -> Outcome:
    """The outcome, if a study of ``experiment`` will measure it, else a ConfigError (before
    any run) naming what is allowed. ``None`` takes the file's ``[sweep] outcome``;
    ``where`` names the file key the outcome came from (default: the ``outcome`` argument)."""
    if outcome is None:
        outcome, where = experiment.sweep.outcome, f"{experiment.where}: sweep.outcome"
    chosen = Outcome.parse(outcome)
    columns = [o.column for o in outcomes_of(experiment)]
    if chosen.column in columns:
        return chosen
    near = nearest_key(chosen.column, columns)
    hint = f" (did you mean '{near}'?)" if near else ""
    message = (
        f"unknown outcome {chosen.column!r}{hint}; use a metric at the horizon "
        f"({', '.join(METRIC_NAMES)}) or <metric>_d<day> for {', '.join(CHECKPOINT_METRICS)} "
        f"at a checkpoint day of {experiment.where or 'the experiment'} "
        f"({', '.join(map(str, experiment.checkpoints))})"
    )
    if where:
        raise ConfigError(f"{where}: {message}")
    raise ConfigError(message, parameter="outcome")
