"""The allocator tuning: on where glibc is, off on request, and it changes no numbers."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from commsim.model import allocator

CHECK = "from commsim.model.allocator import keep_freed_memory; print(keep_freed_memory())"


def run_check(switch: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "COMMSIM_KEEP_FREED_MEMORY"}
    if switch is not None:
        env["COMMSIM_KEEP_FREED_MEMORY"] = switch
    done = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout.strip()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt is Linux's")
def test_glibc_keeps_freed_memory_unless_switched_off():
    assert run_check(None) == "True"
    assert run_check("0") == "False"
    assert allocator.keep_freed_memory() is allocator.keep_freed_memory()  # once per process


def test_the_tuning_changes_no_numbers():
    code = (
        "import hashlib, pandas as pd, commsim; "
        "f = commsim.simulate({'population.members': 500}, steps=60, seed=3).timeseries; "
        "print(hashlib.sha256(pd.util.hash_pandas_object(f).values.tobytes()).hexdigest())"
    )
    outputs = set()
    for switch in ("1", "0"):
        env = {**os.environ, "COMMSIM_KEEP_FREED_MEMORY": switch}
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        )
        outputs.add(done.stdout.strip())
    assert len(outputs) == 1
