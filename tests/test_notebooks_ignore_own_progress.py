"""Issue 11, item 8: running the notebooks under test never reads the tester's own saved progress.

A tester who has used the course has answers in ``~/.reading-the-crisis/progress.json``. Strict nbval run by
hand (no ``COURSE_PROGRESS_FILE``) must still pass on ``00-start-here``, whose ``progress_summary()`` output
is stored as a fresh start ("0 of N quizzes started"). The repository's root ``conftest.py`` sees to it.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK = "notebooks/00-start-here.ipynb"


def test_nbval_by_hand_ignores_the_testers_saved_progress(tmp_path: Path):
    home = tmp_path / "home"
    saved = home / ".reading-the-crisis" / "progress.json"
    saved.parent.mkdir(parents=True)
    quizzes = {p.stem: json.loads(p.read_text(encoding="utf-8"))["questions"][0]["id"]
               for p in sorted((REPO / "data" / "quizzes").glob("[0-9]*.json"))}
    record = {"attempts": 1, "correct": True, "first_try": True, "answer": "a", "shown": "A", "timestamp": "t"}
    saved.write_text(json.dumps({"version": 1, "quizzes": {q: {qid: record} for q, qid in quizzes.items()},
                                 "claims": {"c": {"rating": "false", "confidence": 60}}}))
    before = saved.read_bytes()
    # the tester's own setup: their HOME, no COURSE_PROGRESS_FILE (the outer pytest set one: drop it)
    env = {k: v for k, v in os.environ.items() if k != "COURSE_PROGRESS_FILE" and not k.startswith("PYTEST_")}
    env["HOME"] = str(home)
    # the same course code reads this HOME's progress when nothing intervenes (so the test can fail)
    probe = subprocess.run([sys.executable, "-c", "import course_lib; print(course_lib.progress_summary())"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert probe.stdout.startswith(f"Progress: {len(quizzes)} of"), probe.stdout + probe.stderr[-1000:]
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval",
                             "--nbval-current-env", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg", NOTEBOOK],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:]
    assert " passed" in result.stdout and "failed" not in result.stdout
    assert saved.read_bytes() == before, "the tester's progress is never written either"
