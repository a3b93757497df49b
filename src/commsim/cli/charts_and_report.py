"""``commsim charts`` (every chart of a results folder) and ``commsim report`` (report.md,
report.html and deck.pptx)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from commsim.charts import make_charts
from commsim.charts.files import DEFAULT_FORMATS
from commsim.charts.style import DEFAULT_VARIANT, VARIANTS
from commsim.claims.claims_audit import AUDIT_FILE
from commsim.cli.console import bad_input, bad_input_exits, print_plain, screen, write_failure
from commsim.cli.options import LangOption
from commsim.config import ConfigError
from commsim.experiment.results.store import ResultsStore
from commsim.locale import DEFAULT_LANGUAGE


@contextmanager
def writing_into(folder: Path) -> Iterator[None]:
    """Hold the results folder while charts or a report are written into it (a run writing
    it refuses them), and say in one line when a file cannot be written (exit 1)."""
    store = ResultsStore(folder)
    store.check_name()
    if not folder.is_dir():
        yield  # the charts stage says the folder does not exist
        return
    try:
        with store.lock(create=False):
            yield
    except OSError as error:
        raise write_failure(error) from None


ResultsDir = Annotated[Path, typer.Argument(help="A results folder written by `commsim run`.")]


def charts(
    results_dir: ResultsDir,
    formats: Annotated[
        str, typer.Option("--format", "-f", help="Comma-separated: png, svg, pdf.")
    ] = ",".join(DEFAULT_FORMATS),
    style: Annotated[str, typer.Option(help="deck (16:9 slides) or paper (articles).")] = (
        DEFAULT_VARIANT
    ),
    lang: LangOption = DEFAULT_LANGUAGE,
) -> None:
    """Draw every chart of a results folder into RESULTS_DIR/charts/."""
    if style not in VARIANTS:
        allowed = " or ".join(repr(variant) for variant in VARIANTS)
        raise bad_input(ConfigError(f"--style must be {allowed} (got {style!r})"))
    with bad_input_exits(), writing_into(results_dir):
        paths = make_charts(
            results_dir,
            formats=formats.split(","),
            style=style,  # narrowed to a Variant by the check above
            lang=lang,
        )
    count = len({path.stem for path in paths})
    print_plain(screen(), f"Wrote {count} charts ({len(paths)} files) to {results_dir / 'charts'}")


def report(results_dir: ResultsDir, lang: LangOption = DEFAULT_LANGUAGE) -> None:
    """Write report.md, a self-contained report.html and deck.pptx for a results folder (a
    sweep, sensitivity or calibration folder gets that study's report and deck; a claims
    audit's folder its claims.md, claims.html and claims.pptx)."""
    from commsim.charts.reports.report import write_report

    console = screen()
    with bad_input_exits(), writing_into(results_dir):
        if (results_dir / AUDIT_FILE).is_file():
            from commsim.claims.claims_report import write_claims_report

            paths = write_claims_report(results_dir, lang=lang)[:3]
        else:
            paths = write_report(results_dir, lang=lang)
    print_plain(console, "Wrote " + ", ".join(str(path) for path in paths))
