"""The hand-in: the CLI, the "Save my results" widget and the file they write (checked against its schema)."""
from __future__ import annotations

import json
import os
import stat

import pytest

from course_lib.__main__ import main
from course_lib.handin import FORMAT, save_results, slug, write_handin
from course_lib.handins_io import load_handins
from course_lib.progress import ProgressStore
from course_lib.validate import _schema_error


def _answer_some(store: ProgressStore) -> None:
    """Answer two questions of notebook 00 through the real quiz widget, one wrong first; predict a claim."""
    import course_lib

    w = course_lib.quiz("00-start-here", progress=store)
    q1 = w.questions[0]
    wrong = next(o for o in q1.option_ids if o != "afp")
    q1.answer_control.value = wrong
    q1.check_button.click()
    q1.retry_button.click()
    q1.answer_control.value = "afp"
    q1.check_button.click()
    store.record_claim("c-demo", rating="misleading", confidence=70)
    store.record_result("notes", "07-review", {"text": "my notes"})


def test_handin_carries_answers_first_answers_claims_and_every_result_kind(tmp_path):
    store = ProgressStore(tmp_path / "p.json")
    _answer_some(store)
    store.record_result("a-future-kind", "k1", {"score": 3})
    path = write_handin("Zoë O'Brien", progress=store, folder=tmp_path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert path.name == "handin-zoe-o-brien.json"
    assert doc["format"] == FORMAT and doc["learner"] == "Zoë O'Brien" and doc["course_version"]
    rec = doc["quizzes"]["00-start-here"]["who-wrote-moscowtimes"]
    assert rec["attempts"] == 2 and rec["correct"] is True and rec["first_try"] is False
    assert rec["answer"] == "afp" and rec["first_answer"] not in ("afp", None)  # option ids, both checks
    assert doc["claims"]["c-demo"]["rating"] == "misleading" and doc["claims"]["c-demo"]["confidence"] == 70
    assert doc["results"]["notes"]["07-review"]["text"] == "my notes"
    assert doc["results"]["a-future-kind"]["k1"]["score"] == 3  # new kinds need no change
    assert _schema_error("handin", doc) is None
    handins, problems = load_handins([path])
    assert problems == [] and handins[0]["learner"] == "Zoë O'Brien"


def test_widget_saves_and_says_where(tmp_path):
    store = ProgressStore(tmp_path / "p.json")
    _answer_some(store)
    w = save_results(progress=store, folder=tmp_path)
    assert repr(w).startswith("Save my results")
    w.button.click()
    assert w.last_path is None and "Type your name" in w.status.value  # blank name: a message, no file
    w.name_box.value = "<b>Ada</b>"
    w.button.click()
    assert w.last_path == tmp_path / "handin-b-ada-b.json" and w.last_path.exists()
    assert "<b>Ada" not in w.status.value
    assert 'role="status"' in w.status.value and "Saved 1 answer, 1 claim prediction" in w.status.value


def test_handin_never_replaces_a_non_file(tmp_path):
    (tmp_path / "handin-ada.json").mkdir()
    with pytest.raises(ValueError, match="not a regular file"):
        write_handin("Ada", progress=tmp_path / "p.json", folder=tmp_path)
    assert (tmp_path / "handin-ada.json").is_dir()


def test_cli_handin_writes_the_file(tmp_path, capsys):
    store = ProgressStore(tmp_path / "p.json")
    _answer_some(store)
    out = tmp_path / "mine.json"
    assert main(["handin", "--file", str(store.path), "--name", "Ada", "--out", str(out)]) == 0
    assert "Wrote" in capsys.readouterr().out
    assert json.loads(out.read_text(encoding="utf-8"))["learner"] == "Ada"
    assert main(["handin", "--file", str(store.path), "--name", "  "]) == 1


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can write anywhere")
def test_cli_handin_reports_an_unwritable_folder(tmp_path, capsys):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    assert main(["handin", "--file", str(tmp_path / "p.json"), "--name", "A", "--out", str(folder / "x.json")]) == 1


def test_slug_is_safe():
    assert slug("../../etc/passwd") == "etc-passwd"
    assert slug("\u202e") == "learner"


def test_notebook_07_offers_the_widget():
    from pathlib import Path

    nb = json.loads((Path(__file__).resolve().parents[1] / "notebooks" / "07-review.ipynb").read_text("utf-8"))
    codes = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    assert "course_lib.save_results()" in codes
