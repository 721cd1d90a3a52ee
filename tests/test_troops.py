"""The troop-number chart and its text twin."""
from __future__ import annotations

import html

from course_lib import load
from course_lib.data import COLLECTIONS, Collection, CourseData
from course_lib.troops import (APPROX_LEGEND, amount_text, claimant, figure_style, troop_chart, troop_chart_text, troop_figures,
                               unquantified_figures, value_text)
from course_lib.ui import MEDIA_STYLE, SIDES

DATA = load()
COUNTS, OTHERS = troop_figures(DATA)


def _flat(text: str) -> str:
    return " ".join(html.unescape(text.replace("<br>", " ")).split())


def _with_figures(figures: list[dict]) -> CourseData:
    cols = {name: getattr(DATA, name) for name in COLLECTIONS}
    cols["figures"] = Collection("figures", figures)
    return CourseData(**cols)


def _fig(id_, value, qualifier, claimed_by, date="2021-12-14", **kw):
    return {"id": id_, "value": value, "qualifier": qualifier, "unit": "troops", "category": "troops",
            "subject": f"Subject {id_}", "counted_side": "russia", "claimed_by": claimed_by, "date": date,
            "date_basis": "test", "article": "newsweek", "quote": "about 70,000 troops near its border", **kw}


def test_the_data_has_troop_numbers_from_several_sides():
    assert len(COUNTS) >= 5
    sides = {DATA.actors[f["claimed_by"]]["side"] for f in COUNTS if DATA.actors[f["claimed_by"]]["kind"] != "media"}
    assert len(sides) >= 2


def _data_traces(fig):
    return [t for t in fig.data if t.name != APPROX_LEGEND]


def test_one_trace_per_claimant_side_with_its_own_marker():
    fig = troop_chart()
    assert {t.type for t in fig.data} == {"scatter"}
    exact = [t for t in _data_traces(fig) if not t.marker.symbol.endswith("-open")]
    symbols = [t.marker.symbol for t in exact]
    colours = [t.marker.color for t in exact]
    assert len(set(symbols)) == len(symbols) == len(set(colours))
    styles = {f"{s['symbol']} {s['label']}": s for s in SIDES.values()}
    for trace in _data_traces(fig):
        style = styles.get(trace.name.replace(" (\u2248 approximate date)", ""), MEDIA_STYLE)
        if "ambiguous" in trace.name:
            continue
        assert trace.marker.symbol.replace("-open", "") == style["marker"] and trace.marker.color == style["color"]
        assert trace.showlegend is not False or any(t.legendgroup == trace.legendgroup for t in exact)
    assert fig.layout.legend.title.text.startswith("Given by")


def test_every_head_count_is_drawn_once_at_its_value():
    fig = troop_chart()
    drawn = sorted(x for t in fig.data for x in t.x if x is not None)
    assert drawn == sorted(f["value"] for f in COUNTS)
    assert not any(f["value"] in drawn for f in OTHERS if f["value"] not in [c["value"] for c in COUNTS])


def test_claimant_side_decides_the_trace():
    fig = troop_chart()
    for f in COUNTS:
        style = figure_style(DATA, f)
        traces = [t for t in fig.data if t.marker.symbol.replace("-open", "") == style["marker"]]
        assert any(f["value"] in t.x for t in traces), f["id"]


def test_labels_keep_the_qualifier_and_say_what_is_counted_and_by_whom():
    fig = troop_chart()
    labels = [_flat(x) for t in fig.data for x in (t.text or [])]
    rows = [_flat(a.text) for a in fig.layout.annotations]
    for f in COUNTS:
        assert value_text(f) in labels
        name = _flat(claimant(DATA, f)) if f.get("claimed_by_alternative") else DATA.actors[f["claimed_by"]]["name"]
        assert any(_flat(f["subject"]) in r and f"given by {name}" in r for r in rows), f["id"]
    assert any(lab.startswith(("about", "around", "more than", "up to")) for lab in labels)


def test_hover_gives_what_who_when_and_the_source_quote():
    fig = troop_chart()
    hovers = [_flat(h) for t in fig.data for h in (t.hovertext or [])]
    for f in COUNTS:
        hover = next(h for h in hovers if _flat(f["subject"]) in h)
        assert _flat(DATA.articles[f["article"]]["outlet"]) in hover
        assert " ".join(f["quote"].split()[:4]) in hover
        assert _flat(claimant(DATA, f)) in hover


def test_media_claims_use_the_media_style_and_are_said_to_be_in_the_outlets_voice():
    data = _with_figures([_fig("a", 1000, "about", "afp"), _fig("b", 2000, "more than", "reznikov"),
                          _fig("c", 3000, "up to", "zakharova", date="2022-01")])
    fig = troop_chart(data=data)
    assert [t.marker.symbol for t in fig.data] == ["square-open", "circle", MEDIA_STYLE["marker"], "circle-open"]
    media = next(t for t in fig.data if t.marker.symbol == MEDIA_STYLE["marker"])
    assert "in its own voice" in media.name
    assert [_flat(x) for t in fig.data for x in (t.text or [])] == ["up to 3,000", "more than 2,000", "about 1,000"]
    ticks = [_flat(t) for t in fig.layout.yaxis.ticktext]
    assert "\u2248 Jan 2022 (month only)" in ticks


def test_no_geo_no_urls_and_small():
    fig = troop_chart()
    raw = fig.to_json()
    assert "http" not in raw and "cdn" not in raw.lower()
    assert not {"geo", "mapbox", "map"} & set(fig.to_dict()["layout"])
    assert len(raw) < 40_000


def test_data_strings_are_escaped():
    data = _with_figures([_fig("x", 5, "about", "afp", subject="<b onmouseover=alert(1)>x</b>")])
    raw = troop_chart(data=data).to_json()
    assert "<b onmouseover" not in raw


def test_text_twin_lists_every_troop_figure():
    text = troop_chart_text()
    for f in COUNTS + OTHERS + unquantified_figures(DATA):
        assert amount_text(f) in text
        assert f["subject"] in text
        assert claimant(DATA, f) in text
        assert DATA.articles[f["article"]]["outlet"] in text
        assert " ".join(f["quote"].split()[:5]) in text
    assert "not measurements of one quantity" in text
    assert text == troop_chart_text()


def test_text_twin_table_has_the_asked_columns():
    header = next(line for line in troop_chart_text().splitlines() if line.startswith("Date"))
    assert [c.strip() for c in header.split("|")] == ["Date", "Number", "What is counted", "Given by", "Article"]


def test_docstring_examples_run():
    import doctest
    import importlib

    mods = [importlib.import_module("course_lib.troops")]
    for mod in mods:
        result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
        assert result.attempted > 0 and result.failed == 0, (mod.__name__, result)


def test_a_claim_with_no_number_is_never_drawn_at_a_value():
    vague = unquantified_figures(DATA)
    assert [f["id"] for f in vague] == ["russian-officials-ukrainian-troops-tens-of-thousands"]
    fig = troop_chart()
    drawn = [x for t in fig.data for x in t.x if x is not None]
    assert len(drawn) == len(COUNTS) and 10000 not in drawn
    rows = [_flat(a.text) for a in fig.layout.annotations]
    assert any("no number given" in r and "tens of thousands" in r for r in rows)
    assert len(fig.layout.yaxis.ticktext) == len(COUNTS) + len(vague)
    text = troop_chart_text()
    assert "no number given (\u201ctens of thousands\u201d troops)" in text and "10,000" not in text


def test_approximate_dates_are_hollow_and_marked():
    fig = troop_chart()
    for f in COUNTS:
        trace = next(t for t in fig.data if t.x and f["value"] in t.x and _flat(f["subject"]) in _flat(" ".join(t.hovertext)))
        approx = f.get("undated") or len(f["date"]) < 10
        assert trace.marker.symbol.endswith("-open") == bool(approx), f["id"]
    assert any(t.name == APPROX_LEGEND for t in fig.data)
    ticks = [_flat(t) for t in fig.layout.yaxis.ticktext]
    assert "\u2248 17 Feb 2022 (undated; article date)" in ticks
    assert "\u2248 17 Feb 2022 (undated; article date)" in " ".join(troop_chart_text().split())


def test_the_70000_names_both_possible_sources():
    f = DATA.figures["russian-troops-70000-newsweek"]
    label = "Newsweek / Ukrainian officials (the article is ambiguous)"
    assert claimant(DATA, f) == label
    fig = troop_chart()
    trace = next(t for t in fig.data if t.x and 70000 in t.x)
    assert "ambiguous" in trace.name and trace.marker.symbol.startswith("hexagram")
    assert label in " ".join(troop_chart_text().split())


def test_text_twin_says_everything_the_chart_hover_says():
    """Text-twin completeness: each figure's note, date (with its precision) and attribution, as in the hover."""
    text = " ".join(troop_chart_text().split())
    fig = troop_chart()
    hovers = [_flat(h) for t in fig.data for h in (t.hovertext or [])]
    hovers += [_flat(a.hovertext) for a in fig.layout.annotations if a.hovertext]
    for f in COUNTS + unquantified_figures(DATA):
        hover = next(h for h in hovers if _flat(f["subject"]) in h)
        if f.get("note"):
            assert " ".join(f["note"].split()) in text, f["id"]
            assert _flat(f["note"])[:60] in hover
        from course_lib.troops import date_label
        assert date_label(f) in text and date_label(f) in hover, f["id"]
        assert _flat(claimant(DATA, f)) in text and _flat(claimant(DATA, f)) in hover
