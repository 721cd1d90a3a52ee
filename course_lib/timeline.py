"""The timeline of events the five articles report, 2014-2023, as a plotly figure and in words.

Events are drawn in lanes (by type of event or by the side of the actors), over three shaded eras.
The eras are the course's own framing, not the articles'; where each era starts comes from an event
in the data (:data:`ERAS`). A date known only to the month or year is drawn at the middle of that month
or year with a dotted line across the whole month or year, and the hover says so. Every approximate date
(month or year only, or undated: the article's date stands in, :func:`course_lib.theme.is_undated`) has a
hollow marker, "\u2248" in the hover and the text twin, and a legend entry that says what hollow means.

Examples
--------
>>> from course_lib.timeline import timeline, timeline_text
>>> fig = timeline(start="2021-11", end="2022-02")
>>> "Timeline" in fig.layout.title.text
True
>>> "course's own framing" in timeline_text()
True
"""
from __future__ import annotations

import difflib
import textwrap
from datetime import date, timedelta
from typing import Any, Literal

from .data import CourseData, Record, load
from .theme import (APPROX_NOTE, article_label, NEUTRAL, TextTwin, actor_style, classroom, date_range, fmt_date,
                    font_size, hover_text,
                    is_approximate, new_figure, plot_date, record_span, short_quote, sort_key)
from .ui import SIDES, STYLES, esc, text_block_html

#: event category -> lane label, top to bottom
CATEGORIES: dict[str, str] = {
    "statement": "Statements",
    "diplomacy": "Diplomacy and talks",
    "buildup": "Troop build-up",
    "conflict": "Fighting and attacks",
    "law": "Law, votes and annexation announcements",
}
#: the course's own periods; each starts at the first day of the named event's date
ERAS: list[dict[str, str]] = [
    {"label": "War in Donbas, from 2014", "start_event": "donbas-war-begins"},
    {"label": "The buildup, 2021-Feb 2022", "start_event": "spring-2021-buildup"},
    {"label": "Full-scale invasion from 24 Feb 2022", "start_event": "invasion-2022-02-24"},
]
_ERA_FILLS = ["#F1F1F1", "#FFF4DB", "#FBE7E1"]
_OFFSETS = [0.0, 0.2, -0.2, 0.4]  # vertical offsets for markers that would sit on each other in a lane
_NO_ACTOR = {"key": "none", "label": "No actor named", "color": NEUTRAL, "marker": "hexagon", "symbol": "\u2b22"}
_SIDE_ORDER = [*SIDES, "media", "none"]
#: summaries longer than this are cut in the hover and in the text twin (``timeline_text(full=True)`` keeps them)
SUMMARY_CUT = 160
_TITLE = "Timeline of the events in the five articles"
#: classroom mode: a lane's height and an era label row's height, in px (for text of 20 px)
_CLASSROOM_LANE = 88
_CLASSROOM_ERA_ROW = 32


# ----------------------------------------------------------------------------- selection
def _as_range(value: str | date | None, *, end: bool) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        first, last, _ = date_range(str(value).strip())
    except (ValueError, TypeError):
        raise ValueError(f"{'end' if end else 'start'} must be a date like '2021-12-14', '2021-12' or '2021'; "
                         f"got {str(value)[:40]!r}") from None
    return last if end else first


def _check_topic(data: CourseData, topic: str | None) -> str | None:
    if topic in (None, "", "all"):
        return None
    if topic in data.topics:
        return topic
    by_label = {t["label"].lower(): t["id"] for t in data.topics.values()}
    if str(topic).lower() in by_label:
        return by_label[str(topic).lower()]
    near = difflib.get_close_matches(str(topic), list(data.topics), n=3, cutoff=0.5)
    hint = f" Did you mean {', '.join(repr(n) for n in near)}?" if near else ""
    raise ValueError(f"unknown topic {str(topic)[:40]!r}; topics are: {', '.join(data.topics)}.{hint}")


def select_events(data: CourseData | None = None, *, start: str | date | None = None,
                  end: str | date | None = None, topic: str | None = None) -> list[Record]:
    """Events drawn within ``start``..``end`` that carry ``topic``, in date order.

    An event counts where it is drawn: a date known only to the month or year at the middle of that month
    or year (see :func:`course_lib.theme.plot_date`); an event with an end date if any of its span is inside.

    Parameters
    ----------
    data : CourseData, optional
        Defaults to :func:`course_lib.load`.
    start, end : str or datetime.date, optional
        ISO dates (``"2021-12-14"``, ``"2021-12"`` or ``"2021"``); a month or year counts in full.
    topic : str, optional
        A topic id or label from ``data/topics.json``.

    Raises
    ------
    ValueError
        On a malformed date or an unknown topic (the message lists the valid topics).

    Examples
    --------
    >>> [e["date"][:4] for e in select_events(start="2022", end="2022")][:1]
    ['2022']
    """
    data = data or load()
    lo, hi = _as_range(start, end=False), _as_range(end, end=True)
    if lo and hi and lo > hi:
        raise ValueError(f"start ({fmt_date(lo.isoformat())}) is after end ({fmt_date(hi.isoformat())})")
    topic = _check_topic(data, topic)
    out = []
    for ev in data.events.values():
        # where the event is drawn: its (mid-)date, or its whole span if it has an end date
        first = date.fromisoformat(plot_date(ev["date"]))
        last = date.fromisoformat(plot_date(ev["date_end"])) if ev.get("date_end") else first
        if (lo and last < lo) or (hi and first > hi) or (topic and topic not in ev["topics"]):
            continue
        out.append(ev)
    return sorted(out, key=lambda e: sort_key(e["date"]))


def eras(data: CourseData | None = None) -> list[dict[str, Any]]:
    """The course's eras with their start and end dates taken from the data.

    Each era starts on the first day of its start event's date and ends the day before the next era starts
    (the last era is open-ended: ``end`` is ``None``).

    Examples
    --------
    >>> [e["label"] for e in eras()][-1]
    'Full-scale invasion from 24 Feb 2022'
    """
    data = data or load()
    out = []
    for era in ERAS:
        ev = data.events[era["start_event"]]
        out.append({**era, "event": ev, "start": date_range(ev["date"])[0], "end": None})
    for a, b in zip(out, out[1:]):
        a["end"] = b["start"] - timedelta(days=1)
    return out


# ----------------------------------------------------------------------------- lanes and hover
def _styles(data: CourseData, ev: Record) -> list[dict[str, str]]:
    seen: dict[str, dict[str, str]] = {}
    for actor_id in ev.get("actors", []):
        style = actor_style(data, actor_id)
        seen.setdefault(style["key"], style)
    return [seen[k] for k in _SIDE_ORDER if k in seen] or [_NO_ACTOR]


def _who(data: CourseData, ev: Record) -> str:
    names = []
    for actor_id in ev.get("actors", []):
        style = actor_style(data, actor_id)
        names.append(f"{data.actors[actor_id]['name']} ({style['symbol']} {style['label']})")
    return "; ".join(names) or "no actor named"


def _hover(data: CourseData, ev: Record) -> str:
    precision = date_range(ev["date"])[2]
    when = record_span(ev)
    if precision != "day":
        when += f" — drawn mid-{precision}"
    parts = [f"<b>{hover_text(ev['title'])}</b>", hover_text(when),
             hover_text("In the course's words: " + short_quote(ev["summary"], SUMMARY_CUT)),
             hover_text("Who: " + _who(data, ev))]
    # the source by outlet and date only: the verbatim quotes are in the text twin (keeps stored figures small)
    outlets = list(dict.fromkeys(article_label(data, s["article"]) for s in ev["sources"]))
    parts.append(hover_text("Source: " + "; ".join(outlets)))
    return "<br>".join(parts)


def _stack(items: list[tuple[date, Any]], gap: timedelta, levels: int = 4) -> list[int]:
    """Give items in one lane a level so that markers closer than ``gap`` do not sit on each other."""
    last: list[date | None] = [None] * levels
    out = []
    for when, _ in items:
        free = [k for k in range(levels) if last[k] is None or when - last[k] >= gap]
        level = free[0] if free else min(range(levels), key=lambda k: last[k])
        last[level] = when
        out.append(level)
    return out


# ----------------------------------------------------------------------------- figure
def timeline(*, start: str | date | None = None, end: str | date | None = None, topic: str | None = None,
             lanes: Literal["category", "side"] = "category", data: CourseData | None = None):
    """The events of 2014-2023 as a timeline figure.

    Parameters
    ----------
    start, end : str or datetime.date, optional
        Show only events overlapping this period (``"2021-11"``, ``"2022-02-24"``, ``"2014"``).
    topic : str, optional
        Show only events with this topic (id or label from ``data/topics.json``).
    lanes : {"category", "side"}
        One lane per type of event, or one lane per side of the event's actors (an event whose actors are
        on several sides appears in each of their lanes; an event with no actor in "No actor named").
    data : CourseData, optional
        Defaults to :func:`course_lib.load`.

    Returns
    -------
    plotly.graph_objects.Figure
        Markers (one trace per lane), a dotted line over the month or year of each imprecise date, a thick
        line from start to end of events that lasted, the eras as shaded bands, hover with summary and source.

    Raises
    ------
    ValueError
        On a malformed date, an unknown topic or an unknown ``lanes`` value.

    Examples
    --------
    >>> fig = timeline(lanes="side", start="2021-11", end="2022-02")
    >>> all(t.type == "scatter" for t in fig.data)
    True
    """
    import plotly.graph_objects as go

    data = data or load()
    if lanes not in ("category", "side"):
        raise ValueError(f"lanes must be 'category' or 'side', not {str(lanes)[:40]!r}")
    topic_id = _check_topic(data, topic)
    events = select_events(data, start=start, end=end, topic=topic_id)
    lo = _as_range(start, end=False) or min((date_range(e["date"])[0] for e in events), default=date(2014, 1, 1))
    hi = _as_range(end, end=True) or max((date_range(e.get("date_end") or e["date"])[1] for e in events),
                                          default=date(2023, 12, 31))
    pad = timedelta(days=max(5, (hi - lo).days // 40))
    x0, x1 = lo - pad, hi + pad
    gap = timedelta(days=max(2, (x1 - x0).days // 45))

    # lanes: key -> (label, style)
    if lanes == "category":
        lane_keys = list(CATEGORIES)
        lane_label = {k: v for k, v in CATEGORIES.items()}
        lane_style = {k: {"key": k, "label": v, "color": NEUTRAL, "marker": "circle", "symbol": "●"}
                      for k, v in CATEGORIES.items()}
        members = {k: [e for e in events if e["category"] == k] for k in lane_keys}
    else:
        lane_style = {**{k: {"key": k, **v} for k, v in STYLES.items()}, "none": _NO_ACTOR}
        members = {k: [] for k in _SIDE_ORDER}
        for ev in events:
            for style in _styles(data, ev):
                members[style["key"]].append(ev)
        lane_keys = [k for k in _SIDE_ORDER if members[k] or k in SIDES]
        lane_label = {k: f"{lane_style[k]['symbol']} {lane_style[k]['label']}" for k in lane_keys}
    n = len(lane_keys)
    row = {k: n - 1 - i for i, k in enumerate(lane_keys)}  # first lane on top
    height = 200 + 64 * n
    # classroom mode (text of 20 px and more): taller lanes, and rows of era labels and a legend that fit it
    big = classroom()
    plot_h = _CLASSROOM_LANE * n  # the plot area's height in classroom mode, in px

    title = {"text": _TITLE + (f" — topic: {esc(data.topics[topic_id]['label'])}" if topic_id else "")}
    if big and topic_id:  # the topic as a subtitle: at 26 px the whole title is wider than a narrow output
        title = {"text": _TITLE, "subtitle": {"text": f"Topic: {esc(data.topics[topic_id]['label'])}",
                                              "font": {"size": font_size("subtitle")}}}
    fig = new_figure(
        title=title,
        height=height, hovermode="closest", showlegend=True,
        legend={"orientation": "h", "y": -62 / (height - 200), "yanchor": "top", "x": 0, "title": {"text": ""}},
        xaxis={"type": "date", "range": [x0.isoformat(), x1.isoformat()]},
        yaxis={"range": [-0.6, n - 0.15], "tickvals": [row[k] for k in lane_keys],
               "ticktext": ["<br>".join(textwrap.wrap(lane_label[k], 20)) for k in lane_keys], "showgrid": True,
               "fixedrange": True},
        margin={"t": 135, "b": 90},
    )
    # eras: shaded bands behind the data, labelled at the top
    shapes, notes = [], []
    for i, era in enumerate(eras(data)):
        a = max(era["start"], x0)
        b = min(era["end"] or x1, x1)
        if a >= b:
            continue
        shapes.append({"type": "rect", "xref": "x", "yref": "paper", "x0": a.isoformat(), "x1": b.isoformat(),
                       "y0": 0, "y1": 1, "fillcolor": _ERA_FILLS[i % 3], "line": {"width": 0}, "layer": "below"})
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": a.isoformat(), "x1": a.isoformat(),
                       "y0": 0, "y1": 1.0, "line": {"color": "#777777", "width": 1, "dash": "dot"}})
        # label at the band's centre, pulled inside the plot near either edge; one row per era, so that
        # labels never overlap, however narrow the figure
        mid = a + (b - a) / 2
        where = (mid - x0) / (x1 - x0)
        x, anchor = (a, "left") if where < 0.2 else (b, "right") if where > 0.8 else (mid, "center")
        step = _CLASSROOM_ERA_ROW / plot_h if big else 0.075
        notes.append({"x": x.isoformat(), "y": 1.0 + step * len(notes), "xref": "x", "yref": "paper",
                      "text": esc(era["label"]), "showarrow": False, "yanchor": "bottom", "xanchor": anchor,
                      "font": {"size": font_size("label"), "color": "#444444"}})
    # room above the plot for the title and one row per era label
    fig.update_layout(shapes=shapes, annotations=notes, margin={"t": 80 + 20 * len(notes)})
    if big:  # the legend's two rows below the two-line date labels; the plot area keeps plot_h
        top, bottom = 64 + _CLASSROOM_ERA_ROW * len(notes) + (32 if topic_id else 0), 140
        # at most 6 dates ("Nov 21") on an axis shorter than a year: more would be turned on their side, into
        # the legend, in a narrow output (years are short enough)
        fig.update_layout(height=top + plot_h + bottom, margin={"t": top, "b": bottom},
                          legend={"y": -75 / plot_h}, xaxis={"nticks": 6 if (x1 - x0).days < 400 else 0})

    # spans: events that lasted (thick) and dates known only to the month or year (dotted)
    lasted_x: list[Any] = []
    lasted_y: list[Any] = []
    vague_x: list[Any] = []
    vague_y: list[Any] = []
    points: dict[tuple[str, bool], tuple[list, list, list]] = {(k, a): ([], [], []) for k in lane_keys
                                                               for a in (False, True)}
    for key in lane_keys:
        evs = members[key]  # in date order, as select_events returns them
        levels = _stack([(date.fromisoformat(plot_date(e["date"])), e) for e in evs], gap)
        for ev, level in zip(evs, levels):
            y = row[key] + _OFFSETS[level]
            ends = [date_range(w) for w in filter(None, [ev["date"], ev.get("date_end")])]
            if ev.get("date_end") and all(p == "day" for _, _, p in ends):
                lasted_x += [plot_date(ev["date"]), plot_date(ev["date_end"]), None]
                lasted_y += [y, y, None]
            elif any(p != "day" for _, _, p in ends):
                # an imprecise date, or a span with an imprecise end: one dotted line over the whole period
                # ("February-March 2014" is 1 Feb to 31 Mar), never a solid bar between invented days
                vague_x += [ends[0][0].isoformat(), ends[-1][1].isoformat(), None]
                vague_y += [y, y, None]
            xs, ys, hs = points[(key, is_approximate(ev))]
            xs.append(plot_date(ev["date"]))
            ys.append(y)
            hs.append(_hover(data, ev))
    if vague_x:
        fig.add_trace(go.Scatter(x=vague_x, y=vague_y, mode="lines", name="Date known only to the month or year",
                                 line={"color": "#555555", "width": 2, "dash": "dot"}, hoverinfo="skip"))
    if lasted_x:
        fig.add_trace(go.Scatter(x=lasted_x, y=lasted_y, mode="lines", name="Event lasting from start to end date",
                                 line={"color": "#555555", "width": 7}, opacity=0.45, hoverinfo="skip"))
    for key in lane_keys:
        for approx in (False, True):
            xs, ys, hs = points[(key, approx)]
            if not xs:
                continue
            style = lane_style[key]
            symbol = style["marker"]
            if approx:  # hollow; a lane whose marker is already hollow gets a dot in it
                symbol = symbol + "-dot" if symbol.endswith("-open") else symbol + "-open"
            hollow = symbol.endswith(("-open", "-open-dot"))
            fig.add_trace(go.Scatter(
                x=xs, y=ys, mode="markers", name=lane_label[key], showlegend=False,
                marker={"symbol": symbol, "color": style["color"], "size": 14,
                        "line": {"color": style["color"] if hollow else "#FFFFFF", "width": 2.5 if approx else 1.5}},
                hovertext=hs, hoverinfo="text"))
    if any(points[(k, True)][0] for k in lane_keys):
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", hoverinfo="skip",
                                 name="\u25cb Hollow marker, \u2248: approximate date (month or year only, or undated)",
                                 marker={"symbol": "circle-open", "color": "#333333", "size": 14,
                                         "line": {"color": "#333333", "width": 2.5}}))
    if not events:
        fig.add_annotation(text="No events match this period and topic.", xref="paper", yref="paper",
                           x=0.5, y=0.5, showarrow=False, font={"size": font_size("message")})
    return fig


# ----------------------------------------------------------------------------- text twin
def timeline_text(*, start: str | date | None = None, end: str | date | None = None, topic: str | None = None,
                  full: bool = False, data: CourseData | None = None) -> TextTwin:
    """The timeline in words: the eras (marked as the course's framing), then every event with its source.

    Takes the same filters as :func:`timeline`. Each event says what the chart's hover says: when, what
    kind of event, who, the course's summary and the articles. Summaries longer than the hover's 160
    characters are cut there too, marked ``[…]``, unless ``full=True``.

    Examples
    --------
    >>> text = timeline_text(start="2022-02-24", end="2022-02-24")
    >>> "24 Feb 2022" in text
    True
    """
    data = data or load()
    topic_id = _check_topic(data, topic)
    events = select_events(data, start=start, end=end, topic=topic_id)
    era_list = eras(data)
    period = "2014 to 2023" if not (start or end) else f"{fmt_date(str(start)) if start else 'the start'} to " \
                                                       f"{fmt_date(str(end)) if end else 'the end'}"
    head = f"Timeline of the events in the five articles, {period}"
    if topic_id:
        head += f", topic: {data.topics[topic_id]['label']}"
    lines = [f"{head} ({len(events)} event{'s' if len(events) != 1 else ''}).",
             "The eras are the course's own framing, not the articles': " + "; ".join(
                 f"{e['label']} (from {fmt_date(e['event']['date'])}, the date of: {e['event']['title']})"
                 for e in era_list) + ".",
             "Dates known only to the month or year are drawn at the middle of that month or year.",
             APPROX_NOTE + ".",
             "Each event's verbatim source quotes: course_lib.read_article(<article>) or data.events[<id>]['sources']."
             + ("" if full else f" Summaries longer than {SUMMARY_CUT} characters are cut, as in the chart, and "
                                "marked […]; course_lib.timeline_text(full=True) gives them whole."),
             ""]
    if not events:
        lines.append("No events match this period and topic.")
    current = None
    for ev in events:
        first = date_range(ev["date"])[0]
        era = next((e for e in reversed(era_list) if e["start"] <= first), None)
        label = era["label"] if era else "Before the eras"
        if label != current:
            lines += ([""] if current else []) + [label, "-" * len(label)]
            current = label
        lines.append(f"- {record_span(ev)} | {CATEGORIES[ev['category']]} | "
                     f"{_who(data, ev)}: {ev['title']}")
        lines.append(f"  In the course's words: {ev['summary'] if full else short_quote(ev['summary'], SUMMARY_CUT)}")
        # as in the hover: sources by outlet and date (read_article shows each quote in its paragraph)
        lines.append("  Source: " + "; ".join(dict.fromkeys(article_label(data, s["article"]) for s in ev["sources"])))
    return TextTwin("\n".join(lines).rstrip() + "\n")


# ----------------------------------------------------------------------------- widget
def timeline_explorer(*, data: CourseData | None = None):
    """The timeline with labelled controls: period, topic and lanes, plus its text version.

    Returns a :func:`course_lib.ui.panel`; changing a control redraws the figure (shown through the plotly
    mime type in an ``Output`` widget) and the text version.

    Examples
    --------
    >>> w = timeline_explorer()
    >>> w.children[0].children[0].description
    'Period'
    """
    import ipywidgets as widgets

    from .reader import plain
    from .figure import figure_bundle
    from .ui import panel

    data = data or load()
    periods: list[tuple[str, tuple[str | None, str | None]]] = [("Whole period, 2014-2023", (None, None))]
    for era in eras(data):
        periods.append((era["label"], (era["start"].isoformat(), era["end"].isoformat() if era["end"] else None)))
    periods.append(("The crisis months, Nov 2021-Feb 2022", ("2021-11", "2022-02")))
    used = {t for ev in data.events.values() for t in ev["topics"]}
    topics = [("All topics", "")] + [(plain(t["label"]), t["id"]) for t in data.topics.values() if t["id"] in used]
    period = widgets.Dropdown(options=[(label, i) for i, (label, _) in enumerate(periods)], value=0,
                              description="Period", style={"description_width": "initial"})
    topic = widgets.Dropdown(options=topics, value="", description="Topic",
                             style={"description_width": "initial"})
    lanes = widgets.ToggleButtons(options=[("By type of event", "category"), ("By side", "side")],
                                  value="category", description="Lanes",
                                  tooltips=["One lane per type of event", "One lane per side of the actors"],
                                  style={"description_width": "initial"})
    out = widgets.Output(layout={"min_height": "300px"})
    text = widgets.HTML()

    def redraw(_: Any = None) -> None:
        lo, hi = periods[period.value][1]
        fig = timeline(start=lo, end=hi, topic=topic.value or None, lanes=lanes.value, data=data)
        out.outputs = ({"output_type": "display_data", "data": figure_bundle(fig),
                        "metadata": {}},)
        twin = timeline_text(start=lo, end=hi, topic=topic.value or None, full=True, data=data)
        text.value = text_block_html(twin)

    for control in (period, topic, lanes):
        control.observe(redraw, names="value")
    redraw()
    details = widgets.Accordion(children=[text], titles=("Text version of the timeline",))
    controls = widgets.HBox([period, topic], layout={"flex_flow": "row wrap"})
    return panel([controls, lanes, out, details],
                 f"Timeline explorer: {len(data.events)} events; choose a period, a topic and lanes.")
