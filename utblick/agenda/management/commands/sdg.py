"""`utblick sdg eval [--set dev|heldout] [--fail-under-precision P --fail-under-recall R]`.

Prints precision and recall of the Agenda 2030 suggestions on the labelled sets; with
the limits, fails (exit code 1) when the held-out set falls short of them.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from utblick.agenda.evaluation import evaluate, report


class Command(BaseCommand):
    help = "Mäter förslagen till mål i Agenda 2030 mot handmärkta beskrivningar."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["eval"])
        parser.add_argument("--set", choices=["dev", "heldout"], action="append")
        parser.add_argument("--fail-under-precision", type=float, default=None)
        parser.add_argument("--fail-under-recall", type=float, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        scores = {name: evaluate(name) for name in options["set"] or ["dev", "heldout"]}
        for score in scores.values():
            for line in report(score):
                self.stdout.write(line)
        held = scores.get("heldout")
        limits = (options["fail_under_precision"], options["fail_under_recall"])
        if held is not None and any(limit is not None for limit in limits):
            precision, recall = limits
            if (precision is not None and held.precision * 100 < precision) or (
                recall is not None and held.recall * 100 < recall
            ):
                raise CommandError(
                    f"Under målet: precision {held.precision:.1%} (gräns {precision} %), "
                    f"täckning {held.recall:.1%} (gräns {recall} %)"
                )
