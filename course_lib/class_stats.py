"""The class report's numbers: the course's questions, and per question difficulty, discrimination and the
wrong answers chosen at the first try; per learner the score in every notebook.

Pure computation over hand-in dicts (see :mod:`course_lib.handin`); :mod:`course_lib.report` draws it.

Examples
--------
>>> from course_lib.synthetic_class import synthetic_handins
>>> a = analyse(synthetic_handins(6, seed=1))
>>> len(a.learners), a.stats[0].answered
(6, 6)
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .handins_io import display_name

#: discrimination below this is flagged (as PrairieLearn does)
FLAG_BELOW = 0.2
#: fewer learners than this who answered a question: no discrimination index
MIN_FOR_DISCRIMINATION = 5


# ---------------------------------------------------------------------------------------------- course
@dataclass
class Item:
    """One quiz question, as the report needs it."""

    quiz: str
    qid: str
    number: int
    qtype: str
    prompt: str
    question: dict[str, Any]
    anchor: str

    @property
    def label(self) -> str:
        """Short label: notebook number and question number, e.g. ``"03 Q4"``."""
        return f"{self.quiz[:2]} Q{self.number}"


@lru_cache(maxsize=4)
def _notebook_anchor(name: str) -> str:
    """The JupyterLab/nbconvert anchor of the heading above the notebook's quiz (default: the skeleton's)."""
    from .paths import data_dir

    nb_path = data_dir().parent / "notebooks" / f"{name}.ipynb"
    heading = "Check your understanding"
    try:
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        last = heading
        for cell in nb["cells"]:
            src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            if cell["cell_type"] == "markdown":
                for line in src.splitlines():
                    m = re.match(r"^#{1,6}\s+(.*?)\s*$", line)
                    if m:
                        last = m.group(1)
            elif f'quiz("{name}")' in src:
                heading = last
                break
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return heading.replace(" ", "-")


@lru_cache(maxsize=2)
def course_items() -> tuple[dict[str, str], tuple[Item, ...]]:
    """``({quiz name: title}, items in course order)`` for every numbered notebook's quiz."""
    from .quiz import load_quiz, quiz_names

    titles: dict[str, str] = {}
    items: list[Item] = []
    for name in quiz_names():
        if name.startswith("_"):
            continue
        doc = load_quiz(name)
        titles[name] = doc["title"]
        anchor = _notebook_anchor(name)
        for i, q in enumerate(doc["questions"], 1):
            items.append(Item(name, q["id"], i, q["type"], q["prompt"], q, anchor))
    return titles, tuple(items)


# ---------------------------------------------------------------------------------------------- analysis
def _first_answer(rec: dict[str, Any]) -> Any:
    """The answer of the first check, if known (older progress files kept only the latest answer)."""
    if "first_answer" in rec:
        return rec["first_answer"]
    return rec.get("answer") if rec.get("attempts") == 1 else None


def wrong_choices(item: Item, rec: dict[str, Any]) -> list[str]:
    """Keys of the wrong answers a learner gave at the first try: option ids, ``"low"``/``"high"``,
    ``"wrong-order"`` / ``"wrong-match"``, or ``"not-recorded"``."""
    if rec.get("first_try") is not False:
        return []
    answer = _first_answer(rec)
    q = item.question
    if answer is None:
        return ["not-recorded"]
    if item.qtype in ("single", "multiple"):
        wrong = {o["id"] for o in q["options"] if not o["correct"]}
        right = {o["id"] for o in q["options"] if o["correct"]}
        chosen = [answer] if isinstance(answer, str) else [a for a in answer if isinstance(a, str)] \
            if isinstance(answer, list) else []
        out = [a for a in dict.fromkeys(chosen) if a in wrong]
        if item.qtype == "multiple" and not out and right - set(chosen):
            out = ["missed-right"]
        return out or ["not-recorded"]
    if item.qtype == "numeric":
        if isinstance(answer, (int, float)) and not isinstance(answer, bool) and math.isfinite(answer):
            return ["low" if answer < q["answer"] else "high"]
        return ["not-recorded"]
    return ["wrong-order" if item.qtype == "ordering" else "wrong-match"]


def choice_text(item: Item, key: str) -> tuple[str, str]:
    """(what the wrong answer was, the feedback the learner was shown for it)."""
    q = item.question
    for o in q.get("options", []):
        if o["id"] == key:
            return o["text"], o["feedback"]
    fixed = {
        "low": ("a number below the accepted range", q.get("feedback_low", "")),
        "high": ("a number above the accepted range", q.get("feedback_high", "")),
        "wrong-order": ("a wrong order", q.get("explanation", "")),
        "wrong-match": ("a wrong match", q.get("explanation", "")),
        "missed-right": ("left out a right option (ticked no wrong one)", q.get("explanation", "")),
        "not-recorded": ("not recorded (saved before the course kept first answers)", ""),
    }
    return fixed.get(key, (key, ""))


@dataclass
class ItemStats:
    """Numbers for one question over the class."""

    item: Item
    answered: int = 0
    right_first: int = 0
    difficulty: float | None = None
    discrimination: float | None = None
    wrong: list[tuple[str, int]] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        # when everyone (or no one) was right the index is 0 by construction: nothing to flag
        return (self.discrimination is not None and self.discrimination < FLAG_BELOW
                and self.difficulty is not None and 0 < self.difficulty < 1)


@dataclass
class Analysis:
    """Everything the built-in sections show, computed once from the hand-ins."""

    titles: dict[str, str]
    items: tuple[Item, ...]
    learners: list[dict[str, Any]]
    stats: list[ItemStats]


def _records(handin: dict[str, Any], item: Item) -> dict[str, Any] | None:
    quiz = handin.get("quizzes", {}).get(item.quiz)
    rec = quiz.get(item.qid) if isinstance(quiz, dict) else None
    return rec if isinstance(rec, dict) and isinstance(rec.get("attempts"), int) and rec["attempts"] > 0 else None


def _item_rest(takers: list[dict[str, Any]], idx: int) -> float | None:
    """Point-biserial correlation of right-at-first-try on question ``idx`` with the rest score (the share
    right at the first try on the learner's *other* answered questions); None when either does not vary."""
    xs = [1.0 if lr["first_right"][idx] else 0.0 for lr in takers]
    ys = []
    for lr, x in zip(takers, xs):
        answered = len(lr["first_right"]) - 1
        ys.append((lr["right_total"] - x) / answered if answered else 0.0)
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / math.sqrt(sxx * syy)


def analyse(handins: list[dict[str, Any]]) -> Analysis:
    """Scores per learner and notebook, and difficulty, discrimination and wrong answers per question.

    *Difficulty* is the share of learners who answered a question that were right at the first try.
    *Discrimination* is the corrected point-biserial (item-rest) correlation: between being right at the
    first try on this question and the share right at the first try on the learner's *other* answered
    questions. It needs at least :data:`MIN_FOR_DISCRIMINATION` learners who answered, and a question some
    but not all got right; under :data:`FLAG_BELOW` the question is flagged.
    """
    titles, items = course_items()
    learners = []
    for h in handins:
        per: dict[str, dict[str, int]] = {q: {"correct": 0, "first": 0, "answered": 0, "total": 0} for q in titles}
        first_right: dict[int, bool] = {}
        recs: dict[int, dict[str, Any]] = {}
        for idx, item in enumerate(items):
            per[item.quiz]["total"] += 1
            rec = _records(h, item)
            if rec is None:
                continue
            recs[idx] = rec
            per[item.quiz]["answered"] += 1
            per[item.quiz]["correct"] += rec.get("correct") is True
            per[item.quiz]["first"] += rec.get("first_try") is True
            first_right[idx] = rec.get("first_try") is True
        learners.append({"handin": h, "name": display_name(h["learner"]), "user": display_name(h.get("user", ""), 60),
                         "per": per, "first_right": first_right, "recs": recs,
                         "right_total": sum(first_right.values())})
    stats = []
    for idx, item in enumerate(items):
        st = ItemStats(item)
        takers = [lr for lr in learners if idx in lr["first_right"]]
        st.answered = len(takers)
        st.right_first = sum(lr["first_right"][idx] for lr in takers)
        if takers:
            st.difficulty = st.right_first / st.answered
        if len(takers) >= MIN_FOR_DISCRIMINATION:
            st.discrimination = _item_rest(takers, idx)
        counts: dict[str, int] = {}
        for lr in takers:
            for key in wrong_choices(item, lr["recs"][idx]):
                counts[key] = counts.get(key, 0) + 1
        st.wrong = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        stats.append(st)
    return Analysis(titles, items, learners, stats)


def most_missed(analysis: Analysis) -> list[ItemStats]:
    """Answered questions, hardest first (lowest share right at the first try), then in course order."""
    order = {id(s): i for i, s in enumerate(analysis.stats)}
    return sorted((s for s in analysis.stats if s.answered),
                  key=lambda s: (s.difficulty if s.difficulty is not None else 2.0, order[id(s)]))
