"""`utblick check --municipality SLUG [--format json]`: the policy's rules, for scheduled use.

Exits 1 when any error-level finding exists. Without --municipality it is
Django's own system check (so `utblick check --deploy` still works).
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.core.management.commands.check import Command as DjangoCheck

from utblick.compliance.engine import evaluate
from utblick.compliance.selectors import Justified, finding_key, justifications_for
from utblick.core import clock
from utblick.municipalities.models import Municipality


class Command(DjangoCheck):
    help = "Kontrollerar styrdokumentets regler för en kommun (--municipality), annars Djangos systemkontroll."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--municipality", help="Kommunens kortnamn, t.ex. kungalv.")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        clock.add_today_argument(parser)

    def handle(self, *app_labels: Any, **options: Any) -> None:
        with clock.fixed_day(options.get("today")):
            self._handle(*app_labels, **options)

    def _handle(self, *app_labels: Any, **options: Any) -> None:
        if not options.get("municipality"):
            super().handle(*app_labels, **options)
            return
        municipality = Municipality.objects.filter(slug=options["municipality"]).first()
        if municipality is None:
            raise CommandError(f"Kommunen {options['municipality']!r} finns inte")
        findings = evaluate(municipality)
        errors = sum(f.severity == "error" for f in findings)
        justified = justifications_for(municipality, findings)
        open_warnings = len(findings) - errors - len(justified)
        if options["format"] == "json":
            payload = {
                "municipality": municipality.slug,
                "errors": errors,
                "warnings": open_warnings,
                "justified_warnings": len(justified),
                "findings": [
                    f.as_json() | _decision(justified.get(finding_key(f))) for f in findings
                ],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            for f in findings:
                label = "FEL" if f.severity == "error" else "VARNING"
                j = justified.get(finding_key(f))
                if j is not None:
                    label = f"VARNING ({j.justification.get_decision_display().upper()})"
                self.stdout.write(f"{label}  {f.subject_label}: {f.message}")
                self.stdout.write(f"      Princip ({f.principle_source}): {f.principle_text}")
                self.stdout.write(f"      Åtgärd: {f.resolution}")
                if j is not None:
                    self.stdout.write(f"      Motivering: {j.justification.reason}")
            self.stdout.write(
                f"{municipality.name}: {errors} fel, {open_warnings} varningar, "
                f"{len(justified)} motiverade varningar."
            )
        if errors:
            sys.exit(1)


def _decision(j: Justified | None) -> dict[str, Any]:
    if j is None:
        return {}
    return {
        "justification": {
            "decision": j.justification.decision,
            "reason": j.justification.reason,
            "decided_at": j.justification.decided_at.isoformat(),
            "needs_review": j.needs_review,
        }
    }
