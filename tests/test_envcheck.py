"""course_lib.envcheck: the environment check of notebook 00 says plainly what is missing and what to do."""
from __future__ import annotations

import json
import os
import re
import sys
import tomllib
from pathlib import Path

import pytest

import course_lib
from course_lib import envcheck
from course_lib.envcheck import Check, EnvironmentReport, environment_check

REPO = Path(__file__).resolve().parents[1]


def test_all_checks_pass_here_and_the_report_says_so(tmp_path):
    report = environment_check(progress=tmp_path / "p.json")
    assert report.ok, repr(report)
    names = [c.name for c in report.checks]
    assert names == ["Python", "ipywidgets", "plotly", "fastjsonschema", "Course data", "Progress file"]
    text = repr(report)
    assert text.splitlines()[0] == "Environment check: everything the course needs is here (6 of 6 checks passed)."
    assert "PROBLEM" not in text and "What to do" not in text
    assert "&#10004; OK" in report._repr_html_()


def test_exported_lazily_from_the_package():
    assert course_lib.environment_check is environment_check
    assert "environment_check" in dir(course_lib)


def test_output_is_the_same_on_any_machine(tmp_path, monkeypatch):
    """No versions found, paths or user names in a passing report (notebook 00's stored output)."""
    monkeypatch.setenv("COURSE_PROGRESS_FILE", str(tmp_path / "sub" / "p.json"))
    a = environment_check()
    monkeypatch.delenv("COURSE_PROGRESS_FILE")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    b = environment_check()
    assert repr(a) == repr(b) and a._repr_html_() == b._repr_html_()
    found = ".".join(map(str, sys.version_info[:3]))
    import plotly

    for out in (repr(a), a._repr_html_()):
        assert found not in out and plotly.__version__ not in out
        assert str(tmp_path) not in out


def test_floors_match_pyproject():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    floors = dict(re.match(r"([A-Za-z0-9_.-]+)>=([0-9.]+)", d).groups() for d in project["dependencies"])
    assert {k: v[0] for k, v in envcheck.PACKAGES.items()} == floors
    assert project["requires-python"] == ">=" + ".".join(map(str, envcheck.PYTHON_FLOOR))


def test_old_python_is_reported_with_its_version_and_a_fix():
    c = envcheck.check_python((3, 9, 7))
    assert not c.ok and "3.9.7" in c.message and "3.11" in c.message and c.fix
    assert envcheck.check_python((3, 11, 0)).ok and envcheck.check_python((4, 0, 0)).ok


def test_missing_and_old_packages_are_named_with_what_breaks():
    missing = envcheck.check_package("no_such_package_for_rtc", "1.0", "the quizzes")
    assert not missing.ok and "missing" in missing.message and "the quizzes" in missing.message
    assert "make install" in missing.fix
    old = envcheck.check_package("plotly", "999.0")
    assert not old.ok and "too old" in old.message and "999.0" in old.message
    assert "the timeline" in old.message  # the purpose comes from PACKAGES


def test_broken_data_is_reported_not_raised(data_copy):
    (data_copy / "actors.json").write_text("[{not json", encoding="utf-8")
    c = envcheck.check_data(data_copy)
    assert not c.ok and c.message.startswith("The course data did not load") and "make validate" in c.fix


def test_data_check_counts_articles(data_copy):
    c = envcheck.check_data(data_copy)
    assert c.ok and "5 articles" in c.message


def test_unwritable_progress_location_is_reported(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    c = envcheck.check_progress(blocker / "progress.json")  # its "folder" is a file
    assert not c.ok and "cannot be saved" in c.message and "COURSE_PROGRESS_FILE" in c.fix
    a_dir = tmp_path / "is-a-dir"
    a_dir.mkdir()
    assert not envcheck.check_progress(a_dir).ok  # the progress "file" is a folder


def test_progress_check_writes_nothing(tmp_path):
    target = tmp_path / "deep" / "er" / "progress.json"
    assert envcheck.check_progress(target).ok
    assert not (tmp_path / "deep").exists()
    target.parent.mkdir(parents=True)
    target.write_text(json.dumps({"version": 1, "quizzes": {}, "claims": {}}), encoding="utf-8")
    before = target.read_bytes()
    assert envcheck.check_progress(target).ok and target.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root can write anywhere")
def test_read_only_folder_is_reported(tmp_path):  # pragma: no cover - CI runs as root here
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        assert not envcheck.check_progress(ro / "p.json").ok
    finally:
        ro.chmod(0o700)


def test_report_with_problems_lists_each_fix_and_escapes_messages():
    report = EnvironmentReport([
        Check("Python", True, "Python 3.11 or newer: yes."),
        Check("x", False, "<script>alert(1)</script> broke", "Run <code>make install</code>."),
        Check("y", False, "also broke", "Restart."),
    ])
    assert not report.ok and len(report.problems) == 2
    text = repr(report)
    assert text.splitlines()[0].startswith("Environment check: 2 problems found (1 of 3 checks passed)")
    assert "    What to do: Run make install." in text  # tags stripped in the text version
    html = report._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count("&#10008; PROBLEM") == 2 and "<code>make install</code>" in html


def test_importing_envcheck_stays_cheap():
    import subprocess

    code = ("import sys, course_lib.envcheck; "
            "print(any(m in sys.modules for m in ('ipywidgets', 'plotly')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
