"""``make lite``: the whole course as an offline JupyterLite site in ``_lite/`` (Python runs in the browser).

The site is static files only: any web server (a school server, GitHub Pages, ``python -m http.server`` on
a USB stick) serves it, and after the first load nothing leaves that server. What the build does:

1. **Build tools** (``requirements/lite-build.txt``: jupyterlite-core, jupyterlite-pyodide-kernel with its
   lock addon, and the jupyterlab-widgets and plotly lab extensions) go into a venv of their own,
   ``.lite-cache/build-venv``, with ``pip --require-hashes``. They need Python >= 3.12; see
   :func:`find_python` for how one is found (``COURSE_LITE_PYTHON`` overrides).
2. **The Python runtime**: the npm package ``pyodide`` at the version in ``requirements/lite-npm.txt``,
   fetched with ``npm pack`` and checked against the sha512 recorded there. It is the core only; its
   ``pyodide-lock.json`` is emptied of the ~350 packages whose wheels the npm package does not carry.
3. **Every wheel the kernel loads** (``requirements/lite-pyodide.txt``: IPython and friends, comm,
   micropip, ipywidgets, plotly, fastjsonschema) is downloaded from PyPI with ``pip download
   --require-hashes``; the course's own wheel is built from this checkout.
4. ``jupyter lite build`` with the kernel's own ``PyodideLockAddon``: it resolves the course wheel against
   those local wheels only (uv ``--offline``), writes their lock entries with hashes and copies them into
   the site, so ``import course_lib`` works unchanged. ``disablePyPIFallback`` stops the kernel from ever
   asking PyPI. The lab extensions are exactly the kernel's, ipywidgets' and plotly's (from the build
   venv). What the kernel never loads is left out: ``widgetsnbextension`` and ``jupyterlab_widgets``
   (ipywidgets' front-end halves) and, from the plotly wheel, its JavaScript (``plotly.min.js``, the
   widget bundle and a second copy of the lab extension: 5.9 of its 9.7 MB; the site serves the lab
   extension itself). The slimmed wheel is rebuilt from the hash-checked one with its ``RECORD`` updated.
5. The course notebooks (every ``notebooks/*.ipynb``, in course order, each stamped with the course
   version) go into the site's files, plus a ``classroom/`` copy of each with the code cells collapsed.
6. ``index.html`` is replaced by the course's landing page (:mod:`course_lib.tools.lite_page`): notebooks
   in course order, the course version, and buttons that reset one notebook or all of them to the
   course's copy (JupyterLite keeps a learner's edited copy in the browser's storage).

Nothing at run time comes from anywhere but the site. Downloads are cached in ``.lite-cache/`` (gitignored);
a second build needs no network.

Examples
--------
>>> course_order([Path("notebooks/01-b.ipynb"), Path("notebooks/00-a.ipynb"), Path("notebooks/06a-c.ipynb"),
...               Path("notebooks/06-x.ipynb")])
['00-a.ipynb', '01-b.ipynb', '06-x.ipynb', '06a-c.ipynb']
"""
from __future__ import annotations

import argparse
import base64
import copy
import functools
import hashlib
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
OUT = ROOT / "_lite"
CACHE = ROOT / ".lite-cache"
REQ = ROOT / "requirements"
#: ipywidgets' front-end packages: the kernel never imports them (the site serves the lab extension itself)
NOT_IN_KERNEL = ("widgetsnbextension", "jupyterlab-widgets")
#: pip download arguments for wheels that run in Pyodide (pure Python; Pyodide 314 is Python 3.14)
PYODIDE_PATH_ARGS = ("--platform", "any", "--python-version", "3.14", "--implementation", "py",
                     "--only-binary=:all:")
#: parts of the plotly wheel the kernel never loads: the JavaScript for plotly's own lab/notebook extensions
#: and for HTML export (the site serves the lab extension itself; figures render through its mime type)
PLOTLY_JS = (r"^plotly/package_data/(plotly\.min\.js|widgetbundle\.js)$", r"^plotly/labextension/",
             r"^plotly-[^/]+\.data/data/share/")
#: lab extensions the site serves (folders under the build venv's share/jupyter/labextensions)
EXTENSIONS = {"kernel": "@jupyterlite/pyodide-kernel-extension", "widgets": "@jupyter-widgets/jupyterlab-manager",
              "plotly": "jupyterlab-plotly"}
#: the course's hand-written lab extension (live regions, figure names): served like the others
A11Y_EXTENSION = ROOT / "course_lib" / "tools" / "jupyter" / "labextensions" / "reading-the-crisis-a11y"
#: the classroom copies' folder in the site's file browser
CLASSROOM = "classroom"
#: browser storage names (fixed, so a new build of the site finds the learner's files and progress)
STORAGE = {"contentsStorageName": "Reading the Crisis (files)",
           "settingsStorageName": "Reading the Crisis (settings)",
           "workspacesStorageName": "Reading the Crisis (workspaces)"}


def log(*args: object) -> None:
    print("[lite]", *args, flush=True)


# ------------------------------------------------------------------------------------------ build Python
def _python_version(python: str | Path) -> tuple[int, int] | None:
    try:
        out = subprocess.run([str(python), "-c", "import sys; print(*sys.version_info[:2])"],
                             capture_output=True, text=True, timeout=60, check=True).stdout.split()
        return int(out[0]), int(out[1])
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return None


def python_candidates() -> list[str]:
    """Where :func:`find_python` looks, in order.

    ``$COURSE_LITE_PYTHON``; the Python running this; ``python3.13``, ``python3.12``, ``python3.14`` on
    ``PATH``; then pyenv's versions (``$PYENV_ROOT`` or ``~/.pyenv``), newest first.
    """
    found = [os.environ["COURSE_LITE_PYTHON"]] if os.environ.get("COURSE_LITE_PYTHON") else []
    found.append(sys.executable)
    found += [p for p in (shutil.which(f"python3.{m}") for m in (13, 12, 14)) if p]
    pyenv = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv") / "versions"
    if pyenv.is_dir():
        def key(p: Path) -> tuple[int, ...]:
            return tuple(int(x) for x in re.findall(r"\d+", p.parent.parent.name)[:3])
        found += [str(p) for p in sorted(pyenv.glob("3.1[2-9]*/bin/python"), key=key, reverse=True)]
    return found


@functools.cache
def find_python() -> str:
    """The first Python >= 3.12 among :func:`python_candidates` (the build tools need 3.12)."""
    for candidate in python_candidates():
        version = _python_version(candidate)
        if version and version >= (3, 12):
            return candidate
    raise SystemExit("make lite needs Python >= 3.12 for its build tools (pyodide-lock needs it), and none was "
                     "found. Install one (e.g. apt-get install python3.12, or pyenv install 3.12) or set "
                     "COURSE_LITE_PYTHON=/path/to/python3.12. Looked at: " + ", ".join(python_candidates()))


def _run(cmd: list, **kw) -> subprocess.CompletedProcess:
    log("+", " ".join(str(c) for c in cmd))
    return subprocess.run([str(c) for c in cmd], check=True, **kw)


def build_env() -> Path:
    """``.lite-cache/build-venv`` with ``requirements/lite-build.txt`` installed (hash-checked); its python."""
    req = REQ / "lite-build.txt"
    venv = CACHE / "build-venv"
    stamp = venv / ".installed"
    want = hashlib.sha256(req.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == want:
        return venv / "bin" / "python"
    shutil.rmtree(venv, ignore_errors=True)
    _run([find_python(), "-m", "venv", venv])
    py = venv / "bin" / "python"
    _run([py, "-m", "pip", "install", "--quiet", "--require-hashes", "--no-deps", "-r", req])
    stamp.write_text(want)
    return py


# ------------------------------------------------------------------------------------------ downloads
def requirement_blocks(text: str) -> dict[str, str]:
    """``name -> "name==version --hash=... --hash=..."`` from a hashed requirements file, markers dropped."""
    blocks: dict[str, str] = {}
    for chunk in re.sub(r"\\\n\s*", " ", text).splitlines():
        chunk = chunk.split("#", 1)[0].strip() if not chunk.strip().startswith("--hash") else chunk
        m = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==(\S+)", chunk)
        if m:
            hashes = " ".join(re.findall(r"--hash=\S+", chunk))
            name = re.sub(r"[-_.]+", "-", m.group(1)).lower()
            blocks[name] = f"{m.group(1)}=={m.group(2)} {hashes}".strip()
    return blocks


def pip_download(names: list[str] | None, req_text: str, dest: Path,
                 platform_args: tuple[str, ...] = PYODIDE_PATH_ARGS) -> list[Path]:
    """``pip download --require-hashes --no-deps`` the named pins of ``req_text`` (all if ``names`` is None)
    into ``dest``; returns the wheels, in the order of ``names``."""
    blocks = requirement_blocks(req_text)
    wanted = list(blocks) if names is None else [re.sub(r"[-_.]+", "-", n).lower() for n in names]
    missing = [n for n in wanted if n not in blocks]
    if missing:
        raise SystemExit(f"not pinned with hashes: {missing} (run make lock)")
    dest.mkdir(parents=True, exist_ok=True)
    req = dest / "_requirements.txt"
    req.write_text("\n".join(blocks[n] for n in wanted) + "\n", encoding="utf-8")
    _run([sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--require-hashes",
          "--no-deps", *platform_args, "-d", dest, "-r", req])
    out = []
    for n in wanted:
        version = blocks[n].split("==", 1)[1].split()[0]
        hits = [w for w in dest.glob("*.whl")
                if re.sub(r"[-_.]+", "-", w.name.split("-")[0]).lower() == n and w.name.split("-")[1] == version]
        if not hits:
            raise SystemExit(f"pip download gave no wheel for {n}=={version}")
        out.append(hits[0])
    return out


def sha512_integrity(path: Path) -> str:
    """npm's ``sha512-<base64>`` integrity string of a file."""
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


def npm_fetch(name: str, version: str, integrity: str, dest: Path) -> Path:
    """``npm pack name@version`` into ``dest`` (cached), checked against ``integrity``; the tarball."""
    dest.mkdir(parents=True, exist_ok=True)
    tgz = dest / f"{name.lstrip('@').replace('/', '-')}-{version}.tgz"
    if not tgz.exists():
        _run(["npm", "pack", f"{name}@{version}", "--pack-destination", dest, "--silent"],
             stdout=subprocess.DEVNULL)
    got = sha512_integrity(tgz)
    if got != integrity:
        tgz.unlink()
        raise SystemExit(f"{name}@{version}: sha512 {got} does not match requirements/lite-npm.txt ({integrity})")
    return tgz


def slim_wheel(src: Path, dest_dir: Path, drop: tuple[str, ...]) -> Path:
    r"""A copy of wheel ``src`` in ``dest_dir`` without the members matching a regex in ``drop`` (and their
    ``RECORD`` lines). The site's lock records the new file's sha256.

    Examples
    --------
    >>> import tempfile, zipfile
    >>> d = Path(tempfile.mkdtemp())
    >>> with zipfile.ZipFile(d / "p-1-py3-none-any.whl", "w") as z:
    ...     z.writestr("p/a.py", "x"); z.writestr("p/big.js", "y")
    ...     z.writestr("p-1.dist-info/RECORD", "p/a.py,,\np/big.js,,\n")
    >>> w = slim_wheel(d / "p-1-py3-none-any.whl", d / "out", (r"\.js$",))
    >>> zipfile.ZipFile(w).namelist(), zipfile.ZipFile(w).read("p-1.dist-info/RECORD").decode()
    (['p/a.py', 'p-1.dist-info/RECORD'], 'p/a.py,,\n')
    """
    import zipfile

    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / src.name
    gone = re.compile("|".join(drop))
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if gone.search(info.filename):
                continue
            data = zin.read(info)
            if info.filename.endswith(".dist-info/RECORD"):
                data = "".join(line for line in data.decode().splitlines(keepends=True)
                               if not gone.search(line.split(",", 1)[0])).encode()
            zout.writestr(info, data)
    return dest


# ------------------------------------------------------------------------------------------ contents
def course_order(paths: list[Path]) -> list[str]:
    """Notebook file names in course order: by their number, then the rest of the name (06 before 06a)."""
    def key(p: Path) -> tuple:
        m = re.match(r"(\d+)([a-z]*)", p.name)
        return (int(m.group(1)), m.group(2), p.name) if m else (10**6, "", p.name)
    return [p.name for p in sorted(paths, key=key)]


def course_notebooks() -> list[Path]:
    """Every notebook in ``notebooks/``, in course order (numbered ones first, then any others by name)."""
    return [NOTEBOOKS / n for n in course_order(list(NOTEBOOKS.glob("*.ipynb")))]


def course_version() -> dict[str, str]:
    """``{"version": "0.1.0+abc1234", "package": "0.1.0", "commit": "abc1234"}`` (commit "" outside git)."""
    from course_lib import __version__

    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short=7", "HEAD"], capture_output=True,
                                text=True, timeout=30, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "notebooks", "course_lib",
                                "data"], capture_output=True, text=True, timeout=30, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit, dirty = "", ""
    local = commit + (".dirty" if dirty else "")
    return {"version": f"{__version__}+{local}" if local else __version__, "package": __version__, "commit": commit}


def stamp_notebook(nb: dict, version: str, classroom: bool = False) -> dict:
    """A copy of ``nb`` with ``metadata.reading_the_crisis.version`` set (the landing page compares it with
    the site's version to spot an old copy in the browser) and, for the classroom view, every code cell's
    input collapsed (the standard ``metadata.jupyter.source_hidden``) and a first cell that switches on
    classroom mode as ``make present`` has it: chart sizes (:func:`course_lib.theme.classroom_mode`, which
    sets ``COURSE_CLASSROOM`` as ``make present`` does for its kernels) and the classroom styles
    (:func:`course_lib.ui.present_toggle`, the same classroom.css).

    Examples
    --------
    >>> nb = {"cells": [{"cell_type": "code", "metadata": {}, "source": "1"}], "metadata": {}}
    >>> out = stamp_notebook(nb, "1.0", classroom=True)
    >>> out["metadata"]["reading_the_crisis"], out["cells"][0]["metadata"]["jupyter"]
    ({'version': '1.0'}, {'source_hidden': True})
    >>> nb["metadata"]
    {}
    """
    out = copy.deepcopy(nb)
    out.setdefault("metadata", {})["reading_the_crisis"] = {"version": version}
    if classroom:
        for cell in out["cells"]:
            if cell["cell_type"] == "code":
                cell.setdefault("metadata", {}).setdefault("jupyter", {})["source_hidden"] = True
        out["cells"].insert(0, {  # the classroom styles (large text, one column; classroom.css), as in make present
            "cell_type": "code", "id": "rtc-classroom-style", "execution_count": None, "outputs": [],
            "metadata": {"jupyter": {"source_hidden": True}},
            "source": "import course_lib\ncourse_lib.classroom_mode(on=True)  # charts with large text\n"
                      "course_lib.present_toggle(on=True)  # large text for a projector"})
    return out


def write_contents(files: Path, notebooks: list[Path], version: str) -> None:
    """The site's files: each notebook (stamped) and its classroom copy in ``classroom/``."""
    (files / CLASSROOM).mkdir(parents=True, exist_ok=True)
    for src in notebooks:
        nb = json.loads(src.read_text(encoding="utf-8"))
        for dest, classroom in ((files / src.name, False), (files / CLASSROOM / src.name, True)):
            dest.write_text(json.dumps(stamp_notebook(nb, version, classroom), indent=1, ensure_ascii=False) + "\n",
                            encoding="utf-8")


# ------------------------------------------------------------------------------------------ the build
def jupyter_lite_json() -> dict:
    """The site's ``jupyter-lite.json``: fixed storage names, no PyPI fallback, nothing that phones home."""
    return {"jupyter-lite-schema-version": 0, "jupyter-config-data": {
        "appName": "Reading the Crisis", **STORAGE,
        "litePluginSettings": {"@jupyterlite/pyodide-kernel-extension:kernel": {"disablePyPIFallback": True}},
        # JupyterLab's own: no news feed, no update check, no extension manager listing PyPI
        "disabledExtensions": ["@jupyterlab/extensionmanager-extension"],
    }}


def overrides() -> dict:
    """Lab settings the site starts with (the learner may change them)."""
    return {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
            # every cell attached to the page, so a long notebook's widgets render when run
            "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"}}


def stage(src: Path, notebooks: list[Path], version: dict, wheel_dirs: list[Path], pyodide_tgz: Path,
          out: Path, extensions: list[Path]) -> None:
    """Lay out the JupyterLite project folder ``src`` for ``jupyter lite build``."""
    shutil.rmtree(src, ignore_errors=True)
    core = src / "static" / "pyodide"
    core.mkdir(parents=True)
    keep = {"pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide.mjs", "pyodide.js", "python_stdlib.zip",
            "pyodide-lock.json", "package.json"}
    with tarfile.open(pyodide_tgz) as tf:
        for member in tf.getmembers():
            name = member.name.removeprefix("package/")
            if member.isfile() and name in keep:
                (core / name).write_bytes(tf.extractfile(member).read())
    lock = json.loads((core / "pyodide-lock.json").read_text(encoding="utf-8"))
    lock["packages"] = {}  # none of their wheels ship with the npm package; the addon adds ours
    (core / "pyodide-lock.json").write_text(json.dumps(lock, indent=1), encoding="utf-8")
    write_contents(src / "files", notebooks, version["version"])
    (src / "jupyter-lite.json").write_text(json.dumps(jupyter_lite_json(), indent=1), encoding="utf-8")
    (src / "overrides.json").write_text(json.dumps(overrides(), indent=1), encoding="utf-8")
    config = {
        "LiteBuildConfig": {
            "contents": ["files"], "output_dir": str(out), "cache_dir": str(CACHE / "lite-build-cache" / out.name),
            "apps": ["lab", "notebooks"], "no_sourcemaps": True, "no_unused_shared_packages": True,
            "settings_overrides": ["overrides.json"],
            # exactly these lab extensions, not whatever else the build venv happens to hold
            "ignore_sys_prefix": ["federated_extensions"],
            "federated_extensions": [str(e) for e in extensions],
        },
        "PyodideLockAddon": {
            "enabled": True,
            "wheels": [str(d) for d in wheel_dirs],
            "excludes_extra": list(NOT_IN_KERNEL),
            # resolve only against the hash-checked wheels above: no index, no network
            "pyodide_lock_uv_options": {"extra_uv_args": ["--offline", "--no-index"]},
        },
    }
    (src / "jupyter_lite_config.json").write_text(json.dumps(config, indent=1), encoding="utf-8")


def build(out: Path = OUT, notebooks: list[Path] | None = None, course: bool = True) -> dict:
    """Build the site into ``out``; returns ``{"seconds", "bytes", "files", "version"}``.

    ``course=False`` builds the bench's bare site the same way: same tools, runtime, kernel packages and
    settings, but no course wheel, no widget or plotly extension and no landing page.
    """
    from . import lock as lockfiles
    from . import lite_page

    start = time.monotonic()
    out = Path(out).resolve()  # the build runs in its own folder
    notebooks = course_notebooks() if notebooks is None else notebooks
    py = build_env()
    pkg, npm_version, integrity = lockfiles.npm_pin()
    pyodide_tgz = npm_fetch(pkg, npm_version, integrity, CACHE / "npm")
    pyodide_txt = (REQ / "lite-pyodide.txt").read_text(encoding="utf-8")
    names = [n for n in requirement_blocks(pyodide_txt) if n not in NOT_IN_KERNEL]
    downloads = pip_download(names, pyodide_txt, CACHE / "pyodide-wheels")
    wheels = CACHE / "site-wheels" / out.name
    shutil.rmtree(wheels, ignore_errors=True)
    wheels.mkdir(parents=True)
    for wheel in downloads:
        if wheel.name.startswith("plotly-"):
            slim_wheel(wheel, wheels, PLOTLY_JS)
        else:
            shutil.copy2(wheel, wheels / wheel.name)
    wheel_dirs = [wheels]
    if course:
        wheel_dirs.insert(0, CACHE / "course-wheel")
        shutil.rmtree(wheel_dirs[0], ignore_errors=True)
        _run([py, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", wheel_dirs[0], ROOT])
    share = py.parent.parent / "share" / "jupyter" / "labextensions"
    extensions = [share / EXTENSIONS[k] for k in (("kernel", "widgets", "plotly") if course else ("kernel",))]
    if course:  # the course's own accessibility extension (ARIA that ipywidgets and plotly cannot set)
        extensions.append(A11Y_EXTENSION)
    version = course_version()
    src = CACHE / "site-src" / out.name
    stage(src, notebooks, version, wheel_dirs, pyodide_tgz, out, extensions)
    shutil.rmtree(out, ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTERLITE_", "JUPYTER_"))}
    # nothing from the user's own Jupyter folders
    env.update(JUPYTER_DATA_DIR=str(src / "_jupyter_data"), JUPYTER_CONFIG_DIR=str(src / "_jupyter_config"),
               JUPYTER_PLATFORM_DIRS="1", JUPYTER_PATH="", SOURCE_DATE_EPOCH=_source_date_epoch())
    _run([py.parent / "jupyter-lite", "build", "--lite-dir", src, "--output-dir", out], cwd=src, env=env,
         stdout=subprocess.DEVNULL if not os.environ.get("COURSE_LITE_VERBOSE") else None)
    (out / "course-version.json").write_text(json.dumps(version, indent=1) + "\n", encoding="utf-8")
    if course:
        lite_page.write(out, notebooks, version)
    problems = check_site(out, names + (["reading-the-crisis"] if course else []))
    if problems:
        raise SystemExit("the built site is not right:\n  " + "\n  ".join(problems))
    files = [p for p in out.rglob("*") if p.is_file()]
    result = {"seconds": round(time.monotonic() - start, 1), "bytes": sum(p.stat().st_size for p in files),
              "files": len(files), "version": version["version"]}
    log(f"built {out} in {result['seconds']} s: {result['files']} files, {result['bytes'] / 1e6:.1f} MB, "
        f"course version {result['version']}")
    return result


def _source_date_epoch() -> str:
    try:
        return subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"], capture_output=True,
                              text=True, timeout=30, check=True).stdout.strip() or "1700000000"
    except (OSError, subprocess.SubprocessError):
        return "1700000000"


def check_site(out: Path, kernel_packages: list[str]) -> list[str]:
    """What is wrong with a built site: lock entries that point off-site or at a missing file, a missing
    kernel package, or the PyPI fallback left on."""
    problems = []
    lock_path = out / "static" / "pyodide-lock" / "pyodide-lock.json"
    if not lock_path.is_file():
        return [f"no {lock_path.relative_to(out)}"]
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    have = {re.sub(r"[-_.]+", "-", n).lower() for n in lock["packages"]}
    for name in kernel_packages:
        if name not in have:
            problems.append(f"{name} is not in the site's pyodide-lock.json")
    for name, pkg in lock["packages"].items():
        file_name = pkg["file_name"]
        if re.match(r"[a-z]+://", file_name):
            problems.append(f"{name} loads from {file_name}")
        elif not (lock_path.parent / file_name).resolve().is_file():
            problems.append(f"{name}: {file_name} is not in the site")
    cfg = json.loads((out / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]
    if not cfg.get("litePluginSettings", {}).get("@jupyterlite/pyodide-kernel-extension:kernel", {}).get(
            "disablePyPIFallback"):
        problems.append("disablePyPIFallback is not set")
    return problems


# ------------------------------------------------------------------------------------------ serving
class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".mjs": "text/javascript", ".js": "text/javascript", ".json": "application/json"}


def serve(directory: Path = OUT, port: int = 8000) -> None:
    """Serve ``directory`` on http://127.0.0.1:``port``/ until Ctrl-C (what ``python -m http.server`` does)."""
    if not (directory / "index.html").is_file():
        raise SystemExit(f"{directory} has no site: run make lite first")
    handler = functools.partial(_Handler, directory=str(directory))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as httpd:
        print(f"Serving {directory} on http://127.0.0.1:{httpd.server_address[1]}/ (Ctrl-C to stop)", flush=True)
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build or serve the offline JupyterLite site.")
    sub = parser.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="build _lite/")
    b.add_argument("--out", type=Path, default=OUT)
    s = sub.add_parser("serve", help="serve _lite/ on 127.0.0.1")
    s.add_argument("--port", type=int, default=int(os.environ.get("LITE_PORT", "8000")))
    s.add_argument("--dir", type=Path, default=OUT)
    sub.add_parser("python", help="print the Python >= 3.12 the build would use")
    args = parser.parse_args(argv)
    if args.cmd == "build":
        build(args.out)
    elif args.cmd == "serve":
        serve(args.dir, args.port)
    else:
        print(find_python())
    return 0


if __name__ == "__main__":
    sys.exit(main())
