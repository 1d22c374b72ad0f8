"""`utblick remind`: e-mail each member what is due. Safe to run daily: one e-mail a day at most."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandParser
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from utblick.accounts.access import access_for
from utblick.accounts.models import Membership
from utblick.core import clock
from utblick.followup.due import due_items
from utblick.followup.models import ReminderLog


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
            try:
                with transaction.atomic():
                    ReminderLog.objects.create(user=user, sent_on=today, items=count)
                    context = {
                        "user": user,
                        "sections": sections,
                        "today": today,
                        "site_url": settings.SITE_URL,
                    }
                    body = render_to_string("followup/reminder.txt", context)
                    send_mail(f"Utblick: {count} saker att göra", body, None, [user.email])
            except IntegrityError:
                continue  # already reminded today
            sent += 1
        self.stdout.write(f"{sent} påminnelser skickade.")
