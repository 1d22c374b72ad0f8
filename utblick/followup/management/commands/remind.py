"""`utblick remind`: e-mail each member what is due. Safe to run any number of times a day.

The queue runs the same work every morning on its own (``utblick worker``); this
command is for running it by hand, or with ``--dry-run`` to see what would be sent.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from utblick.core import clock
from utblick.followup.services import reminders_send_all
from utblick.termchange.services import term_packs_ensure_all


class Command(BaseCommand):
    help = (
        "Skickar påminnelser om det som ska göras (högst ett e-postmeddelande per person och dag)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Visa vad som skulle skickas.")
        clock.add_today_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        with clock.fixed_day(options.get("today")):
            self._handle(*args, **options)

    def _handle(self, *args: Any, **options: Any) -> None:
        today = clock.today()
        done = reminders_send_all(today=today, dry_run=options["dry_run"])
        if options["dry_run"]:
            for address, count in done.due:
                self.stdout.write(f"{address}: {count} att göra")
            return
        self.stdout.write(f"{done.sent} påminnelser skickade.")
        for pack in term_packs_ensure_all(today=today):
            self.stdout.write(f"{pack.municipality.name}: {pack.title} arkiverad.")
