"""A job's own page: a progress bar that htmx refreshes until the work is done."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from utblick.accounts.access import municipality_view
from utblick.core.tenancy import Access
from utblick.jobs.selectors import job_of, jobs_of

#: Seconds between two looks at a running job's progress.
POLL_SECONDS = 1


@municipality_view()
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    job = job_of(access, pk)
    template = "jobs/_status.html" if request.htmx else "jobs/detail.html"  # type: ignore[attr-defined]
    return render(request, template, {"job": job, "poll": POLL_SECONDS})


@municipality_view()
def index(request: HttpRequest) -> HttpResponse:
    access: Access = request.access  # type: ignore[attr-defined]
    page = Paginator(jobs_of(access), 50).get_page(request.GET.get("sida"))
    return render(request, "jobs/index.html", {"page": page})
