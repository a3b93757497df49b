"""Serve the explorer page on a local port (Solara's server under uvicorn).

Everything that can go wrong before the page is up (the extra is missing, the experiment
file is bad, the port is taken) becomes one :class:`ExploreError` with a message for people,
so the command can print it and exit 2.
"""

from __future__ import annotations

import errno
import importlib.util
import os
import socket
import warnings
from pathlib import Path

from commsim.config import ConfigError
from commsim.ui.experiment_file import read_origin

APP = "commsim.ui.page:Page"
INSTALL_HINT = "pip install 'commsim[explore]'"
DEFAULT_HOST = "127.0.0.1"  # this computer only
DEFAULT_PORT = 8765
DEFAULT_SAVE_DIR = Path(".")  # where the page writes experiment files


class ExploreError(ConfigError):
    """The explorer cannot start; the message says why and what to do."""


def require_extra() -> None:
    """Fail early, with the install command, when the ``explore`` extra is missing."""
    missing = [name for name in ("solara", "altair") if importlib.util.find_spec(name) is None]
    if missing:
        raise ExploreError(
            f"the explorer needs the 'explore' extra ({', '.join(missing)} not installed): "
            f"{INSTALL_HINT}"
        )


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, so a taken port is reported before anything starts."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    # As uvicorn does: a port left in TIME_WAIT by a previous run is free to use.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        if error.errno == errno.EADDRINUSE:
            raise ExploreError(
                f"port {port} on {host} is already in use; choose another", parameter="port"
            ) from None
        raise ExploreError(f"cannot listen on {host}:{port}: {error.strerror}") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def configure(experiment: Path | None, save_dir: Path) -> None:
    """Tell the page (through its environment) where to start and where to write files."""
    with warnings.catch_warnings():
        # Mesa 3.3's page trips Solara's hook linter on import (a harmless early return in
        # ComponentsView); keep the terminal quiet about it.
        warnings.filterwarnings("ignore", "(?s).*ComponentsView", UserWarning)
        from commsim.ui import page  # fail here, not in the browser, on import errors

    os.environ[page.EXPERIMENT_ENV] = str(experiment.resolve()) if experiment else ""
    os.environ[page.SAVE_DIR_ENV] = str(save_dir.resolve())


def serve(
    experiment: Path | None,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    save_dir: Path = DEFAULT_SAVE_DIR,
    log_level: str = "warning",
) -> None:
    """Check everything, then serve the page until interrupted."""
    require_extra()
    if experiment is not None:
        try:
            read_origin(experiment)
        except ConfigError as error:
            raise ExploreError(str(error)) from None
    # Solara reads these when it is imported: no usage statistics sent from a local tool.
    os.environ.setdefault("SOLARA_TELEMETRY_MIXPANEL_ENABLE", "False")
    os.environ["SOLARA_APP"] = APP
    sock = bind(host, port)
    try:
        configure(experiment, save_dir)
        import uvicorn

        # Solara warns on every page load that plain http on 127.0.0.1 cannot carry a cookie
        # for embedding in another site's iframe: true, and irrelevant to a local page.
        warnings.filterwarnings("ignore", "Cookies with samesite=none", UserWarning)

        config = uvicorn.Config("solara.server.starlette:app", log_level=log_level)
        print(f"commsim explorer: http://{host}:{port}/  (Ctrl+C to stop)", flush=True)
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
