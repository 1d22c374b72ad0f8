"""Pages of a region's unit for external relations, its EU office and its partnerships.

The texts are written for these tests in the forms such pages take, not copied from the
corpus: each shows one way they state what the body works for, which areas it watches,
what a board decided, or which list items name the areas.
"""

from __future__ import annotations

import pytest

from utblick.intake.drafting import Draft
from utblick.intake.tests.documents import page_draft, texts


def _draft(text: str, municipality: str = "Region Testland") -> Draft:
    return page_draft(text, municipality)


PAGE = (
    "Internationellt samarbete\n\nRegion Testland samarbetar med regioner i hela Europa.\n\n"
    "{sentence}\n\nRegionen är medlem i flera europeiska nätverk."
)
#: … with an aim of its own, so that the page is drafted whatever the sentence says
AIMED_PAGE = PAGE + "\n\nRegionens internationella arbete ska bidra till tillväxt i länet."


@pytest.mark.parametrize(
    "sentence",
    [
        # what the region works for, with something else put first
        "Med en stark profil som en hållbar region arbetar vi för att regionen ska vara en "
        "aktiv del av Europa.",
        "Genom gemensamma projekt ska vi främja en hållbar utveckling i partnerregionen.",
        # what the work starts from, said with an aim
        "Regionens internationella arbete och samarbeten utgår från att stärka genomförandet "
        "av den regionala utvecklingsstrategin.",
    ],
)
def test_an_aim_said_after_something_else_is_a_goal(sentence: str) -> None:
    draft = _draft(PAGE.format(sentence=sentence))
    assert sentence in texts(draft, "goal")


@pytest.mark.parametrize(
    "sentence",
    [
        "I projektet ska vi besöka varandra två gånger om året.",
        "Därför ska vi inte öka antalet vänorter under perioden.",
        "Regionens internationella arbete utgår från att alla människor har lika värde.",
        # another's work, a plan, a means that is money, one project's, a quote
        "EU-kommissionens arbete utgår från att stärka den inre marknaden.",
        "I höst ska vi skapa en referensgrupp för EU-frågor.",
        "Med pengarna ska vi stödja föreningar som söker EU-medel.",
        "I EU-projektet Baltic Link arbetar vi för en ny järnväg.",
        "Vi arbetar för att avveckla vänorterna, säger oppositionsrådet.",
    ],
)
def test_what_is_done_or_assumed_is_no_goal(sentence: str) -> None:
    draft = _draft(PAGE.format(sentence=sentence))
    assert sentence not in texts(draft, "goal")


def test_a_quote_set_off_by_a_dash_is_read_sentence_by_sentence() -> None:
    aim = "Vårt internationella arbete ska bland annat bidra till en hållbar utveckling, säger ordföranden."
    draft = _draft(
        "Namibia, lokal demokrati\n\nKommunen har fått medel för ett projekt med Ondangwa.\n\n"
        f"- Projektet ligger i linje med kommunens strategi. {aim}\n\n"
        "- Vi var på plats i Ondangwa i maj. Det var ett lyckat besök, säger ordföranden.",
        municipality="Testby kommun",
    )
    assert texts(draft, "goal") == [aim]
    assert aim not in texts(draft, "principle")


def test_two_sentence_items_under_a_principles_lead_stay_principles() -> None:
    items = [
        "Öppenhet. Vi ska stärka insynen i hur resurserna används.",
        "Ömsesidighet. Båda parter ska bidra till och ha nytta av samarbetet.",
        "Hållbarhet. Vi arbetar för att minska resandets klimatpåverkan.",
    ]
    draft = _draft(
        "Internationell policy\n\nDet internationella arbetet ska präglas av följande "
        "principer:\n\n" + "\n".join(f"- {item}" for item in items),
        municipality="Testby kommun",
    )
    assert texts(draft, "goal") == []
    assert texts(draft, "principle") == items


def test_a_numbered_list_of_areas_names_them_without_their_numbers() -> None:
    draft = _draft(
        "Kommunalt partnerskap\n\nTillsammans identifierade partnerna fyra samarbetsområden för "
        "framtida projekt:\n\n- 1. Ungdomars delaktighet\n- 2. Kultur\n- 3. Folkbildning\n"
        "- 4. Miljö och energi"
    )
    areas = draft.of("focus_area")
    assert [p.value["name"] for p in areas] == [
        "Ungdomars delaktighet",
        "Kultur",
        "Folkbildning",
        "Miljö och energi",
    ]
    assert [draft.text[p.passage.start : p.passage.end] for p in areas][2] == "Folkbildning"


def test_a_unit_for_external_relations_is_the_international_unit() -> None:
    draft = _draft(
        "Externa relationer\n\nEnheten externa relationer samordnar regionens strategiska "
        "externa arbete, det som sker på europeisk och internationell nivå.\n\n"
        "Vårt uppdrag är att främja regionens synlighet i externa sammanhang."
    )
    assert draft.is_policy, draft.explanation
    assert [p.value["value"] for p in draft.proposals if p.field == "title"] == [
        "Externa relationer"
    ]
    duties = [(p.value["duty"], p.value["body"]["kind"]) for p in draft.of("responsibility")]
    assert ("coordinates", "international_unit") in duties
    assert texts(draft, "goal") == [
        "Vårt uppdrag är att främja regionens synlighet i externa sammanhang."
    ]


def test_a_unit_for_press_and_business_relations_is_no_international_work() -> None:
    draft = _draft(
        "Kommunikation och externa relationer\n\nEnheten för externa relationer ansvarar för "
        "kommunens kontakter med medier och näringsliv. Enheten samordnar kommunens pressarbete."
        "\n\nVårt uppdrag är att stärka bilden av Testby.",
        municipality="Testby kommun",
    )
    assert not draft.is_policy


def test_external_actors_are_no_international_work() -> None:
    draft = _draft(
        "Externa aktörer\n\nVi samarbetar med externa aktörer i länet.\n\n"
        "Vårt uppdrag är att främja regionens synlighet i länet."
    )
    assert not draft.is_policy


@pytest.mark.parametrize(
    ("sentence", "duty", "kind"),
    [
        (
            "Regionstyrelsen beslutade i december 2012 om en strategi för samarbetet med Kina.",
            "adopts_policy",
            "executive_board",
        ),
        (
            "Landstingsstyrelsen beslutade i december 2015 att ingå en "
            "partnerskapsöverenskommelse med Mombasa.",
            "decides_partnerships",
            "executive_board",
        ),
        (
            "Kommunstyrelsen beslutar att teckna ett samarbetsavtal med Vasa.",
            "decides_partnerships",
            "executive_board",
        ),
    ],
)
def test_a_board_s_past_decision_is_its_duty(sentence: str, duty: str, kind: str) -> None:
    draft = _draft(AIMED_PAGE.format(sentence=sentence))
    duties = [(p.value["duty"], p.value["body"]["kind"]) for p in draft.of("responsibility")]
    assert (duty, kind) in duties


@pytest.mark.parametrize(
    "sentence",
    [
        "Regionstyrelsen beslutade i december 2012 om en budget för året.",
        "Regionstyrelsen beslutade i maj att ingå i nätverket för små städer.",
        "Regionstyrelsen beslutade i december 2012 om en uppföljning av strategin.",
        "Regionstyrelsen beslutade i maj om budget för programmet.",
        "Regionstyrelsen beslutade i mars 2016 att teckna ett hyresavtal för kontoret i Bryssel.",
    ],
)
def test_other_decisions_are_no_policy_or_partnership(sentence: str) -> None:
    draft = _draft(AIMED_PAGE.format(sentence=sentence))
    duties = {p.value["duty"] for p in draft.of("responsibility")}
    assert not duties & {"adopts_policy", "decides_partnerships"}


def test_the_questions_an_eu_office_watches_are_its_areas() -> None:
    draft = _draft(
        PAGE.format(
            sentence="EU-kontoret bevakar främst de frågor regionen arbetar med på hemmaplan, "
            "som exempelvis kompetensförsörjning, kultur, samhällsplanering och regional "
            "utveckling."
        )
    )
    assert [p.value["name"] for p in draft.of("focus_area")] == [
        "Kompetensförsörjning",
        "Kultur",
        "Samhällsplanering",
        "Regional utveckling",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "EU-kontoret bevakar frågor som rör EU:s budget.",
        # the examples of whom the questions concern, not of the questions
        "EU-kontoret bevakar de frågor som berör våra medlemmar, som exempelvis kommuner, "
        "högskolor och näringslivsorganisationer.",
        # another body's
        "Kommissionen bevakar de frågor som rör den inre marknaden, som exempelvis statsstöd, "
        "upphandling och konkurrens.",
    ],
)
def test_questions_watched_without_their_own_examples_name_no_areas(sentence: str) -> None:
    draft = _draft(PAGE.format(sentence=sentence))
    assert draft.of("focus_area") == []


def test_a_list_that_goes_on_names_its_last_area_without_med_mera() -> None:
    draft = _draft(
        PAGE.format(
            sentence="Vi bevakar främst de frågor länet arbetar med, som exempelvis kultur, "
            "transporter, energi med mera."
        )
    )
    assert [p.value["name"] for p in draft.of("focus_area")] == ["Kultur", "Transporter", "Energi"]


@pytest.mark.parametrize(
    "first_line",
    [
        "Hoppa till innehåll Meny Sök Lyssna Kontakt In English",
        "Publicerad 12 maj 2016 av Anna Svensson, Kommunledningskontoret",
        "Start › Kommun och politik › Kommunens organisation › Kommunstyrelsen",
        "Vi använder kakor för att förbättra din upplevelse av webbplatsen",
    ],
)
def test_a_pages_navigation_or_dateline_is_no_title(first_line: str) -> None:
    draft = _draft(f"{first_line}\n\n" + AIMED_PAGE.format(sentence=""))
    assert first_line not in [p.value["value"] for p in draft.proposals if p.field == "title"]
