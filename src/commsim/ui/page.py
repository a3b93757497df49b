"""The explorer page: Mesa's SolaraViz around ExplorerModel, with commsim's own panels.

SolaraViz gives the standard Mesa page (sidebar controls, Reset / Play / Step, step counter);
the panels here add the strategy summary and profit gap, the live metric charts, the network
view and the button that writes an experiment file. ``commsim explore`` serves ``Page``; the
experiment to start from and the folder for written files come in environment variables, set
by the command before the server imports this module.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import cast

import numpy as np
import solara
from matplotlib.figure import Figure
from mesa.visualization import SolaraViz
from mesa.visualization.utils import update_counter

from commsim.config import make_scenario
from commsim.ui.controls import Origin, default_controls, mesa_model_params
from commsim.ui.experiment_file import read_origin, write_experiment
from commsim.ui.explorer import FOCAL, ExplorerModel, strategy_in_words
from commsim.ui.figures import STRATEGY_LABELS, metrics_figure, network_figure, sample_network

EXPERIMENT_ENV = "COMMSIM_EXPLORE_EXPERIMENT"
SAVE_DIR_ENV = "COMMSIM_EXPLORE_SAVE_DIR"
# The network view is the costliest picture; every few days is enough to see it spread.
NETWORK_EVERY_DAYS = 5
NETWORK_SAMPLE = 300
PNG_DPI = 90
BOLD = {"font-weight": "bold"}
# Vuetify shows a slider's value only while it is dragged; a strategist needs to read it.
PAGE_CSS = """
.v-slider__thumb-label-container { display: block !important; }
.v-slider__thumb-label { height: 32px !important; width: 32px !important; font-size: 9px; }
.v-input__slider { margin-top: 24px; }
.commsim-network { max-width: 100%; }
.commsim-experiment { white-space: pre-wrap; font-size: 11px; }
"""


def png(figure: Figure) -> bytes:
    """A figure as PNG bytes at screen resolution (the style's 200 dpi is for slides)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=PNG_DPI)
    return buffer.getvalue()


def page_origin() -> Origin:
    """The experiment the page starts from (or the defaults when none was given)."""
    path = os.environ.get(EXPERIMENT_ENV, "")
    return read_origin(Path(path)) if path else Origin()


def signed_money(value: float) -> str:
    return f"{value:+,.0f}"


def world_text(model: ExplorerModel) -> str:
    """Platform, population and seed both strategies share, as the model resolved them."""
    scenario = next(iter(model.arms.values())).scenario
    platform = scenario.platform
    reach = f"organic reach {platform.organic_reach:.1%}"
    if platform.organic_reach_tiers:
        reach += ", more for small accounts"
    return (
        f"World: platform {platform.preset} ({reach}), "
        f"{scenario.population.members:,} members, seed {model.settings.seed}."
    )


@solara.component
def StrategySummary(model: ExplorerModel) -> None:
    """What is running, the day, and each strategy's cumulative profit (and the gap)."""
    update_counter.get()  # Mesa's page bumps this after every step
    profit = model.latest("cum_profit")
    members = model.latest("community_members")
    card = solara.Card("Strategies", style={"width": "100%"}, classes=["commsim-summary"])
    with card, solara.Column(gap="4px"):
        if model.problem:
            solara.Warning(model.problem, classes=["commsim-problem"])
        if model.origin.source:
            solara.Text(f"Starting from the base scenario of {model.origin.source}.")
        solara.Text(world_text(model), classes=["commsim-world"])
        for arm, strategy in model.settings.strategies.items():
            with solara.Row(classes=["commsim-strategy"]):
                solara.Text(f"{STRATEGY_LABELS[arm]}: {strategy_in_words(strategy)}", style=BOLD)
                solara.Text(
                    f"day {model.day}: {members[arm]:,.0f} community members, "
                    f"cumulative profit {signed_money(profit[arm])}"
                )
        gap = model.profit_gap()
        if gap is None:
            solara.Text("Tick 'Side by side' and press Reset to compare a strategy B.")
            return
        leader = "B" if gap >= 0 else "A"
        with solara.Column(gap="2px", style={"margin-top": "8px"}):
            solara.Text(
                f"Gap in cumulative profit (B - A): {signed_money(gap)}",
                style={**BOLD, "font-size": "1.4em"},
                classes=["commsim-gap"],
            )
            solara.Text(
                f"Strategy {leader} leads on day {model.day}. Same seed, same population and "
                "network (common random numbers): the gap is the strategies' doing."
            )


@solara.component
def MetricCharts(model: ExplorerModel) -> None:
    """Live metric panels, redrawn whenever the model has moved on."""
    update_counter.get()  # Mesa's page bumps this after every step
    image = solara.use_memo(lambda: png(metrics_figure(model)), [model, model.steps])
    with solara.Card("Key metrics of the brand", style={"width": "100%"}):
        solara.Image(image, width="100%", classes=["commsim-metrics"])


@solara.component
def NetworkView(model: ExplorerModel) -> None:
    """A fixed sample of members around the community, redrawn every few days."""
    update_counter.get()  # Mesa's page bumps this after every step

    def sample():
        # Both strategies share the network; start from either one's community.
        worlds = [arm.members for arm in model.arms.values()]
        community = np.logical_or.reduce([m.member[:, FOCAL] for m in worlds])
        rng = np.random.default_rng(model.settings.seed)
        first = worlds[0]
        return sample_network(first.network, community, first.leader, rng, NETWORK_SAMPLE)

    chosen = solara.use_memo(sample, [model])
    frame = model.steps // NETWORK_EVERY_DAYS
    image = solara.use_memo(lambda: png(network_figure(model, chosen)), [model, frame])
    with solara.Card("Around the community", style={"width": "100%"}):
        solara.Text(
            f"{NETWORK_SAMPLE} members (community members and their friends) and their ties, "
            f"redrawn every {NETWORK_EVERY_DAYS} days."
        )
        solara.Image(image, classes=["commsim-network"])


@solara.component
def SaveExperiment(model: ExplorerModel) -> None:
    """Write the strategies on screen as an experiment file for ``commsim run``."""
    written, set_written = solara.use_state(cast("tuple[Path, str] | None", None))
    folder = Path(os.environ.get(SAVE_DIR_ENV, "."))

    def save() -> None:
        path = write_experiment(folder, model.origin, model.settings)
        set_written((path, path.read_text(encoding="utf-8")))

    with solara.Card("Experiment file", style={"width": "100%"}), solara.Column():
        solara.Text(
            "Writes the strategies now running (press Reset first after moving a control) "
            f"into {folder.resolve()}, to run with replicates by `commsim run`."
        )
        with solara.Row():
            solara.Button("Write experiment file", color="primary", on_click=save)
        if written:
            path, text = written
            solara.Success(f"Wrote {path}")
            solara.Preformatted(text, classes=["commsim-experiment"])


@solara.component
def Panels(model: solara.Reactive[ExplorerModel]) -> None:
    """The main area, laid out for wide charts (Mesa's grid would halve their width)."""
    current = model.value
    with solara.Column(style={"padding": "12px", "width": "100%"}):
        StrategySummary(current)
        MetricCharts(current)
        if current.settings.side_by_side:  # two network maps need the full width
            NetworkView(current)
            SaveExperiment(current)
        else:
            with solara.Columns([3, 2]):
                NetworkView(current)
                SaveExperiment(current)


@solara.component
def Page() -> None:
    """One explorer per browser session, starting from the experiment's base or defaults."""
    origin = solara.use_memo(page_origin, [])
    scenario = solara.use_memo(lambda: make_scenario(origin.base), [origin])
    model = solara.use_memo(
        lambda: solara.reactive(ExplorerModel(origin, **default_controls(scenario, origin))), []
    )
    solara.Style(PAGE_CSS)
    # SolaraViz gives the sidebar (run controls, parameters, step counter) and swaps in a new
    # model on Reset; the panels read that same reactive model.
    SolaraViz(
        model,
        components=[],
        model_params=mesa_model_params(scenario, origin),
        name="commsim explorer" + (f": {origin.source}" if origin.source else ""),
        play_interval=50,
    )
    Panels(model)
