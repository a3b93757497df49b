"""Hostile experiment files, ``--set`` values and options: each ends in exit 2 with one line
naming what is wrong, no traceback, and nothing written, or is accepted as valid.

Cases are generated (hypothesis, derandomized: the same cases every time) from a small valid
experiment by one hostile change each: a value replaced (huge, deep, infinite, of the wrong
kind), a key added (a thousand parts deep, empty, with control characters), a name that no
file system takes, a ``--set`` or option of the same kinds, or bytes that are not TOML at
all. They run in this process (``commsim run``, with the running itself replaced by a stub
that marks the case valid), a few hundred in seconds.

``python tests/cli/test_input_fuzz.py`` tries every single change there is (about 700) and
counts the violations.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from commsim.cli import app
from commsim.cli import run as run_verb

# The valid experiment every case changes once: section -> key -> TOML value.
BASE: dict[str, dict[str, str]] = {
    "experiment": {
        "name": '"fuzz"',
        "steps": "30",
        "replicates": "2",
        "seed": "1",
        "checkpoints": "[10, 20]",
        "reference": '"push"',
    },
    "base": {"population.members": "300", "platform.rank_limits": "[0.2, 3.0]"},
    "arms.push": {"brand.value_share": "0.1"},
    "arms.value": {"brand.value_share": "0.9", "brand.community": '"topic"'},
}
SWEEP = {
    "uncertainties": {'"platform.organic_reach"': "[0.02, 0.2]"},
    "levers": {'"brand.ad_budget_per_day"': "{ none = 0, some = 50 }"},
}
DIGITS = 5000


def deep_array(depth: int) -> str:
    return "[" * depth + "1" + "]" * depth


def deep_table(depth: int) -> str:
    return "{ a = " * depth + "1" + " }" * depth


def toml_string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's, DEL aside)."""
    return json.dumps(text).replace("\x7f", "\\u007f")


HOSTILE_TEXT = [
    "",
    " ",
    "a" * 101,
    "a" * 300,
    "x\n",
    "x\r\ny",
    "\t",
    "\x1b[31mred",
    "\x00",
    "名字",
    "../../etc",
    "a/b",
    "-leading",
    ".hidden",
    "CON",
    "é" * 60,
]
HOSTILE_VALUES = [
    "0",
    "-1",
    "1e21",
    "-1e21",
    "1e308",
    "1e309",
    "inf",
    "-inf",
    "nan",
    "9" * 30,
    "9" * 309,  # past a float's range
    "-" + "9" * 400,
    "9" * DIGITS,
    "0.0000001",
    "true",
    "1979-05-27",
    "07:32:00",
    "1979-05-27T07:32:00Z",
    "[]",
    "[1]",
    "[1, 2, 3]",
    "[1, inf]",
    "[nan, 1]",
    '["a", "b"]',
    "{}",
    "{ a = 1 }",
    deep_array(40),
    deep_array(5000),
    deep_table(40),
    deep_table(3000),
    *[toml_string(t) for t in HOSTILE_TEXT],
]
HOSTILE_KEYS = [
    ".".join(["a"] * 1200),
    '"' + ".".join(["a"] * 900) + '"',  # one quoted key, read as 900 nested tables
    ".".join(["population"] * 20),
    '""',
    '"a..b"',
    '"\\u0000"',
    '"x\\ny"',
    "population.members.extra",
    "brand.value_shar",
    "competitors",
    "population",
    "k" * 5000,
]
HOSTILE_SETS = [
    "population.members=" + "9" * DIGITS,
    "population.members=" + deep_array(5000),
    "population.members=" + "9" * 30,
    "experiment.name=" + "n" * 300,
    "experiment.name=a/b",
    'experiment.name="x\\n"',
    "experiment.replicates=0",
    "experiment.steps=1e21",
    "experiment.checkpoints=[1, inf]",
    "experiment.checkpoints=" + deep_array(5000),
    "platform.rank_limits=[0.5]",
    "platform.rank_limits=[1, inf]",
    "x",
    "=1",
    " = 1",
    "a..b=1",
    ".".join(["a"] * 1200) + "=1",
    "brand.value_share=" + "1" * 20_000,
    "brand.name=x\x1b[2J",
    "brand.name=",
    "population=big",
    "competitors=[1]",
]
HOSTILE_OPTIONS = [
    ["--workers", "0"],
    ["--workers", "-3"],
    ["--workers", "9" * 40],
    ["--steps", "0"],
    ["--steps", "9" * 40],
    ["--seed", "-1"],
    ["--seed", "9" * 40],
    ["--replicates", "0"],
    ["--replicates", "9" * 40],
    ["--executor", "slurm"],
    ["--executor", ""],
    ["--executor", "dask", "--scheduler", "tcp://127.0.0.1:1"],
]
HOSTILE_BYTES = [
    b"",
    b"\xff\xfe\x00\x01",
    b"\xef\xbb\xbf[experiment]\nname = 'bom'\n",
    b"[experiment\n",
    b"[experiment]\nname = 'x'\n" + b"\x00" * 10,
    b"a = 1\n" * 200_000,  # 1.2 MB
    b"[" * 100_000,
]


@dataclass
class Case:
    """One hostile invocation: the experiment file's bytes and the command-line options."""

    kind: str
    data: bytes
    options: list[str] = field(default_factory=list)
    file_name: str = "x.toml"


class Accepted(Exception):
    """The case got past every check: a valid experiment (not a violation)."""


class Unusable(Exception):
    """An accepted experiment whose names cannot be file names: it would fail later."""


def reached(experiment: Any, *args: Any, **kwargs: Any) -> None:
    """What replaces the runs: an accepted experiment's names must make usable file names
    (a run file's name, with its temporary prefix and suffix, within 255 bytes)."""
    for name in [experiment.name, *experiment.arm_names]:
        if len(name.encode("utf-8")) + 40 > 255 or not name.isprintable() or "/" in name:
            raise Unusable(f"accepted the name {name[:40]!r}... ({len(name)} characters)")
    raise Accepted


def render(tables: dict[str, dict[str, str]]) -> bytes:
    lines = []
    for section, entries in tables.items():
        lines.append(f"[{section}]")
        lines.extend(f"{key} = {value}" for key, value in entries.items())
        lines.append("")
    return "\n".join(lines).encode("utf-8")


@st.composite
def cases(draw: st.DrawFn) -> Case:
    tables = {section: dict(entries) for section, entries in BASE.items()}
    if draw(st.booleans()):
        tables.update({s: dict(e) for s, e in SWEEP.items()})
    kind = draw(
        st.sampled_from(["value", "key", "arm name", "file name", "set", "option", "bytes"])
    )
    if kind == "value":
        section = draw(st.sampled_from(sorted(tables)))
        key = draw(st.sampled_from(sorted(tables[section])))
        tables[section][key] = draw(st.sampled_from(HOSTILE_VALUES))
        return Case(f"value {section}.{key}", render(tables))
    if kind == "key":
        section = draw(st.sampled_from(sorted(tables)))
        tables[section][draw(st.sampled_from(HOSTILE_KEYS))] = draw(
            st.sampled_from(["1", "0.5", '"x"', "[1, 2]"])
        )
        return Case(f"key in [{section}]", render(tables))
    if kind == "arm name":
        name = draw(st.sampled_from(HOSTILE_TEXT))
        tables[f"arms.{toml_string(name)}"] = {"brand.value_share": "0.5"}
        return Case("arm name", render(tables))
    if kind == "file name":
        del tables["experiment"]["name"]
        stem = draw(st.sampled_from(["名字", "café plan", "a" * 240, " ", "-x", "x\u200b"]))
        return Case("file name", render(tables), file_name=f"{stem}.toml")
    if kind == "set":
        options = ["--set", draw(st.sampled_from(HOSTILE_SETS))]
        return Case("--set", render(tables), options)
    if kind == "option":
        return Case("option", render(tables), list(draw(st.sampled_from(HOSTILE_OPTIONS))))
    return Case("bytes", draw(st.sampled_from(HOSTILE_BYTES)))


def every_case() -> list[Case]:
    """Every single change the strategy can draw (without the sweep tables): the survey."""
    made = []
    for section, entries in BASE.items():
        for key in entries:
            for value in HOSTILE_VALUES:
                tables = {s: dict(e) for s, e in BASE.items()}
                tables[section][key] = value
                made.append(Case(f"value {section}.{key}", render(tables)))
        for key in HOSTILE_KEYS:
            tables = {s: dict(e) for s, e in BASE.items()}
            tables[section][key] = "1"
            made.append(Case(f"key in [{section}]", render(tables)))
    for name in HOSTILE_TEXT:
        tables = {**BASE, f"arms.{toml_string(name)}": {"brand.value_share": "0.5"}}
        made.append(Case("arm name", render(tables)))
    unnamed = {s: {k: v for k, v in e.items() if k != "name"} for s, e in BASE.items()}
    for stem in ["名字", "café plan", "a" * 240, " ", "x\u200b"]:
        made.append(Case("file name", render(unnamed), file_name=f"{stem}.toml"))
    made += [Case("--set", render(BASE), ["--set", text]) for text in HOSTILE_SETS]
    made += [Case("option", render(BASE), list(options)) for options in HOSTILE_OPTIONS]
    made += [Case("bytes", data) for data in HOSTILE_BYTES]
    return made


def violation(case: Case, folder: Path) -> str | None:
    """What the command did wrong on ``case`` (None: exit 2 with one line, no traceback,
    nothing written; or a valid case that reached the runs)."""
    (folder / case.file_name).write_bytes(case.data)
    previous = Path.cwd()
    os.chdir(folder)
    try:
        done = CliRunner().invoke(
            app, ["run", case.file_name, "--out", "out", "--no-charts", *case.options]
        )
    finally:
        os.chdir(previous)
    if isinstance(done.exception, Accepted):
        return None
    if isinstance(done.exception, Unusable):
        return str(done.exception)
    if done.exception is not None and not isinstance(done.exception, SystemExit):
        return f"{type(done.exception).__name__}: {str(done.exception)[:200]}"
    stderr = done.stderr
    lines = stderr.strip().splitlines()
    written = sorted(p.name for p in folder.iterdir() if p.name != case.file_name)
    if done.exit_code != 2:
        return f"exit {done.exit_code}: {stderr[:300]!r}"
    if "Traceback" in stderr:
        return "traceback"
    if len(lines) != 1 or not lines[0].startswith("error: "):
        return f"{len(lines)} lines: {stderr[:300]!r}"
    if written:
        return f"wrote {written}"
    return None


def with_tables(**extra: dict[str, str]) -> bytes:
    tables = {section: dict(entries) for section, entries in BASE.items()}
    tables.update(extra)
    return render(tables)


SIX_FACTORS = {
    f'"brand.{key}"': f"[{', '.join(str(0.1 * i) for i in range(1, 9))}]"
    for key in (
        "value_share",
        "margin",
        "posts_per_week",
        "price",
        "cost_per_reply",
        "cost_push_post",
    )
}
# Limits that once ended in a traceback or a hang (issue 29); each must end in exit 2 and one
# line, with nothing written.
LIMITS = {
    "a quoted key of 900 dotted parts": with_tables(
        base={**BASE["base"], '"' + ".".join(["a"] * 900) + '"': "1"}
    ),
    "a 309-digit uncertainty bound": with_tables(
        uncertainties={'"platform.organic_reach"': f"[0.01, {'9' * 309}]"}
    ),
    "a 400-digit negative uncertainty bound": with_tables(
        uncertainties={'"platform.organic_reach"': f"{{ low = -{'9' * 400}, high = 0.2 }}"}
    ),
    "an arm named like the world without the programme": with_tables(
        **{"arms.no_programme": {"brand.value_share": "0.5"}}
    ),
    "a lever option named with a trailing line break": with_tables(
        levers={'"brand.ad_budget_per_day"': '{ "none\\n" = 0, some = 50 }'}
    ),
    "6 factors of 8 levels": render(
        {"experiment": {"name": '"big"'}, "base": BASE["base"], "factors": SIX_FACTORS}
    ),
}
OUT_LIMITS = {
    "a 300-character --out": ["--out", "o" * 300],
    "a --out under a 300-character folder": ["--out", "o" * 300 + "/out"],
    "a --out with a line break": ["--out", "re\nsults"],
    "a --out with an escape sequence": ["--out", "\x1b[2Jresults"],
}


def refused_only(experiment: Any, *args: Any, **kwargs: Any) -> None:
    raise Unusable(f"accepted, with {len(experiment.arm_names):,} arms")


@pytest.mark.parametrize("case", [*LIMITS, *OUT_LIMITS])
def test_each_limit_ends_in_exit_2_with_one_line(monkeypatch, tmp_path, case):
    monkeypatch.setattr(run_verb, "run_execution", refused_only)
    options = [o.encode().decode("unicode_escape") for o in OUT_LIMITS.get(case, [])]
    found = violation(Case(case, LIMITS.get(case, render(BASE)), options), tmp_path)
    assert found is None, f"{case}: {found}"


def test_a_crossing_of_too_many_arms_is_refused_before_it_is_built(tmp_path):
    (tmp_path / "big.toml").write_bytes(LIMITS["6 factors of 8 levels"])
    done = CliRunner().invoke(app, ["validate", str(tmp_path / "big.toml")])
    assert done.exit_code == 2
    assert "cross into 262,144 arms; at most 1,000" in done.stderr


@pytest.fixture
def accepted_is_not_run(monkeypatch):
    monkeypatch.setattr(run_verb, "run_execution", reached)


@settings(
    max_examples=300,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(case=cases())
def test_hostile_input_exits_2_with_one_line_and_writes_nothing(accepted_is_not_run, case):
    with tempfile.TemporaryDirectory() as folder:
        found = violation(case, Path(folder))
    assert found is None, f"{case.kind}: {case.data[:200]!r} {case.options}: {found}"


def test_a_file_named_in_no_portable_characters_gets_a_valid_name(tmp_path):
    tables = {section: dict(entries) for section, entries in BASE.items()}
    del tables["experiment"]["name"]
    (tmp_path / "名字.toml").write_bytes(render(tables))
    done = CliRunner().invoke(app, ["validate", str(tmp_path / "名字.toml")])
    assert done.exit_code == 0, done.output
    assert "experiment.name" not in done.output


if __name__ == "__main__":  # count violations over every case (see the module's docstring)
    run_verb.run_execution = reached  # type: ignore[assignment]
    found: dict[str, list[str]] = {}
    everything = every_case()
    for case in everything:
        with tempfile.TemporaryDirectory() as folder:
            problem = violation(case, Path(folder))
        if problem:
            found.setdefault(case.kind, []).append(problem)
    total = sum(len(v) for v in found.values())
    print(f"{len(everything)} cases, {total} violations")
    for kind, problems in sorted(found.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(problems):4d}  {kind}: {problems[0][:160]}")
