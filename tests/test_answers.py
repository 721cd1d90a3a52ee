"""course_lib.answers: reading typed numbers and grading every question type."""
from __future__ import annotations

import pytest

from course_lib.answers import (MAX_LENGTH, AnswerError, format_number, grade, grade_matching,
                                grade_multiple, grade_numeric, grade_ordering, grade_single, parse_number)

ACCEPTED = [
    ("70000", 70000), ("70,000", 70000), ("70 000", 70000), ("70\u202f000", 70000), ("70\u00a0000", 70000),
    ("70'000", 70000), ("70_000", 70000), ("70k", 70000), ("70 K", 70000), ("70 thousand", 70000),
    ("about 70 000", 70000), ("~70,000", 70000), ("≈ 70,000", 70000), ("around 70,000", 70000),
    ("approximately 70000", 70000), ("more than 13,000", 13000), ("roughly 1.5 million", 1_500_000),
    ("1.5 million", 1_500_000), ("1.1 million", 1_100_000), ("2 bn", 2_000_000_000), ("1,500,000", 1_500_000),
    ("1.500.000", 1_500_000), ("70,000.5", 70000.5), ("70.000,5", 70000.5), ("1 000,5", 1000.5),
    ("1.5", 1.5), ("1,5", 1.5), ("1,25", 1.25), ("0.125", 0.125), (".5", 0.5), ("-5", -5), ("\u22125", -5),
    ("  42  ", 42), ("42.", 42), ("2014", 2014), (7, 7), (7.5, 7.5),
]


@pytest.mark.parametrize("text,value", ACCEPTED)
def test_parse_number_accepts(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text,unit,value", [
    ("70,000 troops", "troops", 70000), ("70000 troop", "troops", 70000), ("13,200 lives", "lives", 13200),
    ("100 km", "kilometres", 100), ("100 kilometers", "kilometres", 100), ("55%", "%", 55),
    ("55 percent", "%", 55), ("1.5 million troops", "troops", 1_500_000),
])
def test_parse_number_allows_the_questions_unit(text, unit, value):
    assert parse_number(text, unit=unit) == pytest.approx(value)


@pytest.mark.parametrize("text,expected", [
    ("", "Please type a number first."),
    ("   ", "Please type a number first."),
    (None, "Please type a number first."),
    ("abc", 'I could not read "abc" as a number.'),
    ("<script>alert(1)</script>", "as a number"),
    ("1e5", "as a number"),
    ("1..5", "as a number"),
    ("12,34,567", "as a number"),
    ("70 ,000", "as a number"),
    ("70,000 troops", "as a number"),          # no unit given: a trailing word is not a number
    ("60,000-70,000", "not a range"),
    ("60000 to 70000", "not a range"),
    ("70.000", "could mean 70 or 70,000"),
    ("2.500", "could mean 2.5 or 2,500"),
    ("9" * 10000, "too long"),
    ("1" * (MAX_LENGTH + 1), "too long"),
    (True, "Please type a number"),
    (float("nan"), "ordinary number"),
    (float("inf"), "ordinary number"),
])
def test_parse_number_refuses_with_a_friendly_message(text, expected):
    with pytest.raises(AnswerError) as info:
        parse_number(text)
    message = info.value.message
    assert expected in message
    assert len(message) < 200, "messages stay short, whatever the input"
    assert "Traceback" not in message


def test_long_input_is_not_echoed_back():
    with pytest.raises(AnswerError) as info:
        parse_number("x" * 60)
    assert "x" * 40 not in info.value.message
    assert "…" in info.value.message


def test_answer_error_is_a_value_error():
    assert issubclass(AnswerError, ValueError)


@pytest.mark.parametrize("value,text", [(70000, "70,000"), (70000.0, "70,000"), (1.5, "1.5"), (-3, "-3"),
                                        (0.125, "0.125"), (1234567.25, "1,234,567.25")])
def test_format_number(value, text):
    assert format_number(value) == text


# ----------------------------------------------------------------------------------------- grading
SINGLE = {"type": "single", "options": [
    {"id": "a", "text": "A", "correct": False, "feedback": "fa"},
    {"id": "b", "text": "B", "correct": True, "feedback": "fb"},
    {"id": "c", "text": "C", "correct": False, "feedback": "fc"}]}
MULTIPLE = {"type": "multiple", "options": [
    {"id": "a", "text": "A", "correct": True, "feedback": "fa"},
    {"id": "b", "text": "B", "correct": True, "feedback": "fb"},
    {"id": "c", "text": "C", "correct": False, "feedback": "fc"}]}
NUMERIC = {"type": "numeric", "answer": 70000, "tolerance": 5000, "unit": "troops"}
ORDERING = {"type": "ordering", "items": [{"id": "x", "text": "X"}, {"id": "y", "text": "Y"},
                                          {"id": "z", "text": "Z"}]}
MATCHING = {"type": "matching", "pairs": [{"left": "L1", "right": "R1"}, {"left": "L2", "right": "R2"},
                                          {"left": "L3", "right": "R1"}],
            "choices": ["R1", "R2", "R3"]}


def test_grade_single():
    right, wrong = grade_single(SINGLE, "b"), grade_single(SINGLE, "a")
    assert (right.valid, right.correct, right.answer, right.shown) == (True, True, "b", "B")
    assert (wrong.valid, wrong.correct) == (True, False)
    for odd in (None, "zzz", ["b"], {"b": 1}, 3, ""):
        g = grade_single(SINGLE, odd)
        assert not g.valid and g.message == "Choose one answer first."


def test_grade_multiple_needs_exactly_the_correct_set():
    assert grade_multiple(MULTIPLE, ["a", "b"]).correct
    assert grade_multiple(MULTIPLE, ["b", "a"]).answer == ["a", "b"], "stored in the data's order"
    partial = grade_multiple(MULTIPLE, ["a"])
    assert partial.valid and not partial.correct and partial.parts == (True, False, True)
    too_many = grade_multiple(MULTIPLE, ["a", "b", "c"])
    assert not too_many.correct and too_many.parts == (True, True, False)
    for odd in ([], None, ["nope"], "ab", [["a"]], 5):
        assert grade_multiple(MULTIPLE, odd).message == "Tick at least one option first."


@pytest.mark.parametrize("text,correct,direction", [
    ("70000", True, ""), ("65,000", True, ""), ("75k", True, ""), ("75001", False, "high"),
    ("64,999", False, "low"), ("about 70,000 troops", True, ""), ("150,000", False, "high")])
def test_grade_numeric_within_tolerance(text, correct, direction):
    g = grade_numeric(NUMERIC, text)
    assert g.valid and g.correct is correct and g.direction == direction


def test_grade_numeric_exact_without_tolerance_and_shown_with_unit():
    q = {"type": "numeric", "answer": 13000}
    assert grade_numeric(q, "13,000").correct
    assert not grade_numeric(q, "13,001").correct
    assert grade_numeric(NUMERIC, "70k").shown == "70,000 troops"
    assert grade_numeric(NUMERIC, "70k").answer == 70000.0


def test_grade_numeric_odd_input_is_invalid_not_wrong():
    for odd in ("", "abc", "9" * 10000, "<script>alert(1)</script>", None):
        g = grade_numeric(NUMERIC, odd)
        assert not g.valid and not g.correct and g.message


def test_grade_ordering():
    assert grade_ordering(ORDERING, ["x", "y", "z"]).correct
    g = grade_ordering(ORDERING, ["y", "x", "z"])
    assert not g.correct and g.parts == (False, False, True) and g.shown == "Y → X → Z"
    assert grade_ordering(ORDERING, ["x", None, "z"]).message == "Choose an item for every position first."
    assert grade_ordering(ORDERING, ["x", "y"]).message == "Choose an item for every position first."
    assert "only once" in grade_ordering(ORDERING, ["x", "x", "z"]).message
    assert not grade_ordering(ORDERING, ["x", "y", "nope"]).valid
    assert not grade_ordering(ORDERING, ["x", "y", ["z"]]).valid
    assert not grade_ordering(ORDERING, "xyz").valid


def test_grade_matching_allows_a_choice_used_twice():
    assert grade_matching(MATCHING, ["R1", "R2", "R1"]).correct
    g = grade_matching(MATCHING, ["R1", "R1", "R3"])
    assert not g.correct and g.parts == (True, False, False)
    assert not grade_matching(MATCHING, ["R1", None, "R1"]).valid
    assert not grade_matching(MATCHING, ["R1", "R2", "R9"]).valid
    assert not grade_matching(MATCHING, None).valid


def test_grade_dispatches_on_type():
    assert grade(SINGLE, "b").correct and grade(NUMERIC, "70k").correct and grade(ORDERING, ["x", "y", "z"]).correct
