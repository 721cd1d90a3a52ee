"""Export a learner's fact-check: schema.org ClaimReview JSON-LD, and a write-up in Markdown and HTML.

The JSON-LD follows schema.org's ClaimReview as Google's fact-check structured-data documentation
describes it (:data:`GOOGLE_PROPERTIES` lists the required and recommended properties);
:func:`check_claimreview` checks a document against that list.

Two required or recommended values have no natural value for a learner's work, and the course says
what it does instead (also in ``data/README.md``):

* ``url`` (required: the page that hosts the fact-check). A learner's fact-check is not published, so
  the course writes an address under the reserved ``.invalid`` domain (RFC 6761), which can never be
  mistaken for a real page: ``https://example.invalid/reading-the-crisis/fact-checks/<claim id>``.
  Pass ``url=`` to :func:`claimreview` if the fact-check is published.
* ``itemReviewed.firstAppearance`` (recommended) is left out: the five sources do not say where a
  claim first appeared, and the course does not guess. ``appearance`` is the article the course read it in.
* ``reviewRating.ratingValue`` (recommended): the course's Accurate-to-False scale runs False (1),
  Misleading (2), Accurate (3) (each defined in :data:`course_lib.evidence.RATING_DEFINITIONS`); "Can't
  tell from these sources" is not a point on that scale, so it has no number.
* ``itemReviewed.datePublished`` (recommended) is left out when the source gives no day for the claim
  (the article's date only stands in), and is written with the source's precision ("2021", "2023-02")
  otherwise; ``itemReviewed.description`` says in words who made the claim, how the course read it and
  when (e.g. "reported by euronews as the position of The Kremlin, ≈ 17 February 2022 (undated;
  article date)").

Every learner string is data: in JSON it is a JSON string; in Markdown and HTML it is escaped.

Examples
--------
>>> from course_lib import load
>>> from course_lib.evidence import Draft
>>> rec = {"claim": "russia-intention-to-invade", "rating": "cant-tell", "author": "A. Learner",
...        "reasoning": "See [1]."}
>>> doc = claimreview(Draft(rec, load()), today="2026-01-05")
>>> doc["@type"], doc["reviewRating"]["alternateName"], doc["author"]["name"]
('ClaimReview', "Can't tell from these sources", 'A. Learner')
>>> [p.path for p in check_claimreview(doc) if p.level == "required"]
[]
"""
from __future__ import annotations

import base64
import datetime as _dt
import html
import json
import re
from typing import Any, NamedTuple

from .claims import RATINGS
from .evidence import TAGS, Draft, Item, claim_source, fmt_date, written_by
from .theme import is_undated, record_date
from .ui import FONT, STYLES, esc

#: Google's fact-check documentation: type -> required and recommended properties
GOOGLE_PROPERTIES: dict[str, dict[str, tuple[str, ...]]] = {
    "ClaimReview": {"required": ("claimReviewed", "reviewRating", "url"),
                    "recommended": ("author", "datePublished", "itemReviewed")},
    "Claim": {"required": (), "recommended": ("appearance", "author", "datePublished", "firstAppearance")},
    "Rating": {"required": ("alternateName",), "recommended": ("bestRating", "name", "ratingValue", "worstRating")},
    "Person": {"required": ("name",), "recommended": ()},
    "Organization": {"required": ("name",), "recommended": ()},
}
#: property path -> why the course leaves it out (a documented gap, not a mistake)
DOCUMENTED_GAPS: dict[str, str] = {
    "itemReviewed.firstAppearance": "the five sources do not say where the claim first appeared; the course "
                                    "does not guess",
    "reviewRating.ratingValue": "\u201cCan't tell from these sources\u201d is not a point on the course's "
                                "Accurate-to-False scale, so it has no number",
    "itemReviewed.datePublished": "the source gives no day for the claim (the article's date only stands in); "
                                  "itemReviewed.description gives the date in words",
}
#: the course's rating -> its number on the scale False (1) .. Accurate (3); cant-tell has none
RATING_VALUES = {"false": 1, "misleading": 2, "accurate": 3}
PLACEHOLDER_URL = "https://example.invalid/reading-the-crisis/fact-checks/{claim}"
_ID_SAFE = re.compile(r"[^a-z0-9-]+")


class Problem(NamedTuple):
    """A property missing from a ClaimReview document: ``level`` is "required" or "recommended"."""
    level: str
    path: str
    note: str = ""


def _who(actor: dict[str, Any] | None) -> dict[str, Any]:
    if actor is None:
        return {"@type": "Organization", "name": "Unknown"}
    kind = "Person" if actor.get("kind") == "person" else "Organization"
    out: dict[str, Any] = {"@type": kind, "name": str(actor.get("name", "?"))}
    if actor.get("role"):
        out["jobTitle" if kind == "Person" else "description"] = str(actor["role"])
    return out


def _article(article: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"@type": "NewsArticle", "headline": str(article.get("title", "?")),
                           "publisher": {"@type": "Organization", "name": str(article.get("outlet", "?"))},
                           "datePublished": str(article.get("published", ""))}
    if article.get("url"):
        out["url"] = str(article["url"])
    return out


def claimreview(draft: Draft, *, url: str | None = None, today: str | None = None) -> dict[str, Any]:
    """The fact-check as a schema.org ClaimReview document (a JSON-ready dict).

    Parameters
    ----------
    draft : Draft
        The learner's fact-check read against the course data.
    url : str, optional
        Where the fact-check is published; default: a reserved ``.invalid`` address (see the module docstring).
    today : str, optional
        The ISO date of publication (``datePublished``); default: today's date (UTC).
    """
    rec, claim = draft.record, draft.claim or {}
    label = RATINGS.get(rec["rating"] or "", "Not rated yet")
    claim_id = _ID_SAFE.sub("-", str(claim.get("id", "no-claim")).lower())
    quoted = rec["claim_quote"].strip() if draft.claim_quote_verbatim else ""
    reviewed = quoted or str(claim.get("claim", ""))
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": label, "name": label,
                              "ratingExplanation": rec["reasoning"], "bestRating": 3, "worstRating": 1}
    if rec["rating"] in RATING_VALUES:
        rating["ratingValue"] = RATING_VALUES[rec["rating"]]
    item: dict[str, Any] = {"@type": "Claim", "author": _who(draft.claimant)}
    if claim and not is_undated(_dated(draft)):
        item["datePublished"] = str(claim.get("date", ""))
    if claim:
        item["description"] = claim_source(claim, draft.data)
    if draft.appearance is not None:
        item["appearance"] = _article(draft.appearance)
    doc: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url or PLACEHOLDER_URL.format(claim=claim_id),
        "name": f"A learner's fact-check: {str(claim.get('claim', ''))[:80]}",
        "claimReviewed": reviewed,
        "datePublished": today or _dt.datetime.now(_dt.timezone.utc).date().isoformat(),
        "author": {"@type": "Person", "name": rec["author"].strip() or "A learner"},
        "itemReviewed": item,
        "reviewRating": rating,
        "citation": [{"@type": "Quotation", "text": i.quote, "description": f"[{i.number}] {TAGS[i.tag]}",
                      "creator": _who(i.actor) if i.actor is not None else
                      {"@type": "Organization", "name": written_by(i.article)}, "isPartOf": _article(i.article)}
                     for i in draft.found_items],
    }
    return doc


def _dated(draft: Draft) -> dict[str, Any]:
    """The claim record with its ``undated`` flag (taken from the statement it appears as when the claim lacks it)."""
    from .evidence import appearance_statement
    record = dict(draft.claim or {})
    if "undated" not in record and draft.claim is not None:
        st = appearance_statement(draft.claim, draft.data)
        if st is not None and st.get("date") == record.get("date") and "undated" in st:
            record["undated"] = st["undated"]
    return record


def check_claimreview(doc: Any) -> list[Problem]:
    """Missing required and recommended properties of a ClaimReview document, per :data:`GOOGLE_PROPERTIES`.

    A gap listed in :data:`DOCUMENTED_GAPS` is reported with its reason as the note. Nested objects
    (``author``, ``itemReviewed``, its ``author``, ``reviewRating``) are checked by their ``@type``.

    Examples
    --------
    >>> [p.path for p in check_claimreview({"@type": "ClaimReview", "claimReviewed": "x"})]
    ['@context', 'reviewRating', 'url', 'author', 'datePublished', 'itemReviewed']
    """
    problems: list[Problem] = []

    def empty(value: Any) -> bool:
        return value is None or value == "" or value == [] or value == {}

    def visit(obj: Any, expected: str, path: str) -> None:
        if not isinstance(obj, dict):
            problems.append(Problem("required", path or expected, f"not an object of type {expected}"))
            return
        kind = obj.get("@type") if obj.get("@type") in GOOGLE_PROPERTIES else expected
        props = GOOGLE_PROPERTIES[kind]
        for level in ("required", "recommended"):
            for prop in props[level]:
                where = f"{path}.{prop}" if path else prop
                if empty(obj.get(prop)):
                    problems.append(Problem(level, where, DOCUMENTED_GAPS.get(where, "")))
        for prop, child in (("author", "Person"), ("itemReviewed", "Claim"), ("reviewRating", "Rating")):
            if kind in ("ClaimReview", "Claim") and not empty(obj.get(prop)):
                visit(obj[prop], child, f"{path}.{prop}" if path else prop)

    if not isinstance(doc, dict) or doc.get("@type") != "ClaimReview":
        return [Problem("required", "@type", "the document is not a ClaimReview")]
    if doc.get("@context") not in ("https://schema.org", "http://schema.org", "https://schema.org/"):
        problems.append(Problem("required", "@context", "must be https://schema.org"))
    visit(doc, "ClaimReview", "")
    return problems


def jsonld_text(doc: dict[str, Any]) -> str:
    """The document as JSON text that is also safe inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` are written as JSON escapes, so learner text cannot close the element.

    Examples
    --------
    >>> jsonld_text({"a": "</script>"})
    '{\\n "a": "\\\\u003c/script\\\\u003e"\\n}'
    """
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# --------------------------------------------------------------------------- write-ups

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|!])")


def md_escape(text: str) -> str:
    """Learner or source text made inert in Markdown: HTML escaped, Markdown's markup characters backslashed.

    Examples
    --------
    >>> md_escape("<b>[x](javascript:y)</b>")
    '&lt;b&gt;\\\\[x\\\\](javascript:y)&lt;/b&gt;'
    """
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))


def _md_quote(text: str) -> str:
    return "\n".join(f"> {md_escape(line)}" if line.strip() else ">" for line in str(text).splitlines() or [""])


def _checklist_lines(draft: Draft) -> list[tuple[str, str, str]]:
    """(mark, title, detail) for each checklist finding."""
    out = []
    for f in draft.checklist():
        mark = "n/a" if not f.applies else ("met" if f.ok else "not yet")
        out.append((mark, f.title, f.detail))
    return out


def writeup_markdown(draft: Draft, *, today: str | None = None) -> str:
    """A readable write-up of the fact-check in Markdown (every string escaped).

    Examples
    --------
    >>> from course_lib import load
    >>> md = writeup_markdown(Draft({"claim": "russia-intention-to-invade", "reasoning": "<b>hi</b>"}, load()))
    >>> md.startswith("# Fact-check") and "&lt;b&gt;hi&lt;/b&gt;" in md
    True
    """
    rec, claim = draft.record, draft.claim or {}
    doc = claimreview(draft, today=today)
    art = draft.appearance or {}
    lines = [f"# Fact-check: {md_escape(claim.get('claim', 'no claim chosen'))}", "",
             f"By {md_escape(doc['author']['name'])}, {md_escape(fmt_date(doc['datePublished']))}. "
             "A learner's fact-check written in *Reading the Crisis*; every quotation is checked against the "
             "five source articles.", "", "## The claim", ""]
    if rec["claim_quote"].strip():
        lines += [_md_quote(rec["claim_quote"]), ""]
    lines += [f"{md_escape(_cap(claim_source(claim, draft.data)) if claim else '?')}; "
              f"as it appears in *{md_escape(art.get('outlet', '?'))}*, "
              f"{md_escape(record_date(art, 'published', long_months=True))}: "
              f"\u201c{md_escape(art.get('title', '?'))}\u201d.", "",
              "## Evidence", ""]
    if not draft.items:
        lines += ["No evidence added.", ""]
    for i in draft.items:
        flag = "" if i.found else " **(not found in the article: not counted)**"
        lines += [f"**[{i.number}] {md_escape(TAGS[i.tag])}**{flag}", "", _md_quote(i.quote), "",
                  f"{md_escape(i.attribution())}", ""]
    lines += ["Where the evidence comes from:", ""]
    lines += [f"- {md_escape(line)}" for line in draft.origin_text().splitlines()]
    lines += ["", "## Reasoning", "", md_escape(rec["reasoning"]) or "*(none written)*", ""]
    bad = draft.bad_citations()
    if bad:
        lines += [f"*Cited but not in the evidence list: {', '.join(f'[{n}]' for n in bad)}.*", ""]
    lines += ["## Rating", "", f"**{md_escape(doc['reviewRating']['alternateName'])}**, "
              f"{rec['confidence']}% sure.", "", "## Limits: what evidence would change this rating?", "",
              md_escape(rec["limits"]) or "*(not stated)*", ""]
    if rec["one_side_why"].strip():
        lines += ["**Why there is no evidence from the claimant's side or from a side that disputes the claim:** " + md_escape(rec["one_side_why"]), ""]
    if rec["independent_why"].strip():
        lines += ["**Who publishes and funds the evidence that is not a party's own statement, or why there is none:** " + md_escape(rec["independent_why"]), ""]
    lines += ["## Checklist (derived from the IFCN principles)", ""]
    lines += [f"- [{'x' if m == 'met' else ' '}] {md_escape(t)} ({m}): {md_escape(d)}"
              for m, t, d in _checklist_lines(draft)]
    return "\n".join(lines) + "\n"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _block(text: str) -> str:
    return "<br>".join(esc(line) for line in str(text).splitlines())


def evidence_html(items: list[Item]) -> str:
    """Numbered evidence items as HTML (escaped), as the widget and the write-up show them."""
    if not items:
        return "<p><i>No evidence added yet.</i></p>"
    out = ['<ol class="rtc-evidence" style="list-style:none;padding-left:0;margin:4px 0;line-height:1.45">']
    for i in items:
        style = STYLES.get(i.side, {"color": "#555555", "symbol": "?", "label": i.side})
        flag = ("" if i.found else ' <strong style="color:#b3001b">\u26a0 not found in the article: '
                "not counted</strong>")
        out.append(f'<li style="margin:6px 0;border-left:4px solid {style["color"]};padding:2px 8px">'
                   f'<strong>[{i.number}] {esc(TAGS[i.tag])}</strong>{flag}'
                   f'<blockquote style="margin:2px 0;padding:0 8px;border-left:2px solid #888">{_block(i.quote)}'
                   f'</blockquote><span style="font-size:90%">{esc(style["symbol"])} {esc(i.attribution())}</span></li>')
    out.append("</ol>")
    return "".join(out)


def checklist_html(draft: Draft) -> str:
    """The checklist as an HTML list: each rule with a symbol AND a word (met / not yet / does not apply)."""
    marks = {"met": ("\u2714", "#1B7837", "met"), "not yet": ("\u25cb", "#8a4b00", "not yet"),
             "n/a": ("\u2013", "#555555", "does not apply")}
    items = []
    for m, title, detail in _checklist_lines(draft):
        sym, colour, word = marks[m]
        items.append(f'<li style="margin:3px 0"><span style="color:{colour};font-weight:700">{sym} {word}:</span> '
                     f'{esc(title)}<br><span style="font-size:90%">{esc(detail)}</span></li>')
    return f'<ul class="rtc-checklist" style="list-style:none;padding-left:0;margin:4px 0">{"".join(items)}</ul>'


def writeup_html(draft: Draft, *, today: str | None = None) -> str:
    """A standalone HTML page of the write-up, with the ClaimReview JSON-LD embedded (nothing loaded from outside).

    Examples
    --------
    >>> from course_lib import load
    >>> page = writeup_html(Draft({"reasoning": "</script><script>alert(1)</script>"}, load()))
    >>> "<script>alert" in page
    False
    """
    rec, claim = draft.record, draft.claim or {}
    doc = claimreview(draft, today=today)
    art = draft.appearance or {}
    bad = draft.bad_citations()
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Fact-check: {esc(claim.get('claim', 'no claim chosen'))}</title>",
        f'<script type="application/ld+json">{jsonld_text(doc)}</script>',
        f"</head><body style=\"font-family:{FONT};max-width:48em;margin:1em auto;line-height:1.45\">",
        f"<h1>Fact-check: {esc(claim.get('claim', 'no claim chosen'))}</h1>",
        f"<p>By {esc(doc['author']['name'])}, {esc(fmt_date(doc['datePublished']))}. A learner's fact-check written "
        "in <i>Reading the Crisis</i>; every quotation is checked against the five source articles.</p>",
        "<h2>The claim</h2>",
        (f"<blockquote>{_block(rec['claim_quote'])}</blockquote>" if rec["claim_quote"].strip() else ""),
        f"<p>{esc(_cap(claim_source(claim, draft.data)) if claim else '?')}; "
        f"as it appears in <cite>{esc(art.get('outlet', '?'))}</cite>, "
        f"{esc(record_date(art, 'published', long_months=True))}: \u201c{esc(art.get('title', '?'))}\u201d.</p>",
        "<h2>Evidence</h2>", evidence_html(draft.items),
        f"<p><strong>Where the evidence comes from:</strong><br>{_block(draft.origin_text())}</p>",
        "<h2>Reasoning</h2>", f"<p>{_block(rec['reasoning']) or '<i>(none written)</i>'}</p>",
        (f"<p><i>Cited but not in the evidence list: {esc(', '.join(f'[{n}]' for n in bad))}.</i></p>" if bad else ""),
        "<h2>Rating</h2>",
        f"<p><strong>{esc(doc['reviewRating']['alternateName'])}</strong>, {rec['confidence']}% sure.</p>",
        "<h2>Limits: what evidence would change this rating?</h2>",
        f"<p>{_block(rec['limits']) or '<i>(not stated)</i>'}</p>",
        (f"<p><strong>Why there is no evidence from the claimant's side or from a side that disputes the claim:</strong> {_block(rec['one_side_why'])}</p>"
         if rec["one_side_why"].strip() else ""),
        (f"<p><strong>Who publishes and funds the evidence that is not a party's own statement, or why there is none:</strong> "
         f"{_block(rec['independent_why'])}</p>" if rec["independent_why"].strip() else ""),
        "<h2>Checklist (derived from the IFCN principles)</h2>", checklist_html(draft),
        "</body></html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def data_uri(text: str, mime: str) -> str:
    """A ``data:`` URI for a download link (works offline, in Lab, Voila and JupyterLite alike).

    Examples
    --------
    >>> data_uri("hi", "text/plain")
    'data:text/plain;charset=utf-8;base64,aGk='
    """
    return f"data:{mime};charset=utf-8;base64,{base64.b64encode(text.encode('utf-8')).decode('ascii')}"
