"""Charts that lead with the answer: what each arm adds against doing nothing (incremental
profit, with the payback marked), where its extra sales come from, what it spends on, and the
funnel from reach to purchase beside the world without the programme."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from commsim.analysis.display import format_day_range, format_value, format_when, in_months
from commsim.analysis.findings.incremental_findings import (
    COST_WORDS,
    ORIGIN_WORDS,
    cost_finding,
    funnel_finding,
    incremental_finding,
    money,
    pays_back,
    sources_finding,
)
from commsim.analysis.incremental import (
    COST_ITEMS,
    SALES_ORIGINS,
    against_world,
    at_horizon,
    mean_totals,
    payback_rows,
    run_totals,
)
from commsim.charts.focal_results import Results, comparison_at
from commsim.charts.layout import (
    Chart,
    arm_tick_label,
    axis_label,
    fill,
    fit_row_labels,
    format_axis,
    new_figure,
    panel_title,
)
from commsim.charts.style import OKABE_ITO, SOURCE_GREY, WORLD_GREY, arm_colours
from commsim.charts.timecharts import Y_LABEL_WIDTH, band_note, draw_fan, time_values
from commsim.config.brand import MONTH_DAYS
from commsim.locale import capitalised, money_unit, say, tr

LABEL_HEIGHT = 0.17  # share of the axes' height one payback label takes
# Cost items: colours of their own (not the arms'), colour-blind safe (Okabe-Ito).
ITEM_COLOURS = {
    "cost_content": OKABE_ITO[5],
    "cost_community": OKABE_ITO[3],
    "cost_replies": OKABE_ITO[4],
    "cost_ads": OKABE_ITO[2],
    "cost_leaders": OKABE_ITO[1],
    "cost_giveaways": "#555555",
    "cost_messages": OKABE_ITO[6],  # yellow: apart from content.s sky blue
}
# Nested: each stage counts people among those reached (engaged, aware now, bought since).
FUNNEL_STAGES = ("reached_members", "engaged_members", "reached_aware", "reached_buyers")
STAGE_WORDS = {
    "reached_members": "Reached",
    "engaged_members": "Engaged",
    "reached_aware": "Aware",
    "reached_buyers": "Bought",
}


def _notes(ax: Axes, text: str) -> None:
    ax.set_title(fill(text, 110), fontsize="small", fontweight="normal", color=SOURCE_GREY)


def incremental_profit_chart(results: Results) -> Chart:
    """Incremental cumulative profit of each arm against its world without the programme
    (mean line, middle 50% and 90% of runs), with each arm's payback day and its spread."""
    values = comparison_at(results, [results.horizon], ["incremental_profit"])
    paybacks = payback_rows(results.crossovers)
    title = incremental_finding(values, paybacks, horizon=results.horizon, labels=results.labels)
    figure, axes = new_figure(results, title, legend_arms=results.arms)
    ax = axes[0, 0]
    draw_fan(ax, results, results.timeseries, "incremental_profit")
    ax.axhline(0, color=WORLD_GREY, linewidth=2, linestyle="--", zorder=1)
    ax.annotate(
        tr("no programme"),
        xy=(1.0, 0.0),
        xycoords=("axes fraction", "data"),
        xytext=(-4, 4),
        textcoords="offset points",
        ha="right",
        va="bottom",
        fontsize="small",
        color=WORLD_GREY,
    )
    colours = arm_colours(results.arms)
    paid = [
        row for _, row in paybacks.iterrows() if str(row["arm"]) in results.arms and pays_back(row)
    ]
    bottom, top = ax.get_ylim()
    share = min(0.5, LABEL_HEIGHT * len(paid))
    if paid:  # headroom above the curves for the labels
        ax.set_ylim(bottom, top + (top - bottom) * share / (1 - share))
    place = 0.98
    for row in sorted(paid, key=lambda r: r["median_day"]):
        arm = str(row["arm"])
        colour = colours[arm]
        low, mid, high = time_values(
            np.array([row["low_day"], row["median_day"], row["high_day"]]), results.horizon
        )
        ax.axvspan(low, high, color=colour, alpha=0.10, linewidth=0)
        ax.axvline(mid, color=colour, linestyle=":", linewidth=2.5)
        ax.plot([mid], [0], marker="o", color=colour, markersize=11, zorder=5)
        right_half = mid > 0.5 * ax.get_xlim()[1]
        runs = (
            say("95% of runs")
            if row["share_crossed"] >= 1
            else say("{k} of {n} runs", k=round(row["share_crossed"] * row["n"]), n=int(row["n"]))
        )
        ax.annotate(
            say(
                "{arm} pays back\nafter {when} ({runs}: {spread})",
                arm=results.labels.get(arm, arm),
                when=format_when(row["median_day"], results.horizon),
                runs=runs,
                # in the unit of the median day: "28 days (10-76)", not "(0-2)" months
                spread=format_day_range(
                    row["low_day"],
                    row["high_day"],
                    results.horizon,
                    months=in_months(row["median_day"], results.horizon),
                ),
            ),
            xy=(low if right_half else high, place),
            xycoords=("data", "axes fraction"),
            xytext=(-8 if right_half else 8, 0),
            textcoords="offset points",
            ha="right" if right_half else "left",
            va="top",
            fontsize="small",
            color=colour,
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1.5},
            zorder=6,
        )
        place -= LABEL_HEIGHT
    ax.set_ylabel(axis_label("incremental_profit", Y_LABEL_WIDTH))
    band_note(ax, results, extra="" if paid else tr("; no arm pays back within the horizon"))
    return Chart("incremental_profit", title, figure)


def sales_sources_chart(results: Results) -> Chart:
    """Where the extra sales come from: purchases over the horizon against the world without
    the programme, split into repeat purchases, purchases switched from rivals and purchases
    new to the brand; one panel per origin, one bar per arm with its 95% interval."""
    table = against_world(
        run_totals(results.timeseries, SALES_ORIGINS), results.arms, results.world_of
    )
    title = sources_finding(table, horizon=results.horizon, labels=results.labels)
    # An origin that is zero everywhere (no switching in this world) gets no empty panel.
    moving = table.groupby("metric")[["value", "world"]].apply(lambda t: t.abs().to_numpy().sum())
    origins = [o for o in SALES_ORIGINS if moving.get(o, 0) > 0] or list(SALES_ORIGINS[:1])
    figure, axes = new_figure(
        results, title, ncols=len(origins), sharey=True, legend_arms=results.arms
    )
    colours = arm_colours(results.arms)
    y = np.arange(len(results.arms))
    for ax, origin in zip(axes[0], origins, strict=True):
        rows = table[table["metric"] == origin].set_index("arm").reindex(results.arms)
        ax.barh(y, rows["mean"], color=[colours[a] for a in results.arms], height=0.6)
        ax.errorbar(
            rows["mean"],
            y,
            xerr=[rows["mean"] - rows["ci_low"], rows["ci_high"] - rows["mean"]],
            fmt="none",
            ecolor="#333333",
            elinewidth=2,
            capsize=4,
        )
        ax.axvline(0, color=WORLD_GREY, linewidth=1.5)
        world = float(rows["world"].dropna().mean()) if rows["world"].notna().any() else 0.0
        panel_title(
            ax,
            say(
                "{origin} (no programme: {world})",
                origin=capitalised(tr(ORIGIN_WORDS[origin])),
                world=format_value(world, "count"),
            ),
            ncols=len(origins),
            size="small",
        )
        format_axis(ax, "purchases", axis="x", signed=True, nbins=max(3, 7 - 2 * len(origins)))
        ax.grid(axis="x")
        ax.grid(axis="y", visible=False)
    label = say(
        "Purchases over {span} beyond the same run without the programme (mean of runs; "
        "lines: 95% CI)",
        span=format_when(results.horizon, results.horizon),
    )
    figure.subfigs[0].supxlabel(fill(label, 100), fontsize="small")
    axes[0, 0].set_yticks(y, [arm_tick_label(results.labels.get(a, a)) for a in results.arms])
    axes[0, 0].invert_yaxis()
    return Chart("sales_sources", title, figure)


def cost_chart(results: Results) -> Chart:
    """Programme cost over the horizon by item, stacked, one bar per arm (mean of runs)."""
    totals = mean_totals(run_totals(results.timeseries, COST_ITEMS), results.arms)
    totals = totals.loc[:, totals.sum(axis=0) > 0]
    title = cost_finding(totals, horizon=results.horizon, labels=results.labels)
    figure, axes = new_figure(results, title)
    ax = axes[0, 0]
    y = np.arange(len(totals))
    left = np.zeros(len(totals))
    for item in totals.columns:
        values = totals[item].to_numpy(dtype=float)
        ax.barh(y, values, left=left, color=ITEM_COLOURS.get(item, "#999999"), height=0.6)
        left += values
    for position, total in zip(y, left, strict=True):
        ax.text(total, position, "  " + money(total), va="center", fontsize="small")
    budgets = _horizon_budgets(results, list(totals.index))
    if budgets.any():
        ax.vlines(budgets, y - 0.42, y + 0.42, colors=SOURCE_GREY, linestyles="--", lw=1.5)
    ax.set_yticks(y, [arm_tick_label(results.labels.get(a, a)) for a in totals.index])
    ax.invert_yaxis()
    ax.set_xlim(0, max(float(left.max()) * 1.25, float(budgets.max()) * 1.1, 1.0))
    format_axis(ax, "cost", axis="x")
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(
        say(
            "Programme cost over {span} ({currency}, mean of runs)",
            span=format_when(results.horizon, results.horizon),
            currency=money_unit(),
        )
    )
    handles: list[Artist] = [
        Patch(color=ITEM_COLOURS.get(item, "#999999"), label=capitalised(tr(COST_WORDS[item])))
        for item in totals.columns
    ]
    if budgets.any():
        handles.append(
            Line2D([], [], color=SOURCE_GREY, ls="--", label=tr("Monthly budget over the horizon"))
        )
    figure.subfigs[0].legend(
        handles=handles, loc="outside upper left", ncols=min(6, len(handles)), handlelength=1.5
    )
    return Chart("costs", title, figure)


def _horizon_budgets(results: Results, arms: list[str]) -> np.ndarray:
    """Each arm's monthly budget times the horizon's 30-day months (0: no budget)."""
    months = results.horizon / MONTH_DAYS
    return np.array(
        [
            float(results.scenario(arm).get("brand", {}).get("monthly_budget", 0.0) or 0.0) * months
            for arm in arms
        ]
    )


def funnel_chart(results: Results) -> Chart:
    """Reached -> engaged -> aware -> bought at the horizon, one bar per arm and stage on a
    common linear scale (people in the market), each labelled with its conversion; the world
    without the programme in grey, since awareness and buyers exist without it."""
    per_run = at_horizon(results.timeseries, (*FUNNEL_STAGES, "buyers"))
    shown = [*results.arms, *results.worlds]
    means = mean_totals(per_run, shown)
    buyers = against_world(per_run[["buyers"]], results.arms, results.world_of)
    if len(buyers):
        title = funnel_finding(buyers, horizon=results.horizon, labels=results.labels)
    else:
        rows = comparison_at(results, [results.horizon], ["buyers"])
        best = rows.sort_values("mean", ascending=False).iloc[0]
        title = say(
            "{arm} ends with the most buyers after {span}: mean {value}",
            arm=results.labels.get(best["arm"], best["arm"]),
            span=format_when(results.horizon, results.horizon),
            value=format_value(best["mean"], "count"),
        )
    figure, axes = new_figure(results, title, legend_arms=results.arms)
    ax = axes[0, 0]
    colours = {**arm_colours(results.arms), **dict.fromkeys(results.worlds, WORLD_GREY)}
    stages = [s for s in FUNNEL_STAGES if s in means.columns]
    height = 0.8 / max(1, len(means))
    market = float(results.scenario().get("population", {}).get("market_size") or 0)
    largest = float(means[stages].to_numpy().max()) if len(means) else 1.0
    labels = []
    for i, arm in enumerate(means.index):
        for j, stage in enumerate(stages):
            value = float(means.loc[arm, stage])
            position = j + (i - (len(means) - 1) / 2) * height
            ax.barh(position, value, height=height * 0.9, color=colours[arm])
            labels.append(
                ax.text(
                    value + largest * 0.01,
                    position,
                    _conversion(means, arm, stages, j, market),
                    va="center",
                    fontsize="x-small",
                )
            )
    ax.set_yticks(range(len(stages)), [tr(STAGE_WORDS[s]) for s in stages])
    ax.invert_yaxis()
    ax.set_xlim(0, largest * 1.45)
    format_axis(ax, "buyers", axis="x")
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(
        say(
            "People after {span} (mean of runs; market: {market})",
            span=format_when(results.horizon, results.horizon),
            market=format_value(market, "count") if market else "?",
        )
    )
    if results.worlds:
        handles = [Patch(color=WORLD_GREY, label=tr("No programme"))]
        ax.legend(handles=handles, loc="lower right", fontsize="small")
    _notes(
        ax,
        tr(
            "Reached, engaged: ever shown, or ever engaged with, a post by or about the brand "
            "(members' shares and leaders' posts too). Aware, bought: of those reached, who know "
            "the brand now and who have bought it since. Grey: the same world without the "
            "programme"
        ),
    )
    fit_row_labels(ax, labels, height)  # adjacent bars' labels never overprint
    return Chart("funnel", title, figure)


def _conversion(means: pd.DataFrame, arm: str, stages: list[str], j: int, market: float) -> str:
    """``526k, 53% of the market`` / ``8.7k, 1.7% of reached`` / ``402k, 63% of aware``."""
    stage = stages[j]
    value = float(means.loc[arm, stage])
    text = format_value(value, "count")
    base, words = {
        "engaged_members": ("reached_members", "of reached"),
        "reached_aware": ("reached_members", "of reached"),
        "reached_buyers": ("reached_members", "of reached"),
    }.get(stage, (None, "of the market"))
    denominator = float(means.loc[arm, base]) if base in means.columns else market
    if denominator > 0:
        text += ", " + format_value(value / denominator, "share") + " " + tr(words)
    return text
