"""Hand-in: one JSON file per learner with everything the course saved, for the teacher's class report.

``python -m course_lib handin [--name NAME] [--out FILE]`` or the "Save my results" widget
(:func:`save_results`, at the end of notebook 07) writes ``handin-<name>.json`` into the learner's working
folder; the learner downloads it or hands it in however the school collects files (LMS upload, shared folder).
The teacher then runs ``python -m course_lib class-report`` (:mod:`course_lib.report`) over the files.

The file's fields are documented in ``data/schemas/handin.schema.json``::

    {"format": "reading-the-crisis-handin", "format_version": 1,
     "course_version": "0.1.0", "learner": "<name as typed>", "user": "<login or hub name>",
     "hub_user": "<$JUPYTERHUB_USER, or empty>",
     "created": "<UTC ISO time>",
     "quizzes": {"<quiz>": {"<question id>": {"attempts": 2, "correct": true, "first_try": false,
                                               "answer": <option id(s), number, item ids>,
                                               "first_answer": <the first check's answer>,
                                               "shown": "<the answer as text>", "timestamp": "..."}}},
     "claims": {"<claim id>": {"rating": "misleading", "confidence": 70, "predictions": 1, "timestamp": "..."}},
     "results": {"<kind>": {"<key>": {...}}}}

``results`` carries every kind saved with :meth:`~course_lib.progress.ProgressStore.record_result`
(``assessment``, ``factcheck``, ``notes``, and any later kind) unchanged.

Examples
--------
>>> import tempfile, os
>>> from course_lib.progress import ProgressStore
>>> d = tempfile.mkdtemp()
>>> store = ProgressStore(os.path.join(d, "p.json"))
>>> _ = store.record_check("00-start-here", "who-wrote-moscowtimes", correct=True, answer="afp", shown="AFP")
>>> path = write_handin("Ada L.", progress=store, folder=d)
>>> path.name
'handin-ada-l.json'
>>> import json; doc = json.loads(path.read_text(encoding="utf-8"))
>>> doc["learner"], doc["quizzes"]["00-start-here"]["who-wrote-moscowtimes"]["answer"]
('Ada L.', 'afp')
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import stat
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from .progress import ProgressStore, _claim_record, _quiz_records, current_user, now, store_for

FORMAT = "reading-the-crisis-handin"
FORMAT_VERSION = 1
HELP = "write your results to one JSON file to hand in to your teacher (handin-<name>.json)"
#: the longest learner name kept (longer names are cut)
MAX_NAME = 120


def slug(name: str) -> str:
    """A safe file-name part for a learner's name: ASCII letters, digits and single dashes (max 40).

    Examples
    --------
    >>> slug("Zoë  O'Brien"), slug("<script>"), slug("   ")
    ('zoe-o-brien', 'script', 'learner')
    """
    ascii_name = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode("ascii")
    out = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40].strip("-")
    return out or "learner"


def handin_filename(learner: str) -> str:
    """The hand-in's file name for a learner.

    Examples
    --------
    >>> handin_filename("Ada")
    'handin-ada.json'
    """
    return f"handin-{slug(learner)}.json"


def _course_version() -> str:
    from . import __version__

    return __version__


def build_handin(state: dict[str, Any], learner: str, *, user: str | None = None,
                 created: str | None = None, hub_user: str | None = None) -> dict[str, Any]:
    """The hand-in document for a progress state (malformed saved entries are left out).

    Parameters
    ----------
    state : dict
        A progress document, as :meth:`ProgressStore.read` returns it.
    learner : str
        The learner's name as they typed it (cut to :data:`MAX_NAME` characters).
    user : str, optional
        The login or JupyterHub name (default: :func:`~course_lib.progress.current_user`).
    created : str, optional
        The hand-in's time (default: now, UTC).
    hub_user : str, optional
        The JupyterHub user name (default: ``$JUPYTERHUB_USER``, empty off a hub); the class report treats
        two hand-ins with the same hub user as the same learner.

    Examples
    --------
    >>> doc = build_handin({"quizzes": {}, "claims": {}}, "Ada", user="ada", created="2026-01-01T00:00:00+00:00")
    >>> doc["format"], doc["learner"], doc["results"]
    ('reading-the-crisis-handin', 'Ada', {})
    """
    quizzes = {}
    for name in sorted(k for k in state.get("quizzes", {}) if isinstance(k, str)):
        recs = _quiz_records(state, name)
        if recs:
            quizzes[name] = recs
    claims = {}
    for cid in sorted(k for k in state.get("claims", {}) if isinstance(k, str)):
        rec = _claim_record(state, cid)
        if rec is not None:
            claims[cid] = {"rating": rec["rating"], "confidence": rec["confidence"],
                           "predictions": rec.get("predictions", 1) if isinstance(rec.get("predictions"), int)
                           else 1,
                           "timestamp": rec.get("timestamp") if isinstance(rec.get("timestamp"), str) else ""}
    results: dict[str, dict[str, Any]] = {}
    raw = state.get("results")
    for kind, recs in (raw.items() if isinstance(raw, dict) else []):
        if isinstance(kind, str) and isinstance(recs, dict):
            kept = {k: v for k, v in recs.items() if isinstance(k, str) and isinstance(v, dict)}
            if kept:
                results[kind] = kept
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "course_version": _course_version(),
            "learner": str(learner)[:MAX_NAME], "user": user if user is not None else current_user(),
            "hub_user": hub_user if hub_user is not None else os.environ.get("JUPYTERHUB_USER", "").strip(),
            "created": created or now(), "quizzes": quizzes, "claims": claims, "results": results}


def write_handin(learner: str, *, progress: bool | str | os.PathLike[str] | ProgressStore = True,
                 folder: str | os.PathLike[str] | None = None, out: str | os.PathLike[str] | None = None) -> Path:
    """Write the learner's hand-in and return its path.

    Parameters
    ----------
    learner : str
        The learner's name as typed (must not be blank).
    progress : bool, path or ProgressStore
        Which progress to hand in (default: the learner's progress file).
    folder : path, optional
        Where to write ``handin-<name>.json`` (default: the working folder).
    out : path, optional
        An exact file to write instead.

    Raises
    ------
    ValueError
        If the name is blank, or ``out`` exists and is not a regular file (it is never replaced).
    OSError
        If the file cannot be written.
    """
    if not str(learner).strip():
        raise ValueError("Type your name first, so your teacher knows whose results these are.")
    store = store_for(progress) or ProgressStore()
    doc = build_handin(store.read(), str(learner).strip())
    target = Path(out) if out is not None else Path(folder if folder is not None else os.getcwd()) / \
        handin_filename(doc["learner"])
    with contextlib.suppress(FileNotFoundError):
        if not stat.S_ISREG(target.stat().st_mode):
            raise ValueError(f"{target} exists and is not a regular file; choose another name.")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(doc, fh, ensure_ascii=False, indent=1, sort_keys=True)
            fh.write("\n")
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    return target


def _counts(doc: dict[str, Any]) -> tuple[int, int, int]:
    answers = sum(len(v) for v in doc["quizzes"].values())
    others = sum(len(v) for v in doc["results"].values())
    return answers, len(doc["claims"]), others


def save_results(*, progress: bool | str | os.PathLike[str] | ProgressStore = True,
                 folder: str | os.PathLike[str] | None = None):
    """A "Save my results" widget: the learner types their name and saves their hand-in file.

    Parameters
    ----------
    progress : bool, path or ProgressStore
        Which progress to hand in (default: the learner's progress file).
    folder : path, optional
        Where the file goes (default: the working folder at the time of the click, i.e. the notebook's).

    Returns
    -------
    ipywidgets.VBox
        A panel with ``.name_box`` (Text), ``.button`` (Button), ``.status`` (HTML, a live region) and
        ``.last_path`` (the file written, or None); its text repr is one stable line.

    Examples
    --------
    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> w = save_results(progress=os.path.join(d, "p.json"), folder=d)
    >>> w.name_box.value = "Ada"
    >>> w.button.click()
    >>> w.last_path.name, "Saved" in w.status.value
    ('handin-ada.json', True)
    """
    import ipywidgets as widgets

    from .ui import FONT, esc, panel

    intro = widgets.HTML(
        f"<div style=\"font-family:{FONT}\"><p style=\"margin:4px 0\">Type your name as your teacher knows "
        "you, then save. The course writes one file with your quiz answers and claim predictions into this "
        "notebook's folder. Download it (right-click it in the file browser, then <em>Download</em>) and "
        "hand it in the way your teacher asks.</p></div>")
    name_box = widgets.Text(description="Your name", placeholder="e.g. Ada Lovelace",
                            layout=widgets.Layout(width="min(100%, 420px)"),
                            style={"description_width": "initial"})
    button = widgets.Button(description="Save my results", button_style="primary", icon="save",
                            layout=widgets.Layout(width="auto", min_height="32px"))
    status = widgets.HTML("")
    box = panel([intro, widgets.HBox([name_box, button]), status],
                "Save my results: writes your answers to one file for your teacher")
    box.name_box, box.button, box.status, box.last_path = name_box, button, status, None

    def say(text: str, ok: bool) -> None:
        mark = "✔" if ok else "⚠"
        status.value = (f"<div role=\"status\" aria-live=\"polite\" style=\"font-family:{FONT}\">"
                        f"<p style=\"margin:4px 0\">{mark} {text}</p></div>")

    def click(_button: Any = None) -> None:
        try:
            path = write_handin(name_box.value, progress=progress, folder=folder)
            doc = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as err:
            say(esc(err), False)
            return
        except OSError as err:
            say(f"Your results could not be saved ({esc(err.strerror or err)}). Tell your teacher.", False)
            return
        box.last_path = path
        answers, claims, others = _counts(doc)
        extra = f", {others} other result{'s' if others != 1 else ''}" if others else ""
        say(f"Saved {answers} answer{'s' if answers != 1 else ''}, {claims} claim "
            f"prediction{'s' if claims != 1 else ''}{extra} to <code>{esc(path.name)}</code> in this "
            "notebook's folder. Saving again replaces it with your latest results.", True)

    button.on_click(click)
    return box


# ---------------------------------------------------------------------------------------------- CLI
def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``handin`` options to ``parser``."""
    parser.add_argument("--name", default=None,
                        help="your name as your teacher knows you (default: $JUPYTERHUB_USER or the login name)")
    parser.add_argument("--out", metavar="FILE", type=Path, default=None,
                        help="the file to write (default: handin-<name>.json in the working folder)")
    parser.add_argument("--file", metavar="PROGRESS.json", type=Path, default=None,
                        help="the progress file (default: $COURSE_PROGRESS_FILE or "
                             "~/.reading-the-crisis/progress.json)")


def run(args: argparse.Namespace) -> int:
    """Run ``python -m course_lib handin``; return the exit code."""
    name = args.name if args.name is not None else current_user()
    try:
        path = write_handin(name, progress=ProgressStore(args.file), out=args.out)
    except ValueError as err:
        print(err, file=sys.stderr)
        return 1
    except OSError as err:
        print(f"Could not write the hand-in: {err.strerror or err}", file=sys.stderr)
        return 1
    doc = json.loads(path.read_text(encoding="utf-8"))
    answers, claims, others = _counts(doc)
    print(f"Wrote {path} ({answers} answers, {claims} claim predictions, {others} other results)")
    return 0
