"""Charts into files: the formats, the file names (numbered in deck order) and metadata."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from commsim.charts.layout import Chart
from commsim.config import ConfigError
from commsim.experiment.results.atomic import atomic_write

FORMATS = ("png", "svg", "pdf")
DEFAULT_FORMATS = ("png", "svg")
# Fast zlib level: PNGs twice as quick to write for files about a fifth larger.
PNG_OPTIONS = {"compress_level": 1}


def check_formats(formats: Iterable[str]) -> tuple[str, ...]:
    """Normalise and validate chart formats (``png``, ``svg``, ``pdf``)."""
    chosen = tuple(dict.fromkeys(f.strip().lower().lstrip(".") for f in formats if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise ConfigError(
            f"unknown chart format(s) {', '.join(unknown) or '(none)'}; "
            f"allowed: {', '.join(FORMATS)}",
            parameter="formats",
        )
    return chosen


def chart_stem(index: int, chart: Chart) -> str:
    """File name without extension: numbered so a folder listing follows the deck."""
    return f"{index + 1:02d}_{chart.name}"


def save_chart(chart: Chart, folder: Path, stem: str, formats: Sequence[str]) -> list[Path]:
    """Write one chart in each format; returns the paths written."""
    paths = []
    for fmt in formats:
        path = folder / f"{stem}.{fmt}"
        options: dict[str, Any] = {"pil_kwargs": PNG_OPTIONS} if fmt == "png" else {}
        save = partial(
            chart.figure.savefig, format=fmt, metadata=_metadata(fmt, chart.title), **options
        )
        atomic_write(path, save)  # a full disk names the chart, and leaves no half of it
        paths.append(path)
    return paths


def save_charts(
    charts: Sequence[Chart], folder: Path, prefix: str, formats: Sequence[str] = ("png",)
) -> list[Path]:
    """Write charts into ``folder/charts/`` as ``<prefix>_<nn>_<name>.<format>``."""
    target = Path(folder) / "charts"
    target.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for index, chart in enumerate(charts):
        paths += save_chart(chart, target, f"{prefix}_{chart_stem(index, chart)}", formats)
    return paths


def _metadata(fmt: str, title: str) -> dict[str, str]:
    if fmt == "png":
        return {"Title": title, "Software": "commsim"}
    if fmt in ("svg", "pdf"):
        return {"Title": title, "Creator": "commsim"}
    return {}
