"""``python -m course_lib progress``: show the learner's progress, or export it as CSV for a teacher.

Usage::

    python -m course_lib progress                       # a plain-text summary
    python -m course_lib progress --export progress.csv # one row per answered question and predicted claim
    python -m course_lib progress --export -            # the CSV on standard output
    python -m course_lib progress --file other.json ... # another progress file than the default

The CSV columns are :data:`course_lib.progress.CSV_COLUMNS`; the ``user`` column is
``$JUPYTERHUB_USER``, else the login name (override with ``--user``).

Examples
--------
>>> import tempfile, os
>>> p = os.path.join(tempfile.mkdtemp(), "p.json")
>>> main(["--file", p, "--export", os.path.join(os.path.dirname(p), "out.csv")])  # doctest: +ELLIPSIS
Wrote 0 rows to .../out.csv
0
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "show your quiz progress, or export it as CSV for your teacher (--export FILE.csv)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``progress`` options to ``parser``."""
    parser.add_argument("--export", metavar="FILE.csv", default=None,
                        help="write the progress as CSV to FILE.csv ('-' for standard output)")
    parser.add_argument("--file", metavar="PROGRESS.json", type=Path, default=None,
                        help="the progress file (default: $COURSE_PROGRESS_FILE or "
                             "~/.reading-the-crisis/progress.json)")
    parser.add_argument("--user", default=None,
                        help="the name for the CSV's user column (default: $JUPYTERHUB_USER or the login name)")


def run(args: argparse.Namespace) -> int:
    """Run the subcommand; return the exit code."""
    from .progress import ProgressStore, export_csv, summary_text

    store = ProgressStore(args.file)
    folder = getattr(args, "data", None)
    if args.export is None:
        print(summary_text(store, folder=folder))
        return 0
    try:
        if args.export == "-":
            count = export_csv(sys.stdout, progress=store, user=args.user, folder=folder)
            return 0
        count = export_csv(args.export, progress=store, user=args.user, folder=folder)
    except OSError as err:
        print(f"Could not write {args.export}: {err.strerror or err}", file=sys.stderr)
        return 1
    print(f"Wrote {count} row{'s' if count != 1 else ''} to {args.export}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run as a stand-alone command (``python -m course_lib.cli_progress``)."""
    parser = argparse.ArgumentParser(prog="python -m course_lib progress", description=HELP)
    parser.add_argument("--data", type=Path, default=None, metavar="DIR", help="a data folder laid out like data/")
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
