"""The learner's notes: a labelled text box that saves with their progress (and so goes into the hand-in).

``course_lib.notes("02-why-figures-differ", "Why might two figures for the same buildup differ?")`` shows
the prompt, a text box and a "Save notes" button. Notes are saved when the learner presses the button or
leaves the box (Tab away), to the progress file under ``results["notes"][key]``; making the widget again,
say after a restart, shows what was saved. Notes are never graded. Nothing to learn about Markdown cells,
and nothing to lose when a notebook is reset.

Examples
--------
>>> import os, tempfile
>>> w = notes("demo", "What did you notice?", progress=os.path.join(tempfile.mkdtemp(), "p.json"))
>>> w.text.value = "Two sources give two numbers."
>>> w.save_button.click()
>>> "Saved" in w.status.value
True
>>> notes("demo", "What did you notice?", progress=w.store.path).text.value
'Two sources give two numbers.'
"""
from __future__ import annotations

import os
from typing import Any

from .progress import store_for
from .ui import FONT, esc, live, notes_html, panel

KIND = "notes"
MAX_CHARS = 20_000


def notes(key: str, prompt: str, *, progress: bool | str | os.PathLike[str] = True, rows: int = 4):
    """A labelled, saved text box for the learner's own notes (not graded).

    Parameters
    ----------
    key : str
        Where the notes are saved (e.g. the notebook and section: ``"03-denials"``).
    prompt : str
        The question the notes answer; it is also the text box's accessible name.
    progress : bool or path
        As for :func:`course_lib.quiz`: True saves to the learner's progress file, False keeps nothing.
    rows : int
        The box's height in lines.

    Returns
    -------
    ipywidgets.VBox
        With ``.text`` (the Textarea), ``.save_button``, ``.status`` (a live region) and ``.store``.
    """
    import ipywidgets as widgets

    store = store_for(progress)
    saved = store.results(KIND).get(key, {}) if store is not None else {}
    text = widgets.Textarea(value=saved.get("text", "") if isinstance(saved.get("text"), str) else "",
                            placeholder="Type your notes here", rows=rows, continuous_update=False,
                            description="Your notes:", style={"description_width": "initial"},
                            layout=widgets.Layout(width="100%", max_width="48em"))
    label = widgets.HTML(f"<p style=\"font-family:{FONT};margin:4px 0\"><strong>Notes (not graded):</strong> "
                         f"{esc(prompt)}</p>")
    save = widgets.Button(description="Save notes", icon="save", tooltip="Save your notes with your progress")
    status = live(widgets.HTML(""))  # announced when it changes (a live region from the start)

    def do_save(_: Any = None) -> None:
        if store is None:
            status.value = f"<div style=\"font-family:{FONT}\">Not saved (no progress file).</div>"
            return
        store.record_result(KIND, key, {"prompt": prompt, "text": text.value[:MAX_CHARS]})
        extra = notes_html(store.notes) if store.notes else ""
        status.value = f"<div style=\"font-family:{FONT}\">Saved with your progress.{extra}</div>"

    save.on_click(do_save)
    text.observe(lambda change: do_save() if change["new"] != change["old"] else None, "value")
    box = panel([label, text, save, status], f"Notes: {prompt}")
    box.text, box.save_button, box.status, box.store = text, save, status, store
    return box


def report_section(handins: list[dict[str, Any]]) -> dict[str, str]:
    """The class report's section of learners' notes: for each notes box, every learner's text (escaped).

    Examples
    --------
    >>> sec = report_section([{"learner": "Ada", "results": {"notes": {"00-12": {"prompt": "Who wrote it?",
    ...                                                                            "text": "AFP <b>"}}}}])
    >>> sec["id"], "AFP &lt;b&gt;" in sec["html"], "Ada: AFP <b>" in sec["text"]
    ('notes', True, True)
    """
    from .handins_io import display_name

    boxes: dict[str, dict[str, Any]] = {}
    for h in handins:
        results = h.get("results") if isinstance(h, dict) else None
        notes_kind = results.get(KIND) if isinstance(results, dict) else None
        if not isinstance(notes_kind, dict):
            continue
        who = display_name(h.get("learner") or "(no name)")
        for key, rec in sorted(notes_kind.items()):
            if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or not rec["text"].strip():
                continue
            box = boxes.setdefault(str(key), {"prompt": str(rec.get("prompt", ""))[:300], "answers": []})
            box["answers"].append((who, rec["text"][:MAX_CHARS]))
    if not boxes:
        body = "<p>No learner has handed in notes.</p>"
        text = "No learner has handed in notes."
    else:
        parts, lines = [], []
        for key, box in boxes.items():
            items = "".join(f"<li><strong>{esc(who)}</strong>: {esc(t)}</li>" for who, t in box["answers"])
            parts.append(f"<h3>{esc(key)}: {esc(box['prompt'])}</h3><ul>{items}</ul>")
            lines.append(f"{key}: {box['prompt']}")
            lines += [f"  {who}: {t}" for who, t in box["answers"]]
        body = "".join(parts)
        text = "\n".join(lines)
    intro = ("<p>Learners' notes, as typed (not graded). Notes are read-only here; names and text are shown "
             "exactly as handed in, escaped.</p>")
    return {"id": "notes", "title": "Learners' notes", "html": intro + body, "text": text}
