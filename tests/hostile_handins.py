"""Hostile and broken hand-ins for the class-report tests (unit and browser).

:func:`write_hostile_class` writes them into a folder and returns which file names must be skipped
(with a reason naming the file) and which valid-but-hostile learners must be kept and shown inert.
"""
from __future__ import annotations

import copy
import json
import os
from pathlib import Path

#: HTML and script that must never reach the page unescaped (and must never run)
XSS = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">"
#: a hostile claim rating (ratings are at most 60 characters)
RATING = "<script>window.__pwned=4</script>"
#: spreadsheet formulas that must never start a CSV cell
FORMULAS = ["=HYPERLINK(\"http://example.invalid\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


def valid_handin(learner: str, user: str, created: str = "2026-01-15T10:00:00+00:00") -> dict:
    """A small valid hand-in: two answers in notebook 00 (one wrong at the first try), one claim."""
    return {"format": "reading-the-crisis-handin", "format_version": 1, "course_version": "0.1.0",
            "learner": learner, "user": user, "created": created,
            "quizzes": {"00-start-here": {
                "who-wrote-moscowtimes": {"attempts": 2, "correct": True, "first_try": False, "answer": "afp",
                                          "first_answer": "tass", "shown": XSS, "timestamp": created},
                "articles-before-invasion": {"attempts": 1, "correct": True, "first_try": True, "answer": 4,
                                             "first_answer": 4, "shown": "4", "timestamp": created}}},
            "claims": {"some-claim": {"rating": RATING, "confidence": 70, "predictions": 1, "timestamp": created}},
            "results": {"notes": {"00-start-here": {"text": XSS, "nested": {"a": [1, 2, {"b": XSS}]}}}}}


def write_hostile_class(folder: Path) -> dict[str, list[str]]:
    """Write the hostile files into ``folder``; return ``{"skipped": [file names], "kept": [learner names]}``."""
    folder.mkdir(parents=True, exist_ok=True)
    skipped: list[str] = []

    def put(name: str, content: str | bytes) -> None:
        path = folder / name
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        skipped.append(name)

    good = valid_handin(XSS + FORMULAS[0], FORMULAS[3])
    text = json.dumps(good)
    put("nan.json", text.replace('"confidence": 70', '"confidence": NaN'))
    put("infinity.json", text.replace('"attempts": 1', '"attempts": 1e999'))
    put("deep.json", "[" * 100_000 + "]" * 100_000)
    put("deep-object.json", '{"a":' * 100_000 + "1" + "}" * 100_000)
    put("truncated.json", text[: len(text) // 2])
    put("huge.json", '{"format": "reading-the-crisis-handin", "learner": "' + "A" * 2_100_000 + '"}')
    wrong = copy.deepcopy(good)
    wrong["quizzes"]["00-start-here"]["who-wrote-moscowtimes"]["attempts"] = "three"
    put("wrong-types.json", json.dumps(wrong))
    put("duplicate-keys.json", text.replace('"learner":', '"learner": "Someone else", "learner":', 1))
    put("not-utf8.json", b"\xff\xfe\x00garbage\x80")
    put("big-integer.json", text.replace('"attempts": 1', '"attempts": 1' + "0" * 5000))
    put("other-format.json", json.dumps({"format": "something-else"}))
    blank = copy.deepcopy(good)
    blank["learner"] = "\u202e\u200b"
    put("blank-name.json", json.dumps(blank))
    put("empty.json", "")
    put("list.json", "[1, 2, 3]")
    put("<img src=x onerror=window.__pwned=3>.json", "{\"format\": NaN}")
    too_deep = copy.deepcopy(good)
    node: dict = too_deep["results"]["notes"]["00-start-here"]
    for _ in range(60):  # deep, but not enough for the parser to refuse it: the depth check must
        node["x"] = {}
        node = node["x"]
    put("deep-results.json", json.dumps(too_deep))
    if hasattr(os, "mkfifo"):  # a FIFO must be refused without opening it (opening would hang)
        os.mkfifo(folder / "pipe.json")
        skipped.append("pipe.json")
    if hasattr(os, "symlink"):  # links to a device and to themselves: refused, never read
        os.symlink("/dev/zero", folder / "zero.json")
        os.symlink(folder / "loop.json", folder / "loop.json")
        skipped += ["zero.json", "loop.json"]
    # two hand-ins of the same learner: the older one is skipped
    older = valid_handin("Twin Learner", "twin", created="2026-01-01T00:00:00+00:00")
    newer = valid_handin("Twin Learner", "twin", created="2026-01-20T00:00:00+00:00")
    (folder / "handin-twin-a.json").write_text(json.dumps(older), encoding="utf-8")
    (folder / "handin-twin-b.json").write_text(json.dumps(newer), encoding="utf-8")
    skipped.append("handin-twin-a.json")
    # kept: valid files whose strings are hostile
    (folder / "handin-hostile.json").write_text(json.dumps(good), encoding="utf-8")
    bidi = valid_handin("\u202eevil" + FORMULAS[1], FORMULAS[4])
    (folder / "handin-bidi.json").write_text(json.dumps(bidi), encoding="utf-8")
    return {"skipped": skipped, "kept": [good["learner"], "Twin Learner", bidi["learner"]]}
