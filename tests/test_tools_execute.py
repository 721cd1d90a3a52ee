"""course_lib.tools.execute: re-executing a notebook twice gives byte-identical files."""
from __future__ import annotations

import json

import nbformat

from course_lib.tools import execute


def test_strip_volatile_removes_timestamps_state_and_random_ids():
    nb = {"metadata": {"widgets": {"x": 1}, "language_info": {"name": "python", "version": "3.11.7"}},
          "cells": [{"cell_type": "code", "metadata": {"execution": {"iopub.status.busy": "2024"}, "tags": ["t"]},
                     "outputs": [{"output_type": "display_data", "metadata": {},
                                  "data": {execute.WIDGET_VIEW: {"model_id": "abc", "version_major": 2}}}]}]}
    execute.strip_volatile(nb, "n.ipynb")
    assert nb["metadata"] == {"language_info": {"name": "python"}}
    assert nb["cells"][0]["metadata"] == {"tags": ["t"]}
    assert nb["cells"][0]["outputs"][0]["data"][execute.WIDGET_VIEW]["model_id"] == execute.stable_model_id("n.ipynb", 0, 0)


def test_execute_twice_is_byte_identical(tmp_path, monkeypatch):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("import ipywidgets as w\nw.Button(description='b')"),
                nbformat.v4.new_code_cell("import os\nprint(os.path.basename(os.environ['COURSE_PROGRESS_FILE']))")]
    path = tmp_path / "t.ipynb"
    nbformat.write(nb, path)
    monkeypatch.setenv("COURSE_PROGRESS_FILE", "/should/not/be/used.json")
    assert execute.main([str(path)]) == 0
    first = path.read_bytes()
    assert execute.main([str(path), "--check"]) == 0
    assert execute.main([str(path)]) == 0
    assert path.read_bytes() == first
    saved = json.loads(first)
    assert "widgets" not in saved["metadata"]
    assert "".join(saved["cells"][1]["outputs"][0]["text"]) == "progress.json\n"  # a fresh temp file, not ours
    assert all("execution" not in c["metadata"] for c in saved["cells"])
