"""Geography of Enschede West: wijken, villages, business parks and travel time.

Centroids are approximate (a few hundred metres) and only used to estimate cycling
time; they are not addresses. Postcodes in the corpus share their four digits between
several wijken (7545 = Stadsveld, 't Zwering and Wijk20), so when both a wijk and a
postcode are known we always use the wijk. A bare postcode maps to the centroid of
the wijken that share its digits.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Final, Literal

from meedoen.matching.weights import DEFAULT_WEIGHTS, Travel

WijkKind = Literal["woonwijk", "dorp", "buitengebied", "bedrijventerrein"]


@dataclass(frozen=True)
class Place:
    """A wijk (or postcode area) with an approximate centroid."""

    name: str
    kind: WijkKind
    postcode_digits: str
    lat: float
    lon: float

    @property
    def is_rural(self) -> bool:
        """Villages and outlying areas, where buses are rare."""
        return self.kind in ("dorp", "buitengebied")

    @property
    def is_business_park(self) -> bool:
        """Business parks: shift work, few buses, no shops nearby."""
        return self.kind == "bedrijventerrein"


WIJKEN: Final[dict[str, Place]] = {
    p.name: p
    for p in (
        Place("Stadsveld", "woonwijk", "7545", 52.2135, 6.8610),
        Place("'t Zwering", "woonwijk", "7545", 52.2075, 6.8690),
        Place("Wijk20", "woonwijk", "7545", 52.2170, 6.8545),
        Place("Pathmos", "woonwijk", "7513", 52.2120, 6.8790),
        Place("Boswinkel", "woonwijk", "7544", 52.2255, 6.8660),
        Place("West Boswinkel", "woonwijk", "7544", 52.2285, 6.8540),
        Place("Ruwenbos", "woonwijk", "7544", 52.2220, 6.8470),
        Place("Boekelo", "dorp", "7548", 52.2040, 6.7960),
        Place("Usselo", "dorp", "7548", 52.1920, 6.8220),
        Place("Twekkelo", "buitengebied", "7547", 52.2340, 6.8170),
        Place("Havengebied Twentekanaal", "bedrijventerrein", "7547", 52.2380, 6.8430),
        Place("Bedrijventerrein Westerval", "bedrijventerrein", "7547", 52.2180, 6.8320),
        Place("Bedrijvenpark Zuiderval", "bedrijventerrein", "7547", 52.2000, 6.8500),
    )
}

_POSTCODE = re.compile(r"^\s*(\d{4})")
_EARTH_RADIUS_KM: Final = 6371.0


def place_for(wijk: str | None, postcode: str | None = None) -> Place | None:
    """The place to measure from: the wijk if known, else the postcode area."""
    if wijk and wijk in WIJKEN:
        return WIJKEN[wijk]
    return _postcode_area(postcode) if postcode else None


def _postcode_area(postcode: str) -> Place | None:
    match = _POSTCODE.match(postcode)
    if not match:
        return None
    digits = match.group(1)
    sharing = [p for p in WIJKEN.values() if p.postcode_digits == digits]
    if not sharing:
        return None
    if len(sharing) == 1:
        return sharing[0]
    # Several wijken share these digits: use their midpoint, and call it by the
    # postcode so nobody mistakes it for a real wijk.
    lat = sum(p.lat for p in sharing) / len(sharing)
    lon = sum(p.lon for p in sharing) / len(sharing)
    kinds = {p.kind for p in sharing}
    kind: WijkKind = sharing[0].kind if len(kinds) == 1 else "woonwijk"
    return Place(digits, kind, digits, lat, lon)


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two centroids, in kilometres."""
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlat = lat2 - lat1
    dlon = math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def cycling_minutes(a: Place, b: Place, travel: Travel = DEFAULT_WEIGHTS.travel) -> float:
    """Estimated cycling time: road distance (with detour factor) at cycling speed.

    Within one wijk we still count a few minutes: a wijk is not a point.
    """
    km = max(distance_km(a, b), 0.6) * travel.detour_factor
    return km / travel.cycling_kmh * 60


def driving_minutes(a: Place, b: Place, travel: Travel = DEFAULT_WEIGHTS.travel) -> float:
    """Estimated driving time including parking."""
    km = max(distance_km(a, b), 0.6) * travel.detour_factor
    return km / travel.driving_kmh * 60 + travel.driving_overhead_min


def geo_point(wijk: str | None, postcode: str | None = None) -> dict[str, float] | None:
    """Meilisearch's ``_geo`` for a wijk or postcode area (its centroid), None if unknown.

    The shortlist sorts by it (``_geoPoint``): the engine measures travel between the
    same centroids, so nearest-first in the index is nearest-first for the engine.
    """
    place = place_for(wijk, postcode)
    return None if place is None else {"lat": place.lat, "lng": place.lon}
