"""Accessibility checks that need no browser: text contrast of the palette and of every course figure,
the figures' accessible description, live regions and the course style sheet.

The browser checks (axe-core, the accessibility tree, focus) are in tests/e2e/test_a11y.py.
"""
from __future__ import annotations

import json
import re

import pytest

import course_lib
from course_lib import ui
from course_lib.figure import A11Y_DESCRIPTION, figure_bundle

#: the backgrounds course HTML puts side names on (white, claims columns, context boxes, Lab's grey)
HTML_BACKGROUNDS = ["#FFFFFF", "#FAFAFA", "#F7F7F7", "#EEEEEE"]


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``#RRGGBB`` (or ``rgba(r,g,b,a)`` over white)."""
    m = re.match(r"rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)", colour.replace(" ", ""))
    if m:
        a = float(m.group(4) or 1)
        rgb = [(int(m.group(i)) * a + 255 * (1 - a)) / 255 for i in (1, 2, 3)]
    else:
        h = colour.lstrip("#")
        rgb = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted([luminance(a), luminance(b)], reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_formula():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast("#E69F00", "#FFFFFF") == pytest.approx(2.25, abs=0.01)  # the number for media


@pytest.mark.parametrize("key", list(ui.STYLES))
def test_side_text_colours_pass_aa(key):
    style = ui.STYLES[key]
    for bg in HTML_BACKGROUNDS:
        assert contrast(style["text"], bg) >= 4.5, (key, style["text"], bg)
    assert f'color:{style["text"]}' in ui.side_badge(key)


def _walk(obj, path=""):
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield f"{path}.{k}", v
            yield from _walk(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for v in obj:
            yield from _walk(v, path)


def figure_colours(fig) -> tuple[set[str], set[str]]:
    """(text colours, background colours) used anywhere in a figure's JSON (markers and lines excluded)."""
    doc = json.loads(fig.to_json())
    text, back = set(), set()
    for path, value in _walk(doc):
        if not isinstance(value, str) or not re.match(r"#|rgb", value):
            continue
        if re.search(r"(font|textfont)\.color$", path):
            text.add(value)
        elif re.search(r"(paper_bgcolor|plot_bgcolor|fillcolor|annotations\.bgcolor|hoverlabel\.bgcolor)$", path):
            back.add(value)
    return text, back


FIGURES = {
    "troop_chart": lambda: course_lib.troop_chart(),
    "timeline": lambda: course_lib.timeline(),
    "timeline_by_side": lambda: course_lib.timeline(start="2021-11-30", end="2022-02-17", lanes="side"),
    "crisis_map": lambda: course_lib.crisis_map(),
}


@pytest.mark.parametrize("classroom", [False, True], ids=["", "classroom"])
@pytest.mark.parametrize("name", list(FIGURES))
def test_figure_text_passes_aa_on_every_background_it_uses(name, classroom, monkeypatch):
    """Every text colour in a figure (titles, labels, annotations, text marks) has 4.5:1 against every
    background colour in that figure (paper, plot area, filled shapes and regions): conservative, since a
    label may sit on any of them. In classroom mode (COURSE_CLASSROOM=1, larger text) too."""
    if classroom:
        monkeypatch.setenv("COURSE_CLASSROOM", "1")
    else:
        monkeypatch.delenv("COURSE_CLASSROOM", raising=False)
    text, back = figure_colours(FIGURES[name]())
    assert text and back
    bad = [(t, b, round(contrast(t, b), 2)) for t in text for b in back if contrast(t, b) < 4.5]
    assert bad == []


@pytest.mark.parametrize("name", list(FIGURES))
def test_figure_bundle_carries_its_accessible_description(name):
    payload = figure_bundle(FIGURES[name]())["application/vnd.plotly.v1+json"]
    assert payload["layout"]["meta"]["a11y"]["description"] == A11Y_DESCRIPTION
    assert payload["layout"]["title"]["text"]  # the accessible name


def test_quiz_and_claim_feedback_are_live_regions_from_the_start():
    w = course_lib.quiz("_demo", progress=False)
    box = w.questions[0]
    assert ui.LIVE_CLASS in box.feedback._dom_classes and box.feedback.value == ""
    box.answer_control.value = box.option_ids[0]
    box.check_button.click()
    assert box.feedback.value and ui.LIVE_CLASS in box.feedback._dom_classes
    assert 'role="status"' not in box.feedback.value  # no second, nested region
    c = course_lib.predict_claim("russian-troop-withdrawal-feb-2022", progress=False)
    assert ui.LIVE_CLASS in c.comparison._dom_classes and c.comparison.value == ""


def test_course_panels_carry_the_style_sheet_scope():
    w = course_lib.quiz("_demo", progress=False)
    assert "rtc" in w._dom_classes
    assert ui.style_tag() in w.children[0].value
    assert "24px" in ui.STYLE


def test_installed_a11y_extension_is_the_source_copy():
    """`pip install -e .` COPIES the extension into <prefix>/share/jupyter/labextensions; JupyterLab loads
    that copy. After editing the source, reinstall (`make install` does when the file changed)."""
    import sys
    from pathlib import Path

    rel = Path("labextensions") / "reading-the-crisis-a11y" / "static" / "remoteEntry.js"
    source = Path(course_lib.__file__).parent / "tools" / "jupyter" / rel
    installed = Path(sys.prefix) / "share" / "jupyter" / rel
    assert source.is_file()
    if not installed.is_file():
        pytest.skip(f"the course is not installed into {sys.prefix} (no {installed})")
    assert installed.read_bytes() == source.read_bytes(), "stale installed copy: run `make install`"
