"""The shipped list of funders: EU programmes, national funders, own funds.

``ensure_funding_sources`` is idempotent; the data migrations call it (with
the historical model), and ``funding.services.funding_sources_ensure`` with the live one.
When the list changes, add a migration that calls it again.
"""

from __future__ import annotations

from typing import Any

#: (key, name, kind, external)
FUNDING_SOURCES: list[tuple[str, str, str, bool]] = [
    ("interreg", "Interreg", "eu", True),
    ("erasmus-plus", "Erasmus+", "eu", True),
    ("horizon-europe", "Horisont Europa (Horizon Europe)", "eu", True),
    ("life", "LIFE", "eu", True),
    ("esf-plus", "Europeiska socialfonden+ (ESF+)", "eu", True),
    ("erdf", "Europeiska regionala utvecklingsfonden (Eruf/ERDF)", "eu", True),
    ("cerv", "Medborgare, jämlikhet, rättigheter och värden (CERV)", "eu", True),
    ("creative-europe", "Kreativa Europa (Creative Europe)", "eu", True),
    ("urbact", "URBACT", "eu", True),
    ("digital-europe", "Digitala Europa (Digital Europe)", "eu", True),
    ("sida", "Sida", "national", True),
    ("icld", "ICLD – Internationellt centrum för lokal demokrati", "national", True),
    ("svenska-institutet", "Svenska institutet", "national", True),
    ("vinnova", "Vinnova", "national", True),
    ("tillvaxtverket", "Tillväxtverket", "national", True),
    ("own", "Egna medel", "own", False),
    ("other", "Annan finansiär", "other", True),
]


def ensure_funding_sources(model: Any) -> None:
    """Create or update the shipped sources in ``model`` (live or historical)."""
    for position, (key, name, kind, external) in enumerate(FUNDING_SOURCES):
        model.objects.update_or_create(
            key=key,
            defaults={"name": name, "kind": kind, "external": external, "position": position},
        )
