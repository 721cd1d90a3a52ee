"""The class report: numbers checked by hand, sections registry, CSV and HTML safety, hostile hand-ins."""
from __future__ import annotations

import copy
import csv
import io
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hostile_handins import FORMULAS, RATING, XSS, valid_handin, write_hostile_class  # noqa: E402

from course_lib.__main__ import main  # noqa: E402
from course_lib.class_stats import analyse, course_items
from course_lib.report import build_report, run_sections  # noqa: E402
from course_lib.synthetic_class import synthetic_handins  # noqa: E402

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cells(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


class _Scripts(HTMLParser):
    """Collects every element that could run code: script elements and on* attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict] = []
        self.handlers: list[tuple[str, str]] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        if tag == "script":
            self.scripts.append(d)
        self.handlers += [(tag, k) for k in d if k.startswith("on")]
        self.urls += [v for k, v in d.items() if k in ("src", "href") and v and re.match(r"\w+:", v)]


# ------------------------------------------------------------------------------------------ hostile files
@pytest.fixture
def hostile_report(tmp_path):
    inbox = tmp_path / "inbox"
    info = write_hostile_class(inbox)
    result = build_report([inbox], tmp_path / "out")
    return info, result, tmp_path / "out"


def test_every_bad_file_is_named_and_skipped(hostile_report):
    info, result, _ = hostile_report
    problems = "\n".join(result["problems"])
    for name in info["skipped"]:
        assert name in problems, f"{name} not reported"
    assert len(result["problems"]) == len(info["skipped"])
    assert result["learners"] == len(info["kept"])


def test_no_hostile_string_reaches_the_html_unescaped(hostile_report):
    _, _, out = hostile_report
    page = (out / "index.html").read_text(encoding="utf-8")
    parser = _Scripts()
    parser.feed(page)
    # only our two scripts (plotly.js and the drawing code) and JSON data blocks
    assert [s.get("type") for s in parser.scripts if s.get("type") != "application/json"] == [None, None]
    assert parser.handlers == [], parser.handlers
    assert parser.urls == [], "the page links to or loads from another host"
    assert XSS not in page and RATING not in page and "<img src=x" not in page
    assert "&lt;script&gt;window.__pwned=1" in page  # shown, as text
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "\u202e" not in page  # a bidi override cannot reverse the rest of a line
    text = (out / "report.txt").read_text(encoding="utf-8")
    assert "\u202e" not in text


def test_no_csv_cell_starts_a_formula(hostile_report):
    _, _, out = hostile_report
    for name in ("grades.csv", "items.csv"):
        for row in _csv_cells(out / name):
            for cell in row:
                assert not cell.startswith(FORMULA_START), (name, cell)
    grades = _csv_cells(out / "grades.csv")
    assert "'@SUM(A1)" in [r[3] for r in grades]  # kept, neutralised


def test_learner_fields_in_the_csv_are_neutralised_one_by_one(tmp_path):
    handins = [valid_handin(f, f) for f in FORMULAS]
    for i, h in enumerate(handins):
        h["learner"] = FORMULAS[i] + f" {i}"
        h["user"] = FORMULAS[i]
    result = build_report([], tmp_path, handins=handins)
    rows = _csv_cells(tmp_path / "grades.csv")[1:]
    assert len(rows) == len(FORMULAS)
    for row in rows:
        assert not any(c.startswith(FORMULA_START) for c in row), row
    assert result["learners"] == len(FORMULAS)


def test_a_huge_class_of_duplicates_keeps_one_per_learner(tmp_path):
    for k in range(5):
        doc = valid_handin("Same Person", "same", created=f"2026-01-0{k + 1}T00:00:00+00:00")
        (tmp_path / f"copy-{k}.json").write_text(json.dumps(doc), encoding="utf-8")
    result = build_report([tmp_path], tmp_path / "out")
    assert result["learners"] == 1 and len(result["problems"]) == 4
    assert all("second hand-in" in p for p in result["problems"])


# ------------------------------------------------------------------------------------------ numbers
def _class(pattern: dict[str, list[bool]]) -> list[dict]:
    """Hand-ins answering notebook 00's questions: pattern[learner] = first-try results by question."""
    _, items = course_items()
    qs = [it for it in items if it.quiz == "00-start-here"]
    out = []
    for name, results in pattern.items():
        h = valid_handin(name, name.lower())
        h["claims"], h["quizzes"] = {}, {"00-start-here": {}}
        for it, right in zip(qs, results):
            h["quizzes"]["00-start-here"][it.qid] = {"attempts": 1 if right else 2, "correct": True,
                                                     "first_try": right, "answer": None}
        out.append(h)
    return out


def test_difficulty_and_point_biserial_discrimination_against_statistics():
    import statistics

    # 5 learners, 4 questions; question 0 is right for the strong learners only, question 2 is not
    pattern = {"A": [True, True, True, True], "B": [True, True, True, False], "C": [False, True, False, True],
               "D": [False, False, True, False], "E": [False, False, False, False]}
    a = analyse(_class(pattern))
    q0 = a.stats[0]
    assert (q0.answered, q0.right_first, q0.difficulty) == (5, 2, 0.4)
    for i in range(4):
        xs = [float(r[i]) for r in pattern.values()]
        rest = [sum(r[:i] + r[i + 1:]) / 3 for r in pattern.values()]
        assert a.stats[i].discrimination == pytest.approx(statistics.correlation(xs, rest))
    assert a.stats[0].discrimination > 0.7 and not a.stats[0].flagged
    assert [lr["per"]["00-start-here"]["first"] for lr in a.learners] == [4, 3, 2, 1, 0]
    bad = analyse(_class({**pattern, "E": [True, False, False, False], "A": [False, True, True, True]}))
    assert bad.stats[0].flagged  # right for the weakest, wrong for the strongest


def test_a_question_everyone_gets_right_is_not_flagged_and_few_learners_get_no_index():
    a = analyse(_class({"A": [True], "B": [True], "C": [True], "D": [True], "E": [True]}))
    assert a.stats[0].difficulty == 1.0 and not a.stats[0].flagged
    a = analyse(_class({"A": [True], "B": [False]}))
    assert a.stats[0].discrimination is None


def test_wrong_options_are_counted_with_their_feedback_most_missed_first(tmp_path):
    handins = synthetic_handins(30, seed=7)
    result = build_report([], tmp_path, handins=handins)
    a = analyse(handins)
    hardest = min((s for s in a.stats if s.answered), key=lambda s: s.difficulty)
    section = next(s for s in result["sections"] if s["id"] == "questions")
    first_item = section["text"].split("\n\n", 2)[1]
    assert first_item.startswith(hardest.item.label)
    single = next(s for s in a.stats if s.item.qtype == "single" and s.wrong)
    key, count = single.wrong[0]
    opt = next(o for o in single.item.question["options"] if o["id"] == key)
    expected = sum(1 for h in handins
                   if h["quizzes"].get(single.item.quiz, {}).get(single.item.qid, {}).get("first_answer") == key)
    assert count == expected and not opt["correct"]
    assert opt["feedback"][:40].replace("&", "&amp;").replace('"', "&quot;").replace("'", "&#x27;") \
        in (tmp_path / "index.html").read_text(encoding="utf-8")
    items = _csv_cells(tmp_path / "items.csv")
    assert len(items) == 1 + len(a.stats)
    assert all(r[-1].endswith(".ipynb#" + a.stats[i].item.anchor) for i, r in enumerate(items[1:]))


def test_scores_per_learner_and_notebook_match_the_hand_ins(tmp_path):
    handins = synthetic_handins(4, seed=3)
    build_report([], tmp_path, handins=handins)
    rows = _csv_cells(tmp_path / "grades.csv")
    header = rows[0]
    assert header[:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    for h, row in zip(sorted(handins, key=lambda h: h["learner"]), rows[1:]):
        col = header.index(next(c for c in header if c.startswith("03 ")))
        want = sum(r["correct"] for r in h["quizzes"].get("03-voices-side-by-side", {}).values())
        assert row[0] == h["learner"] and int(row[col]) == want


# ------------------------------------------------------------------------------------------ sections
def test_a_new_section_joins_with_one_line_and_a_broken_one_does_not_stop_the_report(tmp_path):
    def report_section(handins):
        n = sum(len(h["results"].get("factcheck", {})) for h in handins)
        return {"id": "factcheck", "title": "Fact-checks", "html": f"<p>{n} fact-checks</p>", "text": f"{n}"}

    def broken(handins):
        raise RuntimeError("<b>boom</b>")

    h = valid_handin("Ada", "ada")
    h["results"]["factcheck"] = {"c1": {"verdict": "x"}}
    secs = run_sections([h], ["course_lib.report:overview_section", report_section, broken, lambda hs: {"id": 1}])
    assert [s["title"] for s in secs][:2] == ["Overview", "Fact-checks"]
    assert "1 fact-checks" in secs[1]["html"]
    assert "could not be built" in secs[2]["text"] and "&lt;b&gt;boom" in secs[2]["html"]
    assert "could not be built" in secs[3]["text"]
    result = build_report([], tmp_path, handins=[h], sections=[report_section, broken])
    assert "1 fact-checks" in (tmp_path / "index.html").read_text(encoding="utf-8")
    assert len(result["sections"]) == 2


def test_cli_class_report_over_folders_and_hub_home_folders(tmp_path, capsys):
    from course_lib.progress import ProgressStore

    home = tmp_path / "home"
    for user in ("alice", "bob"):
        store = ProgressStore(home / user / ".reading-the-crisis" / "progress.json")
        store.record_check("00-start-here", "who-wrote-moscowtimes", correct=user == "alice",
                           answer="afp" if user == "alice" else "tass", shown="")
    (home / "carol" / ".reading-the-crisis").mkdir(parents=True)
    (home / "carol" / ".reading-the-crisis" / "progress.json").write_text("{not json", encoding="utf-8")
    assert main(["class-report", str(home), "--out", str(tmp_path / "out")]) == 0
    captured = capsys.readouterr()
    assert "Read 2 hand-ins (1 file skipped)" in captured.out and "carol" in captured.err
    grades = _csv_cells(tmp_path / "out" / "grades.csv")
    assert [r[0] for r in grades[1:]] == ["alice", "bob"]
    text = (tmp_path / "out" / "report.txt").read_text(encoding="utf-8")
    assert "The news agency TASS: 1 (50%)" in text


def test_report_text_twin_of_every_figure(tmp_path):
    result = build_report([], tmp_path, handins=synthetic_handins(6))
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'class="rtc-plot" role="img" aria-label="[^"]*" aria-describedby="([^"]+)"', page)
    assert len(ids) == 2
    for twin in ids:
        assert f'<pre id="{twin}" class="rtc-twin">' in page
    assert result["files"][0].name == "index.html"


def test_unknown_quizzes_and_odd_records_do_not_crash(tmp_path):
    h = valid_handin("Ada", "ada")
    h["quizzes"]["99-not-a-notebook"] = {"q": {"attempts": 3, "correct": False}}
    h["quizzes"]["00-start-here"]["who-wrote-moscowtimes"]["first_answer"] = ["x", None]
    h2 = copy.deepcopy(h)
    h2["learner"], h2["user"] = "Bo", "bo"
    h2["quizzes"]["00-start-here"]["articles-before-invasion"].update(first_try=False, first_answer="many")
    result = build_report([], tmp_path, handins=[h, h2])
    assert result["learners"] == 2


@pytest.mark.parametrize("name", ["handin", "handins_io", "report", "class_stats", "synthetic_class"])
def test_docstring_examples_run(name):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(f"course_lib.{name}"), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_on_a_hub_a_learners_hand_in_and_progress_file_count_once(tmp_path, monkeypatch):
    from course_lib.handin import write_handin
    from course_lib.progress import ProgressStore

    home = tmp_path / "home" / "alice"
    store = ProgressStore(home / ".reading-the-crisis" / "progress.json")
    store.record_check("00-start-here", "who-wrote-moscowtimes", correct=True, answer="afp", shown="")
    monkeypatch.setenv("JUPYTERHUB_USER", "alice")
    write_handin("Alice Example", progress=store, folder=home)
    result = build_report([tmp_path / "home"], tmp_path / "out")
    assert result["learners"] == 1
    assert "Alice Example" in (tmp_path / "out" / "report.txt").read_text(encoding="utf-8")
    assert "progress.json: a second hand-in" in result["problems"][0]


def test_question_links_follow_the_template_and_refuse_scripts(tmp_path):
    handins = synthetic_handins(3)
    build_report([], tmp_path, handins=handins, links="https://hub.example/lab/tree/{notebook}.ipynb#{anchor}")
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'href="https://hub.example/lab/tree/00-start-here.ipynb#Check-your-understanding"' in page
    with pytest.raises(ValueError):
        build_report([], tmp_path, handins=handins, links="javascript:alert(1)//{notebook}")
    assert main(["class-report", str(tmp_path / "none"), "--out", str(tmp_path / "o"),
                 "--links", "JavaScript:x"]) == 1


def test_every_kind_of_result_has_its_section_and_learner_text_stays_inert(tmp_path):
    handins = synthetic_handins(6)
    handins[0]["results"]["notes"] = {"03-11": {"prompt": "Who said which?", "text": "<script>alert(1)</script> Both"}}
    build_report([], tmp_path, handins=handins)
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "could not be built" not in page
    for title in ("Learners' notes", "Check it yourself"):
        assert title in page, title
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Both" in page and "<script>alert" not in page
    text = (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert "03-11: Who said which?" in text
