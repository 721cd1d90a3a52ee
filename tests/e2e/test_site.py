"""Self-study export (`make site`): static pages draw their figures and widgets offline; quizzes degrade to
questions with the answer behind a "Show answer" disclosure."""
from __future__ import annotations

import re

import pytest

from e2e_helpers import (COURSE_NOTEBOOKS, count_widgets, page_problems, plot_problems, quiz_key, settle,
                         skip_or_fail)


def open_page(page, site_server, stem: str) -> None:
    page.goto(f"{site_server.base}/{site_server.extra['pages'][stem]}")
    settle(page)


def test_index_lists_pages_in_course_order(page, site_server, offline):
    page.goto(f"{site_server.base}/index.html")
    hrefs = page.eval_on_selector_all("main ol a", "els => els.map(a => a.getAttribute('href'))")
    assert hrefs == sorted(site_server.extra["pages"].values())
    for href in hrefs:  # every link opens a page with a title
        response = page.request.get(f"{site_server.base}/{href}")
        assert response.ok, href
    assert all(t.strip() for t in page.eval_on_selector_all("main ol a", "els => els.map(a => a.innerText)"))
    offline()


def test_scratch_page_draws_plots_and_widgets_offline(page, site_server, net, offline, shot):
    open_page(page, site_server, "scratch-e2e")
    assert page_problems(page) == []
    assert plot_problems(page, expect_at_least=1) == []
    assert count_widgets(page) >= 1
    assert page.get_by_role("button", name="Say hello").is_visible()
    if "timeline_explorer" not in site_server.extra["missing"]:
        # a figure inside an Output widget (drawn from the stored widget state)
        assert page.locator(".widget-output .js-plotly-plot").count() >= 1
    assert net.page_errors == []
    shot(page, "top")
    offline()


def test_static_quiz_reveals_answer_on_demand(page, site_server, offline, shot):
    if "quiz" in site_server.extra["missing"]:
        pytest.skip("course_lib.quiz does not exist yet")
    open_page(page, site_server, "scratch-e2e")
    key = quiz_key("_demo")
    quiz = page.locator(".rtc-quiz-static")
    assert quiz.count() == 1
    # no live quiz widget left on the page (its buttons could not work without a kernel)
    assert page.get_by_role("button", name="Check answer").count() == 0
    questions = quiz.locator(".rtc-q")
    assert questions.count() == len(key["questions"])
    first = key["questions"][0]
    q1 = questions.nth(0)
    assert first["prompt"][:60] in q1.inner_text()
    details = q1.locator("details")
    explanation = details.get_by_text(first["explanation"][:50])
    assert not explanation.is_visible()          # hidden until asked for
    q1.get_by_text("Show answer").click()
    explanation.wait_for(state="visible")
    if first["type"] == "single":
        right = next(o for o in first["options"] if o["correct"])
        assert right["text"] in details.locator("p").first.inner_text()
    shot(q1, "question-1-open")
    offline()


def test_static_prediction_reveals_sources_on_demand(page, site_server, course_data, offline, shot):
    if "predict_claim" in site_server.extra["missing"]:
        pytest.skip("course_lib.predict_claim does not exist yet")
    open_page(page, site_server, "scratch-e2e")
    block = page.locator(".rtc-predict-static")
    assert block.count() == 1
    assert page.get_by_role("button", name="Reveal").count() == 0  # the dead widget is gone
    claim = course_data.claims["russian-troop-withdrawal-feb-2022"]   # the scratch notebook's claim
    explanation = block.locator("details").get_by_text(claim["explanation"][:50])
    assert not explanation.is_visible()
    block.get_by_text("Show what the sources say").click()
    explanation.wait_for(state="visible")
    shot(block, "open")
    offline()


@pytest.mark.parametrize("notebook", COURSE_NOTEBOOKS or [None], ids=lambda p: p.stem if p else "none")
def test_course_page_renders_offline(page, site_server, notebook, net, offline):
    if notebook is None:
        skip_or_fail("no course notebooks (notebooks/[0-9]*.ipynb) yet")
    open_page(page, site_server, notebook.stem)
    assert page_problems(page) == []
    assert plot_problems(page) == []
    assert net.page_errors == []
    offline()


def test_pages_reference_nothing_off_site(site_server):
    from course_lib.tools.site import external_refs

    pages = sorted(site_server.extra["out"].glob("*.html"))
    assert len(pages) == len(site_server.extra["pages"]) + 1  # + index.html
    for p in pages:
        assert external_refs(p.read_text(encoding="utf-8")) == [], p.name
    assert not re.search(r"cdn\.|unpkg\.com|jsdelivr", "".join(p.read_text(encoding="utf-8") for p in pages))
