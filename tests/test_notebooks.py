"""Notebook hygiene: names, the house skeleton, thin code, clean stored outputs, small files.

These read the committed .ipynb files as JSON (no kernel); strict nbval runs them separately.
"""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NB_DIR = ROOT / "notebooks"
QUIZ_DIR = ROOT / "data" / "quizzes"
NOTEBOOKS = sorted(NB_DIR.glob("*.ipynb"))
NAME = re.compile(r"^(\d\d)([a-z]?)-[a-z0-9]+(-[a-z0-9]+)*\.ipynb$")
SKELETON = ["Learning objectives", "Before you start", "Check your understanding", "Summary", "What's next"]
# figure function -> its text twin, which must follow it
TWINS = {"timeline": "timeline_text", "troop_chart": "troop_chart_text", "crisis_map": "crisis_map_text",
         "my_results": "my_results_text"}
EXPECTED = 8
# ungraded notebooks between two graded ones (a letter after the number: 06a sorts between 06 and 07, so
# 07-review stays the last graded step and quiz progress, keyed by notebook stem, is unchanged)
# -> the call each must make instead of a quiz
CAPSTONES = {"06a-check-it-yourself": "fact_check"}


def _nb(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _src(cell: dict) -> str:
    s = cell["source"]
    return "".join(s) if isinstance(s, list) else s


def _code_cells(nb: dict) -> list[str]:
    return [_src(c) for c in nb["cells"] if c["cell_type"] == "code"]


def _headings(nb: dict) -> list[tuple[int, str]]:
    out = []
    for c in nb["cells"]:
        if c["cell_type"] != "markdown":
            continue
        in_fence = False
        for line in _src(c).splitlines():
            if line.startswith("```"):
                in_fence = not in_fence
            m = re.match(r"^(#{1,6})\s+(.*?)\s*$", line)
            if m and not in_fence:
                out.append((len(m.group(1)), m.group(2)))
    return out


def test_the_course_has_eight_numbered_notebooks_in_order():
    names = [p.name for p in NOTEBOOKS]
    bad = [n for n in names if not NAME.match(n)]
    assert not bad, f"not NN-topic-words.ipynb (or NNa-... for an ungraded step): {bad}"
    graded = [n for n in names if not NAME.match(n).group(2)]
    assert len(graded) == EXPECTED, graded
    assert [int(n[:2]) for n in graded] == list(range(EXPECTED))
    extra = sorted(p.stem for p in NOTEBOOKS if NAME.match(p.name).group(2))
    assert extra == sorted(CAPSTONES), f"ungraded notebooks must be listed in CAPSTONES: {extra}"
    assert names[-1].startswith("07-review"), "the review stays the course's last step"


def test_notebooks_folder_stays_small():
    # the teacher's generated report (gitignored) does not count
    total = sum(p.stat().st_size for p in NB_DIR.rglob("*") if p.is_file() and "class-report" not in p.parent.parts)
    assert total < 2_000_000, f"notebooks/ is {total} bytes"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
class TestNotebook:
    def test_kernel_is_python3(self, path):
        assert _nb(path)["metadata"]["kernelspec"]["name"] == "python3"

    def test_skeleton_headings(self, path):
        heads = _headings(_nb(path))
        h1 = [t for lvl, t in heads if lvl == 1]
        assert len(h1) == 1, f"exactly one H1, found {h1}"
        assert heads[0][0] == 1, "the notebook opens with its H1 title"
        titles = [t for lvl, t in heads if lvl == 2]
        for name in SKELETON:
            assert any(t.lower().startswith(name.lower()) for t in titles), f"missing '## {name}'"
        positions = [next(i for i, t in enumerate(titles) if t.lower().startswith(n.lower())) for n in SKELETON]
        assert positions == sorted(positions), f"skeleton sections out of order: {titles}"

    def test_learning_objectives_use_verbs(self, path):
        nb = _nb(path)
        md = "\n".join(_src(c) for c in nb["cells"] if c["cell_type"] == "markdown")
        block = md.split("## Learning objectives", 1)[1].split("\n## ", 1)[0]
        bullets = [b.strip()[2:] for b in block.splitlines() if b.strip().startswith(("- ", "* "))]
        assert len(bullets) >= 2
        verbs = {"compare", "identify", "explain", "describe", "distinguish", "evaluate", "locate", "trace",
                 "resolve", "find", "check", "use", "match", "read", "recognise", "recognize", "judge",
                 "summarise", "summarize", "reflect", "apply", "spot", "order", "rate", "name", "state", "place",
                 "attribute", "navigate", "run", "answer", "recall", "interpret", "weigh", "test", "separate"}
        for b in bullets:
            first = re.sub(r"[^a-z]", "", b.split()[0].lower())
            assert first in verbs, f"objective does not start with a verb: {b!r}"

    def test_one_imports_cell_first(self, path):
        cells = _code_cells(_nb(path))
        assert cells, "no code cells"
        importing = [i for i, s in enumerate(cells)
                     if any(isinstance(n, (ast.Import, ast.ImportFrom)) for n in ast.walk(ast.parse(s)))]
        assert importing == [0], f"imports must all be in the first code cell; found in code cells {importing}"

    def test_code_is_thin(self, path):
        for src in _code_cells(_nb(path)):
            tree = ast.parse(src)
            defs = [n for n in ast.walk(tree)
                    if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda))]
            assert not defs, f"function/class definition in a notebook cell:\n{src}"
            assert "sys.path" not in src and "../" not in src, f"path hack in:\n{src}"
            assert len(src.splitlines()) <= 6, f"code cell too long for a thin notebook:\n{src}"

    def test_no_stored_errors_and_no_embedded_plotlyjs(self, path):
        raw = path.read_text(encoding="utf-8")
        nb = json.loads(raw)
        for c in nb["cells"]:
            for out in c.get("outputs", []):
                assert out["output_type"] != "error", f"stored error: {out.get('ename')}"
                if out["output_type"] == "stream":
                    assert out["name"] != "stderr", f"stored stderr: {''.join(out['text'])[:200]}"
        assert "plotly.js v" not in raw and "cdn.plot.ly" not in raw, "plotly.js embedded or loaded from a CDN"
        assert "https://cdn" not in raw and "unpkg.com" not in raw and "jsdelivr" not in raw

    def test_all_code_cells_were_executed_in_order(self, path):
        counts = [c.get("execution_count") for c in _nb(path)["cells"] if c["cell_type"] == "code"]
        assert counts == list(range(1, len(counts) + 1)), f"stored run is not a clean top-to-bottom run: {counts}"

    def test_every_plot_is_followed_by_its_text_twin(self, path):
        cells = _code_cells(_nb(path))
        for i, src in enumerate(cells):
            for fig, twin in TWINS.items():
                if re.search(rf"\b{fig}\(", src):
                    after = "\n".join(cells[i:i + 2])
                    assert re.search(rf"\b{twin}\(", after), f"{fig}(...) is not followed by {twin}(...)"

    def test_has_a_quiz_of_at_least_five_questions(self, path):
        if path.stem in CAPSTONES:  # an ungraded step: its own widget instead of a quiz, and no quiz file
            assert not (QUIZ_DIR / (path.stem + ".json")).exists(), "a capstone adds no graded quiz"
            assert any(re.search(rf"\b{CAPSTONES[path.stem]}\(", s) for s in _code_cells(_nb(path)))
            return
        quiz_file = QUIZ_DIR / (path.stem + ".json")
        assert quiz_file.exists(), f"no quiz file {quiz_file.name}"
        assert len(json.loads(quiz_file.read_text(encoding="utf-8"))["questions"]) >= 5
        assert any(f'quiz("{path.stem}"' in s for s in _code_cells(_nb(path))), "the notebook never shows its quiz"


def test_question_bank_covers_the_course():
    files = [QUIZ_DIR / (p.stem + ".json") for p in NOTEBOOKS if p.stem not in CAPSTONES]
    questions = [q for f in files if f.exists() for q in json.loads(f.read_text(encoding="utf-8"))["questions"]]
    assert len(questions) >= 50
    assert {q["type"] for q in questions} == {"single", "multiple", "numeric", "ordering", "matching"}
    articles = {s["article"] for q in questions for s in q["sources"]}
    assert articles == {"newsweek", "euronews", "moscowtimes", "polygraph", "amn"}


# ------------------------------------------------------------------------------ teachers' notebooks
TEACHER_DIR = NB_DIR / "teacher"
TEACHER_NOTEBOOKS = sorted(TEACHER_DIR.glob("*.ipynb"))
TEACHER_NAME = re.compile(r"^teacher-[a-z0-9]+(-[a-z0-9]+)*\.ipynb$")


def test_every_notebook_is_a_numbered_one_or_a_teachers_one():
    """Learners see only the numbered sequence; anything else lives in notebooks/teacher/ as teacher-*.ipynb."""
    others = [p for p in NB_DIR.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
              and p.parent != NB_DIR and p.parent != TEACHER_DIR]
    assert not others, f"notebooks outside notebooks/ and notebooks/teacher/: {others}"
    assert TEACHER_NOTEBOOKS, "the teacher's class-report notebook is missing"
    bad = [p.name for p in TEACHER_NOTEBOOKS if not TEACHER_NAME.match(p.name)]
    assert not bad, f"not teacher-topic-words.ipynb: {bad}"


@pytest.mark.parametrize("path", TEACHER_NOTEBOOKS, ids=lambda p: p.name)
class TestTeacherNotebook:
    """The same house rules as the learners' notebooks, minus the learners' skeleton and quiz."""

    test_kernel_is_python3 = TestNotebook.test_kernel_is_python3
    test_one_imports_cell_first = TestNotebook.test_one_imports_cell_first
    test_code_is_thin = TestNotebook.test_code_is_thin
    test_no_stored_errors_and_no_embedded_plotlyjs = TestNotebook.test_no_stored_errors_and_no_embedded_plotlyjs
    test_all_code_cells_were_executed_in_order = TestNotebook.test_all_code_cells_were_executed_in_order
    test_every_plot_is_followed_by_its_text_twin = TestNotebook.test_every_plot_is_followed_by_its_text_twin

    def test_one_title(self, path):
        heads = _headings(_nb(path))
        assert heads and heads[0][0] == 1 and [lvl for lvl, _ in heads].count(1) == 1
