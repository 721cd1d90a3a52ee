"""The article corpus: raw captures kept byte-exact, clean texts derived from them by removing chrome only.

The raw files are compared with the seeds in ``../shared/seeds/`` when that folder sits beside the
repository (as on the maintainers' machines and in CI); the repository must stand alone, so those
comparisons are skipped when it does not.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from course_lib.text import clean_text

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"


def _articles(data_path: Path) -> list[dict]:
    return json.loads((data_path / "articles" / "articles.json").read_text(encoding="utf-8"))


def pytest_generate_tests(metafunc):
    if "article" in metafunc.fixturenames:
        from course_lib.paths import data_dir

        arts = _articles(data_dir())
        metafunc.parametrize("article", arts, ids=[a["id"] for a in arts])


def _raw(data_path: Path, article: dict) -> str:
    return (data_path / "articles" / article["raw_file"]).read_bytes().decode("utf-8")


def _clean(data_path: Path, article: dict) -> str:
    return (data_path / "articles" / article["text_file"]).read_bytes().decode("utf-8")


def test_the_five_articles(data_path: Path):
    assert [a["id"] for a in _articles(data_path)] == ["newsweek", "euronews", "moscowtimes", "polygraph", "amn"]


def test_clean_text_is_derived_from_raw(article: dict, data_path: Path):
    assert _clean(data_path, article) == clean_text(_raw(data_path, article), article["chrome_lines"])


def test_chrome_lines_are_removed_and_nothing_else(article: dict, data_path: Path):
    """Checked without clean_text: the clean lines are the raw lines minus exactly the chrome lines."""
    raw_lines = _raw(data_path, article).split("\n")
    clean_lines = _clean(data_path, article).split("\n")
    chrome = Counter(article["chrome_lines"])
    for line in chrome:
        assert line.strip(), "a chrome line must not be blank"
        assert line in raw_lines, f"chrome line {line!r} is not a line of the raw capture"
    # the clean text, blank lines at its ends aside, is the raw text with those lines taken out ...
    kept = Counter(raw_lines) - chrome
    assert Counter(clean_lines) - Counter({"": clean_lines.count("")}) == kept - Counter({"": kept[""]})
    # ... in the raw order (clean lines form a subsequence of the raw lines)
    it = iter(raw_lines)
    assert all(any(line == r for r in it) for line in clean_lines if line), "clean lines are out of raw order"
    # every non-blank line not listed as chrome survives
    assert sum(1 for l in clean_lines if l) == sum(1 for l in raw_lines if l) - len(article["chrome_lines"])
    assert _clean(data_path, article).endswith("\n") and not _clean(data_path, article).endswith("\n\n")


def test_chrome_is_not_article_content(article: dict, data_path: Path):
    """A chrome line is page furniture: short, and no statement or figure quotes it."""
    quotes = [r["quote"] for name in ("statements", "figures")
              for r in json.loads((data_path / f"{name}.json").read_text(encoding="utf-8"))
              if r["article"] == article["id"]]
    for line in article["chrome_lines"]:
        assert len(line) < 160, f"chrome line {line[:40]!r}... is long for page furniture"
        line = line.strip()
        assert not any(q.strip() == line or (len(line) > 20 and line in q) for q in quotes)


def test_raw_file_is_named_after_its_seed(article: dict):
    assert Path(article["raw_file"]).name == article["seed_file"]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repository")
def test_raw_is_byte_exact_copy_of_its_seed(article: dict, data_path: Path):
    seed = SEEDS / article["seed_file"]
    assert (data_path / "articles" / article["raw_file"]).read_bytes() == seed.read_bytes()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repository")
def test_every_seed_is_in_the_corpus(data_path: Path):
    seeds = sorted(p.name for p in SEEDS.glob("*.txt"))
    assert sorted(a["seed_file"] for a in _articles(data_path)) == seeds
