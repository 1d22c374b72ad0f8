"""`utblick demo`: the four source municipalities with demo logins. Idempotent."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from utblick.demo.services import DEMO_PASSWORD, demo_load


class Command(BaseCommand):
    help = "Läser in demokommunerna och demoinloggningarna (ändrar inget andra gången)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet", action="store_true", help="Skriv inte ut inloggningarna.")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demodata läses aldrig in när UTBLICK_ENV=production.")
        report = demo_load()
        if options["quiet"]:
            return
        for line in report.changes or ["Demodata finns redan – inga ändringar."]:
            self.stdout.write(line)
        self.stdout.write("")
        self.stdout.write(f"Demoinloggningar (lösenord för alla: {DEMO_PASSWORD}):")
        for username, description in report.logins:
            self.stdout.write(f"  {username:<16} {description}")
