"""JupyterLab in a real browser (the course notebooks themselves: ``test_course_notebooks.py``): the scratch notebook runs clean, widgets render and respond, plots draw, nothing goes online."""
from __future__ import annotations

import pytest

from e2e_helpers import (BROKEN, ROOT, SCRATCH, click_button, count_widgets, exercise_quiz,
                         lab_open, lab_run_all, lab_unrun_cells, page_problems, plot_problems, prepare_notebook,
                         keyboard_quiz, quiz_question, skip_or_fail)

NB = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook"


@pytest.fixture(scope="module")
def scratch_copy(e2e_tmp):
    """The scratch notebook, minus cells for course_lib pieces that don't exist yet."""
    return prepare_notebook(SCRATCH, e2e_tmp / "lab-scratch")


def test_scratch_notebook_runs_clean_in_lab(page, lab_server, scratch_copy, net, offline):
    path, _missing = scratch_copy
    lab_open(page, lab_server, str(path.relative_to(ROOT)))
    lab_run_all(page)
    assert lab_unrun_cells(page) == []
    assert page_problems(page, NB) == []
    assert plot_problems(page, NB, expect_at_least=1) == []
    assert count_widgets(page, NB) >= 1

    # a widget callback runs in the kernel and updates the page
    click_button(page, "Say hello", NB)
    page.locator(NB).locator(".e2e-hello").wait_for(timeout=15_000)
    assert page.locator(NB).locator(".e2e-hello").inner_text() == "Hello from the kernel."
    assert net.page_errors == []
    offline()


def test_quiz_in_lab_gives_feedback(page, lab_server, scratch_copy, offline, shot):
    path, missing = scratch_copy
    if "quiz" in missing:
        pytest.skip("course_lib.quiz does not exist yet")
    lab_open(page, lab_server, str(path.relative_to(ROOT)))
    lab_run_all(page)
    assert exercise_quiz(page, "_demo", NB) == []
    shot(quiz_question(page, 1, NB), "question-1")
    offline()


def test_quiz_in_lab_works_from_the_keyboard(page, lab_server, scratch_copy, offline):
    """Arrow keys, Space, Tab and Enter inside a quiz answer it, and do not drive the notebook instead.

    Without the course's shortcut overrides (course_lib/tools/jupyter/lab/settings/overrides.d), Lab's
    command mode takes the arrow keys from a focused radio button and moves the cell selection.
    """
    path, missing = scratch_copy
    if "quiz" in missing:
        pytest.skip("course_lib.quiz does not exist yet")
    lab_open(page, lab_server, str(path.relative_to(ROOT)))
    lab_run_all(page)
    cells = page.locator(NB).locator(".jp-Cell")
    count = cells.count()
    assert keyboard_quiz(page, "_demo", NB) == []
    assert cells.count() == count, "a key press edited the notebook"
    # outside the outputs, the arrow keys still move between cells in command mode
    cells.nth(0).locator(".jp-InputPrompt").first.click()
    active = ("() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell')]"
              ".findIndex(c => c.classList.contains('jp-mod-active'))")
    assert page.evaluate(active) == 0
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.evaluate(active) == 2
    offline()


def test_scratch_notebook_uses_every_course_piece(scratch_copy):
    """The scratch notebook exercises every widget; pieces not written yet are reported here."""
    _path, missing = scratch_copy
    if missing:
        skip_or_fail(f"course_lib does not provide {', '.join(missing)} yet; their scratch cells were dropped")


def test_checks_catch_a_broken_notebook(page, lab_server, net, e2e_tmp):
    """The checks themselves can fail: stderr, a traceback, an empty figure and an off-machine image."""
    path, _ = prepare_notebook(BROKEN, e2e_tmp / "lab-broken")
    lab_open(page, lab_server, str(path.relative_to(ROOT)))
    lab_run_all(page)
    assert lab_unrun_cells(page) == [4]  # the cell after the exception never ran
    problems = "\n".join(page_problems(page, NB))
    assert "a warning on stderr" in problems
    assert "ValueError" in problems and "e2e probe" in problems
    assert any("no traces" in p for p in plot_problems(page, NB))
    assert any("example.com/e2e-probe.png" in url for url in net.blocked), net.blocked
    net.blocked.clear()  # seen and expected; the page fixture's own offline check must not trip on it
