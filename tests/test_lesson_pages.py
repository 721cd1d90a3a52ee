"""docs/lessons/: a one-page "lesson at a glance" per notebook that cannot drift from the notebook.

Every timing row names a section exactly as the notebook heads it, the rows run from minute 0 without
gaps to at most the notebook's stated time, each page links an answer key that exists, and a page stays
one page (a teacher prepares a lesson in 20 minutes: this page, the key, one click-through).

The pages are the course's only lesson timings: the teacher guide keeps, per lesson, the hook and the
discussion prompts and links the page, with no timing table of its own (two plans would drift apart). A
page's "Prepare" line adds up to its 20 minutes and starts from the answer key's first section, the
answers at a glance.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]*.ipynb"))
LESSONS = ROOT / "docs" / "lessons"
KEYS = ROOT / "docs" / "answer-keys"
GUIDE = ROOT / "docs" / "teacher-guide.md"
ROW = re.compile(r"^\|\s*(\d+)-(\d+)\s*\|\s*([^|]+?)\s*\|", re.M)
#: a timing row anywhere in Markdown: "| 0-5 | ...", also "| *lesson 2* 0-20 | ..."
ANY_TIMING_ROW = re.compile(r"^\|[^|\d]*\d+\s*-\s*\d+\s*\|", re.M)
PREPARE = re.compile(r"^\*\*Prepare \((\d+) minutes\)\.\*\*(.*)$", re.M)


def headings(nb: dict) -> set[str]:
    return {line[3:].strip() for c in nb["cells"] if c["cell_type"] == "markdown"
            for line in "".join(c["source"]).splitlines() if line.startswith("## ")}


def stated_minutes(nb: dict) -> int:
    for c in nb["cells"]:
        m = re.search(r"\*\*Time:\*\*([^\n]*)", "".join(c["source"]))
        if m:
            return max(int(n) for n in re.findall(r"\d+", m.group(1)))
    raise AssertionError("no **Time:** line")


def test_every_notebook_has_exactly_one_lesson_page():
    assert sorted(p.stem for p in LESSONS.glob("*.md")) == [p.stem for p in NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_lesson_page_matches_its_notebook(path: Path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    page = (LESSONS / f"{path.stem}.md").read_text(encoding="utf-8")
    rows = [(int(a), int(b), section) for a, b, section in ROW.findall(page)]
    assert rows, "a timing table with rows like | 0-5 | section | what to do |"
    known = headings(nb)
    for _a, _b, section in rows:
        assert section in known, f"{section!r} is not a section heading of {path.name}"
    assert rows[0][0] == 0 and all(b == a2 for (_, b, _), (a2, _, _) in zip(rows, rows[1:])), "contiguous minutes"
    assert rows[-1][1] <= stated_minutes(nb), "the plan fits the notebook's stated time"
    for part in ("**Objective.**", "**Prepare (20 minutes).**", "**Short of time?**", "**Homework.**"):
        assert part in page
    for link in re.findall(r"\]\((\.\./[^)#]+)", page):
        assert (LESSONS / link).resolve().is_file(), f"broken link {link}"
    assert len(page.split()) <= 450, "one page"


def test_the_teacher_guide_has_no_lesson_timings_and_links_every_lesson_page():
    guide = GUIDE.read_text(encoding="utf-8")
    assert not re.search(r"^\|\s*min\s*\|", guide, re.M), \
        "a timing table (| min | ...) in the teacher guide: lesson timings live only in docs/lessons/"
    rows = ANY_TIMING_ROW.findall(guide)
    assert not rows, f"timing rows in the teacher guide: {rows[:3]}"
    for path in NOTEBOOKS:
        assert f"](lessons/{path.stem}.md)" in guide, f"the teacher guide does not link docs/lessons/{path.stem}.md"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_prepare_adds_up_and_starts_from_the_answers_at_a_glance(path: Path):
    page = (LESSONS / f"{path.stem}.md").read_text(encoding="utf-8")
    m = PREPARE.search(page)
    assert m, "a line starting **Prepare (20 minutes).**"
    budget, line = int(m.group(1)), m.group(2)
    assert budget == 20
    parts = [int(n) for n in re.findall(r"\((\d+) min\)", line)]
    assert sum(parts) == budget, f"the Prepare minutes {parts} add up to {sum(parts)}, not {budget}"
    key = KEYS / f"{path.stem}.md"
    if key.is_file():  # the capstone has no quiz and so no key
        assert re.findall(r"^## (.+)$", key.read_text(encoding="utf-8"), re.M)[0] == "Answers at a glance"
        assert "answers at a glance" in line and f"(../answer-keys/{path.stem}.html)" in line, \
            "the Prepare line starts the key from its answers at a glance"
