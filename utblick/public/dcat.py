"""The DCAT-AP-SE 3.0.1 catalogue of the municipality's open data, as the national portal harvests it.

Catalogue, dataset, distributions, the API as a data service, publisher and
contact point all have IRIs (the profile forbids blank nodes for them).
Serialised as RDF/XML, Turtle or JSON-LD.

Checked against the official files (tests/test_dcat_conformance.py): the EU's
DCAT-AP 3.0.1 shapes and DIGG's DCAT-AP-SE 3.0.1 template. The resources the
catalogue refers to (language, licence, frequency, place, media types …) are
described with the classes DCAT-AP expects of them, since a harvester reads
the catalogue alone. Where the two profiles disagree, the Swedish one wins: a
distribution's ``dcterms:format`` is a literal MIME type (as DIGG's validator
overrides the EU shape).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings as django_settings
from django.urls import reverse
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, SKOS

from utblick.public.models import PublicSettings

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
EU = "http://publications.europa.eu/resource/authority/"
EU_THEME = EU + "data-theme/"
EU_LANG = EU + "language/SWE"
EU_SWEDEN = EU + "country/SWE"
EU_FREQ = EU + "frequency/CONT"
EU_ACCESS = EU + "access-right/PUBLIC"
EU_RESTRICTED = EU + "access-right/RESTRICTED"
EU_STABLE = EU + "planned-availability/STABLE"
LOCAL_AUTHORITY = "http://purl.org/adms/publishertype/LocalAuthority"
PUBLISHER_TYPES = "http://purl.org/adms/publishertype/1.0"
LICENCE_TYPES = "http://purl.org/adms/licencetype/1.0"
#: The ADMS licence type of the licences a municipality is likely to choose.
LICENCE_TYPE = {
    "http://creativecommons.org/publicdomain/zero/1.0/": ("PublicDomain", "Public domain"),
    "http://creativecommons.org/licenses/by/4.0/": ("Attribution", "Attribution"),
}
WKT = URIRef("http://www.opengis.net/ont/geosparql#wktLiteral")
SWEDEN_BBOX = "POLYGON((10.96 55.34,24.17 55.34,24.17 69.06,10.96 69.06,10.96 55.34))"
SWEDEN_CENTROID = "POINT(16.33 62.39)"  # Flataklocken, Sweden's geographical midpoint
OPENAPI = "https://spec.openapis.org/oas/v3.1.0"
FORMATS = {"csv": ("CSV", "text/csv"), "json": ("JSON", "application/json")}


def publisher_uri(organisation_number: str) -> URIRef:
    return URIRef(f"http://dataportal.se/organisation/SE{organisation_number.replace('-', '')}")


def identifier(organisation_number: str, what: str) -> str:
    """A stable ``dcterms:identifier``: the publisher's number and the resource, not the host name."""
    return f"SE{organisation_number.replace('-', '')}-utblick-{what}"


@dataclass(frozen=True)
class CatalogDates:
    issued: date  # when the municipality began to publish
    modified: date  # the latest publication or change of settings
    earliest: date | None  # the earliest start of a published activity
    latest: date | None = None  # the latest end of a published activity
    modified_at: datetime | None = None  # as ``modified``, to the second (Last-Modified)


def _typed(
    g: Graph, resource: URIRef, cls: URIRef, scheme: str | None = None, label: str = ""
) -> URIRef:
    """Describe a referenced resource with the class DCAT-AP expects (code list, label)."""
    g.add((resource, RDF.type, cls))
    if scheme:
        g.add((resource, SKOS.inScheme, URIRef(scheme)))
    if label:
        g.add(
            (
                resource,
                SKOS.prefLabel if cls == SKOS.Concept else DCTERMS.title,
                Literal(label, lang="en"),
            )
        )
    return resource


def catalog_graph(settings: PublicSettings, dates: CatalogDates, base: str | None = None) -> Graph:
    """The municipality's catalogue; IRIs start with ``base`` (SITE_URL unless given)."""
    m = settings.municipality
    base = (base or django_settings.SITE_URL).rstrip("/")
    url = lambda name, *args: URIRef(base + reverse(name, args=[m.slug, *args]))  # noqa: E731
    catalog = URIRef(base + reverse("public:dcat", args=[m.slug]) + "#katalog")
    dataset = URIRef(base + reverse("public:open_data", args=[m.slug]) + "#aktiviteter")
    contact = URIRef(base + reverse("public:open_data", args=[m.slug]) + "#kontakt")
    publisher = publisher_uri(m.organisation_number)
    licence = URIRef(settings.licence)

    g = Graph()
    g.bind("dcat", DCAT)
    g.bind("dcterms", DCTERMS)
    g.bind("foaf", FOAF)
    g.bind("vcard", VCARD)
    g.bind("dcatap", DCATAP)
    g.bind("skos", SKOS)
    language = _typed(g, URIRef(EU_LANG), DCTERMS.LinguisticSystem, EU + "language")
    sweden = _typed(g, URIRef(EU_SWEDEN), DCTERMS.Location, EU + "country")
    g.add((sweden, DCAT.bbox, Literal(SWEDEN_BBOX, datatype=WKT)))
    g.add((sweden, DCAT.centroid, Literal(SWEDEN_CENTROID, datatype=WKT)))
    _typed(g, licence, DCTERMS.LicenseDocument)
    if str(licence) in LICENCE_TYPE:
        key, label = LICENCE_TYPE[str(licence)]
        kind = URIRef(f"http://purl.org/adms/licencetype/{key}")
        g.add((licence, DCTERMS.type, _typed(g, kind, SKOS.Concept, LICENCE_TYPES, label)))
        _typed(g, URIRef(LICENCE_TYPES), SKOS.ConceptScheme, label="Licence type")
    documentation = _typed(
        g, URIRef(base + reverse("public:open_data", args=[m.slug]) + "#falt"), DCTERMS.Standard
    )
    g.add((documentation, DCTERMS.title, Literal("Utblicks fält för öppna data", lang="sv")))

    g.add((catalog, RDF.type, DCAT.Catalog))
    g.add((catalog, DCTERMS.title, Literal(f"Öppna data från {m.name}", lang="sv")))
    g.add((catalog, DCTERMS.title, Literal(f"Open data from {m.name}", lang="en")))
    g.add(
        (
            catalog,
            DCTERMS.description,
            Literal(f"Öppna data om {m.name}s internationella arbete.", lang="sv"),
        )
    )
    g.add(
        (
            catalog,
            DCTERMS.description,
            Literal(f"Open data on the international work of {m.name}.", lang="en"),
        )
    )
    g.add((catalog, DCTERMS.publisher, publisher))
    g.add((catalog, DCTERMS.license, licence))
    g.add((catalog, DCTERMS.language, language))
    g.add((catalog, DCTERMS.identifier, Literal(identifier(m.organisation_number, "katalog"))))
    g.add((catalog, DCTERMS.spatial, sweden))
    g.add((catalog, FOAF.homepage, _typed(g, url("public:home"), FOAF.Document)))
    g.add((catalog, DCAT.dataset, dataset))
    g.add(
        (
            catalog,
            DCAT.themeTaxonomy,
            _typed(g, URIRef(EU_THEME.rstrip("/")), SKOS.ConceptScheme, label="Data theme"),
        )
    )
    for when, value in ((DCTERMS.issued, dates.issued), (DCTERMS.modified, dates.modified)):
        if value:
            g.add((catalog, when, Literal(value, datatype=XSD.date)))

    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, FOAF.name, Literal(m.name, lang="sv")))
    g.add((publisher, DCTERMS.description, Literal(f"{m.name}, en svensk kommun.", lang="sv")))
    g.add((publisher, DCTERMS.identifier, Literal(m.organisation_number.replace("-", ""))))
    if m.website:
        g.add((publisher, FOAF.homepage, _typed(g, URIRef(m.website), FOAF.Document)))
    g.add(
        (
            publisher,
            DCTERMS.type,
            _typed(g, URIRef(LOCAL_AUTHORITY), SKOS.Concept, PUBLISHER_TYPES, "Local Authority"),
        )
    )
    _typed(g, URIRef(PUBLISHER_TYPES), SKOS.ConceptScheme, label="Publisher type")

    g.add((contact, RDF.type, VCARD.Organization))
    g.add((contact, VCARD.fn, Literal(m.name, lang="sv")))
    g.add((contact, VCARD.hasEmail, URIRef(f"mailto:{settings.contact_email}")))

    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, DCTERMS.title, Literal(f"Internationellt arbete i {m.name}", lang="sv")))
    g.add((dataset, DCTERMS.title, Literal(f"International work of {m.name}", lang="en")))
    g.add(
        (
            dataset,
            DCTERMS.description,
            Literal(
                f"Förteckning över {m.name}s internationella projekt, vänorter, partnerskap, nätverksmedlemskap, "
                "evenemang och bevakningsfrågor, med avtalens läge (aktivt, vilande, avslutat), partner och finansiering.",
                lang="sv",
            ),
        )
    )
    g.add(
        (
            dataset,
            DCTERMS.description,
            Literal(
                f"Inventory of the international projects, twin cities, partnerships, network memberships, events "
                f"and monitored issues of {m.name}, with the state of each agreement (active, dormant, ended), partners and funding.",
                lang="en",
            ),
        )
    )
    g.add((dataset, DCTERMS.identifier, Literal(identifier(m.organisation_number, "aktiviteter"))))
    g.add((dataset, DCTERMS.publisher, publisher))
    g.add((dataset, DCAT.contactPoint, contact))
    themes = [
        _typed(g, URIRef(EU_THEME + theme), SKOS.Concept, EU_THEME.rstrip("/"), label)
        for theme, label in (
            ("GOVE", "Government and public sector"),
            ("INTR", "International issues"),
        )
    ]
    for theme in themes:
        g.add((dataset, DCAT.theme, theme))
    keywords = ("internationellt arbete", "vänorter", "EU-projekt", "nätverk", "Agenda 2030")
    for word in keywords:
        g.add((dataset, DCAT.keyword, Literal(word, lang="sv")))
    g.add(
        (
            dataset,
            DCTERMS.accrualPeriodicity,
            _typed(g, URIRef(EU_FREQ), DCTERMS.Frequency, EU + "frequency"),
        )
    )
    public = _typed(g, URIRef(EU_ACCESS), DCTERMS.RightsStatement, EU + "access-right")
    g.add((dataset, DCTERMS.accessRights, public))
    g.add((dataset, DCTERMS.language, language))
    g.add((dataset, DCAT.landingPage, _typed(g, url("public:activities"), FOAF.Document)))
    g.add((dataset, DCTERMS.spatial, sweden))
    g.add((dataset, DCTERMS.conformsTo, documentation))
    for when, value in ((DCTERMS.issued, dates.issued), (DCTERMS.modified, dates.modified)):
        if value:
            g.add((dataset, when, Literal(value, datatype=XSD.date)))
    if dates.earliest:
        # A period may be a blank node in the profile; an IRI keeps the output (and ETag) stable.
        period = URIRef(base + reverse("public:open_data", args=[m.slug]) + "#tidsperiod")
        g.add((dataset, DCTERMS.temporal, period))
        g.add((period, RDF.type, DCTERMS.PeriodOfTime))
        g.add((period, DCAT.startDate, Literal(dates.earliest, datatype=XSD.date)))
        # Up to the latest planned end, or to the latest publication if an activity runs on.
        end = max(d for d in (dates.latest, dates.modified) if d is not None)
        g.add((period, DCAT.endDate, Literal(end, datatype=XSD.date)))

    availability = _typed(g, URIRef(EU_STABLE), SKOS.Concept, EU + "planned-availability", "stable")
    for fmt, (file_type, media_type) in FORMATS.items():
        download = url(f"public:open_data_{fmt}")
        distribution = URIRef(str(download) + "#distribution")
        g.add((dataset, DCAT.distribution, distribution))
        g.add((distribution, RDF.type, DCAT.Distribution))
        g.add((distribution, DCTERMS.title, Literal(f"Aktiviteter ({file_type})", lang="sv")))
        g.add(
            (
                distribution,
                DCTERMS.description,
                Literal(
                    f"Alla publicerade aktiviteter i {file_type}, UTF-8, med fälten beskrivna på sidan Öppna data.",
                    lang="sv",
                ),
            )
        )
        g.add((distribution, DCAT.accessURL, download))
        g.add((distribution, DCAT.downloadURL, download))
        g.add((distribution, DCTERMS.format, Literal(media_type)))  # DCAT-AP-SE: a literal
        iana = URIRef(f"https://www.iana.org/assignments/media-types/{media_type}")
        g.add((distribution, DCAT.mediaType, _typed(g, iana, DCTERMS.MediaType)))
        g.add((distribution, DCTERMS.license, licence))
        g.add((distribution, DCTERMS.conformsTo, documentation))
        g.add((distribution, DCATAP.availability, availability))

    # The API, which serves the same register (to the municipality's own token holders).
    service = URIRef(base + reverse("public:dcat", args=[m.slug]) + "#api")
    g.add((catalog, DCAT.service, service))
    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, DCTERMS.title, Literal(f"Utblicks API för {m.name}", lang="sv")))
    g.add((service, DCTERMS.title, Literal(f"Utblick API for {m.name}", lang="en")))
    g.add(
        (
            service,
            DCTERMS.description,
            Literal(
                "Aktiviteter, partner och finansiering som JSON, för den som har kommunens API-nyckel.",
                lang="sv",
            ),
        )
    )
    g.add((service, DCTERMS.identifier, Literal(identifier(m.organisation_number, "api"))))
    g.add((service, DCAT.endpointURL, URIRef(base + reverse("api:api-root"))))
    g.add((service, DCAT.endpointDescription, URIRef(base + reverse("api:openapi-json"))))
    g.add((service, DCAT.servesDataset, dataset))
    g.add((service, DCTERMS.publisher, publisher))
    g.add((service, DCAT.contactPoint, contact))
    g.add((service, DCTERMS.format, Literal("application/json")))
    g.add((service, DCTERMS.conformsTo, _typed(g, URIRef(OPENAPI), DCTERMS.Standard)))
    g.add((URIRef(OPENAPI), DCTERMS.title, Literal("OpenAPI Specification 3.1.0", lang="en")))
    restricted = _typed(g, URIRef(EU_RESTRICTED), DCTERMS.RightsStatement, EU + "access-right")
    g.add((service, DCTERMS.accessRights, restricted))
    g.add((service, DCTERMS.license, licence))
    for theme in themes:
        g.add((service, DCAT.theme, theme))
    for word in keywords:
        g.add((service, DCAT.keyword, Literal(word, lang="sv")))
    return g


def site_graph(graphs: list[Graph]) -> Graph:
    """Every publishing municipality's catalogue in one document (``/datasets/dcat``)."""
    g = Graph()
    for prefix, namespace in (
        ("dcat", DCAT),
        ("dcterms", DCTERMS),
        ("foaf", FOAF),
        ("vcard", VCARD),
        ("dcatap", DCATAP),
        ("skos", SKOS),
    ):
        g.bind(prefix, namespace)
    for one in graphs:
        g += one
    return g


SERIALISATIONS = {
    "rdf": ("xml", "application/rdf+xml"),
    "ttl": ("turtle", "text/turtle"),
    "jsonld": ("json-ld", "application/ld+json"),
}


def negotiated(accept: str) -> str:
    """The serialisation an Accept header asks for; RDF/XML (the harvester's) by default.

    The highest q wins; among equals the order of the header; ``*/*`` or nothing
    we serve means RDF/XML.
    """
    by_type = {content_type: key for key, (_fmt, content_type) in SERIALISATIONS.items()}
    by_type["application/json"] = "jsonld"
    by_type["application/xml"] = "rdf"
    wanted: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            name, _sep, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media.lower() in by_type and quality > 0:
            wanted.append((-quality, position, by_type[media.lower()]))
    return min(wanted)[2] if wanted else "rdf"
