"""The DCAT-AP-SE 3.0.1 catalogue of the municipality's open data, as the national portal harvests it.

Catalogue, dataset, distributions, publisher and contact point all have IRIs
(the profile forbids blank nodes for them). Serialised as RDF/XML, Turtle or
JSON-LD.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings as django_settings
from django.urls import reverse
from rdflib import RDF, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF

from utblick.public.models import PublicSettings

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU_THEME = "http://publications.europa.eu/resource/authority/data-theme/"
EU_FILE = "http://publications.europa.eu/resource/authority/file-type/"
EU_LANG = "http://publications.europa.eu/resource/authority/language/SWE"
EU_SWEDEN = "http://publications.europa.eu/resource/authority/country/SWE"
EU_FREQ = "http://publications.europa.eu/resource/authority/frequency/CONT"
EU_ACCESS = "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
LOCAL_AUTHORITY = "http://purl.org/adms/publishertype/LocalAuthority"
FORMATS = {"csv": ("CSV", "text/csv"), "json": ("JSON", "application/json")}


def publisher_uri(organisation_number: str) -> URIRef:
    return URIRef(f"http://dataportal.se/organisation/SE{organisation_number.replace('-', '')}")


@dataclass(frozen=True)
class CatalogDates:
    issued: date  # when the municipality began to publish
    modified: date  # the latest publication or change of settings
    earliest: date | None  # the earliest start of a published activity


def catalog_graph(settings: PublicSettings, dates: CatalogDates) -> Graph:
    m = settings.municipality
    base = django_settings.SITE_URL
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
    g.add((catalog, DCTERMS.language, URIRef(EU_LANG)))
    g.add((catalog, FOAF.homepage, url("public:home")))
    g.add((catalog, DCAT.dataset, dataset))
    g.add((catalog, DCAT.themeTaxonomy, URIRef(EU_THEME.rstrip("/"))))
    for when, value in ((DCTERMS.issued, dates.issued), (DCTERMS.modified, dates.modified)):
        if value:
            g.add((catalog, when, Literal(value, datatype=XSD.date)))

    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, FOAF.name, Literal(m.name, lang="sv")))
    g.add((publisher, DCTERMS.type, URIRef(LOCAL_AUTHORITY)))

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
                "evenemang och bevakningsfrågor, med partner och finansiering.",
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
                f"and monitored issues of {m.name}, with partners and funding.",
                lang="en",
            ),
        )
    )
    g.add((dataset, DCTERMS.publisher, publisher))
    g.add((dataset, DCAT.contactPoint, contact))
    for theme in ("GOVE", "INTR"):
        g.add((dataset, DCAT.theme, URIRef(EU_THEME + theme)))
    for word in ("internationellt arbete", "vänorter", "EU-projekt", "nätverk", "Agenda 2030"):
        g.add((dataset, DCAT.keyword, Literal(word, lang="sv")))
    g.add((dataset, DCTERMS.accrualPeriodicity, URIRef(EU_FREQ)))
    g.add((dataset, DCTERMS.accessRights, URIRef(EU_ACCESS)))
    g.add((dataset, DCTERMS.language, URIRef(EU_LANG)))
    g.add((dataset, DCAT.landingPage, url("public:activities")))
    g.add((dataset, DCTERMS.spatial, URIRef(EU_SWEDEN)))
    for when, value in ((DCTERMS.issued, dates.issued), (DCTERMS.modified, dates.modified)):
        if value:
            g.add((dataset, when, Literal(value, datatype=XSD.date)))
    if dates.earliest:
        period = BNode()  # a period of time may be a blank node in the profile
        g.add((dataset, DCTERMS.temporal, period))
        g.add((period, RDF.type, DCTERMS.PeriodOfTime))
        g.add((period, DCAT.startDate, Literal(dates.earliest, datatype=XSD.date)))

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
        g.add((distribution, DCTERMS.format, URIRef(EU_FILE + file_type)))
        g.add(
            (
                distribution,
                DCAT.mediaType,
                URIRef(f"https://www.iana.org/assignments/media-types/{media_type}"),
            )
        )
        g.add((distribution, DCTERMS.license, licence))
        g.add((distribution, DCTERMS.conformsTo, url("public:open_data")))
    return g


SERIALISATIONS = {
    "rdf": ("xml", "application/rdf+xml"),
    "ttl": ("turtle", "text/turtle"),
    "jsonld": ("json-ld", "application/ld+json"),
}
