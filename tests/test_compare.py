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

COLUMN_OF_SIDE = {"russia": "russia", "separatists": "separatists", "ukraine": "ukraine", "west": "west",
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
    out = {k: [] for k in ("russia", "separatists", "ukraine", "west", "international", "media")}
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
    line = (f"Showing {n} statement{'s' if n != 1 else ''}: {len(columns['russia'])} Russian, "
            f"{len(columns['separatists'])} separatist, "
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
    assert "eu-miroshnik-fought-back" in shown(w)["separatists"]


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
    card = next(c for c in w.columns["separatists"] if c.statement_id == "eu-miroshnik-fought-back")
    assert "Also about: Pretexts and provocations" in text_of(card.html.value)


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
            assert f"How dated:</b> {html.escape(s['date_basis'])}" in page
            assert html.escape(articles[s["article"]]["outlet"]) in page
            badge = {"direct quote": "Direct quote", "paraphrase": "Paraphrase by the reporter",
                     "reported claim": "Reported claim"}[s["kind"]]
            assert badge in page
            body = text_of(page)
            q = s["quote"]
            if s["kind"] == "direct quote":
                assert (f"\u201c{q}\u201d" if q[0] not in "\"\u201c" else q) in body
            else:
                # the article's words, quoted as the article's and never as the speaker's
                assert "not the speaker\u2019s:" in body
                assert f"not the speaker\u2019s: \u201c{q}" in body or f"not the speaker\u2019s: {q}" in body
            assert card.context_button.description == "Read in context"
    # dates formatted for people, with the precision the data has
    card = next(c for c in w.columns["russia"] if c.statement_id == "nw-russian-officials")
    assert "Date:</b> \u2248 December 2021 (month only)<" in card.html.value
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
    assert "paragraph 4 of 5" in ctx and "The reader shows the whole article" in ctx
    assert "course_lib." not in ctx, "no code in what a learner (or a classroom) sees"
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
    assert "Kind: Paraphrase by the reporter\n" in text
    assert "Words: The reporter\u2019s words, not the speaker\u2019s: \u201cUkraine was building up troops" in text
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


def test_widget_and_text_twin_say_the_same_about_every_statement(course_data):
    """Every field a card shows (course note, venue, approximate date, source error...) is in the text twin too."""
    from course_lib.statement_view import statement_fields

    w = compare_statements(data=course_data)
    text = compare_statements_text(data=course_data)
    blocks = {b.split("]", 1)[0]: b for b in text.split("\n- [")[1:]}
    assert len(blocks) == len(course_data.statements)
    for cards in w.columns.values():
        for card in cards:
            s = course_data.statements[card.statement_id]
            shown_topic = next(t for t in s["topics"] if t in course_data.topics)
            page = text_of(card.html.value)
            block = blocks[card.statement_id]
            for label, value in statement_fields(course_data, s, shown_topic=shown_topic):
                assert f"{label}: {value}" in block, (card.statement_id, label)
                if label == "Words" and s["kind"] not in ("direct quote", "headline"):
                    value = value.split(": ", 1)[-1]
                assert value in page, (card.statement_id, label)
            for label in ("note", "venue"):
                if s.get(label):
                    assert s[label] in block and s[label] in page
            if s.get("undated"):
                assert "(undated; article date)" in block and "(undated; article date)" in page


def test_statements_with_a_source_error_are_never_clean_quotes(course_data):
    """Stoltenberg's garbled 'pretext' line carries the erratum flag in the widget, the twin and the claim reveal."""
    from course_lib.claims import reveal_html

    sid = "stoltenberg-stage-pretext"
    text = compare_statements_text("pretexts-provocations", data=course_data)
    block = text.split(f"[{sid}]", 1)[1].split("\n- [", 1)[0]
    assert "Kind: Direct quote as printed, with an error in the source" in block
    assert "Source error: \u26a0 Error in the source (machine translation)" in block
    assert "Kind: Direct quote\n" not in block
    w = compare_statements("pretexts-provocations", data=course_data)
    card = next(c for c in w.columns["west"] if c.statement_id == sid)
    assert "with an error in the source" in card.html.value and "rtc-erratum-flag" in card.html.value
    reveal = reveal_html(course_data.claims["russia-intention-to-invade"], course_data)
    after = reveal.split("stage a pretext for an armed attack on Russia", 1)[1][:2000]
    assert "Error in the source (machine translation)" in after
    from course_lib.quiz import quote_html

    cited = quote_html({"article": "euronews", "quote": course_data.statements[sid]["quote"]}, course_data)
    assert "Error in the source (machine translation)" in cited  # quiz sources carry the same flag


def test_separatists_have_their_own_column(course_data):
    w = compare_statements("pretexts-provocations", data=course_data)
    assert {c.statement_id for c in w.columns["separatists"]} >= {"miroshnik-separatists-fought-back"}
    assert not any(course_data.actors[course_data.statements[c.statement_id]["actor"]]["side"] == "separatists"
                   for c in w.columns["russia"])
    assert "Separatists (Donetsk and Luhansk)" in compare_statements_text("pretexts-provocations", data=course_data)


def test_long_columns_fold_and_card_details_are_behind_a_toggle():
    from course_lib.compare import CARD_DETAILS, FIRST_CARDS

    w = compare_statements(topic="invasion-intentions")
    folded = [col for row in w.body.children for col in getattr(row, "children", ())
              if hasattr(col, "show_all_button")]
    assert folded, "a column with more than FIRST_CARDS statements shows only the first ones"
    col = folded[0]
    shown = [c for c in col.children if hasattr(c, "statement_id")]
    assert len(shown) == FIRST_CARDS
    col.show_all_button.click()
    assert len([c for c in col.children if hasattr(c, "statement_id")]) > FIRST_CARDS
    assert col.show_all_button.description == "Show fewer"
    strips = [row for row in w.body.children if hasattr(row, "show_all_button") and row not in folded]
    assert strips, "the strips below the columns (outlets' own voice, international bodies) fold the same way"
    assert len([c for c in strips[0].children if hasattr(c, "statement_id")]) == FIRST_CARDS
    assert len(w.columns["media"]) > FIRST_CARDS, "every card is still there, behind Show all"
    strips[0].show_all_button.click()
    assert len([c for c in strips[0].children if hasattr(c, "statement_id")]) == len(w.columns["media"])
    card = shown[0].html.value
    assert '<details class="rtc-detail"' in card and "How dated" in card.split("<details", 1)[1]
    assert "How dated" not in card.split("<details", 1)[0], "the detail fields are folded"
    assert set(CARD_DETAILS) >= {"How dated"}


def test_the_text_version_is_one_click_away_and_follows_the_filters():
    w = compare_statements(topic="withdrawal")
    assert w.text_twin.value == "", "made only when opened"
    w.text_version.selected_index = 0
    expected = compare_statements_text(topic="withdrawal")
    assert html.unescape(re.sub(r"<[^>]+>", "", w.text_twin.value)) == expected
    w.topic_filter.value = "diplomacy-talks"
    assert html.unescape(re.sub(r"<[^>]+>", "", w.text_twin.value)) == compare_statements_text(topic="diplomacy-talks")
