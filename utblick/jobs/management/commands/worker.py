"""`utblick worker`: run background jobs; start as many as you like, on any machine."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from utblick.jobs.services import schedule_dailies


class Command(BaseCommand):
    help = (
        "Kör jobben i bakgrunden (rapporter, importer, inläsningar, påminnelser). "
        "Lägger först in de dagliga jobben (påminnelserna) i kön om de saknas."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch", action="store_true", help="Kör det som väntar och avsluta sedan."
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Sekunder mellan två tittar i kön."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        for job in schedule_dailies():
            self.stdout.write(f"{job.title}: {job.get_state_display()}")
        call_command(
            "db_worker",
            batch=options["batch"],
            interval=options["interval"],
            verbosity=options["verbosity"],
            stdout=self.stdout,
            stderr=self.stderr,
        )
