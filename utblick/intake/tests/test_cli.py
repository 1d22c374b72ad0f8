"""`utblick policy draft`: a document to a policy file that `utblick policy load` reads."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from utblick.intake.evaluate import seed_text
from utblick.intake.tests.documents import docx_bytes, scanned_pdf_bytes
from utblick.policies.fileformat import read_policy_file
from utblick.policies.models import Policy, PolicyStatus

pytestmark = pytest.mark.django_db


def _draft(path: Path, slug: str, output: Path) -> str:
    err = StringIO()
    call_command(
        "policy", "draft", str(path), "--municipality", slug, "-o", str(output), stderr=err
    )
    return err.getvalue()


def test_a_word_document_becomes_a_policy_file_with_its_passages_as_comments(
    umea: Any, tmp_path: Path
) -> None:
    source = tmp_path / "program.docx"
    source.write_bytes(docx_bytes(seed_text("umea")))
    output = tmp_path / "utkast.toml"
    messages = _draft(source, "umea", output)
    assert "förslag ur program.docx" in messages
    assert "Granska och komplettera" not in messages  # nothing required is missing
    text = output.read_text(encoding="utf-8")
    spec = read_policy_file(text, output.name)
    assert spec.policy.status == "draft"
    assert [f.name for f in spec.policy.focus_areas] == [
        "Påverkan och omvärldsbevakning",
        "Positionering och näringsliv",
        "Internationella Umeå",
        "Verksamhetsutveckling",
    ]
    # Each element is preceded by the passage it comes from.
    lines = text.splitlines()
    aid = lines.index(
        'text = "Umeå kommun kan engagera sig i projekt av biståndskaraktär då hela '
        'finansieringen uppbärs av annan part (t.ex. Sida)"'
    )
    assert lines[aid - 2] == "[[policy.principles]]"
    assert lines[aid - 3].startswith("# 4. Principer, tecken ")
    assert "”Umeå kommun kan engagera sig" in lines[aid - 3]
    # And `utblick policy load` reads it as a new draft version, leaving the one in force.
    before = Policy.objects.get(municipality=umea, status=PolicyStatus.IN_FORCE)
    call_command("policy", "load", str(output), stdout=StringIO())
    latest = Policy.objects.filter(municipality=umea).latest("number")
    assert (latest.status, latest.number) == (PolicyStatus.DRAFT, before.number + 1)
    assert latest.focus_areas.count() == 4


def test_what_the_document_lacks_is_said(uppsala: Any, tmp_path: Path) -> None:
    source = tmp_path / "policy.txt"
    source.write_text(seed_text("uppsala"), encoding="utf-8")
    messages = _draft(source, "uppsala", tmp_path / "utkast.toml")
    assert "Utkastet saknar uppföljningsrytm." in messages


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("tom.txt", b"", "Filen är tom."),
        ("skannad.pdf", None, "inget textlager"),
        ("trasig.docx", b"PK\x03\x04trasig", "Filen är skadad"),
        ("webbsida.txt", "uppsala-webbsida", "ser inte ut som ett styrdokument"),
    ],
)
def test_bad_documents_are_refused_and_nothing_is_written(
    umea: Any, tmp_path: Path, name: str, data: Any, message: str
) -> None:
    source = tmp_path / name
    if data is None:
        data = scanned_pdf_bytes()
    elif isinstance(data, str):
        data = seed_text(data).encode()
    source.write_bytes(data)
    output = tmp_path / "utkast.toml"
    with pytest.raises(CommandError, match=message):
        _draft(source, "umea", output)
    assert not output.exists()


def test_an_unknown_municipality_or_file(umea: Any, tmp_path: Path) -> None:
    source = tmp_path / "policy.txt"
    source.write_text(seed_text("umea"), encoding="utf-8")
    with pytest.raises(CommandError, match="Kommunen 'ingen' finns inte"):
        _draft(source, "ingen", tmp_path / "utkast.toml")
    with pytest.raises(CommandError, match="filen finns inte"):
        _draft(tmp_path / "saknas.txt", "umea", tmp_path / "utkast.toml")


def test_intake_eval_prints_the_table() -> None:
    out = StringIO()
    call_command("intake", "eval", "--set", "seeds", "--brief", "--fail-under", "90", stdout=out)
    table = out.getvalue()
    assert "all four      TOTAL" in table
    assert "Proposals without a source passage: 0" in table


def test_intake_eval_prints_all_three_sets_and_keeps_the_held_out_misses_hidden() -> None:
    out = StringIO()
    call_command("intake", "eval", stdout=out)
    table = out.getvalue()
    for heading in ("all four      TOTAL", "dev TOTAL: recall", "heldout TOTAL: recall"):
        assert heading in table
    assert "Not reached (expected, not drafted) and extra (drafted, not expected), dev:" in table
    assert "extra (drafted, not expected), heldout:" not in table
    shown = StringIO()
    call_command("intake", "eval", "--set", "heldout", "--show-heldout", stdout=shown)
    assert "extra (drafted, not expected), heldout:" in shown.getvalue()


def test_fail_under_applies_to_the_held_out_half() -> None:
    with pytest.raises(CommandError, match="den undanhållna halvan: täckning"):
        call_command("intake", "eval", "--set", "heldout", "--brief", "--fail-under", "100.5")
