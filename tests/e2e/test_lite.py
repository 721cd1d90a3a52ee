"""The offline JupyterLite site (``make lite`` -> ``_lite/``) in a real browser: Python runs in the page.

The site is built once by ``make lite`` (``make test`` and ``make e2e`` depend on it) and served here
from ``_lite/`` by a plain static file server on 127.0.0.1, as a school server or a USB stick would.
Every request to any other host is aborted and recorded, and each test asserts there were none.

Each course notebook (Run All gives no error output, every widget output renders, every figure draws,
a quiz answered wrong then right gets its hint and moves the score, axe-core finds nothing critical or
serious) is tested in ``test_course_notebooks.py``. Here: notebook 04: a prediction is saved to the
browser-storage progress file and comes back after a reload. The landing page shows the course version
and resets a notebook without losing the saved answers. The classroom copies open with code collapsed.
"""
from __future__ import annotations

import json
import re

import pytest

from e2e_helpers import (COURSE_NOTEBOOKS, LITE_KERNEL_TIMEOUT, ROOT, count_widgets, lab_run_all, lab_wait_idle,
                         lite_open, page_problems, plot_problems, settle)
from course_lib.tools.lite import course_notebooks

#: every notebook the site serves (all of notebooks/*.ipynb, in course order)
SITE_NOTEBOOKS = course_notebooks()
pytestmark = pytest.mark.service_workers

SITE = ROOT / "_lite"
NB = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook"
PREDICTION_NOTEBOOK = "04-claims-and-fact-checks.ipynb"


def stored(name: str) -> dict:
    return json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))


def run_all_hidden(page) -> None:
    """Run All in a notebook whose code cells are collapsed (no prompts to watch, unlike ``lab_run_all``):
    done when every code cell has an execution count and the kernel is idle, then the outputs settle."""
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    page.wait_for_function("() => window.jupyterapp.shell.currentWidget.content.widgets"
                           ".every(c => c.model.type !== 'code' || c.model.executionCount === null)")
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(
        """() => {
            const w = window.jupyterapp.shell.currentWidget;
            const k = w.sessionContext.session && w.sessionContext.session.kernel;
            const code = w.content.widgets.filter(c => c.model.type === 'code');
            return !!k && k.status === 'idle' && code.every(c => c.model.executionCount !== null);
        }""", timeout=LITE_KERNEL_TIMEOUT, polling=250)
    settle(page)


def test_prediction_survives_a_reload_and_a_reset(page, lite_server, net, offline, shot):
    """A prediction in 04 is saved in browser storage, restored after a reload, and kept by a reset."""
    lite_open(page, lite_server, PREDICTION_NOTEBOOK)
    lab_run_all(page)
    box = page.locator(NB).locator(".widget-vbox").filter(has=page.get_by_role("button", name="Reveal")).first
    box.get_by_label("Misleading", exact=True).check()
    box.get_by_role("button", name="Reveal").click()
    box.get_by_role("button", name="Predict again").wait_for(timeout=30_000)
    page.wait_for_function("el => !el.disabled", arg=box.get_by_role("button", name="Predict again").element_handle())
    # the learner can see the progress folder in the file browser
    page.locator(".jp-DirListing-item", has_text="reading-the-crisis").first.wait_for(timeout=30_000)
    page.keyboard.press("Control+s")  # this browser now has its own saved copy of the notebook
    page.wait_for_function(
        "() => { const w = window.jupyterapp.shell.currentWidget; return w && w.context && !w.context.model.dirty; }",
        timeout=30_000)

    page.reload()  # JupyterLite reopens the notebook from its workspace, with a new kernel
    page.wait_for_selector(f"{NB} .jp-Cell", timeout=LITE_KERNEL_TIMEOUT)
    lab_wait_idle(page, LITE_KERNEL_TIMEOUT)
    lab_run_all(page)
    box = page.locator(NB).locator(".widget-vbox").filter(has=page.get_by_role("button", name="Reveal")).first
    assert box.get_by_label("Misleading", exact=True).is_checked()
    assert box.get_by_role("button", name="Predict again").is_enabled()
    assert page_problems(page, NB) == []

    page.goto(lite_server.url("/index.html"))
    version = json.loads((SITE / "course-version.json").read_text(encoding="utf-8"))["version"]
    assert page.locator("#rtc-version").inner_text() == version
    status = page.locator(f'[data-status="{PREDICTION_NOTEBOOK}"]')
    status.filter(has_text="Your own copy").wait_for(timeout=15_000)
    assert "from this course version" in status.inner_text()
    progress = page.locator("#rtc-progress")
    progress.filter(has_text="are saved in this browser").wait_for(timeout=15_000)
    shot(page, "landing")

    page.get_by_role("button", name=re.compile(r"^Reset .*Claims", re.I)).click()
    page.locator("#rtc-live").filter(has_text="your quiz answers are kept").wait_for(timeout=15_000)
    status.filter(has_text="The course's copy.").wait_for(timeout=15_000)
    assert "are saved in this browser" in progress.inner_text()

    page.locator("#rtc-also-progress").check()
    page.get_by_role("button", name=re.compile("Reset every notebook")).click()
    progress.filter(has_text="No quiz answers saved").wait_for(timeout=15_000)
    assert net.page_errors == []
    offline()


def test_the_built_site_serves_everything_itself(lite_server):
    """No lock entry points off the site, every kernel package is there, no build-machine path leaked."""
    from course_lib.tools import lite, lock

    names = [n for n in lite.requirement_blocks((ROOT / "requirements" / "lite-pyodide.txt").read_text())
             if n not in lite.NOT_IN_KERNEL]
    assert lite.check_site(SITE, names + ["reading-the-crisis"]) == []
    leaked = [p.relative_to(SITE) for p in SITE.rglob("*") if p.is_file() and p.suffix in {".json", ".html", ".js"}
              and str(ROOT).encode() in p.read_bytes()]
    assert leaked == []
    assert json.loads((SITE / "course-version.json").read_text())["package"] == __import__("course_lib").__version__
    assert not list((SITE / "static" / "pyodide-lock").glob("widgetsnbextension-*"))
    assert lock.pins((ROOT / "requirements" / "lite-pyodide.txt").read_text())["plotly"] in \
        " ".join(p.name for p in (SITE / "static" / "pyodide-lock").glob("plotly-*.whl"))


def test_landing_page_lists_notebooks_in_course_order(page, lite_server, offline):
    page.goto(lite_server.url("/index.html"))
    names = page.eval_on_selector_all("[data-status]", "els => els.map(e => e.dataset.status)")
    assert names == [p.name for p in SITE_NOTEBOOKS]
    assert {p.name for p in COURSE_NOTEBOOKS} <= set(names)
    for name in names:  # each row opens the notebook and its classroom copy, both present in the site
        assert (SITE / "files" / name).is_file() and (SITE / "files" / "classroom" / name).is_file()
    page.locator("[data-status]").first.filter(has_text="The course's copy.").wait_for(timeout=15_000)
    offline()


def test_classroom_view_hides_code_and_keeps_widgets_live(page, lite_server, net, offline):
    name = "02-buildup-in-numbers.ipynb"
    # every code cell of the notebook, plus the classroom copy's first cell (the classroom styles)
    code_cells = sum(c["cell_type"] == "code" for c in stored(name)["cells"]) + 1
    lite_open(page, lite_server, f"classroom/{name}")
    run_all_hidden(page)
    assert page.locator(NB).locator(".jp-CodeCell .jp-InputPlaceholder").count() == code_cells
    assert page.locator(NB).locator(".jp-CodeCell .cm-editor:visible").count() == 0
    assert page_problems(page, NB) == []
    assert plot_problems(page, NB, expect_at_least=1) == []
    assert count_widgets(page, NB) > 0
    assert net.page_errors == []
    offline()
