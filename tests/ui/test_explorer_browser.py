"""The explorer end to end in a real browser: Debian's chromium driven by Playwright.

Starts ``commsim explore`` on a free loopback port, changes controls, resets and steps the
model, checks that the charts and the step counter follow, saves a screenshot and writes an
experiment file whose values must match the controls. Chromium is the system package
(``.ci/run`` installs it): Playwright's own browser download needs the internet.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from commsim.experiment import load_experiment

pytest.importorskip(
    "solara", reason="the explorer needs the explore extra: pip install '.[explore]'"
)
sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright (dev extra)")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Headless and off the network: no first-run pages, updates, sync or QUIC probes.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
START_SECONDS = 60
UI_TIMEOUT_MS = 30_000

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium)"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def explorer(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``commsim explore`` on a free port; yields its URL and the folder it writes into."""
    port = free_port()
    save_dir = tmp_path / "written"
    command = [sys.executable, "-c", "from commsim.cli import main; main()", "explore"]
    command += ["--port", str(port), "--save-dir", str(save_dir)]
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path)
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            if server.poll() is not None:
                pytest.fail(f"commsim explore exited: {(tmp_path / 'server.log').read_text()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("commsim explore did not start listening in time")
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/", save_dir
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def slider(page, label: str):
    return page.get_by_role("slider", name=label, exact=True)


def move_slider(page, label: str, steps: int) -> float:
    """Move a slider by whole steps with the keyboard; return its new value."""
    handle = slider(page, label)
    before = handle.get_attribute("aria-valuenow")
    handle.focus()
    for _ in range(steps):
        handle.press("ArrowRight")
    sync_api.expect(handle).not_to_have_attribute("aria-valuenow", before)
    return float(handle.get_attribute("aria-valuenow"))


def choose(page, label: str, option: str) -> None:
    field = page.locator(".v-select").filter(has=page.get_by_text(label, exact=True))
    field.click()
    page.get_by_role("option", name=option, exact=True).click()
    sync_api.expect(field).to_contain_text(option)


def step_to(page, day: int) -> None:
    page.get_by_role("button", name="Step", exact=True).click()
    sync_api.expect(page.get_by_text(f"Step: {day}", exact=True)).to_be_visible()


@pytest.mark.slow  # the explorer served and clicked through in Chromium
def test_explorer_in_a_browser(explorer, tmp_path):
    url, save_dir = explorer
    expect = sync_api.expect
    expect.set_options(timeout=UI_TIMEOUT_MS)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1500, "height": 1900})
            page.set_default_timeout(UI_TIMEOUT_MS)
            page.goto(url)
            expect(page.get_by_text("Step: 0", exact=True)).to_be_visible()
            charts = page.locator("img.commsim-metrics")
            expect(charts).to_have_attribute("src", re.compile(r"^blob:"))

            # Strategy A: a brand community with more value content; B: more value still.
            choose(page, "Community", "brand")
            value_share = move_slider(page, "Value share of posts", 4)
            page.get_by_text("Side by side: compare with strategy B").click()
            b_value_share = move_slider(page, "B: Value share of posts", 8)
            members = float(slider(page, "Members").get_attribute("aria-valuenow"))

            page.get_by_role("button", name="Reset", exact=True).click()
            summary = page.locator(".commsim-summary")
            expect(summary).to_contain_text(f"A: brand community, {value_share:.0%} value")
            expect(page.locator(".commsim-gap")).to_contain_text("Gap in cumulative profit")
            before = charts.get_attribute("src")
            network_before = page.locator("img.commsim-network").get_attribute("src")

            for day in (1, 2, 3, 4, 5):
                step_to(page, day)
            expect(summary).to_contain_text("day 5")
            expect(charts).not_to_have_attribute("src", before)
            expect(page.locator("img.commsim-network")).not_to_have_attribute("src", network_before)
            page.screenshot(path=tmp_path / "explorer.png", full_page=True)
            assert (tmp_path / "explorer.png").stat().st_size > 50_000

            page.get_by_role("button", name="Write experiment file", exact=True).click()
            expect(page.get_by_text("Wrote ")).to_be_visible()
        finally:
            browser.close()

    (written,) = save_dir.glob("*.toml")
    experiment = load_experiment(written)
    a, b = experiment.resolved_arms
    assert (a.name, b.name) == ("strategy_a", "strategy_b")
    assert a.scenario.brand.community == "brand"
    assert a.scenario.brand.value_share == pytest.approx(value_share)
    assert b.scenario.brand.community == "topic"
    assert b.scenario.brand.value_share == pytest.approx(b_value_share)
    assert a.scenario.population.members == b.scenario.population.members == members
    assert experiment.seed == 0 and experiment.replicates >= 1
    assert os.path.basename(written) == "explored.toml"
