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
import random
import re
from pathlib import Path
from typing import Any

from .answers import Grade, format_number, grade
from .paths import data_dir
from .progress import ProgressStore, store_for
from .theme import fmt_date as theme_fmt_date
from .ui import FONT, esc, live, notes_html, panel, plain, style_tag

#: quiz names are file stems: kebab-case, optionally with a leading underscore (demos)
NAME = re.compile(r"^_?[a-z0-9][a-z0-9-]*$")
CORRECT, NOT_QUITE = "<strong>Correct.</strong>", "<strong>Not quite.</strong>"
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
    """An HTML citation for an article: outlet, date (saying when it is not the text's own) and headline, escaped.

    Examples
    --------
    >>> from course_lib import load
    >>> cite_html("newsweek", load()).startswith("<cite>Newsweek</cite>, 14 December 2021")
    True
    """
    art = data.articles[article_id]
    return (f"<cite>{esc(art['outlet'])}</cite>, {esc(cited_date(art))}: "
            f"“{esc(art['title'])}”")


def cited_date(article: dict[str, Any]) -> str:
    """An article's date as a citation gives it, saying when the text has no dateline of its own.

    Examples
    --------
    >>> from course_lib import load
    >>> cited_date(load().articles["moscowtimes"])
    '1 December 2021'
    >>> cited_date(load().articles["euronews"])
    "17 February 2022 (no dateline in the text: date from the course's source notes)"
    """
    from .tables import has_dateline  # one place decides whether a date is the text's own

    where = "" if has_dateline(article) else " (no dateline in the text: date from the course's source notes)"
    return f"{fmt_date(article['published'])}{where}"


def quote_html(source: dict[str, str], data: Any) -> str:
    """A verbatim quote as a blockquote, followed by its citation.

    Examples
    --------
    >>> from course_lib import load
    >>> "<blockquote" in quote_html({"article": "newsweek", "quote": "no plans to attack anyone."}, load())
    True
    """
    from .statement_view import errata_for, erratum_flag  # the flag every renderer shows for a source error

    flags = "".join(f"<p style=\"margin:2px 0;border-left:3px solid #b3001b;padding-left:6px\">{esc(erratum_flag(e))}</p>"
                    for e in errata_for(data, source))
    return ("<blockquote style=\"margin:6px 0 2px 0;padding:2px 10px;border-left:3px solid #888\">"
            f"{esc(source['quote'])}</blockquote>{flags}"
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
def _fold(summary: str, inner: str) -> str:
    """Material a learner opens when they want it: a native ``<details>`` (keyboard- and reader-usable)."""
    return (f"<details style=\"margin:4px 0\"><summary style=\"cursor:pointer\">{summary}</summary>"
            f"{inner}</details>")


def _count_line(right: int, total: int, what: str) -> str:
    return f"<p style=\"margin:2px 0\">{right} of {total} {what}.</p>"


class _Kind:
    """One question type: its answer control and what it says about an answer (shared interface).

    A kind builds ``control`` (the widget the learner answers with) and ``attrs`` (extra attributes put
    on the question box for tests and other widgets); it reads and sets the answer, and words feedback
    at two stages: :meth:`mistake_html` after a first wrong check (what kind of mistake, never the
    key) and :meth:`feedback_html` once the answer may be shown.
    """

    instruction = ""

    def __init__(self, q: dict[str, Any], seed: Any, rng: random.Random) -> None:
        self.q = q
        self.intro = ""
        self.attrs: dict[str, Any] = {}
        self.control: Any = None

    def inputs(self) -> list[Any]:
        return [self.control]

    def answer(self) -> Any:
        return self.control.value

    def set_answer(self, answer: Any) -> bool | None:
        """Put ``answer`` into the control; values that no longer fit are left empty. False: it did not fit."""
        raise NotImplementedError

    def mistake_html(self, result: Grade) -> str:
        return ""

    def feedback_html(self, result: Grade) -> str:
        return ""


WIDE = {"width": "auto", "max_width": "100%"}
LABEL_STYLE = {"description_width": "initial"}


class _Single(_Kind):
    instruction = "Choose one answer."

    def __init__(self, q, seed, rng):
        import ipywidgets as widgets
        super().__init__(q, seed, rng)
        self.options = shuffled(q["options"], seed, q["id"]) if q.get("shuffle", True) else list(q["options"])
        self.attrs["option_ids"] = [o["id"] for o in self.options]
        self.control = widgets.RadioButtons(options=[(plain(o["text"]), o["id"]) for o in self.options],
                                            value=None, description="Your answer:", style=LABEL_STYLE,
                                            layout=widgets.Layout(**WIDE))

    def set_answer(self, answer):
        self.control.value = answer if isinstance(answer, str) and answer in self.attrs["option_ids"] else None

    def mistake_html(self, result):
        chosen = next((o for o in self.options if o["id"] == result.answer), None)
        return (f"<p style=\"margin:2px 0\">You chose “{esc(chosen['text'])}”.</p>" if chosen else "")

    def feedback_html(self, result):
        def item(o: dict[str, Any]) -> str:
            mine = " <em>(your answer)</em>" if o["id"] == result.answer else ""
            verdict = "right" if o["correct"] else "not right"
            return (f"<li>{_line(bool(o['correct']), f'<strong>{verdict}:</strong>')} "
                    f"“{esc(o['text'])}”{mine} — {esc(o['feedback'])}</li>")
        first = [o for o in self.options if o["correct"] or o["id"] == result.answer]
        rest = [o for o in self.options if o not in first]
        out = "<ul style=\"margin:2px 0\">" + "".join(item(o) for o in first) + "</ul>"
        if rest:
            out += _fold("Why the other options are not right",
                         "<ul style=\"margin:2px 0\">" + "".join(item(o) for o in rest) + "</ul>")
        return out


class _Multiple(_Kind):
    instruction = "Tick every answer that applies."

    def __init__(self, q, seed, rng):
        import ipywidgets as widgets
        super().__init__(q, seed, rng)
        self.options = shuffled(q["options"], seed, q["id"]) if q.get("shuffle", True) else list(q["options"])
        self.attrs["option_ids"] = [o["id"] for o in self.options]
        # the label is the option's (escaped) text in a span that may wrap: a plain description
        # is cut off with an ellipsis when it is wider than the notebook
        self.boxes = [widgets.Checkbox(value=False, indent=False, description_allow_html=True,
                                       description=f"<span style=\"white-space:normal\">{esc(o['text'])}</span>",
                                       layout=widgets.Layout(width="auto", max_width="100%", height="auto"))
                      for o in self.options]
        self.attrs["checkboxes"] = self.boxes
        self.control = widgets.VBox(self.boxes, layout=widgets.Layout(**WIDE))

    def inputs(self):
        return list(self.boxes)

    def answer(self):
        return [oid for oid, cb in zip(self.attrs["option_ids"], self.boxes) if cb.value]

    def set_answer(self, answer):
        chosen = {a for a in answer if isinstance(a, str)} if isinstance(answer, list) else set()
        for oid, cb in zip(self.attrs["option_ids"], self.boxes):
            cb.value = oid in chosen

    def mistake_html(self, result):
        ticked = len(result.answer)
        more = ("Look again at the options you left unticked as well as those you ticked."
                if ticked else "")
        return _count_line(sum(result.parts), len(result.parts), "options handled right") + (
            f"<p style=\"margin:2px 0\">{more}</p>" if more else "")

    def feedback_html(self, result):
        ticked = set(result.answer)
        by_id = {o["id"]: o for o in self.q["options"]}
        items = []
        for oid in self.attrs["option_ids"]:
            o = by_id[oid]
            mine = "you ticked it" if oid in ticked else "you left it unticked"
            verdict = "should be ticked" if o["correct"] else "should not be ticked"
            handled = (oid in ticked) == bool(o["correct"])
            items.append(f"<li>{_line(handled, f'<strong>{verdict}</strong>')} ({mine}): "
                         f"“{esc(o['text'])}” — {esc(o['feedback'])}</li>")
        head = "" if result.correct else _count_line(sum(result.parts), len(result.parts), "options handled right")
        return head + "<ul style=\"margin:2px 0\">" + "".join(items) + "</ul>"


class _Numeric(_Kind):
    instruction = "Type a number."

    def __init__(self, q, seed, rng):
        import ipywidgets as widgets
        super().__init__(q, seed, rng)
        self.text = widgets.Text(value="", placeholder="type a number", description="Your answer:",
                                 style=LABEL_STYLE, continuous_update=False)
        unit = q.get("unit")
        self.unit_label = widgets.HTML(f"<span>{esc(unit)}</span>" if unit else "")
        self.attrs["answer_control"] = self.text
        self.control = widgets.HBox([self.text, self.unit_label])

    def inputs(self):
        return [self.text]

    def answer(self):
        return self.text.value

    def set_answer(self, answer):
        ok = isinstance(answer, (int, float)) and not isinstance(answer, bool)
        self.text.value = format_number(answer) if ok else ""

    def mistake_html(self, result):
        word = {"low": "Too low", "high": "Too high"}.get(result.direction, "Not within the range")
        return f"<p style=\"margin:2px 0\">{word}: you answered {esc(result.shown)}.</p>"

    def feedback_html(self, result):
        q = self.q
        unit = f" {q['unit']}" if q.get("unit") else ""
        tol = float(q.get("tolerance", 0) or 0)
        window = f" (answers within {format_number(tol)} count as right)" if tol else ""
        word = {"": "You answered", "low": "Too low: you answered",
                "high": "Too high: you answered"}[result.direction]
        out = (f"<p style=\"margin:2px 0\">{word} {esc(result.shown)}; the source gives "
               f"{esc(format_number(float(q['answer'])) + unit)}{esc(window)}.</p>")
        key = {"": "feedback_correct", "low": "feedback_low", "high": "feedback_high"}[result.direction]
        if q.get(key):
            out += f"<p style=\"margin:2px 0\">{esc(q[key])}</p>"
        return out


class _Ordering(_Kind):
    instruction = "Put these in time order, earliest at the top: use Move up and Move down."

    def __init__(self, q, seed, rng):
        from .reorder import ReorderList
        super().__init__(q, seed, rng)
        self.shown_items = shuffled(list(q["items"]), seed, q["id"], avoid_identity=True)  # never right
        self.control = ReorderList([(plain(i["text"]), i["id"]) for i in self.shown_items],
                                   description="Earliest at the top, latest at the bottom")
        self.attrs["reorder"] = self.control

    def answer(self):
        return list(self.control.value)

    def set_answer(self, answer):
        if answer is None:
            self.control.value = tuple(i["id"] for i in self.shown_items)
            return None
        return self.control.set_order(answer if isinstance(answer, list) else None)

    def mistake_html(self, result):
        return _count_line(sum(result.parts), len(result.parts), "in the right place")

    def feedback_html(self, result):
        by_id = {i["id"]: i for i in self.q["items"]}
        items = []
        for k, (pick, ok, item) in enumerate(zip(result.answer, result.parts, self.q["items"])):
            mine, truth = esc(by_id[pick]["text"]), esc(item["text"])
            text = (f"Position {k + 1}: “{truth}”" if ok
                    else f"Position {k + 1}: you put “{mine}”; the right one is “{truth}”")
            items.append(f"<li>{_line(ok, text)}</li>")
        head = "" if result.correct else self.mistake_html(result)
        return head + ("<ol style=\"margin:2px 0;list-style:none;padding-left:1em\">" + "".join(items) + "</ol>")


class _Matching(_Kind):
    instruction = "Match each item: choose from the list below it."

    def __init__(self, q, seed, rng):
        import ipywidgets as widgets
        super().__init__(q, seed, rng)
        order = list(range(len(q["pairs"])))
        choices = list(q["choices"])
        if q.get("shuffle", True):
            rng.shuffle(order)
            rng.shuffle(choices)
        parts, dds = [], []
        for k, idx in enumerate(order):
            parts.append(widgets.HTML(
                f"<p style=\"margin:6px 0 0 0\"><strong>Item {k + 1}</strong></p>"
                "<blockquote style=\"margin:2px 0;padding:2px 10px;border-left:3px solid #888\">"
                f"{esc(q['pairs'][idx]['left'])}</blockquote>"))
            dd = widgets.Dropdown(options=[(plain(c), c) for c in choices], value=None,
                                  description=f"Item {k + 1} matches:", style=LABEL_STYLE,
                                  layout=widgets.Layout(**WIDE))
            parts.append(dd)
            dds.append(dd)
        self.dropdowns = dds
        self.attrs.update(dropdowns=dds, pair_order=order)
        self.control = widgets.VBox(parts, layout=widgets.Layout(**WIDE))

    def inputs(self):
        return list(self.dropdowns)

    def answer(self):
        answer: list[Any] = [None] * len(self.q["pairs"])
        for idx, dd in zip(self.attrs["pair_order"], self.dropdowns):
            answer[idx] = dd.value
        return answer

    def set_answer(self, answer):
        values = list(answer) if isinstance(answer, list) else []
        values = [values[idx] if idx < len(values) else None for idx in self.attrs["pair_order"]]
        for dd, v in zip(self.dropdowns, values):
            allowed = {val for _, val in dd.options}
            dd.value = v if isinstance(v, str) and v in allowed else None

    def mistake_html(self, result):
        return _count_line(sum(result.parts), len(result.parts), "matched right")

    def feedback_html(self, result):
        items = []
        for k, idx in enumerate(self.attrs["pair_order"]):
            pair, pick, ok = self.q["pairs"][idx], result.answer[idx], result.parts[idx]
            left, mine, truth = esc(pair["left"]), esc(pick), esc(pair["right"])
            text = f"Item {k + 1}, {left} → {mine}" if ok else f"Item {k + 1}, {left}: you chose {mine}; it is {truth}"
            items.append(f"<li>{_line(ok, text)}</li>")
        head = "" if result.correct else self.mistake_html(result)
        return head + "<ul style=\"margin:2px 0;list-style:none;padding-left:1em\">" + "".join(items) + "</ul>"


#: the question types: each a :class:`_Kind` (one place per type; the question box is shared)
KINDS: dict[str, type[_Kind]] = {"single": _Single, "multiple": _Multiple, "numeric": _Numeric,
                                 "ordering": _Ordering, "matching": _Matching}
INSTRUCTIONS = {name: kind.instruction for name, kind in KINDS.items()}


class _Question:
    """One question: its widgets, its state and its feedback. Made by :func:`quiz`.

    Feedback comes in two stages so that "Try again" is worth pressing: a first wrong check says it is
    not right, what kind of mistake it is where that can be said, and shows the hint; the key, every
    option's explanation and the source quotes come after a second check, a right answer, or "Show
    answer" (which counts as giving up: the question is then scored as not answered right).
    """

    def __init__(self, q: dict[str, Any], number: int, total: int, seed: Any, data: Any,
                 owner: "_Quiz") -> None:
        import ipywidgets as widgets

        self.q, self.data, self.owner = q, data, owner
        self.qtype: str = q["type"]
        self.attempts = 0
        self.correct = False
        self.first_try: bool | None = None
        self.gave_up = False
        self.kind = KINDS[self.qtype](q, seed, random.Random(f"{seed}:{q['id']}"))
        intro = (f"<p style=\"margin:0\"><strong>Question {number} of {total}</strong> "
                 f"<span style=\"color:{INFO}\">· {esc(self.kind.instruction)}</span></p>"
                 f"<p style=\"margin:4px 0\">{esc(q['prompt'])}</p>")
        if q.get("material"):  # the table the question refers to, beside it (course_lib.tables)
            from .tables import TABLES, table_html
            intro += _fold(f"Show the table: {esc(TABLES[q['material']].caption)}", table_html(q["material"], data))
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
        self.show_answer_button = widgets.Button(
            description="Show answer", tooltip="See the answer and why (counts as not answered right)")
        self.hint_button.on_click(self._guard(self.toggle_hint))
        self.check_button.on_click(self._guard(self.check))
        self.retry_button.on_click(self._guard(self.retry))
        self.show_answer_button.on_click(self._guard(self.give_up))

        buttons = widgets.HBox([self.hint_button, self.check_button, self.retry_button, self.show_answer_button],
                               layout=widgets.Layout(flex_flow="row wrap"))
        box = widgets.VBox([self.prompt, self.kind.control, self.hint, buttons, self.feedback, self.explanation,
                            self.status],
                           layout=widgets.Layout(border="1px solid #ccc", padding="6px 10px", margin="6px 0"))
        box.question_id = q["id"]
        box.qtype = self.qtype
        box.prompt = self.prompt
        box.answer_control = self.kind.control
        box.hint_button, box.hint = self.hint_button, self.hint
        box.check_button, box.retry_button = self.check_button, self.retry_button
        box.show_answer_button = self.show_answer_button
        box.feedback, box.explanation, box.status = self.feedback, self.explanation, self.status
        box.controller = self
        for key, value in self.kind.attrs.items():
            setattr(box, key, value)
        self.box = box
        self.control = self.kind.control
        self.extra = self.kind.attrs

    # ---------------------------------------------------------------- answers
    def current_answer(self) -> Any:
        """The answer as the grader wants it (see :mod:`course_lib.answers`)."""
        return self.kind.answer()

    def set_answer(self, answer: Any) -> None:
        """Put a (stored) answer into the controls; values that no longer fit are left empty."""
        self.kind.set_answer(answer)

    def _lock(self, locked: bool) -> None:
        for w in self.kind.inputs():
            w.disabled = locked
        self.check_button.disabled = locked
        self.retry_button.disabled = not locked or self.gave_up
        self.show_answer_button.disabled = self.gave_up or self.correct

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

    def _hint_html(self) -> str:
        return (f"<div style=\"font-family:{FONT}\"><p style=\"margin:4px 0\">"
                f"<strong>Hint:</strong> {esc(self.q['hint'])}</p></div>")

    def toggle_hint(self) -> None:
        """Show or hide the hint."""
        if self.hint.value:
            self.hint.value = ""
            self.hint_button.description = "Show hint"
        else:
            self.hint.value = self._hint_html()
            self.hint_button.description = "Hide hint"

    def check(self) -> None:
        """Grade the current answer, record it and show feedback (or a friendly message)."""
        if self.check_button.disabled:  # a second click that arrived before the button was disabled
            return
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
        if self.gave_up:
            return
        self.set_answer(None)
        self.correct = False
        self._lock(False)
        self.feedback.value = ""
        self.explanation.value = ""
        self.check_button.focus()  # "Try again" is now disabled

    def give_up(self) -> None:
        """"Show answer": reveal the key and why; the question now counts as not answered right."""
        if self.gave_up or self.correct:
            return
        rec = self.owner.give_up(self.q["id"], self)
        self.attempts = rec["attempts"]
        self.first_try = rec["first_try"]
        self.correct = False
        self.gave_up = True
        self.reveal()
        self.owner.refresh()
        self.hint_button.focus()  # every other button of the question is now disabled

    def restore(self, rec: dict[str, Any]) -> None:
        """Show a saved result: the answer, its feedback and the attempts."""
        self.attempts = rec["attempts"]
        self.correct = rec["correct"]
        self.first_try = rec["first_try"]
        self.gave_up = rec.get("gave_up") is True
        if self.gave_up:
            self.reveal()
            return
        if rec.get("answer") is not None:
            fits = self.kind.set_answer(rec["answer"]) is not False
            result = grade(self.q, self.current_answer())
            if fits and result.valid:
                self.show(result)
                return
            self.set_answer(None)
        self._update_status()

    # ---------------------------------------------------------------- feedback
    def full_feedback_due(self, result: Grade) -> bool:
        """Whether the key may be shown: a right answer, a second check, or the learner gave up."""
        return result.correct or self.attempts >= 2 or self.gave_up

    def show(self, result: Grade) -> None:
        """Lock the question and show the feedback that is due for ``result``."""
        self._lock(True)
        self.feedback.value = _box_html(self.feedback_html(result))
        self.explanation.value = self.explanation_html() if self.full_feedback_due(result) else ""
        self._update_status()

    def reveal(self) -> None:
        """Show the answer after "Show answer" (locked; "Try again" stays off)."""
        self._lock(True)
        key = "".join(f"<li>{esc(line)}</li>" for line in answer_lines(self.q))
        head = _line(None, "<strong>The answer</strong> (you chose to see it; this question counts as not "
                           "answered right):")
        self.feedback.value = _box_html(f"<p style=\"margin:4px 0\">{head}</p><ul style=\"margin:2px 0\">{key}</ul>")
        self.explanation.value = self.explanation_html()
        self._update_status()

    def _update_status(self) -> None:
        if not self.attempts:
            self.status.value = ""
            return
        checks = "1 check" if self.attempts == 1 else f"{self.attempts} checks"
        first = {True: "right", False: "not right", None: "not recorded"}[self.first_try]
        gave = " You chose to see the answer." if self.gave_up else ""
        self.status.value = (f"<p style=\"margin:2px 0;color:{INFO};font-family:{FONT}\">"
                             f"{checks} so far; first try: {first}.{gave}</p>")

    def feedback_html(self, result: Grade) -> str:
        """The feedback for a checked answer (every string from data escaped).

        A first wrong check gets the kind of mistake and the hint, never the key; later checks and
        right answers get every option explained (see the class docstring).
        """
        if result.correct:
            return f"<p style=\"margin:4px 0\">{_line(True, CORRECT)}</p>" + self.kind.feedback_html(result)
        head = f"<p style=\"margin:4px 0\">{_line(False, NOT_QUITE)}</p>"
        if self.full_feedback_due(result):
            return head + self.kind.feedback_html(result)
        return (head + self.kind.mistake_html(result)
                + f"<p style=\"margin:4px 0\"><strong>Hint:</strong> {esc(self.q['hint'])}</p>"
                + "<p style=\"margin:4px 0\">Press <strong>Try again</strong> for another go, or "
                  "<strong>Show answer</strong> to see the answer (it then counts as not answered right).</p>")

    def explanation_html(self) -> str:
        """The course's explanation, then the verbatim source quotes (folded), cited."""
        sources = self.q["sources"]
        label = "From the source" if len(sources) == 1 else f"From the sources ({len(sources)} quotes)"
        return (f"<div style=\"font-family:{FONT}\"><p style=\"margin:6px 0 2px 0\"><strong>Why</strong> "
                f"<span style=\"color:{INFO}\">(the course's explanation)</span>: {esc(self.q['explanation'])}</p>"
                + _fold(f"<strong>{label}</strong>", "".join(quote_html(s, self.data) for s in sources))
                + "</div>")


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

    def give_up(self, qid: str, question: _Question) -> dict[str, Any]:
        if self.store is None:
            first = False if question.attempts == 0 else question.first_try
            return {"attempts": question.attempts + 1, "correct": False, "first_try": first}
        return self.store.record_check(self.name, qid, correct=False, answer=None, shown="", gave_up=True)

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
                try:
                    question.restore(rec)
                except Exception:  # a saved answer we cannot show: the question starts empty, never a traceback
                    question.set_answer(None)
                    question._lock(False)
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


def answer_lines(q: dict[str, Any]) -> list[str]:
    """The right answer to one question as plain lines (the static site's and the printed key's one source).

    Single and multiple choice: each right option with its feedback; numeric: the value, unit and
    tolerance; ordering: the items in order; matching: each pair.

    Examples
    --------
    >>> answer_lines({"type": "numeric", "answer": 70000, "tolerance": 0, "unit": "troops"})
    ['70,000 troops']
    >>> answer_lines({"type": "ordering", "items": [{"id": "a", "text": "First"}, {"id": "b", "text": "Then"}]})
    ['First', 'Then']
    """
    if q["type"] in ("single", "multiple"):
        return [f"{o['text']} — {o['feedback']}" for o in q["options"] if o["correct"]]
    if q["type"] == "numeric":
        tol = float(q.get("tolerance", 0) or 0)
        unit = f" {q['unit']}" if q.get("unit") else ""
        around = f" (± {format_number(tol)})" if tol else ""
        return [format_number(float(q["answer"])) + unit + around]
    if q["type"] == "ordering":
        return [i["text"] for i in q["items"]]
    return [f"{p['left']} → {p['right']}" for p in q["pairs"]]


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
        lines = answer_lines(q)
        tag = "ol" if q["type"] == "ordering" else "ul"
        answer = f"<{tag}>" + "".join(f"<li>{esc(line)}</li>" for line in lines) + f"</{tag}>"
        parts.append(
            f"<details style=\"margin:4px 0\"><summary>Show answer: question {number}</summary>"
            f"<p>{esc(q['prompt'])}</p>{answer}"
            f"<p><strong>Why</strong> (the course's explanation): {esc(q['explanation'])}</p>"
            + "".join(quote_html(src, data) for src in q["sources"]) + "</details>")
    parts.append("</section>")
    return "".join(parts)
