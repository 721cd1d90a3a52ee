"""The three front ends a course notebook is tested in: JupyterLab, classroom mode (Voila) and JupyterLite.

A :class:`FrontEnd` says how to open and run a notebook, where the course's own output is on its page
(what axe-core scans, where quiz buttons are looked for), and what "ran clean" means there. A new front
end is one more small class and one more entry in :data:`FRONT_ENDS`.

What axe scans, and what not:

* JupyterLab and JupyterLite: every rendered markdown cell and every cell output of the open notebook
  (``.jp-MarkdownOutput``, ``.jp-OutputArea-output``). Not scanned: JupyterLab's own chrome (menu bar,
  side bars, toolbars, tab bar, status bar, cell prompts and toolbars, the code editors), which has known
  critical and serious findings of its own (toolbar ``aria-pressed``, the cell list's ``role=feed``,
  CodeMirror editors) that the course cannot fix.
* Classroom mode: the whole page (the course's Voila template builds all of it), so page-level rules
  (landmarks, skip link, one ``main``) run there too.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from e2e_helpers import (ROOT, lab_open, lab_run_all, lab_unrun_cells, lite_open, page_problems, plot_problems,
                         prepare_notebook, voila_open)

if TYPE_CHECKING:
    from playwright.sync_api import Page

#: the course's own output inside a notebook page, in every Jupyter front end
COURSE_OUTPUT = [".jp-MarkdownOutput", ".jp-OutputArea-output"]
#: JupyterLab's chrome: what is left out of the scan (for the record; the include list already omits it)
LAB_CHROME = ["#jp-top-panel", "#jp-left-stack", "#jp-right-stack", ".jp-Toolbar", ".lm-TabBar",
              "#jp-main-statusbar", ".jp-InputPrompt", ".jp-OutputPrompt", ".jp-CellHeader",
              ".jp-cell-toolbar", ".jp-InputArea-editor"]
#: the open notebook in JupyterLab and JupyterLite
LAB_NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook"
#: jupyterlab-plotly 7.1 (built for JupyterLab 4.6) caches a PNG of each figure it draws by calling
#: model.setData(); the output models of Voila 0.5.13 (JupyterLab 4.2 core) have no setData, so every
#: visible figure logs this TypeError *after* it is drawn. The figure itself is complete and interactive.
VOILA_KNOWN = (r"\bsetData is not a function",)


def stored_outputs(notebook: Path) -> tuple[int, int]:
    """(widget outputs, plotly figure outputs) in a notebook's stored outputs."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    widgets = figures = 0
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            widgets += "application/vnd.jupyter.widget-view+json" in data
            figures += "application/vnd.plotly.v1+json" in data
    return widgets, figures


def rendered_widget_outputs(page: Page, scope: str = LAB_NOTEBOOK) -> int:
    """Outputs that show a rendered widget view (not a placeholder or an error)."""
    return page.evaluate(
        """(scope) => [...document.querySelectorAll(scope + ' .jp-OutputArea-output')]
            .filter(o => o.querySelector('.jupyter-widgets, .widget-box')
                         && !/Error displaying widget|Loading widget/.test(o.innerText))
            .length""", scope)


@dataclass
class FrontEnd:
    """How one front end opens a notebook, where the course's output is, and what "ran clean" means."""

    name: str
    #: the session fixture that starts this front end's server (see conftest.py)
    server_fixture: ClassVar[str] = ""
    include: list[str] | None = field(default_factory=lambda: list(COURSE_OUTPUT))
    exclude: list[str] = field(default_factory=list)
    scope: str = "body"  # where quiz buttons are looked for

    def open(self, page: Page, server, notebook: Path, net=None) -> None:  # pragma: no cover - interface
        """Open ``notebook`` (a course notebook) and run every cell; return when the outputs have settled."""
        raise NotImplementedError

    def problems(self, page: Page, net, notebook: Path) -> list[str]:  # pragma: no cover - interface
        """What is wrong with the opened, run notebook: error output, broken widgets or figures, page errors."""
        raise NotImplementedError


class LabFrontEnd(FrontEnd):
    """JupyterLab (the `make lab` server): Run All from the menu."""

    server_fixture = "lab_server"

    def __init__(self) -> None:
        super().__init__("lab", scope=LAB_NOTEBOOK)

    def open(self, page: Page, server, notebook: Path, net=None) -> None:
        lab_open(page, server, str(notebook.relative_to(ROOT)))
        lab_run_all(page)

    def problems(self, page: Page, net, notebook: Path) -> list[str]:
        out = [f"code cell {n} did not run" for n in lab_unrun_cells(page)]
        out += page_problems(page, self.scope) + plot_problems(page, self.scope)
        return out + [f"page error: {e}" for e in net.page_errors]


class VoilaFrontEnd(FrontEnd):
    """Classroom mode (`make present`): the whole page is the course's template, so the whole page is scanned."""

    server_fixture = "voila_server"

    def __init__(self) -> None:
        super().__init__("voila", include=None)

    def open(self, page: Page, server, notebook: Path, net=None) -> None:
        path, _ = prepare_notebook(notebook, server.extra["notebooks"])
        voila_open(page, server, path.name, net=net)

    def problems(self, page: Page, net, notebook: Path) -> list[str]:
        out = page_problems(page) + plot_problems(page)
        code = page.locator(".jp-CodeCell .jp-InputArea:visible").count()
        if code:
            out.append(f"{code} code inputs are visible in classroom mode")
        return out + [f"page error: {e}" for e in net.unexpected_errors(VOILA_KNOWN)]


class LiteFrontEnd(FrontEnd):
    """JupyterLite (the built ``_lite/`` site served from 127.0.0.1): Lab's page, Python run in the browser.

    Its tests need service workers (the kernel reaches the browser-storage files through one)."""

    server_fixture = "lite_server"

    def __init__(self) -> None:
        super().__init__("lite", scope=LAB_NOTEBOOK)

    def open(self, page: Page, server, notebook: Path, net=None) -> None:
        lite_open(page, server, notebook.name)
        lab_run_all(page)

    def problems(self, page: Page, net, notebook: Path) -> list[str]:
        widgets, figures = stored_outputs(notebook)
        out = [f"code cell {n} did not run" for n in lab_unrun_cells(page)]
        out += page_problems(page, self.scope) + plot_problems(page, self.scope, expect_at_least=figures)
        shown = rendered_widget_outputs(page, self.scope)
        if shown < widgets:
            out.append(f"{shown} widget outputs rendered, {widgets} expected")
        if "environment_check()" in notebook.read_text(encoding="utf-8"):
            # the check tells the truth in the browser: answers go to browser storage, where a reload keeps them
            report = page.locator(self.scope).locator(".rtc-envcheck").first.inner_text()
            if "everything the course needs is here" not in report:
                out.append(f"environment check: {report[:300]!r}")
            if "saved in this browser's storage" not in report or "reading-the-crisis/progress.json" not in report:
                out.append(f"environment check does not say where answers are saved: {report[:300]!r}")
        return out + [f"page error: {e}" for e in net.page_errors]


FRONT_ENDS: dict[str, FrontEnd] = {fe.name: fe for fe in (LabFrontEnd(), VoilaFrontEnd(), LiteFrontEnd())}
