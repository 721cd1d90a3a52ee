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
from .ui import SIDES, STYLES, style_key

#: evidence tag -> how the learner sees it
TAGS: dict[str, str] = {"supports": "Supports the claim", "contradicts": "Contradicts the claim",
                        "context": "Context"}
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
            if _ABBREV.search(head.split()[-1] if head.split() else ""):
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

class Item:
    """One evidence item: a verbatim span of an article, its tag, and who says it.

    ``found`` is False when the quote does not occur in the article (a hand-edited or out-of-date
    record); such an item is flagged and counts for nothing.
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
        self.statement: dict[str, Any] | None = None
        self.actor: dict[str, Any] | None = None
        if self.found:
            self.statement = _matching_statement(self.article_id, self.span, self.article["text"], data)
            if self.statement is not None:
                self.actor = data.actors.get(self.statement.get("actor"))

    @property
    def outlet(self) -> str:
        return str(self.article.get("outlet", "?")) if self.article else "?"

    @property
    def side(self) -> str:
        """The :data:`~course_lib.ui.STYLES` key: the speaker's side, or ``"media"`` for the outlet's reporting."""
        return style_key(self.actor) if self.actor is not None else "media"

    @property
    def is_party(self) -> bool:
        """True if the item is a party's own statement (quoted, paraphrased or reported)."""
        return self.actor is not None and self.actor.get("kind") != "media" and self.actor.get("side") in PARTIES

    @property
    def who(self) -> str:
        if self.actor is not None:
            role = self.actor.get("role")
            return f"{self.actor.get('name', '?')}" + (f" ({role})" if role else "")
        return f"{self.outlet}'s own reporting"

    @property
    def date(self) -> str:
        if self.statement is not None and self.statement.get("date"):
            return str(self.statement["date"])
        return str(self.article.get("published", "")) if self.article else ""

    @property
    def kind(self) -> str:
        """"direct quote", "paraphrase" or "reported claim" for a statement; "reporting" otherwise."""
        return str(self.statement.get("kind", "statement")) if self.statement is not None else "reporting"

    def attribution(self) -> str:
        """Plain text: who says it, their side, the outlet and the date.

        Examples
        --------
        >>> from course_lib import load
        >>> data = load()
        >>> Item(1, {"article": "newsweek", "quote": "no plans to attack anyone."}, data).attribution()
        'Oleksii Reznikov (Defence Minister of Ukraine) · side: Ukraine · direct quote · in Newsweek · 14 December 2021'
        """
        side = STYLES.get(self.side, {"label": self.side})["label"]
        return f"{self.who} · side: {side} · {self.kind} · in {self.outlet} · {fmt_date(self.date)}"


def _matching_statement(article_id: str, span: tuple[int, int], text: str, data: Any) -> dict[str, Any] | None:
    """The recorded statement of this article whose words overlap the span most (ties: file order)."""
    best, best_overlap = None, 0
    for st in data.statements.values():
        if st.get("article") != article_id:
            continue
        st_span = find_span(st.get("quote", ""), text)
        if st_span is None:
            continue
        overlap = min(span[1], st_span[1]) - max(span[0], st_span[0])
        if overlap > best_overlap:
            best, best_overlap = st, overlap
    return best


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
        present = {i.side for i in self.found_items}
        return [s for s in SIDES if s in present]

    def origin_summary(self) -> dict[str, Any]:
        """Where the evidence comes from: counts by side, by outlet, and the parties' own statements.

        Examples
        --------
        >>> from course_lib import load
        >>> d = Draft({"evidence": [{"article": "newsweek", "quote": "no plans to attack anyone."}]}, load())
        >>> s = d.origin_summary()
        >>> s["total"], s["by_side"], s["by_outlet"], s["party"]
        (1, {'ukraine': 1}, {'Newsweek': 1}, 1)
        """
        by_side: dict[str, int] = {}
        by_outlet: dict[str, int] = {}
        by_tag: dict[str, int] = {}
        for item in self.found_items:
            by_side[item.side] = by_side.get(item.side, 0) + 1
            by_outlet[item.outlet] = by_outlet.get(item.outlet, 0) + 1
            by_tag[item.tag] = by_tag.get(item.tag, 0) + 1
        order = [*SIDES, "media"]
        return {"total": len(self.found_items), "not_found": len(self.items) - len(self.found_items),
                "by_side": {k: by_side[k] for k in sorted(by_side, key=order.index)},
                "by_outlet": dict(sorted(by_outlet.items())),
                "by_tag": {k: by_tag[k] for k in TAGS if k in by_tag},
                "party": sum(i.is_party for i in self.found_items)}

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
        lines = [f"By side: {side}.", f"By outlet: {outlet}.", f"Tagged: {tags}.",
                 f"The parties' own statements: {s['party']} of {s['total']} items."]
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
    return Finding("claim-quoted", title, True,
                   f"Quoted from {outlet}; said by {who.get('name', '?')} ({fmt_date(d.claim.get('date', ''))}).")


def rule_more_than_one_side(d: Draft) -> Finding:
    """Evidence comes from more than one side, or the write-up says why not."""
    title = "Evidence from more than one side, or the write-up says why not"
    sides = [SIDES[s]["label"] for s in d.sides()]
    if len(sides) >= 2:
        return Finding("sides", title, True, f"Sides in your evidence: {', '.join(sides)}.")
    if words(d.record["one_side_why"]) >= MIN_WORDS:
        return Finding("sides", title, True, "Your evidence comes from "
                       + (f"one side ({sides[0]})" if sides else "no side's statements")
                       + "; you say why.")
    return Finding("sides", title, False, "Your evidence comes from "
                   + (f"one side only ({sides[0]})" if sides else "no side's statements yet")
                   + ". Add evidence from another side, or say why there is none.")


def rule_limits_stated(d: Draft) -> Finding:
    """The limits are stated: what evidence would change this rating?"""
    title = "The limits are stated: what evidence would change this rating?"
    if words(d.record["limits"]) >= MIN_WORDS:
        return Finding("limits", title, True, "You say what would change your rating.")
    return Finding("limits", title, False, f"Say what evidence would change your rating (at least {MIN_WORDS} words).")


def rule_independent_evidence(d: Draft) -> Finding:
    """A rating stronger than "can't tell" cites an item that is not a party's own statement, or says why none exists."""
    title = "A rating stronger than \u201ccan't tell\u201d cites evidence that is not a party's own statement"
    rating = d.record["rating"]
    if rating in (None, "cant-tell"):
        why = "no rating chosen yet" if rating is None else "your rating is \u201ccan't tell from these sources\u201d"
        return Finding("independent", title, True, f"Does not apply: {why}.", applies=False)
    good = {i.number for i in d.found_items if not i.is_party}
    cited = [n for n in d.cited() if n in good]
    if cited:
        return Finding("independent", title, True, f"You cite {', '.join(f'[{n}]' for n in cited)}, "
                       "which is not a party's own statement.")
    if words(d.record["independent_why"]) >= MIN_WORDS:
        return Finding("independent", title, True, "You say why no such evidence exists in these sources.")
    return Finding("independent", title, False, "Cite at least one item that is not a party's own statement "
                   "(the outlet's reporting, an international body), or say why none exists.")


#: the checklist, in the order the learner sees it; each rule is ``rule(draft) -> Finding``
RULES: tuple[Callable[[Draft], Finding], ...] = (rule_claim_quoted, rule_more_than_one_side, rule_limits_stated,
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
