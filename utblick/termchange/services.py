"""Writes for a new term: the term-change pack archived as a report, on the term's first day."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from utblick.core.tenancy import Access, system_access
from utblick.municipalities.models import Municipality
from utblick.policies.models import Policy, PolicyStatus
from utblick.reports.models import GeneratedReport
from utblick.reports.services import report_store
from utblick.termchange.documents import PackScope, pack_report
from utblick.termchange.selectors import term_of, term_pack

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def term_pack_generate(
    *, access: Access, user: AbstractBaseUser | None, fmt: str, today: date
) -> GeneratedReport:
    """Render the pack of ``today``'s term in ``fmt`` and archive it with the reports."""
    municipality = access.municipality
    data = pack_report(municipality, term_pack(municipality, today))
    return report_store(
        access=access,
        user=user,
        data=data,
        fmt=fmt,
        name=f"{municipality.slug}-mandatperiod-{data.scope.label}",
    )


def term_pack_ensure(*, access: Access, today: date) -> GeneratedReport | None:
    """From a term's first day on, archive its pack once (PDF); run by the daily reminders."""
    term = term_of(today)
    title = PackScope(access.municipality, term).title
    if GeneratedReport.objects.filter(
        municipality=access.municipality, title=title, year=term.year
    ).exists():
        return None
    return term_pack_generate(access=access, user=None, fmt="pdf", today=today)


def term_packs_ensure_all(*, today: date) -> list[GeneratedReport]:
    """Each municipality with a policy in force: its term's pack archived once (daily job)."""
    in_force = Policy.objects.filter(status=PolicyStatus.IN_FORCE).values("municipality_id")
    made = []
    for municipality in Municipality.objects.filter(pk__in=in_force).order_by("name"):
        pack = term_pack_ensure(access=system_access(municipality), today=today)
        if pack is not None:
            made.append(pack)
    return made
