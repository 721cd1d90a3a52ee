"""The statement comparison: columns per side, filters, counts, cards, "Read in context", text twin."""
from __future__ import annotations

import datetime as dt
import html
import json
import re

import pytest

import course_lib
from course_lib.compare import compare_statements, compare_statements_text
from course_lib.text import normalise
from fake_data import write_data

COLUMN_OF_SIDE = {"russia": "russia", "separatists": "russia", "ukraine": "ukraine", "west": "west",
                  "international": "international"}


@pytest.fixture(scope="module")
def fake(tmp_path_factory):
    folder = write_data(tmp_path_factory.mktemp("data"))
    raw = {name: json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
           for name in ("statements", "actors", "topics")}
    return course_lib.load(folder, cache=False), raw


def expected_columns(raw, keep=lambda s: True) -> dict[str, list[str]]:
    """Which column each statement belongs in, worked out from the raw JSON (independently of compare.py)."""
    actors = {a["id"]: a for a in raw["actors"]}
    out = {k: [] for k in ("russia", "ukraine", "west", "international", "media")}
    for s in raw["statements"]:
        if keep(s):
            a = actors[s["actor"]]
            out["media" if a["kind"] == "media" else COLUMN_OF_SIDE[a["side"]]].append(s)
    return out


def shown(w) -> dict[str, list[str]]:
    return {k: [c.statement_id for c in cards] for k, cards in w.columns.items()}


def text_of(value: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", value))


def count_line(columns: dict[str, list]) -> str:
    n = sum(len(v) for v in columns.values())
    line = (f"Showing {n} statement{'s' if n != 1 else ''}: {len(columns['russia'])} Russian/separatist, "
            f"{len(columns['ukraine'])} Ukrainian, {len(columns['west'])} Western")
    return line


def test_all_statements_land_in_their_sides_column_once(fake):
    data, raw = fake
    w = compare_statements(data=data)
    exp = expected_columns(raw)
    got = shown(w)
    for key, statements in exp.items():
        assert sorted(got[key]) == sorted(s["id"] for s in statements), key
    ids = [i for v in got.values() for i in v]
    assert len(ids) == len(set(ids)) == len(raw["statements"])
    assert text_of(w.count_line.value).startswith(count_line(exp))
    assert "1 from international bodies" in w.count_line.value and "1 in the outlet" in w.count_line.value
    assert 'role="status"' in w.count_line.value


def test_outlet_voice_is_not_a_western_statement(fake):
    data, raw = fake
    media = {a["id"] for a in raw["actors"] if a["kind"] == "media"}
    assert media and all(a["side"] == "west" for a in raw["actors"] if a["id"] in media)
    w = compare_statements("troop-numbers", data=data)
    assert not any(data.statements[i]["actor"] in media for i in shown(w)["west"])
    assert [c.statement_id for c in w.columns["media"]] == ["nw-outlet-70000"]
    page = "".join(child.value for row in w.body.children for child in getattr(row, "children", [])
                   if hasattr(child, "value"))
    assert "Stated by the outlet or reporter (not a side)" in page
    assert "\u2605 Reporter / outlet" in w.columns["media"][0].html.value


def test_topic_filter_and_dropdown(fake):
    data, raw = fake
    w = compare_statements(data=data)
    assert w.topic_filter.options[0] == ("All topics", "")
    assert [v for _, v in w.topic_filter.options[1:]] == [t["id"] for t in raw["topics"]]
    for topic in [t["id"] for t in raw["topics"]]:
        w.topic_filter.value = topic
        exp = expected_columns(raw, lambda s: topic in s["topics"])
        got = shown(w)
        assert {k: sorted(v) for k, v in got.items()} == {k: sorted(s["id"] for s in v) for k, v in exp.items()}
        if not any(exp.values()):
            assert "No statements match these filters" in w.body.children[0].value
            assert text_of(w.count_line.value).startswith("Showing 0 statements")
        else:
            assert text_of(w.count_line.value).startswith(count_line(exp))
    # a statement with two topics is shown under each topic when that topic is chosen
    w.topic_filter.value = "pretexts-provocations"
    assert "eu-miroshnik-fought-back" in shown(w)["russia"]


def test_all_topics_groups_each_statement_under_its_first_topic(fake):
    data, raw = fake
    w = compare_statements(data=data)
    headings = [text_of(c.value).split("\n")[0] for c in w.body.children
                if hasattr(c, "value") and c.value.startswith("<h3")]
    labels = {t["id"]: t["label"] for t in raw["topics"]}
    firsts = []
    for t in raw["topics"]:
        if any(s["topics"][0] == t["id"] for s in raw["statements"]):
            firsts.append(labels[t["id"]])
    assert [h[: len(f)] for h, f in zip(headings, firsts)] == firsts and len(headings) == len(firsts)
    card = next(c for c in w.columns["russia"] if c.statement_id == "eu-miroshnik-fought-back")
    assert "Also about: Pretexts and provocations" in card.html.value


def test_article_and_date_filters(fake):
    data, raw = fake
    w = compare_statements(article="amn", data=data)
    assert w.article_filter.value == "amn"
    assert {i for v in shown(w).values() for i in v} == {s["id"] for s in raw["statements"] if s["article"] == "amn"}
    w.article_filter.value = ""
    w.start_filter.value = dt.date(2022, 1, 1)
    w.end_filter.value = dt.date(2022, 1, 31)
    got = {i for v in shown(w).values() for i in v}
    assert got == {"amn-stoltenberg-no-troops", "amn-kremlin-denied"}  # "2022-01" and "2022-01-30"
    # a month-precision date matches when any of its days is in the range
    w.start_filter.value, w.end_filter.value = dt.date(2021, 12, 20), dt.date(2021, 12, 31)
    assert {i for v in shown(w).values() for i in v} == {"nw-russian-officials"}
    w.end_filter.value = None
    assert len({i for v in shown(w).values() for i in v}) == 1 + sum(s["date"] >= "2022" for s in raw["statements"])
    # string bounds of any precision
    w2 = compare_statements(start="2022-02", end="2022-02", data=data)
    assert {i for v in shown(w2).values() for i in v} == {s["id"] for s in raw["statements"] if s["date"].startswith("2022-02")}
    assert w2.start_filter.value == dt.date(2022, 2, 1) and w2.end_filter.value == dt.date(2022, 2, 28)


def test_start_after_end_and_empty_results_are_friendly(fake):
    data, _ = fake
    w = compare_statements(start="2022-03-01", end="2021-01-01", data=data)
    assert "after the" in w.count_line.value and sum(map(len, w.columns.values())) == 0
    w = compare_statements("sanctions", data=data)
    assert "No statements match these filters" in w.body.children[0].value


@pytest.mark.parametrize("kwargs, phrase", [
    ({"topic": "natto-membership"}, "There is no topic"),
    ({"article": "newsweak"}, "Did you mean &#x27;newsweek&#x27;"),
    ({"start": "not a date"}, "is not a date"),
    ({"end": "2022-13"}, "is not a date"),
    ({"topic": "x" * 10_000}, "There is no topic"),
])
def test_bad_filters_give_a_note_not_a_traceback(fake, kwargs, phrase):
    data, raw = fake
    w = compare_statements(data=data, **kwargs)
    assert phrase in w.notice.value
    assert sum(map(len, w.columns.values())) == len(raw["statements"])  # the bad filter is ignored
    assert "Note:" in compare_statements_text(data=data, **kwargs)


def test_filters_accept_labels_and_case(fake):
    data, _ = fake
    assert compare_statements("The Donbas war", data=data).topic_filter.value == "donbas-war"
    assert compare_statements("NATO", data=data).topic_filter.value == "nato-membership"
    assert compare_statements(article="AMN", data=data).article_filter.value == "amn"


def test_order_is_date_then_id(fake):
    data, _ = fake
    w = compare_statements(data=data)
    for cards in w.columns.values():
        keys = [(data.statements[c.statement_id]["date"], c.statement_id) for c in cards]
        # within one topic group the order is by date then id; check per topic
        first_topic = [data.statements[c.statement_id]["topics"][0] for c in cards]
        for topic in set(first_topic):
            sub = [k for k, t in zip(keys, first_topic) if t == topic]
            assert sub == sorted(sub)


def test_cards_show_the_same_fields_for_every_side(fake):
    data, raw = fake
    w = compare_statements(data=data)
    articles = {a: data.articles[a] for a in data.articles}
    for key, cards in w.columns.items():
        for card in cards:
            s = data.statements[card.statement_id]
            actor = data.actors[s["actor"]]
            page = card.html.value
            for label in ("Date:", "How dated:", "Source:"):
                assert label in page, (key, s["id"], label)
            assert html.escape(actor["name"]) in page and html.escape(actor["role"]) in page
            assert f'title="{html.escape(s["date_basis"])}"' in page
            assert html.escape(articles[s["article"]]["outlet"]) in page
            badge = {"direct quote": "Direct quote", "paraphrase": "Paraphrase by the reporter",
                     "reported claim": "Reported claim"}[s["kind"]]
            assert badge in page
            body = text_of(page)
            q = s["quote"]
            if s["kind"] == "direct quote":
                assert (f"\u201c{q}\u201d" if q[0] not in "\"\u201c" else q) in body
            else:
                assert "not a quotation" in body
                assert f"\u201c{q}" not in body and f'"{q}' not in body
            assert card.context_button.description == "Read in context"
    # dates formatted for people, with the precision the data has
    card = next(c for c in w.columns["russia"] if c.statement_id == "nw-russian-officials")
    assert ">December 2021 (month only)<" in card.html.value
    assert "machine translation" in next(c for c in w.columns["west"] if c.statement_id == "eu-stoltenberg-pretext").html.value


def test_read_in_context_shows_the_paragraph_with_the_quote_marked(fake):
    data, _ = fake
    w = compare_statements(data=data)
    card = next(c for c in w.columns["ukraine"] if c.statement_id == "nw-reznikov-dont-plan")
    assert card.context is None and len(card.children) == 2
    card.context_button.click()
    assert card.context in card.children and card.context_button.description == "Hide context"
    ctx = card.context.value
    marked = "".join(re.findall(r"<mark[^>]*>(.*?)</mark>", ctx, flags=re.S)[1:])  # [0] is the legend
    assert html.unescape(marked.replace("<br>", "\n")) == (
        "We don\u2019t plan to attack anyone,\u201d  Reznikov said.\nHe added \u201cOur defense capacity is important.")
    assert "paragraph 4 of 5" in ctx and "read_article(&#x27;newsweek&#x27;)" in ctx
    card.context_button.click()
    assert card.context not in card.children and card.context_button.description == "Read in context"
    # errata in the context paragraph are marked and explained
    card = next(c for c in w.columns["west"] if c.statement_id == "eu-stoltenberg-pretext")
    card.context_button.click()
    assert "[E1]" in card.context.value and "Likely reading:" in card.context.value


def test_filters_close_the_widgets_they_replace(fake):
    data, _ = fake
    w = compare_statements(data=data)
    old = w.columns["west"][0]
    w.topic_filter.value = "donbas-war"
    assert old.comm is None and old.html.comm is None
    assert all(c.comm is not None for cards in w.columns.values() for c in cards)


def test_text_twin_matches_the_widget(fake):
    data, raw = fake
    for topic in ["", "troop-numbers", "donbas-war"]:
        text = compare_statements_text(topic or None, data=data)
        w = compare_statements(topic or None, data=data)
        assert text_of(w.count_line.value) in text
        for cards in w.columns.values():
            for c in cards:
                assert f"[{c.statement_id}]" in text
    text = compare_statements_text("troop-numbers", data=data)
    assert "## Troop numbers" in text and "### Stated by the outlet or reporter (not a side)" in text
    assert "### Ukraine\n- No statement from this side" not in text  # Reznikov's statement is tagged troop-numbers
    assert "Paraphrase by the reporter: (not a quotation) Ukraine was building up troops" in text
    assert "<" not in compare_statements_text(data=data).replace("<script", "")  # plain text, no markup added


def test_real_data_every_statement_shown_once_with_context(course_data):
    w = compare_statements(data=course_data)
    ids = [c.statement_id for cards in w.columns.values() for c in cards]
    assert sorted(ids) == sorted(course_data.statements)
    assert text_of(w.count_line.value).startswith(f"Showing {len(course_data.statements)} statements")
    for cards in w.columns.values():
        for card in cards:
            card.context_button.click()
            s = course_data.statements[card.statement_id]
            marked = re.sub(r"<(?!br)[^>]+>", "", "".join(re.findall(r"<mark[^>]*>(.*?)</mark>", card.context.value, flags=re.S)[1:]))
            assert normalise(html.unescape(re.sub(r"<br>", "\n", marked))) == normalise(s["quote"]), s["id"]
    text = compare_statements_text(data=course_data)
    assert all(f"[{i}]" in text for i in course_data.statements)
