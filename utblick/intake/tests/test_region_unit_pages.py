"""Pages of a region's unit for external relations, its EU office and its partnerships.

The texts are written for these tests in the forms such pages take, not copied from the
corpus: each shows one way they state what the body works for, which areas it watches,
what a board decided, or which list items name the areas.
"""

from __future__ import annotations

import pytest

from utblick.intake.drafting import Draft, draft_from_text


def _draft(text: str, municipality: str = "Region Testland") -> Draft:
    return draft_from_text(f"Källa: https://example.se/sida\n\n{text}\n", municipality=municipality)


def _texts(draft: Draft, element: str) -> list[str]:
    return [p.value["text"] for p in draft.of(element)]


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
    assert sentence in _texts(draft, "goal")


@pytest.mark.parametrize(
    "sentence",
    [
        "I projektet ska vi besöka varandra två gånger om året.",
        "Därför ska vi inte öka antalet vänorter under perioden.",
        "Regionens internationella arbete utgår från att alla människor har lika värde.",
    ],
)
def test_what_is_done_or_assumed_is_no_goal(sentence: str) -> None:
    draft = _draft(PAGE.format(sentence=sentence))
    assert sentence not in _texts(draft, "goal")


def test_a_quote_set_off_by_a_dash_is_read_sentence_by_sentence() -> None:
    aim = "Vårt internationella arbete ska bland annat bidra till en hållbar utveckling, säger ordföranden."
    draft = _draft(
        "Namibia, lokal demokrati\n\nKommunen har fått medel för ett projekt med Ondangwa.\n\n"
        f"- Projektet ligger i linje med kommunens strategi. {aim}\n\n"
        "- Vi var på plats i Ondangwa i maj. Det var ett lyckat besök, säger ordföranden.",
        municipality="Testby kommun",
    )
    assert _texts(draft, "goal") == [aim]
    assert aim not in _texts(draft, "principle")


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
        "externa arbete.\n\nVårt uppdrag är att främja regionens synlighet i externa sammanhang."
    )
    assert draft.is_policy, draft.explanation
    assert [p.value["value"] for p in draft.proposals if p.field == "title"] == [
        "Externa relationer"
    ]
    duties = [(p.value["duty"], p.value["body"]["kind"]) for p in draft.of("responsibility")]
    assert ("coordinates", "international_unit") in duties
    assert _texts(draft, "goal") == [
        "Vårt uppdrag är att främja regionens synlighet i externa sammanhang."
    ]


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


def test_questions_watched_without_examples_name_no_areas() -> None:
    draft = _draft(PAGE.format(sentence="EU-kontoret bevakar frågor som rör EU:s budget."))
    assert draft.of("focus_area") == []
