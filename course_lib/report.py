"""The class report: what a class got right and wrong, from the learners' hand-ins.

``python -m course_lib class-report PATH... --out DIR`` (or :func:`build_report`) reads hand-ins
(:mod:`course_lib.handin`; files, folders, or a JupyterHub's home folders' progress files; every file
untrusted, see :mod:`course_lib.handins_io`) and writes:

* ``DIR/index.html`` -- one static page, offline (plotly.js is embedded from the installed plotly
  package; a Content-Security-Policy forbids every network request), every string escaped;
* ``DIR/report.txt`` -- the same report as plain text (each section's text twin);
* ``DIR/grades.csv`` -- one row per learner, one column per notebook (points = questions answered
  correctly), in the layout of a Canvas gradebook import (``Student, ID, SIS User ID, SIS Login ID,
  Section``, then one column per assignment), which Moodle's "Import grades from CSV" also reads (map
  "SIS Login ID" to the username);
* ``DIR/items.csv`` -- one row per question: difficulty, discrimination, the most chosen wrong answer.

Sections
--------
The page is a list of sections, :data:`SECTIONS`: each entry names a function
``report_section(handins: list[dict]) -> {"id", "title", "html", "text"}`` (``html`` escaped, no CDN;
``text`` its plain-text twin). A new kind of result joins the report by adding one line to
:data:`SECTIONS` (``"course_lib.assessment:report_section"``). A section that raises or returns something
malformed is shown as "could not be built"; the rest of the report is still written.
Sections may draw figures with :func:`figure_html` (a course figure plus its text twin). The numbers
(difficulty, discrimination, wrong answers, scores) come from :mod:`course_lib.class_stats`.

Examples
--------
>>> import tempfile
>>> result = build_report([], tempfile.mkdtemp())
>>> result["learners"], sorted(p.name for p in result["files"])
(0, ['grades.csv', 'index.html', 'items.csv', 'report.txt'])
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import re
import sys
from functools import lru_cache
from importlib import import_module
from pathlib import Path
from typing import Any, Callable, Iterable

# the numbers live in class_stats; the names are re-exported here for callers of the report
from .class_stats import (FLAG_BELOW, MIN_FOR_DISCRIMINATION, Analysis, Item, ItemStats,  # noqa: F401
                          analyse, choice_text, course_items, most_missed, wrong_choices)
from .handins_io import display_name, load_handins
from .text import csv_safe
from .ui import FONT, esc

HELP = "the class report from hand-ins: DIR/index.html, grades.csv and items.csv (--out DIR)"

#: The report's sections, in order: "module:function", each ``report_section(handins) -> dict``.
#: New kinds of results add one line here.
SECTIONS: list[str] = [
    "course_lib.report:overview_section",
    "course_lib.report:scores_section",
    "course_lib.report:items_section",
    "course_lib.report:claims_section",
    "course_lib.assessment:report_section",
    "course_lib.factcheck:report_section",
    "course_lib.notes:report_section",
]
GRADE_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
ITEM_COLUMNS = ["notebook", "question", "number", "type", "answered", "right_first_try", "difficulty",
                "discrimination", "flag", "top_wrong_answer", "top_wrong_share", "section_link"]


# ---------------------------------------------------------------------------------------------- html bits
def _pct(value: float | None) -> str:
    return "–" if value is None else f"{round(100 * value)}%"


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:+.2f}".replace("+", "")


def _anchor_id(*parts: str) -> str:
    return "rtc-" + hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:10]


def _script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element (no ``<``, ``>``, ``&`` or line separators)."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    for ch, rep in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                    ("\u2029", "\\u2029")):
        text = text.replace(ch, rep)
    return text


def figure_html(fig: Any, text: str) -> str:
    """A course figure and its text twin for a report section (the page draws it with the embedded plotly.js).

    The figure's JSON sits in a ``<script type="application/json">`` (escaped for that place); the text
    twin follows as a ``<pre>`` that the plot names with ``aria-describedby``.

    Examples
    --------
    >>> from course_lib.theme import new_figure
    >>> html = figure_html(new_figure(title="</script><b>"), "twin")
    >>> "</script><b>" in html, "twin</pre>" in html
    (False, True)
    """
    from .figure import figure_bundle

    payload = figure_bundle(fig)["application/vnd.plotly.v1+json"]
    twin_id = _anchor_id("twin", text)
    title = payload.get("layout", {}).get("title", {})
    label = title.get("text", "Figure") if isinstance(title, dict) else "Figure"
    return (f"<figure class=\"rtc-figure\"><div class=\"rtc-plot\" role=\"img\" aria-label=\"{esc(label)}\" "
            f"aria-describedby=\"{twin_id}\"></div>"
            f"<script type=\"application/json\" class=\"rtc-figure-data\">{_script_json(payload)}</script>"
            f"<figcaption><details><summary>Text version of the figure above</summary>"
            f"<pre id=\"{twin_id}\" class=\"rtc-twin\">{esc(text)}</pre></details></figcaption></figure>")


def _table(header: list[str], rows: list[list[str]], caption: str, raw_cols: Iterable[int] = (),
           cls: str = "") -> str:
    """An HTML table; every cell escaped except the columns in ``raw_cols`` (already-built HTML)."""
    raw = set(raw_cols)
    head = "".join(f"<th scope=\"col\">{esc(h)}</th>" for h in header)
    body = []
    for row in rows:
        cells = [f"<th scope=\"row\">{esc(row[0])}</th>"]
        cells += [f"<td>{c if i in raw else esc(c)}</td>" for i, c in enumerate(row[1:], 1)]
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f"<div class=\"rtc-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{esc(caption)}\"><table class=\"{esc(cls)}\"><caption>{esc(caption)}</caption>"
            f"<thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></div>")


# ---------------------------------------------------------------------------------------------- sections
def overview_section(handins: list[dict[str, Any]]) -> dict[str, str]:
    """Who handed in, and what the numbers below mean."""
    titles, items = course_items()
    n = len(handins)
    versions = sorted({str(h.get("course_version", "")) for h in handins})
    lines = [f"Hand-ins read: {n}.", f"Notebooks with a quiz: {len(titles)}; questions: {len(items)}."]
    if versions:
        lines.append("Course versions in the hand-ins: " + ", ".join(versions) + ".")
    lines += ["Difficulty = the share of learners who answered a question that were right at the first try.",
              "Discrimination = how well a question separates learners who do well on the rest of the course "
              "from those who do not: the correlation (point-biserial, -1 to 1) between being right at the "
              "first try on it and the share right at the first try on the other questions. It is shown from "
              f"{MIN_FOR_DISCRIMINATION} learners up; under {FLAG_BELOW} is flagged ⚑ for a look: the question "
              "may be ambiguous, or test something other than the rest."]
    html = "".join(f"<p>{esc(line)}</p>" for line in lines)
    return {"id": "overview", "title": "Overview", "html": html, "text": "\n".join(lines)}


def _score_figure(analysis: Analysis) -> tuple[Any, str]:
    from .theme import new_figure, table

    names = list(analysis.titles)
    avg, rows = [], []
    for name in names:
        vals = [lr["per"][name] for lr in analysis.learners]
        total = vals[0]["total"] if vals else 0
        mean = (sum(v["correct"] for v in vals) / (len(vals) * total)) if vals and total else 0.0
        first = (sum(v["first"] for v in vals) / (len(vals) * total)) if vals and total else 0.0
        avg.append((mean, first))
        rows.append([name[:2], analysis.titles[name], _pct(mean), _pct(first)])
    fig = new_figure(title="Class average per notebook", height=420, barmode="group",
                     xaxis={"title": {"text": "Notebook"}, "type": "category"},
                     yaxis={"title": {"text": "Share of questions"}, "range": [0, 1], "tickformat": ".0%"})
    labels = [n[:2] for n in names]
    fig.add_bar(x=labels, y=[a for a, _ in avg], name="answered correctly (latest check)", marker_color="#0072B2",
                hovertemplate="Notebook %{x}: %{y:.0%} answered correctly<extra></extra>")
    fig.add_bar(x=labels, y=[f for _, f in avg], name="right at the first try", marker_color="#D55E00",
                marker_pattern={"shape": "/", "fillmode": "overlay", "fgcolor": "#FFFFFF", "size": 8},
                hovertemplate="Notebook %{x}: %{y:.0%} right at the first try<extra></extra>")
    text = ("Class average per notebook (share of all the notebook's questions, over every learner who "
            "handed in)\n" + table(["NB", "Notebook", "Answered correctly", "Right at first try"], rows))
    return fig, text


def scores_section(handins: list[dict[str, Any]]) -> dict[str, str]:
    """Scores per learner and notebook (questions answered correctly / questions), and the class average."""
    analysis = analyse(handins)
    names = list(analysis.titles)
    header = ["Learner", "Account", *[f"NB {n[:2]}" for n in names], "Total", "Right at first try"]
    rows, text_rows = [], []
    total_q = len(analysis.items)
    for lr in analysis.learners:
        cells = [f"{lr['per'][n]['correct']} / {lr['per'][n]['total']}" for n in names]
        correct = sum(lr["per"][n]["correct"] for n in names)
        first = sum(lr["per"][n]["first"] for n in names)
        row = [lr["name"], lr["user"], *cells, f"{correct} / {total_q}", f"{first}"]
        rows.append(row)
        text_rows.append(row)
    from .theme import table

    if not analysis.learners:
        return {"id": "scores", "title": "Scores per learner and notebook", "html": "<p>No hand-ins yet.</p>",
                "text": "No hand-ins yet."}
    fig, twin = _score_figure(analysis)
    legend = "; ".join(f"NB {n[:2]} = {analysis.titles[n]}" for n in names)
    html = (_table(header, rows, "Questions answered correctly (latest check) per notebook", cls="rtc-scores")
            + f"<p class=\"rtc-note\">{esc(legend)}</p>" + figure_html(fig, twin))
    text = ("Questions answered correctly (latest check) per notebook\n" + table(header, text_rows)
            + "\n" + legend + "\n\n" + twin)
    return {"id": "scores", "title": "Scores per learner and notebook", "html": html, "text": text}


def _difficulty_figure(stats: list[ItemStats]) -> tuple[Any, str]:
    from .theme import classroom, new_figure, table

    shown = [s for s in stats if s.answered]
    labels = [f"{s.item.label} {'⚑' if s.flagged else ''}".strip() for s in shown]
    row = 32 if classroom() else 22  # a bar per question, as tall as its label (20 px text in classroom mode)
    fig = new_figure(title="Right at the first try, per question (hardest first)",
                     height=max(320, 120 + row * len(shown)),
                     xaxis={"title": {"text": "Share right at the first try (⚑, red: low discrimination)"},
                            "range": [0, 1], "tickformat": ".0%", "mirror": "allticks", "showline": True},
                     yaxis={"autorange": "reversed", "type": "category"}, showlegend=False)
    # flagged questions (low discrimination) get the course's "wrong" red and a hatch: never colour alone
    fig.add_bar(x=[s.difficulty for s in shown], y=labels, orientation="h",
                marker_color=["#B2182B" if s.flagged else "#0072B2" for s in shown],
                marker_pattern={"shape": ["x" if s.flagged else "" for s in shown], "fillmode": "overlay",
                                "fgcolor": "#FFFFFF", "size": 7},
                hovertemplate="%{y}: %{x:.0%} right at the first try<extra></extra>")
    rows = [[s.item.label, _pct(s.difficulty), f"{s.right_first} / {s.answered}", _num(s.discrimination),
             "⚑" if s.flagged else ""] for s in shown]
    text = ("Right at the first try, per question (hardest first; NN Qk = notebook NN, question k)\n"
            + table(["Question", "Right at first try", "Learners", "Discrimination", "Flag"], rows))
    return fig, text


def items_section(handins: list[dict[str, Any]]) -> dict[str, str]:
    """Every answered question, most-missed first: difficulty, discrimination, and each wrong answer with
    how often it was chosen at the first try and the feedback the learner saw; linked to its notebook."""
    analysis = analyse(handins)
    ordered = most_missed(analysis)
    if not ordered:
        return {"id": "questions", "title": "Questions, most-missed first", "html": "<p>No answers yet.</p>",
                "text": "No answers yet."}
    fig, twin = _difficulty_figure(ordered)
    parts = [figure_html(fig, twin)]
    text = [twin, ""]
    for s in ordered:
        it = s.item
        link = f"{it.quiz}.ipynb#{it.anchor}"
        flag = " ⚑ low discrimination" if s.flagged else ""
        head = (f"{it.label}: {_pct(s.difficulty)} right at the first try ({s.right_first} of {s.answered}); "
                f"discrimination {_num(s.discrimination)}{flag}")
        wrong_rows = []
        text.append(head)
        text.append(f"  Notebook {it.quiz}, section \"{it.anchor.replace('-', ' ')}\", question {it.number}: "
                    f"{it.prompt}")
        for key, count in s.wrong:
            what, feedback = choice_text(it, key)
            share = count / s.answered
            wrong_rows.append([what, f"{count} ({_pct(share)})", feedback])
            text.append(f"  - {what}: {count} ({_pct(share)}). Feedback shown: {feedback or '–'}")
        text.append("")
        table_html = (_table(["Wrong answer at the first try", "Learners", "Feedback they were shown"], wrong_rows,
                             f"Wrong answers to {it.label}") if wrong_rows
                      else "<p>Nobody answered it wrongly at the first try.</p>")
        parts.append(
            f"<article class=\"rtc-item{' rtc-flagged' if s.flagged else ''}\" id=\"{_anchor_id(it.quiz, it.qid)}\">"
            f"<h3>{esc(head)}</h3>"
            f"<p>{esc(it.prompt)}</p>"
            f"<p><a class=\"rtc-nb-link\" data-notebook=\"{esc(it.quiz)}\" data-anchor=\"{esc(it.anchor)}\" "
            f"href=\"{esc(link)}\">Notebook {esc(it.quiz)}: “{esc(analysis.titles[it.quiz])}”, "
            f"section “{esc(it.anchor.replace('-', ' '))}”, question {it.number}</a></p>{table_html}</article>")
    return {"id": "questions", "title": "Questions, most-missed first", "html": "".join(parts),
            "text": "\n".join(text).rstrip()}


def claims_section(handins: list[dict[str, Any]]) -> dict[str, str]:
    """How many learners predicted each claim's rating, with the ratings they chose (no verdict added)."""
    counts: dict[str, dict[str, int]] = {}
    for h in handins:
        for cid, rec in h.get("claims", {}).items():
            if isinstance(rec, dict) and isinstance(rec.get("rating"), str):
                per = counts.setdefault(cid, {})
                per[rec["rating"]] = per.get(rec["rating"], 0) + 1
    if not counts:
        return {"id": "claims", "title": "Claim predictions", "html": "<p>No claim predictions yet.</p>",
                "text": "No claim predictions yet."}
    from .theme import table

    rows = [[cid, str(sum(per.values())),
             "; ".join(f"{display_name(r, 40)}: {n}" for r, n in sorted(per.items(), key=lambda kv: (-kv[1], kv[0])))]
            for cid, per in sorted(counts.items())]
    header = ["Claim", "Learners", "Ratings predicted"]
    return {"id": "claims", "title": "Claim predictions", "html": _table(header, rows, "Predicted ratings per claim"),
            "text": table(header, rows)}


# ---------------------------------------------------------------------------------------------- page
def _section_function(spec: str) -> Callable[[list[dict[str, Any]]], dict[str, Any]]:
    module, _, name = spec.partition(":")
    return getattr(import_module(module), name)


def run_sections(handins: list[dict[str, Any]], sections: Iterable[str | Callable[..., Any]] | None = None
                 ) -> list[dict[str, str]]:
    """Call every section; a failing or malformed one becomes a short "could not be built" section."""
    out = []
    for spec in (SECTIONS if sections is None else sections):
        label = spec if isinstance(spec, str) else getattr(spec, "__name__", "section")
        try:
            fn = _section_function(spec) if isinstance(spec, str) else spec
            sec = fn(handins)
            keys = ("id", "title", "html", "text")
            if not (isinstance(sec, dict) and all(isinstance(sec.get(k), str) for k in keys)):
                raise TypeError("it did not return {id, title, html, text} strings")
        except Exception as err:  # one broken section never stops the report
            msg = f"The section {label} could not be built ({type(err).__name__}: {str(err)[:200]})."
            sec = {"id": _anchor_id("broken", str(label)), "title": f"Section {label}",
                   "html": f"<p role=\"alert\">{esc(msg)}</p>", "text": msg}
        sec = dict(sec, id=re.sub(r"[^A-Za-z0-9_-]", "-", sec["id"])[:60] or "section")
        out.append(sec)
    return out


_CSS = f"""
body{{font-family:{FONT};color:#222;background:#fff;margin:0 auto;max-width:1100px;padding:16px 20px 64px;
line-height:1.45}}
h1{{font-size:1.8rem}} h2{{font-size:1.4rem;border-bottom:2px solid #0072B2;padding-bottom:4px;margin-top:2.2rem}}
h3{{font-size:1.05rem;margin:1.4rem 0 .3rem}}
a{{color:#0B5394}} a:focus,summary:focus{{outline:3px solid #E69F00;outline-offset:2px}}
nav ul{{display:flex;flex-wrap:wrap;gap:8px 20px;padding:0;list-style:none}}
nav a{{display:inline-block;min-height:24px;padding:2px 0}}
table{{border-collapse:collapse;margin:.5rem 0;font-size:.95rem}}
caption{{text-align:left;font-weight:600;padding:4px 0}}
th,td{{border:1px solid #BBB;padding:4px 8px;text-align:left;vertical-align:top}}
thead th{{background:#F0F0F0}} tbody th{{font-weight:normal}}
.rtc-scroll{{overflow-x:auto}} .rtc-scores td{{white-space:nowrap}} .rtc-scores tbody th{{max-width:22em}}
.rtc-item{{border-left:4px solid #BBB;padding-left:12px}} .rtc-flagged{{border-left-color:#B2182B}}
.rtc-twin{{white-space:pre-wrap;font-size:.85rem;background:#F7F7F7;padding:8px;border:1px solid #DDD}}
.rtc-problems li{{font-family:monospace;white-space:pre-wrap;word-break:break-all}}
figure{{margin:1rem 0}} summary{{cursor:pointer;min-height:24px;padding:2px 0}} .rtc-plot{{min-height:320px}}
"""

_DRAW = """
document.querySelectorAll('script.rtc-figure-data').forEach(function (s) {
  var spec = JSON.parse(s.textContent);
  var div = s.previousElementSibling;
  try { Plotly.newPlot(div, spec.data, spec.layout, spec.config); div.setAttribute('data-drawn', '1'); }
  catch (e) { div.textContent = 'The figure could not be drawn; its text version follows.'; }
});
"""

#: nothing may be fetched: no connections, no frames, no forms, no base URL changes
CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; "
       "font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'; frame-src 'none'")


@lru_cache(maxsize=1)
def plotly_js() -> str:
    """The plotly.js bundle shipped inside the installed plotly package (embedded: the page works offline)."""
    import plotly

    path = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
    return path.read_text(encoding="utf-8").replace("</script", "<\\/script")


def page_html(sections: list[dict[str, str]], problems: list[str], title: str = "Class report") -> str:
    """The whole static page: contents, every section, and the files that were skipped."""
    has_fig = any("rtc-figure-data" in s["html"] for s in sections)
    nav = "".join(f"<li><a href=\"#{esc(s['id'])}\">{esc(s['title'])}</a></li>" for s in sections)
    if problems:
        nav += "<li><a href=\"#skipped\">Files skipped</a></li>"
    body = "".join(f"<section id=\"{esc(s['id'])}\" aria-labelledby=\"{esc(s['id'])}-h\">"
                   f"<h2 id=\"{esc(s['id'])}-h\">{esc(s['title'])}</h2>{s['html']}</section>" for s in sections)
    if problems:
        items = "".join(f"<li>{esc(p)}</li>" for p in problems)
        body += (f"<section id=\"skipped\" aria-labelledby=\"skipped-h\"><h2 id=\"skipped-h\">Files skipped "
                 f"({len(problems)})</h2><p>These files were not used; each line says why.</p>"
                 f"<ul class=\"rtc-problems\">{items}</ul></section>")
    scripts = (f"<script>{plotly_js()}</script><script>{_DRAW}</script>") if has_fig else ""
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{esc(title)} · Reading the Crisis</title><style>{_CSS}</style></head><body>"
            f"<header><h1>{esc(title)}</h1><p>Reading the Crisis: what the class got right and wrong. "
            "Made from the learners' hand-ins; works offline.</p>"
            f"<nav aria-label=\"Contents\"><ul>{nav}</ul></nav></header><main>{body}</main>{scripts}"
            "</body></html>\n")


def page_text(sections: list[dict[str, str]], problems: list[str], title: str = "Class report") -> str:
    """The whole report as plain text (every section's text twin, then the files skipped)."""
    out = [title, "=" * len(title), ""]
    for s in sections:
        out += [s["title"], "-" * len(s["title"]), s["text"], ""]
    if problems:
        out += [f"Files skipped ({len(problems)})", "-" * 20, *problems, ""]
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------- csv
def grade_rows(handins: list[dict[str, Any]]) -> list[list[str]]:
    """grades.csv: a header and one row per learner (points = questions answered correctly per notebook)."""
    analysis = analyse(handins)
    names = list(analysis.titles)
    # no total column: Canvas would make it one more assignment (its own totals come from the columns)
    header = GRADE_COLUMNS + [f"{n[:2]} {analysis.titles[n]}" for n in names]
    rows = [header]
    for lr in analysis.learners:
        pts = [lr["per"][n]["correct"] for n in names]
        rows.append([lr["name"], "", "", lr["user"], "", *[str(p) for p in pts]])
    return [[csv_safe(c) for c in row] for row in rows]


def item_rows(handins: list[dict[str, Any]]) -> list[list[str]]:
    """items.csv: a header and one row per question of the course, in course order."""
    analysis = analyse(handins)
    rows = [ITEM_COLUMNS]
    for s in analysis.stats:
        it = s.item
        top = s.wrong[0] if s.wrong else None
        rows.append([it.quiz, it.qid, str(it.number), it.qtype, str(s.answered), str(s.right_first),
                     "" if s.difficulty is None else f"{s.difficulty:.3f}",
                     "" if s.discrimination is None else f"{s.discrimination:.3f}",
                     "low discrimination" if s.flagged else "",
                     choice_text(it, top[0])[0] if top else "",
                     f"{top[1] / s.answered:.3f}" if top else "",
                     f"{it.quiz}.ipynb#{it.anchor}"])
    return [[csv_safe(c) for c in row] for row in rows]


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path.write_text("\ufeff" + buf.getvalue(), encoding="utf-8", newline="")  # BOM: Excel reads UTF-8


#: where a question's link points by default: the notebook file beside the report, at its quiz's heading
LINK_TEMPLATE = "{notebook}.ipynb#{anchor}"
_NB_LINK = re.compile(r'<a class="rtc-nb-link" data-notebook="([a-z0-9_-]+)" data-anchor="([^"]*)" href="[^"]*"')


def link_html(html: str, template: str) -> str:
    """Point every notebook link in ``html`` at ``template`` (``{notebook}``, ``{anchor}``).

    Only relative, ``http:`` and ``https:`` targets are allowed.

    Examples
    --------
    >>> a = '<a class="rtc-nb-link" data-notebook="00-x" data-anchor="Check" href="00-x.ipynb#Check">'
    >>> link_html(a, "https://hub/tree/{notebook}.ipynb#{anchor}")[-41:]
    'href="https://hub/tree/00-x.ipynb#Check">'
    """
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", template)
    if scheme and scheme.group(1).lower() not in ("http", "https"):
        raise ValueError(f"links must be relative or http(s), not {scheme.group(1)}:")

    def repl(m: re.Match[str]) -> str:
        import html as _html

        target = template.format(notebook=m.group(1), anchor=_html.unescape(m.group(2)))
        return (f'<a class="rtc-nb-link" data-notebook="{m.group(1)}" data-anchor="{m.group(2)}" '
                f'href="{esc(target)}"')
    return _NB_LINK.sub(repl, html)


def build_report(paths: Iterable[str | os.PathLike[str]], out: str | os.PathLike[str], *,
                 sections: Iterable[str | Callable[..., Any]] | None = None,
                 handins: list[dict[str, Any]] | None = None, links: str = LINK_TEMPLATE) -> dict[str, Any]:
    """Read the hand-ins under ``paths`` (or use ``handins``) and write the report into folder ``out``.

    ``links`` is where each question's link points: a template with ``{notebook}`` (e.g.
    ``03-voices-side-by-side``) and ``{anchor}`` (the quiz's heading), relative or http(s); the default is
    the notebook file beside the report. For the static site: ``"../_site/{notebook}.html#{anchor}"``.

    Returns
    -------
    dict
        ``{"learners": int, "problems": [str], "files": [Path], "sections": [dict]}``.
    """
    problems: list[str] = []
    if handins is None:
        handins, problems = load_handins(paths)
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    secs = [dict(sec, html=link_html(sec["html"], links)) for sec in run_sections(handins, sections)]
    files = [target / "index.html", target / "report.txt", target / "grades.csv", target / "items.csv"]
    files[0].write_text(page_html(secs, problems), encoding="utf-8")
    files[1].write_text(page_text(secs, problems), encoding="utf-8")
    _write_csv(files[2], grade_rows(handins))
    _write_csv(files[3], item_rows(handins))
    return {"learners": len(handins), "problems": problems, "files": files, "sections": secs}


def class_report(paths: Iterable[str | os.PathLike[str]], out: str | os.PathLike[str]):
    """Build the report and return a small widget that says what was written (for the teacher's notebook).

    Returns
    -------
    ipywidgets.VBox
        Its text repr is one stable line; ``.result`` is :func:`build_report`'s result.
    """
    import ipywidgets as widgets

    from .ui import panel

    result = build_report(paths, out)
    lines = [f"Read {result['learners']} hand-in{'s' if result['learners'] != 1 else ''}; "
             f"skipped {len(result['problems'])} file{'s' if len(result['problems']) != 1 else ''}."]
    lines += [f"Wrote {p.name}" for p in result["files"]]
    html = "".join(f"<p style=\"margin:2px 0\">{esc(x)}</p>" for x in lines)
    if result["problems"]:
        html += "<ul>" + "".join(f"<li>{esc(p)}</li>" for p in result["problems"]) + "</ul>"
    n, k = result["learners"], len(result["problems"])
    box = panel([widgets.HTML(f"<div style=\"font-family:{FONT}\">{html}</div>")],
                f"Class report: {n} hand-in{'s' if n != 1 else ''}, {k} file{'s' if k != 1 else ''} skipped")
    box.result = result
    return box


def class_report_text(paths: Iterable[str | os.PathLike[str]]) -> Any:
    """The class report as plain text (what ``DIR/report.txt`` holds), for a notebook or a terminal.

    Examples
    --------
    >>> print(class_report_text([]).splitlines()[0])
    Class report
    """
    from .theme import TextTwin

    handins, problems = load_handins(paths)
    return TextTwin(page_text(run_sections(handins), problems))


# ---------------------------------------------------------------------------------------------- CLI
def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``class-report`` options to ``parser``."""
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="hand-in files, folders of hand-ins, or JupyterHub home folders")
    parser.add_argument("--out", metavar="DIR", type=Path, required=True, help="the folder to write the report to")
    parser.add_argument("--links", metavar="TEMPLATE", default=LINK_TEMPLATE,
                        help="where each question links: {notebook} and {anchor} are filled in "
                             f"(default {LINK_TEMPLATE!r}; relative or http(s))")


def run(args: argparse.Namespace) -> int:
    """Run ``python -m course_lib class-report``; return the exit code (0 even if some files were skipped)."""
    try:
        result = build_report(args.paths, args.out, links=args.links)
    except ValueError as err:
        print(err, file=sys.stderr)
        return 1
    except OSError as err:
        print(f"Could not write the report to {args.out}: {err.strerror or err}", file=sys.stderr)
        return 1
    for p in result["problems"]:
        print(f"skipped {display_name(p, 400)}", file=sys.stderr)  # no terminal control characters
    k = len(result["problems"])
    print(f"Read {result['learners']} hand-ins ({k} file{'s' if k != 1 else ''} skipped); "
          f"wrote {', '.join(str(p) for p in result['files'])}")
    return 0
