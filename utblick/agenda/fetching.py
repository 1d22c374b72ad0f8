"""Kolada's API asked for the same responses a person would save: the optional daily fetch.

Off unless ``KOLADA_API_URL`` is set (never in tests, which hand ``fetch_documents`` a
stand-in for the network). For each municipality that follows indicators (has loaded
some), the data of those key figures for it and the country over the last years, every
page (``next_page``), is read and loaded through ``agenda.services.kolada_load``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.request import Request, urlopen

from utblick.agenda.models import COUNTRY

#: Years back from the current one that a fetch asks for.
YEARS = 6
TIMEOUT = 60
MAX_PAGES = 50

Get = Callable[[str], bytes]


def http_get(url: str) -> bytes:
    request = Request(url, headers={"Accept": "application/json", "User-Agent": "Utblick"})
    with urlopen(request, timeout=TIMEOUT) as response:
        return bytes(response.read())


def data_url(base: str, kpis: list[str], code: str, last_year: int) -> str:
    years = ",".join(str(y) for y in range(last_year - YEARS + 1, last_year + 1))
    return f"{base}/data/kpi/{','.join(kpis)}/municipality/{code},{COUNTRY}/year/{years}"


def fetch_documents(url: str, get: Get = http_get) -> list[tuple[str, bytes]]:
    """Every page of one response, as (name, bytes) for ``kolada_load``."""
    documents: list[tuple[str, bytes]] = []
    while url and len(documents) < MAX_PAGES:
        data = get(url)
        documents.append((url, data))
        try:
            url = json.loads(data.decode("utf-8-sig")).get("next_page") or ""
        except (ValueError, AttributeError):
            url = ""  # the load names what is wrong with the page
    return documents
