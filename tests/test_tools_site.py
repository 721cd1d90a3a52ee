"""course_lib.tools.site: static quizzes, offline figures, and the no-CDN guarantee (no browser needed)."""
from __future__ import annotations

import html as htmllib
import json
import re
from pathlib import Path

import nbformat
import pytest

from course_lib.tools import site

QUIZZES = sorted(p.stem for p in (Path(site.data_dir()) / "quizzes").glob("*.json"))


@pytest.mark.parametrize("name", QUIZZES)
def test_static_quiz_has_every_question_with_answer_behind_disclosure(name):
    doc = json.loads((Path(site.data_dir()) / "quizzes" / f"{name}.json").read_text(encoding="utf-8"))
    page = site.quiz_static_html(name)
    assert page.count('<div class="rtc-q"') == len(doc["questions"])
    assert page.count("<details><summary>Show answer</summary>") == len(doc["questions"])
    for block, q in zip(page.split('<div class="rtc-q"')[1:], doc["questions"]):
        before, _, inside = block.partition("<details>")
        assert htmllib.escape(q["prompt"], quote=True) in before
        assert htmllib.escape(q["explanation"], quote=True) in inside
        assert htmllib.escape(q["explanation"], quote=True) not in before
        if q["type"] == "ordering":  # the listed order must not give the answer away
            listed = re.findall(r"<li>(.*?)</li>", before)
            assert listed != [htmllib.escape(i["text"], quote=True) for i in q["items"]]
        if q["type"] == "numeric":
            assert f"{q['answer']:,.10g}" in inside


def test_static_quiz_escapes_quiz_text(tmp_path, monkeypatch):
    (tmp_path / "quizzes").mkdir()
    evil = "<script>alert(1)</script>"
    quiz = {"id": "evil", "title": evil, "seed": 1, "questions": [{
        "id": "q", "type": "single", "prompt": evil, "hint": "h", "explanation": evil,
        "sources": [{"article": "newsweek", "quote": evil}],
        "options": [{"id": "a", "text": evil, "correct": True, "feedback": evil},
                    {"id": "b", "text": "fine", "correct": False, "feedback": "no"}]}]}
    (tmp_path / "quizzes" / "evil.json").write_text(json.dumps(quiz), encoding="utf-8")
    monkeypatch.setattr(site, "data_dir", lambda: tmp_path)
    page = site.quiz_static_html("evil")
    assert "<script>" not in page
    assert page.count("&lt;script&gt;") >= 6


def _nb_with_outputs():
    fig = {"data": [{"type": "scatter", "y": [1, 2], "name": "</script><b>x</b>"}], "layout": {"height": 300},
           "config": {"displaylogo": False}}
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Title here\n\ntext"),
        nbformat.v4.new_code_cell("fig", outputs=[nbformat.v4.new_output(
            "display_data", data={site.PLOTLY_MIME: fig, "text/plain": "Figure"})]),
        nbformat.v4.new_code_cell('course_lib.quiz("_demo")', outputs=[nbformat.v4.new_output(
            "display_data", data={"text/plain": "Quiz"})]),
    ]
    nb.metadata["widgets"] = {site.WIDGET_STATE: {"version_major": 2, "version_minor": 0, "state": {
        "m1": {"model_name": "OutputModel", "model_module": "@jupyter-widgets/output", "model_module_version": "1.0.0",
               "state": {"outputs": [{"output_type": "display_data", "metadata": {},
                                      "data": {site.PLOTLY_MIME: fig, "text/plain": "Figure"}}]}}}}}
    return nb, fig


def test_staticise_turns_figures_into_divs_and_quizzes_into_text():
    nb, fig = _nb_with_outputs()
    counts = site.staticise(nb)
    assert counts == {"figures": 1, "widget_figures": 1, "quizzes": 1, "predictions": 0}
    out = nb.cells[1].outputs[0]["data"]
    assert site.PLOTLY_MIME not in out and out["text/plain"] == "Figure"
    div = out["text/html"]
    assert "</script>" not in div  # the figure JSON is attribute-escaped
    payload = re.search(r'data-figure="([^"]*)"', div).group(1)
    assert json.loads(htmllib.unescape(payload)) == fig
    assert "Show answer" in nb.cells[2].outputs[0]["data"]["text/html"]
    widget_out = nb.metadata["widgets"][site.WIDGET_STATE]["state"]["m1"]["state"]["outputs"][0]["data"]
    assert "rtc-plotly" in widget_out["text/html"] and site.PLOTLY_MIME not in widget_out


def test_exported_page_loads_nothing_from_other_hosts():
    nb, _ = _nb_with_outputs()
    site.staticise(nb)
    page = site.export(nb, "x", "Title here", "<nav></nav>", "<nav></nav>")
    assert site.external_refs(page) == []
    assert '<script src="static/plotly.min.js"></script>' in page
    assert '<script src="static/html-manager/embed.js"></script>' in page
    assert "<title>Title here</title>" in page
    assert site.notebook_title(nb, "fallback") == "Title here"


def test_external_refs_finds_fetches_not_links():
    assert site.external_refs('<a href="https://example.org">a link</a>') == []
    assert site.external_refs('<script src="https://cdn.example/x.js"></script>')
    assert site.external_refs('<link rel="stylesheet" href="//cdn.example/x.css">')
    assert site.external_refs('<img alt="" src="http://example.org/x.png">')
    assert site.external_refs('<style>@import url("https://fonts.example/css");</style>')


def test_integrity_check_rejects_other_bytes():
    with pytest.raises(RuntimeError, match="does not match"):
        site._check_integrity(b"not the html-manager tarball")


def test_static_prediction_hides_what_the_sources_say(course_data):
    claim_id = next(iter(course_data.claims))
    page = site.predict_static_html(claim_id)
    before, _, inside = page.partition("<details><summary>Show what the sources say</summary>")
    claim = course_data.claims[claim_id]
    assert htmllib.escape(claim["claim"], quote=True) in before
    assert htmllib.escape(claim["explanation"], quote=True) in inside
    assert htmllib.escape(claim["explanation"], quote=True) not in before
