"""Errors raised by course_lib."""
from __future__ import annotations


class DataError(ValueError):
    """A data file is malformed: names the file, the record id and the field.

    Parameters
    ----------
    file : str
        Path of the data file, relative to the data folder.
    record : str or None
        The record's id (or its index, ``"#3"``, when it has no usable id).
    field : str or None
        The offending field, dotted for nested fields (``"sources.0.quote"``).
    message : str
        What is wrong.

    Examples
    --------
    >>> err = DataError("statements.json", "st-001", "actor", "unknown actor 'putn'")
    >>> str(err)
    "statements.json: record 'st-001': field 'actor': unknown actor 'putn'"
    """

    def __init__(self, file: str, record: str | None, field: str | None, message: str,
                 errors: list["DataError"] | None = None) -> None:
        self.file, self.record, self.field, self.message = file, record, field, message
        self.errors = errors or [self]
        super().__init__(self._line())

    def _line(self) -> str:
        parts = [self.file]
        if self.record is not None:
            parts.append(f"record {self.record!r}")
        if self.field is not None:
            parts.append(f"field {self.field!r}")
        return ": ".join(parts + [self.message])

    def __str__(self) -> str:
        if len(self.errors) <= 1:
            return self._line()
        return f"{len(self.errors)} data errors:\n" + "\n".join(e._line() for e in self.errors)
