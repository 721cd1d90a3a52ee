"""The course's own words, collected for the text checks (test_quoted_spans, test_course_voice).

"The course's own text" is everything the course writes in its own voice and shows to learners or
teachers: the Markdown cells of the notebooks, every string of a quiz except its source quotes (prompts,
options, feedback, hints, explanations, matching pairs), event titles, summaries and date bases, glossary
terms and definitions, and the teacher guide. Source quotes (``"quote"`` fields) are data and are checked
verbatim by test_data_integrity.

The helpers here are pure functions over text so that the tests can also run them on old versions of the
files (``git show main:...``) and show that the checks fail there.

Examples
--------
>>> [s.text for s in quoted_spans('Polygraph calls it "Misleading" and \\'fabricated\\'.')]
['Misleading', 'fabricated']
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Fields of quiz/event/glossary records that are NOT the course's own words.
_NOT_OWN_WORDS = {"id", "quote", "article", "articles", "type", "date", "date_end", "category", "actors",
                  "places", "topics", "see_also", "unit", "seed", "answer", "correct", "kind"}


@dataclass(frozen=True)
class Passage:
    """One piece of the course's own text and where it lives (file and record/cell/field)."""

    where: str
    text: str


@dataclass(frozen=True)
class Span:
    """A quoted span inside a passage: its text, its sentence (for attribution) and offsets."""

    text: str
    sentence: str
    start: int
    end: int


def _walk(obj, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(obj, dict):
        rid = obj.get("id")
        for key, value in obj.items():
            if key in _NOT_OWN_WORDS:
                continue
            sub = f"{path}/{rid}.{key}" if isinstance(rid, str) else f"{path}.{key}"
            yield from _walk(value, sub)
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            yield from _walk(value, f"{path}[{i}]")
    elif isinstance(obj, str):
        yield path, obj


def json_passages(name: str, document) -> list[Passage]:
    """The course's own strings in a parsed quiz/events/glossary document."""
    return [Passage(f"{name}:{where}", text) for where, text in _walk(document, "")]


def notebook_passages(name: str, notebook: dict) -> list[Passage]:
    """The Markdown cells of a parsed notebook (code is not prose; outputs are checked by nbval)."""
    return [Passage(f"{name}:cell {cell.get('id')}", "".join(cell["source"]))
            for cell in notebook["cells"] if cell["cell_type"] == "markdown"]


def markdown_passages(name: str, text: str) -> list[Passage]:
    """A Markdown document, one passage per paragraph (so a failure names a line)."""
    out, line_no = [], 1
    for block in re.split(r"(\n\s*\n)", text):
        if block.strip() and not block.startswith("\n"):
            out.append(Passage(f"{name}:line {line_no}", block))
        line_no += block.count("\n")
    return out


def read_sources(root: Path = ROOT) -> dict[str, str]:
    """The five clean article texts, by article id."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted((root / "data" / "articles").glob("*.txt"))}


def course_files(root: Path = ROOT) -> list[str]:
    """Relative paths of every file holding the course's own words."""
    files = sorted(str(p.relative_to(root)) for p in (root / "notebooks").glob("*.ipynb"))
    files += sorted(str(p.relative_to(root)) for p in (root / "data" / "quizzes").glob("*.json"))
    files += ["data/events.json", "data/glossary.json", "docs/teacher-guide.md"]
    return files + sorted(str(p.relative_to(root)) for p in (root / "docs" / "lessons").glob("*.md"))


def passages_of(rel: str, text: str) -> list[Passage]:
    """Split one file's text (given as a string, so old versions can be checked too) into passages."""
    if rel.endswith(".ipynb"):
        return notebook_passages(rel, json.loads(text))
    if rel.endswith(".json"):
        return json_passages(rel, json.loads(text))
    return markdown_passages(rel, text)


def course_passages(root: Path = ROOT) -> list[Passage]:
    """Every passage of the course's own text in the working tree."""
    out: list[Passage] = []
    for rel in course_files(root):
        out += passages_of(rel, (root / rel).read_text(encoding="utf-8"))
    return out


# Free-text fields of the structured data (owned by the data/code side of the course). Not yet part of
# course_passages(): add them there once those notes follow docs/course-voice.md.
_DATA_NOTE_FIELDS = ("note", "summary", "role", "affiliation", "problem", "likely_reading", "date_basis",
                     "explanation", "name", "label")


def data_note_passages(root: Path = ROOT) -> list[Passage]:
    """The course's own notes in statements, figures, claims, errata, actors and places."""
    out = []
    for name in ("statements", "figures", "claims", "errata", "actors", "places"):
        for record in json.loads((root / "data" / f"{name}.json").read_text(encoding="utf-8")):
            out += [Passage(f"data/{name}.json:{record.get('id')}.{key}", record[key])
                    for key in _DATA_NOTE_FIELDS if isinstance(record.get(key), str)]
    return out


# ---------------------------------------------------------------- quoted spans
_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ",
                       "\u2013": "-", "\u2014": "-"})
_CODE = re.compile(r"`[^`\n]*`")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_HTML = re.compile(r"<[^>\n]+>")
_FENCE = re.compile(r"^[ \t]*```.*?^[ \t]*```", re.S | re.M)
_OPEN_BEFORE = set(" \t\n([{/*_\u2014-") | {""}
_CLOSE_AFTER = set(" \t\n)]},.;:!?/*_\u2014-") | {""}
_MARKS = {'"', "'"}


def _kind(text: str, i: int) -> str | None:
    """Whether the quote mark at text[i] opens a span, closes one, or neither (an apostrophe).

    A mark opens after white space or an opening bracket and before a non-space; it closes after a
    non-space and before white space or punctuation. Next to another quote mark (""People's", "two
    'Republics'", "misinformation"".), the mark's other side decides.
    """
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if before in _MARKS:
        return "close" if after in _CLOSE_AFTER or after in _MARKS else "open"
    if after in _MARKS:
        return "open" if before in _OPEN_BEFORE else "close"
    if before in _OPEN_BEFORE and after not in _CLOSE_AFTER:
        return "open"
    if before not in _OPEN_BEFORE and after in _CLOSE_AFTER:
        return "close"
    return None


def _pairs(text: str, mark: str) -> list[tuple[int, int]]:
    """(start, end) of the outermost spans between ``mark`` characters, nesting allowed.

    The apostrophes of "Russia's" and "officials' figure" never open a span, and a closing mark with
    nothing open is skipped.
    """
    out, stack = [], []
    for i, ch in enumerate(text):
        kind = _kind(text, i) if ch == mark else None
        if kind == "open":
            stack.append(i)
        elif kind == "close" and stack:
            start = stack.pop()
            if not stack:
                out.append((start + 1, i))
    return out


def unclosed_quotes(text: str) -> int:
    """How many double quotation marks in ``text`` open a span that never closes (0 for good text)."""
    text = prose(text)
    depth = 0
    for i, ch in enumerate(text):
        kind = _kind(text, i) if ch == '"' else None
        depth += 1 if kind == "open" else -1 if kind == "close" and depth else 0
    return depth


def fold(text: str) -> str:
    """Fold typographic quotes and dashes to ASCII (offsets are kept: one character for one)."""
    return text.translate(_FOLD)


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))


def prose(text: str) -> str:
    """The text with code spans, link targets and HTML tags blanked out (same length as the input)."""
    text = fold(text)
    for pattern in (_FENCE, _CODE, _LINK_TARGET, _HTML):
        text = pattern.sub(_blank, text)
    return text


_SENTENCE_END = re.compile(r"(?:(?<=[.!?;])|(?<=[.!?;][\"']))\s+(?=[A-Z*\[\"'])"       # after . ! ? ;
                           r"|\n\s*\n|\n\s*[-*|#>]|\n\s*\d+\.\s|\s\|\s")                 # paragraphs, items, table cells


_BLOCKQUOTE = re.compile(r"(?:^[ \t]*>[^\n]*(?:\n|$))+", re.M)


def _blockquotes(text: str) -> list[tuple[int, int]]:
    """(start, end) of each Markdown block quote (lines starting with ">"): quotations of a source."""
    out = []
    for m in _BLOCKQUOTE.finditer(text):
        start = text.index(">", m.start()) + 1
        out.append((start, m.end() - (1 if m.group(0).endswith("\n") else 0)))
    return out


def _all_pairs(text: str) -> list[tuple[int, int]]:
    blocks = _blockquotes(text)
    if blocks:   # a block quote is one span; quote marks inside it belong to the source
        chars = list(text)
        for start, end in blocks:
            chars[start - 1:end] = "x" * (end - start + 1)
        text = "".join(chars)
    doubles = _pairs(text, '"')
    outside = list(text)
    for start, end in doubles:
        outside[start - 1:end + 1] = " " * (end - start + 2)
    return sorted(blocks + doubles + _pairs("".join(outside), "'"))


def without_quotes(text: str) -> str:
    """The prose of ``text`` with the inside of every quoted span replaced by "x" (same length)."""
    text = prose(text)
    chars = list(text)
    for start, end in _all_pairs(text):
        chars[start:end] = "x" * (end - start)
    return "".join(chars)


def _sentence_at(flat: str, text: str, start: int, end: int) -> str:
    """The sentence around text[start:end], found in ``flat`` (the text with quoted spans blanked)."""
    begin = 0
    for m in _SENTENCE_END.finditer(flat):
        if m.end() <= start:
            begin = m.end()
        elif m.start() >= end:
            return text[begin:m.start()]
    return text[begin:]


def quoted_spans(text: str) -> list[Span]:
    """Every outermost span of ``text`` between double quotes, or between single quotes outside them."""
    text = prose(text)
    flat = without_quotes(text)
    return [Span(text[s:e], _sentence_at(flat, text, s, e), s, e) for s, e in _all_pairs(text)]
