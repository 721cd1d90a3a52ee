"""The learner-experience report (``make ux``): does each notebook fit its stated time, and is it readable?

Per notebook:

* **prose words**: words in its Markdown cells;
* **words shown**: words a learner sees in classroom mode (Voila, code hidden, every widget drawn) at
  1366x768, folded material not counted (it is not shown until asked for);
* **screens**: the page's height at 1366x768 divided by the window's height;
* **estimated minutes**: words shown at 200 words a minute plus the activities (:data:`ACTIVITY_MINUTES`),
  against the **stated minutes** (the largest number in the notebook's "**Time:**" line). Activities in a
  section headed "Extension ..." or "Homework ..." are outside the lesson's time: they are reported apart
  (``outside_activities``), not added (their words still count wherever they are shown unfolded); so are
  activities folded with ``course_lib.fold`` (not shown until opened);
* **test words**: the words of the pre/post test's reports shown (``course_lib.assessment``: each report
  is an activity of a minute, like a quiz question, so its words are taken out of the reading time
  rather than counted twice);
* **first wrong check**: words of feedback a learner reads after a first wrong answer, mean and
  largest over the notebook's quiz questions, and how many of those feedbacks name the right answer
  (driven from Python: each question answered wrongly once);
* **classroom text**: the base font size of course output in classroom mode at 1280x720, and the share
  of visible characters in course output set under 20 px.

``python benchmarks/ux.py [--skip-browser] [--out benchmarks/ux.json]`` prints a table and writes the
JSON; ``--label before`` keeps a run under another name for a before/after comparison. This reports;
the test suite never asserts on it (the thresholds are checked by tests of their own).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]*.ipynb"))
WPM = 200
#: minutes per activity, on top of reading its words: answering a quiz question or committing to a
#: prediction takes about a minute; a "your notes" prompt asks for a few sentences. A test question (one
#: report of the pre/post test: read it, judge it, say how sure) takes about a minute too, and that
#: minute includes reading it: its words are taken out of the reading time (``test_words``)
ACTIVITY_MINUTES = {"quiz question": 1.0, "prediction": 1.0, "notes prompt": 2.0, "test question": 1.0}
WORD = re.compile(r"[\w’'-]+")


def words(text: str) -> int:
    """Count words (runs of letters, digits, apostrophes and hyphens).

    >>> words("Who said it, when — and where we read it?")
    9
    """
    return len(WORD.findall(text))


def stated_minutes(nb: dict) -> int | None:
    """The largest number of minutes on the notebook's "Time:" line, or None."""
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        m = re.search(r"\*\*Time:\*\*([^\n]*)", "".join(cell["source"]))
        if m:
            nums = [int(n) for n in re.findall(r"\d+", m.group(1))]
            return max(nums) if nums else None
    return None


#: an H2 heading that puts its section outside the lesson's stated time
OUTSIDE_LESSON = re.compile(r"^##\s+(extension|homework)\b", re.I | re.M)


def test_calls() -> dict[str, tuple[re.Pattern[str], int]]:
    """How a notebook calls each form of the pre/post test, and how many questions (reports) it has.

    From the data (``data/assessment.json``): every form ``<id>`` is shown by ``course_lib.<id>_test()``
    or ``course_lib.assessment_test("<id>")``, with one question per item of that form.

    >>> {form: n for form, (_, n) in test_calls().items()}
    {'pre': 10, 'post': 10, 'delayed': 10}
    """
    from course_lib.assessment_items import items_by_form, load_assessment

    return {form: (re.compile(rf"\b{re.escape(form)}_test\(|\bassessment_test\(\s*[\"']{re.escape(form)}[\"']"), len(items))
            for form, items in items_by_form(load_assessment()).items()}


def activities(nb: dict, *, outside: bool = False) -> dict[str, int]:
    """Count the notebook's activities from its code cells and Markdown (no execution needed).

    A notes prompt is a ``notes(...)`` box in a code cell (the reporting-verbs exercise holds one per
    question), or a Markdown cell that asks for "your notes" (the form before the notes boxes). A test
    question is one report of a pre/post test form (:func:`test_calls`). With ``outside``, count only the
    activities outside the lesson's time: in "Extension" and "Homework" sections, or on a line that folds
    them (``course_lib.fold(...)``, not shown until opened); without it, only the others.

    >>> md = lambda s: {"cell_type": "markdown", "source": [s]}
    >>> code = lambda s: {"cell_type": "code", "source": [s]}
    >>> nb = {"cells": [md("## 1. Read"), code("course_lib.notes('a', 'Why?')"), md("## Homework: write"),
    ...                 code("course_lib.notes('b', 'How?')"), md("## Summary"), code("course_lib.predict_claim('x')")]}
    >>> activities(nb)["notes prompt"], activities(nb)["prediction"], activities(nb, outside=True)["notes prompt"]
    (1, 1, 1)
    >>> nb = {"cells": [md("## Test"), code("course_lib.pre_test()"), md("## Later"),
    ...                 code("course_lib.fold(course_lib.delayed_test(), 'Later')")]}
    >>> activities(nb)["test question"], activities(nb, outside=True)["test question"]
    (10, 10)
    """
    from course_lib.quiz import load_quiz

    tests = test_calls()
    counts = {k: 0 for k in ACTIVITY_MINUTES}
    in_outside = False
    for cell in nb["cells"]:
        src = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            heads = re.findall(r"^##\s.*$", src, re.M)
            if heads:
                in_outside = bool(OUTSIDE_LESSON.match(heads[-1]))
            if in_outside == outside and re.search(r"your notes", src, re.I):
                counts["notes prompt"] += 1
            continue
        if cell["cell_type"] != "code":
            continue
        for line in src.splitlines():
            if (in_outside or bool(re.search(r"\bfold\(", line))) != outside:
                continue
            for name in re.findall(r"quiz\(\s*[\"']([\w-]+)[\"']", line):
                counts["quiz question"] += len(load_quiz(name)["questions"])
            counts["prediction"] += len(re.findall(r"predict_claim\(", line))
            counts["notes prompt"] += len(re.findall(r"\bnotes\(", line))
            if re.search(r"\breporting_verbs\(", line):  # its questions are notes boxes inside the widget
                from course_lib.verbs import QUESTIONS
                counts["notes prompt"] += len(QUESTIONS)
            for pattern, n in tests.values():
                counts["test question"] += n * len(pattern.findall(line))
    return counts


def prose_words(nb: dict) -> int:
    return sum(words(re.sub(r"[`*#>|_\[\]()]", " ", "".join(c["source"])))
               for c in nb["cells"] if c["cell_type"] == "markdown")


def _visible_text(html: str) -> str:
    """Text of an HTML fragment as shown: tags dropped, folded ``<details>`` bodies left out."""
    import html as html_mod
    html = re.sub(r"<details(?![^>]*\bopen\b)[^>]*>.*?</details>",
                  lambda m: " ".join(re.findall(r"<summary[^>]*>(.*?)</summary>", m.group(0), re.S)), html, flags=re.S)
    return html_mod.unescape(re.sub(r"<[^>]+>", " ", html))


def first_wrong_feedback(name: str) -> list[dict[str, Any]]:
    """Answer every question of quiz ``name`` wrongly once; return what the learner reads per question."""
    import course_lib
    try:
        from course_lib.quiz import answer_lines
    except ImportError:  # measuring a version from before answer_lines existed
        def answer_lines(q: dict) -> list[str]:
            if q["type"] in ("single", "multiple"):
                return [o["text"] for o in q["options"] if o["correct"]]
            if q["type"] == "ordering":
                return [i["text"] for i in q["items"]]
            if q["type"] == "matching":
                return [p["right"] for p in q["pairs"]]
            return [f"{float(q['answer']):,.0f}"]

    w = course_lib.quiz(name, progress=False)
    from course_lib.quiz import load_quiz
    doc = load_quiz(name)
    by_id = {q["id"]: q for q in doc["questions"]}
    out = []
    for box in w.questions:
        q = by_id[box.question_id]
        ctl = box.controller
        if q["type"] == "single":
            wrong = next(o["id"] for o in q["options"] if not o["correct"])
            ctl.set_answer(wrong)
        elif q["type"] == "multiple":
            ctl.set_answer([o["id"] for o in q["options"] if not o["correct"]][:1])
        elif q["type"] == "numeric":
            ctl.set_answer(float(q["answer"]) * 3 + 1000)
        elif q["type"] == "ordering":
            ids = [i["id"] for i in q["items"]]
            ctl.set_answer(ids[1:] + ids[:1])
        else:
            rights = [p["right"] for p in q["pairs"]]
            ctl.set_answer(rights[1:] + rights[:1])
        box.check_button.click()
        shown = " ".join(_visible_text(h.value) for h in (box.feedback, box.explanation, box.hint))
        key = [a.split(" — ")[0] for a in answer_lines(q)]
        norm = " ".join(shown.split())
        reveals = all(k and " ".join(k.split()) in norm for k in key)
        out.append({"question": q["id"], "type": q["type"], "words": words(shown), "reveals_answer": reveals})
    return out


def browser_metrics(paths: list[Path]) -> dict[str, dict[str, Any]]:
    """Words shown, screens at 1366x768, and classroom font sizes at 1280x720, measured in Voila."""
    sys.path.insert(0, str(ROOT / "tests" / "e2e"))
    from playwright.sync_api import sync_playwright

    from course_lib.assessment import REPORT_CLASS  # the DOM class of one report of the pre/post test

    from e2e_helpers import CHROMIUM, CHROMIUM_ARGS, voila_open
    from e2e_servers import start_voila

    measure_js = """() => {
      const root = document.querySelector('#rendered_cells') || document.body;
      const text = root.innerText;
      let small = 0, total = 0, sizes = {};
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const node = walker.currentNode, el = node.parentElement;
        const n = node.textContent.trim().length;
        if (!n || !el || !el.closest('.jp-OutputArea-output')) continue;
        const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
        if (r.width === 0 || r.height === 0 || cs.visibility === 'hidden') continue;
        const px = parseFloat(cs.fontSize);
        total += n; if (px < 20) small += n;
        sizes[px] = (sizes[px] || 0) + n;
      }
      let base = null, most = -1;
      for (const [px, n] of Object.entries(sizes)) if (n > most) { most = n; base = parseFloat(px); }
      const height = Math.max(root.getBoundingClientRect().height, root.scrollHeight);
      const reports = [...root.querySelectorAll('.' + REPORT_CLASS)].filter(el => el.getClientRects().length > 0);
      return {text, height, small, total, base, reports: reports.map(el => el.innerText)};
    }""".replace("REPORT_CLASS", json.dumps(REPORT_CLASS))
    out: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        os.environ["COURSE_PROGRESS_FILE"] = str(tmp_path / "progress.json")
        server = start_voila(tmp_path, ROOT / "notebooks")
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for size, key in (((1366, 768), "laptop"), ((1280, 720), "projector")):
                    ctx = browser.new_context(viewport={"width": size[0], "height": size[1]})
                    ctx.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url
                              else route.abort())
                    page = ctx.new_page()
                    for path in paths:
                        voila_open(page, server, path.name)
                        m = page.evaluate(measure_js)
                        rec = out.setdefault(path.stem, {})
                        if key == "laptop":
                            rec["words_shown"] = words(m["text"])
                            rec["test_reports_shown"] = len(m["reports"])
                            rec["test_words"] = sum(words(t) for t in m["reports"])
                            rec["screens"] = round(m["height"] / size[1], 1)
                        else:
                            rec["classroom_base_px"] = m["base"]
                            rec["classroom_share_under_20px"] = round(m["small"] / m["total"], 2) if m["total"] else None
                    ctx.close()
                browser.close()
        finally:
            server.stop()
    return out


def report(skip_browser: bool = False) -> list[dict[str, Any]]:
    rows = []
    shown = {} if skip_browser else browser_metrics(NOTEBOOKS)
    for path in NOTEBOOKS:
        nb = json.loads(path.read_text(encoding="utf-8"))
        acts = activities(nb)
        row: dict[str, Any] = {"notebook": path.stem, "prose_words": prose_words(nb),
                               "stated_minutes": stated_minutes(nb), "activities": acts}
        outside = activities(nb, outside=True)
        if any(outside.values()):
            row["outside_activities"] = outside
        row.update(shown.get(path.stem, {}))
        # a test question's minute includes reading its report: those words are not read twice
        reading = row.get("words_shown", row["prose_words"]) - row.get("test_words", 0)
        if "test_reports_shown" in row and row["test_reports_shown"] != acts["test question"]:
            print(f"warning: {path.stem}: {row['test_reports_shown']} test reports shown in the browser, "
                  f"{acts['test question']} counted from the notebook", file=sys.stderr)
        row["estimated_minutes"] = round(reading / WPM + sum(ACTIVITY_MINUTES[k] * n for k, n in acts.items()), 1)
        fb = []
        for name in re.findall(r"quiz\(\s*[\"']([\w-]+)[\"']", "".join(
                "".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")):
            fb += first_wrong_feedback(name)
        if fb:
            row["first_wrong_words_mean"] = round(sum(f["words"] for f in fb) / len(fb))
            row["first_wrong_words_max"] = max(f["words"] for f in fb)
            row["first_wrong_reveals_answer"] = f"{sum(f['reveals_answer'] for f in fb)} of {len(fb)}"
        rows.append(row)
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    cols = [("notebook", "notebook"), ("prose_words", "prose words"), ("words_shown", "words shown"),
            ("test_words", "of which test reports"),
            ("screens", "screens 1366x768"), ("estimated_minutes", "est. min"), ("stated_minutes", "stated min"),
            ("first_wrong_words_mean", "1st wrong: words (mean)"), ("first_wrong_words_max", "(max)"),
            ("first_wrong_reveals_answer", "reveals key"), ("classroom_base_px", "classroom px"),
            ("classroom_share_under_20px", "chars < 20 px")]
    lines = ["| " + " | ".join(h for _, h in cols) + " |", "|" + "---|" * len(cols)]
    for r in rows:
        lines.append("| " + " | ".join("" if r.get(k) is None else str(r.get(k)) for k, _ in cols) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--skip-browser", action="store_true", help="no Voila measurements (words shown = prose)")
    parser.add_argument("--label", default="after", help="the run's name in the JSON (e.g. before, after)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "ux.json")
    args = parser.parse_args(argv)
    os.environ.setdefault("COURSE_PROGRESS_FILE", str(Path(tempfile.mkdtemp()) / "progress.json"))
    rows = report(args.skip_browser)
    old = json.loads(args.out.read_text()) if args.out.is_file() else {}
    old[args.label] = rows
    args.out.write_text(json.dumps(old, indent=1, ensure_ascii=False) + "\n")
    print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
