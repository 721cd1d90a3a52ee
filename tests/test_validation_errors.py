"""The validator catches each kind of corruption and names the file, the record and the field.

Each case copies the real data/ to a temporary folder, breaks one thing, and checks that
``course_lib.load(copy, cache=False)`` raises a DataError listing an error with exactly that file,
record and field. The untouched copy must load, so every failure below is caused by its corruption.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

import course_lib
from course_lib import DataError
from course_lib.validate import check_quizzes, quiz_errors, validate_quiz


def _doc(folder: Path, rel: str) -> Any:
    return json.loads((folder / rel).read_text(encoding="utf-8"))


def _save(folder: Path, rel: str, doc: Any) -> None:
    (folder / rel).write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")


def _first_with(records: list[dict], key: str) -> int:
    return next(i for i, r in enumerate(records) if r.get(key))


# Each corruption: (folder) -> (file, record, field, words the message must contain).
def missing_field(d: Path):
    recs = _doc(d, "statements.json")
    del recs[0]["quote"]
    _save(d, "statements.json", recs)
    return "statements.json", recs[0]["id"], "quote", "missing"


def wrong_type(d: Path):
    recs = _doc(d, "figures.json")
    recs[0]["value"] = str(recs[0]["value"])
    _save(d, "figures.json", recs)
    return "figures.json", recs[0]["id"], "value", "number"


def unknown_field(d: Path):
    recs = _doc(d, "claims.json")
    recs[0]["verdikt"] = "True"
    _save(d, "claims.json", recs)
    return "claims.json", recs[0]["id"], "verdikt", "unknown field"


def bad_enum(d: Path):
    recs = _doc(d, "statements.json")
    recs[0]["kind"] = "rumour"
    _save(d, "statements.json", recs)
    return "statements.json", recs[0]["id"], "kind", "rumour"


def unknown_actor(d: Path):
    recs = _doc(d, "statements.json")
    real = recs[0]["actor"]
    recs[0]["actor"] = real[:-1] + "q"
    _save(d, "statements.json", recs)
    return "statements.json", recs[0]["id"], "actor", f"did you mean {real!r}"


def unknown_claimant(d: Path):
    recs = _doc(d, "figures.json")
    recs[-1]["claimed_by"] = "nobody-at-all"
    _save(d, "figures.json", recs)
    return "figures.json", recs[-1]["id"], "claimed_by", "unknown actor"


def unknown_topic(d: Path):
    recs = _doc(d, "statements.json")
    recs[1]["topics"].append("sanction")
    _save(d, "statements.json", recs)
    return "statements.json", recs[1]["id"], f"topics.{len(recs[1]['topics']) - 1}", "did you mean 'sanctions'"


def unknown_claim_statement(d: Path):
    recs = _doc(d, "claims.json")
    recs[0]["statements"].append("no-such-statement")
    _save(d, "claims.json", recs)
    return "claims.json", recs[0]["id"], f"statements.{len(recs[0]['statements']) - 1}", "unknown statement"


def unknown_event_place(d: Path):
    recs = _doc(d, "events.json")
    recs[0]["places"] = ["atlantis"]
    _save(d, "events.json", recs)
    return "events.json", recs[0]["id"], "places.0", "unknown place"


def unknown_see_also(d: Path):
    recs = _doc(d, "glossary.json")
    recs[0]["see_also"] = ["no-such-term"]
    _save(d, "glossary.json", recs)
    return "glossary.json", recs[0]["id"], "see_also.0", "unknown glossary entry"


def quote_not_in_article(d: Path):
    recs = _doc(d, "statements.json")
    recs[0]["quote"] += " and a few invented words"
    _save(d, "statements.json", recs)
    return "statements.json", recs[0]["id"], "quote", "not found verbatim"


def source_quote_not_in_article(d: Path):
    recs = _doc(d, "events.json")
    recs[0]["sources"][0]["quote"] = "words no article contains"
    _save(d, "events.json", recs)
    return "events.json", recs[0]["id"], "sources.0.quote", "not found verbatim"


def mention_not_in_article(d: Path):
    recs = _doc(d, "places.json")
    recs[0]["mentions"][0]["quote"] += "zz"
    _save(d, "places.json", recs)
    return "places.json", recs[0]["id"], "mentions.0.quote", "not found verbatim"


def erratum_not_in_article(d: Path):
    recs = _doc(d, "errata.json")
    recs[0]["text"] = "a mistake nobody made"
    _save(d, "errata.json", recs)
    return "errata.json", recs[0]["id"], "text", "not found verbatim"


def impossible_date(d: Path):
    recs = _doc(d, "events.json")
    recs[0]["date"] = "2022-02-30"
    recs[0].pop("date_end", None)
    _save(d, "events.json", recs)
    return "events.json", recs[0]["id"], "date", "not a real calendar date"


def impossible_month(d: Path):
    recs = _doc(d, "statements.json")
    recs[0]["date"] = "2021-13"
    _save(d, "statements.json", recs)
    return "statements.json", recs[0]["id"], "date", "not a real calendar date"


def badly_formatted_date(d: Path):
    recs = _doc(d, "figures.json")
    recs[0]["date"] = "14/12/2021"
    _save(d, "figures.json", recs)
    return "figures.json", recs[0]["id"], "date", "pattern"


def end_before_start(d: Path):
    recs = _doc(d, "events.json")
    recs[0]["date"], recs[0]["date_end"] = "2022-02-20", "2022-02-10"
    _save(d, "events.json", recs)
    return "events.json", recs[0]["id"], "date_end", "before it starts"


def duplicate_id(d: Path):
    recs = _doc(d, "statements.json")
    recs[1]["id"] = recs[0]["id"]
    # keep references to the renamed record resolvable, so only the duplicate is reported
    _save(d, "statements.json", recs)
    return "statements.json", recs[0]["id"], "id", "duplicate id"


def record_without_id(d: Path):
    recs = _doc(d, "actors.json")
    recs.append({"name": "Nobody", "kind": "person", "role": "none", "affiliation": "none", "side": "west"})
    _save(d, "actors.json", recs)
    return "actors.json", f"#{len(recs) - 1}", "id", "missing"


def not_json(d: Path):
    (d / "places.json").write_text('[{"id": "kyiv", ', encoding="utf-8")
    return "places.json", None, None, "not valid JSON"


def not_an_array(d: Path):
    _save(d, "glossary.json", {"entries": []})
    return "glossary.json", None, None, "JSON array"


def missing_file(d: Path):
    (d / "errata.json").unlink()
    return "errata.json", None, None, "missing"


def article_text_edited(d: Path):
    path = d / "articles" / "newsweek.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("Tuesday", "Monday", 1), encoding="utf-8")
    return "articles/articles.json", "newsweek", "text_file", "clean_text"


def article_text_missing(d: Path):
    (d / "articles" / "euronews.txt").unlink()
    return "articles/articles.json", "euronews", "text_file", "missing"


def article_text_not_utf8(d: Path):
    (d / "articles" / "polygraph.txt").write_bytes("Moscow\u2019s".encode("cp1252"))
    return "articles/articles.json", "polygraph", "text_file", "UTF-8"


def raw_file_missing(d: Path):
    arts = _doc(d, "articles/articles.json")
    (d / "articles" / arts[2]["raw_file"]).unlink()
    return "articles/articles.json", arts[2]["id"], "raw_file", "missing"


def chrome_line_not_in_raw(d: Path):
    arts = _doc(d, "articles/articles.json")
    arts[0]["chrome_lines"].append("Subscribe now!")
    _save(d, "articles/articles.json", arts)
    return "articles/articles.json", arts[0]["id"], "chrome_lines", "not found"


CORRUPTIONS = [missing_field, wrong_type, unknown_field, bad_enum, unknown_actor, unknown_claimant,
               unknown_topic, unknown_claim_statement, unknown_event_place, unknown_see_also,
               quote_not_in_article, source_quote_not_in_article, mention_not_in_article,
               erratum_not_in_article, impossible_date, impossible_month, badly_formatted_date,
               end_before_start, duplicate_id, record_without_id, not_json, not_an_array, missing_file,
               article_text_edited, article_text_missing, article_text_not_utf8, raw_file_missing, chrome_line_not_in_raw]


def test_the_untouched_copy_loads(data_copy: Path):
    data = course_lib.load(data_copy, cache=False)
    assert len(data.statements) > 0


@pytest.mark.parametrize("corrupt", CORRUPTIONS, ids=lambda f: f.__name__)
def test_corruption_names_file_record_and_field(corrupt, data_copy: Path):
    file, record, field, words = corrupt(data_copy)
    with pytest.raises(DataError) as info:
        course_lib.load(data_copy, cache=False)
    found = [(e.file, e.record, e.field) for e in info.value.errors]
    assert (file, record, field) in found, f"expected {(file, record, field)} in {found}"
    err = next(e for e in info.value.errors if (e.file, e.record, e.field) == (file, record, field))
    assert words.lower() in err.message.lower()
    # the one-line form names all three too
    line = str(err)
    assert line.startswith(file) and (record is None or repr(record) in line) and (field is None or repr(field) in line)


def test_every_problem_is_listed_in_one_error(data_copy: Path):
    expected = [c(data_copy) for c in (unknown_actor, impossible_date, mention_not_in_article, wrong_type)]
    with pytest.raises(DataError) as info:
        course_lib.load(data_copy, cache=False)
    found = {(e.file, e.record, e.field) for e in info.value.errors}
    assert {x[:3] for x in expected} <= found
    assert str(info.value).startswith(f"{len(info.value.errors)} data errors:")


def test_a_broken_file_does_not_bury_the_others(data_copy: Path):
    """An unreadable actors.json is reported once, not as one 'unknown actor' per statement."""
    (data_copy / "actors.json").write_text("not json", encoding="utf-8")
    with pytest.raises(DataError) as info:
        course_lib.load(data_copy, cache=False)
    assert [(e.file, e.record, e.field) for e in info.value.errors] == [("actors.json", None, None)]


# ------------------------------------------------------------------------------------------------ quizzes

@pytest.fixture
def quiz(course_data) -> dict:
    """A valid quiz with one question of each type, quoting the real data."""
    st = course_data.statements.records()[0]
    src = [{"article": st["article"], "quote": st["quote"]}]
    common = {"prompt": "Prompt?", "hint": "A hint.", "explanation": "Why.", "sources": src}
    opts = [{"id": "a", "text": "A", "correct": True, "feedback": "Yes."},
            {"id": "b", "text": "B", "correct": False, "feedback": "No."}]
    events = list(course_data.events)[:2]
    return {"id": "test-quiz", "title": "Test quiz", "seed": 7, "questions": [
        {"id": "q-single", "type": "single", "options": copy.deepcopy(opts), **common},
        {"id": "q-multiple", "type": "multiple", "options": copy.deepcopy(opts), **common},
        {"id": "q-numeric", "type": "numeric", "answer": 70000, "tolerance": 5000, **common},
        {"id": "q-ordering", "type": "ordering", **common,
         "items": [{"id": f"i{n}", "text": f"Item {n}", "event": e} for n, e in enumerate(events)]},
        {"id": "q-matching", "type": "matching", "choices": ["Left", "Right"], **common,
         "pairs": [{"left": "a", "right": "Left", "statement": st["id"]}, {"left": "b", "right": "Right"}]},
    ]}


def _q(doc: dict, qid: str) -> dict:
    return next(q for q in doc["questions"] if q["id"] == qid)


QUIZ_CORRUPTIONS = {
    "single-two-correct": (lambda d: _q(d, "q-single")["options"][1].update(correct=True), "q-single", "options"),
    "single-no-options": (lambda d: _q(d, "q-single").pop("options"), "q-single", "options"),
    "multiple-none-correct": (lambda d: _q(d, "q-multiple")["options"][0].update(correct=False), "q-multiple", "options"),
    "numeric-no-tolerance": (lambda d: _q(d, "q-numeric").pop("tolerance"), "q-numeric", "tolerance"),
    "numeric-no-answer": (lambda d: _q(d, "q-numeric").pop("answer"), "q-numeric", "answer"),
    "ordering-no-items": (lambda d: _q(d, "q-ordering").pop("items"), "q-ordering", "items"),
    "ordering-unknown-event": (lambda d: _q(d, "q-ordering")["items"][0].update(event="no-such-event"), "q-ordering", "items.0.event"),
    "matching-right-not-a-choice": (lambda d: _q(d, "q-matching")["pairs"][1].update(right="Rihgt"), "q-matching", "pairs.1.right"),
    "matching-no-choices": (lambda d: _q(d, "q-matching").pop("choices"), "q-matching", "choices"),
    "duplicate-question-id": (lambda d: _q(d, "q-numeric").update(id="q-single"), "q-single", "id"),
    "source-not-verbatim": (lambda d: _q(d, "q-numeric")["sources"][0].update(quote="invented words here"), "q-numeric", "sources.0.quote"),
    "schema-nested-missing": (lambda d: _q(d, "q-single")["options"][0].pop("feedback"), "q-single", "options.0.feedback"),
    "schema-wrong-type": (lambda d: _q(d, "q-numeric").update(answer="seventy"), "q-numeric", "answer"),
    "schema-top-level": (lambda d: d.pop("seed"), "test-quiz", "seed"),
}


def test_the_test_quiz_is_valid(quiz, course_data):
    assert quiz_errors(quiz, "quizzes/test.json", course_data) == []


@pytest.mark.parametrize("name", QUIZ_CORRUPTIONS)
def test_quiz_corruption_names_file_question_and_field(name, quiz, course_data):
    change, record, field = QUIZ_CORRUPTIONS[name]
    change(quiz)
    with pytest.raises(DataError) as info:
        validate_quiz(quiz, "quizzes/test.json", course_data)
    found = [(e.file, e.record, e.field) for e in info.value.errors]
    assert ("quizzes/test.json", record, field) in found


def test_a_broken_quiz_file_is_reported(data_copy: Path, quiz, course_data):
    """The same check on disk: a quiz file with a 'single' question with two correct answers."""
    _q(quiz, "q-single")["options"][1]["correct"] = True
    (data_copy / "quizzes" / "zz-broken.json").write_text(json.dumps(quiz), encoding="utf-8")
    (data_copy / "quizzes" / "zz-not-json.json").write_text("{", encoding="utf-8")
    errors, n_quiz, _ = check_quizzes(course_lib.load(data_copy, cache=False), data_copy)
    found = {(e.file, e.record, e.field) for e in errors}
    assert ("quizzes/zz-broken.json", "q-single", "options") in found
    assert ("quizzes/zz-not-json.json", None, None) in found


# ------------------------------------------------------------------------------------- compiled schemas

def test_compiled_validators_are_cached_and_a_bad_cache_is_ignored(tmp_path: Path, monkeypatch):
    import marshal

    from course_lib import validate as v

    monkeypatch.setattr(v, "_cache_dir", lambda: tmp_path)
    monkeypatch.setattr(v.sys, "dont_write_bytecode", False)
    monkeypatch.setattr(v, "_VALIDATORS", {})
    bad = {"id": "x", "label": "L"}  # no description
    assert v._schema_error("topics", bad) == ("description", "required field is missing")
    [cached] = tmp_path.glob("schema-topics.*")
    accept_all = compile("def validate(data, custom_formats={}, name_prefix=None):\n    return data", "t", "exec")

    cached.write_bytes(b"not marshal data")  # corrupt: compiled again, still catches the error
    v._VALIDATORS.clear()
    assert v._schema_error("topics", bad) is not None

    cached.write_bytes(marshal.dumps(("another schema", accept_all)))  # stale: not used
    v._VALIDATORS.clear()
    assert v._schema_error("topics", bad) is not None

    cached.write_bytes(marshal.dumps((v._cache_key(v.schema("topics")), accept_all)))  # current: used
    v._VALIDATORS.clear()
    assert v._schema_error("topics", bad) is None
    v._VALIDATORS.clear()


def test_docstring_examples_run():
    import doctest

    import course_lib.validate

    result = doctest.testmod(course_lib.validate, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
