"""Page helpers for the browser tests: open and run notebooks, check outputs, widgets, plots and quizzes.

Work on a Playwright sync ``Page``. JupyterLab, Voila and the static site share the checks in
``page_problems`` / ``plot_problems``; the Lab-only helpers start with ``lab_``.
"""
from __future__ import annotations

import importlib
import json
import os
import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest

if TYPE_CHECKING:  # playwright may be missing: the tests then skip (or fail in CI), never crash on import
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCRATCH = FIXTURES / "scratch-e2e.ipynb"
BROKEN = FIXTURES / "broken-e2e.ipynb"
COURSE_NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))

# Text a widget or output shows when it failed or never finished rendering.
BAD_TEXT = ["Error displaying widget", "Loading widget...", "Failed to load model class",
            "Traceback (most recent call last)", "model not found"]


REQUIRED = os.environ.get("COURSE_E2E_REQUIRED") == "1"
#: Debian's chromium (Playwright's own browser downloads are not available), and its flags
CHROMIUM = os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
#: how long lab_run_all holds after the last change: the kernel idle for 1 s, then settle()'s quiet 1 s
IDLE_HOLD_MS = 1000
#: the least height a drawn figure may have; the smallest course figure is far taller (JupyterLab once showed
#: every course chart 30 px high, the height of the text-version link beside it)
MIN_FIGURE_HEIGHT = 150
SETTLE_QUIET_MS = 1000


def skip_or_fail(reason: str) -> None:
    """Skip with ``reason``, or fail when COURSE_E2E_REQUIRED=1 (CI must not silently skip)."""
    if REQUIRED:
        pytest.fail(f"{reason} (COURSE_E2E_REQUIRED=1)", pytrace=False)
    pytest.skip(reason)


# --------------------------------------------------------------------------- preparing notebooks
def missing_pieces(names: list[str]) -> list[str]:
    """Names in ``names`` that ``course_lib`` does not provide yet (widgets still being written)."""
    course_lib = importlib.import_module("course_lib")
    missing = []
    for name in names:
        try:
            getattr(course_lib, name)
        except (AttributeError, ImportError):
            missing.append(name)
    return missing


def needs(cell: dict) -> list[str]:
    """The course_lib names a cell needs, from its ``needs:<name>`` tags."""
    return [t.split(":", 1)[1] for t in cell.get("metadata", {}).get("tags", []) if t.startswith("needs:")]


def prepare_notebook(src: Path, dest_dir: Path) -> tuple[Path, list[str]]:
    """Copy ``src`` into ``dest_dir``, dropping cells whose ``needs:`` pieces don't exist yet.

    Returns the copy's path and the sorted missing pieces (empty when the notebook is complete).
    """
    nb = json.loads(src.read_text(encoding="utf-8"))
    wanted = sorted({n for c in nb["cells"] for n in needs(c)})
    missing = missing_pieces(wanted)
    nb["cells"] = [c for c in nb["cells"] if not set(needs(c)) & set(missing)]
    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / src.name
    dest.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return dest, missing


# --------------------------------------------------------------------------- JupyterLab
def lab_open(page: Page, server, rel_path: str, timeout: float = 90_000) -> None:
    """Open a notebook (path relative to the Lab root) in a fresh workspace and wait for its kernel."""
    page.goto(server.url(f"/lab/tree/{quote(rel_path)}?reset"))
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=timeout)
    lab_wait_idle(page, timeout)


def lab_wait_idle(page: Page, timeout: float = 90_000) -> None:
    """Wait until the current notebook's kernel is started, connected and idle.

    Reads the session through ``window.jupyterapp`` (the server runs with
    ``--LabApp.expose_app_in_browser``): the toolbar indicator says "idle" before a kernel exists.
    """
    page.wait_for_function(
        """() => {
            const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
            const ctx = w && w.sessionContext;
            const k = ctx && ctx.isReady && ctx.session && ctx.session.kernel;
            return !!k && k.status === 'idle' && k.connectionStatus === 'connected';
        }""", timeout=timeout, polling=250)


def lab_run_all(page: Page, timeout: float = 240_000) -> None:
    """Run > Run All Cells from the menu bar, then wait until every code cell has run and the kernel is idle."""
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-item[data-command='runmenu:run-all']").click()
    # Done when no cell is queued or running ("[*]:"), some cell has a number, and the kernel is idle,
    # held for 1 s (the kernel goes idle for a moment between queued cells). After an error the queued
    # cells drop back to "[ ]:", so a failing notebook ends the wait too.
    page.wait_for_function(
        """(hold) => {
            const prompts = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')]
                .map(p => p.innerText);
            const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
            const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
            const quiet = !!k && k.status === 'idle' && !prompts.some(t => t.includes('*'))
                && prompts.some(t => /\\[\\d+\\]/.test(t));
            if (!quiet) { window.__e2eQuietSince = null; return false; }
            window.__e2eQuietSince = window.__e2eQuietSince || Date.now();
            return Date.now() - window.__e2eQuietSince > hold;
        }""",
        arg=IDLE_HOLD_MS, timeout=timeout, polling=200)
    settle(page)


def lab_unrun_cells(page: Page) -> list[int]:
    """1-based positions of code cells without an execution number (not run, or stopped by an error)."""
    prompts = page.eval_on_selector_all(
        ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt", "els => els.map(e => e.innerText)")
    return [i for i, t in enumerate(prompts, 1) if not re.search(r"\[\d+\]", t)]


# --------------------------------------------------------------------------- JupyterLite
#: the first start of Pyodide in a page (download, compile, import IPython) on a busy 2-core machine
LITE_KERNEL_TIMEOUT = 240_000


def lite_expose_app(page: Page) -> None:
    """Let the page's ``window.jupyterapp`` be read (JupyterLite's ``exposeAppInBrowser``) without changing
    the site: the ``jupyter-lite.json`` files it fetches get the option added on the way in.

    The route is the context's (once per context): once JupyterLite's service worker controls the page,
    the page's own fetches go through it, and only context routes see them.
    """
    context = page.context
    if getattr(context, "_rtc_exposed", False):
        return

    def patch(route) -> None:
        response = route.fetch()
        config = response.json()
        config.setdefault("jupyter-config-data", {})["exposeAppInBrowser"] = True
        route.fulfill(response=response, json=config)
    context.route(re.compile(r"/jupyter-lite\.json(\?.*)?$"), patch)
    context._rtc_exposed = True


def lite_open(page: Page, site, path: str, timeout: float = LITE_KERNEL_TIMEOUT) -> None:
    """Open ``path`` (relative to a JupyterLite site's files) in its lab and wait for an idle kernel; the
    ``lab_*`` helpers then work as in JupyterLab."""
    lite_expose_app(page)
    page.goto(site.url(f"/lab/index.html?path={quote(path)}"))
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=timeout)
    lab_wait_idle(page, timeout)


# --------------------------------------------------------------------------- all front ends
def settle(page: Page, quiet_ms: int = SETTLE_QUIET_MS, timeout: float = 60_000) -> None:
    """Wait until widgets and plots stop appearing: no 'Loading widget...' placeholder, every plotly
    figure laid out, and the number of widget views and figures unchanged for ``quiet_ms``."""
    page.evaluate("() => { window.__e2eSettle = null; }")
    page.wait_for_function(
        """(quiet) => {
            const plots = [...document.querySelectorAll('.js-plotly-plot')];
            const key = document.querySelectorAll('.jupyter-widgets, .widget-box, .jp-OutputArea-output').length
                + '/' + plots.length;
            const ready = !document.body.innerText.includes('Loading widget...')
                && plots.every(p => p._fullLayout);
            const s = window.__e2eSettle;
            if (!ready || !s || s.key !== key) { window.__e2eSettle = {key, since: Date.now()}; return false; }
            return Date.now() - s.since >= quiet;
        }""", arg=quiet_ms, timeout=timeout, polling=200)


def page_problems(page: Page, scope: str = "body") -> list[str]:
    """Error outputs, stderr, broken or unfinished widgets inside ``scope``: a list of messages."""
    problems = page.evaluate(
        """([scope, bad]) => {
            const out = [];
            const root = document.querySelector(scope) || document.body;
            for (const el of root.querySelectorAll(
                    '[data-mime-type="application/vnd.jupyter.stderr"], .jp-RenderedText[data-mime-type="application/vnd.jupyter.error"], .output_error, .jp-OutputArea-output.jp-mod-error')) {
                out.push('error/stderr output: ' + el.innerText.slice(0, 400));
            }
            const text = root.innerText;
            for (const b of bad) if (text.includes(b)) out.push('page shows: ' + b);
            return out;
        }""", [scope, BAD_TEXT])
    return problems


def plot_problems(page: Page, scope: str = "body", expect_at_least: int = 0) -> list[str]:
    """Every plotly figure in ``scope`` drew its traces as SVG marks; returns problems."""
    info = page.evaluate(
        """(scope) => [...(document.querySelector(scope) || document.body).querySelectorAll('.js-plotly-plot')]
            .map(p => ({
                title: (p.querySelector('.gtitle') || {}).textContent || '',
                traces: (p._fullData || []).filter(t => t.visible !== false).length,
                drawn: p.querySelectorAll('.plot .trace, .geolayer .trace, .layer-above .trace, g.trace').length,
                marks: p.querySelectorAll('.trace path, .trace .point, .trace text, .trace image').length,
                width: p.getBoundingClientRect().width,
                height: p.getBoundingClientRect().height,
            }))""", scope)
    problems = []
    if len(info) < expect_at_least:
        problems.append(f"expected at least {expect_at_least} plotly figures, found {len(info)}")
    for i, fig in enumerate(info):
        name = f"figure {i + 1} ({fig['title']!r})"
        if fig["traces"] == 0:
            problems.append(f"{name}: no traces (plotly did not render its data)")
        elif fig["drawn"] < fig["traces"] or fig["marks"] == 0:
            problems.append(f"{name}: {fig['traces']} traces but {fig['drawn']} drawn, {fig['marks']} marks")
        if fig["width"] < 50:
            problems.append(f"{name}: {fig['width']:.0f}px wide")
        if fig["height"] < MIN_FIGURE_HEIGHT:  # drawn, but cut to a sliver (a responsive figure in a 0-px box)
            problems.append(f"{name}: {fig['height']:.0f}px high")
    return problems


def count_widgets(page: Page, scope: str = "body") -> int:
    """Rendered ipywidgets views (the jupyter-widgets / widget-* classes) in ``scope``."""
    return page.evaluate(
        "(scope) => (document.querySelector(scope) || document.body)"
        ".querySelectorAll('.jupyter-widgets, .widget-box, .widget-button').length", scope)


def click_button(page: Page, label: str, scope: str = "body", nth: int = 0) -> None:
    """Click the ``nth`` widget button whose visible text or aria-label is ``label``."""
    page.locator(scope).locator("button.jupyter-button, button.widget-button", has_text=label).nth(nth).click()


# --------------------------------------------------------------------------- Voila
def voila_open(page: Page, server, name: str, timeout: float = 180_000, net=None) -> None:
    """Open ``name`` (relative to the folder Voila serves) and wait until its cells and widgets are shown.

    Voila 0.5 intermittently shows "Error displaying widget: model not found" on a loaded machine when a
    widget view is drawn before its model arrives (voila-dashboards/voila#1483); reloading the page is
    the fix a teacher would use (the README says so). This reloads once, with a warning in the test
    report; a second occurrence stays on the page for the test's ``page_problems`` check to fail. With
    ``net``, the page errors of the discarded first load are dropped too (and quoted in the warning).
    """
    url = server.url(f"/voila/render/{quote(name)}")
    for attempt in (1, 2):
        seen = len(net.page_errors) if net is not None else 0
        page.goto(url, timeout=timeout)
        page.wait_for_selector("#rendered_cells", state="visible", timeout=timeout)
        settle(page)
        if attempt == 1 and "model not found" in page.inner_text("body"):
            dropped = net.page_errors[seen:] if net is not None else []
            if net is not None:
                del net.page_errors[seen:]
            warnings.warn(f"Voila showed 'model not found' for {name}; reloaded once (voila#1483). "
                          f"Page errors of the first load: {dropped}")
            continue
        break


# --------------------------------------------------------------------------- quizzes
def quiz_key(name: str) -> dict:
    """The quiz file ``data/quizzes/<name>.json`` (the answer key the tests check against)."""
    return json.loads((ROOT / "data" / "quizzes" / f"{name}.json").read_text(encoding="utf-8"))


def quiz_question(page: Page, number: int, scope: str = "body"):
    """Locator of quiz question ``number`` (1-based): the innermost widget box that says
    "Question <number> of N" and has a "Check answer" button."""
    return (page.locator(scope).locator(".widget-vbox")
            .filter(has_text=re.compile(rf"Question {number} of \d+"))
            .filter(has=page.get_by_role("button", name="Check answer"))
            .last)


def quiz_check(page: Page, question) -> str:
    """Press the question's "Check answer" button and return the feedback that appears."""
    question.get_by_role("button", name="Check answer").click()
    feedback = question.locator(".widget-html", has_text=re.compile(r"Correct\.|Not quite\.")).first
    feedback.wait_for(timeout=15_000)
    return feedback.inner_text()


def quiz_choose(page: Page, question, option_text: str) -> None:
    """Tick or select the option whose label is ``option_text`` (radio buttons or checkboxes)."""
    question.get_by_label(option_text, exact=True).check()


def quiz_type(page: Page, question, text: str) -> None:
    """Type ``text`` into a numeric question's answer box (Enter sends it to the kernel)."""
    box = question.get_by_label("Your answer:")
    box.fill(text)
    box.press("Enter")


def quiz_score(page: Page, scope: str = "body") -> str:
    """The text of the first "Score: ..." line in ``scope``."""
    return page.locator(scope).locator(".widget-html", has_text=re.compile(r"^\s*Score:")).first.inner_text()


def exercise_quiz(page: Page, name: str, scope: str = "body") -> list[str]:
    """Answer quiz ``name`` in the browser the way a learner would; return the problems seen.

    The first single-choice question is answered wrong, then (after "Try again") right; the first numeric
    question gets a wrong number. Expected texts come from the quiz file, never from the widget.
    """
    key = quiz_key(name)
    problems: list[str] = []
    kinds = [q["type"] for q in key["questions"]]
    total = len(kinds)
    if "single" in kinds:
        n = kinds.index("single") + 1
        q = key["questions"][n - 1]
        right = next(o for o in q["options"] if o["correct"])
        wrong = next(o for o in q["options"] if not o["correct"])
        box = quiz_question(page, n, scope)
        quiz_choose(page, box, wrong["text"])
        fb = quiz_check(page, box)
        if "Not quite." not in fb:
            problems.append(f"Q{n}: a wrong answer got {fb[:120]!r}")
        if q["hint"][:40] not in fb:
            problems.append(f"Q{n}: a first wrong check does not show the hint from the quiz file")
        if right["feedback"][:40] in fb or wrong["feedback"][:40] in fb:
            problems.append(f"Q{n}: a first wrong check gives the option explanations away")
        box.get_by_role("button", name="Try again").click()
        quiz_choose(page, box, right["text"])
        fb = quiz_check(page, box)
        if "Correct." not in fb:
            problems.append(f"Q{n}: the right answer got {fb[:120]!r}")
        try:
            page.locator(scope).locator(".widget-html", has_text=f"Score: 1 / {total}").first.wait_for(timeout=10_000)
        except Exception:
            problems.append(f"score line not updated: {quiz_score(page, scope)!r}")
    if "numeric" in kinds:
        n = kinds.index("numeric") + 1
        q = key["questions"][n - 1]
        box = quiz_question(page, n, scope)
        too_high = q["answer"] + 10 * (q.get("tolerance") or 1) + abs(q["answer"])
        quiz_type(page, box, f"{too_high:g}")
        fb = quiz_check(page, box)
        if "Not quite." not in fb or "Too high" not in fb:
            problems.append(f"Q{n}: {too_high:g} got {fb[:160]!r}")
    return problems


def _tab_to(page: Page, target, limit: int = 12) -> bool:
    """Press Tab until ``target`` has the keyboard focus (at most ``limit`` times); did it get there?"""
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            return True
        page.keyboard.press("Tab")
    return target.evaluate("el => el === document.activeElement")


def _keyboard_retry(page: Page, box) -> None:
    """If the question shows an earlier answer (saved progress), press "Try again" with the keyboard."""
    again = box.get_by_role("button", name="Try again")
    if again.count() and again.first.is_enabled():
        again.first.focus()
        page.keyboard.press("Space")
        box.get_by_role("button", name="Check answer").wait_for(state="visible")
        page.wait_for_function("el => !el.disabled", arg=box.get_by_role("button", name="Check answer")
                               .element_handle(), timeout=15_000)


def _keyboard_check(page: Page, box, n: int, key: str) -> list[str]:
    """Tab to question ``n``'s "Check answer", press ``key`` on it, and expect "Correct."; the problems."""
    problems = []
    if not _tab_to(page, box.get_by_role("button", name="Check answer")):
        problems.append(f"Q{n}: Tab does not reach 'Check answer'")
    page.keyboard.press(key)
    try:
        box.locator(".widget-html", has_text="Correct.").first.wait_for(timeout=15_000)
    except Exception:
        problems.append(f"Q{n}: {key} on 'Check answer' gave no 'Correct.' feedback")
    return problems


def keyboard_quiz(page: Page, name: str, scope: str = "body") -> list[str]:
    """Answer quiz ``name``'s first single- and multiple-choice questions with the keyboard alone.

    Single choice: focus lands on the first radio button (where Tab would put it), then Space and the
    arrow keys choose the right option, Tab reaches "Check answer", Enter presses it. Multiple choice:
    Tab from box to box, Space ticks the right ones, Tab to "Check answer", Space presses it. A question
    that shows a saved earlier answer is first cleared with "Try again" (Space). The right answers come
    from the quiz file. Returns the problems seen.
    """
    key = quiz_key(name)
    kinds = [q["type"] for q in key["questions"]]
    problems: list[str] = []
    active_label = """() => { const a = document.activeElement;
        return a && a.type ? [a.type, (a.closest('label') || a.parentElement).textContent.trim()] : [null, null]; }"""

    n = kinds.index("single") + 1
    q = key["questions"][n - 1]
    right = next(o["text"] for o in q["options"] if o["correct"])
    box = quiz_question(page, n, scope)
    _keyboard_retry(page, box)
    radios = box.locator("input[type=radio]")
    radios.first.focus()
    page.keyboard.press("Space")
    for _ in range(radios.count()):
        kind, label = page.evaluate(active_label)
        if kind != "radio":
            problems.append(f"Q{n}: the arrow keys moved the focus out of the options (to {kind!r})")
            break
        if label == right:
            break
        page.keyboard.press("ArrowDown")
    if box.get_by_label(right, exact=True).is_checked() is not True:
        problems.append(f"Q{n}: the keyboard did not select {right!r}")
        return problems
    problems += _keyboard_check(page, box, n, "Enter")

    if problems:  # the focus is somewhere else now: more key presses would only drive Lab's own UI
        return problems
    if "multiple" in kinds:
        n = kinds.index("multiple") + 1
        q = key["questions"][n - 1]
        wanted = {o["text"] for o in q["options"] if o["correct"]}
        box = quiz_question(page, n, scope)
        _keyboard_retry(page, box)
        ticks = box.locator("input[type=checkbox]")
        ticks.first.focus()
        for _ in range(ticks.count()):
            kind, label = page.evaluate(active_label)
            if kind != "checkbox":
                problems.append(f"Q{n}: Tab left the tick boxes early (to {kind!r})")
                break
            if label in wanted:
                page.keyboard.press("Space")
            page.keyboard.press("Tab")
        ticked = {t.evaluate("el => (el.closest('label') || el.parentElement).textContent.trim()")
                  for t in ticks.all() if t.is_checked()}
        if ticked != wanted:
            problems.append(f"Q{n}: Space ticked {sorted(ticked)}, expected {sorted(wanted)}")
        problems += _keyboard_check(page, box, n, "Space")
    return problems

