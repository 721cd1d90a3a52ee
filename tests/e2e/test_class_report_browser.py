"""The class report in Chromium: offline, every plot drawn, hostile hand-ins inert.

The report for a synthetic class of 30 plus hostile hand-ins is served from 127.0.0.1; the page must draw
every figure with the embedded plotly.js, fetch nothing, run no script from a hand-in, and list the
skipped files by name. COURSE_E2E_SCREENSHOTS=1 keeps a full-page screenshot in tests/artifacts/.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import e2e_servers as servers

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hostile_handins import XSS, write_hostile_class  # noqa: E402


def test_report_draws_offline_and_keeps_hostile_text_inert(page, net, offline, shot, tmp_path):
    from course_lib.report import build_report
    from course_lib.synthetic_class import write_synthetic_class

    inbox = tmp_path / "inbox"
    write_synthetic_class(inbox, 30)
    hostile = write_hostile_class(inbox)
    out = tmp_path / "report"
    result = build_report([inbox], out)
    srv, httpd = servers.serve_dir(out)
    try:
        page.goto(srv.url("/index.html"))
        page.wait_for_function("document.querySelectorAll('.rtc-plot[data-drawn]').length === "
                               "document.querySelectorAll('.rtc-plot').length", timeout=30_000)
        n_plots = page.locator(".rtc-plot").count()
        assert n_plots >= 2
        assert page.locator(".rtc-plot .main-svg").count() >= n_plots  # plotly really drew them
        assert page.evaluate("window.__pwned === undefined"), "a script from a hand-in ran"
        # the hostile learner with a valid file is shown as text, escaped
        assert "<script>window.__pwned=1</script>" in page.locator("#scores").inner_text()
        assert page.locator("main script:not([type='application/json'])").count() == 0
        assert page.locator("img[src='x']").count() == 0
        skipped = page.locator("#skipped").inner_text()
        for name in hostile["skipped"]:
            assert name in skipped, name
        # every plot is described by its text twin
        for i in range(n_plots):
            twin_id = page.locator(".rtc-plot").nth(i).get_attribute("aria-describedby")
            assert (page.locator(f"#{twin_id}").text_content() or "").strip()
        shot(page, "class-report")
        if __import__("os").environ.get("COURSE_E2E_SCREENSHOTS") == "1":
            page.screenshot(path=str(Path(__file__).resolve().parents[1] / "artifacts" / "class-report-full.png"),
                            full_page=True)
        assert net.unexpected_errors() == [], net.page_errors
        offline()
    finally:
        httpd.shutdown()
    assert result["learners"] == 30 + len(hostile["kept"])
    json.dumps(result["problems"])


def test_teachers_notebook_runs_the_report_in_lab(page, lab_server, net, offline):
    from e2e_helpers import lab_open, lab_run_all, lab_unrun_cells, page_problems

    nb = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook"
    lab_open(page, lab_server, "notebooks/teacher/teacher-class-report.ipynb")
    lab_run_all(page)
    assert lab_unrun_cells(page) == []
    assert page_problems(page, nb) == []
    text = page.locator(nb).inner_text()
    assert "Read 12 hand-ins; skipped 1 file." in text and "handin-broken.json" in text
    assert "Questions, most-missed first" in text  # the text report
    assert net.unexpected_errors() == [], net.page_errors
    offline()
