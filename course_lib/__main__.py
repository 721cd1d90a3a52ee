"""Command line: ``python -m course_lib {export,validate,progress,handin,class-report} [--data DIR]`` (also installed as ``course-lib``).

``export`` prints all course data as one JSON document; ``validate`` checks the data and every quiz file
and prints a one-line summary (exit 0) or every error, one per line (exit 1).

Adding a subcommand
-------------------
Add an entry to :data:`SUBCOMMANDS`: name -> module path (relative to ``course_lib``, or ``__main__`` for
the built-ins here). The module must define ``HELP`` (one line), ``add_arguments(parser)`` and
``run(args) -> int`` (the exit code). Every subcommand gets ``--data DIR`` for free. Example::

    SUBCOMMANDS["progress"] = ".progress"   # course_lib/progress.py defines HELP, add_arguments, run

Examples
--------
>>> main(["validate"])  # doctest: +ELLIPSIS
OK: 5 articles, ...
0
"""
from __future__ import annotations

import argparse
import json
import sys
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import Any

#: Extension point: subcommand name -> module that defines ``HELP``, ``add_arguments(parser)`` and
#: ``run(args) -> int``. A leading dot means relative to ``course_lib``; ``"__main__"`` means this module
#: (which provides the built-in ``export`` and ``validate`` through :data:`BUILTIN`).
SUBCOMMANDS: dict[str, str] = {
    "export": "__main__",
    "validate": "__main__",
    "progress": ".cli_progress",
    "handin": ".handin",
    "class-report": ".report",
}


class _Builtin:
    """Adapts a pair of functions in this module to the subcommand-module interface."""

    def __init__(self, help: str, run: Any, add_arguments: Any = None) -> None:
        self.HELP, self.run = help, run
        self.add_arguments = add_arguments or (lambda parser: None)


def _load(args: argparse.Namespace) -> Any:
    from .data import load

    return load(args.data, cache=False) if args.data else load()


def _print_errors(errors: list[Any], stream: Any) -> None:
    for e in errors:
        print(e._line(), file=stream)


def _load_or_report(args: argparse.Namespace, summary: str) -> Any:
    """The data; or None after printing every error and ``summary`` (``{n}`` = their count) to stderr."""
    from .errors import DataError

    try:
        return _load(args)
    except DataError as err:
        _print_errors(err.errors, sys.stderr)
        print(summary.format(n=len(err.errors)), file=sys.stderr)
        return None


def export(args: argparse.Namespace) -> int:
    """Print every collection (articles with their clean text) as one JSON document on stdout."""
    data = _load_or_report(args, "export failed: {n} data error(s)")
    if data is None:
        return 1
    text = json.dumps(data.to_json(), ensure_ascii=False, indent=args.indent)
    out = sys.stdout
    if hasattr(out, "buffer"):  # always UTF-8, whatever the console's encoding
        out.flush()
        out.buffer.write(text.encode("utf-8") + b"\n")
        out.buffer.flush()
    else:
        print(text, file=out)
    return 0


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--indent", type=int, default=2, help="JSON indentation (default 2)")


def validate(args: argparse.Namespace) -> int:
    """Check the data and every quiz file; print a one-line summary, or every error one per line."""
    from .data import EXPORT_KEYS
    from .validate import check_assessment, check_quizzes

    data = _load_or_report(args, "FAILED: {n} error(s) in the data")
    if data is None:
        return 1
    errors, n_quiz, n_questions = check_quizzes(data, args.data)
    assessment_errors, n_items = check_assessment(data, args.data)
    errors += assessment_errors
    if errors:
        _print_errors(errors, sys.stderr)
        print(f"FAILED: {len(errors)} error(s) in the quizzes and the pre/post test", file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(getattr(data, name))} {name}" for name in (*EXPORT_KEYS, "topics"))
    print(f"OK: {counts}, {n_quiz} quizzes ({n_questions} questions), {n_items} pre/post test items")
    return 0


BUILTIN: dict[str, _Builtin] = {
    "export": _Builtin("print all course data as one JSON document", export, _export_arguments),
    "validate": _Builtin("check the data and quizzes; list every error", validate),
}


def _command(name: str) -> Any:
    target = SUBCOMMANDS[name]
    if target == "__main__":
        return BUILTIN[name]
    module: ModuleType = import_module(target, "course_lib") if target.startswith(".") else import_module(target)
    return module


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with one subparser per entry of :data:`SUBCOMMANDS`."""
    parser = argparse.ArgumentParser(prog="python -m course_lib", description="Reading the Crisis: course data tools.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in SUBCOMMANDS:
        command = _command(name)
        p = sub.add_parser(name, help=command.HELP, description=command.HELP)
        p.add_argument("--data", type=Path, default=None, metavar="DIR",
                       help="a data folder laid out like data/ (default: the course's own)")
        command.add_arguments(p)
        p.set_defaults(_run=command.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code.

    Parameters
    ----------
    argv : list of str, optional
        Arguments without the program name (default: ``sys.argv[1:]``).
    """
    args = build_parser().parse_args(argv)
    return int(args._run(args))


if __name__ == "__main__":
    sys.exit(main())
