"""The capstone, "Check it yourself": the learner writes a fact-check of a claim that no source rates.

``course_lib.fact_check()`` walks through the method of notebook 04, now done by the learner:

1. choose a claim marked "not rated in these sources" and quote it exactly;
2. gather evidence: pick a sentence of an article (or shorten it); only words that occur verbatim in
   the article can be added. Each item is tagged supports / contradicts / context and shows who says
   it, their side, the outlet and the date (a recorded statement's speaker, else the outlet's own
   reporting); a live summary counts where the evidence comes from, without judging;
3. write the reasoning, citing items as [1], [2]; a citation of an item not in the list is flagged;
4. rate the claim on the course's scale (including "can't tell from these sources") with a confidence;
5. state the limits; the IFCN-derived checklist (:data:`course_lib.evidence.RULES`) is checked live.
   It informs; it never blocks saving.

Every change is saved to the learner's progress (kind ``"factcheck"``, key = the claim id), so the
hand-in carries it; a widget made again restores the last fact-check worked on. "Export" gives the
ClaimReview JSON-LD and a write-up in Markdown and HTML as download links, and "Show as text" reveals the
plain-text twin (for screen readers and printing), which :func:`fact_check_text` also returns.

Widget anatomy: ``.claim`` (Dropdown), ``.claim_quote``, ``.article``, ``.sentence``, ``.span``
(the words to add), ``.tag``, ``.add_button``, ``.add_feedback``, ``.items`` (a VBox with one
"Remove [n]" button per item), ``.origin``, ``.reasoning``, ``.citation_check``, ``.rating``,
``.confidence``, ``.limits``, ``.one_side_why``, ``.independent_why``, ``.author``, ``.checklist``,
``.save_button``, ``.export_button``, ``.text_button``, ``.status``, ``.export``, ``.text``,
``.store``, and ``.record()`` (the current record) and ``.draft()``.

Examples
--------
>>> import course_lib
>>> w = course_lib.fact_check(progress=False)
>>> w.claim.value is None
True
>>> w.claim.value = w.claim.options[1][1]          # the first unrated claim
>>> w.span.value = "words that are in no article at all"
>>> w.add_button.click()
>>> "not word for word" in w.add_feedback.value
True
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .claimreview import (check_claimreview, checklist_html, claimreview, data_uri, evidence_html, jsonld_text,
                          writeup_html, writeup_markdown)
from .claims import CONFIDENCE, RATINGS
from .quiz import cite_html
from .evidence import (MAX_ITEMS, RATING_DEFINITIONS, TAGS, Draft, claim_date, claim_source, clean_record, fmt_date,
                       sentence_spans, unrated_claims)
from .theme import record_date
from .progress import ProgressStore, store_for
from .reader import find_span
from .ui import FONT, esc, notes_html, panel, plain, side_badge, style_key, style_tag

KIND = "factcheck"
TITLE = "Check it yourself: write a fact-check of a claim no source rates"
_QUOTE = "margin:4px 0;padding:2px 10px;border-left:3px solid #888"
_CELL = "padding:3px 8px;border-bottom:1px solid #ccc;vertical-align:top"
_BOX = "border:1px solid #ccc;border-radius:4px;padding:4px 10px;margin:6px 0;line-height:1.45"


def _status(text_html: str) -> str:
    return f'<div role="status" aria-live="polite" style="font-family:{FONT};line-height:1.45;margin:4px 0">{text_html}</div>'


def _heading(text: str) -> str:
    return f'<h4 style="font-family:{FONT};margin:10px 0 2px 0">{esc(text)}</h4>'


def _latest(saved: dict[str, dict[str, Any]], claim_ids: list[str]) -> str | None:
    """The claim of the most recently saved fact-check that is still an unrated claim of the course."""
    ok = [(str(r.get("timestamp", "")), k) for k, r in saved.items() if k in claim_ids]
    return max(ok)[1] if ok else None


def _saved(store: ProgressStore | None) -> dict[str, dict[str, Any]]:
    return store.results(KIND) if store is not None else {}


def claim_html(claim: dict[str, Any], data: Any) -> str:
    """The chosen claim: the course's summary, who made it, when, and the words where it appeared (escaped)."""
    actor = data.actors.get(claim.get("claimant"), {})
    badge = side_badge(style_key(actor))
    return (f'<div style="font-family:{FONT};{_BOX}">'
            f'<p style="margin:4px 0"><strong>The claim</strong> (the course\u2019s summary): {esc(claim.get("claim", ""))}</p>'
            f'<p style="margin:4px 0">{badge} \u00b7 <strong>{esc(actor.get("name", "?"))}</strong>, '
            f'{esc(actor.get("role", ""))} \u00b7 {esc(claim_source(claim, data))}</p>'
            f'<p style="margin:6px 0 0 0">As it appears in {cite_html(claim["article"], data)}:</p>'
            f'<blockquote style="{_QUOTE}">{esc(claim.get("appearance", ""))}</blockquote>'
            '<p style="margin:4px 0">No source in the course rates this claim. Quote it exactly below (you may '
            'quote only the words that make the claim).</p></div>')


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def rating_scale_text() -> str:
    """The course's Accurate-to-False scale, one definition per line.

    Examples
    --------
    >>> print(rating_scale_text().splitlines()[0])
    The course's Accurate-to-False scale:
    """
    return "\n".join(["The course's Accurate-to-False scale:", *[f"- {d}" for d in RATING_DEFINITIONS.values()]])


def rating_scale_html() -> str:
    """The rating scale's definitions as an HTML list (course text, no learner input)."""
    items = "".join(f"<li>{esc(d)}</li>" for d in RATING_DEFINITIONS.values())
    return (f'<div style="font-family:{FONT};margin:2px 0"><p style="margin:2px 0">The course\u2019s '
            f'Accurate-to-False scale:</p><ul style="margin:2px 0">{items}</ul></div>')


def draft_text(draft: Draft) -> str:
    """The plain-text twin of a fact-check: the claim, the numbered evidence, reasoning, rating, checklist.

    Examples
    --------
    >>> from course_lib import load
    >>> print(draft_text(Draft({}, load())).splitlines()[0])
    Fact-check (Reading the Crisis): no claim chosen yet.
    """
    rec, claim = draft.record, draft.claim
    if claim is None:
        return "Fact-check (Reading the Crisis): no claim chosen yet.\n"
    art = draft.appearance or {}
    out = [f"Fact-check (Reading the Crisis) by {rec['author'].strip() or 'a learner'}",
           f"Claim: {claim.get('claim', '')}",
           f"{_cap(claim_source(claim, draft.data))}; "
           f"as it appears in {art.get('outlet', '?')}, {record_date(art, 'published', long_months=True)}: "
           f"\"{art.get('title', '?')}\"",
           f"The claim as quoted: {rec['claim_quote'].strip() or '(not quoted yet)'}", "", "Evidence:"]
    if not draft.items:
        out.append("  (none yet)")
    for i in draft.items:
        flag = "" if i.found else "  [NOT FOUND in the article: not counted]"
        out += [f"  [{i.number}] {TAGS[i.tag]}{flag}", f"      \"{i.quote}\"", f"      {i.attribution()}"]
    out += ["", "Where the evidence comes from:", *[f"  {line}" for line in draft.origin_text().splitlines()],
            "", "Reasoning:", f"  {rec['reasoning'].strip() or '(not written yet)'}"]
    bad = draft.bad_citations()
    if bad:
        out.append(f"  Cited but not in the evidence list: {', '.join(f'[{n}]' for n in bad)}")
    rating = RATINGS.get(rec["rating"] or "", "(not rated yet)")
    meaning = f" ({RATING_DEFINITIONS[rec['rating']]})" if rec["rating"] in RATING_DEFINITIONS else ""
    out += ["", f"Rating: {rating}, {rec['confidence']}% sure.{meaning}",
            f"What evidence would change this rating: {rec['limits'].strip() or '(not stated)'}"]
    if rec["one_side_why"].strip():
        out.append(f"Why there is no evidence from the claimant's side or from a side that disputes the claim: {rec['one_side_why'].strip()}")
    if rec["independent_why"].strip():
        out.append(f"Who publishes and funds the evidence that is not a party's own statement, or why there is none: {rec['independent_why'].strip()}")
    out += ["", "Checklist (derived from the IFCN principles):"]
    for f in draft.checklist():
        mark = "does not apply" if not f.applies else ("met" if f.ok else "not yet")
        out.append(f"  [{mark}] {f.title} \u2014 {f.detail}")
    return "\n".join(out) + "\n"


def fact_check_text(claim_id: str | None = None, *, progress: bool | str | os.PathLike[str] = True,
                    folder: str | Path | None = None) -> str:
    """The text twin of a saved fact-check (the one for ``claim_id``, else the last one worked on).

    Examples
    --------
    >>> fact_check_text(progress=False).splitlines()[0]
    'Fact-check (Reading the Crisis): no claim chosen yet.'
    """
    from .data import load

    data = load(folder)
    saved = _saved(store_for(progress))
    ids = [c["id"] for c in unrated_claims(data)]
    key = claim_id if claim_id is not None else _latest(saved, ids)
    record = dict(saved.get(key, {}), claim=key) if key else {}
    return draft_text(Draft(record, data))


def _claim_options(data: Any) -> list[tuple[str, str | None]]:
    opts: list[tuple[str, str | None]] = [("(choose a claim)", None)]
    for c in unrated_claims(data):
        who = data.actors.get(c.get("claimant"), {}).get("name", "?")
        text = str(c.get("claim", ""))
        short = text if len(text) <= 90 else text[:87].rstrip() + "\u2026"
        opts.append((plain(f"{who}, {claim_date(c, data)}: {short}"), c["id"]))
    return opts


def _sentence_options(article: dict[str, Any]) -> list[tuple[str, int]]:
    text = article.get("text", "")
    opts = []
    for n, (s, e) in enumerate(sentence_spans(text)):
        words = " ".join(text[s:e].split())
        short = words if len(words) <= 100 else words[:97] + "\u2026"
        opts.append((plain(f"{n + 1}. {short}"), n))
    return opts


def fact_check(claim_id: str | None = None, *, progress: bool | str | os.PathLike[str] = True,
               folder: str | Path | None = None):
    """The capstone widget: write, check, save and export a fact-check of an unrated claim.

    Parameters
    ----------
    claim_id : str, optional
        Start with this claim (one that no source rates). Default: the claim of the last saved
        fact-check, else none (the learner chooses).
    progress : bool or path
        ``True`` (default): save every change to the learner's progress file and restore from it;
        ``False``: keep nothing; a path: use that file.
    folder : str or Path, optional
        A data folder laid out like the package's ``data/`` (for tests).

    Returns
    -------
    ipywidgets.VBox
        See the module docstring for its parts. Its text repr is the same whatever the learner saved.

    Examples
    --------
    >>> w = fact_check(progress=False)
    >>> repr(w)
    'Check it yourself: write a fact-check of a claim no source rates'
    """
    import ipywidgets as widgets

    from .data import load

    data = load(folder)
    store = store_for(progress)
    claims = unrated_claims(data)
    claim_ids = [c["id"] for c in claims]
    saved = _saved(store)
    first = claim_id if claim_id in claim_ids else _latest(saved, claim_ids)

    wide = widgets.Layout(width="min(100%, 48em)")
    style = {"description_width": "initial"}
    intro = widgets.HTML(  # the course's style sheet (24 px targets for the tag radio buttons, ...) with it
        f'{style_tag()}<div style="font-family:{FONT}"><h3 style="margin:4px 0">{esc(TITLE)}</h3>'
        "<p style=\"margin:4px 0\">Work through the five steps. Everything you write is saved as you go; "
        "the checklist at the end updates as you work and never stops you from saving.</p></div>")
    claim_dd = widgets.Dropdown(options=_claim_options(data), value=None, description="The claim to check:",
                                style=style, layout=wide)
    claim_box = widgets.HTML("")
    claim_quote = widgets.Textarea(description="Quote the claim exactly:", style=style, layout=wide,
                                   placeholder="Copy the claim's words exactly as they appear in the article",
                                   continuous_update=False)
    art_opts = [(plain(f"{a.get('outlet', '?')} ({fmt_date(a.get('published', ''))})"), a["id"])
                for a in data.articles.values()]
    article_dd = widgets.Dropdown(options=art_opts, value=art_opts[0][1], description="Article:",
                                  style=style, layout=wide)
    sentence_dd = widgets.Dropdown(options=[], description="Sentence:", style=style, layout=wide)
    span = widgets.Textarea(description="Words to add:", style=style, continuous_update=True,
                            layout=widgets.Layout(width="min(100%, 48em)", height="4.5em"),
                            placeholder="Pick a sentence above, or type the source's exact words")
    tag = widgets.RadioButtons(options=[(label, key) for key, label in TAGS.items()], value="supports",
                               description="This evidence:", style=style)
    add_button = widgets.Button(description="Add as evidence", button_style="primary",
                                tooltip="Add these words as a numbered evidence item")
    add_feedback = widgets.HTML(_status(""))
    items_box = widgets.VBox([])
    origin = widgets.HTML("")
    reasoning = widgets.Textarea(description="Your reasoning (cite items as [1], [2]):", style=style,
                                 layout=widgets.Layout(width="min(100%, 48em)", height="8em"),
                                 continuous_update=False)
    citation_check = widgets.HTML("")
    rating = widgets.RadioButtons(options=[(label, key) for key, label in RATINGS.items()], value=None,
                                  description="Your rating:", style=style)
    confidence = widgets.SelectionSlider(options=CONFIDENCE, value=50, description="How sure are you?",
                                         style=style, continuous_update=False,
                                         layout=widgets.Layout(width="min(100%, 30em)"))
    limits = widgets.Textarea(description="What evidence would change this rating?", style=style, layout=wide,
                              continuous_update=False)
    one_side_why = widgets.Textarea(description="Why not both sides (if so):", style=style, layout=wide,
                                    placeholder="If you have no evidence from the claimant's side or from a side "
                                                "that disputes the claim, say why",
                                    continuous_update=False)
    independent_why = widgets.Textarea(description="Who publishes and funds it:", style=style, layout=wide,
                                       placeholder="If you rate the claim: who publishes and funds the "
                                                   "evidence you cite that is not a party's own statement, "
                                                   "or why there is none",
                                       continuous_update=False)
    optional_hint = widgets.HTML(f'<p style="font-family:{FONT};margin:2px 0">Two answers to give only if they '
                                 'apply: if you have no evidence from the claimant\u2019s side or from a side that '
                                 'disputes the claim, say why; if you rate the claim (not \u201ccan\u2019t '
                                 'tell\u201d) and the evidence you cite that is not a party\u2019s own statement '
                                 'comes from a government-funded publisher (or there is none), say who publishes '
                                 'and funds it, or why there is none.</p>')
    author = widgets.Text(description="Your name (as the author of the fact-check):", style=style, layout=wide,
                          continuous_update=False)
    checklist = widgets.HTML("")
    save_button = widgets.Button(description="Save", tooltip="Save this fact-check with your progress")
    export_button = widgets.Button(description="Export", tooltip="ClaimReview JSON-LD, Markdown and HTML")
    text_button = widgets.Button(description="Show as text", tooltip="Show or hide the plain-text version")
    status = widgets.HTML(_status(""))
    export = widgets.HTML("")
    text_out = widgets.HTML("")

    state: dict[str, Any] = {"evidence": [], "loading": False}
    text_fields = {"claim_quote": claim_quote, "reasoning": reasoning, "limits": limits,
                   "one_side_why": one_side_why, "independent_why": independent_why, "author": author}

    def record() -> dict[str, Any]:
        rec = {name: w.value for name, w in text_fields.items()}
        rec.update(claim=claim_dd.value or "", evidence=[dict(e) for e in state["evidence"]],
                   rating=rating.value, confidence=confidence.value)
        return clean_record(rec)

    def draft() -> Draft:
        return Draft(record(), data)

    def refresh() -> None:
        d = draft()
        shown = tuple((e["article"], e["quote"], e["tag"]) for e in d.record["evidence"])
        if shown != state.get("shown"):  # rebuild the item rows only when the list changed
            state["shown"] = shown
            items = []
            for item in d.items:
                remove = widgets.Button(description=f"Remove [{item.number}]", layout=widgets.Layout(width="auto"),
                                        tooltip=f"Remove evidence item [{item.number}]")
                remove.on_click(guard(lambda n=item.number: remove_item(n)))
                items.append(widgets.HBox([widgets.HTML(evidence_html([item])), remove],
                                          layout=widgets.Layout(align_items="center", flex_flow="row wrap")))
            old, items_box.children = items_box.children, items
            for row in old:  # free the old rows' models in the kernel and the front end
                for child in row.children:
                    child.close()
                row.close()
        origin.value = (f'<div role="status" aria-live="polite" style="font-family:{FONT};{_BOX}">'
                        f'<strong>Where your evidence comes from</strong> (counts only; weighing them is your '
                        f'job):<br>{"<br>".join(esc(x) for x in d.origin_text().splitlines())}</div>')
        bad = d.bad_citations()
        if bad:
            citation_check.value = _status(
                f"\u26a0 Your reasoning cites {esc(', '.join(f'[{n}]' for n in bad))}, which "
                f"{'is' if len(bad) == 1 else 'are'} not in your evidence list "
                f"(items [1] to [{len(d.items)}])." if d.items else
                f"\u26a0 Your reasoning cites {esc(', '.join(f'[{n}]' for n in bad))}, but you have no evidence yet.")
        else:
            cited = d.cited()
            citation_check.value = _status(
                f"You cite {esc(', '.join(f'[{n}]' for n in cited))}." if cited else
                "<i>Cite your evidence by number, e.g. [1].</i>")
        checklist.value = (f'<div role="status" aria-live="polite" style="font-family:{FONT};{_BOX}">'
                           f'<strong>Checklist</strong> (derived from the IFCN principles; it informs, it does '
                           f'not block saving){checklist_html(d)}</div>')
        if text_out.value:
            show_text()

    def save(note: str = "") -> None:
        if claim_dd.value is None:
            status.value = _status("Choose a claim first: there is nothing to save yet.")
            return
        if store is None:
            status.value = _status("Not saved: this widget was made with <code>progress=False</code>.")
            return
        store.record_result(KIND, claim_dd.value, record())
        status.value = _status(f"Saved with your progress{esc(note)}.") + notes_html(store.notes)

    def changed(_change: Any = None) -> None:
        if state["loading"]:
            return
        refresh()
        if claim_dd.value is not None and store is not None:
            save()

    def load_claim(cid: str | None) -> None:
        state["loading"] = True
        try:
            rec = clean_record(dict(_saved(store).get(cid, {}), claim=cid or "")) if cid else clean_record({})
            state["evidence"] = rec["evidence"]
            for name, w in text_fields.items():
                if name != "author" or rec["author"]:
                    w.value = rec[name]
            rating.value = rec["rating"]
            confidence.value = rec["confidence"]
            claim = data.claims.get(cid) if cid else None
            claim_box.value = (claim_html(claim, data) if claim else
                               _status("<i>Choose one of the claims that no source in the course rates.</i>"))
            if claim and claim.get("article") in data.articles:
                article_dd.value = claim["article"]
            export.value = ""
        finally:
            state["loading"] = False
        refresh()
        status.value = _status("Restored your saved fact-check." if cid and cid in _saved(store) else "")

    def on_claim(change: dict[str, Any]) -> None:
        load_claim(change["new"])

    def on_article(change: dict[str, Any]) -> None:
        art = data.articles.get(change["new"])
        sentence_dd.options = _sentence_options(art) if art else []
        sentence_dd.value = None

    def on_sentence(change: dict[str, Any]) -> None:
        art = data.articles.get(article_dd.value)
        if art is None or change["new"] is None:
            return
        s, e = sentence_spans(art.get("text", ""))[change["new"]]
        span.value = " ".join(art["text"][s:e].split())

    def add() -> None:
        art = data.articles.get(article_dd.value)
        words_ = span.value.strip()
        if claim_dd.value is None:
            add_feedback.value = _status("Choose a claim first (step 1).")
            return
        if art is None or not words_:
            add_feedback.value = _status("Pick a sentence, or type the exact words, first.")
            return
        found = find_span(words_, art.get("text", ""))
        if found is None or len(words_.split()) < 3:
            add_feedback.value = _status(
                f"\u26a0 Not added: these words are not word for word in {esc(art.get('outlet', '?'))}'s text"
                + (" (use at least three words)" if found is not None else "")
                + ". Evidence must be the source's own words: pick a sentence above and shorten it if you "
                "like, without changing any word. (Quote marks and spacing may differ.)")
            return
        if len(state["evidence"]) >= MAX_ITEMS:
            add_feedback.value = _status(f"You already have {MAX_ITEMS} items; remove one first.")
            return
        quote = art["text"][found[0]:found[1]]
        state["evidence"].append({"article": art["id"], "quote": quote, "tag": tag.value})
        n = len(state["evidence"])
        add_feedback.value = _status(f"Added as item [{n}] ({esc(TAGS[tag.value].lower())}).")
        changed()

    def remove_item(n: int) -> None:
        if 1 <= n <= len(state["evidence"]):
            state["evidence"].pop(n - 1)
            add_feedback.value = _status(f"Removed item [{n}]. Items after it are renumbered: check the "
                                         "numbers you cite in your reasoning.")
            changed()

    def do_export() -> None:
        if claim_dd.value is None:
            export.value = _status("Choose a claim first: there is nothing to export yet.")
            return
        d = draft()
        doc = claimreview(d)
        problems = check_claimreview(doc)
        base = f"fact-check-{claim_dd.value}"
        links = " · ".join(
            f'<a download="{esc(base + ext)}" href="{data_uri(body, mime)}" '
            f'style="color:#0b57d0;text-decoration:underline">{esc(label)}</a>'
            for label, ext, body, mime in [
                ("ClaimReview JSON-LD", ".jsonld", jsonld_text(doc), "application/ld+json"),
                ("Write-up (Markdown)", ".md", writeup_markdown(d), "text/markdown"),
                ("Write-up (HTML)", ".html", writeup_html(d), "text/html")])
        lines = [f"<li>{esc(p.level)}: <code>{esc(p.path)}</code>"
                 + (f" (left out on purpose: {esc(p.note)})" if p.note else "") + "</li>" for p in problems]
        missing_required = [p for p in problems if p.level == "required"]
        verdict = ("All of Google's required ClaimReview properties are present." if not missing_required else
                   "\u26a0 Required properties are missing.")
        export.value = (f'<div role="status" aria-live="polite" style="font-family:{FONT};{_BOX}">'
                        f"<strong>Export</strong> (download links; nothing is sent anywhere): {links}"
                        f"<p style=\"margin:4px 0\">{verdict} The page address (<code>url</code>) is a placeholder "
                        "under the reserved <code>.invalid</code> domain, because your fact-check is not published."
                        f"</p>{'<ul>' + ''.join(lines) + '</ul>' if lines else ''}"
                        f"<details><summary>See the JSON-LD</summary><pre style=\"white-space:pre-wrap\">"
                        f"{esc(jsonld_text(doc))}</pre></details></div>")
        save(" and exported")

    def show_text() -> None:
        text_out.value = (f'<pre aria-label="The fact-check as plain text" style="white-space:pre-wrap;'
                          f'word-break:normal;overflow-wrap:break-word;font-family:{FONT};{_BOX}">'
                          f'{esc(draft_text(draft()))}</pre>')

    def toggle_text() -> None:
        if text_out.value:
            text_out.value = ""
            text_button.description = "Show as text"
        else:
            show_text()
            text_button.description = "Hide the text"

    def guard(action: Any) -> Any:
        def handler(_button: Any = None) -> None:
            try:
                action()
            except Exception as err:  # never a traceback in the learner's notebook
                status.value = _status(f"\u2139 Something went wrong ({esc(type(err).__name__)}). "
                                       "Please try again.")
        return handler

    article_dd.observe(on_article, "value")
    sentence_dd.observe(on_sentence, "value")
    claim_dd.observe(on_claim, "value")
    for w in [*text_fields.values(), rating, confidence]:
        w.observe(changed, "value")
    add_button.on_click(guard(add))
    save_button.on_click(guard(lambda: save()))
    export_button.on_click(guard(do_export))
    text_button.on_click(guard(toggle_text))

    on_article({"new": article_dd.value})
    if first is not None:
        claim_dd.value = first  # restores the saved fact-check through on_claim
    else:
        load_claim(None)
    if store is not None and store.notes:
        status.value = notes_html(store.notes)
    if claim_id is not None and claim_id not in claim_ids:
        status.value = _status(f"There is no claim {esc(repr(str(claim_id)[:80]))} among those no source rates: "
                               "choose one from the list.")

    buttons = widgets.HBox([save_button, export_button, text_button], layout=widgets.Layout(flex_flow="row wrap"))
    children = [intro, widgets.HTML(_heading("1. Choose a claim, and quote it exactly")), claim_dd, claim_box,
                claim_quote, widgets.HTML(_heading("2. Gather evidence: the sources' own words")),
                widgets.HTML(f'<p style="font-family:{FONT};margin:2px 0">Pick a sentence; you may shorten it, but '
                             'not change any word. Only the source\u2019s own words can be added.</p>'),
                article_dd, sentence_dd, span,
                tag, add_button, add_feedback, items_box, origin,
                widgets.HTML(_heading("3. Reasoning")), reasoning, citation_check,
                widgets.HTML(_heading("4. Rating")), widgets.HTML(rating_scale_html()), rating, confidence,
                widgets.HTML(_heading("5. Limits, and the checklist")), limits, optional_hint, one_side_why,
                independent_why,
                author, checklist, buttons, status, export, text_out]
    box = panel(children, TITLE, border="1px solid #ccc", padding="6px 10px", margin="6px 0")
    box.store = store
    box.claim, box.claim_quote, box.claim_box = claim_dd, claim_quote, claim_box
    box.article, box.sentence, box.span, box.tag = article_dd, sentence_dd, span, tag
    box.add_button, box.add_feedback, box.items, box.origin = add_button, add_feedback, items_box, origin
    box.reasoning, box.citation_check, box.rating, box.confidence = reasoning, citation_check, rating, confidence
    box.limits, box.one_side_why, box.independent_why, box.author = limits, one_side_why, independent_why, author
    box.checklist, box.save_button, box.export_button, box.text_button = checklist, save_button, export_button, text_button
    box.status, box.export, box.text = status, export, text_out
    box.record, box.draft = record, draft
    return box



# --------------------------------------------------------------------------- the class report

def _handin_factchecks(handins: Any) -> list[tuple[str, str, dict[str, Any]]]:
    """(learner, claim id, record) for every fact-check in the hand-ins; malformed entries are skipped."""
    out = []
    for h in handins if isinstance(handins, list) else []:
        if not isinstance(h, dict):
            continue
        learner = str(h.get("learner") or "(no name)")[:120]
        results = h.get("results") if isinstance(h.get("results"), dict) else {}
        found = results.get(KIND) if isinstance(results.get(KIND), dict) else {}
        for key, rec in found.items():
            if isinstance(key, str) and isinstance(rec, dict):
                out.append((learner, key[:200], rec))
    return sorted(out, key=lambda t: (t[0].lower(), t[0], t[1]))


def _mark(finding: Any) -> str:
    """A checklist finding's symbol and word: "✔ met", "○ not yet" or "– does not apply"."""
    if not finding.applies:
        return "\u2013 does not apply"
    return "\u2714 met" if finding.ok else "\u25cb not yet"


def report_section(handins: list[dict[str, Any]], *, folder: str | Path | None = None) -> dict[str, str]:
    """The class report's section on the capstone: the ratings given per claim, then each learner's fact-check.

    Every learner's fact-check is read again against the course data (its quotes looked up, its checklist
    recomputed), so the report shows what the sources support, not what a hand-in file says about itself.

    Parameters
    ----------
    handins : list of dict
        Hand-ins, each ``{"learner": str, "results": {"factcheck": {claim id: record}}, ...}`` (untrusted).
    folder : str or Path, optional
        A data folder laid out like the package's ``data/`` (for tests).

    Returns
    -------
    dict
        ``{"id": "factcheck", "title": ..., "html": ..., "text": ...}``; the HTML is escaped throughout and
        loads nothing; the text is its plain twin.

    Examples
    --------
    >>> sec = report_section([{"learner": "Ana <b>", "results": {"factcheck": {
    ...     "russia-intention-to-invade": {"rating": "cant-tell", "confidence": 70}}}}])
    >>> sec["id"], "Ana &lt;b&gt;" in sec["html"], "<b>" in sec["html"]
    ('factcheck', True, False)
    """
    from .data import load

    data = load(folder)
    entries = _handin_factchecks(handins)
    title = "Fact-checks (capstone: Check it yourself)"
    if not entries:
        text = f"{title}\nNo fact-checks in these hand-ins.\n"
        return {"id": KIND, "title": title, "html": "<p>No fact-checks in these hand-ins.</p>", "text": text}

    # ratings given per claim
    per_claim: dict[str, dict[str, list[str]]] = {}
    for learner, key, rec in entries:
        rating = clean_record(rec)["rating"] or "none"
        per_claim.setdefault(key, {}).setdefault(rating, []).append(learner)
    columns = [*RATINGS, "none"]
    labels = {**RATINGS, "none": "Not rated yet"}
    head = "".join(f'<th scope="col" style="{_CELL}">{esc(labels[c])}</th>' for c in columns)
    rows, text_rows = [], []
    for key in sorted(per_claim, key=lambda k: (k not in data.claims, k)):
        claim = data.claims.get(key)
        name = claim.get("claim", key) if claim else f"{key} (not a claim of this course)"
        cells = "".join(f'<td style="{_CELL}">{len(per_claim[key].get(c, []))}'
                        + (f'<br><small>{esc(", ".join(per_claim[key][c]))}</small>' if per_claim[key].get(c) else "")
                        + "</td>" for c in columns)
        rows.append(f'<tr><th scope="row" style="text-align:left;font-weight:400;{_CELL}">{esc(name)}</th>{cells}</tr>')
        counts = "; ".join(f"{labels[c]}: {len(v)} ({', '.join(v)})" for c in columns if (v := per_claim[key].get(c)))
        text_rows.append(f"- {name}\n    {counts}")
    table = (f'<table class="rtc-ratings" style="border-collapse:collapse"><caption style="text-align:left">'
             f'Ratings given per claim (number of learners; names below)</caption><thead><tr><th scope="col" style="{_CELL}">Claim'
             f'</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')

    # each learner's fact-check
    blocks, text_blocks = [], []
    for learner, key, rec in entries:
        d = Draft(dict(rec, claim=key), data)
        r = d.record
        claim_name = d.claim.get("claim", key) if d.claim else f"{key} (not a claim of this course)"
        checks = "".join(f"<li>{_mark(f)}: {esc(f.title)}</li>" for f in d.checklist())
        summary = "<br>".join(esc(line) for line in d.origin_text().splitlines())
        bad = d.bad_citations()
        blocks.append(
            f'<section style="border-top:1px solid #ccc;margin-top:8px"><h4 style="margin:6px 0">{esc(learner)}: '
            f"{esc(claim_name)}</h4><p>Rating: <strong>{esc(RATINGS.get(r['rating'] or '', 'not rated yet'))}"
            f"</strong>, {r['confidence']}% sure · {len(d.found_items)} evidence item(s)"
            + (f", {len(d.items) - len(d.found_items)} not found in their article" if len(d.found_items) < len(d.items)
               else "")
            + (f" · cites items not in the list: {esc(', '.join(f'[{n}]' for n in bad))}" if bad else "")
            + f"</p><p>{summary}</p><ul class=\"rtc-checklist\">{checks}</ul>"
            f"<details><summary>Reasoning and limits</summary><p>{esc(r['reasoning']) or '<i>(none)</i>'}</p>"
            f"<p><strong>What would change the rating:</strong> {esc(r['limits']) or '<i>(not stated)</i>'}</p>"
            f"</details></section>")
        text_checks = "\n".join(
            f"    [{'does not apply' if not f.applies else ('met' if f.ok else 'not yet')}] {f.title}"
            for f in d.checklist())
        text_blocks.append(
            f"{learner}: {claim_name}\n  Rating: {RATINGS.get(r['rating'] or '', 'not rated yet')}, "
            f"{r['confidence']}% sure; {len(d.found_items)} evidence item(s)"
            + (f"; cites items not in the list: {', '.join(f'[{n}]' for n in bad)}" if bad else "")
            + "\n" + "\n".join(f"  {line}" for line in d.origin_text().splitlines())
            + f"\n  Checklist:\n{text_checks}\n  Reasoning: {r['reasoning'] or '(none)'}\n"
            f"  What would change the rating: {r['limits'] or '(not stated)'}")
    html_out = (f'<div class="rtc-report-factcheck" style="font-family:{FONT}">{table}'
                f'<h4 style="margin:10px 0 2px 0">Each learner\u2019s fact-check</h4>{"".join(blocks)}</div>')
    text = (f"{title}\n\nRatings given per claim:\n" + "\n".join(text_rows)
            + "\n\nEach learner's fact-check:\n\n" + "\n\n".join(text_blocks) + "\n")
    return {"id": KIND, "title": title, "html": html_out, "text": text}
