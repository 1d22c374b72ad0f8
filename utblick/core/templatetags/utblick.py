"""Template helpers: Swedish amounts, term labels, the active navigation item, breadcrumbs."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.http import HttpRequest
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from utblick.core.dates import precision_of, written
from utblick.core.terms import term_label

register = template.Library()


@register.filter
def kr(value: Any) -> str:
    """1234567 → "1 234 567 kr" (with a no-break space)."""
    if value is None or value == "":
        return "–"
    amount = Decimal(value).quantize(Decimal(1))
    return f"{number_format(amount, decimal_pos=0, use_l10n=True, force_grouping=True)}\xa0kr"


@register.filter
def as_written(obj: Any, name: str) -> str:
    """A record's date field as its source wrote it: "1989" for a year alone, "–" for none."""
    return written(getattr(obj, name, None), precision_of(obj, name)) or "–"


@register.filter
def term(value: int | None) -> str:
    return term_label(value) if value else "–"


@register.simple_tag(takes_context=True)
def nav_current(
    context: dict[str, Any], prefix: str, exact: bool = False, unless: str = ""
) -> SafeString:
    """aria-current for the navigation item whose URL is (or prefixes) the current path."""
    request: HttpRequest | None = context.get("request")
    if request is not None:
        hit = request.path == prefix if exact else request.path.startswith(prefix)
        if unless and request.path.startswith(unless):
            hit = False
        if hit:
            return mark_safe('aria-current="page"')
    return mark_safe("")


@register.inclusion_tag("core/_breadcrumbs.html", takes_context=True)
def breadcrumbs(context: dict[str, Any], *steps: Any) -> dict[str, Any]:
    """``{% breadcrumbs label url label url … current %}``: the trail above a nested page.

    The municipality's start page comes first by itself; the last label is the page itself.
    """
    request: HttpRequest | None = context.get("request")
    trail: list[tuple[str, str]] = []
    municipality = getattr(request, "municipality", None)
    if municipality is not None:
        trail.append((_("Start"), reverse("dashboard:start", args=[municipality.slug])))
    *links, current = steps or ("",)
    trail.extend((str(label), str(url)) for label, url in zip(links[::2], links[1::2], strict=True))
    return {"trail": trail, "current": current}
