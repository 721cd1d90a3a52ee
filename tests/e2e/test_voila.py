"""Classroom mode (`make present`): Voila renders the notebooks with code hidden and widgets live, offline."""
from __future__ import annotations

import pytest

from e2e_helpers import (COURSE_NOTEBOOKS, SCRATCH, click_button, count_widgets, exercise_quiz, page_problems,
                         keyboard_quiz, plot_problems, prepare_notebook, quiz_question, skip_or_fail, voila_open)


# jupyterlab-plotly 7.1 (built for JupyterLab 4.6) caches a PNG of each figure it draws by calling
# model.setData(); the output models of Voila 0.5.13 (JupyterLab 4.2 core) have no setData, so every
# visible figure logs this TypeError *after* it is drawn. The figure itself is complete and interactive.
VOILA_KNOWN = (r"\bsetData is not a function",)


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


@pytest.mark.parametrize("notebook", COURSE_NOTEBOOKS or [None], ids=lambda p: p.stem if p else "none")
def test_voila_renders_course_notebook(page, voila_server, notebook, net, offline):
    if notebook is None:
        skip_or_fail("no course notebooks (notebooks/[0-9]*.ipynb) yet")
    path, _ = prepare_notebook(notebook, voila_server.extra["notebooks"])
    voila_open(page, voila_server, path.name, net=net)
    assert page_problems(page) == []
    assert plot_problems(page) == []
    assert page.locator(".jp-CodeCell .jp-InputArea:visible").count() == 0
    assert net.unexpected_errors(VOILA_KNOWN) == []
    offline()
