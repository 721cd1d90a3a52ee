"""Reporting verbs: the words each article uses to introduce what each side says, side by side.

A reporter chooses a verb for every statement: "said", "told", but also "claimed", "alleged", "insist",
"pointed out", "disputed". The choice can colour how a reader takes the words. This exercise lays the
articles' own reporting words (``reporting_verb`` in ``data/statements.json``, verbatim from the article)
out by article and by side, and asks learners to judge them; the course itself rates no verb.

:func:`reporting_verbs` is the widget (a table, the questions and the text version in an accordion);
:func:`reporting_verbs_text` is its text twin, built from the same rows (:func:`verb_table`).

Examples
--------
>>> from course_lib.verbs import reporting_verbs_text, verb_table
>>> rows = verb_table()
>>> rows["moscowtimes"]["russia"].count("claimed")
1
>>> "Question 1" in reporting_verbs_text()
True
"""
from __future__ import annotations

from typing import Any

from .data import CourseData, load
from .theme import TextTwin, table
from .notes import notes
from .ui import FONT, SIDES, esc, panel, text_block_html

_TITLE = "Reporting verbs: how each article introduces each side's words"
#: the questions of the exercise (the widget's own data): neutral, asking learners to judge
QUESTIONS: list[str] = [
    "Pick one article. Which of its reporting words only say that someone spoke (such as \u201csaid\u201d or "
    "\u201ctold\u201d), and which also suggest how to take the words (such as \u201cclaimed\u201d, "
    "\u201calleged\u201d, \u201cinsist\u201d or \u201cpointed out\u201d)? Whose statements does each kind introduce?",
    "Find two statements from different sides on the same point in one article. Does the article introduce them "
    "with the same kind of word? If not, would a reader take them differently, and which neutral verb would you "
    "use for both?",
]
#: what the table and the text twin say about the data, in the same words
NOTE = ("Each cell lists the article's own reporting words for that side's statements, verbatim, with how often "
        "each occurs (\u00d72). Statements an outlet makes in its own voice and headlines have no reporting word "
        "and are counted apart. The course rates no verb: the questions below ask you to judge.")


def verb_table(data: CourseData | None = None) -> dict[str, dict[str, list[str]]]:
    """Article id -> side -> the reporting words of that side's statements there, in reading order.

    Sides are those of :data:`course_lib.ui.SIDES`; statements with no reporting word (an outlet's own voice,
    headlines) are listed under ``"none"``, by id.

    Examples
    --------
    >>> verb_table()["newsweek"]["ukraine"][:2]
    ['saying', 'saying']
    """
    data = data or load()
    out: dict[str, dict[str, list[str]]] = {a: {**{s: [] for s in SIDES}, "none": []} for a in data.articles}
    texts = {a: rec.get("text", "") for a, rec in data.articles.items()}

    def position(s: dict[str, Any]) -> int:
        from .reader import find_span

        span = find_span(s.get("quote", ""), texts.get(s.get("article"), ""))
        return span[0] if span else len(texts.get(s.get("article"), ""))

    for s in sorted(data.statements.values(), key=lambda s: (s.get("article", ""), position(s), s["id"])):
        if s.get("article") not in out:
            continue
        actor = data.actors.get(s.get("actor"), {})
        verb = s.get("reporting_verb")
        if not verb or actor.get("kind") == "media":
            out[s["article"]]["none"].append(s["id"])
        elif actor.get("side") in SIDES:
            out[s["article"]][actor["side"]].append(verb)
    return out


def _cell(verbs: list[str]) -> str:
    """``['said', 'claimed', 'said']`` -> ``'said \u00d72, claimed'`` (first occurrence order)."""
    counts: dict[str, int] = {}
    for v in verbs:
        counts[v] = counts.get(v, 0) + 1
    return ", ".join(f"{v} \u00d7{n}" if n > 1 else v for v, n in counts.items()) or "\u2014"


def _rows(data: CourseData) -> tuple[list[str], list[list[str]]]:
    verbs = verb_table(data)
    head = ["Article"] + [f"{SIDES[s]['symbol']} {SIDES[s]['label']}" for s in SIDES] + ["No reporting word"]
    rows = []
    for aid, by_side in verbs.items():
        art = data.articles[aid]
        rows.append([f"{art.get('outlet', aid)}"] + [_cell(by_side[s]) for s in SIDES] + [str(len(by_side["none"]))])
    return head, rows


def reporting_verbs_text(*, data: CourseData | None = None) -> TextTwin:
    """The exercise in words: the table of reporting words by article and side, then the questions.

    Examples
    --------
    >>> text = reporting_verbs_text()
    >>> "claimed" in text and "insist" in text
    True
    """
    data = data or load()
    head, rows = _rows(data)
    lines = [_TITLE + ".", NOTE, "", table(head, rows, [22] + [14] * len(SIDES) + [10]), ""]
    lines += [f"Question {i}: {q}" for i, q in enumerate(QUESTIONS, 1)]
    return TextTwin("\n".join(lines) + "\n")


def reporting_verbs(*, data: CourseData | None = None, progress: Any = True):
    """The reporting-verbs exercise: the table by article and side, the questions, and its text version.

    Returns
    -------
    ipywidgets.VBox
        With ``table`` (HTML), ``questions`` (a list of ``(HTML, notes widget)`` pairs: the answers are
        the learner's notes, saved with their progress like every notes box; ``progress=False`` keeps none) and
        ``text_version`` (HTML ``<pre>`` holding :func:`reporting_verbs_text`).

    Examples
    --------
    >>> w = reporting_verbs()
    >>> "pointed out" in w.table.value
    True
    """
    import ipywidgets as widgets

    data = data or load()
    head, rows = _rows(data)
    th = "".join(f'<th scope="col" style="text-align:left;padding:4px 6px;border-bottom:2px solid #444">{esc(h)}</th>'
                 for h in head)
    body = "".join("<tr>" + f'<th scope="row" style="text-align:left;padding:4px 6px;vertical-align:top">{esc(r[0])}</th>'
                   + "".join(f'<td style="padding:4px 6px;vertical-align:top;border-top:1px solid #ddd">{esc(c)}</td>'
                             for c in r[1:]) + "</tr>" for r in rows)
    table_html = widgets.HTML(
        f'<div style="font-family:{FONT};line-height:1.4"><h3 style="margin:4px 0">{esc(_TITLE)}</h3>'
        f'<p style="margin:4px 0;font-size:90%;color:#333">{esc(NOTE)}</p>'
        f'<div style="overflow-x:auto" tabindex="0" role="region" aria-label="{esc(_TITLE)}: the table">'
        f'<table style="border-collapse:collapse;font-size:95%">'
        f'<caption style="text-align:left;font-size:85%;color:#444">Reporting words by article (rows) and side '
        f'(columns)</caption><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table></div></div>')
    questions = []
    for i, q in enumerate(QUESTIONS, 1):
        prompt = widgets.HTML(f'<p style="margin:8px 0 2px 0;font-family:{FONT}"><b>Question {i}.</b> {esc(q)}</p>')
        questions.append((prompt, notes(f"03-reporting-verbs-{i}", q, progress=progress)))
    text = widgets.HTML(text_block_html(reporting_verbs_text(data=data)))
    details = widgets.Accordion(children=[text], titles=("Text version of the table and questions",))
    w = panel([table_html, *[x for pair in questions for x in pair], details],
              f"{_TITLE}: {len(rows)} articles, {len(QUESTIONS)} questions.")
    w.table, w.questions, w.text_version = table_html, questions, text
    return w
