"""The daily reminders, run by the queue (no cron): found by ``utblick.jobs`` at start."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from utblick.core import clock
from utblick.followup.services import reminders_send_all
from utblick.jobs.models import Job
from utblick.jobs.services import Outcome, Progress, register


def remind_job(job: Job, access: Any, user: Any, progress: Progress) -> Outcome:
    sent = reminders_send_all(today=clock.today(), progress=progress).sent
    return Outcome(label=_("%(n)s påminnelser skickade") % {"n": sent})


register("remind", remind_job, daily_title=gettext_lazy("Dagliga påminnelser om det som ska göras"))
