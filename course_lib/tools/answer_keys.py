"""Printable answer keys, one per notebook, generated from the quiz data (never written by hand).

``python -m course_lib.tools.answer_keys [--out docs/answer-keys] [--check]`` writes, for every quiz in
``data/quizzes/`` (demos excluded), ``NN-name.md`` and ``NN-name.html``: first the answers at a glance
(one line per question, for a teacher preparing the lesson or marking), then each question's prompt, the
right answer, the course's explanation and the cited source quote(s). The HTML is one self-contained
page with print styles (no scripts, nothing fetched). ``--check`` writes nothing and exits 1 if a
committed key differs from the quiz data, which is what the test suite runs, so a key never drifts.

Examples
--------
>>> from course_lib.tools.answer_keys import answer_key_markdown
>>> md = answer_key_markdown("00-start-here")
>>> md.startswith("# Answer key: ")
True
"""
from __future__ import annotations

import argparse
import html
import sys
from pathlib import Path
from typing import Any

from ..data import load
from ..quiz import answer_lines, cited_date, load_quiz, quiz_names

OUT = Path(__file__).resolve().parents[2] / "docs" / "answer-keys"
STYLE = ("body{font:16px/1.45 system-ui,sans-serif;max-width:46em;margin:2em auto;padding:0 1em;color:#111}"
         "h1{font-size:1.5em}h2{font-size:1.2em;margin:1.4em 0 .3em}h3{font-size:1.1em;margin:1.4em 0 .3em}blockquote{margin:.3em 0;padding:0 .8em;"
         "border-left:3px solid #666}.cite{color:#333;margin:0 0 .6em}"
         "@media print{body{margin:0;font-size:11pt}section{break-inside:avoid}}")


def _citation(source: dict[str, str], data: Any) -> str:
    art = data.articles[source["article"]]
    return f"{art['outlet']}, {cited_date(art)}: “{art['title']}”"


def _md_escape(text: str) -> str:
    """Text that Markdown shows as written (no accidental emphasis, links or HTML)."""
    out = text.replace("\\", "\\\\")
    for ch in "*_`[]<>#|":
        out = out.replace(ch, "\\" + ch)
    return out


def _questions(name: str, data: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    doc = load_quiz(name, None, data)
    return doc, doc["questions"]


#: how each question type is named in the answers at a glance
KINDS = {"single": "one answer", "multiple": "tick all that apply", "numeric": "a number",
         "ordering": "put in order", "matching": "match the pairs"}


def short_answer(q: dict[str, Any]) -> str:
    """The right answer in one line, without the explanations: for the answers at a glance.

    Examples
    --------
    >>> short_answer({"type": "multiple", "options": [{"text": "A", "correct": True, "feedback": "f"},
    ...               {"text": "B", "correct": False, "feedback": "g"}, {"text": "C", "correct": True, "feedback": "h"}]})
    'A / C'
    >>> short_answer({"type": "ordering", "items": [{"id": "a", "text": "First"}, {"id": "b", "text": "Then"}]})
    'First → Then'
    """
    if q["type"] in ("single", "multiple"):
        return " / ".join(o["text"] for o in q["options"] if o["correct"])
    if q["type"] == "ordering":
        return " → ".join(answer_lines(q))
    return "; ".join(answer_lines(q))


def answer_key_markdown(name: str, data: Any = None) -> str:
    """The answer key of one quiz as Markdown (every string from the data escaped for Markdown)."""
    data = data if data is not None else load()
    doc, questions = _questions(name, data)
    lines = [f"# Answer key: {_md_escape(doc['title'])}", "",
             f"Notebook `{name}`, {len(questions)} questions. Generated from `data/quizzes/{name}.json` by "
             "`python -m course_lib.tools.answer_keys`: do not edit by hand.", "", "## Answers at a glance", ""]
    lines += [f"{n}. ({KINDS[q['type']]}) **{_md_escape(short_answer(q))}**" for n, q in enumerate(questions, 1)]
    lines += ["", "## Each question, with the course's explanation and its sources", ""]
    for number, q in enumerate(questions, 1):
        lines += [f"### {number}. {_md_escape(q['prompt'])}", ""]
        marker = "1." if q["type"] == "ordering" else "-"
        lines += [f"{marker} **{_md_escape(a)}**" for a in answer_lines(q)] + [""]
        lines += [f"*Why (the course's explanation):* {_md_escape(q['explanation'])}", ""]
        for src in q["sources"]:
            lines += [f"> {_md_escape(src['quote'])}", ">", f"> — {_md_escape(_citation(src, data))}", ""]
    return "\n".join(lines).rstrip() + "\n"


def answer_key_page(name: str, data: Any = None) -> str:
    """The answer key of one quiz as a self-contained printable HTML page (every string escaped)."""
    data = data if data is not None else load()
    doc, questions = _questions(name, data)
    esc = html.escape
    parts = ["<!DOCTYPE html>", "<html lang=\"en\"><head><meta charset=\"utf-8\">",
             f"<title>Answer key: {esc(doc['title'])}</title><style>{STYLE}</style></head><body><main>",
             f"<h1>Answer key: {esc(doc['title'])}</h1>",
             f"<p>Notebook <code>{esc(name)}</code>, {len(questions)} questions. Generated from the quiz data.</p>",
             "<section><h2>Answers at a glance</h2><ol>"
             + "".join(f"<li>({esc(KINDS[q['type']])}) <strong>{esc(short_answer(q))}</strong></li>" for q in questions)
             + "</ol></section><h2>Each question, with the course's explanation and its sources</h2>"]
    for number, q in enumerate(questions, 1):
        tag = "ol" if q["type"] == "ordering" else "ul"
        answers = "".join(f"<li><strong>{esc(a)}</strong></li>" for a in answer_lines(q))
        quotes = "".join(f"<blockquote>{esc(s['quote'])}</blockquote><p class=\"cite\">— {esc(_citation(s, data))}</p>"
                         for s in q["sources"])
        parts.append(f"<section><h3>{number}. {esc(q['prompt'])}</h3><{tag}>{answers}</{tag}>"
                     f"<p><em>Why (the course's explanation):</em> {esc(q['explanation'])}</p>{quotes}</section>")
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def expected_files(data: Any = None) -> dict[str, str]:
    """``{file name: content}`` for every course quiz's key (Markdown and HTML)."""
    data = data if data is not None else load()
    out: dict[str, str] = {}
    for name in quiz_names():
        if name.startswith("_"):
            continue
        out[f"{name}.md"] = answer_key_markdown(name, data)
        out[f"{name}.html"] = answer_key_page(name, data)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course_lib.tools.answer_keys", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the keys (default: docs/answer-keys)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a key is missing or stale")
    args = parser.parse_args(argv)
    files = expected_files()
    if args.check:
        stale = [n for n, text in files.items()
                 if not (args.out / n).is_file() or (args.out / n).read_text(encoding="utf-8") != text]
        extra = sorted(p.name for p in args.out.glob("*") if p.name not in files and p.name != "README.md") \
            if args.out.is_dir() else []
        for n in stale:
            print(f"stale or missing: {args.out / n}", file=sys.stderr)
        for n in extra:
            print(f"not generated from any quiz: {args.out / n}", file=sys.stderr)
        return 1 if stale or extra else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for n, text in files.items():
        (args.out / n).write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} files to {args.out}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
