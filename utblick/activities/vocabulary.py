"""The words municipalities' own lists use for kinds, statuses and the other choices.

A twin-town list says "systerstad", "vänskapsort" or "samarbetsavtal", not
"Vänort"; a status column says "pågående" or "vilande". The importer reads a
choice as its key, its label in any of the product's languages, one of the
shipped words below, or one of the municipality's own words (its policy
file's ``[municipality.import_words]``). The template's help and drop-down
lists are written from the same tables, so they cannot disagree with the
importer.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.db.models import TextChoices
from django.utils import translation
from django.utils.translation import gettext as _

from utblick.activities.columns import CellError
from utblick.activities.models import (
    AgreementState,
    ChildImpact,
    Direction,
    Kind,
    MembershipCategory,
    Status,
)
from utblick.core.text import fold

#: The activity fields that hold a choice, with their choices.
CHOICES: dict[str, type[TextChoices]] = {
    "kind": Kind,
    "status": Status,
    "agreement_state": AgreementState,
    "direction": Direction,
    "membership_category": MembershipCategory,
    "child_impact": ChildImpact,
}

#: Shipped words per field and choice, beside the choices' own keys and labels.
SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "kind": {
        "project": ("projekt", "EU-projekt", "utvecklingsprojekt", "project"),
        "twin_city": (
            "vänort",
            "vänorter",
            "vänortsavtal",
            "vänstad",
            "vänkommun",
            "vänskapsort",
            "vänskapsstad",
            "vänskapskommun",
            "systerstad",
            "systerort",
            "systerkommun",
            "twin town",
            "twin city",
            "sister city",
        ),
        "partnership": (
            "partnerskap",
            "samarbetsavtal",
            "samarbetsort",
            "samarbetsstad",
            "samarbetskommun",
            "partnerstad",
            "partnerort",
            "partnerkommun",
            "särskilt avtal",
            "avsiktsförklaring",
            "partner city",
            "partnership",
        ),
        "network": ("nätverk", "medlemskap", "nätverksmedlemskap", "network", "membership"),
        "event": (
            "evenemang",
            "möte",
            "besök",
            "studiebesök",
            "studieresa",
            "delegation",
            "konferens",
            "event",
            "visit",
        ),
        "monitoring": ("bevakning", "bevakningsfråga", "EU-bevakning", "remiss", "monitoring"),
    },
    "status": {
        "idea": ("idé",),
        "proposed": ("förslag", "föreslaget", "planerad", "planerat", "under beredning"),
        "active": (
            "pågående",
            "pågår",
            "aktiv",
            "aktivt",
            "beslutad",
            "beslutat",
            "löpande",
            "gällande",
            "vilande",
            "vilar",
        ),
        "completed": ("avslutad", "avslutat", "genomförd", "genomfört", "klar", "slutförd"),
        "ended": ("upphörd", "upphört", "uppsagd", "uppsagt", "avbruten", "avbrutet"),
        "rejected": ("avslagen", "avslaget", "avslag"),
    },
    "agreement_state": {
        "active": ("aktiv", "aktivt", "pågående", "gällande"),
        "dormant": ("vilande", "vilar", "sovande", "inaktiv", "inaktivt"),
        "ended": ("avslutad", "avslutat", "upphört", "upphörd", "uppsagt"),
    },
    "direction": {
        "incoming": ("inkommande", "besök hos oss", "mottagande"),
        "outgoing": ("utgående", "vi reser", "utresa"),
        "online": ("digital", "online", "distans", "webbinarium"),
    },
    "membership_category": {
        "member": ("medlem", "fullvärdig medlem"),
        "associate": ("associerad", "associerad medlem"),
        "partner": ("partner",),
        "observer": ("observatör",),
    },
    "child_impact": {
        "positive": ("positiv", "positiv påverkan"),
        "neutral": ("neutral", "ingen påverkan"),
        "negative": ("negativ", "negativ påverkan"),
        "not_relevant": ("ej relevant", "ej tillämplig"),
    },
}

#: What an import cell says to empty a stored value; an empty cell leaves it as it is.
CLEAR_MARK = "(töm)"

#: Status words that also say the agreement is dormant ("vilande" in a twin-town list).
DORMANT_WORDS = frozenset(fold(w) for w in SYNONYMS["agreement_state"]["dormant"])


class Vocabulary:
    """Every word the importer reads for each choice field: shipped, and the municipality's."""

    def __init__(self, extra: Mapping[str, Mapping[str, str]] | None = None):
        self.extra = {name: dict(words) for name, words in (extra or {}).items()}
        self._lookup: dict[str, dict[str, str]] = {}
        for name, choices in CHOICES.items():
            table: dict[str, str] = {}
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    for key, label in choices.choices:
                        table[fold(key)] = key
                        table[fold(str(label))] = key
            for key, words in SYNONYMS.get(name, {}).items():
                for word in words:
                    table.setdefault(fold(word), key)
            for word, key in self.extra.get(name, {}).items():
                table[fold(word)] = key  # the municipality's own words win
            self._lookup[name] = table

    def read(self, name: str, value: str, *, required: bool = False) -> str:
        """The choice's key for a cell, "" for an empty one; :class:`CellError` otherwise."""
        raw = value.strip()
        if not raw:
            if required:
                raise CellError(_("Värdet saknas."))
            return ""
        found = self._lookup[name].get(fold(raw))
        if found is not None:
            return found
        raise CellError(
            _("%(value)r är inget av: %(labels)s (eller ett ord på mallens flik Ord).")
            % {"value": raw, "labels": ", ".join(self.labels(name))}
        )

    def labels(self, name: str) -> list[str]:
        return [str(label) for _key, label in CHOICES[name].choices]

    def words(self, name: str) -> dict[str, list[str]]:
        """Per choice label, the other words read as it: shipped and the municipality's."""
        choices = CHOICES[name]
        out: dict[str, list[str]] = {str(label): [] for _key, label in choices.choices}
        label_of = {key: str(label) for key, label in choices.choices}
        for key, words in SYNONYMS.get(name, {}).items():
            out[label_of[key]] += [w for w in words if fold(w) != fold(label_of[key])]
        for word, key in self.extra.get(name, {}).items():
            out[label_of[key]].append(word)
        return out

    def help(self, name: str) -> str:
        """The template's explanation of a choice column, from the importer's own tables."""
        return _("Ett av: %(labels)s. Andra ord som läses in finns på fliken Ord.") % {
            "labels": ", ".join(self.labels(name))
        }


def check_import_words(words: Mapping[str, Mapping[str, str]]) -> list[tuple[str, str]]:
    """(path, Swedish problem) for each word of a municipality's list that cannot be used."""
    problems = []
    for name, table in words.items():
        if name not in CHOICES:
            problems.append(
                (name, _("okänd kolumn %(n)r; kända: %(k)s") % {"n": name, "k": ", ".join(CHOICES)})
            )
            continue
        keys = CHOICES[name].values
        for word, key in table.items():
            if key not in keys:
                problems.append(
                    (
                        f"{name}.{word}",
                        _("%(key)r är inte ett av: %(keys)s")
                        % {"key": key, "keys": ", ".join(keys)},
                    )
                )
            if not fold(word).strip():
                problems.append((f"{name}.{word}", _("ordet är tomt")))
    return problems
