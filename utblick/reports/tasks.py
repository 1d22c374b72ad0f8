"""The report's background jobs (found by ``utblick.jobs`` when the apps are ready)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from utblick.core import clock
from utblick.jobs.models import Job
from utblick.jobs.services import Outcome, Progress, register
from utblick.reports.services import report_data_warm_all, report_job


def report_pages_job(job: Job, access: Any, user: Any, progress: Progress) -> Outcome:
    count = report_data_warm_all(year=clock.today().year, progress=progress)
    return Outcome(label=_("Rapportsidan beräknad för %(n)s kommuner") % {"n": count})


register("report", report_job)
register(
    "report-pages",
    report_pages_job,
    daily_title=gettext_lazy("Rapportsidornas siffror beräknas i förväg (dagligen)"),
)
