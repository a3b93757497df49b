"""Arms: an experiment's ``[arms]``, ``[factors]`` and ``[levers]`` crossed into named arms.

:mod:`commsim.experiment.spec.experiment_spec` validates a file's tables; this module turns them
into the arms that run, each with its validated scenario, and keeps the rules their names follow (an
experiment's and an arm's name become folder and file names). It is given the tables, not the
:class:`~commsim.experiment.spec.experiment_spec.Experiment`, so the spec imports it and never the
reverse.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from commsim.config import ConfigError, Scenario, flatten, make_scenario
from commsim.config.limits import shown, shown_key
from commsim.config.loading import scenario_table
from commsim.experiment.spec.levers import Lever, parse_levers

# Arm and experiment names become folder and file names, so keep them portable: ASCII, no
# control characters (fullmatch: ``$`` would let a trailing newline through).
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.+=-]*")
NAME_RULE = "letters, digits, '_', '-', '.', '+' or '=', starting with a letter or digit"
# An arm's display name in charts and decks (any Unicode); not a scenario key, so it changes
# neither the runs' config hash nor their seeds.
LABEL = "label"
# File systems take 255 bytes per file name; a run file adds "-r00000.parquet" and, while it
# is written, a temporary prefix and suffix (~30 characters). 100 leaves room to spare.
MAX_NAME_LENGTH = 100
OVERRIDES = "overrides"  # the parameter that errors in ``KEY=VALUE`` overrides name
# Arms that [factors] and [levers] may cross into (with the [arms.NAME] tables), counted before
# any is built: each runs every replicate, and 6 factors of 8 levels would be 262,144 arms.
# A thousand arms of ten replicates is about an hour on a laptop; wider spaces are sampled
# (a sweep over [uncertainties]).
MAX_ARMS = 1_000


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a folder or file (``None`` when it can)."""
    if not name:
        return f"must not be empty; use {NAME_RULE}"
    if len(name) > MAX_NAME_LENGTH:
        return f"is {len(name):,} characters long; at most {MAX_NAME_LENGTH}"
    if not NAME_PATTERN.fullmatch(name):
        return f"must use {NAME_RULE}"
    return None


@dataclass(frozen=True)
class Arm:
    """One arm: its overrides on top of the base (factor levels included) and its scenario."""

    name: str
    overrides: dict[str, Any]
    levels: dict[str, Any]  # factor levels; empty unless the design is factorial
    scenario: Scenario

    def table(self) -> dict[str, Any]:
        """The fully resolved scenario as nested tables (what a run is given)."""
        return scenario_table(self.scenario)


def level_text(value: Any) -> str:
    """A factor level as it appears in an arm name: ``0.1``, ``topic``, ``true``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if isinstance(value, float):  # 0.1 -> "0.1", 50.0 -> "50"; exact, so levels stay distinct
        text = f"{value:g}" if float(f"{value:g}") == value else repr(value)
    return re.sub(r"[^A-Za-z0-9_.+=-]", "-", text)


@contextmanager
def naming_overrides() -> Iterator[None]:
    """Errors in the overrides name the ``overrides`` parameter, not the file."""
    try:
        yield
    except ConfigError as error:
        raise ConfigError(str(error), parameter=OVERRIDES) from None


def head(where: str) -> str:
    """The start of an error message: the file it is about, when there is one."""
    return f"{where}: " if where else ""


def factor_table(factors: Mapping[str, Any], where: str) -> dict[str, list[Any]]:
    """Factors as dotted key -> non-empty list of levels."""
    table: dict[str, list[Any]] = {}
    for key, levels in flatten(factors).items():
        if not isinstance(levels, list) or not levels:
            raise ConfigError(
                f"{head(where)}factors.{key}: must be a non-empty list of values, "
                f"e.g. [0.1, 0.9] (got {shown(levels)})"
            )
        table[key] = levels
    return table


def lever_table(levers: Mapping[str, Any], base: Mapping[str, Any], where: str) -> list[Lever]:
    """The ``[levers]``, each with its options named as factor levels are."""
    return parse_levers(levers, flatten(base), where=where, option_name=level_text)


def _check_arm_count(options: Mapping[str, list[Any]], tables: int, where: str) -> None:
    """Refuse a crossing of more than :data:`MAX_ARMS` arms, before any is built."""
    if not options:
        return
    count = tables
    for levels in options.values():
        count *= len(levels)
    if count > MAX_ARMS:
        sizes = " x ".join(str(len(levels)) for levels in options.values())
        times = f" x {tables} [arms] tables" if tables > 1 else ""
        raise ConfigError(
            f"{head(where)}factors: {len(options)} factors and levers of {sizes} levels{times} "
            f"cross into {count:,} arms; at most {MAX_ARMS:,} (each arm runs every replicate): "
            "use fewer levels, or sample the space with a sweep ([uncertainties], commsim sweep)"
        )


def resolve_arms(
    *,
    where: str,
    settings: Iterable[tuple[str, Any]],
    base: Mapping[str, Any],
    arms: Mapping[str, Mapping[str, Any]],
    factors: Mapping[str, Any],
    levers: Mapping[str, Any],
    uncertainties: Mapping[str, Any],
) -> list[Arm]:
    """Every arm with its validated scenario, in file order (factor and lever levels crossed
    with each ``[arms.NAME]``); ``settings`` are the overrides applied to every arm."""
    settings = list(settings)
    values = flatten(base)  # the base as dotted key -> value
    make_scenario(values, where=where, prefix="base")
    if settings:
        with naming_overrides():
            make_scenario(values, settings)
    factor_levels = factor_table(factors, where)
    for key, factor in factor_levels.items():
        for level in factor:
            make_scenario({**values, key: level}, where=where, prefix="factors")
    options = {key: [(level_text(v), v) for v in levels] for key, levels in factor_levels.items()}
    for lever in lever_table(levers, base, where):
        if lever.key in options:
            raise ConfigError(f"{head(where)}levers.{lever.key}: also a factor; list it once")
        options[lever.key] = list(lever.options)
    if not arms and not options and not uncertainties:
        raise ConfigError(
            f"{head(where)}arms: the experiment has no arms; add [arms.NAME] tables "
            "(each a set of overrides), a [factors] or [levers] table (key -> list of values)"
        )
    explicit = {name: flatten(table) for name, table in arms.items()} or {"": {}}
    _check_arm_count(options, len(explicit), where)
    combinations = [
        {key: option for key, option in zip(options, chosen, strict=True)}
        for chosen in itertools.product(*options.values())
    ]
    resolved: list[Arm] = []
    for arm_name, own in explicit.items():
        problem = name_problem(arm_name) if arms else None
        if problem:
            key = shown_key(arm_name) or '""'
            raise ConfigError(
                f"{head(where)}arms.{key}: the arm's name {problem}; it names its run files"
            )
        label = own.pop(LABEL, "")
        given = LABEL in own_table(arms, arm_name)
        if not isinstance(label, str) or (given and not (label.strip() and label.isprintable())):
            raise ConfigError(
                f"{head(where)}arms.{arm_name}.{LABEL}: must be a non-empty line of printable "
                "text (no line breaks or control characters), the arm's name in charts and "
                f"decks (got {shown(label)})"
            )
        for chosen in combinations:
            levels = {key: value for key, (_, value) in chosen.items()}
            level_name = "_".join(name for name, _ in chosen.values())
            name = "_".join(part for part in (arm_name, level_name) if part) or "base"
            overrides = {**own, **levels}
            prefix = f"arms.{arm_name}" if arm_name else "factors"
            scenario = make_scenario({**values, **overrides}, settings, where=where, prefix=prefix)
            resolved.append(Arm(name, overrides, levels, scenario))
    names = [arm.name for arm in resolved]
    for arm in resolved:
        if len(arm.name) > MAX_NAME_LENGTH:
            raise ConfigError(
                f"{head(where)}factors: levels give the arm name {shown(arm.name)}, "
                f"{len(arm.name)} characters long; at most {MAX_NAME_LENGTH} (it names the "
                "arm's run files): use shorter levels, or fewer factors"
            )
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ConfigError(
            f"{head(where)}factors: levels give arms the same name ({', '.join(duplicates)}); "
            "make the levels distinct"
        )
    return resolved


def own_table(arms: Mapping[str, Mapping[str, Any]], arm_name: str) -> Mapping[str, Any]:
    """The ``[arms.NAME]`` table as written ({} when there is none)."""
    return arms.get(arm_name) or {}


def arm_labels(tables: Mapping[str, Any], names: Iterable[str]) -> dict[str, str]:
    """Arm name -> its display label, from the ``[arms.NAME]`` tables (an arm crossed with
    factors, ``NAME_level``, gets the label followed by its levels)."""
    labels = {}
    for name in names:
        for table_name, table in tables.items():
            label = table.get(LABEL) if isinstance(table, Mapping) else None
            if not isinstance(label, str) or not label:
                continue
            if name == table_name:
                labels[name] = label
            elif name.startswith(f"{table_name}_"):
                labels[name] = f"{label} {name[len(table_name) + 1 :].replace('_', ' ')}"
    return labels
