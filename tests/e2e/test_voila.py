"""Classroom mode (`make present`) with the scratch notebook: Voila renders it with code hidden and widgets live,
offline. The course notebooks in classroom mode: ``test_course_notebooks.py``."""
from __future__ import annotations

import pytest

from e2e_helpers import (SCRATCH, click_button, count_widgets, exercise_quiz, page_problems,
                         keyboard_quiz, plot_problems, prepare_notebook, quiz_question, voila_open)
from front_ends import VOILA_KNOWN


@pytest.fixture(scope="module")
def scratch_in_voila(voila_server):
    path, missing = prepare_notebook(SCRATCH, voila_server.extra["notebooks"])
    return path.name, missing


def test_voila_renders_scratch_notebook(page, voila_server, scratch_in_voila, net, offline):
    name, missing = scratch_in_voila
    voila_open(page, voila_server, name, net=net)
    assert page_problems(page) == []
    assert plot_problems(page, expect_at_least=1) == []
    assert count_widgets(page) >= 1
    # code is hidden: no input areas and no source text on the page
    assert page.locator(".jp-CodeCell .jp-InputArea:visible, .jp-Editor:visible, .highlight:visible").count() == 0
    assert "ipywidgets" not in page.inner_text("body")
    # widgets are live: a click runs kernel code
    assert net.unexpected_errors(VOILA_KNOWN) == []
    click_button(page, "Say hello")
    page.locator(".e2e-hello").wait_for(timeout=15_000)
    offline()


def test_voila_quiz_gives_feedback(page, voila_server, scratch_in_voila, offline, shot):
    name, missing = scratch_in_voila
    if "quiz" in missing:
        pytest.skip("course_lib.quiz does not exist yet")
    voila_open(page, voila_server, name)
    assert exercise_quiz(page, "_demo") == []
    shot(quiz_question(page, 1), "question-1")
    shot(quiz_question(page, 3), "question-3")
    offline()


def test_voila_quiz_works_from_the_keyboard(page, voila_server, scratch_in_voila, offline):
    name, missing = scratch_in_voila
    if "quiz" in missing:
        pytest.skip("course_lib.quiz does not exist yet")
    voila_open(page, voila_server, name)
    assert keyboard_quiz(page, "_demo") == []
    offline()
