"""Local servers for the browser tests: JupyterLab, Voila and a static file server, all on 127.0.0.1.

Every server gets a free port, its own throw-away Jupyter config/runtime/settings folders (so the
learner's own ~/.jupyter is neither read nor written) and its own COURSE_PROGRESS_FILE.
"""
from __future__ import annotations

import functools
import http.server
import json
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"

# JupyterLab user settings for the tests: no news or update checks (they would reach the internet),
# no extension manager (it lists PyPI), no autosave (tests never write the notebooks they open), and
# every cell attached to the DOM (the default "contentVisibility"/"full" windowing skips off-screen cells).
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false", "checkForUpdates": False, "doNotDisturbMode": True},
    "@jupyterlab/extensionmanager-extension/plugin.jupyterlab-settings": {"enabled": False},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {
        "autosave": False, "confirmClosingDocument": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A running server: its base URL, token (may be empty), process and log file."""

    base: str
    token: str = ""
    proc: subprocess.Popen | None = None
    log: Path | None = None
    extra: dict = field(default_factory=dict)

    def url(self, path: str) -> str:
        """``base + path``, with ``?token=`` added when the server has one."""
        sep = "&" if "?" in path else "?"
        return f"{self.base}{path}{sep}token={self.token}" if self.token else f"{self.base}{path}"

    def log_tail(self, n: int = 60) -> str:
        if not self.log or not self.log.exists():
            return ""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)


def _root_flag() -> list[str]:
    """Jupyter refuses to run as root without --allow-root (containers and CI often run as root)."""
    return ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


def jupyter_env(tmp: Path) -> dict[str, str]:
    """Environment for a Jupyter process: isolated config, data, runtime and settings folders."""
    env = dict(os.environ)
    for var, sub in [("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_RUNTIME_DIR", "runtime"),
                     ("JUPYTERLAB_SETTINGS_DIR", "lab-settings"),
                     ("JUPYTERLAB_WORKSPACES_DIR", "lab-workspaces"), ("IPYTHONDIR", "ipython")]:
        (tmp / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(tmp / sub)
    env["COURSE_PROGRESS_FILE"] = str(tmp / "progress.json")
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    env.pop("JUPYTER_TOKEN", None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _wait_ready(server: Server, probe: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        if server.proc is not None and server.proc.poll() is not None:
            raise RuntimeError(f"server exited with {server.proc.returncode}:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(server.url(probe), timeout=5) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, OSError) as err:
            last = str(err)
        time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"server not ready after {timeout:.0f}s ({last}):\n{server.log_tail()}")


def start_lab(tmp: Path, timeout: float = 90) -> Server:
    """Start ``jupyter lab`` on 127.0.0.1 (token auth on, no browser, root = the repo) and wait for it."""
    env = jupyter_env(tmp)
    settings = Path(env["JUPYTERLAB_SETTINGS_DIR"])
    for rel, value in LAB_SETTINGS.items():
        p = settings / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(json.dumps(value), encoding="utf-8")
    def command(port: int, token: str) -> list[str]:
        return [sys.executable, "-m", "jupyterlab", "--no-browser", f"--ip={HOST}", f"--port={port}",
                "--port-retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={ROOT}",
                "--LabApp.news_url=None", "--LabApp.extension_manager=readonly",
                "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                "--LabApp.expose_app_in_browser=True", *_root_flag()]

    return _launch(command, env, tmp, "jupyterlab.log", "/api/status", timeout)


def _launch(command: Callable[[int, str], list[str]], env: dict[str, str], tmp: Path, log_name: str, probe: str,
            timeout: float) -> Server:
    """Start ``command(port, token)`` on a free port with a random token, logging to ``tmp/log_name``,
    and wait until ``probe`` answers."""
    port, token = free_port(), secrets.token_hex(16)
    log = tmp / log_name
    proc = subprocess.Popen(command(port, token), cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    server = Server(f"http://{HOST}:{port}", token, proc, log, {"tmp": tmp})
    _wait_ready(server, probe, timeout)
    return server


def start_voila(tmp: Path, notebook_dir: Path, timeout: float = 60) -> Server:
    """Start Voila exactly as `make present` does (course_lib.tools.present), serving ``notebook_dir``,
    on a free port with a known random token, and wait for it."""
    from course_lib.tools import present

    rel = os.path.relpath(notebook_dir, ROOT)
    return _launch(lambda port, token: present.command(rel, port, token), present.environment(jupyter_env(tmp)),
                   tmp, "voila.log", "/", timeout)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        pass


def serve_dir(directory: Path) -> tuple[Server, http.server.ThreadingHTTPServer]:
    """Serve ``directory`` over plain HTTP on 127.0.0.1 from a thread."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer((HOST, 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return Server(f"http://{HOST}:{httpd.server_address[1]}"), httpd
