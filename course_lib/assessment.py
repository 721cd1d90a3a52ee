"""The pre/post test: is this an accurate report of what the source says? And how sure are you?

* :func:`pre_test` (start of notebook 00), :func:`post_test` (end of notebook 07) and :func:`delayed_test`
  (a few weeks later, when the teacher asks) show one form of ``data/assessment.json`` each: reports of
  statements from the five articles (who, when, where we read it, what). For each the learner answers
  *accurate* or *distorted* and gives a confidence from 50% to 100%. Every answer is saved at once with
  the learner's progress (``store.record_result("assessment", <form id>, record)``).
* **No feedback until the post-test is done**, so the pre-test cannot teach the post-test. Then every item
  of the pre- and post-test is explained, with the source's words; the delayed form is explained once it
  is done.
* :func:`my_results` (a chart) and :func:`my_results_text` (its text twin) show the learner's own
  discernment before and after and their calibration, in plain words. With no answers saved they say so.
* :func:`report_section` is the class report's section: paired pre/post results for the class.

The saved record of a form::

    {"form": "pre", "answers": {"<item id>": {"accurate": true, "confidence": 70}}, "completed": false,
     "skipped": false, "timestamp": "..."}

Widget anatomy: the panel has ``.form``, ``.questions`` (one per item, each with ``.item_id``,
``.answer`` (RadioButtons: True = accurate, False = distorted) and ``.confidence`` (SelectionSlider)),
``.finish_button``, ``.skip_button`` (pre-test only, else None), ``.status`` (HTML, a live region),
``.explanations`` (HTML) and ``.store``.

Examples
--------
>>> w = pre_test(progress=False)
>>> q = w.questions[0]
>>> q.answer.value = True
>>> "1 of 10 answered" in w.status.value
True
>>> w.explanations.value
''
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .assessment_items import FAMILIES, KINDS, items_by_form, load_assessment, role_text, when_text
from .claims import CONFIDENCE
from .progress import ProgressStore, store_for
from .quiz import INFO, cite_html, quote_html
from .scores import answer_pairs, brier, claim_pairs, form_scores, mean_interval, reliability, valid_answer
from .theme import NEUTRAL, TextTwin, table
from .ui import FONT, esc, notes_html, panel, side_badge, style_key

KIND = "assessment"
#: form id -> how the learner's report names it
FORM_NAMES = {"pre": "Before the course (pre-test)", "post": "After the course (post-test)",
              "delayed": "A few weeks later (delayed test)"}
ANSWERS = [("Accurate: this is what the source says", True), ("Distorted: something was changed", False)]
#: the DOM class of one report's box (the learner-experience report, ``benchmarks/ux.py``, counts the
#: reports shown by it: a report is an activity of its own, not only words to read)
REPORT_CLASS = "rtc-test-report"
_BLOCKQUOTE = "margin:4px 0;padding:2px 10px;border-left:3px solid #888"
_CAVEAT = ("A classroom pre/post without a control group is not a controlled study: scores can rise because "
           "of the course, but also because the forms differ, because learners got used to the test, or "
           "for other reasons. Read the numbers as a description of this class, not as proof of an effect.")


# ---------------------------------------------------------------------------------------------- records

def saved_forms(store: ProgressStore | None) -> dict[str, dict[str, Any]]:
    """The learner's saved forms, ``{form id: record}`` (empty without a store)."""
    return store.results(KIND) if store is not None else {}


def _answers(record: Any) -> dict[str, dict[str, Any]]:
    found = record.get("answers") if isinstance(record, dict) else None
    return {k: v for k, v in found.items() if valid_answer(v)} if isinstance(found, dict) else {}


def _completed(record: Any) -> bool:
    return isinstance(record, dict) and record.get("completed") is True


def feedback_open(form: str, forms: dict[str, Any]) -> bool:
    """May a form's answers be explained? Pre and post: once the post-test is done; delayed: once it is done.

    Examples
    --------
    >>> feedback_open("pre", {"pre": {"completed": True}}), feedback_open("pre", {"post": {"completed": True}})
    (False, True)
    """
    return _completed(forms.get("delayed" if form == "delayed" else "post"))


# ---------------------------------------------------------------------------------------------- HTML

def report_html(item: dict[str, Any], data: Any, number: int | None = None, total: int | None = None,
                doc: dict[str, Any] | None = None) -> str:
    """One report as the learner sees it: who, when, where we read it, and what it says (escaped).

    The "When" line shows only what the article gives (:func:`~course_lib.assessment_items.when_text`); the
    role line is the test's own where ``doc["roles"]`` has one (``doc``: the assessment document, read if
    not given).

    Examples
    --------
    >>> from course_lib import load
    >>> doc = load_assessment()
    >>> html = report_html(doc["items"][0], load(), 1, 10)
    >>> "Report 1 of 10" in html and "Where we read it" in html
    True
    """
    rep = item["report"]
    actor = data.actors[rep["actor"]]
    role = role_text(rep["actor"], doc if doc is not None else load_assessment(), data)
    head = f"<p style=\"margin:2px 0\"><strong>Report {number} of {total}</strong></p>" if number else ""
    lead = f"{esc(rep['lead'])} " if rep.get("lead") else ""
    if rep["as"] == "quote":
        what = "What they said, quoted as their exact words:"
        body = f"{lead}“{esc(rep['text'])}”"
    else:
        what = "What they said, in the reporter's words (not a quotation):"
        body = f"{lead}{esc(rep['text'])}"
    return (f"<div style=\"font-family:{FONT}\">{head}"
            f"<p style=\"margin:2px 0\"><strong>Who:</strong> {esc(actor['name'])}, {esc(role)} · "
            f"{side_badge(style_key(actor))}</p>"
            f"<p style=\"margin:2px 0\"><strong>When:</strong> {esc(when_text(item, data))}</p>"
            f"<p style=\"margin:2px 0\"><strong>Where we read it:</strong> {cite_html(rep['article'], data)}</p>"
            f"<p style=\"margin:4px 0 0 0\"><strong>{what}</strong></p>"
            f"<blockquote style=\"{_BLOCKQUOTE}\">{body}</blockquote></div>")


def explanation_html(item: dict[str, Any], answer: dict[str, Any] | None, data: Any, number: int,
                     doc: dict[str, Any] | None = None) -> str:
    """After the post-test: the answer, what the source says (verbatim, cited), the change and why."""
    truth = "accurate" if item["accurate"] else "distorted"
    if valid_answer(answer):
        said = "accurate" if answer["accurate"] else "distorted"
        mine = f"You said <strong>{said}</strong> ({answer['confidence']}% sure)"
        mine += ": the same as the source shows." if said == truth else "; the source shows otherwise."
    else:
        mine = "You did not answer this one."
    basis = item["source"].get("date_basis")
    dating = (f"<p style=\"margin:4px 0\"><strong>How the article dates it:</strong> {esc(basis)}.</p>"
              if basis else "")
    change = ""
    if not item["accurate"]:
        change = (f"<p style=\"margin:4px 0\"><strong>What was changed:</strong> "
                  f"{esc(KINDS[item['change']['kind']])}.</p>")
    return (f"<details style=\"margin:6px 0;font-family:{FONT}\"><summary>Report {number}: "
            f"<strong>{truth}</strong>. {mine}</summary>"
            f"{report_html(item, data, doc=doc)}"
            f"<p style=\"margin:4px 0 0 0\"><strong>What the source says:</strong></p>"
            f"{quote_html({'article': item['source']['article'], 'quote': item['source']['quote']}, data)}"
            f"{dating}{change}<p style=\"margin:4px 0\">{esc(item['explanation'])}</p></details>")


def explanations_html(forms: dict[str, Any], doc: dict[str, Any], data: Any, only: list[str]) -> str:
    """The explained forms (those in ``only`` whose feedback is open), each with its score in words."""
    by_form = items_by_form(doc)
    parts = []
    for form in only:
        if form not in by_form or not feedback_open(form, forms) or form not in forms:
            continue
        items, answers = by_form[form], _answers(forms.get(form))
        s = form_scores(items, answers)
        parts.append(f"<h4 style=\"margin:10px 0 4px 0;font-family:{FONT}\">{esc(FORM_NAMES.get(form, form))}: "
                     f"{s['correct']} of {len(items)} answered as the source shows</h4>")
        parts += [explanation_html(item, answers.get(item["id"]), data, n, doc) for n, item in enumerate(items, 1)]
    return "".join(parts)


# ---------------------------------------------------------------------------------------------- widgets

#: said once, in every form's introduction, instead of after some sides' statements only
NOT_A_VERDICT = ("The question is only whether the report matches its source: an accurate report of what someone "
                 "said is not a verdict on whether what they said is true.")
_INTRO = {
    "pre": ("Before you start: how do you read a report?",
            "Ten short reports of what someone said, each taken from one of the course's five articles. Some are "
            "accurate; some were changed in one way. For each: <strong>is it an accurate report of what the source "
            "says?</strong> And how sure are you? Nobody expects you to know yet: answer as well as you can. "
            "There is no feedback now, so that this stays a fair \"before\"; at the end of the course, in notebook "
            "07, you take a similar test and then see every answer explained. Your answers are saved on this "
            "computer. You can skip this test (button at the bottom)."),
    "post": ("After the course: how do you read a report now?",
             "Ten more reports, like the ones at the start of notebook 00 (not the same ones). For each: <strong>is "
             "it an accurate report of what the source says?</strong> And how sure are you? When you press "
             "<em>Finish</em>, every report of both tests is explained, with the source's own words."),
    "delayed": ("A few weeks later: one more look",
                "Your teacher may ask you to take this a few weeks after the course. Ten more reports; the same "
                "question: <strong>is it an accurate report of what the source says?</strong> And how sure are you? "
                "When you press <em>Finish</em>, each one is explained."),
}


def _question(item: dict[str, Any], number: int, total: int, data: Any, doc: dict[str, Any]) -> Any:
    import ipywidgets as widgets

    answer = widgets.RadioButtons(options=ANSWERS, value=None, description=f"Report {number}:",
                                  style={"description_width": "initial"}, layout=widgets.Layout(width="auto"))
    confidence = widgets.SelectionSlider(options=CONFIDENCE, value=50, description=f"How sure (report {number})?",
                                         style={"description_width": "initial"}, continuous_update=False,
                                         layout=widgets.Layout(width="min(100%, 32em)"))
    box = panel([widgets.HTML(report_html(item, data, number, total, doc)), answer, confidence],
                f"Report {number} of {total}", border="1px solid #ccc", padding="4px 10px", margin="6px 0")
    box.add_class(REPORT_CLASS)
    box.item_id, box.answer, box.confidence = item["id"], answer, confidence
    return box


def assessment_test(form: str, *, progress: bool | str | Path | ProgressStore = True,
                    folder: str | Path | None = None):
    """One form of the pre/post test as a widget (see the module docstring).

    Parameters
    ----------
    form : str
        ``"pre"``, ``"post"`` or ``"delayed"`` (a form id of ``data/assessment.json``).
    progress : bool, path or ProgressStore
        ``True`` (default): save answers to the learner's progress file and show saved ones;
        ``False``: keep nothing; a path: use that file.
    folder : str or Path, optional
        A data folder laid out like the package's ``data/`` (for tests).

    Returns
    -------
    ipywidgets.VBox
        The form; its text repr names the form and the number of reports.

    Raises
    ------
    ValueError
        If there is no such form.

    Examples
    --------
    >>> w = assessment_test("post", progress=False)
    >>> repr(w)
    'Pre/post test: After the course (post-test), 10 reports'
    """
    import ipywidgets as widgets

    from .data import load

    data = load(folder)
    doc = load_assessment(folder)
    by_form = items_by_form(doc)
    if form not in by_form:
        raise ValueError(f"There is no form {str(form)[:40]!r}. Forms: {', '.join(repr(f) for f in by_form)}.")
    items = by_form[form]
    store = store_for(progress)
    forms = saved_forms(store)
    record = forms.get(form) if isinstance(forms.get(form), dict) else {}
    state = {"answers": _answers(record), "completed": _completed(record),
             "skipped": isinstance(record, dict) and record.get("skipped") is True}

    title, intro = _INTRO.get(form, (doc_title(doc, form), ""))
    intro = f"{intro} {esc(NOT_A_VERDICT)}".strip()
    header = widgets.HTML(f"<div style=\"font-family:{FONT}\"><p style=\"margin:4px 0;font-size:1.1em\">"
                          f"<strong>{esc(title)}</strong></p><p style=\"margin:4px 0\">{intro}</p></div>")
    questions = [_question(item, n, len(items), data, doc) for n, item in enumerate(items, 1)]
    finish_button = widgets.Button(description="Finish", button_style="primary",
                                   tooltip="Finish this test (answer every report first)")
    skip_button = widgets.Button(description="Skip the pre-test", tooltip="Skip this test and go on with the course") \
        if form == "pre" else None
    status = widgets.HTML("")
    message = widgets.HTML("")
    explanations = widgets.HTML("")

    def say(text: str) -> None:
        status.value = f"<p role=\"status\" aria-live=\"polite\" style=\"margin:4px 0;font-family:{FONT};color:{INFO}\">{text}</p>"

    def save() -> None:
        if store is not None:
            store.record_result(KIND, form, {"form": form, "answers": state["answers"],
                                             "completed": state["completed"], "skipped": state["skipped"]})
            message.value = notes_html(store.notes)

    def lock() -> None:
        for q in questions:
            q.answer.disabled = q.confidence.disabled = True
        finish_button.disabled = True
        if skip_button is not None:
            skip_button.disabled = True

    def answered() -> int:
        return sum(1 for item in items if item["id"] in state["answers"])

    def on_change(q: Any) -> Any:
        def handler(_change: dict[str, Any]) -> None:
            if q.answer.disabled or q.answer.value is None:
                return
            conf = q.confidence.value if q.confidence.value in {v for _, v in CONFIDENCE} else 50
            state["answers"][q.item_id] = {"accurate": bool(q.answer.value), "confidence": int(conf)}
            save()
            say(f"Saved. {answered()} of {len(items)} answered.")
        return handler

    def show_explanations() -> None:
        now = saved_forms(store) if store is not None else {}
        if store is None:  # nothing saved: explain from this widget's own answers
            now = {form: {"answers": state["answers"], "completed": state["completed"]}}
            if form == "post" and state["completed"]:
                now["post"]["completed"] = True
        shown = ["pre", "post"] if form in ("pre", "post") else [form]
        explanations.value = explanations_html(now, doc, data, shown)

    def on_finish(_button: Any = None) -> None:
        missing = [str(n) for n, item in enumerate(items, 1) if item["id"] not in state["answers"]]
        if missing:
            say(f"ℹ Please answer every report first (still open: {', '.join(missing)}).")
            return
        state["completed"], state["skipped"] = True, False
        save()
        lock()
        if form == "pre":
            say("Done, thank you. Your answers are saved. You will see them explained after the post-test at "
                "the end of notebook 07. Now read on.")
        else:
            say("Done, thank you. Below, every report is explained with the source's own words. Run the cells "
                "below to see your results before and after.")
            show_explanations()

    def on_skip(_button: Any = None) -> None:
        state["skipped"] = True
        save()
        lock()
        say("Skipped. That is fine: you can still take the post-test at the end of notebook 07.")

    def guard(action: Any) -> Any:
        def handler(_button: Any = None) -> None:
            try:
                action()
            except Exception as err:  # never a traceback in the learner's notebook
                say(f"ℹ Something went wrong ({esc(type(err).__name__)}). Please try again.")
        return handler

    for q in questions:
        saved = state["answers"].get(q.item_id)
        if saved is not None:
            q.answer.value = saved["accurate"]
            q.confidence.value = min((v for _, v in CONFIDENCE), key=lambda v: abs(v - saved["confidence"]))
        q.answer.observe(on_change(q), names="value")
        q.confidence.observe(on_change(q), names="value")
    finish_button.on_click(guard(on_finish))
    if skip_button is not None:
        skip_button.on_click(guard(on_skip))
    if state["completed"] or state["skipped"]:
        lock()
        say("You have finished this test." if state["completed"] else "You skipped this test.")
        show_explanations()
    elif form == "pre" and feedback_open("pre", forms):  # its answers are already explained: no fair "before"
        lock()
        say("You have already taken the post-test, whose explanations cover this test, so it is closed.")
        show_explanations()
    if store is not None:
        message.value = notes_html(store.notes)

    buttons = [finish_button] + ([skip_button] if skip_button is not None else [])
    children = [header, message, *questions, widgets.HBox(buttons, layout=widgets.Layout(flex_flow="row wrap")),
                status, explanations]
    box = panel(children, f"Pre/post test: {FORM_NAMES.get(form, form)}, {len(items)} reports",
                border="1px solid #999", padding="6px 10px", margin="6px 0")
    box.form, box.store, box.questions = form, store, questions
    box.finish_button, box.skip_button, box.status, box.explanations = finish_button, skip_button, status, explanations
    return box


def doc_title(doc: dict[str, Any], form: str) -> str:
    """A form's title from the data (e.g. ``"Before the course"``)."""
    return next((f["title"] for f in doc["forms"] if f["id"] == form), form)


def pre_test(*, progress: bool | str | Path | ProgressStore = True, folder: str | Path | None = None):
    """The pre-test (start of notebook 00): :func:`assessment_test` for form ``"pre"``; it can be skipped."""
    return assessment_test("pre", progress=progress, folder=folder)


def post_test(*, progress: bool | str | Path | ProgressStore = True, folder: str | Path | None = None):
    """The post-test (end of notebook 07): :func:`assessment_test` for form ``"post"``; explains both forms."""
    return assessment_test("post", progress=progress, folder=folder)


def delayed_test(*, progress: bool | str | Path | ProgressStore = True, folder: str | Path | None = None):
    """The delayed test (a few weeks after the course): :func:`assessment_test` for form ``"delayed"``."""
    return assessment_test("delayed", progress=progress, folder=folder)


# ---------------------------------------------------------------------------------------------- learner's results

def learner_summary(forms: dict[str, Any], predictions: dict[str, Any], doc: dict[str, Any],
                    claims: Any) -> dict[str, Any]:
    """One learner's scores: per completed form, and calibration over the test answers.

    Calibration counts only the pre/post/delayed test answers, where "right" means "answered as the source
    shows". Notebook 04's claim predictions are NOT counted: agreeing with a fact-checker's verdict is not
    being right (a verdict is one reviewer's judgement), so they are reported apart, as agreement with the
    reviewer's verdict.

    Returns
    -------
    dict
        ``{"forms": {form: form_scores}, "pairs": [(confidence, right)], "claim_pairs": n predictions of
        rated claims, "claim_agree": n of those that name the reviewer's verdict, "claims_unscored": n,
        "brier": float or None, "reliability": rows}``.
    """
    by_form = items_by_form(doc)
    out: dict[str, Any] = {"forms": {}}
    pairs: list[tuple[int, bool]] = []
    for form, items in by_form.items():
        if _completed(forms.get(form)):
            answers = _answers(forms[form])
            out["forms"][form] = form_scores(items, answers)
            pairs += answer_pairs(items, answers)
    cpairs, unscored = claim_pairs(predictions, claims)
    out.update(pairs=pairs, claim_pairs=len(cpairs), claim_agree=sum(same for _, same in cpairs),
               claims_unscored=unscored, brier=brier(pairs), reliability=reliability(pairs))
    return out


def _read(progress: Any, folder: Any) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], Any]:
    from .data import load

    store = store_for(progress)
    forms = saved_forms(store)
    predictions = store.read().get("claims", {}) if store is not None else {}
    return forms, predictions if isinstance(predictions, dict) else {}, load_assessment(folder), load(folder).claims


def _reviewer_name(reviewer: str) -> str:
    """The outlet name of a reviewer id ("polygraph" -> "Polygraph.info"), as the course data gives it."""
    from .data import load

    try:
        art = load().articles.get(reviewer)
    except Exception:  # noqa: BLE001 - a name is a nicety; the id is still meaningful
        art = None
    return str(art.get("outlet", reviewer)) if art else reviewer


def _reading(d: float) -> str:
    if d >= 0.6:
        return "you told accurate and distorted reports apart well"
    if d >= 0.2:
        return "you told accurate and distorted reports apart some of the time"
    return ("this time your answers did not yet separate accurate from distorted reports; that is common "
            "before practice, and the explanations show what to look for")


def my_results_text(*, progress: bool | str | Path | ProgressStore = True,
                    folder: str | Path | None = None) -> TextTwin:
    """The learner's before/after and calibration in plain words (the text twin of :func:`my_results`).

    Examples
    --------
    >>> print(my_results_text(progress=False).splitlines()[0])
    Your pre/post test results, in words.
    """
    forms, predictions, doc, claims = _read(progress, folder)
    s = learner_summary(forms, predictions, doc, claims)
    n_rated = sum(1 for c in claims.values() if c.get("reviewer") is not None)
    lines = ["Your pre/post test results, in words.", ""]
    if not s["forms"]:
        lines += ["No finished test is saved yet. Take the pre-test at the start of notebook 00 (if you have not "
                  "skipped it) and the post-test above, then run this cell again: here you will see how well you "
                  "told accurate reports from distorted ones, before and after, and how well your confidence "
                  "matched your answers.",
                  "",
                  "What the numbers will mean: discernment is the share of accurate reports you accepted minus the "
                  "share of distorted reports you accepted. It runs from -1 to 1; doubting everything scores 0, "
                  "and so does believing everything."]
    for form, f in s["forms"].items():
        name = FORM_NAMES.get(form, form)
        lines.append(f"{name}: {f['correct']} of {f['items']} answered as the source shows. You accepted "
                     f"{f['hits']} of {f['n_accurate']} accurate reports and {f['false_alarms']} of "
                     f"{f['n_distorted']} distorted ones.")
        if f["discernment"] is not None:
            lines.append(f"  Discernment {f['discernment']:+.2f} (from -1 to 1): {_reading(f['discernment'])}. "
                         f"(In signal-detection terms, d' = {f['d_prime']:.2f}.)")
    pre, post = s["forms"].get("pre"), s["forms"].get("post")
    if pre and post and pre["discernment"] is not None and post["discernment"] is not None:
        diff = post["discernment"] - pre["discernment"]
        if abs(diff) < 0.1:
            change = "about the same before and after"
        elif diff > 0:
            change = f"higher after the course, by {diff:.2f}"
        else:
            change = (f"lower after the course, by {-diff:.2f}; with ten reports a test is noisy, so look at "
                      "which kinds of change you accepted")
        lines += ["", f"Before and after: your discernment was {change}."]
    if s["pairs"]:
        mean_conf = sum(c for c, _ in s["pairs"]) / len(s["pairs"]) / 100
        share = sum(r for _, r in s["pairs"]) / len(s["pairs"])
        if mean_conf - share > 0.1:
            cal = "on average you were more sure than your answers were right: worth slowing down"
        elif share - mean_conf > 0.1:
            cal = "on average you were right more often than you felt: you can trust your reading a little more"
        else:
            cal = "on average your confidence matched how often you were right"
        lines += ["", f"Calibration, over {len(s['pairs'])} answers: you were on average {mean_conf:.0%} sure and "
                      f"right {share:.0%} of the time, so {cal}. Brier score {s['brier']:.2f} (0 is perfect; "
                      "answering 50% every time gives 0.25).",
                  table(["How sure you were", "Answers", "Right"],
                        [[r["band"], str(r["n"]), "-" if r["share_correct"] is None else f"{r['share_correct']:.0%}"]
                         for r in s["reliability"]])]
    reviewers = sorted({str(c.get("reviewer_name") or c.get("reviewer")) for c in claims.values()
                        if c.get("reviewer") is not None})
    who = " and ".join(_reviewer_name(r) for r in reviewers) or "a reviewer"
    if s["claim_pairs"] or s["claims_unscored"]:
        claim_line = (f"Claim predictions (notebook 04), not counted in calibration: a verdict is one reviewer's "
                      f"judgement, not an answer key. Agreement with {who}'s verdict: {s['claim_agree']} of "
                      f"{s['claim_pairs']} predictions of the claim(s) it rates ({n_rated} of the {len(claims)} "
                      f"claims); {s['claims_unscored']} of your predictions are of claims no source rates.")
    else:
        claim_line = (f"Claim predictions (notebook 04): none saved yet. They are not counted in calibration (a "
                      f"verdict is one reviewer's judgement, not an answer key); when you make them, this line "
                      f"says how often you agreed with {who}'s verdict ({n_rated} of the {len(claims)} claims "
                      "are rated in these sources).")
    lines += ["", claim_line]
    return TextTwin("\n".join(lines) + "\n")


def my_results(*, progress: bool | str | Path | ProgressStore = True, folder: str | Path | None = None):
    """A chart of the learner's discernment before and after, and their calibration (text twin: :func:`my_results_text`).

    Left: discernment per finished form (-1 to 1). Right: for each confidence band, the share of answers that
    were right, against the diagonal of perfect calibration. With no finished test the chart says so.

    Examples
    --------
    >>> fig = my_results(progress=False)
    >>> fig.layout.title.text
    'Your pre/post test: before and after'
    """
    import plotly.graph_objects as go

    from .theme import classroom, font_size, new_figure

    forms, predictions, doc, claims = _read(progress, folder)
    s = learner_summary(forms, predictions, doc, claims)
    fig = new_figure(
        title={"text": "Your pre/post test: before and after"}, height=430, showlegend=False,
        xaxis={"domain": [0, 0.42], "title": {"text": "Test"}, "fixedrange": True},
        yaxis={"range": [-1.05, 1.05], "title": {"text": "Discernment (-1 to 1)"}, "fixedrange": True,
               "zeroline": True, "zerolinecolor": "#888888"},
        xaxis2={"domain": [0.58, 1], "range": [45, 105], "title": {"text": "How sure you were (%)"},
                "anchor": "y2", "fixedrange": True},
        yaxis2={"range": [-5, 105], "title": {"text": "Answers right (%)"}, "anchor": "x2", "fixedrange": True},
        margin={"t": 80, "b": 70})
    names = {"pre": "Before", "post": "After", "delayed": "Weeks later"}
    done = [(names.get(f, f), v["discernment"]) for f, v in s["forms"].items() if v["discernment"] is not None]
    fig.add_trace(go.Bar(x=[n for n, _ in done], y=[d for _, d in done], marker={"color": NEUTRAL},
                         text=[f"{d:+.2f}" for _, d in done], textposition="outside", cliponaxis=False,
                         hovertemplate="%{x}: discernment %{y:+.2f}<extra></extra>"))
    fig.add_trace(go.Scatter(x=[50, 100], y=[50, 100], xaxis="x2", yaxis="y2", mode="lines",
                             line={"color": "#888888", "dash": "dash"}, hoverinfo="skip"))
    rows = [r for r in s["reliability"] if r["n"]]
    fig.add_trace(go.Scatter(x=[r["mean_confidence"] for r in rows], y=[100 * r["share_correct"] for r in rows],
                             xaxis="x2", yaxis="y2", mode="markers+text", marker={"size": 14, "color": NEUTRAL,
                                                                                  "symbol": "diamond"},
                             text=[f"{r['n']} answers" for r in rows], textposition="top center",
                             hovertemplate="%{x:.0f}% sure: %{y:.0f}% right<extra></extra>"))
    big = classroom()
    if not done:
        # in classroom mode (large text) over the left chart, in three lines, so the right one stays readable
        fig.add_annotation(text="No finished test yet:<br>take the tests, then<br>run this cell again." if big
                           else "No finished test yet: take the tests, then run this cell again.",
                           xref="paper", yref="paper", x=0.21 if big else 0.5, y=0.5, showarrow=False,
                           font={"size": font_size("message")}, bgcolor="#FFFFFF",
                           **({"xanchor": "center"} if big else {}))
    # (in classroom mode in two lines, so that it stays inside a narrow chart)
    fig.add_annotation(text="Dashed line:<br>sure as often as right" if big else "Dashed line: sure as often as right",
                       xref="x2", yref="y2", x=100, y=3 if big else 8,
                       xanchor="right", showarrow=False, font={"size": font_size("note"), "color": "#555555"},
                       **({"yanchor": "bottom", "align": "right"} if big else {}))
    return fig


# ---------------------------------------------------------------------------------------------- class report

def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _interval(values: list[float], sign: str = "+") -> str:
    """``mean (95% interval low to high)``; ``sign="+"`` shows signs (for scores that can be negative)."""
    mi = mean_interval(values)
    if mi is None:
        return "-"
    m, lo, hi = (format(v, f"{sign}.2f") for v in mi)
    return f"{m} (95% interval {lo} to {hi})" if len(values) > 1 else m


def report_section(handins: list[dict[str, Any]]) -> dict[str, str]:
    """The class report's section on the pre/post test: ``{"id", "title", "html", "text"}``.

    Paired pre/post discernment and Brier score (means with a 95% t interval; n who took both), the delayed
    form if anyone took it, per-item results, the kinds of distortion the class still accepted after the
    course, and the caveat that a classroom pre/post is not a controlled study.

    Parameters
    ----------
    handins : list of dict
        Each ``{"learner": str, "results": {"assessment": {form: record}}, "claims": {...}, ...}``;
        malformed parts are skipped.

    Examples
    --------
    >>> sec = report_section([])
    >>> sec["id"], "not a controlled study" in sec["text"]
    ('assessment', True)
    """
    from .data import load

    doc = load_assessment()
    claims = load().claims
    by_form = items_by_form(doc)
    learners = []
    for h in handins if isinstance(handins, list) else []:
        results = h.get("results") if isinstance(h, dict) else None
        forms = results.get(KIND) if isinstance(results, dict) else None
        forms = {k: v for k, v in forms.items() if isinstance(v, dict)} if isinstance(forms, dict) else {}
        preds = h.get("claims") if isinstance(h.get("claims"), dict) else {}
        learners.append((forms, learner_summary(forms, preds, doc, claims)))

    took = {f: sum(1 for _, s in learners if f in s["forms"]) for f in by_form}
    both = [s for _, s in learners if "pre" in s["forms"] and "post" in s["forms"]
            and s["forms"]["pre"]["discernment"] is not None and s["forms"]["post"]["discernment"] is not None]
    rows = []
    for label, key, sign in (("Discernment (-1 to 1; higher is better)", "discernment", "+"),
                             ("Brier score (0 to 1; lower is better)", "brier", "")):
        pre = [s["forms"]["pre"][key] for s in both]
        post = [s["forms"]["post"][key] for s in both]
        rows.append([label, _interval(pre, sign), _interval(post, sign),
                     _interval([b - a for a, b in zip(pre, post)])])
    delayed = [s["forms"]["delayed"]["discernment"] for _, s in learners
               if "delayed" in s["forms"] and s["forms"]["delayed"]["discernment"] is not None]

    item_rows = []
    for form, items in by_form.items():
        for n, item in enumerate(items, 1):
            said = [_answers(f.get(form)).get(item["id"]) for f, s in learners if form in s["forms"]]
            said = [a for a in said if a is not None]
            right = sum(1 for a in said if a["accurate"] == item["accurate"])
            kind = "accurate" if item["accurate"] else KINDS[item["change"]["kind"]]
            item_rows.append([form, str(n), item["id"], kind, str(len(said)),
                              _pct(right / len(said) if said else None)])
    kind_rows = []
    after = ["post", "delayed"]
    for kind, label in KINDS.items():
        said = []
        for forms, s in learners:
            for form in after:
                if form not in s["forms"]:
                    continue
                answers = _answers(forms.get(form))
                said += [answers[i["id"]]["accurate"] for i in by_form.get(form, [])
                         if not i["accurate"] and i["change"]["kind"] == kind and i["id"] in answers]
        if said:
            kind_rows.append([label, FAMILIES[kind], str(len(said)), _pct(sum(said) / len(said))])
    kind_rows.sort(key=lambda r: -float(r[3].rstrip("%")) if r[3] != "-" else 0)
    cal_rows = []
    for form in by_form:
        pairs = [p for forms, s in learners if form in s["forms"]
                 for p in answer_pairs(by_form[form], _answers(forms.get(form)))]
        for row in reliability(pairs):
            if row["n"]:
                cal_rows.append([FORM_NAMES.get(form, form), row["band"], str(row["n"]),
                                 f"{row['mean_confidence']:.0f}%", _pct(row["share_correct"])])

    n_pairs = len(both)
    summary = (f"{len(learners)} hand-ins; {took.get('pre', 0)} finished the pre-test, {took.get('post', 0)} the "
               f"post-test, {n_pairs} took both (the paired results below use only them)"
               + (f", {took.get('delayed', 0)} the delayed test (mean discernment {_interval(delayed)})"
                  if took.get("delayed") else "") + ".")
    head = ["Measure", "Before (pre)", "After (post)", "Change (after - before)"]
    items_head = ["Form", "Report", "Item", "Accurate, or the change", "Answers", "Answered as the source shows"]
    kinds_head = ["Kind of distortion", "Family", "Answers (post and delayed)", "Accepted as accurate"]
    cal_head = ["Test", "How sure", "Answers", "Mean confidence", "Right"]
    cal_note = ("Calibration: in each confidence band, the share of answers that were right. Calibrated answers "
                "are right about as often as the confidence says.")
    text = "\n".join([
        "Pre/post test: discernment and calibration", "", summary, "",
        table(head, rows) if n_pairs else "No learner has finished both the pre-test and the post-test yet.", "",
        "Which kinds of distortion the class still accepted after the course (share answering 'accurate'):",
        table(kinds_head, kind_rows) if kind_rows else "No post-test answers yet.", "",
        cal_note, table(cal_head, cal_rows) if cal_rows else "No finished tests yet.", "",
        "Per item:", table(items_head, item_rows), "", _CAVEAT]) + "\n"

    def html_table(header: list[str], body: list[list[str]]) -> str:
        th = "".join(f"<th scope=\"col\" style=\"text-align:left;padding:2px 8px\">{esc(h)}</th>" for h in header)
        trs = "".join("<tr>" + "".join(f"<td style=\"padding:2px 8px\">{esc(c)}</td>" for c in row) + "</tr>"
                      for row in body)
        return f"<table style=\"border-collapse:collapse\"><thead><tr>{th}</tr></thead><tbody>{trs}</tbody></table>"

    html = "".join([
        f"<div style=\"font-family:{FONT}\">",  # the report gives the section its <section> and <h2>
        f"<p>{esc(summary)}</p>",
        html_table(head, rows) if n_pairs else "<p>No learner has finished both the pre-test and the post-test yet.</p>",
        "<h3>Which kinds of distortion the class still accepted after the course</h3>",
        html_table(kinds_head, kind_rows) if kind_rows else "<p>No post-test answers yet.</p>",
        f"<h3>Calibration</h3><p>{esc(cal_note)}</p>",
        html_table(cal_head, cal_rows) if cal_rows else "<p>No finished tests yet.</p>",
        "<details><summary>Per item</summary>", html_table(items_head, item_rows), "</details>",
        f"<p><strong>{esc(_CAVEAT)}</strong></p></div>"])
    return {"id": KIND, "title": "Pre/post test: discernment and calibration", "html": html, "text": text}
