"""Swedish wording for pydantic's validation errors (policy files and the API)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _


def swedish_message(error: dict[str, Any]) -> str:
    """A pydantic error as a Swedish phrase about the field ("saknas men måste anges")."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("saknas men måste anges")
    if kind == "extra_forbidden":
        return _("okänt fält (stavfel?) – det finns inte i filformatet")
    if kind in {"string_type"}:
        return _("ska vara text inom citattecken")
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return _("ska vara ett heltal")
    if kind in {"bool_type", "bool_parsing"}:
        return _("ska vara true eller false")
    if kind.startswith("date"):
        return _("ska vara ett datum skrivet ÅÅÅÅ-MM-DD utan citattecken")
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace(" or ", _(" eller "))
        return _("måste vara ett av: %(expected)s") % {"expected": expected}
    if kind == "list_type":
        return _("ska vara en lista")
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return _("ska vara en tabell")
    if kind == "too_short":
        return _("får inte vara tom")
    if kind == "string_too_short":
        return _("får inte vara tom")
    if kind == "greater_than_equal":
        return _("ska vara minst %(limit)s") % {"limit": ctx.get("ge")}
    if kind == "less_than_equal":
        return _("får vara högst %(limit)s") % {"limit": ctx.get("le")}
    if kind == "string_pattern_mismatch":
        return _("har fel form (mönster %(pattern)s)") % {"pattern": ctx.get("pattern")}
    if kind == "value_error":
        return str(ctx.get("error", error.get("msg", "")))
    if kind == "union_tag_invalid" or kind == "none_required":
        return _("har fel typ")
    return _("ogiltigt värde: %(msg)s") % {"msg": error.get("msg", "")}
