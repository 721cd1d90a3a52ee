"""The course's look for plotly figures, and the small helpers every figure and text twin shares.

* :data:`TEMPLATE` is a compact plotly template (a few hundred bytes, instead of the ~9 KB default
  ``"plotly"`` template that plotly otherwise copies into every figure's JSON), readable on a projector.
* :func:`new_figure` starts every course figure: a :class:`~course_lib.figure.CourseFigure`, shown through
  the plotly mime type only, so no plotly.js is embedded in notebook outputs and nothing loads from a CDN.
* :func:`setup` is called once by each notebook's imports cell: the template becomes plotly's default, and
  learners' own figures are shown through the mime type too.
* Classroom mode (a projector at 1280x720) draws no chart text under 20 px. :func:`classroom` is the one
  place that decides it: the kernel's ``COURSE_CLASSROOM`` variable, which ``make present`` sets for its
  kernels and :func:`classroom_mode` sets in a running kernel (the first cell of JupyterLite's classroom
  copies). :func:`template` and :func:`font_size` give every course figure its sizes from it; outside
  classroom mode they are exactly :data:`TEMPLATE` and the sizes of :data:`FONT_SIZES`' first column.
* Dates with month or year precision are drawn at the middle of their month or year (:func:`plot_date`)
  and always described with their precision (:func:`fmt_date`), never faked to a day.
* :class:`TextTwin` is what the ``*_text()`` functions return: a ``str`` that Jupyter shows as plain text.

This module imports plotly only inside the functions that need it, so the text twins stay cheap.

Examples
--------
>>> fmt_date("2021-12"), plot_date("2021-12")
('Dec 2021 (month only)', '2021-12-16')
>>> fig = new_figure(title="Demo")
>>> fig.layout.template.layout.font.size >= 14
True
"""
from __future__ import annotations

import base64
import calendar
import html
import os
import re
import struct
import textwrap
from datetime import date, timedelta
from typing import Any

from .ui import FONT, MEDIA_STYLE, SIDES, STYLES, style_key

#: the environment variable that puts a kernel in classroom mode (any value but "" and "0"); see :func:`classroom`
CLASSROOM_ENV = "COURSE_CLASSROOM"
#: text sizes of the course figures in px, by role: (outside classroom mode, in classroom mode). In classroom
#: mode no chart text is under 20 px, as for the rest of the page (classroom.css sets 22 px)
FONT_SIZES: dict[str, tuple[int, int]] = {
    "base": (15, 20),      # the layout font: tick labels, axis titles, bar and marker text without a size
    "title": (19, 26),
    "subtitle": (15, 20),
    "legend": (14, 20),
    "hover": (14, 20),
    "label": (14, 20),     # words on the plot: era names, row labels, place names, map notes
    "value": (15, 20),     # the number written beside a marker (troop chart)
    "message": (16, 22),   # "nothing to show" in an empty figure
    "note": (13, 20),      # small print on the plot (the calibration chart's dashed line)
}


def _template(size: dict[str, int]) -> dict[str, Any]:
    return {
        "layout": {
            "font": {"family": FONT, "size": size["base"], "color": "#222222"},
            "title": {"font": {"size": size["title"]}, "x": 0.01, "xanchor": "left"},
            "paper_bgcolor": "#FFFFFF",
            "plot_bgcolor": "#FFFFFF",
            "colorway": [s["color"] for s in SIDES.values()] + [MEDIA_STYLE["color"]],
            "hoverlabel": {"font": {"size": size["hover"], "family": FONT}, "bgcolor": "#FFFFFF", "align": "left"},
            "legend": {"font": {"size": size["legend"]}},
            "xaxis": {"gridcolor": "#E3E3E3", "linecolor": "#444444", "ticks": "outside", "zeroline": False,
                      "automargin": True},
            "yaxis": {"gridcolor": "#E3E3E3", "linecolor": "#444444", "ticks": "outside", "zeroline": False,
                      "automargin": True},
            "margin": {"l": 60, "r": 30, "t": 70, "b": 60},
        }
    }


#: the only layout settings every course figure shares (kept small: it is stored in each figure's JSON)
TEMPLATE: dict[str, Any] = _template({role: sizes[0] for role, sizes in FONT_SIZES.items()})
#: the same in classroom mode: every text size from :data:`FONT_SIZES`' second column, and the title at the
#: top of the figure (not in the middle of the top margin, which classroom figures make taller for their labels)
CLASSROOM_TEMPLATE: dict[str, Any] = _template({role: sizes[1] for role, sizes in FONT_SIZES.items()})
CLASSROOM_TEMPLATE["layout"]["title"].update({"y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 18}})


def classroom() -> bool:
    """True in classroom mode: the one place that reads the kernel's ``COURSE_CLASSROOM`` variable.

    ``make present`` (:func:`course_lib.tools.present.environment`) sets it for every Voila kernel, and
    :func:`classroom_mode` sets it in a running kernel. Course figures built in classroom mode have no
    text under 20 px (:func:`template`, :func:`font_size`).

    Examples
    --------
    >>> import os
    >>> classroom() == (os.environ.get("COURSE_CLASSROOM", "") not in ("", "0"))
    True
    """
    return os.environ.get(CLASSROOM_ENV, "") not in ("", "0")


def classroom_mode(on: bool = True) -> None:
    """Switch classroom sizes for charts on (or off) in this kernel; figures built afterwards use them.

    It sets (or removes) the ``COURSE_CLASSROOM`` variable that ``make present`` gives its kernels; the
    first cell of JupyterLite's classroom copies calls it. In JupyterLab, call it and re-run the cells to
    project the charts with large text (:func:`course_lib.present_toggle` does the same for the page's text).

    Examples
    --------
    >>> before = os.environ.get("COURSE_CLASSROOM")
    >>> classroom_mode(on=True); classroom(), font_size("legend")
    (True, 20)
    >>> classroom_mode(on=False); classroom(), font_size("legend")
    (False, 14)
    >>> if before is not None: os.environ["COURSE_CLASSROOM"] = before
    """
    if on:
        os.environ[CLASSROOM_ENV] = "1"
    else:
        os.environ.pop(CLASSROOM_ENV, None)
    if _registered is not None:  # setup() already ran: plotly's default template follows the mode
        setup()


def font_size(role: str) -> int:
    """The text size in px of a role in :data:`FONT_SIZES`, for classroom mode or not (:func:`classroom`).

    Examples
    --------
    >>> font_size("label") in (14, 20)
    True
    """
    normal, big = FONT_SIZES[role]
    return big if classroom() else normal


def template() -> dict[str, Any]:
    """The course's plotly template: :data:`CLASSROOM_TEMPLATE` in classroom mode, else :data:`TEMPLATE`.

    Examples
    --------
    >>> template() in (TEMPLATE, CLASSROOM_TEMPLATE)
    True
    """
    return CLASSROOM_TEMPLATE if classroom() else TEMPLATE


#: plotly.js config sent with each figure: no logo link, no MathJax, no lasso/select tools
CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "typesetMath": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
}
#: colour of markers that do not stand for a side (e.g. timeline lanes by category)
NEUTRAL = "#333333"
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


class TextTwin(str):
    """The text version of a figure: a ``str`` that Jupyter displays as plain text (no quotes, real line breaks).

    Examples
    --------
    >>> t = TextTwin("line one\\nline two")
    >>> repr(t)
    'line one\\nline two'
    >>> t.upper().startswith("LINE")
    True
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return str(self)


# ----------------------------------------------------------------------------- dates
def date_range(value: str) -> tuple[date, date, str]:
    """First day, last day and precision (``"day"``, ``"month"`` or ``"year"``) of an ISO date string.

    Examples
    --------
    >>> date_range("2022-02")
    (datetime.date(2022, 2, 1), datetime.date(2022, 2, 28), 'month')
    """
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        d = date(*parts)
        return d, d, "day"
    if len(parts) == 2:
        y, m = parts
        return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]), "month"
    return date(parts[0], 1, 1), date(parts[0], 12, 31), "year"


def plot_date(value: str) -> str:
    """Where a date is drawn: the day itself, or the middle of its month or year (ISO ``YYYY-MM-DD``).

    Examples
    --------
    >>> plot_date("2021-12-14"), plot_date("2022-02"), plot_date("2014")
    ('2021-12-14', '2022-02-14', '2014-07-02')
    """
    first, last, _ = date_range(value)
    return (first + timedelta(days=(last - first).days // 2)).isoformat()


def fmt_date(value: str, *, precision_note: bool = True, long_months: bool = False) -> str:
    """A readable date that keeps its precision; the one date formatter of the course.

    ``precision_note`` adds "(month only)" or "(year only)" to a date known only to the month or year;
    ``long_months`` writes "December" instead of "Dec". A value that is not an ISO date comes back as it is.

    Examples
    --------
    >>> fmt_date("2022-02-24"), fmt_date("2014"), fmt_date("2021-11", precision_note=False)
    ('24 Feb 2022', '2014 (year only)', 'Nov 2021')
    >>> fmt_date("2021-12-14", long_months=True), fmt_date("not a date")
    ('14 December 2021', 'not a date')
    """
    try:
        first, _, precision = date_range(str(value))
    except (ValueError, TypeError):
        return str(value)
    month = calendar.month_name[first.month] if long_months else _MONTHS[first.month - 1]
    if precision == "day":
        return f"{first.day} {month} {first.year}"
    text = f"{month} {first.year}" if precision == "month" else str(first.year)
    return f"{text} ({precision} only)" if precision_note else text


#: the sign put before every approximate date, in text and hover labels
APPROX = "\u2248"
#: how figures and text twins explain approximate dates (shown next to every legend that has hollow markers)
APPROX_NOTE = ("\u2248 and hollow markers: approximate date (known only to the month or year, or undated: "
               "the article's date stands in)")
#: what a ``date_basis`` says when the source gives no day and the report's date stands in (used only for
#: records without an explicit ``undated`` field; the data checks make every course file set the field)
STAND_IN = re.compile(r"report date|no day given|not say on which day|does not (?:give|name) the day|"
                      r"day (?:each person|he|she) spoke is not given|article's date stands in|"
                      r"the text gives no other day|position reported as current at the article date|"
                      r"exact day he spoke is not given")


#: what a ``date_basis`` says when the course worked the date out from the article's date ("'saying Tuesday'
#: in AFP's article of Wednesday 1 Dec 2021 = 30 Nov 2021"): every renderer then says the date is inferred
INFERRED = re.compile(r"\s=\s")
#: the words every renderer adds to such a date
INFERRED_NOTE = "(inferred from the article's date)"
#: what a ``date_basis`` says when the source gives no date and the course's month or year is its assumption
ASSUMED = re.compile(r"\bassum(?:ed|ption)\b", re.I)


def is_inferred(record: dict[str, Any], field: str = "date") -> bool:
    """True if the course worked a record's date out from its article's date (its ``date_basis`` says "... = ...").

    Examples
    --------
    >>> is_inferred({"date": "2021-11-30", "date_basis": "'saying Tuesday' in an article of Wed 1 Dec 2021 = 30 Nov 2021"})
    True
    >>> is_inferred({"date": "2021-12-14", "date_basis": "'December 14, 2021' in the caption"})
    False
    """
    return field == "date" and not is_undated(record, field) and bool(INFERRED.search(str(record.get("date_basis", ""))))


def is_undated(record: dict[str, Any], field: str = "date") -> bool:
    """True if the source gives no day for a record and its day-precision ``date`` is the report's date.

    The record's ``undated`` field decides; a record without one (e.g. an event written before the field
    existed) is judged from its ``date_basis`` (:data:`STAND_IN`). Month and year dates are never "undated"
    (they are approximate anyway, see :func:`is_approximate`).

    Examples
    --------
    >>> is_undated({"date": "2022-02-17", "undated": True}), is_undated({"date": "2022-02-17", "date_basis": "x"})
    (True, False)
    >>> is_undated({"date": "2022-02-17", "date_basis": "no day given; the report date is used"})
    True
    """
    try:
        if date_range(str(record.get(field, "")))[2] != "day":
            return False
    except (ValueError, TypeError):
        return False
    if "undated" in record:
        return bool(record["undated"])
    return bool(STAND_IN.search(str(record.get("date_basis", ""))))


def is_approximate(record: dict[str, Any], field: str = "date") -> bool:
    """True if a record's date is not an exact day the source gives: month or year only, or undated.

    Examples
    --------
    >>> is_approximate({"date": "2021"}), is_approximate({"date": "2021-12-14"})
    (True, False)
    """
    try:
        precision = date_range(str(record.get(field, "")))[2]
    except (ValueError, TypeError):
        return True
    return precision != "day" or is_undated(record, field)


def record_date(record: dict[str, Any], field: str = "date", *, long_months: bool = False) -> str:
    """A record's date as every renderer prints it: approximate dates start with "\u2248" and say why.

    Examples
    --------
    >>> record_date({"date": "2021-12-14"}), record_date({"date": "2021"})
    ('14 Dec 2021', '\u2248 2021 (year only)')
    >>> record_date({"date": "2022-02-17", "undated": True})
    '\u2248 17 Feb 2022 (undated; article date)'
    >>> record_date({"date": "2022-02-15", "date_basis": "'on Tuesday' in an article of Thu 17 Feb 2022 = 15 Feb 2022"})
    "15 Feb 2022 (inferred from the article's date)"
    >>> record_date({"date": "2022", "date_basis": "no date given; the year 2022 is an assumption from context"})
    "\u2248 2022 (year only): undated in the source, the course's assumption from context"
    """
    value = str(record.get(field, "?"))
    text = fmt_date(value, long_months=long_months)
    if is_undated(record, field):
        return f"{APPROX} {text} (undated; article date)"
    if is_inferred(record, field):
        text = f"{text} {INFERRED_NOTE}"
    elif field == "date" and ASSUMED.search(str(record.get("date_basis", ""))):
        text = f"{text}: undated in the source, the course's assumption from context"
    return f"{APPROX} {text}" if is_approximate(record, field) else text


def record_span(record: dict[str, Any], *, long_months: bool = False) -> str:
    """:func:`record_date` of ``date``, and of ``date_end`` when the record has one.

    Examples
    --------
    >>> record_span({"date": "2014-02", "date_end": "2014-03"})
    '\u2248 Feb 2014 (month only) to \u2248 Mar 2014 (month only)'
    """
    start = record_date(record, long_months=long_months)
    if not record.get("date_end"):
        return start
    return f"{start} to {record_date(record, 'date_end', long_months=long_months)}"


def fmt_span(start: str, end: str | None = None) -> str:
    """A date or a date range, each end with its precision.

    Examples
    --------
    >>> fmt_span("2022-09-23", "2022-09-27")
    '23 Sep 2022 to 27 Sep 2022'
    """
    return fmt_date(start) if not end else f"{fmt_date(start)} to {fmt_date(end)}"


def sort_key(value: str) -> tuple[str, int]:
    """Sort dates by where they are drawn, less precise dates after exact ones on the same spot.

    Examples
    --------
    >>> sorted(["2022-02", "2022-02-14", "2021"], key=sort_key)
    ['2021', '2022-02-14', '2022-02']
    """
    return plot_date(value), {"day": 0, "month": 1, "year": 2}[date_range(value)[2]]


# ----------------------------------------------------------------------------- text
def hover_text(value: Any, width: int = 64) -> str:
    """Escape a data string for plotly's pseudo-HTML hover labels and wrap it with ``<br>``.

    Examples
    --------
    >>> hover_text("a <b> & c")
    'a &lt;b&gt; &amp; c'
    >>> hover_text("one two three", width=7)
    'one two<br>three'
    """
    lines = textwrap.wrap(str(value), width=width, break_long_words=True, break_on_hyphens=False) or [""]
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def short_quote(quote: str, limit: int = 150) -> str:
    """The quote itself if short enough, else its opening words with the cut marked ``[…]``.

    Examples
    --------
    >>> short_quote("no plans to attack anyone")
    'no plans to attack anyone'
    >>> short_quote("one two three four", limit=9)
    'one two […]'
    """
    quote = " ".join(quote.split())
    if len(quote) <= limit:
        return quote
    cut = quote[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut} […]"


def article_label(data: Any, article_id: str) -> str:
    """Outlet and date of an article, e.g. ``'Newsweek, 14 Dec 2021'``.

    Examples
    --------
    >>> from course_lib import load
    >>> article_label(load(), "newsweek")
    'Newsweek, 14 Dec 2021'
    """
    art = data.articles[article_id]
    return f"{art['outlet']}, {fmt_date(art['published'], precision_note=False)}"


def source_text(data: Any, article_id: str, quote: str, limit: int = 150) -> str:
    """One source in words: outlet, date and a short verbatim quote in quotation marks.

    Examples
    --------
    >>> from course_lib import load
    >>> source_text(load(), "newsweek", "no plans to attack anyone")
    'Newsweek, 14 Dec 2021: “no plans to attack anyone”'
    """
    return f"{article_label(data, article_id)}: “{short_quote(quote, limit)}”"


def table(header: list[str], rows: list[list[str]], widths: list[int] | None = None) -> str:
    """A plain-text table with aligned columns (for the text twins).

    With ``widths``, cells are wrapped to at most that many characters per column, and a rule separates
    the rows (which may then take several lines each).

    Examples
    --------
    >>> print(table(["a", "bb"], [["1", "2"]]))
    a | bb
    --+---
    1 | 2
    >>> print(table(["name", "n"], [["one two three", "1"]], widths=[7, 3]))
    name    | n
    --------+--
    one two | 1
    three   |
    """
    if widths is None:
        cells = [[[str(c)] for c in row] for row in [header, *rows]]
    else:
        cells = [[textwrap.wrap(str(c), w, break_long_words=True, break_on_hyphens=False) or [""]
                  for c, w in zip(row, widths)]
                 for row in [header, *rows]]
    cols = [max(len(line) for row in cells for line in row[i]) for i in range(len(header))]
    rule = "-+-".join("-" * w for w in cols)

    def block(row: list[list[str]]) -> list[str]:
        height = max(len(c) for c in row)
        return [" | ".join((c[k] if k < len(c) else "").ljust(w) for c, w in zip(row, cols)).rstrip()
                for k in range(height)]

    out = block(cells[0]) + [rule]
    for i, row in enumerate(cells[1:]):
        if widths is not None and i:
            out.append(rule)
        out += block(row)
    return "\n".join(out)


# ----------------------------------------------------------------------------- styles
def actor_style(data: Any, actor_id: str) -> dict[str, str]:
    """Label, colour, marker and text symbol for whoever an actor speaks for.

    Outlets (actors of kind ``"media"``) get :data:`course_lib.ui.MEDIA_STYLE`, every other actor its side's
    style from :data:`course_lib.ui.SIDES`; the returned dict also has ``"key"`` (the side id or ``"media"``).

    Examples
    --------
    >>> from course_lib import load
    >>> actor_style(load(), "reznikov")["marker"], actor_style(load(), "afp")["key"]
    ('circle', 'media')
    """
    key = style_key(data.actors[actor_id])
    return {"key": key, **STYLES[key]}


# ----------------------------------------------------------------------------- figures
def new_figure(**layout: Any):
    """An empty :class:`~course_lib.figure.CourseFigure` (a ``go.Figure``) with the compact course template
    (:func:`template`: classroom sizes in classroom mode).

    Examples
    --------
    >>> fig = new_figure(height=300)
    >>> fig.layout.height, len(fig.to_json()) < 2000
    (300, True)
    """
    from .figure import CourseFigure

    return CourseFigure(layout={"template": template(), **layout})


#: plotly typed-array dtype -> struct format code
_STRUCT_CODES = {"f4": "f", "f8": "d", "i1": "b", "u1": "B", "i2": "h", "u2": "H", "i4": "i", "u4": "I"}


def typed_array(values: list[float], dtype: str = "f4") -> dict[str, str]:
    """Pack numbers as a plotly typed array (``{"dtype", "bdata"}``), far smaller in stored notebooks.

    ``None`` becomes NaN (a gap) for float types.

    Examples
    --------
    >>> decode_array(typed_array([1.5, None, 3]))[1] is None
    True
    """
    nan = float("nan")
    vals = [nan if v is None else v for v in values]
    raw = struct.pack(f"<{len(vals)}{_STRUCT_CODES[dtype]}", *vals)
    return {"dtype": dtype, "bdata": base64.b64encode(raw).decode("ascii")}


def decode_array(value: Any) -> list:
    """The plain list behind a trace array, whether stored as a list or as a typed array (NaN -> None).

    Examples
    --------
    >>> decode_array([1, 2]), decode_array(typed_array([0.25], "f4"))
    ([1, 2], [0.25])
    """
    if isinstance(value, dict) and "bdata" in value:
        code = _STRUCT_CODES[value["dtype"]]
        raw = base64.b64decode(value["bdata"])
        vals = struct.unpack(f"<{len(raw) // struct.calcsize(code)}{code}", raw)
        return [None if v != v else v for v in vals]
    return list(value) if value is not None else []


#: the template :func:`setup` registered as plotly's "course" template (``None`` before the first call)
_registered: dict[str, Any] | None = None


def setup() -> None:
    """Prepare plotly for the course notebooks (idempotent and cheap; call it once in the imports cell).

    * Course figures (:class:`~course_lib.figure.CourseFigure`) always show themselves through the
      ``application/vnd.plotly.v1+json`` mime type only, which JupyterLab and Voilà render with the plotly
      extension they serve locally (``jupyterlab-plotly``): no plotly.js in notebook outputs, nothing
      loaded from a CDN, and a short ``text/plain`` line for viewers that cannot draw them.
    * A learner's own ``go.Figure`` gets the same mime-type-only display: plotly's ``"plotly_mimetype"``
      renderer, set through plotly's ``PLOTLY_RENDERER`` variable unless the learner chose one, so that
      ``plotly.io.renderers`` (and the ``nbformat`` it imports) is not loaded before it is needed.
    * The compact course template (:func:`template`) becomes plotly's default, so learners' own figures stay
      small too, with classroom sizes in classroom mode (:func:`classroom_mode` registers it again).

    Examples
    --------
    >>> setup()
    >>> import plotly.io as pio
    >>> pio.templates.default, pio.renderers.default
    ('course', 'plotly_mimetype')
    """
    import sys

    import plotly.io as pio

    global _registered
    if "plotly.io._renderers" in sys.modules:
        if "PLOTLY_RENDERER" not in os.environ:
            pio.renderers.default = "plotly_mimetype"
    else:
        os.environ.setdefault("PLOTLY_RENDERER", "plotly_mimetype")
    wanted = template()
    if "course" not in pio.templates or _registered is not wanted:
        pio.templates["course"] = wanted
        _registered = wanted
    if pio.templates.default != "course":
        pio.templates.default = "course"
