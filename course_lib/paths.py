"""Where the course's data lives, relative to the installed package."""
from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def data_dir() -> Path:
    """Return the data folder.

    In a built wheel the data ships inside the package (``course_lib/_data``);
    in a source checkout with an editable install it is ``data/`` beside the package.

    Examples
    --------
    >>> (data_dir() / "actors.json").exists()
    True
    """
    inside = _PKG / "_data"
    return inside if inside.is_dir() else _PKG.parent / "data"
