"""Platform presets: sourced platform defaults kept as data (``data/platform_presets.toml``).

A preset fills the platform fields a scenario leaves unset; keys the scenario sets win. The
values live in the TOML next to their source, so adding a platform or a year is a data edit.
"""

from __future__ import annotations

import tomllib
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


@cache
def platform_presets() -> dict[str, PlatformPreset]:
    """Every preset shipped with the package, by name."""
    text = resources.files("commsim").joinpath("data", "platform_presets.toml").read_text("utf-8")
    return {
        name: PlatformPreset(name, table["description"], table["source"], dict(table["platform"]))
        for name, table in tomllib.loads(text).items()
    }


CUSTOM = "custom"
# 'custom' sets nothing: the platform fields keep their own defaults.
PRESET_NAMES: tuple[str, ...] = (CUSTOM, *platform_presets())


def preset_values(name: str) -> dict[str, Any]:
    """Platform values a preset sets ({} for 'custom')."""
    return {} if name == CUSTOM else dict(platform_presets()[name].values)


def presettable_fields() -> frozenset[str]:
    """Platform fields that some preset sets."""
    return frozenset(key for preset in platform_presets().values() for key in preset.values)
