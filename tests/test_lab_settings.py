"""The JupyterLab settings the course installs: shortcut overrides that keep arrow keys in widget outputs."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = ROOT / "course_lib" / "tools" / "jupyter" / "lab" / "settings" / "overrides.d" / "reading-the-crisis.json"
SHORTCUTS = json.loads(OURS.read_text(encoding="utf-8"))["@jupyterlab/shortcuts-extension:shortcuts"]["shortcuts"]


def _lab_defaults() -> list[dict]:
    schemas = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas" / "@jupyterlab" / "notebook-extension"
    if not (schemas / "tracker.json").exists():
        pytest.skip("JupyterLab is not installed in this environment")
    return json.loads((schemas / "tracker.json").read_text(encoding="utf-8"))["jupyter.lab.shortcuts"]


def test_every_disabled_shortcut_is_one_of_labs_defaults():
    """If Lab changes a default binding, our 'disabled' entry no longer matches it and both would fire."""
    defaults = [(d["command"], tuple(d["keys"]), d["selector"]) for d in _lab_defaults()]
    disabled = [s for s in SHORTCUTS if s.get("disabled")]
    assert disabled, "no default binding is disabled"
    for s in disabled:
        assert (s["command"], tuple(s["keys"]), s["selector"]) in defaults, s


def test_each_disabled_arrow_binding_comes_back_outside_outputs_only():
    disabled = {(s["command"], tuple(s["keys"])): s["selector"] for s in SHORTCUTS if s.get("disabled")}
    enabled = {(s["command"], tuple(s["keys"])): s["selector"] for s in SHORTCUTS if not s.get("disabled")}
    assert set(disabled) == set(enabled)
    assert {keys[0] for _, keys in disabled} == {"ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"}
    for key, selector in enabled.items():
        assert selector == disabled[key] + ":not(.jp-OutputArea-output *)"


def test_the_overrides_are_installed_where_lab_reads_them():
    installed = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.d" / OURS.name
    if not (Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas").exists():
        pytest.skip("JupyterLab is not installed in this environment")
    assert installed.exists(), "reinstall the course (make install): pyproject's shared-data puts it there"
    assert json.loads(installed.read_text(encoding="utf-8")) == json.loads(OURS.read_text(encoding="utf-8"))
