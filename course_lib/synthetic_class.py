"""A synthetic class of hand-ins, deterministic, for the teacher's notebook, the tests and the benchmark.

Each invented learner has an ability and each question a difficulty; whether the first check is right
follows a simple logistic model, and a wrong first answer picks a wrong option (or a number too low or
too high, a wrong order or match). Names are "Learner 01", "Learner 02", ...; nothing here is real.

Examples
--------
>>> a = synthetic_handins(3, seed=1)
>>> a == synthetic_handins(3, seed=1), [h["learner"] for h in a]
(True, ['Learner 01', 'Learner 02', 'Learner 03'])
"""
from __future__ import annotations

import json
import math
import random
from pathlib import Path
from typing import Any

from .handin import FORMAT, FORMAT_VERSION, handin_filename

#: the fixed time written into every synthetic hand-in (so files are identical on every run)
CREATED = "2026-01-15T10:00:00+00:00"


def _right_answer(q: dict[str, Any]) -> Any:
    t = q["type"]
    if t == "single":
        return next(o["id"] for o in q["options"] if o["correct"])
    if t == "multiple":
        return [o["id"] for o in q["options"] if o["correct"]]
    if t == "numeric":
        return q["answer"]
    if t == "ordering":
        return [i["id"] for i in q["items"]]
    return [p["right"] for p in q["pairs"]]


def _wrong_answer(q: dict[str, Any], rng: random.Random) -> Any:
    t = q["type"]
    if t in ("single", "multiple"):
        wrong = [o["id"] for o in q["options"] if not o["correct"]]
        # the first wrong options are the tempting ones: weight them more
        pick = rng.choices(wrong, weights=[len(wrong) - i for i in range(len(wrong))])[0]
        if t == "single":
            return pick
        return [o["id"] for o in q["options"] if o["correct"]][:-1] + [pick]
    if t == "numeric":
        span = max(abs(q["answer"]) * 0.5, q.get("tolerance", 0) * 3, 1)
        return q["answer"] + (span if rng.random() < 0.4 else -span)
    right = _right_answer(q)
    return list(reversed(right)) if right else right


def synthetic_handins(n: int, *, seed: int = 2022, notebooks: list[str] | None = None) -> list[dict[str, Any]]:
    """``n`` invented learners' hand-ins (deterministic for a given ``n`` and ``seed``).

    Parameters
    ----------
    n : int
        How many learners.
    seed : int
        The random seed.
    notebooks : list of str, optional
        Which quizzes they answered (default: all numbered notebooks; each learner skips some at the end).
    """
    from .class_stats import course_items

    titles, items = course_items()
    rng = random.Random(seed)
    difficulty = {(it.quiz, it.qid): rng.gauss(0, 1) for it in items}
    names = notebooks if notebooks is not None else list(titles)
    out = []
    for k in range(1, n + 1):
        ability = rng.gauss(0.6, 1)
        done = names[: max(1, len(names) - rng.choice([0, 0, 0, 1, 2]))]
        quizzes: dict[str, dict[str, Any]] = {}
        for it in items:
            if it.quiz not in done:
                continue
            p = 1 / (1 + math.exp(-(ability - difficulty[(it.quiz, it.qid)])))
            first_right = rng.random() < p
            first = _right_answer(it.question) if first_right else _wrong_answer(it.question, rng)
            attempts = 1 if first_right else rng.choice([1, 2, 2, 3])
            latest = first if attempts == 1 else _right_answer(it.question)
            quizzes.setdefault(it.quiz, {})[it.qid] = {
                "attempts": attempts, "correct": first_right or attempts > 1, "first_try": first_right,
                "answer": latest, "first_answer": first, "shown": "", "timestamp": CREATED}
        out.append({"format": FORMAT, "format_version": FORMAT_VERSION, "course_version": "0.1.0",
                    "learner": f"Learner {k:02d}", "user": f"learner{k:02d}", "created": CREATED,
                    "quizzes": quizzes, "claims": {}, "results": {}})
    return out


def write_synthetic_class(folder: str | Path, n: int, *, seed: int = 2022, compact: bool = False) -> list[Path]:
    """Write ``n`` synthetic hand-ins into ``folder`` (one ``handin-learner-NN.json`` each); return the paths.

    ``compact`` writes each file on one line (smaller; the bundled sample class uses it).
    """
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    paths = []
    for doc in synthetic_handins(n, seed=seed):
        path = target / handin_filename(doc["learner"])
        text = json.dumps(doc, ensure_ascii=False, indent=None if compact else 1, sort_keys=True,
                          separators=(",", ":") if compact else None)
        path.write_text(text + "\n", encoding="utf-8")
        paths.append(path)
    return paths
