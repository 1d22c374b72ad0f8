"""The EU's published project registers, read from the files they are downloaded as.

CORDIS (Horizon Europe, Horizon 2020, FP7): the zip of CSV files, or a folder of them,
of which ``project.csv`` and ``organization.csv`` are read — ``;``-separated, quoted,
decimals with a comma, one row per project and one per participating organisation.
Every project becomes an :class:`EuProject` with its organisations; nothing is
written here.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePosixPath
from typing import Any

from django.utils.translation import gettext as _

from utblick.activities.columns import CellError, read_amount, read_date, read_percent
from utblick.activities.columns import text as cell_text
from utblick.core.countries import find_country
from utblick.core.text import fold
from utblick.imports.reading import read_sheets

PROJECT_COLUMNS = {
    "id",
    "acronym",
    "status",
    "title",
    "startDate",
    "endDate",
    "totalCost",
    "ecMaxContribution",
    "frameworkProgramme",
    "masterCall",
    "fundingScheme",
    "ecSignatureDate",
}
ORGANISATION_COLUMNS = {
    "projectID",
    "organisationID",
    "vatNumber",
    "name",
    "activityType",
    "city",
    "country",
    "nutsCode",
    "role",
    "ecContribution",
}
#: The programme periods of CORDIS' framework programmes.
PERIODS = {"HORIZON": "2021–2027", "H2020": "2014–2020", "FP7": "2007–2013"}
#: CORDIS' framework programmes as the shipped funders (``funding.reference``) name them.
CORDIS_FUNDERS = {"HORIZON": "horizon-europe"}
#: Kohesio's funds as the shipped funders name them.
KOHESIO_FUNDERS = {"ERDF": "erdf", "ESF": "esf-plus", "ESF+": "esf-plus", "INTERREG": "interreg"}
KOHESIO_COLUMNS = {
    "Operation_Unique_Identifier",
    "Operation_Name",
    "Cofinancing_Rate",
    "Total_Eligible_Expenditure_amount",
    "Project_EU_Budget",
    "Beneficiary_Name",
    "Beneficiary_Local_Identifier",
    "Fund_Code",
    "Programme_Code",
    "NUTS3_Code",
}
#: CORDIS' country codes that ISO 3166 spells otherwise.
COUNTRIES = {"EL": "GR", "UK": "GB"}


class UnreadableSource(Exception):
    """The file is not what the source publishes; the message says why, in Swedish."""


@dataclass
class EuOrganisation:
    pic: str
    vat: str
    name: str
    kind: str  # CORDIS' activityType: HES, PRC, PUB, REC, OTH
    city: str
    country: str
    nuts: str
    role: str  # coordinator, participant, associatedPartner, thirdParty
    contribution: Decimal | None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    url: str = ""
    local_id: str = ""  # the beneficiary's national id (Kohesio: the organisation number)


@dataclass
class EuProject:
    id: str
    acronym: str
    title: str
    objective: str
    status: str  # SIGNED, CLOSED, TERMINATED
    start: date | None
    end: date | None
    total_cost: Decimal | None
    eu_max: Decimal | None
    programme: str
    period: str
    call: str
    scheme: str
    signed: date | None
    organisations: list[EuOrganisation] = field(default_factory=list)
    funder: str = "other"  # the shipped funder's key (funding.reference)
    rate: Decimal | None = None  # the co-financing rate as the register states it

    @property
    def cofinancing_rate(self) -> Decimal | None:
        if self.rate is not None:
            return self.rate
        if not self.total_cost or self.eu_max is None:
            return None
        return min(Decimal(100), (self.eu_max / self.total_cost * 100).quantize(Decimal("0.01")))


#: At most this much is unpacked from an uploaded zip (a zip bomb is refused, not unpacked).
MAX_UNPACKED = 500 * 1024 * 1024


def files_of(path: Path) -> dict[str, bytes]:
    """The CSV files of a download: a folder of them, or the zip CORDIS publishes."""
    if path.is_dir():
        return {p.name: p.read_bytes() for p in path.iterdir() if p.suffix.lower() == ".csv"}
    if path.suffix.lower() == ".csv":
        return {path.name: path.read_bytes()}
    return zip_files(path.read_bytes(), path.name)


def zip_files(data: bytes, name: str, max_unpacked: int = MAX_UNPACKED) -> dict[str, bytes]:
    """The CSV files in a zip, by their names without folders."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [i for i in archive.infolist() if i.filename.lower().endswith(".csv")]
            if sum(i.file_size for i in members) > max_unpacked:
                raise UnreadableSource(
                    _("%(name)s packas upp till mer än %(mb)s MB; dela upp den.")
                    % {"name": name, "mb": max_unpacked // (1024 * 1024)}
                )
            return {PurePosixPath(i.filename).name: archive.read(i) for i in members}
    except zipfile.BadZipFile as error:
        raise UnreadableSource(
            _("%(name)s är varken en zip-fil, en CSV-fil eller en mapp med CSV-filer.")
            % {"name": name}
        ) from error


def _rows(
    files: dict[str, bytes], name: str, needed: set[str], delimiter: str = ";"
) -> list[dict[str, str]]:
    if name not in files:
        raise UnreadableSource(_("%(name)s saknas bland filerna från CORDIS.") % {"name": name})
    try:
        text = files[name].decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableSource(_("%(name)s är inte UTF-8.") % {"name": name}) from error
    if not delimiter:  # as the first line has it
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    missing = sorted(needed - set(reader.fieldnames or []))
    if missing:
        raise UnreadableSource(
            _("%(name)s saknar kolumnerna %(columns)s; är det en fil från CORDIS?")
            % {"name": name, "columns": ", ".join(missing)}
        )
    return list(reader)


def _place(value: str) -> tuple[Decimal | None, Decimal | None]:
    parts = [p.strip() for p in (value or "").split(",")]
    if len(parts) != 2:
        return None, None
    try:
        return Decimal(parts[0]).quantize(Decimal("0.00001")), Decimal(parts[1]).quantize(
            Decimal("0.00001")
        )
    except InvalidOperation:
        return None, None


def read_cordis(files: dict[str, bytes]) -> list[EuProject]:
    """Every project of a CORDIS download (its CSV files by name), with its organisations."""
    projects: dict[str, EuProject] = {}
    for n, row in enumerate(_rows(files, "project.csv", PROJECT_COLUMNS), start=2):
        where = f"project.csv rad {n}"
        programme = row["frameworkProgramme"].strip()
        projects[row["id"].strip()] = EuProject(
            id=row["id"].strip(),
            acronym=row["acronym"].strip(),
            title=" ".join(row["title"].split()),
            objective=(row.get("objective") or "").strip(),
            status=row["status"].strip().upper(),
            start=_day(row["startDate"], where),
            end=_day(row["endDate"], where),
            total_cost=_amount(row["totalCost"], where),
            eu_max=_amount(row["ecMaxContribution"], where),
            programme=programme,
            period=PERIODS.get(programme.upper(), ""),
            call=row["masterCall"].strip(),
            scheme=row["fundingScheme"].strip(),
            signed=_day(row["ecSignatureDate"], where),
            funder=CORDIS_FUNDERS.get(programme.upper(), "other"),
        )
    for n, row in enumerate(_rows(files, "organization.csv", ORGANISATION_COLUMNS), start=2):
        project = projects.get(row["projectID"].strip())
        if project is None:
            continue  # an organisation of a project not in this download
        latitude, longitude = _place(row.get("geolocation", ""))
        country = row["country"].strip().upper()
        project.organisations.append(
            EuOrganisation(
                pic=row["organisationID"].strip(),
                vat=row["vatNumber"].strip().upper().replace(" ", ""),
                name=" ".join(row["name"].split()),
                kind=row["activityType"].strip().upper(),
                city=row["city"].strip().title(),
                country=COUNTRIES.get(country, country),
                nuts=row["nutsCode"].strip().upper(),
                role=row["role"].strip(),
                contribution=_amount(row["ecContribution"], f"organization.csv rad {n}"),
                latitude=latitude,
                longitude=longitude,
                url=(row.get("organizationURL") or "").strip(),
            )
        )
    return list(projects.values())


def _period(programme: str) -> str:
    """2021–2027 from a programme's CCI code (2021SE16FFPR003) or year."""
    year = programme[:4]
    if year.isdigit():
        start = int(year)
        start = start - (start - 2000) % 7 if start < 2021 else 2021 + (start - 2021) // 7 * 7
        return f"{start}–{start + 6}"
    return ""


def read_kohesio(files: dict[str, bytes]) -> list[EuProject]:
    """Every operation of a Kohesio download (one CSV, a row per beneficiary)."""
    names = [n for n in files if n.lower().endswith(".csv")]
    if len(names) != 1:
        raise UnreadableSource(_("Ladda upp en CSV-fil från Kohesio (eller en zip med en)."))
    projects: dict[str, EuProject] = {}
    for n, row in enumerate(_rows(files, names[0], KOHESIO_COLUMNS, delimiter=""), start=2):
        where = f"{names[0]} rad {n}"
        key = row["Operation_Unique_Identifier"].strip()
        if not key:
            raise UnreadableSource(_("%(where)s: id saknas.") % {"where": where})
        project = projects.get(key)
        if project is None:
            rate = _rate(row["Cofinancing_Rate"], where)
            fund = row["Fund_Code"].strip()
            project = projects[key] = EuProject(
                id=key,
                acronym="",
                title=" ".join(row["Operation_Name"].split()),
                objective=(row.get("Operation_Summary") or "").strip(),
                status="SIGNED",
                start=_day(row.get("Operation_Start_Date", ""), where),
                end=_day(row.get("Operation_End_Date", ""), where),
                total_cost=_amount(row["Total_Eligible_Expenditure_amount"], where),
                eu_max=_amount(row["Project_EU_Budget"], where),
                programme=row["Programme_Code"].strip(),
                period=_period(row["Programme_Code"].strip()),
                call="",
                scheme=fund,
                # Kohesio states no decision date: the grant was decided by the start.
                signed=_day(row.get("Operation_Start_Date", ""), where),
                funder=KOHESIO_FUNDERS.get(fund.upper(), "other"),
                rate=rate,
            )
        country = (row.get("Country_Code") or "SE").strip().upper()
        project.organisations.append(
            EuOrganisation(
                pic="",
                vat="",
                name=" ".join(row["Beneficiary_Name"].split()),
                kind="PUB",
                city="",
                country=COUNTRIES.get(country, country),
                nuts=row["NUTS3_Code"].strip().upper(),
                role="participant",
                contribution=project.eu_max,
                local_id=row["Beneficiary_Local_Identifier"].strip(),
            )
        )
    for project in projects.values():
        if len(project.organisations) > 1:
            # Kohesio states the EU budget of the whole operation, not each beneficiary's
            # share: with several, no one's share is known, and none is invented.
            for organisation in project.organisations:
                organisation.contribution = None
    return list(projects.values())


# --- keep.eu (Interreg) -------------------------------------------------------------

#: The columns of keep.eu's downloads, by what they hold: the Interact "common Interreg
#: list of operations" (sheets Operations and Partners, linked by the operation's id) and
#: keep.eu's search exports (a row per partner). Headers are compared folded, without
#: spaces or signs and without a leading "(2021 - 2027)".
KEEP_COLUMNS: dict[str, tuple[str, ...]] = {
    "operation": ("operationid", "projectid", "operationuniqueidentifier", "keepid"),
    "acronym": ("acronym", "projectacronym", "operationacronym"),
    "title": (
        "operationname",
        "nameofoperation",
        "projectname",
        "projectnameinenglish",
        "operationnameinenglish",
        "title",
    ),
    "summary": (
        "operationpurpose",
        "operationsummary",
        "projectsummary",
        "descriptioninenglish",
        "purposeandexpectedachievements",
    ),
    "programme": ("programmecci", "ccicode", "programmecode", "programme", "programmename"),
    "period": ("period", "programmingperiod"),
    "start": ("startdate", "operationstartdate", "projectstartdate"),
    "end": ("enddate", "operationenddate", "projectenddate"),
    "total": ("totaleligiblecost", "totaleligibleexpenditure", "totalbudget"),
    "eu": ("totaleufundingamount", "totaleufunding", "eufunding", "projecteubudget"),
    "rate": ("eucofinancingrate", "cofinancingrate", "unioncofinancingrate"),
    "nuts": ("nuts3", "nutscode", "operationnuts", "nuts"),
    "call": ("callserialnumber", "callid", "call"),
    "partner": ("partnername", "beneficiaryname", "nameofbeneficiary", "organisationname"),
    "lead": ("leadpartner", "lead", "partnerrole", "role"),
    "kind": ("typeoforganisation", "partnertype", "legalstatus"),
    "pic": ("pic", "partnerpic"),
    "other_id": (
        "partnersidifnotpic",
        "partnersidsifnotpic",
        "partneridifnotpic",
        "beneficiaryid",
        "nationalid",
    ),
    "city": ("town", "city", "partnertown", "partnercity"),
    "country": ("country", "partnercountry", "countrycode"),
    "contribution": (
        "partnersprogrammecofinancing",
        "partnerprogrammecofinancing",
        "partnereufunding",
        "partnererdf",
    ),
}
#: keep.eu's types of organisation as the partner kinds' codes (``services.KINDS``).
KEEP_KINDS = [
    ("local", "LOC"),
    ("regional", "REG"),
    ("national", "PUB"),
    ("higher education", "HES"),
    ("research", "REC"),
    ("sme", "PRC"),
    ("enterprise", "PRC"),
    ("business", "PRC"),
]
#: A "Lead partner" cell that says yes (a role cell says "Lead partner" instead).
_LEAD = {"yes", "ja", "x", "1", "true", "lp"}


def _key(header: str) -> str:
    header = re.sub(r"^\(\s*\d{4}\s*-\s*\d{4}\s*\)", "", header)
    return re.sub(r"[^0-9a-z]", "", fold(header))


def _columns(headers: list[str]) -> dict[str, str]:
    """Each field's header in a table (the first that names it)."""
    by_key = {_key(h): h for h in headers if h}
    found = {}
    for name, keys in KEEP_COLUMNS.items():
        header = next((by_key[k] for k in keys if k in by_key), None)
        if header is not None:
            found[name] = header
    return found


def _cell(value: Any) -> str:
    return " ".join(cell_text(value).split())


def _field(row: dict[str, Any], columns: dict[str, str], name: str) -> Any:
    """The row's cell of a field, None when the table has no such column."""
    return row.get(columns[name]) if name in columns else None


def _day(value: Any, where: str) -> date | None:
    """A date of a register's cell: 2022-06-20, also with a time after it."""
    try:
        day = read_date(value.strip()[:10] if isinstance(value, str) else value)
    except CellError as error:
        raise UnreadableSource(f"{where}: {error}") from error
    return date(day.year, day.month, day.day) if day else None


def _amount(value: Any, where: str) -> Decimal | None:
    if isinstance(value, str):
        value = value.replace("€", "").replace("EUR", "")
    try:
        return read_amount(value)
    except CellError as error:
        raise UnreadableSource(f"{where}: {error}") from error


def _rate(value: Any, where: str) -> Decimal | None:
    try:
        rate = read_percent(value)
    except CellError as error:
        raise UnreadableSource(f"{where}: {error}") from error
    if rate is not None and 0 < rate <= 1 and isinstance(value, str) and "%" not in value:
        rate = (rate * 100).quantize(Decimal("0.01"))  # a share written as text ("0.8")
    return rate


def _keep_kind(value: str) -> str:
    folded = fold(value)
    return next((code for word, code in KEEP_KINDS if word in folded), "OTH")


def read_keep(tables: dict[str, list[dict[str, Any]]]) -> list[EuProject]:
    """Every operation of a keep.eu download (its tables by name: rows keyed by header),
    with its partners. The operations come from a table with the operation's name, the
    partners from one with the partners' names; one table may hold both."""
    columns = {name: _columns(list(rows[0])) if rows else {} for name, rows in tables.items()}
    partner_tables = [n for n, c in columns.items() if {"operation", "partner"} <= c.keys()]
    operation_tables = [
        n for n, c in columns.items() if "operation" in c and ({"title", "acronym"} & c.keys())
    ]
    if not partner_tables or not operation_tables:
        raise UnreadableSource(
            _(
                "Filen har inte keep.eus kolumner: en tabell med Operation ID och Operation name "
                "(eller Acronym), och en med Operation ID och Partner name. Hittade kolumner: "
                "%(found)s."
            )
            % {"found": "; ".join(f"{n}: {', '.join(c) or '–'}" for n, c in columns.items())}
        )
    projects: dict[str, EuProject] = {}
    nuts: dict[str, str] = {}
    for table in operation_tables:
        c = columns[table]
        for n, row in enumerate(tables[table], start=2):
            where = f"{table} rad {n}"
            key = _cell(row.get(c["operation"]))
            if not key or key in projects:
                continue

            def get(field: str, row: dict[str, Any] = row, c: dict[str, str] = c) -> Any:
                return _field(row, c, field)

            nuts[key] = _cell(get("nuts")).replace(" ", "").upper()
            programme = _cell(get("programme"))
            period = _cell(get("period")).replace("-", "–").replace(" ", "")
            rate = _rate(get("rate"), where)
            projects[key] = EuProject(
                id=key,
                acronym=_cell(get("acronym")),
                title=_cell(get("title")) or _cell(get("acronym")),
                objective=str(get("summary") or "").strip(),
                status="SIGNED",
                start=_day(get("start"), where),
                end=_day(get("end"), where),
                total_cost=_amount(get("total"), where),
                eu_max=_amount(get("eu"), where),
                programme=programme,
                period=period or _period(programme),
                call=_cell(get("call")),
                scheme="INTERREG",
                signed=_day(get("start"), where),
                funder="interreg",
                rate=rate,
            )
    for table in partner_tables:
        c = columns[table]
        for n, row in enumerate(tables[table], start=2):
            where = f"{table} rad {n}"
            key = _cell(row.get(c["operation"]))
            project = projects.get(key)
            name = _cell(row.get(c["partner"]))
            if project is None or not name:
                continue

            def get(field: str, row: dict[str, Any] = row, c: dict[str, str] = c) -> str:
                return _cell(_field(row, c, field))

            country = get("country")
            code = find_country(country) if country else None
            other = get("other_id")
            lead_cell = fold(get("lead"))
            lead = lead_cell in _LEAD or "lead" in lead_cell
            project.organisations.append(
                EuOrganisation(
                    pic=re.sub(r"\D", "", get("pic")),
                    vat="",
                    name=name,
                    kind=_keep_kind(get("kind")),
                    city=get("city"),
                    country=code or COUNTRIES.get(country.upper(), country.upper()[:2]),
                    nuts=nuts[key],  # where the operation is (the list gives no partner's)
                    role="coordinator" if lead else "participant",
                    contribution=_amount(_field(row, c, "contribution"), where),
                    # "id-SE-SE 212000-1157", "SE 212000-1157": the digits after the country
                    local_id=re.sub(r"^id-[A-Z]{2}-", "", other, flags=re.IGNORECASE),
                )
            )
    for project in projects.values():
        if len(project.organisations) == 1 and project.organisations[0].contribution is None:
            # The only beneficiary: the operation's EU funding is its own.
            project.organisations[0].contribution = project.eu_max
    return [p for p in projects.values() if p.organisations]


def keep_tables(data: bytes, name: str) -> dict[str, list[dict[str, Any]]]:
    """The tables of a keep.eu download (.xlsx with its sheets, or a .csv), read within the
    upload limits; the import's ``UnreadableFile`` when it is neither."""
    return {
        sheet.name: [row.values for row in sheet.rows] for sheet in read_sheets(data, name).values()
    }
