"""One pinned set of versions: pyproject.toml (loose floors), requirements/lock.txt (exact, `make install`
and CI), requirements/lite-*.txt (the Lite site, with hashes) and environment.yml agree; course_lib imports
only its allowed run-time dependencies.

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
_PIN = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:==\s*([0-9][0-9a-zA-Z.+!]*)|>=\s*([0-9][0-9a-zA-Z.]*))?\s*$")
REQ = REPO / "requirements"


def _canon(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_requirement(spec: str) -> tuple[str, str | None]:
    """``"plotly>=6.0"`` -> ``("plotly", "6.0")``; only ``>=`` floors are allowed (no pins, no caps)."""
    m = _REQ.match(spec.split("#", 1)[0])
    if not m:
        raise ValueError(f"unsupported requirement {spec!r}: use NAME or NAME>=FLOOR")
    return _canon(m.group(1)), m.group(2)


def parse_conda(spec: str) -> tuple[str, str | None]:
    """An environment.yml entry: ``"plotly==7.1.0"`` -> ``("plotly", "7.1.0")``; ``python>=3.11`` -> its floor."""
    m = _PIN.match(spec.split("#", 1)[0])
    if not m:
        raise ValueError(f"unsupported entry {spec!r}: use NAME==VERSION (or python>=FLOOR)")
    return _canon(m.group(1)), m.group(2) or m.group(3)


def lock_pins(text: str) -> dict[str, str]:
    """``name -> version`` of every ``name==version`` line of a requirements file (markers ignored)."""
    return {_canon(m.group(1)): m.group(2)
            for m in re.finditer(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)", text, re.M)}


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", text)[:3])


def pyproject_requirements(text: str) -> dict[str, str | None]:
    """Run-time + test requirements of pyproject.toml (PyPI names) with their floors, and python's floor."""
    project = tomllib.loads(text)["project"]
    specs = list(project["dependencies"]) + list(project["optional-dependencies"]["test"])
    out: dict[str, str | None] = {}
    for spec in specs:
        name, floor = parse_requirement(spec)
        out[name] = floor
    out["python"] = parse_requirement("python" + project["requires-python"])[1]
    return out


def environment_requirements(text: str) -> tuple[dict[str, str | None], list[str], list[str]]:
    """A tiny parser for environment.yml (no PyYAML): (conda deps -> version, channels, pip entries)."""
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
                name, version = parse_conda(item)
                if name in conda:
                    raise ValueError(f"{name} listed twice in environment.yml")
                conda[name] = version
    return conda, channels, pip


def drift(pyproject_text: str, env_text: str, lock_text: str) -> list[str]:
    """Every difference between pyproject.toml, requirements/lock.txt and environment.yml; empty if they agree.

    pyproject.toml keeps floors; lock.txt pins every one of its packages at a version inside the floor;
    environment.yml pins the same packages (conda names) at lock.txt's versions, and python at its floor.
    """
    want = pyproject_requirements(pyproject_text)
    pins = lock_pins(lock_text)
    have, channels, pip = environment_requirements(env_text)
    problems = []
    if channels != ["conda-forge"]:
        problems.append(f"channels should be exactly [conda-forge], not {channels}")
    for name, floor in want.items():
        conda = CONDA_NAMES.get(name, name)
        if name == "python":
            if have.get("python") != floor:
                problems.append(f"python: floor {floor} in pyproject.toml but {have.get('python')} in environment.yml")
            continue
        if name not in pins:
            problems.append(f"{name}: in pyproject.toml, not pinned in requirements/lock.txt")
            continue
        if floor and _version(pins[name]) < _version(floor):
            problems.append(f"{name}: lock.txt pins {pins[name]}, below pyproject.toml's floor {floor}")
        if conda not in have:
            problems.append(f"{conda}: in pyproject.toml, missing from environment.yml")
        elif have[conda] != pins[name]:
            problems.append(f"{conda}: {pins[name]} in requirements/lock.txt but {have[conda]} in environment.yml")
    known = {CONDA_NAMES.get(n, n) for n in want}
    for name in have:
        if name not in known and name not in CONDA_ONLY:
            problems.append(f"{name}: in environment.yml but not in pyproject.toml")
    if pip not in ([], ["-e ."]):
        problems.append(f"the pip section may only install the course itself ('-e .'), not {pip}")
    return problems


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_environment_yml_and_lock_match_pyproject():
    problems = drift(_read(REPO / "pyproject.toml"), _read(REPO / "environment.yml"), _read(REQ / "lock.txt"))
    assert problems == []


def test_environment_yml_lists_conda_packages_not_just_pip():
    conda, _, pip = environment_requirements(_read(REPO / "environment.yml"))
    assert {"python", "pip", "ipywidgets", "plotly", "python-fastjsonschema", "jupyterlab", "playwright"} <= set(conda)
    assert "pip" in conda and pip == ["-e ."]


def test_pyproject_keeps_loose_ranges():
    """Exact versions live in requirements/; people installing the course elsewhere get floors only."""
    project = tomllib.loads(_read(REPO / "pyproject.toml"))["project"]
    for spec in list(project["dependencies"]) + list(project["optional-dependencies"]["test"]):
        assert "==" not in spec and "<" not in spec, spec


def test_make_install_uses_the_lock():
    makefile = _read(REPO / "Makefile")
    install = re.search(r"^\$\(STAMP\):.*?(?=^\S)", makefile, re.M | re.S).group(0)
    assert "requirements/lock.txt" in install.splitlines()[0]  # a new lock reinstalls
    assert "-c requirements/lock.txt -e '.[test]'" in install


def test_the_lite_site_uses_the_same_versions_as_make_install():
    """One pinned set: the course's run-time packages and the lab extensions are the same in the Lite site
    (lite-pyodide.txt, lite-build.txt) as in `make install` (lock.txt)."""
    lock = lock_pins(_read(REQ / "lock.txt"))
    pyodide = lock_pins(_read(REQ / "lite-pyodide.txt"))
    build = lock_pins(_read(REQ / "lite-build.txt"))
    for name in sorted(RUNTIME_DEPS):
        assert pyodide.get(name) == lock[name], name
    for name in ("plotly", "jupyterlab-widgets"):  # the lab extensions the site serves
        assert build.get(name) == lock[name], name
    assert pyodide["ipywidgets"] == lock["ipywidgets"] and build["jupyterlab-widgets"] == lock["jupyterlab-widgets"]


@pytest.mark.parametrize("name", ["lite-build.txt", "lite-pyodide.txt"])
def test_every_lite_download_is_pinned_with_a_hash(name):
    text = re.sub(r"\\\n\s*", " ", _read(REQ / name))
    lines = [ln for ln in text.splitlines() if re.match(r"[A-Za-z0-9]", ln)]
    assert lines
    for line in lines:
        assert re.match(r"[A-Za-z0-9._\[\],-]+==\S+", line) and "--hash=sha256:" in line, line


def test_the_pyodide_runtime_is_pinned_with_its_sha512():
    from course_lib.tools.lock import npm_pin

    name, version, integrity = npm_pin()
    assert name == "pyodide" and re.fullmatch(r"\d+\.\d+\.\d+", version)
    assert re.fullmatch(r"sha512-[A-Za-z0-9+/]{86}==", integrity)


def test_environment_yml_is_what_make_lock_writes():
    from course_lib.tools.lock import environment_yml

    assert environment_yml(_read(REPO / "pyproject.toml"), lock_pins(_read(REQ / "lock.txt"))) == \
        _read(REPO / "environment.yml")


PYPROJECT = """
[project]
requires-python = ">=3.11"
dependencies = ["ipywidgets>=8.1", "fastjsonschema>=2.19"]
[project.optional-dependencies]
test = ["pytest>=8"]
"""
LOCKTXT = """ipywidgets==8.1.9
    # via x
fastjsonschema==2.22.3 ; python_full_version >= '3.11'
pytest==9.2.0
"""
ENV = """name: x
channels:
  - conda-forge
dependencies:
  - python>=3.11
  - pip
  - ipywidgets==8.1.9   # widgets
  - python-fastjsonschema==2.22.3
  - pytest==9.2.0
  - pip:
      - -e .
"""


@pytest.mark.parametrize("change, expected", [
    (lambda p, e, lk: (p, e, lk), None),
    (lambda p, e, lk: (p, e.replace("ipywidgets==8.1.9", "ipywidgets==8.1.8"), lk), "ipywidgets: 8.1.9 in"),
    (lambda p, e, lk: (p, e, lk.replace("ipywidgets==8.1.9", "ipywidgets==8.2.0")), "ipywidgets: 8.2.0 in"),
    (lambda p, e, lk: (p, e, lk.replace("pytest==9.2.0", "pytest==7.0")), "below pyproject.toml's floor"),
    (lambda p, e, lk: (p, e, lk.replace("pytest==9.2.0\n", "")), "pytest: in pyproject.toml, not pinned"),
    (lambda p, e, lk: (p, e.replace("  - pytest==9.2.0\n", ""), lk), "pytest: in pyproject.toml, missing"),
    (lambda p, e, lk: (p, e + "  - numpy==2.0\n", lk), "numpy: in environment.yml but not"),
    (lambda p, e, lk: (p.replace('"pytest>=8"', '"pytest>=8", "nbval>=0.11"'), e, lk), "nbval: in pyproject.toml, not"),
    (lambda p, e, lk: (p.replace(">=3.11", ">=3.12"), e, lk), "python: floor 3.12"),
    (lambda p, e, lk: (p, e.replace("python-fastjsonschema", "fastjsonschema"), lk), "python-fastjsonschema: in pyproject"),
    (lambda p, e, lk: (p, e.replace("      - -e .", "      - -e .\n      - requests"), lk), "the pip section"),
    (lambda p, e, lk: (p, e.replace("conda-forge", "defaults"), lk), "channels"),
], ids=["same", "env-version", "lock-version", "below-floor", "not-locked", "missing", "extra", "new-dependency",
        "python", "conda-name", "pip-extra", "channel"])
def test_drift_detects_each_kind_of_difference(change, expected):
    pyproject, env, lock = change(PYPROJECT, ENV, LOCKTXT)
    problems = drift(pyproject, env, lock)
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
