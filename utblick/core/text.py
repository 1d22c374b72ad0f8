"""Swedish text handling: sorting (Å, Ä, Ö last) and search that ignores case and å/ä/ö."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from django.utils.text import slugify

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
