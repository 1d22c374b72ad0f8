"""The platform administrator's pages: the installation's municipalities and "Ny kommun".

Anyone else gets 404, as for a page that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from utblick.municipalities.selectors import municipality_list, reference_municipalities
from utblick.platformadmin.forms import MunicipalityCreateForm
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
        },
    )


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
