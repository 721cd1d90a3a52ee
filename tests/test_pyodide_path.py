"""course_lib under Pyodide (JupyterLite), simulated from CPython: ``sys.platform == "emscripten"``, a
``/drive`` folder (JupyterLite's browser storage) and an ``fcntl`` without ``flock``.

The same paths run for real in the browser in tests/e2e/test_lite.py.
"""
from __future__ import annotations

import types

import pytest

import course_lib
from course_lib import envcheck, progress
from course_lib.progress import default_path


@pytest.fixture
def browser(tmp_path, monkeypatch):
    """This process looks like JupyterLite's kernel: emscripten, a /drive folder, no COURSE_PROGRESS_FILE."""
    drive = tmp_path / "drive"
    drive.mkdir()
    monkeypatch.setattr("sys.platform", "emscripten")
    monkeypatch.setattr(progress, "BROWSER_DRIVE", drive)
    monkeypatch.delenv(progress.ENV_VAR, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home-in-memory"))
    return drive


def test_progress_goes_to_browser_storage_in_a_visible_folder(browser):
    path = default_path()
    assert path == browser / "reading-the-crisis" / "progress.json"
    assert not any(part.startswith(".") for part in path.relative_to(browser).parts)


def test_outside_the_browser_the_home_folder_is_used(tmp_path, monkeypatch):
    monkeypatch.delenv(progress.ENV_VAR, raising=False)
    monkeypatch.setattr(progress, "BROWSER_DRIVE", tmp_path)  # exists, but this is not a browser
    assert default_path().parent.name == ".reading-the-crisis"


def test_in_a_browser_without_the_drive_progress_stays_in_home(browser, monkeypatch):
    monkeypatch.setattr(progress, "BROWSER_DRIVE", browser / "not-mounted")
    assert default_path().parent.name == ".reading-the-crisis"


def test_the_environment_variable_still_wins_in_the_browser(browser, tmp_path, monkeypatch):
    monkeypatch.setenv(progress.ENV_VAR, str(tmp_path / "mine.json"))
    assert default_path() == tmp_path / "mine.json"


def test_a_quiz_answer_is_saved_in_browser_storage_with_pyodides_fcntl(browser, monkeypatch):
    """Pyodide's fcntl imports but has no flock: the O_EXCL lock takes over and the answer is saved."""
    import json

    monkeypatch.setattr(progress, "fcntl", types.SimpleNamespace())  # no flock attribute
    quiz = course_lib.quiz("00-start-here")
    box = quiz.questions[0]
    key = json.loads((course_lib.paths.data_dir() / "quizzes" / "00-start-here.json").read_text())
    q = next(x for x in key["questions"] if x["id"] == box.question_id)
    assert q["type"] == "single"
    box.answer_control.value = next(o["id"] for o in q["options"] if o["correct"])
    box.check_button.click()
    saved = json.loads((browser / "reading-the-crisis" / "progress.json").read_text())
    assert saved["quizzes"]["00-start-here"][box.question_id]["correct"] is True
    assert not list((browser / "reading-the-crisis").glob("*.lock"))  # the lock file is gone again


def test_environment_check_says_where_answers_are_kept_in_the_browser(browser):
    check = envcheck.environment_check().checks[-1]
    assert check.ok, check
    assert "browser's storage" in check.message and "reading-the-crisis/progress.json" in check.message
    assert "survive a reload" in check.message


def test_environment_check_warns_when_answers_would_be_lost_on_reload(browser, monkeypatch):
    monkeypatch.setattr(progress, "BROWSER_DRIVE", browser / "not-mounted")
    check = envcheck.environment_check().checks[-1]
    assert not check.ok
    assert "lost when you reload" in check.message and check.fix
    report = envcheck.environment_check()
    assert "1 problem found" in report.headline()


def test_environment_check_outside_the_browser_is_unchanged(tmp_path):
    check = envcheck.check_progress(tmp_path / "p.json")
    assert check.ok and "survive a restart" in check.message
