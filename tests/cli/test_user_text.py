"""User text is only text: square-bracket markup and terminal escape sequences in every field a
user writes (description, brand and competitor names, arm labels, --set values, the results
folder's name) are printed as they are, never parsed as markup or sent to the terminal raw.

Runs ``validate``, a tiny ``run`` and ``report`` in this process (Typer's runner).
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from commsim.cli import app
from commsim.cli.console import user_text

MARKUP = ["[/]", "[/x]", "[bold]", "[red]x[/red]", "[link=file:///etc]y", "\\[", "[", "]\\"]
ESCAPES = ["\x1b[2J", "\x1b]0;title\x07", "\x1b[31m", "\x07", "\r", "\x9b2J", "\x00"]
RAW = ["\x1b", "\x07", "\x9b", "\x00", "\r"]  # none of these may reach the output raw


def toml(text: str) -> str:
    return json.dumps(text).replace("\x7f", "\\u007f")


def experiment(description: str, name: str) -> str:
    """A tiny experiment whose every free-text field carries ``name`` (printable fields) or
    ``description`` (the description, which may hold any character)."""
    return f"""\
[experiment]
name = "text"
description = {toml(description)}
steps = 20
replicates = 1
seed = 1
checkpoints = [10]
reference = "push"

[base]
population.members = 200
population.market_size = 20000
population.market_history_days = 30
brand.name = {toml(name + " brand")}
competitors = [{{ name = {toml(name + " rival")} }}]

[arms.push]
label = {toml(name + " push")}
brand.value_share = 0.1

[arms.value]
label = {toml(name)}
brand.value_share = 0.9
"""


def invoke(tmp_path, monkeypatch, *arguments: str):
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, list(arguments))
    if done.exception is not None and not isinstance(done.exception, SystemExit):
        raise done.exception
    return done.exit_code, done.stdout + done.stderr


def assert_only_text(output: str) -> None:
    assert "Traceback" not in output and "MarkupError" not in output
    assert not [c for c in RAW if c in output], repr(output[:400])


def test_every_user_text_field_is_printed_as_text_by_validate(tmp_path, monkeypatch):
    name = "[/x] [/] [bold]b"
    description = "[/] [bold]x[/x] \x1b[2J \x1b]0;title\x07 end"
    (tmp_path / "e.toml").write_text(experiment(description, name), encoding="utf-8")
    code, output = invoke(tmp_path, monkeypatch, "validate", "e.toml", "--set", "brand.name=[/z]")
    assert code == 0, output
    assert_only_text(output)
    assert "brand.name='[/z]'" in output
    code, output = invoke(tmp_path, monkeypatch, "validate", "e.toml")
    assert code == 0, output
    assert_only_text(output)
    assert "[/] [bold]x[/x] \\x1b[2J \\x1b]0;title\\x07 end" in output
    assert f"{name} brand" in output


@pytest.mark.slow  # a whole run and its report, drawn
def test_every_user_text_field_is_printed_as_text_by_run_and_report(tmp_path, monkeypatch):
    name = "[/x] [/] [bold]b"
    description = "[/] [bold]x[/x] \x1b[2J \x1b]0;title\x07 end"
    (tmp_path / "e.toml").write_text(experiment(description, name), encoding="utf-8")
    out = "res[/]"
    code, output = invoke(
        tmp_path, monkeypatch, "run", "e.toml", "--out", out, "--workers", "1", "--no-charts"
    )
    assert code == 0, output
    assert_only_text(output)
    assert f"Results: {out}" in output and f"{name} brand" in output
    code, output = invoke(tmp_path, monkeypatch, "report", out)
    assert code == 0, output
    assert_only_text(output)
    assert (tmp_path / out / "report.md").is_file()


@pytest.mark.parametrize("field", ["label", "brand.name"])
def test_a_name_with_a_line_break_or_an_escape_sequence_is_refused(tmp_path, monkeypatch, field):
    (tmp_path / "e.toml").write_text(experiment("d", "n"), encoding="utf-8")
    for bad in ("two\nlines", "x\x1b[2J"):
        key = f"arms.value.{field}" if field == "label" else field
        code, output = invoke(
            tmp_path, monkeypatch, "validate", "e.toml", "--set", f"{key}={toml(bad)}"
        )
        if field == "label":  # a label is not a scenario key: say it in the file
            text = experiment("d", "n").replace('label = "n"', f"label = {toml(bad)}")
            (tmp_path / "l.toml").write_text(text, encoding="utf-8")
            code, output = invoke(tmp_path, monkeypatch, "validate", "l.toml")
        assert code == 2
        assert_only_text(output)
        assert len(output.strip().splitlines()) == 1 and "printable" in output


@settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(st.lists(st.sampled_from(MARKUP + ESCAPES + ["a", " ", "\n", "é", "名"]), max_size=8))
def test_user_text_prints_every_character_and_no_markup_or_escape(parts):
    from rich.console import Console

    text = "".join(parts)
    console = Console(record=True, width=400, color_system=None)
    with console.capture() as captured:
        console.print(user_text(text), highlight=False)
    output = captured.get()
    assert_only_text(output)
    shown = "\n".join(line.rstrip() for line in output.split("\n")).rstrip("\n")
    expected = "\n".join(
        "".join(c if c.isprintable() else repr(c)[1:-1] for c in line).rstrip()
        for line in text.split("\n")
    ).rstrip("\n")
    assert shown == expected
