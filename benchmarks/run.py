"""Benchmarks against their floors: each figure is a ratio to a floor measured in the same run.

a. ``import course_lib; course_lib.load()`` in a fresh process vs ``import ipywidgets``   goal <= 1.0
b. strict nbval of all course notebooks vs nbval of as many one-cell notebooks            goal <= 1.5
c. bytes of the committed notebooks vs the same notebooks with outputs stripped          goal <= 3
d. headless Chromium, open a notebook -> every output rendered after run-all, vs a
   one-cell notebook                                                                      goal <= 2 each
e. the JupyterLite site (make lite), notebook 00 from opening to its first quiz answer, vs a bare
   JupyterLite site built the same way, one-cell notebook from opening to its result:
   bytes fetched from the server, and time                                               goal <= 1.5 each

f. ``python -m course_lib class-report`` over 30 and over 300 synthetic hand-ins in a fresh
   process vs ``import course_lib; course_lib.load()`` in a fresh process                goal <= 20 / 60

Run ``make bench`` (or ``python benchmarks/run.py [--quick] [--skip-browser] [--only-lite] [--only-report]``). Prints a table and
writes ``benchmarks/results.json``. This reports; the test suite never asserts on timings.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
PY = sys.executable


def _time_process(code: str, reps: int) -> float:
    """Median wall time of a fresh ``python -c code`` (after one warm-up run for the OS file cache)."""
    times = []
    for i in range(reps + 1):
        t0 = time.perf_counter()
        subprocess.run([PY, "-c", code], check=True, cwd=ROOT)
        if i:
            times.append(time.perf_counter() - t0)
    return statistics.median(times)


def bench_load(reps: int) -> dict:
    # both pay the interpreter start-up, so the ratio is conservative
    ours = _time_process("import course_lib; course_lib.load()", reps)
    floor = _time_process("import ipywidgets", reps)
    return {"name": "a. import + load vs import ipywidgets", "value_s": ours, "floor_s": floor,
            "ratio": ours / floor, "goal": 1.0}


def _one_cell_notebooks(n: int, folder: Path) -> list[Path]:
    paths = []
    for i in range(n):
        nb = {"cells": [{"cell_type": "code", "execution_count": 1, "id": f"c{i}", "metadata": {},
                         "outputs": [{"name": "stdout", "output_type": "stream", "text": ["1\n"]}],
                         "source": ["print(1)"]}],
              "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
              "nbformat": 4, "nbformat_minor": 5}
        p = folder / f"floor_{i:02d}.ipynb"
        p.write_text(json.dumps(nb))
        paths.append(p)
    return paths


def _nbval(paths: list[Path], env: dict) -> float:
    args = [PY, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2", "--dist", "loadfile", "--nbval",
            "--nbval-current-env", "--nbval-sanitize-with", str(ROOT / "tests" / "nbval_sanitize.cfg"),
            "--rootdir", str(paths[0].parent), *map(str, paths)]
    t0 = time.perf_counter()
    subprocess.run(args, check=True, cwd=paths[0].parent, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def bench_nbval(reps: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "COURSE_PROGRESS_FILE": str(Path(tmp) / "progress.json")}
        floors = _one_cell_notebooks(len(NOTEBOOKS), Path(tmp))
        ours = statistics.median(_nbval(NOTEBOOKS, env) for _ in range(reps))
        floor = statistics.median(_nbval(floors, env) for _ in range(reps))
    return {"name": f"b. strict nbval of {len(NOTEBOOKS)} notebooks vs {len(NOTEBOOKS)} one-cell notebooks",
            "value_s": ours, "floor_s": floor, "ratio": ours / floor, "goal": 1.5}


def bench_size() -> dict:
    committed = stripped = 0
    for p in NOTEBOOKS:
        raw = p.read_text(encoding="utf-8")
        nb = json.loads(raw)
        for c in nb["cells"]:
            if c["cell_type"] == "code":
                c["outputs"], c["execution_count"] = [], None
        committed += len(raw.encode())
        stripped += len((json.dumps(nb, indent=1, ensure_ascii=False) + "\n").encode())
    return {"name": "c. committed notebook bytes vs outputs stripped", "value_bytes": committed,
            "floor_bytes": stripped, "ratio": committed / stripped, "goal": 3.0}


def bench_browser(reps: int) -> list[dict]:
    """Open each notebook in JupyterLab in headless Chromium, run all, wait until every output has rendered.

    The floor is the same for a one-cell notebook, in the same server and browser. Each repetition opens
    the notebook in a fresh page (``?reset`` workspace, new kernel).
    """
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests" / "e2e"))  # the browser plumbing lives with the e2e tests
    from e2e_helpers import CHROMIUM, CHROMIUM_ARGS, IDLE_HOLD_MS, SETTLE_QUIET_MS, lab_open, lab_run_all
    from e2e_servers import start_lab

    hold = (IDLE_HOLD_MS + SETTLE_QUIET_MS) / 1000  # lab_run_all waits this long after the last change

    work = ROOT / "benchmarks" / "_work"
    work.mkdir(parents=True, exist_ok=True)
    floor_nb = _one_cell_notebooks(1, work)[0]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        server = start_lab(Path(tmp))
        pw = sync_playwright().start()
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            def once(rel: str) -> float:
                ctx = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
                ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith("http://127.0.0.1")
                          else r.abort("blockedbyclient"))
                page = ctx.new_page()
                t0 = time.perf_counter()
                lab_open(page, server, rel)
                lab_run_all(page)
                dt = time.perf_counter() - t0 - hold
                page.evaluate("() => window.jupyterapp.commands.execute('kernelmenu:shutdown')")
                ctx.close()
                return dt

            floor = statistics.median(once(str(floor_nb.relative_to(ROOT))) for _ in range(reps))
            for nb in NOTEBOOKS:
                t = statistics.median(once(str(nb.relative_to(ROOT))) for _ in range(reps))
                rows.append({"name": f"d. {nb.stem}: open + run all until rendered", "value_s": t,
                             "floor_s": floor, "ratio": t / floor, "goal": 2.0})
        finally:
            browser.close()
            pw.stop()
            server.stop()
    return rows


class _Counted:
    """A static file server on 127.0.0.1 that counts the bytes it sends (what a browser fetched)."""

    def __init__(self, directory: Path) -> None:
        import functools
        import http.server
        import threading

        counter = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def copyfile(self, source, outputfile) -> None:
                data = source.read()
                counter.bytes += len(data)
                counter.files += 1
                outputfile.write(data)

        self.bytes = self.files = 0
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                                     functools.partial(Handler, directory=str(directory)))
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def reset(self) -> None:
        self.bytes = self.files = 0

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def bench_lite(reps: int) -> list[dict]:
    """e. The JupyterLite site (``make lite``) against a bare JupyterLite site built the same way
    (``course_lib.tools.lite.build(course=False)``: same tools, Pyodide, kernel packages and settings, one
    one-cell notebook, no course wheel and no widget or plotly extension), served and opened the same way.

    * bytes the browser fetched from the server, from opening notebook 00 until its first quiz answer was
      checked, against the bare site's from opening its notebook until the cell's result showed;
    * the time for the same two paths. Both run "Run All" through ``lab_run_all``, whose fixed hold after
      the last change is subtracted from both.

    Each repetition is a fresh browser context (nothing cached), as on a learner's first visit.
    """
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests" / "e2e"))
    from e2e_helpers import (CHROMIUM, CHROMIUM_ARGS, IDLE_HOLD_MS, SETTLE_QUIET_MS, lab_run_all, lite_open,
                             quiz_check, quiz_choose, quiz_key, quiz_question)

    sys.path.insert(0, str(ROOT))
    from course_lib.tools import lite

    hold = (IDLE_HOLD_MS + SETTLE_QUIET_MS) / 1000
    work = ROOT / "benchmarks" / "_work"
    bare_src = work / "lite-bare-notebook"
    bare_src.mkdir(parents=True, exist_ok=True)
    bare_nb = _one_cell_notebooks(1, bare_src)[0]
    # the course notebooks' kernel metadata (language_info lets JupyterLite pick its Python by itself)
    nb = json.loads(bare_nb.read_text())
    nb["metadata"] = json.loads((ROOT / "notebooks" / "00-start-here.ipynb").read_text(encoding="utf-8"))["metadata"]
    bare_nb.write_text(json.dumps(nb))
    built = {"bare": lite.build(work / "lite-bare", notebooks=[bare_nb], course=False)}
    if not (lite.OUT / "course-version.json").is_file():
        built["course"] = lite.build()
    first = "00-start-here"
    key = quiz_key(first)
    n, q = next((i, q) for i, q in enumerate(key["questions"], 1) if q["type"] == "single")
    right = next(o["text"] for o in q["options"] if o["correct"])

    course, bare = _Counted(lite.OUT), _Counted(work / "lite-bare")
    pw = sync_playwright().start()
    browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        def once(server: _Counted, path: str, quiz: bool) -> tuple[float, int]:
            ctx = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="allow")
            ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith("http://127.0.0.1")
                      else r.abort("blockedbyclient"))
            page = ctx.new_page()
            server.reset()
            t0 = time.perf_counter()
            lite_open(page, server, path, timeout=300_000)
            lab_run_all(page)
            if quiz:
                box = quiz_question(page, n, ".jp-NotebookPanel:not(.lm-mod-hidden)")
                quiz_choose(page, box, right)
                quiz_check(page, box)
            dt = time.perf_counter() - t0 - hold
            fetched = server.bytes
            ctx.close()
            return dt, fetched

        def median_of(server: _Counted, path: str, quiz: bool) -> tuple[float, int]:
            runs = [once(server, path, quiz) for _ in range(reps)]
            return statistics.median(r[0] for r in runs), int(statistics.median(r[1] for r in runs))

        floor_t, floor_b = median_of(bare, bare_nb.name, False)
        t, b = median_of(course, f"{first}.ipynb", True)
    finally:
        browser.close()
        pw.stop()
        course.close()
        bare.close()
    return [
        {"name": f"e. Lite: bytes fetched, open {first} -> first quiz answer", "value_bytes": b,
         "floor_bytes": floor_b, "ratio": b / floor_b, "goal": 1.5},
        {"name": f"e. Lite: open {first} -> first quiz answer (s)", "value_s": t, "floor_s": floor_t,
         "ratio": t / floor_t, "goal": 1.5},
    ]


def table(rows: list[dict]) -> str:
    """The results as a fixed-width text table (what ``make bench`` prints and puts in the README)."""
    width = max(len(r["name"]) for r in rows)
    lines = [f"{'benchmark'.ljust(width)}  {'value':>10}  {'floor':>10}  {'ratio':>6}  goal   ok"]
    for r in rows:
        unit = "s" if "value_s" in r else "B"
        v, f = (r["value_s"], r["floor_s"]) if unit == "s" else (r["value_bytes"], r["floor_bytes"])
        fmt = (lambda x: f"{x:9.3f}s") if unit == "s" else (lambda x: f"{x:9d}B")
        lines.append(f"{r['name'].ljust(width)}  {fmt(v):>10}  {fmt(f):>10}  {r['ratio']:6.2f}  "
                     f"<={r['goal']:<4}  {'yes' if r['ok'] else 'NO'}")
    return "\n".join(lines)


START, END = "<!-- bench-table:start -->", "<!-- bench-table:end -->"


def update_readme(readme: Path, rows: list[dict], meta: dict) -> None:
    """Replace the text between the two ``bench-table`` markers in ``readme`` with the latest table."""
    text = readme.read_text(encoding="utf-8")
    if text.count(START) != 1 or text.count(END) != 1 or text.index(START) > text.index(END):
        raise SystemExit(f"{readme}: needs exactly one {START} ... {END} pair for the benchmark table")
    when = (f"`make bench` on {meta['date']}: Python {meta['python']}, {meta['cpus']} CPUs ({meta['machine']}), "
            f"median of {meta['repetitions']} repetitions (b and d: {meta['repetitions_slow']})"
            + ("; browser benchmark (d) skipped" if meta["skipped_browser"] else "")
            + (f"; e (JupyterLite) measured on {meta['lite_only_run']['date']} by `benchmarks/run.py --only-lite`, "
               f"median of {meta['lite_only_run']['repetitions']}" if "lite_only_run" in meta else "") + ".")
    block = f"{START}\n{when}\n\n```\n{table(rows)}\n```\n{END}"
    head, rest = text.split(START, 1)
    readme.write_text(head + block + rest.split(END, 1)[1], encoding="utf-8")


#: class sizes for benchmark e, and the goal for each (a ratio to loading the course data)
REPORT_SIZES = {30: 20.0, 300: 60.0}


def bench_report(reps: int) -> list[dict]:
    """f. The class report (HTML with plotly.js embedded, text, two CSVs) for 30 and 300 synthetic hand-ins."""
    floor = _time_process("import course_lib; course_lib.load()", reps)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, goal in REPORT_SIZES.items():
            inbox = Path(tmp) / f"class-{n}"
            subprocess.run([PY, "-c", "import sys; from course_lib.synthetic_class import write_synthetic_class; "
                            "write_synthetic_class(sys.argv[1], int(sys.argv[2]))", str(inbox), str(n)],
                           check=True, cwd=ROOT)
            code = ("import sys; from course_lib.report import build_report; "
                    f"build_report([{str(inbox)!r}], {str(Path(tmp) / f'out-{n}')!r})")
            t = _time_process(code, reps)
            rows.append({"name": f"f. class report, {n} hand-ins vs import + load", "value_s": t,
                         "floor_s": floor, "ratio": t / floor, "goal": goal})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="fewer repetitions")
    ap.add_argument("--skip-browser", action="store_true", help="skip the Chromium measurements (d, e)")
    ap.add_argument("--only-lite", action="store_true", help="only the JupyterLite figures (e)")
    ap.add_argument("--only-report", action="store_true", help="only the class report figures (f)")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results.json"))
    ap.add_argument("--readme", default=str(ROOT / "README.md"),
                    help="README whose bench-table section gets the new table ('' to leave it alone)")
    args = ap.parse_args(argv)
    reps = 3 if args.quick else 7
    slow = 2 if args.quick else 3  # b and d take long: fewer repetitions, still a true median

    only = "e." if args.only_lite else "f." if args.only_report else None
    if only:  # the other rows stay as the last full run left them
        old = json.loads(Path(args.out).read_text()) if Path(args.out).is_file() else {"results": []}
        fresh = bench_lite(slow) if args.only_lite else bench_report(reps)
        rows = [r for r in old["results"] if not r["name"].startswith(only)] + fresh
    else:
        rows = [bench_load(reps * 3), bench_nbval(slow), bench_size()]
        if not args.skip_browser:
            rows += bench_browser(slow) + bench_lite(slow)
        rows += bench_report(reps)
    for r in rows:
        r["ok"] = r["ratio"] <= r["goal"]

    print(table(rows))
    meta = {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
            "date": time.strftime("%Y-%m-%d"), "repetitions": reps * 3, "repetitions_slow": slow,
            "skipped_browser": args.skip_browser}
    if only:
        meta = {**old.get("meta", meta), f"{only[0]}_only_run": {"date": meta["date"], "repetitions": slow}}
    Path(args.out).write_text(json.dumps({"meta": meta, "results": rows}, indent=2) + "\n")
    print(f"wrote {os.path.relpath(args.out, ROOT)}")
    if args.readme:
        update_readme(Path(args.readme), rows, meta)
        print(f"updated the table in {os.path.relpath(args.readme, ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
