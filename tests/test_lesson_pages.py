"""docs/lessons/: a one-page "lesson at a glance" per notebook that cannot drift from the notebook.

Every timing row names a section exactly as the notebook heads it, the rows run from minute 0 without
gaps to at most the notebook's stated time, each page links an answer key that exists, and a page stays
one page (a teacher prepares a lesson in 20 minutes: this page, the key, one click-through).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]*.ipynb"))
LESSONS = ROOT / "docs" / "lessons"
ROW = re.compile(r"^\|\s*(\d+)-(\d+)\s*\|\s*([^|]+?)\s*\|", re.M)


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
