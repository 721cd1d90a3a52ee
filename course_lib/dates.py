"""Turning "on Tuesday" into a date: the weekday arithmetic news readers do, as a control instead of code.

A report dated Wednesday 1 December 2021 that says "on Tuesday" means Tuesday 30 November 2021: the most
recent Tuesday on or before the report's own date (a report does not use a bare weekday for a day more
than six days back, or for a day still to come unless it says "next"). :func:`resolve_weekday` does
that; :func:`weekday_resolver` is the widget: a date box for the report's date and a list of weekdays,
and a sentence that says what the weekday means. The learner changes the controls, never code.

Examples
--------
>>> from datetime import date
>>> resolve_weekday(date(2021, 12, 1), "Tuesday")
datetime.date(2021, 11, 30)
>>> resolve_weekday(date(2022, 2, 17), "Thursday")      # the same day
datetime.date(2022, 2, 17)
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from .theme import fmt_date
from .ui import FONT, esc, live, panel

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def resolve_weekday(reference: date, weekday: str) -> date:
    """The most recent ``weekday`` on or before ``reference`` (what "on <weekday>" means in a report of that date).

    Raises
    ------
    ValueError
        If ``weekday`` is not an English weekday name.
    """
    try:
        target = WEEKDAYS.index(weekday.strip().capitalize())
    except ValueError:
        raise ValueError(f"{weekday!r} is not a weekday; use one of {', '.join(WEEKDAYS)}") from None
    return reference - timedelta(days=(reference.weekday() - target) % 7)


def explain(reference: date | None, weekday: str | None, label: str = "The report") -> str:
    """One or two sentences, in plain words, of what "on ``weekday``" means in a report of ``reference``.

    Examples
    --------
    >>> explain(date(2021, 12, 1), "Tuesday", "The Moscow Times' dateline")
    "The Moscow Times' dateline: 1 December 2021 was a Wednesday. “On Tuesday” in a report of that day means Tuesday 30 November 2021, 1 day before."
    """
    if reference is None:
        return "Choose the date the report was published."
    day = f"{label}: {fmt_date(reference.isoformat(), long_months=True)} was a {WEEKDAYS[reference.weekday()]}."
    if not weekday:
        return day
    when = resolve_weekday(reference, weekday)
    gap = (reference - when).days
    back = "the same day" if gap == 0 else f"{gap} day{'s' if gap != 1 else ''} before"
    return (f"{day} “On {weekday}” in a report of that day means {weekday} "
            f"{fmt_date(when.isoformat(), long_months=True)}, {back}.")


def weekday_resolver(published: str, weekday: str | None = "Tuesday", *, label: str = "The report"):
    """A date box and a weekday list that say what "on <weekday>" means in a report published that day.

    Parameters
    ----------
    published : str
        The report's date, ISO (``"2021-12-01"``): where the course found it goes in ``label``.
    weekday : str or None
        The weekday the report names; None only tells the day of the week of ``published``.
    label : str
        Where the date comes from, e.g. ``"The Moscow Times' dateline"``.

    Examples
    --------
    >>> w = weekday_resolver("2022-02-17", "Tuesday", label="euronews (the course's source notes)")
    >>> "Tuesday 15 February 2022, 2 days before" in w.answer.value
    True
    >>> w.weekday.value = "Thursday"
    >>> "the same day" in w.answer.value
    True
    """
    import ipywidgets as widgets

    style = {"description_width": "initial"}
    picker = widgets.DatePicker(value=date.fromisoformat(published), description="Report published on:", style=style)
    day = widgets.Dropdown(options=[("(only tell me the weekday)", "")] + [(d, d) for d in WEEKDAYS],
                           value=weekday or "", description="It says “on …”:", style=style)
    answer = live(widgets.HTML())  # the answer is announced when the controls change

    def update(_: Any = None) -> None:
        text = explain(picker.value, day.value or None, label)
        answer.value = f"<p style=\"font-family:{FONT};margin:4px 0\">{esc(text)}</p>"

    picker.observe(update, "value")
    day.observe(update, "value")
    update()
    controls = widgets.HBox([picker, day], layout=widgets.Layout(flex_flow="row wrap", grid_gap="8px"))
    box = panel([controls, answer], f"Weekday resolver: {label}, {published}")
    box.date, box.weekday, box.answer = picker, day, answer
    return box
