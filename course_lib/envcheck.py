"""The environment check of notebook 00: is everything the course needs here, and if not, what to do.

:func:`environment_check` returns an :class:`EnvironmentReport`, shown as a plain HTML list (not a
widget), so a learner can read it even where widgets do not work. Each line says in plain words what
was checked, whether it is fine, and, if not, what to do.

The report is the same on every machine where everything is fine: it names the versions the course
needs, never the versions found (those appear only in a failure message), and never prints a path
that depends on the machine. That keeps notebook 00's stored output identical on every run.

Examples
--------
>>> report = environment_check()
>>> report.ok
True
>>> repr(report).splitlines()[0]
'Environment check: everything the course needs is here (6 of 6 checks passed).'
"""
from __future__ import annotations

import os
import re
import sys
from importlib import import_module
from pathlib import Path
from typing import NamedTuple

from .ui import esc

#: the oldest Python the course supports (pyproject.toml: requires-python)
PYTHON_FLOOR = (3, 11)
#: import name -> (floor, what the learner loses without it); the floors match pyproject.toml
PACKAGES: dict[str, tuple[str, str]] = {
    "ipywidgets": ("8.1", "the quizzes, buttons, readers and comparisons"),
    "plotly": ("6.0", "the timeline, the troop chart and the map"),
    "fastjsonschema": ("2.19", "checking the course data when it loads"),
}
#: pip name of each import name, for the "what to do" line
_INSTALL = ("In a terminal, in the course folder, run <code>make install</code>, then in Jupyter choose "
            "Kernel &#9656; Restart Kernel and run this notebook again from the top.")


class Check(NamedTuple):
    """One line of the report: what was checked, whether it is fine, what it means, what to do."""

    name: str
    ok: bool
    message: str
    fix: str = ""


def _version_tuple(text: str) -> tuple[int, ...]:
    """``"8.1.5"`` -> ``(8, 1, 5)``; ``"6.0.0rc1"`` -> ``(6, 0, 0)``; unreadable parts count as 0."""
    parts = []
    for piece in str(text).split(".")[:3]:
        m = re.match(r"\d+", piece)
        parts.append(int(m.group()) if m else 0)
    return tuple(parts)


def check_python(version_info: tuple[int, ...] | None = None) -> Check:
    """Check that Python is new enough.

    Examples
    --------
    >>> check_python((3, 12, 1)).ok, check_python((3, 8, 10)).ok
    (True, False)
    """
    found = tuple(version_info if version_info is not None else sys.version_info[:3])
    need = ".".join(map(str, PYTHON_FLOOR))
    if found[:2] >= PYTHON_FLOOR:
        return Check("Python", True, f"Python {need} or newer: yes.")
    got = ".".join(map(str, found[:3]))
    return Check("Python", False, f"This is Python {got}; the course needs Python {need} or newer.",
                 "Ask whoever set up your computer for a newer Python, or use the course on your school's "
                 "JupyterHub if it has one. " + _INSTALL)


def check_package(name: str, floor: str | None = None, purpose: str | None = None) -> Check:
    """Check that a package can be imported and is new enough.

    Parameters
    ----------
    name : str
        The import name, e.g. ``"plotly"``.
    floor : str, optional
        The oldest version that works; defaults to the course's floor from :data:`PACKAGES`.
    purpose : str, optional
        What the learner loses without it (for the message).

    Examples
    --------
    >>> check_package("plotly").ok
    True
    >>> c = check_package("no_such_package_xyz", "1.0", "nothing")
    >>> c.ok, "missing" in c.message
    (False, True)
    """
    default_floor, default_purpose = PACKAGES.get(name, ("0", "part of the course"))
    floor = floor or default_floor
    purpose = purpose or default_purpose
    pip_name = name  # the three run-time packages are installed under their import names
    try:
        module = import_module(name)
    except Exception as exc:  # ImportError, or a broken install that fails while importing
        why = "is missing" if isinstance(exc, ImportError) else "is installed but does not load"
        return Check(name, False, f"{name} {why}, so {purpose} will not work.",
                     _INSTALL + f" (Or: <code>pip install \"{esc(pip_name)}>={esc(floor)}\"</code>.)")
    found = getattr(module, "__version__", None)
    if found is None:
        try:
            from importlib.metadata import version

            found = version(pip_name)
        except Exception:
            found = "0"
    if _version_tuple(found) >= _version_tuple(floor):
        return Check(name, True, f"{name} {floor} or newer: yes ({purpose}).")
    return Check(name, False,
                 f"{name} {found} is too old for {purpose}; the course needs {floor} or newer.",
                 _INSTALL + f" (Or: <code>pip install --upgrade \"{esc(pip_name)}>={esc(floor)}\"</code>.)")


def check_data(folder: str | Path | None = None) -> Check:
    """Check that the course data loads and passes its checks.

    Examples
    --------
    >>> check_data().message
    'The course data (5 articles and everything drawn from them) loaded and passed its checks.'
    """
    from .data import load

    try:
        data = load(folder)
    except Exception as exc:  # DataError (named file/record/field), or an unreadable folder
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if len(first) > 300:
            first = first[:300] + "…"
        return Check("Course data", False, f"The course data did not load: {first}",
                     "If you or a colleague edited a file in <code>data/</code>, undo that change; "
                     "<code>make validate</code> lists every problem with its file, record and field. "
                     "Otherwise download the course again.")
    n = len(data.articles)
    return Check("Course data", True,
                 f"The course data ({n} articles and everything drawn from them) loaded and passed its checks.")


def _nearest_existing(path: Path) -> Path:
    for candidate in [path, *path.parents]:
        if candidate.exists():
            return candidate
    return Path(path.anchor or ".")


def check_progress(progress: bool | str | os.PathLike[str] = True) -> Check:
    """Check that quiz answers can be saved, without writing anything.

    Parameters
    ----------
    progress : bool or path
        ``True`` (default): the learner's progress file (:func:`course_lib.progress.default_path`);
        a path: that file.

    Examples
    --------
    >>> import tempfile, os
    >>> check_progress(os.path.join(tempfile.mkdtemp(), "p.json")).ok
    True
    """
    from . import progress as progress_module
    from .progress import ENV_VAR, default_path

    if progress_module.in_browser():
        return _check_browser_progress(default_path() if progress is True else Path(os.fspath(progress)))
    if progress is True:
        path = default_path()
        where = ("the file named by the environment variable " + ENV_VAR
                 if os.environ.get(ENV_VAR, "").strip() else "your home folder, ~/.reading-the-crisis/progress.json")
    else:
        path = Path(os.fspath(progress)).expanduser()
        where = "the progress file you named"
    if path.exists():
        # a read-only file (no write bit) is left alone by the store even where root could write it
        ok = path.is_file() and os.access(path, os.R_OK | os.W_OK) and bool(path.stat().st_mode & 0o222)
    else:
        base = _nearest_existing(path.parent)
        ok = base.is_dir() and os.access(base, os.W_OK | os.X_OK)
    if ok:
        return Check("Progress file", True, "Your quiz answers can be saved in your progress file, so they "
                     "survive a restart.")
    return Check("Progress file", False,
                 f"Your quiz answers cannot be saved ({where} is not writable). The quizzes still work, "
                 "but your answers will be lost when you close the notebook.",
                 "Ask your teacher or IT support to make the folder writable, or set the environment variable "
                 f"<code>{ENV_VAR}</code> to a file in a folder you can write to, then restart Jupyter.")


def _check_browser_progress(path: Path) -> Check:
    """The progress check in the browser (JupyterLite): only JupyterLite's ``/drive`` survives a reload."""
    from .progress import BROWSER_DRIVE

    drive = BROWSER_DRIVE
    persistent = drive.is_dir() and (path == drive or drive in path.parents)
    if persistent:
        shown = path.relative_to(drive).as_posix()
        return Check("Progress file", True,
                     f"Your quiz answers are saved in this browser's storage, in the file {shown} (you can see "
                     "and download it in the file browser on the left), so they survive a reload. They stay in "
                     "this browser on this computer; clearing the browser's data for this site deletes them.")
    return Check("Progress file", False,
                 "Your quiz answers are kept only in this page's memory: they will be lost when you reload or "
                 "close the page. The quizzes still work.",
                 "Open the course from its JupyterLite site (the notebooks there run in the browser-storage "
                 f"folder <code>{esc(str(drive))}</code>), or ask your teacher.")


class EnvironmentReport:
    """The result of :func:`environment_check`: a list of :class:`Check` shown as text and as HTML.

    Examples
    --------
    >>> r = EnvironmentReport([Check("Python", True, "Python 3.11 or newer: yes.")])
    >>> r.ok, len(r.problems)
    (True, 0)
    """

    def __init__(self, checks: list[Check]) -> None:
        self.checks = list(checks)

    @property
    def problems(self) -> list[Check]:
        """The checks that failed."""
        return [c for c in self.checks if not c.ok]

    @property
    def ok(self) -> bool:
        """True if every check passed."""
        return not self.problems

    def headline(self) -> str:
        """One sentence: all fine, or how many problems."""
        n, bad = len(self.checks), len(self.problems)
        if not bad:
            return f"Environment check: everything the course needs is here ({n} of {n} checks passed)."
        word = "problem" if bad == 1 else "problems"
        return f"Environment check: {bad} {word} found ({n - bad} of {n} checks passed). See what to do below."

    def __repr__(self) -> str:
        lines = [self.headline()]
        for c in self.checks:
            lines.append(f"[{'OK' if c.ok else 'PROBLEM'}] {c.message}")
            if c.fix:
                lines.append("    What to do: " + re.sub(r"<[^>]+>", "", c.fix).replace("&#9656;", "▸"))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        items = []
        for c in self.checks:
            mark = ('<span style="color:#006B4E;font-weight:700">&#10004; OK</span>' if c.ok
                    else '<span style="color:#B33C00;font-weight:700">&#10008; PROBLEM</span>')
            fix = f'<br><strong>What to do:</strong> {c.fix}' if c.fix else ""
            items.append(f"<li>{mark}: {esc(c.message)}{fix}</li>")
        note = ("This list is not a widget, so you can read it even where widgets do not work. If the quiz "
                "further down shows only one line of text (such as <q>Quiz: … — 8 questions</q>) instead of "
                "buttons, this Jupyter cannot display widgets: open the course with <code>make lab</code> "
                "(JupyterLab 4 with ipywidgets 8), or ask your teacher.")
        return (f'<div class="rtc-envcheck" role="region" aria-label="Environment check">'
                f"<p><strong>{esc(self.headline())}</strong></p><ul>{''.join(items)}</ul>"
                f'<p style="font-size:90%">{note}</p></div>')


def environment_check(*, progress: bool | str | os.PathLike[str] = True,
                      folder: str | Path | None = None) -> EnvironmentReport:
    """Check Python, the three run-time packages, the course data and the progress file.

    Nothing is written and nothing is fetched. The report is plain HTML (with a plain-text version),
    so it is readable even where widgets do not display.

    Parameters
    ----------
    progress : bool or path
        Which progress file to check: ``True`` (default) for the learner's, or a path.
    folder : str or Path, optional
        A data folder laid out like the package's ``data/`` (for tests).

    Returns
    -------
    EnvironmentReport
        ``.ok`` is True when everything passed; ``.problems`` lists what failed, each with what to do.

    Examples
    --------
    >>> import course_lib
    >>> course_lib.environment_check().ok
    True
    """
    checks = [check_python()]
    checks += [check_package(name) for name in PACKAGES]
    checks.append(check_data(folder))
    checks.append(check_progress(progress))
    return EnvironmentReport(checks)
