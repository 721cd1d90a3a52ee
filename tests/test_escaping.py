"""No data string reaches the browser as markup: push <script> and <img onerror> through every widget.

A small data folder (tests/fake_data.py) puts both payloads into every free-text field: actor names
and roles, quotes and the article text they come from, titles, outlets, errata, topics, quiz prompts,
options and feedback, glossary, events, figures, places and claims. Each widget is then driven like a
learner (tests/widget_walk.py: every option chosen, every button clicked, text typed) and every string
in the widget tree -- HTML values, labels, descriptions, tooltips, option labels, outputs -- is checked
for raw ``<script`` / ``<img``. Figures are checked the same way (hover text, labels, titles).

Each check also asserts that the escaped payload *did* reach the widget, so a widget that silently
drops the data cannot pass. Widgets not written yet are skipped with the reason.
"""
from __future__ import annotations

import importlib

import pytest

import course_lib
from fake_data import IMG, PAYLOAD, SCRIPT, write_data
from widget_walk import exercise, figure_strings, raw_markup, widget_strings

#: every public name of course_lib that returns a widget or a figure, and the test covering it
WIDGETS = {
    "sources_table": "test_tables",
    "claims_table": "test_tables",
    "errata_table": "test_tables",
    "origins_table": "test_tables",
    "notes": "test_notes",
    "compare_statements": "test_compare_statements",
    "read_article": "test_read_article",
    "quiz": "test_quiz",
    "predict_claim": "test_predict_claim",
    "progress_summary": "test_progress_summary",
    "timeline": "test_timeline",
    "timeline_explorer": "test_timeline_explorer",
    "troop_chart": "test_troop_chart",
    "crisis_map": "test_crisis_map",
    "pre_test": "test_pre_post_test",
    "post_test": "test_pre_post_test",
    "delayed_test": "test_pre_post_test",
    "fact_check": "test_fact_check",
    "reporting_verbs": "test_reporting_verbs",
    "save_results": "test_save_results",
    "class_report": "test_class_report",
    "fold": "test_fold",
}
#: public names that return plain text (a ``str``), which Jupyter shows as text, never as HTML
TEXT_ONLY = {"compare_statements_text", "timeline_text", "troop_chart_text", "crisis_map_text", "my_results_text",
             "fact_check_text", "reporting_verbs_text", "class_report_text"}
#: public names that show nothing (``setup`` configures plotly's renderer and template, ``classroom_mode``
#: the chart sizes)
NOT_SHOWN = {"setup", "classroom_mode"}
#: public names whose output contains no string from the data (the environment check reports versions
#: and whether the data loads, in the course's own fixed words), so there is nothing to escape
NO_DATA_STRINGS = {"environment_check", "present_toggle", "my_results", "weekday_resolver"}  # my_results: numbers and the course's own labels


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory):
    folder = write_data(tmp_path_factory.mktemp("poisoned"), inject=PAYLOAD)
    return folder, course_lib.load(folder, cache=False)


#: traits the ipywidgets 8 front end shows with textContent (not parsed as HTML there, but another front
#: end, ``description_allow_html`` or a future change may parse them: the course rule is to sanitise them
#: too, e.g. with ``course_lib.reader.plain``, which turns ``<``/``>`` into look-alikes)
TEXT_TRAITS = ("._options_labels", ".description", ".tooltip", ".placeholder", ".titles", "Label#")


def assert_safe(strings: list[tuple[str, str]], what: str) -> None:
    bad = raw_markup(strings)
    if bad:
        kinds = {"plain-text control" if any(t in where for t in TEXT_TRAITS) else "HTML" for where, _ in bad}
        lines = [f"{where}: {text[max(0, raw_markup([(where, text)]) and text.lower().find('<') - 40):][:100]!r}"
                 for where, text in bad[:5]]
        pytest.fail(f"{what}: raw markup reaches the front end through {' and '.join(sorted(kinds))} "
                    f"({len(bad)} strings):\n  " + "\n  ".join(lines))
    assert any("&lt;script" in t or "&lt;img" in t for _, t in strings), (
        f"{what}: the escaped payload never appears, so the data did not reach the widget and this check proves nothing")


def needs(module: str, name: str):
    """Return course_lib.<name>, or skip (with the reason) if its module is not written yet."""
    try:
        mod = importlib.import_module(f"course_lib.{module}")
    except ModuleNotFoundError as err:
        if err.name == f"course_lib.{module}":
            pytest.skip(f"course_lib/{module}.py does not exist yet: {name}() is not checked for escaping")
        raise
    if not hasattr(mod, name):
        pytest.skip(f"course_lib.{module} has no {name}() yet: not checked for escaping")
    return getattr(mod, name)


def test_fake_data_really_carries_the_payload(poisoned):
    _, data = poisoned
    for collection in ("actors", "statements", "articles", "errata", "topics", "glossary", "events",
                       "figures", "places", "claims"):
        assert any(SCRIPT in str(rec) and IMG in str(rec) for rec in getattr(data, collection).values()), collection


def test_every_public_widget_is_covered():
    public = set(course_lib._LAZY)
    assert public - TEXT_ONLY - NOT_SHOWN - NO_DATA_STRINGS - set(WIDGETS) == set(), "add the new widget to WIDGETS and write its test here"
    for name, test in WIDGETS.items():
        assert test in globals(), f"{name}: missing {test}"


def test_compare_statements(poisoned):
    _, data = poisoned
    w = course_lib.compare_statements(data=data)
    strings = exercise(w, rounds=1)  # every topic and article, every "Read in context" button
    assert any("rtc-context" in t for _, t in strings), "no context was opened"
    assert_safe(strings, "compare_statements")


def test_compare_statements_with_hostile_filters(poisoned):
    _, data = poisoned
    w = course_lib.compare_statements(SCRIPT, article=IMG, start=SCRIPT, end=IMG, data=data)
    strings = widget_strings(w)
    assert any("There is no topic" in t for _, t in strings)
    assert_safe(strings, "compare_statements(<payload filters>)")


def test_read_article(poisoned):
    _, data = poisoned
    for article in data.articles:
        w = course_lib.read_article(article, data=data)
        strings = exercise(w, rounds=1)  # every speaker and topic highlighted in turn
        assert any("<mark" in t for _, t in strings), f"{article}: nothing was highlighted"
        assert any("rtc-erratum-note" in t for _, t in strings) or article == "amn"
        assert_safe(strings, f"read_article({article!r})")


def test_read_article_with_hostile_arguments(poisoned):
    _, data = poisoned
    assert_safe(widget_strings(course_lib.read_article(PAYLOAD, data=data)), "read_article(<payload>)")
    w = course_lib.read_article("newsweek", speaker=SCRIPT, topic=IMG, data=data)
    assert "has no statements" in w.notice.value
    assert_safe(widget_strings(w), "read_article(speaker=<payload>)")


def test_fold(poisoned):
    _, data = poisoned
    w = course_lib.fold(course_lib.read_article("newsweek", data=data))  # titled by the reader's summary: the data's title
    assert "&lt;" not in w.accordion.titles[0] and "<" not in w.accordion.titles[0]
    assert_safe(widget_strings(w), "fold(read_article)")
    folded = course_lib.fold(PAYLOAD, title=PAYLOAD)
    assert_safe([("FoldedText html", folded._repr_html_())], "fold(text)")


def test_quiz(poisoned):
    folder, _ = poisoned
    quiz = needs("quiz", "quiz")
    w = quiz("test-quiz", folder=folder, progress=False)
    strings = exercise(w, typed=("", "70000", "seventy", PAYLOAD), rounds=1)
    assert any("Feedback a" in t for _, t in strings), "no option feedback was shown"
    assert_safe(strings, "quiz")


def test_predict_claim(poisoned):
    folder, data = poisoned
    predict_claim = needs("claims", "predict_claim")
    assert len(data.claims) >= 2  # one fact-check, one claim no source rates
    for claim in data.claims:
        w = predict_claim(claim, folder=folder, progress=False)
        assert_safe(exercise(w, typed=("", PAYLOAD), rounds=1), f"predict_claim({claim!r})")


def _poisoned_assessment(folder) -> None:
    """An assessment.json for the fake data, with the payload in every free-text field."""
    import json

    def item(form, n, accurate, actor, article, quote):
        rec = {"id": f"{form}-{n}", "form": form, "side": "ukraine", "difficulty": "easy", "accurate": accurate,
               "source": {"article": article, "actor": actor, "date": "2021-12-14", "voice": "quote", "quote": quote,
                          "dated": "undated" if n == 1 else "inferred", "date_basis": f"Basis{PAYLOAD}"},
               "report": {"actor": actor, "date": "2021-12-14", "article": article, "as": "quote",
                          "text": quote, "lead": f"Lead{PAYLOAD}"},
               "explanation": f"Explanation{PAYLOAD}"}
        if not accurate:
            rec["change"] = {"kind": "changed_speaker"}
        return rec

    quote = f"Our defense capacity is important{PAYLOAD}."
    items = [item(form, n, n == 1, "reznikov", "newsweek", quote) for form in ("pre", "post", "delayed")
             for n in (1, 2)]
    doc = {"version": 1, "sides": ["ukraine"], "items": items, "roles": {"reznikov": f"Role{PAYLOAD}"},
           "forms": [{"id": f, "title": f"Title{PAYLOAD}", "notebook": "x"} for f in ("pre", "post", "delayed")]}
    (folder / "assessment.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def test_pre_post_test(poisoned, tmp_path):
    folder, _ = poisoned
    assessment_test = needs("assessment", "assessment_test")
    _poisoned_assessment(folder)
    store = tmp_path / "progress.json"
    for form in ("pre", "post", "delayed"):
        w = assessment_test(form, folder=folder, progress=store)
        strings = exercise(w, rounds=2)  # every answer, every button (Finish shows the explanations)
        assert_safe(strings, f"assessment_test({form!r})")
    shown = widget_strings(assessment_test("pre", folder=folder, progress=store))
    assert any("Explanation" in t for _, t in shown) and any("Role" in t for _, t in shown)
    assert "No finished test" not in course_lib.my_results_text(progress=store, folder=folder)
    assert raw_markup(figure_strings(course_lib.my_results(progress=store, folder=folder))) == []
def test_fact_check(poisoned, tmp_path):
    folder, data = poisoned
    fact_check = needs("factcheck", "fact_check")
    w = fact_check(folder=folder, progress=tmp_path / "progress.json")
    for claim in [v for _, v in w.claim.options if v]:
        w.claim.value = claim
        w.span.value = next(iter(data.articles.values()))["text"].split("\n")[0]  # a verbatim span: added
        w.add_button.click()
        w.text_button.click()
        assert_safe(exercise(w, typed=("", PAYLOAD), rounds=1, max_actions=400), f"fact_check({claim!r})")


def test_progress_summary(poisoned, tmp_path):
    folder, _ = poisoned
    progress_summary = needs("progress", "progress_summary")
    quiz = needs("quiz", "quiz")
    store = tmp_path / "progress.json"
    w = quiz("test-quiz", folder=folder, progress=store)
    exercise(w, typed=("70000",), rounds=1)  # leave some answers in the progress file
    try:
        summary = progress_summary(progress=store, folder=folder)
    except TypeError:
        pytest.skip("progress_summary() takes no progress/folder arguments: cannot point it at the test data")
    assert_safe(exercise(summary, rounds=1), "progress_summary")


def test_save_results(tmp_path):
    from course_lib.handin import handin_filename

    save_results = needs("handin", "save_results")
    folder = tmp_path / IMG  # the folder's name carries markup; the message naming it must escape it
    (folder / handin_filename(PAYLOAD)).mkdir(parents=True)  # not a regular file: the widget says so
    w = save_results(progress=tmp_path / "p.json", folder=folder)
    assert_safe(exercise(w, typed=(PAYLOAD,), rounds=1), "save_results")


def test_class_report(tmp_path):
    import json

    class_report = needs("report", "class_report")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / f"{IMG}.json").write_text("{", encoding="utf-8")  # skipped, and named in the widget
    (inbox / "h.json").write_text(json.dumps({
        "format": "reading-the-crisis-handin", "format_version": 1, "course_version": PAYLOAD[:40],
        "learner": PAYLOAD, "user": PAYLOAD, "created": "x", "quizzes": {}, "claims": {},
        "results": {PAYLOAD: {PAYLOAD: {"text": PAYLOAD}}}}), encoding="utf-8")
    w = class_report([inbox], out=tmp_path / "out")
    assert w.result["learners"] == 1
    assert_safe(exercise(w, rounds=1), "class_report")


def test_timeline(poisoned):
    _, data = poisoned
    timeline = needs("timeline", "timeline")
    for lanes in ("category", "side"):
        assert_safe(figure_strings(timeline(lanes=lanes, data=data)), f"timeline(lanes={lanes!r})")


def test_timeline_explorer(poisoned):
    _, data = poisoned
    explorer = needs("timeline", "timeline_explorer")
    assert_safe(exercise(explorer(data=data), rounds=1), "timeline_explorer")


def test_troop_chart(poisoned):
    _, data = poisoned
    troop_chart = needs("troops", "troop_chart")
    assert_safe(figure_strings(troop_chart(data=data)), "troop_chart")


def test_reporting_verbs(poisoned):
    _, data = poisoned
    reporting_verbs = needs("verbs", "reporting_verbs")
    assert_safe(exercise(reporting_verbs(data=data), rounds=1), "reporting_verbs")


def test_crisis_map(poisoned):
    _, data = poisoned
    crisis_map = needs("crisis_map", "crisis_map")
    result = crisis_map(data=data)
    strings = figure_strings(result) if hasattr(result, "to_plotly_json") else exercise(result, rounds=1)
    assert_safe(strings, "crisis_map")


def test_the_walker_finds_markup_anywhere_even_after_a_click():
    """The checks above can fail: raw markup hidden in any corner of a widget tree is found."""
    import ipywidgets as w

    out = w.Output()
    out.outputs = ({"output_type": "display_data", "data": {"text/html": SCRIPT, "text/plain": SCRIPT}, "metadata": {}},)
    later = w.HTML("")
    button = w.Button(description="Show")
    button.on_click(lambda _b: setattr(later, "value", IMG))
    acc = w.Accordion([w.HTML("&lt;ok&gt;")], titles=(SCRIPT,))
    tree = w.VBox([w.HBox([w.Dropdown(options=[("ok", 1), (IMG, 2)], description="d"), button]), acc, out,
                   w.Label(SCRIPT), later, w.Button(tooltip=IMG)])
    found = {where.split("#")[0] + "." + where.split(".", 1)[1].split("[")[0] for where, _ in raw_markup(exercise(tree))}
    assert {"Dropdown._options_labels", "Accordion.titles", "Output.outputs", "Label.value", "HTML.value",
            "Button.tooltip"} <= found
    assert not any("text/plain" in where for where, _ in raw_markup(exercise(tree)))
    assert raw_markup(figure_strings({"data": [{"type": "scatter", "hovertext": ["ok", IMG]}]}))


def test_tables(poisoned):
    _, data = poisoned
    strings = []
    for w in (course_lib.sources_table(data), course_lib.claims_table(data), course_lib.errata_table(data=data),
              course_lib.origins_table(data)):
        strings += exercise(w, rounds=1)
    assert_safe(strings, "tables")


def test_notes(tmp_path):
    w = course_lib.notes("k", SCRIPT + IMG, progress=tmp_path / "p.json")
    w.text.value = SCRIPT + IMG
    w.save_button.click()
    assert_safe(exercise(course_lib.notes("k", SCRIPT + IMG, progress=tmp_path / "p.json"), rounds=1), "notes")
