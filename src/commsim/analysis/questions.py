"""Yes/no questions over a sweep, answered at each design point (means over replicates).

Two forms::

    cum_profit[value] > cum_profit[push]        # OUTCOME[LEVER] OP OUTCOME[LEVER] or a number
    value beats push on cum_profit_d1095        # shorthand for the comparison above

``OP`` is one of ``>``, ``>=``, ``<``, ``<=``. Levers are compared at the same design point on
the same seeds (common random numbers), so a comparison is paired.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from commsim.analysis.display import display, format_value, format_when
from commsim.analysis.sweep_tables import check_lever, check_recorded_outcome, point_means
from commsim.config import ConfigError
from commsim.experiment.spec.outcomes import Outcome

OPERATORS = {">": np.greater, ">=": np.greater_equal, "<": np.less, "<=": np.less_equal}
COMPARISON = re.compile(r"^\s*(?P<left>.+?)\s*(?P<op>>=|<=|>|<)\s*(?P<right>.+?)\s*$")
BEATS = re.compile(r"^\s*(?P<a>\S+)\s+beats\s+(?P<b>\S+)\s+on\s+(?P<outcome>\S+)\s*$")
TERM = re.compile(r"^(?P<outcome>[A-Za-z_][A-Za-z0-9_]*)(?:\[(?P<lever>[^\]]+)\])?$")
EXAMPLE = "cum_profit[value] > cum_profit[push]"
QUESTION = "question"  # the parameter errors name


@dataclass(frozen=True)
class Term:
    """One side of a question: an outcome of a lever, or a number."""

    outcome: Outcome | None
    lever: str | None
    number: float | None = None

    def text(self) -> str:
        if self.number is not None:
            return f"{self.number:g}"
        # Without a number a term has an outcome (_term builds only these two).
        return f"{self.outcome.column}[{self.lever}]"  # type: ignore[union-attr]


@dataclass(frozen=True)
class Question:
    left: Term
    operator: str
    right: Term

    @property
    def text(self) -> str:
        return f"{self.left.text()} {self.operator} {self.right.text()}"

    def words(self, horizon: int) -> str:
        """The question in words for titles: ``value beats push on cumulative profit after
        36 months``; the formula where no wording fits."""
        left, right = self.left, self.right
        if left.outcome is None or (right.outcome is not None and right.outcome != left.outcome):
            return self.text
        metric, day = left.outcome.metric, left.outcome.day or horizon
        label = display(metric).label
        when = f"after {format_when(day, horizon)}"
        if right.number is not None:
            relation = {">": "above", ">=": "at least", "<": "below", "<=": "at most"}
            number = format_value(right.number, display(metric).kind)
            return f"{label} of {left.lever} {when} is {relation[self.operator]} {number}"
        verb = {">": "beats", ">=": "matches or beats", "<": "trails", "<=": "at most matches"}
        return f"{left.lever} {verb[self.operator]} {right.lever} on {label} {when}"


def _term(text: str, runs: pd.DataFrame, info: Mapping[str, Any]) -> Term:
    try:
        return Term(None, None, float(text))
    except ValueError:
        pass
    match = TERM.match(text.strip())
    if not match:
        raise ConfigError(
            f"cannot read {text!r}; write OUTCOME[LEVER] or a number, e.g. {EXAMPLE}",
            parameter=QUESTION,
        )
    outcome = check_recorded_outcome(runs, info, match["outcome"], QUESTION)
    levers = [s["name"] for s in info.get("strategies", [])]
    lever = match["lever"]
    if lever is None:
        if len(levers) != 1:
            raise ConfigError(
                f"{text!r} needs a lever, e.g. {outcome.column}[{levers[0]}]; "
                f"levers: {', '.join(levers)}",
                parameter=QUESTION,
            )
        lever = levers[0]
    return Term(outcome, check_lever(info, lever, QUESTION), None)


def parse_question(text: str, runs: pd.DataFrame, info: Mapping[str, Any]) -> Question:
    """Read a question against a sweep's runs table; ConfigError naming what is wrong."""
    beats = BEATS.match(text)
    if beats:
        text = f"{beats['outcome']}[{beats['a']}] > {beats['outcome']}[{beats['b']}]"
    match = COMPARISON.match(text)
    if not match:
        raise ConfigError(
            f"cannot read {text!r}; write e.g. '{EXAMPLE}' or 'value beats push on cum_profit'",
            parameter=QUESTION,
        )
    left, right = _term(match["left"], runs, info), _term(match["right"], runs, info)
    if left.number is not None and right.number is not None:
        raise ConfigError("compare an outcome with a number or another outcome", parameter=QUESTION)
    return Question(left, match["op"], right)


def _values(term: Term, runs: pd.DataFrame, index: pd.Index) -> np.ndarray:
    if term.number is not None:
        return np.full(len(index), term.number)
    means = point_means(runs, term.outcome.column)  # type: ignore[union-attr]  # as in Term.text
    return means[term.lever].reindex(index).to_numpy(dtype=float)


def answer(question: Question, runs: pd.DataFrame) -> pd.Series:
    """True or False per design point (index: point), on means over replicates."""
    index = pd.Index(sorted(runs["point"].unique()), name="point")
    left, right = _values(question.left, runs, index), _values(question.right, runs, index)
    result = OPERATORS[question.operator](left, right) & np.isfinite(left) & np.isfinite(right)
    return pd.Series(result, index=index, name=question.text)
