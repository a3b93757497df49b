"""Levers: the strategy choices of an experiment (EMA Workbench style).

In an experiment file::

    [levers]
    "brand.community" = ["brand", "topic"]               # options named by their values
    "brand.value_share" = { push = 0.1, value = 0.9 }    # options with names of their own

Levers are crossed like ``[factors]`` (and with any ``[arms.*]``) into the strategies of the
experiment; a strategy is named after its options (``topic_value``). A sweep runs every strategy
at every point of its design, with the same seeds (common random numbers).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from commsim.config import ConfigError, make_scenario
from commsim.config.limits import shown, shown_key
from commsim.config.parameters import parameter_entries

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.+=-]*")  # fullmatch: "$" lets "x\n" through


@dataclass(frozen=True)
class Lever:
    """One strategy choice: a scenario key and its named options (name -> value)."""

    key: str
    options: tuple[tuple[str, Any], ...]

    @property
    def values(self) -> list[Any]:
        return [value for _, value in self.options]


def parse_levers(
    table: Mapping[str, Any],
    base: Mapping[str, Any],
    *,
    where: str = "",
    option_name,  # callable: value -> name (the factor naming, ``level_text``)
) -> list[Lever]:
    """A ``[levers]`` table -> levers with validated, named options."""
    head = f"{where}: " if where else ""
    levers = []
    for key, spec in parameter_entries(table, where=where, section="levers").items():
        if isinstance(spec, list):
            options = [(option_name(value), value) for value in spec]
        elif isinstance(spec, Mapping):
            options = list(spec.items())
        else:
            options = []
        if not options:
            raise ConfigError(
                f"{head}levers.{key}: must be a non-empty list of values, e.g. [0.1, 0.9], or a "
                f"table of named values, e.g. {{ push = 0.1, value = 0.9 }} (got {shown(spec)})"
            )
        names = [name for name, _ in options]
        for name in names:
            if not NAME.fullmatch(str(name)):
                raise ConfigError(
                    f"{head}levers.{key}.{shown_key(str(name))}: option names must use letters, "
                    "digits, '_', "
                    "'-', '.', '+' or '=', starting with a letter or digit"
                )
        if len(set(names)) != len(names):
            raise ConfigError(f"{head}levers.{key}: options share a name ({', '.join(names)})")
        for name, value in options:
            if isinstance(value, Mapping):
                raise ConfigError(f"{head}levers.{key}.{name}: must be a single value")
            make_scenario({**base, key: value}, where=where, prefix="levers")
        levers.append(Lever(key, tuple((str(n), v) for n, v in options)))
    return levers
