"""Charts of the claims audit, one pair per claim, deck style, titled with their findings:

- **effect by platform**: the first check's mean paired difference with its 95% interval on
  each platform, coloured by the verdict, beside the same difference in the reversing world;
- **ablation**: per mechanism, the share of the effect lost when it is switched off.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import PercentFormatter

from commsim.analysis.display import display
from commsim.charts.layout import Chart, fit_axis_texts, format_axis
from commsim.charts.study_charts import titled_figure
from commsim.charts.style import OKABE_ITO, arm_colours
from commsim.claims.claims_findings import (
    arm_name,
    effect_unit,
    mechanism_finding,
    outcome_metric,
    percent,
    platform_label,
    verdict_finding,
    verdict_word,
    world_text,
)
from commsim.claims.claims_verdicts import HOLDS, REVERSED, UNDECIDED
from commsim.locale import say, speech, tr

VERDICT_COLOURS = {HOLDS: OKABE_ITO[0], REVERSED: OKABE_ITO[1]}
UNDECIDED_GREY = "#999999"
REVERSAL_INK = "#444444"


def effect_chart(rows: pd.DataFrame, source: str) -> Chart:
    """The claim's first check on each platform, as asserted and in the reversing world."""
    first = rows.iloc[0]
    claim_id, metric = str(first["claim"]), outcome_metric(str(first["outcome"]))
    title = verdict_finding(claim_id, str(first["title"]), rows)
    figure, ax = titled_figure(title, source)
    x = np.arange(len(rows))
    for i, row in enumerate(rows.itertuples(index=False)):
        colour = VERDICT_COLOURS.get(row.verdict, UNDECIDED_GREY)
        _point(ax, x[i] - 0.12, row.effect, row.ci_low, row.ci_high, colour, "o", filled=True)
        _point(
            ax,
            x[i] + 0.12,
            row.reversal_effect,
            row.reversal_low,
            row.reversal_high,
            REVERSAL_INK,
            "D",
            filled=False,
        )
    ax.axhline(0, color="#555555", linewidth=1)
    ax.set_xticks(x, [platform_label(str(p)) for p in rows["platform"]])
    ax.set_xlim(-0.6, len(rows) - 0.4)
    format_axis(ax, metric, signed=True)
    favoured = arm_name(str(first["favoured"]))
    ax.set_ylabel(
        say(
            "{favoured} minus {versus}: {metric} ({unit})",
            favoured=favoured[:1].upper() + favoured[1:],
            versus=arm_name(str(first["versus"])),
            metric=tr(display(metric).label),
            unit=effect_unit(metric),
        ).replace(" ()", "")
    )
    ax.grid(axis="x", visible=False)
    handles = [
        Line2D(
            [],
            [],
            color=VERDICT_COLOURS[HOLDS],
            marker="o",
            linestyle="",
            label=verdict_word(HOLDS),
        ),
        Line2D(
            [],
            [],
            color=VERDICT_COLOURS[REVERSED],
            marker="o",
            linestyle="",
            label=verdict_word(REVERSED),
        ),
        Line2D(
            [], [], color=UNDECIDED_GREY, marker="o", linestyle="", label=verdict_word(UNDECIDED)
        ),
        Line2D(
            [],
            [],
            color=REVERSAL_INK,
            marker="D",
            markerfacecolor="white",
            linestyle="",
            # wrapped: a world is described in a sentence, which must not push the axes aside
            label=f"{tr('reversing world:')}\n{_wrapped(world_text(str(first['reversal_world'])))}",
        ),
    ]
    ax.legend(handles=handles, loc="best", fontsize="x-small", framealpha=0.9)
    return Chart(f"{claim_id}_effect", title, figure)


def _wrapped(text: str, width: int = 44) -> str:
    """A sentence in lines of ``width`` characters (half as many for CJK, twice as wide)."""
    if speech().cjk:
        width //= 2
        return "\n".join(text[i : i + width] for i in range(0, len(text), width))
    return textwrap.fill(text, width)


def _point(ax, x: float, mean: float, low: float, high: float, colour, marker, *, filled) -> None:
    """A mean with its interval (no bar when the interval is unknown)."""
    if not np.isfinite(mean):
        return
    if np.isfinite(low) and np.isfinite(high):
        ax.errorbar(
            [x], [mean], yerr=[[mean - low], [high - mean]], color=colour, capsize=6, linewidth=2
        )
    face = colour if filled else "white"
    ax.plot([x], [mean], marker=marker, color=colour, markerfacecolor=face, markersize=11)


def ablation_chart(rows: pd.DataFrame, source: str) -> Chart | None:
    """Per mechanism and platform, the share of the effect lost when it is switched off."""
    if len(rows) == 0:
        return None
    claim_id = str(rows["claim"].iloc[0])
    title = mechanism_finding(claim_id, rows)
    figure, ax = titled_figure(title, source)
    mechanisms = list(dict.fromkeys(rows["mechanism"]))
    platforms = list(dict.fromkeys(rows["platform"]))
    colours = arm_colours(platforms)
    height = 0.8 / len(platforms)
    y = np.arange(len(mechanisms))[::-1]
    for j, platform in enumerate(platforms):
        own = rows[rows["platform"] == platform].set_index("mechanism").reindex(mechanisms)
        shares = own["share_lost"].to_numpy(float)
        offsets = y + 0.4 - height * (j + 0.5)
        ax.barh(
            offsets,
            np.nan_to_num(shares),
            height=height * 0.9,
            color=colours[platform],
            label=platform_label(platform),
        )
        for offset, share in zip(offsets, shares, strict=True):
            text = percent(share)
            ax.annotate(
                text,
                (np.nan_to_num(share), offset),
                xytext=(4 if np.nan_to_num(share) >= 0 else -4, 0),
                textcoords="offset points",
                ha="left" if np.nan_to_num(share) >= 0 else "right",
                va="center",
                fontsize="small",
            )
    ax.set_yticks(y, [say("without {mechanism}", mechanism=tr(m)) for m in mechanisms])
    ax.axvline(0, color="#555555", linewidth=1)
    ax.axvline(1, color="#555555", linewidth=1, linestyle=":")
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_xlabel(tr("Share of the effect lost with the mechanism switched off (100%: all of it)"))
    ax.grid(axis="y", visible=False)
    ax.legend(loc="best", fontsize="small")
    return Chart(f"{claim_id}_ablation", title, figure)


def claim_charts(
    claims: pd.DataFrame, mechanisms: pd.DataFrame, source: str
) -> dict[str, list[Chart]]:
    """Each claim's charts, in the claims' order."""
    charts: dict[str, list[Chart]] = {}
    for claim_id in dict.fromkeys(claims["claim"]):
        rows = claims[claims["claim"] == claim_id]
        drawn = [effect_chart(rows, source)]
        if len(mechanisms):
            ablation = ablation_chart(mechanisms[mechanisms["claim"] == claim_id], source)
            if ablation is not None:
                drawn.append(ablation)
        for chart in drawn:
            fit_axis_texts(chart.figure)
        charts[str(claim_id)] = drawn
    return charts
