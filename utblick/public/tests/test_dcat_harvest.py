"""The harvest endpoints: /datasets/dcat for the site and per municipality, as a harvester fetches them."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as ns

from utblick.public.tests.conftest import SECRETS, publishing
from utblick.testing.fixtures import load_shipped

RDF, DCAT, DCTERMS = ns.RDF, ns.DCAT, ns.DCTERMS
CONTENT_TYPES = {
    "application/rdf+xml": "xml",
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
}

pytestmark = pytest.mark.django_db


def graph_of(response: Any) -> Graph:
    content_type = response["Content-Type"].split(";")[0]
    return Graph().parse(data=response.content, format=CONTENT_TYPES[content_type])


@pytest.mark.parametrize("path", ["/datasets/dcat", "/uppsala/datasets/dcat"])
@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("", "application/rdf+xml"),  # the harvester's default
        ("*/*", "application/rdf+xml"),
        ("text/turtle", "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("text/html;q=0.9, application/ld+json;q=0.5, text/turtle;q=0.8", "text/turtle"),
    ],
)
def test_content_negotiation(world: dict[str, Any], path: str, accept: str, expected: str) -> None:
    response = Client().get(path, HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(expected)
    assert "Accept" in response["Vary"]
    assert len(graph_of(response)) > 50


@pytest.mark.parametrize("suffix", [".rdf", ".ttl", ".jsonld"])
@pytest.mark.parametrize("path", ["/datasets/dcat", "/uppsala/datasets/dcat"])
def test_suffixes_win_over_accept(world: dict[str, Any], path: str, suffix: str) -> None:
    response = Client().get(path + suffix, HTTP_ACCEPT="text/html")
    expected = {
        ".rdf": "application/rdf+xml",
        ".ttl": "text/turtle",
        ".jsonld": "application/ld+json",
    }
    assert response["Content-Type"].startswith(expected[suffix])


@pytest.mark.parametrize("path", ["/datasets/dcat", "/uppsala/datasets/dcat"])
def test_conditional_get_answers_304(world: dict[str, Any], path: str) -> None:
    client = Client()
    first = client.get(path)
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert client.get(path, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200
    # Another serialisation is another representation: another ETag.
    assert client.get(path, HTTP_ACCEPT="text/turtle")["ETag"] != first["ETag"]


def test_a_new_publication_changes_last_modified(world: dict[str, Any]) -> None:
    from utblick.activities.models import Activity
    from utblick.activities.services import activity_publish
    from utblick.public.tests.conftest import access_of

    client = Client()
    first = client.get("/uppsala/datasets/dcat")
    activity = Activity.objects.get(pk=world["changed"])
    time.sleep(1.1)  # Last-Modified counts whole seconds
    activity_publish(access=access_of(activity.municipality), user=None, activity=activity)
    second = client.get("/uppsala/datasets/dcat", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert second.status_code == 200
    assert second["Last-Modified"] != first["Last-Modified"]


def test_a_changed_catalogue_changes_the_etag(world: dict[str, Any]) -> None:
    from utblick.core.services import save_versioned
    from utblick.public.models import PublicSettings

    client = Client()
    first = client.get("/uppsala/datasets/dcat")
    row = PublicSettings.objects.get(municipality__slug="uppsala")
    row.contact_email = "ny.adress@example.se"
    save_versioned(row, expected_version=row.row_version, user=None)
    second = client.get("/uppsala/datasets/dcat", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200 and second["ETag"] != first["ETag"]
    assert b"ny.adress@example.se" in second.content


def test_the_site_catalogue_lists_every_publishing_municipality_and_nothing_else(
    world: dict[str, Any],
) -> None:
    response = Client().get("/datasets/dcat", HTTP_ACCEPT="text/turtle")
    text = response.content.decode()
    g = graph_of(response)
    catalogues = {str(c) for c in g.subjects(RDF.type, DCAT.Catalog)}
    # Umeå does not publish.
    assert catalogues == {"http://testserver/uppsala/datasets/dcat#katalog"}
    for what, secret in SECRETS.items():
        assert secret not in text, what
    assert "umea" not in text.lower() and "Umeå" not in text


def test_a_municipality_that_does_not_publish_has_no_catalogue(world: dict[str, Any]) -> None:
    assert Client().get("/umea/datasets/dcat").status_code == 404


def test_identifiers_are_stable_whatever_the_host(world: dict[str, Any]) -> None:
    one = graph_of(Client().get("/uppsala/datasets/dcat", HTTP_HOST="127.0.0.1"))
    two = graph_of(Client().get("/uppsala/datasets/dcat", HTTP_HOST="localhost"))

    def identifiers(g: Graph) -> set[tuple[str, str]]:
        return {
            (str(c).rsplit("#", 1)[-1], str(i))
            for cls in (DCAT.Catalog, DCAT.Dataset, DCAT.DataService)
            for c in g.subjects(RDF.type, cls)
            for i in g.objects(c, DCTERMS.identifier)
        }

    assert identifiers(one) == identifiers(two)
    assert ("aktiviteter", "SE2120003005-utblick-aktiviteter") in identifiers(one)
    assert ("katalog", "SE2120003005-utblick-katalog") in identifiers(one)


def test_the_api_is_a_data_service(world: dict[str, Any]) -> None:
    g = graph_of(Client().get("/uppsala/datasets/dcat"))
    service = next(g.subjects(RDF.type, DCAT.DataService))
    dataset = next(g.subjects(RDF.type, DCAT.Dataset))
    assert g.value(service, DCAT.endpointURL) == URIRef("http://testserver/api/v1/")
    assert g.value(service, DCAT.endpointDescription) == URIRef(
        "http://testserver/api/v1/openapi.json"
    )
    assert g.value(service, DCAT.servesDataset) == dataset
    assert (next(g.subjects(RDF.type, DCAT.Catalog)), DCAT.service, service) in g
    for distribution in g.subjects(RDF.type, DCAT.Distribution):
        assert g.value(distribution, DCTERMS.format) in (
            Literal("text/csv"),
            Literal("application/json"),
        )


def test_iris_come_from_the_request_when_site_url_is_unset(
    world: dict[str, Any], settings: Any
) -> None:
    settings.SITE_URL_CONFIGURED = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "utblick.lokal"]
    g = graph_of(Client().get("/uppsala/datasets/dcat", HTTP_HOST="utblick.lokal:8080"))
    catalogue = next(g.subjects(RDF.type, DCAT.Catalog))
    assert str(catalogue) == "http://utblick.lokal:8080/uppsala/datasets/dcat#katalog"
    # The open data's own ``uri`` of each activity starts the same way.
    assert _uris("http://utblick.lokal:8080/uppsala/aktiviteter/")
    settings.SITE_URL_CONFIGURED = True
    settings.SITE_URL = "https://utblick.example.se"
    g = graph_of(Client().get("/uppsala/datasets/dcat", HTTP_HOST="utblick.lokal:8080"))
    assert str(next(g.subjects(RDF.type, DCAT.Catalog))).startswith("https://utblick.example.se/")
    assert _uris("https://utblick.example.se/uppsala/aktiviteter/")


def _uris(start: str) -> bool:
    """Every activity's ``uri`` in the CSV and the JSON starts with ``start``."""
    client = Client(HTTP_HOST="utblick.lokal:8080")
    body = client.get("/uppsala/oppna-data/aktiviteter.csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(body.streaming_content).decode())))
    items = client.get("/uppsala/oppna-data/aktiviteter.json").json()["aktiviteter"]
    uris = [row["uri"] for row in rows] + [item["uri"] for item in items]
    return bool(rows) and len(items) == len(rows) and all(u.startswith(start) for u in uris)


def test_open_data_and_openapi_are_open_to_every_origin_but_not_the_signed_in_pages(
    world: dict[str, Any],
) -> None:
    client = Client()
    for path in (
        "/datasets/dcat",
        "/uppsala/datasets/dcat",
        "/uppsala/datasets/dcat.ttl",
        "/uppsala/oppna-data/aktiviteter.csv",
        "/uppsala/oppna-data/aktiviteter.json",
        "/api/v1/openapi.json",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Access-Control-Allow-Origin"] == "*", path
    for path in ("/konto/logga-in/", "/app/uppsala/register/", "/uppsala/"):
        assert "Access-Control-Allow-Origin" not in client.get(path), path


def test_production_refuses_to_start_without_site_url(tmp_path: Path) -> None:
    env = os.environ | {
        "UTBLICK_ENV": "production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "utblick.example.se",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "UTBLICK_DATA_DIR": str(tmp_path),
        "SITE_URL": "",
    }
    env.pop("SITE_URL_FILE", None)
    result = subprocess.run(
        [sys.executable, "-m", "django", "check"],
        env=env | {"DJANGO_SETTINGS_MODULE": "utblick.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SITE_URL is required in production" in result.stderr


def test_the_site_catalogue_reads_as_many_queries_for_three_municipalities_as_for_one(
    world: dict[str, Any], umea: Any
) -> None:
    def catalogues() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            response = Client().get("/datasets/dcat")
        assert response.status_code == 200
        return len(queries), len(set(graph_of(response).subjects(RDF.type, DCAT.Catalog)))

    one, count = catalogues()
    assert count == 1
    publishing(umea)
    publishing(load_shipped("kungalv"))
    three, count = catalogues()
    assert count == 3 and three == one
