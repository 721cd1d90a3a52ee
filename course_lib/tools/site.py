"""``make site``: the self-study copy of the course as static HTML pages in ``_site/``, fully offline.

Each course notebook (``notebooks/[0-9]*.ipynb``) is executed afresh with nbclient (widget state stored,
quiz progress in a throw-away file), then exported with nbconvert's "lab" template to
``_site/<name>.html``; ``_site/index.html`` lists the pages in course order with their titles.

Nothing is loaded from a CDN. What the pages need is copied into ``_site/static/`` at build time:

* ``plotly.min.js`` from the installed ``plotly`` package, which draws every figure;
* the ``@jupyter-widgets/html-manager`` "embed" bundle (``embed.js`` and its Font Awesome fonts), which
  shows the widgets from their stored state. No installed Python package ships it, so it is taken from
  the npm registry at build time (``npm pack``, or a plain download if npm is missing), pinned to one
  version and checked against the registry's sha512, and cached in ``~/.cache/reading-the-crisis/``.
  Set ``COURSE_HTML_MANAGER_TGZ`` to a local copy of the tarball to build with no network at all.

How outputs are changed for a page with no kernel:

* plotly figures (``application/vnd.plotly.v1+json``, in cell outputs and inside ``Output`` widgets) become
  ``<div class="rtc-plotly" data-figure="...">`` elements that ``static/site.js`` draws with the local
  plotly.js;
* a quiz cell (``course_lib.quiz("<name>")``) shows a readable quiz instead of its widget, whose buttons
  could not work here: each question with its options, then the answer, the feedback and the
  explanation with its sources behind a ``<details><summary>Show answer</summary>`` disclosure;
* likewise a ``course_lib.predict_claim("<id>")`` cell shows the claim, then what the sources say behind
  ``<details><summary>Show what the sources say</summary>``;
* code is hidden (as in classroom mode) and every page says that it is a static copy.

Examples
--------
>>> html = quiz_static_html("_demo")
>>> html.count("<summary>Show answer</summary>") == len(load_quiz_file("_demo")["questions"])
True
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
from pathlib import Path
from typing import Any

from ..paths import data_dir
from ..ui import FONT, esc

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
OUT = ROOT / "_site"

HTML_MANAGER = "@jupyter-widgets/html-manager"
HTML_MANAGER_VERSION = "1.0.15"  # the release matching ipywidgets 8.1 (widget protocol 2)
HTML_MANAGER_INTEGRITY = ("sha512-5thBIV6ymNgmPVOHvzx+gGy8ZSKmSazhtGw4/c4xJDVzRhG9PTeQsRjF3FUTopvFi//SABeNz1yp47b"
                          "CrJ3CQA==")
HTML_MANAGER_URL = (f"https://registry.npmjs.org/{HTML_MANAGER}/-/html-manager-{HTML_MANAGER_VERSION}.tgz")
PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
QUIZ_CALL = re.compile(r"""course_lib\.quiz\(\s*["']([^"']+)["']""")
PREDICT_CALL = re.compile(r"""course_lib\.predict_claim\(\s*["']([^"']+)["']""")
# tags whose URL the browser would fetch; links (<a href>) are fine
EXTERNAL = re.compile(r"""<(?:script|link|img|iframe|source|video|audio|embed|object)\b[^>]*?"""
                      r"""\b(?:src|href|data)\s*=\s*["']?\s*(?:https?:)?//""", re.I)
EXTERNAL_CSS = re.compile(r"""(?:@import\s+|url\()\s*["']?\s*(?:https?:)?//""", re.I)

NOTE = ("This is a static copy for reading. Figures respond to the mouse, but buttons, menus and quizzes "
        "cannot run code here: each quiz answer is behind “Show answer”. To use every widget, open the "
        "notebook in JupyterLab (<code>make lab</code>).")

SITE_CSS = """\
.rtc-nav { font-family: %(font)s; display: flex; flex-wrap: wrap; gap: 0.5em 1.5em; padding: 10px 20px;
  border-bottom: 1px solid #ccc; background: #f7f7f7; }
.rtc-nav a { color: #0b5394; }
.rtc-nav.rtc-bottom { border-top: 1px solid #ccc; border-bottom: none; margin-top: 2em; }
.rtc-note { font-family: %(font)s; margin: 12px 20px; padding: 8px 12px; border-left: 4px solid #0072B2;
  background: #eef5fb; }
.rtc-quiz-static { font-family: %(font)s; max-width: 60em; }
.rtc-quiz-static .rtc-q { border: 1px solid #ccc; padding: 6px 12px; margin: 8px 0; }
.rtc-quiz-static details { margin: 6px 0; }
.rtc-quiz-static summary, .rtc-predict-static summary { cursor: pointer; font-weight: 600; color: #0b5394; }
.rtc-predict-static { border: 1px solid #ccc; padding: 6px 12px; max-width: 60em; }
.rtc-quiz-static blockquote { margin: 6px 0 2px 0; padding: 2px 10px; border-left: 3px solid #888; }
.rtc-plotly { width: 100%%; }
.jupyter-widgets, .widget-html-content { font-family: %(font)s; }
body.rtc-index main { font-family: %(font)s; max-width: 50em; margin: 0 auto; padding: 1em 20px; }
body.rtc-index li { margin: 0.6em 0; }
""" % {"font": FONT}

# Draws every <div class="rtc-plotly" data-figure="..."> with the local plotly.js, including those that
# the widget manager adds later (figures inside Output widgets).
SITE_JS = """\
(function () {
  "use strict";
  function draw(div) {
    if (div.dataset.rtcDrawn || !div.isConnected || !window.Plotly) { return; }
    div.dataset.rtcDrawn = "1";
    var fig = JSON.parse(div.getAttribute("data-figure"));
    var config = Object.assign({responsive: true}, fig.config || {});
    window.Plotly.newPlot(div, fig.data || [], fig.layout || {}, config);
  }
  function scan() { document.querySelectorAll("div.rtc-plotly").forEach(draw); }
  new MutationObserver(scan).observe(document.documentElement, {childList: true, subtree: true});
  document.addEventListener("DOMContentLoaded", scan);
  window.addEventListener("load", scan);
})();
"""

TEMPLATE = """\
{%- extends 'index.html.j2' -%}
{%- block html_head_js_requirejs -%}
<script src="static/plotly.min.js"></script>
<script src="static/site.js"></script>
{%- endblock html_head_js_requirejs -%}
{% block jupyter_widgets %}
{%- if "widgets" in nb.metadata -%}
<script src="static/html-manager/embed.js"></script>
{%- endif -%}
{% endblock jupyter_widgets %}
{% block extra_css %}<link rel="stylesheet" href="static/site.css">{% endblock extra_css %}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block body_header -%}
{{ super() }}
{{ resources.rtc_nav }}
<p class="rtc-note" role="note">{{ resources.rtc_note }}</p>
{%- endblock body_header -%}
{% block body_footer %}
{{ resources.rtc_nav_bottom }}
{{ super() }}
{% endblock body_footer %}
"""


# --------------------------------------------------------------------------------------------- quizzes
def load_quiz_file(name: str) -> dict[str, Any]:
    """The quiz file ``data/quizzes/<name>.json`` as a dict (read directly; no widget code involved)."""
    path = data_dir() / "quizzes" / f"{name}.json"
    if not path.is_file():
        raise FileNotFoundError(f"no quiz file {path}")
    return json.loads(path.read_text(encoding="utf-8"))


def _cite(article_id: str, data: Any) -> str:
    from ..quiz import cite_html

    try:
        return cite_html(article_id, data)
    except KeyError:
        return esc(article_id)


def quiz_static_html(name: str) -> str:
    """A quiz as readable static HTML: each question, then its answer behind a disclosure.

    Every string from the quiz file is escaped. Options are listed in a fixed shuffled order (ordering
    items never in their right order), so the page does not give the answer away before "Show answer".

    Examples
    --------
    >>> html = quiz_static_html("_demo")
    >>> html.startswith('<div class="rtc-quiz-static"') and "Show answer" in html
    True
    """
    from ..data import load
    from ..quiz import shuffled

    doc = load_quiz_file(name)
    data = load()
    seed = doc.get("seed", 0)
    total = len(doc["questions"])
    parts = [f'<div class="rtc-quiz-static" role="region" aria-label="Quiz: {esc(doc["title"])}">',
             f"<h3>Quiz: {esc(doc['title'])}</h3>",
             "<p><em>Think of your answer first, then open “Show answer”.</em></p>"]
    for n, q in enumerate(doc["questions"], 1):
        kind = q["type"]
        body = [f'<div class="rtc-q" data-question="{esc(q["id"])}">',
                f"<p><strong>Question {n} of {total}</strong> · {esc(q['prompt'])}</p>"]
        answer: list[str] = []
        if kind in ("single", "multiple"):
            opts = shuffled(q["options"], seed, q["id"]) if q.get("shuffle", True) else list(q["options"])
            body.append("<p>" + ("Choose one answer:" if kind == "single" else "Tick every answer that applies:")
                        + "</p><ul>" + "".join(f"<li>{esc(o['text'])}</li>" for o in opts) + "</ul>")
            right = [o for o in opts if o["correct"]]
            answer.append("<p><strong>Answer:</strong> " + "; ".join(f"“{esc(o['text'])}”" for o in right) + "</p>")
            answer.append("<ul>" + "".join(
                f"<li>{'✔ right' if o['correct'] else '✘ not right'}: “{esc(o['text'])}” — {esc(o['feedback'])}</li>"
                for o in opts) + "</ul>")
        elif kind == "numeric":
            unit = f" ({esc(q['unit'])})" if q.get("unit") else ""
            body.append(f"<p>Answer with a number{unit}.</p>")
            tol = q.get("tolerance")
            window = f", give or take {tol:g}" if tol else ""
            shown = f"{q['answer']:,.10g}"
            answer.append(f"<p><strong>Answer:</strong> {esc(shown)}{(' ' + esc(q['unit'])) if q.get('unit') else ''}"
                          f"{esc(window)}</p>")
            if q.get("feedback_correct"):
                answer.append(f"<p>{esc(q['feedback_correct'])}</p>")
        elif kind == "ordering":
            shown_items = shuffled(q["items"], seed, q["id"], avoid_identity=True)
            body.append("<p>Put these in time order, earliest first:</p><ul>"
                        + "".join(f"<li>{esc(i['text'])}</li>" for i in shown_items) + "</ul>")
            answer.append("<p><strong>Answer</strong> (earliest first):</p><ol>"
                          + "".join(f"<li>{esc(i['text'])}</li>" for i in q["items"]) + "</ol>")
        else:  # matching
            pairs = shuffled(q["pairs"], seed, q["id"]) if q.get("shuffle", True) else list(q["pairs"])
            choices = sorted(q["choices"])
            body.append("<p>Match each item with one of: " + "; ".join(f"“{esc(c)}”" for c in choices)
                        + "</p><ol>" + "".join(f"<li>{esc(p['left'])}</li>" for p in pairs) + "</ol>")
            answer.append("<p><strong>Answer:</strong></p><ol>" + "".join(
                f"<li>{esc(p['left'])} → <strong>{esc(p['right'])}</strong></li>" for p in pairs) + "</ol>")
        answer.append(f"<p><strong>Why</strong> (the course's explanation): {esc(q['explanation'])}</p>")
        label = "From the source" if len(q["sources"]) == 1 else "From the sources"
        answer.append(f"<p><strong>{label}:</strong></p>" + "".join(
            f"<blockquote>{esc(s['quote'])}</blockquote><p>— {_cite(s['article'], data)}</p>"
            for s in q["sources"]))
        body.append("<details><summary>Show answer</summary>" + "".join(answer) + "</details>")
        body.append("</div>")
        parts.extend(body)
    parts.append("</div>")
    return "\n".join(parts)


def predict_static_html(claim_id: str) -> str:
    """A "predict, then reveal" claim as static HTML: the claim, then what the sources say behind a
    ``<details><summary>Show what the sources say</summary>`` disclosure (uses course_lib.claims' HTML).

    Examples
    --------
    >>> "Show what the sources say" in predict_static_html("russian-troop-withdrawal-feb-2022")
    True
    """
    from ..claims import claim_header_html, reveal_html
    from ..data import load

    data = load()
    claim = data.claims[claim_id]
    return (f'<div class="rtc-predict-static">{claim_header_html(claim, data)}'
            "<p><em>Decide on your rating first, then open the sources.</em></p>"
            f"<details><summary>Show what the sources say</summary>{reveal_html(claim, data)}</details></div>")


# --------------------------------------------------------------------------------------------- outputs
def plotly_div(spec: dict[str, Any]) -> str:
    """A ``<div class="rtc-plotly">`` carrying the figure as JSON, drawn by ``static/site.js``.

    Examples
    --------
    >>> plotly_div({"data": [{"type": "bar", "y": [1]}], "layout": {}}).startswith('<div class="rtc-plotly"')
    True
    """
    payload = json.dumps(spec, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    height = (spec.get("layout") or {}).get("height") or 450
    return (f'<div class="rtc-plotly" role="img" style="min-height:{int(height)}px" '
            f'data-figure="{html.escape(payload, quote=True)}"></div>')


def _static_bundle(data: dict[str, Any]) -> dict[str, Any]:
    """A display bundle with its plotly figure replaced by an HTML div (text/plain kept)."""
    if PLOTLY_MIME not in data:
        return data
    new = {k: v for k, v in data.items() if k != PLOTLY_MIME}
    new["text/html"] = plotly_div(data[PLOTLY_MIME])
    return new


def staticise(nb: Any) -> dict[str, int]:
    """Change an executed notebook in place for a page with no kernel; returns counts of what changed."""
    counts = {"figures": 0, "widget_figures": 0, "quizzes": 0, "predictions": 0}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for pattern, render, key in ((QUIZ_CALL, quiz_static_html, "quizzes"),
                                     (PREDICT_CALL, predict_static_html, "predictions")):
            match = pattern.search(cell.source)
            if match:
                cell.outputs = [{"output_type": "display_data", "metadata": {},
                                 "data": {"text/html": render(match.group(1)),
                                          "text/plain": f"{key[:-1].capitalize()} {match.group(1)} (static)"}}]
                counts[key] += 1
                break
        if match:
            continue
        for out in cell.get("outputs", []):
            if "data" in out and PLOTLY_MIME in out["data"]:
                out["data"] = _static_bundle(out["data"])
                counts["figures"] += 1
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    for model in state.values():
        outputs = model.get("state", {}).get("outputs")
        if model.get("model_name") == "OutputModel" and outputs:
            for out in outputs:
                if "data" in out and PLOTLY_MIME in out["data"]:
                    out["data"] = _static_bundle(out["data"])
                    counts["widget_figures"] += 1
    return counts


# --------------------------------------------------------------------------------------------- vendoring
def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "reading-the-crisis" / f"html-manager-{HTML_MANAGER_VERSION}"


def _check_integrity(tgz: bytes) -> None:
    algo, _, want = HTML_MANAGER_INTEGRITY.partition("-")
    got = base64.b64encode(hashlib.new(algo, tgz).digest()).decode()
    if got != want:
        raise RuntimeError(f"{HTML_MANAGER}@{HTML_MANAGER_VERSION}: tarball {algo} {got} does not match the "
                           f"pinned {want}")


def _fetch_tarball() -> bytes:
    local = os.environ.get("COURSE_HTML_MANAGER_TGZ")
    if local:
        return Path(local).read_bytes()
    npm = shutil.which("npm")
    if npm:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([npm, "pack", f"{HTML_MANAGER}@{HTML_MANAGER_VERSION}", "--silent",
                            "--pack-destination", tmp], check=True, stdout=subprocess.DEVNULL)
            return next(Path(tmp).glob("*.tgz")).read_bytes()
    with urllib.request.urlopen(HTML_MANAGER_URL, timeout=120) as r:  # noqa: S310 - fixed https URL
        return r.read()


def html_manager_dist() -> Path:
    """A folder with the html-manager's ``embed.js``, its fonts and licence notes (fetched once, cached)."""
    cache = _cache_dir()
    if (cache / "embed.js").is_file():
        return cache
    tgz = _fetch_tarball()
    _check_integrity(tgz)
    tmp = cache.with_name(cache.name + ".part")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    keep = re.compile(r"^package/dist/(embed\.js|embed\.js\.LICENSE\.txt|[0-9a-f]{20}\.(woff2?|ttf|eot|svg))$")
    import io

    with tarfile.open(fileobj=io.BytesIO(tgz), mode="r:gz") as tar:
        for member in tar.getmembers():
            if member.isfile() and keep.match(member.name):
                (tmp / Path(member.name).name).write_bytes(tar.extractfile(member).read())
    (tmp / "NOTICE.txt").write_text(
        f"{HTML_MANAGER} {HTML_MANAGER_VERSION} (BSD-3-Clause, Jupyter Development Team),\n"
        f"from {HTML_MANAGER_URL}\n(integrity {HTML_MANAGER_INTEGRITY}).\n"
        "Bundled third-party licences: embed.js.LICENSE.txt. Font Awesome Free fonts: SIL OFL 1.1.\n",
        encoding="utf-8")
    if not (tmp / "embed.js").is_file():
        raise RuntimeError(f"{HTML_MANAGER} tarball has no dist/embed.js")
    shutil.rmtree(cache, ignore_errors=True)
    tmp.rename(cache)
    return cache


def vendor(static: Path) -> None:
    """Copy plotly.js, the widget embed bundle and the site's own CSS/JS into ``static``."""
    import plotly

    static.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(Path(plotly.__file__).parent / "package_data" / "plotly.min.js", static / "plotly.min.js")
    dest = static / "html-manager"
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(html_manager_dist(), dest)
    (static / "site.css").write_text(SITE_CSS, encoding="utf-8")
    (static / "site.js").write_text(SITE_JS, encoding="utf-8")


# --------------------------------------------------------------------------------------------- pages
def notebook_title(nb: Any, fallback: str) -> str:
    """The notebook's title: ``metadata.title``, else its first Markdown heading, else ``fallback``."""
    if nb.metadata.get("title"):
        return str(nb.metadata["title"])
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                m = re.match(r"^#{1,2}\s+(.+?)\s*#*\s*$", line)
                if m:
                    return re.sub(r"[*_`]", "", m.group(1))
    return fallback


def execute(path: Path, timeout: int = 600) -> Any:
    """Run a notebook with nbclient (python3 kernel, widget state stored, fresh quiz-progress file)."""
    from .execute import run_notebook

    return run_notebook(path, timeout, store_widget_state=True)


def external_refs(page: str) -> list[str]:
    """Places in an HTML page where the browser would fetch something from another host."""
    return [m.group(0)[:120] for m in EXTERNAL.finditer(page)] + \
        [m.group(0)[:120] for m in EXTERNAL_CSS.finditer(page)]


def _nav(pages: list[tuple[str, str]], i: int, bottom: bool = False) -> str:
    links = ['<a href="index.html">Course contents</a>']
    if i > 0:
        links.append(f'<a href="{esc(pages[i - 1][0])}.html" rel="prev">← {esc(pages[i - 1][1])}</a>')
    if i + 1 < len(pages):
        links.append(f'<a href="{esc(pages[i + 1][0])}.html" rel="next">{esc(pages[i + 1][1])} →</a>')
    cls = "rtc-nav rtc-bottom" if bottom else "rtc-nav"
    return f'<nav class="{cls}" aria-label="Course pages">' + "".join(links) + "</nav>"


def export(nb: Any, name: str, title: str, nav: str, nav_bottom: str) -> str:
    """The page for one executed, staticised notebook."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", theme="light", exclude_input=True,
                            exclude_input_prompt=True, exclude_output_prompt=True,
                            extra_loaders=[DictLoader({"course_site.html.j2": TEMPLATE})],
                            template_file="course_site.html.j2")
    resources = {"metadata": {"name": title}, "rtc_nav": nav, "rtc_nav_bottom": nav_bottom, "rtc_note": NOTE}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body


def index_page(pages: list[tuple[str, str]]) -> str:
    """``index.html``: the pages in course order."""
    items = "\n".join(f'<li><a href="{esc(stem)}.html">{esc(title)}</a></li>' for stem, title in pages)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Reading the Crisis: self-study copy</title>
<link rel="stylesheet" href="static/site.css">
</head>
<body class="rtc-index">
<main>
<h1>Reading the Crisis</h1>
<p>An interactive course on reading contested news about the 2021-2022 Russia-Ukraine crisis. These pages
are a static copy for reading: the figures work, and each quiz answer is behind “Show answer”. For the
interactive course, open the notebooks in JupyterLab.</p>
<ol>
{items}
</ol>
</main>
</body>
</html>
"""


def build(notebooks: list[Path] | None = None, out: Path = OUT, timeout: int = 600,
          log: Any = print) -> list[Path]:
    """Execute and export ``notebooks`` (default: the course notebooks, in course order) into ``out``."""
    paths = sorted(notebooks if notebooks is not None else NOTEBOOKS.glob("[0-9]*.ipynb"),
                   key=lambda p: p.name)
    if not paths:
        raise SystemExit("no notebooks to export (notebooks/[0-9]*.ipynb)")
    out.mkdir(parents=True, exist_ok=True)
    vendor(out / "static")
    executed = []
    for path in paths:
        log(f"executing {path.name}")
        nb = execute(path, timeout)
        counts = staticise(nb)
        executed.append((path, nb, counts))
    pages = [(p.stem, notebook_title(nb, p.stem)) for p, nb, _ in executed]
    written = []
    for i, (path, nb, counts) in enumerate(executed):
        page = export(nb, path.stem, pages[i][1], _nav(pages, i), _nav(pages, i, bottom=True))
        bad = external_refs(page)
        if bad:
            raise RuntimeError(f"{path.name}: the page would load from another host: {bad}")
        dest = out / f"{path.stem}.html"
        dest.write_text(page, encoding="utf-8")
        written.append(dest)
        log(f"wrote {dest.relative_to(out.parent) if out.parent in dest.parents else dest} "
            f"({counts['figures'] + counts['widget_figures']} figures, {counts['quizzes']} quizzes, "
            f"{counts['predictions']} predictions)")
    (out / "index.html").write_text(index_page(pages), encoding="utf-8")
    written.append(out / "index.html")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course_lib.tools.site", description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks (default: notebooks/[0-9]*.ipynb)")
    parser.add_argument("--out", type=Path, default=OUT, help="output folder (default: _site)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell")
    args = parser.parse_args(argv)
    build(args.notebooks or None, args.out, args.timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
