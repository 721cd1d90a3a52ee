"""Classroom mode (COURSE_CLASSROOM=1): no chart text under 20 px; outside it, every figure is as before.

Every text a course figure can draw is listed with the size plotly.js gives it (the figure's own setting,
else what plotly inherits it from: the template, the layout font, the legend or hover font), so a text
that sets no size of its own is checked too.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import course_lib
from course_lib import theme
from course_lib.class_stats import analyse, most_missed
from course_lib.figure import figure_bundle
from course_lib.progress import ProgressStore
from course_lib.synthetic_class import synthetic_handins

REPO = Path(__file__).resolve().parents[1]
MIN_PX = 20


def _my_results_with_answers(tmp: Path):
    """my_results() after a pre- and a post-test (bars with text, calibration points with text)."""
    from course_lib.assessment import my_results, post_test, pre_test

    store = ProgressStore(tmp / "progress.json")
    for make in (pre_test, post_test):
        w = make(progress=store)
        for q in w.questions:
            q.confidence.value = 80
            q.answer.value = True
        w.finish_button.click()
    return my_results(progress=store)


def _report_figures():
    from course_lib.report import _difficulty_figure, _score_figure

    analysis = analyse(synthetic_handins(6, seed=3))
    return [_score_figure(analysis)[0], _difficulty_figure(most_missed(analysis))[0]]


#: every figure the course builds (name -> builder taking a temporary folder)
FIGURES = {
    "timeline": lambda tmp: course_lib.timeline(),
    "timeline_by_side": lambda tmp: course_lib.timeline(start="2021-11-30", end="2022-02-17", lanes="side"),
    "timeline_topic": lambda tmp: course_lib.timeline(start="2021-11", end="2022-02-24", topic="troop-numbers"),
    "timeline_empty": lambda tmp: course_lib.timeline(start="1990", end="1990"),
    "troop_chart": lambda tmp: course_lib.troop_chart(),
    "crisis_map": lambda tmp: course_lib.crisis_map(),
    "crisis_map_events": lambda tmp: course_lib.crisis_map(show_events=True),
    "crisis_map_no_places": lambda tmp: course_lib.crisis_map(highlight=(), show_places=False),
    "my_results_empty": lambda tmp: course_lib.my_results(progress=ProgressStore(tmp / "progress.json")),
    "my_results": _my_results_with_answers,
    "class_report_scores": lambda tmp: _report_figures()[0],
    "class_report_questions": lambda tmp: _report_figures()[1],
}


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _get(obj: dict, path: str, default=None):
    for key in path.split("."):
        if not isinstance(obj, dict) or key not in obj:
            return default
        obj = obj[key]
    return obj


def text_sizes(fig) -> list[tuple[str, float]]:
    """(where, size in px) of every text the figure draws, as plotly.js resolves the size.

    Inheritance as in plotly.js: title = 1.4 x layout font, subtitle = 0.7 x title, legend title = legend
    font, axis titles = 1.2 x layout font; tick labels, annotations and trace text = layout font; hover
    labels = layout.hoverlabel font (required to be set: plotly's own default is 13 px).
    """
    doc = json.loads(fig.to_json())
    template = _get(doc, "layout.template", {}) or {}
    layout = _merge(template.get("layout", {}), {k: v for k, v in doc["layout"].items() if k != "template"})
    base = _get(layout, "font.size", 12)
    hover = _get(layout, "hoverlabel.font.size")
    out: list[tuple[str, float]] = [("layout.font", base)]
    title = layout.get("title") or {}
    if title.get("text"):
        out.append(("title", _get(title, "font.size", round(base * 1.4))))
        if _get(title, "subtitle.text"):
            out.append(("title.subtitle", _get(title, "subtitle.font.size", round(_get(title, "font.size", base * 1.4) * 0.7))))
    traces = []
    defaults = template.get("data", {})
    for t in doc.get("data", []):
        kind = t.get("type", "scatter")
        traces.append(_merge((defaults.get(kind) or [{}])[0], t))
    if layout.get("showlegend", True) and any(t.get("showlegend", True) and t.get("name") for t in traces):
        legend = _get(layout, "legend.font.size", base)
        out.append(("legend", legend))
        if _get(layout, "legend.title.text"):
            out.append(("legend.title", _get(layout, "legend.title.font.size", legend)))
    axes = [k for k in layout if k.startswith(("xaxis", "yaxis"))] or ["xaxis", "yaxis"]
    for ax in axes:
        spec = layout.get(ax) or {}
        if spec.get("visible") is False:
            continue
        out.append((f"{ax}.tickfont", _get(spec, "tickfont.size", base)))
        if _get(spec, "title.text"):
            out.append((f"{ax}.title", _get(spec, "title.font.size", round(base * 1.2))))
    for i, a in enumerate(layout.get("annotations", [])):
        out.append((f"annotations[{i}]", _get(a, "font.size", base)))
        if a.get("hovertext"):
            out.append((f"annotations[{i}].hoverlabel", _get(a, "hoverlabel.font.size", hover)))
    for i, t in enumerate(traces):
        mode = t.get("mode", "")
        if "text" in mode or (t.get("type") == "bar" and t.get("text")):
            sizes = _get(t, "textfont.size", base)
            for size in sizes if isinstance(sizes, list) else [sizes]:
                out.append((f"data[{i}].textfont ({t.get('name')})", size))
        if t.get("hoverinfo") != "skip" and (t.get("hovertext") or t.get("hovertemplate") or t.get("hoverinfo")):
            out.append((f"data[{i}].hoverlabel ({t.get('name')})", _get(t, "hoverlabel.font.size", hover)))
    return out


@pytest.fixture()
def classroom(monkeypatch):
    monkeypatch.setenv("COURSE_CLASSROOM", "1")
    assert theme.classroom()


@pytest.fixture()
def not_classroom(monkeypatch):
    monkeypatch.delenv("COURSE_CLASSROOM", raising=False)
    assert not theme.classroom()


@pytest.mark.parametrize("name", list(FIGURES))
def test_no_chart_text_under_20px_in_classroom_mode(name, classroom, tmp_path):
    fig = FIGURES[name](tmp_path)
    sizes = text_sizes(fig)
    assert len(sizes) > 4
    small = [(where, size) for where, size in sizes if size is None or size < MIN_PX]
    assert small == [], f"{name}: text under {MIN_PX} px in classroom mode"
    assert fig.layout.template.layout.font.size >= MIN_PX


@pytest.mark.parametrize("name", list(FIGURES))
def test_outside_classroom_mode_the_sizes_are_todays(name, not_classroom, tmp_path):
    """The test above must be able to fail: the same figures outside classroom mode have 13-19 px text."""
    sizes = text_sizes(FIGURES[name](tmp_path))
    assert any(size < MIN_PX for _, size in sizes)
    assert {size for _, size in sizes} <= {13, 14, 15, 16, 18, 19}


def test_the_resolver_sees_inherited_sizes(classroom):
    """A text without a size of its own gets the layout font's: a tick label, a text mark, an annotation."""
    fig = theme.new_figure(title={"text": "t"}, xaxis={"title": {"text": "x"}})
    fig.add_scatter(x=[1], y=[1], mode="markers+text", text=["a"], name="n")
    fig.add_annotation(text="note", x=1, y=1, hovertext="more")
    assert dict(text_sizes(fig))["data[0].textfont (n)"] == 20
    fig.update_layout(font={"size": 12})
    found = dict(text_sizes(fig))
    assert found["xaxis.tickfont"] == found["annotations[0]"] == found["data[0].textfont (n)"] == 12


def test_classroom_sizes_and_template_come_from_one_switch(monkeypatch):
    monkeypatch.delenv("COURSE_CLASSROOM", raising=False)
    assert theme.template() is theme.TEMPLATE and theme.font_size("legend") == 14
    for value in ("1", "yes"):
        monkeypatch.setenv("COURSE_CLASSROOM", value)
        assert theme.template() is theme.CLASSROOM_TEMPLATE and theme.font_size("legend") == 20
    monkeypatch.setenv("COURSE_CLASSROOM", "0")
    assert not theme.classroom()
    assert all(big >= MIN_PX and normal < MIN_PX for normal, big in theme.FONT_SIZES.values())
    # today's template, unchanged outside classroom mode
    assert theme.TEMPLATE["layout"]["font"]["size"] == 15 and theme.TEMPLATE["layout"]["title"] == {
        "font": {"size": 19}, "x": 0.01, "xanchor": "left"}
    assert theme.TEMPLATE["layout"]["legend"] == {"font": {"size": 14}}
    assert theme.TEMPLATE["layout"]["hoverlabel"]["font"]["size"] == 14


def test_classroom_mode_switches_plotly_default_template_too(monkeypatch):
    import plotly.io as pio

    monkeypatch.delenv("COURSE_CLASSROOM", raising=False)
    theme.setup()
    assert pio.templates["course"].layout.font.size == 15
    try:
        theme.classroom_mode(on=True)
        assert theme.classroom() and pio.templates["course"].layout.font.size == 20
    finally:
        theme.classroom_mode(on=False)
    assert not theme.classroom() and pio.templates["course"].layout.font.size == 15


def _stored_figures():
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            for out in cell.get("outputs", []) if cell["cell_type"] == "code" else []:
                if "application/vnd.plotly.v1+json" in out.get("data", {}):
                    yield pytest.param("".join(cell["source"]).strip(), out["data"]["application/vnd.plotly.v1+json"],
                                       id=f"{path.stem}:{''.join(cell['source']).strip()}")


@pytest.mark.parametrize("source,stored", list(_stored_figures()))
def test_outside_classroom_mode_figures_equal_the_stored_outputs(source, stored, not_classroom, monkeypatch, tmp_path):
    """Built without COURSE_CLASSROOM, each notebook figure is exactly its stored output (so strict nbval
    passes without re-executing); in classroom mode it differs."""
    monkeypatch.setenv("COURSE_PROGRESS_FILE", str(tmp_path / "progress.json"))
    build = lambda: figure_bundle(eval(source, {"course_lib": course_lib}))["application/vnd.plotly.v1+json"]  # noqa: E731
    assert build() == stored
    monkeypatch.setenv("COURSE_CLASSROOM", "1")
    assert build() != stored
