"""What every verb prints with: the consoles, the exit codes, and library errors as messages
that name the command line's options.

Exit codes (docs/experiments.md, section 2): 0 success, 1 a failure while running (failed
runs are in the manifest), 2 bad input (one message naming the file, the key and what is
allowed, no traceback, nothing written), 130 interrupted (the folder can be resumed).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.markup import escape

from commsim.config import ConfigError
from commsim.experiment.store import FolderRefused

EXIT_RUN_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130

# The library's parameter -> the option that sets it. Library errors name the parameter
# (``workers: must be ...``); the command line names its option (``--workers: must be ...``).
OPTIONS = {
    "base_size": "--points",
    "claims": "--claims",
    "design": "--design",
    "executor": "--executor",
    "formats": "--format",
    "lang": "--lang",
    "lever": "--lever",
    "method": "--method",
    "outcome": "--outcome",
    "overrides": "--set",
    "platforms": "--platforms",
    "points": "--points",
    "port": "--port",
    "question": "--question",
    "scheduler": "--scheduler",
    "steps": "--steps",
    "versus": "--versus",
    "workers": "--workers",
}


def screen() -> Console:
    """Standard output; wide when it is not a terminal, so tables do not wrap in logs."""
    return Console() if sys.stdout.isatty() else Console(width=140)


def errors() -> Console:
    """Standard error, for problems and for how to go on."""
    return Console(stderr=True, soft_wrap=True)


def say(console: Console, text: str) -> None:
    """Print plain text (no markup, no highlighting)."""
    console.print(text, highlight=False, markup=False)


def folder_message(error: FolderRefused) -> str:
    """A results folder that cannot be used, said with the command line's options."""
    path = error.path
    if error.problem == "not a folder":
        return f"{path}: exists and is not a folder; choose another --out"
    if error.problem == "not empty" and error.detail == "resumable":
        return (
            f"{path}: results folder is not empty; use --resume to continue its runs, "
            "--force to replace its results, or another --out"
        )
    if error.problem == "not empty":
        return (
            f"{path}: results folder is not empty; use --force to write into it, or another --out"
        )
    if error.problem == "differs":
        return (
            f"{path}: the experiment differs from the one these results were made with "
            f"({error.detail}); --resume needs the same experiment, settings and "
            "command-line options; use another --out, or --force to start over"
        )
    return str(error)


def message(error: ConfigError) -> str:
    """The error's message, naming options where the library named its parameters."""
    if isinstance(error, FolderRefused):
        return folder_message(error)
    text = str(error)
    option = OPTIONS.get(error.parameter or "")
    if option is None:
        return text
    head = f"{error.parameter}: "
    lines = [option + ": " + line[len(head) :] for line in text.splitlines()]
    return "\n".join(lines)


def bad_input(error: ConfigError) -> typer.Exit:
    """Print the error as one message and return the exit (code 2) to raise."""
    errors().print(f"[red]error:[/red] {escape(message(error))}", highlight=False)
    return typer.Exit(EXIT_BAD_INPUT)


@contextmanager
def bad_input_exits() -> Iterator[None]:
    """Library errors inside the block become one message and exit code 2."""
    try:
        yield
    except ConfigError as error:
        raise bad_input(error) from None
