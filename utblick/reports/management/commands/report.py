"""`utblick report --municipality SLUG --year 2026 [--period t2] [--unit KEY] --format pdf -o FILE`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from utblick.core import clock
from utblick.core.dates import FIRST_YEAR, LAST_YEAR, year_ok
from utblick.core.tenancy import system_access
from utblick.followup.selectors import periods_for
from utblick.municipalities.models import Municipality
from utblick.organisation.models import Unit
from utblick.reports.data import Scope
from utblick.reports.services import report_generate


class Command(BaseCommand):
    help = "Sammanställer rapporten till kommunstyrelsen som PDF/A, Word eller Excel och arkiverar den."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipality", required=True)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--period", help="Periodens nyckel, t.ex. t2 (standard: hela året).")
        parser.add_argument("--unit", help="Enhetens nyckel för en enhetsrapport.")
        parser.add_argument("--format", choices=["pdf", "docx", "xlsx"], default="pdf")
        parser.add_argument("-o", "--output", type=Path, required=True)
        clock.add_today_argument(parser)

    def handle(self, *args: Any, **o: Any) -> None:
        with clock.fixed_day(o.get("today")):
            self._handle(*args, **o)

    def _handle(self, *args: Any, **o: Any) -> None:
        municipality = Municipality.objects.filter(slug=o["municipality"]).first()
        if municipality is None:
            raise CommandError(f"Kommunen {o['municipality']!r} finns inte")
        if not year_ok(o["year"]):
            raise CommandError(f"Året {o['year']} ligger utanför {FIRST_YEAR}–{LAST_YEAR}")
        period = None
        if o["period"]:
            periods = periods_for(municipality, o["year"])
            period = next((p for p in periods if p.key == o["period"].lower()), None)
            if period is None:
                keys = ", ".join(p.key for p in periods)
                raise CommandError(
                    f"Perioden {o['period']!r} finns inte {o['year']}; finns: {keys or 'inga'}"
                )
        unit = None
        if o["unit"]:
            unit = Unit.objects.filter(municipality=municipality, key=o["unit"]).first()
            if unit is None:
                raise CommandError(f"Enheten {o['unit']!r} finns inte i {municipality.name}")
        access = system_access(municipality)
        report = report_generate(
            access=access,
            user=None,
            scope=Scope(municipality, o["year"], period, unit),
            fmt=o["format"],
        )
        with report.file.open("rb") as handle:
            o["output"].write_bytes(handle.read())
        self.stdout.write(
            f"{o['output']}: {report.title} ({report.size} byte, SHA-256 {report.sha256[:16]}…)"
        )
