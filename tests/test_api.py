"""The public data API: load() caching, Collection lookups and order, to_json, read_raw, DataError."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import course_lib
from course_lib import DataError
from course_lib.data import COLLECTIONS, EXPORT_KEYS, Collection, CourseData, read_raw


def test_load_caches_and_returns_the_same_object(data_path: Path):
    first = course_lib.load()
    assert course_lib.load() is first
    assert course_lib.load(data_path) is first  # same folder, same cache entry
    assert course_lib.load(str(data_path)) is first


def test_load_without_cache_reads_again(data_path: Path):
    fresh = course_lib.load(cache=False)
    assert fresh is not course_lib.load()
    assert fresh.to_json() == course_lib.load().to_json()


def test_another_folder_is_loaded_separately(data_copy: Path, edit_json):
    edit_json(data_copy / "actors.json", lambda recs: recs[0].update(name="Renamed for the test"))
    other = course_lib.load(data_copy, cache=False)
    assert other.actors.records()[0]["name"] == "Renamed for the test"
    assert course_lib.load().actors.records()[0]["name"] != "Renamed for the test"


def test_load_refuses_bad_data(data_copy: Path, edit_json):
    edit_json(data_copy / "statements.json", lambda recs: recs[0].update(actor="nobody-at-all"))
    with pytest.raises(DataError):
        course_lib.load(data_copy, cache=False)


def test_every_collection_is_a_collection(course_data: CourseData):
    for name in COLLECTIONS:
        coll = getattr(course_data, name)
        assert isinstance(coll, Collection) and coll.name == name and len(coll) > 0


@pytest.mark.parametrize("name", list(COLLECTIONS))
def test_collections_keep_file_order(name: str, course_data: CourseData, data_path: Path):
    on_disk = json.loads((data_path / COLLECTIONS[name]).read_text(encoding="utf-8"))
    assert list(getattr(course_data, name)) == [r["id"] for r in on_disk]
    assert [r["id"] for r in getattr(course_data, name).records()] == [r["id"] for r in on_disk]


def test_lookup_by_id(course_data: CourseData):
    st = course_data.statements.records()[0]
    assert course_data.statements[st["id"]] is st
    assert st["id"] in course_data.statements
    assert course_data.statements.get("no-such-id") is None


def test_keyerror_suggests_near_matches(course_data: CourseData):
    actor = course_data.actors.records()[0]["id"]
    typo = actor[:-1]
    with pytest.raises(KeyError) as info:
        course_data.actors[typo]
    message = info.value.args[0]
    assert repr(typo) in message and "did you mean" in message and repr(actor) in message


def test_keyerror_without_near_match_says_so_plainly(course_data: CourseData):
    with pytest.raises(KeyError) as info:
        course_data.places["zzzzzzzzzzzzzzzz"]
    assert "did you mean" not in info.value.args[0]
    with pytest.raises(KeyError):
        course_data.places[None]  # type: ignore[index]


def test_articles_carry_their_clean_text(course_data: CourseData, data_path: Path):
    for art in course_data.articles.values():
        assert art["text"] == (data_path / "articles" / art["text_file"]).read_text(encoding="utf-8")


def test_to_json_round_trips(course_data: CourseData):
    doc = course_data.to_json()
    assert tuple(doc) == EXPORT_KEYS
    again = json.loads(json.dumps(doc))
    assert again == doc
    for name, records in again.items():
        rebuilt = Collection(name, records)
        assert list(rebuilt) == list(getattr(course_data, name))
        assert dict(rebuilt) == dict(getattr(course_data, name))


def test_read_raw_reads_without_validating(data_copy: Path, edit_json):
    edit_json(data_copy / "statements.json", lambda recs: recs[0].update(actor="nobody-at-all"))
    raw = read_raw(data_copy)
    assert set(raw) == set(COLLECTIONS)
    assert raw["statements"][0]["actor"] == "nobody-at-all"
    assert all(isinstance(a["text"], str) for a in raw["articles"])


def test_read_raw_names_every_unreadable_file(data_copy: Path):
    (data_copy / "events.json").write_text("[", encoding="utf-8")
    (data_copy / "places.json").unlink()
    with pytest.raises(DataError) as info:
        read_raw(data_copy)
    assert {e.file for e in info.value.errors} == {"events.json", "places.json"}


def test_data_error_formats():
    one = DataError("statements.json", "st-1", "sources.0.quote", "not found")
    assert str(one) == "statements.json: record 'st-1': field 'sources.0.quote': not found"
    assert one.errors == [one]
    two = DataError("a.json", None, None, "x", errors=[one, DataError("a.json", None, None, "x")])
    assert str(two).splitlines() == ["2 data errors:", str(one), "a.json: x"]
    assert isinstance(one, ValueError)


def test_docstring_examples_run():
    import doctest

    import course_lib.data

    result = doctest.testmod(course_lib.data, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_course_data_is_read_only(course_data: CourseData):
    with pytest.raises(AttributeError):
        course_data.actors = course_data.places  # type: ignore[misc]
    with pytest.raises(AttributeError):
        course_data.extra = 1  # type: ignore[attr-defined]
    assert f"{len(course_data.statements)} statements" in repr(course_data)
