"""The article reader: locating quotes, numbered paragraphs, highlights, errata, friendly errors."""
from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

import pytest

import course_lib
from course_lib.reader import find_span, locate, paragraph_spans, read_article, render_paragraph
from course_lib.text import normalise, paragraphs
from fake_data import write_data


@pytest.fixture(scope="module")
def fake(tmp_path_factory):
    folder = write_data(tmp_path_factory.mktemp("data"))
    return folder, course_lib.load(folder, cache=False)


class Paragraphs(HTMLParser):
    """Split the reader's body back into paragraphs: the source text (without our ¶ numbers, [E1]
    markers and notes), the marked text, the errata text and the erratum notes. Checks tag balance."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []  # (tag, role)
        self.items: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        cls = attrs.get("class") or ""
        roles = {r for _, r in self.stack}
        if tag == "br":
            if self.items and not roles & {"skip", "note"}:
                self.handle_data("\n")
            return
        if tag == "li":
            role = "li"
            self.items.append({"text": "", "marks": [], "errata": [], "notes": []})
        elif "rtc-erratum-note" in cls:
            role = "note"
            self.items[-1]["notes"].append("")
        elif attrs.get("aria-hidden") == "true" or "rtc-erratum-ref" in cls or "rtc-mark-kind" in cls:
            role = "skip"
        elif tag == "mark":
            role = "mark"
            self.items[-1]["marks"].append("")
        elif re.search(r"\brtc-erratum\b", cls):
            role = "erratum"
            self.items[-1]["errata"].append("")
        else:
            role = ""
        self.stack.append((tag, role))

    def handle_endtag(self, tag):
        if tag == "br":
            return
        open_tag, _ = self.stack.pop()
        assert open_tag == tag, f"unbalanced: <{open_tag}> closed by </{tag}>"

    def handle_data(self, data):
        if not self.items:
            return
        item = self.items[-1]
        roles = {r for _, r in self.stack}
        if "note" in roles:
            item["notes"][-1] += data
        elif "skip" not in roles:
            item["text"] += data
            if "mark" in roles:
                item["marks"][-1] += data
            if "erratum" in roles:
                item["errata"][-1] += data


def parse_body(value: str) -> list[dict]:
    parser = Paragraphs()
    parser.feed(value)
    parser.close()
    assert not parser.stack, f"unclosed tags: {parser.stack}"
    return parser.items


def joined_marks(item: dict) -> str:
    return "".join(item["marks"])


# --------------------------------------------------------------------------- locating text

@pytest.mark.parametrize("quote, text, expected", [
    ('"no plans to attack"', "they have \u201cno plans to attack\u201d anyone", "\u201cno plans to attack\u201d"),
    ("don't  plan\nto", "we don\u2019t plan to go", "don\u2019t plan to"),
    ("plan to go", "we don't plan\n\n   to go now", "plan\n\n   to go"),
    ("a\u00a0b", "x a b y", "a b"),
])
def test_find_span_maps_back_to_the_original_text(quote, text, expected):
    start, end = find_span(quote, text)
    assert text[start:end] == expected


def test_find_span_returns_none_for_missing_or_empty_quotes():
    assert find_span("absent words", "some text") is None
    assert find_span("   ", "some text") is None


def test_paragraph_spans_agree_with_text_paragraphs():
    samples = ["One\n\nTwo\nlines\n", "\n\n  Lead  \n \n\nSecond\n\n\n", "Only", "a\n\t\nb"]
    for text in samples:
        assert [text[s:e] for s, e in paragraph_spans(text)] == paragraphs(text)


def test_real_articles_paragraphs_and_every_statement_located(course_data):
    for art in course_data.articles.values():
        text = art["text"]
        assert [text[s:e] for s, e in paragraph_spans(text)] == paragraphs(text)
    for st in course_data.statements.values():
        found = locate(st["quote"], course_data.articles[st["article"]]["text"])
        assert found is not None, st["id"]
        (start, end), paras = found
        text = course_data.articles[st["article"]]["text"]
        assert normalise(text[start:end]) == normalise(st["quote"]), st["id"]
        assert len(paras) == 1, f"{st['id']} spans paragraphs {paras}"


def test_render_paragraph_escapes_and_nests_overlapping_marks_and_errata():
    text = "a <b>bold</b> & \u201cquoted\u201d word"
    out = render_paragraph(text, [(2, 14, "one"), (8, 20, "two")], [(10, 25, "E1", "why")])
    assert "<b>" not in out and "&lt;b&gt;" in out and "&amp;" in out
    items = parse_body(f"<ol><li>{out}</li></ol>")
    assert html.unescape(items[0]["text"]) == text
    assert out.count(">[E1]</sup>") == 1


# --------------------------------------------------------------------------- the widget

def test_header_shows_metadata_and_source_notes(fake):
    folder, data = fake
    raw = {a["id"]: a for a in json.loads((folder / "articles" / "articles.json").read_text(encoding="utf-8"))}
    for aid in data.articles:
        r = read_article(aid, data=data)
        head = r.header.value
        rec = raw[aid]
        for field in ("title", "outlet", "publisher", "source_note", "published_basis", "genre", "original_source"):
            assert html.escape(rec[field]) in head, (aid, field)
        assert rec["byline"] is None and "no byline" in head or html.escape(rec["byline"]) in head
        if rec["url"]:
            assert f"<code>{html.escape(rec['url'])}</code>" in head
        assert "<a " not in head  # the URL is text, never a live link
    assert "machine translation</b>" in read_article("euronews", data=data).header.value
    assert "<b>reprint</b>" in read_article("amn", data=data).header.value
    assert "\u26a0" not in read_article("newsweek", data=data).header.value


def test_paragraphs_are_numbered_and_the_source_text_is_unchanged(fake):
    _, data = fake
    for aid, art in data.articles.items():
        r = read_article(aid, speaker=None, data=data)
        items = parse_body(r.body.value)
        expected = paragraphs(art["text"])
        assert [i["text"] for i in items] == expected
        for n in range(1, len(expected) + 1):
            assert f"\u00b6{n} " in r.body.value


def test_speaker_highlight_marks_exactly_their_quotes(fake):
    _, data = fake
    r = read_article("newsweek", speaker="reznikov", data=data)
    assert r.speaker_filter.value == "reznikov"
    items = parse_body(r.body.value)
    marked = [normalise(joined_marks(i)) for i in items if i["marks"]]
    quotes = sorted(normalise(s["quote"]) for s in data.statements.values()
                    if s["actor"] == "reznikov" and s["article"] == "newsweek")
    assert sorted(marked) == quotes and len(quotes) == 2
    label = html.unescape(re.sub("<[^>]+>", "", r.highlight_label.value))
    assert label.startswith("Highlighted: 2 statements by Oleksii Reznikov (2 direct quotes)")
    # choosing another speaker in the dropdown re-renders
    r.speaker_filter.value = "russian-officials"
    items = parse_body(r.body.value)
    assert [normalise(joined_marks(i)) for i in items if i["marks"]] == ["Ukraine was building up troops"]
    assert "1 paraphrase" in r.highlight_label.value
    r.speaker_filter.value = ""
    assert "<mark" not in r.body.value and "Nothing highlighted" in r.highlight_label.value


def test_topic_highlight_and_topic_with_speaker(fake):
    _, data = fake
    r = read_article("newsweek", topic="troop-numbers", data=data)
    marked = {normalise(joined_marks(i)) for i in parse_body(r.body.value) if i["marks"]}
    expected = {normalise(s["quote"]) for s in data.statements.values()
                if s["article"] == "newsweek" and "troop-numbers" in s["topics"]}
    assert marked == expected and len(expected) == 3
    r.speaker_filter.value = "reznikov"  # both: only Reznikov's statements on troop numbers
    marked = [normalise(joined_marks(i)) for i in parse_body(r.body.value) if i["marks"]]
    assert len(marked) == 1 and marked[0].startswith("We don't plan")
    r.topic_filter.value = ""
    r.speaker_filter.value = "newsweek"
    assert "Reported claim" in r.body.value  # the mark's title names the kind


def test_errata_are_marked_inline_and_explained_without_changing_the_text(fake):
    _, data = fake
    r = read_article("euronews", speaker="stoltenberg", data=data)
    items = parse_body(r.body.value)
    para = next(i for i in items if i["errata"])
    assert "".join(para["errata"]) == "armed attack on Russia"
    assert "[E1]" in r.body.value and "underline wavy" in r.body.value
    note = para["notes"][0]
    for part in ("Problem:", "Likely reading:", "How we know:", "an armed attack on Ukraine", "source text above is shown unchanged"):
        assert part in note
    # the erratum sits inside the highlighted quote and both survive, the text unchanged
    assert normalise(joined_marks(para)) == normalise(data.statements["eu-stoltenberg-pretext"]["quote"])
    assert para["text"] == paragraphs(data.articles["euronews"]["text"])[1]


def test_quotes_with_other_quote_marks_and_spacing_are_highlighted(fake):
    _, data = fake
    st = data.statements["nw-reznikov-dont-plan"]  # straight quotes and one space; the text has curly quotes, 2 spaces and a line break
    assert st["quote"] not in data.articles["newsweek"]["text"]
    r = read_article("newsweek", speaker="reznikov", data=data)
    item = parse_body(r.body.value)[3]
    assert joined_marks(item) == "We don\u2019t plan to attack anyone,\u201d  Reznikov said.\nHe added \u201cOur defense capacity is important."
    assert "<br>" in r.body.value


@pytest.mark.parametrize("bad", ["newsweak", "NOPE", "", None, 42, "x" * 10_000, "<script>alert(1)</script>"])
def test_unknown_article_gives_a_friendly_message(fake, bad):
    _, data = fake
    r = read_article(bad, data=data)
    assert r.article is None
    value = r.message.value
    assert "There is no article" in value and "Valid ids" in value
    for aid in data.articles:
        assert f"&#x27;{aid}&#x27;" in value
    assert "<script" not in value
    if bad == "newsweak":
        assert "Did you mean &#x27;newsweek&#x27;" in value


def test_article_id_and_speaker_forgive_case_and_names(fake):
    _, data = fake
    r = read_article(" Newsweek ", speaker="Oleksii Reznikov", data=data)
    assert r.article["id"] == "newsweek" and r.speaker_filter.value == "reznikov"


def test_unknown_or_absent_speaker_and_topic_get_a_note(fake):
    _, data = fake
    r = read_article("newsweek", speaker="stoltenberg", topic="sanctions", data=data)
    assert r.speaker_filter.value == "" and r.topic_filter.value == ""
    assert "Jens Stoltenberg has no statements in this article" in r.notice.value
    assert "No statements on topic" in r.notice.value
    r = read_article("newsweek", speaker="reznikof", data=data)
    assert "Did you mean &#x27;reznikov&#x27;" in r.notice.value


def test_dropdowns_list_only_what_is_in_the_article(fake):
    _, data = fake
    r = read_article("amn", data=data)
    speakers = {v for _, v in r.speaker_filter.options} - {""}
    assert speakers == {s["actor"] for s in data.statements.values() if s["article"] == "amn"}
    topics = {v for _, v in r.topic_filter.options} - {""}
    assert topics == {t for s in data.statements.values() if s["article"] == "amn" for t in s["topics"]}
    assert r.speaker_filter.description and r.topic_filter.description


def test_real_articles_render_with_every_speaker(course_data):
    for aid in course_data.articles:
        r = read_article(aid, data=course_data)
        for _, actor in r.speaker_filter.options[1:]:
            r.speaker_filter.value = actor
            wanted = [s for s in course_data.statements.values() if s["article"] == aid and s["actor"] == actor]
            marked = [normalise(joined_marks(i)) for i in parse_body(r.body.value) if i["marks"]]
            assert len(marked) >= 1
            joined = " ".join(marked)
            assert all(normalise(s["quote"]) in joined for s in wanted), (aid, actor)
