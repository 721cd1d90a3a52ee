"""course_lib.predict_claim: predict, then reveal, for every claim; escaping; saved predictions."""
from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

import course_lib
from course_lib.claims import CONFIDENCE, RATINGS, is_rated, predict_claim
from course_lib.progress import ProgressStore, ProgressWarning
from course_lib.ui import SIDES, esc

DATA = course_lib.load()
CLAIMS = list(DATA.claims)
RATED = [c for c in CLAIMS if is_rated(DATA.claims[c])]
UNRATED = [c for c in CLAIMS if not is_rated(DATA.claims[c])]
SCOLDING = ["wrong", "incorrect", "mistake", "should have", "failed"]


@pytest.fixture
def pfile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "progress.json"
    monkeypatch.setenv("COURSE_PROGRESS_FILE", str(path))
    return path


def test_the_data_has_both_kinds_of_claim():
    assert RATED and UNRATED


@pytest.mark.parametrize("claim_id", CLAIMS)
def test_before_reveal_nothing_is_given_away(claim_id):
    claim = DATA.claims[claim_id]
    w = predict_claim(claim_id, progress=False)
    actor = DATA.actors[claim["claimant"]]
    assert repr(w).startswith(f"Predict, then reveal: a claim by {actor['name']}, ")
    assert claim["verdict"].lower() not in repr(w).lower()
    assert w.reveal_button.disabled and w.again_button.disabled
    assert w.rating.value is None and w.reveal.value == "" and w.comparison.value == ""
    header = w.children[0].value
    assert esc(claim["appearance"]) in header and esc(claim["claim"]) in header
    assert esc(actor["name"]) in header
    assert "rated it" not in header and esc(claim["explanation"]) not in header
    assert [label for label, _ in w.rating.options] == list(RATINGS.values())
    assert w.rating.description and w.confidence.description and w.reveal_button.description
    assert [v for _, v in w.confidence.options] == [50, 60, 70, 80, 90, 100]


@pytest.mark.parametrize("claim_id", CLAIMS)
def test_reveal_needs_a_rating_first(claim_id):
    w = predict_claim(claim_id, progress=False)
    w.reveal_button.click()   # .click() runs even when disabled, as a stray event might
    assert "Choose a rating first" in w.feedback.value and w.reveal.value == ""
    w.rating.value = "misleading"
    assert not w.reveal_button.disabled
    assert w.feedback.value == ""
    w.rating.value = None
    assert w.reveal_button.disabled


@pytest.mark.parametrize("claim_id", RATED)
def test_fact_check_reveal_is_attributed_verbatim_and_cited(claim_id):
    claim = DATA.claims[claim_id]
    reviewer = DATA.actors[claim["reviewer"]]
    w = predict_claim(claim_id, progress=False)
    w.rating.value, w.confidence.value = "accurate", 90
    w.reveal_button.click()
    html = w.reveal.value
    assert (f"<strong>{esc(reviewer['name'])}</strong> ({esc(reviewer['role'])}) rated it: "
            f"<strong>{esc(claim['verdict'])}</strong>") in html
    assert esc(claim["explanation"]) in html
    for src in claim["evidence"]:
        assert esc(src["quote"]) in html
        art = DATA.articles[src["article"]]
        assert f"<cite>{esc(art['outlet'])}</cite>" in html
    for sid in claim["statements"]:
        assert esc(DATA.statements[sid]["quote"]) in html
    assert w.rating.disabled and w.confidence.disabled and w.reveal_button.disabled
    assert not w.again_button.disabled
    assert "You predicted <strong>Accurate</strong> (90% sure)" in w.comparison.value


def test_polygraph_attribution_names_the_funder():
    claim_id = next(c for c in RATED if DATA.claims[c]["reviewer"] == "polygraph")
    w = predict_claim(claim_id, progress=False)
    w.rating.value = "misleading"
    w.reveal_button.click()
    assert "Polygraph.info</strong> (" in w.reveal.value and "Voice of America" in w.reveal.value
    assert "funded by the US government" in w.reveal.value
    assert "rated it: <strong>Misleading</strong>" in w.reveal.value


@pytest.mark.parametrize("claim_id", UNRATED)
def test_unrated_reveal_says_so_and_sets_statements_side_by_side(claim_id):
    claim = DATA.claims[claim_id]
    w = predict_claim(claim_id, progress=False)
    w.rating.value = "false"
    w.reveal_button.click()
    html = w.reveal.value
    assert "No source in this course rates this claim." in html
    assert "rated it" not in html
    sides_seen = []
    for sid in claim["statements"]:
        st = DATA.statements[sid]
        actor = DATA.actors[st["actor"]]
        assert esc(st["quote"]) in html
        assert esc(actor["name"]) in html and esc(actor["role"]) in html
        if actor["kind"] != "media":
            sides_seen.append(actor["side"])
    for side in set(sides_seen):
        assert f"{SIDES[side]['symbol']} {esc(SIDES[side]['label'])}" in html, "symbol and label, not colour alone"
    positions = [html.index(f"{SIDES[s]['symbol']} {esc(SIDES[s]['label'])}") for s in SIDES if s in sides_seen]
    assert positions == sorted(positions), "columns in the palette's side order"
    assert any(k in html.lower() for k in ("direct quote", "paraphrase", "reported claim"))
    assert "there is no verdict to compare with" in w.comparison.value


@pytest.mark.parametrize("rating", list(RATINGS))
@pytest.mark.parametrize("claim_id", [RATED[0], UNRATED[0]])
def test_comparison_is_never_scolding(claim_id, rating):
    w = predict_claim(claim_id, progress=False)
    w.rating.value = rating
    w.confidence.value = 100
    w.reveal_button.click()
    text = w.comparison.value.lower()
    assert "(100% sure)" in text
    for word in SCOLDING:
        assert word not in text, word


def test_comparison_wording_for_a_verdict():
    claim_id = RATED[0]
    verdict = DATA.claims[claim_id]["verdict"]
    same = next(k for k, v in RATINGS.items() if v.lower() == verdict.lower())
    w = predict_claim(claim_id, progress=False)
    w.rating.value = same
    w.reveal_button.click()
    assert "the same as" in w.comparison.value
    w.again_button.click()
    w.rating.value = "cant-tell"
    w.reveal_button.click()
    assert "did give a verdict" in w.comparison.value
    w.again_button.click()
    other = next(k for k in ("accurate", "false", "misleading") if k != same)
    w.rating.value = other
    w.reveal_button.click()
    assert "Different readings are worth examining" in w.comparison.value


def test_predict_again_resets():
    w = predict_claim(UNRATED[0], progress=False)
    w.rating.value = "cant-tell"
    w.reveal_button.click()
    assert "That is where these sources leave it" in w.comparison.value
    w.again_button.click()
    assert w.rating.value is None and not w.rating.disabled and not w.confidence.disabled
    assert w.reveal.value == "" and w.comparison.value == "" and w.reveal_button.disabled and w.again_button.disabled


def test_wrong_id_lists_the_claims():
    with pytest.raises(ValueError) as info:
        predict_claim("russia-intention-to-invad", progress=False)
    assert "Did you mean 'russia-intention-to-invade'" in str(info.value)
    for bad in (None, "", "<script>"):
        with pytest.raises(ValueError, match="Claims: "):
            predict_claim(bad, progress=False)  # type: ignore[arg-type]


XSS = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def test_strings_from_data_are_escaped(data_copy, edit_json):
    def change(records):
        for c in records:
            c["claim"] += XSS
            c["explanation"] += XSS
            if c["reviewer"] is not None:
                c["verdict"] += XSS
    edit_json(data_copy / "claims.json", change)
    edit_json(data_copy / "actors.json", lambda recs: [r.update(role=r["role"] + XSS) for r in recs])
    data = course_lib.load(data_copy, cache=False)
    for claim_id in data.claims:
        w = predict_claim(claim_id, progress=False, folder=data_copy)
        w.rating.value = "accurate"
        w.reveal_button.click()
        html = "".join(x.value for x in (w.children[0], w.comparison, w.reveal, w.feedback))
        assert "<script" not in html and "<img" not in html, claim_id
        assert "&lt;script&gt;" in w.reveal.value and "&lt;script&gt;" in w.children[0].value


def test_prediction_is_saved_and_restored(pfile):
    claim_id = RATED[0]
    w = predict_claim(claim_id)
    assert not pfile.exists(), "nothing written before Reveal"
    w.rating.value, w.confidence.value = "false", 70
    w.reveal_button.click()
    saved = json.loads(pfile.read_text(encoding="utf-8"))["claims"][claim_id]
    assert (saved["rating"], saved["confidence"], saved["predictions"]) == ("false", 70, 1)
    again = predict_claim(claim_id)          # after a restart
    assert again.rating.value == "false" and again.confidence.value == 70
    assert again.reveal.value == w.reveal.value and again.comparison.value == w.comparison.value
    assert again.rating.disabled and not again.again_button.disabled
    again.again_button.click()
    again.rating.value = "misleading"
    again.reveal_button.click()
    rec = ProgressStore(pfile).claim(claim_id)
    assert rec["rating"] == "misleading" and rec["predictions"] == 2
    fresh = predict_claim(UNRATED[0])
    assert fresh.reveal.value == "" and fresh.rating.value is None


def test_initial_render_identical_without_progress(pfile):
    def state(w):
        return [(type(x).__name__, {k: v for k, v in x.get_state().items() if k not in ("children", "layout", "style")})
                for x in [w, *w.children]]
    assert state(predict_claim(UNRATED[0])) == state(predict_claim(UNRATED[0], progress=False))


def test_odd_saved_prediction_and_corrupt_file(pfile):
    pfile.write_text(json.dumps({"version": 1, "quizzes": {}, "claims": {
        RATED[0]: {"rating": "<script>", "confidence": 70}, UNRATED[0]: {"rating": "false", "confidence": 73}}}))
    w = predict_claim(RATED[0])
    assert w.rating.value is None and w.reveal.value == ""
    w2 = predict_claim(UNRATED[0])
    assert w2.rating.value == "false" and w2.confidence.value == 70, "nearest allowed confidence"
    pfile.write_text("garbage")
    with pytest.warns(ProgressWarning):
        w3 = predict_claim(UNRATED[0])
    assert "damaged" in w3.message.value and w3.reveal.value == ""
    w3.rating.value = "cant-tell"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        w3.reveal_button.click()
    assert ProgressStore(pfile).claim(UNRATED[0])["rating"] == "cant-tell"


def test_confidence_options_are_labelled_percentages():
    assert CONFIDENCE[0] == ("50% (a guess)", 50) and CONFIDENCE[-1] == ("100% (certain)", 100)


def test_claims_come_from_every_side_and_link_both_sides():
    """Issue 10, B16: Ukrainian and Western statements are put to the test as well as Russian ones."""
    sides = {DATA.actors[c["claimant"]]["side"] for c in DATA.claims.values()}
    assert {"russia", "separatists", "ukraine", "west"} <= sides
    for c in DATA.claims.values():
        if is_rated(c):
            continue
        linked = {DATA.actors[DATA.statements[s]["actor"]]["side"] for s in c["statements"]
                  if DATA.actors[DATA.statements[s]["actor"]]["kind"] != "media"}
        assert len(linked) >= 2, (c["id"], linked)
        assert c["verdict"] == "not rated in these sources" and c["reviewer"] is None
