"""Checks of the course's own words against its data: numbers, hedges, attribution and date precision.

The schema and the verbatim-quote checks (:mod:`course_lib.validate`) make sure the data quotes its
sources exactly. These checks look at what the course says *around* the quotes:

* :func:`data_errors` (run by :func:`course_lib.validate.collect_errors`, so ``make validate`` and
  ``load()`` report them): a figure with no number (``value`` null) says so and quotes the source's words;
  a figure whose quote gives only a vague amount ("tens of thousands") has no made-up value; every
  statement's ``reporting_verb`` is in its article near the quote; a day-precision date whose ``date_basis``
  says the article's date stands in is marked ``undated`` (and only day dates are); a claim's text states one
  side's statement only (the other side's reply goes in its explanation and linked statements).
* :func:`number_findings`: every number in the course's own text (event titles and summaries, quiz
  prompts, options, feedback, hints and explanations, notes) that refers to a figure agrees with that
  figure's value, keeps its qualifier ("about", "more than", "up to") and the source's own hedges
  ("According to some reports"), does not give the troops a side the source does not give, and names
  both possible sources where the article's attribution is ambiguous.
* :func:`date_findings`: the same date-precision rule for records of files the data checks do not enforce it
  on (events written before the ``undated`` field existed).
* :func:`inferred_date_findings`: a day the data works out from a weekday ("on Tuesday" in an article of
  Thursday 17 Feb 2022 = 15 Feb 2022) is printed in the course's text only with a mark that it is inferred.
* :func:`inferred_attribution_findings`: a quiz option keyed correct that restates a statement whose speaker
  the article does not name (the data's note says so) marks the speaker as the course's inference.

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
#: source phrases whose hedge goes wherever the course restates them: (pattern, hedge the sentence must keep)
PHRASE_HEDGES: tuple[tuple[str, str], ...] = (
    (r"\b250\s*(?:km|kilomet\w*)", "less than"),          # Polygraph: "less than 250 kilometers from Moscow"
    (r"\bannex\w*\s+areas\b", "in and around"),            # Polygraph: "annexed areas in and around four ... regions"
    (r"\bfocus\w*\s+(?:\w+\s+)?on\s+tensions\b", "largely"),  # AFP: "focused largely on tensions"
)
#: words that give troops a side, right after the number ("7,000 more Russian troops") or before it
SIDE_AFTER = re.compile(r"\s*(?:more\s+|additional\s+|extra\s+)?(Russian|Ukrainian|Western|NATO)\b")
SIDE_BEFORE = re.compile(r"\b(Russian|Ukrainian|Russia's|Ukraine's)\s+(?:troops\s+)?(?:\w+\s+){0,2}$")
#: words that say an attribution is ambiguous
AMBIGUITY = re.compile(r"ambiguous|unclear|not clear|leaves open|either|/", re.I)
#: a date basis that works a day out from a weekday against the article's date
WEEKDAY_RESOLVED = re.compile(r"'[^']*\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b[^']*'.*=")
#: words that mark a date or an attribution in the course's text as its own inference
INFERENCE_MARKS = re.compile(r"inferred|inference|course's dating|course's reading|likely reading|worked out|"
                             r"resolve|\s=\s|\bmeans\b|the day before|\bthat is\b", re.I)
#: a quiz prompt that asks the learner to work a date out from a quoted weekday: the whole question is the
#: inference, so its options and feedback may give the day plainly
_WEEKDAY_QUESTION = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b[^?]*\b(?:when|what day|"
                               r"which date|what date|on what day)\b[^?]*\?", re.I)
#: a statement note saying the article does not name the speaker
UNNAMED_SPEAKER = re.compile(r"does not say who|does not name (?:the )?speaker|whom .* refers to", re.I)
_MONTHS = {m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                            "nov", "dec"])}
_DAY_MONTH = re.compile(r"\b(\d{1,2})\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?\s+(\d{4})\b")
_NUMBER = re.compile(r"(?<![\d.,\w-])(\d{1,3}(?:,\d{3})+|\d{4,})(?![\d,\w-])")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])")
#: quoted spans and parentheses (attributions) in a claim's text; what is left is the claim in the course's words
_QUOTED_OR_ATTRIBUTED = re.compile(r'"[^"]*"|\u201c[^\u201d]*\u201d|\([^()]*\)')
#: in a claim's own words, signs that a second side's reply has been put into the claim
OTHER_SIDE = re.compile(r";|\b(?:says|say|said|accuse|accuses|accused|while|disputes|denies)\b", re.I)


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
    for _, c in good.get("claims", []):
        own = _QUOTED_OR_ATTRIBUTED.sub(" ", _QUOTED_OR_ATTRIBUTED.sub(" ", str(c.get("claim", ""))))
        m = OTHER_SIDE.search(own)
        if m:
            yield ("claims.json", c["id"], "claim",
                   f"a claim states one side's statement ({m.group(0)!r} outside quotation marks and the attribution "
                   f"in parentheses): put the other side's reply in the explanation and the linked statements, "
                   f"or record it as a claim of its own")
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


#: where a Markdown text breaks into separate units before sentences are split: a blank line, and the start
#: of a list item, a table row or a heading (a table row or a list item is not part of the sentence before it)
_BLOCK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:[-*+][ \t]|\d+\.[ \t]|\||#))")


def _sentences(text: str) -> list[str]:
    r"""The sentences of a text, each on one line (a line break inside a sentence is a space).

    Paragraphs, list items, table rows and headings are split apart first, so that a mark in one of them
    ("source notes", a hedge) does not count for another.

    Examples
    --------
    >>> _sentences("- One item, wrapped\n  here. Two.\n- Three\n\n| a | b |\n| c | d |")
    ['- One item, wrapped here.', 'Two.', '- Three', '| a | b |', '| c | d |']
    """
    return [re.sub(r"\s+", " ", s).strip() for block in _BLOCK.split(text) for s in _SENTENCE.split(block)
            if s.strip()]


def source_hedge(fig: dict[str, Any]) -> str | None:
    """The source's own word for a figure's qualifier ("around" where the quote says "around 150,000"), or None.

    Examples
    --------
    >>> source_hedge({"value": 150000, "qualifier": "about", "quote": "stationed around 150,000 troops"})
    'around'
    >>> source_hedge({"value": 115000, "qualifier": "exactly", "quote": "massed 115,000 troops"}) is None
    True
    """
    value = fig.get("value")
    if value is None:
        return None
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    quote = normalise(str(fig.get("quote", ""))).lower()
    return next((w for w in HEDGES.get(fig.get("qualifier", ""), ()) if f"{w} {number}" in quote), None)


def _hedged(sentence: str, start: int, fig: dict[str, Any]) -> bool:
    """The number at ``start`` keeps the figure's qualifier, in the source's own word where it has one.

    In a Markdown table row the qualifier may also stand in a cell of its own (a "qualifier" column).
    """
    before = sentence[max(0, start - 30):start].lower()
    own = source_hedge(fig)
    words = (own,) if own else HEDGES.get(fig["qualifier"], ())
    if any(h in before for h in words):
        return True
    cells = {c.strip(" *\"'\u201c\u201d").lower() for c in sentence.split("|")} if sentence.startswith("|") else set()
    return any(h in cells for h in words)


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
            for pattern, hedge in PHRASE_HEDGES:
                found = re.search(pattern, sentence, re.I)
                if found and hedge not in sentence.lower():
                    findings.append((file, record, field, f"{found.group(0)!r}: drops the source's hedge \u201c{hedge}\u201d"))
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
                if not any(f["qualifier"] == "exactly" or _hedged(sentence, m.start(), f) for f in figs):
                    quals = " or ".join(sorted({source_hedge(f) or f["qualifier"] for f in figs}))
                    problems.append(f"drops the qualifier or changes the source's word for it ({quals})")
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


# ------------------------------------------------------------------------------------------ article dates
#: words that mark an article date as not given by its text (the course's source notes, a caption, an inference)
DATE_MARK = re.compile(r"source notes?|caption|inferred|course's reading|no date|no dateline|no year|"
                       r"says only|\bdated by\b|\u2248|approximate", re.I)
#: an article's ``published_basis`` saying that its text carries no date of its own
NO_DATELINE = re.compile(r"no dateline|no publication date", re.I)
#: words that show a sentence is about an article (its outlet, or the text itself), not about another event that day
ARTICLE_CONTEXT = re.compile(r"newsweek|euronews|polygraph|american military news|\bAMN\b|RFE/RL|\barticles?\b|"
                             r"\btexts?\b|\breport(?:s|ed)?\b|\bwritten\b|\bpublished\b", re.I)
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def _date_forms(published: str) -> list[str]:
    """The ways the course writes a publication date ('2022-02-17' -> '17 February 2022', 'Feb 17, 2022', ...)."""
    parts = published.split("-")
    year, month = parts[0], _MONTH_NAMES[int(parts[1]) - 1]
    names = (month, month[:3])
    if len(parts) == 2:
        return [f"{m} {year}" for m in names]
    day = str(int(parts[2]))
    return [form for m in names for form in (f"{day} {m} {year}", f"{m} {day}, {year}", f"{day} {m}")]


def article_date_findings(data: Any, strings: Iterable[Finding]) -> list[Finding]:
    """Publication dates written as if the text gave them, for articles whose text has no dateline.

    The euronews text, Newsweek, Polygraph.info and the AMN reprint carry no date of their own: their
    dates come from a caption, an inference or the course's source notes. Wherever the course's own
    words (``strings``: ``(file, record, field, text)``) write such an article's date in a sentence about
    an article (:data:`ARTICLE_CONTEXT`), the same sentence must say where it comes from
    (:data:`DATE_MARK`: "source notes", "caption", "inferred", ...).

    Examples
    --------
    >>> from course_lib import load
    >>> article_date_findings(load(), [("q", "x", "t", "The euronews text was written on Thursday 17 February 2022.")])[0][3]
    "'17 February 2022' (article euronews): the text gives no date; say where it comes from (e.g. 'from the course's source notes')"
    >>> article_date_findings(load(), [("q", "x", "t", "The course's source notes date the euronews text 17 February 2022.")])
    []
    """
    forms: list[tuple[re.Pattern, str]] = []
    for art in data.articles.values():
        if NO_DATELINE.search(str(art.get("published_basis", ""))) and art.get("published"):
            for form in _date_forms(str(art["published"])):
                pattern = re.compile(rf"(?<![\w-])(?<!\d ){re.escape(form)}(?![\w-]|,? \d)")
                forms.append((pattern, art["id"]))
    findings: list[Finding] = []
    for file, record, field, text in strings:
        for sentence in _sentences(text):
            if DATE_MARK.search(sentence) or not ARTICLE_CONTEXT.search(sentence):
                continue
            seen = set()
            for pattern, art_id in forms:
                m = pattern.search(sentence)
                if m and m.start() not in seen:
                    seen.add(m.start())
                    findings.append((file, record, field,
                                     f"{m.group(0)!r} (article {art_id}): the text gives no date; say where it "
                                     f"comes from (e.g. 'from the course's source notes')"))
    return findings


def notebook_strings(name: str, notebook: dict[str, Any]) -> list[Finding]:
    """The Markdown cells of a parsed notebook as ``(file, cell id, "markdown", text)`` for the text checks."""
    return [(name, str(cell.get("id", "?")), "markdown", "".join(cell.get("source", [])))
            for cell in notebook.get("cells", []) if cell.get("cell_type") == "markdown"]


def inferred_dates(data: Any) -> set[str]:
    """ISO days that the data works out from a weekday, leaving out the articles' own dates.

    Examples
    --------
    >>> from course_lib import load
    >>> sorted(inferred_dates(load()))[:2]
    ['2021-11-30', '2021-12-02']
    """
    published = {str(a.get("published")) for a in data.articles.values()}
    out = set()
    for name in ("statements", "events", "figures", "claims"):
        for rec in getattr(data, name).values():
            if (not rec.get("undated") and _day(rec.get("date"))
                    and WEEKDAY_RESOLVED.search(str(rec.get("date_basis", "")))):
                out.add(str(rec["date"]))
    return out - published


def weekday_questions(quizzes: Iterable[tuple[str, Any]]) -> set[tuple[str, str]]:
    """``(file, question id)`` of quiz questions that ask the learner to work a date out from a weekday.

    Examples
    --------
    >>> weekday_questions([("q", {"questions": [{"id": "a", "prompt": 'It says "on Tuesday". When did he speak?'}]})])
    {('q', 'a')}
    """
    return {(file, str(q.get("id"))) for file, doc in quizzes
            for q in (doc.get("questions", []) if isinstance(doc, dict) else [])
            if _WEEKDAY_QUESTION.search(str(q.get("prompt", "")))}


def inferred_date_findings(data: Any, strings: Iterable[Finding],
                           exempt: set[tuple[str, str]] = frozenset()) -> list[Finding]:
    """Days worked out from a weekday that ``strings`` print without a mark that they are inferred.

    ``exempt`` holds ``(file, record)`` pairs to skip (see :func:`weekday_questions`).

    Examples
    --------
    >>> from course_lib import load
    >>> inferred_date_findings(load(), [("q", "withdrawal-dispute", "prompt",
    ...     "Russia announced on Tuesday 15 February 2022 that it had started withdrawing some troops.")])[0][3][:40]
    '15 February 2022: the day is worked out '
    >>> inferred_date_findings(load(), [("q", "x", "prompt", "On Tuesday (15 February 2022 by the course's dating)")])
    []
    """
    days = inferred_dates(data)
    found: list[Finding] = []
    for file, record, field, text in strings:
        if (file, record) in exempt:
            continue
        for sentence in _sentences(text):
            for m in _DAY_MONTH.finditer(sentence):
                iso = f"{m.group(3)}-{_MONTHS[m.group(2).lower()]:02d}-{int(m.group(1)):02d}"
                if iso in days and not INFERENCE_MARKS.search(sentence):
                    found.append((file, record, field,
                                  f"{m.group(0)}: the day is worked out from a weekday and the article's date; "
                                  f"say so (e.g. \"15 February 2022 by the course's dating\")"))
    return found


def _content_words(text: str) -> set[str]:
    """The words of four letters or more, lower case (what two wordings of one statement share)."""
    return set(re.findall(r"[a-z]{4,}", normalise(text).lower())) - {"that", "this", "with", "from", "also", "have"}


def inferred_attribution_findings(data: Any, quizzes: Iterable[tuple[str, Any]]) -> list[Finding]:
    """Options keyed correct that restate an unnamed speaker's statement without marking the speaker as inferred.

    A statement whose ``note`` says the article does not name its speaker ("does not say who \"He\" is") has
    an actor only by the course's reading. A quiz question whose sources quote it may key an option correct
    that restates the statement (three or more of its words) only if the option says so (an inference mark,
    :data:`INFERENCE_MARKS`).

    Examples
    --------
    >>> from course_lib import load
    >>> q = {"id": "q", "sources": [{"article": "euronews",
    ...      "quote": "He also leveled accusations of disinformation against NATO allies."}],
    ...      "options": [{"id": "o", "text": "The Russian side accuses NATO allies of disinformation.", "correct": True}]}
    >>> inferred_attribution_findings(load(), [("quiz", {"questions": [q]})])[0][:3]
    ('quiz', 'q', 'options.o')
    """
    unnamed = [s for s in data.statements.values() if UNNAMED_SPEAKER.search(str(s.get("note", "")))]
    found: list[Finding] = []
    for file, doc in quizzes:
        for q in (doc.get("questions", []) if isinstance(doc, dict) else []):
            quotes = [normalise(str(src.get("quote", ""))) for src in q.get("sources", []) if isinstance(src, dict)]
            hits = [s for s in unnamed if any(normalise(s["quote"]) in qt or qt in normalise(s["quote"])
                                              for qt in quotes if qt)]
            if not hits:
                continue
            for opt in q.get("options", []):
                text = str(opt.get("text", ""))
                restates = any(len(_content_words(text) & _content_words(s["quote"])) >= 3 for s in hits)
                if opt.get("correct") and restates and not INFERENCE_MARKS.search(text):
                    ids = ", ".join(s["id"] for s in hits)
                    found.append((file, str(q.get("id")), f"options.{opt.get('id')}",
                                  f"keyed correct, but the article does not name the speaker of {ids}: mark the "
                                  f"speaker as the course's inference"))
    return found

