"""Shared test set-up: a module's shared fixtures are built once per run.

pytest-xdist hands tests to workers one by one, so a module-scoped fixture (a whole run, an
audit, a sweep) would be built again in each worker that gets one of its tests. Tests that
use one go, as a group, to one worker (``--dist loadgroup`` in pyproject.toml); the others
are spread as before.
"""

from __future__ import annotations

import pytest


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups from the marks
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        info = getattr(item, "_fixtureinfo", None)
        if info is None:
            continue
        shared = any(
            definition.scope in ("module", "package")
            for name in info.names_closure
            for definition in info.name2fixturedefs.get(name, ())
        )
        if shared:
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))
