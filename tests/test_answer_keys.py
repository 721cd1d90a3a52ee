"""Printable answer keys (docs/answer-keys/) are generated from the quiz data and never drift from it."""
from __future__ import annotations

import html
import re
from pathlib import Path

from course_lib import load
from course_lib.quiz import answer_lines, load_quiz, quiz_names
from course_lib.tools import answer_keys

ROOT = Path(__file__).resolve().parents[1]
KEYS = ROOT / "docs" / "answer-keys"


def test_committed_keys_match_the_quiz_data():
    assert answer_keys.main(["--check", "--out", str(KEYS)]) == 0, (
        "docs/answer-keys is stale: run `python -m course_lib.tools.answer_keys`")


def test_check_fails_on_a_stale_missing_or_stray_key(tmp_path: Path):
    assert answer_keys.main(["--out", str(tmp_path)]) == 0
    assert answer_keys.main(["--check", "--out", str(tmp_path)]) == 0
    page = tmp_path / "02-buildup-in-numbers.md"
    page.write_text(page.read_text().replace("115,000", "120,000"))
    assert answer_keys.main(["--check", "--out", str(tmp_path)]) == 1
    answer_keys.main(["--out", str(tmp_path)])
    (tmp_path / "05-the-map.html").unlink()
    assert answer_keys.main(["--check", "--out", str(tmp_path)]) == 1
    answer_keys.main(["--out", str(tmp_path)])
    (tmp_path / "99-old.md").write_text("left over")
    assert answer_keys.main(["--check", "--out", str(tmp_path)]) == 1


def test_every_question_and_right_answer_is_in_its_key():
    data = load()
    for name in quiz_names():
        if name.startswith("_"):
            continue
        page = (KEYS / f"{name}.html").read_text(encoding="utf-8")
        text = html.unescape(re.sub(r"<[^>]+>", " ", page))
        norm = " ".join(text.split())
        for q in load_quiz(name, None, data)["questions"]:
            assert " ".join(q["prompt"].split()) in norm, (name, q["id"])
            for line in answer_lines(q):
                assert " ".join(line.split()) in norm, (name, q["id"], line)


def test_markdown_escapes_markup():
    assert answer_keys._md_escape("<script>*x*</script> [a](b)") == (
        "\\<script\\>\\*x\\*\\</script\\> \\[a\\](b)")
