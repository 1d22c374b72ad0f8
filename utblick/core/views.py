from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import requires_csrf_token

from utblick.core import clock
from utblick.core.selectors import municipalities_of, recent_changes
from utblick.core.tenancy import municipality_view
from utblick.organisation.models import Contact, Unit
from utblick.policies.selectors import policy_current


def home(request: HttpRequest) -> HttpResponse:
    """After login: straight to the user's municipality, or a choice among several."""
    municipalities = municipalities_of(request.user)
    if len(municipalities) == 1:
        return redirect("core:start", municipalities[0].slug)
    return render(request, "core/home.html", {"municipalities": municipalities})


@municipality_view()
def start(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    policy = policy_current(municipality)
    today = clock.today()
    contacts = Contact.objects.current().filter(municipality=municipality)
    context = {
        "policy": policy,
        "revision_due_since": policy.revision_due_since(today) if policy else None,
        "unit_count": Unit.objects.current().filter(municipality=municipality).count(),
        "contact_count": contacts.count(),
        "consent_count": contacts.filter(consent_to_publish=True).count(),
        "changes": recent_changes(municipality, limit=10),
    }
    return render(request, "core/start.html", context)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else ""
    return render(request, "403.html", {"message": message}, status=403)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    from utblick.core.middleware import INTERNAL_PREFIXES

    internal = request.path_info.startswith(INTERNAL_PREFIXES)
    return render(request, "404.html" if internal else "public/404.html", status=404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
