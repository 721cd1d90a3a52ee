"""The real course data: verbatim quotes, resolving references, unique ids, real dates, and the course's
minimums (how many actors, statements, events, places, glossary entries; the fact-check and the contested
claims).

These checks read the JSON files directly and re-derive each rule here (with course_lib.text.occurs_in as
the only shared helper), so they do not merely trust the validator; ``test_the_validator_finds_nothing``
runs the validator itself.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from course_lib.data import COLLECTIONS, read_raw
from course_lib.text import occurs_in
from course_lib.validate import check_quizzes, collect_errors


@pytest.fixture(scope="module")
def raw(data_path: Path) -> dict[str, list[dict]]:
    return read_raw(data_path)


@pytest.fixture(scope="module")
def texts(raw) -> dict[str, str]:
    return {a["id"]: a["text"] for a in raw["articles"]}


def _ids(raw, name: str) -> set[str]:
    return {r["id"] for r in raw[name]}


def test_the_validator_finds_nothing(raw, data_path: Path):
    assert [str(e) for e in collect_errors(raw, data_path)] == []


def test_the_quizzes_are_valid(course_data):
    errors, _, _ = check_quizzes(course_data)
    assert [str(e) for e in errors] == []


@pytest.mark.parametrize("name", list(COLLECTIONS))
def test_ids_are_unique(name: str, raw):
    ids = [r["id"] for r in raw[name]]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def _quoted(raw) -> list[tuple[str, str, str, str]]:
    """(where, field, article, text) for every text that must occur verbatim in an article."""
    out = []
    for name, field in (("statements", "quote"), ("figures", "quote"), ("claims", "appearance"), ("errata", "text")):
        out += [(f"{name}/{r['id']}", field, r["article"], r[field]) for r in raw[name]]
    for name, field in (("events", "sources"), ("places", "mentions"), ("claims", "evidence")):
        out += [(f"{name}/{r['id']}", f"{field}.{i}", s["article"], s["quote"])
                for r in raw[name] for i, s in enumerate(r[field])]
    return out


def test_every_quote_is_verbatim_in_its_article(raw, texts):
    quoted = _quoted(raw)
    assert len(quoted) >= 200
    missing = [(where, field, article, text[:80]) for where, field, article, text in quoted
               if not occurs_in(text, texts[article])]
    assert missing == []


def test_every_quiz_source_is_verbatim(data_path: Path, texts):
    missing = []
    for path in sorted((data_path / "quizzes").glob("*.json")):
        for q in json.loads(path.read_text(encoding="utf-8"))["questions"]:
            missing += [(path.name, q["id"], s["quote"][:80]) for s in q["sources"]
                        if not occurs_in(s["quote"], texts[s["article"]])]
    assert missing == []


# (collection, field, target collection); list fields hold several ids
REFS = [("statements", "actor", "actors"), ("statements", "article", "articles"), ("statements", "topics", "topics"),
        ("events", "places", "places"), ("events", "actors", "actors"), ("events", "topics", "topics"),
        ("figures", "claimed_by", "actors"), ("figures", "article", "articles"),
        ("claims", "claimant", "actors"), ("claims", "reviewer", "actors"), ("claims", "article", "articles"),
        ("claims", "statements", "statements"), ("claims", "topics", "topics"),
        ("glossary", "see_also", "glossary"), ("glossary", "articles", "articles"), ("errata", "article", "articles")]


@pytest.mark.parametrize("name, field, target", REFS, ids=[f"{n}.{f}" for n, f, _ in REFS])
def test_every_reference_resolves(name: str, field: str, target: str, raw):
    known = _ids(raw, target)
    broken = []
    for rec in raw[name]:
        value = rec.get(field)
        for v in value if isinstance(value, list) else [value]:
            if v is not None and v not in known:
                broken.append((rec["id"], v))
    assert broken == []


def test_every_source_names_a_known_article(raw):
    known = _ids(raw, "articles")
    assert {a for _, _, a, _ in _quoted(raw)} <= known


def _day(value: str, end: bool = False) -> dt.date:
    """A real date for YYYY-MM-DD, YYYY-MM or YYYY (raises ValueError for 2022-02-30 or month 13)."""
    parts = value.split("-")
    if len(parts) == 3:
        return dt.date.fromisoformat(value)
    year, month = int(parts[0]), int(parts[1]) if len(parts) == 2 else (12 if end else 1)
    first = dt.date(year, month, 1)
    if not end:
        return first
    return (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


DATES = {"articles": ["published"], "statements": ["date"], "events": ["date", "date_end"],
         "figures": ["date"], "claims": ["date"]}


def test_dates_are_real_calendar_dates(raw):
    bad = []
    for name, fields in DATES.items():
        for rec in raw[name]:
            for field in fields:
                if field in rec:
                    try:
                        _day(rec[field])
                    except ValueError:
                        bad.append((name, rec["id"], field, rec[field]))
    assert bad == []


def test_date_helper_rejects_impossible_dates():
    for value in ("2022-02-30", "2021-13", "2022-00-10", "2023-02-29"):
        with pytest.raises(ValueError):
            _day(value)
    assert _day("2024-02", end=True) == dt.date(2024, 2, 29)


def test_events_end_after_they_start(raw):
    assert [e["id"] for e in raw["events"] if "date_end" in e and _day(e["date_end"], True) < _day(e["date"])] == []


@pytest.mark.parametrize("name, minimum", [("actors", 25), ("statements", 70), ("events", 30), ("places", 15),
                                           ("glossary", 20), ("articles", 5)])
def test_minimum_counts(name: str, minimum: int, raw):
    assert len(raw[name]) >= minimum


def test_events_span_2014_to_2023(raw):
    years = {int(e["date"][:4]) for e in raw["events"]}
    assert min(years) <= 2014 and max(years) >= 2023


def test_every_figure_has_numeric_value_subject_and_quote(raw):
    assert raw["figures"]
    for fig in raw["figures"]:
        if fig["value"] is None:  # "no number given": the source's words instead of a made-up value
            assert fig["qualifier"] == "no number given" and fig["words"].strip(), fig["id"]
        else:
            assert isinstance(fig["value"], (int, float)) and not isinstance(fig["value"], bool), fig["id"]
        assert fig["subject"].strip() and fig["quote"].strip(), fig["id"]


def test_there_is_a_misleading_fact_check_whose_verdict_the_source_gives(raw, texts):
    checks = [c for c in raw["claims"] if c["kind"] == "fact-check"]
    assert any(c["verdict"] == "Misleading" for c in checks)
    for c in checks:  # never a verdict no source gives
        assert c["reviewer"] is not None and occurs_in(c["verdict"], texts[c["article"]]), c["id"]


def test_contested_claims_are_not_rated_and_link_two_sides(raw):
    sides = {a["id"]: a["side"] for a in raw["actors"]}
    actor_of = {s["id"]: s["actor"] for s in raw["statements"]}
    contested = [c for c in raw["claims"] if c["kind"] == "contested"]
    assert len(contested) >= 2
    for c in contested:
        assert c["verdict"] == "not rated in these sources", c["id"]
        linked = {sides[actor_of[s]] for s in c["statements"]}
        assert len(linked) >= 2, (c["id"], linked)


def test_statements_come_from_every_side(raw):
    sides = {a["id"]: a["side"] for a in raw["actors"]}
    heard = {sides[s["actor"]] for s in raw["statements"]}
    assert {"russia", "separatists", "ukraine", "west"} <= heard


def test_every_article_is_quoted(raw):
    assert {s["article"] for s in raw["statements"]} == _ids(raw, "articles")
