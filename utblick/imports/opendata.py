"""A published open-data CSV read back as an import file: an export is an import file.

Utblick's open data (``public.opendata``) names its columns for the reader of the
portal (``typ``, ``eu_projekt_id``, ``partner`` as "Namn (land)"), not as the import's
template. A sheet with the open data's own columns is recognised by them and turned
into the template's columns here, before the rows are checked like any others:

- a row of this municipality's own open data keeps its ``id`` (it updates, or is
  unchanged); a row of another municipality's loses its ``id``, focus areas and
  contact person, which are that municipality's, and is matched by title;
- partners come from the ``partner`` and ``partner_pic`` columns; one the register
  does not know is added on the Partner sheet, its kind read from its name;
- sums and derived columns (budget, funding, SDGs, the country's name, the time of
  publication) are left out, and the preview says which.

Nothing is written here; the rows are checked and applied by the import as any file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from utblick.activities.columns import LIST_SEPARATOR
from utblick.core.text import fold
from utblick.imports.reading import ACTIVITY_SHEET, PARTNER_SHEET, Row, Sheet, Workbook

#: Columns only the open data has: a sheet with these is an open-data file.
MARK = {"uri", "typ_namn"}
#: Open-data column → the import template's column, where the names differ.
RENAMED = {
    "natverk": "nätverksorganisation",
    "medlem_sedan": "medlem sedan",
    "avtalets_lage": "avtalets läge",
    "eu_projekt_id": "eu-projekt-id",
    "eu_program": "eu-program",
    "arsavgift_kr": "årsavgift",
    "kostnad_kr": "kostnad",
}
#: Columns of the same name in both.
SAME = {
    "typ",
    "titel",
    "sammanfattning",
    "beskrivning",
    "status",
    "enhet",
    "startdatum",
    "slutdatum",
    "ort",
    "land",
    "latitud",
    "longitud",
    "inriktningar",
    "avtalsdatum",
    "programperiod",
    "utlysning",
    "medfinansieringsgrad",
    "nuts",
    "kontaktperson",
}
#: Columns of another municipality's row that only mean something there.
THEIRS = {"id", "inriktningar", "kontaktperson"}
#: A spreadsheet-safe cell ('=…) as ``core.sheets.safe_cell`` writes it.
_SAFE = re.compile(r"^'(?=[=+\-@\t\r])")
_PARTNER = re.compile(r"^(?P<name>.*?)\s*\((?P<country>[A-Za-z]{2})?\)$")
#: Words that tell a partner's kind from its name (the import's kind names).
_KIND_WORDS = [
    (
        re.compile(r"\b(universit\w*|hogskola|college|yliopisto|uniwersytet|hochschule)"),
        "Universitet/högskola",
    ),
    (re.compile(r"\b(region\w*|landsting|lansstyrelse\w*|county|maakunta)"), "Region"),
    (
        re.compile(
            r"\b(kommun\w*|stad|city|municipality|kaupunki|kunta|kommune|gmina|miasto|linn|"
            r"vald|stadt|gemeente|gemeinde|ville|comune|municipio|ayuntamiento|concello|mesto)\b"
        ),
        "Kommun/stad",
    ),
]


@dataclass
class Known:
    """What the register already holds, for the partners of an open-data file."""

    partners: set[tuple[str, str]]  # (folded name, country)
    names_by_pic: dict[str, str]
    #: Each activity's partners by folded name → role, so a row keeps the roles it has.
    roles: dict[int, dict[str, str]] = field(default_factory=dict)


def is_open_data(workbook: Workbook) -> bool:
    sheet = workbook.sheets.get(ACTIVITY_SHEET)
    return sheet is not None and set(sheet.headers) >= MARK


def _text(value: Any) -> str:
    return _SAFE.sub("", str(value)).strip() if value not in (None, "") else ""


def _slug_of(uri: str) -> str:
    try:
        match = resolve(urlsplit(uri).path)
    except Resolver404:
        return ""
    if (match.namespace, match.url_name) != ("public", "activity"):
        return ""
    return str(match.kwargs.get("slug", ""))


def _kind(name: str, activity_kind: str) -> str:
    if activity_kind == "twin_city":
        return "Kommun/stad"
    folded = fold(name)
    return next((kind for words, kind in _KIND_WORDS if words.search(folded)), "")


def _partners(value: Any, pics: Any) -> list[tuple[str, str, str]]:
    """ "Tartu linn (EE); Vasa stad (FI)" with "999;" → [(name, country, pic), …]."""
    names = [p.strip() for p in _text(value).split(LIST_SEPARATOR) if p.strip()]
    codes = [p.strip() for p in _text(pics).split(LIST_SEPARATOR)]
    out = []
    for i, cell in enumerate(names):
        found = _PARTNER.match(cell)
        name, country = (found["name"], (found["country"] or "").upper()) if found else (cell, "")
        out.append((name, country, codes[i] if i < len(codes) else ""))
    return out


def from_open_data(workbook: Workbook, slug: str, known: Known, base: str = "") -> Workbook:
    """The open-data sheet in the template's columns, a Partner sheet for the partners the
    register lacks, and notes in Swedish on what was left out or assumed. ``base`` is the
    installation's address (``SITE_URL``) when configured: only rows under it keep ids."""
    sheet = workbook.sheets[ACTIVITY_SHEET]
    partner_rows: dict[tuple[str, str], dict[str, Any]] = {}
    rows, foreign, guessed = [], 0, []
    networks: set[str] = set()
    for row in sheet.rows:
        source = {h: _text(v) for h, v in row.values.items()}
        uri = source.get("uri", "")
        # This municipality's row of this installation (another installation's ids are
        # its own, even under the same short name).
        own = _slug_of(uri) == slug and (not base or uri.startswith(base.rstrip("/") + "/"))
        foreign += not own
        values: dict[str, Any] = {}
        for header, value in source.items():
            target = RENAMED.get(header, header if header in SAME or header == "id" else "")
            if target and (own or header not in THEIRS):
                values[target] = value
        raw_id = source.get("id", "")
        stored = known.roles.get(int(raw_id), {}) if own and raw_id.isdigit() else {}
        cell = []
        for name, country, pic in _partners(source.get("partner"), source.get("partner_pic")):
            name = known.names_by_pic.get(pic, name)
            cell.append(f"{name} ({stored.get(fold(name), 'partner')})")
            key = (fold(name), country)
            if (
                key not in known.partners
                and key not in partner_rows
                and pic not in known.names_by_pic
            ):
                kind = _kind(name, source.get("typ", ""))
                if not kind:
                    kind = "Förening/organisation"
                    guessed.append(name)
                partner_rows[key] = {"namn": name, "typ": kind, "land": country, "pic": pic}
        network = source.get("natverk", "")
        if network and not any(n == fold(network) for n, _c in known.partners):
            networks.add(network)  # the file does not say in which country: not added
        if "partner" in source:
            values["partner"] = f"{LIST_SEPARATOR} ".join(cell)
        rows.append(Row(row.number, values, row.formulas))
    headers = list(dict.fromkeys(h for r in rows for h in r.values))
    sheets = {ACTIVITY_SHEET: Sheet(ACTIVITY_SHEET, headers, rows)}
    if partner_rows:
        partners = [Row(i, v) for i, v in enumerate(partner_rows.values(), start=2)]
        sheets[PARTNER_SHEET] = Sheet(PARTNER_SHEET, ["namn", "typ", "land", "pic"], partners)
    left_out = sorted(set(sheet.headers) - set(RENAMED) - SAME - {"id", "partner", "partner_pic"})
    notes = list(workbook.notes)
    notes.append(
        _(
            "Filen är Utblicks öppna data och läses som en importfil. Kolumnerna %(columns)s "
            "är summor eller härledda och läses inte in; budget och finansiering läses från "
            "flikarna Budget och Finansiering i registrets Excel-export."
        )
        % {"columns": ", ".join(left_out)}
    )
    if foreign:
        notes.append(
            _(
                "%(n)s rader kommer från en annan kommuns (eller en annan installations) öppna "
                "data: de läses in som nya "
                "aktiviteter (eller hittas på titeln), utan den kommunens id, inriktningar och "
                "kontaktpersoner. Enheten måste finnas i er kommun."
            )
            % {"n": foreign}
        )
    if partner_rows:
        notes.append(
            _(
                "%(n)s partner finns inte i registret och läggs till från filen; typen läses ur "
                "namnet. Som Förening/organisation läggs till: %(names)s. Ändra typen i "
                "partnerregistret om den inte stämmer."
            )
            % {"n": len(partner_rows), "names": ", ".join(guessed) or "–"}
        )
    if networks:
        notes.append(
            _(
                "Nätverken %(names)s finns inte i partnerregistret, och filen säger inte i vilket "
                "land de finns. Lägg in dem i partnerregistret och läs in filen igen."
            )
            % {"names": ", ".join(sorted(networks))}
        )
    return Workbook(sheets, notes)
