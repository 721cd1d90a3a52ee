"""Walk an ipywidgets tree (or a plotly figure) and collect every string the front end would receive.

Reusable by any test (no conftest needed: ``from widget_walk import ...`` works because pytest puts
``tests/`` on ``sys.path``).

* :func:`iter_widgets` yields every widget reachable through synced traits (children, layout, ...).
* :func:`widget_strings` returns ``(where, text)`` for every string in every synced trait: HTML values,
  Label values, descriptions, tooltips, placeholders, dropdown option labels (``_options_labels``),
  tab titles, Output widgets' stored outputs, plotly FigureWidget data, ...
* :func:`exercise` drives a widget like a learner: picks every option of every selection widget,
  types into text boxes, clicks every button, and collects the strings seen after each step.
* :func:`figure_strings` does the same for a plotly ``go.Figure`` (hover text, labels, titles).
* :func:`raw_markup` finds strings with raw ``<script`` or ``<img`` (i.e. not escaped).

Examples
--------
>>> import ipywidgets as w
>>> box = w.VBox([w.HTML("&lt;b&gt;"), w.Dropdown(options=["a", "b"], description="Pick")])
>>> sorted(t for _, t in widget_strings(box) if t in ("&lt;b&gt;", "Pick", "a", "b"))
['&lt;b&gt;', 'Pick', 'a', 'b']
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import ipywidgets as widgets
from ipywidgets import Widget

#: traits that are plumbing, not content
_SKIP = re.compile(r"^_(model|view)_(name|module|module_version)$|^_dom_classes$|^comm$|^keys$|^log$")
#: raw markup that must never reach the front end from data
_RAW = re.compile(r"<\s*(script|img)\b", re.IGNORECASE)
#: text boxes: their value is what the learner typed (shown as text, never as HTML), so not checked
INPUTS = (widgets.Text, widgets.Textarea, widgets.Combobox, widgets.Password)


def _synced(widget: Widget) -> list[str]:
    return [k for k in widget.keys if not _SKIP.match(k)]


def iter_widgets(root: Widget) -> Iterator[Widget]:
    """Yield ``root`` and every widget reachable from it through synced traits (depth first, once each)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        w = stack.pop()
        if id(w) in seen:
            continue
        seen.add(id(w))
        yield w
        found = []
        for name in _synced(w):
            found.extend(_widgets_in(getattr(w, name, None)))
        stack.extend(reversed(found))


def _widgets_in(value: Any) -> list[Widget]:
    if isinstance(value, Widget):
        return [value]
    if isinstance(value, (list, tuple)):
        return [v for item in value for v in _widgets_in(item)]
    if isinstance(value, dict):
        return [v for item in value.values() for v in _widgets_in(item)]
    return []


def _strings(value: Any, where: str, out: list[tuple[str, str]]) -> None:
    if isinstance(value, str):
        out.append((where, value))
    elif isinstance(value, bytes):
        out.append((where, value.decode("utf-8", "replace")))
    elif isinstance(value, Widget):
        return  # walked on its own
    elif isinstance(value, dict):
        for k, v in value.items():
            _strings(k, f"{where}.<key>", out)
            _strings(v, f"{where}.{k}", out)
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            _strings(v, f"{where}[{i}]", out)
    elif hasattr(value, "to_plotly_json"):
        _strings(value.to_plotly_json(), where, out)


def widget_strings(root: Widget, *, include_inputs: bool = False,
                   include_plain_outputs: bool = False) -> list[tuple[str, str]]:
    """Return ``(where, text)`` for every string in the synced traits of every widget under ``root``.

    ``where`` names the widget class, its position in the walk and the trait, e.g.
    ``"HTML#12.value"``. Left out unless asked for: values of text boxes (:data:`INPUTS`: what the
    learner typed) and the ``text/plain`` data of Output widgets' outputs (Jupyter always shows that
    mime type as text, so escaping it would show ``&lt;`` to the learner).
    """
    out: list[tuple[str, str]] = []
    for n, w in enumerate(iter_widgets(root)):
        for name in _synced(w):
            if name == "value" and isinstance(w, INPUTS) and not include_inputs:
                continue
            _strings(getattr(w, name, None), f"{type(w).__name__}#{n}.{name}", out)
    if not include_plain_outputs:
        out = [(where, text) for where, text in out if ".text/plain" not in where]
    return out


def figure_strings(fig: Any) -> list[tuple[str, str]]:
    """Return ``(where, text)`` for every string in a plotly figure (data, layout, frames).

    Accepts a ``go.Figure``/``FigureWidget`` or its dict form.
    """
    doc = fig.to_plotly_json() if hasattr(fig, "to_plotly_json") else fig
    out: list[tuple[str, str]] = []
    _strings(doc, "figure", out)
    return out


def raw_markup(strings: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Return the entries whose text contains raw (unescaped) ``<script`` or ``<img``.

    Examples
    --------
    >>> raw_markup([("a", "&lt;script&gt;"), ("b", "x <img src=x>")])
    [('b', 'x <img src=x>')]
    """
    return [(where, text) for where, text in strings if _RAW.search(text)]


_SELECTIONS = (widgets.Dropdown, widgets.Select, widgets.RadioButtons, widgets.ToggleButtons,
               widgets.SelectionSlider)


def exercise(root: Widget, *, typed: tuple[str, ...] = ("",), rounds: int = 2,
             max_actions: int = 3000) -> list[tuple[str, str]]:
    """Drive a widget tree like a learner and collect every string seen along the way.

    In each round, for every selection widget (dropdown, radio buttons, ...) each option is chosen in
    turn, every text box gets each of ``typed``, every checkbox/toggle is flipped, and after each such
    change every enabled button in the tree is clicked. Multi-selects get each single option. Strings
    are collected after every step (so content shown only after a click is included). Widgets that
    appear after a click are found in the next round.

    Returns
    -------
    list of (where, text)
        Everything :func:`widget_strings` saw at any step (duplicates removed).
    """
    seen: dict[tuple[str, str], None] = {}
    actions = 0

    def collect() -> None:
        for item in widget_strings(root):
            seen.setdefault(item, None)

    def click_all() -> None:
        nonlocal actions
        for b in [w for w in iter_widgets(root) if isinstance(w, widgets.Button)]:
            if actions >= max_actions:
                return
            if not b.disabled:
                b.click()
                actions += 1
                collect()

    collect()
    for _ in range(rounds):
        click_all()
        for w in list(iter_widgets(root)):
            if actions >= max_actions:
                break
            if getattr(w, "disabled", False):
                continue
            if isinstance(w, _SELECTIONS):
                choices = [v for _, v in w._options_full] if hasattr(w, "_options_full") else list(w.options)
                for value in choices:
                    w.value = value
                    actions += 1
                    collect()
                    click_all()
            elif isinstance(w, widgets.SelectMultiple):
                for value in [v for _, v in w._options_full]:
                    w.value = (value,)
                    actions += 1
                    collect()
                    click_all()
            elif isinstance(w, INPUTS):
                for text in typed:
                    w.value = text
                    actions += 1
                    collect()
                    click_all()
            elif isinstance(w, (widgets.Checkbox, widgets.ToggleButton)):
                w.value = not w.value
                actions += 1
                collect()
                click_all()
    return list(seen)
