"""Reading hand-ins for the class report: every file is untrusted.

:func:`load_handins` takes files and folders (hand-ins written by :mod:`course_lib.handin`, or a
JupyterHub's home folders, where each learner's progress is ``<home>/.reading-the-crisis/progress.json``)
and returns the valid hand-ins plus one plain-text problem per file it skipped, naming the file:

* not a regular file (a folder, FIFO or device is never opened), larger than :data:`MAX_BYTES`,
  not UTF-8, not JSON, truncated;
* NaN or Infinity, duplicate keys, nesting deeper than :data:`MAX_DEPTH` (100,000-deep nesting is refused
  by the parser, never a crash);
* not matching ``data/schemas/handin.schema.json`` (the field is named);
* a second hand-in of the same learner (same JupyterHub user; off a hub, same name and account): a hand-in
  wins over a progress file, then the newest is kept.

Nothing here escapes text: the report escapes every string when it writes HTML and neutralises every
CSV cell.

Examples
--------
>>> import tempfile, os
>>> d = tempfile.mkdtemp()
>>> with open(os.path.join(d, "bad.json"), "w") as fh:
...     _ = fh.write('{"format": NaN}')
>>> handins, problems = load_handins([d])
>>> handins, [p.split(": ", 1)[1] for p in problems]
([], ['NaN or Infinity is not allowed in a hand-in'])
"""
from __future__ import annotations

import json
import os
import stat
import unicodedata
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from .handin import FORMAT, build_handin

#: the largest hand-in read (a full course's hand-in is well under 100 kB)
MAX_BYTES = 2_000_000
#: the deepest nesting of lists and objects accepted in a hand-in (a real one is 5 deep; results 8 or so)
MAX_DEPTH = 24
#: the most files read from the paths given (a folder tree can be huge)
MAX_FILES = 20_000
#: the hidden folder holding a learner's progress in their home folder
PROGRESS_DIR = ".reading-the-crisis"


class HandinError(ValueError):
    """A hand-in cannot be used (the message says why, in plain words)."""


def display_name(value: Any, limit: int = 80) -> str:
    """A learner name made inert for display: no control, format or bidi characters, one line, cut to ``limit``.

    It is still plain text: escape it before putting it into HTML.

    Examples
    --------
    >>> display_name("Ada\\u202e evil\\n<b>")
    'Ada evil <b>'
    """
    text = "".join(" " if ch in "\t\r\n" else ch for ch in str(value)
                   if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co") or ch in "\t\r\n")
    text = " ".join(text.split())
    return (text[: limit - 1] + "…") if len(text) > limit else text


def _reject_constant(name: str) -> Any:
    raise HandinError("NaN or Infinity is not allowed in a hand-in")


def _finite_float(text: str) -> float:
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise HandinError("a number is too large (it reads as infinity)")
    return value


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise HandinError(f"the key {display_name(key, 40)!r} appears twice in one object")
        out[key] = value
    return out


def _depth(value: Any) -> int:
    """The nesting depth of a parsed JSON value (iterative: deep values cannot overflow the stack)."""
    if not isinstance(value, (dict, list)):
        return 0
    deepest, stack = 1, [(value, 1)]
    while stack:
        node, level = stack.pop()
        if level > deepest:
            deepest = level
            if deepest > MAX_DEPTH:
                return deepest
        for child in (node.values() if isinstance(node, dict) else node):
            if isinstance(child, (dict, list)):
                stack.append((child, level + 1))
    return deepest


def read_json_file(path: Path) -> Any:
    """Parse one untrusted JSON file; raise :class:`HandinError` with a plain reason if it cannot be used."""
    try:
        info = os.stat(path)
    except OSError as err:
        raise HandinError(f"cannot be read ({err.strerror or err})") from None
    if not stat.S_ISREG(info.st_mode):
        raise HandinError("is not a regular file")
    if info.st_size > MAX_BYTES:
        raise HandinError(f"is too large ({info.st_size:,} bytes; a hand-in is under {MAX_BYTES:,})")
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as err:
        raise HandinError(f"cannot be read ({err.strerror or err})") from None
    if len(raw) > MAX_BYTES:
        raise HandinError(f"is too large (over {MAX_BYTES:,} bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise HandinError("is not UTF-8 text") from None
    if not text.strip():
        raise HandinError("is empty")
    try:
        doc = json.loads(text, parse_constant=_reject_constant, parse_float=_finite_float,
                         object_pairs_hook=_no_duplicate_keys)
    except HandinError:
        raise
    except RecursionError:
        raise HandinError(f"is nested too deeply (more than {MAX_DEPTH} levels)") from None
    except json.JSONDecodeError as err:
        raise HandinError(f"is not valid JSON (line {err.lineno}, column {err.colno}: {err.msg}; "
                          "truncated?)") from None
    except ValueError as err:  # e.g. an integer with more digits than Python converts
        raise HandinError(f"has a value that cannot be read ({str(err)[:80]})") from None
    if _depth(doc) > MAX_DEPTH:
        raise HandinError(f"is nested too deeply (more than {MAX_DEPTH} levels)")
    return doc


def _home_name(path: Path) -> str:
    """The learner for a progress file: the home folder's name above ``.reading-the-crisis``."""
    return path.parent.parent.name if path.parent.name == PROGRESS_DIR else path.stem


def _mtime(path: Path) -> str:
    try:
        stamp = os.stat(path).st_mtime
    except OSError:
        return ""
    return datetime.fromtimestamp(stamp, timezone.utc).replace(microsecond=0).isoformat()


def parse_handin(doc: Any, path: Path) -> dict[str, Any]:
    """A checked hand-in from a parsed file: a hand-in (schema-checked) or a progress file (cleaned).

    Raises
    ------
    HandinError
        If the document is neither, or breaks the hand-in schema (the field is named).
    """
    from .validate import _schema_error

    if isinstance(doc, dict) and "format" in doc:
        if doc.get("format") != FORMAT:
            raise HandinError("is not a Reading the Crisis hand-in (its \"format\" field is different)")
        problem = _schema_error("handin", doc)
        if problem is not None:
            field, message = problem
            where = f"field {display_name(field, 60)!r}: " if field else ""
            raise HandinError(f"{where}{message}")
        out = dict(doc)
    elif (isinstance(doc, dict) and isinstance(doc.get("quizzes"), dict) and isinstance(doc.get("claims", {}), dict)
          and set(doc) <= {"version", "quizzes", "claims", "results"}):
        name = _home_name(path)
        out = build_handin(doc, name, user=name, created=_mtime(path), hub_user=name)
        problem = _schema_error("handin", out)
        if problem is not None:  # a hand-edited progress file can still carry odd values
            raise HandinError(f"field {display_name(problem[0] or '', 60)!r}: {problem[1]}")
        out["from_progress_file"] = True
    else:
        raise HandinError("is neither a hand-in nor a progress file")
    if not display_name(out["learner"]):
        raise HandinError("field 'learner': the name is blank once invisible characters are removed")
    out.setdefault("user", "")
    out["source"] = str(path)
    return out


def _candidates(paths: Iterable[str | os.PathLike[str]], problems: list[str]) -> list[Path]:
    """Every file to try: the files given, and in folders every ``*.json`` (hidden folders skipped, except
    ``.reading-the-crisis`` where only ``progress.json`` is read). Symlinked folders are not followed."""
    found: list[Path] = []
    for given in paths:
        root = Path(given)
        if root.is_dir():
            for folder, dirs, files in os.walk(root):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") or d == PROGRESS_DIR)
                here = Path(folder)
                names = ["progress.json"] if here.name == PROGRESS_DIR and "progress.json" in files else (
                    [] if here.name == PROGRESS_DIR else sorted(f for f in files if f.endswith(".json")))
                found.extend(here / n for n in names)
                if len(found) > MAX_FILES:
                    problems.append(f"{root}: more than {MAX_FILES:,} JSON files; only the first were read")
                    return found[:MAX_FILES]
        elif root.exists() or root.is_symlink():
            found.append(root)
        else:
            problems.append(f"{root}: no such file or folder")
    return found


def _key(handin: dict[str, Any]) -> tuple[str, str]:
    """Who a hand-in belongs to: the hub user where there is one (unique on a hub), else name and account."""
    hub = display_name(handin.get("hub_user", "")).casefold()
    if hub:
        return "hub", hub
    return display_name(handin["learner"]).casefold(), display_name(handin.get("user", "")).casefold()


def _rank(handin: dict[str, Any]) -> tuple[bool, str]:
    """Which of two hand-ins of one learner wins: a real hand-in over a progress file, then the newest."""
    return not handin.get("from_progress_file", False), str(handin["created"])


def load_handins(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[dict[str, Any]], list[str]]:
    """Read every hand-in under ``paths``; return ``(hand-ins, problems)``, never raising for a bad file.

    Each hand-in is the file's document plus ``"source"`` (its file name). Problems are plain-text lines
    ``"<file>: <what is wrong>"``; the report shows them escaped. Duplicates (same hub user, or off a hub the
    same name and account) keep a hand-in over a progress file, then the newest ``created``; the others are
    listed as problems. Hand-ins are sorted by learner name.

    Examples
    --------
    >>> load_handins(["/nonexistent-folder"])[1]
    ['/nonexistent-folder: no such file or folder']
    """
    problems: list[str] = []
    kept: dict[tuple[str, str], dict[str, Any]] = {}
    for path in _candidates(paths, problems):
        try:
            handin = parse_handin(read_json_file(path), path)
        except HandinError as err:
            problems.append(f"{path}: {err}")
            continue
        except Exception as err:  # never a traceback for a file: name it and go on
            problems.append(f"{path}: could not be read ({type(err).__name__})")
            continue
        key = _key(handin)
        other = kept.get(key)
        if other is None:
            kept[key] = handin
            continue
        newer, older = (handin, other) if _rank(handin) > _rank(other) else (other, handin)
        kept[key] = newer
        problems.append(f"{older['source']}: a second hand-in of {display_name(older['learner'])!r} "
                        f"(also in {newer['source']}); the newer one is used")
    handins = sorted(kept.values(), key=lambda h: (_key(h), h["source"]))
    return handins, problems
