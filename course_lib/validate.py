"""Validation of the course data: schemas, references, verbatim quotes, dates. (Being written.)"""
from __future__ import annotations

from typing import Any


def validate_raw(raw: dict[str, Any]) -> None:
    """Raise DataError listing every problem in ``raw`` (placeholder until the validator lands)."""
