"""What the review of the time-budget pass found, as checks that fail on the text it reviewed.

* A notebook whose section became homework or an extension kept objectives that only that section
  meets, without saying so (06's lateral reading, 07's written reflection): a notebook with a
  "Homework" or "Extension" section must say, in its objectives, which objective it serves.
* 07's hand-in text said the file holds "your quiz answers and claim predictions" while it also
  carries test answers, the fact-check and notes: the text must name every kind of record the hand-in
  stores (the kinds saved by the course's widgets, from ``course_lib``).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]*.ipynb"))
#: how the hand-in text must name each kind of record a hand-in file stores
HANDIN_WORDS = {"quizzes": "quiz answers", "claims": "predictions", "assessment": "test answers",
                "factcheck": "fact-check", "notes": "notes"}


def markdown(nb: dict) -> list[tuple[str, str]]:
    return [(str(c.get("id")), "".join(c["source"])) for c in nb["cells"] if c["cell_type"] == "markdown"]


def objectives(nb: dict) -> str:
    return next(t for _, t in markdown(nb) if t.startswith("## Learning objectives"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_objectives_say_which_ones_are_homework_or_extension(path: Path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    kinds = {m.group(1).lower() for _, t in markdown(nb) for m in re.finditer(r"^## (Homework|Extension)\b", t, re.M)}
    text = objectives(nb).lower()
    # an extension is more practice on the lesson's objectives; homework carries objectives of its own,
    # and the objectives must say which
    if "homework" in kinds:
        assert "homework" in text, f"{path.stem}: a Homework section, but no objective says it is homework"


def result_kinds() -> set[str]:
    """The kinds of record the course's widgets save into a learner's results (each module's ``KIND``
    where it calls ``record_result(KIND, ...)``), which a hand-in carries unchanged."""
    import importlib

    kinds = set()
    for path in sorted((ROOT / "course_lib").glob("*.py")):
        if re.search(r"record_result\(\s*KIND\b", path.read_text(encoding="utf-8")):
            kinds.add(importlib.import_module(f"course_lib.{path.stem}").KIND)
    return kinds


def test_the_hand_in_text_names_everything_the_file_holds():
    kinds = {"quizzes", "claims", *result_kinds()}
    assert {"assessment", "factcheck", "notes"} <= kinds  # the scan above finds the course's widgets
    assert kinds <= set(HANDIN_WORDS), f"a new kind of record in hand-ins: say how the text names it: {kinds}"
    nb = json.loads((ROOT / "notebooks" / "07-review.ipynb").read_text(encoding="utf-8"))
    intro = next(t for i, t in markdown(nb) if i == "07-handin-intro")
    sentence = intro[intro.index("writes one"):].split("Download")[0]
    missing = [HANDIN_WORDS[k] for k in sorted(kinds) if HANDIN_WORDS[k] not in sentence]
    assert missing == [], f"07's hand-in text does not say the file holds: {missing}"
