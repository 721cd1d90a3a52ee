"""Predict, then reveal: the learner rates a claim before seeing what the sources say about it.

``course_lib.predict_claim("<claim id>")`` shows a claim from ``data/claims.json`` (who made it, when,
where it appeared, verbatim), asks for a rating -- accurate / misleading / false / can't tell from
these sources -- and a confidence (50% to 100%), and then on "Reveal":

* for a **fact-check** (a claim with a ``reviewer``): the reviewer, attributed with its funding or role
  as the course's actor record gives it, and its verdict verbatim ("Polygraph.info (Fact-checking site
  of Voice of America, funded by the US government) rated it: Misleading"), the explanation, and the
  evidence quotes with their article citations;
* for a claim **no source rates** (``reviewer`` is null): a plain statement that no source in the
  course rates it, and the contradicting statements side by side, one column per side (symbol, label
  and colour from :data:`course_lib.ui.SIDES`), each with speaker, role, date, article, whether it is a
  direct quote, a paraphrase or a reported claim, and the verbatim text.

The learner's prediction is then compared with the verdict, without scolding: a verdict is one
reviewer's judgement, to be weighed like any other source. "Reveal" is disabled until a rating is
chosen (and says so if clicked anyway). With ``progress`` the prediction is saved, and a widget made
again shows it revealed.

Widget anatomy: the panel has ``.claim_id``, ``.rating`` (RadioButtons), ``.confidence``
(SelectionSlider), ``.reveal_button``, ``.again_button`` ("Predict again"), ``.feedback`` (HTML,
messages), ``.comparison`` (HTML), ``.reveal`` (HTML) and ``.store``.

Examples
--------
>>> import course_lib
>>> w = course_lib.predict_claim("russia-intention-to-invade", progress=False)
>>> w.reveal_button.disabled
True
>>> w.rating.value = "cant-tell"
>>> w.reveal_button.click()
>>> "No source in this course rates this claim" in w.reveal.value
True
"""
from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

from .progress import store_for
from .quiz import INFO, cite_html
from .statement_view import errata_for, erratum_flag, statement_fields
from .theme import record_date
from .ui import FONT, SIDES, STYLES, esc, live, notes_html, panel, side_badge, style_key, style_tag

#: rating value -> label, in the order the learner sees them
RATINGS: dict[str, str] = {
    "accurate": "Accurate",
    "misleading": "Misleading",
    "false": "False",
    "cant-tell": "Can't tell from these sources",
}
CONFIDENCE = [("50% (a guess)", 50), ("60%", 60), ("70%", 70), ("80%", 80), ("90%", 90), ("100% (certain)", 100)]
#: statement fields the claim reveal does not repeat (the side heads the column; errata are listed apart)
_SKIP = ("Side", "How dated", "Also about", "Reporting word", "Source error")
_BLOCKQUOTE = "margin:4px 0;padding:2px 10px;border-left:3px solid #888"


def is_rated(claim: dict[str, Any]) -> bool:
    """True if a source in the course rates the claim (it has a reviewer and a verdict).

    Examples
    --------
    >>> is_rated({"reviewer": None, "verdict": "not rated in these sources"})
    False
    """
    verdict = str(claim.get("verdict", "")).strip().lower()
    return claim.get("reviewer") is not None and verdict != "not rated in these sources"


def _actor_badge(actor: dict[str, Any]) -> tuple[str, str]:
    """(side key, badge HTML) for an actor; outlets get the media style."""
    key = style_key(actor)
    return key, side_badge(key)


def _evidence_html(sources: list[dict[str, str]], data: Any) -> str:
    """Quotes grouped by article, each group cited once."""
    groups: dict[str, list[str]] = {}
    for src in sources:
        groups.setdefault(src["article"], []).append(src["quote"])
    out = []
    for article, quotes in groups.items():
        out.append(f"<p style=\"margin:6px 0 0 0\">From {cite_html(article, data)}:</p>")
        for q in quotes:
            out.append(f"<blockquote style=\"{_BLOCKQUOTE}\">{esc(q)}</blockquote>")
            out += [f"<p style=\"margin:2px 0;border-left:3px solid #b3001b;padding-left:6px\">{esc(erratum_flag(e))}</p>"
                    for e in errata_for(data, {"article": article, "quote": q})]
    return "".join(out)


def statements_html(statement_ids: list[str], data: Any) -> str:
    """The statements side by side: one column per side, in the order of :data:`SIDES`, outlets last.

    Examples
    --------
    >>> from course_lib import load
    >>> html = statements_html(["reznikov-no-plans-to-attack", "zakharova-ukraine-massing"], load())
    >>> html.index("Russia") < html.index("Ukraine")
    True
    """
    columns: dict[str, list[str]] = {}
    badges: dict[str, str] = {}
    for sid in statement_ids:
        st = data.statements[sid]
        actor = data.actors[st["actor"]]
        side, badge = _actor_badge(actor)
        badges[side] = badge
        fields = dict(statement_fields(data, st, skip=_SKIP))
        errors = [value for label, value in statement_fields(data, st) if label == "Source error"]
        where = f" · {esc(fields['Where'])}" if "Where" in fields else ""
        columns.setdefault(side, []).append(
            "<div style=\"margin:6px 0 10px 0\">"
            f"<p style=\"margin:0\"><strong>{esc(fields['Speaker'])}</strong></p>"
            f"<p style=\"margin:0;color:{INFO}\">{esc(fields['Date'])} · {esc(fields['Kind'])} · "
            f"in {esc(fields['Source'])}{where}</p>"
            f"<blockquote style=\"{_BLOCKQUOTE}\">{esc(fields['Words'])}</blockquote>"
            + "".join(f"<p style=\"margin:2px 0;border-left:3px solid #b3001b;padding-left:6px\">{esc(e)}</p>"
                      for e in errors)
            + (f"<p style=\"margin:2px 0;font-size:90%\">Course note: {esc(fields['Course note'])}</p>"
               if "Course note" in fields else "")
            + "</div>")
    order = [s for s in SIDES if s in columns] + [s for s in columns if s not in SIDES]
    cols = []
    for side in order:
        colour = STYLES.get(side, {"color": "#555555"})["color"]
        cols.append(f"<div style=\"flex:1 1 16em;min-width:14em;border-top:4px solid {colour};"
                    f"padding:4px 8px;background:#fafafa\"><p style=\"margin:0 0 4px 0\">{badges[side]}</p>"
                    + "".join(columns[side]) + "</div>")
    return f"<div style=\"display:flex;flex-wrap:wrap;gap:10px\">{''.join(cols)}</div>"


def claim_header_html(claim: dict[str, Any], data: Any) -> str:
    """The claim, who made it, when, and where it appeared (verbatim)."""
    actor = data.actors[claim["claimant"]]
    _, badge = _actor_badge(actor)
    return (f"<div style=\"font-family:{FONT}\">"
            f"<p style=\"margin:4px 0;font-size:1.1em\"><strong>Predict, then reveal</strong></p>"
            f"<p style=\"margin:4px 0\"><strong>The claim:</strong> {esc(claim['claim'])}</p>"
            f"<p style=\"margin:4px 0\">{badge} · <strong>{esc(actor['name'])}</strong>, {esc(actor['role'])} · "
            f"{esc(record_date(claim, long_months=True))}</p>"
            f"<p style=\"margin:6px 0 0 0\">As it appears in {cite_html(claim['article'], data)}:</p>"
            f"<blockquote style=\"{_BLOCKQUOTE}\">{esc(claim['appearance'])}</blockquote>"
            "<p style=\"margin:6px 0\">Before you look at what the sources say: how would you rate this claim, "
            "and how sure are you?</p></div>")


def _verdict_key(verdict: str) -> str:
    return re.sub(r"[^a-z]", "", verdict.lower())


def comparison_html(claim: dict[str, Any], rating: str, confidence: int, data: Any) -> str:
    """Compare the learner's prediction with the verdict (or with the absence of one), kindly."""
    mine = f"<strong>{esc(RATINGS[rating])}</strong> ({confidence}% sure)"
    if not is_rated(claim):
        if rating == "cant-tell":
            text = (f"You predicted {mine}. That is where these sources leave it: none of them rates this "
                    "claim. Below, see who said what, and when.")
        else:
            text = (f"You predicted {mine}. None of these sources rates the claim, so there is no verdict to "
                    "compare with. Weigh the statements below: who says what, when, and on what evidence? "
                    "Could these sources settle it?")
        return f"<p style=\"margin:4px 0;font-family:{FONT}\">{text}</p>"
    reviewer = esc(data.actors[claim["reviewer"]]["name"])
    verdict = esc(claim["verdict"])
    key = _verdict_key(claim["verdict"])
    if key == _verdict_key(RATINGS[rating]):
        text = (f"You predicted {mine}, the same as {reviewer}'s verdict. Does the evidence below convince "
                "you as well?")
    elif rating == "cant-tell":
        text = (f"You predicted {mine}. {reviewer} did give a verdict, <strong>{verdict}</strong>, using the "
                "evidence below. Decide whether that evidence settles it for you.")
    elif key in {_verdict_key(v) for v in RATINGS.values()}:
        text = (f"You predicted {mine}; {reviewer} rated it <strong>{verdict}</strong>. Different readings "
                "are worth examining: look at the evidence below and decide whether it changes your mind, or "
                "whether you would weigh it differently.")
    else:
        text = (f"You predicted {mine}. {reviewer} uses its own label, <strong>{verdict}</strong>: compare it "
                "with yours using the evidence below.")
    return f"<p style=\"margin:4px 0;font-family:{FONT}\">{text}</p>"


def reveal_html(claim: dict[str, Any], data: Any) -> str:
    """What the sources say about the claim (see the module docstring)."""
    out = [f"<div style=\"font-family:{FONT}\">"]
    if is_rated(claim):
        rev = data.actors[claim["reviewer"]]
        out.append(f"<p style=\"margin:6px 0\"><strong>{esc(rev['name'])}</strong> ({esc(rev['role'])}) rated "
                   f"it: <strong>{esc(claim['verdict'])}</strong></p>")
        out.append(f"<p style=\"margin:4px 0\"><strong>Explanation:</strong> {esc(claim['explanation'])}</p>")
        if claim["evidence"]:
            n = len(claim["evidence"])
            out.append(f"<details open><summary>The evidence the reviewer gives ({n} "
                       f"quote{'s' if n != 1 else ''})</summary>{_evidence_html(claim['evidence'], data)}</details>")
        if claim["statements"]:
            n = len(claim["statements"])
            out.append(f"<details><summary>What each side said ({n} statement{'s' if n != 1 else ''}, side by "
                       f"side)</summary>{statements_html(claim['statements'], data)}</details>")
    else:
        out.append("<p style=\"margin:6px 0\"><strong>No source in this course rates this claim.</strong> "
                   "These statements contradict each other; here they are side by side.</p>")
        if claim["statements"]:
            out.append(statements_html(claim["statements"], data))
        out.append(f"<p style=\"margin:6px 0\"><strong>Explanation:</strong> {esc(claim['explanation'])}</p>")
        if claim["evidence"]:
            n = len(claim["evidence"])
            out.append(f"<details><summary>The passages in full ({n} quote{'s' if n != 1 else ''})</summary>"
                       f"{_evidence_html(claim['evidence'], data)}</details>")
    out.append("</div>")
    return "".join(out)


def predict_claim(claim_id: str, *, progress: bool | str | Path = True, folder: str | Path | None = None):
    """A predict-then-reveal widget for one claim of ``data/claims.json``.

    Parameters
    ----------
    claim_id : str
        The claim's id.
    progress : bool or path
        ``True`` (default): save the prediction to the learner's progress file and show a saved one
        revealed; ``False``: keep nothing; a path: use that file.
    folder : str or Path, optional
        A data folder laid out like the package's ``data/`` (for tests).

    Returns
    -------
    ipywidgets.VBox
        The widget (see the module docstring for its parts); its text repr names the claimant and the
        date, never the verdict.

    Raises
    ------
    ValueError
        If there is no such claim; the message lists the claim ids.

    Examples
    --------
    >>> w = predict_claim("shoigu-west-calls-ukraine-to-seize-russian-territory", progress=False)
    >>> repr(w)
    'Predict, then reveal: a claim by Sergey Shoigu, 7 February 2023'
    >>> w.rating.value, w.confidence.value = "misleading", 80
    >>> w.reveal_button.click()
    >>> "rated it: <strong>Misleading</strong>" in w.reveal.value
    True
    """
    import ipywidgets as widgets

    from .data import load

    data = load(folder)
    if not isinstance(claim_id, str) or claim_id not in data.claims:
        ids = list(data.claims)
        near = difflib.get_close_matches(str(claim_id), ids, n=1, cutoff=0.5)
        hint = f" Did you mean {near[0]!r}?" if near else ""
        raise ValueError(f"There is no claim {str(claim_id)[:80]!r}.{hint} Claims: "
                         + ", ".join(repr(i) for i in ids) + ".")
    claim = data.claims[claim_id]
    store = store_for(progress)
    claimant = data.actors[claim["claimant"]]

    header = widgets.HTML(style_tag() + claim_header_html(claim, data))
    rating = widgets.RadioButtons(options=[(label, key) for key, label in RATINGS.items()], value=None,
                                  description="Your rating:", style={"description_width": "initial"},
                                  layout=widgets.Layout(width="auto"))
    confidence = widgets.SelectionSlider(options=CONFIDENCE, value=50, description="How sure are you?",
                                         style={"description_width": "initial"}, continuous_update=False,
                                         layout=widgets.Layout(width="min(100%, 30em)"))
    reveal_button = widgets.Button(description="Reveal", button_style="primary", disabled=True,
                                   tooltip="Reveal what the sources say (choose a rating first)")
    again_button = widgets.Button(description="Predict again", disabled=True,
                                  tooltip="Hide what the sources say and rate the claim again")
    feedback = live(widgets.HTML(""))
    comparison = live(widgets.HTML(""))  # a live region from the start: the reveal is announced
    reveal = widgets.HTML("")
    message = widgets.HTML("")

    def show_notes() -> None:
        message.value = notes_html(store.notes if store is not None else [])

    def show(rating_key: str, conf: int) -> None:
        rating.disabled = confidence.disabled = reveal_button.disabled = True
        again_button.disabled = False
        feedback.value = ""
        comparison.value = comparison_html(claim, rating_key, conf, data)
        reveal.value = reveal_html(claim, data)

    def on_rating(change: dict[str, Any]) -> None:
        if not rating.disabled:
            reveal_button.disabled = change["new"] is None
            if change["new"] is not None:
                feedback.value = ""

    def guard(action: Any) -> Any:
        def handler(_button: Any = None) -> None:
            try:
                action()
            except Exception as err:  # never a traceback in the learner's notebook
                feedback.value = (f"<p style=\"font-family:{FONT}\">ℹ Something went wrong "
                                  f"({esc(type(err).__name__)}). Please try again.</p>")
        return handler

    def on_reveal() -> None:
        if rating.disabled:  # already revealed: a second click (before the button is disabled) is ignored
            return
        if rating.value not in RATINGS:
            feedback.value = (f"<p style=\"margin:4px 0;font-family:{FONT};color:{INFO}\">ℹ "
                              "Choose a rating first: your own prediction is the point of the exercise.</p>")
            return
        conf = confidence.value if confidence.value in {v for _, v in CONFIDENCE} else 50
        if store is not None:
            store.record_claim(claim_id, rating=rating.value, confidence=conf)
            show_notes()
        show(rating.value, conf)
        again_button.focus()  # "Reveal" is now disabled: keep the focus on a control that is not

    def on_again() -> None:
        rating.disabled = confidence.disabled = False
        rating.value = None
        reveal_button.disabled = True
        again_button.disabled = True
        comparison.value = reveal.value = feedback.value = ""

    rating.observe(on_rating, names="value")
    reveal_button.on_click(guard(on_reveal))
    again_button.on_click(guard(on_again))

    if store is not None:
        saved = store.claim(claim_id)
        if saved is not None and saved["rating"] in RATINGS:
            rating.value = saved["rating"]
            valid = [v for _, v in CONFIDENCE]
            confidence.value = min(valid, key=lambda v: abs(v - saved["confidence"]))
            show(saved["rating"], confidence.value)
        show_notes()

    buttons = widgets.HBox([reveal_button, again_button], layout=widgets.Layout(flex_flow="row wrap"))
    children = [header, message, rating, confidence, buttons, feedback, comparison, reveal]
    box = panel(children, f"Predict, then reveal: a claim by {claimant['name']}, {record_date(claim, long_months=True)}",
                border="1px solid #ccc", padding="6px 10px", margin="6px 0")
    box.claim_id, box.store = claim_id, store
    box.rating, box.confidence = rating, confidence
    box.reveal_button, box.again_button = reveal_button, again_button
    box.feedback, box.comparison, box.reveal, box.message = feedback, comparison, reveal, message
    return box
