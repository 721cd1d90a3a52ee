"""A list the learner puts in order with "Move up" / "Move down" buttons (the ordering question's control).

One row per item: its position, its text, and two buttons. Keyboard use is the browser's own: Tab to a
button, Enter or Space to press it; after a move, focus follows the item that moved, and a live region
says where it went ("“…” is now 2 of 5"), so a screen-reader user hears the result. Nothing is dragged,
so it works the same with a mouse, a touchscreen, a keyboard or a switch.

Examples
--------
>>> from course_lib.reorder import ReorderList
>>> w = ReorderList([("First event", "a"), ("Second event", "b"), ("Third event", "c")])
>>> w.value
('a', 'b', 'c')
>>> w.move(2, -1)            # "Move up" on row 3
>>> w.value
('a', 'c', 'b')
>>> w.announce.value.count("is now 2 of 3")
1
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets
import traitlets

from .ui import FONT, esc, live

ROW_CSS = "display:flex;align-items:center;gap:8px;font-family:{font}"


class ReorderList(widgets.VBox):
    """An ordered list of ``(label, id)`` items with buttons that move each item up or down.

    Parameters
    ----------
    items : sequence of (str, str)
        The labels (plain text, escaped when shown) and ids, in the order first shown.
    description : str
        The list's accessible name, read before the rows (e.g. "Earliest first").

    Attributes
    ----------
    value : tuple of str
        The ids in the order the learner has put them.
    disabled : bool
        Locks every button (a checked question).
    """

    value = traitlets.Tuple()
    disabled = traitlets.Bool(False)

    def __init__(self, items: Sequence[tuple[str, str]], description: str = "Order") -> None:
        self._labels = {ident: label for label, ident in items}
        self.rows: list[dict[str, Any]] = []
        n = len(items)
        children: list[Any] = [widgets.HTML(f"<p style=\"margin:2px 0;font-family:{FONT}\">"
                                            f"<strong>{esc(description)}</strong></p>")]
        for k in range(n):
            text = widgets.HTML(layout=widgets.Layout(flex="1 1 auto"))
            up = widgets.Button(description="Move up", icon="arrow-up", disabled=k == 0,
                                layout=widgets.Layout(width="auto", min_height="32px", flex="0 0 auto"))
            down = widgets.Button(description="Move down", icon="arrow-down", disabled=k == n - 1,
                                  layout=widgets.Layout(width="auto", min_height="32px", flex="0 0 auto"))
            up.on_click(lambda _b, k=k: self.move(k, -1))
            down.on_click(lambda _b, k=k: self.move(k, +1))
            row = widgets.HBox([text, up, down], layout=widgets.Layout(align_items="center", margin="2px 0"))
            self.rows.append({"text": text, "up": up, "down": down})
            children.append(row)
        self.announce = live(widgets.HTML(""))  # a live region that exists, empty, before the first move
        children.append(self.announce)
        super().__init__(children, layout=widgets.Layout(width="auto", max_width="100%"))
        self.value = tuple(ident for _label, ident in items)

    @traitlets.observe("value", "disabled")
    def _redraw(self, _change: Any = None) -> None:
        n = len(self.value)
        for k, (row, ident) in enumerate(zip(self.rows, self.value)):
            label = self._labels.get(ident, ident)
            row["text"].value = (f"<div style=\"{ROW_CSS.format(font=FONT)}\"><strong>{k + 1}.</strong> "
                                 f"<span>{esc(label)}</span></div>")
            row["up"].tooltip = f"Move up: {label}"
            row["down"].tooltip = f"Move down: {label}"
            row["up"].disabled = self.disabled or k == 0
            row["down"].disabled = self.disabled or k == n - 1

    def move(self, index: int, step: int) -> None:
        """Move the item at ``index`` by ``step`` (-1 up, +1 down); focus follows it; the move is announced."""
        target = index + step
        if self.disabled or not 0 <= index < len(self.value) or not 0 <= target < len(self.value):
            return
        order = list(self.value)
        order[index], order[target] = order[target], order[index]
        self.value = tuple(order)
        label = self._labels.get(order[target], order[target])
        self.announce.value = (f"<div style=\"font-family:{FONT}\">“{esc(label)}” is now {target + 1} of "
                               f"{len(order)}.</div>")
        button = self.rows[target]["up" if step < 0 else "down"]
        if button.disabled:  # at the top or bottom: the other button of the same row keeps the focus
            button = self.rows[target]["down" if step < 0 else "up"]
        if hasattr(button, "focus"):
            button.focus()

    def set_order(self, ids: Sequence[Any] | None) -> bool:
        """Show ``ids`` in that order if they are exactly this list's ids (and say so); else change nothing."""
        fits = (ids is not None and all(isinstance(i, str) for i in ids) and len(ids) == len(self.value)
                and sorted(ids) == sorted(self.value))
        if fits:
            self.value = tuple(ids)
        return fits
