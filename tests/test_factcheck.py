"""The capstone fact-check: the widget end to end, the checklist rules, the ClaimReview export, escaping, the report.

Claims are taken from the data at run time (whatever claims no source rates), so adding claims to
data/claims.json needs no change here.
"""
from __future__ import annotations

import base64
import html
import json
import re

import pytest

import course_lib
from course_lib.claimreview import (DOCUMENTED_GAPS, GOOGLE_PROPERTIES, check_claimreview, claimreview, jsonld_text,
                                    writeup_html, writeup_markdown)
from course_lib.evidence import RULES, Draft, Item, citations, sentence_spans, unrated_claims
from course_lib.factcheck import KIND, draft_text, fact_check, fact_check_text, report_section
from course_lib.progress import ProgressStore

XSS = "<script>alert(1)</script><img src=x onerror=alert(2)>"
RAW = ("<script", "<img")
SIX_WORDS = "a statement from the OSCE observers would settle it"


@pytest.fixture(scope="module")
def data():
    return course_lib.load()


@pytest.fixture(scope="module")
def claim(data):
    """An unrated claim whose recorded statements come from at least two sides (so every rule can be shown)."""
    for c in unrated_claims(data):
        sides = {data.actors[data.statements[s]["actor"]]["side"] for s in c["statements"]}
        if len(sides) >= 2:
            return c
    pytest.fail("no unrated claim with statements from two sides")


def party_quotes(data, claim) -> list[tuple[str, str, str]]:
    """(article, quote, side) of the claim's recorded statements by parties."""
    out = []
    for sid in claim["statements"]:
        st = data.statements[sid]
        side = data.actors[st["actor"]]["side"]
        if data.actors[st["actor"]]["kind"] != "media" and side in {"russia", "separatists", "ukraine", "west"}:
            out.append((st["article"], st["quote"], side))
    return out


def reporting_sentence(data) -> tuple[str, str]:
    """A sentence of some article that matches no recorded statement: the outlet's own reporting."""
    for art in data.articles.values():
        text = art["text"]
        for s, e in sentence_spans(text):
            if len(text[s:e].split()) >= 6:
                item = Item(1, {"article": art["id"], "quote": text[s:e]}, data)
                if item.found and item.statement is None:
                    return art["id"], text[s:e]
    pytest.fail("every sentence matches a statement")


def html_values(widget) -> list[str]:
    """The value of every HTML widget inside ``widget`` (what the browser renders as markup)."""
    import ipywidgets as w

    out, stack = [], [widget]
    while stack:
        x = stack.pop()
        if isinstance(x, w.HTML):
            out.append(x.value)
        stack.extend(getattr(x, "children", ()))
    return out


def add(w, article: str, words: str, tag: str = "supports") -> None:
    w.article.value = article
    w.span.value = words
    w.tag.value = tag
    w.add_button.click()


# --------------------------------------------------------------------------- the widget end to end

def test_widget_end_to_end_choose_add_refuse_cite_rate_export(data, claim, tmp_path):
    store = ProgressStore(tmp_path / "p.json")
    w = fact_check(progress=store)
    assert w.claim.value is None
    offered = [v for _, v in w.claim.options if v]
    assert offered == [c["id"] for c in unrated_claims(data)] and len(offered) >= 1

    # a) choose, and quote the claim exactly
    w.claim.value = claim["id"]
    assert "No source in the course rates this claim" in w.claim_box.value
    w.claim_quote.value = claim["appearance"]

    # b) add evidence by picking a sentence of an article
    (art1, quote1, side1), *rest = party_quotes(data, claim)
    w.article.value = art1
    text = data.articles[art1]["text"]
    spans = sentence_spans(text)
    n = next((i for i, (s, e) in enumerate(spans) if course_lib.text.occurs_in(quote1, text[s:e])),
             next(i for i, (s, e) in enumerate(spans)
                  if Item(1, {"article": art1, "quote": text[s:e]}, data).statement is not None))
    w.sentence.value = n
    assert course_lib.text.occurs_in(w.span.value, text)
    w.tag.value = "supports"
    w.add_button.click()
    assert "Added as item [1]" in w.add_feedback.value
    assert len(w.record()["evidence"]) == 1

    # ... and refuse words that are not verbatim (one word changed)
    changed = w.span.value.replace(w.span.value.split()[1], "definitely", 1)
    add(w, art1, changed, "supports")
    assert "Not added" in w.add_feedback.value and "not word for word" in w.add_feedback.value
    assert len(w.record()["evidence"]) == 1

    # evidence from another side, and the outlet's own reporting
    other = next(q for q in rest if q[2] != side1)
    add(w, other[0], other[1], "contradicts")
    rep_art, rep_sentence = reporting_sentence(data)
    add(w, rep_art, rep_sentence, "context")
    assert len(w.record()["evidence"]) == 3
    assert "[3]" in w.items.children[2].children[1].description
    assert "own reporting" in w.items.children[2].children[0].value.lower()
    assert "The parties&#x27; own statements: 2 of 3 items." in w.origin.value

    # d) cite; a citation of an item not in the list is flagged
    w.reasoning.value = "The statements [1] and [2] disagree; [3] reports both. See also [7]."
    assert "[7]" in w.citation_check.value and "not in your evidence list" in w.citation_check.value
    w.reasoning.value = "The statements [1] and [2] disagree; [3] reports both."
    assert "\u26a0" not in w.citation_check.value

    # e) rate; f) the checklist updates live
    w.rating.value = "cant-tell"
    w.confidence.value = 80
    w.limits.value = SIX_WORDS
    findings = w.draft().checklist()
    assert [f.ok for f in findings] == [True, True, True, True]
    assert [f.applies for f in findings][-1] is False
    assert w.checklist.value.count("\u2714 met") == 3

    # export: three download links, the JSON-LD is the fact-check
    w.export_button.click()
    assert "Saved with your progress and exported" in w.status.value
    links = dict(re.findall(r'download="([^"]+)" href="data:[^;]+;charset=utf-8;base64,([^"]+)"', w.export.value))
    assert set(links) == {f"fact-check-{claim['id']}{ext}" for ext in (".jsonld", ".md", ".html")}
    doc = json.loads(base64.b64decode(links[f"fact-check-{claim['id']}.jsonld"]).decode())
    assert doc["claimReviewed"] == claim["appearance"]
    assert doc["reviewRating"]["alternateName"] == "Can't tell from these sources"
    assert len(doc["citation"]) == 3
    assert [p for p in check_claimreview(doc) if p.level == "required"] == []

    # saved with progress; a new widget restores it; the text twin shows it
    saved = store.results(KIND)[claim["id"]]
    assert saved["rating"] == "cant-tell" and len(saved["evidence"]) == 3
    again = fact_check(progress=store)
    assert again.claim.value == claim["id"]
    assert again.record() == w.record()
    assert "Restored your saved fact-check" in again.status.value
    text = fact_check_text(progress=store)
    assert "[3] Context" in text and "Rating: Can't tell from these sources, 80% sure." in text

    # remove an item: the list renumbers and the citation of [3] is now flagged
    again.items.children[0].children[1].click()
    assert len(again.record()["evidence"]) == 2
    assert "[3]" in again.citation_check.value and "\u26a0" in again.citation_check.value


def test_widget_without_progress_saves_nothing(claim, tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_PROGRESS_FILE", str(tmp_path / "p.json"))
    w = fact_check(claim["id"], progress=False)
    w.limits.value = SIX_WORDS
    w.save_button.click()
    assert "Not saved" in w.status.value
    assert not (tmp_path / "p.json").exists()


def test_nothing_is_written_until_the_learner_changes_something(claim, tmp_path):
    path = tmp_path / "p.json"
    fact_check(claim["id"], progress=path)
    assert not path.exists()


def test_an_unknown_or_rated_claim_id_gives_a_message_not_an_error(data):
    rated = next(c["id"] for c in data.claims.values() if c["reviewer"] is not None)
    for bad in (rated, "no-such-claim", XSS):
        w = fact_check(bad, progress=False)
        assert w.claim.value is None and "There is no claim" in w.status.value
        assert "<script" not in w.status.value


def test_text_button_reveals_the_text_twin(claim):
    w = fact_check(claim["id"], progress=False)
    assert w.text.value == ""
    w.text_button.click()
    assert "Fact-check (Reading the Crisis)" in w.text.value and w.text_button.description == "Hide the text"
    w.text_button.click()
    assert w.text.value == ""


def test_a_saved_record_that_no_longer_matches_the_sources_is_flagged(data, claim, tmp_path):
    store = ProgressStore(tmp_path / "p.json")
    store.record_result(KIND, claim["id"], {"evidence": [{"article": claim["article"], "quote": "made-up words here",
                                                          "tag": "supports"}, "junk"],
                                            "rating": "true", "confidence": "very"})
    w = fact_check(progress=store)
    assert w.claim.value == claim["id"]
    assert "not found in the article" in w.items.children[0].children[0].value
    assert w.rating.value is None and w.confidence.value == 50
    assert "1 item(s) could not be found" in w.origin.value


# --------------------------------------------------------------------------- the checklist, rule by rule

def _rule(rule_id: str):
    return next(r for r in RULES if r(Draft({}, course_lib.load())).rule == rule_id)


def test_rule_claim_quoted(data, claim):
    rule = _rule("claim-quoted")
    assert not rule(Draft({"claim": claim["id"]}, data)).ok
    assert not rule(Draft({"claim": claim["id"], "claim_quote": "words nobody ever wrote here"}, data)).ok
    assert not rule(Draft({"claim_quote": claim["appearance"]}, data)).ok  # no claim chosen
    assert rule(Draft({"claim": claim["id"], "claim_quote": claim["appearance"]}, data)).ok


def test_rule_both_sides_needs_the_claimant_and_a_disputing_side(data, claim):
    rule = _rule("sides")
    from course_lib.ui import style_key
    own = style_key(data.actors[claim["claimant"]])
    quotes = party_quotes(data, claim)
    mine = next(q for q in quotes if q[2] == own or style_key(data.actors[
        next(s for s in data.statements.values() if s["quote"] == q[1])["actor"]]) == own)
    other = next(q for q in quotes if q[2] != own and q[2] != mine[2])
    base = {"claim": claim["id"]}
    own_only = dict(base, evidence=[{"article": mine[0], "quote": mine[1], "tag": "supports"}])
    assert not rule(Draft(own_only, data)).ok                                   # only the claimant's side
    other_only = dict(base, evidence=[{"article": other[0], "quote": other[1], "tag": "contradicts"}])
    assert not rule(Draft(other_only, data)).ok                                 # never hears the claimant
    untagged = dict(base, evidence=[own_only["evidence"][0], {"article": other[0], "quote": other[1],
                                                              "tag": "context"}])
    assert not rule(Draft(untagged, data)).ok                                   # the other side does not dispute it
    both = dict(base, evidence=[own_only["evidence"][0], other_only["evidence"][0]])
    assert rule(Draft(both, data)).ok
    assert rule(Draft(dict(own_only, one_side_why="the other side is not quoted in any source"), data)).ok


def test_rule_both_sides_is_not_met_by_allied_sides(data):
    """Ukraine's claim with Western evidence only (two sides, neither disputing it) does not pass (it did before)."""
    rule = _rule("sides")
    c = data.claims["ukraine-did-not-return-fire-17-feb-2022"]
    ev = [{"article": "euronews", "quote": data.statements["ukraine-separatists-shelled-did-not-return-fire"]["quote"],
           "tag": "supports"},
          {"article": "euronews", "quote": data.statements["austin-disturbing-reports"]["quote"], "tag": "supports"}]
    assert not rule(Draft({"claim": c["id"], "evidence": ev}, data)).ok
    ev.append({"article": "euronews", "quote": data.statements["luhansk-separatists-grand-scale-provocation"]["quote"],
               "tag": "contradicts"})
    assert rule(Draft({"claim": c["id"], "evidence": ev}, data)).ok


def test_rule_limits_stated(data, claim):
    rule = _rule("limits")
    assert not rule(Draft({"claim": claim["id"], "limits": "more evidence"}, data)).ok
    assert rule(Draft({"claim": claim["id"], "limits": SIX_WORDS}, data)).ok


def test_rule_independent_evidence(data, claim):
    rule = _rule("independent")
    (a1, q1, _s1), *_ = party_quotes(data, claim)
    rep_art, rep = reporting_sentence(data)
    assert Item(1, {"article": rep_art, "quote": rep}, data).funding == ""
    party_only = {"claim": claim["id"], "rating": "false", "reasoning": "See [1].",
                  "evidence": [{"article": a1, "quote": q1}, {"article": rep_art, "quote": rep}]}
    assert not rule(Draft(party_only, data)).ok                           # cites only a party's statement
    assert rule(Draft(dict(party_only, reasoning="See [1] and [2]."), data)).ok  # cites the reporting
    assert rule(Draft(dict(party_only, independent_why="no outlet reports anything beyond the two sides"), data)).ok
    cant = rule(Draft(dict(party_only, rating="cant-tell"), data))
    assert cant.ok and not cant.applies


def test_rule_independent_evidence_asks_who_funds_a_government_funded_publisher(data, claim):
    """Polygraph.info's own reporting (US-government-funded, per the source notes) counts only with a word on funding."""
    rule = _rule("independent")
    text = data.articles["polygraph"]["text"]
    start = text.index("While Ukraine has the legal right")
    sentence = text[start:text.index(".", start) + 1]
    item = Item(1, {"article": "polygraph", "quote": sentence}, data)
    assert not item.is_party and item.funding == "funded by the US government"
    rec = {"claim": claim["id"], "rating": "false", "reasoning": "See [1].",
           "evidence": [{"article": "polygraph", "quote": sentence}]}
    found = rule(Draft(rec, data))
    assert not found.ok and "funds" in found.detail
    assert rule(Draft(dict(rec, independent_why="Polygraph.info is Voice of America's site, funded by the US "
                                                "government; its reporting is checked against Biden's words"),
                       data)).ok


# --------------------------------------------------------------------------- who says the words

def test_evidence_names_the_speaker_the_sentence_introduces(data):
    """Newsweek's first sentence is Reznikov's answer; the Russian accusations it mentions are listed after him."""
    text = data.articles["newsweek"]["text"]
    start = text.index("Ukrainian Defense Minister Oleksii Reznikov responded")
    sentence = text[start:text.index("anyone.", start) + 8]
    item = Item(1, {"article": "newsweek", "quote": sentence}, data)
    assert item.actor["name"] == "Oleksii Reznikov" and item.side == "ukraine"
    assert item.attribution().startswith("Oleksii Reznikov")
    assert "Russian officials" in item.attribution()                # every matching statement is listed
    assert set(item.sides) == {"ukraine", "russia"}


def test_claim_card_quote_is_the_speakers_not_the_outlets(data):
    """Shoigu's words on Polygraph's claim card (printed with " ... ") are Shoigu's, not Polygraph's reporting."""
    text = data.articles["polygraph"]["text"]
    start = text.index('"The United States and its allies ...')
    card = text[start:text.index("territories.", start) + len('territories."')]
    spans = [text[s:e] for s, e in sentence_spans(text)]
    assert card in spans                                            # an ellipsis does not end a sentence
    item = Item(1, {"article": "polygraph", "quote": card}, data)
    assert item.actor is not None and item.actor["name"] == "Sergey Shoigu"


@pytest.mark.parametrize("article, byline", [("moscowtimes", "AFP, published by The Moscow Times"),
                                             ("amn", "RFE/RL, reprinted by American Military News")])
def test_agency_copy_is_attributed_to_the_agency(data, article, byline):
    from course_lib.evidence import WRITTEN_BY
    agency = byline.split(",")[0]
    note = data.articles[article]["source_note"]
    assert agency in note or {"RFE/RL": "(RFE/RL)"}.get(agency, agency) in note   # the label says no more than the notes
    assert WRITTEN_BY[article] == byline
    text = data.articles[article]["text"]
    own = next(text[s:e] for s, e in sentence_spans(text)
               if len(text[s:e].split()) >= 6 and Item(1, {"article": article, "quote": text[s:e]}, data).found
               and Item(1, {"article": article, "quote": text[s:e]}, data).statement is None)
    attribution = Item(1, {"article": article, "quote": own}, data).attribution()
    assert byline in attribution and f"{data.articles[article]['outlet']}'s own reporting" not in attribution


def test_funded_publishers_are_flagged_in_the_summary(data, claim):
    text = data.articles["polygraph"]["text"]
    start = text.index("While Ukraine has the legal right")
    sentence = text[start:text.index(".", start) + 1]
    summary = Draft({"claim": claim["id"], "evidence": [{"article": "polygraph", "quote": sentence}]}, data).origin_text()
    assert "government-funded publisher" in summary and "funded by the US government" in summary
    rep_art, rep = reporting_sentence(data)
    assert "government-funded" not in Draft({"evidence": [{"article": rep_art, "quote": rep}]}, data).origin_text()


def test_claim_source_says_reported_position_and_keeps_date_precision(data):
    from course_lib.evidence import claim_date, claim_source
    kremlin = data.claims["russia-intention-to-invade"]
    text = claim_source(kremlin, data)
    assert text.startswith("reported by euronews as the position of The Kremlin") and "said by" not in text
    assert claim_date(kremlin, data).startswith("\u2248 17 February 2022")
    reznikov = data.claims["ukraine-buildup-defensive"]
    assert claim_source(reznikov, data) == "said by Oleksii Reznikov (Defence Minister of Ukraine), 14 December 2021"
    for c in unrated_claims(data):                              # every undated claim is shown approximate
        if c.get("undated"):
            assert claim_date(c, data).startswith("\u2248"), c["id"]
    w = fact_check(kremlin["id"], progress=False)
    assert "reported by euronews as the position of The Kremlin, \u2248 17 February 2022" in w.claim_box.value
    label = next(lbl for lbl, key in w.claim.options if key == kremlin["id"])
    assert "\u2248 17 February 2022" in label


def test_export_never_says_said_by_for_a_reported_position_nor_an_exact_undated_day(data):
    c = data.claims["russia-intention-to-invade"]
    d = Draft({"claim": c["id"], "claim_quote": c["appearance"], "rating": "cant-tell"}, data)
    doc = claimreview(d, today="2026-03-02")
    assert "datePublished" not in doc["itemReviewed"]                       # the source gives no day
    assert doc["itemReviewed"]["description"].startswith("reported by euronews as the position of The Kremlin")
    assert "itemReviewed.datePublished" in {p.path for p in check_claimreview(doc)}
    for page in (writeup_markdown(d, today="2026-03-02"), writeup_html(d, today="2026-03-02"), draft_text(d)):
        assert "Said by" not in page and "said by The Kremlin" not in page
        assert "Reported by euronews as the position of The Kremlin" in page
        assert "True-to-False" not in page


def test_checklist_never_blocks_saving(claim, tmp_path):
    store = ProgressStore(tmp_path / "p.json")
    w = fact_check(claim["id"], progress=store)
    w.rating.value = "false"                      # nothing else: every rule that applies is "not yet"
    assert not any(f.ok for f in w.draft().checklist())
    w.save_button.click()
    assert store.results(KIND)[claim["id"]]["rating"] == "false"


def test_citations_parse_lists_and_ranges():
    assert citations("[1] [2, 4] [5-6] [x] [2]") == [1, 2, 4, 5, 6]


# --------------------------------------------------------------------------- ClaimReview JSON-LD

def test_property_list_is_googles():
    assert GOOGLE_PROPERTIES["ClaimReview"] == {"required": ("claimReviewed", "reviewRating", "url"),
                                                "recommended": ("author", "datePublished", "itemReviewed")}
    assert GOOGLE_PROPERTIES["Claim"]["recommended"] == ("appearance", "author", "datePublished", "firstAppearance")
    assert GOOGLE_PROPERTIES["Rating"]["required"] == ("alternateName",)


@pytest.mark.parametrize("rating", ["accurate", "misleading", "false", "cant-tell"])
def test_jsonld_has_every_property_but_the_documented_gaps(data, claim, rating):
    rec = {"claim": claim["id"], "claim_quote": claim["appearance"], "rating": rating, "author": "Sam",
           "reasoning": "Because [1]."}
    doc = claimreview(Draft(rec, data), today="2026-03-02")
    problems = check_claimreview(doc)
    assert all(p.level == "recommended" and p.path in DOCUMENTED_GAPS and p.note for p in problems), problems
    assert ("reviewRating.ratingValue" in {p.path for p in problems}) == (rating == "cant-tell")
    art = data.articles[claim["article"]]
    item = doc["itemReviewed"]
    assert item["@type"] == "Claim" and item["author"]["name"] == data.actors[claim["claimant"]]["name"]
    assert item.get("datePublished", claim["date"]) == claim["date"]
    assert ("datePublished" in item) != bool(claim.get("undated"))
    assert item["appearance"]["headline"] == art["title"] and item["appearance"]["publisher"]["name"] == art["outlet"]
    assert doc["author"] == {"@type": "Person", "name": "Sam"} and doc["datePublished"] == "2026-03-02"
    assert doc["reviewRating"]["ratingExplanation"] == "Because [1]."
    assert doc["url"].startswith("https://example.invalid/")


def test_check_claimreview_flags_missing_properties(data, claim):
    doc = claimreview(Draft({"claim": claim["id"], "rating": "false"}, data))
    del doc["url"]
    del doc["reviewRating"]["alternateName"]
    doc["itemReviewed"]["author"] = {"@type": "Person"}
    got = {(p.level, p.path) for p in check_claimreview(doc)}
    assert {("required", "url"), ("required", "reviewRating.alternateName"),
            ("required", "itemReviewed.author.name")} <= got
    assert check_claimreview([]) [0].path == "@type"


# --------------------------------------------------------------------------- hostile learner text

def test_hostile_text_stays_inert_everywhere(data, claim, tmp_path):
    store = ProgressStore(tmp_path / "p.json")
    w = fact_check(claim["id"], progress=store)
    (a1, q1, _), *_ = party_quotes(data, claim)
    add(w, a1, q1)
    for field in (w.claim_quote, w.reasoning, w.limits, w.one_side_why, w.independent_why, w.author):
        field.value = f"[1] {XSS} & more words here now"
    w.rating.value = "false"
    w.export_button.click()
    w.text_button.click()
    for value in html_values(w):
        assert not any(r in value for r in RAW), value[:300]
    assert "&lt;script&gt;" in w.text.value

    d = w.draft()
    doc = json.loads(jsonld_text(claimreview(d)))
    assert XSS in doc["reviewRating"]["ratingExplanation"]          # data in JSON, unchanged ...
    assert "<" not in jsonld_text(claimreview(d))                  # ... and inert inside <script>
    page = writeup_html(d)
    assert page.count("<script") == 1 and "<img" not in page       # only the JSON-LD element
    md = writeup_markdown(d)
    assert not any(r in md for r in RAW)
    for blob in re.findall(r'base64,([^"]+)"', w.export.value):
        decoded = base64.b64decode(blob).decode()
        assert "<img" not in decoded and decoded.count("<script") <= 1

    # the hand-in carries the record; the report keeps it inert
    handin = {"learner": f"Eve {XSS}", "results": {KIND: store.results(KIND)}}
    section = report_section([handin, {"learner": "Bob", "results": "junk"}, "junk"])
    assert not any(r in section["html"] for r in RAW)
    assert XSS in section["text"]   # the text twin is plain text: shown as text, never as markup


# --------------------------------------------------------------------------- the class report

def test_report_lists_ratings_per_claim_and_each_checklist(data, claim):
    others = [c for c in unrated_claims(data) if c["id"] != claim["id"]]
    handins = [
        {"learner": "Ana", "results": {KIND: {claim["id"]: {"rating": "cant-tell", "limits": SIX_WORDS}}}},
        {"learner": "Ben", "results": {KIND: {claim["id"]: {"rating": "false", "reasoning": "[4]"}}}},
        {"learner": "Cy", "results": {KIND: {"no-such-claim": {"rating": "accurate"}}}},
    ]
    if others:
        handins[0]["results"][KIND][others[0]["id"]] = {"rating": "misleading"}
    sec = report_section(handins)
    assert sec["id"] == KIND and sec["title"]
    row = next(r for r in re.findall(r"<tr>.*?</tr>", sec["html"]) if claim["claim"][:30] in r.replace("&quot;", '"'))
    cells = re.findall(r"<td[^>]*>(\d+)", row)
    assert cells == ["0", "0", "1", "1", "0"]  # accurate, misleading, false, can't tell, not rated
    assert "no-such-claim (not a claim of this course)" in sec["text"]
    assert "cites items not in the list: [4]" in sec["text"]
    assert sec["text"].count("[met] The limits are stated") == 1
    assert sec["html"].count("<section") == len([r for h in handins for r in h["results"][KIND]])
    assert report_section([])["text"].endswith("No fact-checks in these hand-ins.\n")


def test_draft_text_is_the_twin(data, claim):
    d = Draft({"claim": claim["id"], "rating": "misleading", "confidence": 90}, data)
    text = draft_text(d)
    assert claim["claim"] in text and "Rating: Misleading, 90% sure." in text
    assert text.count("[not yet]") + text.count("[met]") + text.count("[does not apply]") == len(RULES)


def test_the_rating_scale_is_defined_where_learners_rate(data, claim):
    """Each rating is defined in the widget and the text twin; the export calls the scale Accurate-to-False."""
    from course_lib.claims import RATINGS
    from course_lib.evidence import RATING_DEFINITIONS
    assert set(RATING_DEFINITIONS) == set(RATINGS)
    w = fact_check(claim["id"], progress=False)
    shown = " ".join(getattr(c, "value", "") for c in _walk(w) if isinstance(getattr(c, "value", None), str))
    for text in RATING_DEFINITIONS.values():
        assert text.split(":")[1].strip()[:40] in html.unescape(shown)
    twin = draft_text(Draft({"claim": claim["id"], "rating": "misleading"}, data))
    assert RATING_DEFINITIONS["misleading"] in twin
    assert "Accurate-to-False" in DOCUMENTED_GAPS["reviewRating.ratingValue"]


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)
