"""course_lib.progress: the progress file (atomic, locked, corruption-proof), the summary and the CSV export."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import textwrap
import time
import warnings
from pathlib import Path

import pytest

import course_lib
from course_lib import progress as prog
from course_lib.progress import ProgressStore, ProgressWarning

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def pfile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh progress file path, also set as $COURSE_PROGRESS_FILE (never the shared one)."""
    path = tmp_path / "progress.json"
    monkeypatch.setenv(prog.ENV_VAR, str(path))
    return path


def _sub_env(path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env[prog.ENV_VAR] = str(path)
    return env


def test_default_path_from_env_then_home(tmp_path, monkeypatch):
    monkeypatch.setenv(prog.ENV_VAR, str(tmp_path / "x" / "p.json"))
    assert prog.default_path() == tmp_path / "x" / "p.json"
    assert ProgressStore().path == tmp_path / "x" / "p.json"
    monkeypatch.delenv(prog.ENV_VAR)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert prog.default_path() == tmp_path / "home" / ".reading-the-crisis" / "progress.json"


def test_store_for():
    assert prog.store_for(False) is None and prog.store_for(None) is None
    store = ProgressStore("/tmp/nowhere.json")
    assert prog.store_for(store) is store
    assert prog.store_for(Path("/tmp/a.json")).path == Path("/tmp/a.json")
    with pytest.raises(TypeError):
        prog.store_for(3)


def test_record_check_counts_attempts_and_keeps_the_first_try(pfile):
    store = ProgressStore(pfile)
    assert not pfile.exists(), "nothing is written before the first check"
    assert store.quiz("q") == {}
    r1 = store.record_check("q", "one", correct=False, answer="a", shown="A")
    r2 = store.record_check("q", "one", correct=True, answer="b", shown="B")
    r3 = store.record_check("q", "one", correct=False, answer="c", shown="C")
    assert (r1["attempts"], r2["attempts"], r3["attempts"]) == (1, 2, 3)
    assert r1["first_try"] is r2["first_try"] is r3["first_try"] is False
    assert r3["correct"] is False and r3["answer"] == "c"
    doc = json.loads(pfile.read_text(encoding="utf-8"))
    assert doc["version"] == 1
    assert doc["quizzes"]["q"]["one"]["attempts"] == 3
    assert doc["quizzes"]["q"]["one"]["timestamp"].endswith("+00:00")
    # a second store (another kernel) sees the same
    assert ProgressStore(pfile).quiz("q")["one"]["attempts"] == 3


def test_writes_leave_no_temporary_files_and_are_private(pfile):
    store = ProgressStore(pfile)
    for i in range(5):
        store.record_check("q", f"q{i}", correct=True, answer=i, shown=str(i))
    names = sorted(p.name for p in pfile.parent.iterdir())
    assert names == ["progress.json", "progress.json.lock"] or names == ["progress.json"], names
    if os.name == "posix":
        assert pfile.stat().st_mode & 0o077 == 0, "the progress file is readable only by its owner"


def test_missing_folder_is_created(tmp_path):
    path = tmp_path / "deep" / "er" / "progress.json"
    ProgressStore(path).record_claim("c", rating="false", confidence=60)
    assert json.loads(path.read_text())["claims"]["c"]["rating"] == "false"


@pytest.mark.parametrize("garbage", [b"{not json", b"\xff\xfe\x00garbage", b"[1, 2, 3]", b'"a string"', b"",
                                     b'{"quizzes": {"q": {"a": ' + b"[" * 40 + b"]" * 40 + b"}}}"])
def test_corrupt_file_is_backed_up_and_reset_with_a_warning(pfile, garbage):
    pfile.write_bytes(garbage)
    store = ProgressStore(pfile)
    with pytest.warns(ProgressWarning, match="damaged"):
        state = store.read()
    assert state == prog.empty_state()
    backup = pfile.with_name("progress.json.corrupt-1")
    assert backup.read_bytes() == garbage, "the damaged file is kept, byte for byte"
    assert store.notes and "progress.json.corrupt-1" in store.notes[0]
    # and the store works afterwards
    store.record_check("q", "one", correct=True, answer="a", shown="A")
    assert ProgressStore(pfile).quiz("q")["one"]["correct"] is True


def test_second_corruption_gets_the_next_backup_number(pfile):
    for n in (1, 2):
        pfile.write_text("garbage", encoding="utf-8")
        with pytest.warns(ProgressWarning):
            ProgressStore(pfile).read()
        assert pfile.with_name(f"progress.json.corrupt-{n}").exists()


def test_corrupt_file_found_while_saving(pfile):
    ProgressStore(pfile).record_check("q", "one", correct=True, answer="a", shown="A")
    pfile.write_text("{{{{", encoding="utf-8")
    store = ProgressStore(pfile)
    with pytest.warns(ProgressWarning):
        rec = store.record_check("q", "one", correct=False, answer="b", shown="B")
    assert rec["attempts"] == 1, "the damaged history is set aside, counting restarts"
    assert json.loads(pfile.read_text())["quizzes"]["q"]["one"]["answer"] == "b"


def test_malformed_records_are_skipped(pfile):
    pfile.write_text(json.dumps({"version": 1, "quizzes": {"q": {
        "good": {"attempts": 1, "correct": True, "first_try": True, "answer": "a", "shown": "A", "timestamp": "t"},
        "bad-attempts": {"attempts": "many"}, "negative": {"attempts": -1}, "not-a-dict": 7,
        "bool": {"attempts": True}}},
        "claims": {"c1": {"rating": "false", "confidence": 70}, "c2": {"rating": 3}, "c3": "x"}}))
    store = ProgressStore(pfile)
    assert list(store.quiz("q")) == ["good"]
    assert store.claim("c1")["confidence"] == 70
    assert store.claim("c2") is None and store.claim("c3") is None and store.claim("zzz") is None
    # recording over a malformed record starts it afresh
    assert store.record_check("q", "bad-attempts", correct=True, answer=1, shown="1")["attempts"] == 1


def test_unwritable_location_warns_and_keeps_counting_in_memory(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    store = ProgressStore(blocker / "progress.json")   # its folder cannot be created
    with pytest.warns(ProgressWarning) as caught:
        r1 = store.record_check("q", "one", correct=False, answer="a", shown="A")
    said = " ".join(str(w.message) for w in caught)
    assert "could not be read (Not a directory)" in said and "could not be saved" in said
    with pytest.warns(ProgressWarning):
        r2 = store.record_check("q", "one", correct=True, answer="b", shown="B")
    assert (r1["attempts"], r2["attempts"]) == (1, 2), "kept in memory"
    assert r2["correct"] is True and r2["first_try"] is False
    assert len(store.notes) >= 2


@pytest.mark.skipif(prog.fcntl is None, reason="needs fcntl to hold the lock from outside")
def test_lock_timeout_warns_and_still_saves(pfile, monkeypatch):
    monkeypatch.setattr(prog, "LOCK_TIMEOUT", 0.2)
    pfile.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(pfile.with_name("progress.json.lock"), os.O_RDWR | os.O_CREAT)
    prog.fcntl.flock(fd, prog.fcntl.LOCK_EX)
    try:
        start = time.monotonic()
        with pytest.warns(ProgressWarning, match="Could not lock"):
            ProgressStore(pfile).record_check("q", "one", correct=True, answer="a", shown="A")
        assert time.monotonic() - start < 5
    finally:
        prog.fcntl.flock(fd, prog.fcntl.LOCK_UN)
        os.close(fd)
    assert ProgressStore(pfile).quiz("q")["one"]["attempts"] == 1


def test_portable_lock_file_fallback_and_stale_lock(pfile, monkeypatch):
    monkeypatch.setattr(prog, "fcntl", None)      # as on Windows
    monkeypatch.setattr(prog, "LOCK_TIMEOUT", 0.3)
    xlock = pfile.with_name("progress.json.xlock")
    pfile.parent.mkdir(parents=True, exist_ok=True)
    xlock.write_text("12345\n")                   # held by someone else...
    with pytest.warns(ProgressWarning, match="Could not lock"):
        ProgressStore(pfile).record_check("q", "one", correct=True, answer="a", shown="A")
    old = time.time() - prog.STALE_LOCK_SECONDS - 5
    os.utime(xlock, (old, old))                   # ...until it is stale (a crashed kernel)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ProgressStore(pfile).record_check("q", "one", correct=True, answer="a", shown="A")
    assert not xlock.exists(), "the lock file exists only while held"
    assert ProgressStore(pfile).quiz("q")["one"]["attempts"] == 2


WRITER = textwrap.dedent("""
    import sys
    from course_lib import progress as prog
    path, tag, n, portable = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
    if portable:
        prog.fcntl = None
    store = prog.ProgressStore(path)
    for i in range(n):
        store.record_check("shared-quiz", "shared-question", correct=i % 2 == 0, answer=i, shown=tag)
        store.record_check("own-quiz-" + tag, "q%d" % i, correct=True, answer=i, shown=tag)
    print("done", tag)
""")


@pytest.mark.parametrize("portable", [False, True], ids=["flock", "exclusive-lock-file"])
def test_two_processes_writing_at_once_lose_nothing(tmp_path, portable):
    path = tmp_path / "progress.json"
    n = 60
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), tag, str(n), "1" if portable else "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
             for tag in ("a", "b")]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert "ProgressWarning" not in err, err
    doc = json.loads(path.read_text(encoding="utf-8"))   # valid JSON at the end
    assert doc["quizzes"]["shared-quiz"]["shared-question"]["attempts"] == 2 * n
    for tag in ("a", "b"):
        assert len(doc["quizzes"][f"own-quiz-{tag}"]) == n
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp") or p.name.endswith(".xlock")]
    assert leftovers == []


def test_reset(pfile):
    store = ProgressStore(pfile)
    store.record_check("a", "q", correct=True, answer=1, shown="1")
    store.record_check("b", "q", correct=True, answer=1, shown="1")
    store.reset("a")
    assert store.quiz("a") == {} and store.quiz("b")
    store.reset()
    assert store.read() == prog.empty_state()


# ------------------------------------------------------------------------------- summary and export
def test_progress_summary_is_lazy_exported():
    assert callable(course_lib.progress_summary)
    assert "progress_summary" in dir(course_lib)


def test_progress_summary_lists_every_course_quiz(pfile):
    from course_lib.quiz import quiz_names

    empty = course_lib.progress_summary()
    course = [n for n in quiz_names() if not n.startswith("_")]
    assert repr(empty) == f"Progress: 0 of {len(course)} quizzes started"
    assert "_demo" not in {r["name"] for r in empty.rows}, "the demo is listed only once used"
    assert empty.table.value.count("not started") == len(course)
    assert "Claims you have predicted: 0." in empty.table.value

    store = ProgressStore(pfile)
    store.record_check("_demo", "newsweek-troop-number", correct=False, answer=1, shown="1")
    store.record_check("_demo", "newsweek-troop-number", correct=True, answer=70000, shown="70,000")
    store.record_check("_demo", "who-said-it", correct=True, answer=[], shown="x")
    store.record_claim("russia-intention-to-invade", rating="cant-tell", confidence=70)
    w = course_lib.progress_summary()
    row = next(r for r in w.rows if r["name"] == "_demo")
    assert (row["correct"], row["first_try"], row["checks"], row["questions"]) == (2, 1, 3, 5)
    assert "2 / 5" in w.table.value and "Claims you have predicted: 1." in w.table.value
    assert repr(w).startswith("Progress: 1 of ")
    text = prog.summary_text()
    assert "Demo quiz: one question of every type: 2 / 5 answered correctly (1 at the first try, 3 checks)" in text
    assert "Claims predicted: 1" in text


def test_progress_summary_escapes_quiz_titles(data_copy, pfile):
    (data_copy / "quizzes" / "zz-evil.json").write_text(json.dumps(
        {"id": "zz-evil", "title": "<script>alert(1)</script>", "seed": 1, "questions": []}), encoding="utf-8")
    w = course_lib.progress_summary(folder=data_copy)
    assert "<script>" not in w.table.value and "&lt;script&gt;" in w.table.value


def _read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_export_csv_rows_and_formula_injection(pfile):
    store = ProgressStore(pfile)
    store.record_check("_demo", "newsweek-troop-number", correct=False, answer=1, shown="=HYPERLINK(\"x\")")
    store.record_check("_demo", "newsweek-troop-number", correct=True, answer=70000, shown="70,000 troops")
    store.record_check("_demo", "reznikov-buildup-reason", correct=True, answer="defensive", shown="+1 @me")
    store.record_claim("russia-intention-to-invade", rating="misleading", confidence=80)
    buf = io.StringIO()
    assert prog.export_csv(buf, user="teacher's pet") == 3
    rows = _read_csv(buf.getvalue())
    assert list(rows[0]) == prog.CSV_COLUMNS
    # questions in the quiz's own order, then claims
    assert [r["question"] for r in rows] == ["reznikov-buildup-reason", "newsweek-troop-number",
                                             "russia-intention-to-invade"]
    first, second, claim = rows
    assert first["last_answer"] == "'+1 @me", "a leading + is neutralised for spreadsheets"
    assert second["attempts"] == "2" and second["correct"] == "yes" and second["first_try_correct"] == "no"
    assert second["last_answer"] == "70,000 troops"
    assert claim["quiz"] == prog.CLAIMS_ROW and claim["last_answer"] == "misleading (80% sure)"
    assert {r["user"] for r in rows} == {"teacher's pet"}


def test_current_user(monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "student-42")
    assert prog.current_user() == "student-42"
    monkeypatch.delenv("JUPYTERHUB_USER")
    assert prog.current_user()  # the login name, or "unknown"


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "course_lib", "progress", *args], capture_output=True,
                          text=True, env=env, cwd=REPO, timeout=120)


def test_cli_export_writes_a_csv_a_teacher_can_collect(tmp_path):
    path = tmp_path / "progress.json"
    store = ProgressStore(path)
    store.record_check("_demo", "who-said-it", correct=False, answer=["x"], shown="Reznikov, “quoted”, 2021")
    store.record_check("_demo", "who-said-it", correct=True, answer=["y"], shown="Peskov, “quoted”")
    env = _sub_env(path)
    env["JUPYTERHUB_USER"] = "ada"
    out = tmp_path / "class" / "..." / "progress.csv"
    out.parent.mkdir(parents=True)
    done = _cli("--export", str(out), env=env)
    assert done.returncode == 0, done.stderr
    assert "Wrote 1 row to" in done.stdout
    rows = _read_csv(out.read_text(encoding="utf-8"))
    assert rows == [{"user": "ada", "quiz": "_demo", "question": "who-said-it", "attempts": "2", "correct": "yes",
                     "first_try_correct": "no", "last_answer": "Peskov, “quoted”",
                     "timestamp": rows[0]["timestamp"]}]
    assert rows[0]["timestamp"].endswith("+00:00")


def test_cli_export_to_stdout_and_summary_and_file_option(tmp_path):
    path = tmp_path / "elsewhere.json"
    ProgressStore(path).record_claim("russia-intention-to-invade", rating="false", confidence=60)
    env = _sub_env(tmp_path / "unused.json")
    done = _cli("--file", str(path), "--export", "-", "--user", "bob", env=env)
    assert done.returncode == 0, done.stderr
    rows = _read_csv(done.stdout)
    assert [(r["user"], r["question"], r["last_answer"]) for r in rows] == [
        ("bob", "russia-intention-to-invade", "false (60% sure)")]
    summary = _cli("--file", str(path), env=env)
    assert summary.returncode == 0 and "Your progress" in summary.stdout and "Claims predicted: 1" in summary.stdout
    assert not (tmp_path / "unused.json").exists()


def test_cli_export_to_an_impossible_place_fails_cleanly(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    done = _cli("--export", str(blocker / "out.csv"), env=_sub_env(tmp_path / "p.json"))
    assert done.returncode == 1
    assert "Could not write" in done.stderr and "Traceback" not in done.stderr


def test_lock_falls_back_when_fcntl_has_no_flock(pfile: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pyodide's fcntl imports but has no flock: saving must still work, through the O_EXCL lock file."""
    import types
    monkeypatch.setattr(prog, "fcntl", types.SimpleNamespace())  # a module without flock
    store = ProgressStore(pfile)
    rec = store.record_check("00-start-here", "q1", correct=True, answer="a", shown="a")
    assert rec["attempts"] == 1
    assert store.quiz("00-start-here")["q1"]["correct"] is True
    assert not pfile.with_name(pfile.name + ".xlock").exists()  # released


def test_results_of_any_kind_round_trip_and_ignore_malformed(pfile: Path) -> None:
    store = ProgressStore(pfile)
    store.record_result("assessment", "pre", {"answers": {"i1": True}})
    assert store.results("assessment")["pre"]["answers"] == {"i1": True}
    assert store.results("factcheck") == {}
    state = json.loads(pfile.read_text())
    state["results"]["assessment"]["bad"] = "not a record"
    pfile.write_text(json.dumps(state))
    assert set(store.results("assessment")) == {"pre"}
    state["results"] = ["not", "a", "dict"]
    pfile.write_text(json.dumps(state))
    assert store.results("assessment") == {}
    store.record_result("notes", "00", {"text": "x"})  # repairs the section instead of crashing
    assert store.results("notes")["00"]["text"] == "x"
