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


def test_the_course_items_are_valid_and_every_form_has_the_same_kinds(doc, data):
    assert assessment_errors(doc, data) == []
    forms = items_by_form(doc)
    assert set(forms) == {"pre", "post", "delayed"}
    assert all(8 <= len(items) <= 12 for items in forms.values())
    kinds = {f: sorted(i["change"]["kind"] for i in items if not i["accurate"]) for f, items in forms.items()}
    assert kinds["pre"] == kinds["post"] == kinds["delayed"] and len(set(kinds["pre"])) == 5
    assert set(kinds["pre"]) <= set(KIND_CHECKS)


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
    item = _item(doc, "pre-ukrainian-officials-hedge")  # dropped "about"
    item["report"]["actor"] = "reznikov"                  # ... and a changed speaker
    msgs = _messages(doc, data)
    assert any("pre-ukrainian-officials-hedge" in m and "differs in actor, text" in m for m in msgs), msgs


def test_dropped_hedge_with_a_second_edit_in_the_text_fails(doc, data):
    item = _item(doc, "pre-ukrainian-officials-hedge")
    item["report"]["text"] = item["report"]["text"].replace("near its border", "along its border")
    assert any("something else changed too" in m for m in _messages(doc, data))


def _number_item(doc):
    """A changed-number item made from the dropped-hedge one (no form of the test has one now)."""
    item = _item(doc, "pre-ukrainian-officials-hedge")
    item["change"] = {"kind": "changed_number"}
    item["report"]["text"] = item["source"]["quote"].replace("70,000", "90,000")
    return item


def test_number_change_is_checked(doc, data):
    item = _number_item(doc)
    assert [str(e) for e in assessment_errors(doc, data) if e.record == item["id"]] == []
    item["report"]["text"] = item["report"]["text"].replace("its border", "its 2 borders")
    assert any("exactly one number should differ" in m for m in _messages(doc, data))


def test_speaker_change_across_sides_is_not_a_speaker_change(doc, data):
    item = _item(doc, "pre-ukrainians-with-ukrainians-zelenskyy")  # Peskov's words given to Zelenskyy
    item["change"]["kind"] = "changed_speaker"
    assert any("of different sides: use 'changed_side'" in m for m in _messages(doc, data))
    item["report"]["actor"] = "lavrov"  # the same side: a speaker change, and valid
    assert [str(e) for e in assessment_errors(doc, data) if e.record == item["id"]] == []


def test_outlet_wording_is_checked(doc, data):
    item = _item(doc, "post-reznikov-war-in-europe-quoted")
    item["change"] = {"kind": "outlet_wording"}
    item["source"].update(actor="afp", article="moscowtimes", voice="outlet", dated="undated", date="2021-12-01",
                          date_basis="“The alleged surge follows a similar buildup in the spring”, AFP's own words",
                          quote="Russia gathered around 100,000 troops on Ukraine's borders")
    item["report"].update(actor="zelenskyy", article="moscowtimes", date="2021-12-01", **{"as": "paraphrase"},
                          text="Russia gathered around 100,000 troops on Ukraine's borders")
    assert [str(e) for e in assessment_errors(doc, data) if e.record == item["id"]] == []
    item["report"]["actor"] = "newsweek"
    assert any("gives the outlet's words to a speaker, not an outlet" in m for m in _messages(doc, data))


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
    item = _item(doc, "pre-stoltenberg-attack-on-russia-restated")
    item["change"]["erratum"] = "euronews-along-of"
    assert any("is not part of the erratum's text" in m for m in _messages(doc, data))


def test_schema_error_names_the_item_and_field(doc, data):
    _item(doc, "pre-reznikov-no-plans")["difficulty"] = "trivial"
    errs = assessment_errors(doc, data)
    assert [(e.record, e.field) for e in errs] == [("pre-reznikov-no-plans", "difficulty")]


def test_mt_error_must_come_from_a_machine_translation(doc, data):
    item = _item(doc, "pre-stoltenberg-attack-on-russia-restated")
    item["change"]["erratum"] = "newsweek-make-to-reforms"
    msgs = _messages(doc, data)
    assert any("is in article 'newsweek', not the source's" in m for m in msgs), msgs
    item["source"]["article"] = item["report"]["article"] = "newsweek"
    assert any("did not reach us as a machine translation" in m for m in _messages(doc, data))


# ---------------------------------------------------------------------------- balance by exact kind and difficulty

def test_forms_are_compared_by_exact_kind(doc, data):
    # the old post-test's weak speaker change: "grand-scale provocation" given to Miroshnik (same family
    # "who said it" as a side change, so the old family count passed it)
    item = _item(doc, "post-provocation-ukraine-command")
    item["change"]["kind"] = "changed_speaker"
    item["report"]["actor"] = "miroshnik"
    msgs = _messages(doc, data)
    assert not any("post-provocation-ukraine-command" in m for m in msgs), msgs  # a valid item on its own
    assert any("form post" in m and "not balanced with form 'pre' in kind" in m for m in msgs), msgs


def test_forms_are_compared_by_side_x_difficulty(doc, data):
    # swap two accurate items' difficulties across sides: the counts by difficulty, side and answer stay the
    # same, only who gets the easy item changes (as when accurate Western items were never easy)
    a, b = _item(doc, "delayed-stoltenberg-no-combat-troops"), _item(doc, "delayed-kremlin-denies")
    a["difficulty"], b["difficulty"] = b["difficulty"], a["difficulty"]
    msgs = _messages(doc, data)
    assert any("form delayed" in m and "in side x difficulty" in m for m in msgs), msgs
    assert not any("in difficulty:" in m or "in answer x difficulty" in m for m in msgs), msgs


def test_a_difficulty_that_cues_the_answer_fails(doc, data):
    # the old forms: every easy item accurate
    a, b = _item(doc, "pre-putin-did-not-happen-date"), _item(doc, "pre-peskov-not-a-party")
    a["difficulty"], b["difficulty"] = b["difficulty"], a["difficulty"]
    msgs = _messages(doc, data)
    assert any("form pre" in m and "every 'easy' item is accurate" in m for m in msgs), msgs
    assert any("form post" in m and "not balanced with form 'pre' in answer x difficulty" in m for m in msgs), msgs


# ---------------------------------------------------------------------------- dates

@pytest.mark.parametrize("item_id, missing", [
    ("pre-wallace-up-to-7000", "2022, February, 17"),          # euronews dates none of its statements
    ("post-shoigu-seize-territories", "2023"),                  # "On February 7": no year
    ("delayed-zelenskyy-not-planning", "2022"),                 # "At the same time": no date at all
])
def test_a_date_shown_as_plain_must_be_written_in_the_article(doc, data, item_id, missing):
    _item(doc, item_id)["source"]["dated"] = "stated"  # how the old data showed every date
    msgs = _messages(doc, data)
    assert any(item_id in m and "'source.dated'" in m and f"{missing} is not in" in m for m in msgs), msgs


def test_an_undated_statement_shows_the_articles_date_as_the_articles(doc, data):
    from course_lib.assessment_items import when_text

    wallace, peskov = _item(doc, "pre-wallace-up-to-7000"), _item(doc, "pre-peskov-not-a-party")
    assert when_text(wallace, data) == ("Not dated in the article; article of 17 February 2022 "
                                        "(a date from the course's source notes)")
    assert when_text(peskov, data) == "Not dated in the article; article of 1 December 2021"  # its dateline
    wallace["source"]["date"] = wallace["report"]["date"] = "2022-02-16"
    assert any("an undated statement carries the article's own date" in m for m in _messages(doc, data))


def test_inferred_dates_say_so(doc, data):
    from course_lib.assessment_items import when_text

    assert when_text(_item(doc, "post-shoigu-seize-territories"), data) == (
        "7 February 2023 (the article gives the day and month; the year is the course's inference)")
    assert "the course's inference" in when_text(_item(doc, "delayed-reznikov-worst-case"), data)
    item = _item(doc, "delayed-reznikov-worst-case")
    item["source"]["date_basis"] = "“Reznikov has previously stated”: before the article of 14 December 2021"
    assert any("says that it is the course's inference" in m for m in _messages(doc, data))


def test_a_weekday_must_be_the_dates_weekday(doc, data):
    item = _item(doc, "delayed-russia-withdrawal-date")
    item["source"]["date"] = "2022-02-16"  # a Wednesday; the article says "on Tuesday"
    assert any("2022-02-16 is a Wednesday" in m for m in _messages(doc, data))


def test_a_date_basis_must_quote_the_article(doc, data):
    _item(doc, "pre-peskov-not-a-party")["source"]["date_basis"] = "the same day as the article, presumably"
    assert any("'source.date_basis'" in m and "quote (in double quotation marks)" in m
               for m in _messages(doc, data))


# ---------------------------------------------------------------------------- the course's voice

@pytest.mark.parametrize("item_id, text, word", [
    # the old explanations: "claim" for the separatist side, "warning" for the Western one
    ("delayed-luhansk-shelling", "Accurate. The claim is the separatist authorities'; Ukraine disputed it.", "claim"),
    ("post-stoltenberg-no-warning", "Distorted: it makes his warning sound more absolute than his words were.",
     "warning"),
    # a "quotation" that is in no article does not excuse the word
    ("pre-reznikov-no-plans", "Accurate: he insisted on it, as the \"a false claim\" shows.", "claim"),
])
def test_doubting_or_crediting_words_outside_a_source_quote_fail(doc, data, item_id, text, word):
    _item(doc, item_id)["explanation"] = text
    msgs = _messages(doc, data)
    assert any(item_id in m and "'explanation'" in m and repr(word) in m for m in msgs), msgs


def test_loaded_words_inside_a_verbatim_quote_are_the_sources(doc, data):
    item = _item(doc, "delayed-luhansk-shelling")
    item["explanation"] = "Accurate. The next paragraph begins “Ukraine disputed this claim”."
    assert assessment_errors(doc, data) == []


def test_an_unattributed_label_in_the_role_line_fails(doc, data):
    # the role line the old data gave ("Authorities of the self-proclaimed 'Luhansk People's Republic'")
    doc["roles"]["luhansk-separatists"] = "Authorities of the self-proclaimed 'Luhansk People's Republic'"
    msgs = _messages(doc, data)
    assert any("pre-luhansk-provocation" in m and "'roles'" in m and "'self-proclaimed'" in m
               for m in msgs), msgs


def test_a_restated_report_is_in_the_courses_voice(doc, data):
    item = _item(doc, "delayed-heappey-towards-border")
    item["report"]["text"] = item["report"]["text"].replace("its statement", "its claim")
    assert any("'report.text'" in m and "'claim'" in m for m in _messages(doc, data))


def test_mt_error_repeating_the_article_verbatim_fails(doc, data):
    # the old items repeated the translation's words exactly: a defensible "accurate"
    item = _item(doc, "pre-stoltenberg-attack-on-russia-restated")
    item["report"]["text"], item["report"]["as"] = item["source"]["quote"], "quote"
    msgs = _messages(doc, data)
    assert any("restates the error as plain fact in new words" in m for m in msgs), msgs
    assert any("not as a quotation" in m for m in msgs), msgs


def test_a_weekday_says_where_the_articles_date_comes_from(doc, data):
    from course_lib.assessment_items import when_text

    # euronews carries no date: its Tuesday is counted from the source notes' date; Newsweek's from its own text
    assert when_text(_item(doc, "delayed-russia-withdrawal-date"), data) == (
        "8 February 2022 (the article gives the weekday, Tuesday; the date is counted from the article's date in "
        "the course's source notes)")
    assert when_text(_item(doc, "post-reznikov-war-in-europe-quoted"), data).endswith("from the article's date)")
