"""The optional daily fetch from Kolada, run by the queue; registered only when configured."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from utblick.agenda.fetching import data_url, fetch_documents
from utblick.agenda.models import Indicator
from utblick.agenda.reading import KoladaError
from utblick.agenda.services import kolada_load
from utblick.core import clock
from utblick.core.tenancy import system_access
from utblick.jobs.models import Job
from utblick.jobs.services import Outcome, Progress, register
from utblick.municipalities.models import Municipality


def kolada_job(job: Job, access: Any, user: Any, progress: Progress) -> Outcome:
    loaded, refused = 0, []
    for municipality in Municipality.objects.exclude(code="").order_by("slug"):
        kpis = sorted(
            set(Indicator.objects.filter(municipality=municipality).values_list("kpi", flat=True))
        )
        if not kpis:
            continue
        url = data_url(settings.KOLADA_API_URL, kpis, municipality.code, clock.today().year)
        try:
            result = kolada_load(
                access=system_access(municipality), user=None, documents=fetch_documents(url)
            )
        except (KoladaError, OSError) as error:
            refused.append(f"{municipality.slug}: {error}")
            continue
        loaded += result.values_new + result.values_changed
    label = _("%(n)s nya eller ändrade värden från Kolada") % {"n": loaded}
    return Outcome(label=label + (f" ({'; '.join(refused)})" if refused else ""))


if settings.KOLADA_API_URL:
    register(
        "kolada",
        kolada_job,
        daily_title=gettext_lazy("Agenda 2030-indikatorer hämtas från Kolada (dagligen)"),
    )
