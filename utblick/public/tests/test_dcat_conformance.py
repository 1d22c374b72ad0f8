"""The DCAT catalogue checked with the standards' OWN files, not shapes of ours.

EU DCAT-AP 3.0.1 (SEMIC): Base (cardinalities), Range (classes of referenced
resources, with the W3C/DCMI vocabularies as ontology and the EU code lists in
the data graph), Codelists (mdr-vocabularies) and Recommended. DCAT-AP-SE 3.0.1:
DIGG's RDForms bundle, read as JSON, for the Swedish cardinalities.

Where the Swedish profile diverges from the EU shapes (a distribution's
``dcterms:format`` is a literal MIME type in Sweden, an IRI of the EU file-type
list in the EU), DIGG's own override list (``dcat-ap-se-overrides.json``)
decides: every EU result left is counted, the raw ones are printed beside it.

Run with ``-s`` to see the figures per shape set.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from pyshacl import validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib import namespace as ns

RDF, SH, DCAT, DCTERMS = ns.RDF, ns.SH, ns.DCAT, ns.DCTERMS
#: The official files, beside the repository (see their README). One place for the path.
#: The official files, copied unchanged from ../shared/standards (see standards/README.md).
STANDARDS = Path(__file__).resolve().parents[3] / "standards" / "dcat-ap-se"
SEMIC = STANDARDS / "semic-dcat-ap-3.0.1" / "html" / "shacl"
BUNDLE = STANDARDS / "digg-dcat-ap-se-3.0.1-rdforms-bundle.json"
OVERRIDES = STANDARDS / "digg-draft-validator" / "dcat-ap-se-overrides.json"

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Result:
    severity: str  # Violation | Warning | Info
    path: str
    component: str
    focus: str
    message: str


@dataclass
class Standards:
    base: Graph
    range: Graph
    codelist_shapes: Graph
    recommended: Graph
    vocabularies: Graph
    codelists: Graph
    overrides: dict[str, set[str]]
    bundle: dict[str, Any]


def _graph(*paths: Path) -> Graph:
    g = Graph()
    for path in paths:
        g.parse(path)
    return g


@pytest.fixture(scope="module")
def standards() -> Standards:
    return load_standards()


def load_standards() -> Standards:
    if not (SEMIC / "shapes.ttl").is_file() or not BUNDLE.is_file():
        pytest.fail(
            f"The official DCAT-AP/DCAT-AP-SE files are missing: expected them in {STANDARDS} "
            "(a copy of ../shared/standards/dcat-ap-se, see standards/README.md). "
            "Without them the catalogue cannot be checked against the standards."
        )
    overrides: dict[str, set[str]] = {}
    for row in json.loads(OVERRIDES.read_text(encoding="utf-8"))["overrides"]:
        overrides.setdefault(row["path"], set()).update(row["ignoreConstraints"])
    # DIGG sets aside the range and node-kind checks of a literal dcterms:format; the EU code
    # list shape checks the same literal once more (sh:node FileTypeRestriction): the same
    # divergence, set aside with it.
    overrides[str(DCTERMS.format)].add("NodeConstraintComponent")
    return Standards(
        base=_graph(SEMIC / "shapes.ttl"),
        range=_graph(SEMIC / "range.ttl"),
        codelist_shapes=_graph(SEMIC / "mdr-vocabularies.shape.ttl"),
        recommended=_graph(SEMIC / "shapes_recommended.ttl"),
        vocabularies=_graph(*sorted((STANDARDS / "vocabularies").glob("*.ttl"))),
        codelists=_graph(
            *sorted((STANDARDS / "digg-draft-validator" / "vocabularies").glob("*.rdf"))
        ),
        overrides=overrides,
        bundle=json.loads(BUNDLE.read_text(encoding="utf-8")),
    )


def catalogue(path: str) -> Graph:
    response = Client().get(path, HTTP_ACCEPT="text/turtle")
    assert response.status_code == 200, response.status_code
    content_type = response["Content-Type"].split(";")[0]
    return Graph().parse(data=response.content, format=content_type)


def shacl(data: Graph, shapes: Graph, ont: Graph | None = None) -> list[Result]:
    _conforms, report, _text = validate(
        data, shacl_graph=shapes, ont_graph=ont, inference="none", allow_warnings=False
    )
    results = []
    top = next(report.subjects(RDF.type, SH.ValidationReport))
    for r in report.objects(top, SH.result):  # not the nested sh:detail results
        results.append(
            Result(
                severity=str(report.value(r, SH.resultSeverity)).rsplit("#", 1)[-1],
                path=str(report.value(r, SH.resultPath)),
                component=str(report.value(r, SH.sourceConstraintComponent)).rsplit("#", 1)[-1],
                focus=str(report.value(r, SH.focusNode)),
                message=str(report.value(r, SH.resultMessage)),
            )
        )
    return results


def swedish(results: list[Result], standards: Standards) -> list[Result]:
    """The EU results that DIGG's override list does not set aside for the Swedish profile."""
    return [r for r in results if r.component not in standards.overrides.get(r.path, set())]


def figures(name: str, results: list[Result], kept: list[Result]) -> str:
    raw = Counter(r.severity for r in results)
    left = Counter(r.severity for r in kept)
    line = (
        f"{name}: {raw['Violation']} violations, {raw['Warning']} warnings raw; "
        f"after DIGG's overrides {left['Violation']} violations, {left['Warning']} warnings"
    )
    details = "\n".join(
        f"  {r.severity} {r.path} {r.component} on {r.focus}: {r.message}" for r in kept
    )
    print(line + ("\n" + details if details else ""))
    return line + ("\n" + details if details else "")


def with_codelists(g: Graph, standards: Standards) -> Graph:
    merged = Graph()
    merged += g
    merged += standards.codelists
    return merged


# -- EU DCAT-AP 3.0.1 -------------------------------------------------------------------


def test_base_shapes(world: dict[str, Any], standards: Standards) -> None:
    results = shacl(catalogue("/uppsala/datasets/dcat"), standards.base)
    kept = swedish(results, standards)
    line = figures("Base (shapes.ttl)", results, kept)
    assert not kept, line
    assert {r.path for r in results} <= {str(DCTERMS.format)}, line


def test_range_shapes_with_the_vocabularies_and_code_lists(
    world: dict[str, Any], standards: Standards
) -> None:
    data = with_codelists(catalogue("/uppsala/datasets/dcat"), standards)
    results = shacl(data, standards.range, ont=standards.vocabularies)
    kept = swedish(results, standards)
    line = figures("Range (range.ttl + vocabularies + code lists)", results, kept)
    assert not [r for r in kept if r.severity == "Violation"], line
    # Only the Swedish literal dcterms:format is set aside, nothing else.
    assert {r.path for r in results if r not in kept} <= {str(DCTERMS.format)}, line


def test_code_list_shapes(world: dict[str, Any], standards: Standards) -> None:
    data = with_codelists(catalogue("/uppsala/datasets/dcat"), standards)
    results = shacl(data, standards.codelist_shapes)
    kept = swedish(results, standards)
    line = figures("Codelists (mdr-vocabularies.shape.ttl + code lists)", results, kept)
    assert not [r for r in kept if r.severity == "Violation"], line
    assert {r.path for r in results if r not in kept} <= {str(DCTERMS.format)}, line
    # The one warning the Swedish profile requires: the publisher is DIGG's
    # dataportal.se/organisation/SE<orgnr>, not an EU corporate body.
    assert {r.path for r in kept} <= {str(DCTERMS.publisher)}, line


def test_recommended_shapes(world: dict[str, Any], standards: Standards) -> None:
    results = shacl(catalogue("/uppsala/datasets/dcat"), standards.recommended)
    line = figures("Recommended (shapes_recommended.ttl)", results, results)
    assert not results, line


def test_the_site_wide_catalogue_conforms_too(world: dict[str, Any], standards: Standards) -> None:
    g = catalogue("/datasets/dcat")
    assert not swedish(shacl(g, standards.base), standards)
    data = with_codelists(g, standards)
    assert not [
        r
        for r in swedish(shacl(data, standards.range, ont=standards.vocabularies), standards)
        if r.severity == "Violation"
    ]
    assert not shacl(g, standards.recommended)


def test_the_shapes_can_fail(world: dict[str, Any], standards: Standards) -> None:
    """The official shapes do catch a missing title and an untyped language."""
    g = catalogue("/uppsala/datasets/dcat")
    dataset = next(g.subjects(RDF.type, DCAT.Dataset))
    g.remove((dataset, DCTERMS.title, None))
    assert any(r.path == str(DCTERMS.title) for r in shacl(g, standards.base))
    g = catalogue("/uppsala/datasets/dcat")
    g.add((dataset, DCTERMS.language, URIRef("http://example.org/not-a-language")))
    results = shacl(with_codelists(g, standards), standards.range, ont=standards.vocabularies)
    assert any(r.path == str(DCTERMS.language) for r in results)


# -- DCAT-AP-SE 3.0.1 (DIGG's RDForms bundle) ----------------------------------------------

PREFIXES = {
    "rdf": str(RDF),
    "dcterms": str(DCTERMS),
    "dcat": str(DCAT),
    "foaf": str(ns.FOAF),
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "owl": str(ns.OWL),
    "prov": str(ns.PROV),
    "schema": "http://schema.org/",
    "odrs": "http://schema.theodi.org/odrs#",
    "locn": "http://www.w3.org/ns/locn#",
    "dcatap": "http://data.europa.eu/r5r/",
}
LITERAL_KINDS = {"LITERAL", "ONLY_LITERAL", "LANGUAGE_LITERAL", "DATATYPE_LITERAL", "PLAIN_LITERAL"}
#: The profile's class templates and the rdf:type(s) of the resources they describe.
CLASSES = {
    "dcat:Catalog": [DCAT.Catalog],
    "dcat:Dataset": [DCAT.Dataset],
    "dcat:Distribution": [DCAT.Distribution],
    "dcat:DataService": [DCAT.DataService],
    "dcat:foaf:Agent": [ns.FOAF.Agent],
    "dcat:contactPoint": [URIRef(PREFIXES["vcard"] + "Organization")],
}
#: Recommended properties left out on purpose, with the reason.
NO_DATA = {
    # The only value of the profile's classification says the agent is required by regulation
    # to take fees for data; a municipality publishing this register is not.
    "https://www.w3.org/ns/org#classification": "not true of a municipality's free open data",
    # Utblick keeps no telephone number or postal address for the municipality.
    PREFIXES["vcard"] + "hasTelephone": "no telephone number in Utblick",
    PREFIXES["vcard"] + "hasAddress": "no postal address in Utblick",
}


def _expand(name: str) -> URIRef:
    if name.startswith(("http://", "https://")):
        return URIRef(name)
    prefix, local = name.split(":", 1)
    return URIRef(PREFIXES[prefix] + local)


class Profile:
    def __init__(self, bundle: dict[str, Any]) -> None:
        self.ids = {t["id"]: t for t in bundle["templates"] if "id" in t}

    def resolve(self, item: str | dict[str, Any]) -> dict[str, Any]:
        template = self.ids[item] if isinstance(item, str) else item
        if "extends" in template:
            return self.resolve(template["extends"]) | {
                k: v for k, v in template.items() if k != "extends"
            }
        return template

    def values(self, g: Graph, subject: Any, template: dict[str, Any]) -> set[Any]:
        if "property" not in template:  # a group of alternatives for one property
            return set().union(
                *(self.values(g, subject, self.resolve(i)) for i in template.get("items", []))
            )
        found = set(g.objects(subject, _expand(template["property"])))
        if template.get("nodetype") in LITERAL_KINDS:
            return {v for v in found if isinstance(v, Literal)}
        if template.get("nodetype") in ("URI", "RESOURCE"):
            return {v for v in found if not isinstance(v, Literal)}
        return found

    def check(
        self, g: Graph, subject: Any, group: dict[str, Any], where: str
    ) -> tuple[list[str], list[str]]:
        unmet, missing = [], []
        for raw in group.get("items", []):
            template = self.resolve(raw)
            if "deps" in template:  # only with another value (e.g. HVD legislation): not ours
                continue
            card = template.get("cardinality", {})
            values = self.values(g, subject, template)
            name = template.get("property") or template.get("id") or "?"
            if len(values) < card.get("min", 0) or len(values) > card.get("max", 10**6):
                unmet.append(f"{where} {name}: {len(values)} value(s), {card}")
            elif not values and card.get("pref", 0) >= 1 and str(_expand(name)) not in NO_DATA:
                missing.append(f"{where} {name}")
            if template.get("type") == "group" and "property" in template and values:
                for value in values:
                    more = self.check(g, value, template, f"{where} {name} →")
                    unmet += more[0]
                    missing += more[1]
        return unmet, missing


def se_profile(g: Graph, standards: Standards) -> tuple[list[str], list[str], Counter[str]]:
    profile = Profile(standards.bundle)
    unmet, missing, seen = [], [], Counter()
    for template_id, classes in CLASSES.items():
        group = profile.resolve(template_id)
        for cls in classes:
            for subject in g.subjects(RDF.type, cls):
                seen[template_id] += 1
                more = profile.check(g, subject, group, f"{template_id} <{subject}>")
                unmet += more[0]
                missing += more[1]
    return unmet, missing, seen


def test_dcat_ap_se_mandatory_and_recommended(world: dict[str, Any], standards: Standards) -> None:
    g = catalogue("/uppsala/datasets/dcat")
    unmet, missing, seen = se_profile(g, standards)
    on_purpose = ", ".join(f"{k.rsplit('#', 1)[-1]} – {v}" for k, v in NO_DATA.items())
    line = (
        f"DCAT-AP-SE 3.0.1 (bundle): {sum(seen.values())} resources checked {dict(seen)}; "
        f"{len(unmet)} mandatory unmet, {len(missing)} recommended missing "
        f"(left out on purpose: {on_purpose})"
    )
    print(
        line
        + "".join(f"\n  unmet: {u}" for u in unmet)
        + "".join(f"\n  missing: {m}" for m in missing)
    )
    assert set(seen) == set(CLASSES), line  # every class of the profile is in the catalogue
    assert not unmet, line + "\n" + "\n".join(unmet)
    assert not missing, line + "\n" + "\n".join(missing)
    for distribution in g.subjects(RDF.type, DCAT.Distribution):
        formats = list(g.objects(distribution, DCTERMS.format))
        assert len(formats) == 1 and isinstance(formats[0], Literal), formats


def test_the_checker_catches_an_iri_format(world: dict[str, Any], standards: Standards) -> None:
    g = catalogue("/uppsala/datasets/dcat")
    distribution = next(g.subjects(RDF.type, DCAT.Distribution))
    g.remove((distribution, DCTERMS.format, None))
    g.add(
        (
            distribution,
            DCTERMS.format,
            URIRef("http://publications.europa.eu/resource/authority/file-type/CSV"),
        )
    )
    unmet, _missing, _seen = se_profile(g, standards)
    assert any("format" in u for u in unmet), unmet
    assert not isinstance(next(iter(g.subjects(RDF.type, DCAT.Catalog))), BNode)


def test_a_catalogue_with_nothing_published_yet_conforms(
    uppsala: Any, standards: Standards
) -> None:
    from utblick.public.tests.conftest import publishing

    publishing(uppsala)
    g = catalogue("/uppsala/datasets/dcat")
    assert not swedish(shacl(g, standards.base), standards)
    # Only the time span is missing: nothing published, nothing to span.
    assert {r.path for r in shacl(g, standards.recommended)} == {str(DCTERMS.temporal)}
    unmet, _missing, _seen = se_profile(g, standards)
    assert not unmet
