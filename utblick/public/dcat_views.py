"""The DCAT catalogues as the harvester fetches them: per municipality and for the whole site.

RDF/XML by default (what the Swedish data portal's harvester reads), Turtle or
JSON-LD by Accept header or by suffix. ETag and Last-Modified, so a harvester
asking again gets 304 Not Modified; open to every origin (CORS), like the
other open data. IRIs start with SITE_URL, or with the request's own address
where SITE_URL is not set (development: production refuses to start without it).
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from rdflib import Graph

from utblick.public.dcat import SERIALISATIONS, catalog_graph, negotiated, site_graph
from utblick.public.opendata import site_base
from utblick.public.selectors import (
    catalog_dates,
    catalogs_dates,
    publishing_settings,
    site_for,
)


def _answer(
    request: HttpRequest, graphs: list[Graph], modified_at: datetime | None, fmt: str | None
) -> HttpResponse:
    key = fmt or negotiated(request.headers.get("Accept", ""))
    rdf_format, content_type = SERIALISATIONS[key]
    body = site_graph(graphs).serialize(format=rdf_format).encode("utf-8")
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    # Whole seconds, as HTTP dates count them (else a fraction would always look newer).
    last_modified = int(modified_at.timestamp()) if modified_at else None
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    response["Access-Control-Allow-Origin"] = "*"
    if fmt is None:
        patch_vary_headers(response, ["Accept"])
    return response


@login_not_required
@require_safe
def catalogue(request: HttpRequest, slug: str, fmt: str | None = None) -> HttpResponse:
    site = site_for(slug)  # 404 unless the municipality publishes
    dates = catalog_dates(site.settings)
    graph = catalog_graph(site.settings, dates, base=site_base(request))
    return _answer(request, [graph], dates.modified_at, fmt)


@login_not_required
@require_safe
def site_catalogue(request: HttpRequest, fmt: str | None = None) -> HttpResponse:
    """Every publishing municipality's catalogue, at /datasets/dcat (the harvest path)."""
    base = site_base(request)
    graphs: list[Graph] = []
    newest: datetime | None = None
    rows = publishing_settings()
    every_dates = catalogs_dates(rows)
    for row in rows:
        dates = every_dates[row.municipality_id]
        graphs.append(catalog_graph(row, dates, base=base))
        if dates.modified_at and (newest is None or dates.modified_at > newest):
            newest = dates.modified_at
    return _answer(request, graphs, newest, fmt)
