"""`utblick restore FILE [--force]`: a backup back into the configured database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from utblick.core.backup import BackupError, backup_restore, utblick_version


class Command(BaseCommand):
    help = (
        "Återställer databasen och de uppladdade filerna från en säkerhetskopia "
        "(allt eller inget). Stoppa servern först."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "archive", type=Path, metavar="FIL", help=_("Arkivfilen från utblick backup.")
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Skriv över en databas och en filmapp som redan innehåller data."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = backup_restore(options["archive"], force=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        self.stdout.write(
            _(
                "Återställt från %(path)s (gjord %(created)s): %(tables)s tabeller, "
                "%(rows)s rader, %(files)s uppladdade filer."
            )
            % {
                "path": options["archive"],
                "created": manifest["created_at"],
                "tables": len(result.tables),
                "rows": result.rows,
                "files": result.media_files,
            }
        )
        if manifest["utblick_version"] != utblick_version():
            self.stdout.write(
                _(
                    "Säkerhetskopian är gjord med Utblick %(then)s, det här är %(now)s: "
                    "kör utblick migrate innan servern startas."
                )
                % {"then": manifest["utblick_version"], "now": utblick_version()}
            )
