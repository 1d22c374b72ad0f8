"""The money sheets of the register's spreadsheet: budget per year, and funding.

One definition for the export (which writes them), the template and the
importer (``utblick.imports.money``, which reads them), so an export is an
import file and money round-trips.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from utblick.activities.models import Activity, BudgetLine
from utblick.funding.models import Funding

BUDGET_SHEET = "Budget"
FUNDING_SHEET = "Finansiering"

#: (header, field, help) of each money sheet.
BUDGET_COLUMNS: list[tuple[str, str, str]] = [
    ("aktivitetens id", "activity_id", _("Aktivitetens id; eller lämna tomt och ange titeln.")),
    ("aktivitet", "title", _("Aktivitetens titel, som på fliken Aktiviteter.")),
    ("år", "year", _("Budgetåret, t.ex. 2026.")),
    ("budget", "budget", _("Budget för året i kronor.")),
    ("kostnad", "cost", _("Utfall (kostnad) för året i kronor.")),
]
FUNDING_COLUMNS: list[tuple[str, str, str]] = [
    ("aktivitetens id", "activity_id", _("Aktivitetens id; eller lämna tomt och ange titeln.")),
    ("aktivitet", "title", _("Aktivitetens titel, som på fliken Aktiviteter.")),
    ("finansiär", "source", _("Finansiärens namn, t.ex. Erasmus+, Interreg, Sida, Egna medel.")),
    ("utlysning/diarienummer", "call_identifier", _("Utlysningens eller ärendets beteckning.")),
    ("status", "status", _("Planerad, Ansökt, Beviljad, Avslagen eller Återtagen.")),
    ("valuta", "currency", _("SEK eller EUR.")),
    ("sökt belopp", "applied_amount", _("I valutan.")),
    ("beviljat belopp", "granted_amount", _("I valutan.")),
    ("kurs till kronor", "rate_to_sek", _("Kronor per euro; 1 för SEK.")),
    ("beslutsdatum", "decided_on", _("ÅÅÅÅ-MM-DD.")),
    ("finansiärens projekt-id", "external_id", _("T.ex. bidragsavtalets nummer i CORDIS.")),
]


def budget_row(activity: Activity, line: BudgetLine) -> list[Any]:
    return [activity.pk, activity.title, line.year, line.budget, line.cost]


def funding_row(activity: Activity, f: Funding) -> list[Any]:
    return [
        activity.pk,
        activity.title,
        f.source.name,
        f.call_identifier,
        f.get_status_display(),
        f.currency,
        f.applied_amount,
        f.granted_amount,
        f.rate_to_sek,
        f.decided_on,
        f.external_id,
    ]
