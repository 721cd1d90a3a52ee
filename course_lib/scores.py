"""Scores for the pre/post test: discernment, d', Brier score and a reliability table (pure functions).

* **Discernment** = hit rate - false-alarm rate: the share of accurate reports the learner accepted minus
  the share of distorted reports they accepted. Doubting everything scores 0, as does believing
  everything; only telling them apart scores above 0 (up to 1).
* **d'** (signal detection) = z(hit rate) - z(false-alarm rate), with the log-linear correction
  (Hautus, 1995): add 0.5 to each count and 1 to each total, so that rates of 0 and 1 give finite values.
* **Brier score** = mean of (confidence - outcome)², with confidence as a probability that the learner's
  own answer is right (0.5 to 1) and outcome 1 if it is, else 0. 0 is perfect; always answering "50%"
  scores 0.25.
* **Reliability table**: for each confidence band, how many answers and what share of them were right.
  Calibrated answers are right about as often as the confidence says.

Claim predictions (notebook 04) are NOT part of calibration: a verdict is one reviewer's judgement, not
an answer key. :func:`claim_pairs` says, for each prediction of a claim a source rates, whether it agrees
with that reviewer's verdict (reported apart as "agreement with Polygraph.info's verdict"); a claim no
source rates has no verdict to compare with.

Examples
--------
>>> discernment(hits=4, n_accurate=5, false_alarms=1, n_distorted=5)
0.6
>>> round(d_prime(hits=5, n_accurate=5, false_alarms=0, n_distorted=5), 3)
2.766
>>> brier([(100, True), (50, False)])
0.125
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable
from statistics import NormalDist, fmean, stdev
from typing import Any

#: confidence bands of the reliability table: (label, lowest, highest), in percent
BANDS: tuple[tuple[str, int, int], ...] = (("50-60%", 50, 60), ("70-80%", 70, 80), ("90-100%", 90, 100))
#: two-sided 95% Student t quantiles for 1..30 degrees of freedom (beyond: 1.96)
_T95 = (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
        2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048,
        2.045, 2.042)


def valid_answer(answer: Any) -> bool:
    """True for a saved answer ``{"accurate": bool, "confidence": 50..100}`` (anything else is ignored).

    Examples
    --------
    >>> valid_answer({"accurate": True, "confidence": 70}), valid_answer({"accurate": "yes", "confidence": 70})
    (True, False)
    """
    if not isinstance(answer, dict) or not isinstance(answer.get("accurate"), bool):
        return False
    conf = answer.get("confidence")
    return isinstance(conf, int) and not isinstance(conf, bool) and 50 <= conf <= 100


def counts(items: Iterable[dict[str, Any]], answers: dict[str, Any]) -> dict[str, int]:
    """Hits, false alarms and how many accurate and distorted items were answered.

    A **hit** is "accurate" said of an accurate item; a **false alarm** is "accurate" said of a distorted one.

    Examples
    --------
    >>> items = [{"id": "a", "accurate": True}, {"id": "b", "accurate": False}]
    >>> counts(items, {"a": {"accurate": True, "confidence": 80}, "b": {"accurate": True, "confidence": 60}})
    {'hits': 1, 'n_accurate': 1, 'false_alarms': 1, 'n_distorted': 1}
    """
    out = {"hits": 0, "n_accurate": 0, "false_alarms": 0, "n_distorted": 0}
    for item in items:
        answer = answers.get(item["id"])
        if not valid_answer(answer):
            continue
        if item["accurate"]:
            out["n_accurate"] += 1
            out["hits"] += answer["accurate"]
        else:
            out["n_distorted"] += 1
            out["false_alarms"] += answer["accurate"]
    return out


def discernment(hits: int, n_accurate: int, false_alarms: int, n_distorted: int) -> float | None:
    """Hit rate minus false-alarm rate, from -1 to 1; None if either kind of item was not answered.

    Examples
    --------
    >>> discernment(5, 5, 0, 5), discernment(0, 5, 5, 5), discernment(5, 5, 5, 5)
    (1.0, -1.0, 0.0)
    >>> discernment(3, 4, 0, 0) is None
    True
    """
    if n_accurate <= 0 or n_distorted <= 0:
        return None
    return round(hits / n_accurate - false_alarms / n_distorted, 10)


def corrected_rate(count: int, total: int) -> float:
    """The log-linear corrected rate (count + 0.5) / (total + 1) (Hautus, 1995); never 0 or 1.

    Examples
    --------
    >>> corrected_rate(0, 5), corrected_rate(5, 5)
    (0.08333333333333333, 0.9166666666666666)
    """
    return (count + 0.5) / (total + 1)


def d_prime(hits: int, n_accurate: int, false_alarms: int, n_distorted: int) -> float | None:
    """Sensitivity d' = z(H) - z(F) with log-linearly corrected rates; None if a kind was not answered.

    Examples
    --------
    >>> d_prime(5, 5, 5, 5)
    0.0
    >>> round(d_prime(0, 5, 5, 5), 3)
    -2.766
    """
    if n_accurate <= 0 or n_distorted <= 0:
        return None
    z = NormalDist().inv_cdf
    return round(z(corrected_rate(hits, n_accurate)) - z(corrected_rate(false_alarms, n_distorted)), 10)


def brier(pairs: Iterable[tuple[int, bool]]) -> float | None:
    """Mean squared gap between confidence (percent, as a probability) and being right (1) or wrong (0).

    Examples
    --------
    >>> brier([(100, True), (100, True)]), brier([(100, False)]), brier([(50, True), (50, False)])
    (0.0, 1.0, 0.25)
    >>> brier([]) is None
    True
    """
    gaps = [(conf / 100 - (1.0 if right else 0.0)) ** 2 for conf, right in pairs]
    return round(fmean(gaps), 10) if gaps else None


def reliability(pairs: Iterable[tuple[int, bool]]) -> list[dict[str, Any]]:
    """One row per confidence band: ``{"band", "n", "mean_confidence", "share_correct"}`` (None if n is 0).

    Examples
    --------
    >>> rows = reliability([(50, True), (60, False), (90, True), (100, True)])
    >>> [(r["band"], r["n"], r["share_correct"]) for r in rows]
    [('50-60%', 2, 0.5), ('70-80%', 0, None), ('90-100%', 2, 1.0)]
    >>> rows[0]["mean_confidence"]
    55.0
    """
    pairs = list(pairs)
    rows = []
    for label, lo, hi in BANDS:
        inside = [(c, r) for c, r in pairs if lo <= c <= hi]
        rows.append({"band": label, "n": len(inside),
                     "mean_confidence": fmean(c for c, _ in inside) if inside else None,
                     "share_correct": fmean(1.0 if r else 0.0 for _, r in inside) if inside else None})
    return rows


def answer_pairs(items: Iterable[dict[str, Any]], answers: dict[str, Any]) -> list[tuple[int, bool]]:
    """``(confidence, right)`` for each answered item.

    Examples
    --------
    >>> answer_pairs([{"id": "a", "accurate": False}], {"a": {"accurate": True, "confidence": 90}})
    [(90, False)]
    """
    return [(answers[i["id"]]["confidence"], answers[i["id"]]["accurate"] == i["accurate"])
            for i in items if valid_answer(answers.get(i["id"]))]


def _key(text: str) -> str:
    return re.sub(r"[^a-z]", "", str(text).lower())


def claim_pairs(predictions: dict[str, Any], claims: Any) -> tuple[list[tuple[int, bool]], int]:
    """Compare notebook 04's claim predictions with the claims' verdicts, where a source gives one (agreement
    with a reviewer, not correctness: the caller keeps these out of calibration).

    Parameters
    ----------
    predictions : dict
        The progress file's ``claims`` section: ``{claim id: {"rating": ..., "confidence": ...}}``.
    claims : mapping
        The course's claims (``load().claims``).

    Returns
    -------
    (pairs, unscored)
        ``(confidence, agrees)`` for each prediction of a **rated** claim (agrees if the learner's rating names
        the reviewer's verdict), and how many predictions could not be scored because no source in the
        course rates that claim.

    Examples
    --------
    >>> claims = {"c1": {"reviewer": "polygraph", "verdict": "Misleading"},
    ...           "c2": {"reviewer": None, "verdict": "not rated in these sources"}}
    >>> claim_pairs({"c1": {"rating": "misleading", "confidence": 80},
    ...              "c2": {"rating": "false", "confidence": 90}}, claims)
    ([(80, True)], 1)
    """
    from .claims import RATINGS, is_rated

    pairs, unscored = [], 0
    for claim_id, rec in (predictions or {}).items():
        if not isinstance(rec, dict) or claim_id not in claims or rec.get("rating") not in RATINGS:
            continue
        conf = rec.get("confidence")
        if not isinstance(conf, int) or isinstance(conf, bool) or not 50 <= conf <= 100:
            continue
        claim = claims[claim_id]
        if not is_rated(claim):
            unscored += 1
            continue
        pairs.append((conf, _key(RATINGS[rec["rating"]]) == _key(claim["verdict"])))
    return pairs, unscored


def form_scores(items: list[dict[str, Any]], answers: dict[str, Any]) -> dict[str, Any]:
    """Everything the learner's report needs for one form: counts, discernment, d', Brier, share correct.

    Examples
    --------
    >>> items = [{"id": "a", "accurate": True}, {"id": "b", "accurate": False}]
    >>> s = form_scores(items, {"a": {"accurate": True, "confidence": 100},
    ...                         "b": {"accurate": False, "confidence": 100}})
    >>> s["discernment"], s["brier"], s["answered"], s["correct"]
    (1.0, 0.0, 2, 2)
    """
    c = counts(items, answers)
    pairs = answer_pairs(items, answers)
    return {**c, "answered": len(pairs), "items": len(items), "correct": sum(r for _, r in pairs),
            "discernment": discernment(**c), "d_prime": d_prime(**c), "brier": brier(pairs)}


def mean_interval(values: list[float]) -> tuple[float, float, float] | None:
    """Mean with a 95% t interval ``(mean, low, high)``; with one value the interval is the value itself.

    Examples
    --------
    >>> mean_interval([0.2, 0.4, 0.6])
    (0.4, -0.0969, 0.8969)
    >>> mean_interval([]) is None
    True
    """
    if not values:
        return None
    m = fmean(values)
    if len(values) < 2:
        return (round(m, 4), round(m, 4), round(m, 4))
    t = _T95[len(values) - 2] if len(values) - 1 <= len(_T95) else 1.96
    half = t * stdev(values) / math.sqrt(len(values))
    return (round(m, 4), round(m - half, 4), round(m + half, 4))
