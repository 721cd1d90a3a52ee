"""Every course notebook in every front end (JupyterLab, classroom mode, JupyterLite), opened once each.

One test per (front end, notebook); unlike other files, its cases spread over the test workers (the root
``conftest.py``):

1. **Runs clean, offline.** Run All (Voila: render) gives no error output or stderr, every widget renders,
   every figure draws its marks, no page error, and nothing is fetched from anywhere but 127.0.0.1.
2. **axe-core before.** WCAG 2.2 AA and best practice (rules in ``a11y_helpers.TAGS``) on the course's
   own output (``front_ends.py`` says what is scanned), with the viewport made as tall as the page.
3. **A learner's first answers.** The notebook's quiz is answered as a learner would (wrong, hint, right,
   score) and the first claim of a predict-then-reveal is revealed.
4. **axe-core after**, on the changed page.

Any critical or serious axe violation fails the test; every result is kept in
``tests/artifacts/axe/<front end>-<notebook>-<before|after>.json``.
"""
from __future__ import annotations

import pytest

from a11y_helpers import ARTIFACTS, answer_and_reveal, axe_scan, failing, make_tall, save
from axe_core import AXE_JS
from e2e_helpers import COURSE_NOTEBOOKS, ROOT, skip_or_fail
from front_ends import FRONT_ENDS


def _cases():
    if not COURSE_NOTEBOOKS:
        return [pytest.param(None, None, id="none")]
    # JupyterLite's kernel reaches browser storage through a service worker, which the page fixture
    # otherwise blocks
    return [pytest.param(fe, nb, id=f"{fe.name}-{nb.stem}",
                         marks=[pytest.mark.service_workers] if fe.name == "lite" else [])
            for fe in FRONT_ENDS.values() for nb in COURSE_NOTEBOOKS]


@pytest.mark.parametrize(("front_end", "notebook"), _cases())
def test_course_notebook(request, page, front_end, notebook, net, offline, shot):
    if notebook is None:
        skip_or_fail("no course notebooks (notebooks/[0-9]*.ipynb) yet")
    if not AXE_JS.is_file():
        skip_or_fail(f"axe-core is not installed at {AXE_JS.relative_to(ROOT)}: run `make axe`")
    server = request.getfixturevalue(front_end.server_fixture)
    front_end.open(page, server, notebook, net)
    assert front_end.problems(page, net, notebook) == [], f"{notebook.stem} in {front_end.name}"
    offline()

    findings = []
    for phase in ("before", "after"):
        if phase == "after":
            done, problems = answer_and_reveal(page, notebook, front_end.scope)
            assert problems == [], f"{notebook.stem} in {front_end.name}: {done}"
            if not done:
                break
            shot(page, "answered")
        make_tall(page)
        result = axe_scan(page, front_end.include, front_end.exclude)
        save(result, front_end.name, notebook.stem, phase)
        findings += [f"{phase}: {line}" for line in failing(result)]
        if result.get("empty"):
            findings.append(f"{phase}: nothing of the course's output was found to scan")
    assert findings == [], (f"axe-core, {front_end.name}, {notebook.stem} (details in {ARTIFACTS}):\n"
                            + "\n".join(findings))
    assert front_end.problems(page, net, notebook) == []
    offline()
