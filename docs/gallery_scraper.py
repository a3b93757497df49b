"""The gallery's image scraper: commsim draws its charts on matplotlib ``Figure`` objects of
its own (no pyplot), so sphinx-gallery's matplotlib scraper does not see them. This one
saves every chart (a :class:`commsim.charts.layout.Chart`, a list of them, or a ``Figure``)
that an example's code block left in its variables and that no earlier block showed."""

from __future__ import annotations

import weakref
from typing import Any

from matplotlib.figure import Figure
from sphinx_gallery.scrapers import figure_rst

_shown: weakref.WeakSet[Figure] = weakref.WeakSet()


def _figures(value: Any) -> list[Figure]:
    if isinstance(value, Figure):
        return [value]
    figure = getattr(value, "figure", None)
    if isinstance(figure, Figure):
        return [figure]
    if isinstance(value, list | tuple):
        return [f for item in value for f in _figures(item)]
    return []


def chart_scraper(block: Any, block_vars: dict[str, Any], gallery_conf: dict[str, Any], **_):
    """Save the block's new charts as the example's images, in the order they were made."""
    found: list[Figure] = []
    for value in list(block_vars["example_globals"].values()):
        for figure in _figures(value):
            if figure not in _shown and figure not in found:
                found.append(figure)
    paths = []
    for figure, path in zip(found, block_vars["image_path_iterator"], strict=False):
        figure.savefig(path, dpi=80)
        _shown.add(figure)
        paths.append(path)
    return figure_rst(paths, gallery_conf["src_dir"])
