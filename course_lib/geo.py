"""A small, simplified map of Ukraine and its neighbours, derived once from Natural Earth.

``python -m course_lib.geo`` rebuilds ``data/geo/map_shapes.json`` from the GeoJSON files in
``data/geo/`` (Ukraine's 27 first-level regions and the country outlines): every ring is clipped to a
box around Ukraine, simplified (Douglas-Peucker) and rounded to 0.01 degree, so a map figure stays small.
At run time the course only reads ``map_shapes.json`` (:func:`load_shapes`); it never fetches anything.

Coordinates in ``map_shapes.json`` are whole numbers in hundredths of a degree, each ring a flat list
``[lon0, lat0, lon1, lat1, ...]`` (first point not repeated at the end).

Examples
--------
>>> shapes = load_shapes()
>>> len(shapes["regions"])
27
>>> shapes["regions_by_id"]["UA-14"]["name"]
'Donetsk Oblast'
"""
from __future__ import annotations

import json
import math
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from .paths import data_dir

#: lon_min, lat_min, lon_max, lat_max of the map (degrees)
BBOX = (20.0, 41.2, 46.0, 58.0)
#: Douglas-Peucker tolerance in degrees (about 4 km; about a pixel at course figure sizes)
TOLERANCE = 0.04
#: coordinates are stored as round(degrees * SCALE)
SCALE = 100
#: rings smaller than this (square degrees) are dropped: tiny islands and clipping slivers
MIN_AREA = 0.004
REGIONS_FILE = "ne10m_admin1_ukraine.geojson"
COUNTRIES_FILE = "ne10m_admin0_europe.geojson"
OUT_FILE = "map_shapes.json"
#: where country names go when the centroid of what is left inside the box is a poor spot
LABEL_AT = {"RUS": (41.0, 53.6), "KAZ": (45.3, 48.6), "TUR": (34.0, 41.5), "BLR": (28.9, 52.4),
            "POL": (21.6, 51.7), "ROU": (24.7, 46.0), "SVK": (21.5, 48.75), "HUN": (21.5, 47.15),
            "MDA": (28.6, 47.4), "BGR": (25.2, 42.7), "LTU": (23.5, 55.5), "LVA": (26.0, 56.6),
            "GEO": (42.6, 42.3), "EST": (25.5, 58.0)}

Ring = list[tuple[float, float]]


def clip_ring(ring: Ring, bbox: tuple[float, float, float, float] = BBOX) -> Ring:
    """Clip a closed ring to a rectangle (Sutherland-Hodgman).

    Parameters
    ----------
    ring : list of (lon, lat)
        The ring, first point not necessarily repeated.
    bbox : tuple
        ``(lon_min, lat_min, lon_max, lat_max)``.

    Returns
    -------
    list of (lon, lat)
        The clipped ring (empty if the ring lies outside the box).

    Examples
    --------
    >>> square = clip_ring([(0, 0), (4, 0), (4, 4), (0, 4)], (1, 1, 2, 2))
    >>> sorted((float(x), float(y)) for x, y in square)
    [(1.0, 1.0), (1.0, 2.0), (2.0, 1.0), (2.0, 2.0)]
    """
    x0, y0, x1, y1 = bbox
    edges = [(0, x0, True), (1, y0, True), (0, x1, False), (1, y1, False)]
    out = list(ring)
    for axis, limit, keep_above in edges:
        if not out:
            break
        src, out = out, []

        def inside(p: tuple[float, float]) -> bool:
            return p[axis] >= limit if keep_above else p[axis] <= limit

        def cross(p: tuple[float, float], q: tuple[float, float]) -> tuple[float, float]:
            t = (limit - p[axis]) / (q[axis] - p[axis])
            other = p[1 - axis] + t * (q[1 - axis] - p[1 - axis])
            return (limit, other) if axis == 0 else (other, limit)

        prev = src[-1]
        for cur in src:
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
            prev = cur
    return out


def _seg_dist(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def simplify_line(points: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker simplification of an open polyline (iterative; keeps both end points).

    Examples
    --------
    >>> simplify_line([(0, 0), (1, 0.001), (2, 0)], 0.01)
    [(0, 0), (2, 0)]
    """
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        best, best_d = -1, tolerance
        for k in range(i + 1, j):
            d = _seg_dist(points[k], points[i], points[j])
            if d > best_d:
                best, best_d = k, d
        if best > 0:
            keep[best] = True
            stack += [(i, best), (best, j)]
    return [p for p, k in zip(points, keep) if k]


def simplify_ring(ring: Ring, tolerance: float = TOLERANCE) -> Ring:
    """Simplify a closed ring: split it at the point farthest from its first point, simplify both halves.

    Examples
    --------
    >>> len(simplify_ring([(0, 0), (1, 0), (2, 0), (2, 2), (0, 2)], 0.01))
    4
    """
    pts = list(ring)
    if len(pts) > 1 and pts[0] == pts[-1]:
        pts.pop()
    if len(pts) < 4:
        return pts
    far = max(range(len(pts)), key=lambda k: math.hypot(pts[k][0] - pts[0][0], pts[k][1] - pts[0][1]))
    first = simplify_line(pts[: far + 1], tolerance)
    second = simplify_line(pts[far:] + [pts[0]], tolerance)
    return first + second[1:-1]


def ring_area(ring: Ring) -> float:
    """Absolute area of a ring in square degrees (shoelace formula).

    Examples
    --------
    >>> ring_area([(0, 0), (2, 0), (2, 1), (0, 1)])
    2.0
    """
    return abs(sum(ring[k - 1][0] * ring[k][1] - ring[k][0] * ring[k - 1][1] for k in range(len(ring)))) / 2


def _rings(geometry: dict) -> list[Ring]:
    """Outer rings only: holes are dropped (none of the course's shapes needs one at this scale)."""
    if geometry["type"] == "Polygon":
        polys = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        polys = geometry["coordinates"]
    else:
        raise ValueError(f"unsupported geometry {geometry['type']!r}")
    return [[(float(x), float(y)) for x, y in poly[0]] for poly in polys]


def _encode(ring: Ring) -> list[int]:
    flat: list[int] = []
    last = None
    for x, y in ring:
        pt = (round(x * SCALE), round(y * SCALE))
        if pt != last:
            flat += pt
            last = pt
    if len(flat) > 2 and flat[:2] == flat[-2:]:
        flat = flat[:-2]
    return flat


def shrink(geometry: dict, bbox: tuple[float, float, float, float] = BBOX,
           tolerance: float = TOLERANCE, min_area: float = MIN_AREA) -> list[list[int]]:
    """Clip, simplify and encode one GeoJSON (Multi)Polygon; return its rings as flat int lists.

    Examples
    --------
    >>> shrink({"type": "Polygon", "coordinates": [[[30, 50], [31, 50], [31, 51], [30, 51], [30, 50]]]})
    [[3000, 5000, 3100, 5000, 3100, 5100, 3000, 5100]]
    """
    out = []
    for ring in _rings(geometry):
        clipped = clip_ring(ring, bbox)
        if len(clipped) < 3 or ring_area(clipped) < min_area:
            continue
        flat = _encode(simplify_ring(clipped, tolerance))
        if len(flat) >= 6:
            out.append(flat)
    return out


def _centroid(flat: list[int]) -> tuple[float, float]:
    pts = [(flat[k], flat[k + 1]) for k in range(0, len(flat), 2)]
    a = cx = cy = 0.0
    for k in range(len(pts)):
        (x0, y0), (x1, y1) = pts[k - 1], pts[k]
        c = x0 * y1 - x1 * y0
        a += c
        cx += (x0 + x1) * c
        cy += (y0 + y1) * c
    if a == 0:
        return pts[0][0] / SCALE, pts[0][1] / SCALE
    return round(cx / (3 * a) / SCALE, 2), round(cy / (3 * a) / SCALE, 2)


def build(src: Path) -> dict[str, Any]:
    """Derive the map document from the two Natural Earth GeoJSON files in ``src``.

    Returns
    -------
    dict
        ``{"about", "bbox", "scale", "tolerance", "regions", "countries"}``; ``regions`` are Ukraine's
        27 first-level regions (``id`` is the ISO 3166-2 code), ``countries`` every country touching the box.
    """
    regions_geo = json.loads((src / REGIONS_FILE).read_text(encoding="utf-8"))
    countries_geo = json.loads((src / COUNTRIES_FILE).read_text(encoding="utf-8"))
    regions = []
    for feat in regions_geo["features"]:
        p = feat["properties"]
        regions.append({"id": p["iso_3166_2"], "name": p["name_label"], "name_uk": p["name_uk"],
                        "label": [p["label_lon"], p["label_lat"]], "rings": shrink(feat["geometry"])})
    regions.sort(key=lambda r: r["id"])
    countries = []
    for feat in countries_geo["features"]:
        p = feat["properties"]
        rings = shrink(feat["geometry"])
        if not rings:
            continue
        biggest = max(rings, key=lambda r: ring_area([(r[k], r[k + 1]) for k in range(0, len(r), 2)]))
        label = list(LABEL_AT.get(p["country_a3"], _centroid(biggest)))
        countries.append({"id": p["country_a3"], "name": p["country"], "label": label, "rings": rings})
    countries.sort(key=lambda c: c["id"])
    return {
        "about": ("Derived by course_lib/geo.py from Natural Earth 1:10m admin-1 (Ukraine) and admin-0 outlines "
                  "(public domain; 'Made with Natural Earth'), as prepared in data/geo/*.geojson: clipped to bbox, "
                  "simplified (Douglas-Peucker, tolerance in degrees), coordinates in 1/scale degree, rings flat "
                  "[lon, lat, ...]. Crimea (UA-43) and Sevastopol (UA-40) are part of Ukraine here, the "
                  "internationally recognised position; see data/geo/README.md."),
        "bbox": list(BBOX), "scale": SCALE, "tolerance": TOLERANCE,
        "regions": regions, "countries": countries,
    }


@lru_cache(maxsize=None)
def _read(path: str) -> dict[str, Any]:
    from .data import read_json  # a regular file and strict JSON, or a DataError naming the file

    doc = read_json(Path(path).parent.parent, f"geo/{Path(path).name}")
    doc["regions_by_id"] = {r["id"]: r for r in doc["regions"]}
    doc["countries_by_id"] = {c["id"]: c for c in doc["countries"]}
    return doc


def load_shapes(folder: str | Path | None = None) -> dict[str, Any]:
    """Read ``geo/map_shapes.json`` from the data folder (cached; treat the result as read-only).

    Adds ``regions_by_id`` and ``countries_by_id`` look-ups.

    Examples
    --------
    >>> load_shapes()["countries_by_id"]["MDA"]["name"]
    'Moldova'
    """
    base = Path(folder) if folder is not None else data_dir()
    return _read(str((base / "geo" / OUT_FILE).resolve()))


def write(doc: dict[str, Any], path: Path) -> int:
    """Write the document compactly (one region or country per line) and return its size in bytes."""
    def line(rec: dict) -> str:
        return json.dumps(rec, ensure_ascii=False, separators=(",", ":"))

    head = {k: v for k, v in doc.items() if k not in ("regions", "countries")}
    text = (line(head)[:-1] + ',\n"regions":[\n' + ",\n".join(line(r) for r in doc["regions"])
            + '\n],\n"countries":[\n' + ",\n".join(line(c) for c in doc["countries"]) + "\n]}\n")
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    """``python -m course_lib.geo [SOURCE_FOLDER]``: rebuild ``data/geo/map_shapes.json``."""
    args = sys.argv[1:] if argv is None else argv
    out_dir = data_dir() / "geo"
    src = Path(args[0]) if args else out_dir
    if not (src / REGIONS_FILE).exists():
        print(f"{src / REGIONS_FILE} not found; pass the folder holding the Natural Earth GeoJSON files",
              file=sys.stderr)
        return 2
    doc = build(src)
    out_dir.mkdir(parents=True, exist_ok=True)
    size = write(doc, out_dir / OUT_FILE)
    points = sum(len(r) // 2 for rec in doc["regions"] + doc["countries"] for r in rec["rings"])
    print(f"wrote {out_dir / OUT_FILE}: {len(doc['regions'])} regions, {len(doc['countries'])} countries, "
          f"{points} points, {size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
