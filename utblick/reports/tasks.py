"""The report's background job (found by ``utblick.jobs`` when the apps are ready)."""

from utblick.jobs.services import register
from utblick.reports.services import report_job

register("report", report_job)
