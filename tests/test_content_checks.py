"""Checks of the course's own words against the figures and dates (course_lib.content_checks).

Each check is shown to catch the defect it is for on a copy of the OLD data (before content pass 2), and to
pass on the course's data files, events.json and the quizzes included.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

import course_lib
from course_lib.content_checks import (course_strings, date_findings, inferred_attribution_findings,
                                       inferred_date_findings, number_findings, weekday_questions)
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
        ("notes", "x", "note", "Russian officials spoke of more than 10,000 Ukrainian troops."),
    ]
    found = number_findings(DATA, old)
    messages = {rec: [m for f, r, _, m in found if r == rec] for _, rec, _, _ in old}
    assert any("according to some reports" in m for m in messages["zakharova-125000"])
    assert any("whose troops" in m for m in messages["wallace-7000-more-troops"])
    assert any("ambiguous" in m for m in messages["why-115-vs-70"])
    assert any("ambiguous" in m for m in messages["chart"])
    assert any("qualifier" in m for m in messages["x"])
    assert any("no figure" in m for m in found[-1:][0][3:])


def test_the_numbers_check_keeps_the_sources_own_hedge_word():
    """Review of notebook 02: the event title "About 150,000 Russian troops" where the euronews text says
    "around 150,000"; Newsweek's "about 70,000" may stay "about"."""
    found = number_findings(DATA, [("events.json", "troops-and-belarus-exercises", "title",
                                    "About 150,000 Russian troops; exercises in Belarus")])
    assert found and "around" in found[0][3]
    assert number_findings(DATA, [("e", "1", "t", "Around 150,000 Russian troops; exercises in Belarus")]) == []


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


def test_events_and_quizzes_keep_numbers_faithful():
    quizzes = [(f"quizzes/{p.name}", json.loads(p.read_text(encoding="utf-8"))) for p in sorted(QUIZ_DIR.glob("*.json"))]
    strings = [s for s in course_strings(DATA, quizzes) if s[0] == "events.json" or s[0].startswith("quizzes/")]
    findings = number_findings(DATA, strings)
    assert findings == [], "\n".join(map(str, findings))


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


# ---------------------------------------------------------------- days worked out from a weekday
def _quizzes() -> list[tuple[str, dict]]:
    return [(f"quizzes/{p.name}", json.loads(p.read_text(encoding="utf-8"))) for p in sorted(QUIZ_DIR.glob("*.json"))]


def _course_text_strings(quizzes) -> list[tuple[str, str, str, str]]:
    """Quiz and event strings plus the notebooks' Markdown and the teacher guide (as one record each)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from course_text import course_passages

    strings = [s for s in course_strings(DATA, quizzes) if s[0] == "events.json" or s[0].startswith("quizzes/")]
    return strings + [(p.where, "", "", p.text) for p in course_passages() if p.where.startswith(("notebooks", "docs"))]


def test_days_worked_out_from_a_weekday_are_marked_in_the_course_text():
    quizzes = _quizzes()
    findings = inferred_date_findings(DATA, _course_text_strings(quizzes), weekday_questions(quizzes))
    assert findings == [], "\n".join(map(str, findings))


def test_the_weekday_check_catches_the_old_wordings():
    """Reviews of notebooks 02 and 03: the withdrawal 'on Tuesday 15 February 2022', the 115,000 on '30 Nov'."""
    old = [("q", "withdrawal-dispute", "prompt", "Russia announced on Tuesday 15 February 2022 that it had started "
                                                 "withdrawing some troops (euronews text, 17 Feb)."),
           ("q", "why-115-vs-70", "prompt", "The Ukrainian foreign ministry's figure (115,000, 30 Nov 2021) and ..."),
           ("q", "places-in-time", "explanation", "Stockholm, Thursday 2 Dec 2021: Blinken's planned talks.")]
    assert [r for _, r, _, _ in inferred_date_findings(DATA, old)] == ["withdrawal-dispute", "why-115-vs-70",
                                                                        "places-in-time"]
    new = [("q", "x", "p", "Russia announced \"on Tuesday\" (15 February 2022 by the course's dating)."),
           ("q", "y", "p", "The euronews text of 17 Feb 2022 reports it.")]    # an article's own date
    assert inferred_date_findings(DATA, new) == []


def test_a_question_that_asks_for_the_weekday_is_the_inference_itself():
    quizzes = _quizzes()
    assert ("quizzes/06-reading-the-sources.json", "moscowtimes-tuesday") in weekday_questions(quizzes)


# ---------------------------------------------------------------- speakers the article does not name
def test_options_keyed_correct_mark_an_inferred_speaker():
    findings = inferred_attribution_findings(DATA, _quizzes())
    assert findings == [], "\n".join(map(str, findings))


def test_the_speaker_check_catches_the_old_option():
    """Review of notebook 03: 'The Russian side accuses NATO allies of disinformation' keyed correct, though
    the text's "He" is the Kremlin only by the course's reading."""
    quizzes = copy.deepcopy(_quizzes())
    doc = next(d for f, d in quizzes if f.endswith("03-voices-side-by-side.json"))
    q = next(q for q in doc["questions"] if q["id"] == "both-accuse-disinformation")
    next(o for o in q["options"] if o["id"] == "russia-nato")["text"] = \
        "The Russian side accuses NATO allies of disinformation."
    found = inferred_attribution_findings(DATA, quizzes)
    assert [(r, f) for _, r, f, _ in found] == [("both-accuse-disinformation", "options.russia-nato")]
