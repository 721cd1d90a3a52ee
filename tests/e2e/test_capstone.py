"""The capstone notebook in a browser: a fact-check written, refused, cited, rated and exported in JupyterLab (and
found again after a kernel restart) and in classroom mode (Voila)."""
from __future__ import annotations

import json
import re

import pytest

from e2e_helpers import (ROOT, lab_open, lab_run_all, lab_unrun_cells, lab_wait_idle, page_problems, prepare_notebook,
                         voila_open)
from front_ends import VOILA_KNOWN

NB = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook"
CAPSTONE = ROOT / "notebooks" / "06a-check-it-yourself.ipynb"


@pytest.fixture(scope="module")
def capstone_copy(e2e_tmp):
    """A copy of the capstone notebook (Lab may save what it opens; the committed file stays untouched)."""
    path, missing = prepare_notebook(CAPSTONE, e2e_tmp / "lab-capstone")
    assert missing == []
    return path


@pytest.fixture(scope="module")
def claim_and_evidence():
    """The first claim no source rates, and two of its recorded statements from different sides."""
    import course_lib
    from course_lib.evidence import unrated_claims

    data = course_lib.load()
    for claim in unrated_claims(data):
        by_side = {}
        for sid in claim["statements"]:
            st = data.statements[sid]
            if st["article"] == claim["article"]:
                by_side.setdefault(data.actors[st["actor"]]["side"], st["quote"])
        if len(by_side) >= 2:
            return claim, list(by_side.values())[:2], data.articles[claim["article"]]["outlet"]
    pytest.fail("no unrated claim with statements from two sides in one article")


def _field(widget, label: str):
    return widget.get_by_label(label, exact=True)


def _type(page, box, text: str) -> None:
    """Fill a text box and leave it (Tab), so that a box with continuous_update=False sends its value."""
    box.fill(text)
    box.press("Tab")


def write_fact_check(page, w, claim, quotes, outlet):
    """Write a whole fact-check in the widget ``w`` the way a learner would; return the checklist locator."""
    # 1. choose the claim (by its label in the dropdown) and quote it exactly
    dropdown = _field(w, "The claim to check:")
    options = dropdown.evaluate("el => [...el.options].map(o => o.value)")  # the labels, with plain spaces
    dropdown.select_option(value=next(o for o in options if claim["claim"][:40] in o))
    w.locator(".widget-html", has_text="No source in the course rates this claim").wait_for()
    _type(page, _field(w, "Quote the claim exactly:"), claim["appearance"])

    # 2. evidence: a sentence picked from the list, words typed in, and words that are not the source's
    words = _field(w, "Words to add:")
    add = w.get_by_role("button", name="Add as evidence")
    _field(w, "Sentence:").select_option(index=1)
    page.wait_for_function("el => el.value.length > 10", arg=words.element_handle())
    add.click()
    w.locator(".widget-html", has_text="Added as item [1]").wait_for()
    for n, quote in enumerate(quotes, 2):
        words.fill(quote)
        w.get_by_label("Contradicts the claim").check()
        add.click()
        w.locator(".widget-html", has_text=f"Added as item [{n}]").wait_for()
    words.fill("Russia and Ukraine agreed on everything that week.")
    add.click()
    refused = w.locator(".widget-html", has_text="Not added")
    refused.wait_for()
    assert outlet in refused.inner_text()
    assert w.get_by_role("button", name=re.compile(r"^Remove \[\d\]$")).count() == 3

    # 3-5. reasoning with a bad citation, rating, limits
    reasoning = _field(w, "Your reasoning (cite items as [1], [2]):")
    _type(page, reasoning, "Item [2] and item [3] say opposite things; [9] is a slip.")
    w.locator(".widget-html", has_text="not in your evidence list").wait_for()
    _type(page, reasoning, "Item [2] and item [3] say opposite things, and [1] does not settle it.")
    w.get_by_label("Can't tell from these sources").check()
    _type(page, _field(w, "What evidence would change this rating?"),
          "An observer's report independent of both sides, with dates and places.")
    _type(page, _field(w, "Your name (as the author of the fact-check):"), "E2E <b>Learner</b>")
    checklist = w.locator("ul.rtc-checklist")
    page.wait_for_function(  # the list is re-rendered on every change: query it afresh each time
        "() => { const ul = document.querySelector('ul.rtc-checklist');"
        " return !!ul && (ul.innerText.match(/✔ met/g) || []).length === 3; }")
    assert "does not apply" in checklist.inner_text()
    return checklist


def test_a_fact_check_written_exported_and_restored_in_lab(page, lab_server, capstone_copy, claim_and_evidence,
                                                          e2e_tmp, net, offline, shot):
    claim, quotes, outlet = claim_and_evidence
    lab_open(page, lab_server, str(capstone_copy.relative_to(ROOT)))
    lab_run_all(page)
    assert lab_unrun_cells(page) == []
    assert page_problems(page, NB) == []
    w = page.locator(NB).locator(".widget-vbox").filter(has_text="Check it yourself: write a fact-check").first
    w.wait_for()

    checklist = write_fact_check(page, w, claim, quotes, outlet)

    # export, and the text twin from the keyboard
    w.get_by_role("button", name="Export").click()
    w.get_by_role("link", name="ClaimReview JSON-LD").wait_for()
    assert w.get_by_role("link", name="Write-up (HTML)").get_attribute("download") == f"fact-check-{claim['id']}.html"
    w.get_by_role("button", name="Export").focus()
    page.keyboard.press("Tab")
    assert w.get_by_role("button", name="Show as text").evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    text = w.get_by_label("The fact-check as plain text")
    text.wait_for()
    assert "Rating: Can't tell from these sources" in text.inner_text()
    assert "E2E <b>Learner</b>" in text.inner_text()          # shown as text, not as markup
    assert w.locator("b", has_text="Learner").count() == 0
    for part, where in [("claim", w.locator(".widget-html", has_text="No source in the course rates").first),
                        ("evidence", w.locator("ol.rtc-evidence").first), ("checklist", checklist),
                        ("text", text)]:
        where.evaluate("el => el.scrollIntoView({block: 'start'})")  # the widget is taller than the window
        shot(page, f"finished-fact-check-{part}")

    # saved with progress: in the server's progress file, and restored in a fresh run
    saved = json.loads((e2e_tmp / "lab" / "progress.json").read_text(encoding="utf-8"))
    record = saved["results"]["factcheck"][claim["id"]]
    assert record["rating"] == "cant-tell" and len(record["evidence"]) == 3
    page.get_by_role("menuitem", name="Kernel").click()
    page.locator(".lm-Menu-item[data-command='kernelmenu:restart']").click()
    page.get_by_role("button", name="Confirm Kernel Restart").click()
    lab_wait_idle(page)
    lab_run_all(page)
    w = page.locator(NB).locator(".widget-vbox").filter(has_text="Check it yourself: write a fact-check").first
    w.locator(".widget-html", has_text="Restored your saved fact-check").wait_for()
    assert w.get_by_role("button", name=re.compile(r"^Remove \[\d\]$")).count() == 3
    assert net.page_errors == []
    offline()


def test_a_fact_check_in_classroom_mode(page, voila_server, claim_and_evidence, net, offline):
    """Voila (`make present`): the same fact-check, code hidden, the export links offered."""
    claim, quotes, outlet = claim_and_evidence
    path, _ = prepare_notebook(CAPSTONE, voila_server.extra["notebooks"])
    voila_open(page, voila_server, path.name, net=net)
    assert page_problems(page) == []
    w = page.locator(".widget-vbox").filter(has_text="Check it yourself: write a fact-check").first
    checklist = write_fact_check(page, w, claim, quotes, outlet)
    assert "does not apply" in checklist.inner_text()
    w.get_by_role("button", name="Export").click()
    w.get_by_role("link", name="ClaimReview JSON-LD").wait_for()
    assert net.unexpected_errors(VOILA_KNOWN) == []
    offline()
