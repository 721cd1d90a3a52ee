"""Accessibility (WCAG 2.2 AA): axe-core on every notebook in every front end, and what a screen reader gets.

* ``test_axe_course_notebook``: axe-core (pinned, see ``axe_core.py``) with the rules wcag2a, wcag2aa,
  wcag21a, wcag21aa, wcag22aa and best-practice, on the course's own output (see ``a11y_helpers`` for what
  is scanned and what is left out), with the viewport as tall as the page, before and after answering a
  quiz question (and revealing a claim). Fails on any critical or serious violation; every result is kept
  in ``tests/artifacts/axe/<mode>-<notebook>-<phase>.json``.
* ``test_quiz_feedback_is_announced``: the quiz's feedback is a live region that exists, empty, before the
  check, whose text changes after it; after the check the focus is on an enabled control or the feedback.
* ``test_quiz_accessibility_tree``: the names and roles a screen reader reads (Playwright aria snapshot).
* ``test_figures_are_named``: every course figure has an accessible name (its title) and a description
  that points to its text version.

JupyterLite is one more front end: its cases run when a built site exists in ``_lite/`` and skip otherwise.
"""
from __future__ import annotations

import re

import pytest

from a11y_helpers import (ARTIFACTS, LabFrontEnd, LiteFrontEnd, VoilaFrontEnd, answer_first_question, axe_scan,
                          failing, impact_counts, make_tall, save)
from axe_core import AXE_JS
from e2e_helpers import COURSE_NOTEBOOKS, ROOT, SCRATCH, prepare_notebook, quiz_question, skip_or_fail

LITE_DIR = ROOT / "_lite"
FRONT_ENDS = {"lab": LabFrontEnd(), "voila": VoilaFrontEnd(), "lite": LiteFrontEnd()}
SERVER_FIXTURE = {"lab": "lab_server", "voila": "voila_server", "lite": "lite_server"}


@pytest.fixture(scope="session")
def lite_server():
    """A built JupyterLite site (``_lite/``) served on 127.0.0.1; skips when there is none."""
    if not (LITE_DIR / "lab" / "index.html").is_file():
        pytest.skip(f"no JupyterLite build in {LITE_DIR.relative_to(ROOT)}/ (lab/index.html missing): "
                    "build the Lite site first to scan it")
    import e2e_servers as servers

    srv, httpd = servers.serve_dir(LITE_DIR)
    yield srv
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def front_end(request):
    """(FrontEnd, server) for the test's ``mode`` parameter."""
    mode = request.node.callspec.params["mode"]
    if not AXE_JS.is_file():
        skip_or_fail(f"axe-core is not installed at {AXE_JS.relative_to(ROOT)}: run `make axe`")
    return FRONT_ENDS[mode], request.getfixturevalue(SERVER_FIXTURE[mode])


@pytest.mark.parametrize("mode", list(FRONT_ENDS))
@pytest.mark.parametrize("notebook", COURSE_NOTEBOOKS or [None], ids=lambda p: p.stem if p else "none")
def test_axe_course_notebook(page, front_end, mode, notebook, offline):
    if notebook is None:
        skip_or_fail("no course notebooks (notebooks/[0-9]*.ipynb) yet")
    fe, server = front_end
    fe.open(page, server, notebook)
    problems = []
    for phase in ("before", "after"):
        if phase == "after" and answer_first_question(page, notebook.stem, fe.scope) is None:
            break
        make_tall(page)
        result = axe_scan(page, fe.include, fe.exclude)
        save(result, mode, notebook.stem, phase)
        problems += [f"{phase}: {line}" for line in failing(result)]
        if result.get("empty"):
            problems.append(f"{phase}: nothing of the course's output was found to scan")
    assert problems == [], f"axe-core, {mode}, {notebook.stem} (details in {ARTIFACTS}):\n" + "\n".join(problems)
    offline()
