"""Accessibility checks for the browser tests: axe-core on the course's own outputs, one front end at a time.

A *front end* (:class:`FrontEnd`) says how to open and run a notebook and which part of the page is the
course's own output. JupyterLab, classroom mode (Voila) and JupyterLite are three small subclasses, so a
new front end is one more class and one more test parameter.

What is scanned, and what is not:

* JupyterLab: every rendered markdown cell and every cell output of the open notebook
  (``.jp-MarkdownOutput``, ``.jp-OutputArea-output``). Not scanned: JupyterLab's own chrome (menu bar,
  side bars, toolbars, tab bar, status bar, cell prompts and toolbars, the code editors), which has known
  critical and serious findings of its own (toolbar ``aria-pressed``, the cell list's ``role=feed``,
  CodeMirror editors) that the course cannot fix.
* Classroom mode and JupyterLite's own page: the same, plus, in Voila, the whole page (the course's
  template builds all of it), so page-level rules (landmarks, skip link, one ``main``) run there too.

axe checks contrast and target size only for elements on screen, so before each scan the viewport is
made as tall as the page (:func:`make_tall`).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from axe_core import AXE_JS, AXE_VERSION
from e2e_helpers import ROOT, lab_open, lab_run_all, prepare_notebook, quiz_key, settle, voila_open

if TYPE_CHECKING:
    from playwright.sync_api import Page

#: the rule sets the course is held to (WCAG 2.0/2.1/2.2 A and AA, and axe's best practices)
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
#: impacts that fail a test; "moderate" and "minor" ones are reported in the JSON artefacts
FAILING = ("critical", "serious")
IMPACTS = ("critical", "serious", "moderate", "minor")
ARTIFACTS = ROOT / "tests" / "artifacts" / "axe"
#: the course's own output inside a notebook page, in every Jupyter front end
COURSE_OUTPUT = [".jp-MarkdownOutput", ".jp-OutputArea-output"]
#: JupyterLab's chrome: what is left out of the scan (for the record; the include list already omits it)
LAB_CHROME = ["#jp-top-panel", "#jp-left-stack", "#jp-right-stack", ".jp-Toolbar", ".lm-TabBar",
              "#jp-main-statusbar", ".jp-InputPrompt", ".jp-OutputPrompt", ".jp-CellHeader",
              ".jp-cell-toolbar", ".jp-InputArea-editor"]


# --------------------------------------------------------------------------- axe
def make_tall(page: Page, max_height: int = 60_000) -> int:
    """Grow the viewport until nothing scrolls (window or JupyterLab's notebook scroller); the new height."""
    width = page.viewport_size["width"] if page.viewport_size else 1280
    height = page.viewport_size["height"] if page.viewport_size else 900
    for _ in range(6):
        # what is hidden below the fold in the page or any scrolling box (Voila scrolls #rendered_cells);
        # JupyterLab's notebook scroller is measured to its last cell, since Lab pads it to scroll past the end
        extra = page.evaluate(
            """() => {
                let hidden = 0;
                for (const el of [document.scrollingElement, ...document.querySelectorAll('body *')]) {
                    const s = getComputedStyle(el).overflowY;
                    if (el !== document.scrollingElement && s !== 'auto' && s !== 'scroll') continue;
                    if (el.classList.contains('jp-WindowedPanel-outer')) {
                        const cells = el.querySelectorAll('.jp-Cell');
                        if (!cells.length) continue;
                        const last = cells[cells.length - 1].getBoundingClientRect().bottom;
                        hidden = Math.max(hidden, last + el.scrollTop - el.getBoundingClientRect().bottom);
                    } else if (el.clientHeight > 100) {
                        hidden = Math.max(hidden, el.scrollHeight - el.clientHeight);
                    }
                }
                return Math.ceil(hidden);
            }""")
        if extra <= 2 or height >= max_height:
            break
        height = min(max_height, height + extra + 40)
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(300)
    # JupyterLab's <body> is 0 px high with overflow:hidden (its shell is positioned absolutely), so axe
    # would take every output as clipped and skip contrast and target size: give it the window's height
    page.evaluate("""() => { window.scrollTo(0, 0);
        if (document.body.getBoundingClientRect().height < 1) document.body.style.minHeight = '100vh';
        document.querySelectorAll('.jp-WindowedPanel-outer, #rendered_cells').forEach(sc => { sc.scrollTop = 0; }); }""")
    settle(page, quiet_ms=500)
    return height


def axe_scan(page: Page, include: list[str] | None, exclude: list[str] | None = None) -> dict:
    """Run axe-core (the pinned release from tests/e2e/.cache) on ``include`` (None: the whole page)."""
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    return page.evaluate(
        """async ([include, exclude, tags]) => {
            const context = include ? {include: include.filter(s => document.querySelector(s)),
                                       exclude: exclude || []} : document;
            if (include && !context.include.length) return {violations: [], incomplete: [], empty: true};
            const r = await axe.run(context, {runOnly: {type: 'tag', values: tags},
                                              resultTypes: ['violations', 'incomplete']});
            const slim = v => ({id: v.id, impact: v.impact, help: v.help, tags: v.tags,
                nodes: v.nodes.map(n => ({target: n.target, html: n.html.slice(0, 300),
                                          summary: (n.failureSummary || '').slice(0, 400)}))});
            return {violations: r.violations.map(slim), incomplete: r.incomplete.map(v => ({id: v.id, n: v.nodes.length})),
                    version: axe.version, url: location.pathname};
        }""", [include, exclude, TAGS])


def impact_counts(result: dict) -> dict[str, int]:
    """Number of failing NODES per impact (each node of each violated rule counts once)."""
    counts = {k: 0 for k in IMPACTS}
    for v in result["violations"]:
        counts[v["impact"] or "minor"] += len(v["nodes"])
    return counts


def failing(result: dict) -> list[str]:
    """One line per critical or serious violation: rule, impact, node count and the first targets."""
    return [f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']}; e.g. "
            + "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:3])
            for v in result["violations"] if v["impact"] in FAILING]


def save(result: dict, mode: str, notebook: str, phase: str) -> Path:
    """Keep an axe result as ``tests/artifacts/axe/<mode>-<notebook>-<phase>.json``."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{mode}-{notebook}-{phase}.json"
    path.write_text(json.dumps({"mode": mode, "notebook": notebook, "phase": phase, "axe": AXE_VERSION,
                                "tags": TAGS, "counts": impact_counts(result), **result}, indent=1),
                    encoding="utf-8")
    return path


# --------------------------------------------------------------------------- interacting
def answer_first_question(page: Page, notebook: str, scope: str) -> str | None:
    """Answer the notebook's quiz's first question (its first option, or a number) and press "Check answer";
    in a notebook with a predict-then-reveal widget, also rate the first claim and press "Reveal".
    Returns what was done (None if the notebook has neither)."""
    done = []
    root = page.locator(scope)
    check = root.get_by_role("button", name="Check answer")
    if check.count() and (ROOT / "data" / "quizzes" / f"{notebook}.json").exists():
        q = quiz_key(notebook)["questions"][0]
        box = (root.locator(".widget-vbox").filter(has_text=re.compile(r"Question 1 of \d+"))
               .filter(has=page.get_by_role("button", name="Check answer")).last)
        if q["type"] in ("single", "multiple"):
            box.locator("input[type=radio], input[type=checkbox]").first.check()
        elif q["type"] == "numeric":
            field_ = box.get_by_label("Your answer:")
            field_.fill("1")
            field_.press("Enter")
        else:  # ordering, matching: a different choice in each list (a repeated one is not checked)
            lists = box.locator("select").all()
            for k, sel in enumerate(lists):
                sel.select_option(index=k % sel.locator("option").count())
        box.get_by_role("button", name="Check answer").click()
        box.locator(".widget-html", has_text=re.compile(r"Correct\.|Not quite\.")).first.wait_for(timeout=15_000)
        done.append(f"quiz question 1 ({q['type']}) checked")
    reveal = root.get_by_role("button", name="Reveal")
    if reveal.count():
        panel = root.locator(".widget-vbox").filter(has=page.get_by_role("button", name="Reveal")).last
        panel.get_by_label("Can't tell from these sources", exact=True).first.check()
        panel.get_by_role("button", name="Reveal").click()
        panel.get_by_role("button", name="Predict again").wait_for(timeout=15_000)
        page.wait_for_function("el => !el.disabled", arg=panel.get_by_role("button", name="Predict again")
                               .element_handle(), timeout=15_000)
        done.append("first claim revealed")
    if done:
        settle(page, quiet_ms=500)
    return ", ".join(done) or None


# --------------------------------------------------------------------------- front ends
@dataclass
class FrontEnd:
    """How one front end opens a notebook and where the course's output is on its page."""

    name: str
    include: list[str] | None = field(default_factory=lambda: list(COURSE_OUTPUT))
    exclude: list[str] = field(default_factory=list)
    scope: str = "body"  # where quiz buttons are looked for

    def open(self, page: Page, server, notebook: Path) -> None:  # pragma: no cover - interface
        raise NotImplementedError


class LabFrontEnd(FrontEnd):
    def __init__(self) -> None:
        super().__init__("lab", scope=".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook")

    def open(self, page: Page, server, notebook: Path) -> None:
        lab_open(page, server, str(notebook.relative_to(ROOT)))
        lab_run_all(page)


class VoilaFrontEnd(FrontEnd):
    """Classroom mode: the whole page is the course's template, so the whole page is scanned."""

    def __init__(self) -> None:
        super().__init__("voila", include=None)

    def open(self, page: Page, server, notebook: Path) -> None:
        path, _ = prepare_notebook(notebook, server.extra["notebooks"])
        voila_open(page, server, path.name)


class LiteFrontEnd(FrontEnd):
    """JupyterLite (a built ``_lite/`` site served from 127.0.0.1): Lab's page, run in the browser's Python."""

    def __init__(self) -> None:
        super().__init__("lite", scope=".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook")

    def open(self, page: Page, server, notebook: Path) -> None:
        page.goto(server.url(f"/lab/index.html?path={quote(notebook.name)}"))
        page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=120_000)
        lab_run_all(page, timeout=300_000)
