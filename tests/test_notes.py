"""course_lib.notes: a labelled text box whose text is saved with progress and restored."""
from __future__ import annotations

import json
from pathlib import Path

import course_lib


def test_notes_save_on_button_and_on_leaving_the_box_and_come_back(tmp_path: Path):
    path = tmp_path / "p.json"
    w = course_lib.notes("03-denials", "Who denies what?", progress=path)
    assert w.text.value == "" and w.text.description == "Your notes:"
    w.text.value = "Both sides deny <b>plans</b>."          # leaving the box sends the value: saved
    saved = json.loads(path.read_text())["results"]["notes"]["03-denials"]
    assert saved["text"] == "Both sides deny <b>plans</b>." and saved["prompt"] == "Who denies what?"
    assert "Saved" in w.status.value and "rtc-live" in w.status._dom_classes, "a live region before it changes"
    again = course_lib.notes("03-denials", "Who denies what?", progress=path)
    assert again.text.value == "Both sides deny <b>plans</b>."
    assert course_lib.notes("other", "x", progress=path).text.value == ""


def test_the_prompt_is_escaped_and_no_progress_keeps_nothing():
    w = course_lib.notes("k", "<script>x</script>", progress=False)
    assert "<script>" not in w.children[0].value
    w.save_button.click()
    assert "Not saved" in w.status.value


def test_a_malformed_saved_note_is_ignored(tmp_path: Path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"version": 1, "quizzes": {}, "claims": {}, "results": {"notes": {"k": {"text": 5}}}}))
    assert course_lib.notes("k", "p", progress=path).text.value == ""
