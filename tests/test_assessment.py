"""The pre/post test widgets, driven from Python, the learner's results and the class report section."""
from __future__ import annotations

import json

import pytest

from course_lib import load
from course_lib.assessment import (assessment_test, my_results, my_results_text, post_test, pre_test,
                                   report_section)
from course_lib.assessment_items import items_by_form, load_assessment
from course_lib.progress import ProgressStore

FORMS = items_by_form(load_assessment())


@pytest.fixture()
def store(tmp_path):
    return ProgressStore(tmp_path / "progress.json")


def _answer(widget, right: int, conf: int = 80):
    """Answer the first ``right`` reports as the source shows and the rest the other way."""
    items = {i["id"]: i for i in FORMS[widget.form]}
    for n, q in enumerate(widget.questions):
        truth = items[q.item_id]["accurate"]
        q.confidence.value = conf
        q.answer.value = truth if n < right else not truth


def test_pre_test_saves_every_answer_and_gives_no_feedback(store):
    w = pre_test(progress=store)
    w.questions[0].answer.value = False
    saved = store.results("assessment")["pre"]
    assert saved["answers"][w.questions[0].item_id] == {"accurate": False, "confidence": 50}
    assert 'role="status"' in w.status.value and "1 of 10 answered" in w.status.value
    w.finish_button.click()  # not everything answered yet
    assert "still open: 2, 3" in w.status.value and not store.results("assessment")["pre"]["completed"]
    _answer(w, right=10)
    w.finish_button.click()
    assert store.results("assessment")["pre"]["completed"] is True
    assert w.explanations.value == ""                    # no feedback before the post-test
    assert all(q.answer.disabled for q in w.questions)   # the "before" stays a before
    again = pre_test(progress=store)
    assert again.questions[3].answer.disabled and again.questions[3].answer.value is not None
    assert again.explanations.value == ""


def test_pre_test_can_be_skipped(store):
    w = pre_test(progress=store)
    w.skip_button.click()
    rec = store.results("assessment")["pre"]
    assert rec["skipped"] is True and rec["completed"] is False
    assert "Skipped" in w.status.value and w.finish_button.disabled
    assert post_test(progress=store).skip_button is None


def test_pre_test_is_closed_once_the_post_test_is_explained(store):
    post = post_test(progress=store)
    _answer(post, right=10)
    post.finish_button.click()
    pre = pre_test(progress=store)
    assert all(q.answer.disabled for q in pre.questions) and pre.finish_button.disabled
    assert "already taken the post-test" in pre.status.value
    assert "pre" not in store.results("assessment")


def test_post_test_explains_both_forms_with_source_quotes(store):
    pre = pre_test(progress=store)
    _answer(pre, right=4)
    pre.finish_button.click()
    post = post_test(progress=store)
    _answer(post, right=9)
    post.finish_button.click()
    html = post.explanations.value
    assert "Before the course (pre-test): 4 of 10" in html and "After the course (post-test): 9 of 10" in html
    assert html.count("<details") == 20 and "What the source says" in html
    assert html.count("How the article dates it:") == 20
    item = FORMS["pre"][0]
    assert item["source"]["quote"].replace("'", "&#x27;") in html
    # a pre-test widget made now shows its explanations too
    assert "Before the course (pre-test)" in pre_test(progress=store).explanations.value


def test_results_text_and_chart_by_hand(store):
    assert "No finished test is saved yet" in my_results_text(progress=store)
    assert my_results(progress=store).layout.annotations[0].text.startswith("No finished test yet")
    pre = pre_test(progress=store)
    _answer(pre, right=5, conf=100)  # 5 right, 5 wrong
    pre.finish_button.click()
    post = post_test(progress=store)
    _answer(post, right=10, conf=100)
    post.finish_button.click()
    # pre: the first five reports answered as the source shows; count hits and false alarms by hand
    items = FORMS["pre"]
    hits = sum(1 for i in items[:5] if i["accurate"]) + 0
    fas = sum(1 for i in items[5:] if not i["accurate"])
    n_acc = sum(1 for i in items if i["accurate"])
    disc = hits / n_acc - fas / (len(items) - n_acc)
    text = my_results_text(progress=store)
    assert f"Discernment {disc:+.2f}" in text and "Discernment +1.00" in text
    # 20 answers at 100%: 15 right -> Brier 5/20 = 0.25
    assert "over 20 answers" in text and "Brier score 0.25" in text
    assert "more sure than your answers were right" in text
    fig = my_results(progress=store)
    assert list(fig.data[0].y) == pytest.approx([disc, 1.0])
    assert "Claim predictions (notebook 04): none saved yet" in text


def test_claim_predictions_are_agreement_with_the_reviewer_not_calibration(store):
    """A fact-checker's verdict is not the course's answer key: predictions stay out of calibration."""
    store.record_claim("shoigu-west-calls-ukraine-to-seize-russian-territory", rating="misleading", confidence=90)
    store.record_claim("russia-intention-to-invade", rating="false", confidence=70)
    text = my_results_text(progress=store)
    assert "Agreement with Polygraph.info's verdict: 1 of 1" in text
    assert "1 of your predictions are of claims no source rates" in text
    assert "not counted in calibration" in text
    assert "Calibration, over" not in text           # no test answers saved: nothing to calibrate yet
    assert "scored and counted above" not in text


def test_every_report_box_carries_the_class_the_time_estimate_counts():
    """benchmarks/ux.py counts each report shown as a test question by this DOM class, not as words."""
    from course_lib.assessment import REPORT_CLASS
    for form, items in FORMS.items():
        w = assessment_test(form, progress=False)
        assert len(w.questions) == len(items)
        assert all(REPORT_CLASS in q._dom_classes for q in w.questions)


def test_unknown_form_is_a_clear_error():
    with pytest.raises(ValueError, match="There is no form 'mid'"):
        assessment_test("mid", progress=False)


def test_damaged_saved_answers_do_not_crash(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"version": 1, "quizzes": {}, "claims": {}, "results": {"assessment": {
        "pre": {"answers": {"pre-reznikov-no-plans": {"accurate": "yes"}, "x": 3}, "completed": "no"}}}}))
    w = pre_test(progress=path)
    assert all(q.answer.value is None for q in w.questions)
    assert "No finished test" in my_results_text(progress=path)


def _handin(name, pre_right, post_right, conf=80):
    def record(form, right):
        items = FORMS[form]
        return {"answers": {i["id"]: {"accurate": i["accurate"] if n < right else not i["accurate"],
                                      "confidence": conf} for n, i in enumerate(items)}, "completed": True}
    return {"learner": name, "quizzes": {}, "claims": {},
            "results": {"assessment": {"pre": record("pre", pre_right), "post": record("post", post_right)}}}


def test_report_section_paired_means_by_hand():
    # all right -> discernment 1 for each; two learners, one all-right before and after, one all-wrong before
    handins = [_handin("a", 10, 10), _handin("b", 0, 10), {"learner": "c", "results": {}},
               {"learner": "<script>", "results": {"assessment": {"pre": "junk"}}}]
    sec = report_section(handins)
    assert sec["id"] == "assessment" and set(sec) == {"id", "title", "html", "text"}
    assert "4 hand-ins; 2 finished the pre-test, 2 the post-test, 2 took both" in sec["text"]
    # pre discernment: +1 and -1 -> mean 0; t(1) = 12.706, sd = 1.414, se = 1 -> interval -12.71 to +12.71
    assert "+0.00 (95% interval -12.71 to +12.71)" in sec["text"]
    # change: 0 and 2 -> mean 1, sd 1.414, se 1 -> 1 -/+ 12.706
    assert "+1.00 (95% interval -11.71 to +13.71)" in sec["text"]
    assert "not a controlled study" in sec["text"] and "not a controlled study" in sec["html"]
    assert "<script>" not in sec["html"]
    assert "Accepted as accurate" in sec["text"]


def test_report_section_calibration_table_by_hand():
    # learner a: pre 10 right at 80%; learner b: pre 0 right at 80% -> the 70-80% band has 20 answers, 50% right
    sec = report_section([_handin("a", 10, 10, conf=80), _handin("b", 0, 10, conf=80)])
    rows = [line for line in sec["text"].splitlines() if line.startswith("Before the course (pre-test) | 70-80%")]
    assert len(rows) == 1 and rows[0].split("|")[2].strip() == "20" and rows[0].rstrip().endswith("50%"), rows


def test_report_section_kinds_still_accepted():
    h = _handin("a", 10, 0)  # accepts every distorted post item
    sec = report_section([h])
    for line in sec["text"].splitlines():
        if line.startswith("a dropped hedge"):
            assert line.rstrip().endswith("100%")
            break
    else:
        raise AssertionError("no row for dropped hedges")
    assert "1 took both" in sec["text"]


def test_report_section_empty_class_reads_well():
    sec = report_section([])
    assert "No learner has finished both" in sec["text"]


def test_a_report_shows_only_the_date_the_article_gives_and_the_tests_role_line():
    doc = load_assessment()
    w = pre_test(progress=False)
    html = {q.item_id: q.children[0].value for q in w.questions}
    # euronews dates none of its statements: the When line says so, and names where the article's date is from
    assert ("<strong>When:</strong> Not dated in the article; article of 17 February 2022 (a date from the "
            "course&#x27;s source notes)") in html["pre-wallace-up-to-7000"]
    assert "<strong>When:</strong> 17 February 2022</p>" not in "".join(html.values())
    # the separatist authorities' role line is the test's own, attributed, not actors.json's label
    assert doc["roles"]["luhansk-separatists"] in html["pre-luhansk-provocation"]
    assert "self-proclaimed" not in html["pre-luhansk-provocation"]
    # the "not a verdict" rule is said once, in the introduction, for every side alike
    assert "is not a verdict on whether what they said is true" in w.children[0].value
    assert not any("not a verdict" in i["explanation"] for i in doc["items"])
