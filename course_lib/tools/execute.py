"""``make notebooks``: re-execute notebooks in place so their stored outputs are fresh and reproducible.

``python -m course_lib.tools.execute notebooks/*.ipynb`` runs each notebook top to bottom with nbclient
(kernel ``python3``, the notebook's folder as working directory, quiz progress in a fresh throw-away file
so no earlier answers show up), then removes what changes from run to run:

* execution timestamps in cell metadata (``execution``, ``ExecuteTime``);
* widget state in notebook metadata (``widgets``) and the Python version in ``language_info`` (it
  differs between machines, not between runs of the course);
* the random ids of widget models in widget outputs, replaced by ids derived from the notebook name and
  the output's position (the state they pointed to is not stored anyway).

So running it twice gives byte-identical files; ``--check`` reports notebooks whose stored outputs are out
of date without writing anything (exit status 1).

Examples
--------
>>> nb = {"metadata": {"widgets": {}}, "cells": [{"cell_type": "code", "metadata": {"execution": {}},
...       "outputs": [{"output_type": "display_data", "metadata": {},
...                    "data": {"application/vnd.jupyter.widget-view+json": {"model_id": "f00"}}}]}]}
>>> _ = strip_volatile(nb, "demo.ipynb")
>>> nb["metadata"], nb["cells"][0]["metadata"]
({}, {})
>>> nb["cells"][0]["outputs"][0]["data"]["application/vnd.jupyter.widget-view+json"]["model_id"] != "f00"
True
"""
from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
VOLATILE_CELL_METADATA = ("execution", "ExecuteTime")
VOLATILE_NOTEBOOK_METADATA = ("widgets",)


def stable_model_id(name: str, cell: int, output: int) -> str:
    """A widget model id that depends only on the notebook's file name and the output's position.

    Examples
    --------
    >>> stable_model_id("00-start-here.ipynb", 3, 0) == stable_model_id("00-start-here.ipynb", 3, 0)
    True
    >>> len(stable_model_id("a.ipynb", 0, 0))
    32
    """
    return hashlib.sha256(f"{name}:{cell}:{output}".encode()).hexdigest()[:32]


def strip_volatile(nb: Any, name: str) -> Any:
    """Remove run-to-run noise from an executed notebook (in place; also returned)."""
    for key in VOLATILE_NOTEBOOK_METADATA:
        nb["metadata"].pop(key, None)
    nb["metadata"].get("language_info", {}).pop("version", None)
    for c, cell in enumerate(nb["cells"]):
        for key in VOLATILE_CELL_METADATA:
            cell.get("metadata", {}).pop(key, None)
        for o, out in enumerate(cell.get("outputs", [])):
            view = out.get("data", {}).get(WIDGET_VIEW)
            if isinstance(view, dict) and "model_id" in view:
                view["model_id"] = stable_model_id(name, c, o)
    return nb


def run_notebook(path: Path, timeout: int = 600, kernel: str = "python3", store_widget_state: bool = False) -> Any:
    """Run the notebook at ``path`` with nbclient, a fresh quiz-progress file and IPython folder; return it.

    The file is not written. ``store_widget_state`` keeps the widgets' state in the notebook's metadata
    (for the static site).
    """
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory(prefix="course-execute-") as tmp:
        env = dict(os.environ, COURSE_PROGRESS_FILE=str(Path(tmp) / "progress.json"),
                   IPYTHONDIR=str(Path(tmp) / "ipython"))
        client = NotebookClient(nb, timeout=timeout, kernel_name=kernel, record_timing=False,
                                store_widget_state=store_widget_state, allow_errors=False,
                                resources={"metadata": {"path": str(path.parent)}})
        client.execute(env=env)
    return nb


def execute_notebook(path: Path, timeout: int = 600, kernel: str = "python3") -> Any:
    """Execute the notebook at ``path`` and return it, stripped of volatile data (the file is not written)."""
    return strip_volatile(run_notebook(path, timeout, kernel), path.name)


def render(nb: Any) -> str:
    """The notebook as Jupyter writes it (1-space indent, sorted keys, trailing newline)."""
    import nbformat

    return nbformat.writes(nb) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course_lib.tools.execute",
                                     description="Re-execute notebooks in place, deterministically.")
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell (default 600)")
    parser.add_argument("--kernel", default="python3")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if any notebook's stored outputs are out of date")
    args = parser.parse_args(argv)
    stale = []
    for path in args.notebooks:
        text = render(execute_notebook(path, args.timeout, args.kernel))
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        if text == old:
            print(f"unchanged  {path}")
            continue
        stale.append(path)
        if args.check:
            print(f"OUT OF DATE {path}")
        else:
            path.write_text(text, encoding="utf-8")
            print(f"updated    {path}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
