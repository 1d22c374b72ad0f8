"""The corpus of other municipalities' documents: well-formed, honest to its texts, strictly scored."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from utblick.intake.corpus import (
    SETS,
    Expected,
    evaluate_set,
    expected_elements,
    find_quote,
    format_set,
    load_set,
    match_class,
    responsibility_facts,
    same_metadata,
    set_total,
)
from utblick.intake.proposals import Passage, Proposal

#: Kept aside for acceptance; the seeds are what the extractor was first built on.
NOT_IN_CORPUS = {
    "Göteborg",
    "Malmö",
    "Örebro",
    "Stockholm",
    "Borås",
    "Linköping",
    "Norrköping",
    "Västerås",
    "Uppsala",
    "Umeå",
    "Kungälv",
    "Upplands-Bro",
}
DOCUMENTS = [d for name in SETS for d in load_set(name)]


def test_the_corpus_has_two_halves_of_real_documents_in_every_form() -> None:
    by_set = Counter(d.set_name for d in DOCUMENTS)
    assert by_set["dev"] >= 8 and by_set["heldout"] >= 8, by_set
    municipalities = {name: {d.municipality for d in load_set(name)} for name in SETS}
    assert not (municipalities["dev"] | municipalities["heldout"]) & NOT_IN_CORPUS
    # A municipality may be in both halves only with another of its documents ("nykoping-eu"
    # beside "nykoping"): no source is in both.
    sources = {name: {d.spec["source"] for d in load_set(name)} for name in SETS}
    assert not sources["dev"] & sources["heldout"]
    for document in load_set("heldout"):
        if document.municipality in municipalities["dev"]:
            assert "-" in document.slug.removeprefix("region-"), document.slug
    forms = Counter(d.spec["format"] for d in DOCUMENTS)
    assert forms["flattened"] >= 4, forms
    assert forms["docx"] + forms["pdf"] >= 2, forms
    for document in DOCUMENTS:
        assert document.spec["source"].startswith("http"), document.slug
        assert document.path.suffix in (".txt", ".docx", ".pdf"), document.slug


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda d: f"{d.set_name}/{d.slug}")
def test_every_expected_element_quotes_its_document(document) -> None:  # type: ignore[no-untyped-def]
    text = document.raw_text()
    if document.path.suffix == ".txt":
        first, _rest = text.split("\n", 1)
        assert first.startswith("Källa: http"), "the source stands on its own first line"
    if document.spec["format"] == "flattened":
        lines = [line for line in text.split("\n")[1:] if line.strip()]
        assert len(lines) == 1, "a flattened document is one line after its source"
    elements = expected_elements(document.spec)
    assert elements
    for element in elements:
        assert find_quote(text, element.quote), element.label


def test_a_quote_is_found_across_spacing_and_punctuation_but_not_other_words() -> None:
    text = "Det internationella arbetet ska:\n\n- öka kunskapen,\n- stärka banden."
    span = (text.index("ska"), text.index("kunskapen") + len("kunskapen"))
    assert find_quote(text, "ska: öka kunskapen") == [span]
    assert find_quote(text, "ska öka kunskapen")  # the colon and the bullet are only layout
    assert find_quote(text, "ska minska kunskapen") == []
    assert find_quote(text, "arbete") == []  # a whole word, not a part of one


def _proposal(element: str, value: dict, start: int, end: int) -> Proposal:  # type: ignore[type-arg]
    return Proposal(element, value, [Passage(start, end)], 0.9, "")


def test_a_goal_counts_only_when_it_cites_the_quoted_sentence() -> None:
    text = (
        "Kommunen ska öka det internationella utbytet för unga. "
        "Kommunen ska söka EU-medel för det internationella utbytet."
    )
    expected = Expected("goals", {}, "Kommunen ska öka det internationella utbytet för unga.")
    expected.spans = find_quote(text, expected.quote)
    first_end = text.index(" Kommunen ska söka")
    right = _proposal("goal", {"text": "…"}, 0, first_end)
    other = _proposal("goal", {"text": "…"}, first_end + 1, len(text))
    fragment = _proposal("goal", {"text": "…"}, 0, 12)  # "Kommunen ska": shared words only
    assert match_class([expected], [other], text).matched == 0
    assert match_class([expected], [fragment], text).matched == 0
    score = match_class([expected], [other, right], text)
    assert (score.matched, score.expected, score.proposed) == (1, 1, 2)


def test_the_right_passage_in_the_wrong_class_does_not_count(tmp_path: Path) -> None:
    """An aim the annotation calls a principle is drafted as a goal: a miss and an extra."""
    folder = tmp_path / "dev"
    folder.mkdir()
    aim = "Det internationella arbetet ska bidra till att kommunens verksamheter utvecklas."
    (folder / "testby.txt").write_text(
        f"Källa: https://example.se/policy\nInternationell policy för Testby kommun\n\n{aim}\n",
        encoding="utf-8",
    )
    (folder / "testby.toml").write_text(
        'municipality = "Testby"\nsource = "https://example.se/policy"\nfile = "testby.txt"\n'
        f'format = "lines"\n\n[[principles]]\nquote = "{aim}"\n',
        encoding="utf-8",
    )
    (result,) = evaluate_set("dev", root=tmp_path)
    assert (result.scores["principles"].expected, result.scores["principles"].matched) == (1, 0)
    assert result.scores["goals"].proposed == 1 and result.scores["goals"].matched == 0


def test_a_duty_drafted_from_two_passages_is_two_facts_each_to_be_matched() -> None:
    text = (
        "Enheten följer upp avtalen. Kommunen har vänorter i Norden. "
        "Enheten följer upp projekten varje år."
    )
    body = {"name": "Internationella enheten", "kind": "international_unit"}
    quotes = [
        Expected("responsibilities", {"duty": "follows_up", "body": "international_unit"}, q)
        for q in ("Enheten följer upp avtalen.", "Enheten följer upp projekten varje år.")
    ]
    for quote in quotes:
        quote.spans = find_quote(text, quote.quote)
    second = text.index("Kommunen")
    third = text.index("Enheten följer upp projekten")
    both = Proposal(
        "responsibility",
        {"duty": "follows_up", "body": body, "bodies": []},
        [Passage(0, second - 1), Passage(third, len(text))],
        0.8,
        "",
    )
    score = match_class(quotes, responsibility_facts([both]), text)
    assert (score.matched, score.expected, score.proposed) == (2, 2, 2)
    wrong = Proposal(
        "responsibility",
        {"duty": "follows_up", "body": body, "bodies": []},
        [Passage(0, second - 1), Passage(second, third - 1)],
        0.8,
        "",
    )
    score = match_class(quotes, responsibility_facts([wrong]), text)
    assert (score.matched, score.expected, score.proposed) == (1, 2, 2)


def test_a_responsibility_needs_its_duty_and_body_and_may_cite_its_clause() -> None:
    text = "Kommunstyrelsen samordnar arbetet och följer upp det varje år."
    quote = Expected("responsibilities", {"duty": "follows_up", "body": "executive_board"}, text)
    quote.spans = find_quote(text, text)
    clause = text.index("följer")
    body = {"name": "Kommunstyrelsen", "kind": "executive_board"}
    follows = _proposal(
        "responsibility", {"duty": "follows_up", "body": body, "bodies": []}, clause, len(text)
    )
    coordinates = _proposal(
        "responsibility", {"duty": "coordinates", "body": body, "bodies": []}, 0, clause
    )
    committee = _proposal(
        "responsibility",
        {"duty": "follows_up", "body": None, "bodies": ["committee"]},
        clause,
        len(text),
    )
    assert match_class([quote], [coordinates, committee], text).matched == 0
    assert match_class([quote], [follows], text).matched == 1


def test_a_focus_area_needs_its_name_and_may_cite_it_inside_the_quoted_sentence() -> None:
    text = "Inom samarbetet arbetar vi med fokusområdena arbetsmarknad, stadsliv och kultur."
    quote = Expected("focus_areas", {"name": "stadsliv"}, text)
    quote.spans = find_quote(text, text)
    at = text.index("stadsliv")
    named = _proposal("focus_area", {"name": "Stadsliv"}, at, at + len("stadsliv"))
    at = text.index("kultur")
    other = _proposal("focus_area", {"name": "Kultur"}, at, at + len("kultur"))
    assert match_class([quote], [other], text).matched == 0
    assert match_class([quote], [named], text).matched == 1


@pytest.mark.parametrize(
    ("field", "expected", "drafted", "same"),
    [
        ("registry_number", "KS 2011/0050-3", "Dnr: KS2011/0050-3", True),
        ("registry_number", "171-482/2016", "171-482/2015", False),
        ("decision_reference", "KF § 61", "§ 61", True),
        ("decision_reference", "KF § 61/2008", "KF § 16/2008", False),
        ("decision_reference", "H 2014 nr 79", "H 2014 nr 79", True),
        ("adopted_by", "council", {"name": "Kommunfullmäktige", "kind": "council"}, True),
        ("adopted_by", "council", {"name": "Kommunstyrelsen", "kind": "executive_board"}, False),
        ("decided_on", "2014-10-09", "2014-10-09", True),
        ("title", "INTERNATIONELL POLICY", "Internationell policy", True),
        ("title", "Internationell policy", "2 Internationell policy", False),
    ],
)
def test_document_facts_match_by_value(
    field: str, expected: str, drafted: object, same: bool
) -> None:
    assert same_metadata(field, {"value": expected}, drafted) is same


def test_a_title_may_match_another_form_the_document_gives_itself() -> None:
    wanted = {
        "value": "Riktlinjer Internationellt arbete",
        "also": ["Riktlinjer för internationellt arbete"],
    }
    assert same_metadata("title", wanted, "Riktlinjer för internationellt arbete")
    assert not same_metadata("title", wanted, "Internationellt arbete")


def test_the_development_half_is_read_well_and_nothing_is_unsourced() -> None:
    """The half the extractor was improved on; the held-out half is measured, not asserted.

    The floor holds what the rules reach on it, so that a change that reads it worse fails.
    Each new half joins it read badly, and lowers it: 83.5 % recall since the regions'
    units, EU offices and partnership pages of the twenty-second half joined (84 % before,
    85 % before the agreements and cross-border committees' pages).
    """
    results = evaluate_set("dev")
    total = set_total(results)
    table = format_set("dev", results, details=True)
    assert total.recall >= 0.835, table
    assert total.precision >= 0.85, table
    assert sum(r.unsourced for r in results) == 0
    assert sum(r.got("title") is False for r in results) <= len(results) // 8, table
