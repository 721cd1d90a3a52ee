"""Plain-text helpers shared by the loader, the validator and the widgets (standard library only)."""
from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                         "\u00a0": " "})
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Fold typographic quote marks to ASCII and runs of white space to one space.

    This is the only normalisation allowed when checking that a quote occurs verbatim in its article.

    Examples
    --------
    >>> normalise("“no  plans\\nto attack”")
    '"no plans to attack"'
    """
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


def occurs_in(quote: str, text: str) -> bool:
    """Return True if ``quote`` occurs verbatim in ``text`` (after :func:`normalise` on both).

    Examples
    --------
    >>> occurs_in("no plans to attack", "they have “no plans to attack anyone.”")
    True
    """
    return normalise(quote) in normalise(text)


def clean_text(raw: str, chrome_lines: list[str]) -> str:
    """Remove page chrome from a raw capture.

    Each line in ``chrome_lines`` is removed exactly once, at its first occurrence at or after the
    previous removal (so the list is in reading order); blank lines at the start and end are then
    dropped and the text ends with one newline. Nothing else changes.

    Raises
    ------
    ValueError
        If a listed chrome line is not found in the raw text.

    Examples
    --------
    >>> clean_text("Skip to content\\nTitle\\n\\nBody\\n", ["Skip to content"])
    'Title\\n\\nBody\\n'
    """
    lines = raw.split("\n")
    pos = 0
    for chrome in chrome_lines:
        try:
            idx = lines.index(chrome, pos)
        except ValueError:
            raise ValueError(f"chrome line {chrome!r} not found in the raw text") from None
        del lines[idx]
        pos = idx
    return "\n".join(lines).strip("\n") + "\n"


def paragraphs(text: str) -> list[str]:
    """Split a clean article text into paragraphs (blocks separated by blank lines).

    Examples
    --------
    >>> paragraphs("One\\n\\nTwo\\nlines\\n")
    ['One', 'Two\\nlines']
    """
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


#: a spreadsheet reads a cell starting with one of these as a formula (or, for tab and CR, mangles it);
#: the full-width forms are read as formulas by some spreadsheets too
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_safe(value: object) -> str:
    """Make any value safe for a CSV cell a teacher opens in a spreadsheet (no formula injection).

    A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or a line feed
    (also after leading spaces, and their full-width forms) gets a leading apostrophe, which spreadsheets
    show as text; ``None`` becomes the empty string. Every CSV the course writes passes every cell
    through this one function.

    Examples
    --------
    >>> [csv_safe(v) for v in ["=1+1", "-5", " @SUM(A1)", "\\tx", "plain", None, 3]]
    ["'=1+1", "'-5", "' @SUM(A1)", "'\\tx", 'plain', '', '3']
    """
    s = "" if value is None else str(value)
    return "'" + s if s.lstrip(" ").startswith(FORMULA_STARTS) or s.startswith(FORMULA_STARTS) else s


def visible(text: str) -> str:
    """``text`` without invisible formatting characters (Unicode category Cf: bidi marks, overrides and
    isolates, zero-width spaces and joiners, the byte-order mark, soft hyphens).

    Use it before reading a learner's typed text and before echoing untrusted text into a line of the
    page, so that nothing hidden changes what is read, and no override reverses the rest of the line.

    Examples
    --------
    >>> visible("\u200e70\u200b000\ufeff"), visible("abc\u202edef")
    ('70000', 'abcdef')
    """
    return "".join(c for c in text if unicodedata.category(c) != "Cf") if not text.isascii() else text
