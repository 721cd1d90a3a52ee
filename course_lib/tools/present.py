"""``make present``: classroom mode. Voila shows the notebooks with code hidden and widgets live.

* Loopback only (127.0.0.1) and no browser is opened; the teacher opens the URL Voila prints.
* Token auth is ON (a random token per start, printed in the URL): a Voila page runs its own kernel, and
  its kernel connection could run any code, so other users of the same machine must not get in.
* The "course" template (``course_lib/tools/jupyter/voila/templates/course``) is Voila's "lab" template
  minus its two Font Awesome links to cdn.jsdelivr.net (Voila's own bundle already has Font Awesome), so
  a classroom with no internet sees the same page and the page makes no outside request.
* Light theme; tracebacks are not shown to the class (they stay in the terminal).
* The kernels get ``COURSE_CLASSROOM=1`` (:func:`environment`), so the charts are drawn with classroom
  sizes too: no chart text under 20 px at 1280x720 (:func:`course_lib.theme.classroom`).

The browser tests start Voila with exactly :func:`command`, so they check what the classroom gets.

Examples
--------
>>> cmd = command("notebooks", 8866, token="abc")
>>> "--template=course" in cmd and "--Voila.ip=127.0.0.1" in cmd and "--Voila.token=abc" in cmd
True
>>> environment({})["COURSE_CLASSROOM"]
'1'
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..theme import CLASSROOM_ENV

HOST = "127.0.0.1"
#: the Jupyter data folder holding the "course" Voila template
JUPYTER_DATA = Path(__file__).resolve().parent / "jupyter"


def command(notebook_dir: str, port: int, token: str | None = None) -> list[str]:
    """The Voila command line; ``token=None`` lets Voila generate a random token and print it."""
    cmd = [sys.executable, "-m", "voila", str(notebook_dir), "--no-browser", f"--Voila.ip={HOST}",
           f"--port={port}", "--template=course", "--theme=light", "--strip_sources=True",
           "--show_tracebacks=False"]
    cmd.append(f"--Voila.token={token}" if token else "--token")
    return cmd


def environment(base: dict[str, str] | None = None) -> dict[str, str]:
    """``base`` (default: this process's environment) with the course template on JUPYTER_PATH and
    ``COURSE_CLASSROOM=1``: Voila's kernels inherit it, so the charts use classroom sizes
    (:func:`course_lib.theme.classroom`; no chart text under 20 px)."""
    env = dict(os.environ if base is None else base)
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(JUPYTER_DATA), env.get("JUPYTER_PATH", "")]))
    env[CLASSROOM_ENV] = "1"
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course_lib.tools.present", description=__doc__.split("\n\n")[0])
    parser.add_argument("notebook_dir", nargs="?", default="notebooks")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PRESENT_PORT", "8866")))
    args = parser.parse_args(argv)
    cmd = command(args.notebook_dir, args.port)
    os.execve(cmd[0], cmd, environment())  # Voila replaces this process: Ctrl-C and signals reach it directly
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
