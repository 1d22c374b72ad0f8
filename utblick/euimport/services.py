"""An EU register's projects as an import file: the municipality's own, with partners and grant.

The EU's download becomes the same workbook a coordinator would upload (sheets
Aktiviteter, Partner and Finansiering), and goes through the import: the same
checks, the same preview, all or nothing, one history row per change. A project is
found again by its EU id, so importing the same download twice changes nothing.

The municipality's own projects are those where one of the organisations is the
municipality: by its VAT number (SE + organisation number + 01), by its organisation
number (Kohesio's beneficiary id) or by a PIC the coordinator gives. An organisation that only bears the municipality's name is a
candidate for the coordinator to confirm (by giving its PIC), never taken on its own.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from openpyxl import Workbook

from utblick.core import clock
from utblick.core.tenancy import Access
from utblick.core.text import fold
from utblick.core.uploads import limits
from utblick.euimport.reading import (
    EuOrganisation,
    EuProject,
    keep_tables,
    read_cordis,
    read_keep,
    read_kohesio,
    zip_files,
)
from utblick.imports.models import ImportBatch
from utblick.imports.services import batch_upload
from utblick.municipalities.models import Municipality

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

#: CORDIS' activity types as partner kinds (the import's words).
KINDS = {
    "HES": "Universitet/högskola",
    "PRC": "Företag",
    "REC": "Förening/organisation",
    "OTH": "Förening/organisation",
    "PUB": "Nationell myndighet",
    "LOC": "Kommun/stad",  # keep.eu's "local public authority"
    "REG": "Region",  # keep.eu's "regional public authority"
}
#: Words that make a public body a local one, in the languages of the EU's registers.
_LOCAL = re.compile(
    r"\b(kommun|stad|city|municipality|gemeente|gemeinde|kaupunki|kunta|kommune|comune|"
    r"stadt|gmina|miasto|mesto|linn|vald|dimos|ayuntamiento|concello|municipio|mairie|ville)\b"
)
#: Words that make a public body a regional one (at a word's start: "Länsstyrelsen").
_REGIONAL = re.compile(
    r"\b(region|regione|regio|landsting|lansstyrelse|county|maakunta|provincia|provinz|"
    r"wojewodztwo|kraj|fylkeskommune|bezirk|departement)"
)
STATUS = {"SIGNED": "Beslutad/pågående", "CLOSED": "Avslutad", "TERMINATED": "Upphörd"}
ROLES = {"coordinator": "huvudman", "associatedPartner": "associerad"}


@dataclass
class Candidate:
    project: EuProject
    organisation: EuOrganisation


@dataclass
class Selection:
    mine: list[tuple[EuProject, EuOrganisation]]
    candidates: list[Candidate]
    vat: str = ""  # the municipality's VAT number, as looked for


def municipality_vat(municipality: Municipality) -> str:
    return "SE" + municipality.organisation_number.replace("-", "") + "01"


def own_projects(
    projects: list[EuProject], municipality: Municipality, pics: set[str]
) -> Selection:
    """The municipality's projects (by VAT or a given PIC), and name-only candidates."""
    vat = municipality_vat(municipality)
    number = municipality.organisation_number.replace("-", "")
    stem = fold(municipality.name).replace(" kommun", "").strip()
    mine, candidates = [], []

    def is_own(o: EuOrganisation) -> bool:
        local = re.sub(r"\D", "", o.local_id)
        own_ids = (number, number + "01")  # as a register writes it, or as a VAT number's digits
        return o.vat == vat or bool(o.pic and o.pic in pics) or bool(local and local in own_ids)

    for project in projects:
        own = next((o for o in project.organisations if is_own(o)), None)
        if own is not None:
            mine.append((project, own))
            continue
        candidates += [
            Candidate(project, o)
            for o in project.organisations
            if o.country == "SE" and stem and stem in fold(o.name).split()
        ]
    return Selection(mine, candidates, vat)


def _amount(value: Decimal) -> str:
    return f"{value:,.0f}".replace(",", "\u00a0")


def selection_notes(selection: Selection) -> list[str]:
    """What the coordinator must know of the download beyond its rows, in Swedish: the
    organisations to confirm, and grants whose share the register does not state."""
    notes = []
    for c in selection.candidates:
        o = c.organisation
        ident = (
            _("PIC %(id)s") % {"id": o.pic}
            if o.pic
            else _("organisationsnummer %(id)s") % {"id": o.local_id}
            if o.local_id
            else _("utan id")
        )
        notes.append(
            _(
                "Att bekräfta: %(name)s (%(ident)s) i %(project)s bär kommunens namn men inte "
                "dess momsnummer eller organisationsnummer. Är det kommunen, ange PIC-numret och "
                "läs in igen; projektet är inte med nedan."
            )
            % {"name": o.name, "ident": ident, "project": c.project.acronym or c.project.id}
        )
    for project, own in selection.mine:
        if own.contribution is None and project.eu_max:
            others = [o.name for o in project.organisations if o is not own]
            notes.append(
                _(
                    "%(project)s: EU-stödet %(amount)s euro gäller hela insatsen, som kommunen "
                    "delar med %(others)s. Registret anger inte kommunens andel, så inget bidrag "
                    "läses in; lägg in det under Finansiering när beslutet visar det."
                )
                % {
                    "project": project.acronym or project.id,
                    "amount": _amount(project.eu_max),
                    "others": ", ".join(others) or "–",
                }
            )
    return notes


def _status(project: EuProject) -> str:
    if project.status == "SIGNED" and project.end is not None and project.end < clock.today():
        return STATUS["CLOSED"]
    return STATUS.get(project.status, STATUS["SIGNED"])


def _partner_kind(organisation: EuOrganisation) -> str:
    name = fold(organisation.name)
    if organisation.kind == "PUB" and _REGIONAL.search(name):
        return "Region"
    if organisation.kind == "PUB" and _LOCAL.search(name):
        return "Kommun/stad"
    return KINDS.get(organisation.kind, "Förening/organisation")


def _name(organisation: EuOrganisation) -> str:
    """A partner's name as a cell of the import can carry it (no list or role signs)."""
    return organisation.name.replace(";", ",").replace("(", "[").replace(")", "]")


def import_workbook(selection: Selection, *, unit: str, eur_rate: Decimal) -> bytes:
    """The municipality's projects as an import file (.xlsx) for ``imports``."""
    book = Workbook()
    activities = book.active
    activities.title = "Aktiviteter"
    activities.append(
        [
            "typ",
            "titel",
            "enhet",
            "status",
            "startdatum",
            "slutdatum",
            "beskrivning",
            "eu-projekt-id",
            "eu-program",
            "programperiod",
            "utlysning",
            "finansieringsform",
            "medfinansieringsgrad",
            "nuts",
            "partner",
        ]
    )
    partners = book.create_sheet("Partner")
    partners.append(
        ["namn", "typ", "land", "ort", "latitud", "longitud", "webbplats", "pic", "momsnummer"]
    )
    money = book.create_sheet("Finansiering")
    money.append(
        [
            "aktivitet",
            "finansiär",
            "utlysning/diarienummer",
            "status",
            "valuta",
            "sökt belopp",
            "beviljat belopp",
            "kurs till kronor",
            "beslutsdatum",
            "finansiärens projekt-id",
        ]
    )
    seen: set[tuple[str, str]] = set()
    for project, own in selection.mine:
        title = f"{project.acronym}: {project.title}"[:300] if project.acronym else project.title
        others = [o for o in project.organisations if o is not own]
        activities.append(
            [
                "Projekt",
                title,
                unit,
                _status(project),
                project.start,
                project.end,
                project.objective,
                project.id,
                project.programme,
                project.period,
                project.call,
                project.scheme,
                project.cofinancing_rate,
                own.nuts,
                "; ".join(f"{_name(o)} ({ROLES.get(o.role, 'partner')})" for o in others),
            ]
        )
        for o in others:
            key = (fold(_name(o)), o.country)
            if key in seen:
                continue
            seen.add(key)
            partners.append(
                [
                    _name(o),
                    _partner_kind(o),
                    o.country,
                    o.city,
                    o.latitude if o.longitude is not None else None,
                    o.longitude if o.latitude is not None else None,
                    o.url if o.url.startswith(("http://", "https://")) else "",
                    o.pic,
                    o.vat,
                ]
            )
        if own.contribution:
            money.append(
                [
                    title,
                    project.funder,
                    project.call,
                    "Beviljad",
                    "EUR",
                    own.contribution,
                    own.contribution,
                    eur_rate,
                    project.signed,
                    project.id,
                ]
            )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read_source(data: bytes, name: str, source: str) -> list[EuProject]:
    """The projects of one download of ``source`` (cordis, kohesio, keep)."""
    if source == "keep":
        return read_keep(keep_tables(data, PurePath(name).name))
    if name.lower().endswith(".csv"):
        files = {PurePath(name).name: data}
    else:
        files = zip_files(data, name, max_unpacked=limits().max_bytes * 20)
    return read_files(files, source)


def read_files(files: dict[str, bytes], source: str) -> list[EuProject]:
    """The projects of a CORDIS or Kohesio download's CSV files, by their names."""
    return read_kohesio(files) if source == "kohesio" else read_cordis(files)


def eu_upload(
    *,
    access: Access,
    user: AbstractBaseUser,
    data: bytes,
    name: str,
    source: str,
    unit: str,
    rate: Decimal,
    pics: set[str],
) -> tuple[ImportBatch | None, Selection]:
    """An uploaded download (a CORDIS zip, a Kohesio CSV) kept as an import of the
    municipality's projects, or None when none of them is the municipality's.

    Raises ``UnreadableSource`` (or the import's ``UnreadableFile``) with the reason in
    Swedish; nothing is kept then. The import's check job and preview take it from here.
    """
    access.require("edit")
    projects = read_source(data, name, source)
    selection = own_projects(projects, access.municipality, pics)
    if not selection.mine:
        return None, selection
    workbook = import_workbook(selection, unit=unit, eur_rate=rate)
    stem = PurePath(name).stem[:200] or "cordis"
    batch = batch_upload(
        access=access,
        user=user,
        data=workbook,
        filename=f"{stem}.xlsx",
        notes=selection_notes(selection),
    )
    return batch, selection
