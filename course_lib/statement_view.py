"""One statement, as every renderer shows it: the single place for its words, kind, date and flags.

The comparison widget and its text twin, the claim reveal and the article reader all describe a statement
through :func:`statement_fields`, so they cannot drift apart: a course note, a venue, an approximate date or
an error in the source that one of them shows, all of them show.

* **Errata** (``data/errata.json``) are linked to a statement when the erratum's words and the statement's
  quote overlap in the article (:func:`errata_for`). A direct quote with a linked erratum is never shown as a
  clean quotation: its kind reads "Direct quote as printed, with an error in the source" and each erratum is
  listed with its problem and the course's likely reading.
* **Dates** come from :func:`course_lib.theme.record_date` ("\u2248" for month, year or undated dates).
* **Reporting words** (``reporting_verb``) are the article's own verb for the statement, verbatim.

Examples
--------
>>> from course_lib import load
>>> from course_lib.statement_view import statement_fields
>>> fields = dict(statement_fields(load(), load().statements["stoltenberg-stage-pretext"]))
>>> fields["Kind"]
'Direct quote as printed, with an error in the source (see below): not to be quoted as what the speaker said'
>>> fields["Date"]
'\u2248 17 February 2022 (undated; article date)'
"""
from __future__ import annotations

from typing import Any

from .theme import record_date

#: statement kind -> the name every renderer uses
KIND_NAMES: dict[str, str] = {
    "direct quote": "Direct quote",
    "paraphrase": "Paraphrase by the reporter",
    "reported claim": "Reported claim",
    "headline": "Headline (the outlet\u2019s own words)",
}
#: the kind shown for a direct quote (or headline) that contains an error in the source
FLAGGED_QUOTE = ("Direct quote as printed, with an error in the source (see below): not to be quoted as what the "
                 "speaker said")
FLAGGED_HEADLINE = "Headline as printed, with an error in the source (see below)"
#: what stands before the words of a statement that are not the speaker's: they are the article's words,
#: quoted as such, so that a reporter's verb ("alleged", "insist") never reads as the course's own
NOT_QUOTED = {
    "paraphrase": "The reporter\u2019s words, not the speaker\u2019s:",
    "reported claim": "The article\u2019s words, not the speaker\u2019s:",
}
#: kinds whose words are the speaker's (or outlet's) own, shown in quotation marks
QUOTED_KINDS = ("direct quote", "headline")
_OPENS = ('"', "\u201c", "'", "\u2018")


def errata_for(data: Any, statement: dict[str, Any]) -> list[dict[str, Any]]:
    """The errata whose words overlap the statement's quote in its article, in the order they occur.

    Examples
    --------
    >>> from course_lib import load
    >>> [e["id"] for e in errata_for(load(), load().statements["stoltenberg-stage-pretext"])]
    ['euronews-attack-on-russia']
    >>> errata_for(load(), load().statements["truss-nowhere-to-hide"])
    []
    """
    from .reader import find_span

    article = data.articles.get(statement.get("article")) if hasattr(data.articles, "get") else None
    text = (article or {}).get("text", "")
    span = find_span(statement.get("quote", ""), text) if text else None
    if span is None:
        return []
    found = []
    for err in data.errata.values():
        if err.get("article") != statement.get("article"):
            continue
        where = find_span(err.get("text", ""), text)
        if where is not None and where[0] < span[1] and span[0] < where[1]:
            found.append((where[0], err["id"], err))
    return [err for _, _, err in sorted(found, key=lambda item: item[:2])]


def erratum_flag(err: dict[str, Any]) -> str:
    """One erratum as a plain-text flag (the same words in every renderer).

    Examples
    --------
    >>> erratum_flag({"kind": "typo", "text": "teh", "problem": "Misspelt.", "likely_reading": "the"})
    '\u26a0 Error in the source (typo): \u201cteh\u201d. Misspelt. Likely reading (the course\u2019s inference): the'
    """
    return (f"\u26a0 Error in the source ({err.get('kind', '?')}): \u201c{err.get('text', '')}\u201d. "
            f"{err.get('problem', '')} Likely reading (the course\u2019s inference): {err.get('likely_reading', '')}")


def kind_name(statement: dict[str, Any], flagged: bool = False) -> str:
    """The kind of a statement in words; a flagged quotation or headline says it is printed with an error.

    Examples
    --------
    >>> kind_name({"kind": "paraphrase"}), kind_name({"kind": "direct quote"}, flagged=True)[:31]
    ('Paraphrase by the reporter', 'Direct quote as printed, with a')
    """
    kind = statement.get("kind", "")
    if flagged and kind == "direct quote":
        return FLAGGED_QUOTE
    if flagged and kind == "headline":
        return FLAGGED_HEADLINE
    return KIND_NAMES.get(kind, kind)


def words(statement: dict[str, Any]) -> str:
    """The statement's words as shown: quotation marks only for the speaker's or outlet's own words.

    Examples
    --------
    >>> words({"kind": "direct quote", "quote": "no plans"}), words({"kind": "paraphrase", "quote": "he said"})
    ('\u201cno plans\u201d', 'The reporter\u2019s words, not the speaker\u2019s: \u201che said\u201d')
    """
    q = statement.get("quote", "")
    kind = statement.get("kind", "")
    if kind in QUOTED_KINDS:
        return q if q[:1] in _OPENS else f"\u201c{q}\u201d"
    shown = q if q[:1] in _OPENS else f"\u201c{q}\u201d"
    return f"{NOT_QUOTED.get(kind, '')} {shown}".strip()


def source_words(article: dict[str, Any]) -> str:
    """Outlet, how the text reached it, and its publication date, in words; a date the text does not give
    itself (no dateline) says where it comes from, as everywhere in the course.

    Examples
    --------
    >>> from course_lib import load
    >>> source_words(load().articles["newsweek"])
    'Newsweek, published 14 December 2021 (date from the source notes)'
    """
    from .tables import has_dateline  # one place decides whether a date is the text's own
    from .theme import fmt_date

    how = article.get("original_source")
    extra = f" \u2014 {how}" if how and how != "original" else ""
    date = fmt_date(article.get("published", "?"), long_months=True)
    if not has_dateline(article):  # "January 2022 (month only)" -> "January 2022 (month only; date from ...)"
        date = f"{date[:-1]}; date from the source notes)" if date.endswith(")") else f"{date} (date from the source notes)"
    return f"{article.get('outlet', '?')}{extra}, published {date}"


def statement_fields(data: Any, statement: dict[str, Any], *, shown_topic: str = "",
                     skip: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """Everything the course shows about one statement, as ``(label, plain text)`` pairs, in order.

    Labels: ``Side``, ``Kind``, ``Speaker``, ``Words``, ``Reporting word``, ``Date``, ``How dated``,
    ``Where``, ``Source``, ``Also about``, ``Source error`` (one per linked erratum) and ``Course note``.
    Fields that do not apply are left out; ``skip`` leaves out more (a renderer that shows the side in a
    column heading skips ``Side``). HTML renderers escape the values; text twins print them.

    Examples
    --------
    >>> from course_lib import load
    >>> data = load()
    >>> dict(statement_fields(data, data.statements["zakharova-125000-troops"]))["Reporting word"]
    '\u201cclaimed\u201d'
    """
    from .ui import STYLES, style_key

    actor = data.actors.get(statement.get("actor")) if statement.get("actor") in data.actors else None
    style = STYLES.get(style_key(actor), {}) if actor else {}
    errs = errata_for(data, statement)
    article = data.articles[statement["article"]] if statement.get("article") in data.articles else {}
    others = [data.topics[t].get("label", t) for t in statement.get("topics", [])
              if t != shown_topic and t in data.topics]
    fields: list[tuple[str, str]] = [
        ("Side", f"{style.get('symbol', '?')} {style.get('label', 'Unknown speaker')}"),
        ("Kind", kind_name(statement, bool(errs))),
        ("Speaker", (f"{actor.get('name', statement.get('actor'))}" + (f", {actor['role']}" if actor.get("role") else ""))
         if actor else str(statement.get("actor", "?"))),
        ("Words", words(statement)),
    ]
    if statement.get("reporting_verb"):
        fields.append(("Reporting word", f"\u201c{statement['reporting_verb']}\u201d"))
    fields += [("Date", record_date(statement, long_months=True)), ("How dated", statement.get("date_basis", ""))]
    if statement.get("venue"):
        fields.append(("Where", statement["venue"]))
    fields.append(("Source", source_words(article) if article else str(statement.get("article", "?"))))
    if others:
        fields.append(("Also about", ", ".join(others)))
    fields += [("Source error", erratum_flag(err)) for err in errs]
    if statement.get("note"):
        fields.append(("Course note", statement["note"]))
    return [(label, value) for label, value in fields if label not in skip]
