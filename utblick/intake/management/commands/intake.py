"""`utblick intake eval`: how well drafts from the source texts match the shipped policy files."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from utblick.intake.evaluate import SOURCES, evaluate_sources, format_table, grand_total


class Command(BaseCommand):
    help = "Policyinläsning: jämför utkasten ur källtexterna med de levererade policyfilerna."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        evaluate = sub.add_parser("eval", help="Skriv täckning och precision per kommun och del.")
        evaluate.add_argument(
            "municipalities", nargs="*", metavar="SLUG", help=f"Någon av {', '.join(SOURCES)}."
        )
        evaluate.add_argument(
            "--brief", action="store_true", help="Utan listan över missade och extra delar."
        )
        evaluate.add_argument(
            "--fail-under",
            type=float,
            metavar="PROCENT",
            help="Avsluta med fel om total täckning eller precision är lägre.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        unknown = sorted(set(options["municipalities"]) - set(SOURCES))
        if unknown:
            raise CommandError(
                f"Ingen källtext för {', '.join(unknown)}; finns: {', '.join(SOURCES)}"
            )
        results = evaluate_sources(options["municipalities"] or SOURCES)
        self.stdout.write(format_table(results, details=not options["brief"]))
        limit = options["fail_under"]
        if limit is None:
            return
        total = grand_total(results)
        unsourced = sum(r.unsourced for r in results)
        if min(total.recall, total.precision) * 100 < limit or unsourced:
            raise CommandError(
                f"Under {limit:g} %: täckning {total.recall:.0%}, precision {total.precision:.0%}, "
                f"{unsourced} förslag utan källställe"
            )
