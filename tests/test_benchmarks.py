"""The benchmark script's reporting: the table it prints and the README section it rewrites.

(The measurements themselves are not run here: the suite never asserts on timings.)
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def run():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


ROWS = [{"name": "a. import", "value_s": 0.05, "floor_s": 0.1, "ratio": 0.5, "goal": 1.0, "ok": True},
        {"name": "c. size", "value_bytes": 350, "floor_bytes": 100, "ratio": 3.5, "goal": 3.0, "ok": False}]
META = {"python": "3.11.2", "machine": "x86_64", "cpus": 2, "date": "2026-11-21", "repetitions": 21,
        "repetitions_slow": 2, "skipped_browser": False}


def test_table_has_a_row_per_result_with_its_verdict(run):
    lines = run.table(ROWS).splitlines()
    assert lines[0].split()[:5] == ["benchmark", "value", "floor", "ratio", "goal"]
    assert lines[1].endswith("yes") and "0.50" in lines[1] and "0.050s" in lines[1]
    assert lines[2].endswith("NO") and "350B" in lines[2] and "3.50" in lines[2]


def test_update_readme_replaces_only_the_marked_section(run, tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"# T\n\nbefore\n{run.START}\nold table\n{run.END}\nafter\n", encoding="utf-8")
    run.update_readme(readme, ROWS, META)
    text = readme.read_text(encoding="utf-8")
    assert "old table" not in text and text.startswith("# T\n\nbefore\n") and text.endswith(f"{run.END}\nafter\n")
    assert run.table(ROWS) in text and "2026-11-21" in text and "2 CPUs" in text
    run.update_readme(readme, ROWS[:1], META)  # again: still one section, now with one row
    text = readme.read_text(encoding="utf-8")
    assert text.count(run.START) == 1 and "c. size" not in text


def test_update_readme_refuses_a_readme_without_markers(run, tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# no markers\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="bench-table"):
        run.update_readme(readme, ROWS, META)
    assert readme.read_text(encoding="utf-8") == "# no markers\n"


def test_the_project_readme_has_the_markers(run):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert text.count(run.START) == 1 and text.count(run.END) == 1


def test_a_lite_only_run_says_so_in_the_readme(run, tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"{run.START}\n{run.END}\n", encoding="utf-8")
    meta = {**META, "lite_only_run": {"date": "2026-12-01", "repetitions": 2}}
    run.update_readme(readme, ROWS, meta)
    assert "e (JupyterLite) measured on 2026-12-01 by `benchmarks/run.py --only-lite`" in readme.read_text()
