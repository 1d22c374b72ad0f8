"""The DCAT-AP-SE catalogue validates against shapes written from the profile, in every serialisation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pyshacl import validate
from rdflib import BNode, Graph, URIRef
from rdflib import namespace as ns
from rdflib.compare import isomorphic

RDF, DCAT, DCTERMS, FOAF = (
    ns.RDF,
    ns.DCAT,
    ns.DCTERMS,
    ns.FOAF,
)  # not module-level imports: pytest probes those
SHAPES = Path(__file__).resolve().parents[1] / "data" / "dcat-ap-se-shapes.ttl"
VCARD_ORGANIZATION = URIRef("http://www.w3.org/2006/vcard/ns#Organization")
FORMATS = {"public:dcat": "xml", "public:dcat_ttl": "turtle", "public:dcat_jsonld": "json-ld"}

pytestmark = pytest.mark.django_db


def catalogue(name: str = "public:dcat", slug: str = "uppsala") -> Graph:
    response = Client().get(reverse(name, args=[slug]))
    assert response.status_code == 200
    return Graph().parse(data=response.content, format=FORMATS[name])


def shacl(graph: Graph) -> tuple[bool, str]:
    conforms, _report, text = validate(graph, shacl_graph=Graph().parse(SHAPES), inference="none")
    return conforms, text


def test_the_catalogue_validates_with_no_warnings(world: dict[str, Any]) -> None:
    conforms, text = shacl(catalogue())
    print(text)  # the validation output, for the record
    assert conforms, text
    assert "Results (" not in text  # not even a warning about a recommended property


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


def test_the_shapes_catch_what_the_profile_requires(world: dict[str, Any]) -> None:
    """The validation can fail: remove a mandatory property, or turn a resource into a blank node."""
    g = catalogue()
    dataset = next(g.subjects(RDF.type, DCAT.Dataset))
    g.remove((dataset, DCTERMS.title, None))
    conforms, text = shacl(g)
    assert not conforms and "dcterms:title" in text

    g = catalogue()
    contact = next(g.subjects(RDF.type, VCARD_ORGANIZATION))
    blank = BNode()
    for p, o in list(g.predicate_objects(contact)):
        g.add((blank, p, o))
    g.remove((contact, None, None))
    for s, p in list(g.subject_predicates(contact)):
        g.remove((s, p, contact))
        g.add((s, p, blank))
    assert not shacl(g)[0]


def test_a_catalogue_with_nothing_published_yet_still_validates(uppsala: Any) -> None:
    from utblick.public.tests.conftest import publishing

    publishing(uppsala)
    conforms, _report, text = validate(
        catalogue(), shacl_graph=Graph().parse(SHAPES), inference="none", allow_warnings=True
    )
    assert conforms, text
    # Only the time span is missing: nothing published, nothing to span.
    assert "Results (1)" in text and "dcterms:temporal" in text
