"""The pre/post test's items (``data/assessment.json``) and the checks that keep them honest.

Each item reports one statement from the five articles -- who, when, where we read it, what -- and is
either **accurate** (the report's words are in the article, or the item says why a non-verbatim report
is faithful) or **distorted by exactly one declared change** of a kind the course teaches
(:data:`KINDS`). :func:`assessment_errors` checks every item against its article and its declared change
with one small function per kind (:data:`KIND_CHECKS`), and checks that the forms are balanced: the same
number of accurate and distorted items, the same exact kinds of change, the same counts by side x
difficulty and by answer x difficulty, every listed side both accurate and distorted in every form, and as
many accurate as distorted items for each side and each difficulty in each form (so that neither who speaks
nor how hard an item looks is a cue to the answer).

Two checks keep the course's own words honest:

* **Dates** (:func:`when_text`, :func:`date_errors`): every source says how the article dates the words
  (``dated``: stated, weekday, year_inferred, inferred, undated) and why (``date_basis``, quoting the
  article, as in ``statements.json``). A date shown as plain must be written out in the quoted words; a
  weekday must be the date's weekday, near the article's date; an undated statement shows the article's
  date as the article's, never as the day the words were said.
* **Voice** (:func:`voice_errors`): no doubting or crediting word ("claim", "alleged", "insisted",
  "warning", ...) and no unattributed label ("Russian-backed", "self-proclaimed", ...) in the course's own
  text of an item (explanation, lead, a restated report, date basis, the role line) unless inside a
  quotation that is verbatim in one of the articles.

Examples
--------
>>> from course_lib import load
>>> doc = load_assessment()
>>> assessment_errors(doc, load())
[]
>>> sorted({item["form"] for item in doc["items"]})
['delayed', 'post', 'pre']
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .data import read_json
from .errors import DataError
from .paths import data_dir
from .text import normalise

FILE = "assessment.json"

#: kind of change -> what the learner is told it is
KINDS: dict[str, str] = {
    "dropped_hedge": "a dropped hedge (\"about\", \"up to\", \"according to some reports\")",
    "paraphrase_as_quote": "a reporter's paraphrase presented as a quotation",
    "changed_speaker": "the words given to a different speaker",
    "changed_side": "the words given to a speaker of another side",
    "changed_number": "a changed number",
    "changed_date": "a changed date",
    "outlet_wording": "an outlet's own wording attributed to a speaker",
    "mt_error": "a machine-translation error taken at face value",
}
#: kind -> family (how the class report groups kinds; parallel forms must match by exact kind)
FAMILIES: dict[str, str] = {
    "dropped_hedge": "hedge",
    "paraphrase_as_quote": "whose words", "outlet_wording": "whose words",
    "changed_speaker": "who said it", "changed_side": "who said it",
    "changed_number": "number or date", "changed_date": "number or date",
    "mt_error": "translation",
}
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")

Item = dict[str, Any]
Add = Callable[[str, str], None]  # (field, message)


def load_assessment(folder: str | Path | None = None) -> dict[str, Any]:
    """Read ``assessment.json`` from a data folder (default: the course's own).

    Raises
    ------
    DataError
        If the file is missing or not JSON (naming the file).
    """
    return read_json(Path(folder) if folder is not None else data_dir(), FILE)


def _norm(text: str) -> str:
    return normalise(text).strip(" .,;:")


def _differences(item: Item) -> set[str]:
    """Which of actor, date, article, voice and text the report changes relative to its source."""
    src, rep = item["source"], item["report"]
    voice = "quote" if src["voice"] == "quote" else "paraphrase"
    diffs = {f for f in ("actor", "date", "article") if src[f] != rep[f]}
    if rep["as"] != voice:
        diffs.add("as")
    if _norm(rep["text"]) != _norm(src["quote"]):
        diffs.add("text")
    return diffs


def _expect(add: Add, item: Item, expected: set[str]) -> bool:
    diffs = _differences(item)
    if diffs != expected:
        want = ", ".join(sorted(expected)) or "nothing"
        got = ", ".join(sorted(diffs)) or "nothing"
        add("report", f"a {item['change']['kind']!r} change should differ from the source in {want} only; "
                      f"this report differs in {got}")
        return False
    return True


# ---------------------------------------------------------------------------- one check per kind of change

def _dropped_hedge(item: Item, data: Any, add: Add) -> None:
    hedge = item["change"].get("hedge")
    if not hedge:
        add("change.hedge", "a 'dropped_hedge' change must name the hedge that was dropped")
        return
    src, rep = normalise(item["source"]["quote"]), normalise(item["report"]["text"])
    if normalise(hedge) not in src:
        add("change.hedge", f"the hedge {hedge!r} is not in the source quote")
    elif normalise(hedge) in rep:
        add("report.text", f"the report still has the hedge {hedge!r}")
    elif _norm(src.replace(normalise(hedge), " ", 1)) != _norm(rep) and \
            normalise(src.replace(normalise(hedge), " ", 1)) != rep:
        add("report.text", f"removing {hedge!r} from the source does not give the report's text: "
                           "something else changed too")
    _expect(add, item, {"text"})


def _paraphrase_as_quote(item: Item, data: Any, add: Add) -> None:
    if item["source"]["voice"] != "paraphrase":
        add("source.voice", "a 'paraphrase_as_quote' item needs a source in the reporter's words ('paraphrase')")
    if item["report"]["as"] != "quote":
        add("report.as", "a 'paraphrase_as_quote' report must present the words as a quote")
    _expect(add, item, {"as"})


def _actor_change(same_side: bool) -> Callable[[Item, Any, Add], None]:
    def check(item: Item, data: Any, add: Add) -> None:
        src, rep = item["source"]["actor"], item["report"]["actor"]
        if src in data.actors and rep in data.actors:
            a, b = data.actors[src], data.actors[rep]
            if "media" in (a.get("kind"), b.get("kind")):
                add("report.actor", "a speaker change is between speakers, not outlets (see 'outlet_wording')")
            elif (a["side"] == b["side"]) != same_side:
                add("report.actor", f"{rep!r} ({b['side']}) and {src!r} ({a['side']}) are "
                                    + ("of different sides: use 'changed_side'" if same_side
                                       else "of the same side: use 'changed_speaker'"))
        _expect(add, item, {"actor"})
    return check


def _changed_number(item: Item, data: Any, add: Add) -> None:
    src, rep = normalise(item["source"]["quote"]), normalise(item["report"]["text"])
    a, b = _NUMBER.findall(src), _NUMBER.findall(rep)
    changed = [(x, y) for x, y in zip(a, b) if x != y]
    if len(a) != len(b) or len(changed) != 1 or _NUMBER.sub("#", src) != _NUMBER.sub("#", rep):
        add("report.text", f"exactly one number should differ from the source (source {a}, report {b}), "
                           "and nothing else")
    _expect(add, item, {"text"})


def _changed_date(item: Item, data: Any, add: Add) -> None:
    if item["source"].get("dated") == "undated":
        add("source.dated", "a 'changed_date' item needs words the article dates; an undated statement has no "
                            "date to change")
    _expect(add, item, {"date"})


def _outlet_wording(item: Item, data: Any, add: Add) -> None:
    src, rep = item["source"]["actor"], item["report"]["actor"]
    if item["source"]["voice"] != "outlet" or data.actors.get(src, {}).get("kind") != "media":
        add("source", "an 'outlet_wording' item needs a source in an outlet's own voice (voice 'outlet', an "
                      "actor of kind 'media')")
    if data.actors.get(rep, {}).get("kind") == "media":
        add("report.actor", "an 'outlet_wording' report gives the outlet's words to a speaker, not an outlet")
    diffs = _differences(item)
    if "actor" not in diffs or not diffs <= {"actor", "as"}:
        add("report", "an 'outlet_wording' report should differ from its source in who says it only "
                      f"(it differs in {', '.join(sorted(diffs)) or 'nothing'})")


def _mt_error(item: Item, data: Any, add: Add) -> None:
    change, src, rep = item["change"], item["source"], item["report"]
    erratum = next((e for e in data.errata.values() if e["id"] == change.get("erratum")), None)
    taken = change.get("taken", "")
    if erratum is None:
        add("change.erratum", f"unknown erratum {change.get('erratum')!r}: an 'mt_error' item names the "
                              "erratum (errata.json) it takes at face value")
        return
    if erratum["article"] != src["article"]:
        add("change.erratum", f"erratum {erratum['id']!r} is in article {erratum['article']!r}, not the source's")
    if data.articles.get(src["article"], {}).get("original_source") != "machine translation":
        add("source.article", f"article {src['article']!r} did not reach us as a machine translation")
    if not taken or normalise(taken) not in normalise(erratum["text"]):
        add("change.taken", f"{taken!r} is not part of the erratum's text {erratum['text']!r}")
    if taken and normalise(taken) not in normalise(src["quote"]):
        add("source.quote", f"does not contain the translation error {taken!r}")
    # Repeating the article's words would be an accurate report of what the source says; the distortion is
    # restating the error as plain fact, in new words (so the report is not verbatim in the article).
    text = data.articles.get(rep["article"], {}).get("text", "")
    if normalise(rep["text"]).strip(" .") in normalise(text):
        add("report.text", "an 'mt_error' report restates the error as plain fact in new words; repeating the "
                           "article's words verbatim is an accurate report of what the source says")
    if rep["as"] != "paraphrase":
        add("report.as", "an 'mt_error' report restates the error in its own words, not as a quotation")
    if {f for f in ("actor", "date", "article") if src[f] != rep[f]}:
        add("report", "an 'mt_error' report keeps the source's speaker, date and article: its one change is "
                      "taking the translation's wording at face value")


#: kind of change -> its check (each adds errors through ``add(field, message)``)
KIND_CHECKS: dict[str, Callable[[Item, Any, Add], None]] = {
    "dropped_hedge": _dropped_hedge,
    "paraphrase_as_quote": _paraphrase_as_quote,
    "changed_speaker": _actor_change(same_side=True),
    "changed_side": _actor_change(same_side=False),
    "changed_number": _changed_number,
    "changed_date": _changed_date,
    "outlet_wording": _outlet_wording,
    "mt_error": _mt_error,
}


# ---------------------------------------------------------------------------- dates

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_QUOTED = re.compile(r'"([^"]+)"')
#: how far (in days) a weekday may lie from the article's date ("on Tuesday" in a Thursday article)
_WEEK = 6


def _day(iso: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(iso) if len(iso) == 10 else None
    except ValueError:
        return None


def _spans(text: str, article_text: str) -> list[str]:
    """The double-quoted spans of ``text`` that are verbatim in the (normalised) article text."""
    return [s for s in _QUOTED.findall(normalise(text)) if s.strip(" .,;:") and s.strip(" .,;:") in article_text]


def _article_dated_in_text(article: dict[str, Any]) -> bool:
    """Does the article's own text carry its publication date (e.g. a dateline "December 01, 2021")?"""
    day = _day(str(article.get("published", "")))
    if day is None:
        return False
    month = _MONTHS[day.month - 1]
    text = normalise(article.get("text", ""))
    return any(f in text for f in (f"{month} {day.day:02d}, {day.year}", f"{month} {day.day}, {day.year}"))


def when_text(item: Item, data: Any) -> str:
    """The report's "When" line: its date, and how the article dates the words (never more than it gives).

    Examples
    --------
    >>> from course_lib import load
    >>> doc = load_assessment()
    >>> by_id = {i["id"]: i for i in doc["items"]}
    >>> when_text(by_id["delayed-russia-annexation"], load())
    '30 September 2022'
    >>> when_text(by_id["pre-wallace-up-to-7000"], load())
    "Not dated in the article; article of 17 February 2022 (a date from the course's source notes)"
    """
    from .theme import fmt_date

    date, dated = item["report"]["date"], item["source"].get("dated", "stated")
    shown = fmt_date(date, precision_note=False, long_months=True)
    article = data.articles.get(item["report"]["article"], {})
    notes = not _article_dated_in_text(article)
    if dated == "undated":
        published = fmt_date(str(article.get("published", date)), precision_note=False, long_months=True)
        whence = " (a date from the course's source notes)" if notes else ""
        return f"Not dated in the article; article of {published}{whence}"
    if dated == "weekday":
        day = _day(date)
        weekday = _WEEKDAYS[day.weekday()] if day else "a weekday"
        whence = " in the course's source notes" if notes else ""
        return (f"{shown} (the article gives the weekday, {weekday}; the date is counted from the article's "
                f"date{whence})")
    if dated == "year_inferred":
        return f"{shown} (the article gives the day and month; the year is the course's inference)"
    if dated == "inferred":
        return f"{shown} (the article gives no date for these words; the course's inference from the context)"
    return shown


def date_errors(item: Item, data: Any, texts: dict[str, str], add: Add) -> None:
    """Is the date shown one the article gives for these words, or shown as inferred or undated?

    ``stated`` needs the date written out (day, month name and year, as precise as the date) in a quoted
    span of ``date_basis`` that is verbatim in the article; ``weekday`` a quoted span with the date's
    weekday, within a week of the article's own date; ``year_inferred`` the day and month name in a quoted
    span; ``inferred`` the word "infer" in the basis; ``undated`` the article's own date. Every basis quotes
    the article.
    """
    src = item["source"]
    dated, basis, date = src.get("dated"), src.get("date_basis", ""), src["date"]
    text = texts.get(src["article"], "")
    spans = " | ".join(_spans(basis, text))
    if not spans:
        add("source.date_basis", "quote (in double quotation marks) the article's words the date rests on; "
                                 "none of its quoted words is verbatim in the article")
        return
    day = _day(date)
    parts = date.split("-")
    month = _MONTHS[int(parts[1]) - 1] if len(parts) > 1 else None
    article = data.articles.get(src["article"], {})
    if dated == "stated":
        written = [parts[0]] + ([month] if month else []) + ([str(int(parts[2]))] if len(parts) > 2 else [])
        missing = [w for w in written if not re.search(rf"\b{re.escape(w)}\b", spans)]
        if missing:
            add("source.dated", f"'stated' needs the date written out in the article's quoted words; "
                                f"{', '.join(missing)} is not in {spans!r}: mark it 'weekday', 'year_inferred', "
                                "'inferred' or 'undated'")
    elif dated == "weekday":
        published = _day(str(article.get("published", "")))
        if day is None or published is None:
            add("source.dated", "a 'weekday' date is a day, counted from an article dated to the day")
        elif _WEEKDAYS[day.weekday()] not in spans:
            add("source.dated", f"{date} is a {_WEEKDAYS[day.weekday()]}; the quoted words {spans!r} do not name it")
        elif abs((published - day).days) > _WEEK:
            add("source.date", f"{date} is more than a week from the article's date ({published.isoformat()})")
    elif dated == "year_inferred":
        given = day is not None and any(re.search(rf"\b{p}\b", spans)
                                        for p in (f"{month} {day.day}", f"{day.day} {month}"))
        if not given:
            add("source.dated", f"'year_inferred' needs the day and month of {date} in the article's quoted words "
                                f"({spans!r})")
    elif dated == "inferred":
        if "infer" not in basis:
            add("source.date_basis", "an inferred date says that it is the course's inference")
    elif dated == "undated" and date != article.get("published"):
        add("source.date", f"an undated statement carries the article's own date ({article.get('published')!r}), "
                           "shown as the article's, not as the day the words were said")


# ---------------------------------------------------------------------------- the course's voice

#: words that doubt or credit what a side says, and labels a source uses: only inside a source's quotation
LOADED = re.compile(r"\b(claim(?:s|ed|ing)?|alleg(?:e|es|ed|edly|ation|ations)|insist(?:s|ed|ing)?|"
                    r"warn(?:s|ed|ing|ings)?|admit(?:s|ted)?|so-called|self-proclaimed|Russian-backed|regime)\b",
                    re.IGNORECASE)


def _unquoted(text: str, texts: dict[str, str]) -> str:
    """``text`` without the double-quoted spans that are verbatim in one of the articles."""
    def drop(m: re.Match[str]) -> str:
        span = m.group(1).strip(" .,;:")
        return " " if span and any(span in t for t in texts.values()) else m.group(0)
    return _QUOTED.sub(drop, normalise(text))


#: kinds whose report is the source's own words with one edit (not the course's words)
_EDITS_SOURCE = {"dropped_hedge", "changed_number"}


def course_texts(item: Item, doc: dict[str, Any], data: Any, texts: dict[str, str]) -> list[tuple[str, str]]:
    """``(field, text)`` for every part of an item written in the course's own voice.

    The explanation, the faithful note, the report's lead, the date basis, the role line of the speaker the
    report names, and the report's text when it is not the article's own words (a faithful paraphrase or
    a restated translation error; not a report that only drops a hedge or changes a number).
    """
    rep = item["report"]
    out = [("explanation", item["explanation"]), ("source.date_basis", item["source"].get("date_basis", ""))]
    out += [(f, v) for f, v in (("faithful", item.get("faithful")), ("report.lead", rep.get("lead"))) if v]
    edits_source = item.get("change", {}).get("kind") in _EDITS_SOURCE
    if not edits_source and normalise(rep["text"]).strip(" .") not in texts.get(rep["article"], ""):
        out.append(("report.text", rep["text"]))
    actor = data.actors.get(rep["actor"], {})
    out.append(("roles" if rep["actor"] in doc.get("roles", {}) else "report.actor",
                role_text(rep["actor"], doc, data) if actor else ""))
    return out


def voice_errors(item: Item, doc: dict[str, Any], data: Any, texts: dict[str, str], add: Add) -> None:
    """No doubting or crediting word, no unattributed label, in the course's own text of an item."""
    for field, text in course_texts(item, doc, data, texts):
        found = sorted({m.group(0).lower() for m in LOADED.finditer(_unquoted(text, texts))})
        if found:
            add(field, f"the course's own words use {', '.join(repr(w) for w in found)}: use neutral words "
                       "(\"said\", \"statement\", \"account\") for every side, or quote the source verbatim")


def role_text(actor_id: str, doc: dict[str, Any], data: Any) -> str:
    """The role line the test shows for an actor: the test's own (``roles``) or the one in ``actors.json``.

    Examples
    --------
    >>> from course_lib import load
    >>> role_text("luhansk-separatists", load_assessment(), load())
    'Separatist authorities in the Luhansk region (euronews)'
    """
    return doc.get("roles", {}).get(actor_id) or data.actors[actor_id]["role"]


# ---------------------------------------------------------------------------- per item

def _accurate(item: Item, data: Any, texts: dict[str, str], add: Add) -> None:
    src, rep = item["source"], item["report"]
    if "change" in item:
        add("change", "an accurate item declares no change")
    for field in ("actor", "date", "article"):
        if src[field] != rep[field]:
            add(f"report.{field}", f"an accurate report keeps the source's {field} ({src[field]!r})")
    if rep["as"] == "quote" and src["voice"] != "quote":
        add("report.as", "an accurate report quotes only words the article puts in quotation marks")
    text = texts.get(rep["article"])
    verbatim = text is not None and normalise(rep["text"]).strip(" .") in text
    if not verbatim and "faithful" not in item:
        add("report.text", f"an accurate report's text must be verbatim in article {rep['article']!r} or the item "
                           "marked 'faithful' (with the reason)")
    if verbatim and normalise(rep["text"]).strip(" .") not in normalise(src["quote"]):
        add("report.text", "an accurate report's text must come from its source quote")


def _side(item: Item, data: Any) -> str | None:
    """The side whose statement the item is about: the source speaker's (the report's, for outlet words)."""
    actor = item["source"]["actor"] if item["source"]["voice"] != "outlet" else item["report"]["actor"]
    return data.actors[actor]["side"] if actor in data.actors else None


def _item_errors(item: Item, doc: dict[str, Any], data: Any, texts: dict[str, str], forms: set[str],
                 add: Add) -> None:
    src, rep = item["source"], item["report"]
    if item["form"] not in forms:
        add("form", f"unknown form {item['form']!r} (forms: {', '.join(sorted(forms))})")
    for where, actor in (("source.actor", src["actor"]), ("report.actor", rep["actor"])):
        if actor not in data.actors:
            add(where, f"unknown actor {actor!r}")
    if src["actor"] not in data.actors or rep["actor"] not in data.actors:
        return
    text = texts.get(src["article"])
    if text is not None and normalise(src["quote"]) not in text:
        add("source.quote", f"not found verbatim in article {src['article']!r}")
    side = _side(item, data)
    if side != item["side"]:
        add("side", f"the statement is by {side!r}, not {item['side']!r}")
    date_errors(item, data, texts, add)
    voice_errors(item, doc, data, texts, add)
    if item["accurate"]:
        _accurate(item, data, texts, add)
    elif "change" not in item:
        add("change", "a distorted item must declare its one change")
    else:
        if "faithful" in item:
            add("faithful", "only accurate items can be marked faithful")
        KIND_CHECKS[item["change"]["kind"]](item, data, add)


# ---------------------------------------------------------------------------- balance of the forms

def _answer(item: Item) -> str:
    return "accurate" if item["accurate"] else "distorted"


def form_profile(items: list[Item]) -> dict[str, Counter]:
    """What a form must share with its parallel forms: counts by answer, exact kind, difficulty, side, side x
    difficulty and answer x difficulty.

    Examples
    --------
    >>> p = form_profile([{"accurate": True, "difficulty": "easy", "side": "west"}])
    >>> p["answer"], p["side x difficulty"]
    (Counter({'accurate': 1}), Counter({'west easy': 1}))
    """
    return {
        "answer": Counter(_answer(i) for i in items),
        "kind": Counter(i["change"]["kind"] for i in items if not i["accurate"] and "change" in i),
        "difficulty": Counter(i["difficulty"] for i in items),
        "side": Counter(f"{i['side']} {_answer(i)}" for i in items),
        "side x difficulty": Counter(f"{i['side']} {i['difficulty']}" for i in items),
        "answer x difficulty": Counter(f"{_answer(i)} {i['difficulty']}" for i in items),
    }


def _balance_errors(doc: dict[str, Any], add_form: Callable[[str, str, str], None]) -> None:
    forms = [f["id"] for f in doc["forms"]]
    by_form = {f: [i for i in doc["items"] if i["form"] == f] for f in forms}
    profiles = {f: form_profile(items) for f, items in by_form.items()}
    for form, items in by_form.items():
        p = profiles[form]
        if not 8 <= len(items) <= 12:
            add_form(form, "items", f"a form has 8-12 items, not {len(items)}")
        if p["answer"]["accurate"] != p["answer"]["distorted"]:
            add_form(form, "items", f"half the items are accurate and half distorted (here "
                                    f"{p['answer']['accurate']} accurate, {p['answer']['distorted']} distorted)")
        for side in doc["sides"]:
            for answer in ("accurate", "distorted"):
                if not p["side"][f"{side} {answer}"]:
                    add_form(form, "side", f"no {answer} item for side {side!r}")
        for side in sorted({i["side"] for i in items}):  # a side must never be a cue to the answer
            acc, dis = p["side"][f"{side} accurate"], p["side"][f"{side} distorted"]
            if acc != dis:
                add_form(form, "side", f"side {side!r} has {acc} accurate and {dis} distorted items: the speaker's "
                                       "side would be a cue to the answer")
        for level in sorted({i["difficulty"] for i in items}):  # nor may how hard an item looks
            acc, dis = p["answer x difficulty"][f"accurate {level}"], p["answer x difficulty"][f"distorted {level}"]
            if not acc or not dis:
                add_form(form, "difficulty", f"every {level!r} item is {'accurate' if acc else 'distorted'} "
                                             f"({acc} accurate, {dis} distorted): difficulty would be a cue "
                                             "to the answer")
    first = forms[0] if forms else None
    for form in forms[1:]:
        for aspect in ("kind", "difficulty", "side", "side x difficulty", "answer x difficulty"):
            if profiles[form][aspect] != profiles[first][aspect]:
                add_form(form, aspect, f"not balanced with form {first!r} in {aspect}: "
                                       f"{dict(sorted(profiles[form][aspect].items()))} vs "
                                       f"{dict(sorted(profiles[first][aspect].items()))}")


def assessment_errors(doc: Any, data: Any, file: str = FILE) -> list[DataError]:
    """Every problem in the assessment document: schema, ids, each item against its source, balance.

    Parameters
    ----------
    doc : dict
        The parsed ``assessment.json``.
    data : CourseData
        The loaded course data (articles, actors, errata).
    file : str
        The file's name in error messages.

    Examples
    --------
    >>> from course_lib import load
    >>> doc = load_assessment()
    >>> item = next(i for i in doc["items"] if i["accurate"] and "faithful" not in i)
    >>> item["report"]["text"] = item["report"]["text"] + " and more words"
    >>> [e.field for e in assessment_errors(doc, load())]
    ['report.text']
    """
    from .validate import _label, _schema_error, article_texts

    errors: list[DataError] = []
    problem = _schema_error("assessment", doc)
    if problem:
        field, message = problem
        parts = (field or "").split(".")
        if len(parts) >= 2 and parts[0] == "items" and parts[1].isdigit():
            items = doc.get("items") if isinstance(doc, dict) else None
            i = int(parts[1])
            rec = items[i] if isinstance(items, list) and i < len(items) else None
            return [DataError(file, _label(rec, i), ".".join(parts[2:]) or None, message)]
        return [DataError(file, None, field, message)]
    texts = article_texts(data)
    forms = {f["id"] for f in doc["forms"]}
    seen: set[str] = set()
    for item in doc["items"]:
        def add(field: str, message: str, rid: str = item["id"]) -> None:
            errors.append(DataError(file, rid, field, message))
        if item["id"] in seen:
            add("id", f"duplicate item id {item['id']!r}")
        seen.add(item["id"])
        _item_errors(item, doc, data, texts, forms, add)
    _balance_errors(doc, lambda form, field, msg: errors.append(DataError(file, f"form {form}", field, msg)))
    return errors


def items_by_form(doc: dict[str, Any]) -> dict[str, list[Item]]:
    """``{form id: [items]}`` in file order (every form present, even if empty)."""
    out: dict[str, list[Item]] = {f["id"]: [] for f in doc["forms"]}
    for item in doc["items"]:
        out.setdefault(item["form"], []).append(item)
    return out
