"""Swedish text handling: sorting (Å, Ä, Ö last) and search that ignores case and å/ä/ö."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from django.utils.text import slugify
from django.utils.translation import gettext as _

# Swedish alphabet order: … x y z å ä ö. Letters Swedish treats as variants.
_SORT_MAP = str.maketrans({"ü": "y", "æ": "ä", "ø": "ö", "w": "w"})
_LAST = {"å": "{", "ä": "|", "ö": "}"}  # the three code points after "z"


def swedish_sort_key(value: str) -> str:
    """A key that sorts Swedish words as a Swedish reader expects."""
    out = []
    for char in value.casefold().translate(_SORT_MAP):
        if char in _LAST:
            out.append(_LAST[char])
            continue
        decomposed = unicodedata.normalize("NFD", char)
        out.append(decomposed[0])
    return "".join(out)


def fold(value: str) -> str:
    """Lower case without diacritics, so "MALMÖ", "Malmö" and "malmo" are the same."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ß", "ss")


# SQLite calls the collation for every comparison of a sort, with the same
# titles request after request: remember the keys (bounded).
_cached_key = lru_cache(maxsize=200_000)(swedish_sort_key)


def swedish_compare(a: str, b: str) -> int:
    """SQLite collation function for the "sv" collation."""
    ka, kb = _cached_key(a), _cached_key(b)
    if ka != kb:
        return -1 if ka < kb else 1
    return (a > b) - (a < b)


def key_from_name(name: str) -> str:
    """A policy-file key from a name: "Kultur- och fritidsnämnden" → "kultur-och-fritidsnamnden"."""
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "Å": "a", "Ä": "a", "Ö": "o", "é": "e"})
    return slugify(name.translate(table))[:60].strip("-") or "enhet"


#: C0 controls but tab, line feed and carriage return; DEL and the C1 controls.
CONTROL_CHARACTERS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
#: Halves of a surrogate pair never stand alone in text (JSON can still send them).
_REFUSED = re.compile(f"[{CONTROL_CHARACTERS}\ud800-\udfff]")


def text_problem(value: str) -> str | None:
    """Why a text cannot be stored or looked up: a control character (no spreadsheet,
    XML or PostgreSQL takes NUL) or half a surrogate pair."""
    found = _REFUSED.search(value)
    if found is None:
        return None
    code = ord(found.group())
    if 0xD800 <= code <= 0xDFFF:
        return _("Texten innehåller ett ogiltigt tecken (U+%(code)04X).") % {"code": code}
    return _(
        "Texten innehåller ett otillåtet styrtecken (U+%(code)04X). Ta bort det och försök igen."
    ) % {"code": code}
