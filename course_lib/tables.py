"""Tables of the course's data, drawn as HTML tables that wrap to the output width (no fixed-width printouts).

Each table is one small :class:`Table`: a caption, its column headings and a function that turns the
course data into rows of plain strings. :func:`table_html` draws any of them (every cell escaped, a
``<caption>``, ``<th scope="col">``), and the public functions return them as widgets for a notebook:

* :func:`sources_table`: the five articles: outlet, headline, date and how it is known, genre, how the
  text reached the outlet, publisher;
* :func:`origins_table`: how each text reached its outlet, with the course's source note;
* :func:`claims_table`: every claim put up for checking: claimant, side and verdict;
* :func:`errata_table`: the errors the course records in an article, with the course's likely reading.

Quizzes can show a table next to a question (the question's ``material`` field names it), so a learner
never scrolls back to find "the table above".

Examples
--------
>>> from course_lib.tables import TABLES, table_html
>>> html = table_html("sources")
>>> html.count("<tr>") == 1 + 5          # the heading row and one row per article
True
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .theme import fmt_date
from .ui import FONT, esc, panel

CSS = ("border-collapse:collapse;width:100%;max-width:100%;table-layout:auto;font-family:{font};"
       "font-size:inherit")
CELL = "border:1px solid #bbb;padding:4px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere"


@dataclass(frozen=True)
class Table:
    """One table of course data: ``rows(data, **options)`` gives rows of plain strings under ``headers``."""

    caption: str
    headers: tuple[str, ...]
    rows: Callable[..., list[tuple[str, ...]]]


def has_dateline(article: dict[str, Any]) -> bool:
    """True if the article's own text carries its date (its ``published_basis`` says so)."""
    return "carries the dateline" in article["published_basis"]


def _date_basis(article: dict[str, Any]) -> str:
    how = ("from the dateline" if has_dateline(article)
           else "no dateline in the text: from the course's source notes")
    return f"{fmt_date(article['published'])} ({how})"


def _source_rows(data: Any) -> list[tuple[str, ...]]:
    return [(a["outlet"], a["title"], _date_basis(a), a["genre"], a["original_source"], a["publisher"])
            for a in data.articles.records()]


def _origin_rows(data: Any) -> list[tuple[str, ...]]:
    return [(a["outlet"], _date_basis(a), a["original_source"], a["source_note"])
            for a in data.articles.records()]


def _claim_rows(data: Any) -> list[tuple[str, ...]]:
    from .ui import STYLES

    rows = []
    for c in data.claims.records():
        who = data.actors[c["claimant"]]
        side = STYLES.get(who.get("side", ""), {}).get("label", who.get("side", ""))
        rows.append((c["claim"], who["name"], side, c["verdict"]))
    return rows


def _errata_rows(data: Any, article: str | None = None) -> list[tuple[str, ...]]:
    return [(f"“{e['text']}”", e["problem"], e["likely_reading"])
            for e in data.errata.records() if article is None or e["article"] == article]


#: every table the course draws, by name (quiz questions name one in their ``material`` field)
TABLES: dict[str, Table] = {
    "sources": Table("The five sources", ("Outlet", "Headline", "Published", "Genre",
                                          "How the text reached the outlet", "Publisher"), _source_rows),
    "origins": Table("How each text reached its outlet", ("Outlet", "Published", "How the text reached the outlet",
                                                          "The course's source note"), _origin_rows),
    "claims": Table("Claims put up for checking", ("Claim", "Claimant", "Side", "Verdict in these sources"),
                    _claim_rows),
    "errata": Table("Errors recorded in the texts", ("Text as printed", "Problem",
                                                     "Likely reading (the course's inference)"), _errata_rows),
}


def table_html(name: str, data: Any = None, **options: Any) -> str:
    """Draw table ``name`` of :data:`TABLES` as an HTML ``<table>`` (every cell escaped).

    Examples
    --------
    >>> "<caption" in table_html("errata", article="euronews")
    True
    """
    from .data import load

    data = data if data is not None else load()
    spec = TABLES[name]
    rows = spec.rows(data, **options)
    head = "".join(f"<th scope=\"col\" style=\"{CELL};background:#f2f2f2\">{esc(h)}</th>" for h in spec.headers)
    body = "".join("<tr>" + "".join(f"<td style=\"{CELL}\">{esc(v)}</td>" for v in row) + "</tr>" for row in rows)
    caption = f"<caption style=\"text-align:left;font-weight:600;padding:4px 0\">{esc(spec.caption)}</caption>"
    # a region that can scroll sideways is focusable, so keyboard users can scroll it (WCAG 2.1.1)
    return (f"<div style=\"overflow-x:auto;max-width:100%\" tabindex=\"0\" role=\"region\" "
            f"aria-label=\"{esc(spec.caption)}\"><table style=\"{CSS.format(font=FONT)}\">{caption}"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


def _widget(name: str, summary: str, data: Any = None, **options: Any):
    import ipywidgets as widgets

    return panel([widgets.HTML(table_html(name, data, **options))], summary)


def sources_table(data: Any = None):
    """The five sources as a table that wraps to the output width.

    Examples
    --------
    >>> repr(sources_table())
    'Table: the five sources'
    """
    return _widget("sources", "Table: the five sources", data)


def origins_table(data: Any = None):
    """How each of the five texts reached its outlet, with the course's source note on it.

    Examples
    --------
    >>> repr(origins_table())
    'Table: how each text reached its outlet'
    """
    return _widget("origins", "Table: how each text reached its outlet", data)


def claims_table(data: Any = None):
    """Every claim the course puts up for checking, with its claimant, side and verdict.

    Examples
    --------
    >>> repr(claims_table())
    'Table: claims put up for checking'
    """
    return _widget("claims", "Table: claims put up for checking", data)


def errata_table(article: str | None = None, data: Any = None):
    """The errors the course records (in one article, or all), with the course's likely reading.

    Examples
    --------
    >>> repr(errata_table("euronews"))
    'Table: errors recorded in euronews'
    """
    return _widget("errata", f"Table: errors recorded in {article or 'the texts'}", data, article=article)
