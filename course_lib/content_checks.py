"""Checks of the course's own words against its data: numbers, hedges, attribution and date precision.

The schema and the verbatim-quote checks (:mod:`course_lib.validate`) make sure the data quotes its
sources exactly. These checks look at what the course says *around* the quotes:

* :func:`data_errors` (run by :func:`course_lib.validate.collect_errors`, so ``make validate`` and
  ``load()`` report them): a figure with no number (``value`` null) says so and quotes the source's words;
  a figure whose quote gives only a vague amount ("tens of thousands") has no made-up value; every
  statement's ``reporting_verb`` is in its article near the quote; a day-precision date whose ``date_basis``
  says the article's date stands in is marked ``undated`` (and only day dates are).
* :func:`number_findings`: every number in the course's own text (event titles and summaries, quiz
  prompts, options, feedback, hints and explanations, notes) that refers to a figure agrees with that
  figure's value, keeps its qualifier ("about", "more than", "up to") and the source's own hedges
  ("According to some reports"), does not give the troops a side the source does not give, and names
  both possible sources where the article's attribution is ambiguous.
* :func:`date_findings`: the same date-precision rule for records of files the data checks do not enforce it
  on (events written before the ``undated`` field existed).

Examples
--------
>>> from course_lib import load
>>> number_findings(load(), [("events.json", "x", "title", "Wallace: up to 7,000 more Russian troops")])
[('events.json', 'x', 'title', "'7,000' (figure wallace-russian-troops-up-to-7000): the source does not say whose troops; the text says 'Russian'")]
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from .text import normalise
from .theme import STAND_IN, date_range

Finding = tuple[str, str, str, str]  # (file, record, field, message)

#: how far from a statement's quote (characters, either side) its reporting word may stand in the article
VERB_WINDOW = 500
#: amounts without a number: a figure whose quote has one of these and no digit must have value null
VAGUE = re.compile(r"\b(?:tens|hundreds|thousands|dozens) of\b|\bseveral\b|\bmany\b", re.I)
#: words that keep a figure's qualifier, per qualifier (the course may say "around" for "about")
HEDGES: dict[str, tuple[str, ...]] = {
    "about": ("about", "around", "roughly", "some", "approximately", "\u2248", "~"),
    "more than": ("more than", "over", "at least"),
    "up to": ("up to", "as many as", "at most"),
    "less than": ("less than", "under", "fewer than"),
}
#: hedges in a source's sentence that any restatement of its number must keep (lower case)
SOURCE_HEDGES = ("according to some reports",)
#: words that give troops a side, right after the number ("7,000 more Russian troops") or before it
SIDE_AFTER = re.compile(r"\s*(?:more\s+|additional\s+|extra\s+)?(Russian|Ukrainian|Western|NATO)\b")
SIDE_BEFORE = re.compile(r"\b(Russian|Ukrainian|Russia's|Ukraine's)\s+(?:troops\s+)?(?:\w+\s+){0,2}$")
#: words that say an attribution is ambiguous
AMBIGUITY = re.compile(r"ambiguous|unclear|not clear|leaves open|either|/", re.I)
_NUMBER = re.compile(r"(?<![\d.,\w-])(\d{1,3}(?:,\d{3})+|\d{4,})(?![\d,\w-])")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])")


# ------------------------------------------------------------------------------------------ data checks
def _near(verb: str, quote: str, text: str, window: int = VERB_WINDOW) -> bool:
    """True if ``verb`` occurs as a word within ``window`` characters of an occurrence of ``quote``."""
    q, v = normalise(quote), normalise(verb)
    if not q or not v:
        return False
    pattern = re.compile(rf"(?<!\w){re.escape(v)}(?!\w)")
    start = text.find(q)
    while start >= 0:
        lo, hi = max(0, start - window), min(len(text), start + len(q) + window)
        if pattern.search(text, lo, hi):
            return True
        start = text.find(q, start + 1)
    return False


def _day(value: Any) -> bool:
    try:
        return date_range(str(value))[2] == "day"
    except (ValueError, TypeError):
        return False


def _undated_problem(rec: dict[str, Any]) -> str | None:
    """Why a record's ``undated`` flag disagrees with its date and date basis, or None."""
    stand_in = _day(rec.get("date")) and bool(STAND_IN.search(str(rec.get("date_basis", ""))))
    flag = rec.get("undated")
    if flag and not _day(rec.get("date")):
        return "is marked undated but its date is not a day (a month or year is approximate already)"
    if stand_in and not flag:
        return ("date_basis says the article's date stands in for a day the source does not give, so the record "
                "must say \"undated\": true (every renderer then marks the date \u2248 ... (undated; article date))")
    return None


def data_errors(good: dict[str, list[tuple[int, dict[str, Any]]]], texts: dict[str, str],
                actors: dict[str, dict[str, Any]] | None) -> Iterator[Finding]:
    """The content checks on schema-valid records (``good``: collection -> [(index, record)]).

    ``texts`` maps article ids to their normalised clean text; ``actors`` maps actor ids to records (None
    when actors.json could not be read: the checks that need it are skipped).
    Yields ``(file, record id, field, message)``.
    """
    for _, f in good.get("figures", []):
        if f.get("value") is None:
            if f.get("qualifier") != "no number given":
                yield "figures.json", f["id"], "qualifier", "a figure with no number (value null) has qualifier 'no number given'"
            if not f.get("words"):
                yield "figures.json", f["id"], "words", "a figure with no number (value null) gives the source's words in 'words'"
            elif normalise(f["words"]) not in normalise(f.get("quote", "")):
                yield "figures.json", f["id"], "words", f"{f['words']!r} is not in the figure's quote"
        else:
            if f.get("qualifier") == "no number given":
                yield "figures.json", f["id"], "qualifier", "'no number given' needs value null"
            quote = f.get("quote", "")
            if VAGUE.search(quote) and not re.search(r"\d", quote):
                yield ("figures.json", f["id"], "value",
                       f"the quote gives no number ({VAGUE.search(quote).group(0)!r}): record value null, "
                       f"qualifier 'no number given' and the source's words, not a made-up value")
    for name in ("statements", "figures", "claims"):
        for _, rec in good.get(name, []):
            problem = _undated_problem(rec)
            if problem:
                yield f"{name}.json", rec["id"], "undated", problem
    for _, s in good.get("statements", []):
        verb = s.get("reporting_verb")
        if verb is None and actors is None:
            continue
        actor = (actors or {}).get(s.get("actor"), {})
        if verb is None:
            if actor.get("kind") != "media" and s.get("kind") != "headline":
                yield ("statements.json", s["id"], "reporting_verb",
                       "only an outlet's own voice or a headline has no reporting word; give the article's verb")
            continue
        text = texts.get(s.get("article"))
        if text is not None and not _near(verb, s.get("quote", ""), text):
            yield ("statements.json", s["id"], "reporting_verb",
                   f"{verb!r} is not in article {s.get('article')!r} within {VERB_WINDOW} characters of the quote")


# ------------------------------------------------------------------------------------------ the course's text
def quiz_strings(doc: Any, file: str) -> Iterator[Finding]:
    """Every string of the course's own words in a quiz document, as ``(file, question id, path, text)``.

    Verbatim sources (``sources``, ``quote``) and ids are left out: they are the articles' words.
    """
    skip = {"sources", "id", "quote", "article", "event", "statement", "type", "correct", "seed"}

    def walk(node: Any, path: str) -> Iterator[tuple[str, str]]:
        if isinstance(node, str):
            yield path, node
        elif isinstance(node, dict):
            for k, v in node.items():
                if k not in skip:
                    yield from walk(v, f"{path}.{k}" if path else k)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                yield from walk(v, f"{path}.{i}")

    for q in (doc.get("questions", []) if isinstance(doc, dict) else []):
        for path, text in walk(q, ""):
            yield file, str(q.get("id", "?")), path, text
    if isinstance(doc, dict):
        for key in ("title",):
            if isinstance(doc.get(key), str):
                yield file, "(quiz)", key, doc[key]


def course_strings(data: Any, quizzes: Iterable[tuple[str, Any]] = ()) -> list[Finding]:
    """The course's own words in the data: event titles and summaries, notes, claims and quiz texts."""
    out: list[Finding] = []
    for ev in data.events.values():
        out += [("events.json", ev["id"], k, ev[k]) for k in ("title", "summary") if ev.get(k)]
    for name in ("figures", "statements", "events", "places", "actors"):
        out += [(f"{name}.json", r["id"], "note", r["note"]) for r in getattr(data, name).values() if r.get("note")]
    for c in data.claims.values():
        out += [("claims.json", c["id"], k, c[k]) for k in ("claim", "explanation")]
    for file, doc in quizzes:
        out += list(quiz_strings(doc, file))
    return out


def _sentences(text: str) -> list[str]:
    return _SENTENCE.split(text)


def _hedged(sentence: str, start: int, qualifier: str) -> bool:
    before = sentence[max(0, start - 30):start].lower()
    return any(h in before for h in HEDGES.get(qualifier, ()))


def number_findings(data: Any, strings: Iterable[Finding]) -> list[Finding]:
    """Check every number in ``strings`` (``(file, record, field, text)``) against the figures it refers to.

    A number refers to the figures with that value (numbers of 1,000 and more only: smaller numbers are
    counted things such as votes, years or regions, and are matched too often by chance). A number of
    troops that matches no figure is reported as well. See the module docstring for the rules.
    """
    by_value: dict[float, list[dict[str, Any]]] = {}
    for f in data.figures.values():
        if f.get("value") is not None and f["value"] >= 1000:
            by_value.setdefault(float(f["value"]), []).append(f)
    findings: list[Finding] = []
    for file, record, field, text in strings:
        for sentence in _sentences(text):
            for m in _NUMBER.finditer(sentence):
                shown = m.group(1)
                value = float(shown.replace(",", ""))
                if 1900 <= value <= 2100 and "," not in shown:
                    continue  # a year
                figs = by_value.get(value, [])
                after = sentence[m.end():m.end() + 40]
                if not figs:
                    if re.match(r"\s*(?:more\s+|additional\s+)?(?:\w+\s+)?(troops|soldiers|personnel)\b", after):
                        findings.append((file, record, field, f"{shown!r} troops: no figure in figures.json has this value"))
                    continue
                problems = []
                if not any(f["qualifier"] == "exactly" or _hedged(sentence, m.start(), f["qualifier"]) for f in figs):
                    quals = " or ".join(sorted({f["qualifier"] for f in figs}))
                    problems.append(f"drops the qualifier ({quals})")
                if len(figs) == 1:
                    f = figs[0]
                    low = sentence.lower()
                    for hedge in SOURCE_HEDGES:
                        # the hedge's last two words at least ("some reports"): "AFP reports" is not the hedge
                        if hedge in f.get("quote", "").lower() and " ".join(hedge.split()[-2:]) not in low:
                            problems.append(f"drops the source's hedge \u201c{hedge}\u201d")
                    if f.get("category") == "troops" and not f.get("counted_side"):
                        side = (SIDE_AFTER.match(sentence, m.end())
                                or SIDE_BEFORE.search(sentence[max(0, m.start() - 25):m.start()]))
                        if side:
                            problems.append(f"the source does not say whose troops; the text says {side.group(1)!r}")
                    alt = f.get("claimed_by_alternative")
                    if alt:
                        names = [data.actors[a]["name"] for a in (f["claimed_by"], alt)]
                        named = [n for n in names if n.lower() in low]
                        if named and (len(named) < 2 or not AMBIGUITY.search(sentence)):
                            problems.append(f"the article is ambiguous between {names[1]} and {names[0]}; "
                                            f"say so (e.g. \u201c{names[1]} / {names[0]} (the article is ambiguous)\u201d)")
                for p in problems:
                    ids = ", ".join(f["id"] for f in figs)
                    findings.append((file, record, field, f"{shown!r} (figure {ids}): {p}"))
    return findings


def date_findings(records: Iterable[tuple[str, dict[str, Any]]]) -> list[Finding]:
    """Records whose ``undated`` flag disagrees with their date and date basis (see :func:`data_errors`)."""
    out = []
    for file, rec in records:
        problem = _undated_problem(rec)
        if problem:
            out.append((file, rec.get("id", "?"), "undated", problem))
    return out
