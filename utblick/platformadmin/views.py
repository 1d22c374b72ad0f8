"""The platform administrator's pages: the installation's municipalities and "Ny kommun".

Anyone else gets 404, as for a page that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from utblick.demo.national import demo_scale_start
from utblick.municipalities.selectors import municipality_list, reference_municipalities
from utblick.platformadmin.forms import DemoScaleForm, MunicipalityCreateForm
from utblick.platformadmin.services import municipality_onboard


def platform_admin_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_superuser:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


@platform_admin_view
def home(request: HttpRequest) -> HttpResponse:
    return redirect("platformadmin:municipalities")


@platform_admin_view
def municipality_index(request: HttpRequest) -> HttpResponse:
    municipalities = municipality_list()
    return render(
        request,
        "platformadmin/municipality_list.html",
        {
            "municipalities": municipalities,
            "remaining": len(reference_municipalities()) - len(municipalities),
            "demo_form": None if settings.PRODUCTION else DemoScaleForm(),
        },
    )


@platform_admin_view
@require_POST
def demo_scale(request: HttpRequest) -> HttpResponse:
    """Start generating benchmark data in the background; its job page shows the progress."""
    form = DemoScaleForm(request.POST)
    if settings.PRODUCTION or not form.is_valid():
        messages.error(request, _("Välj en storlek. Demodata skapas aldrig i produktion."))
        return redirect("platformadmin:municipalities")
    job = demo_scale_start(user=request.user, preset=form.cleaned_data["preset"])
    return redirect("platformjobs:detail", job.pk)


@platform_admin_view
def municipality_add(request: HttpRequest) -> HttpResponse:
    form = MunicipalityCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            done = municipality_onboard(
                user=request.user,  # type: ignore[arg-type]
                code=data["code"],
                slug=data["slug"],
                website=data["website"],
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                _("%(name)s är tillagd. En inbjudan är skickad till %(email)s.")
                % {"name": done.municipality.name, "email": done.invitation.email},
            )
            return redirect("platformadmin:municipalities")
    return render(request, "platformadmin/municipality_form.html", {"form": form})
