from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse

from utblick.api.api import api

urls, app_name, namespace = api.urls
# The API authenticates by token, not by session: open it to LoginRequiredMiddleware.
for pattern in urls:
    pattern.callback = login_not_required(pattern.callback)


def _open_to_every_origin(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The public OpenAPI document may be read by any site (CORS), like the open data."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapped


for pattern in urls:
    if getattr(pattern, "name", None) == "openapi-json":
        pattern.callback = _open_to_every_origin(pattern.callback)
urlpatterns = urls
