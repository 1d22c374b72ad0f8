"""Pages of regions, Brussels offices and cross-border committees, and a board's minutes.

The texts are written for these tests in the forms such pages take, not copied from the
corpus: each shows one way they state a title, a decision, an area, a goal or a duty.
"""

from __future__ import annotations

import pytest

from utblick.intake.drafting import Draft
from utblick.intake.tests.documents import page_draft, texts


def _facts(draft: Draft) -> dict[str, object]:
    return {p.field: p.value["value"] for p in draft.of("metadata")}


def test_numbered_aims_under_a_two_word_lead_are_goals() -> None:
    draft = page_draft(
        "Testby i världen\n\nTestby har ett starkt läge i Norden.\n\nVi ska:\n\n"
        "  1. Göra Testby mer känt i omvärlden\n  2. Stärka den internationella tillgängligheten\n"
        "  3. Vidareutveckla den gränsöverskridande arbetsmarknaden"
    )
    assert texts(draft, "goal") == [
        "Göra Testby mer känt i omvärlden",
        "Stärka den internationella tillgängligheten",
        "Vidareutveckla den gränsöverskridande arbetsmarknaden",
    ]


def test_what_the_region_shall_become_is_a_goal() -> None:
    draft = page_draft(
        "Globalt attraktiva Norrdalen\n\nNorrdalen är ett nav i Norden.\n\nDet öppna Norrdalen ska "
        "utvecklas som en attraktiv plats att bo och verka i. Norrdalen ska bli en av de mest "
        "dynamiska regionerna i Europa.",
        municipality="Region Norrdalen",
    )
    assert texts(draft, "goal") == [
        "Det öppna Norrdalen ska utvecklas som en attraktiv plats att bo och verka i.",
        "Norrdalen ska bli en av de mest dynamiska regionerna i Europa.",
    ]
    assert texts(draft, "principle") == []


def test_a_brussels_office_s_page_with_two_goals_is_drafted() -> None:
    draft = page_draft(
        "Om oss\n\nNorrdalen South Sweden är ett samarbete mellan fem regioner.\n\n"
        "Syftet med Norrdalens samarbete är att verka för en hållbar utveckling i regionen. "
        "Samarbetets övergripande mål är att främja medlemmarnas verksamhet.\n\n"
        "Kontoret i Bryssel lyfter fram regionens ståndpunkter inför europeiska beslutsfattare. "
        "Brysselkontorets medarbetare besöker regionen och informerar om europeisk politik.",
        municipality="Norrdalen South Sweden",
    )
    assert draft.is_policy
    assert len(draft.of("goal")) == 2


def test_a_board_s_minutes_give_the_item_s_title_and_full_case_number() -> None:
    draft = page_draft(
        "UBN § 12 Policy för internationellt arbete\n\nUtbildningsnämndens protokoll\n\n"
        "UBN § 12\n\nPolicy för internationellt arbete\n\nDnr UBN 2012/44:60\n\n"
        "Med nämndens policy för internationellt arbete syftar UBN till att skapa stöd för det "
        "fortsatta arbetet med internationella samarbeten. Syftet innebär också att samarbetet ska skapa mervärde för eleverna. "
        "Med policyn vill UBN visa vikten av internationaliseringsmålen i läroplanen."
    )
    facts = _facts(draft)
    assert facts["title"] == "Policy för internationellt arbete"
    assert facts["registry_number"] == "UBN 2012/44:60"
    assert len(draft.of("goal")) == 3


def test_adopted_at_a_meeting_gives_the_date() -> None:
    draft = page_draft(
        "Antagen vid kommitténs vårmöte i Vasa 2019-05-14\n\nStrategi för gränskommittén\n\n"
        "Gränskommittén ska främja samarbetet över gränsen. Kommittén ska arbeta för att öka "
        "rörligheten på arbetsmarknaden."
    )
    assert _facts(draft)["decided_on"] == "2019-05-14"


@pytest.mark.parametrize(
    "text",
    [
        "Gränsrådet ska också arbeta med att skapa en gemensam arbetsmarknad i regionen.",
        "Europa Direkt-kontoren ska också arbeta för att främja debatten om EU.",
    ],
)
def test_what_a_body_shall_work_towards_is_a_goal(text: str) -> None:
    draft = page_draft(f"Internationellt samarbete\n\nKommunen har kontor i Bryssel.\n\n{text}")
    assert texts(draft, "goal") == [text]
    assert texts(draft, "principle") == []


def test_items_of_what_an_office_contributes_to_are_goals() -> None:
    draft = page_draft(
        "Brysselkontoret\n\nKontoret bevakar frågor inom EU för medlemmarna.\n\n"
        "Genom sitt uppdrag bidrar kontoret även till:\n\n"
        "- Att stärka regionens roll i Europa\n- Att öka medlemmarnas kompetens i EU-frågor"
    )
    assert texts(draft, "goal") == [
        "Att stärka regionens roll i Europa",
        "Att öka medlemmarnas kompetens i EU-frågor",
    ]


def test_a_page_about_its_body_keeps_the_body_s_name_in_its_title() -> None:
    draft = page_draft(
        "Om Norra Sverige Norra Sverige är en ideell förening vars medlemmar är tre regioner. "
        "Målet med Norra Sverige är att utifrån ett EU-perspektiv bidra till regionernas "
        "utveckling. Kontoret ska också medverka till kunskap om EU bland medlemmarna."
    )
    assert _facts(draft)["title"] == "Om Norra Sverige"


def test_two_areas_said_in_one_sentence_with_one_and() -> None:
    draft = page_draft(
        "Om kontoret\n\nMålet med kontoret är att utifrån ett EU-perspektiv bidra till regionernas "
        "utveckling.\n\nFör att få ut största "
        "möjliga nytta fokuseras verksamheten till två områden: politisk påverkan i viktiga frågor "
        "och projektstöd för att tillföra regionen resurser."
    )
    assert [p.value["name"] for p in draft.of("focus_area")] == [
        "Politisk påverkan i viktiga frågor",
        "Projektstöd",
    ]


def test_a_theme_and_an_area_said_in_a_sentence() -> None:
    draft = page_draft(
        "Strategi för gränskommittén\n\nHållbar landsbygd ska därför vara ett övergripande tema "
        "för kommitténs verksamhet.\n\nStrategiområdet Öppna gränser innebär att minska "
        "gränshindren för företag och invånare."
    )
    assert [p.value["name"] for p in draft.of("focus_area")] == [
        "Hållbar landsbygd",
        "Öppna gränser",
    ]
    assert texts(draft, "goal") == [
        "Strategiområdet Öppna gränser innebär att minska gränshindren för företag och invånare."
    ]


@pytest.mark.parametrize(
    ("text", "goals", "areas"),
    [
        # what the municipality pays to, not what the work aims at
        (
            "Kommunen är medlem i flera internationella organisationer och bidrar årligen med "
            "medlemsavgift till:\n\n- Östersjöstädernas förbund\n- Föreningen Norden",
            [],
            [],
        ),
        # two areas only where a colon names them
        ("Arbetet delas in i två insatsområden med fokus på barn och unga.", [], []),
        ("Jämställdhet ska vara ett genomgående tema i kommunens internationella arbete.", [], []),
        ("Detta ska därför vara ett övergripande tema för kommitténs verksamhet.", [], []),
        # one project's, programme's or policy area's aims
        ("Projektet ska också arbeta för att öka ungas kunskaper om EU.", [], []),
        ("Projektets övergripande mål är att öka antalet lärare i utbyten.", [], []),
        ("Sammanhållningspolitikens övergripande mål är att minska skillnaderna i Europa.", [], []),
    ],
)
def test_not_the_work_s_goal_nor_area(text: str, goals: list[str], areas: list[str]) -> None:
    draft = page_draft(
        f"Internationell policy för Testby kommun\n\nInternationellt arbete\n\n{text}"
    )
    assert texts(draft, "goal") == goals
    assert [p.value["name"] for p in draft.of("focus_area")] == areas


def test_news_that_names_europe_again_and_again_is_no_policy() -> None:
    draft = page_draft(
        "Dags att rösta\n\nDen 9 juni är det val till Europaparlamentet. Europaparlamentet "
        "stiftar lagar i EU tillsammans med ministerrådet. Läs mer om EU och Europaparlamentet "
        "på eu.se.\n\nRöstkortet ska visas upp tillsammans med legitimation i vallokalen. Du ska "
        "ta med giltig legitimation när du röstar."
    )
    assert not draft.is_policy


def test_parts_of_the_work_a_lead_names_are_areas_named_by_their_first_words() -> None:
    draft = page_draft(
        "Om oss\n\nKontoret i Bryssel arbetar för regionens kommuner i EU-frågor.\n\n"
        "Kontorets huvudsakliga uppgifter är:\n\n"
        "- Intressebevakning av frågor som ägarna prioriterar\n"
        "- Service till medlemmarna genom att informera om EU-program\n"
        "- Kontaktskapande verksamhet genom att förmedla kontakter i Bryssel"
    )
    assert [p.value["name"] for p in draft.of("focus_area")] == [
        "Intressebevakning",
        "Service till medlemmarna",
        "Kontaktskapande verksamhet",
    ]


def test_an_office_s_tasks_said_with_their_verbs_are_no_areas() -> None:
    draft = page_draft(
        "Om oss\n\nKontoret i Bryssel arbetar för regionens kommuner i EU-frågor.\n\n"
        "Kontorets huvudsakliga uppgifter är:\n\n- Bevaka frågor inom EU\n- Informera om EU-program"
    )
    assert draft.of("focus_area") == []


@pytest.mark.parametrize(
    "text",
    [
        "Visionen är en gränslös region där människor och företag rör sig fritt över gränsen.",
        "Den nu gemensamt antagna visionen är att göra gränsregionen till Europas mest integrerade.",
        "Samarbetet över gränsen ska stärkas med de norska grannregionerna.",
        "Testby kommun ska i sitt internationella arbete verka för en hållbar samhällsutveckling.",
        "Testby kommun ska också få till stånd en permanent finansiering av gränstjänsten.",
    ],
)
def test_a_vision_and_what_the_work_and_the_body_shall_come_to_are_goals(text: str) -> None:
    draft = page_draft(f"Internationellt samarbete\n\nKommunen har vänorter i Norden.\n\n{text}")
    assert texts(draft, "goal") == [text]


@pytest.mark.parametrize(
    "text",
    [
        "Sveriges medlemskap i EU innebär att samarbete inom unionen ges en prioriterad ställning.",
        "Bidrag kan utgå till föreningar som bedriver utbyte med en förening utanför Sverige.",
        "Alla föreningar i kommunens föreningsregister kan söka vänortsbidrag.",
    ],
)
def test_a_priority_and_a_grant_s_terms_are_principles(text: str) -> None:
    draft = page_draft(f"Internationellt arbete\n\nKommunen har vänorter i Norden.\n\n{text}")
    assert texts(draft, "principle") == [text]


def test_actions_a_region_sets_itself_are_goals() -> None:
    draft = page_draft(
        "Agenda för internationellt samarbete i Arktis\n\nRegionen tar initiativ till "
        "internationellt samarbete i Arktis.\n\nAngelägna insatser för Region Norrdalen;\n\n"
        "- Initiera samarbeten mellan aktörer i Arktis\n"
        "- Påverka nationell nivå att skapa bättre förutsättningar",
        municipality="Region Norrdalen",
    )
    assert texts(draft, "goal") == [
        "Initiera samarbeten mellan aktörer i Arktis",
        "Påverka nationell nivå att skapa bättre förutsättningar",
    ]


def test_what_an_area_also_means_is_a_goal_too() -> None:
    draft = page_draft(
        "Strategi för kultur\n\nStrategiområdet Öppna gränser innebär att minska gränshindren för "
        "kulturaktörer. Det innebär också att verka för ett öppet kulturliv i internationella nätverk."
    )
    assert texts(draft, "goal") == [
        "Strategiområdet Öppna gränser innebär att minska gränshindren för kulturaktörer.",
        "Det innebär också att verka för ett öppet kulturliv i internationella nätverk.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Testby kommun ska vara en restriktiv part när det gäller resor utanför Europa.",
        "Visionen är en del av kommunens styrmodell och antogs av fullmäktige.",
        "Samarbetet med vänorterna i öst ska inte utvecklas så länge kriget pågår.",
        "Samarbetet i Interreg-projektet ska kunna utökas med fler partner.",
        "Sveriges medlemskap i EU innebär att många frågor som kommunen prioriterar avgörs i EU.",
        "Bidrag från EU:s strukturfonder kan sökas av kommuner, företag och organisationer.",
        "Skolor kan söka bidrag från Erasmus+ för elev- och lärarutbyten.",
    ],
)
def test_rules_descriptions_and_where_to_find_money_are_no_goals(text: str) -> None:
    draft = page_draft(f"Internationellt arbete\n\nKommunen har vänorter i Norden.\n\n{text}")
    assert texts(draft, "goal") == []
    rule = text.startswith(("Testby kommun ska", "Samarbetet"))
    assert (texts(draft, "principle") == [text]) is rule


def test_what_an_area_also_means_needs_a_verb_and_the_area_right_before() -> None:
    draft = page_draft(
        "Strategi för kultur\n\nStrategiområdet Öppna gränser innebär att minska gränshindren för "
        "kulturaktörer. Det innebär också att förvaltningarna måste avsätta resurser.\n\n"
        "Ekonomi\n\nDet innebär också att rapportera till kommunstyrelsen varje år."
    )
    assert texts(draft, "goal") == [
        "Strategiområdet Öppna gränser innebär att minska gränshindren för kulturaktörer."
    ]


@pytest.mark.parametrize(
    "block",
    [
        "Policyn består av följande delar:\n\n- Inledning\n- Syfte och mål\n- Uppföljning",
        "Enhetens uppgifter är:\n\n- Samordning av det internationella arbetet\n- Bevakning av EU",
        "Kontorets huvudsakliga uppgifter är:\n\n- att samordna EU-arbetet\n- att bevaka EU-frågor",
        "Viktiga insatser som genomfördes under 2023 var:\n\n- Studieresa till Bryssel\n"
        "- Besök från vänorten i maj",
    ],
)
def test_a_document_s_parts_a_unit_s_duties_and_past_actions_are_no_areas_or_goals(
    block: str,
) -> None:
    draft = page_draft(
        f"Internationell policy\n\nKommunen arbetar med EU-frågor i Bryssel.\n\n{block}"
    )
    assert draft.of("focus_area") == []
    assert texts(draft, "goal") == []
