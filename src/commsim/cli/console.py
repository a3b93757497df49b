"""What every verb prints with: the consoles, the exit codes, and library errors as messages
that name the command line's options.

Exit codes (docs/experiments.md, section 2): 0 success, 1 a failure while running (failed
runs are in the manifest), 2 bad input (one message naming the file, the key and what is
allowed, no traceback, nothing written), 130 interrupted (the folder can be resumed).
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.text import Text

from commsim.config import ConfigError
from commsim.config.limits import printable
from commsim.experiment.results.folder_reading import REBUILD, START_OVER, ResultsFolderError
from commsim.experiment.results.store import (
    FolderBusy,
    FolderRefused,
    LockRefused,
    ResultsStore,
    ResultsWarning,
    ResultsWriteError,
)

# Click's error for a command line that does not parse; Typer now ships its own click, so
# take it from Typer (it is the parent of typer.BadParameter).
UsageError: type[Exception] = next(
    k for k in typer.BadParameter.__mro__ if k.__name__ == "UsageError"
)
EXIT_RUN_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
# How the command line says "write the tables again" (the library says REBUILD).
RESUME_WORDS = (
    "write it again from the runs in runs/ with the command that made the folder and "
    "--resume (its manifest.json has the command as 'argv')"
)
# Options that a resume command leaves out (it adds ``--out FOLDER --resume`` itself).
NOT_REPEATED = {"--resume": 0, "--force": 0, "--out": 1}

# The library's parameter -> the option that sets it. Library errors name the parameter
# (``workers: must be ...``); the command line names its option (``--workers: must be ...``).
OPTIONS = {
    "assumptions": "--assumptions",
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
    "platform": "--platform",
    "points": "--points",
    "port": "--port",
    "question": "--question",
    "scheduler": "--scheduler",
    "studies": "--studies",
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


def print_plain(console: Console, text: str) -> None:
    """Print plain text (no markup, no highlighting, control characters shown visibly)."""
    console.print(user_text(text))


def visible(value: object) -> str:
    """``value`` as text with its control characters shown (``\\x1b[2J`` never clears the
    screen); line breaks stay."""
    return "\n".join(printable(line) for line in str(value).split("\n"))


def user_text(value: object, style: str = "") -> Text:
    """Text a user wrote (a description, a name, a label, a path), or a line holding some, to
    print: never parsed as markup or emoji codes (``[/]`` and ``:x:`` print as they are),
    control characters shown visibly."""
    return Text(visible(value), style=style)


def labelled(label: str, style: str, text: object) -> Text:
    """``label`` in ``style`` (``error:`` in red), then ``text`` as :func:`user_text`."""
    return Text.assemble((label, style), " ", visible(text))


def folder_message(error: FolderRefused) -> str:
    """A results folder that cannot be used, said with the command line's options."""
    path = printable(str(error.path))
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
    if error.problem == "unusable":
        return f"{path}: cannot be used as the results folder: {error.detail}; choose another --out"
    if error.problem == "not commsim's":
        return (
            f"{path}: not a commsim results folder (no {error.detail}); "
            "--force replaces only results commsim wrote, so it leaves this folder and its "
            "files alone; use another --out"
        )
    if error.problem == "damaged":
        return f"{path}: {error.detail}; move it away, use --force to start over, or another --out"
    return str(error)


def message(error: ConfigError) -> str:
    """The error's message, naming options where the library named its parameters."""
    if isinstance(error, FolderRefused):
        return folder_message(error)
    if isinstance(error, FolderBusy | LockRefused):
        return str(error).replace("another folder", "another --out")
    text = str(error)
    if isinstance(error, ResultsFolderError) and REBUILD in text:
        return text.replace(REBUILD, _rebuild_words(error))
    if isinstance(error, ResultsFolderError):
        return text.replace(START_OVER, "start over with --force (its results are replaced)")
    option = OPTIONS.get(error.parameter or "")
    if option is None:
        return text
    head = f"{error.parameter}: "
    lines = [option + ": " + line[len(head) :] for line in text.splitlines()]
    return "\n".join(lines)


def one_line_each(text: str) -> str:
    """Control characters escaped, so each problem stays on its line (and a terminal is not
    sent escape sequences from a file)."""
    return "\n".join(printable(line) for line in text.splitlines())


def bad_input(error: ConfigError) -> typer.Exit:
    """Print the error as one message and return the exit (code 2) to raise."""
    text = one_line_each(message(error))
    errors().print(labelled("error:", "red", text))
    return typer.Exit(EXIT_BAD_INPUT)


def bad_usage(usage_error: Exception) -> typer.Exit:
    """A command line that does not parse (an option out of range, a missing argument) as
    one line, with where to find the options; return the exit (code 2) to raise."""
    error: Any = usage_error  # a UsageError, whose class is only found at run time (above)
    command = error.ctx.command_path if error.ctx is not None else "commsim"
    text = one_line_each(error.format_message()).replace("\n", " ")
    errors().print(labelled("error:", "red", f"{text} (see {command} --help)"))
    return typer.Exit(error.exit_code)


def write_failure(error: OSError, resume: str | None = None) -> typer.Exit:
    """Print a failed write (a full disk, a read-only folder) as one message and return the
    exit (code 1) to raise; ``resume``: the command that continues once it is fixed."""
    if isinstance(error, ResultsWriteError):
        text, fix = str(error), ("free some space" if error.disk_full else "fix that")
    else:
        where = f": {error.filename}" if error.filename else ""
        text, fix = f"{error.strerror or error}{where}", "fix that"
    hint = f"; {fix}, then continue with: {resume}" if resume else ""
    line = one_line_each(text + hint)
    errors().print(labelled("error:", "red", line))
    return typer.Exit(EXIT_RUN_FAILED)


def resume_command(folder: Path | str, argv: Sequence[str] | None = None) -> str:
    """The command as typed (``argv``, this one by default), pointed at ``folder`` with
    ``--resume``."""
    words, skip = [], 0
    for word in list(sys.argv if argv is None else argv)[1:]:
        if skip:
            skip -= 1
            continue
        name = word.split("=", 1)[0]
        if name in NOT_REPEATED:
            skip = NOT_REPEATED[name] if "=" not in word else 0
            continue
        words.append(word)
    return " ".join(["commsim", *words, "--out", str(folder), "--resume"])


def _rebuild_words(error: ResultsFolderError) -> str:
    """How to write a damaged table again: the folder's own command with ``--resume``."""
    folder = error.path.parent if error.path is not None else None
    argv = None
    if folder is not None:
        try:
            argv = ResultsStore(folder).read_manifest().get("argv")
        except ConfigError:
            argv = None
    if (
        folder is not None
        and isinstance(argv, list)
        and len(argv) > 1
        and all(isinstance(a, str) for a in argv)
    ):
        return f"write it again from the runs in runs/ with: {resume_command(folder, argv)}"
    return RESUME_WORDS


def show_warning(message: Warning | str, category: type[Warning], *args: object, **kw: object):
    """``warnings.showwarning`` for the command line: the library's notices about results
    folders as one line (``warning: ...``), any other warning as Python shows it."""
    if issubclass(category, ResultsWarning):
        errors().print(labelled("warning:", "yellow", printable(str(message))))
    else:
        # Passed on exactly as Python called us (its own signature is stricter than ours).
        _python_show_warning(message, category, *args, **kw)  # type: ignore[arg-type]


_python_show_warning = warnings.showwarning


@contextmanager
def bad_input_exits() -> Iterator[None]:
    """Library errors inside the block become one message and exit code 2."""
    try:
        yield
    except ConfigError as error:
        raise bad_input(error) from None
