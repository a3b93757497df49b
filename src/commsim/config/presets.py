"""Platform presets: sourced platform defaults kept as data (``data/platform_presets.toml``).

A preset fills the platform fields a scenario leaves unset; keys the scenario sets win. The
values live in the TOML next to their source, so adding a platform or a year is a data edit.

The rule of preset versus explicit organic reach lives here, once: an explicit
``organic_reach`` without explicit tiers means one reach for every account size (the preset's
tiers do not apply), and a named preset that sets reach replaces an older explicit reach (and
its tiers) when a front end switches presets.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Set
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class PlatformPreset:
    """One named preset: the platform values it sets and where they come from."""

    name: str
    description: str
    source: str
    values: dict[str, Any]
    benchmarks: dict[str, Any]  # published figures the output is checked against


@cache
def platform_presets() -> dict[str, PlatformPreset]:
    """Every preset shipped with the package, by name."""
    text = resources.files("commsim").joinpath("data", "platform_presets.toml").read_text("utf-8")
    return {
        name: PlatformPreset(
            name,
            table["description"],
            table["source"],
            dict(table["platform"]),
            dict(table.get("benchmarks", {})),
        )
        for name, table in tomllib.loads(text).items()
    }


DEFAULT_PRESET = "facebook_2025"  # today's Facebook: the platform most brand pages are on


CUSTOM = "custom"
# 'custom' sets nothing: the platform fields keep their own defaults.
PRESET_NAMES: tuple[str, ...] = (CUSTOM, *platform_presets())


def preset_values(name: str) -> dict[str, Any]:
    """Platform values a preset sets ({} for 'custom')."""
    return {} if name == CUSTOM else dict(platform_presets()[name].values)


def presettable_fields() -> frozenset[str]:
    """Platform fields that some preset sets."""
    return frozenset(key for preset in platform_presets().values() for key in preset.values)


# The platform keys a named preset decides when it sets reach (dotted, as in experiment files).
REACH_KEYS = ("platform.organic_reach", "platform.organic_reach_tiers")


def sets_reach(name: str) -> bool:
    """Whether the preset sets organic reach itself (every named preset; not 'custom')."""
    return "organic_reach" in preset_values(name)


def preset_fills(name: str, explicit: Set[str]) -> dict[str, Any]:
    """The values the preset gives the platform fields not in ``explicit`` (the fields a
    scenario sets itself). An explicit organic reach keeps the preset's tiers out."""
    values = preset_values(name)
    if "organic_reach" in explicit:
        values.pop("organic_reach_tiers", None)
    return {key: value for key, value in values.items() if key not in explicit}


def reach_left_to_preset(overrides: Mapping[str, Any], name: str) -> dict[str, Any]:
    """Dotted overrides without an explicit organic reach (and tiers) when preset ``name``
    sets reach, so the preset's reach applies instead of an older value."""
    if not sets_reach(name):
        return dict(overrides)
    return {key: value for key, value in overrides.items() if key not in REACH_KEYS}
