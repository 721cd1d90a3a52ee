"""The pre/post test in JupyterLab: answer a pre-test report and a post-test report in the browser."""
from __future__ import annotations

import json
import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from e2e_helpers import ROOT, lab_open, lab_run_all, page_problems

NB = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook"
ITEMS = json.loads((ROOT / "data" / "assessment.json").read_text(encoding="utf-8"))["items"]


@pytest.fixture(scope="module")
def tests_notebook(e2e_tmp):
    nb = new_notebook(cells=[new_code_cell("import course_lib\ncourse_lib.pre_test()"),
                             new_code_cell("course_lib.post_test()")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = e2e_tmp / "lab-assessment" / "assessment-e2e.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def _report(page, cell: int, number: int):
    """The innermost widget box of report ``number`` in code cell ``cell`` (0-based)."""
    out = page.locator(NB).locator(".jp-CodeCell").nth(cell)
    return out.locator(".widget-vbox").filter(has_text=re.compile(rf"Report {number} of 10")).last, out


def _saved(e2e_tmp) -> dict:
    path = e2e_tmp / "lab" / "progress.json"
    return json.loads(path.read_text(encoding="utf-8"))["results"]["assessment"]


def test_answer_a_pre_test_and_a_post_test_report(page, lab_server, tests_notebook, e2e_tmp, offline, shot):
    lab_open(page, lab_server, str(tests_notebook.relative_to(ROOT)))
    lab_run_all(page)
    assert page_problems(page, NB) == []

    # pre-test, report 1: click "Accurate"; the live region says it is saved, and it is, with no feedback
    report, cell = _report(page, 0, 1)
    report.get_by_label("Accurate: this is what the source says", exact=True).check()
    cell.locator("[role=status]", has_text="1 of 10 answered").wait_for(timeout=15_000)
    first_pre = next(i for i in ITEMS if i["form"] == "pre")
    assert _saved(e2e_tmp)["pre"]["answers"][first_pre["id"]] == {"accurate": True, "confidence": 50}
    assert "What the source says" not in cell.inner_text()

    # pre-test, report 3, from the keyboard: focus the first answer, the down arrow chooses "Distorted"
    report, cell = _report(page, 0, 3)
    report.get_by_label("Accurate: this is what the source says", exact=True).focus()
    page.keyboard.press("ArrowDown")
    cell.locator("[role=status]", has_text="2 of 10 answered").wait_for(timeout=15_000)
    third_pre = [i for i in ITEMS if i["form"] == "pre"][2]
    assert _saved(e2e_tmp)["pre"]["answers"][third_pre["id"]] == {"accurate": False, "confidence": 50}

    # post-test, report 2: "Distorted", then the confidence slider moved with the keyboard (50% -> 70%)
    report, cell = _report(page, 1, 2)
    report.get_by_label("Distorted: something was changed", exact=True).check()
    cell.locator("[role=status]", has_text="1 of 10 answered").wait_for(timeout=15_000)
    report.locator(".noUi-handle").first.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    second_post = [i for i in ITEMS if i["form"] == "post"][1]
    for _ in range(50):  # the slider's change reaches the kernel, which saves it
        saved = _saved(e2e_tmp)["post"]["answers"].get(second_post["id"])
        if saved and saved["confidence"] == 70:
            break
        page.wait_for_timeout(200)
    assert saved == {"accurate": False, "confidence": 70}
    shot(page, "answered")
    assert page_problems(page, NB) == []
    offline()
