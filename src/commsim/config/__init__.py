"""Validated configuration: the scenario a model runs from, and how to build it."""

from commsim.config.loading import (
    ConfigError,
    apply_overrides,
    flatten,
    load_scenario,
    make_scenario,
    merge_tables,
    nest_dotted,
    parse_override,
)
from commsim.config.scenario import Behavior, Brand, Platform, Population, Scenario

__all__ = [
    "Behavior",
    "Brand",
    "ConfigError",
    "Platform",
    "Population",
    "Scenario",
    "apply_overrides",
    "flatten",
    "load_scenario",
    "make_scenario",
    "merge_tables",
    "nest_dotted",
    "parse_override",
]
