"""course_lib.tables: the course's data as HTML tables (escaped, one row per record, wrapping to the width)."""
from __future__ import annotations

import html
import re

import course_lib
from course_lib.tables import TABLES, table_html


def _cells(page: str) -> list[list[str]]:
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
    return [[html.unescape(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)] for r in rows]


def test_each_table_has_a_heading_row_and_one_row_per_record():
    data = course_lib.load()
    assert len(_cells(table_html("sources"))) == 1 + len(data.articles.records())
    assert len(_cells(table_html("claims"))) == 1 + len(data.claims.records())
    euronews = [e for e in data.errata.records() if e["article"] == "euronews"]
    assert len(_cells(table_html("errata", article="euronews"))) == 1 + len(euronews)
    for name, spec in TABLES.items():
        page = table_html(name)
        assert f">{html.escape(spec.caption)}</caption>" in page and page.count('scope="col"') == len(spec.headers)


def test_the_sources_table_says_what_the_data_says():
    data = course_lib.load()
    rows = _cells(table_html("sources"))[1:]
    for row, art in zip(rows, data.articles.records()):
        assert row[0] == art["outlet"] and row[1] == art["title"] and row[5] == art["publisher"]


def test_every_cell_is_escaped(data_copy, edit_json):
    edit_json(data_copy / "errata.json", lambda d: d[0].update(problem="<script>alert(1)</script>"))
    page = table_html("errata", course_lib.load(data_copy))
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_widgets_have_short_stable_reprs():
    assert repr(course_lib.sources_table()) == "Table: the five sources"
    assert "<table" in course_lib.claims_table().children[0].value


def test_weekday_resolver_reads_a_weekday_against_the_report_date():
    from datetime import date

    import pytest

    from course_lib.dates import explain, resolve_weekday

    assert resolve_weekday(date(2021, 12, 1), "Tuesday") == date(2021, 11, 30)     # Moscow Times: Wed -> Tue
    assert resolve_weekday(date(2022, 2, 17), "tuesday ") == date(2022, 2, 15)     # euronews: Thu -> Tue
    assert resolve_weekday(date(2021, 12, 14), "Tuesday") == date(2021, 12, 14)    # the same day
    assert resolve_weekday(date(2021, 12, 13), "Tuesday") == date(2021, 12, 7)     # never a day still to come
    with pytest.raises(ValueError, match="not a weekday"):
        resolve_weekday(date(2021, 12, 1), "Funday")
    w = course_lib.weekday_resolver("2021-12-14", None, label="Newsweek's photo caption")
    assert "14 December 2021 was a Tuesday." in w.answer.value and "means" not in w.answer.value
    w.date.value = None
    assert "Choose the date" in w.answer.value
    assert "rtc-live" in w.answer._dom_classes
