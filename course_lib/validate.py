"""Validation of the course data: schemas, unique ids, references, verbatim quotes, dates, article texts.

Every problem found becomes one :class:`~course_lib.errors.DataError` naming the file (relative to the
data folder), the record id (``"#3"`` when the record has no usable id) and the dotted field
(``"sources.0.quote"``). :func:`validate_raw` and :func:`validate_quiz` raise ONE ``DataError`` whose
``errors`` lists them all; :func:`collect_errors` and :func:`quiz_errors` return the list instead.

Schemas (``data/schemas/<name>.schema.json``) are compiled with fastjsonschema once per process, lazily,
after inlining the shared definitions of ``_defs.schema.json`` (the compiled code is also cached in
``__pycache__``, like ``.pyc`` files, see :func:`_compile`). fastjsonschema stops at the first schema
error in a record, so a record reports at most one schema error (its other checks are skipped).

Examples
--------
>>> from course_lib.validate import collect_errors
>>> raw = {"topics": [{"id": "sanctions", "label": "Sanctions", "description": "Measures."},
...                   {"id": "sanctions", "label": "Again", "description": "Twice."}]}
>>> [str(e) for e in collect_errors(raw)]
["topics.json: record 'sanctions': field 'id': duplicate id 'sanctions' (first used by record #0)"]
"""
from __future__ import annotations

import calendar
import difflib
import json
import marshal
import os
import re
import sys
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from .data import COLLECTIONS, article_path, read_json
from .errors import DataError
from .files import path_kind, read_regular
from .paths import data_dir
from .text import clean_text, normalise

Record = dict[str, Any]

#: fields holding an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), per collection
DATE_FIELDS: dict[str, tuple[str, ...]] = {
    "articles": ("published",),
    "statements": ("date",),
    "events": ("date", "date_end"),
    "figures": ("date",),
    "claims": ("date",),
}

#: (collection, field, target collection): the field holds an id (or a list of ids) of the target
REFERENCES: tuple[tuple[str, str, str], ...] = (
    ("statements", "actor", "actors"),
    ("statements", "article", "articles"),
    ("statements", "topics", "topics"),
    ("events", "actors", "actors"),
    ("events", "places", "places"),
    ("events", "topics", "topics"),
    ("figures", "claimed_by", "actors"),
    ("figures", "article", "articles"),
    ("claims", "claimant", "actors"),
    ("claims", "reviewer", "actors"),
    ("claims", "article", "articles"),
    ("claims", "statements", "statements"),
    ("claims", "topics", "topics"),
    ("glossary", "articles", "articles"),
    ("glossary", "see_also", "glossary"),
    ("errata", "article", "articles"),
)

#: (collection, field holding the text, field naming its article): the text must occur verbatim.
#: A field ending in ``[]`` is a list of ``{"article", "quote"}`` sources.
VERBATIM: tuple[tuple[str, str, str], ...] = (
    ("statements", "quote", "article"),
    ("figures", "quote", "article"),
    ("claims", "appearance", "article"),
    ("claims", "evidence[]", ""),
    ("events", "sources[]", ""),
    ("places", "mentions[]", ""),
    ("errata", "text", "article"),
)

_SINGULAR = {"articles": "article", "actors": "actor", "statements": "statement", "events": "event",
             "figures": "figure", "claims": "claim", "places": "place", "glossary": "glossary entry",
             "errata": "erratum", "topics": "topic"}
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DROP = {"$schema", "$id", "title", "description", "definitions"}

# compiled fastjsonschema validators, per schema name (filled lazily, once per process)
_VALIDATORS: dict[str, Callable[[Any], Any]] = {}


# ---------------------------------------------------------------------------------------------- schemas

def _inline(node: Any, defs: dict[str, Any]) -> Any:
    """Replace ``{"$ref": "#/definitions/x"}`` by the definition and drop annotations (smaller, faster code)."""
    if isinstance(node, list):
        return [_inline(v, defs) for v in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        return _inline(defs[node["$ref"].rsplit("/", 1)[-1]], defs)
    out = {}
    for key, value in node.items():
        if key in _DROP:
            continue
        if key == "properties":  # property names may be "title" or "description": keep them all
            out[key] = {name: _inline(sub, defs) for name, sub in value.items()}
        else:
            out[key] = _inline(value, defs)
    return out


def schema(name: str) -> dict[str, Any]:
    """Return the record schema ``name`` with the shared definitions inlined.

    Examples
    --------
    >>> schema("topics")["required"]
    ['id', 'label', 'description']
    """
    folder = data_dir() / "schemas"
    rel = f"schemas/{name}.schema.json"
    doc = _schema_doc(folder.parent, rel)
    try:
        return _inline(doc, {**_shared_definitions(folder), **doc.get("definitions", {})})
    except (KeyError, TypeError, AttributeError, RecursionError) as err:
        raise DataError(rel, None, None, f"not a usable schema: cannot resolve {err!s:.80}") from None


def _schema_doc(folder: Path, rel: str) -> dict[str, Any]:
    """A schema file as a JSON object, or a :class:`DataError` naming it (missing, not JSON, not an object)."""
    doc = read_json(folder, rel)
    if not isinstance(doc, dict):
        raise DataError(rel, None, None, f"not a usable schema: must be a JSON object, not {type(doc).__name__}")
    return doc


@lru_cache(maxsize=None)
def _shared_definitions(folder: Path) -> dict[str, Any]:
    """The definitions in ``_defs.schema.json``, read once per schema folder (every schema uses them)."""
    rel = "schemas/_defs.schema.json"
    definitions = _schema_doc(folder.parent, rel).get("definitions")
    if not isinstance(definitions, dict):
        raise DataError(rel, None, "definitions", "not a usable schema: needs an object of definitions")
    return definitions


def _cache_dir() -> Path:
    """Where compiled validators are kept between processes: beside the package's own bytecode."""
    if sys.pycache_prefix:
        return Path(sys.pycache_prefix) / "course_lib"
    return Path(__file__).resolve().parent / "__pycache__"


def _cache_key(definition: dict[str, Any]) -> str:
    import fastjsonschema

    return f"{fastjsonschema.VERSION}|{json.dumps(definition, sort_keys=True)}"


def _compile(name: str) -> Callable[[Any], Any]:
    """Compile schema ``name`` with fastjsonschema, reusing Python bytecode cached from an earlier process.

    Generating and compiling the validator's source costs a few milliseconds per schema; like Python's own
    ``.pyc`` files, the compiled code is kept in ``__pycache__`` and used again only if the inlined schema,
    the fastjsonschema version and the Python version are all unchanged. A missing, stale, corrupt or
    unwritable cache just means compiling again.
    """
    import fastjsonschema  # imported on first validation only

    definition = schema(name)
    key = _cache_key(definition)
    path = _cache_dir() / f"schema-{name}.{sys.implementation.cache_tag}.marshal"
    code = None
    try:
        stored_key, stored_code = marshal.loads(path.read_bytes())
        if stored_key == key:
            code = stored_code
    except Exception:  # no cache yet, or one we cannot read: compile
        pass
    if code is None:
        try:
            code = compile(fastjsonschema.compile_to_code(definition), f"<schema {name}>", "exec")
        except (fastjsonschema.JsonSchemaDefinitionException, ValueError, TypeError, KeyError,
                AttributeError, SyntaxError, RecursionError) as err:
            raise DataError(f"schemas/{name}.schema.json", None, None,
                            f"not a usable schema: {type(err).__name__}: {err!s:.100}") from None
        if not sys.dont_write_bytecode:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
                tmp.write_bytes(marshal.dumps((key, code)))
                os.replace(tmp, path)  # atomic: a concurrent reader sees the old file or the new one
            except OSError:
                pass
    namespace: dict[str, Any] = {}
    try:
        exec(code, namespace)  # noqa: S102 - our own schema's validator, generated by fastjsonschema
        return namespace["validate"]
    except Exception as err:  # e.g. a bad regular expression in the schema
        raise DataError(f"schemas/{name}.schema.json", None, None,
                        f"not a usable schema: {type(err).__name__}: {err!s:.100}") from None


def _validator(name: str) -> Callable[[Any], Any]:
    if name not in _VALIDATORS:
        _VALIDATORS[name] = _compile(name)
    return _VALIDATORS[name]


def _schema_error(name: str, value: Any) -> tuple[str | None, str] | None:
    """Validate ``value`` against schema ``name``; return (dotted field, message) of the first error, or None."""
    import fastjsonschema

    try:
        _validator(name)(value)
    except fastjsonschema.JsonSchemaValueException as err:
        path = [str(p) for p in (err.path or [])[1:]]  # drop the leading "data"
        rule_value, definition = err.value, err.definition or {}
        extra = ""
        if err.rule == "required" and isinstance(rule_value, dict):
            missing = [p for p in definition.get("required", []) if p not in rule_value]
            if missing:
                path.append(missing[0])
                return ".".join(path), "required field is missing" + (
                    f" (also missing: {', '.join(missing[1:])})" if len(missing) > 1 else "")
        if err.rule == "additionalProperties" and isinstance(rule_value, dict):
            unknown = sorted(k for k in rule_value if k not in definition.get("properties", {}))
            if unknown:
                path.append(str(unknown[0]))
                near = difflib.get_close_matches(str(unknown[0]), list(definition.get("properties", {})), 1)
                return ".".join(path), "unknown field" + (f"; did you mean {near[0]!r}?" if near else "")
        if err.rule in ("enum", "type", "const"):
            shown = repr(rule_value) if len(repr(rule_value)) <= 60 else repr(rule_value)[:57] + "..."
            extra = f" (got {type(rule_value).__name__} {shown})" if err.rule == "type" else f" (got {shown})"
        message = err.message
        message = message[len(err.name) + 1:] if message.startswith(err.name + " ") else message
        return (".".join(path) or None), message + extra
    return None


# ---------------------------------------------------------------------------------------------- helpers

def _label(record: Any, index: int) -> str:
    rid = record.get("id") if isinstance(record, dict) else None
    return rid if isinstance(rid, str) and rid else f"#{index}"


def _suggest(value: Any, known: Iterable[str]) -> str:
    near = difflib.get_close_matches(str(value), list(known), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(repr(n) for n in near)}?" if near else ""


def parse_date(value: str) -> tuple[int, int | None, int | None] | None:
    """Return ``(year, month, day)`` for a real calendar date (month/day ``None`` if not given), else None.

    Examples
    --------
    >>> parse_date("2022-02-24"), parse_date("2023-02"), parse_date("2022-02-30"), parse_date("2022-13")
    ((2022, 2, 24), (2023, 2, None), None, None)
    """
    m = _DATE.match(value) if isinstance(value, str) else None
    if not m:
        return None
    year, month, day = (int(g) if g else None for g in m.groups())
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return year, month, day


def _bounds(date: tuple[int, int | None, int | None]) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """Earliest and latest day a date of implied precision can mean."""
    year, month, day = date
    if month is None:
        return (year, 1, 1), (year, 12, 31)
    if day is None:
        return (year, month, 1), (year, month, calendar.monthrange(year, month)[1])
    return (year, month, day), (year, month, day)


def _mismatch(quote: str, text: str) -> str:
    """Say how much of ``quote`` does match ``text`` (both normalised): the longest prefix found."""
    lo, hi = 0, len(quote)
    while lo < hi:  # prefix occurrence is monotone: binary search the longest prefix that occurs
        mid = (lo + hi + 1) // 2
        if quote[:mid] in text:
            lo = mid
        else:
            hi = mid - 1
    if lo < 8:
        return f"{quote[:60]!r} is not in the text"
    return f"the text matches up to {quote[max(0, lo - 30):lo]!r}, then differs at {quote[lo:lo + 30]!r}"


class _Checker:
    """Collects DataErrors for one data set (``raw``: collection name -> records, or None if unreadable)."""

    def __init__(self, raw: dict[str, Any], folder: Path | None) -> None:
        self.raw, self.folder = raw, folder
        self.errors: list[DataError] = []
        self.ids: dict[str, set[str] | None] = {}
        self.good: dict[str, list[tuple[int, Record]]] = {}
        self.texts: dict[str, str] = {}  # article id -> normalised clean text

    def add(self, file: str, record: str | None, field: str | None, message: str) -> None:
        self.errors.append(DataError(file, record, field, message))

    # -- pass 1: shape, schema, ids
    def shape(self, name: str) -> None:
        file = COLLECTIONS[name]
        records = self.raw.get(name)
        if records is None:  # unreadable file, reported by the reader; skip checks that depend on it
            self.ids[name] = None
            self.good[name] = []
            return
        if not isinstance(records, list):
            self.add(file, None, None, f"must be a JSON array of records, not {type(records).__name__}")
            self.ids[name], self.good[name] = None, []
            return
        seen: dict[str, int] = {}
        good = []
        for i, rec in enumerate(records):
            label = _label(rec, i)
            value = {k: v for k, v in rec.items() if k != "text"} if name == "articles" and isinstance(rec, dict) else rec
            problem = _schema_error(name, value)
            if problem:
                self.add(file, label, *problem)
            rid = rec.get("id") if isinstance(rec, dict) else None
            if isinstance(rid, str):
                if rid in seen:
                    self.add(file, label, "id", f"duplicate id {rid!r} (first used by record #{seen[rid]})")
                    continue
                seen[rid] = i
            if not problem:
                good.append((i, rec))
        self.ids[name] = set(seen)
        self.good[name] = good

    # -- pass 2: dates, references, texts
    def dates(self, name: str) -> None:
        for _, rec in self.good[name]:
            parsed = {}
            for field in DATE_FIELDS.get(name, ()):
                if field in rec:
                    parsed[field] = parse_date(rec[field])
                    if parsed[field] is None:
                        self.add(COLLECTIONS[name], rec["id"], field, f"{rec[field]!r} is not a real calendar date")
            if parsed.get("date") and parsed.get("date_end"):
                if _bounds(parsed["date_end"])[1] < _bounds(parsed["date"])[0]:
                    self.add(COLLECTIONS[name], rec["id"], "date_end",
                             f"ends ({rec['date_end']}) before it starts ({rec['date']})")

    def references(self, name: str, field: str, target: str) -> None:
        known = self.ids.get(target)
        if known is None:
            return
        for _, rec in self.good[name]:
            value = rec.get(field)
            values = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
            for j, v in values:
                if v is None or v in known:
                    continue
                where = field if j is None else f"{field}.{j}"
                self.add(COLLECTIONS[name], rec["id"], where, f"unknown {_SINGULAR[target]} {v!r}{_suggest(v, known)}")

    def verbatim(self, file: str, record: str, field: str, article: Any, quote: str) -> None:
        text = self.texts.get(article)
        if text is None:  # unknown article or missing text: reported elsewhere
            return
        problem = _not_verbatim(quote, article, text)
        if problem:
            self.add(file, record, field, problem)

    def quotes(self, name: str, field: str, article_field: str) -> None:
        for _, rec in self.good[name]:
            if field.endswith("[]"):
                base = field[:-2]
                for j, src in enumerate(rec.get(base, [])):
                    self.verbatim(COLLECTIONS[name], rec["id"], f"{base}.{j}.quote", src["article"], src["quote"])
            elif field in rec:
                self.verbatim(COLLECTIONS[name], rec["id"], field, rec.get(article_field), rec[field])

    def articles(self) -> None:
        file = COLLECTIONS["articles"]
        for _, rec in self.good["articles"]:
            text = rec.get("text")
            if self.folder is not None:
                paths = {}
                for field in ("text_file", "raw_file"):
                    path = article_path(self.folder, rec[field])
                    kind = path_kind(path) if path is not None else None
                    if path is None:
                        self.add(file, rec["id"], field, f"{rec[field]!r} points outside the articles folder")
                    elif kind is None:
                        self.add(file, rec["id"], field, f"file {rec[field]!r} is missing")
                    elif kind != "a regular file":
                        self.add(file, rec["id"], field, f"{rec[field]!r} is {kind}, not a regular file")
                    else:
                        paths[field] = path
                if "text_file" in paths and not isinstance(text, str):
                    self.add(file, rec["id"], "text_file", f"{rec['text_file']!r} is not readable UTF-8 text")
                if "raw_file" in paths and isinstance(text, str):
                    try:
                        raw_text = read_regular(paths["raw_file"]).decode("utf-8")
                    except UnicodeDecodeError as err:
                        self.add(file, rec["id"], "raw_file", f"not UTF-8 text: {err.reason}")
                        raw_text = None
                    except OSError as err:
                        self.add(file, rec["id"], "raw_file", f"{rec['raw_file']!r} cannot be read ({err})")
                        raw_text = None
                    if raw_text is not None:
                        try:
                            expected = clean_text(raw_text, rec["chrome_lines"])
                        except ValueError as err:
                            self.add(file, rec["id"], "chrome_lines", str(err))
                        else:
                            if expected != text:
                                self.add(file, rec["id"], "text_file", _text_diff(rec["text_file"], expected, text))
            if isinstance(text, str):
                self.texts[rec["id"]] = normalise(text)

    def run(self) -> list[DataError]:
        for name in COLLECTIONS:
            self.shape(name)  # a collection missing from raw is treated like an unreadable file
        self.articles()
        for name in COLLECTIONS:
            self.dates(name)
        for name, field, target in REFERENCES:
            self.references(name, field, target)
        for name, field, article_field in VERBATIM:
            self.quotes(name, field, article_field)
        self.content()
        return self.errors

    # -- pass 3: the course's words against the data (course_lib.content_checks)
    def content(self) -> None:
        from .content_checks import data_errors

        # an unreadable actors.json is reported once; checks that need the actors are then skipped
        actors = None if self.ids.get("actors") is None else {rec["id"]: rec for _, rec in self.good.get("actors", [])}
        for file, record, field, message in data_errors(self.good, self.texts, actors):
            self.add(file, record, field, message)


def _text_diff(text_file: str, expected: str, actual: str) -> str:
    exp, act = expected.split("\n"), actual.split("\n")
    for n, (e, a) in enumerate(zip(exp, act), start=1):
        if e != a:
            col = next((i for i, (x, y) in enumerate(zip(e, a)) if x != y), min(len(e), len(a)))
            lo = max(0, col - 20)
            return (f"{text_file!r} is not clean_text(raw, chrome_lines): line {n} column {col + 1} reads "
                    f"{a[lo:col + 20]!r}, expected {e[lo:col + 20]!r}")
    return (f"{text_file!r} is not clean_text(raw, chrome_lines): it has {len(act)} lines, "
            f"expected {len(exp)}")


# ---------------------------------------------------------------------------------------------- public

def collect_errors(raw: dict[str, Any], folder: str | Path | None = None) -> list[DataError]:
    """Return every problem in ``raw`` as a list of :class:`DataError` (empty if all is well).

    Parameters
    ----------
    raw : dict
        Collection name -> list of records, as :func:`course_lib.data.read_raw` returns it (article records
        carry their clean text in ``"text"``). A value of ``None`` marks a file that could not be read;
        checks that depend on it are skipped. Missing collections are skipped.
    folder : str or Path, optional
        The data folder; when given, article ``text_file``/``raw_file`` are checked on disk and the clean
        text is compared with ``clean_text(raw, chrome_lines)``.

    Examples
    --------
    >>> errs = collect_errors({"topics": [{"id": "x", "label": "X"}]})
    >>> (errs[0].file, errs[0].record, errs[0].field)
    ('topics.json', 'x', 'description')
    """
    return _Checker(raw, Path(folder) if folder is not None else None).run()


def combine(errors: list[DataError]) -> DataError:
    """Wrap several errors in one :class:`DataError` whose ``errors`` lists them all."""
    first = errors[0]
    return DataError(first.file, first.record, first.field, first.message, errors=list(errors))


def validate_raw(raw: dict[str, Any], folder: str | Path | None = None) -> None:
    """Raise ONE :class:`DataError` listing every problem in ``raw``; return None if the data is valid.

    See :func:`collect_errors` for the parameters.

    Examples
    --------
    >>> validate_raw({"topics": [{"id": "sanctions", "label": "Sanctions", "description": "Measures."}]})
    >>> try:
    ...     validate_raw({"topics": [{"id": "Bad Id", "label": "L", "description": "D"}]})
    ... except DataError as err:
    ...     print(err.file, err.record, err.field)
    topics.json Bad Id id
    """
    errors = collect_errors(raw, folder)
    if errors:
        raise combine(errors)


# ---------------------------------------------------------------------------------------------- quizzes

def article_texts(data: Any) -> dict[str, str]:
    """Every article's clean text, normalised for the verbatim-quote check (article id -> text)."""
    return {aid: normalise(rec["text"]) for aid, rec in data.articles.items()}


def _not_verbatim(quote: str, article: Any, text: str) -> str | None:
    """Why ``quote`` is not in the normalised article ``text``, or None if it is there verbatim."""
    q = normalise(quote)
    return None if q in text else f"not found verbatim in article {article!r}: {_mismatch(q, text)}"


def quiz_errors(doc: Any, file: str, data: Any, texts: dict[str, str] | None = None) -> list[DataError]:
    """Return every problem in one quiz document (see :func:`validate_quiz`).

    ``texts`` (from :func:`article_texts`) saves normalising the articles again for each quiz file.
    """
    errors: list[DataError] = []

    def add(record: str | None, field: str | None, message: str) -> None:
        errors.append(DataError(file, record, field, message))

    quiz_id = doc.get("id") if isinstance(doc, dict) and isinstance(doc.get("id"), str) else None
    problem = _schema_error("quizzes", doc)
    if problem:
        field, message = problem
        parts = (field or "").split(".")
        if len(parts) >= 2 and parts[0] == "questions" and parts[1].isdigit():
            i = int(parts[1])
            questions = doc.get("questions") if isinstance(doc, dict) else None
            q = questions[i] if isinstance(questions, list) and i < len(questions) else None
            add(_label(q, i), ".".join(parts[2:]) or None, message)
        else:
            add(quiz_id, field, message)
        return errors

    texts = texts if texts is not None else article_texts(data)
    seen: dict[str, int] = {}
    for i, q in enumerate(doc["questions"]):
        qid, kind = q["id"], q["type"]
        if qid in seen:
            add(qid, "id", f"duplicate question id {qid!r} (question #{i}; first used by question #{seen[qid]})")
        seen.setdefault(qid, i)
        options = q.get("options")
        if kind in ("single", "multiple"):
            if options is None:
                add(qid, "options", f"a {kind!r} question needs options")
            else:
                correct = sum(o["correct"] for o in options)
                if kind == "single" and correct != 1:
                    add(qid, "options", f"a 'single' question needs exactly one correct option, not {correct}")
                if kind == "multiple" and correct < 1:
                    add(qid, "options", "a 'multiple' question needs at least one correct option")
                _unique(add, qid, "options", [o["id"] for o in options])
        elif kind == "numeric":
            for field in ("answer", "tolerance"):
                if field not in q:
                    add(qid, field, f"a 'numeric' question needs {field!r}")
        elif kind == "ordering":
            if "items" not in q:
                add(qid, "items", "an 'ordering' question needs items (in the correct order)")
            else:
                _unique(add, qid, "items", [it["id"] for it in q["items"]])
        elif kind == "matching":
            for field in ("pairs", "choices"):
                if field not in q:
                    add(qid, field, f"a 'matching' question needs {field!r}")
            if "pairs" in q and "choices" in q:
                for j, pair in enumerate(q["pairs"]):
                    if pair["right"] not in q["choices"]:
                        add(qid, f"pairs.{j}.right", f"{pair['right']!r} is not one of the choices"
                            + _suggest(pair["right"], q["choices"]))
        for j, src in enumerate(q["sources"]):
            text = texts.get(src["article"])
            problem = _not_verbatim(src["quote"], src["article"], text) if text is not None else None
            if problem:
                add(qid, f"sources.{j}.quote", problem)
        for j, item in enumerate(q.get("items", [])):
            for key, target in (("event", data.events), ("statement", data.statements)):
                if key in item and item[key] not in target:
                    add(qid, f"items.{j}.{key}", f"unknown {key} {item[key]!r}{_suggest(item[key], target)}")
        for j, pair in enumerate(q.get("pairs", [])):
            if "statement" in pair and pair["statement"] not in data.statements:
                add(qid, f"pairs.{j}.statement",
                    f"unknown statement {pair['statement']!r}{_suggest(pair['statement'], data.statements)}")
    return errors


def _unique(add: Callable[[str | None, str | None, str], None], qid: str, field: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for j, oid in enumerate(ids):
        if oid in seen:
            add(qid, f"{field}.{j}.id", f"duplicate id {oid!r}")
        seen.add(oid)


def validate_quiz(doc: Any, file: str, data: Any) -> None:
    """Raise ONE :class:`DataError` listing every problem in a quiz document.

    Checks the schema (``quizzes.schema.json``), unique question ids, that a ``single`` question has
    exactly one correct option and a ``multiple`` one at least one, that ``numeric`` has ``answer`` and
    ``tolerance``, ``ordering`` has ``items``, ``matching`` has ``pairs`` and ``choices`` with every
    ``right`` among the choices, that every source quote occurs verbatim in its article, and that
    referenced events and statements exist. Errors name the file, the question id and the field.

    Parameters
    ----------
    doc : dict
        The parsed quiz file.
    file : str
        Its path relative to the data folder, e.g. ``"quizzes/01-reading.json"``.
    data : CourseData
        The loaded course data (for article texts, events and statements).

    Examples
    --------
    >>> from course_lib import load
    >>> quiz = {"id": "demo", "title": "Demo", "seed": 1, "questions": [{"id": "q1", "type": "numeric",
    ...         "prompt": "?", "hint": "h", "explanation": "e",
    ...         "sources": [{"article": "newsweek", "quote": "no plans to attack anyone"}]}]}
    >>> try:
    ...     validate_quiz(quiz, "quizzes/demo.json", load())
    ... except DataError as err:
    ...     print(err.errors[0])
    quizzes/demo.json: record 'q1': field 'answer': a 'numeric' question needs 'answer'
    """
    errors = quiz_errors(doc, file, data)
    if errors:
        raise combine(errors)


def quiz_files(folder: str | Path | None = None) -> list[Path]:
    """Return the quiz files (``quizzes/*.json``) of a data folder, sorted by name."""
    base = Path(folder) if folder is not None else data_dir()
    return sorted((base / "quizzes").glob("*.json"))


def check_quizzes(data: Any, folder: str | Path | None = None) -> tuple[list[DataError], int, int]:
    """Validate every quiz file of a data folder.

    Returns
    -------
    (errors, quizzes, questions)
        Every problem found, and how many quiz files and questions were read.
    """
    errors: list[DataError] = []
    n_quiz = n_questions = 0
    texts = article_texts(data)
    for path in quiz_files(folder):
        rel = f"quizzes/{path.name}"
        try:
            doc = read_json(path.parent.parent, rel)
        except DataError as err:
            errors.append(err)
            continue
        n_quiz += 1
        if isinstance(doc, dict) and isinstance(doc.get("questions"), list):
            n_questions += len(doc["questions"])
        try:
            errors.extend(quiz_errors(doc, rel, data, texts))
        except DataError as err:  # the quiz schema itself is missing or broken
            errors.extend(err.errors)
            break
    return errors, n_quiz, n_questions


# ---------------------------------------------------------------------------------------------- assessment

def check_assessment(data: Any, folder: str | Path | None = None) -> tuple[list[DataError], int]:
    """Validate ``assessment.json`` (the pre/post test): see :mod:`course_lib.assessment_items`.

    Returns
    -------
    (errors, items)
        Every problem found, and how many items were read (0 if the file is missing: it is optional).
    """
    from .assessment_items import FILE, assessment_errors, load_assessment

    base = Path(folder) if folder is not None else data_dir()
    if not (base / FILE).is_file():
        return [], 0
    try:
        doc = load_assessment(base)
    except DataError as err:
        return [err], 0
    items = doc.get("items") if isinstance(doc, dict) else None
    return assessment_errors(doc, data), len(items) if isinstance(items, list) else 0
