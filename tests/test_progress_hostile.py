"""The progress store and the quiz with hostile progress files and answers (issue 12, item 5; item 4's CSV).

Whatever sits at the progress path -- a folder, a device, a FIFO, a read-only file, a file with one damaged
entry -- the learner's quiz keeps working, nothing but a regular writable file is ever moved or replaced, and
nothing hangs. Cases that could hang run in a subprocess with a time limit.
"""
from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import stat
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import pytest

import course_lib
from course_lib import progress as prog
from course_lib.answers import AnswerError, format_number, grade_numeric, parse_number
from course_lib.progress import ProgressStore, ProgressWarning
from course_lib.quiz import quiz, quiz_names

DEMO = "_demo"
NUMERIC = 2  # the demo quiz's numeric question (answer 70,000 troops)
TIMEOUT = 60
#: what no CSV cell may start with (after any leading spaces): a spreadsheet would run it as a formula
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d")


@pytest.fixture
def pfile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "progress.json"
    monkeypatch.setenv("COURSE_PROGRESS_FILE", str(path))
    return path


def _siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name)


@contextlib.contextmanager
def _quiet():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProgressWarning)
        yield


# ------------------------------------------------------------------ things that are not a regular file
def test_a_folder_at_the_progress_path_is_never_renamed(tmp_path: Path):
    folder = tmp_path / "progress.json"
    folder.mkdir()
    (folder / "keep-me.txt").write_text("mine")
    store = ProgressStore(folder)
    with pytest.warns(ProgressWarning, match="is a folder, not a regular file"):
        assert store.read()["quizzes"] == {}
    with pytest.warns(ProgressWarning):
        r1 = store.record_check("q", "one", correct=False, answer="a", shown="A")
        r2 = store.record_check("q", "one", correct=True, answer="b", shown="B")
    assert (r1["attempts"], r2["attempts"]) == (1, 2), "counted in memory"
    assert folder.is_dir() and (folder / "keep-me.txt").read_text() == "mine"
    assert _siblings(folder) == [], "no .corrupt-N, no lock file, no temporary file beside it"
    assert any("left alone" in n for n in store.notes)


def test_a_device_at_the_progress_path_is_never_renamed(tmp_path: Path):
    dev = tmp_path / "progress.json"
    try:
        os.mknod(dev, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # a /dev/null of our own
    except (PermissionError, AttributeError, OSError):
        pytest.skip("cannot make a device node here")
    store = ProgressStore(dev)
    with pytest.warns(ProgressWarning, match="is a device, not a regular file"):
        store.read()
    with pytest.warns(ProgressWarning):
        assert store.record_check("q", "one", correct=True, answer="a", shown="A")["attempts"] == 1
    assert stat.S_ISCHR(os.stat(dev).st_mode), "still the device node"
    assert _siblings(dev) == []


def _run(code: str, env_file: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, COURSE_PROGRESS_FILE=str(env_file))
    try:
        return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                              timeout=TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail(f"hung for {TIMEOUT} s")


def test_a_fifo_at_the_progress_path_does_not_hang_the_quiz(tmp_path: Path):
    fifo = tmp_path / "progress.json"
    os.mkfifo(fifo)
    result = _run("""
        import warnings, course_lib
        warnings.simplefilter("ignore")
        w = course_lib.quiz("_demo")
        box = w.questions[2]
        box.answer_control.value = "70000"
        box.check_button.click()
        print("Correct." in box.feedback.value, w.score_counts())
        print(w.message.value)
        print(course_lib.progress_summary())
    """, fifo)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    assert lines[0] == "True (1, 1, 1, 5)"
    assert "named pipe (FIFO), not a regular file" in lines[1]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and _siblings(fifo) == []


# ------------------------------------------------------------------ read-only file
def _saved(path: Path, **quizzes) -> dict:
    doc = {"version": 1, "quizzes": quizzes, "claims": {},
           "results": {"notes": {"00": {"text": "my note", "timestamp": "t"}}}, "teacher_extra": [1, 2]}
    path.write_text(json.dumps(doc), encoding="utf-8")
    return doc


REC = {"attempts": 1, "correct": False, "first_try": False, "answer": "a", "shown": "A", "timestamp": "t"}


def test_a_read_only_progress_file_is_left_alone_with_the_read_only_folder_notice(pfile: Path):
    _saved(pfile, q={"one": REC})
    os.chmod(pfile, 0o444)
    before = pfile.read_bytes()
    store = ProgressStore(pfile)
    with pytest.warns(ProgressWarning) as caught:
        rec = store.record_check("q", "one", correct=True, answer="b", shown="B")
    assert rec["attempts"] == 2, "earlier checks still count (kept in memory)"
    assert pfile.read_bytes() == before and stat.S_IMODE(os.stat(pfile).st_mode) == 0o444
    assert _siblings(pfile) == [], "no backup, no lock file, no temporary file"
    said = " ".join(str(w.message) for w in caught)
    assert f"Your progress could not be saved to {pfile} (the file is read-only)." in said
    # the same words as for a read-only folder
    assert store.results("notes")["00"]["text"] == "my note"
    with pytest.warns(ProgressWarning):
        store.record_result("notes", "01", {"text": "another"})
    assert pfile.read_bytes() == before


def test_a_read_only_damaged_file_is_not_moved_aside(pfile: Path):
    pfile.write_text("{ damaged", encoding="utf-8")
    os.chmod(pfile, 0o444)
    with pytest.warns(ProgressWarning, match="could not be moved aside"):
        ProgressStore(pfile).read()
    assert pfile.read_text() == "{ damaged" and not [n for n in _siblings(pfile) if "corrupt" in n]


# ------------------------------------------------------------------ one damaged entry
def test_one_damaged_quiz_entry_is_dropped_and_everything_else_kept(pfile: Path):
    doc = _saved(pfile, good={"one": REC}, bad=5)
    original = pfile.read_bytes()
    store = ProgressStore(pfile)
    with pytest.warns(ProgressWarning, match="quiz 'bad'"):
        assert list(store.read()["quizzes"]) == ["good"]
    assert not pfile.with_name("progress.json.corrupt-1").exists(), "reading alone moves nothing"
    with pytest.warns(ProgressWarning):
        store.record_check("good", "two", correct=True, answer="x", shown="X")
    saved = json.loads(pfile.read_text())
    assert saved["quizzes"]["good"]["one"] == REC and saved["quizzes"]["good"]["two"]["attempts"] == 1
    assert "bad" not in saved["quizzes"]
    assert saved["results"] == doc["results"] and saved["teacher_extra"] == [1, 2]
    assert pfile.with_name("progress.json.corrupt-1").read_bytes() == original, "a copy of the file as it was"
    assert any("left out" in n and "'bad'" in n for n in store.notes)


@pytest.mark.parametrize("damage", [{"quizzes": []}, {"claims": "x"}, {"quizzes": {"q": {"one": {"attempts": "x"}}}},
                                    {"quizzes": {"q": {"one": {"attempts": "__HUGE__"}}}}],
                         ids=["quizzes-a-list", "claims-a-string", "attempts-a-string", "attempts-4500-digits"])
def test_a_damaged_section_keeps_results_and_unknown_keys(pfile: Path, damage: dict):
    doc = {"version": 1, "quizzes": {}, "claims": {"c": {"rating": "false", "confidence": 60}},
           "results": {"assessment": {"pre": {"score": 3}}}, "zzz": {"keep": True}, **damage}
    pfile.write_text(json.dumps(doc).replace('"__HUGE__"', "1" * 4500))  # more digits than Python converts
    store = ProgressStore(pfile)
    with pytest.warns(ProgressWarning, match="left out"):
        store.record_result("notes", "00", {"text": "hi"})
    saved = json.loads(pfile.read_text())
    assert saved["results"]["assessment"] == {"pre": {"score": 3}} and saved["zzz"] == {"keep": True}
    assert saved["results"]["notes"]["00"]["text"] == "hi"
    if "claims" not in damage:
        assert saved["claims"]["c"]["rating"] == "false"


# ------------------------------------------------------------------ restoring saved answers
@pytest.mark.parametrize("answer,shown", [
    (10 ** 400, ""),                                   # an int too large for a float: no OverflowError
    (7e19, "70,000,000,000,000,000,000"),              # shown as a number the box can read back
    (0.00000012, "0.00000012"),                        # not "0"
    (-70000, "-70,000"),
    ("70000", ""), ([1, 2], ""), ({"x": 1}, ""), (None, ""), (True, ""),
], ids=["huge-int", "7e19", "tiny", "negative", "string", "list", "dict", "none", "bool"])
def test_restoring_odd_saved_numbers_never_raises(pfile: Path, answer, shown):
    _saved(pfile, **{DEMO: {"newsweek-troop-number": dict(REC, answer=answer)}})
    with _quiet():
        w = quiz(DEMO)
    box = w.questions[NUMERIC]
    assert box.answer_control.value == shown
    assert "Something went wrong" not in box.feedback.value
    assert w.score_counts()[2] == 1, "the saved check still counts"
    if shown:
        assert f"You answered {shown} troops" in box.feedback.value or f"answered {shown} troops" in box.feedback.value


def test_format_number_reads_back_and_never_raises():
    for value in (7e19, 0.00000012, 1234567.25, 70000, -3, 1e-9):
        assert parse_number(format_number(value)) == pytest.approx(value)
    assert format_number(10 ** 400) == "1e+400" and format_number(float("nan")) == "nan"
    assert grade_numeric({"answer": 1, "tolerance": 0, "unit": "troops"}, "0.00000012").shown == "0.00000012 troops"
    with pytest.raises(AnswerError, match="ordinary number"):
        parse_number(10 ** 400)


# ------------------------------------------------------------------ a second click on a locked question
def _answer(box) -> None:
    """Put the right answer (in the grader's form, from the quiz file) into any question's controls."""
    q = box.controller.q
    answer = {"single": lambda: next(o["id"] for o in q["options"] if o["correct"]),
              "multiple": lambda: [o["id"] for o in q["options"] if o["correct"]],
              "numeric": lambda: float(q["answer"]),
              "ordering": lambda: [i["id"] for i in q["items"]],
              "matching": lambda: [p["right"] for p in q["pairs"]]}[q["type"]]()
    box.controller.set_answer(answer)


def test_a_second_check_click_on_a_locked_question_is_ignored_in_every_quiz(pfile: Path):
    checked = 0
    for name in quiz_names():
        w = quiz(name)
        for box in w.questions:
            _answer(box)
            box.check_button.click()
            assert box.controller.attempts == 1, (name, box.question_id, box.feedback.value[:200])
            box.check_button.click()   # arrives before the front end disabled the button
            assert box.controller.attempts == 1, (name, box.question_id)
            checked += 1
        assert w.score_counts()[2] == len(w.questions), name
        saved = ProgressStore(pfile).quiz(name)
        assert all(rec["attempts"] == 1 for rec in saved.values()), name
    assert checked > 40
    # "Try again" unlocks it: the next check counts
    box = quiz(DEMO).questions[0]
    box.retry_button.click()
    _answer(box)
    box.check_button.click()
    assert box.controller.attempts == 2


# ------------------------------------------------------------------ invisible characters
INVISIBLE = ["\u200e", "\u200f", "\ufeff", "\u200b", "\u2060", "\u202e", "\u2066", "\u2069", "\u061c", "\u00ad"]


@pytest.mark.parametrize("mark", INVISIBLE)
def test_invisible_characters_are_stripped_before_reading_a_number(mark: str):
    assert parse_number(f"{mark}70{mark}000{mark}") == 70000
    assert parse_number(f"70,000 troops{mark}", unit="troops") == 70000


def test_the_echo_of_an_answer_is_inert(pfile: Path):
    w = quiz(DEMO, progress=False)
    box = w.questions[NUMERIC]
    box.answer_control.value = "\u202eabc <b>x</b> \u2066def"
    box.check_button.click()
    html = box.feedback.value
    assert "could not read" in html
    assert not any(ch in html for ch in INVISIBLE), "no bidi control reaches the page"
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html
    box.answer_control.value = "\u200f70000\u200e"
    box.check_button.click()
    assert "Correct." in box.feedback.value


# ------------------------------------------------------------------ CSV: no formula in any cell
def test_no_csv_cell_starts_a_formula(pfile: Path):
    hostile = ["=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)", "\tx", "\rx", " =1", "\uff1d1"]
    state = {"version": 1, "quizzes": {h: {h: dict(REC, shown=h, timestamp=h)} for h in hostile},
             "claims": {h: {"rating": h, "confidence": 50, "timestamp": h} for h in hostile}}
    pfile.write_text(json.dumps(state))
    buf = io.StringIO()
    n = prog.export_csv(buf, progress=pfile, user="=cmd|' /C calc'!A0")
    assert n == 2 * len(hostile)
    rows = list(csv.reader(io.StringIO(buf.getvalue())))
    cells = [cell for row in rows[1:] for cell in row]
    assert len(cells) == n * len(prog.CSV_COLUMNS)
    bad = [cell for cell in cells if cell.lstrip(" ").startswith(FORMULA_STARTS)]
    assert bad == []
    assert rows[1][0] == "'=cmd|' /C calc'!A0"


def test_csv_safe_is_the_one_shared_place():
    from course_lib.text import csv_safe

    assert csv_safe("=1") == "'=1" and csv_safe("plain") == "plain" and csv_safe(None) == ""
    assert csv_safe(-5) == "'-5" and csv_safe(5) == "5"
    assert course_lib.text.csv_safe is prog.csv_safe


def test_a_second_reveal_click_on_a_revealed_prediction_is_ignored(pfile: Path):
    from course_lib.claims import predict_claim

    claim_id = next(iter(course_lib.load().claims))
    w = predict_claim(claim_id)
    w.rating.value = "false" if "false" in [v for _, v in w.rating.options] else w.rating.options[0][1]
    w.reveal_button.click()
    w.reveal_button.click()   # arrives before the front end disabled the button
    assert ProgressStore(pfile).claim(claim_id)["predictions"] == 1


@pytest.mark.parametrize("kind", ["read-only file", "folder", "fifo"])
def test_the_environment_check_agrees_with_the_store(tmp_path: Path, kind: str):
    from course_lib.envcheck import check_progress

    path = tmp_path / "progress.json"
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.write_text("{}")
        os.chmod(path, 0o444)
    assert check_progress(path).ok is False
    if kind == "fifo":
        return  # the store with a FIFO runs in a subprocess above (old code hung on it)
    with pytest.warns(ProgressWarning):
        ProgressStore(path).record_check("q", "one", correct=True, answer="a", shown="A")
    assert (stat.S_IMODE(os.stat(path).st_mode) == 0o444) if kind == "read-only file" else path.is_dir()
