"""Peers: which other municipalities work with a place, a partner, a network or a programme.

Read from what the municipalities have **published** (the public copies of those whose
publishing is on), never from their registers: what one municipality keeps to itself
stays with it. Contact persons only where the municipality shows them and the person
has consented, as on its public pages.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from utblick.activities.models import Kind
from utblick.core.countries import find_country
from utblick.core.text import fold
from utblick.municipalities.models import Municipality
from utblick.organisation.models import Contact
from utblick.public.models import PublicActivity, PublicSettings
from utblick.public.selectors import consenting_contacts_of

#: What an answer shows of a copy (its long texts are left in the database).
SHOWN = (
    "activity_id",
    "title",
    "kind",
    "place",
    "country",
    "partners",
    "network",
    "contact_id",
    "municipality_id",
    "municipality__name",
    "municipality__slug",
)
#: At most this many activities are answered (a question is meant to find a few peers).
LIMIT = 300
AGREEMENTS = (Kind.TWIN_CITY, Kind.PARTNERSHIP)
_PIC_LENGTH = 9


@dataclass(frozen=True)
class PeerQuery:
    """What is asked; every part given must hold (an empty query asks nothing)."""

    place: str = ""  # a place or a country, of a twin town or partnership
    partner: str = ""  # a partner's PIC, or its name (with ``country`` when given)
    country: str = ""  # the partner's country, to tell two of the same name apart
    network: str = ""
    programme: str = ""  # an EU programme or a funder

    @cached_property
    def place_country(self) -> str | None:
        """The country ``place`` names, when it names one (looked up once per question)."""
        return find_country(self.place) if self.place.strip() else None

    @cached_property
    def partner_country(self) -> str | None:
        return find_country(self.country) if self.country.strip() else None

    @property
    def empty(self) -> bool:
        return not any(v.strip() for v in (self.place, self.partner, self.network, self.programme))


@dataclass
class PeerActivity:
    activity: PublicActivity
    contact: Contact | None


@dataclass
class Peer:
    municipality: Municipality
    activities: list[PeerActivity] = field(default_factory=list)


@dataclass
class PeerAnswer:
    peers: list[Peer]
    truncated: bool
    problems: list[str]


def _pic(text: str) -> str:
    digits = "".join(text.split())
    return digits if len(digits) == _PIC_LENGTH and digits.isdigit() else ""


def _narrowed(qs: QuerySet[PublicActivity], query: PeerQuery, problems: list[str]) -> QuerySet:
    """The database's part: what can be asked of indexed or plain columns."""
    if query.place.strip():
        code = query.place_country
        qs = qs.filter(kind__in=AGREEMENTS)
        if code:
            qs = qs.filter(countries__contains=f"|{code}|")
        else:
            qs = qs.filter(search_text__contains=fold(query.place))
    if query.partner.strip():
        pic = _pic(query.partner)
        if pic:
            qs = qs.filter(partners__icontains=f'"{pic}"')
        else:
            qs = qs.filter(search_text__contains=fold(query.partner))
    if query.country.strip() and query.partner.strip():
        code = query.partner_country
        if code is None:
            problems.append(_("Okänt land: %(c)s.") % {"c": query.country})
        else:
            qs = qs.filter(countries__contains=f"|{code}|")
    if query.network.strip():
        qs = qs.filter(kind=Kind.NETWORK, network__icontains=query.network.strip())
    if query.programme.strip():
        word = query.programme.strip()
        qs = qs.filter(
            Q(identifiers__eu_programme__icontains=word) | Q(funders__icontains=word),
            kind=Kind.PROJECT,
        )
    return qs


def _holds(a: PublicActivity, query: PeerQuery) -> bool:
    """The exact part, on the few rows the database found: folded names, PICs, countries."""
    partners = [p for p in a.partners if p.get("role") != "network"]
    if query.place.strip() and not query.place_country:
        place = fold(query.place)
        if fold(a.place) != place and all(fold(p.get("place") or "") != place for p in partners):
            return False
    if query.partner.strip():
        pic = _pic(query.partner)
        code = query.partner_country
        if pic:
            found = [p for p in partners if p.get("pic") == pic]
        else:
            name = fold(query.partner)
            found = [p for p in partners if fold(p["name"]) == name]
        if code:
            found = [p for p in found if p.get("country") == code]
        if not found:
            return False
    return not query.network.strip() or fold(query.network) in fold(a.network)


def peers(query: PeerQuery, *, leave_out: Municipality | None = None) -> PeerAnswer:
    """The municipalities whose published work answers ``query``, with those activities.

    Three queries whatever the answer: the activities (with their municipalities), the
    municipalities' settings and the consenting contacts.
    """
    problems: list[str] = []
    if query.empty:
        return PeerAnswer([], False, problems)
    publishing = PublicSettings.objects.filter(enabled=True).values("municipality_id")
    qs = PublicActivity.objects.filter(municipality_id__in=publishing)
    if leave_out is not None:
        qs = qs.exclude(municipality=leave_out)
    qs = _narrowed(qs, query, problems)
    # Read a few more rows than shown only where the exact check may still drop some.
    checked = bool(
        query.partner.strip()
        or query.network.strip()
        or (query.place.strip() and not query.place_country)
    )
    read = LIMIT * 4 if checked else LIMIT + 1
    rows = list(
        qs.select_related("municipality")
        .only(*SHOWN)
        .order_by("municipality__name", "title", "pk")[:read]
    )
    found = [a for a in rows if _holds(a, query)]
    truncated = len(found) > LIMIT or len(rows) == read
    found = found[:LIMIT]
    by_municipality: dict[int, list[PublicActivity]] = defaultdict(list)
    for a in found:
        by_municipality[a.municipality_id].append(a)
    contacts = consenting_contacts_of(
        found, list(PublicSettings.objects.filter(municipality_id__in=list(by_municipality)))
    )
    answer = []
    for items in by_municipality.values():
        answer.append(
            Peer(
                items[0].municipality,
                [PeerActivity(a, contacts.get(a.contact_id)) for a in items],
            )
        )
    return PeerAnswer(answer, truncated, problems)
