"""course_lib.fold: long material stays available but folded (closed until the learner opens it)."""
from __future__ import annotations

import re

import ipywidgets as widgets
import pytest

import course_lib
from course_lib.ui import FoldedText, fold, panel


def test_a_folded_widget_starts_closed_and_keeps_the_whole_widget():
    reader = course_lib.read_article("euronews", topic="pretexts-provocations")
    box = fold(reader)
    assert box.accordion.selected_index is None, "folded means closed until opened"
    assert box.accordion.children == (reader,) and box.content is reader
    assert reader.topic_filter.value == "pretexts-provocations", "the widget inside is unchanged"
    box.accordion.selected_index = 0  # the learner opens it
    assert box.accordion.children[0] is reader


def test_a_folded_widget_is_titled_by_its_own_summary_unless_given_one():
    cmp = course_lib.compare_statements(topic="withdrawal")
    assert fold(cmp).accordion.titles == (repr(cmp),)
    assert repr(cmp).startswith("Statement comparison:")
    assert fold(cmp, "Withdrawal: every statement").accordion.titles == ("Withdrawal: every statement",)
    assert repr(fold(cmp, "T")) == "Folded: T"


def test_a_folded_widget_is_a_course_panel_with_the_style_sheet():
    box = fold(panel([widgets.HTML("x")], "X"))
    assert "rtc" in box._dom_classes
    assert any(isinstance(c, widgets.HTML) and c.value.startswith("<style>") for c in box.children)


def test_a_folded_text_is_a_closed_details_with_every_word():
    text = course_lib.timeline_text(end="2021-12-31")
    folded = fold(text, "Text version of the timeline")
    assert isinstance(folded, FoldedText)
    html = folded._repr_html_()
    assert re.match(r"<details(?![^>]*\bopen\b)[^>]*><summary[^>]*>Text version of the timeline</summary>", html)
    assert html.rstrip().endswith("</details>")
    assert repr(folded).startswith("Text version of the timeline (folded")
    for line in text.splitlines():
        assert course_lib.ui.esc(line) in html, "the stored HTML carries every word of the text"


def test_a_folded_text_escapes_its_title_and_text():
    html = fold("a <b> & c", "<i>title</i>")._repr_html_()
    assert "&lt;b&gt; &amp; c" in html and "&lt;i&gt;title&lt;/i&gt;" in html and "<b>" not in html


@pytest.mark.parametrize("content, error", [("some text", ValueError), (widgets.HTML("x"), ValueError),
                                            (42, TypeError)])
def test_fold_refuses_what_it_cannot_name_or_show(content, error):
    with pytest.raises(error):
        fold(content)


def test_the_examples_in_course_lib_ui_run():
    import doctest

    import course_lib.ui

    result = doctest.testmod(course_lib.ui)
    assert result.attempted and not result.failed
