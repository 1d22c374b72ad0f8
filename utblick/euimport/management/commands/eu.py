"""`utblick eu import FILE --municipality SLUG --source cordis --enhet KEY --kurs 11.20`.

Reads a download of an EU register, finds the municipality's own projects and imports
them with their partners, identifiers and grant through the import (all or nothing,
found again by the EU id). ``--dry-run`` shows what would happen.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from utblick.core.tenancy import system_access
from utblick.euimport.reading import UnreadableSource, files_of
from utblick.euimport.services import (
    import_workbook,
    municipality_vat,
    own_projects,
    read_files,
    read_source,
    selection_notes,
)
from utblick.imports.cli import run_import
from utblick.imports.reading import UnreadableFile, read_upload
from utblick.municipalities.models import Municipality
from utblick.organisation.models import Unit

SOURCES = ("cordis", "kohesio", "keep")


class Command(BaseCommand):
    help = (
        "Läser in kommunens projekt ur EU:s register (CORDIS, Kohesio, keep.eu) med partner, "
        "id och bidrag."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["import"])
        parser.add_argument(
            "file",
            type=Path,
            help="CORDIS: zip-filen eller mappen; Kohesio: CSV-filen; keep: Excel- eller CSV-filen.",
        )
        parser.add_argument("--municipality", required=True, help="Kommunens kortnamn.")
        parser.add_argument("--source", choices=SOURCES, default="cordis")
        parser.add_argument("--enhet", required=True, help="Ansvarig enhet för nya projekt.")
        parser.add_argument(
            "--kurs", required=True, help="Kronor per euro för bidragen, t.ex. 11.20."
        )
        parser.add_argument(
            "--pic", action="append", default=[], help="Kommunens PIC-nummer (kan upprepas)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Visa, läs inte in.")

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = Municipality.objects.filter(slug=options["municipality"]).first()
        if municipality is None:
            raise CommandError(f"Kommunen {options['municipality']!r} finns inte")
        if (
            not Unit.objects.current()
            .filter(municipality=municipality, key=options["enhet"])
            .exists()
        ):
            raise CommandError(f"Enheten {options['enhet']!r} finns inte i {municipality}")
        try:
            rate = Decimal(options["kurs"].replace(",", "."))
        except InvalidOperation as error:
            raise CommandError(f"--kurs {options['kurs']!r} är inget tal") from error
        path: Path = options["file"]
        if not path.exists():
            raise CommandError(f"{path}: finns inte")
        try:
            if options["source"] == "keep":
                if path.is_dir():
                    raise CommandError(f"{path}: ange Excel- eller CSV-filen från keep.eu")
                projects = read_source(path.read_bytes(), path.name, "keep")
            else:
                projects = read_files(files_of(path), options["source"])
        except (UnreadableSource, UnreadableFile) as error:
            raise CommandError(f"{path}: {error}") from error
        selection = own_projects(projects, municipality, set(options["pic"]))
        self.stdout.write(
            f"{len(projects)} projekt i filen; {len(selection.mine)} med {municipality} "
            f"(momsnummer {municipality_vat(municipality)}"
            + (f", PIC {', '.join(options['pic'])}" if options["pic"] else "")
            + ")."
        )
        for note in selection_notes(selection):
            self.stdout.write(note)
        if not selection.mine:
            return
        data = import_workbook(selection, unit=options["enhet"], eur_rate=rate)
        try:
            workbook = read_upload(data, "cordis.xlsx")
        except UnreadableFile as error:  # pragma: no cover - the workbook is ours
            raise CommandError(str(error)) from error
        access = system_access(municipality)
        plan = run_import(
            workbook,
            access,
            filename=f"{options['source']}-{path.name}",
            dry_run=options["dry_run"],
        )
        counts = plan.summary()
        verb = "skulle bli" if options["dry_run"] else "blev"
        self.stdout.write(
            f"{verb} {counts['create']} nya, {counts['update']} ändrade, "
            f"{counts['unchanged']} oförändrade (projekt, partner och bidrag)."
        )
