"""The learner controls of the experience pass, used with the keyboard alone in classroom mode (Voila):

the ordering question's Move up / Move down list (focus follows the item, the move is announced), "Show
answer" (the key, counted as not answered right), the comparison's "Show all", and a notes box whose text
is saved with progress when the learner tabs away.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from e2e_helpers import FIXTURES, _keyboard_retry, prepare_notebook, quiz_question, voila_open

UX = FIXTURES / "ux-controls-e2e.ipynb"


def _press(page, locator, key: str = "Enter") -> None:
    """Give ``locator`` the keyboard focus and press ``key`` (no mouse)."""
    locator.focus()
    assert locator.evaluate("el => el === document.activeElement")
    page.keyboard.press(key)


def test_new_controls_work_from_the_keyboard(page, voila_server, e2e_tmp, offline, shot):
    path, missing = prepare_notebook(UX, voila_server.extra["notebooks"])
    assert missing == []
    voila_open(page, voila_server, path.name)

    # the ordering question: row 2's "Move up" swaps rows 1 and 2, says so, and keeps the focus on a button
    order = quiz_question(page, 4)
    _keyboard_retry(page, order)
    rows = order.locator(".widget-hbox").filter(has=page.get_by_role("button", name="Move up"))
    second = rows.nth(1).locator(".widget-html").inner_text()
    _press(page, rows.nth(1).get_by_role("button", name="Move up"))
    order.get_by_text(re.compile(r"is now 1 of \d")).wait_for(timeout=15_000)
    page.wait_for_function("t => document.activeElement && /Move (up|down)/.test(document.activeElement.textContent)",
                           arg=None, timeout=15_000)
    assert second.split(".", 1)[1].strip() in rows.nth(0).locator(".widget-html").inner_text()
    shot(order, "ordering-moved")

    # "Show answer" on question 1: the key is shown and the question counts as not answered right
    q1 = quiz_question(page, 1)
    _keyboard_retry(page, q1)  # the classroom server's progress file may hold an earlier answer of another test
    _press(page, q1.get_by_role("button", name="Show answer"), "Space")
    q1.get_by_text(re.compile("counts as not answered right")).first.wait_for(timeout=15_000)
    key = json.loads((Path(__file__).resolve().parents[2] / "data" / "quizzes" / "_demo.json").read_text())
    right = next(o for o in key["questions"][0]["options"] if o["correct"])
    assert right["text"][:40] in q1.inner_text()

    # the comparison's "Show all": two cards per column, then all of them
    show = page.get_by_role("button", name=re.compile(r"Show all \d+")).first
    total = int(re.search(r"\d+", show.inner_text()).group())
    column = show.element_handle().evaluate_handle("el => el.parentElement").as_element()  # fixed, unlike `show`
    assert len(column.query_selector_all(".rtc-card")) == 2
    _press(page, show)
    page.wait_for_function("c => [...c.querySelectorAll('button')].some(b => /Show fewer/.test(b.textContent))",
                           arg=column, timeout=15_000)
    assert len(column.query_selector_all(".rtc-card")) == total

    # notes: type, Tab away, and the text is in the progress file
    notes = page.get_by_label("Your notes:")
    notes.focus()
    page.keyboard.type("Both sides deny plans to attack.")
    page.keyboard.press("Tab")
    page.get_by_text("Saved with your progress.").wait_for(timeout=15_000)
    saved = json.loads((e2e_tmp / "voila" / "progress.json").read_text())
    assert saved["results"]["notes"]["e2e-notes"]["text"] == "Both sides deny plans to attack."
    assert saved["quizzes"]["_demo"][key["questions"][0]["id"]]["gave_up"] is True
    offline()
