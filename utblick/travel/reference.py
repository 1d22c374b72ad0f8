"""Shipped emission factors for travel, each with its public Swedish source and year.

The figures are grams of CO₂ equivalents per passenger-kilometre (for a car, per
vehicle-kilometre), as two public Swedish travel calculators state them: Klimatsmart
semester, made by researchers at Chalmers (Jörgen Larsson and others), whose method
report (version 4.1) gives each figure's basis, and Klimatresa, which uses the same
figures for trains and cars. A municipality may
replace any factor with its own, with its source (``travel.services.factor_save``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ShippedFactor:
    mode: str
    grams: Decimal
    source: str
    year: int
    url: str


_KS = "Klimatsmart semester (Chalmers), metodrapport v4.1"
_KR = "Klimatresa, beräkningsmetod"
SHIPPED: dict[str, ShippedFactor] = {
    f.mode: f
    for f in [
        # Regular flight, economy: includes upstream fuel production and the high-altitude
        # effect (CO₂ × 1.7).
        ShippedFactor(
            "flight",
            Decimal(133),
            _KS + ": reguljärflyg i ekonomiklass, inklusive höghöjdseffekt",
            2021,
            "https://www.klimatsmartsemester.se/sa-har-vi-raknat-flyg",
        ),
        # Electric train in the Nordic countries (Denmark excepted); 24 g in the rest of Europe.
        ShippedFactor(
            "train",
            Decimal(7),
            _KR + ": eltåg i Norden utom Danmark",
            2021,
            "https://klimatresa.se/data",
        ),
        ShippedFactor(
            "bus",
            Decimal(27),
            _KS + ": långfärdsbuss (diesel, 60 % beläggning)",
            2021,
            "https://klimatsmartsemester.se/sa-har-vi-raknat-buss",
        ),
        # Per vehicle-kilometre: a middle-sized diesel car, the commonest in Sweden.
        ShippedFactor(
            "car",
            Decimal(137),
            _KR + ": mellanstor dieselbil, per fordonskilometer",
            2021,
            "https://klimatresa.se/data",
        ),
        ShippedFactor(
            "boat",
            Decimal(170),
            _KS + ": färja (ej snabbfärja)",
            2021,
            "https://www.klimatsmartsemester.se/sa-har-vi-raknat-farja",
        ),
    ]
}

#: The travelled distance over the great-circle distance between the places. Flights: the
#: customary 8 % uplift for routing and holding (the UK government's GHG conversion
#: factors, DESNZ/DEFRA). Roads and railways: Utblick's assumption that they are about a
#: quarter longer than the crow flies. A distance a person states is used as it is.
DETOUR: dict[str, Decimal] = {
    "flight": Decimal("1.08"),
    "train": Decimal("1.25"),
    "bus": Decimal("1.25"),
    "car": Decimal("1.25"),
    "boat": Decimal("1.0"),
}
DETOUR_SOURCE = _(
    "Flyg: storcirkelavståndet + 8 % (DESNZ/DEFRA, UK Government GHG Conversion Factors). "
    "Tåg, buss och bil: fågelvägen + 25 % (Utblicks antagande). Angiven sträcka används som den är."
)

#: A car carries this many travellers: a trip of five by car counts two cars.
CAR_SEATS = 4

#: Countries reached by rail from Sweden (mainland Europe and Great Britain): a flight
#: between two of them within ``RAIL_MAX_KM`` gets an "if by train" comparison.
RAIL_COUNTRIES = frozenset(
    [
        "SE",
        "NO",
        "FI",
        "DK",
        "DE",
        "NL",
        "BE",
        "LU",
        "FR",
        "GB",
        "CH",
        "AT",
        "IT",
        "ES",
        "PT",
        "PL",
        "CZ",
        "SK",
        "HU",
        "SI",
        "HR",
        "RS",
        "BA",
        "ME",
        "MK",
        "AL",
        "GR",
        "BG",
        "RO",
        "LT",
        "LV",
        "EE",
        "LI",
        "MC",
        "AD",
        "SM",
    ]
)
RAIL_MAX_KM = Decimal(2500)
