"""`utblick intake eval`: drafts measured against the seeds' policy files and the annotated corpus."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from utblick.intake.corpus import SETS, evaluate_set, format_set, set_total
from utblick.intake.evaluate import SOURCES, evaluate_sources, format_table, grand_total

PARTS = ("seeds", *SETS)


class Command(BaseCommand):
    help = (
        "Policyinläsning: täckning och precision för de fyra källtexterna, korpusens "
        "utvecklingshalva och dess undanhållna halva."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        evaluate = sub.add_parser("eval", help="Skriv täckning och precision per dokument och del.")
        evaluate.add_argument(
            "municipalities", nargs="*", metavar="SLUG", help=f"Någon av {', '.join(SOURCES)}."
        )
        evaluate.add_argument(
            "--set",
            dest="sets",
            action="append",
            choices=PARTS,
            help="Bara denna del (seeds, dev eller heldout); kan upprepas. Standard: alla tre.",
        )
        evaluate.add_argument(
            "--brief", action="store_true", help="Utan listan över missade och extra delar."
        )
        evaluate.add_argument(
            "--show-heldout",
            action="store_true",
            help="Lista även vad den undanhållna halvan missar (bara för slutrapporten: "
            "den som förbättrar inläsningen ska inte läsa den).",
        )
        evaluate.add_argument(
            "--fail-under",
            type=float,
            metavar="PROCENT",
            help="Avsluta med fel om den undanhållna halvans täckning eller precision är lägre, "
            "om något av dess dokument avvisas eller om ett förslag saknar källställe.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        unknown = sorted(set(options["municipalities"]) - set(SOURCES))
        if unknown:
            raise CommandError(
                f"Ingen källtext för {', '.join(unknown)}; finns: {', '.join(SOURCES)}"
            )
        parts = options["sets"] or list(PARTS)
        details = not options["brief"]
        failures = []
        if "seeds" in parts:
            results = evaluate_sources(options["municipalities"] or SOURCES)
            self.stdout.write(format_table(results, details=details) + "\n")
            if sum(r.unsourced for r in results):
                failures.append("förslag utan källställe i källtexterna")
            if options["fail_under"] is not None and "heldout" not in parts:
                total = grand_total(results)
                if min(total.recall, total.precision) * 100 < options["fail_under"]:
                    failures.append(
                        f"källtexterna: täckning {total.recall:.0%}, precision {total.precision:.0%}"
                    )
        for part in SETS:
            if part not in parts:
                continue
            results = evaluate_set(part)
            shown = details and (part != "heldout" or options["show_heldout"])
            self.stdout.write("\n" + format_set(part, results, details=shown) + "\n")
            if part != "heldout" or options["fail_under"] is None:
                continue
            total = set_total(results)
            if min(total.recall, total.precision) * 100 < options["fail_under"]:
                failures.append(
                    f"den undanhållna halvan: täckning {total.recall:.0%}, "
                    f"precision {total.precision:.0%}"
                )
            refused = [r.document.slug for r in results if r.refused]
            if refused:
                failures.append(f"avvisade dokument: {', '.join(refused)}")
            if sum(r.unsourced for r in results):
                failures.append("förslag utan källställe i den undanhållna halvan")
        if options["fail_under"] is not None and failures:
            raise CommandError(f"Under {options['fail_under']:g} %: " + "; ".join(failures))
