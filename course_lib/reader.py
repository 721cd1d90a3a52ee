"""The article reader: one source text with numbered paragraphs, highlighted statements and errata.

The reader never changes a source text. It finds quotes and errata in the text with the same
normalisation the validator uses (:func:`course_lib.text.normalise`: typographic quote marks folded to
ASCII, runs of white space to one space), maps the match back to positions in the *original* text and
wraps those characters in ``<mark>`` (highlights) or a wavy underline plus a marker such as ``[E1]``
(errata). Every string from the data is escaped with :func:`course_lib.ui.esc`.

Examples
--------
>>> import course_lib
>>> reader = course_lib.read_article("newsweek", speaker="reznikov")
>>> reader.speaker_filter.value
'reznikov'
"""
from __future__ import annotations

import difflib
import re
from functools import lru_cache
from typing import Any

from .data import CourseData, load
from .statement_view import errata_for, kind_name
from .text import normalise
from .theme import fmt_date as theme_fmt_date
from .ui import FONT, STYLES, esc, panel, plain, style_key

Span = tuple[int, int]

_BREAK = re.compile(r"\n\s*\n")
_LINE = re.compile(r"\r?\n")

#: statement kind -> (badge text, badge symbol, badge border style); the text alone tells them apart
KIND_LABELS: dict[str, tuple[str, str, str]] = {
    "direct quote": ("Direct quote", "\u275d", "solid"),
    "paraphrase": ("Paraphrase by the reporter", "\u2248", "dashed"),
    "reported claim": ("Reported claim", "\u2691", "dotted"),
    "headline": ("Headline (the outlet\u2019s own words)", "\u2630", "double"),
}

PLURALS = {"direct quote": "direct quotes", "paraphrase by the reporter": "paraphrases by the reporter",
           "reported claim": "reported claims", "headline (the outlet\u2019s own words)": "headlines"}

MARK_STYLE = "background:#ffe97a;color:inherit;font-weight:600;padding:0 1px;border-bottom:2px solid #6b5a00"
ERRATUM_STYLE = ("text-decoration: underline wavy #b3001b; text-decoration-skip-ink: none; "
                 "text-underline-offset: 3px")


# --------------------------------------------------------------------------- locating text

@lru_cache(maxsize=64)
def _normal_index(text: str) -> tuple[str, tuple[int, ...]]:
    """Return ``normalise(text)`` and, for each of its characters, the index in ``text`` it came from."""
    out: list[str] = []
    pos: list[int] = []
    pending: int | None = None  # index of the first white-space character of a run
    for i, ch in enumerate(text):
        folded = normalise(ch)  # '' for white space, else the folded character(s)
        if not folded:
            if out and pending is None:
                pending = i
            continue
        if pending is not None:
            out.append(" ")
            pos.append(pending)
            pending = None
        out.extend(folded)
        pos.extend([i] * len(folded))
    return "".join(out), tuple(pos)


def find_span(quote: str, text: str) -> Span | None:
    """Find ``quote`` in ``text`` as the validator does, and return its span in the ORIGINAL text.

    Quote marks (typographic or straight) and white space (line breaks, double spaces) may differ;
    the returned ``(start, end)`` indexes ``text`` itself, so ``text[start:end]`` is the source's own
    wording. Returns ``None`` if the quote does not occur. The first occurrence wins.

    Parameters
    ----------
    quote : str
        The statement's quote (or an erratum's text).
    text : str
        The article text (or one paragraph of it).

    Examples
    --------
    >>> text = 'he said they have \\u201cno plans\\n to attack anyone.\\u201d'
    >>> start, end = find_span('"no plans to attack anyone."', text)
    >>> text[start:end] == '\\u201cno plans\\n to attack anyone.\\u201d'
    True
    >>> find_span("not there", text) is None
    True
    """
    needle = normalise(quote)
    if not needle:
        return None
    hay, pos = _normal_index(text)
    k = hay.find(needle)
    if k < 0:
        return None
    return pos[k], pos[k + len(needle) - 1] + 1


def paragraph_spans(text: str) -> list[Span]:
    """Return the ``(start, end)`` of each paragraph of ``text`` in the original string.

    The paragraphs are exactly those of :func:`course_lib.text.paragraphs` (blocks separated by blank
    lines, stripped), so paragraph *n* here is paragraph *n* everywhere in the course.

    Examples
    --------
    >>> text = "One\\n\\n  Two\\nlines\\n"
    >>> [text[s:e] for s, e in paragraph_spans(text)]
    ['One', 'Two\\nlines']
    """
    blocks: list[Span] = []
    start = 0
    for m in _BREAK.finditer(text):
        blocks.append((start, m.start()))
        start = m.end()
    blocks.append((start, len(text)))
    spans = []
    for s, e in blocks:
        block = text[s:e]
        stripped = block.strip()
        if stripped:
            lead = len(block) - len(block.lstrip())
            spans.append((s + lead, s + lead + len(stripped)))
    return spans


def locate(quote: str, text: str) -> tuple[Span, list[int]] | None:
    """Return the quote's span in ``text`` and the (0-based) indexes of the paragraphs it touches.

    Examples
    --------
    >>> locate("Two", "One\\n\\nTwo\\n")
    ((5, 8), [1])
    """
    span = find_span(quote, text)
    if span is None:
        return None
    paras = [i for i, (s, e) in enumerate(paragraph_spans(text)) if s < span[1] and span[0] < e]
    return span, paras


# --------------------------------------------------------------------------- small formatters

def fmt_date(value: str) -> str:
    """Format an ISO date of any precision for people, saying when only the month or year is known.

    Examples
    --------
    >>> fmt_date("2021-12-14"), fmt_date("2023-02"), fmt_date("2022")
    ('14 December 2021', 'February 2023 (month only)', '2022 (year only)')
    """
    return theme_fmt_date(value, long_months=True)


def side_style(actor: dict | None) -> dict[str, str]:
    """Return the palette entry for an actor: its side's, or the outlet style for kind ``media``."""
    if actor is None:
        return {"label": "Unknown speaker", "color": "#555555", "text": "#555555", "symbol": "?"}
    return STYLES.get(style_key(actor), {"label": actor.get("side", "?"), "color": "#555555", "text": "#555555",
                                         "symbol": "?"})


def kind_label(kind: str) -> str:
    """The reader's name for a statement kind (the kind itself if unknown).

    Examples
    --------
    >>> kind_label("paraphrase")
    'Paraphrase by the reporter'
    """
    return KIND_LABELS.get(kind, (kind,))[0]


def kind_badge(kind: str, text: str | None = None) -> str:
    """Return the HTML badge for a statement kind (text, symbol and border style differ, not only colour).

    ``text`` replaces the kind's name (e.g. the flagged name of a quotation with an error in the source,
    :func:`course_lib.statement_view.kind_name`).

    Examples
    --------
    >>> "Paraphrase by the reporter" in kind_badge("paraphrase")
    True
    """
    name, symbol, border = KIND_LABELS.get(kind, (kind, "?", "solid"))
    text = name if text is None else text
    return (f'<span class="rtc-kind" style="border:1px {border} #333;border-radius:3px;'
            f'padding:0 4px;font-size:85%;white-space:nowrap">{esc(symbol)} {esc(text)}</span>')


def source_line(article: dict) -> str:
    """HTML for 'Outlet (how it got there), published <date>' for an article record."""
    how = article.get("original_source")
    extra = f" \u2014 {esc(how)}" if how and how != "original" else ""
    return (f'{esc(article.get("outlet", "?"))}{extra}, published '
            f'<span title="{esc(article.get("published_basis", ""))}">{esc(fmt_date(article.get("published", "?")))}</span>')


# --------------------------------------------------------------------------- rendering paragraphs

def render_paragraph(text: str, marks: list[tuple[int, int, str]],
                     errata: list[tuple[int, int, str, str]]) -> str:
    """Render one paragraph as HTML with highlights and inline errata, escaping every character.

    Parameters
    ----------
    text : str
        The paragraph's original text (never altered, only wrapped).
    marks : list of (start, end, title)
        Spans (relative to ``text``) to wrap in ``<mark>``; they may overlap.
    errata : list of (start, end, label, title)
        Spans to underline (wavy); ``label`` (e.g. ``"E1"``) is shown as ``[E1]`` after the span.

    Examples
    --------
    >>> render_paragraph("a <b> c", [(2, 5, "q")], [])  # doctest: +ELLIPSIS
    'a <mark title="q" style="...">&lt;b&gt;</mark><span class="rtc-mark-kind" ...>q</span> c'
    >>> render_paragraph("# Title with **bold**", [], [])
    '<strong>Title with bold</strong>'
    >>> render_paragraph("a typo here", [], [(2, 6, "E1", "typo")])  # doctest: +ELLIPSIS
    'a <span class="rtc-erratum" ...>typo</span><sup ...>[E1]</sup> here'
    """
    n = len(text)
    hidden = markup_spans(text)
    cuts = {0, n}
    for s, e, *_ in [*marks, *errata, *hidden]:
        cuts.update((max(0, min(n, s)), max(0, min(n, e))))
    bounds = sorted(cuts)
    out: list[str] = []
    for a, b in zip(bounds, bounds[1:]):
        if a == b:
            continue
        if any(s <= a and b <= e for s, e in hidden):
            continue  # the capture's Markdown markup: kept in the text, not shown
        piece = "<br>".join(esc(line) for line in _LINE.split(text[a:b]))
        active_e = [x for x in errata if x[0] <= a and b <= x[1]]
        active_m = [x for x in marks if x[0] <= a and b <= x[1]]
        if active_e:
            title = "; ".join(f"[{x[2]}] {x[3]}" for x in active_e)
            piece = f'<span class="rtc-erratum" style="{ERRATUM_STYLE}" title="{esc(title)}">{piece}</span>'
        if active_m:
            title = "; ".join(x[2] for x in active_m)
            piece = f'<mark title="{esc(title)}" style="{MARK_STYLE}">{piece}</mark>'
        out.append(piece)
        for x in marks:  # what kind of statement it is, in words beside it (not colour or hover alone)
            if min(x[1], n) == b:
                out.append(f'<span class="rtc-mark-kind" style="{MARK_KIND_STYLE}">{esc(x[2])}</span>')
        for x in errata:
            if x[1] == b:
                out.append(f'<sup class="rtc-erratum-ref" style="color:#b3001b;font-weight:600">[{esc(x[2])}]</sup>')
    html_text = "".join(out)
    return f"<strong>{html_text}</strong>" if HEADING.match(text) else html_text


#: Markdown in the captures: heading marks, bold, and link brackets and targets ("[name](#)")
MARKUP = re.compile(r"^#{1,6}[ \t]+|\*\*|\[(?=[^\]\n]*\]\([^)\n]*\))|\]\([^)\n]*\)")
HEADING = re.compile(r"^#{1,6}[ \t]+")
MARK_KIND_STYLE = ("border:1px solid #333;border-radius:3px;padding:0 4px;margin-left:3px;font-size:85%;"
                   "white-space:nowrap;color:#222;background:#fff")


def markup_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that are the capture's Markdown markup, which the reader leaves out when showing it.

    The article text itself is never changed (verbatim checks run on it); only its display skips these.

    Examples
    --------
    >>> t = "By [Olga Shylenko for AFP](#) and **EPA / TASS**"
    >>> "".join(ch for i, ch in enumerate(t) if not any(s <= i < e for s, e in markup_spans(t)))
    'By Olga Shylenko for AFP and EPA / TASS'
    >>> markup_spans("## **Moscow accusations**")
    [(0, 3), (3, 5), (23, 25)]
    """
    return [m.span() for m in MARKUP.finditer(text)]


def erratum_note(label: str, erratum: dict) -> str:
    """HTML explaining one erratum: the course's note under the paragraph (the source stays unchanged)."""
    return (
        f'<div class="rtc-erratum-note" style="border-left:3px solid #b3001b;padding:2px 8px;margin:4px 0;font-size:90%">'
        f'<b>[{esc(label)}] Error in the source ({esc(erratum.get("kind", "?"))}):</b> '
        f'\u201c{esc(erratum.get("text", ""))}\u201d<br>'
        f'<b>Problem:</b> {esc(erratum.get("problem", ""))}<br>'
        f'<b>Likely reading:</b> {esc(erratum.get("likely_reading", ""))}<br>'
        f'<b>How we know:</b> {esc(erratum.get("evidence", ""))}<br>'
        f'<i>This is the course\u2019s note; the source text above is shown unchanged.</i></div>'
    )


class ArticleView:
    """An article's text cut into paragraphs, with its errata located and labelled E1, E2, ...

    Errata are numbered in reading order. Errata whose text cannot be found are kept in
    ``unplaced`` so they can still be listed.
    """

    def __init__(self, article: dict, data: CourseData) -> None:
        self.article = article
        self.text: str = article.get("text", "")
        self.spans = paragraph_spans(self.text)
        found = []
        self.unplaced: list[dict] = []
        for err in sorted((e for e in data.errata.values() if e.get("article") == article.get("id")),
                          key=lambda e: e["id"]):
            span = find_span(err.get("text", ""), self.text)
            if span is None:
                self.unplaced.append(err)
            else:
                found.append((span, err))
        found.sort(key=lambda item: (item[0][0], item[1]["id"]))
        self.errata = [(f"E{i}", span, err) for i, (span, err) in enumerate(found, 1)]

    def paragraph_of(self, span: Span) -> list[int]:
        """Indexes of the paragraphs a span of the text touches."""
        return [i for i, (s, e) in enumerate(self.spans) if s < span[1] and span[0] < e]

    def render(self, index: int, marks: list[tuple[Span, str]], *, notes: bool = True) -> str:
        """HTML of paragraph ``index`` with the given highlights (absolute spans) and its errata."""
        s, e = self.spans[index]
        rel_marks = [(a - s, b - s, title) for (a, b), title in marks if a < e and s < b]
        here = [(label, span, err) for label, span, err in self.errata if span[0] < e and s < span[1]]
        rel_err = [(a - s, b - s, label, f'{err.get("kind", "")}: {err.get("problem", "")}')
                   for label, (a, b), err in here]
        html_text = render_paragraph(self.text[s:e], rel_marks, rel_err)
        if notes and here:
            html_text += "".join(erratum_note(label, err) for label, _span, err in here)
        return html_text


# --------------------------------------------------------------------------- the widget

def _resolve(value: Any, ids: list[str], names: dict[str, str]) -> str | None:
    """Match a learner's input to an id: exact id, then case-insensitive id or name, then a unique part."""
    if value is None:
        return None
    key = str(value).strip()
    if key in ids:
        return key
    low = key.lower()
    for i in ids:
        if i.lower() == low or names.get(i, "").lower() == low:
            return i
    if low:
        hits = [i for i in ids if low in names.get(i, "").lower() or low in i.lower()]
        if len(hits) == 1:
            return hits[0]
    return None


def _near(value: Any, ids: list[str]) -> str:
    near = difflib.get_close_matches(str(value).strip().lower(), ids, n=3, cutoff=0.5)
    return f" Did you mean {', '.join(repr(n) for n in near)}?" if near else ""


def _message(text_html: str) -> str:
    return (f'<div role="status" style="border:1px solid #b3001b;border-left-width:4px;padding:6px 10px;'
            f'font-family:{FONT}">{text_html}</div>')


def _header_html(article: dict) -> str:
    how = article.get("original_source", "original")
    notes = {
        "machine translation": "\u26a0 This text is a <b>machine translation</b>: the wording is not a human editor\u2019s, "
                               "and translation errors are part of the text (they are marked below, not fixed).",
        "reprint": "\u26a0 This is a <b>reprint</b>: the outlet republished another organisation\u2019s article.",
        "wire copy": "\u26a0 This is <b>wire copy</b>: a news agency wrote the story and the outlet published it.",
    }
    note = notes.get(how, "")
    note_html = (f'<div class="rtc-source-note" style="border-left:4px solid #E69F00;padding:4px 8px;margin:6px 0">'
                 f'{note}<br>{esc(article.get("source_note", ""))}</div>') if note else (
        f'<div style="margin:4px 0;font-size:90%">{esc(article.get("source_note", ""))}</div>')
    byline = article.get("byline")
    url = article.get("url")
    rows = [
        ("Outlet", esc(article.get("outlet", "?"))),
        ("Publisher", esc(article.get("publisher", "?"))),
        ("How the text reached the outlet", esc(how)),
        ("Byline", esc(byline) if byline else "<i>no byline in the text</i>"),
        ("Published", f'{esc(fmt_date(article.get("published", "?")))} '
                      f'<small>(how we know: {esc(article.get("published_basis", ""))})</small>'),
        ("Genre", esc(article.get("genre", "?"))),
        ("URL (as text; nothing is fetched)", f"<code>{esc(url)}</code>" if url else "<i>none in the text</i>"),
    ]
    table = "".join(f'<tr><th scope="row" style="text-align:left;padding-right:8px;vertical-align:top">{k}</th>'
                    f"<td>{v}</td></tr>" for k, v in rows)
    return (f'<div class="rtc-article-header" style="font-family:{FONT};line-height:1.4">'
            f'<h3 style="margin:4px 0">{esc(article.get("title", "?"))}</h3>'
            f'<table style="font-size:90%;border-collapse:collapse">{table}</table>{note_html}</div>')


def article_html(view: ArticleView, marks: list[tuple[Span, str]]) -> str:
    """HTML of the whole article: an ordered list of numbered paragraphs with highlights and errata."""
    items = []
    for i in range(len(view.spans)):
        items.append(f'<li id="rtc-p{i + 1}" style="margin:0 0 10px 0">'
                     f'<span style="color:#555;font-size:85%" aria-hidden="true">\u00b6{i + 1} </span>'
                     f'{view.render(i, marks)}</li>')
    tail = ""
    if view.unplaced:
        tail = ('<p><b>Errata we could not locate in this text:</b></p>'
                + "".join(erratum_note("?", err) for err in view.unplaced))
    return (f'<ol class="rtc-paragraphs" style="list-style:none;padding-left:0;font-family:{FONT};'
            f'line-height:1.5">{"".join(items)}</ol>{tail}')


def read_article(article_id: str, *, speaker: str | None = None, topic: str | None = None,
                 data: CourseData | None = None):
    """Show one source article: metadata, numbered paragraphs, highlighted statements, marked errata.

    Parameters
    ----------
    article_id : str
        ``"newsweek"``, ``"euronews"``, ``"moscowtimes"``, ``"polygraph"`` or ``"amn"`` (case and
        spaces are forgiven). An unknown id gives a friendly message listing the valid ids, not an error.
    speaker : str, optional
        An actor id (or name); that speaker's statements in this article are highlighted.
    topic : str, optional
        A topic id (or label); statements on that topic are highlighted. With ``speaker`` too, only
        statements matching both are highlighted.
    data : CourseData, optional
        Defaults to :func:`course_lib.load`.

    Returns
    -------
    ipywidgets.VBox
        With attributes ``speaker_filter`` and ``topic_filter`` (Dropdowns), ``header``,
        ``highlight_label`` and ``body`` (HTML widgets), and ``article`` (the record, or ``None``).

    Examples
    --------
    >>> import course_lib
    >>> r = course_lib.read_article("newsweek", speaker="reznikov")
    >>> "<mark" in r.body.value
    True
    >>> r.topic_filter.value = "nato-membership"     # only Reznikov's statements on NATO membership
    >>> r.highlight_label.value.count("Highlighted:")
    1
    >>> course_lib.read_article("newsweak").article is None   # a friendly message, not a traceback
    True
    """
    import ipywidgets as widgets

    data = data if data is not None else load()
    ids = list(data.articles)
    names = {i: f'{data.articles[i].get("outlet", "")}' for i in ids}
    art_id = _resolve(article_id, ids, names)
    if art_id is None:
        valid = ", ".join(f'<code>{esc(repr(i))}</code> ({esc(names[i])})' for i in ids)
        msg = widgets.HTML(_message(
            f"There is no article {esc(repr(article_id))} in the course.{esc(_near(article_id, ids))}<br>"
            f"Valid ids: {valid}.<br>Example: <code>course_lib.read_article('newsweek')</code>"))
        box = panel([msg], f"Article reader: no article {article_id!r}")
        box.article = None
        box.message = msg
        return box

    article = data.articles[art_id]
    view = ArticleView(article, data)
    statements = [s for s in data.statements.values() if s.get("article") == art_id]
    located: dict[str, Span | None] = {s["id"]: find_span(s.get("quote", ""), view.text) for s in statements}

    def actor_name(aid: str) -> str:
        return data.actors[aid].get("name", aid) if aid in data.actors else aid

    speaker_ids = sorted({s["actor"] for s in statements}, key=lambda a: (actor_name(a).lower(), a))
    topic_ids = [t for t in data.topics if any(t in s.get("topics", []) for s in statements)]
    speaker_opts = [("(nobody)", "")] + [
        (plain(f"{actor_name(a)} ({sum(s['actor'] == a for s in statements)})"), a) for a in speaker_ids]
    topic_opts = [("(any topic)", "")] + [
        (plain(f"{data.topics[t].get('label', t)} ({sum(t in s.get('topics', []) for s in statements)})"), t)
        for t in topic_ids]

    notes = []
    speaker_id = _resolve(speaker, speaker_ids, {a: actor_name(a) for a in speaker_ids}) if speaker else ""
    if speaker and speaker_id is None:
        all_ids = list(data.actors)
        other = _resolve(speaker, all_ids, {a: actor_name(a) for a in all_ids})
        who = esc(actor_name(other)) if other else esc(repr(speaker))
        notes.append(f"{who} has no statements in this article."
                     + ("" if other else esc(_near(speaker, all_ids)))
                     + f" Speakers here: {esc(', '.join(speaker_ids)) or 'none'}.")
        speaker_id = ""
    topic_id = _resolve(topic, topic_ids, {t: data.topics[t].get("label", t) for t in topic_ids}) if topic else ""
    if topic and topic_id is None:
        notes.append(f"No statements on topic {esc(repr(topic))} in this article."
                     f"{esc(_near(topic, list(data.topics)))} Topics here: {esc(', '.join(topic_ids)) or 'none'}.")
        topic_id = ""

    style = {"description_width": "initial"}
    speaker_dd = widgets.Dropdown(options=speaker_opts, value=speaker_id, description="Highlight speaker:",
                                  style=style, layout=widgets.Layout(width="auto"))
    topic_dd = widgets.Dropdown(options=topic_opts, value=topic_id, description="Highlight topic:",
                                style=style, layout=widgets.Layout(width="auto"))
    header = widgets.HTML(_header_html(article))
    label = widgets.HTML()
    body = widgets.HTML()
    notice = widgets.HTML(_message("<br>".join(notes)) if notes else "")

    def render(*_: Any) -> None:
        chosen = [s for s in statements
                  if (not speaker_dd.value or s["actor"] == speaker_dd.value)
                  and (not topic_dd.value or topic_dd.value in s.get("topics", []))]
        if not speaker_dd.value and not topic_dd.value:
            chosen = []
        chosen.sort(key=lambda s: (located[s["id"]] or (len(view.text), 0), s["id"]))
        marks = []
        where = []
        missing = []
        for s in chosen:
            span = located[s["id"]]
            kind = kind_name(s, bool(errata_for(data, s)))
            if span is None:
                missing.append(s)
                continue
            marks.append((span, f"{kind} \u2014 {actor_name(s['actor'])}"))
            paras = view.paragraph_of(span)
            label_p = f"\u00b6{paras[0] + 1}" if paras else "?"
            if label_p not in where:  # each paragraph once, however many statements it holds
                where.append(label_p)
        if not (speaker_dd.value or topic_dd.value):
            label.value = ('<p style="margin:4px 0"><i>Nothing highlighted. Choose a speaker or a topic '
                           'to highlight their statements.</i></p>')
        elif not chosen:
            label.value = ('<p role="status" aria-live="polite" style="margin:4px 0">No statements match '
                           'this speaker and topic in this article.</p>')
        else:
            who = f" by {esc(actor_name(speaker_dd.value))}" if speaker_dd.value else ""
            about = f" on {esc(data.topics[topic_dd.value].get('label', topic_dd.value))}" if topic_dd.value else ""
            counts = {}
            for s in chosen:
                k = kind_label(s.get("kind", "")).lower()
                counts[k] = counts.get(k, 0) + 1
            breakdown = ", ".join(f"{v} {PLURALS.get(k, k) if v != 1 else k}" for k, v in counts.items())
            n = len(chosen)
            text = (f"Highlighted: {n} statement{'s' if n != 1 else ''}{who}{about} ({breakdown})"
                    f"{' in ' + ', '.join(where) if where else ''}.")
            if missing:
                text += f" {len(missing)} could not be located in the text."
            label.value = (f'<p role="status" aria-live="polite" style="margin:4px 0">'
                           f'<mark style="{MARK_STYLE}">{text}</mark></p>')
        body.value = article_html(view, marks)

    speaker_dd.observe(render, "value")
    topic_dd.observe(render, "value")
    render()
    controls = widgets.HBox([speaker_dd, topic_dd], layout=widgets.Layout(flex_flow="row wrap", grid_gap="8px"))
    box = panel([header, notice, controls, label, body],
                f"Article reader: {article.get('title', art_id)} ({article.get('outlet', '')}, "
                f"{article.get('published', '')}); {len(view.spans)} paragraphs")
    box.article = article
    box.header, box.notice, box.highlight_label, box.body = header, notice, label, body
    box.speaker_filter, box.topic_filter = speaker_dd, topic_dd
    return box
