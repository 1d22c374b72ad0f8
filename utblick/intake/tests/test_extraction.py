"""Cleaning, structure and extraction on small texts, and the measured quality on the four sources."""

from __future__ import annotations

import pytest

from utblick.intake.drafting import draft_from_text
from utblick.intake.evaluate import evaluate_sources, format_table, grand_total, seed_text
from utblick.intake.extract_metadata import metadata_proposals
from utblick.intake.normalise import normalise
from utblick.intake.structure import parse


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (  # a table of contents with dotted leaders, tabs and page numbers, and its heading
            "Innehåll\n1. Bakgrund ........ 3\n2. Mål …… 4\n3. Principer\t5\n\n1. Bakgrund\n\nText här.",
            "1. Bakgrund\n\nText här.",
        ),
        (
            "**Fetstil** och *kursiv* och __understruken__ text.",
            "Fetstil och kursiv och understruken text.",
        ),
        ("• ett\n▪ två\no tre\n– fyra\n\uf0b7 fem", "- ett\n\n- två\n\n- tre\n\n- fyra\n\n- fem"),
        (  # running header on every page, page numbers, a paragraph across a page break
            "Testkommun\nFörsta sidans text som fortsätter i\n3\n\fTestkommun\nnästa sida.\n"
            "Sida 2 av 3\n\fTestkommun\nTredje sidan.\nSida 3 av 3",
            "Första sidans text som fortsätter i nästa sida.\n\nTredje sidan.",
        ),
        (  # hyphenation at line ends, but not a real hyphen or an abbreviation's
            "Det internationella arbe-\ntet ska utvecklas. Omvärlds-\noch intressebevakning på EU-\narenan.",
            "Det internationella arbetet ska utvecklas. Omvärlds- och intressebevakning på EU-arenan.",
        ),
        ("Ord\xadavstavning\u00a0och\u200bosynligt", "Ordavstavning ochosynligt"),
        ("Mål\tAnsvar\nEtt mål\tKommunstyrelsen", "Mål\n\nAnsvar\n\nEtt mål\n\nKommunstyrelsen"),
    ],
)
def test_layout_artefacts_are_cleaned(raw: str, clean: str) -> None:
    assert normalise(raw) == clean


def test_a_heading_under_a_paragraph_without_a_blank_line_stays_a_heading() -> None:
    wide = "Kommunen arbetar internationellt för att utveckla sina verksamheter och nå"
    raw = f"{wide}\nsina mål på lång sikt.\nPrinciper\n\nSamarbeten ska ha ett syfte."
    document = parse(normalise(raw))
    assert [h.title for h in document.headings] == ["Principer"]


def _header(line: str) -> str:
    return (
        f"Internationell policy för Testkommun\n\n{line}\n\n"
        "Antagen av kommunfullmäktige 2020-02-12\n\nBakgrund\n\nKommunen arbetar internationellt."
    )


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("Diarienummer: KSN-2014-0129", "KSN-2014-0129"),
        ("Diarienummer\n\nKSN-2014-0129", "KSN-2014-0129"),
        ("Dokumentdatum: 2018-03-26 KS-2017/00536-15", "KS-2017/00536-15"),
        ("Dnr KS2019/1537", "KS2019/1537"),
        ("Dnr: KS 2020/0123", "KS 2020/0123"),
        ("Diarie-/dokumentnummer: BUN-2021-45", "BUN-2021-45"),
    ],
)
def test_each_registry_number_form_is_read_with_its_passage(line: str, number: str) -> None:
    document = parse(normalise(_header(line)))
    found = {p.field: p for p in metadata_proposals(document, "Testkommun")}
    proposal = found["registry_number"]
    assert proposal.value == {"value": number}
    assert document.text[proposal.passage.start : proposal.passage.end] == number


@pytest.mark.parametrize(
    ("line", "reference"), [("KF § 311/2019", "KF § 311/2019"), ("Beslut: KS §12", "KS § 12")]
)
def test_the_decision_paragraph(line: str, reference: str) -> None:
    document = parse(normalise(_header(line)))
    found = {p.field: p for p in metadata_proposals(document, "Testkommun")}
    assert found["decision_reference"].value == {"value": reference}


def test_the_decision_date_and_the_adopting_body_cite_their_line() -> None:
    document = parse(normalise(_header("Dnr KS2019/1537")))
    found = {p.field: p for p in metadata_proposals(document, "Testkommun")}
    assert found["decided_on"].value == {"value": "2020-02-12"}
    assert found["adopted_by"].value == {"value": {"name": "Kommunfullmäktige", "kind": "council"}}
    for field in ("decided_on", "adopted_by"):
        start, end = found[field].passage.start, found[field].passage.end
        assert document.text[start:end] in "Antagen av kommunfullmäktige 2020-02-12"


def test_a_document_that_is_not_a_policy_gives_an_empty_draft_with_an_explanation() -> None:
    draft = draft_from_text(seed_text("uppsala-webbsida"), municipality="Uppsala kommun")
    assert (draft.is_policy, draft.proposals) == (False, [])
    assert "inte ut som ett styrdokument" in draft.explanation
    letter = draft_from_text("Hej!\n\nVi ses på mötet i morgon.", municipality="Testkommun")
    assert (letter.is_policy, letter.proposals) == (False, [])


def test_every_proposal_cites_a_passage_of_the_cleaned_text() -> None:
    for slug in ("uppsala", "umea", "kungalv", "upplands-bro"):
        draft = draft_from_text(seed_text(slug), municipality=slug)
        for proposal in draft.proposals:
            assert proposal.passages, proposal
            for passage in proposal.passages:
                assert draft.text[passage.start : passage.end].strip(), proposal


def test_measured_quality_over_the_four_sources() -> None:
    """Issue 15's floor for the seeds: ≥ 95 % recall and precision overall, nothing unsourced."""
    results = evaluate_sources()
    total = grand_total(results)
    assert total.recall >= 0.95, format_table(results)
    assert total.precision >= 0.95, format_table(results)
    assert sum(r.unsourced for r in results) == 0
    by_slug = {r.slug: r.total for r in results}
    # Umeå is the "done when" document: every element of its shipped file is found.
    assert (by_slug["umea"].recall, by_slug["umea"].precision) == (1.0, 1.0)
    # Uppsala's shipped file has a cadence and a principle that its policy does not state
    # (they come from the IVE and the web page): they cannot be found without inventing.
    assert by_slug["uppsala"].precision == 1.0
    for slug in ("kungalv", "upplands-bro"):
        assert min(by_slug[slug].recall, by_slug[slug].precision) >= 0.90, slug
