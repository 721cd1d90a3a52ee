"""Troop numbers in the articles: one row per claim, marked by who makes it, and the same in words.

Every troop figure in the articles is somebody's claim, and the claims count different things (troops
"near the border", "around Ukraine, in Crimea and in the separatist-held east", "in the conflict zone",
"an increase over 48 hours"). The chart therefore gives each claim its own row, in date order, labelled
with what is counted and who claims it; the marker's shape and colour name the claimant's side, and the
qualifier ("about", "more than", "up to") stays with the number.

Only head counts are drawn (figures with category ``"troops"`` whose unit is troops); other troop figures,
such as a share, are listed in the text version. A claim that gives **no number** ("tens of thousands",
``value`` null) gets a row of its own below the drawn ones, with the source's words and no marker: it is
never plotted at a made-up value. Approximate dates (month or year only, or undated: the article's date
stands in) get hollow markers and "\u2248" in the row label. A number the article's wording attributes
ambiguously (``claimed_by_alternative``) gets its own marker and names both possible sources.

Examples
--------
>>> from course_lib.troops import troop_chart, troop_chart_text
>>> fig = troop_chart()
>>> fig.layout.xaxis.title.text
'Number of troops, as given in the articles'
>>> "Given by" in troop_chart_text()
True
"""
from __future__ import annotations

import re
from typing import Any

from .data import CourseData, Record, load
from .theme import (APPROX_NOTE, INFERRED_NOTE, TextTwin, actor_style, article_label, classroom, font_size, hover_text,
                    is_approximate, new_figure, record_date, short_quote, sort_key, source_text, table)
from .ui import AMBIGUOUS_STYLE, MEDIA_STYLE, SIDES

_TITLE = "Troop numbers in the articles: who gives which number"
#: classroom mode: a row's height in px (its label of up to three lines of 20 px text, then its mark)
_CLASSROOM_ROW = 125
_ORDER = [*SIDES, "media", "ambiguous"]
#: the legend entry that explains hollow markers
APPROX_LEGEND = "\u25cb Hollow marker, \u2248: approximate date"


#: a date basis that resolves a weekday against the article's date ("'saying Tuesday' in ... = 30 Nov 2021")
_WEEKDAY_RESOLVED = re.compile(r"'[^']*\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b[^']*'.*=")


def date_label(fig: Record) -> str:
    """A figure's date as the chart and table print it: a day worked out from a weekday says so, and a day
    that is only the article's date reads "reported ...".

    Examples
    --------
    >>> date_label({"date": "2021-11-30", "date_basis": "'saying Tuesday' in AFP's article of 1 Dec 2021 = 30 Nov 2021"})
    '30 Nov 2021 (\u201cTuesday\u201d: day inferred from the article\u2019s date)'
    >>> date_label({"date": "2022-02-17", "date_basis": "date of the euronews text"})
    'reported 17 Feb 2022'
    """
    text = record_date(fig)
    if is_approximate(fig):
        return text
    basis = str(fig.get("date_basis", ""))
    weekday = _WEEKDAY_RESOLVED.search(basis)
    if weekday:  # record_date marks the inference (one place); the chart also names the weekday it came from
        note = f"(\u201c{weekday.group(1)}\u201d: day inferred from the article\u2019s date)"
        return text.replace(INFERRED_NOTE, note) if INFERRED_NOTE in text else f"{text} {note}"
    return f"reported {text}" if basis.startswith("date of the") else text


def _is_count(fig: Record) -> bool:
    return fig["category"] == "troops" and fig["unit"].lower().startswith("troops") and fig["value"] is not None


def unquantified_figures(data: CourseData | None = None) -> list[Record]:
    """Troop claims that give no number (``value`` null, e.g. "tens of thousands"), in date order.

    Examples
    --------
    >>> [f["words"] for f in unquantified_figures()]
    ['tens of thousands']
    """
    data = data or load()
    return sorted((f for f in data.figures.values() if f["category"] == "troops" and f["value"] is None),
                  key=lambda f: (sort_key(f["date"]), f["id"]))


def troop_figures(data: CourseData | None = None) -> tuple[list[Record], list[Record]]:
    """Troop figures in date order, split into head counts (drawn) and others (e.g. a share; text only).

    Examples
    --------
    >>> counts, others = troop_figures()
    >>> all(f["category"] == "troops" for f in counts + others)
    True
    """
    data = data or load()
    figs = sorted((f for f in data.figures.values() if f["category"] == "troops" and f["value"] is not None),
                  key=lambda f: (sort_key(f["date"]), f["id"]))
    return [f for f in figs if _is_count(f)], [f for f in figs if not _is_count(f)]


def value_text(fig: Record) -> str:
    """The number with its qualifier, as the article gives it (no qualifier for a plain number).

    A figure with no number gives the source's words instead.

    Examples
    --------
    >>> value_text({"value": 100000, "qualifier": "more than"})
    'more than 100,000'
    >>> value_text({"value": 0.5, "qualifier": "exactly"})
    '0.5'
    >>> value_text({"value": None, "qualifier": "no number given", "words": "tens of thousands"})
    'no number given (\u201ctens of thousands\u201d)'
    """
    value = fig["value"]
    if value is None:
        return f"no number given (\u201c{fig.get('words', '')}\u201d)"
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    return number if fig["qualifier"] == "exactly" else f"{source_qualifier(fig)} {number}"


def source_qualifier(fig: Record) -> str:
    """The qualifier in the source's own word where its quote has one ("around" for ``about``), else the field.

    Examples
    --------
    >>> source_qualifier({"value": 150000, "qualifier": "about", "quote": "stationed around 150,000 troops"})
    'around'
    >>> source_qualifier({"value": 70000, "qualifier": "about", "quote": "of about 70,000 troops"})
    'about'
    """
    from .content_checks import source_hedge

    return source_hedge(fig) or fig["qualifier"]


def amount_text(fig: Record) -> str:
    """The number with its qualifier and unit; for a figure with no number, the source's words and the unit.

    Examples
    --------
    >>> amount_text({"value": 7000, "qualifier": "up to", "unit": "troops"})
    'up to 7,000 troops'
    >>> amount_text({"value": None, "qualifier": "no number given", "words": "tens of thousands", "unit": "troops"})
    'no number given (\u201ctens of thousands\u201d troops)'
    """
    if fig["value"] is None:
        return f"no number given (\u201c{fig.get('words', '')}\u201d {fig['unit']})"
    return f"{value_text(fig)} {fig['unit']}"


def claimant(data: CourseData, fig: Record) -> str:
    """Who makes the claim, with the side's text symbol, e.g. ``'Ukrainian officials (● Ukraine)'``.

    Examples
    --------
    >>> claimant(load(), {"claimed_by": "afp"})
    'AFP (★ Reporter / outlet, in its own voice)'
    >>> claimant(load(), {"claimed_by": "ukrainian-officials", "claimed_by_alternative": "newsweek"})
    'Newsweek / Ukrainian officials (the article is ambiguous)'
    """
    if fig.get("claimed_by_alternative"):
        return attribution(data, fig)
    style = actor_style(data, fig["claimed_by"])
    side = f"{style['label']}, in its own voice" if style["key"] == "media" else style["label"]
    return f"{data.actors[fig['claimed_by']]['name']} ({style['symbol']} {side})"


def attribution(data: CourseData, fig: Record) -> str:
    """Who the figure is attributed to, in words; both names when the article's wording is ambiguous.

    Examples
    --------
    >>> attribution(load(), load().figures["russian-troops-70000-newsweek"])
    'Newsweek / Ukrainian officials (the article is ambiguous)'
    """
    main = data.actors[fig["claimed_by"]]["name"]
    alt = fig.get("claimed_by_alternative")
    return f"{data.actors[alt]['name']} / {main} (the article is ambiguous)" if alt else main


def figure_style(data: CourseData, fig: Record) -> dict[str, str]:
    """The marker style of a figure: its claimant's, or :data:`~course_lib.ui.AMBIGUOUS_STYLE`."""
    if fig.get("claimed_by_alternative"):
        return {"key": "ambiguous", **AMBIGUOUS_STYLE}
    return actor_style(data, fig["claimed_by"])


def _hover(data: CourseData, fig: Record) -> str:
    parts = [f"<b>{hover_text(amount_text(fig))}</b>",
             hover_text("What is counted: " + fig["subject"]),
             hover_text("Given by: " + claimant(data, fig)),
             hover_text("Date: " + date_label(fig)),
             hover_text("Source: " + source_text(data, fig["article"], fig["quote"], 140))]
    if fig.get("note"):
        parts.append(hover_text("Note: " + short_quote(fig["note"], 220)))
    return "<br>".join(parts)


def troop_chart(*, data: CourseData | None = None):
    """The troop numbers the articles give, one row per claim, marked by who claims them.

    Rows run in date order from top to bottom; the row's label (the y axis) is the date with its precision.
    Above each marker: what is counted and who claims it; beside it: the number with its qualifier.
    Marker shape and colour name the claimant's side (:data:`course_lib.ui.SIDES`); numbers an outlet states
    in its own voice use :data:`course_lib.ui.MEDIA_STYLE`. The legend names the claimant sides.

    Parameters
    ----------
    data : CourseData, optional
        Defaults to :func:`course_lib.load`.

    Returns
    -------
    plotly.graph_objects.Figure
        One marker trace per claimant side; hover gives what is counted, the claimant, the date and the
        source (outlet, date, short verbatim quote).

    Examples
    --------
    >>> fig = troop_chart()
    >>> len({t.marker.symbol for t in fig.data}) == len(fig.data)
    True
    """
    import plotly.graph_objects as go

    data = data or load()
    counts, _ = troop_figures(data)
    vague = unquantified_figures(data)
    n = len(counts) + len(vague)
    top = max((f["value"] for f in counts), default=1)
    height = 230 + 86 * max(n, 1)
    # classroom mode (text of 20 px and more): taller rows, the row labels above their marks, wrapped to fit
    # outputs from about 850 px wide (a JupyterLite classroom copy beside its file browser)
    big = classroom()
    wrap = 58 if big else 72  # in classroom mode at most three lines of about 600 px
    subtitle = ("Each row is one number, as one person or outlet gives it. They count different things: "
                "read the label above each mark.")
    fig = new_figure(
        title={"text": _TITLE, "subtitle": {"text": hover_text(subtitle, 70) if big else subtitle,
                                            "font": {"size": font_size("subtitle")}}},
        height=height, showlegend=True, hovermode="closest",
        legend={"title": {"text": "Given by (shape and colour):"}, "orientation": "h",
                "y": -75 / (height - 230), "yanchor": "top", "x": 0},
        xaxis={"title": {"text": "Number of troops, as given in the articles"}, "range": [0, top * 1.3], "tickformat": ",",
               "rangemode": "tozero", "side": "bottom"},
        yaxis={"range": [-0.6, n - 0.1], "tickvals": list(range(n)),
               "ticktext": [hover_text(date_label(f), 20 if big else 16) for f in reversed(counts + vague)],
               "showgrid": False, "fixedrange": True, "title": {"text": "Date given or reported"}},
        margin={"t": 110, "l": 110, "b": 120},
    )
    if big:
        plot_h = _CLASSROOM_ROW * max(n, 1)
        fig.update_layout(height=150 + plot_h + 240, margin={"t": 150, "b": 240},
                          legend={"y": -95 / plot_h, "title": {"side": "top"}})
    groups: dict[str, dict[str, Any]] = {}
    for i, f in enumerate(counts):
        y = n - 1 - i
        style = figure_style(data, f)
        approx = is_approximate(f)
        g = groups.setdefault((style["key"], approx), {"style": style, "x": [], "y": [], "text": [], "hover": []})
        g["x"].append(f["value"])
        g["y"].append(y)
        g["text"].append(hover_text(value_text(f)))
        g["hover"].append(_hover(data, f))
        who = attribution(data, f)
        # wrapped, so that the claimant is never cut off at the figure's right edge on a narrow screen
        # (in classroom mode from just above the mark upwards, however many lines it takes)
        fig.add_annotation(x=0, y=y + (0.16 if big else 0.38), xref="x", yref="y", xanchor="left",
                           yanchor="bottom" if big else "middle", showarrow=False,
                           align="left", font={"size": font_size("label"), "color": "#333333"},
                           text=hover_text(f"{f['subject']} — given by {who}", wrap))
    for i, f in enumerate(vague):
        # a row of its own, with the source's words and no marker: there is no value to plot it at
        y = n - 1 - len(counts) - i
        style = figure_style(data, f)
        fig.add_annotation(x=0, y=y + (0.0 if big else 0.12), xref="x", yref="y", xanchor="left", yanchor="middle",
                           showarrow=False,
                           align="left", font={"size": font_size("label"), "color": "#333333"}, hovertext=_hover(data, f),
                           text=hover_text(f"{f['subject']} — given by {attribution(data, f)}", wrap)
                           + "<br><b>" + hover_text(f"{style['symbol']} {value_text(f)}: not drawn, the article "
                                                   f"gives no number", wrap - 8 if big else wrap) + "</b>")
    for key in [k for k in _ORDER if (k, False) in groups or (k, True) in groups]:
        for approx in (False, True):
            g = groups.get((key, approx))
            if g is None:
                continue
            style = g["style"]
            name = (f"{style['symbol']} {MEDIA_STYLE['label']} (in its own voice)" if key == "media"
                    else f"{style['symbol']} {style['label']}")
            shown = approx and (key, False) not in groups
            fig.add_trace(go.Scatter(
                x=g["x"], y=g["y"], mode="markers+text", name=name + (" (\u2248 approximate date)" if approx else ""),
                text=g["text"], textposition="middle right", legendgroup=key, showlegend=shown or not approx,
                textfont={"size": font_size("value"), "color": "#222222"}, cliponaxis=False,
                marker={"symbol": style["marker"] + ("-open" if approx else ""), "color": style["color"], "size": 17,
                        "line": {"color": style["color"] if approx else "#FFFFFF", "width": 2.5 if approx else 1.5}},
                hovertext=g["hover"], hoverinfo="text"))
    if any(approx for _, approx in groups):
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=APPROX_LEGEND, hoverinfo="skip",
                                 marker={"symbol": "circle-open", "color": "#333333", "size": 14,
                                         "line": {"color": "#333333", "width": 2.5}}))
    if not counts and not vague:
        fig.add_annotation(text="No troop numbers in the data.", xref="paper", yref="paper", x=0.5, y=0.5,
                           showarrow=False, font={"size": font_size("message")})
    return fig


def troop_chart_text(*, data: CourseData | None = None) -> TextTwin:
    """The troop numbers as a table: date, number with qualifier, what is counted, claimed by, article.

    Examples
    --------
    >>> text = troop_chart_text()
    >>> "Date" in text.splitlines()[4]
    True
    """
    data = data or load()
    counts, others = troop_figures(data)
    vague = unquantified_figures(data)
    head = ["Date", "Number", "What is counted", "Given by", "Article"]

    def rows(figs: list[Record]) -> list[list[str]]:
        return [[date_label(f), amount_text(f), f["subject"], claimant(data, f),
                 article_label(data, f["article"])] for f in figs]

    widths = [12, 18, 34, 26, 22]

    lines = [f"{_TITLE} ({len(counts)} troop numbers, in date order).",
             "Each number is given by the person or outlet named; they count different things, "
             "so they are not measurements of one quantity.", APPROX_NOTE + ".", "",
             table(head, rows(counts), widths)]
    if vague:
        lines += ["", "Troop statements with no number (a row of their own in the chart, not drawn at any value):",
                  table(head, rows(vague), widths)]
    if others:
        lines += ["", "Also about troops, but not a head count (not drawn):", table(head, rows(others), widths)]
    lines += ["", "Each number in detail, with the words of the article:"]
    for f in counts + vague + others:
        lines += [f"- {amount_text(f)} ({date_label(f)}): {f['subject']}",
                  f"  Given by {claimant(data, f)}.",
                  f"  {source_text(data, f['article'], f['quote'], 300)}"]
        if f.get("note"):
            lines.append(f"  Note: {f['note']}")
    return TextTwin("\n".join(lines) + "\n")
