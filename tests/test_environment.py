"""environment.yml matches pyproject.toml; course_lib imports only its allowed run-time dependencies.

Allowed at run time (the course must run in JupyterLite/Pyodide): the standard library, the three
declared dependencies (ipywidgets, plotly, fastjsonschema) and two packages that come WITH ipywidgets
because ipywidgets itself requires them: traitlets (widget traits, ``observe``/``link``) and IPython
(``IPython.display``). ``test_ipywidgets_brings_traitlets_and_ipython`` checks that claim against the
installed ipywidgets' metadata, so the allowance cannot silently outlive it.
``course_lib/tools/`` (notebook execution for maintainers) is development tooling, not run time, and is
not scanned.
"""
from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from importlib.metadata import requires
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
RUNTIME_DEPS = {"ipywidgets", "plotly", "fastjsonschema"}
WITH_IPYWIDGETS = {"traitlets", "IPython"}
#: PyPI name -> conda-forge name, where they differ
CONDA_NAMES = {"fastjsonschema": "python-fastjsonschema"}
#: in environment.yml but not a pyproject dependency: the installer itself
CONDA_ONLY = {"pip"}

_REQ = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:>=\s*([0-9][0-9a-zA-Z.]*))?\s*$")


def _canon(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_requirement(spec: str) -> tuple[str, str | None]:
    """``"plotly>=6.0"`` -> ``("plotly", "6.0")``; only ``>=`` floors are allowed (no pins, no caps)."""
    m = _REQ.match(spec.split("#", 1)[0])
    if not m:
        raise ValueError(f"unsupported requirement {spec!r}: use NAME or NAME>=FLOOR")
    return _canon(m.group(1)), m.group(2)


def pyproject_requirements(text: str) -> dict[str, str | None]:
    """Run-time + test requirements of pyproject.toml, with python's floor, in conda names."""
    project = tomllib.loads(text)["project"]
    specs = list(project["dependencies"]) + list(project["optional-dependencies"]["test"])
    out: dict[str, str | None] = {}
    for spec in specs:
        name, floor = parse_requirement(spec)
        out[CONDA_NAMES.get(name, name)] = floor
    out["python"] = parse_requirement("python" + project["requires-python"])[1]
    return out


def environment_requirements(text: str) -> tuple[dict[str, str | None], list[str], list[str]]:
    """A tiny parser for environment.yml (no PyYAML): (conda deps, channels, pip entries)."""
    conda: dict[str, str | None] = {}
    channels: list[str] = []
    pip: list[str] = []
    section = None
    in_pip = False
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        if indent == 0:
            section = line.split(":", 1)[0].strip()
            in_pip = False
            continue
        item = line.strip()
        if not item.startswith("- "):
            raise ValueError(f"unexpected line in environment.yml: {raw!r}")
        item = item[2:].strip()
        if section == "channels":
            channels.append(item)
        elif section == "dependencies":
            if item == "pip:":
                in_pip, pip_indent = True, indent
            elif in_pip and indent > pip_indent:
                pip.append(item)
            else:
                in_pip = False
                name, floor = parse_requirement(item)
                if name in conda:
                    raise ValueError(f"{name} listed twice in environment.yml")
                conda[name] = floor
    return conda, channels, pip


def drift(pyproject_text: str, env_text: str) -> list[str]:
    """Every difference between the two files (names and version floors); empty if they agree."""
    want = pyproject_requirements(pyproject_text)
    have, channels, pip = environment_requirements(env_text)
    problems = []
    if channels != ["conda-forge"]:
        problems.append(f"channels should be exactly [conda-forge], not {channels}")
    for name, floor in want.items():
        if name not in have:
            problems.append(f"{name}: in pyproject.toml, missing from environment.yml")
        elif have[name] != floor:
            problems.append(f"{name}: floor {floor} in pyproject.toml but {have[name]} in environment.yml")
    for name in have:
        if name not in want and name not in CONDA_ONLY:
            problems.append(f"{name}: in environment.yml but not in pyproject.toml")
    if pip not in ([], ["-e ."]):
        problems.append(f"the pip section may only install the course itself ('-e .'), not {pip}")
    return problems


def test_environment_yml_matches_pyproject():
    problems = drift((REPO / "pyproject.toml").read_text(encoding="utf-8"),
                     (REPO / "environment.yml").read_text(encoding="utf-8"))
    assert problems == []


def test_environment_yml_lists_conda_packages_not_just_pip():
    conda, _, pip = environment_requirements((REPO / "environment.yml").read_text(encoding="utf-8"))
    assert {"python", "pip", "ipywidgets", "plotly", "python-fastjsonschema", "jupyterlab", "playwright"} <= set(conda)
    assert "pip" in conda and pip == ["-e ."]


PYPROJECT = """
[project]
requires-python = ">=3.11"
dependencies = ["ipywidgets>=8.1", "fastjsonschema>=2.19"]
[project.optional-dependencies]
test = ["pytest>=8"]
"""
ENV = """name: x
channels:
  - conda-forge
dependencies:
  - python>=3.11
  - pip
  - ipywidgets>=8.1   # widgets
  - python-fastjsonschema>=2.19
  - pytest>=8
  - pip:
      - -e .
"""


@pytest.mark.parametrize("change, expected", [
    (lambda p, e: (p, e), None),
    (lambda p, e: (p, e.replace("ipywidgets>=8.1", "ipywidgets>=8.0")), "ipywidgets: floor 8.1"),
    (lambda p, e: (p, e.replace("  - pytest>=8\n", "")), "pytest: in pyproject.toml, missing"),
    (lambda p, e: (p, e + "  - numpy>=2\n"), "numpy: in environment.yml but not"),
    (lambda p, e: (p.replace('"pytest>=8"', '"pytest>=8", "nbval>=0.11"'), e), "nbval: in pyproject.toml, missing"),
    (lambda p, e: (p.replace(">=3.11", ">=3.12"), e), "python: floor 3.12"),
    (lambda p, e: (p, e.replace("python-fastjsonschema", "fastjsonschema")), "python-fastjsonschema: in pyproject"),
    (lambda p, e: (p, e.replace("      - -e .", "      - -e .\n      - requests")), "the pip section"),
    (lambda p, e: (p, e.replace("conda-forge", "defaults")), "channels"),
], ids=["same", "floor", "missing", "extra", "new-dependency", "python", "conda-name", "pip-extra", "channel"])
def test_drift_detects_each_kind_of_difference(change, expected):
    pyproject, env = change(PYPROJECT, ENV)
    problems = drift(pyproject, env)
    if expected is None:
        assert problems == []
    else:
        assert any(expected in p for p in problems), problems


# --------------------------------------------------------------------------------------------- imports

def imported_top_levels(source: str) -> set[str]:
    """Top-level names of every absolute import in a module's source (relative imports are internal)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "import_module":
            if node.args and isinstance(node.args[0], ast.Constant) and not str(node.args[0].value).startswith("."):
                names.add(str(node.args[0].value).split(".")[0])
    return names


def disallowed(names: set[str]) -> set[str]:
    allowed = set(sys.stdlib_module_names) | RUNTIME_DEPS | WITH_IPYWIDGETS | {"course_lib"}
    return {n for n in names if n not in allowed}


def test_the_import_scanner_catches_a_forbidden_import():
    src = "import os\nimport numpy as np\nfrom pandas import DataFrame\nfrom . import data\n" \
          "def f():\n    import yaml\n    from importlib import import_module\n    import_module('pydantic')\n"
    assert disallowed(imported_top_levels(src)) == {"numpy", "pandas", "yaml", "pydantic"}


@pytest.mark.parametrize("path", sorted((REPO / "course_lib").glob("*.py")), ids=lambda p: p.name)
def test_course_lib_imports_only_runtime_dependencies(path: Path):
    assert disallowed(imported_top_levels(path.read_text(encoding="utf-8"))) == set()


def test_runtime_dependencies_are_the_declared_ones():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert {parse_requirement(s)[0] for s in project["dependencies"]} == RUNTIME_DEPS


def test_ipywidgets_brings_traitlets_and_ipython():
    needed = {_canon(parse_requirement(re.split(r"[<>=!~;]", r, maxsplit=1)[0])[0])
              for r in requires("ipywidgets") or [] if "extra ==" not in r}
    assert {_canon(n) for n in WITH_IPYWIDGETS} <= needed


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print(' '.join(sorted(sys.modules)))"],
                         capture_output=True, text=True, check=True, cwd=REPO, timeout=120)
    return set(out.stdout.split())


def test_import_course_lib_does_not_import_widgets_or_plotly():
    mods = _modules_after("import course_lib")
    assert "course_lib" in mods
    assert not {m for m in mods if m.split(".")[0] in {"ipywidgets", "plotly", "fastjsonschema"}}


def test_loading_the_data_does_not_import_widgets_or_plotly():
    mods = _modules_after("import course_lib; course_lib.load()")
    assert "fastjsonschema" in mods  # it really validated
    assert not {m for m in mods if m.split(".")[0] in {"ipywidgets", "plotly"}}
