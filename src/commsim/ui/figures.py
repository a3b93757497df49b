"""The explorer's pictures: live metric panels and the network around the community.

Plain matplotlib figures (no pyplot, so drawing from the server's threads is safe) in the deck
style and palette, scaled down to a browser panel. The page renders them to PNG on the server,
so the browser needs no chart library from the internet.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import matplotlib as mpl
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.colors import LinearSegmentedColormap, Normalize
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from scipy import sparse

from commsim.analysis.windows import RATES, trailing_rate
from commsim.charts.style import OKABE_ITO, style_path
from commsim.ui.explorer import FOCAL, ExplorerModel

# Deck sizes are for full-screen slides; a browser panel is about half that.
PANEL_RC = {
    "font.size": 10,
    "axes.titlesize": 10.5,
    "axes.labelsize": 10,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "legend.fontsize": 9,
    "lines.linewidth": 1.8,
    "figure.titlesize": 12,
    "axes.titlepad": 6,
}
STRATEGY_LABELS = {"strategy_a": "A", "strategy_b": "B"}
# Rates are noisy day by day (no posts on some days): show them over the last week.
SMOOTHING_DAYS = 7
# Attitude runs from vermillion (against) through grey (neutral) to blue (for): Okabe-Ito ends.
ATTITUDE_CMAP = LinearSegmentedColormap.from_list(
    "attitude", [OKABE_ITO[1], "#DDDDDD", OKABE_ITO[0]]
)
UNAWARE_GREY = "#BBBBBB"
ATTITUDE_RANGE = 0.5


# Validated once: the page server scopes rcParams per browser session and stores what a style
# context sets without validating it, so the style's raw strings must never reach it.
DECK_RC = dict(mpl.rc_params_from_file(style_path("deck"), use_default_template=False))


@contextmanager
def panel_style() -> Iterator[None]:
    """The deck style and palette at browser-panel sizes."""
    rc: dict[Any, Any] = {**DECK_RC, **PANEL_RC, "figure.constrained_layout.use": False}
    with mpl.rc_context(rc):
        yield


Series = dict[str, np.ndarray]


def weekly(rate: str):
    """A rate per strategy over the last week (:mod:`commsim.analysis.windows`): gaps (NaN)
    where the brand did not post, instead of zeros that would dilute it."""

    def values(model: ExplorerModel) -> Series:
        parts = {name: model.series(name) for name in RATES[rate]}
        return {
            arm: trailing_rate(
                pd.DataFrame({name: series[arm] for name, series in parts.items()}),
                rate,
                SMOOTHING_DAYS,
            ).to_numpy()
            for arm in model.arms
        }

    return values


def metric(name: str, scale: float = 1.0):
    """A recorded metric per strategy, scaled (100 for percentages)."""
    return lambda model: {arm: v * scale for arm, v in model.series(name).items()}


def in_percent(series):
    return lambda model: {arm: v * 100.0 for arm, v in series(model).items()}


# Panel title and its lines: (line style, values per strategy); solid and dashed as in the legend.
PANELS = (
    (
        "Community members",
        (("-", metric("community_members")), ("--", metric("active_members"))),
    ),
    (
        f"Organic reach, % ({SMOOTHING_DAYS} days)",
        (("-", in_percent(weekly("organic_reach_rate"))),),
    ),
    (
        f"Engagement rate, % ({SMOOTHING_DAYS} days)",
        (("-", in_percent(weekly("engagement_rate"))),),
    ),
    ("Awareness, % of members", (("-", metric("awareness", 100.0)),)),
    ("Mean attitude of the aware", (("-", metric("mean_attitude")),)),
    (
        "Cumulative revenue and profit",
        (("-", metric("cum_revenue")), ("--", metric("cum_profit"))),
    ),
)


def metrics_figure(model: ExplorerModel) -> Figure:
    """Six panels of the focal brand's key metrics, one colour per strategy."""
    with panel_style():
        figure = Figure(figsize=(10.5, 5.6), dpi=90)
        axes = figure.subplots(2, 3, sharex=True)
        colours = dict(zip(model.arms, OKABE_ITO, strict=False))
        days = np.arange(1, model.steps + 1)
        for ax, (title, lines) in zip(axes.flat, PANELS, strict=True):
            for style, values in lines:
                for arm, shown in values(model).items():
                    ax.plot(days, shown, style, color=colours[arm])
            ax.set_title(title, loc="left")
            ax.axhline(0, color="#999999", linewidth=0.6, zorder=0)
        if len(model.arms) == 2:
            _shade_gap(axes.flat[-1], model, colours)
        for ax in axes[1]:
            ax.set_xlabel("day")
        axes[0, 0].set_xlim(left=0, right=max(model.steps, 30))
        # A fixed layout: constrained layout would double the cost of every frame.
        figure.subplots_adjust(
            left=0.06, right=0.99, top=0.94, bottom=0.15, wspace=0.22, hspace=0.3
        )
        figure.legend(handles=_legend_handles(model, colours), loc="lower center", ncols=6)
        return figure


def _shade_gap(ax, model: ExplorerModel, colours: Mapping[str, str]) -> None:
    """Fill between the two strategies' cumulative profit, in the leader's colour."""
    (a, first), (b, second) = model.series("cum_profit").items()
    days = np.arange(1, len(first) + 1)
    ax.fill_between(days, first, second, where=second >= first, color=colours[b], alpha=0.15)
    ax.fill_between(days, first, second, where=second < first, color=colours[a], alpha=0.15)


def _legend_handles(model: ExplorerModel, colours: Mapping[str, str]) -> list[Line2D]:
    handles = [
        Line2D([], [], color=colours[arm], label=f"strategy {STRATEGY_LABELS[arm]}")
        for arm in model.arms
    ]
    handles += [
        Line2D([], [], color="#333333", linestyle="-", label="members / revenue"),
        Line2D([], [], color="#333333", linestyle="--", label="active / profit"),
    ]
    return handles


@dataclass(frozen=True)
class NetworkSample:
    """A few hundred members around the brand's community, with fixed positions."""

    members: np.ndarray  # indices into the population
    edges: np.ndarray  # (E, 2) positions in ``members``
    positions: np.ndarray  # (n, 2) layout


def sample_network(
    network: sparse.csr_matrix,
    community: np.ndarray,
    leader: np.ndarray,
    rng: np.random.Generator,
    size: int = 300,
) -> NetworkSample:
    """Members of the community and some of their friends, laid out once.

    The picture keeps its nodes while the model runs, so one sees the community spread
    through friendships instead of a reshuffled sample every frame.
    """
    n = network.shape[0]
    size = min(size, n)
    core = np.flatnonzero(community)
    if core.size == 0:  # no community: start from the opinion leaders
        core = np.flatnonzero(leader)
    if core.size == 0:
        core = rng.choice(n, size=min(10, n), replace=False)
    core = rng.permutation(core)[: max(size // 4, 1)]
    friends = np.setdiff1d(network[core].indices, core)
    take = min(size - core.size, friends.size)
    chosen = np.concatenate([core, rng.choice(friends, size=take, replace=False)])
    sub = sparse.triu(network[chosen][:, chosen], k=1).tocoo()
    edges = np.column_stack([sub.row, sub.col])
    graph = nx.Graph()
    graph.add_nodes_from(range(chosen.size))
    graph.add_edges_from(edges.tolist())
    layout = nx.spring_layout(graph, seed=int(rng.integers(2**31)), iterations=40)
    positions = np.array([layout[i] for i in range(chosen.size)])
    return NetworkSample(chosen, edges, positions)


def _network_keys(figure: Figure, axes: list, norm: Normalize) -> None:
    """The attitude colour bar and the legend of rings and stars."""
    colourbar = figure.colorbar(
        mpl.cm.ScalarMappable(norm=norm, cmap=ATTITUDE_CMAP),
        ax=axes,
        shrink=0.6,
        location="right",
        extend="both",
    )
    colourbar.set_label("attitude to the brand (grey dot: unaware)")
    figure.legend(
        handles=[
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markerfacecolor="white",
                markeredgecolor="black",
                label="community member",
            ),
            Line2D(
                [],
                [],
                marker="*",
                linestyle="",
                markersize=12,
                color=OKABE_ITO[3],
                label="opinion leader",
            ),
        ],
        loc="lower center",
        ncols=2,
    )


def network_figure(model: ExplorerModel, sample: NetworkSample) -> Figure:
    """The sampled members per strategy: colour = attitude to the brand, ring = in community."""
    with panel_style():
        arms = list(model.arms.items())
        figure = Figure(figsize=(5.2 * len(arms), 5.0), dpi=90)
        axes = np.atleast_1d(figure.subplots(1, len(arms)))
        figure.subplots_adjust(left=0.01, right=0.9, top=0.93, bottom=0.08, wspace=0.05)
        # Attitudes rarely leave [-0.5, 0.5]; a full [-1, 1] scale would leave every dot grey.
        norm = Normalize(-ATTITUDE_RANGE, ATTITUDE_RANGE)
        segments = sample.positions[sample.edges]
        for ax, (arm, community_model) in zip(axes, arms, strict=True):
            m = community_model.members
            idx = sample.members
            attitude = m.attitude[idx, FOCAL]
            aware = m.aware[idx, FOCAL]
            in_community = m.member[idx, FOCAL]
            leader = m.leader[idx]
            colours = np.where(
                aware[:, None], ATTITUDE_CMAP(norm(attitude)), mpl.colors.to_rgba(UNAWARE_GREY)
            )
            ax.add_collection(LineCollection(segments, colors="#CCCCCC", linewidths=0.4, zorder=1))
            for mask, marker, size in ((~leader, "o", 28), (leader, "*", 170)):
                ax.scatter(
                    *sample.positions[mask].T,
                    c=colours[mask],
                    s=size,
                    marker=marker,
                    edgecolors=np.where(in_community[mask], "#000000", "none"),
                    linewidths=1.1,
                    zorder=3 if marker == "*" else 2,
                )
            ax.set_title(
                f"{STRATEGY_LABELS[arm]}: {int(in_community.sum())} in community, "
                f"{int(aware.sum())} aware",
                loc="left",
            )
            ax.set_axis_off()
            ax.set_aspect("equal")
        _network_keys(figure, list(axes), norm)
        return figure
