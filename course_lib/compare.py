"""Compare what each side said: statements side by side, by topic, with the source paragraph on demand.

Layout and choices (the same for every side, on purpose):

* Four equal columns, one per side: **Russia** (side ``russia``), **Separatists (Donetsk and Luhansk)**
  (side ``separatists``), **Ukraine** and **West (US, UK, NATO, EU states)** (side ``west``): the labels of
  :data:`course_lib.ui.SIDES`. The separatists
  are a side of their own: whether Russia stands behind them is one of the contested questions, so the
  course does not put them in Russia's column (the label "Russian-backed" is the outlets', not the course's).
* **International bodies** (OSCE, UN; side ``international``) appear in a strip below the columns.
* Statements by actors of kind ``media`` are a reporter's or outlet's own voice, not a side's. They are
  *not* put in the West column (even when the outlet is Western); they appear in a separate strip
  labelled "Stated by the outlet or reporter (not a side)", so nothing in the sources is hidden and no
  outlet's wording is passed off as a government's.
* With "All topics", each statement appears once, under its first topic; its other topics are listed
  on the card. With one topic chosen, every statement tagged with that topic appears.
* Order inside a column: date, then id (deterministic). Dates of any precision (``2021-12``) match a
  date range if any day they can mean falls in the range.

Examples
--------
>>> import course_lib
>>> w = course_lib.compare_statements("invasion-intentions")
>>> "Russian" in w.count_line.value and "Ukrainian" in w.count_line.value
True
>>> course_lib.compare_statements_text("nato-membership").splitlines()[0]
'Statements compared. Topic: NATO membership. Article: All articles. Dates: any to any.'
"""
from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from .data import CourseData, load
from .reader import (MARK_STYLE, ArticleView, _message, _near, _resolve, find_span, fmt_date,
                     kind_badge, side_style)
from .statement_view import errata_for, kind_name, statement_fields
from .theme import APPROX_NOTE, date_range
from .ui import FONT, MEDIA_STYLE, SIDES, esc, panel, plain, style_tag, text_block_html

#: column id -> (heading, sides it holds, the count line's adjective)
COLUMNS: dict[str, tuple[str, tuple[str, ...], str]] = {
    # the headings are the side labels of ui.SIDES, the one set of labels every widget uses
    "russia": (SIDES["russia"]["label"], ("russia",), "Russian"),
    "separatists": (SIDES["separatists"]["label"], ("separatists",), "separatist"),
    "ukraine": (SIDES["ukraine"]["label"], ("ukraine",), "Ukrainian"),
    "west": (SIDES["west"]["label"], ("west",), "Western"),
}
#: strips below the columns: id -> (heading, explanation, count line's phrase)
STRIPS: dict[str, tuple[str, str, str]] = {
    "international": (SIDES["international"]["label"], "Organisations of many states (OSCE, UN), not one side.",
                      "from international bodies"),
    "media": ("Stated by the outlet or reporter (not a side)",
              "The article's own voice: what the reporter or outlet states without attributing it to anyone. "
              "It is not a statement by any government.", "in the outlet\u2019s own voice"),
}
GROUPS = (*COLUMNS, *STRIPS)

DASH = " \u2014 "
EMPTY_COLUMN = "No statement from this side on this topic in the selected articles and dates."
#: what the widget says above its filters; the text twin prints the same words
INTRO = ("Each side\u2019s statements, as the five articles report them. The kind says whether the words are a "
         "direct quote, a paraphrase by the reporter, a reported claim or a headline. Direct quotes and headlines "
         "are the speaker\u2019s or outlet\u2019s words; a paraphrase or a reported claim is shown as the article\u2019s "
         "words, not the speaker\u2019s; a quotation that contains an error in the source says so. Each "
         "card says how its date was established. " + APPROX_NOTE + ". International bodies (OSCE, UN) and "
         "what an outlet states in its own voice appear below the columns: neither is one of the sides.")


# --------------------------------------------------------------------------- filtering (no widgets)

def group_of(actor: dict | None) -> str:
    """Return the column or strip id for an actor (``"media"`` for outlets, whatever their side).

    Examples
    --------
    >>> group_of({"kind": "person", "side": "separatists"}), group_of({"kind": "media", "side": "west"})
    ('separatists', 'media')
    """
    if actor is None:
        return "international"
    if actor.get("kind") == "media":
        return "media"
    side = actor.get("side")
    for key, (_, sides, _) in COLUMNS.items():
        if side in sides:
            return key
    return "international"


def _day_range(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day an ISO date of any precision can mean, or None if it is not a date."""
    try:
        first, last, _ = date_range("-".join(str(value).split("-")[:3]))
    except ValueError:
        return None
    return first, last


def parse_bound(value: Any, *, end: bool = False) -> dt.date | None:
    """Turn a date filter (a ``datetime.date`` or an ISO string of any precision) into a day.

    A start ``"2022-02"`` means 1 February 2022; an end ``"2022-02"`` means 28 February 2022.

    Raises
    ------
    ValueError
        If ``value`` is not a date.

    Examples
    --------
    >>> parse_bound("2022-02"), parse_bound("2022-02", end=True)
    (datetime.date(2022, 2, 1), datetime.date(2022, 2, 28))
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    rng = _day_range(str(value).strip())
    if rng is None:
        raise ValueError(f"{value!r} is not a date; write it like '2022-02-17' or '2022-02'")
    return rng[1] if end else rng[0]


def _pick(value: Any, ids: list[str], labels: dict[str, str], what: str, example: str) -> tuple[str, str]:
    """Match a learner's filter value to an id (as the reader does); return (id or '', warning or '')."""
    if value is None or value == "":
        return "", ""
    hit = _resolve(value, ids, labels)
    if hit is not None:
        return hit, ""
    return "", (f"There is no {what} {str(value).strip()!r}.{_near(value, ids)} Showing all {what}s instead. "
                f"Valid ids: {', '.join(ids)}. Example: {example}")


class _Filters(NamedTuple):
    """A learner's filters matched to ids, with the notes for what could not be used."""

    topic_ids: list[str]
    topic_labels: dict[str, str]
    article_ids: list[str]
    article_labels: dict[str, str]
    topic_id: str
    article_id: str
    bounds: list[dt.date | None]
    notes: list[str]


def _filters(data: CourseData, topic: Any, article: Any, start: Any, end: Any, fn: str) -> _Filters:
    """Match topic and article to ids and parse the date bounds; what is unusable becomes a note."""
    topic_ids = list(data.topics)
    topic_labels = {t: data.topics[t].get("label", t) for t in topic_ids}
    article_ids = list(data.articles)
    article_labels = {a: data.articles[a].get("outlet", a) for a in article_ids}
    topic_id, t_warn = _pick(topic, topic_ids, topic_labels, "topic", f"{fn}('nato-membership')")
    article_id, a_warn = _pick(article, article_ids, article_labels, "article", f"{fn}(article='newsweek')")
    notes = [w for w in (t_warn, a_warn) if w]
    bounds: list[dt.date | None] = []
    for value, is_end in ((start, False), (end, True)):
        try:
            bounds.append(parse_bound(value, end=is_end))
        except ValueError as err:
            notes.append(f"{err} (ignored).")
            bounds.append(None)
    return _Filters(topic_ids, topic_labels, article_ids, article_labels, topic_id, article_id, bounds, notes)


def select(data: CourseData, topic: str = "", article: str = "", start: dt.date | None = None,
           end: dt.date | None = None) -> list[dict]:
    """Return the statements matching the filters, ordered by date then id.

    Parameters
    ----------
    data : CourseData
    topic, article : str
        Ids; ``""`` means all.
    start, end : datetime.date or None
        Inclusive bounds; a statement dated ``2021-12`` matches if any day of December 2021 is inside.

    Examples
    --------
    >>> from course_lib import load
    >>> all(s["article"] == "amn" for s in select(load(), article="amn"))
    True
    """
    out = []
    for s in data.statements.values():
        if topic and topic not in s.get("topics", []):
            continue
        if article and s.get("article") != article:
            continue
        if start or end:
            rng = _day_range(s.get("date", ""))
            if rng is None or (start and rng[1] < start) or (end and rng[0] > end):
                continue
        out.append(s)
    out.sort(key=lambda s: (s.get("date", ""), s["id"]))
    return out


def group(data: CourseData, statements: list[dict], topic: str = "") -> list[tuple[str, dict[str, list[dict]]]]:
    """Group statements by topic (topics.json order), then by column/strip (see :data:`GROUPS`).

    With ``topic`` given, one group; otherwise each statement goes under its first topic.
    Topics with no statements are left out.
    """
    order = list(data.topics)
    buckets: dict[str, dict[str, list[dict]]] = {}
    for s in statements:
        key = topic or next((t for t in s.get("topics", []) if t in data.topics), "other")
        actor = data.actors[s["actor"]] if s.get("actor") in data.actors else None
        buckets.setdefault(key, {g: [] for g in GROUPS})[group_of(actor)].append(s)
    keys = sorted(buckets, key=lambda k: (order.index(k) if k in order else len(order), k))
    return [(k, buckets[k]) for k in keys]


def count_summary(data: CourseData, statements: list[dict]) -> str:
    """The count line (plain text), e.g. ``Showing 12 statements: 4 Russian, 1 separatist, 4 Ukrainian, 3 Western.``

    Examples
    --------
    >>> from course_lib import load
    >>> count_summary(load(), [])
    'Showing 0 statements.'
    """
    counts = {g: 0 for g in GROUPS}
    for s in statements:
        counts[group_of(data.actors[s["actor"]] if s.get("actor") in data.actors else None)] += 1
    n = len(statements)
    if not n:
        return "Showing 0 statements."
    parts = [f"{counts[c]} {COLUMNS[c][2]}" for c in COLUMNS]
    parts += [f"{counts[s]} {STRIPS[s][2]}" for s in STRIPS if counts[s]]
    return f"Showing {n} statement{'s' if n != 1 else ''}: {', '.join(parts)}."


# --------------------------------------------------------------------------- HTML pieces

#: statement field label -> how the card shows it (the same fields, in the same order, as the text twin)
_CARD_SMALL = {"How dated", "Also about", "Course note", "Source error"}
#: fields a card folds under "Details" (shown on request; the text twin prints them all)
CARD_DETAILS = ("Reporting word", "How dated", "Where", "Also about")
#: cards shown per side and topic (and per strip below the columns) before "Show all"
FIRST_CARDS = 2


def _field_html(label: str, value: str, kind: str) -> str:
    """One field of a card as HTML (values are escaped)."""
    if label == "Words":
        if kind in ("direct quote", "headline"):
            return (f'<blockquote style="margin:4px 0 4px 0;padding-left:8px;border-left:3px solid #999;'
                    f'font-size:105%">{esc(value)}</blockquote>')
        lead, _, rest = value.partition(":")
        return (f'<div style="margin:4px 0"><i style="color:#444">{esc(lead)}:</i> '
                f'<span class="rtc-paraphrase">{esc(rest.strip())}</span></div>')
    if label == "Speaker":
        name, _, role = value.partition(", ")
        return f'<div><b>{esc(name)}</b>{", " + esc(role) if role else ""}</div>'
    if label == "Source error":
        return (f'<div class="rtc-erratum-flag" style="font-size:90%;border-left:3px solid #b3001b;padding:2px 6px;'
                f'margin:4px 0"><b>Source error:</b> {esc(value)}</div>')
    size = "85%" if label in _CARD_SMALL else "90%"
    return f'<div style="font-size:{size};color:#333"><b>{esc(label)}:</b> {esc(value)}</div>'


def card_html(data: CourseData, s: dict, *, shown_topic: str = "") -> str:
    """HTML of one statement card (identical layout for every side), from :func:`statement_fields`."""
    actor = data.actors[s["actor"]] if s.get("actor") in data.actors else None
    st = side_style(actor)
    fields = statement_fields(data, s, shown_topic=shown_topic)
    head = dict(fields)
    lines = [f'<div><span style="color:{st["text"]};font-weight:600">{esc(head["Side"])}</span> '
             f'{kind_badge(s.get("kind", ""), head["Kind"])}</div>']
    shown = [(label, value) for label, value in fields if label not in ("Side", "Kind") and label not in CARD_DETAILS]
    folded = [(label, value) for label, value in fields if label in CARD_DETAILS]
    lines += [_field_html(label, value, s.get("kind", "")) for label, value in shown]
    if folded:  # detail a reader opens when wanted (and a projector hides): the same fields as the text twin
        lines.append('<details class="rtc-detail" style="margin:2px 0"><summary style="cursor:pointer;font-size:90%">'
                     f'Details: {esc(", ".join(label.lower() for label, _ in folded))}</summary>'
                     + "".join(_field_html(label, value, s.get("kind", "")) for label, value in folded) + "</details>")
    return (f'<div class="rtc-card" data-statement="{esc(s["id"])}" style="border:1px solid #ccc;'
            f'border-left:5px solid {st["color"]};border-radius:4px;padding:6px 8px;font-family:{FONT};'
            f'line-height:1.4">{"".join(lines)}</div>')


def context_html(data: CourseData, s: dict) -> str:
    """HTML of the paragraph(s) of the article that contain a statement, with the quote in ``<mark>``.

    Errata in that paragraph are marked and explained as in the reader.
    """
    article = data.articles[s["article"]] if s.get("article") in data.articles else None
    if article is None:
        return f'<p role="status">The article {esc(s.get("article"))} is not in the course data.</p>'
    view = ArticleView(article, data)
    span = find_span(s.get("quote", ""), view.text)
    if span is None:
        return ('<p role="status">This statement\u2019s words could not be found in the article text, so no '
                'context can be shown. Please report it: the data checks should have caught this.</p>')
    paras = view.paragraph_of(span)
    kind = kind_name(s, bool(errata_for(data, s)))
    body = "".join(f'<p style="margin:4px 0"><span style="color:#555">\u00b6{i + 1}</span> '
                   f'{view.render(i, [(span, kind)])}</p>' for i in paras)
    where = ", ".join(f"paragraph {i + 1}" for i in paras)
    return (f'<div class="rtc-context" role="region" aria-label="Statement in context" '
            f'style="background:#f7f7f7;border:1px solid #ddd;padding:6px 8px;font-family:{FONT};line-height:1.5">'
            f'<div style="font-size:85%;color:#444">From {esc(article.get("outlet", ""))}, '
            f'\u201c{esc(article.get("title", ""))}\u201d, {where} of {len(view.spans)}. '
            f'The highlighted words (<mark style="{MARK_STYLE}">like this</mark>) are the statement. '
            f'The reader shows the whole article (notebook 00, section 4).</div>'
            f'{body}</div>')


def _column_heading(key: str) -> str:
    label, sides, _ = COLUMNS[key]
    symbols = " ".join(esc(SIDES[s]["symbol"]) for s in sides)
    color = SIDES[sides[0]]["color"]
    return (f'<div role="heading" aria-level="4" style="font-weight:700;border-bottom:3px solid {color};'
            f'font-family:{FONT};padding:2px 0;line-height:1.3">{symbols} {esc(label)}</div>')


def _strip_heading(key: str) -> str:
    label, note, _ = STRIPS[key]
    st = MEDIA_STYLE if key == "media" else SIDES["international"]
    return (f'<div role="heading" aria-level="4" style="font-weight:700;border-bottom:3px solid {st["color"]};'
            f'font-family:{FONT};padding:2px 0;line-height:1.3">{esc(st["symbol"])} {esc(label)} '
            f'<span style="font-weight:400;font-size:85%;color:#444">\u2014 {esc(note)}</span></div>')


# --------------------------------------------------------------------------- the widget

class _Kit:
    """Builds the widgets of one comparison, sharing Layout/Style models between cards (far fewer
    widget models for the browser) and closing the widgets of the previous rendering."""

    def __init__(self, data: CourseData) -> None:
        import ipywidgets as widgets
        from ipywidgets.widgets.widget_string import HTMLStyle

        self.w, self.data = widgets, data
        self.html_style = HTMLStyle()
        self.button_style = widgets.ButtonStyle()
        self.layouts = {
            "plain": widgets.Layout(),
            "button": widgets.Layout(width="auto"),
            "card": widgets.Layout(margin="0 0 8px 0"),
            "column": widgets.Layout(flex="1 1 0", min_width="220px", padding="0 6px"),
            "row": widgets.Layout(flex_flow="row wrap", align_items="flex-start"),
            "strip": widgets.Layout(padding="0 6px"),
        }
        self.made: list = []

    def html(self, value: str, layout: str = "plain"):
        out = self.w.HTML(value, layout=self.layouts[layout], style=self.html_style)
        self.made.append(out)
        return out

    def box(self, cls: str, children: list, layout: str):
        out = getattr(self.w, cls)(children, layout=self.layouts[layout])
        self.made.append(out)
        return out

    def close_all(self) -> None:
        """Close the widgets made so far (the shared layouts and styles stay open)."""
        for widget in self.made:
            widget.close()
        self.made = []

    def column(self, heading: Any, cards: list, layout: str = "column"):
        """A side's column (or, with ``layout="strip"``, a strip below the columns): its first
        :data:`FIRST_CARDS` cards, and "Show all" for the rest."""
        if len(cards) <= FIRST_CARDS:
            return self.box("VBox", [heading, *cards], layout)
        where = "of this column" if layout == "column" else "in this row"
        more = self.w.Button(description=f"Show all {len(cards)}", icon="chevron-down", layout=self.layouts["button"],
                             style=self.button_style, tooltip=f"Show all {len(cards)} statements {where}")
        self.made.append(more)
        col = self.box("VBox", [heading, *cards[:FIRST_CARDS], more], layout)

        def toggle(_b: Any = None) -> None:
            if len(col.children) - 2 < len(cards):
                col.children = (heading, *cards, more)
                more.description, more.icon = "Show fewer", "chevron-up"
            else:
                col.children = (heading, *cards[:FIRST_CARDS], more)
                more.description, more.icon = f"Show all {len(cards)}", "chevron-down"

        more.on_click(toggle)
        col.show_all_button = more
        return col

    def card(self, s: dict, shown_topic: str):
        """One statement card: its HTML, a "Read in context" button and (after a click) the context."""
        data, w = self.data, self.w
        actor = data.actors[s["actor"]] if s.get("actor") in data.actors else {}
        html = self.html(card_html(data, s, shown_topic=shown_topic))
        button = w.Button(description="Read in context", icon="book", layout=self.layouts["button"],
                          style=self.button_style,
                          tooltip=plain(f"Show the paragraph of the article with this statement by "
                                        f"{actor.get('name', s.get('actor', ''))}"))
        self.made.append(button)
        box = self.box("VBox", [html, button], "card")
        box.statement_id, box.html, box.context_button, box.context = s["id"], html, button, None

        def toggle(_b: Any = None) -> None:
            if box.context is None:  # made on first use only
                box.context = self.html(context_html(data, s))
            if box.context in box.children:
                box.children = (html, button)
                button.description = "Read in context"
            else:
                box.children = (html, button, box.context)
                button.description = "Hide context"

        button.on_click(toggle)
        return box


def _message_html(text: str) -> str:
    return _message(esc(text))


def compare_statements(topic: str | None = None, *, article: str | None = None, start: Any = None,
                       end: Any = None, data: CourseData | None = None):
    """Show Russian, separatist, Ukrainian and Western statements side by side, grouped by topic.

    Every card shows the speaker, their role, the date (and how it was established), the outlet and
    publication date, and whether it is a direct quote, a paraphrase by the reporter or a reported
    claim. "Read in context" shows the article paragraph with the statement highlighted.

    Parameters
    ----------
    topic : str, optional
        A topic id or label (see ``data/topics.json``); default all topics.
    article : str, optional
        An article id (``"newsweek"``, ``"euronews"``, ``"moscowtimes"``, ``"polygraph"``, ``"amn"``).
    start, end : str or datetime.date, optional
        Inclusive date range (``"2022-01"`` or ``"2022-01-30"`` or a ``date``).
    data : CourseData, optional
        Defaults to :func:`course_lib.load`.

    Unknown ids and malformed dates do not raise: the widget shows a friendly note and ignores them.

    Returns
    -------
    ipywidgets.VBox
        With attributes ``topic_filter``, ``article_filter`` (Dropdowns), ``start_filter``,
        ``end_filter`` (DatePickers), ``count_line`` (HTML), ``notice`` (HTML), ``body`` (VBox) and
        ``columns``: a dict ``{"russia"|"separatists"|"ukraine"|"west"|"international"|"media": [card, ...]}`` of
        the cards now shown (each card has ``statement_id``, ``context_button`` and ``context``).

    Examples
    --------
    >>> import course_lib
    >>> w = course_lib.compare_statements()
    >>> w.topic_filter.value = "nato-membership"      # re-renders the columns
    >>> card = w.columns["west"][0]
    >>> card.context_button.click()                   # shows the paragraph, quote in <mark>
    >>> "<mark" in card.context.value
    True
    """
    import ipywidgets as widgets

    data = data if data is not None else load()
    f = _filters(data, topic, article, start, end, "compare_statements")
    topic_ids, topic_labels, article_ids, article_labels = f.topic_ids, f.topic_labels, f.article_ids, f.article_labels
    topic_id, article_id, bounds, notes = f.topic_id, f.article_id, f.bounds, f.notes

    style = {"description_width": "initial"}
    topic_dd = widgets.Dropdown(options=[("All topics", "")] + [(plain(topic_labels[t]), t) for t in topic_ids],
                                value=topic_id, description="Topic:", style=style)
    article_dd = widgets.Dropdown(
        options=[("All articles", "")] + [
            (plain(f"{article_labels[a]} ({fmt_date(data.articles[a].get('published', ''))})"), a)
            for a in article_ids],
        value=article_id, description="Article:", style=style)
    start_dp = widgets.DatePicker(value=bounds[0], description="From:", style=style,
                                  layout=widgets.Layout(width="15em"))
    end_dp = widgets.DatePicker(value=bounds[1], description="To:", style=style,
                                layout=widgets.Layout(width="13em"))
    notice = widgets.HTML("".join(_message_html(n) for n in notes))
    count_line = widgets.HTML()
    body = widgets.VBox()
    columns: dict[str, list] = {g: [] for g in GROUPS}
    kit = _Kit(data)

    def render(*_: Any) -> None:
        for g in GROUPS:
            columns[g].clear()
        old = kit.made
        kit.made = []
        lo, hi = start_dp.value, end_dp.value
        chosen = [] if lo and hi and lo > hi else select(data, topic_dd.value, article_dd.value, lo, hi)
        if lo and hi and lo > hi:
            count_line.value = ('<p role="status" aria-live="polite">The \u201cFrom\u201d date is after the '
                                '\u201cTo\u201d date, so nothing can match. Swap them or clear one.</p>')
        else:
            count_line.value = (f'<p role="status" aria-live="polite" style="font-weight:600;margin:4px 0">'
                                f'{esc(count_summary(data, chosen))}</p>')
        rows = []
        if not chosen:
            rows.append(kit.html(
                '<p style="font-style:italic">No statements match these filters. Try \u201cAll topics\u201d, '
                '\u201cAll articles\u201d, or a wider date range (clear the dates to see every date).</p>'))
        for topic_key, groups in group(data, chosen, topic_dd.value):
            label = topic_labels.get(topic_key, "Other")
            desc = data.topics[topic_key].get("description", "") if topic_key in data.topics else ""
            rows.append(kit.html(f'<h3 style="margin:12px 0 2px 0;font-family:{FONT};font-size:1.1em">{esc(label)}</h3>'
                                 f'<div style="font-size:85%;color:#444;font-family:{FONT}">{esc(desc)}</div>'))
            cols = []
            for key in COLUMNS:
                cards = [kit.card(s, topic_key) for s in groups[key]]
                columns[key].extend(cards)
                inner = cards or [kit.html(f'<p style="font-style:italic;color:#444;font-family:{FONT}">'
                                           f'{EMPTY_COLUMN}</p>')]
                cols.append(kit.column(kit.html(_column_heading(key)), inner))
            rows.append(kit.box("HBox", cols, "row"))
            for key in STRIPS:
                if groups[key]:
                    cards = [kit.card(s, topic_key) for s in groups[key]]
                    columns[key].extend(cards)
                    rows.append(kit.column(kit.html(_strip_heading(key)), cards, "strip"))
        body.children = tuple(rows)
        for widget in old:  # the previous rendering's widgets are gone from the page: free them
            widget.close()

    twin = widgets.HTML()
    text_version = widgets.Accordion(children=[twin], titles=("Text version of this comparison (to print or read aloud)",),
                                     selected_index=None)

    def fill_twin(*_: Any) -> None:  # made when opened, for the filters shown
        if text_version.selected_index is None:
            return
        lo, hi = start_dp.value, end_dp.value
        twin.value = (text_block_html(compare_statements_text(topic_dd.value or None, article=article_dd.value or None,
                                                              start=lo, end=hi, data=data))
                      if not (lo and hi and lo > hi) else "")

    for control in (topic_dd, article_dd, start_dp, end_dp):
        control.observe(render, "value")
        control.observe(fill_twin, "value")
    text_version.observe(fill_twin, "selected_index")
    render()
    filters = widgets.HBox([topic_dd, article_dd, start_dp, end_dp],
                           layout=widgets.Layout(flex_flow="row wrap", grid_gap="8px"))
    intro = widgets.HTML(f'{style_tag()}<div style="font-size:90%;color:#333;font-family:{FONT}">{esc(INTRO)}</div>')
    box = panel([intro, filters, notice, count_line, body, text_version],
                "Statement comparison: " + count_summary(data, select(data, topic_id, article_id, *bounds)))
    box.topic_filter, box.article_filter, box.start_filter, box.end_filter = topic_dd, article_dd, start_dp, end_dp
    box.count_line, box.notice, box.body, box.columns = count_line, notice, body, columns
    box.text_version, box.text_twin = text_version, twin
    return box


# --------------------------------------------------------------------------- the text twin

def compare_statements_text(topic: str | None = None, *, article: str | None = None, start: Any = None,
                            end: Any = None, data: CourseData | None = None) -> str:
    """The comparison as plain text (for printing and screen readers), grouped by topic, then side.

    Takes the same filters as :func:`compare_statements`; unknown filters are ignored with a note.

    Examples
    --------
    >>> import course_lib
    >>> text = course_lib.compare_statements_text("nato-membership", article="amn")
    >>> "## NATO membership" in text and "### Ukraine" in text
    True
    """
    data = data if data is not None else load()
    f = _filters(data, topic, article, start, end, "compare_statements_text")
    topic_labels, article_labels, topic_id, article_id, bounds = (f.topic_labels, f.article_labels, f.topic_id,
                                                                  f.article_id, f.bounds)
    lines: list[str] = [f"Note: {n}" for n in f.notes]
    dates = (f"{fmt_date(bounds[0].isoformat()) if bounds[0] else 'any'} to "
             f"{fmt_date(bounds[1].isoformat()) if bounds[1] else 'any'}")
    lines.append(f"Statements compared. Topic: {topic_labels.get(topic_id, 'All topics')}. "
                 f"Article: {article_labels.get(article_id, 'All articles')}. Dates: {dates}.")
    lines.append(INTRO)
    if bounds[0] and bounds[1] and bounds[0] > bounds[1]:
        lines.append("The start date is after the end date, so nothing can match.")
        return "\n".join(lines)
    chosen = select(data, topic_id, article_id, *bounds)
    lines.append(count_summary(data, chosen))
    if not chosen:
        lines.append("No statements match these filters.")
        return "\n".join(lines)
    headings = {k: v[0] for k, v in COLUMNS.items()} | {k: v[0] for k, v in STRIPS.items()}
    for topic_key, groups in group(data, chosen, topic_id):
        lines += ["", f"## {topic_labels.get(topic_key, 'Other')}"]
        for key in GROUPS:
            if key in STRIPS and not groups[key]:
                continue
            lines.append(f"### {headings[key]}")
            if not groups[key]:
                lines.append(f"- {EMPTY_COLUMN}")
            for s in groups[key]:
                lines.append(f"- [{s['id']}]")
                lines += [f"  {label}: {value}" for label, value in statement_fields(data, s, shown_topic=topic_key)]
    return "\n".join(lines)
