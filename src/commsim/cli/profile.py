"""``commsim profile import``: a page-insights export to the ``[brand_profile]`` table.

The reading is :mod:`commsim.experiment.page_insights`; this prints the table, or writes it
to ``--out`` (never over an existing file).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from commsim.cli.console import bad_input_exits, say, screen, write_failure
from commsim.config import ConfigError
from commsim.experiment.atomic import write_text
from commsim.experiment.page_insights import (
    PLATFORMS,
    platform_choice,
    profile_table,
    profile_text,
    read_page_insights,
)

app = typer.Typer(
    help="Brand profiles from the figures strategists have (page-insights exports).",
    no_args_is_help=True,
)


@app.command("import")
def import_export(
    export: Annotated[
        Path,
        typer.Argument(
            help="Meta Business Suite content export (Insights > Content > Export, CSV) of a "
            "Facebook page or an Instagram account.",
            metavar="FILE",
        ),
    ],
    followers: Annotated[
        int,
        typer.Option(min=0, help="The page's followers today (a content export has none)."),
    ],
    market_size: Annotated[
        int,
        typer.Option("--market-size", min=50, help="People in the brand's market."),
    ],
    followers_90_days_ago: Annotated[
        int | None,
        typer.Option(
            "--followers-90-days-ago",
            min=0,
            help="The page's followers 90 days ago (Insights > Followers): the trend the "
            "status quo is calibrated to follow \\[default: none].",
        ),
    ] = None,
    platform: Annotated[
        str | None,
        typer.Option(
            help="facebook, instagram or a preset (instagram_2019) \\[default: from the columns, "
            "today's platform]."
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Write the table to this TOML file \\[default: print it]."),
    ] = None,
) -> None:
    """Read a page-insights export and write the \\[brand_profile] table it gives (followers,
    engagement rate per reach, posts a week), ready to paste into an experiment file."""
    with bad_input_exits():
        kind, preset = platform_choice(platform)
        insights = read_page_insights(export, kind)
        trend = (
            {}
            if followers_90_days_ago is None
            else {"followers_90_days_ago": followers_90_days_ago}
        )
        table = profile_table(
            insights,
            followers=followers,
            market_size=market_size,
            preset=preset or PLATFORMS[insights.platform],
            extra=trend,
        )
        text = profile_text(insights, table)
        if out is not None and out.exists():
            raise ConfigError(f"{out}: exists; choose another --out (nothing was written)")
    if out is None:
        typer.echo(text, nl=False)  # as is: a console would wrap long lines
        return
    try:
        write_text(out, text)  # whole or not at all
    except OSError as error:
        raise write_failure(error) from None
    say(screen(), f"Wrote {out}: paste its [brand_profile] into an experiment file")
