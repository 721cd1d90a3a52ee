"""course_lib.quiz: every question type driven from Python, odd input, escaping, determinism, progress."""
from __future__ import annotations

import json
import re
import sys
import warnings
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

import course_lib
from course_lib.progress import ProgressStore, ProgressWarning
from course_lib.quiz import load_quiz, quiz, quiz_names

REPO = Path(__file__).resolve().parents[1]
DEMO = "_demo"
ODD = ["", "   ", "abc", "9" * 10000, "<script>alert(1)</script>", "None", "\x00\x01", "🙂", "1e999"]
OOPS = "Something went wrong"


@pytest.fixture
def pfile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh progress file, also $COURSE_PROGRESS_FILE, so no test touches the shared one."""
    path = tmp_path / "progress.json"
    monkeypatch.setenv("COURSE_PROGRESS_FILE", str(path))
    return path


def walk(w: Any) -> list[Any]:
    out, stack = [], [w]
    while stack:
        x = stack.pop(0)
        out.append(x)
        stack.extend(getattr(x, "children", ()) or ())
    return out


def html_of(w: Any) -> str:
    return "\n".join(x.value for x in walk(w) if isinstance(x, widgets.HTML))


def snapshot(w: Any) -> list[Any]:
    """Everything a notebook would store about the widget tree, minus the random model ids."""
    out = []
    for x in walk(w):
        state = {k: v for k, v in x.get_state().items() if k not in ("children", "layout", "style")}
        out.append((type(x).__name__, json.dumps(state, sort_keys=True, default=str)))
    return out


def by_id(w: Any) -> dict[str, Any]:
    return {q.question_id: q for q in w.questions}


def answer_correctly(box: Any, q: dict[str, Any]) -> None:
    """Put the right answer into a question's controls, as a learner would."""
    if q["type"] == "single":
        box.answer_control.value = next(o["id"] for o in q["options"] if o["correct"])
    elif q["type"] == "multiple":
        right = {o["id"] for o in q["options"] if o["correct"]}
        for oid, cb in zip(box.option_ids, box.checkboxes):
            cb.value = oid in right
    elif q["type"] == "numeric":
        box.answer_control.value = str(q["answer"])
    elif q["type"] == "ordering":
        box.reorder.value = tuple(item["id"] for item in q["items"])
    else:
        for dd, idx in zip(box.dropdowns, box.pair_order):
            dd.value = q["pairs"][idx]["right"]


def answer_wrongly(box: Any, q: dict[str, Any]) -> None:
    if q["type"] == "single":
        box.answer_control.value = next(o["id"] for o in q["options"] if not o["correct"])
    elif q["type"] == "multiple":
        for cb in box.checkboxes:
            cb.value = True
        if all(o["correct"] for o in q["options"]):
            box.checkboxes[0].value = False
    elif q["type"] == "numeric":
        box.answer_control.value = str(q["answer"] + q.get("tolerance", 0) * 2 + 1)
    elif q["type"] == "ordering":
        box.reorder.value = tuple(item["id"] for item in reversed(q["items"]))
    else:
        right = [q["pairs"][idx]["right"] for idx in box.pair_order]
        for k, dd in enumerate(box.dropdowns):
            dd.value = right[(k + 1) % len(right)] if len(set(right)) > 1 else next(
                c for c in q["choices"] if c != right[k])


# ------------------------------------------------------------------------------------------ basics
def test_lazy_export_stays_callable_after_the_module_is_imported():
    import course_lib.claims  # noqa: F401  (imports course_lib.quiz the module)
    import course_lib.quiz    # noqa: F401

    assert callable(course_lib.quiz)
    a = course_lib.quiz(DEMO, progress=False)
    b = course_lib.quiz(DEMO, progress=False)  # a second call in the same kernel
    assert repr(a) == repr(b)


def test_repr_is_a_short_summary_without_the_key():
    w = quiz(DEMO, progress=False)
    doc = load_quiz(DEMO)
    assert repr(w) == f"Quiz: {doc['title']} — 5 questions"
    assert w.quiz_name == DEMO and w.title == doc["title"] and w.store is None
    assert [q.qtype for q in w.questions] == ["single", "multiple", "numeric", "ordering", "matching"]


def test_initial_render_reveals_no_part_of_the_answer_key():
    w = quiz(DEMO, progress=False)
    state = json.dumps(snapshot(w), ensure_ascii=False)
    doc = load_quiz(DEMO)
    secrets = []
    for q in doc["questions"]:
        secrets += [q["explanation"], q["hint"]]
        secrets += [o["feedback"] for o in q.get("options", [])]
        secrets += [q[k] for k in ("feedback_low", "feedback_high", "feedback_correct") if k in q]
        secrets += [s["quote"] for s in q["sources"]]
    for s in secrets:
        assert json.dumps(s, ensure_ascii=False)[1:-1] not in state, s
    assert "70,000" not in html_of(w.questions[2]) and "70000" not in state


def test_every_control_is_labelled_and_keyboard_reachable():
    w = quiz(DEMO, progress=False)
    for x in walk(w):
        if isinstance(x, (widgets.RadioButtons, widgets.Dropdown, widgets.Text, widgets.Checkbox, widgets.Button)):
            assert x.description.strip(), f"unlabelled {type(x).__name__}"
            assert getattr(x, "tabbable", None) is not False


def test_wrong_name_lists_the_available_quizzes():
    for bad in ("03-voices-sid", "../../etc/passwd", "", "A B", None, 3):
        with pytest.raises(ValueError) as info:
            quiz(bad, progress=False)  # type: ignore[arg-type]
        assert "Available quizzes:" in str(info.value) and "'_demo'" in str(info.value)
    with pytest.raises(ValueError, match="Did you mean '_demo'"):
        quiz("_dem", progress=False)
    assert quiz(DEMO + ".json", progress=False).quiz_name == DEMO


# ----------------------------------------------------------------------------------- question types
def test_single_choice_feedback_teaches_before_it_tells():
    w = quiz(DEMO, progress=False)
    box = by_id(w)["reznikov-buildup-reason"]
    q = load_quiz(DEMO)["questions"][0]
    right = next(o for o in q["options"] if o["correct"])
    box.check_button.click()
    assert "Choose one answer first." in box.feedback.value
    assert w.score_counts() == (0, 0, 0, 5), "an empty answer is not a check"
    box.answer_control.value = "retake-donbas"
    box.check_button.click()
    fb = box.feedback.value
    # first wrong check: the result, the learner's choice and the hint -- never the key
    assert "Not quite" in fb and "✘" in fb and "You chose" in fb
    assert course_lib.ui.esc(q["hint"]) in fb
    assert course_lib.ui.esc(right["text"]) not in fb and course_lib.ui.esc(right["feedback"]) not in fb
    assert box.explanation.value == ""
    assert box.answer_control.disabled and box.check_button.disabled and not box.retry_button.disabled
    assert not box.show_answer_button.disabled
    assert w.score_counts() == (0, 0, 1, 5)
    assert "Score: 0 / 5 answered correctly" in w.score.value and w.score.value == w.score_bottom.value
    box.retry_button.click()
    assert box.answer_control.value is None and not box.answer_control.disabled
    assert box.feedback.value == "" and box.explanation.value == "" and box.retry_button.disabled
    assert w.score_counts() == (0, 0, 1, 5), "retry does not change the score"
    # second check: every option explained (the others folded), the explanation and the cited source
    box.answer_control.value = "retake-donbas"
    box.check_button.click()
    fb = box.feedback.value
    assert "(your answer)" in fb and "<details" in fb
    for o in q["options"]:
        assert course_lib.ui.esc(o["feedback"]) in fb
    ex = box.explanation.value
    assert "Newsweek</cite>, 14 December 2021" in ex and "<blockquote" in ex and "<details" in ex
    assert course_lib.ui.esc(q["sources"][0]["quote"]) in ex and "the course&#x27;s explanation" not in ex
    box.retry_button.click()
    box.answer_control.value = "defensive"
    box.check_button.click()
    assert "Correct." in box.feedback.value and "✔" in box.feedback.value
    assert w.score_counts() == (1, 0, 3, 5)
    assert "Score: 1 / 5 answered correctly</strong> — 0 at the first try, 3 checks in all" in w.score.value
    assert "3 checks so far; first try: not right." in box.status.value
    assert box.show_answer_button.disabled, "nothing to give up once it is right"


def test_show_answer_counts_as_giving_up_and_is_saved(tmp_path):
    path = tmp_path / "p.json"
    w = quiz(DEMO, progress=path)
    box = by_id(w)["reznikov-buildup-reason"]
    q = load_quiz(DEMO)["questions"][0]
    right = next(o for o in q["options"] if o["correct"])
    box.show_answer_button.click()
    assert course_lib.ui.esc(right["text"]) in box.feedback.value and "counts as not answered right" in box.feedback.value
    assert course_lib.ui.esc(q["explanation"]) in box.explanation.value
    assert box.retry_button.disabled and box.check_button.disabled and box.show_answer_button.disabled
    assert w.score_counts()[0] == 0
    box.show_answer_button.click()  # a second press changes nothing
    again = quiz(DEMO, progress=path)
    rbox = by_id(again)["reznikov-buildup-reason"]
    assert "counts as not answered right" in rbox.feedback.value and rbox.retry_button.disabled
    assert again.score_counts() == (0, 0, 1, 5)


def test_a_second_click_on_a_checked_question_is_not_a_second_check():
    w = quiz(DEMO, progress=False)
    box = by_id(w)["reznikov-buildup-reason"]
    box.answer_control.value = "retake-donbas"
    box.controller.check()
    box.controller.check()  # the click that arrived before the browser disabled the button
    assert w.score_counts() == (0, 0, 1, 5)


@pytest.mark.parametrize("name", [n for n in quiz_names()])
def test_a_first_wrong_check_never_reveals_the_answer(name):
    from course_lib.quiz import answer_lines

    w = quiz(name, progress=False)
    questions = {q["id"]: q for q in load_quiz(name)["questions"]}
    for box in w.questions:
        q = questions[box.question_id]
        answer_wrongly(box, q)
        box.check_button.click()
        shown = box.feedback.value + box.explanation.value
        assert "Not quite" in shown, (name, q["id"])
        assert box.explanation.value == "", (name, q["id"])
        if q["type"] in ("single", "multiple"):
            for o in q["options"]:
                assert course_lib.ui.esc(o["feedback"]) not in shown, (name, q["id"], o["id"])
            if q["type"] == "single":
                right = next(o for o in q["options"] if o["correct"])
                assert f"“{course_lib.ui.esc(right['text'])}”" not in shown, (name, q["id"])
        elif q["type"] == "numeric":
            assert "the source gives" not in shown, (name, q["id"])
        else:
            assert "the right one is" not in shown and "it is " not in shown.replace("it is not", ""), (name, q["id"])
        assert "".join(answer_lines(q)) not in shown


def test_multiple_choice_partial_and_full():
    w = quiz(DEMO, progress=False)
    box = by_id(w)["russian-troop-figures"]
    assert isinstance(box.answer_control, widgets.VBox) and len(box.checkboxes) == 4
    box.check_button.click()
    assert "Tick at least one option first." in box.feedback.value
    ids = box.option_ids
    box.checkboxes[ids.index("125000")].value = True
    box.checkboxes[ids.index("about-70000")].value = True
    box.check_button.click()
    fb = box.feedback.value
    assert "Not quite" in fb and "1 of 4 options handled right." in fb
    assert "you ticked it" not in fb and "should be ticked" not in fb, "a first wrong check gives nothing away"
    box.retry_button.click()
    box.checkboxes[ids.index("125000")].value = True
    box.checkboxes[ids.index("about-70000")].value = True
    box.check_button.click()
    fb = box.feedback.value
    assert fb.count("you ticked it") == 2 and fb.count("you left it unticked") == 2
    box.retry_button.click()
    assert not any(cb.value for cb in box.checkboxes) and not any(cb.disabled for cb in box.checkboxes)
    for oid in ("about-70000", "around-150000", "more-than-100000"):
        box.checkboxes[ids.index(oid)].value = True
    box.check_button.click()
    assert "Correct." in box.feedback.value
    assert all(cb.disabled for cb in box.checkboxes)


@pytest.mark.parametrize("odd", ODD)
def test_numeric_odd_input_gets_a_friendly_message(odd):
    w = quiz(DEMO, progress=False)
    box = by_id(w)["newsweek-troop-number"]
    box.answer_control.value = odd
    box.check_button.click()
    fb = box.feedback.value
    assert "ℹ" in fb and OOPS not in fb and "Traceback" not in fb
    assert "<script>" not in fb and len(fb) < 1000
    assert w.score_counts() == (0, 0, 0, 5) and not box.check_button.disabled


def test_numeric_tolerance_low_high_and_feedback_from_data():
    w = quiz(DEMO, progress=False)
    box = by_id(w)["newsweek-troop-number"]
    q = load_quiz(DEMO)["questions"][2]
    box.answer_control.value = "50k"
    box.check_button.click()
    assert "Too low: you answered 50,000 troops" in box.feedback.value
    assert "the source gives" not in box.feedback.value, "a first wrong check does not give the number"
    box.retry_button.click()
    assert box.answer_control.value == ""
    box.answer_control.value = "1.5 million"
    box.check_button.click()
    assert "Too high" in box.feedback.value and course_lib.ui.esc(q["feedback_high"]) in box.feedback.value
    assert "the source gives 70,000 troops" in box.feedback.value
    box.retry_button.click()
    box.answer_control.value = "about 72,000 troops"
    box.check_button.click()
    assert "Correct." in box.feedback.value and "the source gives 70,000 troops" in box.feedback.value
    assert w.score_counts() == (1, 0, 3, 5)


def test_ordering_is_a_list_moved_with_buttons():
    w = quiz(DEMO, progress=False)
    box = by_id(w)["events-in-order"]
    q = load_quiz(DEMO)["questions"][3]
    reorder = box.reorder
    start = reorder.value
    assert sorted(start) == sorted(i["id"] for i in q["items"])
    assert list(start) != [i["id"] for i in q["items"]], "the items are never shown in the right order"
    assert reorder.rows[0]["up"].disabled and reorder.rows[-1]["down"].disabled
    reorder.rows[1]["up"].click()
    assert reorder.value[:2] == (start[1], start[0]) and "is now 1 of 4" in reorder.announce.value
    answer_wrongly(box, q)
    box.check_button.click()
    assert "Not quite" in box.feedback.value and "in the right place" in box.feedback.value
    assert "the right one is" not in box.feedback.value
    assert all(r["up"].disabled and r["down"].disabled for r in reorder.rows), "a checked list is locked"
    box.retry_button.click()
    assert reorder.value == start, "Try again puts the list back as it was first shown"
    answer_correctly(box, q)
    box.check_button.click()
    assert "Correct." in box.feedback.value and w.score_counts() == (1, 0, 2, 5)


def test_matching_dropdown_per_item():
    w = quiz(DEMO, progress=False)
    box = by_id(w)["who-said-it"]
    q = load_quiz(DEMO)["questions"][4]
    assert len(box.dropdowns) == len(q["pairs"]) and sorted(box.pair_order) == list(range(len(q["pairs"])))
    box.dropdowns[0].value = q["choices"][0]
    box.check_button.click()
    assert "Choose a match for every item first." in box.feedback.value
    answer_wrongly(box, q)
    box.check_button.click()
    assert "Not quite" in box.feedback.value and "matched right" in box.feedback.value
    box.retry_button.click()
    answer_correctly(box, q)
    box.check_button.click()
    assert "Correct." in box.feedback.value
    for pair in q["pairs"]:
        assert course_lib.ui.esc(pair["right"]) in box.feedback.value


def test_hint_before_answering_toggles():
    w = quiz(DEMO, progress=False)
    box = w.questions[0]
    assert box.hint.value == "" and box.hint_button.description == "Show hint"
    box.hint_button.click()
    assert "Hint:" in box.hint.value and box.hint_button.description == "Hide hint"
    assert w.score_counts() == (0, 0, 0, 5)
    box.hint_button.click()
    assert box.hint.value == "" and box.hint_button.description == "Show hint"


def test_full_marks_first_time():
    w = quiz(DEMO, progress=False)
    doc = load_quiz(DEMO)
    for box, q in zip(w.questions, doc["questions"]):
        answer_correctly(box, q)
        box.check_button.click()
        assert "Correct." in box.feedback.value, q["id"]
    assert w.score_counts() == (5, 5, 5, 5)
    assert "Score: 5 / 5 answered correctly</strong> — 5 at the first try, 5 checks in all" in w.score.value


# ---------------------------------------------------------------------------- determinism and safety
def test_same_seed_same_widget_other_seed_other_order():
    a, b = quiz(DEMO, progress=False), quiz(DEMO, progress=False)
    assert snapshot(a) == snapshot(b)
    orders = {tuple(quiz(DEMO, seed=s, progress=False).questions[1].option_ids) for s in range(8)}
    assert len(orders) > 1, "the seed drives the shuffle"


def test_shuffle_false_keeps_the_data_order(data_copy, edit_json, pfile):
    def change(doc):
        doc["questions"][1]["shuffle"] = False
    edit_json(data_copy / "quizzes" / "_demo.json", change)
    w = quiz(DEMO, folder=data_copy, progress=False)
    assert w.questions[1].option_ids == [o["id"] for o in load_quiz(DEMO, data_copy)["questions"][1]["options"]]


def test_initial_render_identical_with_empty_missing_or_no_progress(pfile):
    none = snapshot(quiz(DEMO, progress=False))
    assert snapshot(quiz(DEMO)) == none, "default progress file, missing"
    assert not pfile.exists(), "rendering writes nothing"
    pfile.write_text(json.dumps({"version": 1, "quizzes": {}, "claims": {}}))
    assert snapshot(quiz(DEMO)) == none, "progress file present but empty"
    ProgressStore(pfile).record_check("another-quiz", "q", correct=True, answer=1, shown="1")
    assert snapshot(quiz(DEMO)) == none, "progress in other quizzes does not show here"


XSS = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def test_everything_from_data_is_escaped(data_copy, edit_json, pfile):
    def change(doc):
        doc["title"] = "Title " + XSS
        for q in doc["questions"]:
            for key in ("prompt", "hint", "explanation"):
                q[key] = f"{key} {XSS}"
            for o in q.get("options", []):
                o["text"] += XSS
                o["feedback"] += XSS
            for key in ("unit", "feedback_low", "feedback_high", "feedback_correct"):
                if key in q:
                    q[key] += XSS
            for item in q.get("items", []):
                item["text"] += XSS
            if "pairs" in q:
                for p in q["pairs"]:
                    p["left"] += XSS
                    p["right"] += XSS
                q["choices"] = [c + XSS for c in q["choices"]]
    edit_json(data_copy / "quizzes" / "_demo.json", change)
    w = quiz(DEMO, folder=data_copy)
    doc = load_quiz(DEMO, data_copy)
    for box, q in zip(w.questions, doc["questions"]):
        box.hint_button.click()
        answer_wrongly(box, q)
        box.check_button.click()
        assert "Not quite" in box.feedback.value, q["id"]
        box.retry_button.click()
        answer_correctly(box, q)
        box.check_button.click()
        assert "Correct." in box.feedback.value, q["id"]
        box.hint_button.click()
        box.hint_button.click()
    html = html_of(w)
    assert "<script" not in html and "<img" not in html
    assert html.count("&lt;script&gt;") >= 20
    labels = [label for x in walk(w) for label in getattr(x, "_options_labels", ())]
    labels += [x.description for x in walk(w) if hasattr(x, "description")]
    assert any("‹script›" in label for label in labels), "plain-text labels use look-alike brackets"
    assert not any("<script" in label or "<img" in label for label in labels)
    assert OOPS not in html
    # the same strings, restored from progress, are escaped too
    again = html_of(quiz(DEMO, folder=data_copy))
    assert "<script" not in again and "&lt;script&gt;" in again


def test_a_broken_grader_gives_a_message_not_a_traceback(monkeypatch):
    quiz_module = sys.modules["course_lib.quiz"]  # `import course_lib.quiz as m` gives the function

    def boom(*_args):
        raise RuntimeError("internal")
    monkeypatch.setattr(quiz_module, "grade", boom)
    w = quiz(DEMO, progress=False)
    w.questions[0].answer_control.value = "defensive"
    w.questions[0].check_button.click()
    assert OOPS in w.questions[0].feedback.value and "RuntimeError" in w.questions[0].feedback.value


# ------------------------------------------------------------------------------------------ progress
def test_progress_survives_a_restart(pfile):
    doc = load_quiz(DEMO)
    qs = {q["id"]: q for q in doc["questions"]}
    w = quiz(DEMO)
    assert w.store is not None and w.store.path == pfile
    b = by_id(w)
    answer_wrongly(b["reznikov-buildup-reason"], qs["reznikov-buildup-reason"])
    b["reznikov-buildup-reason"].check_button.click()
    b["reznikov-buildup-reason"].retry_button.click()
    answer_correctly(b["reznikov-buildup-reason"], qs["reznikov-buildup-reason"])
    b["reznikov-buildup-reason"].check_button.click()
    b["newsweek-troop-number"].answer_control.value = "about 70k"
    b["newsweek-troop-number"].check_button.click()
    answer_wrongly(b["events-in-order"], qs["events-in-order"])
    b["events-in-order"].check_button.click()
    answer_correctly(b["who-said-it"], qs["who-said-it"])
    b["who-said-it"].check_button.click()
    before = (w.score_counts(), w.score.value, [x.feedback.value for x in w.questions])
    assert before[0] == (3, 2, 5, 5)
    saved = json.loads(pfile.read_text(encoding="utf-8"))["quizzes"][DEMO]
    assert saved["reznikov-buildup-reason"]["attempts"] == 2 and saved["newsweek-troop-number"]["answer"] == 70000

    again = quiz(DEMO)   # as after a kernel restart
    assert (again.score_counts(), again.score.value, [x.feedback.value for x in again.questions]) == before
    b2 = by_id(again)
    assert b2["newsweek-troop-number"].answer_control.value == "70,000"
    assert b2["newsweek-troop-number"].answer_control.disabled and not b2["newsweek-troop-number"].retry_button.disabled
    assert "2 checks so far; first try: not right." in b2["reznikov-buildup-reason"].status.value
    assert b2["russian-troop-figures"].feedback.value == "" and not b2["russian-troop-figures"].check_button.disabled
    # and carries on counting from there
    b2["events-in-order"].retry_button.click()
    answer_correctly(b2["events-in-order"], qs["events-in-order"])
    b2["events-in-order"].check_button.click()
    assert again.score_counts() == (4, 2, 6, 5)
    assert quiz(DEMO).score_counts() == (4, 2, 6, 5)
    assert quiz(DEMO, progress=False).score_counts() == (0, 0, 0, 5)


def test_progress_path_argument(tmp_path, pfile):
    other = tmp_path / "other.json"
    w = quiz(DEMO, progress=other)
    w.questions[2].answer_control.value = "70000"
    w.questions[2].check_button.click()
    assert other.exists() and not pfile.exists()
    assert quiz(DEMO, progress=str(other)).score_counts() == (1, 1, 1, 5)


def test_stale_saved_answers_do_not_break_the_quiz(pfile):
    pfile.write_text(json.dumps({"version": 1, "claims": {}, "quizzes": {DEMO: {
        "reznikov-buildup-reason": {"attempts": 1, "correct": True, "first_try": True, "answer": "gone-option"},
        "russian-troop-figures": {"attempts": 2, "correct": False, "first_try": False, "answer": "not-a-list"},
        "newsweek-troop-number": {"attempts": 1, "correct": False, "first_try": False, "answer": "<b>x</b>"},
        "events-in-order": {"attempts": 1, "correct": False, "first_try": False, "answer": [1, None, {"a": 2}]},
        "who-said-it": {"attempts": "x"},
        "a-question-removed-since": {"attempts": 3, "correct": True, "first_try": True, "answer": "a"}}}}))
    w = quiz(DEMO)
    assert w.score_counts() == (1, 1, 5, 5)
    assert OOPS not in html_of(w) and "<b>x</b>" not in html_of(w)
    for box in w.questions:   # every question can still be answered
        assert not box.check_button.disabled


def test_corrupt_progress_file_is_backed_up_and_the_quiz_works(pfile):
    pfile.write_text("{ this is not json", encoding="utf-8")
    with pytest.warns(ProgressWarning):
        w = quiz(DEMO)
    assert pfile.with_name("progress.json.corrupt-1").read_text() == "{ this is not json"
    assert "damaged" in w.message.value and "⚠" in w.message.value
    assert w.score_counts() == (0, 0, 0, 5)
    w.questions[2].answer_control.value = "70000"
    w.questions[2].check_button.click()
    assert "Correct." in w.questions[2].feedback.value
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert quiz(DEMO).score_counts() == (1, 1, 1, 5)


def test_unsavable_progress_is_reported_in_the_widget(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProgressWarning)
        w = quiz(DEMO, progress=blocker / "progress.json")
        box = w.questions[2]
        box.answer_control.value = "1"
        box.check_button.click()
        box.retry_button.click()
        box.answer_control.value = "70000"
        box.check_button.click()
    assert "could not be saved" in w.message.value
    assert "Correct." in box.feedback.value and w.score_counts() == (1, 0, 2, 5)


# ------------------------------------------------------------------------------ the real quiz files
COURSE_QUIZZES = [n for n in quiz_names() if not n.startswith("_")]


@pytest.mark.parametrize("name", [DEMO, *COURSE_QUIZZES])
def test_every_quiz_file_renders_and_can_be_answered(name):
    doc = load_quiz(name)
    w = quiz(name, progress=False)
    assert repr(w) == f"Quiz: {doc['title']} — {len(doc['questions'])} question" + (
        "s" if len(doc["questions"]) != 1 else "")
    for box, q in zip(w.questions, doc["questions"]):
        answer_wrongly(box, q)
        box.check_button.click()
        assert "Not quite" in box.feedback.value, q["id"]
        box.retry_button.click()
        answer_correctly(box, q)
        box.check_button.click()
        assert "Correct." in box.feedback.value, q["id"]
        for src in q["sources"]:
            assert course_lib.ui.esc(src["quote"]) in box.explanation.value
    n = len(doc["questions"])
    assert w.score_counts() == (n, 0, 2 * n, n)
    assert OOPS not in html_of(w)


@pytest.mark.parametrize("name", [DEMO, *COURSE_QUIZZES])
def test_answer_key_html_for_the_static_site(name):
    from course_lib.quiz import answer_key_html

    doc = load_quiz(name)
    html = answer_key_html(name)
    assert html.count("<summary>Show answer: question") == len(doc["questions"])
    for q in doc["questions"]:
        assert course_lib.ui.esc(q["explanation"]) in html
        for o in q.get("options", []):
            assert (course_lib.ui.esc(o["feedback"]) in html) is bool(o["correct"])
        for item in q.get("items", []):
            assert course_lib.ui.esc(item["text"]) in html


def test_answer_key_html_escapes(data_copy, edit_json):
    from course_lib.quiz import answer_key_html

    edit_json(data_copy / "quizzes" / "_demo.json", lambda d: d["questions"][0].update(explanation=XSS))
    html = answer_key_html(DEMO, folder=data_copy)
    assert "<script" not in html and "&lt;script&gt;" in html


NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


@pytest.mark.skipif(not NOTEBOOKS or not COURSE_QUIZZES, reason="no notebooks or quiz files yet")
def test_no_notebook_contains_an_answer_key():
    secrets = set()
    for name in COURSE_QUIZZES:
        for q in load_quiz(name)["questions"]:
            secrets.add(q["explanation"])
            secrets.update(o["feedback"] for o in q.get("options", []))
    for path in NOTEBOOKS:
        text = path.read_text(encoding="utf-8")
        leaked = [s for s in secrets if len(s) > 30 and (s in text or json.dumps(s)[1:-1] in text)]
        assert not leaked, f"{path.name} contains quiz feedback: {leaked[:1]}"
        for m in re.finditer(r"course_lib\.quiz\(([^)]*)\)", text):
            assert m.group(1).strip().strip("\\\"'") in quiz_names(), m.group(0)


def test_a_question_can_show_the_table_it_refers_to(data_copy, edit_json):
    from course_lib.tables import TABLES

    schema = json.loads((REPO / "data" / "schemas" / "quizzes.schema.json").read_text())
    enum = schema["properties"]["questions"]["items"]["properties"]["material"]["enum"]
    assert sorted(enum) == sorted(TABLES), "the schema lists exactly the tables the course can draw"
    edit_json(data_copy / "quizzes" / f"{DEMO}.json", lambda d: d["questions"][0].update(material="sources"))
    w = quiz(DEMO, progress=False, folder=data_copy)
    prompt = w.questions[0].prompt.value
    assert "<details" in prompt and "Show the table: The five sources" in prompt and "<table" in prompt
    assert "<table" not in w.questions[1].prompt.value
