"""Scores of the pre/post test against hand-computed values (including all-correct, all-wrong, rates 0 and 1)."""
from __future__ import annotations

import pytest

from course_lib import load
from course_lib.scores import (answer_pairs, brier, claim_pairs, counts, d_prime, discernment, form_scores,
                               mean_interval, reliability)

ITEMS = [{"id": f"a{i}", "accurate": True} for i in range(5)] + [{"id": f"d{i}", "accurate": False} for i in range(5)]


def _answers(accurate_says: list[bool], distorted_says: list[bool], conf: int = 80) -> dict:
    out = {f"a{i}": {"accurate": v, "confidence": conf} for i, v in enumerate(accurate_says)}
    out.update({f"d{i}": {"accurate": v, "confidence": conf} for i, v in enumerate(distorted_says)})
    return out


# z(11/12) = 1.3829941271: by hand from the normal table (the log-linear rate for 5 of 5 is 5.5/6)
Z_11_12 = 1.3829941271


@pytest.mark.parametrize("acc, dist, disc, dprime", [
    ([True] * 5, [False] * 5, 1.0, 2 * Z_11_12),        # all correct: hit rate 1, false-alarm rate 0
    ([False] * 5, [True] * 5, -1.0, -2 * Z_11_12),      # all wrong: hit rate 0, false-alarm rate 1
    ([True] * 5, [True] * 5, 0.0, 0.0),                  # believes everything: rates 1 and 1
    ([False] * 5, [False] * 5, 0.0, 0.0),                # doubts everything: rates 0 and 0
    ([True, True, True, True, False], [True, False, False, False, False], 0.6, 2 * 0.6744897502),  # z(.75)-z(.25)
])
def test_discernment_and_d_prime(acc, dist, disc, dprime):
    c = counts(ITEMS, _answers(acc, dist))
    assert discernment(**c) == pytest.approx(disc)
    assert d_prime(**c) == pytest.approx(dprime, abs=1e-6)


def test_undefined_without_both_kinds_of_item():
    c = counts(ITEMS[:5], _answers([True] * 5, []))
    assert (c["n_accurate"], c["n_distorted"]) == (5, 0)
    assert discernment(**c) is None and d_prime(**c) is None


def test_unanswered_and_malformed_answers_are_ignored():
    answers = {"a0": {"accurate": True, "confidence": 70}, "a1": {"accurate": "yes", "confidence": 70},
               "d0": {"accurate": False, "confidence": 120}, "d1": {"accurate": False, "confidence": 60}}
    assert counts(ITEMS, answers) == {"hits": 1, "n_accurate": 1, "false_alarms": 0, "n_distorted": 1}


def test_brier_by_hand():
    assert brier([(100, True)] * 3) == 0.0                     # certain and right
    assert brier([(100, False)] * 3) == 1.0                    # certain and wrong
    assert brier([(50, True), (50, False)]) == 0.25            # always 50%
    # (0.8-1)^2 + (0.6-0)^2 + (1.0-0)^2 = 0.04 + 0.36 + 1 = 1.40, / 3
    assert brier([(80, True), (60, False), (100, False)]) == pytest.approx(1.40 / 3)
    assert brier([]) is None


def test_reliability_table_by_hand():
    pairs = [(50, True), (60, False), (60, False), (70, True), (80, True), (90, False), (100, True)]
    rows = {r["band"]: r for r in reliability(pairs)}
    assert rows["50-60%"]["n"] == 3 and rows["50-60%"]["share_correct"] == pytest.approx(1 / 3)
    assert rows["50-60%"]["mean_confidence"] == pytest.approx(170 / 3)
    assert rows["70-80%"]["n"] == 2 and rows["70-80%"]["share_correct"] == 1.0
    assert rows["90-100%"]["n"] == 2 and rows["90-100%"]["share_correct"] == 0.5
    assert [r["n"] for r in reliability([])] == [0, 0, 0]


def test_form_scores_all_correct_and_all_wrong():
    right = form_scores(ITEMS, _answers([True] * 5, [False] * 5, conf=100))
    wrong = form_scores(ITEMS, _answers([False] * 5, [True] * 5, conf=100))
    assert (right["correct"], right["brier"], right["discernment"]) == (10, 0.0, 1.0)
    assert (wrong["correct"], wrong["brier"], wrong["discernment"]) == (0, 1.0, -1.0)
    assert answer_pairs(ITEMS[:1], {"a0": {"accurate": False, "confidence": 90}}) == [(90, False)]


def test_claim_predictions_are_scored_only_against_rated_claims():
    claims = load().claims
    rated = [c for c in claims if claims[c]["reviewer"] is not None]
    unrated = [c for c in claims if claims[c]["reviewer"] is None]
    predictions = {rated[0]: {"rating": "misleading", "confidence": 70, "timestamp": "x"},
                   unrated[0]: {"rating": "false", "confidence": 90},
                   unrated[1]: {"rating": "cant-tell", "confidence": 60},
                   "no-such-claim": {"rating": "false", "confidence": 90}}
    pairs, unscored = claim_pairs(predictions, claims)
    assert claims[rated[0]]["verdict"] == "Misleading"
    assert pairs == [(70, True)] and unscored == 2
    pairs, _ = claim_pairs({rated[0]: {"rating": "accurate", "confidence": 100}}, claims)
    assert pairs == [(100, False)]


def test_mean_interval_by_hand():
    # mean 0.4, sd 0.2, se 0.2/sqrt(3) = 0.11547, t(0.975, 2) = 4.303 -> half-width 0.49687
    assert mean_interval([0.2, 0.4, 0.6]) == (0.4, -0.0969, 0.8969)
    assert mean_interval([0.5]) == (0.5, 0.5, 0.5)
    assert mean_interval([]) is None
