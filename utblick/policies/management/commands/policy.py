"""`utblick policy load FILE` / `export SLUG` / `schema` / `draft DOCUMENT --municipality SLUG`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from utblick.intake.policy_draft import policy_draft
from utblick.intake.reading import UnreadableDocument
from utblick.municipalities.models import Municipality
from utblick.policies.fileformat import PolicyFile, PolicyFileInvalid
from utblick.policies.models import Policy
from utblick.policies.selectors import policy_export
from utblick.policies.services import policy_file_load


class Command(BaseCommand):
    help = "Läser in, exporterar och beskriver policyfiler."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="Kontrollera och läs in en policyfil.")
        load.add_argument("file", type=Path)
        load.add_argument("--check", action="store_true", help="Bara kontrollera, läs inte in.")
        export = sub.add_parser("export", help="Skriv kommunens policyfil.")
        export.add_argument("slug")
        export.add_argument("--version", type=int, dest="number", help="Versionens löpnummer.")
        export.add_argument("-o", "--output", type=Path)
        sub.add_parser("schema", help="Skriv filformatets JSON Schema.")
        draft = sub.add_parser(
            "draft",
            help="Föreslå en policyfil ur det antagna dokumentet (.docx, PDF med text eller .txt).",
        )
        draft.add_argument("file", type=Path)
        draft.add_argument("--municipality", required=True, help="Kommunens slug, t.ex. umea.")
        draft.add_argument("-o", "--output", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"handle_{options['action']}")(**options)

    def handle_load(self, file: Path, check: bool, **options: Any) -> None:
        if not file.is_file():
            raise CommandError(f"{file}: filen finns inte")
        try:
            if check:
                with transaction.atomic():
                    policy_file_load(data=file.read_bytes(), filename=str(file), user=None)
                    transaction.set_rollback(True)
                self.stdout.write(f"{file}: filen är korrekt")
                return
            result = policy_file_load(data=file.read_bytes(), filename=str(file), user=None)
        except PolicyFileInvalid as exc:
            raise CommandError("\n".join(["Filen lästes inte in.", *exc.messages()])) from exc
        if not result.changed:
            self.stdout.write(f"{file}: {result.municipality.name} – inga ändringar")
            return
        self.stdout.write(f"{file}: {result.municipality.name}")
        for change in result.changes:
            self.stdout.write(f"  {change}")

    def handle_export(
        self, slug: str, number: int | None, output: Path | None, **options: Any
    ) -> None:
        municipality = Municipality.objects.filter(slug=slug).first()
        if municipality is None:
            raise CommandError(f"Kommunen {slug!r} finns inte")
        policy = None
        if number is not None:
            policy = municipality_policy(municipality, number)
        try:
            text = policy_export(municipality, policy)
        except ValueError as exc:
            raise CommandError(f"{municipality.name} har inget styrdokument") from exc
        if output:
            output.write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")

    def handle_draft(
        self, file: Path, municipality: str, output: Path | None, **options: Any
    ) -> None:

        found = Municipality.objects.filter(slug=municipality).first()
        if found is None:
            raise CommandError(f"Kommunen {municipality!r} finns inte")
        if not file.is_file():
            raise CommandError(f"{file}: filen finns inte")
        try:
            draft = policy_draft(municipality=found, data=file.read_bytes(), filename=file.name)
        except UnreadableDocument as exc:
            raise CommandError(f"{file}: {exc}") from exc
        if not draft.toml:
            raise CommandError(f"{file}: {draft.explanation}")
        if output:
            output.write_text(draft.toml, encoding="utf-8")
            self.stderr.write(f"{output}: {draft.proposals} förslag ur {file.name}")
        else:
            self.stdout.write(draft.toml, ending="")
        if draft.problems:
            self.stderr.write("Granska och komplettera innan filen läses in:")
            for problem in draft.problems:
                self.stderr.write(f"  {problem}")

    def handle_schema(self, **options: Any) -> None:
        self.stdout.write(json.dumps(PolicyFile.model_json_schema(), indent=2, ensure_ascii=False))


def municipality_policy(municipality: Municipality, number: int) -> Any:

    policy = Policy.objects.filter(municipality=municipality, number=number).first()
    if policy is None:
        raise CommandError(f"{municipality.name} har ingen version {number}")
    return policy
