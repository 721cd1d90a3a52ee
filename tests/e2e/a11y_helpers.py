"""Accessibility checks for the browser tests: axe-core on the course's own outputs, one front end at a time.

What is scanned in each front end is in ``front_ends.py``.

axe checks contrast and target size only for elements on screen, so before each scan the viewport is
made as tall as the page (:func:`make_tall`).
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from axe_core import AXE_JS, AXE_VERSION
from e2e_helpers import ROOT, exercise_quiz, settle

if TYPE_CHECKING:
    from playwright.sync_api import Page

#: the rule sets the course is held to (WCAG 2.0/2.1/2.2 A and AA, and axe's best practices)
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
#: impacts that fail a test; "moderate" and "minor" ones are reported in the JSON artefacts
FAILING = ("critical", "serious")
IMPACTS = ("critical", "serious", "moderate", "minor")
ARTIFACTS = ROOT / "tests" / "artifacts" / "axe"

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
def quiz_name(notebook: Path) -> str | None:
    """The quiz a notebook shows (its first ``course_lib.quiz("...")`` call), or None."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        m = re.search(r"course_lib\.quiz\(\s*[\"']([^\"']+)[\"']", "".join(cell.get("source", [])))
        if cell["cell_type"] == "code" and m:
            return m.group(1)
    return None


def answer_and_reveal(page: Page, notebook: Path, scope: str) -> tuple[list[str], list[str]]:
    """Do what a learner does first: answer the notebook's quiz (:func:`exercise_quiz`: a wrong answer, its
    hint, then the right one and the score) and, where there is a predict-then-reveal widget, rate the
    first claim and press "Reveal". Returns (what was done, problems seen)."""
    done: list[str] = []
    problems: list[str] = []
    root = page.locator(scope)
    name = quiz_name(notebook)
    if name and root.get_by_role("button", name="Check answer").count():
        problems += exercise_quiz(page, name, scope)
        done.append(f"quiz {name} answered")
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
    return done, problems
