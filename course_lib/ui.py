"""One look for every widget and plot: the side palette, markers, escaping and a compact panel.

The palette is Okabe & Ito's colour-blind-safe set; every side also has a marker shape and a
text symbol, so colour is never the only signal. The Okabe-Ito hue (``"color"``) is for marks (markers,
borders, lines); text is written in ``"text"``, a darker shade of the same hue with at least 4.5:1 contrast
on white and on the light greys the widgets use (WCAG 2.2 AA), since several hues are too light for text
(e.g. #E69F00 is 2.25:1 on white).

:data:`STYLE` is the course's one style sheet (24 x 24 px targets for radio buttons and tick boxes); a
widget that needs it puts :func:`style_tag` into one of its HTML parts, and :func:`panel` marks every
course panel with the ``rtc`` class it is scoped to. :func:`live` makes an HTML widget a live region.
:func:`fold` shows long material folded (a closed section the learner opens).
"""
from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path
from typing import Any

#: side id -> label, colour (Okabe-Ito, for marks), text colour (same hue, >= 4.5:1 on #EEEEEE and lighter),
#: plotly marker symbol, text symbol for HTML and text twins
SIDES: dict[str, dict[str, str]] = {
    "russia": {"label": "Russia", "color": "#D55E00", "text": "#AF4D00", "marker": "square", "symbol": "■"},
    "separatists": {"label": "Separatists (Donetsk and Luhansk)", "color": "#CC79A7", "text": "#AE427E",
                    "marker": "diamond", "symbol": "◆"},
    "ukraine": {"label": "Ukraine", "color": "#0072B2", "text": "#006FAD", "marker": "circle", "symbol": "●"},
    "west": {"label": "West (US, UK, NATO, EU states)", "color": "#009E73", "text": "#007A59", "marker": "triangle-up",
             "symbol": "▲"},
    "international": {"label": "International bodies", "color": "#555555", "text": "#555555", "marker": "x",
                      "symbol": "✕"},
}
#: the style for figures and claims stated in a reporter's own voice (actors of kind "media")
MEDIA_STYLE = {"label": "Reporter / outlet", "color": "#E69F00", "text": "#8D6100", "marker": "star", "symbol": "★"}
#: the style for a figure the article's wording attributes ambiguously (``claimed_by_alternative`` in figures.json)
AMBIGUOUS_STYLE = {"label": "Attribution ambiguous in the article", "color": "#5A5A5A", "text": "#5A5A5A",
                   "marker": "hexagram", "symbol": "\u2736"}
#: every style an actor can have, by key: the sides, and "media" for outlets
STYLES: dict[str, dict[str, str]] = {**SIDES, "media": MEDIA_STYLE}

#: text colour for anything without a side (unknown speakers): 7.5:1 on white
TEXT_GREY = "#555555"
#: the course's style sheet, scoped to course panels (class ``rtc``): 24 x 24 px targets (WCAG 2.2 AA 2.5.8)
#: for radio buttons and tick boxes, whose ipywidgets default is 13 px
STYLE = (".rtc input[type=radio], .rtc input[type=checkbox] {width: 24px; height: 24px; margin: 0 8px 0 0; "
         "flex: none; cursor: pointer} "
         ".rtc .widget-radio-box label {display: flex; align-items: center; min-height: 28px; height: auto; "
         "white-space: normal; line-height: 1.35; margin: 2px 0} "
         ".rtc .widget-radio-box label input {order: -1} "
         ".rtc .widget-checkbox {min-height: 28px; align-items: center} "
         # folded text versions (ipywidgets Accordion): the default grey header text fails 4.5:1
         ".rtc .jupyter-widget-Collapse-header {color: #1a1a1a; background: #f0f0f0} "
         ".rtc .jupyter-widget-Collapse-header span {color: #1a1a1a}")
#: the class :func:`live` puts on a widget; the course's JupyterLab extension makes it role="status"
LIVE_CLASS = "rtc-live"

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"


def esc(value: Any) -> str:
    """HTML-escape any value from data before it goes into an HTML widget.

    Examples
    --------
    >>> esc("<script>alert(1)</script>")
    '&lt;script&gt;alert(1)&lt;/script&gt;'
    """
    return html.escape(str(value), quote=True)


def plain(value: Any) -> str:
    """Make a data string safe for PLAIN-TEXT controls (radio and dropdown labels, descriptions, tooltips).

    Those controls show text, not HTML, so escaping would show ``&amp;`` to the learner; instead the
    two characters that could start markup, ``<`` and ``>``, become the look-alikes ``‹`` and ``›``
    (the course's data has none of either, so in practice nothing changes).

    Examples
    --------
    >>> plain("<b>NATO</b>")
    '‹b›NATO‹/b›'
    """
    return str(value).replace("<", "\u2039").replace(">", "\u203a")


def notes_html(notes: list[str]) -> str:
    """The progress store's notes (e.g. "could not be saved") as status lines with a warning sign.

    Examples
    --------
    >>> html = notes_html(["a < b"])
    >>> html.startswith('<p role="status"') and html.endswith("⚠ a &lt; b</p>")
    True
    """
    return "".join(f"<p role=\"status\" style=\"margin:2px 0;font-family:{FONT}\">⚠ {esc(n)}</p>" for n in notes)


def style_key(actor: dict[str, Any]) -> str:
    """The :data:`STYLES` key of an actor: ``"media"`` for an outlet, else its side.

    Examples
    --------
    >>> style_key({"kind": "media", "side": "west"}), style_key({"kind": "person", "side": "ukraine"})
    ('media', 'ukraine')
    """
    return "media" if actor.get("kind") == "media" else actor.get("side", "")


def side_badge(side: str) -> str:
    """Return an HTML badge for a side (or ``"media"``): symbol plus label, coloured (colour is redundant to the text).

    Examples
    --------
    >>> "Ukraine" in side_badge("ukraine")
    True
    """
    s = STYLES.get(side, {"label": side, "text": TEXT_GREY, "symbol": "?"})
    return (f'<span class="rtc-side" style="color:{s["text"]};font-weight:600">'
            f'{esc(s["symbol"])} {esc(s["label"])}</span>')


def style_tag() -> str:
    """The course's :data:`STYLE` as a ``<style>`` element, to put into a widget's HTML part.

    Examples
    --------
    >>> style_tag().startswith("<style>.rtc input[type=radio]")
    True
    """
    return f"<style>{STYLE}</style>"


def live(widget: Any) -> Any:
    """Mark an HTML widget as a live region (``role="status"``) and return it.

    The widget's own element becomes the region, so it exists (empty) before its text changes, which is
    what screen readers need to announce the change. ipywidgets cannot set ARIA attributes from Python: the
    ``rtc-live`` class is turned into ``role="status"`` by the course's JupyterLab extension
    (``course_lib/tools/jupyter/labextensions/reading-the-crisis-a11y``), which JupyterLab, Voila and
    JupyterLite load.

    Examples
    --------
    >>> import ipywidgets as w
    >>> "rtc-live" in live(w.HTML(""))._dom_classes
    True
    """
    widget.add_class(LIVE_CLASS)
    return widget


@lru_cache(maxsize=None)
def _panel_class() -> type:
    import ipywidgets as widgets

    class Panel(widgets.VBox):
        """A VBox with a short plain-text repr (what Jupyter stores as the output's text/plain)."""

        def __init__(self, children: list, summary: str, **kwargs: Any) -> None:
            super().__init__(children=children, **kwargs)
            self._summary = summary

        def __repr__(self) -> str:
            return self._summary

    return Panel


def panel(children: list, summary: str, **layout: Any):
    """A VBox whose plain-text repr is ``summary`` (short and stable in stored notebook outputs).

    Examples
    --------
    >>> import ipywidgets as w
    >>> p = panel([w.HTML("hi")], "A greeting")
    >>> repr(p)
    'A greeting'
    """
    import ipywidgets as widgets

    kwargs = {"layout": widgets.Layout(**layout)} if layout else {}
    box = _panel_class()(list(children), summary, **kwargs)
    box.add_class("rtc")  # the scope of the course's STYLE
    return box


def text_block_html(text: str) -> str:
    """A text twin shown as wrapped plain text: line breaks kept, words never split across lines.

    Examples
    --------
    >>> text_block_html("a < b").startswith('<pre class="rtc-text-twin"')
    True
    """
    return ('<pre class="rtc-text-twin" style="white-space:pre-wrap;overflow-wrap:break-word;word-break:normal;'
            f'font-family:{FONT};font-size:inherit;line-height:1.45;margin:4px 0">{esc(text)}</pre>')


#: the classroom styles, one file shared with the Voila "course" template (see that file's header)
CLASSROOM_CSS = Path(__file__).resolve().parent / "tools" / "jupyter" / "voila" / "templates" / "course" / "classroom.css"


def present_toggle(on: bool = False):
    """A "Present" switch for a teacher who projects JupyterLab: large text, one column, as in classroom mode.

    The switch puts the course's classroom styles (:data:`CLASSROOM_CSS`, the same file as the
    ``make present`` template) on the page while it is on, and takes them off again; nothing else
    changes, and it affects only this browser tab.

    Examples
    --------
    >>> w = present_toggle()
    >>> w.switch.value, w.style.value
    (False, '')
    >>> w.switch.value = True
    >>> w.style.value.startswith("<style>")
    True
    """
    import ipywidgets as widgets

    css = CLASSROOM_CSS.read_text(encoding="utf-8")
    switch = widgets.ToggleButton(value=False, description="Present: large text", icon="television",
                                  tooltip="Large text and one column, for a projector (this tab only)")
    style = widgets.HTML("")

    def apply(_change: Any = None) -> None:
        style.value = f"<style>{css}</style>" if switch.value else ""

    switch.observe(apply, "value")
    switch.value = on
    apply()
    box = panel([switch, style], "Present switch (large text for a projector)")
    box.switch, box.style = switch, style
    return box


class FoldedText:
    """A long text shown folded: a closed ``<details>`` whose summary names it (see :func:`fold`).

    Displayed as HTML: the text in :func:`text_block_html` under the summary, so a stored output read
    without a kernel (GitHub, nbviewer, the static site) still carries every word. The plain-text form
    names the section only: a second copy of a long text would double the notebook's stored output.
    """

    def __init__(self, text: str, title: str) -> None:
        self.text, self.title = text, title

    def _repr_html_(self) -> str:
        return (f'<details class="rtc-fold"><summary style="cursor:pointer;font-weight:600;font-family:{FONT}">'
                f'{esc(self.title)}</summary>{text_block_html(self.text)}</details>')

    def __repr__(self) -> str:
        return f"{self.title} (folded: {len(self.text.splitlines())} lines)"


def fold(content: Any, title: str | None = None) -> Any:
    """Show long material folded: closed until the learner opens it, and still all there when opened.

    The course's one way to keep material that a lesson does not need in full available but out of
    the way (an article to read in full, a text version, a comparison for an extension). A text is
    shown as a closed ``<details>`` (a stored output that also reads without a kernel); a widget goes
    into a closed Accordion. Either way the learner opens it with a click, or with Tab and Enter.

    Parameters
    ----------
    content : str or ipywidgets.Widget
        The text (e.g. ``course_lib.timeline_text(...)``) or the widget (e.g. ``course_lib.read_article(...)``).
    title : str, optional
        What the closed section says it holds. Defaults to the widget's own one-line summary for a
        course panel (what :func:`panel` was given); required for a text or any other widget.

    Returns
    -------
    FoldedText or ipywidgets.VBox
        For a text, a :class:`FoldedText`. For a widget, a course panel with ``.accordion`` (closed:
        ``selected_index`` is None) and ``.content``.

    Raises
    ------
    ValueError
        If no title is given and the content has no summary of its own.
    TypeError
        If the content is neither a text nor a widget.

    Examples
    --------
    >>> fold("line one\\nline two", "Text version")
    Text version (folded: 2 lines)
    >>> "<details" in fold("a < b", "T")._repr_html_() and "open" not in fold("a < b", "T")._repr_html_()
    True
    >>> import ipywidgets as w
    >>> box = fold(panel([w.HTML("hi")], "A greeting"))
    >>> box.accordion.selected_index is None, box.accordion.titles
    (True, ('A greeting',))
    """
    import ipywidgets as widgets

    if isinstance(content, str):
        if not title:
            raise ValueError("fold(text) needs a title: what does the closed section hold?")
        return FoldedText(content, title)
    if not isinstance(content, widgets.Widget):
        raise TypeError(f"fold() takes a text or a widget, not {type(content).__name__}")
    title = title or getattr(content, "_summary", None)
    if not title:
        raise ValueError("fold(widget) needs a title for a widget that is not a course panel")
    accordion = widgets.Accordion(children=[content], titles=(plain(title),), selected_index=None)
    box = panel([widgets.HTML(style_tag()), accordion], f"Folded: {title}")
    box.accordion, box.content = accordion, content
    return box
