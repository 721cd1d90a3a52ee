"""Reading untrusted files safely: only regular files, never a hang; strict JSON (standard library only).

The course reads files it did not write -- data folders passed with ``--data``, quiz files, a learner's
progress file -- and any of them may have been replaced by a folder, a device such as ``/dev/zero``, a
named pipe (FIFO) that would block a reader forever, or a symlink to somewhere else. :func:`read_regular`
opens without blocking and refuses anything that is not a regular file; :func:`loads_strict` parses JSON
that the course's data may contain: no ``NaN``/``Infinity`` (nor numbers too large for a float), no
repeated keys in an object, and no nesting deeper than Python can handle, each as a :class:`JSONProblem`
that says what and, where it can, where.

Examples
--------
>>> loads_strict('{"a": 1}')
{'a': 1}
>>> try:
...     loads_strict('{"id": "x", "id": "y"}')
... except JSONProblem as err:
...     print(err)
duplicate key 'id' in one object (record 'x')
"""
from __future__ import annotations

import errno
import json
import os
import re
import stat
from pathlib import Path
from typing import Any

#: opening flags: never block on a FIFO, never make a terminal the controlling one
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
# a JSON string, or one of the non-standard constants / a number literal outside strings
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)')


class NotRegularFile(OSError):
    """The path exists but is not a regular file; ``kind`` says what it is ("a folder", "a FIFO"...)."""

    def __init__(self, path: str | os.PathLike[str], kind: str) -> None:
        super().__init__(errno.EISDIR if kind == "a folder" else errno.EINVAL,
                         f"it is {kind}, not a regular file", os.fspath(path))
        self.kind = kind


def kind_of(mode: int) -> str:
    """Name the kind of file a ``st_mode`` describes, for messages.

    Examples
    --------
    >>> import stat
    >>> kind_of(stat.S_IFDIR), kind_of(stat.S_IFIFO), kind_of(stat.S_IFREG)
    ('a folder', 'a named pipe (FIFO)', 'a regular file')
    """
    for test, name in ((stat.S_ISREG, "a regular file"), (stat.S_ISDIR, "a folder"),
                       (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a file"


def path_kind(path: str | os.PathLike[str]) -> str | None:
    """What is at ``path`` (following symlinks): None if nothing, else as :func:`kind_of` names it.

    Examples
    --------
    >>> path_kind("/"), path_kind("/no/such/file")
    ('a folder', None)
    """
    try:
        return kind_of(os.stat(path).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except (OSError, ValueError):
        return "not a file"


def read_regular(path: str | os.PathLike[str]) -> bytes:
    """Return the bytes of a regular file; refuse anything else without blocking.

    The file is opened non-blocking and checked with ``fstat`` on the open descriptor (so a path
    swapped between a check and the read cannot fool it).

    Raises
    ------
    FileNotFoundError
        If nothing is there.
    NotRegularFile
        If it is a folder, a device, a FIFO or a socket.
    OSError
        If it cannot be opened or read (no permission...).

    Examples
    --------
    >>> try:
    ...     read_regular("/")
    ... except NotRegularFile as err:
    ...     print(err.kind)
    a folder
    """
    try:
        fd = os.open(os.fspath(path), _FLAGS)
    except IsADirectoryError:
        raise NotRegularFile(path, "a folder") from None
    except PermissionError:
        if os.path.isdir(path):  # Windows refuses to open a folder
            raise NotRegularFile(path, "a folder") from None
        raise
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(path, kind_of(mode))
        with open(fd, "rb", closefd=False) as fh:
            return fh.read()
    finally:
        os.close(fd)


def depth_exceeds(value: Any, limit: int) -> bool:
    """True if lists and objects in ``value`` nest more than ``limit`` levels deep (no recursion used).

    Examples
    --------
    >>> depth_exceeds({"a": [[1]]}, 3), depth_exceeds({"a": [[1]]}, 2)
    (False, True)
    """
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (dict, list)):
            if depth > limit:
                return True
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


def _where(text: str, literal: str | None) -> str:
    """`` at line L column C`` of the first ``literal`` outside a string in ``text`` (or "")."""
    for m in _TOKEN.finditer(text):
        if m.group(1) is not None and (literal is None or m.group(1) == literal):
            line = text.count("\n", 0, m.start()) + 1
            col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
            return f" at line {line} column {col}"
    return ""


class JSONProblem(ValueError):
    """JSON text the course will not accept; the message says what is wrong (and where, if it can).

    ``record`` and ``field`` name the object's ``"id"`` and the repeated key for a duplicate key (else None).
    """

    def __init__(self, message: str, record: str | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.record, self.field = record, field


class _Reject(Exception):
    def __init__(self, message: str, literal: str | None = None, record: str | None = None,
                 field: str | None = None) -> None:
        super().__init__(message)
        self.message, self.literal, self.record, self.field = message, literal, record, field


def _constant(name: str) -> Any:
    raise _Reject(f"{name} is not allowed (JSON numbers must be finite)", name)


def _float(literal: str) -> float:
    value = float(literal)
    if value in (float("inf"), float("-inf")):
        raise _Reject(f"the number {literal[:40]} is too large", literal)
    return value


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                rid = next((v for k, v in pairs if k == "id"), None)
                rid = rid if isinstance(rid, str) else None
                where = f" (record {rid!r})" if rid is not None else ""
                raise _Reject(f"duplicate key {key!r} in one object{where}", record=rid, field=key)
            seen.add(key)
    return out


def loads_strict(text: str) -> Any:
    """Parse JSON text, refusing what ``json.loads`` lets through but the course's files must not hold.

    Refused: ``NaN``, ``Infinity``, ``-Infinity`` and numbers too large for a float; a key repeated in
    one object (``json.loads`` silently keeps the last); nesting too deep to parse; integers with more
    digits than Python converts. Plain syntax errors keep ``json``'s message with line and column.

    Raises
    ------
    JSONProblem
        With a message that can follow the file's name.

    Examples
    --------
    >>> try:
    ...     loads_strict('{"tolerance": Infinity}')
    ... except JSONProblem as err:
    ...     print(err)
    Infinity is not allowed (JSON numbers must be finite) at line 1 column 15
    """
    try:
        return json.loads(text, parse_constant=_constant, parse_float=_float, object_pairs_hook=_pairs)
    except _Reject as err:
        raise JSONProblem(err.message + (_where(text, err.literal) if err.literal else ""), err.record,
                          err.field) from None
    except json.JSONDecodeError as err:
        raise JSONProblem(f"not valid JSON: {err.msg} at line {err.lineno} column {err.colno}") from None
    except RecursionError:
        raise JSONProblem("nested too deeply to read (lists or objects inside each other "
                          "hundreds of times)") from None
    except ValueError as err:  # e.g. an integer with more digits than Python will convert
        raise JSONProblem(f"not valid JSON: {str(err)[:120]}") from None


def read_json_file(path: str | os.PathLike[str]) -> Any:
    """Read a regular file as UTF-8 and parse it with :func:`loads_strict`.

    Raises
    ------
    FileNotFoundError, NotRegularFile, OSError
        As :func:`read_regular`.
    JSONProblem
        If it is not UTF-8 or not acceptable JSON.
    """
    raw = read_regular(Path(path))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise JSONProblem(f"not UTF-8 text: {err.reason}") from None
    return loads_strict(text)
