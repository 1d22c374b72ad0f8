"""The term-change pack, archived by the queue on a new term's first days (daily job)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from utblick.core import clock
from utblick.jobs.models import Job
from utblick.jobs.services import Outcome, Progress, register
from utblick.termchange.services import term_packs_ensure_all


def term_packs_job(job: Job, access: Any, user: Any, progress: Progress) -> Outcome:
    progress.stage(_("Arkiverar mandatperiodens underlag där det saknas"), total=1)
    made = term_packs_ensure_all(today=clock.today())
    return Outcome(label=_("%(n)s underlag arkiverade") % {"n": len(made)})


register(
    "term-packs",
    term_packs_job,
    daily_title=gettext_lazy("Underlag för ny mandatperiod (dagligen)"),
)
