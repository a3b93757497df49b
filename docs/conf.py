"""Sphinx configuration of the commsim documentation site.

Build it with ``pip install -e ".[docs]"`` and
``sphinx-build -W --keep-going -b html docs docs/_build/html`` (the README says so too).
The pages are the Markdown files of docs/ (MyST), the API reference comes from the
docstrings (autodoc and autosummary), and the gallery runs docs/examples/ (sphinx-gallery):
one small script per kind of chart.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
HERE = Path(__file__).parent
# The checkout's own package, whatever commsim is installed, and gallery_scraper (named below).
sys.path[:0] = [str(HERE.parent / "src"), str(HERE)]

from commsim import __version__  # noqa: E402

project = "commsim"
author = "the commsim developers"
copyright = "the commsim developers (MIT licence)"
release = __version__
version = __version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "sphinx_gallery.gen_gallery",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = [
    "_build",
    "Thumbs.db",
    ".DS_Store",
    "claims_example/claims.md",  # a generated report, linked from its README page
    "claims_tokyo/claims.md",  # the same, in Japanese
    "examples/README.rst",  # the gallery's header, read by sphinx-gallery
]

# Markdown: heading anchors, so links like [section 7](model.md#7-submodels) resolve.
myst_heading_anchors = 4
myst_enable_extensions = ["colon_fence", "dollarmath"]
myst_fence_as_directive = ["math"]  # GitHub's ```math blocks, as equations

# API reference from the docstrings, in the order of the source.
autosummary_generate = True
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_inherit_docstrings = False  # Mesa's and pydantic's own docstrings are not ours
autodoc_default_options = {"members": True, "show-inheritance": False}
napoleon_google_docstring = False

sphinx_gallery_conf = {
    "examples_dirs": "examples",
    "gallery_dirs": "auto_examples",
    "filename_pattern": r"/plot_",
    "download_all_examples": False,
    "remove_config_comments": True,
    "within_subsection_order": "FileNameSortKey",
    # The scripts write only into temporary folders.
    "image_scrapers": ("gallery_scraper.chart_scraper",),
}
# CI builds the whole gallery; COMMSIM_DOCS_FAST=1 skips running the examples.
if os.environ.get("COMMSIM_DOCS_FAST"):
    sphinx_gallery_conf["plot_gallery"] = "False"

html_theme = "pydata_sphinx_theme"
html_title = f"commsim {version}"
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "secondary_sidebar_items": ["page-toc"],
}
html_static_path: list[str] = []
