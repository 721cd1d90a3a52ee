"""A learner's fact-check as data: verbatim evidence, who says it, where it comes from, and the checklist.

The capstone widget (:func:`course_lib.factcheck.fact_check`), its text twin, the ClaimReview export and
the class report all read a fact-check through :class:`Draft`, so every view agrees. A fact-check record
is a plain dict (what the progress file keeps)::

    {"claim": "<claim id>", "claim_quote": "...", "author": "...",
     "evidence": [{"article": "euronews", "quote": "...", "tag": "supports"}, ...],
     "reasoning": "... [1] ... [2] ...", "rating": "cant-tell", "confidence": 70,
     "limits": "...", "one_side_why": "...", "independent_why": "..."}

Records come from learners' files, so nothing in them is trusted: every field is type-checked, every
quote is looked up again in its article, and what cannot be found is flagged, never shown as evidence.

The checklist is derived from the IFCN Code of Principles (fairness, transparency of sources and of
method). Each rule is a function ``rule(draft) -> Finding`` listed in :data:`RULES`; the checklist informs
the learner and never blocks saving.

Examples
--------
>>> from course_lib import load
>>> data = load()
>>> claim = next(c for c in data.claims.values() if c["reviewer"] is None)
>>> d = Draft({"claim": claim["id"], "evidence": [{"article": claim["article"], "quote": claim["appearance"],
...                                                 "tag": "context"}]}, data)
>>> len(d.items), d.items[0].found
(1, True)
>>> [f.ok for f in d.checklist()][:1]      # the claim itself is not quoted yet
[False]
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

from .claims import CONFIDENCE, RATINGS, is_rated
from .reader import find_span, paragraph_spans
from .theme import fmt_date as theme_fmt_date
from .theme import record_date
from .ui import SIDES, STYLES, style_key

#: evidence tag -> how the learner sees it
TAGS: dict[str, str] = {"supports": "Supports the claim", "contradicts": "Contradicts the claim",
                        "context": "Context"}
#: what each point of the course's Accurate-to-False scale means (shown in the widget, its text twin and the docs).
#: "Misleading" is one point of the scale, defined here in the course's words, whoever else uses the word.
RATING_DEFINITIONS: dict[str, str] = {
    "accurate": "Accurate: the sources' evidence supports the claim as worded; nothing it leaves out changes "
                "its meaning.",
    "misleading": "Misleading: part of the claim is supported, but it leaves out or changes something that "
                  "changes its meaning (a partly accurate claim is rated here; say which part in your reasoning).",
    "false": "False: the sources' evidence contradicts the claim as worded.",
    "cant-tell": "Can't tell from these sources: the five articles do not give enough evidence to rate the "
                 "claim either way (not a judgement that it is wrong).",
}
#: the sides that are parties to the dispute (their statements are "the parties' own statements");
#: international bodies and outlets are not parties
PARTIES = frozenset({"russia", "separatists", "ukraine", "west"})
#: the free-text fields of a record, with the longest a learner may write (longer text is cut)
TEXT_FIELDS: dict[str, int] = {"claim_quote": 2000, "author": 120, "reasoning": 8000, "limits": 4000,
                               "one_side_why": 4000, "independent_why": 4000}
MAX_ITEMS = 40
#: words a free-text answer needs before the checklist counts it as said
MIN_WORDS = 5

_ABBREV = re.compile(r"(?:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|No|"
                     r"vs|etc|approx)|\b[A-Z](?:\.[A-Z])*)\.$")
_SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019')]*\s+")
#: who wrote an article whose outlet did not: "AGENCY, published by OUTLET" (each name is checked against the
#: article's ``source_note`` by the tests, so the label never says more than the course's source notes)
WRITTEN_BY: dict[str, str] = {"moscowtimes": "AFP, published by The Moscow Times",
                              "amn": "RFE/RL, reprinted by American Military News"}
#: how the course's source notes say an outlet is government-funded (read from an article's ``publisher``)
_FUNDED = re.compile(r"funded by (the [A-Z]{2,} government)")
_CITE = re.compile(r"\[(\s*\d+\s*(?:[,\u2013-]\s*\d+\s*)*)\]")


def fmt_date(value: str) -> str:
    """A date for people, keeping its precision ("February 2023 (month only)")."""
    return theme_fmt_date(value, long_months=True)


# --------------------------------------------------------------------------- sentences

def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Cut an article text into sentences; return each one's ``(start, end)`` in the ORIGINAL text.

    Paragraphs are those of :func:`course_lib.reader.paragraph_spans`; inside a paragraph a sentence
    ends at ``.``, ``!`` or ``?`` (with any closing quote marks) followed by white space, except after
    a short abbreviation such as "Jan." or "U.S.". The cut only helps the learner pick words: whatever
    is added as evidence is checked against the text itself.

    Examples
    --------
    >>> text = "He said “no.” Then Jan. 20 came.\\n\\nA second paragraph."
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['He said “no.”', 'Then Jan. 20 came.', 'A second paragraph.']
    """
    out: list[tuple[int, int]] = []
    for p_start, p_end in paragraph_spans(text):
        para = text[p_start:p_end]
        start = 0
        for m in _SENTENCE_END.finditer(para):
            head = para[start:m.start() + 1]
            if _ABBREV.search(head.split()[-1] if head.split() else "") or head.endswith(("..", "\u2026")):
                continue
            end = m.end() - len(m.group(0)) + len(m.group(0).rstrip())
            out.append((p_start + start, p_start + end))
            start = m.end()
        if para[start:].strip():
            out.append((p_start + start, p_end))
    return out


def sentences(text: str) -> list[str]:
    """The sentences of a text (see :func:`sentence_spans`), each exactly as in the source.

    Examples
    --------
    >>> sentences("One. Two?")
    ['One.', 'Two?']
    """
    return [text[s:e] for s, e in sentence_spans(text)]


# --------------------------------------------------------------------------- evidence items

def written_by(article: dict[str, Any] | None) -> str:
    """Who wrote an article's own reporting: the agency and the outlet that published it, or the outlet.

    Examples
    --------
    >>> from course_lib import load
    >>> data = load()
    >>> written_by(data.articles["moscowtimes"]), written_by(data.articles["newsweek"])
    ('AFP, published by The Moscow Times', 'Newsweek')
    """
    if not article:
        return "?"
    return WRITTEN_BY.get(str(article.get("id")), str(article.get("outlet", "?")))


def funding_note(article: dict[str, Any] | None) -> str:
    """"funded by the US government" when the course's source notes say so of an article's publisher, else "".

    Examples
    --------
    >>> from course_lib import load
    >>> data = load()
    >>> funding_note(data.articles["polygraph"]), funding_note(data.articles["newsweek"])
    ('funded by the US government', '')
    """
    m = _FUNDED.search(str((article or {}).get("publisher", "")))
    return f"funded by {m.group(1)}" if m else ""


class Item:
    """One evidence item: a verbatim span of an article, its tag, and who says it.

    ``found`` is False when the quote does not occur in the article (a hand-edited or out-of-date
    record); such an item is flagged and counts for nothing. ``statements`` lists every recorded
    statement the span overlaps, the one whose speaker the sentence introduces first (see
    :func:`matching_statements`); an item with none is the outlet's (or its agency's) own reporting.
    """

    def __init__(self, number: int, raw: dict[str, Any], data: Any) -> None:
        self.number = number
        self.article_id = _text(raw.get("article"), 40)
        self.quote = _text(raw.get("quote"), 2000)
        tag = raw.get("tag")
        self.tag = tag if tag in TAGS else "context"
        self.article = data.articles.get(self.article_id) if self.article_id else None
        self.span = find_span(self.quote, self.article.get("text", "")) if self.article and self.quote else None
        self.found = self.span is not None
        self.statements: list[dict[str, Any]] = []
        if self.found:
            self.statements = matching_statements(self.article_id, self.span, self.article["text"], data)
        self.actors = [data.actors.get(st.get("actor")) or {"name": str(st.get("actor", "?"))}
                       for st in self.statements]
        self.statement: dict[str, Any] | None = self.statements[0] if self.statements else None
        self.actor: dict[str, Any] | None = self.actors[0] if self.actors else None

    @property
    def outlet(self) -> str:
        return str(self.article.get("outlet", "?")) if self.article else "?"

    @property
    def side(self) -> str:
        """The :data:`~course_lib.ui.STYLES` key of the first speaker, or ``"media"`` for the outlet's reporting."""
        return style_key(self.actor) if self.actor is not None else "media"

    @property
    def sides(self) -> list[str]:
        """Every speaker's side (STYLES keys, each once, first speaker first); ``["media"]`` for reporting."""
        out = [style_key(a) for a in self.actors] or ["media"]
        return list(dict.fromkeys(out))

    @property
    def is_party(self) -> bool:
        """True if the item contains a party's own statement (quoted, paraphrased or reported)."""
        return any(a.get("kind") != "media" and a.get("side") in PARTIES for a in self.actors)

    @property
    def funding(self) -> str:
        """The publisher's government funding per the course's source notes ("" if none is noted)."""
        return funding_note(self.article)

    @property
    def source(self) -> str:
        """Where the words were read: "in OUTLET", or "AGENCY, published by OUTLET", with the publisher's
        government funding when the course's source notes give it."""
        where = WRITTEN_BY.get(self.article_id) or f"in {self.outlet}"
        if not self.funding:
            return where
        agency = WRITTEN_BY[self.article_id].split(",")[0] + ": " if self.article_id in WRITTEN_BY else ""
        return f"{where} ({agency}{self.funding}, per the course's source notes)"

    @property
    def who(self) -> str:
        if self.actors:
            return "; ".join(dict.fromkeys(_actor_name(a) for a in self.actors))
        return f"{written_by(self.article)}: own reporting"

    @property
    def date(self) -> str:
        """The first statement's date as every renderer prints it (approximate dates marked), else the article's."""
        if self.statement is not None and self.statement.get("date"):
            return record_date(self.statement, long_months=True)
        return record_date(self.article, "published", long_months=True) if self.article else ""

    @property
    def kind(self) -> str:
        """"direct quote", "paraphrase" or "reported claim" for a statement; "reporting" otherwise."""
        return str(self.statement.get("kind", "statement")) if self.statement is not None else "reporting"

    def attribution(self) -> str:
        """Plain text: who says it (every recorded speaker in the span), their side, the outlet and the date.

        Examples
        --------
        >>> from course_lib import load
        >>> data = load()
        >>> Item(1, {"article": "newsweek", "quote": "no plans to attack anyone."}, data).attribution()
        'Oleksii Reznikov (Defence Minister of Ukraine) · side: Ukraine · direct quote · 14 December 2021 · in Newsweek'
        >>> Item(1, {"article": "moscowtimes", "quote": "By Olga Shylenko for AFP"}, data).attribution()
        'Own reporting · AFP, published by The Moscow Times · 1 December 2021'
        """
        if not self.statements:
            return f"Own reporting · {self.source} · {self.date}"
        speakers: dict[str, list[str]] = {}
        for st, actor in zip(self.statements, self.actors):
            side = STYLES.get(style_key(actor), {"label": "?"})["label"]
            head = f"{_actor_name(actor)} · side: {side}"
            kinds = speakers.setdefault(head, [])
            entry = f"{st.get('kind', 'statement')} · {record_date(st, long_months=True)}"
            if entry not in kinds:
                kinds.append(entry)
        parts = [f"{head} · {'; '.join(kinds)}" for head, kinds in speakers.items()]
        also = f" (the words also report: {' | '.join(parts[1:])})" if len(parts) > 1 else ""
        return f"{parts[0]}{also} · {self.source}"


def appearance_statement(claim: dict[str, Any], data: Any) -> dict[str, Any] | None:
    """The recorded statement of the claimant whose words the claim's appearance overlaps (None if none)."""
    art = data.articles.get(claim.get("article")) or {}
    span = find_span(str(claim.get("appearance", "")), str(art.get("text", "")))
    if span is None:
        return None
    found = matching_statements(str(art.get("id")), span, art["text"], data)
    return next((st for st in found if st.get("actor") == claim.get("claimant")), None)


def claim_date(claim: dict[str, Any], data: Any) -> str:
    """The claim's date as every renderer prints it (:func:`course_lib.theme.record_date`): approximate dates
    start with "≈"; a claim that does not say whether the source gives the day takes that from the
    statement it appears as.

    Examples
    --------
    >>> from course_lib import load
    >>> data = load()
    >>> claim_date(data.claims["russia-intention-to-invade"], data)
    '≈ 17 February 2022 (undated; article date)'
    """
    record = dict(claim)
    if "undated" not in record:
        st = appearance_statement(claim, data)
        if st is not None and st.get("date") == claim.get("date") and "undated" in st:
            record["undated"] = st["undated"]
    return record_date(record, long_months=True)


def is_reported_position(claim: dict[str, Any], data: Any) -> bool:
    """True if the claim appears as the outlet's own words reporting the claimant's position (a "reported
    claim" such as euronews's "The Kremlin denies any intention to invade"), not the claimant's words."""
    st = appearance_statement(claim, data)
    return st is not None and st.get("kind") == "reported claim"


def claim_source(claim: dict[str, Any], data: Any) -> str:
    """Who made the claim, in the course's words: "said by NAME (ROLE)", or "reported by OUTLET as the
    position of NAME" when the words are the outlet's; then the date with its precision.

    Examples
    --------
    >>> from course_lib import load
    >>> data = load()
    >>> claim_source(data.claims["russia-intention-to-invade"], data)
    'reported by euronews as the position of The Kremlin, ≈ 17 February 2022 (undated; article date)'
    >>> claim_source(data.claims["ukraine-buildup-defensive"], data)
    'said by Oleksii Reznikov (Defence Minister of Ukraine), 14 December 2021'
    """
    actor = data.actors.get(claim.get("claimant")) or {"name": str(claim.get("claimant", "?"))}
    art = data.articles.get(claim.get("article")) or {}
    if is_reported_position(claim, data):
        outlet = WRITTEN_BY.get(str(art.get("id")), str(art.get("outlet", "?")).split(" (")[0])
        sep = ", " if "," in outlet else " "
        return f"reported by {outlet}{sep}as the position of {actor.get('name', '?')}, {claim_date(claim, data)}"
    return f"said by {_actor_name(actor)}, {claim_date(claim, data)}"


def _actor_name(actor: dict[str, Any]) -> str:
    role = actor.get("role")
    return f"{actor.get('name', '?')}" + (f" ({role})" if role else "")


def _spans(quote: str, text: str) -> list[tuple[int, int]]:
    """Every place a statement's words occur in the text: each occurrence, and each part between ellipses
    (a quote printed once with "……" and once with " ... " is found in both places)."""
    out: list[tuple[int, int]] = []
    parts = re.split(r"\s*(?:\.{2,}|\u2026+)\s*", quote)
    for part in parts:
        if len(parts) > 1 and len(part.split()) < 3:
            continue
        offset = 0
        while (hit := find_span(part, text[offset:])) is not None:
            out.append((offset + hit[0], offset + hit[1]))
            offset += hit[1]
    return out


def _first_mention(actor: dict[str, Any], verb: str, text: str) -> int:
    """Where a sentence first names a speaker or uses the statement's reporting verb (len(text) if nowhere)."""
    names = [str(actor.get("name", ""))] + str(actor.get("name", "")).split()[-1:]
    hits = [m.start() for n in names if len(n) > 3
            for m in [re.search(rf"\b{re.escape(n)}\b", text)] if m]
    if verb:
        hits += [m.start() for m in [re.search(rf"\b{re.escape(verb)}\b", text)] if m]
    return min(hits, default=len(text))


def matching_statements(article_id: str, span: tuple[int, int], text: str, data: Any) -> list[dict[str, Any]]:
    """Every recorded statement of this article whose words overlap the span.

    The first is the one whose speaker the selection introduces first: the speaker named (or the
    statement's recorded ``reporting_verb`` used) earliest in the selected words, so in "Reznikov responded
    ... to Russian accusations ..., saying ..." Reznikov comes before the Russian officials whose
    accusations the sentence mentions. Ties go to the larger overlap, then file order.

    Examples
    --------
    >>> from course_lib import load
    >>> data = load()
    >>> text = data.articles["newsweek"]["text"]
    >>> start = text.index("Ukrainian Defense Minister")
    >>> [s["actor"] for s in matching_statements("newsweek", (start, text.index("anyone", start) + 8), text, data)]
    ['reznikov', 'reznikov', 'russian-officials']
    """
    chosen = []
    selected = text[span[0]:span[1]]
    for n, st in enumerate(data.statements.values()):
        if st.get("article") != article_id:
            continue
        overlap = max((min(span[1], b) - max(span[0], a) for a, b in _spans(st.get("quote", ""), text)), default=0)
        if overlap <= 0:
            continue
        actor = data.actors.get(st.get("actor")) or {}
        chosen.append((_first_mention(actor, str(st.get("reporting_verb") or ""), selected), -overlap, n, st))
    return [st for *_, st in sorted(chosen, key=lambda t: t[:3])]


def _text(value: Any, limit: int) -> str:
    """A record's text field: a string (anything else is empty), cut to ``limit`` characters."""
    return value[:limit] if isinstance(value, str) else ""


def words(text: str) -> int:
    """How many words a text has.

    Examples
    --------
    >>> words("  two words ")
    2
    """
    return len(text.split())


def citations(text: str) -> list[int]:
    """Item numbers cited in a text as ``[1]``, ``[1, 3]`` or ``[2-4]``, in order, each once.

    Examples
    --------
    >>> citations("See [2] and [1, 3], then [4-6] and [2].")
    [2, 1, 3, 4, 5, 6]
    """
    out: list[int] = []
    for m in _CITE.finditer(text):
        for part in m.group(1).split(","):
            ends = [int(x) for x in re.split(r"[\u2013-]", part) if x.strip()]
            numbers = range(ends[0], ends[-1] + 1) if len(ends) == 2 and 0 <= ends[1] - ends[0] <= 50 else ends
            out += [n for n in numbers if n not in out]
    return out


def clean_record(raw: Any) -> dict[str, Any]:
    """A fact-check record with every field of the right type (untrusted input in, safe dict out).

    Examples
    --------
    >>> clean_record({"claim": 3, "evidence": "x", "rating": "true", "confidence": "high"})["rating"] is None
    True
    """
    raw = raw if isinstance(raw, dict) else {}
    rec: dict[str, Any] = {"claim": _text(raw.get("claim"), 200)}
    for name, limit in TEXT_FIELDS.items():
        rec[name] = _text(raw.get(name), limit)
    evidence = raw.get("evidence") if isinstance(raw.get("evidence"), list) else []
    rec["evidence"] = [{"article": _text(e.get("article"), 40), "quote": _text(e.get("quote"), 2000),
                        "tag": e.get("tag") if e.get("tag") in TAGS else "context"}
                       for e in evidence[:MAX_ITEMS] if isinstance(e, dict)]
    rec["rating"] = raw.get("rating") if raw.get("rating") in RATINGS else None
    valid = [v for _, v in CONFIDENCE]
    conf = raw.get("confidence")
    ok = isinstance(conf, (int, float)) and not isinstance(conf, bool)
    rec["confidence"] = min(valid, key=lambda v: abs(v - conf)) if ok else valid[0]
    return rec


# --------------------------------------------------------------------------- the draft

class Draft:
    """A fact-check record read against the course data: the claim, attributed items, citations, checklist.

    Parameters
    ----------
    record : dict
        A fact-check record (see the module docstring); cleaned with :func:`clean_record`.
    data : CourseData
        The course data (:func:`course_lib.load`).
    """

    def __init__(self, record: Any, data: Any) -> None:
        self.record = clean_record(record)
        self.data = data
        self.claim: dict[str, Any] | None = data.claims.get(self.record["claim"])
        self.items = [Item(i, e, data) for i, e in enumerate(self.record["evidence"], 1)]

    # the claim -------------------------------------------------------------
    @property
    def claimant(self) -> dict[str, Any] | None:
        return self.data.actors.get(self.claim.get("claimant")) if self.claim else None

    @property
    def appearance(self) -> dict[str, Any] | None:
        """The article the claim appeared in."""
        return self.data.articles.get(self.claim.get("article")) if self.claim else None

    @property
    def claim_quote_verbatim(self) -> bool:
        """The learner's quotation of the claim occurs word for word in the article it appeared in."""
        quote = self.record["claim_quote"]
        art = self.appearance
        return bool(art and words(quote) >= 3 and find_span(quote, art.get("text", "")) is not None)

    # evidence --------------------------------------------------------------
    @property
    def found_items(self) -> list[Item]:
        return [i for i in self.items if i.found]

    def cited(self) -> list[int]:
        """Item numbers the reasoning cites (valid or not)."""
        return citations(self.record["reasoning"])

    def bad_citations(self) -> list[int]:
        """Cited numbers that are not in the evidence list (or whose item was not found in its article)."""
        good = {i.number for i in self.found_items}
        return [n for n in self.cited() if n not in good]

    def sides(self) -> list[str]:
        """The sides (keys of :data:`~course_lib.ui.SIDES`) the found evidence comes from, in palette order."""
        present = {s for i in self.found_items for s in i.sides}
        return [s for s in SIDES if s in present]

    def origin_summary(self) -> dict[str, Any]:
        """Where the evidence comes from: counts by side, by outlet, and the parties' own statements.

        Examples
        --------
        >>> from course_lib import load
        >>> d = Draft({"evidence": [{"article": "newsweek", "quote": "no plans to attack anyone."}]}, load())
        >>> s = d.origin_summary()
        >>> s["total"], s["by_side"], s["by_outlet"], s["party"], s["funded"]
        (1, {'ukraine': 1}, {'Newsweek': 1}, 1, {})
        """
        by_side: dict[str, int] = {}
        by_outlet: dict[str, int] = {}
        by_tag: dict[str, int] = {}
        funded: dict[str, int] = {}
        for item in self.found_items:
            for side in item.sides:
                by_side[side] = by_side.get(side, 0) + 1
            if item.funding:
                funded[item.source] = funded.get(item.source, 0) + 1
            by_outlet[item.outlet] = by_outlet.get(item.outlet, 0) + 1
            by_tag[item.tag] = by_tag.get(item.tag, 0) + 1
        order = [*SIDES, "media"]
        return {"total": len(self.found_items), "not_found": len(self.items) - len(self.found_items),
                "by_side": {k: by_side[k] for k in sorted(by_side, key=order.index)},
                "by_outlet": dict(sorted(by_outlet.items())),
                "by_tag": {k: by_tag[k] for k in TAGS if k in by_tag},
                "party": sum(i.is_party for i in self.found_items),
                "funded": dict(sorted(funded.items()))}

    def origin_text(self) -> str:
        """The origin summary as one plain sentence per line (no judgement, only counts).

        Examples
        --------
        >>> from course_lib import load
        >>> print(Draft({}, load()).origin_text())
        No evidence added yet.
        """
        s = self.origin_summary()
        if not s["total"]:
            return (f"No item can be counted: {s['not_found']} item(s) could not be found in their article."
                    if s["not_found"] else "No evidence added yet.")
        side = ", ".join(f"{STYLES[k]['symbol']} {STYLES[k]['label']} {n}" for k, n in s["by_side"].items())
        outlet = ", ".join(f"{k} {n}" for k, n in s["by_outlet"].items())
        tags = ", ".join(f"{TAGS[k].lower()} {n}" for k, n in s["by_tag"].items())
        lines = [f"By side: {side}." + (" (An item that reports several sides counts for each.)"
                                        if sum(s["by_side"].values()) > s["total"] else ""),
                 f"By outlet: {outlet}.", f"Tagged: {tags}.",
                 f"The parties' own statements: {s['party']} of {s['total']} items."]
        for source, n in s["funded"].items():
            lines.append(f"From a government-funded publisher: {n} item(s) {source}.")
        if s["not_found"]:
            lines.append(f"{s['not_found']} item(s) could not be found in their article and are not counted.")
        return "\n".join(lines)

    def checklist(self) -> list["Finding"]:
        """Every rule of :data:`RULES` applied to this draft, in order."""
        return [rule(self) for rule in RULES]


# --------------------------------------------------------------------------- the checklist

class Finding(NamedTuple):
    """One checklist rule's result. ``applies`` is False when the rule does not concern this draft."""
    rule: str
    title: str
    ok: bool
    detail: str
    applies: bool = True


def rule_claim_quoted(d: Draft) -> Finding:
    """The claim is quoted exactly, with who made it, when, and where it appeared."""
    title = "The claim is quoted exactly, with who made it, when, and where it appeared"
    if d.claim is None:
        return Finding("claim-quoted", title, False, "Choose a claim first.")
    art, who = d.appearance, d.claimant
    missing = [name for name, ok in [("who made it", who), ("when", d.claim.get("date")), ("where it appeared", art)]
               if not ok]
    if missing:
        return Finding("claim-quoted", title, False, f"The course data does not say {', '.join(missing)}.")
    outlet = art.get("outlet", "?")
    if not d.record["claim_quote"].strip():
        return Finding("claim-quoted", title, False,
                       f"Quote the claim in its own words, exactly as it appears in {outlet}.")
    if not d.claim_quote_verbatim:
        return Finding("claim-quoted", title, False,
                       f"Your quotation is not word for word in {outlet}'s text (at least three words; quote "
                       "marks and spacing may differ). Copy it exactly.")
    return Finding("claim-quoted", title, True, f"Quoted from {outlet}; {claim_source(d.claim, d.data)}.")


#: evidence the claimant's side gives for or about its own claim (any tag)
_OWN_SIDE_TAGS = frozenset(TAGS)


def rule_both_sides(d: Draft) -> Finding:
    """Evidence from the claimant's side and from a side that disputes the claim, or the write-up says why not.

    "A side that disputes it" is a party other than the claimant's side whose item the learner tags
    "contradicts": the course does not decide which sides are allies; the learner's own tags do.
    """
    title = "Evidence from the claimant's side and from a side that disputes the claim, or the write-up says why not"
    claimant = d.claimant
    own = style_key(claimant) if claimant is not None else None
    has_own = any(own in i.sides for i in d.found_items)
    disputing = [s for i in d.found_items if i.tag == "contradicts" for s in i.sides
                 if s != own and s in PARTIES]
    disputing = [SIDES[s]["label"] for s in SIDES if s in disputing]
    own_label = SIDES.get(own or "", {"label": "the claimant's side"})["label"]
    if has_own and disputing:
        return Finding("sides", title, True, f"You give the claimant's side ({own_label}) and evidence from "
                       f"{', '.join(disputing)} that you tag as contradicting the claim.")
    missing = ([f"the claimant's side ({own_label})"] if not has_own else []) + \
        (["a side that disputes the claim (an item from another party tagged \u201ccontradicts\u201d)"]
         if not disputing else [])
    if words(d.record["one_side_why"]) >= MIN_WORDS:
        return Finding("sides", title, True, f"No evidence yet from {' or '.join(missing)}; you say why.")
    return Finding("sides", title, False, f"Add evidence from {' and from '.join(missing)}, or say why there is none.")


#: the old name of :func:`rule_both_sides` (saved checklists and other modules may still use it)
rule_more_than_one_side = rule_both_sides


def rule_limits_stated(d: Draft) -> Finding:
    """The limits are stated: what evidence would change this rating?"""
    title = "The limits are stated: what evidence would change this rating?"
    if words(d.record["limits"]) >= MIN_WORDS:
        return Finding("limits", title, True, "You say what would change your rating.")
    return Finding("limits", title, False, f"Say what evidence would change your rating (at least {MIN_WORDS} words).")


def rule_independent_evidence(d: Draft) -> Finding:
    """A rating stronger than "can't tell" cites an item that is not a party's own statement and says who
    publishes and funds it; an item from a government-funded publisher (per the course's source notes)
    counts only when the write-up says who funds it and why it is used (or why nothing else exists)."""
    title = ("A rating stronger than \u201ccan't tell\u201d cites evidence that is not a party's own statement, "
             "and says who publishes and funds it")
    rating = d.record["rating"]
    if rating in (None, "cant-tell"):
        why = "no rating chosen yet" if rating is None else "your rating is \u201ccan't tell from these sources\u201d"
        return Finding("independent", title, True, f"Does not apply: {why}.", applies=False)
    items = {i.number: i for i in d.found_items if not i.is_party}
    cited = [items[n] for n in d.cited() if n in items]
    unfunded = [i for i in cited if not i.funding]
    explained = words(d.record["independent_why"]) >= MIN_WORDS
    def listed(found: list[Item]) -> str:
        return "You cite " + "; ".join(f"[{i.number}] {i.source}" for i in found)

    if unfunded:
        return Finding("independent", title, True, f"{listed(unfunded)}, which is not a party's own statement.")
    if cited and explained:
        return Finding("independent", title, True, f"{listed(cited)} and say who publishes and funds it.")
    if cited:
        return Finding("independent", title, False, f"{listed(cited)}: a government one of the parties belongs to "
                       "funds that publisher. Say who publishes and funds it and why you rely on it, or cite other "
                       "evidence.")
    if explained:
        return Finding("independent", title, True, "You say why no such evidence exists in these sources.")
    return Finding("independent", title, False, "Cite at least one item that is not a party's own statement "
                   "(an outlet's or agency's reporting, an international body) and say who publishes and funds it, "
                   "or say why none exists.")


#: the checklist, in the order the learner sees it; each rule is ``rule(draft) -> Finding``
RULES: tuple[Callable[[Draft], Finding], ...] = (rule_claim_quoted, rule_both_sides, rule_limits_stated,
                                                 rule_independent_evidence)


def unrated_claims(data: Any) -> list[dict[str, Any]]:
    """The claims no source in the course rates, in file order.

    Examples
    --------
    >>> from course_lib import load
    >>> all(c["reviewer"] is None for c in unrated_claims(load()))
    True
    """
    return [c for c in data.claims.values() if not is_rated(c)]
