"""`utblick backup [-o FILE]`: the database and the uploaded files in one archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from utblick.core.backup import ENGINE_NAMES, BackupError, backup_create


class Command(BaseCommand):
    help = "Säkerhetskopierar databasen och de uppladdade filerna till en arkivfil (.tar.gz)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "-o",
            "--output",
            type=Path,
            metavar="FIL",
            help=_("Arkivfilen (standard: data/backups/utblick-ÅÅÅÅMMDD-TTMMSS.tar.gz)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = backup_create(options["output"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        self.stdout.write(
            _(
                "Säkerhetskopia: %(path)s (%(size)s byte) – %(engine)s, %(tables)s tabeller, "
                "%(rows)s rader, %(files)s uppladdade filer."
            )
            % {
                "path": result.path,
                "size": result.path.stat().st_size,
                "engine": ENGINE_NAMES[manifest["database"]["engine"]],
                "tables": len(manifest["tables"]),
                "rows": result.rows,
                "files": manifest["media"]["files"],
            }
        )
