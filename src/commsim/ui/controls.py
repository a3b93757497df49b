"""The explorer's controls: which scenario keys a strategist can move, and how they map back.

One table (:data:`STRATEGY` and :data:`WORLD`) says, for each control, its scenario key, its
label and its widget. The page's sliders, the model the page builds and the experiment file it
writes all come from that table, so they cannot disagree. Ranges for sliders are the comfortable
part of each parameter's valid range (the full range lives once, in the scenario models); a
starting value outside it widens the slider rather than being clipped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from commsim.config import Scenario
from commsim.config.presets import PRESET_NAMES, sets_reach
from commsim.experiment import ExperimentInfo

Widget = Literal["Select", "SliderFloat", "SliderInt", "Checkbox", "InputText"]
# The second strategy's controls carry this prefix (``b_value_share``).
B_PREFIX = "b_"
SIDE_BY_SIDE = "side_by_side"
SEED = "seed"


@dataclass(frozen=True)
class Control:
    """One control on the page: a scenario key, a label and a widget with its range."""

    name: str
    key: str
    label: str
    widget: Widget
    low: float = 0.0
    high: float = 1.0
    step: float = 0.05
    choices: tuple[str, ...] = ()

    def read(self, scenario: Scenario) -> Any:
        """The control's value in a scenario (its starting position)."""
        owner, attr = self.key.split(".")
        return getattr(getattr(scenario, owner), attr)

    def mesa_param(self, value: Any, label_prefix: str = "") -> dict[str, Any]:
        """The control as a Mesa SolaraViz user parameter, starting at ``value``."""
        param: dict[str, Any] = {"type": self.widget, "value": value}
        param["label"] = label_prefix + self.label
        if self.widget == "Select":
            param["values"] = list(self.choices)
        elif self.widget in ("SliderFloat", "SliderInt"):
            cast = int if self.widget == "SliderInt" else float
            param.update(
                min=cast(min(self.low, value)),
                max=cast(max(self.high, value)),
                step=cast(self.step),
                value=cast(value),
            )
        return param


# A strategy: what one brand decides (the brand.* parameters, docs/model.md section 11).
STRATEGY: tuple[Control, ...] = (
    Control(
        "community", "brand.community", "Community", "Select", choices=("topic", "brand", "none")
    ),
    Control("value_share", "brand.value_share", "Value share of posts", "SliderFloat"),
    Control("posts_per_week", "brand.posts_per_week", "Posts per week", "SliderFloat", 0, 21, 0.5),
    Control("quality", "brand.quality", "Content quality", "SliderFloat"),
    Control(
        "ad_budget_per_day", "brand.ad_budget_per_day", "Ad budget per day", "SliderInt", 0, 500, 10
    ),
    Control("kol_program", "brand.kol_program", "KOL programme", "Checkbox"),
    Control("responsiveness", "brand.responsiveness", "Reply probability", "SliderFloat"),
)

# The world both strategies share: platform and population.
WORLD: tuple[Control, ...] = (
    Control("platform", "platform.preset", "Platform preset", "Select", choices=PRESET_NAMES),
    Control(
        "organic_reach",
        "platform.organic_reach",
        "Organic reach (custom platform)",
        "SliderFloat",
        0,
        0.5,
        0.01,
    ),
    Control("members", "population.members", "Members", "SliderInt", 1_000, 50_000, 1_000),
)

CONTROLS: dict[str, Control] = {control.name: control for control in STRATEGY + WORLD}


def _experiment_default(name: str) -> Any:
    return ExperimentInfo.model_fields[name].default


@dataclass(frozen=True)
class Origin:
    """Where the page started: an experiment's base scenario and run settings, or defaults."""

    base: Mapping[str, Any] = field(default_factory=dict)
    name: str = "explored"
    steps: int = _experiment_default("steps")
    replicates: int = _experiment_default("replicates")
    seed: int = _experiment_default("seed")
    checkpoints: tuple[int, ...] = ()
    source: str = ""  # the experiment file, for the page title


@dataclass(frozen=True)
class PageChoices:
    """Everything the controls say: one or two strategies in one world, and a seed."""

    world: dict[str, Any]
    strategies: dict[str, dict[str, Any]]
    seed: int

    @property
    def side_by_side(self) -> bool:
        return len(self.strategies) > 1


ARM_NAMES = ("strategy_a", "strategy_b")


def world_overrides(values: Mapping[str, Any]) -> dict[str, Any]:
    """Dotted platform and population keys; a named preset sets organic reach itself."""
    world = {CONTROLS["platform"].key: values["platform"]}
    if not sets_reach(values["platform"]):
        world[CONTROLS["organic_reach"].key] = float(values["organic_reach"])
    world[CONTROLS["members"].key] = int(values["members"])
    return world


def parse_seed(text: Any) -> int:
    """The seed field as a whole number (the page's text box gives a string)."""
    try:
        seed = int(str(text).strip())
    except ValueError:
        raise ValueError(f"Seed must be a whole number (got {text!r})") from None
    if seed < 0:
        raise ValueError(f"Seed must be 0 or more (got {seed})")
    return seed


def settings_from_controls(values: Mapping[str, Any]) -> PageChoices:
    """Read the page's control values (names as in :func:`mesa_model_params`)."""
    strategies = {ARM_NAMES[0]: _strategy(values, "")}
    if values.get(SIDE_BY_SIDE):
        strategies[ARM_NAMES[1]] = _strategy(values, B_PREFIX)
    return PageChoices(world_overrides(values), strategies, parse_seed(values[SEED]))


def _strategy(values: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    strategy = {}
    for control in STRATEGY:
        value = values[prefix + control.name]
        if control.widget == "SliderFloat":
            value = float(value)
        elif control.widget == "SliderInt":
            value = int(value)
        strategy[control.key] = value
    return strategy


def mesa_model_params(scenario: Scenario, origin: Origin) -> dict[str, Any]:
    """SolaraViz ``model_params``: every control starting where the scenario stands.

    Strategy B starts as a copy of A, so turning on side by side and moving one slider
    compares exactly one change.
    """
    params: dict[str, Any] = {"origin": origin}
    for control in STRATEGY:
        params[control.name] = control.mesa_param(control.read(scenario))
    for control in WORLD:
        params[control.name] = control.mesa_param(control.read(scenario))
    params[SEED] = {"type": "InputText", "value": str(origin.seed), "label": "Seed"}
    params[SIDE_BY_SIDE] = {
        "type": "Checkbox",
        "value": False,
        "label": "Side by side: compare with strategy B",
    }
    for control in STRATEGY:
        params[B_PREFIX + control.name] = control.mesa_param(control.read(scenario), "B: ")
    return params


def default_controls(scenario: Scenario, origin: Origin) -> dict[str, Any]:
    """The starting value of every control, as the page's Reset would pass them."""
    return {
        name: param["value"] if isinstance(param, dict) and "type" in param else param
        for name, param in mesa_model_params(scenario, origin).items()
        if name != "origin"
    }
