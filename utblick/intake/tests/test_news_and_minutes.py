"""News items, newsletters and board minutes about the international work, and the small pages
that only say who pays for it or who carries it."""

from __future__ import annotations

import pytest

from utblick.intake.drafting import Draft, draft_from_text
from utblick.intake.tests.documents import facts, titles


def _duties(draft: Draft) -> list[tuple[str, str, str]]:
    return [
        (p.value["duty"], p.value["body"]["kind"], p.value["body"]["name"])
        for p in draft.of("responsibility")
    ]


NEWS = (
    "Testby kommun har beslutat om\nnya former för internationellt samarbete\n\n"
    "Kommunfullmäktige i Testby har beslutat att säga upp de formella avtalen med sina "
    "utländska vänorter. Utbytet har varit litet och kommunen vill nu i stället ha "
    "utländskt utbyte utifrån aktuella behov.\n\n"
    "Inriktningen ska vara att kommunens verksamheter får nytta av utbytet.\n\n"
    "Skolorna deltar i Erasmus+. Syftet med Erasmusprogrammet är att utbyta erfarenheter "
    "mellan skolor i Europa.\n"
)


def test_a_news_item_on_a_decision_about_twin_towns_is_not_an_adoption() -> None:
    draft = draft_from_text(NEWS, municipality="Testby kommun")
    assert draft.is_policy
    # the headline is said whole: its "har beslutat om" does not end it
    assert titles(draft) == [
        "Testby kommun har beslutat om nya former för internationellt samarbete"
    ]
    assert "adopted_by" not in facts(draft)
    assert ("decides_twin_cities", "council", "Kommunfullmäktige") in _duties(draft)
    assert "adopts_policy" not in [duty for duty, _kind, _name in _duties(draft)]
    goals = [p.value["text"] for p in draft.of("goal")]
    assert any(g.startswith("Utbytet har varit litet och kommunen vill") for g in goals)
    assert "Inriktningen ska vara att kommunens verksamheter får nytta av utbytet." in goals
    assert not any("Erasmusprogrammet" in g for g in goals)  # one programme's aim


def test_a_decision_to_adopt_is_still_an_adoption() -> None:
    page = (
        "Internationell policy\n\nKommunfullmäktige har beslutat att anta en internationell "
        "policy. Det internationella arbetet ska bidra till att kommunen utvecklas.\n"
    )
    assert facts(draft_from_text(page, municipality="Testby kommun"))["adopted_by"] == {
        "name": "Kommunfullmäktige",
        "kind": "council",
    }


def test_a_twin_town_page_that_says_who_pays_is_drafted() -> None:
    page = (
        "Vänorter\n\nTestby kommun har flera vänorter.\n\nBudget\n\n"
        "Kommunstyrelsen har en budget på 100 tkr årligen för vänortssamarbetet.\n"
    )
    draft = draft_from_text(page, municipality="Testby kommun")
    assert draft.is_policy
    assert titles(draft) == ["Vänorter"]
    assert _duties(draft) == [("finances", "executive_board", "Kommunstyrelsen")]
    assert not draft.of("cadence")  # a yearly budget is no follow-up


MINUTES = (
    "§ 13 Interregional strategi\n\nSAMMANTRÄDESPROTOKOLL\n\nKommunstyrelsen\n\n2007-01-25\n\n"
    "KS § 13\n\nKS2006/0314-10\n\n"
    "Efter remissbehandling har ledningskontoret framlagt förslag till strategi.\n\n"
    "Målen för det interregionala arbetet föreslås vara att bidra till:\n\n"
    "- ökad tillväxt och sysselsättning\n- ett kontinuerligt kulturutbyte\n\n"
    "När strategin är antagen kommer en handlingsplan att utarbetas för de åtgärder som ska "
    "vidtas.\n\nKommunstyrelsens förslag till kommunfullmäktige\n"
)


def test_board_minutes_that_propose_a_strategy_name_it_but_do_not_adopt_it() -> None:
    draft = draft_from_text(MINUTES, municipality="Testby kommun")
    found = facts(draft)
    assert found["title"] == "Interregional strategi"  # not the minutes' paragraph "§ 13"
    assert found["kind"] == "strategy"
    assert found["registry_number"] == "KS2006/0314-10"
    assert not found.keys() & {"adopted_by", "decision_reference"}
    assert [p.value["text"] for p in draft.of("goal")] == [
        "ökad tillväxt och sysselsättning",
        "ett kontinuerligt kulturutbyte",
    ]
    # what will happen once it is adopted binds no one
    assert not draft.of("principle")


@pytest.mark.parametrize("ending", ["Beslut", "Kommunstyrelsens förslag till beslut"])
def test_the_same_minutes_that_adopt_it_give_the_board(ending: str) -> None:
    adopted = MINUTES.replace("Kommunstyrelsens förslag till kommunfullmäktige", ending)
    assert facts(draft_from_text(adopted, municipality="Testby kommun"))["adopted_by"] == {
        "name": "Kommunstyrelsen",
        "kind": "executive_board",
    }


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("De drygt 43 000 invånarna förväntas om tio år ha ökat i antal till 45 000.", False),
        ("Förvaltningarna förväntas delta i minst ett europeiskt nätverk.", True),
        ("Resor som ska göras utomlands ska godkännas av förvaltningschefen.", True),
    ],
)
def test_a_forecast_is_no_rule(sentence: str, rule: bool) -> None:
    page = (
        "Internationellt arbete\n\nDet internationella arbetet ska bidra till att kommunen "
        f"utvecklas.\n\n{sentence}\n"
    )
    principles = [
        p.value["text"] for p in draft_from_text(page, municipality="Testby kommun").of("principle")
    ]
    assert (sentence in principles) is rule


def test_a_newsletters_banner_is_dropped_and_its_headline_is_the_title() -> None:
    letter = (
        "Källa: https://example.se/nyhetsbrev\n\nNYHETSBREV FRÅN REGION TESTLÄN | FREDAG 8 MAJ "
        "2015 | LÄS PÅ WEBBEN | SKICKA TILL EN VÄN Internationell samverkan stärker Testlän "
        "Internationell samverkan är ett verktyg för regionen. De internationella kontakterna "
        "syftar till att öka affärsmöjligheterna i Östersjöregionen. Regionen har ett "
        "strategiskt läge nära växande marknader."
    )
    draft = draft_from_text(letter, municipality="Region Testlän")
    assert titles(draft) == ["Internationell samverkan stärker Testlän"]
    assert "NYHETSBREV" not in draft.text


def test_a_joint_committee_named_in_the_genitive_carries_its_role() -> None:
    page = (
        "Källa: https://example.se/internationellt\n\nInternationellt arbete Kommunerna "
        "samarbetar genom Sydvästra Testläns Samarbetskommitté (SVTK). Sydvästra Testläns "
        "Samarbetskommittés roll är att representera områdets intressen gentemot EU."
    )
    draft = draft_from_text(page, municipality="Testby kommun")
    assert draft.is_policy
    assert ("represents", "drafting_committee", "Samarbetskommitté") in _duties(draft)


def test_a_press_releases_quotation_is_text_and_a_scripts_null_is_dropped() -> None:
    release = (
        "2018-01-24 15:45Pressmeddelande\n\nEtt handslag för ökat EU-engagemang i Testlän\n\n"
        "null\n\nRegion Testlän har tagit i hand med ministern.\n\n"
        "– Genom de åtaganden vi gör som region, vill vi öka våra invånares kunskap och "
        "inflytande i frågor som rör EU. Det är viktigt för demokratin, säger Anna Andersson "
        "(S), regionstyrelsens ordförande.\n"
    )
    draft = draft_from_text(release, municipality="Region Testlän")
    assert titles(draft) == ["Ett handslag för ökat EU-engagemang i Testlän"]
    assert "- Genom" not in draft.text  # a quotation, not a list item
    assert [p.value["text"] for p in draft.of("goal")] == [
        "Genom de åtaganden vi gör som region, vill vi öka våra invånares kunskap och "
        "inflytande i frågor som rör EU."
    ]


def test_the_items_of_a_starting_points_lead_are_principles_not_goals() -> None:
    page = (
        "Internationellt\n\nRegionen ska i samverkan med andra aktörer skapa förutsättningar "
        "för att länet blir en attraktiv region.\n\n"
        "De huvudsakliga utgångspunkterna för regionens internationella engagemang är att:\n\n"
        "- som regionalt utvecklingsansvarig tillvarata möjligheterna som globaliseringen ger,\n"
        "- som regionalt organ engagera sig i frågor som påverkar den regionala utvecklingen.\n"
    )
    draft = draft_from_text(page, municipality="Region Testlän")
    assert [p.value["text"] for p in draft.of("goal")] == [
        "Regionen ska i samverkan med andra aktörer skapa förutsättningar för att länet blir "
        "en attraktiv region."
    ]
    principles = [p.value["text"] for p in draft.of("principle")]
    assert len(principles) == 2 and principles[0].startswith("som regionalt utvecklingsansvarig")


def test_examples_of_what_the_eu_decides_are_neither_aims_nor_rules() -> None:
    page = (
        "Källa: https://example.se/internationellt\n\nInternationellt arbete Testby kommuns "
        "internationella arbete syftar till att främja tillväxt i kommunen. Det handlar t.ex. om "
        "EU-mål som ska brytas ned på kommunal nivå m.m. Här finns några konkreta exempel på "
        "vad EU påverkar i kommunen: • kvalitet på luft och vatten • lagstiftning som reglerar "
        "vilken hänsyn som måste tas till miljön • gemensamma mål som EU-länderna bör uppnå "
        "Senast uppdaterad: 2020-09-04 Kontakta oss Utvecklingsledare"
    )
    draft = draft_from_text(page, municipality="Testby kommun")
    assert [p.value["text"] for p in draft.of("goal")] == [
        "Testby kommuns internationella arbete syftar till att främja tillväxt i kommunen."
    ]
    assert not draft.of("principle")
    assert "- gemensamma mål som EU-länderna bör uppnå" in draft.text.splitlines()


def test_a_heading_the_page_says_twice_is_its_title_over_a_section_heading() -> None:
    page = (
        "Internationell samverkan\n\nInternationell samverkan\n\n"
        "EU-projekt och internationell samverkan\n\n"
        "Testby har deltagit i många EU-projekt. Många aktiviteter syftar även till att skapa "
        "ökad attraktionskraft i kommunen.\n"
    )
    assert titles(draft_from_text(page, municipality="Testby kommun")) == [
        "Internationell samverkan"
    ]
