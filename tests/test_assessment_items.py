"""The pre/post test's items: the real file is valid, and the validator catches what it should."""
from __future__ import annotations

import copy

import pytest

from course_lib import load
from course_lib.assessment_items import KIND_CHECKS, assessment_errors, items_by_form, load_assessment


@pytest.fixture(scope="module")
def data():
    return load()


@pytest.fixture()
def doc():
    return copy.deepcopy(load_assessment())


def _item(doc, item_id):
    return next(i for i in doc["items"] if i["id"] == item_id)


def _messages(doc, data):
    return [str(e) for e in assessment_errors(doc, data)]


def test_the_course_items_are_valid_and_cover_every_kind(doc, data):
    assert assessment_errors(doc, data) == []
    kinds = {i["change"]["kind"] for i in doc["items"] if not i["accurate"]}
    assert kinds == set(KIND_CHECKS)
    forms = items_by_form(doc)
    assert set(forms) == {"pre", "post", "delayed"}
    assert all(8 <= len(items) <= 12 for items in forms.values())


def test_unbalanced_form_fails(doc, data):
    # move one accurate pre-test item to the post form: pre is then short of an accurate item, post has one extra
    item = _item(doc, "pre-peskov-not-a-party")
    item["form"] = "post"
    msgs = _messages(doc, data)
    assert any("form pre" in m and "accurate and half distorted" in m for m in msgs)
    assert any("form post" in m and "not balanced with form 'pre'" in m for m in msgs)


def test_form_missing_a_side_fails(doc, data):
    doc["items"] = [i for i in doc["items"] if not (i["form"] == "post" and i["side"] == "separatists"
                                                   and not i["accurate"])]
    assert any("no distorted item for side 'separatists'" in m for m in _messages(doc, data))


def test_a_side_that_cues_the_answer_fails(doc, data):
    # swap a Russian accurate item for a Western one: Russia then has more distorted than accurate items
    item = _item(doc, "pre-peskov-not-a-party")
    item["form"] = "gone"
    doc["forms"].append({"id": "gone", "title": "x", "notebook": "x"})
    msgs = _messages(doc, data)
    assert any("form pre" in m and "side 'russia' has 1 accurate and 2 distorted" in m for m in msgs), msgs


def test_distorted_item_with_two_changes_fails(doc, data):
    item = _item(doc, "pre-zakharova-some-reports")  # dropped "According to some reports"
    item["report"]["actor"] = "peskov"                 # ... and a changed speaker
    msgs = _messages(doc, data)
    assert any("pre-zakharova-some-reports" in m and "differs in actor, text" in m for m in msgs), msgs


def test_dropped_hedge_with_a_second_edit_in_the_text_fails(doc, data):
    item = _item(doc, "pre-zakharova-some-reports")
    item["report"]["text"] = item["report"]["text"].replace("conflict zone", "war zone")
    assert any("something else changed too" in m for m in _messages(doc, data))


def test_number_change_with_two_numbers_fails(doc, data):
    item = _item(doc, "pre-ukrainian-officials-number")
    item["report"]["text"] = item["report"]["text"].replace("its border", "its 2 borders")
    assert any("exactly one number should differ" in m for m in _messages(doc, data))


def test_speaker_change_across_sides_is_not_a_speaker_change(doc, data):
    _item(doc, "pre-ukrainians-with-ukrainians-lavrov")["report"]["actor"] = "kuleba"
    assert any("of different sides: use 'changed_side'" in m for m in _messages(doc, data))


def test_accurate_item_not_in_its_article_fails(doc, data):
    item = _item(doc, "pre-reznikov-no-plans")
    item["report"]["text"] = "We will never attack anyone"
    msgs = _messages(doc, data)
    assert any("pre-reznikov-no-plans" in m and "verbatim in article 'newsweek'" in m for m in msgs), msgs


def test_accurate_item_with_changed_date_fails(doc, data):
    _item(doc, "pre-reznikov-no-plans")["report"]["date"] = "2021-12-15"
    assert any("keeps the source's date" in m for m in _messages(doc, data))


def test_accurate_paraphrase_presented_as_quote_fails(doc, data):
    _item(doc, "post-miroshnik-fought-back")["report"]["as"] = "quote"
    assert any("quotes only words the article puts in quotation marks" in m for m in _messages(doc, data))


def test_source_quote_not_verbatim_fails(doc, data):
    _item(doc, "post-shoigu-seize-territories")["source"]["quote"] = "We have never encouraged the Ukrainians"
    assert any("source.quote" in m and "not found verbatim" in m for m in _messages(doc, data))


def test_mt_error_must_carry_the_erratum(doc, data):
    item = _item(doc, "pre-stoltenberg-attack-on-russia")
    item["change"]["erratum"] = "euronews-along-of"
    assert any("is not part of the erratum's text" in m for m in _messages(doc, data))


def test_schema_error_names_the_item_and_field(doc, data):
    _item(doc, "pre-reznikov-no-plans")["difficulty"] = "trivial"
    errs = assessment_errors(doc, data)
    assert [(e.record, e.field) for e in errs] == [("pre-reznikov-no-plans", "difficulty")]


def test_mt_error_must_come_from_a_machine_translation(doc, data):
    item = _item(doc, "pre-stoltenberg-attack-on-russia")
    item["change"]["erratum"] = "newsweek-make-to-reforms"
    msgs = _messages(doc, data)
    assert any("is in article 'newsweek', not the source's" in m for m in msgs), msgs
    item["source"]["article"] = item["report"]["article"] = "newsweek"
    assert any("did not reach us as a machine translation" in m for m in _messages(doc, data))
