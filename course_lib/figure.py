"""The figure class every course plot returns: a ``go.Figure`` that displays itself cheaply.

Displaying an ordinary ``go.Figure`` in Jupyter goes through ``plotly.io.renderers``, whose import also
imports ``nbformat`` and, through it, ``jsonschema`` with all its format checkers: close to a second
of start-up in a fresh kernel, before the first chart appears. :class:`CourseFigure` builds the same
display bundle directly instead (the ``application/vnd.plotly.v1+json`` mime type, with the course's
plotly.js :data:`~course_lib.theme.CONFIG`, plus a one-line ``text/plain`` for viewers that cannot draw
it), so no plotly.js is embedded in notebook outputs and nothing is loaded from a CDN.

Accessibility: the bundle's ``layout.meta.a11y.description`` says that a text version follows. plotly.js
sets no ARIA itself; the course's JupyterLab extension (``reading-the-crisis-a11y``, loaded by JupyterLab,
Voila and JupyterLite) reads it and gives the figure ``role="figure"``, its title as accessible name, that
description, and a link to the text version (the next text output, printed by the next cell).

Everything else is plain plotly: ``fig.update_layout(...)``, ``fig.show()`` and ``go.Figure(fig)`` work
as usual. This module imports plotly, so the package imports it only when a figure is built.

Examples
--------
>>> fig = CourseFigure(layout={"title": {"text": "Demo"}})
>>> sorted(fig._repr_mimebundle_())
['application/vnd.plotly.v1+json', 'text/plain']
"""
from __future__ import annotations

import html
import json
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from .theme import CONFIG

#: what a screen reader hears as the description of every course figure (its name is the title)
A11Y_DESCRIPTION = ("Interactive chart. The same information as text is the next output, after this chart; "
                    "use the link \"Go to the text version of this figure\" to go there.")


def figure_bundle(fig: go.Figure) -> dict[str, Any]:
    """The display bundle of a figure: the plotly mime type with the course config, and a text line.

    Parameters
    ----------
    fig : go.Figure
        Any plotly figure.

    Returns
    -------
    dict
        ``{"application/vnd.plotly.v1+json": {...}, "text/plain": "[Interactive figure: ...]"}``.

    Examples
    --------
    >>> bundle = figure_bundle(go.Figure(layout={"title": {"text": "Troops <b>now</b>"}}))
    >>> bundle["text/plain"]
    '[Interactive figure: Troops <b>now</b>. Its text version is in the next output.]'
    """
    fig_dict = fig.to_dict()
    fig_dict["config"] = dict(CONFIG)
    title = fig_dict.get("layout", {}).get("title") or {}
    text = title.get("text") if isinstance(title, dict) else str(title)
    name = html.unescape(text or "untitled").replace("<br>", " ")
    layout = fig_dict.setdefault("layout", {})
    meta = layout.get("meta") if isinstance(layout.get("meta"), dict) else {}
    layout["meta"] = {**meta, "a11y": {"description": A11Y_DESCRIPTION}}
    payload = json.loads(pio.to_json(fig_dict, validate=False, remove_uids=False))
    return {"application/vnd.plotly.v1+json": payload,
            "text/plain": f"[Interactive figure: {name}. Its text version is in the next output.]"}


class CourseFigure(go.Figure):
    """A ``go.Figure`` shown through the plotly mime type without importing ``plotly.io.renderers``.

    Examples
    --------
    >>> fig = CourseFigure()
    >>> isinstance(fig, go.Figure)
    True
    """

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None, validate: bool = True,
                          **kwargs: Any) -> dict[str, Any]:
        return figure_bundle(self)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(figure_bundle(self), raw=True)
