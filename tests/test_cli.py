"""``python -m course_lib export`` and ``validate``, run as real subprocesses; the subcommand extension point."""
from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest

from course_lib import __main__ as cli

REQUIRED_KEYS = ["articles", "actors", "statements", "events", "figures", "claims", "places", "glossary", "errata"]
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "course_lib", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=120, cwd=cwd)


@pytest.fixture(scope="module")
def exported() -> dict:
    proc = run("export")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_export_has_exactly_the_required_keys(exported: dict):
    assert list(exported) == REQUIRED_KEYS


def test_export_matches_the_loaded_data(exported: dict, course_data):
    assert exported == course_data.to_json()


def test_exported_articles_include_their_text(exported: dict, data_path: Path):
    assert len(exported["articles"]) == 5
    for art in exported["articles"]:
        assert art["text"] == (data_path / "articles" / art["text_file"]).read_text(encoding="utf-8")
        assert len(art["text"]) > 500


def test_exported_statements_have_quote_actor_article_as_ids(exported: dict):
    actors = {a["id"] for a in exported["actors"]}
    articles = {a["id"] for a in exported["articles"]}
    for st in exported["statements"]:
        assert isinstance(st["quote"], str) and st["quote"].strip()
        assert st["actor"] in actors and st["article"] in articles


def test_exported_figures_are_numeric_with_subject_and_quote(exported: dict):
    for fig in exported["figures"]:
        if fig["value"] is None:  # a claim with no number: exported as JSON null with the source's words
            assert fig["qualifier"] == "no number given" and fig["words"].strip()
        else:
            assert isinstance(fig["value"], (int, float)) and not isinstance(fig["value"], bool)
        assert fig["subject"].strip() and fig["quote"].strip()


def test_exported_dates_are_iso_strings(exported: dict):
    fields = {"articles": ["published"], "statements": ["date"], "events": ["date", "date_end"],
              "figures": ["date"], "claims": ["date"]}
    seen = 0
    for name, keys in fields.items():
        for rec in exported[name]:
            for key in keys:
                if key in rec:
                    value = rec[key]
                    assert isinstance(value, str) and ISO.match(value), (name, rec["id"], key, value)
                    dt.date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value)
                    seen += 1
    assert seen >= 100


def test_export_is_utf8_and_deterministic(exported: dict):
    again = run("export")
    assert json.loads(again.stdout) == exported
    assert again.stdout == run("export").stdout


def test_validate_passes_on_the_real_data(course_data):
    proc = run("validate")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("OK:")
    assert f"{len(course_data.statements)} statements" in lines[0]
    assert f"{len(course_data.articles)} articles" in lines[0]


def test_validate_lists_every_error_on_a_corrupted_copy(data_copy: Path, edit_json):
    edit_json(data_copy / "statements.json", lambda recs: recs[0].update(actor="nobody-at-all"))
    edit_json(data_copy / "events.json", lambda recs: recs[0].update(date="2022-02-30"))
    st = json.loads((data_copy / "statements.json").read_text(encoding="utf-8"))[0]["id"]
    ev = json.loads((data_copy / "events.json").read_text(encoding="utf-8"))[0]["id"]
    proc = run("validate", "--data", str(data_copy))
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert any(line.startswith(f"statements.json: record '{st}': field 'actor': unknown actor") for line in lines)
    assert any(line.startswith(f"events.json: record '{ev}': field 'date': ") for line in lines)
    assert lines[-1].startswith("FAILED: 2 error")


def test_validate_checks_quiz_files(data_copy: Path):
    (data_copy / "quizzes" / "zz-bad.json").write_text(json.dumps(
        {"id": "zz-bad", "title": "Bad", "seed": 1, "questions": [
            {"id": "q1", "type": "numeric", "prompt": "p", "hint": "h", "explanation": "e", "answer": 1,
             "sources": [{"article": "newsweek", "quote": "words that are not in the article"}]}]}), encoding="utf-8")
    proc = run("validate", "--data", str(data_copy))
    assert proc.returncode != 0
    lines = proc.stderr.splitlines()
    assert "quizzes/zz-bad.json: record 'q1': field 'tolerance': a 'numeric' question needs 'tolerance'" in lines
    assert any(line.startswith("quizzes/zz-bad.json: record 'q1': field 'sources.0.quote': not found") for line in lines)


def test_export_refuses_broken_data(data_copy: Path):
    (data_copy / "claims.json").write_text("{", encoding="utf-8")
    proc = run("export", "--data", str(data_copy))
    assert proc.returncode != 0 and proc.stdout == ""
    assert "claims.json: not valid JSON" in proc.stderr


def test_no_or_unknown_subcommand_is_a_usage_error():
    assert run().returncode == 2
    assert run("frobnicate").returncode == 2


def test_a_new_subcommand_plugs_in(monkeypatch, capsys, data_path: Path):
    """The extension point: one SUBCOMMANDS entry naming a module with HELP, add_arguments and run."""
    mod = types.ModuleType("course_lib_test_plugin")
    mod.HELP = "say hello"
    mod.add_arguments = lambda parser: parser.add_argument("--name", default="world")
    mod.run = lambda args: print(f"hello {args.name} from {args.data}") or 3
    monkeypatch.setitem(sys.modules, "course_lib_test_plugin", mod)
    monkeypatch.setitem(cli.SUBCOMMANDS, "hello", "course_lib_test_plugin")
    assert cli.main(["hello", "--name", "class", "--data", str(data_path)]) == 3
    assert capsys.readouterr().out.strip() == f"hello class from {data_path}"
    assert "say hello" in cli.build_parser().format_help()


def test_docstring_examples_run():
    import doctest

    result = doctest.testmod(cli, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
