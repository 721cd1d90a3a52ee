"""Troop numbers in the articles: one row per claim, marked by who makes it, and the same in words.

Every troop figure in the articles is somebody's claim, and the claims count different things (troops
"near the border", "around Ukraine, in Crimea and in the separatist-held east", "in the conflict zone",
"an increase over 48 hours"). The chart therefore gives each claim its own row, in date order, labelled
with what is counted and who claims it; the marker's shape and colour name the claimant's side, and the
qualifier ("about", "more than", "up to") stays with the number.

Only head counts are drawn (figures with category ``"troops"`` whose unit is troops); other troop figures,
such as a share, are listed in the text version.

Examples
--------
>>> from course_lib.troops import troop_chart, troop_chart_text
>>> fig = troop_chart()
>>> fig.layout.xaxis.title.text
'Number of troops, as claimed'
>>> "Claimed by" in troop_chart_text()
True
"""
from __future__ import annotations

from typing import Any

from .data import CourseData, Record, load
from .theme import (TextTwin, actor_style, article_label, fmt_date, hover_text, new_figure, short_quote,
                    sort_key, source_text, table)
from .ui import MEDIA_STYLE, SIDES

_TITLE = "Troop numbers in the articles: who claims what"
_ORDER = [*SIDES, "media"]


def _is_count(fig: Record) -> bool:
    return fig["category"] == "troops" and fig["unit"].lower().startswith("troops")


def troop_figures(data: CourseData | None = None) -> tuple[list[Record], list[Record]]:
    """Troop figures in date order, split into head counts (drawn) and others (e.g. a share; text only).

    Examples
    --------
    >>> counts, others = troop_figures()
    >>> all(f["category"] == "troops" for f in counts + others)
    True
    """
    data = data or load()
    figs = sorted((f for f in data.figures.values() if f["category"] == "troops"),
                  key=lambda f: (sort_key(f["date"]), f["id"]))
    return [f for f in figs if _is_count(f)], [f for f in figs if not _is_count(f)]


def value_text(fig: Record) -> str:
    """The number with its qualifier, as the article gives it (no qualifier for a plain number).

    Examples
    --------
    >>> value_text({"value": 100000, "qualifier": "more than"})
    'more than 100,000'
    >>> value_text({"value": 0.5, "qualifier": "exactly"})
    '0.5'
    """
    value = fig["value"]
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    return number if fig["qualifier"] == "exactly" else f"{fig['qualifier']} {number}"


def claimant(data: CourseData, fig: Record) -> str:
    """Who makes the claim, with the side's text symbol, e.g. ``'Ukrainian officials (● Ukraine)'``.

    Examples
    --------
    >>> claimant(load(), {"claimed_by": "afp"})
    'AFP (★ Reporter / outlet, in its own voice)'
    """
    style = actor_style(data, fig["claimed_by"])
    side = f"{style['label']}, in its own voice" if style["key"] == "media" else style["label"]
    return f"{data.actors[fig['claimed_by']]['name']} ({style['symbol']} {side})"


def _hover(data: CourseData, fig: Record) -> str:
    parts = [f"<b>{hover_text(value_text(fig) + ' ' + fig['unit'])}</b>",
             hover_text("What is counted: " + fig["subject"]),
             hover_text("Claimed by: " + claimant(data, fig)),
             hover_text("Date: " + fmt_date(fig["date"])),
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
    n = len(counts)
    top = max((f["value"] for f in counts), default=1)
    height = 230 + 86 * max(n, 1)
    fig = new_figure(
        title={"text": _TITLE, "subtitle": {"text": "Each row is one claim. The claims count different things: "
                                                    "read the label above each mark.", "font": {"size": 15}}},
        height=height, showlegend=True, hovermode="closest",
        legend={"title": {"text": "Claimed by (shape and colour):"}, "orientation": "h",
                "y": -75 / (height - 230), "yanchor": "top", "x": 0},
        xaxis={"title": {"text": "Number of troops, as claimed"}, "range": [0, top * 1.3], "tickformat": ",",
               "rangemode": "tozero", "side": "bottom"},
        yaxis={"range": [-0.6, n - 0.1], "tickvals": list(range(n)),
               "ticktext": [fmt_date(f["date"]).replace(" (", "<br>(") for f in reversed(counts)],
               "showgrid": False, "fixedrange": True, "title": {"text": "Date of the claim"}},
        margin={"t": 110, "l": 110, "b": 120},
    )
    groups: dict[str, dict[str, Any]] = {}
    for i, f in enumerate(counts):
        y = n - 1 - i
        style = actor_style(data, f["claimed_by"])
        g = groups.setdefault(style["key"], {"style": style, "x": [], "y": [], "text": [], "hover": []})
        g["x"].append(f["value"])
        g["y"].append(y)
        g["text"].append(hover_text(value_text(f)))
        g["hover"].append(_hover(data, f))
        who = data.actors[f["claimed_by"]]["name"]
        # wrapped, so that the claimant is never cut off at the figure's right edge on a narrow screen
        fig.add_annotation(x=0, y=y + 0.38, xref="x", yref="y", xanchor="left", yanchor="middle", showarrow=False,
                           align="left", font={"size": 14, "color": "#333333"},
                           text=hover_text(f"{f['subject']} — claimed by {who}", 72))
    for key in [k for k in _ORDER if k in groups]:
        g = groups[key]
        style = g["style"]
        name = (f"{style['symbol']} {MEDIA_STYLE['label']} (in its own voice)" if key == "media"
                else f"{style['symbol']} {style['label']}")
        fig.add_trace(go.Scatter(
            x=g["x"], y=g["y"], mode="markers+text", name=name, text=g["text"], textposition="middle right",
            textfont={"size": 15, "color": "#222222"}, cliponaxis=False,
            marker={"symbol": style["marker"], "color": style["color"], "size": 17,
                    "line": {"color": "#FFFFFF", "width": 1.5}},
            hovertext=g["hover"], hoverinfo="text"))
    if not counts:
        fig.add_annotation(text="No troop numbers in the data.", xref="paper", yref="paper", x=0.5, y=0.5,
                           showarrow=False, font={"size": 16})
    return fig


def troop_chart_text(*, data: CourseData | None = None) -> TextTwin:
    """The troop numbers as a table: date, number with qualifier, what is counted, claimed by, article.

    Examples
    --------
    >>> text = troop_chart_text()
    >>> "Date" in text.splitlines()[3]
    True
    """
    data = data or load()
    counts, others = troop_figures(data)
    head = ["Date", "Number", "What is counted", "Claimed by", "Article"]

    def rows(figs: list[Record]) -> list[list[str]]:
        return [[fmt_date(f["date"]), value_text(f) + " " + f["unit"], f["subject"], claimant(data, f),
                 article_label(data, f["article"])] for f in figs]

    widths = [12, 18, 34, 26, 22]

    lines = [f"{_TITLE} ({len(counts)} troop numbers, in date order).",
             "Each number is a claim by the person or outlet named; they count different things, "
             "so they are not measurements of one quantity.", "",
             table(head, rows(counts), widths)]
    if others:
        lines += ["", "Also about troops, but not a head count (not drawn):", table(head, rows(others), widths)]
    lines += ["", "Each number in detail, with the words of the article:"]
    for f in counts + others:
        lines += [f"- {value_text(f)} {f['unit']} ({fmt_date(f['date'])}): {f['subject']}",
                  f"  Claimed by {claimant(data, f)}.",
                  f"  {source_text(data, f['article'], f['quote'], 300)}"]
        if f.get("note"):
            lines.append(f"  Note: {f['note']}")
    return TextTwin("\n".join(lines) + "\n")
