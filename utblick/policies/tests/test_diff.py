"""The policy diff: added, removed and changed items, and word-level changes in text."""

from __future__ import annotations

from pathlib import Path

from utblick.policies.diff import Segment, policy_spec_diff, word_diff
from utblick.policies.fileformat import PolicySpec, read_policy_file

SHIPPED = Path(__file__).resolve().parents[1] / "shipped" / "uppsala.toml"


def spec() -> PolicySpec:
    return read_policy_file(SHIPPED.read_bytes(), "uppsala.toml").policy


def by_name(sections: list, name: str) -> list:
    return next(s.items for s in sections if s.name == name)


def test_word_diff_marks_only_the_changed_words() -> None:
    assert word_diff("Vi stärker samarbetet i Europa", "Vi fördjupar samarbetet i Norden") == [
        Segment("same", "Vi "),
        Segment("del", "stärker"),
        Segment("ins", "fördjupar"),
        Segment("same", " samarbetet i "),
        Segment("del", "Europa"),
        Segment("ins", "Norden"),
    ]
    assert word_diff("", "Ny text") == [Segment("ins", "Ny text")]
    assert word_diff("Samma", "Samma") == [Segment("same", "Samma")]


def test_the_same_version_has_no_differences() -> None:
    assert all(not s.items for s in policy_spec_diff(spec(), spec()))


def test_added_removed_and_changed_items_are_found_by_key() -> None:
    old = spec()
    new = spec()
    first, *rest = new.focus_areas
    changed = first.model_copy(update={"description": first.description + " Och mer."})
    added = first.model_copy(update={"key": "nytt-omrade", "name": "Nytt område"})
    new = new.model_copy(update={"focus_areas": [changed, added, *rest[1:]], "title": "Ny titel"})
    sections = policy_spec_diff(old, new)
    areas = by_name(sections, "Fokusområden")
    kinds = {(i.change, i.key) for i in areas}
    assert ("changed", first.key) in kinds
    assert ("added", "nytt-omrade") in kinds
    if rest:
        assert ("removed", rest[0].key) in kinds
    [change] = [i for i in areas if i.change == "changed"]
    [description] = change.fields
    assert description.after.endswith("Och mer.")
    assert Segment("ins", "Och mer.") in description.segments or any(
        s.op == "ins" and "mer." in s.text for s in description.segments
    )
    [document] = by_name(sections, "Dokumentet")
    assert document.fields[0].before == old.title and document.fields[0].after == "Ny titel"


def test_rules_and_cadence_changes_are_shown() -> None:
    old = spec()
    principles = [
        p.model_copy(update={"rule": None}) if i == 0 else p for i, p in enumerate(old.principles)
    ]
    cadence = old.cadence.model_copy(update={"text": old.cadence.text + " Ändrad."})
    new = old.model_copy(update={"principles": principles, "cadence": cadence})
    sections = policy_spec_diff(old, new)
    if old.principles and old.principles[0].rule is not None:
        [principle] = by_name(sections, "Principer och regler")
        assert principle.fields[0].label == "Regel" and principle.fields[0].after == ""
    [cadence_change] = by_name(sections, "Uppföljning")
    assert cadence_change.change == "changed"


def test_an_item_whose_key_changed_but_whose_text_is_alike_is_the_same_item() -> None:
    old = spec()
    first, *rest = old.focus_areas
    renamed = first.model_copy(update={"key": "ny-nyckel", "name": first.name + " i Norden"})
    new = old.model_copy(update={"focus_areas": [renamed, *rest]})
    areas = by_name(policy_spec_diff(old, new), "Fokusområden")
    assert [(i.change, i.key) for i in areas] == [("changed", "ny-nyckel")]
    unlike = first.model_copy(update={"key": "annat", "name": "Något helt annat"})
    new = old.model_copy(update={"focus_areas": [unlike, *rest]})
    areas = by_name(policy_spec_diff(old, new), "Fokusområden")
    assert {(i.change, i.key) for i in areas} == {("added", "annat"), ("removed", first.key)}
