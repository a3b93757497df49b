"""``commsim profile import``: a page-insights export to the ``[brand_profile]`` table.

The reading is :mod:`commsim.experiment.profile.page_insights` (Meta) and
:mod:`commsim.experiment.profile.line_insights` (LINE); this prints the table, or writes it to
``--out`` (never over an existing file).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from commsim.cli.console import bad_input_exits, print_plain, screen, write_failure
from commsim.config import ConfigError
from commsim.experiment.profile.line_insights import (
    LINE_PRESETS,
    LineFriends,
    line_profile_table,
    line_profile_text,
)
from commsim.experiment.profile.page_insights import (
    PLATFORMS,
    platform_choice,
    profile_table,
    profile_text,
    read_export,
)
from commsim.experiment.results.atomic import write_text

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
            "Facebook page or an Instagram account, or a LINE Official Account friends export "
            "(Analytics > Friends, CSV).",
            metavar="FILE",
        ),
    ],
    market_size: Annotated[
        int,
        typer.Option("--market-size", min=50, help="People in the brand's market."),
    ],
    followers: Annotated[
        int | None,
        typer.Option(
            min=0,
            help="The page's followers today: needed for a Meta export (it has none); for a "
            "LINE export \\[default: friends less blocks on its last day].",
        ),
    ] = None,
    followers_90_days_ago: Annotated[
        int | None,
        typer.Option(
            "--followers-90-days-ago",
            min=0,
            help="The page's followers 90 days ago (Insights > Followers): the trend the "
            "status quo is calibrated to follow \\[default: none; for a LINE export, from "
            "the file when it reaches back that far].",
        ),
    ] = None,
    platform: Annotated[
        str | None,
        typer.Option(
            help="facebook, instagram, line or a preset (instagram_2019, line_tw_2025) "
            "\\[default: from the columns, today's platform; LINE's country from the "
            "header's language]."
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Write the table to this TOML file \\[default: print it]."),
    ] = None,
) -> None:
    """Read a page-insights export and write the \\[brand_profile] table it gives (Meta:
    engagement rate per reach, posts a week; LINE: followers and their trend, with the block
    rate as a comment), ready to paste into an experiment file."""
    with bad_input_exits():
        kind, preset = platform_choice(platform)
        insights = read_export(export, kind)
        trend = (
            {}
            if followers_90_days_ago is None
            else {"followers_90_days_ago": followers_90_days_ago}
        )
        if isinstance(insights, LineFriends):
            table = line_profile_table(
                insights,
                market_size=market_size,
                preset=preset or _line_preset(insights),
                followers=followers,
                extra=trend,
            )
            text = line_profile_text(insights, table)
        else:
            if followers is None:
                raise ConfigError(
                    f"{export}: a content export has no follower count; give the page's "
                    "followers today with --followers N"
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
    print_plain(screen(), f"Wrote {out}: paste its [brand_profile] into an experiment file")


def _line_preset(friends: LineFriends) -> str:
    """The LINE preset the header's language gives; English headers do not tell Taiwan
    from Japan, whose plans differ."""
    if friends.language in LINE_PRESETS:
        return LINE_PRESETS[friends.language]
    raise ConfigError(
        f"{friends.source}: its header does not say the account's country; give --platform "
        f"{' or --platform '.join(LINE_PRESETS.values())} (the plans and prices differ)"
    )
