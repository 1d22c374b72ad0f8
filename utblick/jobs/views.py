"""A job's own page: a progress bar that htmx refreshes until the work is done."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from utblick.accounts.access import municipality_view
from utblick.core.tenancy import Access
from utblick.jobs.models import Job
from utblick.jobs.selectors import job_of, jobs_of, platform_job

#: Seconds between two looks at a running job's progress.
POLL_SECONDS = 1


def _show(request: HttpRequest, job: Job, poll_url: str, back_url: str) -> HttpResponse:
    template = "jobs/_status.html" if request.htmx else "jobs/detail.html"  # type: ignore[attr-defined]
    return render(
        request,
        template,
        {"job": job, "poll": POLL_SECONDS, "poll_url": poll_url, "back_url": back_url},
    )


@municipality_view()
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    job = job_of(access, pk)
    slug = access.municipality.slug
    return _show(
        request,
        job,
        reverse("jobs:detail", args=[slug, job.pk]),
        reverse("jobs:index", args=[slug]),
    )


@municipality_view()
def index(request: HttpRequest) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    page = Paginator(jobs_of(access), 50).get_page(request.GET.get("sida"))
    return render(request, "jobs/index.html", {"page": page})


def platform_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The platform's own jobs (e.g. demo data), for its administrator only; 404 for others."""
    if not request.user.is_superuser:
        raise Http404
    job = platform_job(pk)
    return _show(
        request,
        job,
        reverse("platformjobs:detail", args=[job.pk]),
        reverse("platformadmin:municipalities"),
    )
