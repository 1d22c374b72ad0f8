"""Countries (ISO 3166-1) with their Swedish names, from pycountry's shipped data."""

from __future__ import annotations

import gettext
from functools import cache

import pycountry

from utblick.core.text import swedish_sort_key


@cache
def _swedish() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["sv"], fallback=True)


@cache
def country_names() -> dict[str, str]:
    """alpha-2 code → Swedish name, e.g. "DE" → "Tyskland"."""
    translate = _swedish().gettext
    names = {}
    for country in pycountry.countries:
        name = getattr(country, "common_name", None) or country.name
        names[country.alpha_2] = (
            translate(country.name) if translate(country.name) != country.name else translate(name)
        )
    return names


@cache
def country_choices() -> list[tuple[str, str]]:
    """(code, Swedish name), sorted the Swedish way."""
    return sorted(country_names().items(), key=lambda item: swedish_sort_key(item[1]))


def country_name(code: str) -> str:
    return country_names().get(code, code)


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
