"""An offline map of Ukraine's regions, its neighbours and the places the articles mention.

The map is drawn without any network: no geo subplot, no choropleth, no base-map tiles (plotly.js would
download its topojson from a CDN for those). Each region and country is a filled ``go.Scatter`` polygon
from ``data/geo/map_shapes.json`` (see :mod:`course_lib.geo`) on equal-aspect x/y axes. Coordinates are
hundredths of a degree and the y axis is stretched by 1/cos(49.5°), a simple equirectangular projection
true to scale at Ukraine's latitude.

Highlighted regions use hatching or a dashed outline and a label, never colour alone:
``"donbas"`` (Donetsk UA-14, Luhansk UA-09), ``"crimea"`` (UA-43 and Sevastopol UA-40) and
``"annexation-2022"`` (the four regions named in Russia's 30 September 2022 annexation announcement, as
Polygraph.info reports it).

Examples
--------
>>> from course_lib.crisis_map import crisis_map, crisis_map_text
>>> fig = crisis_map()
>>> {t.type for t in fig.data}
{'scatter'}
>>> "Crimea" in crisis_map_text()
True
"""
from __future__ import annotations

import math
from typing import Any

from .data import CourseData, Record, load
from .geo import load_shapes
from .theme import (TextTwin, classroom, font_size, hover_text, record_span, new_figure, short_quote, source_text,
                    template, typed_array)
from .ui import TEXT_GREY, esc

#: what each highlight means; ``label`` and ``about`` are the course's own words, the evidence is in the
#: places' mentions (data/places.json) and the text version quotes it
HIGHLIGHTS: dict[str, dict[str, Any]] = {
    "donbas": {
        "label": "Donbas: Donetsk and Luhansk regions",
        "key": "/// hatching", "legend": "/// Donbas (Donetsk, Luhansk)",
        "regions": ["UA-14", "UA-09"],
        "about": "Newsweek calls the Donetsk and Luhansk regions 'collectively known as Donbas' (AFP writes "
                 "'Donbass'). Newsweek, euronews and RFE/RL say Ukrainian forces and separatists have fought "
                 "there since 2014 (Newsweek, euronews and AFP call the separatists 'Russian-backed').",
        "style": {"fillpattern": {"shape": "/", "fgcolor": "#7A3A00", "bgcolor": "#FFFFFF", "size": 9,
                                  "solidity": 0.25}},
    },
    "crimea": {
        "label": "Crimea and Sevastopol",
        "key": "··· dotted pattern", "legend": "··· Crimea and Sevastopol",
        "regions": ["UA-43", "UA-40"],
        "about": "In 2014 Russia \"illegally invaded and subsequently annexed\" Crimea (Polygraph.info), "
                 "\"seized\" and \"illegally annexed\" it (RFE/RL in AMN), \"moved to annex\" it (AFP in The "
                 "Moscow Times); the UN "
                 "General Assembly's 2014 resolution reaffirmed Ukraine's internationally recognised borders "
                 "(Polygraph.info). None of the sources quotes Russia's own account of what it did in Crimea.",
        "style": {"fillpattern": {"shape": ".", "fgcolor": "#3A3A7A", "bgcolor": "#FFFFFF", "size": 7,
                                  "solidity": 0.35}},
    },
    "annexation-2022": {
        "label": "Regions named in Russia's 30 Sept 2022 annexation announcement (Polygraph.info)",
        "key": "– – thick dashed outline",
        "legend": "– – Russia's 2022 annexation<br>announcement (four regions)",
        "regions": ["UA-14", "UA-09", "UA-23", "UA-65"],
        "about": "On 30 September 2022 Russia announced it had annexed areas in and around these four regions "
                 "(Polygraph.info). Polygraph.info says 'areas in and around' the four regions; the sources do not "
                 "say which areas, so the map outlines the whole of each region. Polygraph.info also says the "
                 "Kremlin 'was never able to formalize the borders' of the Zaporizhzhia and Kherson regions.",
        "style": {"line": {"color": "#111111", "width": 3.5, "dash": "dash"}},
    },
}
#: the map's one-sentence note on borders, and the credit line (shown on the figure and in the text)
DE_JURE_NOTE = ("Borders as internationally recognised: Crimea and Sevastopol are drawn as part of Ukraine, in line "
                "with the UN General Assembly resolution 'Territorial Integrity of Ukraine' of 27 March 2014 "
                "(as Polygraph.info reports it). Polygraph.info and RFE/RL (reprinted by AMN) say Russia annexed "
                "the peninsula in 2014; AFP (The Moscow Times) says Moscow 'moved to annex' it.")
CREDIT = ("Made with Natural Earth; GeoNames (CC BY 4.0); the Dyagilevo airfield's coordinates from Wikipedia. "
          "Course map data, not in the sources")
#: label positions chosen by eye where the automatic placement would cross a region label or outline
LABEL_POSITIONS: dict[str, str] = {"kherson": "bottom left", "stanytsia-luhanska": "bottom right"}
#: classroom mode (20 px labels): Ryazan's label left of its mark, clear of Dyagilevo's and of "RUSSIA"
CLASSROOM_LABEL_POSITIONS: dict[str, str] = {**LABEL_POSITIONS, "ryazan": "bottom left"}
#: classroom mode (20 px text), in px: the map's height; under it the note (wrapped at _CLASSROOM_NOTE_WRAP
#: characters, about 800 px) and then the key, from _CLASSROOM_KEY_AT below the map (up to five rows in a
#: narrow output)
_CLASSROOM_PLOT_H = 620
_CLASSROOM_NOTE_WRAP = 78
_CLASSROOM_KEY_AT = 215
_CLASSROOM_MARGIN = {"r": 20, "t": 100, "b": _CLASSROOM_KEY_AT + 215}
_CLASSROOM_HEIGHT = _CLASSROOM_MARGIN["t"] + _CLASSROOM_PLOT_H + _CLASSROOM_MARGIN["b"]
#: classroom mode: country names moved (degrees of longitude, latitude) to clear the larger place labels
CLASSROOM_COUNTRY_SHIFT: dict[str, tuple[float, float]] = {"ROU": (-1.6, 0.0)}
#: marker per kind of place (none of these is a side marker: the map does not encode sides)
PLACE_KINDS: dict[str, dict[str, Any]] = {
    "capital": {"label": "Capital city", "marker": "circle-dot", "size": 14},
    "city": {"label": "City or town", "marker": "circle", "size": 10},
    "town": {"label": "City or town", "marker": "circle", "size": 10},
    "military airbase": {"label": "Military airbase", "marker": "triangle-down", "size": 13},
    "country (shown at its capital)": {"label": "Country named in an article<br>(marked at its capital)",
                                       "marker": "hexagon-open", "size": 15},
}
#: where the label of a region goes: an offset in degrees (lon, lat) from its label point, arrow back to it
REGION_LABEL_OFFSET: dict[str, tuple[float, float]] = {"UA-09": (3.1, 1.5), "UA-14": (4.0, -0.8),
                                                       "UA-23": (4.4, -1.9), "UA-65": (-2.9, 2.0),
                                                       "UA-43": (-5.2, -1.2)}
#: countries whose names are written on the map (others are named on hover)
NAMED_COUNTRIES = ["RUS", "BLR", "POL", "SVK", "HUN", "ROU", "MDA", "BGR", "TUR", "GEO", "LTU", "LVA"]
#: kinds drawn as a text label only (their point is a label point, not a place on the ground)
LABEL_KINDS = {"region", "sea label", "region label"}
LAT0 = 49.5  # latitude where the map is true to scale
_LAND, _UKRAINE, _SEA, _EDGE = "#E9E6E1", "#FFFFFF", "#D9E8F3", "#8A8A8A"
_TITLE = "Ukraine, its neighbours and the places in the articles"


def _scaled(value: float, scale: int) -> int:
    return round(value * scale)


#: trace defaults for the many polygons, kept once in the figure's template instead of in every trace;
#: every other trace on the map sets fill, mode, hover and legend explicitly
_POLYGON_DEFAULTS = {"type": "scatter", "mode": "lines", "fill": "toself", "fillcolor": _LAND,
                     "line": {"color": _EDGE, "width": 0.8}, "hoveron": "fills", "hoverinfo": "name",
                     "hoverlabel": {"namelength": -1}, "showlegend": False}
_NOT_POLYGON = {"fill": "none", "hoveron": "points"}


def _ring_xy(ring: list[int]) -> dict[str, dict[str, str]]:
    """A flat ``[x0, y0, x1, y1, ...]`` ring, closed, as int16 typed arrays ``{"x": ..., "y": ...}``."""
    return {"x": typed_array(ring[0::2] + ring[:1], "i2"), "y": typed_array(ring[1::2] + ring[1:2], "i2")}


def _polygon_trace(rings: list[list[int]], name: str, **style: Any) -> list:
    """One trace per ring (coordinates as int16 typed arrays); the rest of the style comes from the template."""
    import plotly.graph_objects as go

    return [go.Scatter(**_ring_xy(ring), name=name, **style) for ring in rings]


def _outline_trace(ring: list[int], name: str, line: dict, **extra: Any):
    import plotly.graph_objects as go

    return go.Scatter(**_ring_xy(ring), mode="lines", line=line, hoverinfo="skip", showlegend=False, name=name,
                      **_NOT_POLYGON, **extra)


def _inside(lon: float, lat: float, rings: list[list[int]], scale: int) -> bool:
    x, y = lon * scale, lat * scale
    hit = False
    for ring in rings:
        pts = list(zip(ring[0::2], ring[1::2]))
        for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1]):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                hit = not hit
    return hit


def region_of(place: Record, shapes: dict | None = None) -> str | None:
    """The ISO code of the Ukrainian region a place lies in (its ``region`` field, else by its point).

    Examples
    --------
    >>> region_of({"lat": 48.6625, "lon": 39.4836})  # Stanytsia Luhanska
    'UA-09'
    """
    if place.get("region"):
        return place["region"]
    shapes = shapes or load_shapes()
    for reg in shapes["regions"]:
        if _inside(place["lon"], place["lat"], reg["rings"], shapes["scale"]):
            return reg["id"]
    return None


def _check_highlight(highlight: Any) -> list[str]:
    if highlight is None:
        return []
    if isinstance(highlight, str):
        highlight = (highlight,)
    keys = list(dict.fromkeys(str(h) for h in highlight))
    bad = [k for k in keys if k not in HIGHLIGHTS]
    if bad:
        raise ValueError(f"unknown highlight {bad[0][:40]!r}; choose from: {', '.join(HIGHLIGHTS)}")
    return keys


def _in_bbox(place: Record, bbox: list[float]) -> bool:
    return bbox[0] <= place["lon"] <= bbox[2] and bbox[1] <= place["lat"] <= bbox[3]


def _events_at(data: CourseData) -> dict[str, list[Record]]:
    out: dict[str, list[Record]] = {}
    for ev in data.events.values():
        for pid in ev["places"]:
            out.setdefault(pid, []).append(ev)
    return out


#: whose words an article carries when the outlet only republished them (the article's source notes)
WRITERS: dict[str, str] = {"amn": "RFE/RL, reprinted by", "moscowtimes": "AFP, published by"}


def _quoted_in(text: str, quote: str) -> bool:
    """True if ``quote`` stands inside a quotation in ``text`` (the outlet quotes someone else's words)."""
    pos = text.find(quote)
    if pos < 0:
        return False
    para = text[text.rfind("\n", 0, pos) + 1:pos]
    return para.count("\u201c") > para.count("\u201d") or para.count('"') % 2 == 1


def mention_text(data: CourseData, mention: Record, limit: int = 300) -> str:
    """One mention of a place in words, saying whose words they are.

    Like :func:`course_lib.theme.source_text`, but a reprint or wire story names the writer ("RFE/RL,
    reprinted by American Military News") and words the outlet quotes from someone else say so.

    Examples
    --------
    >>> mention_text(load(), {"article": "amn", "quote": "when it seized Ukraine’s Crimean Peninsula"})
    'RFE/RL, reprinted by American Military News, Jan 2022: “when it seized Ukraine’s Crimean Peninsula”'
    """
    line = source_text(data, mention["article"], mention["quote"], limit)
    if mention["article"] in WRITERS:
        line = f"{WRITERS[mention['article']]} {line}"
    article = data.articles.get(mention["article"], {})
    if _quoted_in(str(article.get("text", "")), mention["quote"]):
        head, _, rest = line.partition(": ")
        line = f"{head}, quoting words that are not its own: {rest}"
    return line


def _place_kind(place: Record) -> dict[str, Any]:
    """Label, marker and size for a kind of place (an unknown kind gets an open square and its own name)."""
    return PLACE_KINDS.get(place["kind"], {"label": place["kind"], "marker": "square-open", "size": 11})


def _place_hover(data: CourseData, place: Record, events: list[Record]) -> str:
    kind = _place_kind(place)["label"].replace("<br>", " ")
    parts = [f"<b>{hover_text(place['name'])}</b>", hover_text(kind)]
    if place.get("country_de_jure"):
        parts.append(hover_text(f"Country (internationally recognised): {place['country_de_jure']}"))
    if place.get("note"):
        parts.append(hover_text("Note: " + short_quote(place["note"], 200)))
    for m in place["mentions"][:3]:
        parts.append(hover_text("Mentioned: " + mention_text(data, m, 100)))
    if len(place["mentions"]) > 3:
        parts.append(f"(+{len(place['mentions']) - 3} more mentions in the text version)")
    for ev in events[:4]:
        parts.append(hover_text(f"Event: {record_span(ev)}: {ev['title']}"))
    if len(events) > 4:
        parts.append(f"(+{len(events) - 4} more events in the text version)")
    return "<br>".join(parts)


def _label_positions(items: list[tuple[float, float, str]], aspect: float,
                     pinned: list[str | None] | None = None, px: float | None = None,
                     avoid: list[tuple[float, float, float, float]] = ()) -> list[str]:
    """Greedy label placement: the first of four positions whose rough box overlaps no earlier label.

    ``pinned`` gives a fixed position for some items (``None`` for the others); those are placed first,
    so that the automatic ones avoid the boxes they really take. In classroom mode ``px`` is the map's
    scale (map units per pixel) and the boxes are the real size of 20 px labels (:func:`_text_box`);
    ``avoid`` are boxes already taken by other labels (the country names).
    """
    options = ["top right", "bottom right", "top left", "bottom left"]
    pinned = pinned or [None] * len(items)
    boxes: list[tuple[float, float, float, float]] = list(avoid)

    def box(x: float, y: float, text: str, opt: str) -> tuple[float, float, float, float]:
        if px is None:
            w, h = 0.62 * len(text) * 8.5, 18.0  # in hundredths of a degree, roughly at course figure sizes
            h *= 1 / aspect * 1.6
        else:
            x0, y0, x1, y1 = _text_box(0, 0, text, aspect, px)
            w, h = x1 - x0, y1 - y0
        dx = 4 if opt.endswith("right") else -4 - w
        dy = 4 if opt.startswith("top") else -4 - h
        return (x + dx, y + dy, x + dx + w, y + dy + h)

    def free(b: tuple[float, float, float, float]) -> bool:
        return not any(b[0] < o[2] and o[0] < b[2] and b[1] < o[3] and o[1] < b[3] for o in boxes)

    out: list[str | None] = list(pinned)
    boxes += [box(x, y, text, opt) for (x, y, text), opt in zip(items, pinned) if opt]
    for i, (x, y, text) in enumerate(items):
        if out[i]:
            continue
        out[i] = next((opt for opt in options if free(box(x, y, text, opt))), options[0])
        boxes.append(box(x, y, text, out[i]))
    return [o or options[0] for o in out]


def crisis_map(*, highlight: tuple[str, ...] | list[str] | str | None = ("donbas", "crimea", "annexation-2022"),
               show_places: bool = True, show_events: bool = False, data: CourseData | None = None):
    """Ukraine's regions and neighbours, with the regions and places the articles discuss.

    Parameters
    ----------
    highlight : sequence of str
        Any of ``"donbas"``, ``"crimea"``, ``"annexation-2022"`` (see :data:`HIGHLIGHTS`); ``()`` for none.
    show_places : bool
        Mark and label the places from ``data/places.json`` (places beyond the map get an edge note).
    show_events : bool
        Add the events reported at each place to its hover and its label (with a count).
    data : CourseData, optional
        Defaults to :func:`course_lib.load`.

    Returns
    -------
    plotly.graph_objects.Figure
        Only ``scatter`` traces on plain x/y axes, so nothing is downloaded to draw it.

    Raises
    ------
    ValueError
        For an unknown highlight name.

    Examples
    --------
    >>> fig = crisis_map(highlight=["donbas"], show_places=False)
    >>> [t.name for t in fig.data if t.showlegend]
    ['/// Donbas (Donetsk, Luhansk)']
    """
    import plotly.graph_objects as go

    data = data or load()
    keys = _check_highlight(highlight)
    shapes = load_shapes()
    k = shapes["scale"]
    bbox = shapes["bbox"]
    aspect = 1 / math.cos(math.radians(LAT0))
    groups_of: dict[str, list[str]] = {}
    for key in keys:
        for rid in HIGHLIGHTS[key]["regions"]:
            groups_of.setdefault(rid, []).append(key)

    big = classroom()  # classroom mode: text of 20 px and more, so a wider key and a taller note under the map
    fig = new_figure(
        template={**template(), "data": {"scatter": [_POLYGON_DEFAULTS]}},
        title={"text": _TITLE}, height=780, showlegend=True, hovermode="closest", dragmode="pan",
        plot_bgcolor=_SEA,
        xaxis={"visible": False, "range": [_scaled(bbox[0], k), _scaled(bbox[2], k)], "constrain": "domain"},
        yaxis={"visible": False, "range": [_scaled(bbox[1], k), _scaled(bbox[3], k)], "scaleanchor": "x",
               "scaleratio": round(aspect, 4), "constrain": "domain"},
        legend={"x": 1.02, "y": 1, "yanchor": "top", "xanchor": "left", "orientation": "v",
                "title": {"text": "Key"}},
        margin={"l": 10, "r": 250, "t": 90, "b": 130},
    )
    if big:  # the key under the map's note: a map 620 px high fits outputs from about 650 px wide
        fig.update_layout(height=_CLASSROOM_HEIGHT, margin=_CLASSROOM_MARGIN, xaxis={"constraintoward": "left"},
                          legend={"orientation": "h", "x": 0, "xanchor": "left", "yanchor": "top",
                                  "y": -_CLASSROOM_KEY_AT / _CLASSROOM_PLOT_H, "title": {"side": "top"}})
    # neighbours, then Ukraine's regions (hatched where highlighted), then Ukraine's border and outlines
    traces: list = []
    for country in shapes["countries"]:
        if country["id"] != "UKR":
            traces += _polygon_trace(country["rings"], country["name"])
    region_line = {"color": "#9C9C9C", "width": 0.7}
    for reg in shapes["regions"]:
        groups = groups_of.get(reg["id"], [])
        extra = next((HIGHLIGHTS[g]["style"] for g in groups if "fillpattern" in HIGHLIGHTS[g]["style"]), {})
        name = reg["name"] + "".join(f"<br>{HIGHLIGHTS[g]['label']}" for g in groups)
        traces += _polygon_trace(reg["rings"], name, fillcolor=_UKRAINE, line=region_line, **extra)
    ukr = shapes["countries_by_id"].get("UKR")
    for ring in ukr["rings"] if ukr else []:
        traces.append(_outline_trace(ring, "Ukraine's border", {"color": "#333333", "width": 2}))
    if "annexation-2022" in keys:
        spec = HIGHLIGHTS["annexation-2022"]
        for rid in spec["regions"]:
            for ring in shapes["regions_by_id"][rid]["rings"]:
                traces.append(_outline_trace(ring, spec["legend"], spec["style"]["line"],
                                             legendgroup="annexation-2022"))
    fig.add_traces(traces)
    # legend entries for the highlights (empty traces that only draw their key)
    for key in keys:
        spec = HIGHLIGHTS[key]
        if "fillpattern" in spec["style"]:
            fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", fill="toself", fillcolor=_UKRAINE,
                                     line={"color": "#555555", "width": 1}, name=spec["legend"], legendgroup=key,
                                     fillpattern=spec["style"]["fillpattern"], showlegend=True, hoverinfo="skip"))
        else:
            fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", line=spec["style"]["line"],
                                     name=spec["legend"], legendgroup=key, showlegend=True, hoverinfo="skip",
                                     **_NOT_POLYGON))
    # country names (plain labels)
    # countries the articles name are labelled by their place marker instead (see _add_places)
    as_places = {p["name"] for p in data.places.values()} if show_places else set()
    names = [shapes["countries_by_id"][c] for c in NAMED_COUNTRIES
             if c in shapes["countries_by_id"] and shapes["countries_by_id"][c]["name"] not in as_places]
    # classroom mode: the map's scale as drawn (its height sets it: the figure is wider than the map)
    px = (_scaled(bbox[3], k) - _scaled(bbox[1], k)) * aspect / _CLASSROOM_PLOT_H if big else None
    where = [_country_label(c, shapes, aspect, px) for c in names]
    fig.add_trace(go.Scatter(x=[x for x, _ in where], y=[y for _, y in where], mode="text",
                             text=[esc(_country_text(c)) for c in names],
                             textfont={"size": font_size("label"), "color": TEXT_GREY}, hoverinfo="skip", showlegend=False,
                             name="Country names", **_NOT_POLYGON))
    # in classroom mode both wrapped narrower: at 20 px they would be wider than the figure
    note = (hover_text(DE_JURE_NOTE, _CLASSROOM_NOTE_WRAP) + "<br>" + hover_text(CREDIT, _CLASSROOM_NOTE_WRAP) if big
            else hover_text(DE_JURE_NOTE, 100) + "<br>" + CREDIT)
    notes = [{"text": note, "x": 0, "y": -0.02, "xref": "paper",
              "yref": "paper", "xanchor": "left", "yanchor": "top", "align": "left", "showarrow": False,
              "font": {"size": font_size("label")}}]
    if show_places:
        # in classroom mode place labels also keep clear of the country names (they are as large there)
        taken = [_text_box(x, y, _country_text(c), aspect, px) for c, (x, y) in zip(names, where)] if big else []
        _add_places(fig, data, shapes, show_events, aspect, notes, px, taken)
    fig.update_layout(annotations=notes)
    return fig


def _country_text(country: dict) -> str:
    """A country's name as the map writes it: the largest countries in capitals."""
    return country["name"].upper() if country["id"] in ("RUS", "BLR", "POL", "ROU", "TUR") else country["name"]


def _country_label(country: dict, shapes: dict, aspect: float, px: float | None) -> tuple[int, int]:
    """Where a country's name is written: its label point; in classroom mode (``px``, larger text) moved by
    :data:`CLASSROOM_COUNTRY_SHIFT` and kept inside the map, so that no name is cut at the map's edge."""
    k, bbox = shapes["scale"], shapes["bbox"]
    x, y = _scaled(country["label"][0], k), _scaled(country["label"][1], k)
    if px is None:
        return x, y
    dx, dy = CLASSROOM_COUNTRY_SHIFT.get(country["id"], (0.0, 0.0))
    x, y = x + _scaled(dx, k), y + _scaled(dy, k)
    x0, _, x1, _ = _text_box(x, y, _country_text(country), aspect, px)
    pad = 6 * px
    x += max(0, _scaled(bbox[0], k) + pad - x0) - max(0, x1 - (_scaled(bbox[2], k) - pad))
    return round(x), y


def _text_box(x: float, y: float, text: str, aspect: float, px: float) -> tuple[float, float, float, float]:
    """The box (map units) of a label of :func:`font_size` ``"label"`` centred on ``(x, y)``, on a map drawn at
    ``px`` map units (hundredths of a degree of longitude) per pixel: about 0.56 em a character (0.7 em in
    capitals), 1.3 em a line."""
    size = font_size("label")
    w, h = (0.7 if text.isupper() else 0.56) * size * len(text) * px, 1.3 * size * px / aspect
    return (x - w / 2, y - h / 2, x + w / 2, y + h / 2)


def _add_places(fig, data: CourseData, shapes: dict, show_events: bool, aspect: float, notes: list,
                px: float | None = None, taken: list[tuple[float, float, float, float]] = ()) -> None:
    import plotly.graph_objects as go

    k, bbox = shapes["scale"], shapes["bbox"]
    events = _events_at(data) if show_events else {}
    places = [p for p in data.places.values()]
    inside = [p for p in places if _in_bbox(p, bbox)]
    outside = [p for p in places if not _in_bbox(p, bbox)]

    def label(p: Record) -> str:
        n = len(events.get(p["id"], []))
        return esc(p["name"]) + (f" ({n} event{'s' if n != 1 else ''})" if n else "")

    # label-only points (regions, seas) as text; places on the ground as markers grouped by kind
    regions = [p for p in inside if p["kind"] == "region"]
    for p in regions:
        dx, dy = REGION_LABEL_OFFSET.get(region_of(p, shapes) or "", (0.0, 1.0))
        notes.append({"x": _scaled(p["lon"], k), "y": _scaled(p["lat"], k), "xref": "x", "yref": "y",
                      "text": f"<b>{label(p)}</b>", "showarrow": True, "arrowhead": 0, "arrowwidth": 1.5,
                      "arrowcolor": "#111111", "ax": _scaled(p["lon"] + dx, k), "ay": _scaled(p["lat"] + dy, k),
                      "axref": "x", "ayref": "y", "font": {"size": font_size("label"), "color": "#111111"},
                      "bgcolor": "rgba(255,255,255,0.85)", "borderpad": 2,
                      "hovertext": _place_hover(data, p, events.get(p["id"], []))})
    text_only = [p for p in inside if p["kind"] in LABEL_KINDS and p["kind"] != "region"]
    if text_only:
        fig.add_trace(go.Scatter(
            x=[_scaled(p["lon"], k) for p in text_only], y=[_scaled(p["lat"], k) for p in text_only],
            mode="text", text=[f"<b>{label(p)}</b>" for p in text_only], textposition="middle center",
            textfont={"size": font_size("label"), "color": "#1A1A1A", "shadow": "auto"}, name="Regions and seas named in the articles",
            hovertext=[_place_hover(data, p, events.get(p["id"], [])) for p in text_only], hoverinfo="text",
            showlegend=False, **_NOT_POLYGON))
    marked = [p for p in inside if p["kind"] not in LABEL_KINDS]
    positions = _label_positions([(p["lon"] * k, p["lat"] * k, label(p)) for p in marked], aspect,
                                 pinned=[(CLASSROOM_LABEL_POSITIONS if classroom() else LABEL_POSITIONS).get(p["id"])
                                         for p in marked],
                                 px=px, avoid=taken)
    pos_of = {p["id"]: pos for p, pos in zip(marked, positions)}
    by_kind: dict[str, tuple[dict[str, Any], list[Record]]] = {}
    for p in marked:
        style = _place_kind(p)
        by_kind.setdefault(style["label"], (style, []))[1].append(p)
    for kind_label, (style, group) in by_kind.items():
        fig.add_trace(go.Scatter(
            x=[_scaled(p["lon"], k) for p in group], y=[_scaled(p["lat"], k) for p in group],
            mode="markers+text", text=[label(p) for p in group], textposition=[pos_of[p["id"]] for p in group],
            textfont={"size": font_size("label"), "color": "#111111", "shadow": "auto"}, name=kind_label, cliponaxis=False,
            marker={"symbol": style["marker"], "size": style["size"],
                    "color": "#FFFFFF" if style["marker"] == "circle-dot" else "#111111",
                    "line": {"color": "#111111", "width": 2}},
            hovertext=[_place_hover(data, p, events.get(p["id"], [])) for p in group], hoverinfo="text",
            showlegend=True, **_NOT_POLYGON))
    for p in outside:
        dx = -1 if p["lon"] < bbox[0] else 1 if p["lon"] > bbox[2] else 0
        dy = -1 if p["lat"] < bbox[1] else 1 if p["lat"] > bbox[3] else 0
        arrow = {(-1, 1): "↖", (0, 1): "↑", (1, 1): "↗", (-1, 0): "←", (1, 0): "→", (-1, -1): "↙",
                 (0, -1): "↓", (1, -1): "↘"}[(dx, dy)]
        notes.append({"text": f"{arrow} {label(p)}, {esc(p['country_de_jure'])} (beyond the map)",
                      "x": _scaled(min(max(p["lon"], bbox[0]), bbox[2]), k),
                      "y": _scaled(min(max(p["lat"], bbox[1]), bbox[3]), k), "xref": "x", "yref": "y",
                      "xanchor": "left" if dx <= 0 else "right", "yanchor": "bottom" if dy >= 0 else "top",
                      "showarrow": False, "font": {"size": font_size("label")}, "bgcolor": "rgba(255,255,255,0.85)",
                      "hovertext": _place_hover(data, p, events.get(p["id"], []))})


def crisis_map_text(*, highlight: tuple[str, ...] | list[str] | str | None = ("donbas", "crimea", "annexation-2022"),
                    show_events: bool = False, data: CourseData | None = None) -> TextTwin:
    """The map in words: the note on borders, each highlighted region and every place, with what the articles say.

    Examples
    --------
    >>> text = crisis_map_text(highlight=["crimea"])
    >>> "Sevastopol" in text and "Made with Natural Earth" in text
    True
    """
    data = data or load()
    keys = _check_highlight(highlight)
    shapes = load_shapes()
    events = _events_at(data)
    places = list(data.places.values())
    lines = [f"{_TITLE}: a map of Ukraine's 27 regions (course map data, not in the sources) and the neighbouring "
             "countries.", DE_JURE_NOTE,
             f"Credit: {CREDIT}.", ""]
    if keys:
        lines.append("Highlighted regions (the labels and explanations are the course's own words):")
    for key in keys:
        spec = HIGHLIGHTS[key]
        regs = ", ".join(f"{shapes['regions_by_id'][r]['name']} ({r})" for r in spec["regions"])
        lines += [f"- {spec['label']}: {regs}. Drawn with a {spec['key']}.",
                  f"  {spec['about']}"]
        here = [p for p in places if region_of(p, shapes) in spec["regions"]]
        for p in here:
            lines.append(f"  {p['name']}:")
            lines += [f"    {mention_text(data, m)}" for m in p["mentions"]]
    lines += ["", "Places the articles mention:"]
    for p in places:
        kind = _place_kind(p)["label"].replace("<br>", " ")
        where = "" if _in_bbox(p, shapes["bbox"]) else "; beyond the map's edge"
        country = f", {p['country_de_jure']}" if p.get("country_de_jure") else ""
        lines.append(f"- {p['name']} ({kind}{country}{where})")
        if p.get("note"):
            lines.append(f"  Note: {p['note']}")
        lines += [f"  {mention_text(data, m)}" for m in p["mentions"]]
        if show_events:
            lines += [f"  Event: {record_span(ev)}: {ev['title']}"
                      for ev in events.get(p["id"], [])]
    return TextTwin("\n".join(lines) + "\n")
