"""`utblick kolada load FILE [FILE …] --municipality SLUG`.

Reads Kolada API v3 responses saved as JSON (``/v3/kpi_groups`` and
``/v3/data/kpi/<ids>/municipality/<code>/year/<years>``) into the municipality's
Agenda 2030 indicators. All files are checked first; one bad file loads nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from utblick.agenda.reading import KoladaError
from utblick.agenda.services import kolada_load
from utblick.core.tenancy import system_access
from utblick.municipalities.models import Municipality


class Command(BaseCommand):
    help = "Läser in kommunens nyckeltal för Agenda 2030 ur sparade svar från Kolada API v3."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["load"])
        parser.add_argument("files", nargs="+", type=Path, help="JSON-filer från Kolada API v3.")
        parser.add_argument("--municipality", required=True, help="Kommunens kortnamn.")

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = Municipality.objects.filter(slug=options["municipality"]).first()
        if municipality is None:
            raise CommandError(f"Kommunen {options['municipality']!r} finns inte")
        documents = []
        for path in options["files"]:
            if not path.is_file():
                raise CommandError(f"{path}: finns inte")
            documents.append((path.name, path.read_bytes()))
        try:
            result = kolada_load(access=system_access(municipality), user=None, documents=documents)
        except KoladaError as error:
            raise CommandError(
                "Inget lästes in:\n" + "\n".join(f"- {p}" for p in error.problems)
            ) from error
        for note in result.notes:
            self.stdout.write(note)
        self.stdout.write(
            f"{municipality}: {result.indicators_new} nya indikatorer, "
            f"{result.indicators_changed} ändrade; {result.values_new} nya värden, "
            f"{result.values_changed} ändrade, {result.values_unchanged} oförändrade."
        )
