"""Generating a report stores it: an immutable record with who, when, data version and checksum."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from utblick.core import clock
from utblick.core import services as core
from utblick.core.history import user_display
from utblick.core.selectors import data_stamp
from utblick.core.tenancy import Access
from utblick.followup.selectors import periods_for
from utblick.followup.services import period_ensure
from utblick.jobs.models import Job
from utblick.jobs.services import JobRefused, Outcome, Progress, job_start
from utblick.municipalities.models import Municipality
from utblick.organisation.models import Unit
from utblick.reports.data import ReportData, Scope, build_report
from utblick.reports.models import GeneratedReport, ReportFormat, ReportSnapshot
from utblick.reports.render import RENDERERS, report_visuals
from utblick.reports.snapshots import decode, encode, scope_key

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def report_data(scope: Scope, *, fresh: bool = False) -> ReportData:
    """The report's figures for ``scope`` in the active language, stored between requests.

    While the municipality's data (``data_stamp``) and the day are what they were when
    the figures were last computed, they are read back (the page at 6 000 activities in
    a fraction of the time); otherwise they are computed and drawn anew, and stored.
    ``fresh`` always computes them (a document for the archive is never made from stored
    figures) and stores them, so the page then shows what the document shows.
    """
    m = scope.municipality
    key, language, today = scope_key(scope), get_language() or settings.LANGUAGE_CODE, clock.today()
    stamp = data_stamp(m)
    if not fresh:
        stored = (
            ReportSnapshot.objects.filter(
                municipality=m, scope=key, language=language, stamp=stamp, as_of=today
            )
            .values_list("payload", flat=True)
            .first()
        )
        if stored is not None:
            return decode(bytes(stored), scope)
    data = build_report(scope)
    data.visuals = report_visuals(data)
    values = {"as_of": today, "stamp": stamp, "payload": encode(data), "computed_at": clock.now()}
    try:
        with transaction.atomic():
            ReportSnapshot.objects.update_or_create(
                municipality=m, scope=key, language=language, defaults=values
            )
    except IntegrityError:
        pass  # another request stored the same figures a moment ago
    return data


def report_data_warm_all(*, year: int, progress: Progress | None = None) -> int:
    """Each municipality's report page for ``year`` computed ahead, in the default language.

    The daily job runs it in the early morning, so the first visit of the day reads
    stored figures. Figures still current are left as they are. Returns how many.
    """
    municipalities = list(Municipality.objects.order_by("name"))
    if progress is not None:
        progress.stage(_("Räknar fram rapportsidornas siffror"), total=len(municipalities))
    with translation.override(settings.LANGUAGE_CODE):
        for municipality in municipalities:
            report_data(Scope(municipality, year))
            if progress is not None:
                progress.advance()
    return len(municipalities)


def report_generate(
    *, access: Access, user: AbstractBaseUser | None, scope: Scope, fmt: str
) -> GeneratedReport:
    """Build, render and archive one report. Readers may generate: it changes no data."""
    if scope.municipality.pk != access.municipality.pk:
        raise PermissionError
    name = f"{scope.municipality.slug}-{scope.label}-{scope.unit.key if scope.unit else 'alla'}"
    return report_store(
        access=access,
        user=user,
        data=report_data(scope, fresh=True),
        fmt=fmt,
        name=name,
        scope=scope,
    )


def report_start(*, access: Access, user: AbstractBaseUser, scope: Scope, fmt: str) -> Job:
    """Queue the report in ``fmt``; the same report asked for again while queued is one job."""
    if scope.municipality.pk != access.municipality.pk:
        raise PermissionError
    params = {
        "year": scope.year,
        "period": scope.period.key if scope.period else "",
        "unit": scope.unit.pk if scope.unit else None,
        "format": fmt,
    }
    return job_start(
        kind="report",
        params=params,
        key=f"{user.pk}:{scope.year}:{params['period']}:{params['unit']}:{fmt}",
        title=f"{scope.title} ({ReportFormat(fmt).label})",
        municipality=access.municipality,
        user=user,
    )


def _scope_of(job: Job) -> Scope:
    p = job.params
    period = None
    if p.get("period"):
        period = {x.key: x for x in periods_for(job.municipality, p["year"])}.get(p["period"])
        if period is None:
            raise JobRefused(_("Perioden finns inte längre."))
    unit = None
    if p.get("unit"):
        unit = Unit.objects.filter(municipality=job.municipality, pk=p["unit"]).first()
        if unit is None:
            raise JobRefused(_("Enheten finns inte längre."))
    return Scope(job.municipality, p["year"], period, unit)


def report_job(
    job: Job, access: Access | None, user: AbstractBaseUser | None, progress: Progress
) -> Outcome:
    """The worker's side of :func:`report_start`: build, render, archive; once per job."""
    assert access is not None
    scope, fmt = _scope_of(job), job.params["format"]
    progress.stage(_("Sammanställer siffrorna ur registret och uppföljningarna"), total=2)
    data = report_data(scope, fresh=True)
    # An earlier attempt of this job may have archived the report before it stopped.
    report = GeneratedReport.objects.filter(municipality=scope.municipality, job=job).first()
    if report is None:
        progress.stage(
            _("Sätter dokumentet (%(format)s) och arkiverar det") % {"format": fmt.upper()},
            total=2,
            step=1,
        )
        name = f"{scope.municipality.slug}-{scope.label}-{scope.unit.key if scope.unit else 'alla'}"
        report = report_store(
            access=access, user=user, data=data, fmt=fmt, name=name, scope=scope, job=job
        )
    slug = scope.municipality.slug
    return Outcome(
        url=reverse("reports:download", args=[slug, report.pk]),
        label=_("Ladda ner %(title)s (%(size)s kB)")
        % {"title": report, "size": max(1, report.size // 1024)},
        archive_url=reverse("reports:archive", args=[slug]),
        archive_label=_("Arkiverade rapporter"),
    )


def report_store(
    *,
    access: Access,
    user: AbstractBaseUser | None,
    data: ReportData,
    fmt: str,
    name: str,
    scope: Scope | None = None,
    job: Job | None = None,
) -> GeneratedReport:
    """Render ``data`` in ``fmt`` and archive it: the one door for every generated document."""
    content = RENDERERS[fmt](data, user_display(user) if user else "")
    digest = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        report = GeneratedReport(
            municipality=access.municipality,
            title=data.scope.title,
            year=data.scope.year,
            period=period_ensure(scope.period, user) if scope and scope.period else None,
            unit=scope.unit if scope else None,
            format=fmt,
            size=len(content),
            sha256=digest,
            data_version=data.data_version,
            generated_by=user,
            job=job,
        )
        report.file.save(f"{slugify(name)}-{digest[:10]}.{fmt}", ContentFile(content), save=False)
        try:
            core.save_versioned(report, expected_version=None, user=user)
        except BaseException:
            report.file.storage.delete(report.file.name)  # no file without its archive row
            raise
    return report
