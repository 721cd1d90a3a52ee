"""The pre/post test's items (``data/assessment.json``) and the checks that keep them honest.

Each item reports one statement from the five articles -- who, when, where we read it, what -- and is
either **accurate** (the report's words are in the article, or the item says why a non-verbatim report
is faithful) or **distorted by exactly one declared change** of a kind the course teaches
(:data:`KINDS`). :func:`assessment_errors` checks every item against its article and its declared change
with one small function per kind (:data:`KIND_CHECKS`), and checks that the forms are balanced: the same
number of accurate and distorted items, the same kinds of change (by :data:`FAMILIES`), the same
difficulties, the same sides, every listed side both accurate and distorted in every form, and as many
accurate as distorted items for each side in each form (so that who speaks is no cue to the answer).

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
#: kind -> family; parallel forms must have the same number of distorted items in each family
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
    for field, text in (("source.quote", src["quote"]), ("report.text", rep["text"])):
        if taken and normalise(taken) not in normalise(text):
            add(field, f"does not contain the translation error {taken!r}")
    if normalise(rep["text"]).strip(" .") not in normalise(src["quote"]):
        add("report.text", "an 'mt_error' report repeats the source's words (containing the error) verbatim")
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


def _item_errors(item: Item, data: Any, texts: dict[str, str], forms: set[str], add: Add) -> None:
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
    if item["accurate"]:
        _accurate(item, data, texts, add)
    elif "change" not in item:
        add("change", "a distorted item must declare its one change")
    else:
        if "faithful" in item:
            add("faithful", "only accurate items can be marked faithful")
        KIND_CHECKS[item["change"]["kind"]](item, data, add)


# ---------------------------------------------------------------------------- balance of the forms

def form_profile(items: list[Item]) -> dict[str, Counter]:
    """What a form must share with its parallel forms: counts by answer, kind family, difficulty and side.

    Examples
    --------
    >>> p = form_profile([{"accurate": True, "difficulty": "easy", "side": "west"}])
    >>> p["answer"], p["difficulty"]
    (Counter({'accurate': 1}), Counter({'easy': 1}))
    """
    return {
        "answer": Counter("accurate" if i["accurate"] else "distorted" for i in items),
        "kind": Counter(FAMILIES[i["change"]["kind"]] for i in items if not i["accurate"] and "change" in i),
        "difficulty": Counter(i["difficulty"] for i in items),
        "side": Counter(f"{i['side']} {'accurate' if i['accurate'] else 'distorted'}" for i in items),
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
    first = forms[0] if forms else None
    for form in forms[1:]:
        for aspect in ("kind", "difficulty", "side"):
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
        _item_errors(item, data, texts, forms, add)
    _balance_errors(doc, lambda form, field, msg: errors.append(DataError(file, f"form {form}", field, msg)))
    return errors


def items_by_form(doc: dict[str, Any]) -> dict[str, list[Item]]:
    """``{form id: [items]}`` in file order (every form present, even if empty)."""
    out: dict[str, list[Item]] = {f["id"]: [] for f in doc["forms"]}
    for item in doc["items"]:
        out.setdefault(item["form"], []).append(item)
    return out
