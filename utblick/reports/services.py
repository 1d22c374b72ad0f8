"""Generating a report stores it: an immutable record with who, when, data version and checksum."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify

from utblick.core import services as core
from utblick.core.history import user_display
from utblick.core.tenancy import Access
from utblick.followup.services import period_ensure
from utblick.reports.data import ReportData, Scope, build_report
from utblick.reports.models import GeneratedReport
from utblick.reports.render import RENDERERS

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def report_generate(
    *, access: Access, user: AbstractBaseUser | None, scope: Scope, fmt: str
) -> GeneratedReport:
    """Build, render and archive one report. Readers may generate: it changes no data."""
    if scope.municipality.pk != access.municipality.pk:
        raise PermissionError
    name = f"{scope.municipality.slug}-{scope.label}-{scope.unit.key if scope.unit else 'alla'}"
    return report_store(
        access=access, user=user, data=build_report(scope), fmt=fmt, name=name, scope=scope
    )


def report_store(
    *,
    access: Access,
    user: AbstractBaseUser | None,
    data: ReportData,
    fmt: str,
    name: str,
    scope: Scope | None = None,
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
        )
        report.file.save(f"{slugify(name)}-{digest[:10]}.{fmt}", ContentFile(content), save=False)
        try:
            core.save_versioned(report, expected_version=None, user=user)
        except BaseException:
            report.file.storage.delete(report.file.name)  # no file without its archive row
            raise
    return report
