"""`utblick demo`: the four source municipalities with demo logins. Idempotent."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from utblick.core import clock
from utblick.demo.national import Scale, generate
from utblick.demo.services import DEMO_PASSWORD, demo_load


class Command(BaseCommand):
    help = "Läser in demokommunerna och demoinloggningarna (ändrar inget andra gången)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet", action="store_true", help="Skriv inte ut inloggningarna.")
        parser.add_argument(
            "--scale",
            choices=["national"],
            help="national: 290 kommuner, 100 000 aktiviteter m.m. för prestandamätning.",
        )
        parser.add_argument(
            "--municipalities", type=int, default=290, help="Med --scale: antal kommuner."
        )
        parser.add_argument(
            "--activities", type=int, default=100_000, help="Med --scale: antal aktiviteter."
        )
        parser.add_argument(
            "--partners", type=int, default=20_000, help="Med --scale: antal partner."
        )
        parser.add_argument(
            "--seed", type=int, default=2026, help="Med --scale: slumpfrö (samma frö, samma data)."
        )
        parser.add_argument("--names", help="Med --scale: egna kortnamn, kommaseparerade.")
        parser.add_argument("--sizes", help="Med --names: aktiviteter per kommun, kommaseparerade.")
        clock.add_today_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        with clock.fixed_day(options.get("today")):
            self._handle(*args, **options)

    def _handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demodata läses aldrig in när UTBLICK_ENV=production.")
        if options["scale"]:
            self.handle_scale(options)
            return
        report = demo_load()
        if options["quiet"]:
            return
        for line in report.changes or ["Demodata finns redan – inga ändringar."]:
            self.stdout.write(line)
        self.stdout.write("")
        self.stdout.write(f"Demoinloggningar (lösenord för alla: {DEMO_PASSWORD}):")
        for username, description in report.logins:
            self.stdout.write(f"  {username:<16} {description}")

    def handle_scale(self, options: dict[str, Any]) -> None:

        scale = Scale(
            municipalities=options["municipalities"],
            activities=options["activities"],
            partners=options["partners"],
            seed=options["seed"],
            first_size=min(500, 2 * options["activities"] // max(1, options["municipalities"])),
        )
        if options["names"]:
            try:
                scale.slugs = options["names"].split(",")
                scale.sizes = [int(n) for n in (options["sizes"] or "").split(",")]
            except ValueError as error:
                raise CommandError("--sizes ska vara heltal, t.ex. 1000,10000") from error
            if len(scale.slugs) != len(scale.sizes):
                raise CommandError("Ange lika många --sizes som --names.")
            scale.municipalities, scale.activities = len(scale.slugs), sum(scale.sizes)
        if scale.municipalities < 1 or scale.activities < scale.municipalities:
            raise CommandError("Ange minst en kommun och minst en aktivitet per kommun.")
        started = time.monotonic()
        with tqdm(total=scale.municipalities, unit="kommun", disable=options["quiet"]) as bar:
            made = generate(scale, progress=bar.update)
        self.stdout.write(
            f"{made.municipalities} kommuner, {made.activities} aktiviteter, {made.partners} partner, "
            f"{made.followups} uppföljningar, {made.published} publicerade "
            f"på {time.monotonic() - started:.0f} s."
        )
