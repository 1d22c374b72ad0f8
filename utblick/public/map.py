"""A map of partner places, drawn as SVG from shipped world boundaries (no tile server).

The boundaries are Natural Earth's 1:110m countries as world-atlas TopoJSON.
The map crops itself to where the places are; partners without coordinates
sit in the middle of their country. It is an image with a text alternative,
and the same places are listed in a table beside it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pycountry
from django.utils.html import escape
from django.utils.translation import gettext as _

from utblick.core.countries import country_name
from utblick.core.text import fold

DATA = Path(__file__).resolve().parent / "data" / "countries-110m.json"
WIDTH = 960
Point = tuple[float, float]


@cache
def _countries() -> dict[str, list[list[list[Point]]]]:
    """alpha-2 → polygons → rings → (lon, lat), decoded from the TopoJSON once."""
    topology = json.loads(DATA.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs: list[list[Point]] = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indices: list[int]) -> list[Point]:
        out: list[Point] = []
        for i in indices:
            points = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
            out.extend(points if not out else points[1:])
        # A ring crossing the antimeridian (Russia's Chukotka) continues past ±180
        # instead of jumping across the whole map.
        for n in range(1, len(out)):
            step = out[n][0] - out[n - 1][0]
            if abs(step) > 180:
                out[n] = (out[n][0] - math.copysign(360, step), out[n][1])
        return out

    numeric = {c.numeric: c.alpha_2 for c in pycountry.countries}
    shapes: dict[str, list[list[list[Point]]]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = numeric.get(str(geometry.get("id", "")).zfill(3))
        if code is None or "arcs" not in geometry:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        shapes[code] = [[ring(r) for r in polygon] for polygon in polygons]
    return shapes


@cache
def centroid(code: str) -> Point | None:
    """The middle of a country's largest polygon's outer ring (good enough for a dot)."""
    polygons = _countries().get(code)
    if not polygons:
        return None
    outer = max((p[0] for p in polygons), key=len)
    return (sum(p[0] for p in outer) / len(outer), sum(p[1] for p in outer) / len(outer))


@dataclass
class Place:
    name: str
    country: str
    lon: float
    lat: float
    labels: list[str] = field(default_factory=list)
    estimated: bool = False
    #: (activity id, title, kind) of the published activities with a partner here
    activities: list[tuple[int, str, str]] = field(default_factory=list)

    @property
    def country_name(self) -> str:
        return country_name(self.country)


def places_from(activities: list[Any]) -> list[Place]:
    """One place per partner location (or country middle), with every name found there."""
    found: dict[tuple[str, str], Place] = {}
    for activity in activities:
        entry = (activity.activity_id, activity.title, activity.kind)
        lat, lon = activity.latitude, activity.longitude
        if activity.place and lat is not None and lon is not None:
            # The activity's own place (a twin town, a visit), beside its partners'.
            key = (fold(activity.place), activity.country)
            place = found.setdefault(
                key, Place(activity.place, activity.country, float(lon), float(lat))
            )
            if place.estimated:  # a partner in the middle of the country: this is better
                place.lon, place.lat, place.estimated = float(lon), float(lat), False
            if entry not in place.activities:
                place.activities.append(entry)
        for partner in activity.partners:
            lon, lat, estimated = partner.get("lon"), partner.get("lat"), False
            if lon is None or lat is None:
                middle = centroid(partner["country"])
                if middle is None:
                    continue
                lon, lat, estimated = middle[0], middle[1], True
            name = partner.get("place") or country_name(partner["country"])
            key = (fold(name), partner["country"])  # one dot per town, however many partners there
            place = found.setdefault(
                key, Place(name, partner["country"], lon, lat, estimated=estimated)
            )
            if partner["name"] not in place.labels:
                place.labels.append(partner["name"])
            if entry not in place.activities:
                place.activities.append(entry)
    return sorted(found.values(), key=lambda p: (country_name(p.country), p.name))


def _bounds(places: list[Place]) -> tuple[float, float, float, float]:
    if not places:
        return (-25.0, 34.0, 45.0, 72.0)  # Europe
    west, east = min(p.lon for p in places), max(p.lon for p in places)
    south, north = min(p.lat for p in places), max(p.lat for p in places)
    pad_x, pad_y = max(6.0, (east - west) * 0.12), max(4.0, (north - south) * 0.12)
    west, east, south, north = west - pad_x, east + pad_x, south - pad_y, north + pad_y
    if east - west < 40:
        extra = (40 - (east - west)) / 2
        west, east = west - extra, east + extra
    if north - south < 22:
        extra = (22 - (north - south)) / 2
        south, north = south - extra, north + extra
    return (max(west, -180.0), max(south, -85.0), min(east, 180.0), min(north, 85.0))


def _place_labels(
    points: list[tuple[str, float, float]], width: float, height: float
) -> list[str | None]:
    """Right or left of each dot, or no label where it would cover another (the table has them all)."""
    taken: list[tuple[float, float, float, float]] = [
        (x - 7, y - 7, x + 7, y + 7) for _n, x, y in points
    ]

    def free(box: tuple[float, float, float, float]) -> bool:
        x0, y0, x1, y1 = box
        if x0 < 0 or x1 > width or y0 < 0 or y1 > height:
            return False
        return not any(x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1 for b in taken)

    chosen: list[str | None] = []
    for i, (name, x, y) in enumerate(points):
        w = 8.0 * len(name) + 4
        own = taken[i]
        taken[i] = (0.0, 0.0, 0.0, 0.0)  # its own dot does not block its label
        options = {
            "right": (x + 8, y - 9, x + 8 + w, y + 8),
            "left": (x - 8 - w, y - 9, x - 8, y + 8),
        }
        side = next((key for key, box in options.items() if free(box)), None)
        taken[i] = own
        if side is not None:
            taken.append(options[side])
        chosen.append(side)
    return chosen


#: The map's colours inside the SVG itself, for a document that has not the site's stylesheet.
STANDALONE_STYLE = (
    "<style>.map__sea{fill:#eaf2f8}.map__country{fill:#f4f4f2;stroke:#9aa3ad;stroke-width:.6}"
    ".map__country--partner{fill:#d9e6d2}.map__place circle{fill:#1b5e9e;stroke:#fff;stroke-width:2}"
    ".map__place text{font:13px sans-serif;fill:#1d1d1b}</style>"
)


def render_map(
    places: list[Place],
    *,
    highlight: set[str],
    title: str,
    description: str,
    standalone: bool = False,
) -> str:
    """The SVG, cropped to the places; countries in ``highlight`` are shaded.

    ``standalone`` carries its own colours, for an image in a document.
    """
    west, south, east, north = _bounds(places)
    k = math.cos(math.radians((south + north) / 2))
    # Neither a thin strip nor a tower: between 1:2 and 3:4, widening what is shown.
    if (north - south) > 0.75 * (east - west) * k:
        extra = ((north - south) / (0.75 * k) - (east - west)) / 2
        west, east = max(west - extra, -180.0), min(east + extra, 180.0)
    elif (north - south) < 0.5 * (east - west) * k:
        extra = (0.5 * (east - west) * k - (north - south)) / 2
        south, north = max(south - extra, -85.0), min(north + extra, 85.0)
    scale = WIDTH / ((east - west) * k)
    height = round((north - south) * scale)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return ((lon - west) * k * scale, (north - lat) * scale)

    paths = []
    for code, polygons in _countries().items():
        parts = []
        for polygon in polygons:
            for ring in polygon:
                if not any(
                    west - 20 <= x <= east + 20 and south - 20 <= y <= north + 20
                    for x, y in ring[:: max(1, len(ring) // 12)]
                ):
                    continue
                xy = [project(x, y) for x, y in ring]
                parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in xy) + "Z")
        if parts:
            css = "map__country map__country--partner" if code in highlight else "map__country"
            paths.append(
                f'<path class="{css}" d="{"".join(parts)}"><title>{escape(country_name(code))}</title></path>'
            )
    markers = []
    points = [(place, *project(place.lon, place.lat)) for place in places]
    labels = _place_labels([(place.name, x, y) for place, x, y in points], WIDTH, height)
    for (place, x, y), label in zip(points, labels, strict=True):
        names = ", ".join(place.labels)
        text = ""
        if label is not None:
            anchor, lx = ("start", x + 9) if label == "right" else ("end", x - 9)
            text = f'<text x="{lx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}">{escape(place.name)}</text>'
        markers.append(
            f'<g class="map__place"><circle cx="{x:.1f}" cy="{y:.1f}" r="6"><title>{escape(place.name)}: {escape(names)}</title></circle>'
            + text
            + "</g>"
        )
    size = f'width="{WIDTH}" height="{height}" ' if standalone else ""
    return (
        f'<svg class="map" viewBox="0 0 {WIDTH} {height}" {size}role="img" '
        f'aria-labelledby="map-title map-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="map-title">{escape(title)}</title><desc id="map-desc">{escape(description)}</desc>'
        + (STANDALONE_STYLE if standalone else "")
        + f'<rect class="map__sea" width="{WIDTH}" height="{height}"/>'
        + "".join(paths)
        + "".join(markers)
        + "</svg>"
    )


def map_for(activities: list[Any], *, standalone: bool = False) -> tuple[str, list[Place]]:
    places = places_from(activities)
    countries = {p.country for p in places}
    description = _(
        "Karta med %(places)s orter i %(countries)s länder där kommunen har vänorter, partner eller besök. Samma uppgifter finns i tabellen under kartan."
    ) % {"places": len(places), "countries": len(countries)}
    return render_map(
        places,
        highlight=countries,
        title=_("Partnerorter"),
        description=description,
        standalone=standalone,
    ), places
