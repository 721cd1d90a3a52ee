"""The timeline figure, its text twin and the explorer widget, on the course data and on small made-up data."""
from __future__ import annotations

import html
import json

import pytest

from course_lib import load
from course_lib.data import COLLECTIONS, Collection, CourseData
from course_lib.theme import decode_array, plot_date, short_quote
from course_lib.timeline import (CATEGORIES, ERAS, SUMMARY_CUT, eras, select_events, timeline, timeline_explorer,
                                 timeline_text)
from course_lib.ui import SIDES

DATA = load()


def _with_events(events: list[dict]) -> CourseData:
    """The course data with its events replaced (ERAS' start events are kept so eras still resolve)."""
    keep = [DATA.events[e["start_event"]] for e in ERAS]
    cols = {name: getattr(DATA, name) for name in COLLECTIONS}
    cols["events"] = Collection("events", keep + events)
    return CourseData(**cols)


def _event(id_, date, **kw):
    base = {"id": id_, "date": date, "title": f"Title {id_}", "summary": f"Summary {id_}", "category": "statement",
            "actors": ["reznikov"], "places": [], "topics": ["invasion-intentions"], "date_basis": "test",
            "sources": [{"article": "newsweek", "quote": "no plans to attack anyone"}]}
    return {**base, **kw}


def _markers(fig):
    """The traces that draw events (not the legend-only entry that explains hollow markers)."""
    return [t for t in fig.data if t.mode == "markers" and t.hoverinfo != "skip"]


def _flat(hover: str) -> str:
    """Hover text as a reader sees it: line breaks as spaces, entities decoded."""
    return " ".join(html.unescape(hover.replace("<br>", " ")).split())


def _hovers(fig):
    return [_flat(h) for t in _markers(fig) for h in t.hovertext]


def test_only_plain_scatter_traces_and_no_geo_or_urls():
    fig = timeline()
    assert {t.type for t in fig.data} == {"scatter"}
    layout = fig.to_dict()["layout"]
    assert not {"geo", "mapbox", "map"} & set(layout)
    raw = fig.to_json()
    assert "http" not in raw and "cdn" not in raw.lower() and "topojson" not in raw


def test_every_event_is_drawn_once_in_category_lanes():
    fig = timeline()
    markers = _markers(fig)
    assert sum(len(t.x) for t in markers) == len(DATA.events)
    assert {t.name for t in markers} <= set(CATEGORIES.values())
    titles = [e["title"] for e in DATA.events.values()]
    hovers = " ".join(_hovers(fig))
    assert all(" ".join(t.split()) in hovers for t in titles)


def test_hover_names_the_summary_and_every_source_outlet_and_date():
    fig = timeline()
    hovers = _hovers(fig)
    for ev in DATA.events.values():
        flat = next(h for h in hovers if " ".join(ev["title"].split()) in h)
        assert "In the course's words" in flat
        assert " ".join(ev["summary"].split()[:6]) in flat, ev["id"]
        for src in ev["sources"]:
            art = DATA.articles[src["article"]]
            assert " ".join(art["outlet"].split()) in flat, (ev["id"], art["id"])


def test_side_lanes_use_the_side_palette_markers():
    fig = timeline(lanes="side")
    markers = _markers(fig)
    symbols = [t.marker.symbol for t in markers]
    assert len(set(symbols)) == len(symbols), "each side lane has its own marker shape"
    for side, style in SIDES.items():
        lane = [t for t in markers if t.name == f"{style['symbol']} {style['label']}"]
        for trace in lane:
            assert trace.marker.symbol.replace("-open", "") == style["marker"] and trace.marker.color == style["color"]
    # an event whose actors are on several sides sits in each of their lanes
    assert sum(len(t.x) for t in markers) >= len(DATA.events)


def test_eras_come_from_events_and_are_shaded_and_labelled():
    found = eras()
    assert [e["label"] for e in found] == [e["label"] for e in ERAS]
    for era in found:
        assert era["start"].isoformat()[:4] == era["event"]["date"][:4]
    fig = timeline()
    labels = [a.text for a in fig.layout.annotations]
    assert all(e["label"] in labels for e in ERAS)
    rects = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(rects) == len(ERAS)


def test_month_and_year_dates_are_drawn_mid_period_with_their_range():
    data = _with_events([_event("month-only", "2021-11"), _event("year-only", "2019"),
                         _event("lasting", "2022-09-23", date_end="2022-09-27", category="law")])
    fig = timeline(data=data)
    xs = [x for t in _markers(fig) for x in t.x]
    assert "2021-11-15" in xs and "2019-07-02" in xs
    assert not any(x in ("2021-11-01", "2019-01-01") for x in xs), "imprecise dates must not be faked to a day"
    vague = next(t for t in fig.data if t.name == "Date known only to the month or year")
    assert {"2021-11-01", "2021-11-30", "2019-01-01", "2019-12-31"} <= set(decode_array(vague.x))
    lasting = next(t for t in fig.data if t.name == "Event lasting from start to end date")
    assert ["2022-09-23", "2022-09-27"] == [x for x in decode_array(lasting.x) if x and x.startswith("2022-09")]
    vague_span = _with_events([_event("season", "2014-02", date_end="2014-03")])
    fig2 = timeline(data=vague_span)
    solid = [x for t in fig2.data if t.name == "Event lasting from start to end date" for x in decode_array(t.x) if x]
    assert "2014-02-14" not in solid, "a span known only to the month is not a solid bar between invented days"
    dotted = [x for x in decode_array(next(t for t in fig2.data if t.name == "Date known only to the month or year").x)]
    assert any(dotted[i:i + 2] == ["2014-02-01", "2014-03-31"] for i in range(len(dotted)))
    hover = next(h for h in _hovers(fig) if "Title month-only" in h)
    assert "Nov 2021 (month only)" in hover and "drawn mid-month" in hover


def test_filters_by_period_and_topic():
    crisis = timeline(start="2021-11", end="2022-02")
    xs = [x for t in _markers(crisis) for x in t.x]
    assert xs and all("2021-11-01" <= x <= "2022-02-28" for x in xs)
    assert len(xs) < len(DATA.events)
    topic = "troop-numbers"
    chosen = select_events(topic=topic)
    assert chosen and all(topic in e["topics"] for e in chosen)
    fig = timeline(topic="Troop numbers")  # a label works too
    assert sum(len(t.x) for t in _markers(fig)) == len(chosen)
    assert "Troop numbers" in fig.layout.title.text


@pytest.mark.parametrize("kwargs, message", [
    ({"topic": "troop-numbrs"}, "(?i)did you mean 'troop-numbers'"),
    ({"start": "December"}, "must be a date"),
    ({"start": "2023", "end": "2021"}, "is after"),
    ({"lanes": "actors"}, "lanes must be"),
])
def test_bad_input_gets_a_friendly_message(kwargs, message):
    with pytest.raises(ValueError, match=message):
        timeline(**kwargs)


def test_no_matching_events_draws_an_empty_timeline_with_a_note():
    fig = timeline(start="2016", end="2017")
    assert not _markers(fig)
    assert any("No events match" in a.text for a in fig.layout.annotations)


def test_data_strings_are_escaped():
    data = _with_events([_event("xss", "2021-12-14", title="<img src=x onerror=alert(1)>")])
    raw = timeline(data=data).to_json()
    assert "<img" not in raw and "&lt;img" in raw
    assert "<img" not in json.dumps(timeline_explorer(data=data).children[2].outputs)


def test_figure_json_stays_small():
    sizes = {lanes: len(timeline(lanes=lanes).to_json()) for lanes in ("category", "side")}
    assert max(sizes.values()) < 90_000, sizes


def test_text_twin_has_every_event_and_the_framing():
    text, whole = timeline_text(), timeline_text(full=True)
    hovers = " ".join(html.unescape(h.replace("<br>", " ")) for t in timeline().data if t.hovertext
                      for h in t.hovertext)
    hovers = " ".join(hovers.split())
    for ev in DATA.events.values():
        assert ev["title"] in text
        cut = short_quote(ev["summary"], SUMMARY_CUT)
        # the twin says what the hover says; full=True gives the whole summary
        assert cut in text and cut in hovers
        assert ev["summary"] in whole
        assert (cut == ev["summary"]) == (ev["summary"] in text)
        for src in ev["sources"]:
            assert DATA.articles[src["article"]]["outlet"] in text
    assert "the course's own framing" in text
    assert all(e["label"] in text for e in ERAS)
    assert text == timeline_text()  # stable


def test_text_twin_follows_the_filters():
    rows = [line for line in timeline_text(topic="troop-numbers").splitlines() if line.startswith("- ")]
    for ev in DATA.events.values():
        listed = any(line.endswith(": " + ev["title"]) for line in rows)
        assert listed == ("troop-numbers" in ev["topics"]), ev["id"]


def test_explorer_redraws_on_every_control():
    w = timeline_explorer()
    assert repr(w).startswith("Timeline explorer")
    (period, topic), lanes, out, details = w.children[0].children, w.children[1], w.children[2], w.children[3]
    assert [period.description, topic.description, lanes.description] == ["Period", "Topic", "Lanes"]

    def figure():
        (output,) = out.outputs
        assert set(output["data"]) == {"application/vnd.plotly.v1+json", "text/plain"}
        return output["data"]["application/vnd.plotly.v1+json"]

    def n_markers(fig):
        return sum(len(t["x"]) for t in fig["data"] if t["mode"] == "markers" and t.get("hoverinfo") != "skip")

    assert n_markers(figure()) == len(DATA.events)
    topic.value = "troop-numbers"
    assert n_markers(figure()) == len(select_events(topic="troop-numbers"))
    assert "topic: Troop numbers" in details.children[0].value
    lanes.value = "side"
    assert any(t["name"].startswith(SIDES["russia"]["symbol"]) for t in figure()["data"])
    topic.value = ""
    period.value = len(period.options) - 1  # the crisis months
    xs = [x for t in figure()["data"] if t["mode"] == "markers" for x in t["x"] if x is not None]
    assert all("2021-11" <= x[:7] <= "2022-02" for x in xs)
    assert "<script" not in json.dumps(out.outputs)


def test_plot_date_is_what_the_figure_uses():
    ev = next(e for e in DATA.events.values() if len(e["date"]) < 10)
    xs = [x for t in _markers(timeline()) for x in t.x]
    assert plot_date(ev["date"]) in xs


def test_docstring_examples_run():
    import doctest
    import importlib

    mods = [importlib.import_module("course_lib.timeline")]
    for mod in mods:
        result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
        assert result.attempted > 0 and result.failed == 0, (mod.__name__, result)


def test_approximate_dates_have_hollow_markers_and_the_sign():
    """The spring 2021 buildup (year only) and the undated 17 Feb statements are never drawn as exact days."""
    fig = timeline()
    for trace in _markers(fig):
        for h in trace.hovertext:
            flat = _flat(h)
            hollow = trace.marker.symbol.endswith(("-open", "-open-dot"))
            approx = "\u2248" in flat.split("In the course's words")[0]
            assert hollow == approx, flat[:80]
    spring = next(h for h in _hovers(fig) if "Spring 2021" in h)
    assert "\u2248 2021 (year only)" in spring
    western = next(h for h in _hovers(fig) if "pretext" in h.lower() and "17 Feb 2022" in h)
    assert "\u2248 17 Feb 2022 (undated; article date)" in western
    assert any(t.hoverinfo == "skip" and "Hollow marker" in (t.name or "") for t in fig.data)
    text = timeline_text()
    assert "\u2248 2021 (year only) | Troop build-up" in text
    assert "\u2248 17 Feb 2022 (undated; article date)" in text
