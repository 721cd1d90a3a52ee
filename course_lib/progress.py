"""Learner progress: quiz answers and claim predictions, kept in a small local JSON file.

Where: the file named by the environment variable ``COURSE_PROGRESS_FILE``, else
``~/.reading-the-crisis/progress.json`` (per user, so it works unchanged on a JupyterHub). In the browser
(JupyterLite, where Python is Pyodide) the home folder lives in memory and is lost on reload, so there it
is ``/drive/reading-the-crisis/progress.json``: ``/drive`` is the browser storage JupyterLite's file browser
shows, and the folder has no leading dot so the learner can see and download the file there.

How it stays safe:

* **Atomic writes** -- a temporary file in the same folder, then ``os.replace``; a reader never sees
  half a file.
* **Two kernels at once** -- every read-modify-write holds a lock: ``fcntl.flock`` on
  ``progress.json.lock`` where that works, else a lock file created with ``O_EXCL`` (Windows,
  Pyodide), broken when older than :data:`STALE_LOCK_SECONDS`. If no lock is had within
  :data:`LOCK_TIMEOUT` seconds the write goes ahead unlocked (still atomic) with a warning.
* **Corruption** -- a file that is not the expected JSON is moved aside to
  ``progress.json.corrupt-<n>`` and progress starts afresh, with a :class:`ProgressWarning`
  (and a message the widgets show); never an exception. A file with only some damaged entries (one
  quiz's answers not an object, a malformed answer record or prediction) keeps everything else: the
  damaged entries are left out with a notice, and before the first save a copy of the file as it was is
  kept as ``progress.json.corrupt-<n>``. Unknown top-level keys and ``results`` are kept as they are.
* **Only a regular file is ever read, moved or replaced** -- a folder, device or named pipe at the
  progress path is left alone with a notice (a pipe never blocks the reader), and so is a read-only
  (e.g. 0444) progress file: progress is then kept in memory only, as when the folder is read-only.
* **Nothing is written until the learner checks an answer**, so rendering a quiz with an empty or
  missing file is identical every time.

The file (version 1)::

    {"version": 1,
     "quizzes": {"<quiz name>": {"<question id>": {"attempts": 2, "correct": true, "first_try": false,
                                                   "answer": ..., "first_answer": ..., "shown": "...",
                                                   "timestamp": "..."}}},
     "claims": {"<claim id>": {"rating": "misleading", "confidence": 70, "timestamp": "..."}}}

Examples
--------
>>> import tempfile, os
>>> store = ProgressStore(os.path.join(tempfile.mkdtemp(), "progress.json"))
>>> store.record_check("demo", "q1", correct=False, answer="b", shown="B")["attempts"]
1
>>> rec = store.record_check("demo", "q1", correct=True, answer="a", shown="A")
>>> rec["attempts"], rec["correct"], rec["first_try"]
(2, True, False)
"""
from __future__ import annotations

import contextlib
import copy
import csv
import errno
import getpass
import io
import json
import os
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

from .files import NotRegularFile, depth_exceeds, path_kind, read_json_file, read_regular
from .text import csv_safe

ENV_VAR = "COURSE_PROGRESS_FILE"
#: JupyterLite's browser-storage folder as the kernel sees it (persists across reloads, unlike ``~``)
BROWSER_DRIVE = Path("/drive")
#: the progress folder inside it, shown in Lite's file browser (no leading dot: dot-folders are hidden there)
PYODIDE_FOLDER = "reading-the-crisis"
VERSION = 1
LOCK_TIMEOUT = 10.0
STALE_LOCK_SECONDS = 30.0
#: the columns of :func:`export_csv`, in order
CSV_COLUMNS = ["user", "quiz", "question", "attempts", "correct", "first_try_correct", "last_answer",
               "timestamp"]
#: the "quiz" column's value for claim predictions in the CSV
CLAIMS_ROW = "claim-predictions"

try:  # POSIX; absent on Windows, possibly a stub on Pyodide (handled where used)
    import fcntl
except ImportError:  # pragma: no cover - not on this platform
    fcntl = None  # type: ignore[assignment]


class ProgressWarning(UserWarning):
    """Progress could not be read or saved as expected (the course carries on)."""


def default_path() -> Path:
    """Return the progress file's path: ``$COURSE_PROGRESS_FILE`` or ``~/.reading-the-crisis/progress.json``.

    Examples
    --------
    >>> import os
    >>> os.environ["COURSE_PROGRESS_FILE"] = "/tmp/p.json"
    >>> str(default_path())
    '/tmp/p.json'
    >>> del os.environ["COURSE_PROGRESS_FILE"]
    """
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser()
    if in_browser_storage_kernel():
        return BROWSER_DRIVE / PYODIDE_FOLDER / "progress.json"
    return Path.home() / ".reading-the-crisis" / "progress.json"


def in_browser(platform: str | None = None) -> bool:
    """Is this Python running in a web browser (Pyodide, as in JupyterLite)?

    Examples
    --------
    >>> in_browser("emscripten"), in_browser("linux")
    (True, False)
    """
    return (sys.platform if platform is None else platform) == "emscripten"


def in_browser_storage_kernel(platform: str | None = None, drive: Path | None = None) -> bool:
    """In the browser with JupyterLite's persistent ``/drive`` mounted (where files survive a reload)?

    Examples
    --------
    >>> in_browser_storage_kernel("linux")
    False
    """
    drive = BROWSER_DRIVE if drive is None else drive
    return in_browser(platform) and drive.is_dir()


def now() -> str:
    """The current UTC time as an ISO string to the second (the progress file's timestamps)."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def empty_state() -> dict[str, Any]:
    """A fresh progress document.

    Examples
    --------
    >>> empty_state()
    {'version': 1, 'quizzes': {}, 'claims': {}}
    """
    return {"version": VERSION, "quizzes": {}, "claims": {}}


#: deeper than this, a progress document is treated as damaged (ours is 4 levels deep, plus answers)
MAX_DEPTH = 32


def _int_or_none(digits: str) -> int | None:
    """An integer from the progress file; None for one with more digits than Python converts (the entry
    holding it is then dropped as malformed, instead of the whole file failing to parse)."""
    return int(digits) if len(digits) <= 4000 else None


def _clean_state(state: dict[str, Any]) -> list[str]:
    """Drop the malformed entries of a progress document in place; return a description of each one.

    A ``quizzes`` or ``claims`` section that is not an object, a quiz whose answers are not an object, a
    question record that :func:`_clean_question` rejects and a prediction that :func:`_claim_record`
    rejects are removed. Everything else (``results``, unknown top-level keys) is kept untouched.
    """
    dropped: list[str] = []
    for section in ("quizzes", "claims"):
        if section in state and not isinstance(state[section], dict):
            dropped.append(f"the {section} section")
            state[section] = {}
    for name, recs in list(state.get("quizzes", {}).items()):
        if not isinstance(recs, dict):
            dropped.append(f"quiz {str(name)[:60]!r}")
            del state["quizzes"][name]
            continue
        for qid, rec in list(recs.items()):
            if _clean_question(rec) is None:
                dropped.append(f"question {str(qid)[:60]!r} of quiz {str(name)[:60]!r}")
                del recs[qid]
    for cid, rec in list(state.get("claims", {}).items()):
        if _claim_record({"claims": {cid: rec}}, cid) is None:
            dropped.append(f"prediction {str(cid)[:60]!r}")
            del state["claims"][cid]
    return dropped


def _clean_question(rec: Any) -> dict[str, Any] | None:
    """Keep a question record only if its fields have sane types (a hand-edited file cannot crash a quiz)."""
    if not isinstance(rec, dict):
        return None
    attempts = rec.get("attempts")
    if not isinstance(attempts, int) or isinstance(attempts, bool) or attempts < 0:
        return None
    out = {"attempts": attempts, "correct": rec.get("correct") is True,
           "first_try": rec.get("first_try") if isinstance(rec.get("first_try"), bool) else None,
           "answer": rec.get("answer"),
           "shown": rec.get("shown") if isinstance(rec.get("shown"), str) else "",
           "gave_up": rec.get("gave_up") is True,
           "timestamp": rec.get("timestamp") if isinstance(rec.get("timestamp"), str) else ""}
    if "first_answer" in rec:  # the answer of the first check (for the class report's wrong-option counts)
        out["first_answer"] = rec["first_answer"]
    return out


class ProgressStore:
    """Read and update one progress file safely (see the module docstring).

    Parameters
    ----------
    path : str or Path, optional
        The file; defaults to :func:`default_path` (resolved when the store is made).

    Attributes
    ----------
    path : Path
        The progress file.
    notes : list of str
        Plain-text messages about trouble met (a corrupt file backed up, a failed save), for widgets
        to show; the same messages are also issued as :class:`ProgressWarning`.

    Examples
    --------
    >>> import tempfile, os
    >>> store = ProgressStore(os.path.join(tempfile.mkdtemp(), "p.json"))
    >>> store.quiz("nothing-yet")
    {}
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path).expanduser() if path is not None else default_path()
        self.notes: list[str] = []
        self._last: dict[str, Any] | None = None    # the last state read, for when saving fails
        self._memory: dict[str, Any] | None = None  # changes kept in memory while saving fails
        self._partial: bytes | None = None  # the file as read, when damaged entries were left out

    # ------------------------------------------------------------------ reading
    def _note(self, message: str) -> None:
        if message not in self.notes:  # a widget lists each notice once, however often it recurs
            self.notes.append(message)
        warnings.warn(message, ProgressWarning, stacklevel=3)

    def _read_file(self) -> tuple[dict[str, Any] | None, bool]:
        """Return (state, ok). state None with ok True means no file; ok False means corrupt."""
        self._partial = None
        try:
            raw = read_regular(self.path)
        except FileNotFoundError:
            return None, True
        except NotRegularFile as err:
            self._note(f"Your progress file {self.path} is {err.kind}, not a regular file. It was left "
                       "alone, and progress will not be saved (ask your teacher to set "
                       f"{ENV_VAR} to a file's path).")
            return None, True
        except OSError as err:
            self._note(f"Your progress file {self.path} could not be read ({err.strerror or err}); "
                       "starting without saved progress.")
            return None, True
        try:
            state = json.loads(raw.decode("utf-8"), parse_int=_int_or_none)
        except (ValueError, RecursionError):  # not UTF-8, not JSON
            return None, False
        if not isinstance(state, dict) or depth_exceeds(state, MAX_DEPTH):
            return None, False
        dropped = _clean_state(state)
        if dropped:
            self._partial = raw
            shown = ", ".join(dropped[:5]) + (f" and {len(dropped) - 5} more" if len(dropped) > 5 else "")
            self._note(f"Part of your progress file was damaged and is left out ({shown}); the rest of "
                       "your progress is kept.")
        return state, True

    def _next_backup(self) -> Path:
        n = 1
        while True:
            backup = self.path.with_name(f"{self.path.name}.corrupt-{n}")
            if not backup.exists():
                return backup
            n += 1

    def _keep_copy(self, raw: bytes) -> None:
        """Save ``raw`` (the file before damaged entries were left out) as the next ``.corrupt-<n>``."""
        backup = self._next_backup()
        try:
            fd = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(raw)
        except OSError:
            return  # the save that follows reports a folder we cannot write to
        self._note(f"A copy of your progress file as it was is kept as {backup.name}.")

    def _writable_target(self) -> None:
        """Raise OSError unless the progress path is free or a regular file we may replace.

        A folder, a device or a FIFO is never replaced or renamed, and neither is a read-only file (the
        learner or teacher made it so on purpose): progress is then kept in memory only.
        """
        try:
            st = os.stat(self.path)
        except (FileNotFoundError, NotADirectoryError):
            return
        kind = path_kind(self.path)
        if kind != "a regular file":
            raise NotRegularFile(self.path, kind or "not a file")
        if not st.st_mode & 0o222:
            raise PermissionError(errno.EACCES, "the file is read-only", str(self.path))

    def _backup_corrupt(self) -> Path | None:
        backup = self._next_backup()
        try:
            self._writable_target()
            os.replace(self.path, backup)
        except FileNotFoundError:
            return None  # another kernel already dealt with it
        except OSError as err:
            self._note(f"Your progress file {self.path} is damaged and could not be moved aside "
                       f"({err.strerror or err}); progress will not be saved.")
            return None
        self._note(f"Your progress file was damaged; it was saved as {backup.name} and progress starts "
                   "afresh.")
        return backup

    def _load_locked(self) -> dict[str, Any]:
        """Read under the lock, backing up a corrupt file; always returns a valid state."""
        state, ok = self._read_file()
        if not ok:
            self._backup_corrupt()
            state = None
        if self._partial is not None:
            self._keep_copy(self._partial)
            self._partial = None
        state = state if state is not None else empty_state()
        state.setdefault("version", VERSION)
        return self._complete(state)

    def _complete(self, state: dict[str, Any] | None) -> dict[str, Any]:
        """``state`` (or an empty one) with both sections present, remembered as the last state read."""
        state = state if state is not None else empty_state()
        state.setdefault("quizzes", {})
        state.setdefault("claims", {})
        self._last = copy.deepcopy(state)
        return state

    def read(self) -> dict[str, Any]:
        """Return the whole progress document (empty if there is none; a corrupt file is backed up).

        Examples
        --------
        >>> import tempfile, os
        >>> ProgressStore(os.path.join(tempfile.mkdtemp(), "p.json")).read()["quizzes"]
        {}
        """
        state, ok = self._read_file()
        if ok:
            return self._complete(state)
        with self._lock():
            return self._load_locked()

    def quiz(self, name: str) -> dict[str, dict[str, Any]]:
        """Return ``{question id: record}`` for one quiz (malformed records are left out)."""
        return _quiz_records(self.read(), name)

    def claim(self, claim_id: str) -> dict[str, Any] | None:
        """Return the saved prediction for a claim, or None."""
        return _claim_record(self.read(), claim_id)

    # ------------------------------------------------------------------ writing
    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError:
            pass
        held = None
        try:
            held = self._acquire()
            if held is None:
                self._note(f"Could not lock {self.path} within {LOCK_TIMEOUT:g} s; "
                           "saving without the lock.")
        except OSError:
            held = None  # cannot even create a lock file (read-only folder): the save will report it
        try:
            yield
        finally:
            if held is not None:
                held()

    def _acquire(self) -> Callable[[], None] | None:
        """Take the lock; return a function that releases it, or None on timeout."""
        deadline = time.monotonic() + LOCK_TIMEOUT
        if fcntl is not None and hasattr(fcntl, "flock"):  # Pyodide's fcntl has no flock
            lock_path = self.path.with_name(self.path.name + ".lock")
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                while True:
                    try:
                        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except OSError as err:
                        if err.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                            raise  # flock unsupported here: fall back to O_EXCL below
                        if time.monotonic() > deadline:
                            os.close(fd)
                            return None
                        time.sleep(0.005)
            except OSError:
                os.close(fd)
            else:
                def release() -> None:
                    with contextlib.suppress(OSError):
                        fcntl.flock(fd, fcntl.LOCK_UN)
                    os.close(fd)
                return release
        # portable fallback: a lock file that exists only while held
        xlock = self.path.with_name(self.path.name + ".xlock")
        while True:
            try:
                fd = os.open(xlock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                with contextlib.suppress(OSError):
                    if time.time() - xlock.stat().st_mtime > STALE_LOCK_SECONDS:
                        xlock.unlink()
                        continue
                if time.monotonic() > deadline:
                    return None
                time.sleep(0.01)
                continue
            with contextlib.suppress(OSError):
                os.write(fd, f"{os.getpid()}\n".encode())
            os.close(fd)

            def release_x() -> None:
                with contextlib.suppress(OSError):
                    xlock.unlink()
            return release_x

    def _write(self, state: dict[str, Any]) -> None:
        self._writable_target()
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=self.path.name + ".", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(state, fh, ensure_ascii=False, indent=1, sort_keys=True)
                fh.write("\n")
                fh.flush()
                with contextlib.suppress(OSError, AttributeError):
                    os.fsync(fh.fileno())
            for attempt in range(50):  # Windows refuses to replace a file another process has open
                try:
                    os.replace(tmp, self.path)
                    break
                except PermissionError:
                    if attempt == 49:
                        raise
                    time.sleep(0.02)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)

    def update(self, change: Callable[[dict[str, Any]], Any]) -> Any:
        """Apply ``change(state)`` to the document under the lock and save it atomically.

        Returns what ``change`` returns. If saving fails (read-only home, full disk) a
        :class:`ProgressWarning` is issued, the message is added to :attr:`notes`, and the change's
        result is still returned, so the learner can carry on.

        Examples
        --------
        >>> import tempfile, os
        >>> store = ProgressStore(os.path.join(tempfile.mkdtemp(), "p.json"))
        >>> store.update(lambda s: s["claims"].setdefault("c", {"rating": "false", "confidence": 60}))
        {'rating': 'false', 'confidence': 60}
        """
        try:
            self._writable_target()  # before the lock file is made beside it
            with self._lock():
                state = self._load_locked()
                result = change(state)
                self._write(state)
                self._memory = None
                return result
        except OSError as err:
            self._note(f"Your progress could not be saved to {self.path} ({err.strerror or err}).")
            if self._memory is None:  # keep going in memory: later checks still count up
                self._memory = copy.deepcopy(self._last if self._last is not None else self.read())
            return change(self._memory)

    def record_check(self, quiz: str, question: str, *, correct: bool, answer: Any, shown: str,
                     gave_up: bool = False) -> dict[str, Any]:
        """Record one checked answer and return the question's updated record.

        ``attempts`` counts checks; ``first_try`` is the result of the first check and never changes;
        ``correct`` is the result of the latest check. ``gave_up`` records "Show answer": the question
        then counts as not answered right, and stays so. ``first_answer`` is the answer of the first check
        (kept for the class report, which counts the wrong options chosen at the first try).
        """
        def change(state: dict[str, Any]) -> dict[str, Any]:
            quizzes = state["quizzes"]
            if not isinstance(quizzes.get(quiz), dict):
                quizzes[quiz] = {}
            old = _clean_question(quizzes[quiz].get(question)) or {"attempts": 0, "first_try": None}
            rec = {"attempts": old["attempts"] + 1,
                   "first_try": bool(correct) if old["attempts"] == 0 or old["first_try"] is None
                   else old["first_try"],
                   "correct": bool(correct) and not old.get("gave_up"), "answer": answer, "shown": shown,
                   "gave_up": bool(gave_up or old.get("gave_up")), "timestamp": now()}
            if old["attempts"] == 0:
                rec["first_answer"] = answer
            elif "first_answer" in old:
                rec["first_answer"] = old["first_answer"]
            quizzes[quiz][question] = rec
            return dict(rec)
        return self.update(change)

    def record_claim(self, claim_id: str, *, rating: str, confidence: int) -> dict[str, Any]:
        """Record a learner's prediction for a claim and return the record."""
        def change(state: dict[str, Any]) -> dict[str, Any]:
            old = state["claims"].get(claim_id)
            count = old.get("predictions", 1) if isinstance(old, dict) else 0
            rec = {"rating": rating, "confidence": int(confidence), "timestamp": now(),
                   "predictions": (count if isinstance(count, int) else 1) + 1}
            state["claims"][claim_id] = rec
            return dict(rec)
        return self.update(change)

    def record_result(self, kind: str, key: str, record: dict[str, Any]) -> dict[str, Any]:
        """Save one result of a kind other than quizzes and claims (e.g. a pre/post test, a fact-check).

        Results live under ``state["results"][kind][key]``; the hand-in carries every kind, so a new
        kind of result needs no change here.

        Examples
        --------
        >>> import tempfile, os
        >>> store = ProgressStore(os.path.join(tempfile.mkdtemp(), "p.json"))
        >>> store.record_result("notes", "00-start-here", {"text": "hi"})["text"]
        'hi'
        >>> store.results("notes")["00-start-here"]["text"]
        'hi'
        """
        def change(state: dict[str, Any]) -> dict[str, Any]:
            results = state.get("results")
            if not isinstance(results, dict):
                results = state["results"] = {}
            if not isinstance(results.get(kind), dict):
                results[kind] = {}
            rec = dict(record, timestamp=now())
            results[kind][key] = rec
            return dict(rec)
        return self.update(change)

    def results(self, kind: str) -> dict[str, dict[str, Any]]:
        """Return ``{key: record}`` saved with :meth:`record_result` for one kind (malformed ones left out)."""
        results = self.read().get("results")
        found = results.get(kind) if isinstance(results, dict) else None
        if not isinstance(found, dict):
            return {}
        return {k: dict(v) for k, v in found.items() if isinstance(k, str) and isinstance(v, dict)}

    def reset(self, quiz: str | None = None) -> None:
        """Forget one quiz's answers, or (``quiz=None``) everything."""
        def change(state: dict[str, Any]) -> None:
            if quiz is None:
                state.clear()
                state.update(empty_state())
            else:
                state["quizzes"].pop(quiz, None)
        self.update(change)


def store_for(progress: bool | str | os.PathLike[str] | ProgressStore | None) -> ProgressStore | None:
    """Turn a widget's ``progress=`` argument into a store: True -> default file, False/None -> none.

    Examples
    --------
    >>> store_for(False) is None
    True
    >>> store_for("/tmp/x.json").path.name
    'x.json'
    """
    if progress is None or progress is False:
        return None
    if progress is True:
        return ProgressStore()
    if isinstance(progress, ProgressStore):
        return progress
    if isinstance(progress, (str, os.PathLike)):
        return ProgressStore(progress)
    raise TypeError("progress must be True, False or a file path")


def current_user() -> str:
    """The learner's name for the CSV: ``$JUPYTERHUB_USER``, else the login name, else ``"unknown"``."""
    user = os.environ.get("JUPYTERHUB_USER", "").strip()
    if user:
        return user
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers and in Pyodide
        return "unknown"


def _quiz_records(state: dict[str, Any], name: str) -> dict[str, dict[str, Any]]:
    """``{question id: record}`` for one quiz of a progress state (malformed records are left out)."""
    recs = state["quizzes"].get(name, {})
    out = {}
    for qid, rec in recs.items() if isinstance(recs, dict) else []:
        clean = _clean_question(rec)
        if clean is not None:
            out[str(qid)] = clean
    return out


def _claim_record(state: dict[str, Any], claim_id: str) -> dict[str, Any] | None:
    """The saved prediction for a claim in a progress state, or None if there is none or it is malformed."""
    rec = state["claims"].get(claim_id)
    if (isinstance(rec, dict) and isinstance(rec.get("rating"), str)
            and isinstance(rec.get("confidence"), int) and not isinstance(rec.get("confidence"), bool)):
        return rec
    return None


# ---------------------------------------------------------------------- summaries and export
def _quiz_files(folder: Path | None) -> dict[str, dict[str, Any]]:
    from .validate import quiz_files

    out: dict[str, dict[str, Any]] = {}
    for path in quiz_files(folder):
        try:
            doc = read_json_file(path)
            out[path.stem] = {"title": str(doc["title"]),
                              "questions": [str(q["id"]) for q in doc["questions"]]}
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return out


def summary_rows(store: ProgressStore, folder: str | Path | None = None) -> list[dict[str, Any]]:
    """One row per quiz: name, title, questions, correct (latest check), first_try, checks, started.

    Quizzes whose names start with ``_`` (demos) are listed only if they have progress.
    """
    return _summary_rows(store.read(), folder)


def _summary_rows(state: dict[str, Any], folder: str | Path | None) -> list[dict[str, Any]]:
    quizzes = _quiz_files(Path(folder) if folder is not None else None)
    names = [n for n in quizzes if not n.startswith("_") or n in state["quizzes"]]
    names += sorted(n for n in state["quizzes"] if n not in quizzes)
    rows = []
    for name in names:
        info = quizzes.get(name, {"title": name, "questions": []})
        recs = _quiz_records(state, name)
        qids = info["questions"] or sorted(recs)
        known = [recs[q] for q in qids if q in recs]
        rows.append({"name": name, "title": info["title"], "questions": len(qids),
                     "correct": sum(r["correct"] for r in known),
                     "first_try": sum(r["first_try"] is True for r in known),
                     "checks": sum(r["attempts"] for r in known), "started": bool(known)})
    return rows


def summary_text(progress: bool | str | os.PathLike[str] = True, *, folder: str | Path | None = None) -> str:
    """Plain-text progress report (what ``python -m course_lib progress`` prints).

    Examples
    --------
    >>> import tempfile, os
    >>> print(summary_text(os.path.join(tempfile.mkdtemp(), "p.json")).splitlines()[0])
    Your progress
    """
    store = store_for(progress) or ProgressStore()
    state = store.read()
    rows = _summary_rows(state, folder)
    lines = ["Your progress", ""]
    for r in rows:
        if r["started"]:
            lines.append(f"- {r['title']}: {r['correct']} / {r['questions']} answered correctly "
                         f"({r['first_try']} at the first try, {r['checks']} checks)")
        else:
            lines.append(f"- {r['title']}: not started")
    if not rows:
        lines.append("- no quizzes found")
    lines += ["", f"Claims predicted: {len(state['claims'])}"]
    return "\n".join(lines)


def progress_summary(*, progress: bool | str | os.PathLike[str] = True, folder: str | Path | None = None):
    """A widget listing the learner's score in every quiz and the number of claims predicted.

    Parameters
    ----------
    progress : bool or path
        Which progress file to read: True (default) for :func:`default_path`, or a path.
    folder : str or Path, optional
        A data folder (default: the package's), for the list of quizzes.

    Returns
    -------
    ipywidgets.VBox
        A panel whose text repr is ``"Progress: <k> of <n> quizzes started"``; its ``.table`` HTML child
        holds the table and ``.rows`` the numbers.

    Examples
    --------
    >>> import tempfile, os
    >>> w = progress_summary(progress=os.path.join(tempfile.mkdtemp(), "p.json"))
    >>> repr(w).startswith("Progress: 0 of")
    True
    """
    import ipywidgets as widgets

    from .ui import FONT, esc, panel

    store = store_for(progress) or ProgressStore()
    state = store.read()
    rows = _summary_rows(state, folder)
    claims = state["claims"]
    body = []
    for r in rows:
        if r["started"]:
            cells = [f"{r['correct']} / {r['questions']}", str(r["first_try"]), str(r["checks"])]
        else:
            cells = ["not started", "–", "–"]
        body.append("<tr><th scope='row' style='text-align:left;font-weight:normal;padding:2px 8px'>"
                    f"{esc(r['title'])}</th>"
                    + "".join(f"<td style='padding:2px 8px'>{esc(c)}</td>" for c in cells) + "</tr>")
    table = ("<table style='border-collapse:collapse'>"
             "<caption style='text-align:left;font-weight:600;padding-bottom:4px'>Your quiz scores</caption>"
             "<thead><tr><th scope='col' style='text-align:left;padding:2px 8px'>Quiz</th>"
             "<th scope='col' style='padding:2px 8px'>Answered correctly</th>"
             "<th scope='col' style='padding:2px 8px'>Right at the first try</th>"
             "<th scope='col' style='padding:2px 8px'>Checks</th></tr></thead>"
             f"<tbody>{''.join(body)}</tbody></table>"
             f"<p>Claims you have predicted: {len(claims)}.</p>")
    notes = "".join(f"<p role='status'>⚠ {esc(n)}</p>" for n in store.notes)
    html = widgets.HTML(f"<div style=\"font-family:{FONT}\">{notes}{table}</div>")
    started = sum(r["started"] for r in rows)
    box = panel([html], f"Progress: {started} of {len(rows)} quizzes started")
    box.table = html
    box.rows = rows
    return box


def csv_rows(store: ProgressStore, *, user: str | None = None,
             folder: str | Path | None = None) -> list[dict[str, str]]:
    """The rows :func:`export_csv` writes: one per answered question, then one per predicted claim.

    Every cell has passed :func:`course_lib.text.csv_safe`: none starts a spreadsheet formula.
    """
    who = user if user is not None else current_user()
    quizzes = _quiz_files(Path(folder) if folder is not None else None)
    state = store.read()
    rows: list[dict[str, str]] = []
    for name in sorted(state["quizzes"]):
        recs = _quiz_records(state, name)
        order = quizzes.get(name, {}).get("questions", [])
        qids = [q for q in order if q in recs] + sorted(q for q in recs if q not in order)
        for qid in qids:
            r = recs[qid]
            rows.append({"user": who, "quiz": name, "question": qid, "attempts": str(r["attempts"]),
                         "correct": "yes" if r["correct"] else "no",
                         "first_try_correct": {True: "yes", False: "no", None: ""}[r["first_try"]],
                         "last_answer": r["shown"], "timestamp": r["timestamp"]})
    for cid in sorted(state["claims"]):
        r = _claim_record(state, cid)
        if r is None:
            continue
        rows.append({"user": who, "quiz": CLAIMS_ROW, "question": cid,
                     "attempts": str(r.get("predictions", 1)), "correct": "", "first_try_correct": "",
                     "last_answer": f"{r['rating']} ({r['confidence']}% sure)",
                     "timestamp": str(r.get("timestamp", ""))})
    return [{key: csv_safe(value) for key, value in row.items()} for row in rows]


def export_csv(out: str | os.PathLike[str] | IO[str], *, progress: bool | str | os.PathLike[str] = True,
               user: str | None = None, folder: str | Path | None = None) -> int:
    """Write the learner's progress as CSV for a teacher to collect; return the number of data rows.

    Columns (:data:`CSV_COLUMNS`): ``user`` (``$JUPYTERHUB_USER`` or the login name), ``quiz`` (the
    quiz file's name, or ``claim-predictions``), ``question`` (question or claim id), ``attempts``
    (checks made), ``correct`` (``yes``/``no``: the latest check), ``first_try_correct``,
    ``last_answer`` (as the learner gave it) and ``timestamp`` (UTC, of the latest check).

    Examples
    --------
    >>> import tempfile, os, io
    >>> p = os.path.join(tempfile.mkdtemp(), "p.json")
    >>> _ = ProgressStore(p).record_check("demo", "q1", correct=True, answer="a", shown="A")
    >>> buf = io.StringIO()
    >>> export_csv(buf, progress=p, user="ada")
    1
    >>> buf.getvalue().splitlines()[1].split(",")[:6]
    ['ada', 'demo', 'q1', '1', 'yes', 'yes']
    """
    store = store_for(progress) or ProgressStore()
    rows = csv_rows(store, user=user, folder=folder)
    if isinstance(out, (str, os.PathLike)):
        target = Path(out)
        buf = io.StringIO()
        _write_csv(buf, rows)
        target.write_text(buf.getvalue(), encoding="utf-8", newline="")
    else:
        _write_csv(out, rows)
    return len(rows)


def _write_csv(fh: IO[str], rows: list[dict[str, str]]) -> None:
    writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
