"""The offline map (shapes derived by course_lib.geo), its highlights, places and text twin."""
from __future__ import annotations

import html
import json
import re

import pytest

from course_lib import load
from course_lib.crisis_map import CREDIT, DE_JURE_NOTE, HIGHLIGHTS, crisis_map, crisis_map_text, region_of
from course_lib.geo import BBOX, OUT_FILE, build, load_shapes, write
from course_lib.paths import data_dir
from course_lib.text import occurs_in
from course_lib.theme import decode_array

DATA = load()
SHAPES = load_shapes()
FIG = crisis_map()


def _flat(text: str) -> str:
    """Plotly pseudo-HTML as a reader sees it: tags dropped, entities decoded, white space collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", text)).split())


def _polygons(fig):
    """Filled shapes: int16 typed-array rings whose fill and hover come from the figure's template."""
    return [t for t in fig.data if isinstance(t.x, dict) and t.fill != "none"]


def _regions(fig, code):
    name = SHAPES["regions_by_id"][code]["name"]
    return [t for t in _polygons(fig) if t.name.split("<br>")[0] == name]


# ----------------------------------------------------------------------------- the derived shapes
def test_map_shapes_has_ukraines_27_regions_inside_the_box():
    codes = [r["id"] for r in SHAPES["regions"]]
    assert len(codes) == 27 and all(c.startswith("UA-") for c in codes)
    assert {"UA-14", "UA-09", "UA-43", "UA-40", "UA-23", "UA-65"} <= set(codes)
    k = SHAPES["scale"]
    for rec in SHAPES["regions"] + SHAPES["countries"]:
        for ring in rec["rings"]:
            assert len(ring) >= 6 and len(ring) % 2 == 0
            assert all(BBOX[0] * k <= x <= BBOX[2] * k for x in ring[0::2]), rec["id"]
            assert all(BBOX[1] * k <= y <= BBOX[3] * k for y in ring[1::2]), rec["id"]
    assert {"RUS", "BLR", "POL", "MDA", "ROU", "UKR"} <= set(SHAPES["countries_by_id"])


def test_map_shapes_is_reproducible_from_the_geojson(tmp_path):
    src = data_dir() / "geo"
    if not (src / "ne10m_admin1_ukraine.geojson").exists():
        pytest.skip("the Natural Earth GeoJSON files are not in data/geo")
    out = tmp_path / OUT_FILE
    write(build(src), out)
    assert out.read_bytes() == (src / OUT_FILE).read_bytes(), "run `python -m course_lib.geo` and commit"


# ----------------------------------------------------------------------------- the figure
def test_only_scatter_traces_on_plain_axes():
    assert {t.type for t in FIG.data} == {"scatter"}
    layout = FIG.to_dict()["layout"]
    assert not {"geo", "mapbox", "map"} & set(layout)
    for trace in FIG.to_dict()["data"]:
        assert not {"locationmode", "locations", "lat", "lon", "geojson"} & set(trace)
    assert FIG.layout.yaxis.scaleanchor == "x"


def test_polygon_defaults_live_in_the_template_and_do_not_leak():
    (defaults,) = FIG.layout.template.data.scatter
    assert defaults.fill == "toself" and defaults.hoveron == "fills" and defaults.showlegend is False
    for t in FIG.data:
        if isinstance(t.x, dict):
            assert t.fill in (None, "none"), t.name  # a ring: filled by the template, or an outline
        else:
            assert t.fill == "none" or t.x == (None,), t.name  # labels and markers opt out explicitly
            assert t.showlegend is not None, t.name


def test_figure_json_has_no_url_and_stays_small():
    raw = FIG.to_json()
    for bad in ("http", "topojson", "cdn", "mapbox", "<script"):
        assert bad not in raw.lower(), bad
    assert len(raw) < 150_000, len(raw)


def test_all_regions_and_neighbours_are_drawn():
    names = {t.name.split("<br>")[0] for t in _polygons(FIG)}
    assert {r["name"] for r in SHAPES["regions"]} <= names
    assert {"Russia", "Belarus", "Moldova", "Poland", "Romania"} <= names
    polygon = next(t for t in FIG.data if t.name == "Belarus")
    xs = [x for x in decode_array(polygon.x) if x is not None]
    assert xs and all(BBOX[0] * 100 <= x <= BBOX[2] * 100 for x in xs)


def test_highlights_use_patterns_or_outlines_and_labels_not_colour_alone():
    for code in ("UA-14", "UA-09"):
        assert all(t.fillpattern.shape == "/" for t in _regions(FIG, code))
    for code in ("UA-43", "UA-40"):
        assert all(t.fillpattern.shape == "." for t in _regions(FIG, code))
    for code in ("UA-23", "UA-65"):
        assert all(not t.fillpattern.shape for t in _regions(FIG, code))
    outlines = [t for t in FIG.data if t.legendgroup == "annexation-2022" and t.fill == "none"]
    assert outlines and all(t.line.dash == "dash" for t in outlines)
    n_rings = sum(len(SHAPES["regions_by_id"][c]["rings"]) for c in HIGHLIGHTS["annexation-2022"]["regions"])
    assert len(outlines) == n_rings + 1  # every ring, plus the legend entry
    legend = [t.name for t in FIG.data if t.showlegend]
    assert all(spec["legend"] in legend for spec in HIGHLIGHTS.values())
    # hover over a highlighted region names it and its highlight
    name = _regions(FIG, "UA-14")[0].name
    assert "Donetsk" in name and HIGHLIGHTS["donbas"]["label"] in name


def test_highlight_can_be_chosen_or_switched_off():
    none = crisis_map(highlight=())
    assert not any(t.fillpattern.shape for t in _polygons(none))
    assert not any(t.showlegend and "Donbas" in (t.name or "") for t in none.data)
    one = crisis_map(highlight="crimea")
    assert [t.name for t in one.data if t.showlegend and t.legendgroup == "crimea"]
    with pytest.raises(ValueError, match="choose from"):
        crisis_map(highlight=("donbass",))


def test_every_place_is_on_the_map_or_noted_at_its_edge():
    labels = " ".join(_flat(str(x)) for t in FIG.data if t.text is not None
                      for x in (t.text if isinstance(t.text, tuple) else [t.text]))
    notes = " ".join(_flat(a.text) for a in FIG.layout.annotations)
    for p in DATA.places.values():
        inside = BBOX[0] <= p["lon"] <= BBOX[2] and BBOX[1] <= p["lat"] <= BBOX[3]
        if inside:
            assert _flat(p["name"]) in labels + notes, p["id"]
        else:
            assert f"{_flat(p['name'])}, {p['country_de_jure']} (beyond the map)" in notes, p["id"]


def test_place_hover_quotes_the_articles():
    hovers = [_flat(h) for t in FIG.data if isinstance(t.hovertext, tuple) for h in t.hovertext]
    hovers += [_flat(a.hovertext) for a in FIG.layout.annotations if a.hovertext]
    for p in DATA.places.values():
        hover = next(h for h in hovers if h.startswith(_flat(p["name"])))
        m = p["mentions"][0]
        assert _flat(DATA.articles[m["article"]]["outlet"]) in hover
        assert " ".join(m["quote"].split()[:3]) in hover


def test_places_are_not_side_markers():
    from course_lib.ui import SIDES

    place_traces = [t for t in FIG.data if t.mode == "markers+text"]
    assert place_traces
    side_markers = {s["marker"] for s in SIDES.values() if s["marker"] != "circle"}
    assert not {t.marker.symbol for t in place_traces} & side_markers


def test_show_events_adds_event_counts_and_titles():
    fig = crisis_map(show_events=True)
    hovers = " ".join(_flat(h) for t in fig.data if isinstance(t.hovertext, tuple) for h in t.hovertext)
    at_place = [e for e in DATA.events.values() if "moscow" in e["places"]]
    n = len(at_place)
    assert at_place and any(f"Moscow ({n} event{'s' if n != 1 else ''})" in _flat(x) for t in fig.data if t.text
                            for x in (t.text if isinstance(t.text, tuple) else [t.text]))
    assert _flat(at_place[0]["title"]) in hovers


def test_de_jure_note_and_credit_are_on_the_figure_and_attributable():
    notes = " ".join(_flat(a.text) for a in FIG.layout.annotations)
    assert DE_JURE_NOTE in notes and CREDIT in notes
    polygraph = DATA.articles["polygraph"]["text"]
    assert occurs_in("On March 27, 2014, the United Nations General Assembly adopted the resolution "
                     "\"Territorial Integrity of Ukraine,\"", polygraph)
    assert occurs_in("Russia illegally invaded and subsequently annexed Ukraine's Crimean peninsula", polygraph)
    # the note names who says what about the annexation: each attribution is in that article
    assert occurs_in("Moscow moved to annex Crimea in 2014", DATA.articles["moscowtimes"]["text"])
    assert occurs_in("the same year Russian illegally annexed Crimea", DATA.articles["amn"]["text"])
    assert "'moved to annex'" in DE_JURE_NOTE and "Polygraph.info and RFE/RL" in DE_JURE_NOTE


def test_region_of_uses_the_region_field_or_the_polygon():
    stanytsia = DATA.places["stanytsia-luhanska"]
    assert region_of(stanytsia) == "UA-09"
    assert region_of({"lat": 50.45, "lon": 30.52}) == "UA-30"  # Kyiv city
    assert region_of({"lat": 55.75, "lon": 37.62}) is None  # Moscow


# ----------------------------------------------------------------------------- the text twin
def test_text_twin_names_regions_places_and_quotes():
    text = crisis_map_text()
    assert DE_JURE_NOTE in text and CREDIT in text
    for spec in HIGHLIGHTS.values():
        assert spec["label"] in text
        for code in spec["regions"]:
            assert f"{SHAPES['regions_by_id'][code]['name']} ({code})" in text
    for p in DATA.places.values():
        assert p["name"] in text
        for m in p["mentions"]:
            assert " ".join(m["quote"].split()[:5]) in text
        if p.get("note"):
            assert p["note"] in text
    assert "beyond the map's edge" in text
    assert text == crisis_map_text()


def test_text_twin_follows_highlight_and_events():
    text = crisis_map_text(highlight=["crimea"])
    assert HIGHLIGHTS["crimea"]["label"] in text and HIGHLIGHTS["donbas"]["label"] not in text
    with_events = crisis_map_text(show_events=True)
    for ev in DATA.events.values():
        if any(pid in DATA.places for pid in ev["places"]):
            assert ev["title"] in with_events, ev["id"]


def test_map_sizes_are_reported(capsys):
    sizes = {"default": len(FIG.to_json()), "no places": len(crisis_map(show_places=False).to_json()),
             "events": len(crisis_map(show_events=True).to_json())}
    with capsys.disabled():
        print("\ncrisis_map figure JSON bytes:", json.dumps(sizes))
    assert all(v < 150_000 for v in sizes.values())


def test_docstring_examples_run():
    import doctest
    import importlib

    mods = [importlib.import_module("course_lib.crisis_map")] + [importlib.import_module("course_lib.geo")]
    for mod in mods:
        result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
        assert result.attempted > 0 and result.failed == 0, (mod.__name__, result)


def test_each_mention_says_whose_words_it_is():
    """RFE/RL's words are not American Military News's, AFP's not The Moscow Times', and words Polygraph.info
    quotes from the UN resolution are not its own (reviews of notebook 05, item 4)."""
    text = crisis_map_text()
    assert "RFE/RL, reprinted by American Military News, Jan 2022: \u201cwhen it seized Ukraine" in text
    assert "AFP, published by The Moscow Times, 1 Dec 2021: \u201cMoscow moved to annex Crimea in 2014\u201d" in text
    assert ("Polygraph.info, Feb 2023, quoting words that are not its own: \u201cin parts of the Donetsk, Kherson"
            in text)
    assert "Polygraph.info, Feb 2023: \u201cRussia illegally invaded" in text  # its own words stay its own
    assert "annexation claims" not in text
