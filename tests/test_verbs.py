"""The reporting-verbs exercise: every statement's reporting word is the article's own, and the table shows them."""
from __future__ import annotations

import html
import re

from course_lib.statement_view import statement_fields
from course_lib.text import normalise
from course_lib.ui import SIDES
from course_lib.verbs import QUESTIONS, reporting_verbs, reporting_verbs_text, verb_table


def test_every_non_outlet_statement_has_a_reporting_word_from_its_article(course_data):
    for s in course_data.statements.values():
        actor = course_data.actors[s["actor"]]
        if actor["kind"] == "media" or s["kind"] == "headline":
            assert s["reporting_verb"] is None, s["id"]
            continue
        assert s["reporting_verb"], s["id"]
        assert re.search(rf"\b{re.escape(normalise(s['reporting_verb']))}\b",
                         normalise(course_data.articles[s["article"]]["text"])), s["id"]


def test_the_uneven_verbs_the_issue_names_are_recorded(course_data):
    verbs = {sid: s["reporting_verb"] for sid, s in course_data.statements.items()}
    assert verbs["zakharova-125000-troops"] == "claimed"
    assert verbs["ukraine-fm-115000-russian-troops"] == "saying"
    assert verbs["russian-officials-ukraine-reclaim-donbas"] == "alleged"
    assert verbs["ukrainian-officials-buildup-response"] == "insist"
    assert verbs["stoltenberg-enough-troops-no-warning"] == "pointed out"
    assert verbs["ukraine-separatists-shelled-did-not-return-fire"] == "disputed"


def test_table_counts_every_statement_once_by_article_and_side(course_data):
    table = verb_table(course_data)
    n = sum(len(v) for by_side in table.values() for v in by_side.values())
    assert n == len(course_data.statements)
    for aid, by_side in table.items():
        for side in SIDES:
            expected = sorted(s["reporting_verb"] for s in course_data.statements.values()
                              if s["article"] == aid and s["reporting_verb"]
                              and course_data.actors[s["actor"]]["kind"] != "media"
                              and course_data.actors[s["actor"]]["side"] == side)
            assert sorted(by_side[side]) == expected, (aid, side)


def test_widget_and_text_twin_show_the_same_table_and_questions(course_data):
    w = reporting_verbs(data=course_data)
    text = reporting_verbs_text(data=course_data)
    page = html.unescape(re.sub(r"<[^>]+>", " ", w.table.value))
    for verb in ("claimed", "alleged", "insist", "pointed out", "disputed"):
        assert verb in page and verb in text
    for q in QUESTIONS:
        assert q in text and any(html.escape(q) in p.value for p, _ in w.questions)
    assert html.escape(text) in w.text_version.value
    assert len(w.questions) == len(QUESTIONS) >= 1


def test_the_reporting_word_is_shown_with_every_statement(course_data):
    fields = dict(statement_fields(course_data, course_data.statements["zakharova-125000-troops"]))
    assert fields["Reporting word"] == "\u201cclaimed\u201d"
