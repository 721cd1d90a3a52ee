"""``make lock``: update the course's one pinned set of versions, on purpose.

``pyproject.toml`` keeps loose ranges (``plotly>=6.0``) for people who install the course into their own
environment. Everything the project itself installs uses exact versions from ``requirements/``:

* ``lock.txt`` -- every package of ``pip install -e '.[test]'``, ``==`` pins for Python >= 3.11 on any
  platform (``uv pip compile --universal``). ``make install`` and CI install with ``-c lock.txt``.
* ``lite-build.txt`` -- the JupyterLite build tools (Python >= 3.12), with hashes, constrained by
  ``lock.txt`` (so the plotly and ipywidgets lab extensions are the ones ``make lab`` serves).
* ``lite-pyodide.txt`` -- what the Lite site's Python loads, resolved for Pyodide's platform, with hashes:
  the packages Pyodide ships at the versions of its own ``pyodide-lock.json``, the course's run-time
  dependencies (ipywidgets, plotly, fastjsonschema) at the versions of ``lock.txt``.
* ``lite-npm.txt`` -- the ``pyodide`` npm package (the Python runtime) at the version the kernel expects,
  with the registry's sha512.
* ``environment.yml`` is rewritten to pin the direct dependencies at ``lock.txt``'s versions.

``tests/test_environment.py`` fails when these files disagree. The resolver is ``uv`` (``pip install
uv`` into a scratch venv under ``.lite-cache/``: only ``make lock`` uses the newest uv, on purpose).

Examples
--------
>>> pins("plotly==6.5.0 ; python_full_version >= '3.11'\\n    # via x\\nipywidgets==8.1.9 \\\\\\n")
{'plotly': '6.5.0', 'ipywidgets': '8.1.9'}
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REQ = ROOT / "requirements"
LOCK = REQ / "lock.txt"
LITE_BUILD_IN, LITE_BUILD = REQ / "lite-build.in", REQ / "lite-build.txt"
LITE_PYODIDE_IN, LITE_PYODIDE = REQ / "lite-pyodide.in", REQ / "lite-pyodide.txt"
LITE_NPM = REQ / "lite-npm.txt"
ENV_YML = ROOT / "environment.yml"
#: PyPI name -> conda-forge name, where they differ (tests/test_environment.py has the same table)
CONDA_NAMES = {"fastjsonschema": "python-fastjsonschema"}
#: the uv platform for Pyodide, as jupyterlite-pyodide-kernel's lock addon uses it (pyodide-lock's default)
PYODIDE_PLATFORM = "wasm32-pyodide2024"

_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)", re.M)


def canon(name: str) -> str:
    """PEP 503 normalised name: ``"Jupyter_Server"`` -> ``"jupyter-server"``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(text: str) -> dict[str, str]:
    """``name -> version`` of every ``name==version`` line of a requirements/constraints text."""
    return {canon(m.group(1)): m.group(2) for m in _PIN.finditer(text)}


def npm_pin(text: str | None = None) -> tuple[str, str, str]:
    """``(package, version, sha512 integrity)`` from ``requirements/lite-npm.txt``."""
    text = LITE_NPM.read_text(encoding="utf-8") if text is None else text
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            spec, integrity = line.split()
            name, version = spec.rsplit("@", 1)
            return name, version, integrity
    raise ValueError(f"{LITE_NPM}: no 'name@version sha512-...' line")


def pure_python_pins(pyodide_lock: dict) -> dict[str, str]:
    """Pure-Python packages of a ``pyodide-lock.json`` (the ones PyPI also has as wheels): name -> version."""
    return {canon(p["name"]): p["version"] for p in pyodide_lock["packages"].values()
            if re.search(r"-py[23.]*(?:\.py3)?-none-any\.whl$", p["file_name"])}


def environment_yml(pyproject_text: str, lock_pins: dict[str, str]) -> str:
    """environment.yml for conda-forge: pyproject's direct dependencies pinned at ``lock.txt``'s versions."""
    project = tomllib.loads(pyproject_text)["project"]

    def line(spec: str) -> str:
        name = canon(re.split(r"[<>=!~;\[ ]", spec, maxsplit=1)[0])
        comment = spec.split("#", 1)[1].strip() if "#" in spec else ""
        return f"  - {CONDA_NAMES.get(name, name)}=={lock_pins[name]}" + (f"  # {comment}" if comment else "")

    floor = project["requires-python"].strip()
    out = ["# Reading the Crisis as a conda environment (conda-forge only), equivalent to `make install`.",
           "#   conda env create -f environment.yml && conda activate reading-the-crisis",
           "# Written by `make lock` from pyproject.toml and requirements/lock.txt: the same exact versions that",
           "# `make install` and CI use. tests/test_environment.py fails if they drift.",
           "# Conda names differ from PyPI names only for fastjsonschema (conda-forge: python-fastjsonschema).",
           "name: reading-the-crisis", "channels:", "  - conda-forge", "dependencies:",
           f"  - python{floor}", "  - pip",
           "  # run time: [project] dependencies (pure Python, so the course also runs in JupyterLite/Pyodide)"]
    out += [line(s) for s in project["dependencies"]]
    out.append("  # development, tests and serving: [project.optional-dependencies] test")
    out += [line(s) for s in project["optional-dependencies"]["test"]]
    out += ["  # the course's own package, editable; every dependency above is already satisfied by conda",
            "  - pip:", "      - -e .", ""]
    return "\n".join(out)


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    print("+", " ".join(map(str, cmd)), flush=True)
    return subprocess.run([str(c) for c in cmd], check=True, **kw)


def _uv() -> Path:
    """A scratch venv (build Python) with the newest uv in it."""
    from .lite import CACHE, find_python

    venv = CACHE / "lock-venv"
    if not (venv / "bin" / "uv").exists():
        _run([find_python(), "-m", "venv", venv])
        _run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", "uv"])
    return venv / "bin" / "uv"


def _compile(uv: Path, src: Path, out: Path, *args: str) -> None:
    _run([uv, "pip", "compile", "--quiet", "--custom-compile-command", "make lock", *args, src, "-o", out],
         cwd=ROOT)


def kernel_pyodide_version(build_txt: str, work: Path) -> str:
    """The Pyodide version the pinned jupyterlite-pyodide-kernel expects (its ``PYODIDE_VERSION``)."""
    from .lite import pip_download

    wheel = pip_download(["jupyterlite-pyodide-kernel"], build_txt, work, platform_args=())[0]
    with zipfile.ZipFile(wheel) as zf:
        text = zf.read("jupyterlite_pyodide_kernel/constants.py").decode()
    return re.search(r'PYODIDE_VERSION = "([^"]+)"', text).group(1)


def lock() -> None:
    """Re-resolve every file in ``requirements/`` and environment.yml (see the module docstring)."""
    from .lite import npm_fetch

    uv = _uv()
    _compile(uv, ROOT / "pyproject.toml", LOCK, "--extra", "test", "--universal", "--python-version", "3.11")
    _compile(uv, LITE_BUILD_IN, LITE_BUILD, "--universal", "--python-version", "3.12", "--generate-hashes",
             "-c", LOCK)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        version = kernel_pyodide_version(LITE_BUILD.read_text(encoding="utf-8"), work)
        integrity = subprocess.run(["npm", "view", f"pyodide@{version}", "dist.integrity"], check=True,
                                   capture_output=True, text=True).stdout.strip()
        LITE_NPM.write_text("# The Pyodide runtime (npm), the version jupyterlite-pyodide-kernel expects, with the\n"
                            "# registry's sha512. Written by `make lock`; checked by `make lite`.\n"
                            f"pyodide@{version} {integrity}\n", encoding="utf-8")
        tgz = npm_fetch("pyodide", version, integrity, work)
        with tarfile.open(tgz) as tf:
            core = json.load(tf.extractfile("package/pyodide-lock.json"))
        shipped = pure_python_pins(core)
        lock_pins = pins(LOCK.read_text(encoding="utf-8"))
        constraints = work / "constraints.txt"
        constraints.write_text("".join(f"{n}=={v}\n" for n, v in sorted(shipped.items()))
                               + "".join(f"{n}=={v}\n" for n, v in sorted(lock_pins.items()) if n not in shipped),
                               encoding="utf-8")
        _compile(uv, LITE_PYODIDE_IN, LITE_PYODIDE, "--python-platform", PYODIDE_PLATFORM, "--python-version",
                 ".".join(core["info"]["python"].split(".")[:2]), "--no-build", "--generate-hashes",
                 "-c", constraints)
    # the temp constraints path would make the header differ on every run
    text = LITE_PYODIDE.read_text(encoding="utf-8")
    LITE_PYODIDE.write_text(re.sub(r"-c \S+constraints\.txt", "-c <Pyodide's lock and lock.txt>", text),
                            encoding="utf-8")
    ENV_YML.write_text(environment_yml((ROOT / "pyproject.toml").read_text(encoding="utf-8"),
                                       pins(LOCK.read_text(encoding="utf-8"))), encoding="utf-8")
    print("updated:", *(p.relative_to(ROOT) for p in (LOCK, LITE_BUILD, LITE_PYODIDE, LITE_NPM, ENV_YML)))


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args(argv)
    lock()
    return 0


if __name__ == "__main__":
    sys.exit(main())
