"""Load the course's articles and structured facts.

Examples
--------
>>> from course_lib import load
>>> data = load()
>>> data.statements["reznikov-no-plans-to-attack"]["actor"]
'reznikov'
"""
from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from .errors import DataError
from .files import JSONProblem, NotRegularFile, read_json_file, read_regular
from .paths import data_dir

Record = dict[str, Any]

#: collection name -> file in the data folder, in export order
COLLECTIONS: dict[str, str] = {
    "articles": "articles/articles.json",
    "actors": "actors.json",
    "statements": "statements.json",
    "events": "events.json",
    "figures": "figures.json",
    "claims": "claims.json",
    "places": "places.json",
    "glossary": "glossary.json",
    "errata": "errata.json",
    "topics": "topics.json",
}

#: the collections ``python -m course_lib export`` (and :meth:`CourseData.to_json`) prints, in order
EXPORT_KEYS: tuple[str, ...] = ("articles", "actors", "statements", "events", "figures", "claims",
                                "places", "glossary", "errata")


class Collection(Mapping[str, Record]):
    """Records of one kind, in file order, looked up by id.

    A missing id raises a ``KeyError`` that suggests the nearest ids.

    Examples
    --------
    >>> c = Collection("actors", [{"id": "putin"}, {"id": "peskov"}])
    >>> c["putin"]["id"]
    'putin'
    >>> try:
    ...     c["putn"]
    ... except KeyError as err:
    ...     print(err.args[0])
    no actors record 'putn'; did you mean: 'putin'?
    """

    def __init__(self, name: str, records: list[Record]) -> None:
        self.name = name
        self._by_id = {r["id"]: r for r in records}

    def __getitem__(self, key: str) -> Record:
        try:
            return self._by_id[key]
        except (KeyError, TypeError):
            near = difflib.get_close_matches(str(key), list(self._by_id), n=3, cutoff=0.5)
            hint = f"; did you mean: {', '.join(repr(n) for n in near)}?" if near else ""
            raise KeyError(f"no {self.name} record {key!r}{hint}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)

    def __repr__(self) -> str:
        return f"<Collection {self.name}: {len(self)} records>"

    def records(self) -> list[Record]:
        """Return the records in file order."""
        return list(self._by_id.values())


class CourseData:
    """Every collection of the course, validated. Treat the records as read-only.

    One attribute per entry of :data:`COLLECTIONS`; the attributes cannot be reassigned. (A plain class
    rather than a frozen dataclass: importing ``dataclasses`` would cost more than the rest of ``load()``.)

    Examples
    --------
    >>> data = load()
    >>> data.statements.name, len(data.articles)
    ('statements', 5)
    """

    __slots__ = tuple(COLLECTIONS)

    articles: Collection
    actors: Collection
    statements: Collection
    events: Collection
    figures: Collection
    claims: Collection
    places: Collection
    glossary: Collection
    errata: Collection
    topics: Collection

    def __init__(self, articles: Collection, actors: Collection, statements: Collection, events: Collection,
                 figures: Collection, claims: Collection, places: Collection, glossary: Collection,
                 errata: Collection, topics: Collection) -> None:
        given = locals()
        for name in COLLECTIONS:
            object.__setattr__(self, name, given[name])

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"CourseData is read-only: cannot set {name!r}")

    def __repr__(self) -> str:
        return "<CourseData " + ", ".join(f"{len(getattr(self, n))} {n}" for n in COLLECTIONS) + ">"

    def to_json(self) -> dict[str, list[Record]]:
        """Return the course data as one JSON-ready document, as ``python -m course_lib export`` prints it.

        The keys are :data:`EXPORT_KEYS` (every collection but the controlled topic list); each article
        includes its clean ``text``; references are ids and dates ISO strings, as in the data files.

        Examples
        --------
        >>> doc = load().to_json()
        >>> list(doc) == list(EXPORT_KEYS)
        True
        """
        return {name: getattr(self, name).records() for name in EXPORT_KEYS}


def _read_json(folder: Path, rel: str) -> Any:
    try:
        return read_json_file(folder / rel)
    except FileNotFoundError:
        raise DataError(rel, None, None, "file is missing") from None
    except NotRegularFile as err:
        raise DataError(rel, None, None, f"is {err.kind}, not a regular file") from None
    except OSError as err:
        raise DataError(rel, None, None, f"cannot be read ({err.strerror or err})") from None
    except JSONProblem as err:
        raise DataError(rel, err.record, err.field, str(err)) from None


def article_path(folder: Path, name: Any) -> Path | None:
    """The resolved path of an article's text/raw file, or None if it points outside ``folder/articles``.

    Symlinks are followed first, so a link out of the folder is outside too. Nothing is opened.

    Examples
    --------
    >>> from course_lib.paths import data_dir
    >>> article_path(data_dir(), "newsweek.txt").name, article_path(data_dir(), "/dev/zero")
    ('newsweek.txt', None)
    """
    base = (Path(folder) / "articles").resolve()
    try:
        path = (base / name).resolve()
    except (OSError, ValueError, TypeError):
        return None
    return path if path.is_relative_to(base) else None


def read_json(folder: Path, rel: str) -> Any:
    """Parse one JSON data file, raising :class:`DataError` that names the file if it cannot be used.

    Only a regular file is read (a folder, device or FIFO in its place is refused without blocking), and
    the JSON must be strict: no ``NaN``/``Infinity``, no key repeated in an object, no absurd nesting
    (see :func:`course_lib.files.loads_strict`).
    """
    return _read_json(Path(folder), rel)


def _read_all(folder: Path) -> tuple[dict[str, Any], list[DataError]]:
    """Read every collection file; an unreadable one becomes ``None`` and an error (no exception)."""
    raw: dict[str, Any] = {}
    errors: list[DataError] = []
    for name, rel in COLLECTIONS.items():
        try:
            raw[name] = _read_json(folder, rel)
        except DataError as err:
            raw[name] = None
            errors.append(err)
    for art in raw["articles"] if isinstance(raw["articles"], list) else []:
        if isinstance(art, dict) and isinstance(art.get("text_file"), str):
            path = article_path(folder, art["text_file"])
            if path is None:
                continue  # outside the articles folder: never opened; the validator reports it
            try:
                art["text"] = read_regular(path).decode("utf-8")
            except (OSError, UnicodeDecodeError):
                pass  # the validator reports the missing, non-regular or unreadable text file
    return raw, errors


def read_raw(folder: Path) -> dict[str, list[Record]]:
    """Read every collection file (and each article's clean text, as ``"text"``) without validating.

    Raises
    ------
    DataError
        If any file is missing or not JSON (one error listing every such file).
    """
    from .validate import combine

    raw, errors = _read_all(Path(folder))
    if errors:
        raise combine(errors)
    return raw


_CACHE: dict[Path, CourseData] = {}


def load(folder: str | Path | None = None, *, cache: bool = True) -> CourseData:
    """Load, validate and cache the course data.

    Parameters
    ----------
    folder : str or Path, optional
        A data folder laid out like the package's ``data/``; defaults to the package's own.
    cache : bool
        Reuse the result of an earlier call for the same folder (default ``True``).

    Returns
    -------
    CourseData
        One :class:`Collection` per kind of record.

    Raises
    ------
    DataError
        If any file is malformed; the error names file, record and field (and lists every error).

    Examples
    --------
    >>> data = load()
    >>> len(data.articles)
    5
    """
    from .validate import collect_errors, combine

    path = Path(folder).resolve() if folder is not None else data_dir()
    if cache and path in _CACHE:
        return _CACHE[path]
    raw, errors = _read_all(path)
    errors += collect_errors(raw, path)
    if errors:
        raise combine(errors)
    result = CourseData(**{name: Collection(name, raw[name]) for name in COLLECTIONS})
    if cache:
        _CACHE[path] = result
    return result
