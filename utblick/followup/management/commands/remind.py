"""`utblick remind`: e-mail each member what is due. Safe to run daily: one e-mail a day at most."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from utblick.accounts.access import access_for
from utblick.accounts.models import Membership
from utblick.core import clock
from utblick.core.tenancy import system_access
from utblick.followup.due import due_items
from utblick.followup.services import reminder_send
from utblick.municipalities.models import Municipality
from utblick.policies.models import Policy, PolicyStatus
from utblick.termchange.services import term_pack_ensure


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
        users = {
            m.user
            for m in Membership.objects.filter(archived_at__isnull=True).select_related(
                "user", "municipality"
            )
        }
        sent = 0
        for user in sorted(users, key=lambda u: u.username):
            if not user.is_active or not user.email:
                continue
            sections = []
            for membership in Membership.objects.filter(
                user=user, archived_at__isnull=True
            ).select_related("municipality"):
                items = due_items(access_for(user, membership.municipality.slug), today)
                if items:
                    sections.append((membership.municipality, items))
            count = sum(len(items) for _m, items in sections)
            if not count:
                continue
            if options["dry_run"]:
                self.stdout.write(f"{user.email}: {count} att göra")
                continue
            if not reminder_send(user=user, sections=sections):
                continue  # already reminded today
            sent += 1
        self.stdout.write(f"{sent} påminnelser skickade.")
        if not options["dry_run"]:
            self._term_packs(today)

    def _term_packs(self, today: Any) -> None:
        """On a new term's first run, each municipality's term-change pack goes to its archive."""
        in_force = Policy.objects.filter(status=PolicyStatus.IN_FORCE).values("municipality_id")
        for municipality in Municipality.objects.filter(pk__in=in_force):
            pack = term_pack_ensure(access=system_access(municipality), today=today)
            if pack is not None:
                self.stdout.write(f"{municipality.name}: {pack.title} arkiverad.")
