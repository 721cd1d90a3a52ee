"""Read and grade learner answers: pure functions, no widgets.

:func:`parse_number` turns what a learner types into a number (or a friendly :class:`AnswerError`);
the ``grade_*`` functions compare an answer with a quiz question (a dict as in
``data/schemas/quizzes.schema.json``) and return a :class:`Grade`.

How numbers are read (the course is in English, but learners are not all English writers):

* ``70000``, ``70,000``, ``70 000`` (also with a thin or no-break space), ``70'000`` and ``70_000``
  are all seventy thousand: a comma, space, apostrophe or underscore between groups of three digits
  separates thousands.
* ``1.5`` is one and a half; ``1,5`` (a comma NOT followed by exactly three digits) is read as a
  European decimal comma, also one and a half. With both marks, the last one is the decimal mark:
  ``70,000.5`` and ``70.000,5`` are both 70000.5.
* A single dot followed by exactly three digits (``70.000``) is ambiguous -- 70 in English, 70,000 in
  much of Europe -- so it is refused with a message asking the learner to write it without the dot.
  (``0.125`` is not ambiguous and is read as a decimal; ``1.500.000`` with several dots is read as
  European thousands grouping.)
* Words and signs around the number are allowed: ``about``, ``around``, ``approximately``, ``roughly``,
  ``nearly``, ``almost``, ``some``, ``over``, ``more than``, ``up to``, ``at least``, ``~``, ``≈`` before it;
  ``k`` / ``thousand``, ``m`` / ``mn`` / ``million``, ``bn`` / ``billion`` after it, and the question's
  unit (``70,000 troops``).
* Invisible formatting characters (left-to-right and right-to-left marks, a byte-order mark, zero-width
  spaces and joiners, bidirectional embeddings, overrides and isolates: Unicode category Cf) are removed
  before anything else, so ``70000`` pasted with a hidden mark still reads as 70000, and an answer echoed
  back in a message can never reverse or hide the rest of the line.
* Empty input, ranges (``60,000-70,000``), text that is not a number and anything longer than
  :data:`MAX_LENGTH` characters raise :class:`AnswerError` whose message is safe to show (after HTML
  escaping) and never includes more than a short excerpt of the input.

Examples
--------
>>> parse_number("about 70,000")
70000.0
>>> parse_number("1.5 million")
1500000.0
>>> try:
...     parse_number("70.000")
... except AnswerError as err:
...     print(err.message)
"70.000" could mean 70 or 70,000. Please write 70 or 70000, so that it is clear.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Context, Decimal, InvalidOperation
from typing import Any

from .text import visible

#: answers longer than this are refused before any parsing
MAX_LENGTH = 100

_SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f]+")
_PREFIX = re.compile(
    r"^(?:about|around|approximately|approx\.?|roughly|nearly|almost|some|circa|ca\.|c\.|over|"
    r"more than|fewer than|less than|under|up to|at least|just over|just under|~|≈|±|\+/-)\s*",
    re.IGNORECASE)
_MULTIPLIERS = [
    (re.compile(r"(?<=\d)\s*(?:k|thousands?)\.?$", re.IGNORECASE), Decimal(1000)),
    (re.compile(r"(?<=\d)\s*(?:m|mn|mio|millions?)\.?$", re.IGNORECASE), Decimal(1_000_000)),
    (re.compile(r"(?<=\d)\s*(?:bn|billions?)\.?$", re.IGNORECASE), Decimal(1_000_000_000)),
]
#: other spellings accepted for a question's unit
_UNIT_ALIASES = {"kilometres": ["km", "kilometers"], "kilometers": ["km", "kilometres"],
                 "percent": ["%", "per cent"], "per cent": ["%", "percent"], "%": ["percent", "per cent"]}
_BODY = re.compile(r"([+-]?)(\d(?:[\d.,'_ ]*\d)?|[.,]\d+)")
_RANGE = re.compile(r"\d\s*(?:-|–|—|to)\s*[+-]?\d", re.IGNORECASE)
_GROUPED = re.compile(r"\d{1,3}(?:[,.' _]\d{3})+")


class AnswerError(ValueError):
    """An answer the course cannot read; ``message`` is a friendly sentence for the learner.

    Examples
    --------
    >>> str(AnswerError("Please type a number."))
    'Please type a number.'
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _excerpt(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _unit_pattern(unit: str | None) -> re.Pattern[str] | None:
    if not unit or not unit.strip():
        return None
    alts = []
    for name in [unit.strip(), *_UNIT_ALIASES.get(unit.strip().lower(), [])]:
        # accept the unit with or without a plural s, e.g. "troops" / "troop"
        stem = name[:-1] if name.lower().endswith("s") and len(name) > 1 else name
        alts.append(re.escape(stem) + ("s?" if stem[-1:].isalpha() else ""))
    return re.compile(r"\s*(?:" + "|".join(alts) + r")\.?$", re.IGNORECASE)


def _read_body(body: str, shown: str) -> Decimal:
    """Read digits with grouping and decimal marks (see the module docstring for the rules)."""
    unreadable = AnswerError(f'I could not read "{_excerpt(shown)}" as a number. '
                             "Type digits, for example 70000, 70,000 or 70k.")
    if body.startswith((".", ",")):
        body = "0" + body
    marks = [c for c in body if not c.isdigit()]
    decimal_mark: str | None = None
    if "." in marks and "," in marks:
        decimal_mark = marks[-1]
        if decimal_mark not in ".," or marks.count(decimal_mark) != 1:
            raise unreadable
    else:
        dotlike = [m for m in ".," if m in marks]
        if dotlike:
            mark = dotlike[0]
            others = [m for m in marks if m != mark]
            if marks.count(mark) == 1:
                after = body.rsplit(mark, 1)[1]
                before = body.rsplit(mark, 1)[0]
                if others:
                    decimal_mark = mark          # "1 000,5" / "1 000.5"
                elif len(after) != 3:
                    decimal_mark = mark          # "1.5", "1,25"
                elif mark == "." and before != "0":
                    english = format_number(float(f"{before}.{after}"))
                    raise AnswerError(
                        f'"{_excerpt(shown)}" could mean {english} or {before},{after}. '
                        f"Please write {english} or {before}{after}, so that it is clear.")
                # else: "70,000" (thousands) or "0.125" (decimal)
                elif mark == ".":
                    decimal_mark = "."
    if decimal_mark:
        whole, frac = body.rsplit(decimal_mark, 1)
        if not frac.isdigit():
            raise unreadable
    else:
        whole, frac = body, ""
    if not whole.isdigit():
        seps = {c for c in whole if not c.isdigit()}
        if len(seps) != 1 or not _GROUPED.fullmatch(whole):
            raise unreadable
        whole = re.sub(r"\D", "", whole)
    try:
        return Decimal(f"{whole}.{frac}" if frac else whole)
    except InvalidOperation:  # pragma: no cover - the regexes only let digits through
        raise unreadable from None


def parse_number(text: Any, *, unit: str | None = None) -> float:
    """Read a number typed by a learner, or raise :class:`AnswerError` with a friendly message.

    Parameters
    ----------
    text : Any
        What the learner typed (usually a ``str``); ``None`` counts as empty. Real ``int`` and
        ``float`` values are accepted as they are (``bool`` and non-finite values are not).
    unit : str, optional
        The question's unit; a trailing ``unit`` (or its plural) is allowed, e.g. ``"troops"``.

    Returns
    -------
    float
        The number.

    Raises
    ------
    AnswerError
        If the text is empty, too long, a range, or not a number; ``err.message`` tells the learner
        what to type instead.

    Examples
    --------
    >>> [parse_number(s) for s in ["70000", "70,000", "70k", "~70,000", "70 thousand", "70 000"]]
    [70000.0, 70000.0, 70000.0, 70000.0, 70000.0, 70000.0]
    >>> parse_number("more than 13,000 people", unit="people")
    13000.0
    >>> parse_number("1,5")
    1.5
    """
    if isinstance(text, bool):
        raise AnswerError("Please type a number.")
    if isinstance(text, (int, float)):
        try:
            number = float(text)
        except OverflowError:  # an integer too large for a float
            number = math.inf
        if not math.isfinite(number):
            raise AnswerError("Please type an ordinary number, for example 70000.")
        return number
    if text is None:
        raise AnswerError("Please type a number first.")
    s = str(text)
    if len(s) > MAX_LENGTH:
        raise AnswerError(f"That answer is too long ({len(s):,} characters). "
                          "Please type just the number, for example 70000.")
    shown = _SPACES.sub(" ", visible(s)).strip()
    if not shown:
        raise AnswerError("Please type a number first.")
    s = shown.replace("\u2212", "-").replace("’", "'").rstrip(".").strip()
    while True:
        m = _PREFIX.match(s)
        if not m or not m.group(0):
            break
        s = s[m.end():].strip()
    upat = _unit_pattern(unit)
    if upat is not None:
        s = upat.sub("", s).strip()
    multiplier = Decimal(1)
    for pat, mult in _MULTIPLIERS:
        if pat.search(s):
            s = pat.sub("", s).strip()
            multiplier = mult
            break
    if _RANGE.search(s):
        raise AnswerError("Please give one number, not a range. If you are unsure, pick the middle.")
    m = _BODY.fullmatch(s)
    if not m:
        raise AnswerError(f'I could not read "{_excerpt(shown)}" as a number. '
                          "Type digits, for example 70000, 70,000 or 70k.")
    value = _read_body(m.group(2), shown) * multiplier
    if m.group(1) == "-":
        value = -value
    result = float(value)
    if not math.isfinite(result):
        raise AnswerError("That number is too large. Please type an ordinary number, for example 70000.")
    return result


def format_number(value: float) -> str:
    """Format a number for feedback: thousands commas, no needless decimals.

    Whole numbers below 10**21 are written out in full (``70,000,000,000,000,000,000``, which
    :func:`parse_number` reads back); small fractions keep their digits (``0.00000012``, never ``0``);
    only numbers beyond that, too large for any answer, are shown like ``1e+400``. Never raises.

    Examples
    --------
    >>> format_number(70000.0), format_number(1.5), format_number(-3)
    ('70,000', '1.5', '-3')
    >>> format_number(7e19), format_number(0.00000012), format_number(10 ** 400)
    ('70,000,000,000,000,000,000', '0.00000012', '1e+400')
    """
    try:
        number = float(value)
    except OverflowError:  # an integer too large for a float
        return str(Decimal(value).normalize(Context(prec=6))).replace("E", "e")
    if not math.isfinite(number):
        return str(number)
    if abs(number) >= 1e21:
        return f"{number:.6g}"
    if number.is_integer():
        return f"{int(number):,}"
    if abs(number) >= 0.01:
        return f"{number:,.6f}".rstrip("0").rstrip(".")
    if abs(number) >= 1e-15:
        return format(Decimal(repr(number)), "f")
    return f"{number:.6g}"


@dataclass(frozen=True)
class Grade:
    """The result of checking one answer.

    Attributes
    ----------
    valid : bool
        False if the answer could not be checked (nothing chosen, unreadable number); then ``message``
        says what to do and the check does not count as an attempt.
    correct : bool
        Whether the (valid) answer is right.
    message : str
        Plain text for the learner when ``valid`` is False (escape it before putting it in HTML).
    answer : Any
        The answer in JSON-ready form, for the progress file (option id, list of ids, number...).
    shown : str
        The answer as the learner sees it, for the progress file and the teacher's CSV.
    parts : tuple of bool
        Per option / position / pair: whether that part is right (ordering and matching), or whether
        each option was handled right (multiple choice: ticked if correct, unticked if not).
    direction : str
        Numeric only: ``"low"``, ``"high"`` or ``""`` (within tolerance).
    """

    valid: bool
    correct: bool = False
    message: str = ""
    answer: Any = None
    shown: str = ""
    parts: tuple[bool, ...] = field(default_factory=tuple)
    direction: str = ""


def _as_list(value: Any) -> list[Any]:
    """A list from a list/tuple answer; anything else (None, a string, a number) is an empty list."""
    return list(value) if isinstance(value, (list, tuple)) else []


def invalid(message: str) -> Grade:
    """A :class:`Grade` for an answer that cannot be checked yet."""
    return Grade(valid=False, message=message)


def grade_single(question: dict, chosen: Any) -> Grade:
    """Grade a single-choice answer given as an option id.

    Examples
    --------
    >>> q = {"options": [{"id": "a", "text": "A", "correct": True, "feedback": ""},
    ...                  {"id": "b", "text": "B", "correct": False, "feedback": ""}]}
    >>> grade_single(q, "a").correct, grade_single(q, None).valid
    (True, False)
    """
    by_id = {o["id"]: o for o in question["options"]}
    if not isinstance(chosen, str) or chosen not in by_id:
        return invalid("Choose one answer first.")
    return Grade(valid=True, correct=bool(by_id[chosen]["correct"]), answer=chosen,
                 shown=by_id[chosen]["text"])


def grade_multiple(question: dict, chosen: Iterable[Any] | None) -> Grade:
    """Grade a multiple-choice answer given as the ticked option ids (right only if exactly the correct set).

    Examples
    --------
    >>> q = {"options": [{"id": "a", "text": "A", "correct": True, "feedback": ""},
    ...                  {"id": "b", "text": "B", "correct": True, "feedback": ""},
    ...                  {"id": "c", "text": "C", "correct": False, "feedback": ""}]}
    >>> grade_multiple(q, ["a", "b"]).correct, grade_multiple(q, ["a"]).correct
    (True, False)
    """
    opts = question["options"]
    ids = [o["id"] for o in opts]
    picked = {c for c in _as_list(chosen) if isinstance(c, str) and c in ids}
    if not picked:
        return invalid("Tick at least one option first.")
    parts = tuple((o["id"] in picked) == bool(o["correct"]) for o in opts)
    ordered = [o for o in opts if o["id"] in picked]
    return Grade(valid=True, correct=all(parts), answer=[o["id"] for o in ordered],
                 shown="; ".join(o["text"] for o in ordered), parts=parts)


def grade_numeric(question: dict, text: Any) -> Grade:
    """Grade a typed number against ``answer`` ± ``tolerance`` (default 0).

    Examples
    --------
    >>> q = {"answer": 70000, "tolerance": 5000, "unit": "troops"}
    >>> grade_numeric(q, "about 72,000 troops").correct
    True
    >>> grade_numeric(q, "50k").direction
    'low'
    >>> grade_numeric(q, "abc").message.startswith("I could not read")
    True
    """
    try:
        value = parse_number(text, unit=question.get("unit"))
    except AnswerError as err:
        return invalid(err.message)
    target = float(question["answer"])
    tol = float(question.get("tolerance", 0) or 0)
    diff = value - target
    correct = abs(diff) <= tol + 1e-9 * max(1.0, abs(target))
    direction = "" if correct else ("low" if diff < 0 else "high")
    unit = question.get("unit")
    shown = format_number(value) + (f" {unit}" if unit else "")
    return Grade(valid=True, correct=correct, answer=value, shown=shown, direction=direction)


def grade_ordering(question: dict, chosen: Sequence[Any] | None) -> Grade:
    """Grade an ordering given as item ids by position (``items`` in the data are in the right order).

    Examples
    --------
    >>> q = {"items": [{"id": "x", "text": "X"}, {"id": "y", "text": "Y"}]}
    >>> grade_ordering(q, ["x", "y"]).correct, grade_ordering(q, ["y", "x"]).parts
    (True, (False, False))
    >>> grade_ordering(q, ["x", "x"]).message
    'Each item can be used only once: "X" is chosen more than once.'
    """
    items = question["items"]
    by_id = {i["id"]: i for i in items}
    picks = _as_list(chosen)
    if len(picks) != len(items) or any(not isinstance(p, str) or p not in by_id for p in picks):
        return invalid("Choose an item for every position first.")
    seen: set[str] = set()
    for p in picks:
        if p in seen:
            return invalid(f'Each item can be used only once: "{by_id[p]["text"]}" is chosen more than once.')
        seen.add(p)
    parts = tuple(p == i["id"] for p, i in zip(picks, items))
    return Grade(valid=True, correct=all(parts), answer=picks,
                 shown=" → ".join(by_id[p]["text"] for p in picks), parts=parts)


def grade_matching(question: dict, chosen: Sequence[Any] | None) -> Grade:
    """Grade a matching given as the chosen right-hand choice for each pair, in the data's pair order.

    Examples
    --------
    >>> q = {"pairs": [{"left": "L1", "right": "R1"}, {"left": "L2", "right": "R2"}],
    ...      "choices": ["R1", "R2"]}
    >>> grade_matching(q, ["R1", "R1"]).parts
    (True, False)
    """
    pairs = question["pairs"]
    choices = set(question["choices"])
    picks = _as_list(chosen)
    if len(picks) != len(pairs) or any(not isinstance(p, str) or p not in choices for p in picks):
        return invalid("Choose a match for every item first.")
    parts = tuple(p == pair["right"] for p, pair in zip(picks, pairs))
    return Grade(valid=True, correct=all(parts), answer=picks,
                 shown="; ".join(f"{_excerpt(pair['left'], 40)} → {p}" for pair, p in zip(pairs, picks)),
                 parts=parts)


GRADERS = {
    "single": grade_single,
    "multiple": grade_multiple,
    "numeric": grade_numeric,
    "ordering": grade_ordering,
    "matching": grade_matching,
}


def grade(question: dict, answer: Any) -> Grade:
    """Grade ``answer`` with the grader for ``question["type"]``.

    Examples
    --------
    >>> grade({"type": "numeric", "answer": 5}, "5").correct
    True
    """
    return GRADERS[question["type"]](question, answer)
