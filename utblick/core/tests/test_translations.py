"""The English catalogue: complete, placeholders intact, compiled file in step with the source."""

from __future__ import annotations

import re
from pathlib import Path

import polib

PACKAGE = Path(__file__).resolve().parents[2]
PO = PACKAGE / "locale" / "en" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sdifr]|%[sdifr]|\{[a-z_0-9]*\}")
TRANSLATE_TAG = re.compile(r'{%\s*translate\s+"([^"]+)"(?:\s+context\s+"([^"]+)")?')


def test_every_message_is_translated_with_the_same_placeholders() -> None:
    po = polib.pofile(str(PO))
    assert po.untranslated_entries() == [] and po.fuzzy_entries() == []
    for entry in po:
        pairs = [(entry.msgid, entry.msgstr)]
        if entry.msgid_plural:
            pairs = [
                (entry.msgid, entry.msgstr_plural[0]),
                (entry.msgid_plural, entry.msgstr_plural[1]),
            ]
        for source, translated in pairs:
            assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(translated)), (
                entry.msgid
            )


def test_the_compiled_catalogue_matches_the_source() -> None:
    po = polib.pofile(str(PO))
    mo = polib.mofile(str(PO.with_suffix(".mo")))
    key = lambda e: (e.msgctxt or "", e.msgid)  # noqa: E731
    assert {key(e): e.msgstr or e.msgstr_plural for e in po} == {
        key(e): e.msgstr or e.msgstr_plural for e in mo
    }


def test_every_template_string_is_in_the_catalogue() -> None:
    known = {(e.msgctxt or "", e.msgid) for e in polib.pofile(str(PO))}
    missing = []
    for template in PACKAGE.rglob("templates/**/*.html"):
        for msgid, context in TRANSLATE_TAG.findall(template.read_text(encoding="utf-8")):
            if (context, msgid) not in known:
                missing.append((template.name, msgid))
    assert missing == [], "run `utblick makemessages -l en` and translate: " + repr(missing[:10])
