"""The built wheel is what JupyterLite (Pyodide) and a hub install get: pure Python, self-contained.

Builds the wheel once (``pip wheel --no-deps``), then checks its tag, its run-time dependencies, that it
carries every data file, and that the package imported from the unpacked wheel (not from this checkout)
finds its data inside itself and loads, validates and draws.
"""
from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--quiet", "-w", str(out)],
                   check=True, capture_output=True)
    (whl,) = out.glob("*.whl")
    return whl


def test_wheel_is_pure_python(wheel):
    assert wheel.name.endswith("-py3-none-any.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert not [n for n in names if n.endswith((".so", ".pyd", ".dll", ".dylib", ".c"))]


def test_run_time_dependencies_are_the_three_pure_python_ones(wheel):
    z = zipfile.ZipFile(wheel)
    meta = Parser().parsestr(z.read(next(n for n in z.namelist() if n.endswith("dist-info/METADATA"))).decode())
    runtime = {r.split(">")[0].split("=")[0].split(";")[0].strip().lower()
               for r in meta.get_all("Requires-Dist") if "extra ==" not in r}
    assert runtime == {"ipywidgets", "plotly", "fastjsonschema"}


def test_wheel_carries_every_data_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    tracked = subprocess.run(["git", "ls-files", "data"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    if not tracked:
        pytest.skip("not a git checkout")
    missing = [p for p in tracked if "course_lib/_data/" + p.removeprefix("data/") not in names]
    assert missing == []


def test_package_from_the_wheel_finds_its_own_data_and_works(wheel, tmp_path):
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    code = ("import json, course_lib; from course_lib.paths import data_dir; from course_lib import validate;"
            "d = course_lib.load(); fig = course_lib.crisis_map();"
            "print(json.dumps([course_lib.__file__, str(data_dir()), len(d.statements),"
            " len(validate.check_quizzes(d)[0]), len(fig.data) > 10]))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(unpacked), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    where, data, n_statements, errors, drew = json.loads(out.stdout)
    assert where.startswith(str(unpacked)) and data == str(unpacked / "course_lib" / "_data")
    assert n_statements > 0 and errors == 0 and drew
