"""Bodies named again by a short word, offices by their title, and duties spelled out in a list.

The texts are written for these tests in the common forms of Swedish municipal and
regional documents; none is copied from the corpus.
"""

from __future__ import annotations

import pytest

from utblick.intake.drafting import Draft, draft_from_text


def _draft(body: str) -> Draft:
    text = (
        "Internationell policy\n\nAntagen av kommunfullmäktige 2020-01-01\n\n"
        "Kommunen har många kontakter med andra länder genom skolor och företag.\n\n"
        f"Ansvar\n\n{body}\n"
    )
    return draft_from_text(text, municipality="Testby kommun")


def _duties(draft: Draft) -> set[tuple[str, str]]:
    return {
        (p.value["duty"], (p.value["body"] or {}).get("name") or p.value["bodies"][0])
        for p in draft.of("responsibility")
        if p.value["duty"] != "adopts_policy"
    }


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Regionen har ett representationskontor i Bryssel tillsammans med två andra regioner. "
            "Kontoret bevakar EU:s politik och tar tillvara våra intressen i viktiga frågor.",
            {
                ("monitors", "Representationskontor i Bryssel"),
                ("represents", "Representationskontor i Bryssel"),
            },
        ),
        (
            "Den regionala utvecklingsnämnden har ansvaret för det strategiska internationella "
            "arbetet. Frågorna är många, därför prioriterar nämnden varje år vilka frågor den "
            "ska driva.",
            {("leads", "Regionala utvecklingsnämnden"), ("plans", "Regionala utvecklingsnämnden")},
        ),
        (
            "Kultur- och fritidsnämnden ansvarar för vänortsutbytet. Nämnden redovisar "
            "utbytet till kommunstyrelsen.",
            {
                ("integrates", "Kultur- och fritidsnämnden"),
                ("reports", "Kultur- och fritidsnämnden"),
                ("receives_reports", "Kommunstyrelsen"),
            },
        ),
    ],
)
def test_a_body_named_again_by_a_short_word_keeps_its_name(
    body: str, expected: set[tuple[str, str]]
) -> None:
    assert _duties(_draft(body)) == expected


def test_a_short_word_with_nothing_to_refer_to_is_a_kind_of_body() -> None:
    found = _duties(
        _draft("Näringslivskontoret ansvarar för EU-frågor. Förvaltningen bevakar utlysningar.")
    )
    assert ("monitors", "department") in found
    assert not any(name == "Näringslivskontoret" and duty == "monitors" for duty, name in found)


@pytest.mark.parametrize(
    ("sentence", "duty", "body"),
    [
        (
            "Kommunens utvecklingsledare för internationalisering stöttar förvaltningarna i "
            "deras projekt.",
            "supports",
            "Utvecklingsledare för internationalisering",
        ),
        (
            "Kommunens Brysselkontor bevakar EU:s politik och företräder kommunen.",
            "represents",
            "Brysselkontor",
        ),
        (
            "EU-handläggaren stödjer förvaltningarna när de söker medel.",
            "supports",
            "EU-handläggaren",
        ),
    ],
)
def test_an_international_office_or_officer_by_its_title(
    sentence: str, duty: str, body: str
) -> None:
    assert (duty, body) in _duties(_draft(sentence))


def test_duties_spelled_out_in_a_list_after_the_paragraph_that_names_the_body() -> None:
    draft = _draft(
        "Planeringsavdelningen ansvarar för samordning, informationsspridning och stöd i "
        "internationella frågor. Detta innebär bland annat att:\n\n"
        "- samordna kommunens arbete med internationella frågor\n"
        "- stimulera och stödja förvaltningarnas engagemang\n"
        "- bevaka möjligheter att få ekonomiskt stöd till projekt\n"
        "- samarbeta med andra aktörer i regionen."
    )
    assert _duties(draft) == {
        ("coordinates", "Planeringsavdelningen"),
        ("supports", "Planeringsavdelningen"),
        ("monitors", "Planeringsavdelningen"),
    }
    monitors = next(p for p in draft.of("responsibility") if p.value["duty"] == "monitors")
    assert draft.text[monitors.passage.start : monitors.passage.end].startswith(
        "bevaka möjligheter"
    )
    assert draft.of("principle") == []


def test_a_list_after_a_paragraph_without_a_duty_gives_none() -> None:
    draft = _draft(
        "Kommunen har många vänorter i Norden. Detta innebär bland annat att:\n\n"
        "- samordna kommunens arbete med internationella frågor\n"
        "- bevaka möjligheter att få ekonomiskt stöd till projekt"
    )
    assert _duties(draft) == set()


def test_a_spelled_out_list_counts_when_its_body_had_that_duty_earlier_too() -> None:
    draft = _draft(
        "Planeringsavdelningen samordnar vänortsbesöken.\n\n"
        "Planeringsavdelningen ansvarar för samordningen av EU-frågor. Detta innebär att:\n\n"
        "- bevaka utlysningar av EU-medel"
    )
    assert ("monitors", "Planeringsavdelningen") in _duties(draft)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Internationella kommittén är ett beredningsorgan till kommunstyrelsen som ska "
            "fungera som rådgivande och stödjande instans. Kommittén ska stödja, stimulera, "
            "främja, kunskapsutveckla och följa det internationella arbetet. Den utövar också "
            "värdskap vid internationella besök.",
            {
                ("supports", "Internationella kommittén"),
                ("supports", "Kommittén"),
                ("follows_up", "Kommittén"),
                ("represents", "Kommittén"),
            },
        ),
        (
            "Vänortskommittén ansvarar för samordningen av kommunens vänortsutbyten.",
            {("coordinates", "Vänortskommittén")},
        ),
        (
            "Kommunfullmäktiges presidium är ansvarigt för kommunens vänortssamarbeten.",
            {("leads", "Kommunfullmäktiges presidium")},
        ),
        (
            "Brysselkontoret ska vara en stödjande part i ärenden som gäller EU.",
            {("supports", "Brysselkontoret")},
        ),
        (
            "Regionala utvecklingsnämnden ansvarar för internationellt arbete inom "
            "verksamhetsområdet regional utveckling.",
            {("integrates", "Regionala utvecklingsnämnden")},
        ),
        (
            "Nämnderna har uppgiften att i verksamhetsplan och budget inkludera aktiviteter "
            "som stödjer det internationella arbetet.",
            {("integrates", "committee")},
        ),
        (
            "Vänortsarbetet leds av kommunfullmäktiges presidium.",
            {("leads", "Kommunfullmäktiges presidium")},
        ),
        (
            "Kommunfullmäktiges presidium är ansvariga för kommunens vänortskontakter.",
            {("leads", "Kommunfullmäktiges presidium")},
        ),
        (
            "2015 skapades ett internationellt råd som leder och följer de internationella "
            "samarbetena i kommunen.",
            {("leads", "Internationellt råd"), ("follows_up", "Internationellt råd")},
        ),
        (
            # Nouns side by side are one duty's objects, not a series of verbs.
            "Kommunstyrelsen ansvarar för löpande hantering, ledning och uppföljning av "
            "internationella frågor.",
            {("leads", "Kommunstyrelsen")},
        ),
        (
            "Kommunen har en utsedd EU-kontaktperson som är länken mellan förvaltningarnas "
            "EU-arbete och regionens EU-kontor.",
            {("coordinates", "EU-kontaktperson")},
        ),
    ],
)
def test_committees_presidia_and_the_wordings_of_their_duties(
    body: str, expected: set[tuple[str, str]]
) -> None:
    assert _duties(_draft(body)) == expected


def test_a_series_of_verbs_joins_only_duties_it_names() -> None:
    draft = _draft("Kommittén ska stödja, stimulera, främja och kunskapsutveckla arbetet.")
    assert _duties(draft) == {("supports", "Kommittén")}


def test_a_drafting_committee_page_with_its_duties_and_its_meeting_cadence() -> None:
    draft = _draft(
        "Internationella beredningen\n\nBeredningen har särskilt uppdrag att föreslå vilka "
        "nätverk och organisationer som ska prioriteras. Beredningen är återföringspunkt för "
        "förtroendevalda med internationella uppdrag. Beredningen återrapporterar till "
        "regionstyrelsen efter varje sammanträde."
    )
    assert _duties(draft) == {
        ("plans", "Beredningen"),
        ("receives_reports", "Beredningen"),
        ("reports", "Beredningen"),
        ("receives_reports", "Regionstyrelsen"),
    }
    assert draft.of("principle") == []
    (cadence,) = draft.of("cadence")
    assert cadence.value["kind"] == "custom"
