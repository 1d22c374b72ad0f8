"""The intake's background job: drafting a policy from an uploaded document."""

from utblick.intake.services import intake_read_job
from utblick.jobs.services import register

register("intake-read", intake_read_job)
