"""Checks of the course's own words against the figures and dates (course_lib.content_checks).

Each check is shown to catch the defect it is for on a copy of the OLD data (before content pass 2), and to
pass on the course's data files. Findings in files other engineers own (events.json, quizzes) are reported,
not edited: the test over them is marked xfail until those files are fixed.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import course_lib
from course_lib.content_checks import course_strings, date_findings, number_findings
from course_lib.validate import collect_errors

DATA = course_lib.load()
QUIZ_DIR = Path(course_lib.__file__).resolve().parent.parent / "data" / "quizzes"


def _raw(data=DATA) -> dict:
    """A deep copy of the data as collection -> records (to_json shares the loaded records)."""
    raw = json.loads(json.dumps(data.to_json()))
    for art in raw["articles"]:
        art["text"] = data.articles[art["id"]]["text"]
    return raw


def _errors(raw) -> list[str]:
    return [str(e) for e in collect_errors(raw)]


def test_the_course_data_passes_the_content_checks():
    assert _errors(_raw()) == []


def test_a_vague_amount_recorded_as_a_number_is_refused():
    """The old record: 'tens of thousands' stored as 'more than 10,000'."""
    raw = _raw()
    fig = next(f for f in raw["figures"] if f["id"] == "russian-officials-ukrainian-troops-tens-of-thousands")
    fig.update(value=10000, qualifier="more than")
    fig.pop("words")
    errors = _errors(raw)
    assert any("russian-officials-ukrainian-troops-tens-of-thousands" in e and "gives no number" in e for e in errors)


def test_a_figure_with_no_number_must_say_so():
    raw = _raw()
    fig = next(f for f in raw["figures"] if f["id"] == "russian-officials-ukrainian-troops-tens-of-thousands")
    fig["qualifier"] = "more than"
    assert any("'no number given'" in e for e in _errors(raw))


def test_the_reporting_verb_must_be_the_articles_near_the_quote():
    raw = _raw()
    st = next(s for s in raw["statements"] if s["id"] == "zakharova-125000-troops")
    st["reporting_verb"] = "stated"  # not in The Moscow Times near her words
    assert any("zakharova-125000-troops" in e and "reporting_verb" in e for e in _errors(raw))
    st["reporting_verb"] = None
    assert any("only an outlet's own voice or a headline" in e for e in _errors(raw))


def test_an_undated_statement_must_be_marked():
    """The old data: Stoltenberg's undated words (report date standing in) with no marker."""
    raw = _raw()
    st = next(s for s in raw["statements"] if s["id"] == "stoltenberg-stage-pretext")
    st.pop("undated")
    assert any("stoltenberg-stage-pretext" in e and "undated" in e for e in _errors(raw))
    st["undated"] = True
    st["date"] = "2022-02"
    assert any("not a day" in e for e in _errors(raw))


def test_the_numbers_check_catches_the_old_wordings():
    old = [
        ("events.json", "zakharova-125000", "title", "Zakharova: Ukraine has massed 125,000 troops"),
        ("events.json", "wallace-7000-more-troops", "title", "Wallace: up to 7,000 more Russian troops"),
        ("quizzes/02.json", "why-115-vs-70", "x", "Newsweek's figure of about 70,000 counts troops near the border."),
        ("troops.py", "chart", "label", "70,000 troops near the border, claimed by Ukrainian officials"),
        ("notes", "x", "note", "Russia had 150,000 troops in February 2022."),
        ("quizzes/07.json", "zakharova-prompt", "prompt", "Zakharova said 125,000 Ukrainian troops were in the "
         "conflict zone and, AFP reports, that this \"represented half of Kiev's troops\"."),
        ("notes", "x", "note", "Russian officials spoke of more than 10,000 Ukrainian troops."),
    ]
    found = number_findings(DATA, old)
    messages = {rec: [m for f, r, _, m in found if r == rec] for _, rec, _, _ in old}
    assert any("according to some reports" in m for m in messages["zakharova-125000"])
    # "AFP reports" is not the hedge "according to some reports" (the old review-quiz prompt)
    assert any("according to some reports" in m for m in messages["zakharova-prompt"])
    assert any("whose troops" in m for m in messages["wallace-7000-more-troops"])
    assert any("ambiguous" in m for m in messages["why-115-vs-70"])
    assert any("ambiguous" in m for m in messages["chart"])
    assert any("qualifier" in m for m in messages["x"])
    assert any("no figure" in m for m in found[-1:][0][3:])


def test_the_numbers_check_accepts_faithful_wordings():
    good = [
        ("a", "1", "t", "Zakharova: \"According to some reports\" 125,000 Ukrainian troops in the conflict zone"),
        ("a", "2", "t", "Wallace: troops up \"up to 7,000\" in 48 hours (he does not say whose)"),
        ("a", "3", "t", "About 70,000: Newsweek / Ukrainian officials (the article is ambiguous)."),
        ("a", "4", "t", "euronews gives around 150,000 Russian troops."),
        ("a", "5", "t", "The Ukrainian foreign ministry gave 115,000 troops."),
    ]
    assert number_findings(DATA, good) == []


def test_the_course_data_files_keep_numbers_faithful():
    mine = [s for s in course_strings(DATA) if s[0] in ("figures.json", "statements.json", "claims.json",
                                                        "actors.json", "places.json")]
    assert number_findings(DATA, mine) == []


@pytest.mark.xfail(strict=False, reason="findings in events.json and data/quizzes (owned by the content-text work) "
                                        "are reported to the lead; remove this mark once they are fixed")
def test_events_and_quizzes_keep_numbers_faithful():
    quizzes = [(f"quizzes/{p.name}", json.loads(p.read_text(encoding="utf-8"))) for p in sorted(QUIZ_DIR.glob("*.json"))]
    strings = [s for s in course_strings(DATA, quizzes) if s[0] == "events.json" or s[0].startswith("quizzes/")]
    findings = number_findings(DATA, strings)
    assert findings == [], "\n".join(map(str, findings))


def test_the_review_quiz_keeps_numbers_faithful():
    """Quiz 07 (the review) keeps every hedge and attribution of the figures it restates (not xfail)."""
    quiz = json.loads((QUIZ_DIR / "07-review.json").read_text(encoding="utf-8"))
    strings = [s for s in course_strings(DATA, [("quizzes/07-review.json", quiz)]) if s[0].startswith("quizzes/")]
    assert strings, "no strings read from quiz 07"
    findings = number_findings(DATA, strings)
    assert findings == [], "\n".join(map(str, findings))


@pytest.mark.xfail(strict=False, reason="events.json (content-text's file) lacks the undated field on some events; "
                                        "the timeline marks them from date_basis meanwhile")
def test_events_mark_undated_days():
    findings = date_findings(("events.json", e) for e in DATA.events.values())
    assert findings == [], "\n".join(map(str, findings))


def _unquoted(text: str, phrase: str) -> list[str]:
    """Sentences where ``phrase`` stands outside quotation marks and no outlet that writes it is named."""
    import re

    bad = []
    for sentence in re.split(r"(?<=[.;:])\s+", text):
        if phrase.lower() not in sentence.lower():
            continue
        quoted = re.search(r"[\"\u201c'\u2018][^\"\u201d'\u2019]*" + re.escape(phrase) + r"[^\"\u201d'\u2019]*[\"\u201d'\u2019]",
                           sentence, re.I)
        if not quoted:
            bad.append(sentence)
    return bad


def test_russian_backed_is_only_ever_the_outlets_word():
    """The course's own voice never calls the separatists "Russian-backed" (issue 10, B15)."""
    root = Path(course_lib.__file__).resolve().parent
    bad = []
    for path in sorted(root.rglob("*.py")):
        bad += [f"{path.name}: {s.strip()[:120]}" for s in _unquoted(path.read_text(encoding="utf-8"), "Russian-backed")]
    skip = {"quote", "appearance", "text", "evidence", "sources", "mentions"}  # verbatim fields
    for name in ("actors", "figures", "statements", "claims", "errata", "places", "topics"):
        for rec in getattr(DATA, name).values():
            for key, value in rec.items():
                if key not in skip and isinstance(value, str):
                    bad += [f"{name}/{rec['id']}/{key}: {s[:120]}" for s in _unquoted(value, "Russian-backed")]
    from course_lib.ui import SIDES

    assert "Russian-backed" not in SIDES["separatists"]["label"]
    assert bad == [], "\n".join(bad)
