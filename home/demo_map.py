"""The demo city's base map, for a branch map without a tile server: its districts, a river and a
ring road as GeoJSON (WGS-84), made from where the demo's branches are.

The districts are the Voronoi cells of the demo's districts, each seeded at the middle of its
branches and cut to a box around the city, so that every branch lies inside the district its
address names. The river and the ring road are drawn round the central library. It is a sketch of
a fictional city, not a survey: a real library uploads its own city's outline (see the map page's
底图 field in the README).
"""

import json
import math

MARGIN = 0.04  # degrees of the box around the branches
RING_RADIUS = 0.045
WIDEST = 2.5  # the box is at least this many times as wide as it is tall


def clip(polygon, keep):
    """Sutherland–Hodgman: the part of ``polygon`` (a list of (x, y)) where ``keep(point)`` ≥ 0,
    ``keep`` being linear along each edge."""
    kept = []
    for index, current in enumerate(polygon):
        previous = polygon[index - 1]
        inside_now, inside_before = keep(current) >= 0, keep(previous) >= 0
        if inside_now != inside_before:
            share = keep(previous) / (keep(previous) - keep(current))
            kept.append(
                (previous[0] + share * (current[0] - previous[0]), previous[1] + share * (current[1] - previous[1]))
            )
        if inside_now:
            kept.append(current)
    return kept


def voronoi_cells(seeds, box):
    """{name: polygon} of the points of ``box`` nearer each seed than any other."""
    cells = {}
    for name, (x, y) in seeds.items():
        cell = list(box)
        for other, (u, v) in seeds.items():
            if other == name:
                continue
            # Nearer (x, y) than (u, v): the half-plane on this side of their bisector.
            cell = clip(
                cell,
                lambda p, x=x, y=y, u=u, v=v: (
                    (u - x) * (u + x) + (v - y) * (v + y) - 2 * ((u - x) * p[0] + (v - y) * p[1])
                ),
            )
        cells[name] = cell
    return cells


def base_map(branches, centre):
    """A GeoJSON FeatureCollection for ``branches`` [(district, lng, lat)] around ``centre``
    (lng, lat): one polygon per district, the river, the ring road."""
    places = {}
    for district, lng, lat in branches:
        places.setdefault(district, []).append((lng, lat))
    seeds = {
        name: (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
        for name, points in places.items()
    }
    lngs = [lng for _d, lng, _l in branches]
    lats = [lat for _d, _g, lat in branches]
    west, east = min(lngs) - MARGIN, max(lngs) + MARGIN
    south, north = min(lats) - MARGIN, max(lats) + MARGIN
    # Wide enough to fill a landscape map however the branches lie (a degree of longitude is
    # shorter than one of latitude by the cosine of the latitude).
    stretch = math.cos(math.radians((south + north) / 2))
    missing = (north - south) * WIDEST / stretch - (east - west)
    if missing > 0:
        west, east = west - missing / 2, east + missing / 2
    box = [(west, south), (east, south), (east, north), (west, north)]
    features = [
        feature("district", name, "Polygon", [ring(cell)])
        for name, cell in sorted(voronoi_cells(seeds, box).items())
        if len(cell) >= 3
    ]
    x, y = centre
    river = [
        (west, y + 0.012),
        (x - 0.03, y + 0.004),
        (x, y - 0.006),
        (x + 0.03, y - 0.018),
        (x + 0.07, y - 0.02),
        (east, y - 0.045),
    ]
    features.append(feature("river", "锦水", "LineString", [list(point) for point in river]))
    road = [
        (
            x + RING_RADIUS * math.cos(step * math.pi / 18) / math.cos(math.radians(y)),
            y + RING_RADIUS * math.sin(step * math.pi / 18),
        )
        for step in range(36)
    ]
    features.append(feature("road", "环城路", "LineString", ring(road)))
    return {"type": "FeatureCollection", "features": features}


def ring(points):
    """A closed ring, rounded to about a metre."""
    closed = [[round(a, 5), round(b, 5)] for a, b in points]
    return closed + [closed[0]]


def feature(kind, name, geometry, coordinates):
    return {
        "type": "Feature",
        "properties": {"kind": kind, "name": name},
        "geometry": {"type": geometry, "coordinates": coordinates},
    }


def as_bytes(collection):
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode()
