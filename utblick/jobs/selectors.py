"""Reading jobs: a member sees the jobs they started; a coordinator every job of the municipality."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from utblick.core.tenancy import Access
from utblick.jobs.models import Job


def jobs_of(access: Access) -> QuerySet[Job]:
    """The user's own jobs in the municipality; its coordinators see every job of it."""
    jobs = Job.objects.filter(municipality=access.municipality)
    if not (access.is_coordinator or access.is_platform_admin):
        jobs = jobs.filter(created_by_id=access.user_id)
    return jobs.select_related("created_by")


def job_of(access: Access, pk: int) -> Job:
    job = jobs_of(access).filter(pk=pk).first()
    if job is None:
        raise Http404
    return job


def platform_job(pk: int) -> Job:
    """A job of the platform itself (no municipality), for its administrator."""
    job = Job.objects.filter(municipality__isnull=True, pk=pk).select_related("created_by").first()
    if job is None:
        raise Http404
    return job


def platform_jobs() -> QuerySet[Job]:
    return Job.objects.filter(municipality__isnull=True).select_related("created_by")
