"""Accessibility (WCAG 2.2 AA): what a screen reader gets from the course's widgets, in JupyterLab and classroom mode.

axe-core on every course notebook in every front end (JupyterLab, classroom mode, JupyterLite) runs in
``test_course_notebooks.py``, which opens each notebook once for all its checks.

* ``test_quiz_feedback_is_announced``: the quiz's feedback is a live region that exists, empty, before the
  check, whose text changes after it; after the check the focus is on an enabled control or the feedback.
* ``test_quiz_accessibility_tree``: the names and roles a screen reader reads (Playwright aria snapshot).
* ``test_figures_are_named``: every course figure has an accessible name (its title) and a description
  that points to its text version.
"""
from __future__ import annotations

import re

import pytest

from a11y_helpers import ARTIFACTS
from axe_core import AXE_JS
from e2e_helpers import ROOT, SCRATCH, prepare_notebook, quiz_question, skip_or_fail
from front_ends import FRONT_ENDS


@pytest.fixture
def front_end(request):
    """(FrontEnd, server) for the test's ``mode`` parameter."""
    if not AXE_JS.is_file():
        skip_or_fail(f"axe-core is not installed at {AXE_JS.relative_to(ROOT)}: run `make axe`")
    fe = FRONT_ENDS[request.node.callspec.params["mode"]]
    return fe, request.getfixturevalue(fe.server_fixture)


# --------------------------------------------------------------------------- what a screen reader gets
def _open_scratch(page, front_end, e2e_tmp):
    """The scratch notebook (every course widget, the _demo quiz) opened and run in the front end."""
    fe, server = front_end
    if fe.name == "voila":
        fe.open(page, server, SCRATCH)  # copied into Voila's folder by the front end itself
    else:
        path, missing = prepare_notebook(SCRATCH, e2e_tmp / f"a11y-{fe.name}")
        if "quiz" in missing:
            pytest.skip("course_lib.quiz does not exist yet")
        fe.open(page, server, path)
    return fe


def _focus_info(page) -> dict:
    return page.evaluate("""() => { const a = document.activeElement;
        return {tag: a ? a.tagName : null, text: a ? (a.innerText || '').trim() : '', disabled: !!(a && a.disabled),
                body: a === document.body, live: !!(a && a.closest('[role=status]'))}; }""")


@pytest.mark.parametrize("mode", ["lab", "voila"])
def test_quiz_feedback_is_announced(page, front_end, mode, e2e_tmp, offline):
    """The feedback is a live region (role=status) that exists, empty, before "Check answer", and the SAME
    element gets the feedback text after it; the focus is then on an enabled control (or the feedback)."""
    fe = _open_scratch(page, front_end, e2e_tmp)
    box = quiz_question(page, 1, fe.scope)  # unanswered: each test starts with no saved answers
    region = box.locator(".rtc-live")
    assert region.count() == 1, "the question has no live region for its feedback"
    handle = region.element_handle()
    assert handle.get_attribute("role") == "status"
    assert handle.inner_text().strip() == "", "the live region must be empty before the check"
    box.locator("input[type=radio]").first.check()
    box.get_by_role("button", name="Check answer").click()
    page.wait_for_function("el => /Correct\\.|Not quite\\./.test(el.textContent)", arg=handle, timeout=15_000)
    assert handle.evaluate("el => el.isConnected"), "the live region was replaced instead of updated"
    page.wait_for_function("() => document.activeElement && document.activeElement !== document.body",
                           timeout=10_000)
    focus = _focus_info(page)
    assert not focus["disabled"] and not focus["body"], f"focus after the check: {focus}"
    assert focus["text"] == "Try again" or focus["live"], f"focus after the check: {focus}"
    # and back: "Try again" empties the region (still there) and puts the focus on "Check answer"
    page.keyboard.press("Enter")
    page.wait_for_function("el => el.textContent.trim() === ''", arg=handle, timeout=15_000)
    page.wait_for_function("() => (document.activeElement.innerText || '').trim() === 'Check answer'",
                           timeout=10_000)
    assert handle.evaluate("el => el.isConnected && el.getAttribute('role') === 'status'")
    offline()


@pytest.mark.parametrize("mode", ["lab", "voila"])
def test_quiz_accessibility_tree(page, front_end, mode, e2e_tmp, offline, shot):
    """The names and roles a screen reader reads, from the browser's accessibility tree (aria snapshot)."""
    from e2e_helpers import quiz_key

    fe = _open_scratch(page, front_end, e2e_tmp)
    q = quiz_key("_demo")["questions"][0]
    box = quiz_question(page, 1, fe.scope)  # unanswered: each test starts with no saved answers
    box.scroll_into_view_if_needed()
    shot(box, "before-check")
    before = box.aria_snapshot()
    ARTIFACTS.parent.mkdir(parents=True, exist_ok=True)  # a fresh clone has no tests/artifacts/ yet
    (ARTIFACTS.parent / f"aria-{mode}-quiz-before.yaml").write_text(before, encoding="utf-8")
    for option in q["options"]:
        name = option["text"].replace('"', '\\"')  # the aria snapshot writes names as quoted strings
        assert f'radio "{name}"' in before, f"no radio button named {option['text']!r}:\n{before}"
    for name in ("Show hint", "Check answer"):  # (an icon may add a space before the name)
        assert re.search(rf'button "[^"]*{name}"', before), f"no button {name!r}:\n{before}"
    assert re.search(r'button "Try again" \[disabled\]', before), before
    assert "Question 1 of" in before and q["prompt"][:40] in before
    assert re.search(r"- status(?! \")", before), f"no (empty) status region before the check:\n{before}"
    wrong = next(o for o in q["options"] if not o["correct"])
    box.get_by_label(wrong["text"], exact=True).check()
    box.get_by_role("button", name="Check answer").click()
    box.get_by_role("status").filter(has_text="Not quite.").wait_for(timeout=15_000)
    shot(box, "after-check")
    after = box.aria_snapshot()
    (ARTIFACTS.parent / f"aria-{mode}-quiz-after.yaml").write_text(after, encoding="utf-8")
    assert box.get_by_role("status").filter(has_text="Not quite.").count() == 1, after
    assert 'button "Check answer" [disabled]' in after and re.search(r'button "Try again"(?! \[disabled\])', after)
    offline()


@pytest.mark.parametrize("mode", ["lab", "voila"])
def test_figures_and_slider_are_named(page, front_end, mode, e2e_tmp, offline):
    """Every course figure is a named figure (its title) with a description pointing to its text version,
    and a link to that text version right after it, which opens the text version if it is folded; the claim's "How sure are you?" slider has a name."""
    fe = _open_scratch(page, front_end, e2e_tmp)
    page.locator("a.rtc-twin-link").first.wait_for(timeout=15_000)
    figs = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')].map(p => ({
        course: !!(p.layout && p.layout.meta && p.layout.meta.a11y),
        title: ((p.layout.title || {}).text || '').replace(/<[^>]+>/g, ' ').replace(/\\s+/g, ' ').trim(),
        role: p.getAttribute('role'), label: p.getAttribute('aria-label'),
        desc: (document.getElementById(p.getAttribute('aria-describedby') || '') || {}).textContent || '',
        link: !!(p.parentNode.querySelector('a.rtc-twin-link')),
    }))""")
    course = [f for f in figs if f["course"]]
    assert len(course) >= 3, figs  # timeline, troop chart, map
    for f in course:
        assert f["role"] == "figure" and f["label"] and f["label"].startswith(f["title"][:20]), f
        assert "text" in f["desc"] and "next output" in f["desc"], f
    # the timeline's text version (the next output) is reachable from its link
    link = page.locator("a.rtc-twin-link").first
    link.focus()
    page.keyboard.press("Enter")
    active = page.evaluate("() => [document.activeElement.getAttribute('aria-label'), document.activeElement.innerText]")
    assert active[0] and active[0].startswith("Text version of:") and len(active[1]) > 50, active
    # a folded text version (course_lib.fold, the troop chart's here) is opened by its link, then focused
    folded = page.locator(".jp-OutputArea-output:has(details.rtc-fold)").first
    assert folded.locator("details[open]").count() == 0
    link = page.locator("a.rtc-twin-link").nth(1)
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => !!document.querySelector('details.rtc-fold[open]')", timeout=10_000)
    active = page.evaluate("() => [document.activeElement.getAttribute('aria-label'), document.activeElement.innerText]")
    assert active[0] and active[0].startswith("Text version of:") and "troop" in active[0].lower(), active
    assert len(active[1]) > 200, active  # the whole text, not only the closed section's title
    snap = page.locator(fe.scope).aria_snapshot()
    assert re.search(r'- figure "[^"]+"', snap)
    slider = page.get_by_role("slider", name="How sure are you?")
    assert slider.count() >= 1, "the claim's confidence slider has no accessible name"
    assert re.match(r"\d+%", slider.first.get_attribute("aria-valuetext") or ""), slider.first.get_attribute("aria-valuetext")
    offline()


def test_axe_core_pin_rejects_other_bytes():
    """The integrity check is real: any other tarball is refused."""
    from axe_core import check_integrity

    with pytest.raises(RuntimeError, match="does not match"):
        check_integrity(b"not axe-core")
