"""Countries (ISO 3166-1) with their Swedish (or English) names, from pycountry's shipped data."""

from __future__ import annotations

import gettext
from functools import cache

import pycountry
from django.utils import translation

from utblick.core.text import swedish_sort_key


@cache
def _swedish() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["sv"], fallback=True)


def _language() -> str:
    return "en" if (translation.get_language() or "sv").startswith("en") else "sv"


@cache
def country_names(language: str = "sv") -> dict[str, str]:
    """alpha-2 code → name, e.g. "DE" → "Tyskland" (or "Germany" for "en")."""
    if language == "en":
        return {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    translate = _swedish().gettext
    names = {}
    for country in pycountry.countries:
        name = getattr(country, "common_name", None) or country.name
        names[country.alpha_2] = (
            translate(country.name) if translate(country.name) != country.name else translate(name)
        )
    return names


def country_choices() -> list[tuple[str, str]]:
    """(code, name in the active language), sorted the Swedish way."""
    return _choices(_language())


@cache
def _choices(language: str) -> list[tuple[str, str]]:
    return sorted(country_names(language).items(), key=lambda item: swedish_sort_key(item[1]))


def country_name(code: str) -> str:
    """The country's name in the active language (Swedish unless English is chosen)."""
    return country_names(_language()).get(code, code)


def find_country(text: str) -> str | None:
    """A country code from a code, a Swedish name or an English name; None if unknown."""
    value = text.strip()
    if not value:
        return None
    if len(value) == 2 and value.upper() in country_names():
        return value.upper()
    folded = value.casefold()
    for code, name in country_names().items():
        if name.casefold() == folded:
            return code
    try:
        return pycountry.countries.lookup(value).alpha_2
    except LookupError:
        return None
