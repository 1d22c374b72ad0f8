"""The DCAT catalogue: the same in every serialisation, IRIs for its resources.

Conformance to the standards is checked with their official files in
test_dcat_conformance.py; the harvest endpoints in test_dcat_harvest.py.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rdflib import BNode, Graph, URIRef
from rdflib import namespace as ns
from rdflib.compare import isomorphic

RDF, DCAT, DCTERMS, FOAF = (
    ns.RDF,
    ns.DCAT,
    ns.DCTERMS,
    ns.FOAF,
)  # not module-level imports: pytest probes those
VCARD_ORGANIZATION = URIRef("http://www.w3.org/2006/vcard/ns#Organization")
FORMATS = {"public:dcat": "xml", "public:dcat_ttl": "turtle", "public:dcat_jsonld": "json-ld"}

pytestmark = pytest.mark.django_db


def catalogue(name: str = "public:dcat", slug: str = "uppsala") -> Graph:
    response = Client().get(reverse(name, args=[slug]))
    assert response.status_code == 200
    return Graph().parse(data=response.content, format=FORMATS[name])


def test_all_serialisations_say_the_same(world: dict[str, Any]) -> None:
    graphs = [catalogue(name) for name in FORMATS]
    assert isomorphic(graphs[0], graphs[1])
    assert isomorphic(graphs[0], graphs[2])


def test_resources_have_iris_and_the_publisher_its_organisation_number(
    world: dict[str, Any],
) -> None:
    g = catalogue()
    for cls in (DCAT.Catalog, DCAT.Dataset, DCAT.Distribution, FOAF.Agent, VCARD_ORGANIZATION):
        subjects = list(g.subjects(RDF.type, cls))
        assert subjects, cls
        assert not any(isinstance(s, BNode) for s in subjects), cls
    publisher = g.value(next(g.subjects(RDF.type, DCAT.Catalog)), DCTERMS.publisher)
    assert str(publisher) == "http://dataportal.se/organisation/SE2120003005"
    assert str(g.value(next(g.subjects(RDF.type, DCAT.Catalog)), DCTERMS.license)) == (
        "http://creativecommons.org/publicdomain/zero/1.0/"
    )
    downloads = {str(o) for o in g.objects(None, DCAT.downloadURL)}
    assert any(d.endswith(reverse("public:open_data_csv", args=["uppsala"])) for d in downloads)
    assert any(d.endswith(reverse("public:open_data_json", args=["uppsala"])) for d in downloads)
