"""Shared fixtures: the repository, the real data folder, the loaded course data, and a scratch copy of data/."""
from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository's root folder."""
    return REPO


@pytest.fixture(scope="session")
def data_path() -> Path:
    """The course's real data folder (``data/``)."""
    from course_lib.paths import data_dir

    return data_dir()


@pytest.fixture(scope="session")
def course_data():
    """The real course data, loaded (and validated) once."""
    import course_lib

    return course_lib.load()


@pytest.fixture
def data_copy(tmp_path: Path, data_path: Path) -> Path:
    """A private copy of ``data/`` to corrupt; load it with ``course_lib.load(path, cache=False)``."""
    dest = tmp_path / "data"
    shutil.copytree(data_path, dest)
    return dest


@pytest.fixture
def edit_json() -> Callable[[Path, Callable[[Any], Any]], None]:
    """``edit_json(path, change)``: parse a JSON file, apply ``change(doc)`` in place, write it back."""

    def edit(path: Path, change: Callable[[Any], Any]) -> None:
        doc = json.loads(path.read_text(encoding="utf-8"))
        change(doc)
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")

    return edit
