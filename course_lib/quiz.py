"""Quizzes: ``course_lib.quiz("03-voices-side-by-side")`` returns an interactive quiz widget.

The answer key lives in ``data/quizzes/<name>.json`` (schema: ``data/schemas/quizzes.schema.json``),
never in a notebook; the widget's text repr is only ``"Quiz: <title> — <n> questions"``, and nothing
of the key is put into a widget until the learner checks an answer.

Question types and their controls (all standard ipywidgets, so all keyboard-usable and labelled):

==========  ============================================================================
single      ``RadioButtons`` (one answer)
multiple    one ``Checkbox`` per option (tick every answer that applies)
numeric     a ``Text`` box, read by :func:`course_lib.answers.parse_number`
ordering    one ``Dropdown`` per position ("Position 1 (earliest)" ...), items listed above
matching    one ``Dropdown`` per item ("Item 1 matches"), the item shown above it
==========  ============================================================================

Every question has "Show hint" (usable before answering), "Check answer" and "Try again". A check
shows feedback for every option (why it is right or wrong, from the data), then the course's
explanation and the verbatim source quote(s), each cited with outlet, date and headline.

Scoring (shown above and below the questions): a question counts as *answered correctly* if its
latest check was right; the score line also gives how many were right at the first try and how many
checks were made in all. "Try again" clears the question for a new answer but does not change the
score until the next check. An answer that cannot be checked (nothing chosen, an unreadable number)
gets a friendly message and does not count as a check.

Progress: with ``progress=True`` (the default) every check is saved to the learner's progress file
(:mod:`course_lib.progress`); a quiz made again -- say after a kernel restart -- shows the earlier
answers, their feedback and the score. With no saved progress the widget is identical every time.

Widget anatomy (for tests and for other widgets; no module state is kept):

* the returned panel has ``.quiz_name``, ``.title``, ``.questions`` (the question boxes),
  ``.score`` and ``.score_bottom`` (HTML), ``.message`` (HTML: progress warnings), ``.store``
  (the :class:`~course_lib.progress.ProgressStore` or None) and ``.score_counts()``
  -> ``(correct, first_try, checks, total)``;
* each question box has ``.question_id``, ``.qtype``, ``.prompt`` (HTML), ``.answer_control``,
  ``.hint_button``, ``.hint`` (HTML), ``.check_button``, ``.retry_button``, ``.feedback`` (HTML),
  ``.explanation`` (HTML), ``.status`` (HTML), ``.controller`` (attempts, correct, first_try), and by
  type ``.option_ids`` (display order) and ``.checkboxes`` (multiple), ``.dropdowns`` (ordering,
  matching), ``.pair_order`` (matching: the data's pair index shown at each place).

Examples
--------
>>> import course_lib
>>> w = course_lib.quiz("_demo", progress=False)
>>> repr(w)
'Quiz: Demo quiz: one question of every type — 5 questions'
>>> box = w.questions[2]                 # the numeric question
>>> box.answer_control.value = "about 70,000"
>>> box.check_button.click()
>>> "Correct" in box.feedback.value, w.score_counts()
(True, (1, 1, 1, 5))
"""
from __future__ import annotations

import difflib
import json
import random
import re
from pathlib import Path
from typing import Any

from .answers import Grade, format_number, grade
from .errors import DataError
from .paths import data_dir
from .progress import ProgressStore, store_for
from .theme import fmt_date as theme_fmt_date
from .ui import FONT, esc, live, notes_html, panel, plain, style_tag

#: quiz names are file stems: kebab-case, optionally with a leading underscore (demos)
NAME = re.compile(r"^_?[a-z0-9][a-z0-9-]*$")
INSTRUCTIONS = {
    "single": "Choose one answer.",
    "multiple": "Tick every answer that applies.",
    "numeric": "Type a number.",
    "ordering": "Put these in time order, earliest first: choose one for each position.",
    "matching": "Match each item: choose from the list below it.",
}
RIGHT = "#1B7837"   # green, always with ✔ and words
WRONG = "#B2182B"   # red, always with ✘ and words
INFO = "#555555"


# ---------------------------------------------------------------------------------------------- data
def quizzes_dir(folder: str | Path | None = None) -> Path:
    """The folder holding the quiz files (``<data>/quizzes``)."""
    return (Path(folder) if folder is not None else data_dir()) / "quizzes"


def quiz_names(folder: str | Path | None = None) -> list[str]:
    """Names of the available quizzes (file stems), sorted.

    Examples
    --------
    >>> "_demo" in quiz_names()
    True
    """
    from .validate import quiz_files

    return [p.stem for p in quiz_files(folder) if NAME.match(p.stem)]


def load_quiz(name: str, folder: str | Path | None = None, data: Any = None) -> dict[str, Any]:
    """Read and validate one quiz file.

    Parameters
    ----------
    name : str
        The quiz's file stem, e.g. ``"03-voices-side-by-side"`` (``".json"`` may be added).
    folder : str or Path, optional
        A data folder laid out like the package's ``data/``.
    data : CourseData, optional
        The loaded course data (loaded from ``folder`` if not given), for validation.

    Raises
    ------
    ValueError
        If there is no such quiz; the message lists the available quiz names.
    DataError
        If the quiz file is not valid (names the file, question and field).

    Examples
    --------
    >>> load_quiz("_demo")["questions"][0]["type"]
    'single'
    >>> try:
    ...     load_quiz("03-voices-sid")
    ... except ValueError as err:
    ...     print(str(err).split(".")[0])
    There is no quiz called '03-voices-sid'
    """
    names = quiz_names(folder)
    stem = name[:-5] if isinstance(name, str) and name.endswith(".json") else name
    if not isinstance(stem, str) or not NAME.match(stem) or stem not in names:
        near = difflib.get_close_matches(str(stem), names, n=1, cutoff=0.5) if isinstance(stem, str) else []
        hint = f" Did you mean {near[0]!r}?" if near else ""
        listed = ", ".join(repr(n) for n in names) or "(none)"
        raise ValueError(f"There is no quiz called {str(stem)[:80]!r}.{hint} Available quizzes: {listed}.")
    from .data import load, read_json
    from .validate import validate_quiz

    rel = f"quizzes/{stem}.json"
    doc = read_json(quizzes_dir(folder).parent, rel)
    validate_quiz(doc, rel, data if data is not None else load(folder))
    return doc


# ---------------------------------------------------------------------------------------------- html
def fmt_date(iso: str) -> str:
    """Format an ISO date of any precision for people (long month names, no precision note).

    Examples
    --------
    >>> fmt_date("2021-12-14"), fmt_date("2023-02"), fmt_date("2022")
    ('14 December 2021', 'February 2023', '2022')
    """
    return theme_fmt_date(iso, precision_note=False, long_months=True)


def shuffled(items: list, seed: Any, qid: str, avoid_identity: bool = False) -> list:
    """The quiz's fixed order for a question's options or items: a shuffle seeded by quiz seed and question id.

    With ``avoid_identity``, re-shuffles (up to 20 times) until the order differs from the given one.
    The live quiz and the static site both use it, so they list options in the same order.

    Examples
    --------
    >>> shuffled([1, 2, 3], 7, "q") == shuffled([1, 2, 3], 7, "q")
    True
    """
    rng = random.Random(f"{seed}:{qid}")
    out = list(items)
    for _ in range(20):
        rng.shuffle(out)
        if not avoid_identity or out != list(items) or len(items) < 2:
            break
    return out


def cite_html(article_id: str, data: Any) -> str:
    """An HTML citation for an article: outlet, date and headline (all escaped).

    Examples
    --------
    >>> from course_lib import load
    >>> cite_html("newsweek", load()).startswith("<cite>Newsweek</cite>, 14 December 2021")
    True
    """
    art = data.articles[article_id]
    return (f"<cite>{esc(art['outlet'])}</cite>, {esc(fmt_date(art['published']))}: "
            f"“{esc(art['title'])}”")


def quote_html(source: dict[str, str], data: Any) -> str:
    """A verbatim quote as a blockquote, followed by its citation.

    Examples
    --------
    >>> from course_lib import load
    >>> "<blockquote" in quote_html({"article": "newsweek", "quote": "no plans to attack anyone."}, load())
    True
    """
    return ("<blockquote style=\"margin:6px 0 2px 0;padding:2px 10px;border-left:3px solid #888\">"
            f"{esc(source['quote'])}</blockquote>"
            f"<p style=\"margin:0 0 8px 0\">— {cite_html(source['article'], data)}</p>")


def _line(ok: bool | None, text: str) -> str:
    if ok is None:
        return f"<span style=\"color:{INFO}\">ℹ {text}</span>"
    colour, mark = (RIGHT, "✔") if ok else (WRONG, "✘")
    return f"<span style=\"color:{colour};font-weight:600\">{mark}</span> {text}"


def _box_html(inner: str) -> str:
    # no role here: the feedback widget itself is the live region (ui.live), present before any check
    return f"<div style=\"font-family:{FONT}\">{inner}</div>"


def message_html(text: str) -> str:
    """A friendly notice (escaped) for an answer that cannot be checked yet."""
    return _box_html(f"<p>{_line(None, esc(text))}</p>")


# ---------------------------------------------------------------------------------------------- questions
class _Question:
    """One question: its widgets, its state and its feedback. Made by :func:`quiz`."""

    def __init__(self, q: dict[str, Any], number: int, total: int, seed: Any, data: Any,
                 owner: "_Quiz") -> None:
        import ipywidgets as widgets

        self.q, self.data, self.owner = q, data, owner
        self.qtype: str = q["type"]
        self.attempts = 0
        self.correct = False
        self.first_try: bool | None = None
        rng = random.Random(f"{seed}:{q['id']}")
        shuffle = q.get("shuffle", True)
        wide = widgets.Layout(width="auto", max_width="100%")
        label_style = {"description_width": "initial"}
        extra: dict[str, Any] = {}

        intro = (f"<p style=\"margin:0\"><strong>Question {number} of {total}</strong> "
                 f"<span style=\"color:{INFO}\">· {esc(INSTRUCTIONS[self.qtype])}</span></p>"
                 f"<p style=\"margin:4px 0\">{esc(q['prompt'])}</p>")
        if self.qtype in ("single", "multiple"):
            options = shuffled(q["options"], seed, q["id"]) if shuffle else list(q["options"])
            self.options = options
            extra["option_ids"] = [o["id"] for o in options]
            if self.qtype == "single":
                control = widgets.RadioButtons(options=[(plain(o["text"]), o["id"]) for o in options], value=None,
                                               description="Your answer:", style=label_style, layout=wide)
            else:
                # the label is the option's (escaped) text in a span that may wrap: a plain description
                # is cut off with an ellipsis when it is wider than the notebook
                boxes = [widgets.Checkbox(value=False, indent=False, description_allow_html=True,
                                          description=f"<span style=\"white-space:normal\">{esc(o['text'])}</span>",
                                          layout=widgets.Layout(width="auto", max_width="100%", height="auto"))
                         for o in options]
                extra["checkboxes"] = boxes
                control = widgets.VBox(boxes, layout=wide)
        elif self.qtype == "numeric":
            text = widgets.Text(value="", placeholder="type a number", description="Your answer:",
                                style=label_style, continuous_update=False)
            unit = q.get("unit")
            control = text
            self._unit_label = widgets.HTML(f"<span>{esc(unit)}</span>" if unit else "")
        elif self.qtype == "ordering":
            items = list(q["items"])
            shown = shuffled(items, seed, q["id"], avoid_identity=True)  # never in the right order
            self.shown_items = shown
            intro += ("<ul style=\"margin:2px 0\">"
                      + "".join(f"<li>{esc(i['text'])}</li>" for i in shown) + "</ul>")
            n = len(items)
            dds = []
            for k in range(n):
                where = " (earliest)" if k == 0 else " (latest)" if k == n - 1 else ""
                dds.append(widgets.Dropdown(options=[(plain(i["text"]), i["id"]) for i in shown], value=None,
                                            description=f"Position {k + 1}{where}:", style=label_style,
                                            layout=wide))
            extra["dropdowns"] = dds
            control = widgets.VBox(dds, layout=wide)
        else:  # matching
            order = list(range(len(q["pairs"])))
            choices = list(q["choices"])
            if shuffle:
                rng.shuffle(order)
                rng.shuffle(choices)
            parts, dds = [], []
            for k, idx in enumerate(order):
                parts.append(widgets.HTML(
                    f"<p style=\"margin:6px 0 0 0\"><strong>Item {k + 1}</strong></p>"
                    "<blockquote style=\"margin:2px 0;padding:2px 10px;border-left:3px solid #888\">"
                    f"{esc(q['pairs'][idx]['left'])}</blockquote>"))
                dd = widgets.Dropdown(options=[(plain(c), c) for c in choices], value=None,
                                      description=f"Item {k + 1} matches:", style=label_style, layout=wide)
                parts.append(dd)
                dds.append(dd)
            extra["dropdowns"] = dds
            extra["pair_order"] = order
            control = widgets.VBox(parts, layout=wide)

        self.control = control
        self.extra = extra
        self.prompt = widgets.HTML(f"<div style=\"font-family:{FONT}\">{intro}</div>")
        self.hint = widgets.HTML("")
        self.feedback = live(widgets.HTML(""))
        self.explanation = widgets.HTML("")
        self.status = widgets.HTML("")
        self.hint_button = widgets.Button(description="Show hint", tooltip="Show a hint for this question",
                                          icon="lightbulb-o")
        self.check_button = widgets.Button(description="Check answer", button_style="primary",
                                           tooltip="Check your answer")
        self.retry_button = widgets.Button(description="Try again", disabled=True,
                                           tooltip="Clear this question and answer it again")
        self.hint_button.on_click(self._guard(self.toggle_hint))
        self.check_button.on_click(self._guard(self.check))
        self.retry_button.on_click(self._guard(self.retry))

        answer_row = [control]
        if self.qtype == "numeric":
            answer_row = [widgets.HBox([control, self._unit_label])]
        buttons = widgets.HBox([self.hint_button, self.check_button, self.retry_button],
                               layout=widgets.Layout(flex_flow="row wrap"))
        box = widgets.VBox([self.prompt, *answer_row, self.hint, buttons, self.feedback, self.explanation,
                            self.status],
                           layout=widgets.Layout(border="1px solid #ccc", padding="6px 10px", margin="6px 0"))
        box.question_id = q["id"]
        box.qtype = self.qtype
        box.prompt = self.prompt
        box.answer_control = control
        box.hint_button, box.hint = self.hint_button, self.hint
        box.check_button, box.retry_button = self.check_button, self.retry_button
        box.feedback, box.explanation, box.status = self.feedback, self.explanation, self.status
        box.controller = self
        for key, value in extra.items():
            setattr(box, key, value)
        self.box = box

    # ---------------------------------------------------------------- answers
    def _inputs(self) -> list[Any]:
        if self.qtype == "single" or self.qtype == "numeric":
            return [self.control]
        if self.qtype == "multiple":
            return list(self.extra["checkboxes"])
        return list(self.extra["dropdowns"])

    def current_answer(self) -> Any:
        """The answer as the grader wants it (see :mod:`course_lib.answers`)."""
        if self.qtype in ("single", "numeric"):
            return self.control.value
        if self.qtype == "multiple":
            return [oid for oid, cb in zip(self.extra["option_ids"], self.extra["checkboxes"]) if cb.value]
        if self.qtype == "ordering":
            return [dd.value for dd in self.extra["dropdowns"]]
        answer: list[Any] = [None] * len(self.q["pairs"])
        for idx, dd in zip(self.extra["pair_order"], self.extra["dropdowns"]):
            answer[idx] = dd.value
        return answer

    def set_answer(self, answer: Any) -> None:
        """Put a (stored) answer into the controls; values that no longer fit are left empty."""
        if self.qtype == "single":
            self.control.value = answer if isinstance(answer, str) and answer in self.extra["option_ids"] else None
        elif self.qtype == "numeric":
            ok = isinstance(answer, (int, float)) and not isinstance(answer, bool)
            self.control.value = format_number(answer) if ok else ""
        elif self.qtype == "multiple":
            chosen = {a for a in answer if isinstance(a, str)} if isinstance(answer, list) else set()
            for oid, cb in zip(self.extra["option_ids"], self.extra["checkboxes"]):
                cb.value = oid in chosen
        else:
            values = list(answer) if isinstance(answer, list) else []
            if self.qtype == "matching":
                values = [values[idx] if idx < len(values) else None for idx in self.extra["pair_order"]]
            targets = self.extra["dropdowns"]
            for dd, v in zip(targets, values + [None] * len(targets)):
                allowed = {val for _, val in dd.options}
                dd.value = v if isinstance(v, str) and v in allowed else None

    def _clear(self) -> None:
        self.set_answer(None)  # no answer fits, so every control is emptied

    def _lock(self, locked: bool) -> None:
        for w in self._inputs():
            w.disabled = locked
        self.check_button.disabled = locked
        self.retry_button.disabled = not locked

    # ---------------------------------------------------------------- buttons
    def _guard(self, action: Any) -> Any:
        def handler(_button: Any = None) -> None:
            try:
                action()
            except Exception as err:  # never a traceback in the learner's notebook
                self.feedback.value = message_html(
                    f"Something went wrong ({type(err).__name__}). Please try again; if it keeps "
                    "happening, tell your teacher.")
        return handler

    def toggle_hint(self) -> None:
        """Show or hide the hint."""
        if self.hint.value:
            self.hint.value = ""
            self.hint_button.description = "Show hint"
        else:
            self.hint.value = (f"<div style=\"font-family:{FONT}\"><p style=\"margin:4px 0\">"
                               f"<strong>Hint:</strong> {esc(self.q['hint'])}</p></div>")
            self.hint_button.description = "Hide hint"

    def check(self) -> None:
        """Grade the current answer, record it and show feedback (or a friendly message)."""
        result = grade(self.q, self.current_answer())
        if not result.valid:
            self.feedback.value = message_html(result.message)
            return
        rec = self.owner.record(self.q["id"], result, self)
        self.attempts = rec["attempts"]
        self.correct = rec["correct"]
        self.first_try = rec["first_try"]
        self.show(result)
        self.owner.refresh()
        self.retry_button.focus()  # "Check answer" is now disabled: keep the focus on a control that is not

    def retry(self) -> None:
        """Clear the question for a new answer (the score changes only at the next check)."""
        self._clear()
        self._lock(False)
        self.feedback.value = ""
        self.explanation.value = ""
        self.check_button.focus()  # "Try again" is now disabled

    def restore(self, rec: dict[str, Any]) -> None:
        """Show a saved result: the answer, its feedback and the attempts."""
        self.attempts = rec["attempts"]
        self.correct = rec["correct"]
        self.first_try = rec["first_try"]
        if rec.get("answer") is not None:
            self.set_answer(rec["answer"])
            result = grade(self.q, self.current_answer())
            if result.valid:
                self.show(result)
                return
            self._clear()
        self._update_status()

    # ---------------------------------------------------------------- feedback
    def show(self, result: Grade) -> None:
        """Lock the question and show feedback, explanation and sources for ``result``."""
        self._lock(True)
        self.feedback.value = _box_html(self.feedback_html(result))
        self.explanation.value = self.explanation_html()
        self._update_status()

    def _update_status(self) -> None:
        if not self.attempts:
            self.status.value = ""
            return
        checks = "1 check" if self.attempts == 1 else f"{self.attempts} checks"
        first = {True: "right", False: "not right", None: "not recorded"}[self.first_try]
        self.status.value = (f"<p style=\"margin:2px 0;color:{INFO};font-family:{FONT}\">"
                             f"{checks} so far; first try: {first}.</p>")

    def feedback_html(self, result: Grade) -> str:
        """The feedback for a checked answer (every string from data escaped)."""
        q = self.q
        head = (_line(True, "<strong>Correct.</strong>") if result.correct
                else _line(False, "<strong>Not quite.</strong>"))
        out = [f"<p style=\"margin:4px 0\">{head}</p>"]
        if self.qtype == "single":
            items = []
            for o in self.options:
                mine = " <em>(your answer)</em>" if o["id"] == result.answer else ""
                verdict = "right" if o["correct"] else "not right"
                items.append(f"<li>{_line(bool(o['correct']), f'<strong>{verdict}:</strong>')} "
                             f"“{esc(o['text'])}”{mine} — {esc(o['feedback'])}</li>")
            out.append("<ul style=\"margin:2px 0\">" + "".join(items) + "</ul>")
        elif self.qtype == "multiple":
            ticked = set(result.answer)
            ok = sum(result.parts)
            if not result.correct:
                out.append(f"<p style=\"margin:2px 0\">{ok} of {len(result.parts)} options handled right.</p>")
            items = []
            by_id = {o["id"]: o for o in q["options"]}
            for oid in self.extra["option_ids"]:
                o = by_id[oid]
                mine = "you ticked it" if oid in ticked else "you left it unticked"
                verdict = "should be ticked" if o["correct"] else "should not be ticked"
                handled = (oid in ticked) == bool(o["correct"])
                items.append(f"<li>{_line(handled, f'<strong>{verdict}</strong>')} ({mine}): "
                             f"“{esc(o['text'])}” — {esc(o['feedback'])}</li>")
            out.append("<ul style=\"margin:2px 0\">" + "".join(items) + "</ul>")
        elif self.qtype == "numeric":
            unit = f" {q['unit']}" if q.get("unit") else ""
            tol = float(q.get("tolerance", 0) or 0)
            window = f" (answers within {format_number(tol)} count as right)" if tol else ""
            word = {"": "You answered", "low": "Too low: you answered",
                    "high": "Too high: you answered"}[result.direction]
            out.append(f"<p style=\"margin:2px 0\">{word} {esc(result.shown)}; the source gives "
                       f"{esc(format_number(float(q['answer'])) + unit)}{esc(window)}.</p>")
            key = {"": "feedback_correct", "low": "feedback_low", "high": "feedback_high"}[result.direction]
            if q.get(key):
                out.append(f"<p style=\"margin:2px 0\">{esc(q[key])}</p>")
        elif self.qtype == "ordering":
            by_id = {i["id"]: i for i in q["items"]}
            right = sum(result.parts)
            if not result.correct:
                out.append(f"<p style=\"margin:2px 0\">{right} of {len(result.parts)} in the right place.</p>")
            items = []
            for k, (pick, ok, item) in enumerate(zip(result.answer, result.parts, q["items"])):
                mine, truth = esc(by_id[pick]["text"]), esc(item["text"])
                if ok:
                    items.append(f"<li>{_line(True, f'Position {k + 1}: “{truth}”')}</li>")
                else:
                    text = f"Position {k + 1}: you chose “{mine}”; the right one is “{truth}”"
                    items.append(f"<li>{_line(False, text)}</li>")
            out.append("<ol style=\"margin:2px 0;list-style:none;padding-left:1em\">" + "".join(items) + "</ol>")
        else:  # matching
            right = sum(result.parts)
            if not result.correct:
                out.append(f"<p style=\"margin:2px 0\">{right} of {len(result.parts)} matched right.</p>")
            items = []
            for k, idx in enumerate(self.extra["pair_order"]):
                pair, pick, ok = q["pairs"][idx], result.answer[idx], result.parts[idx]
                left, mine, truth = esc(pair["left"]), esc(pick), esc(pair["right"])
                if ok:
                    text = f"Item {k + 1}, {left} → {mine}"
                else:
                    text = f"Item {k + 1}, {left}: you chose {mine}; it is {truth}"
                items.append(f"<li>{_line(ok, text)}</li>")
            out.append("<ul style=\"margin:2px 0;list-style:none;padding-left:1em\">" + "".join(items) + "</ul>")
        return "".join(out)

    def explanation_html(self) -> str:
        """The course's explanation and the verbatim source quotes, cited."""
        sources = self.q["sources"]
        label = "From the source" if len(sources) == 1 else "From the sources"
        return (f"<div style=\"font-family:{FONT}\"><p style=\"margin:6px 0 2px 0\"><strong>Why</strong> "
                f"<span style=\"color:{INFO}\">(the course's explanation)</span>: {esc(self.q['explanation'])}</p>"
                f"<p style=\"margin:6px 0 0 0\"><strong>{label}:</strong></p>"
                + "".join(quote_html(s, self.data) for s in sources) + "</div>")


class _Quiz:
    """A quiz's shared state: its questions, the score lines and the progress store."""

    def __init__(self, name: str, doc: dict[str, Any], store: ProgressStore | None) -> None:
        self.name, self.doc, self.store = name, doc, store
        self.questions: list[_Question] = []
        self.score: Any = None
        self.score_bottom: Any = None
        self.message: Any = None

    def record(self, qid: str, result: Grade, question: _Question) -> dict[str, Any]:
        if self.store is None:
            first = result.correct if question.attempts == 0 else question.first_try
            return {"attempts": question.attempts + 1, "correct": result.correct, "first_try": first}
        return self.store.record_check(self.name, qid, correct=result.correct, answer=result.answer,
                                       shown=result.shown)

    def counts(self) -> tuple[int, int, int, int]:
        qs = self.questions
        return (sum(q.correct for q in qs if q.attempts), sum(q.first_try is True for q in qs),
                sum(q.attempts for q in qs), len(qs))

    def score_html(self) -> str:
        correct, first, checks, total = self.counts()
        text = f"<strong>Score: {correct} / {total} answered correctly</strong>"
        if checks:
            text += (f" — {first} at the first try, {checks} check{'s' if checks != 1 else ''} in all")
        return f"<p style=\"margin:4px 0;font-family:{FONT}\">{text}</p>"

    def refresh(self) -> None:
        html = self.score_html()
        self.score.value = html
        self.score_bottom.value = html
        self.message.value = notes_html(self.store.notes if self.store is not None else [])


def quiz(name: str, *, seed: int | None = None, progress: bool | str | Path = True,
         folder: str | Path | None = None):
    """An interactive quiz from ``data/quizzes/<name>.json``.

    Parameters
    ----------
    name : str
        The quiz file's stem, e.g. ``"03-voices-side-by-side"``.
    seed : int, optional
        Shuffle seed for the options; defaults to the quiz file's ``seed`` (so the output is the same
        on every run).
    progress : bool or path
        ``True`` (default): save every check to, and restore earlier answers from, the learner's
        progress file (:func:`course_lib.progress.default_path`); ``False``: keep nothing; a path: use
        that file.
    folder : str or Path, optional
        A data folder laid out like the package's ``data/`` (for tests).

    Returns
    -------
    ipywidgets.VBox
        The quiz (see the module docstring for its parts); its text repr is
        ``"Quiz: <title> — <n> questions"``.

    Raises
    ------
    ValueError
        If there is no quiz called ``name`` (the message lists the available ones).
    DataError
        If the quiz file is invalid.

    Examples
    --------
    >>> w = quiz("_demo", progress=False)
    >>> [q.qtype for q in w.questions]
    ['single', 'multiple', 'numeric', 'ordering', 'matching']
    >>> w.questions[0].check_button.click()          # nothing chosen yet
    >>> "Choose one answer first" in w.questions[0].feedback.value
    True
    """
    import ipywidgets as widgets

    from .data import load

    data = load(folder)
    doc = load_quiz(name, folder, data)
    stem = name[:-5] if name.endswith(".json") else name
    store = store_for(progress)
    state = _Quiz(stem, doc, store)
    use_seed = doc["seed"] if seed is None else seed
    total = len(doc["questions"])
    state.questions = [_Question(q, i + 1, total, use_seed, data, state) for i, q in enumerate(doc["questions"])]
    if store is not None:
        saved = store.quiz(stem)
        for question in state.questions:
            rec = saved.get(question.q["id"])
            if rec is not None and rec["attempts"] > 0:
                question.restore(rec)
    state.score = widgets.HTML("")
    state.score_bottom = widgets.HTML("")
    state.message = widgets.HTML("")
    state.refresh()
    title = widgets.HTML(f"{style_tag()}<p style=\"margin:4px 0;font-family:{FONT};font-size:1.1em\"><strong>Quiz: "
                         f"{esc(doc['title'])}</strong></p>")
    children = [title, state.message, state.score, *[q.box for q in state.questions], state.score_bottom]
    count = f"{total} question" + ("s" if total != 1 else "")
    box = panel(children, f"Quiz: {doc['title']} — {count}")
    box.quiz_name, box.title, box.store = stem, doc["title"], store
    box.questions = [q.box for q in state.questions]
    box.score, box.score_bottom, box.message = state.score, state.score_bottom, state.message
    box.score_counts = state.counts
    return box


def answer_key_html(name: str, *, folder: str | Path | None = None) -> str:
    """The answers of a quiz as static HTML, each behind a "Show answer" disclosure (``<details>``).

    For the static self-study site, which has no kernel to check answers: its builder can put this
    after a quiz's output. Nothing here is ever shown inside a notebook. Every string is escaped.

    Examples
    --------
    >>> html = answer_key_html("_demo")
    >>> html.count("<summary>Show answer")
    5
    >>> "70,000 troops" in html
    True
    """
    from .data import load

    data = load(folder)
    doc = load_quiz(name, folder, data)
    parts = [f"<section class=\"rtc-answer-key\" style=\"font-family:{FONT}\">"
             f"<p><strong>Answers: {esc(doc['title'])}</strong></p>"]
    for number, q in enumerate(doc["questions"], 1):
        if q["type"] in ("single", "multiple"):
            answer = "".join(f"<li>{esc(o['text'])} — {esc(o['feedback'])}</li>"
                             for o in q["options"] if o["correct"])
            answer = f"<ul>{answer}</ul>"
        elif q["type"] == "numeric":
            tol = float(q.get("tolerance", 0) or 0)
            unit = f" {q['unit']}" if q.get("unit") else ""
            around = f" (± {format_number(tol)})" if tol else ""
            answer = f"<p>{esc(format_number(float(q['answer'])) + unit + around)}</p>"
        elif q["type"] == "ordering":
            answer = "<ol>" + "".join(f"<li>{esc(i['text'])}</li>" for i in q["items"]) + "</ol>"
        else:
            answer = "<ul>" + "".join(f"<li>{esc(p['left'])} → {esc(p['right'])}</li>" for p in q["pairs"]) + "</ul>"
        parts.append(
            f"<details style=\"margin:4px 0\"><summary>Show answer: question {number}</summary>"
            f"<p>{esc(q['prompt'])}</p>{answer}"
            f"<p><strong>Why</strong> (the course's explanation): {esc(q['explanation'])}</p>"
            + "".join(quote_html(src, data) for src in q["sources"]) + "</details>")
    parts.append("</section>")
    return "".join(parts)
