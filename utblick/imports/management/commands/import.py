"""`utblick import FILE --municipality SLUG [--dry-run]`: the same import as the page."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from utblick.core.tenancy import system_access
from utblick.imports.cli import run_import
from utblick.imports.reading import ACTIVITY_SHEET, PARTNER_SHEET, UnreadableFile, read_upload
from utblick.imports.services import counted_rows
from utblick.municipalities.models import Municipality


class Command(BaseCommand):
    help = "Läser in aktiviteter och partner från Excel eller CSV (allt eller inget)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--municipality", required=True, help="Kommunens kortnamn, t.ex. uppsala."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Kontrollera och visa, läs inte in."
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        municipality = Municipality.objects.filter(slug=options["municipality"]).first()
        if municipality is None:
            raise CommandError(f"Kommunen {options['municipality']!r} finns inte")
        if not path.is_file():
            raise CommandError(f"{path}: filen finns inte")
        try:
            workbook = read_upload(path.read_bytes(), path.name)
        except UnreadableFile as error:
            raise CommandError(f"{path}: {error}") from error
        total = counted_rows(workbook)
        access = system_access(municipality)
        bar = tqdm(total=total, unit="rad", disable=options["no_progress"], file=self.stderr)
        started = time.perf_counter()
        try:
            plan = run_import(
                workbook,
                access,
                filename=path.name,
                dry_run=options["dry_run"],
                progress=bar.update,
            )
        finally:
            bar.close()
        counts = plan.summary()
        verb = "skulle bli" if options["dry_run"] else "blev"
        for note in plan.notes:
            self.stdout.write(note)
        sheets = ", ".join(s for s in (ACTIVITY_SHEET, PARTNER_SHEET) if s in workbook.sheets)
        self.stdout.write(
            f"{path.name} ({sheets}): {total} rader på {time.perf_counter() - started:.1f} s – "
            f"{verb} {counts['create']} nya, {counts['update']} ändrade, {counts['unchanged']} oförändrade."
        )
