"""Pages of cross-border committees, Brussels offices and agreements between parties.

The texts are written for these tests in the forms such pages take, not copied from the
corpus: each shows one way they state what the body works for, what its work starts
from, the areas it works in, or the facts of a memo about an agreement.
"""

from __future__ import annotations

import pytest

from utblick.intake.normalise import normalise
from utblick.intake.tests.documents import page_draft, texts

PAGE = (
    "Internationellt samarbete i Ådalskommittén\n\nÅdalskommittén är ett samarbete mellan kommuner på båda sidor om "
    "gränsen i Norden.\n\n{sentence}\n\nKommittén har sitt kansli i Testby och möts fyra gånger "
    "per år."
)


@pytest.mark.parametrize(
    "sentence",
    [
        "Vi arbetar för att minska gränshindren för pendlare och företag.",
        "Tillsammans arbetar vi för att skapa en gemensam arbetsmarknad över gränsen.",
        "Därför arbetar vi för att avskaffa de hinder som bromsar handeln i regionen.",
        "Vi inom Ådalskommittén verkar för ett mer sammanhållet Norden.",
        "Kommittén har ett litet kansli och arbetar för att nordiska medel ska komma regionen till del.",
        "Parterna avser bidra till att gemensamma projekt får finansiering.",
        "1.2 Parterna verkar för att etablera rutiner för informationsutbyte.",
        "Vårt uppdrag är att stärka utvecklingen i gränsregionen.",
        "Kansliets uppgift är att utifrån ett nordiskt perspektiv bidra till att medlemmarnas mål nås.",
        "Ådalskommittén är en av Nordens gränskommittéer, vars syfte är att avlägsna gränshinder.",
        "Fokus är att skapa hållbar tillväxt genom att motverka gränshinder.",
        "Samarbetet handlar om att öka regionens möjligheter att påverka besluten.",
    ],
)
def test_what_the_body_itself_works_for_is_a_goal(sentence: str) -> None:
    draft = page_draft(PAGE.format(sentence=sentence), municipality="Ådalskommittén")
    assert draft.is_policy, draft.explanation
    assert sentence.removeprefix("1.2 ") in [t.removeprefix("1.2 ") for t in texts(draft, "goal")]


@pytest.mark.parametrize(
    "sentence",
    [
        # another body named, not the page's own
        "Nordiska rådet arbetar för att minska gränshindren för pendlare och företag.",
        # a relative clause: others who work for it
        "Kansliet ger service till aktörer som arbetar för att stärka tillväxten i regionen.",
        # the unit's duties, not an aim
        "Kansliets uppgift är att samordna, utveckla och följa upp samarbetet.",
        "Kansliets uppgift är att bevaka frågor i Bryssel.",
        # an answer to a need, said without an aim verb
        "Vi arbetar aktivt för att möta dessa krav.",
        # someone, not the body
        "Man arbetar för att minska gränshindren i Tornedalen, men kommunen deltar inte.",
        "Den ekonomiska och sociala kommittén arbetar för att stärka dialogen i EU.",
        "Vi stödjer föreningar som tar emot nyanlända och arbetar för att öka integrationen.",
        "Testby är delägare i Europakontoret, vars uppgift är att bevaka EU-frågor.",
        "EU-kommissionens uppgift är att främja unionens allmänna intresse.",
        "Projektets fokus är att skapa mötesplatser för unga.",
        # money, not an aim; a negation
        "Vi kommer att bidra till projektets medfinansiering med 200 000 kronor per år.",
        "Samarbetet handlar inte om att skapa nya strukturer utan om att använda de befintliga.",
    ],
)
def test_what_others_work_for_or_a_unit_s_duties_are_no_goal(sentence: str) -> None:
    draft = page_draft(PAGE.format(sentence=sentence), municipality="Ådalskommittén")
    assert sentence not in texts(draft, "goal")


def test_what_a_council_shall_be_is_its_goal_in_an_area_s_section_too() -> None:
    draft = page_draft(
        "Strategi för Ådalsrådet 2030\n\nAntagen vid rådets årsmöte 2024-05-10\n\n"
        "Hållbar utveckling mellan land och stad\n\nRegionerna har liknande utmaningar kring "
        "infrastruktur och demografi.\n\nRådet skall vara en aktör för att öka samarbetet mellan "
        "medlemskommunerna.\n\nÅdalsrådet ska vara en öppen arena för lärande mellan regionerna.",
        municipality="Ådalsrådet",
    )
    goals = texts(draft, "goal")
    assert "Rådet skall vara en aktör för att öka samarbetet mellan medlemskommunerna." in goals
    assert "Ådalsrådet ska vara en öppen arena för lärande mellan regionerna." in goals
    assert not set(goals) & set(texts(draft, "principle"))


@pytest.mark.parametrize(
    "sentence",
    [
        "En utgångspunkt för kansliets arbete är medlemmarnas regionala utvecklingsstrategier.",
        "Utgångspunkter för arbetsgruppernas arbete är rådets verksamhetsidé.",
        "Kommitténs arbete utgår från det nordiska samarbetsprogrammet för regional utveckling.",
    ],
)
def test_what_the_work_starts_from_is_a_principle(sentence: str) -> None:
    draft = page_draft(PAGE.format(sentence=sentence), municipality="Ådalskommittén")
    assert [p.value["text"] for p in draft.of("principle")] == [sentence]
    # … said as what it is: no "ska" or "bör" binds anyone
    assert draft.of("principle")[0].reason.startswith("Mening som anger vad arbetet utgår från")


@pytest.mark.parametrize(
    "sentence",
    [
        "Arbetet utgår från kommunhuset i Testby.",
        "Utredningens arbete utgår från de direktiv som regeringen har beslutat.",
        "Utgångspunkten för kommunens arbete har varit att delta i många nätverk.",
    ],
)
def test_a_place_another_s_work_or_the_past_is_no_starting_point(sentence: str) -> None:
    draft = page_draft(PAGE.format(sentence=sentence), municipality="Ådalskommittén")
    assert sentence not in [p.value["text"] for p in draft.of("principle")]


def test_a_lead_or_an_aim_that_the_work_starts_from_is_no_principle() -> None:
    draft = page_draft(
        PAGE.format(
            sentence="Kommitténs arbete utgår från följande dokument:\n\n"
            "- Den regionala utvecklingsstrategin\n\n- Det nordiska samarbetsprogrammet\n\n"
            "Stadens internationella arbete utgår från en riktlinje, vars syfte är att skapa en "
            "gemensam plattform."
        ),
        municipality="Ådalskommittén",
    )
    principles = texts(draft, "principle")
    assert not any(
        t.startswith(("Kommitténs arbete utgår", "Stadens internationella")) for t in principles
    )


@pytest.mark.parametrize(
    ("sentence", "areas"),
    [
        (
            "Kontoret främjar samarbeten inom många områden, framför allt forskning och "
            "innovation, hälso- och sjukvård, kultur samt miljö och transport.",
            ["Forskning och innovation", "Hälso- och sjukvård", "Kultur", "Miljö och transport"],
        ),
        (
            "Verksamheten omfattar i huvudsak samverkan, kunskapsspridning, "
            "intressebevakning och marknadsföring av regionen.",
            ["Samverkan", "Kunskapsspridning", "Intressebevakning", "Marknadsföring av regionen"],
        ),
    ],
)
def test_the_areas_a_sentence_names_after_its_lead_words(sentence: str, areas: list[str]) -> None:
    draft = page_draft(PAGE.format(sentence=sentence), municipality="Ådalskommittén")
    assert [p.value["name"] for p in draft.of("focus_area")] == areas


@pytest.mark.parametrize(
    "sentence",
    [
        "Testby har många gröna områden, framför allt parker, badplatser och strövområden.",
        "Verksamheten omfattar tre förskolor, två grundskolor och ett äldreboende.",
        "Verksamheten omfattar ca 40 anställda, fördelade på tre enheter.",
    ],
)
def test_places_and_a_count_of_units_are_no_areas(sentence: str) -> None:
    draft = page_draft(PAGE.format(sentence=sentence), municipality="Ådalskommittén")
    assert draft.of("focus_area") == []


def test_a_memo_on_an_agreement_gives_its_wrapped_title_and_running_registry_number() -> None:
    draft = page_draft(
        "TJÄNSTESKRIVELSE\nDatum\n2024-03-18\nDiarienummer 240187\nLandstingsstyrelsen\n"
        "Samarbetsavtal om Ådalens Europakontor –\nTestby - Ådalen\n\nFörslag till beslut\n\n"
        "Landstingsstyrelsen godkänner samarbetsavtalet.\n\nVerksamheten omfattar i huvudsak "
        "samverkan, kunskapsspridning och intressebevakning.\n\nKontoret ska verka för att "
        "regionens intressen tas tillvara i EU."
    )
    facts = {p.field: p.value["value"] for p in draft.of("metadata")}
    assert facts.get("registry_number") == "240187"
    assert "Samarbetsavtal om Ådalens Europakontor – Testby - Ådalen\n" in normalise(draft.text)


def test_a_label_with_a_dash_stays_its_own_line_and_a_year_is_no_registry_number() -> None:
    text = normalise("Pressmeddelande -\nTestby kommun går med i EU-nätverk\n\nDnr 2024\n")
    assert text.startswith("Pressmeddelande -\n\nTestby kommun går med i EU-nätverk")
    table = normalise("Utbyten med vänorterna –\nUtbyten med vänorterna 2023 14\n")
    assert table.startswith("Utbyten med vänorterna –\n\n")
    for number in ("2024", "20230412"):
        draft = page_draft(
            f"Internationell policy\n\nDiarienummer {number}\n\n"
            "Kommunen ska samarbeta med sina vänorter."
        )
        assert "registry_number" not in {p.field for p in draft.of("metadata")}


def test_a_caption_is_never_the_title() -> None:
    draft = page_draft(
        "Påverkansarbete\n\nBilden visar en EU-flagga\n\nEU påverkar allt mer den regionala "
        "nivån. Regionen ska därför bedriva ett aktivt påverkansarbete inom EU.\n\nArbetet sker i "
        "nära samarbete med EU-kontoret i Bryssel."
    )
    titles = [p.value["value"] for p in draft.of("metadata") if p.field == "title"]
    assert "Bilden visar en EU-flagga" not in titles


def test_a_cross_border_committee_s_page_is_about_the_international_work() -> None:
    draft = page_draft(
        "Om Gränskommittén\n\nGränskommittén arbetar för ett kontinuerligt utbyte av "
        "erfarenheter med andra nordiska gränsregioner.",
        municipality="Gränskommittén Ådalen",
    )
    assert draft.is_policy, draft.explanation
    assert texts(draft, "goal")


@pytest.mark.parametrize(
    "page",
    [
        "Skidspåret\n\nSpåret ska prepareras för nordisk skidåkning.",
        "Samverkan i Testby\n\nSocialtjänsten ska arbeta förvaltningsgränsöverskridande med skolan.",
    ],
)
def test_a_sentence_on_skiing_or_departments_is_no_international_work(page: str) -> None:
    assert not page_draft(page).is_policy
