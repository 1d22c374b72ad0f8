"""Municipal web pages about the international work: captions, question headings, verb-first lists."""

from __future__ import annotations

import pytest

from utblick.intake.corpus import find_quote
from utblick.intake.drafting import draft_from_text
from utblick.intake.structure import parse
from utblick.intake.tests.documents import titles

UNIT_PAGE = (
    "Källa: https://www.example.se/internationellt\n"
    "Testby kommuns logotyp, en blå fisk på vit botten.\n\n"
    "Hamnen i kvällsljus, foto.\n\n"
    "Kommun och politik\n\n"
    "Återställ\n\n"
    "Visa kontaktuppgifter\n\n"
    "Internationellt samarbete\n\n"
    "EU-kontoret hanterar kommunens kontakter med EU och ansökningar om projektmedel.\n\n"
    "Vad kan EU-kontoret erbjuda?\n\n"
    "  • Hjälper till med ansökningar till EU:s program.\n"
    "  • Företräder kommunen i regionala och europeiska nätverk.\n\n"
    "Vilka är våra mål?\n\n"
    "Att fler verksamheter deltar i europeiska projekt. "
    "Informera invånarna om vad EU-medlemskapet betyder för dem.\n"
)


def test_a_unit_page_is_drafted_with_its_heading_goals_and_verb_first_duties() -> None:
    draft = draft_from_text(UNIT_PAGE, municipality="Testby kommun")
    assert draft.is_policy
    facts = {p.field: p.value["value"] for p in draft.of("metadata")}
    # the heading above the first text, not the caption, the breadcrumb or the link lines
    assert facts["title"] == "Internationellt samarbete"
    assert "Återställ" not in draft.text and "Visa kontaktuppgifter" not in draft.text
    headings = [h.title for h in parse(draft.text).headings]
    assert "Vad kan EU-kontoret erbjuda?" in headings and "Vilka är våra mål?" in headings
    duties = {
        (p.value["duty"], (p.value["body"] or {}).get("name")) for p in draft.of("responsibility")
    }
    assert duties == {
        ("coordinates", "EU-kontoret"),
        ("supports", "EU-kontoret"),
        ("represents", "EU-kontoret"),
    }
    goals = [p.value["text"] for p in draft.of("goal")]
    assert goals == [
        "Att fler verksamheter deltar i europeiska projekt.",
        "Informera invånarna om vad EU-medlemskapet betyder för dem.",
    ]


def test_verb_first_items_need_a_unit_named_in_their_heading() -> None:
    page = UNIT_PAGE.replace("Vad kan EU-kontoret erbjuda?", "Vad kan vi erbjuda?")
    draft = draft_from_text(page, municipality="Testby kommun")
    duties = {p.value["duty"] for p in draft.of("responsibility")}
    assert duties == {"coordinates"}


def test_a_question_is_a_heading_only_on_a_line_of_its_own() -> None:
    text = (
        "Mål\n\nVad kan kommunen göra? Kommunen ska stärka banden med vänorterna.\n\n"
        "Vad gör EU:s kontor?\n\nKontoret bevakar EU-frågor för kommunens räkning.\n"
    )
    assert [h.title for h in parse(text).headings] == ["Mål", "Vad gör EU:s kontor?"]


def test_a_plural_noun_opening_an_item_is_not_a_verb() -> None:
    page = UNIT_PAGE.replace(
        "  • Företräder kommunen i regionala och europeiska nätverk.\n",
        "  • Kontakter med EU:s institutioner i Bryssel och Strasbourg.\n",
    )
    duties = {
        p.value["duty"]
        for p in draft_from_text(page, municipality="Testby kommun").of("responsibility")
    }
    assert "represents" not in duties and "supports" in duties


@pytest.mark.parametrize(
    ("sentence", "goal"),
    [
        (
            "Testby kommuns internationella arbete skall, i enlighet med FN:s avsikter, bidra "
            "till ökad förståelse mellan människor.",
            True,
        ),
        ("Testbys syfte med EU-arbetet är att ge fler invånare kontakter i Europa.", True),
        ("Visionen för det internationella arbetet är att alla ska känna sig hemma.", False),
        (
            "Huvudsyftet med det internationella arbetet är att utveckla kommunens "
            "verksamheter och få ny kunskap.",
            True,
        ),
        ("Huvudsyftet med projektet Bro är att stärka samverkan mellan förvaltningarna.", False),
        (
            "Det internationella arbetet har alltid sikte på att göra det bättre för invånarna.",
            True,
        ),
        ("Vissa samarbeten har syftet att utbyta metoder inom utvalda områden.", True),
        ("I andra projekt är vårt främsta syfte att dela med oss av våra kunskaper.", True),
        (
            "Testby kommun bedriver ett internationellt arbete för att berika de egna "
            "verksamheterna.",
            True,
        ),
        ("Vi samarbetar internationellt i syfte att lära av andra.", True),
        (
            "För att fortsätta utvecklas och lära av andra bedriver Testby kommun ett aktivt "
            "internationellt arbete.",
            True,
        ),
        ("För att boka en resa bedriver vi ett internt ärende.", False),
        (
            "Syftet med det vänortssamarbete som bedrivs i dag är främst att vidga horisonterna.",
            True,
        ),
        ("Många aktiviteter syftar även till att skapa ökad attraktionskraft i Testby.", True),
        ("Vänortssamarbetet ska stimulera till kontakter inom näringslivet.", True),
        ("Det är kommunens förhoppning att ett utbyte ska komma igång med vänorterna.", True),
        (
            "Testby söker regelbundet internationella samarbeten inom olika områden för att "
            "få ny kunskap.",
            True,
        ),
        (
            "Regionen ska i samverkan med andra aktörer skapa förutsättningar för att länet "
            "blir en attraktiv region.",
            True,
        ),
        ("Kommunen arbetar för att fler ska resa till andra länder.", False),
        (
            "Projekten har ofta deltagare från flera länder och syftar till att utveckla skolan.",
            True,
        ),
        ("Projektet Bro syftar till att stärka samverkan mellan förvaltningarna.", False),
        (
            "Testby är en del av en globaliserad värld och vill genom vårt internationella "
            "arbete ge möjlighet till kontakt med andra länder.",
            True,
        ),
        ("Vill du veta mer om kommunens internationella arbete?", False),
        ("Inriktningen ska vara att verksamheterna får nytta av utbytet.", True),
        ("Syftet med Erasmusprogrammet är att utbyta erfarenheter mellan skolor.", False),
    ],
)
def test_aims_with_an_aside_or_a_genitive_colon(sentence: str, goal: bool) -> None:
    draft = draft_from_text(
        f"Internationell policy\n\nAntagen av kommunfullmäktige 2021-03-01\n\nInledning\n\n"
        f"{sentence}\n",
        municipality="Testby kommun",
    )
    goals = [p.value["text"] for p in draft.of("goal")]
    if goal:
        assert goals == [sentence]
        assert sentence not in [p.value["text"] for p in draft.of("principle")]
    else:
        assert sentence not in goals


def test_a_document_without_goals_has_its_own_purpose_as_its_goal() -> None:
    purpose = "Denna policy har till syfte att samla kommunens internationella kontakter."
    text = f"Internationell policy\n\n{purpose}\n\nKommunen ska prioritera samarbeten i Norden.\n"
    draft = draft_from_text(text, municipality="Testby kommun")
    assert [p.value["text"] for p in draft.of("goal")] == [purpose]
    with_goal = text + "\nDet internationella arbetet ska bidra till fler arbetstillfällen.\n"
    goals = [
        p.value["text"] for p in draft_from_text(with_goal, municipality="Testby kommun").of("goal")
    ]
    assert purpose not in goals  # a stated goal comes first; the document's purpose is not one


def test_reports_received_half_yearly_and_committees_named_as_utskott() -> None:
    text = (
        "Internationell strategi\n\nAntagen av kommunfullmäktige 2019-05-20\n\nAnsvar\n\n"
        "Kommunstyrelsen delges planerade projekt och får halvårsvisa avrapporteringar om dem. "
        "Kommunstyrelsens presidium ska kontinuerligt förmedla information om arbetet till "
        "fullmäktige. Utskotten ansvarar för EU-frågorna inom sina områden. Kommunstyrelsens "
        "arbetsutskott beslutar om europeiska samarbeten.\n"
    )
    draft = draft_from_text(text, municipality="Testby kommun")
    duties = {
        (p.value["duty"], (p.value["body"] or {}).get("kind"), tuple(p.value["bodies"]))
        for p in draft.of("responsibility")
    }
    assert ("receives_reports", "executive_board", ()) in duties
    assert ("reports", "executive_board", ()) in duties
    assert ("integrates", None, ("drafting_committee",)) in duties
    assert ("decides_partnerships", "drafting_committee", ()) in duties
    cadence = draft.of("cadence")[0].value
    assert cadence["kind"] == "custom" and [p["key"] for p in cadence["periods"]] == ["h1", "h2"]


def test_named_areas_under_an_inriktning_lead_but_not_sentences() -> None:
    lead = "Inriktningen för nya samarbeten bör bygga på något av följande:"
    names = ["Hållbar turism", "Demokrati och medborgardialog", "Barn och unga"]
    items = "".join(f"  • {n}\n" for n in names)
    intro = "Kommunen har många kontakter med andra länder genom skolor, föreningar och företag."
    text = (
        f"Internationell policy\n\nAntagen av kommunfullmäktige 2018-02-01\n\n{intro}\n\n"
        f"{lead}\n\n{items}"
    )
    draft = draft_from_text(text, municipality="Testby kommun")
    assert [p.value["name"] for p in draft.of("focus_area")] == names
    sentences = items.replace("Barn och unga", "Barn och unga ska få delta i utbyten")
    draft = draft_from_text(text.replace(items, sentences), municipality="Testby kommun")
    assert draft.of("focus_area") == []


@pytest.mark.parametrize("returning", [3, 2, 1])
def test_listed_names_that_come_back_as_section_headings_are_focus_areas(returning: int) -> None:
    names = ["Kompetensutveckling", "Omvärldsbevakning och påverkan", "Extern finansiering"]
    sections = "".join(
        f"{name}\n\nUtbyten ger erfarenheter och nya kontakter inom området.\n\n"
        for name in names[:returning]
    )
    page = (
        "Internationellt arbete\n\nVärlden blir allt mer sammanflätad.\n\n"
        "För kommunen innebär det internationella arbetet framförallt möjligheter till:\n\n"
        + "".join(f"  • {n}\n" for n in names)
        + f"\n{sections}"
    )
    draft = draft_from_text(page, municipality="Testby kommun")
    found = [p.value["name"] for p in draft.of("focus_area")]
    # the page may stop before the last section; one returning name is only a coincidence
    assert found == (names if returning >= 2 else [])
    assert draft.is_policy == (returning >= 2)


@pytest.mark.parametrize(
    "lead",
    [
        "Förbundsfullmäktige har fastställt att följande frågor ska prioriteras i arbetet.\n\n",
        # a web page's copy may put the whole list on the lead's next line
        "Kommunerna i regionen utvecklar gemensamt följande områden:\n\n",
    ],
)
def test_areas_listed_under_a_lead_that_names_them_with_names_of_up_to_ten_words(
    lead: str,
) -> None:
    names = [
        "Strategiskt samarbete inom ramen för EU:s fonder och program",
        "Kompetensförsörjning",
        "Samverkan mellan regionens EU-nätverk och stadens EU-nätverk",
    ]
    listed = (
        "".join(f"  • {n}\n" for n in names)
        if lead.startswith("Förbund")
        else " ".join(f"• {n}." for n in names) + "\n"
    )
    page = f"Intressebevakning\n\nRegionen arbetar med påverkan i Europa.\n\n{lead}{listed}"
    draft = draft_from_text(page, municipality="Region Testland")
    assert [p.value["name"] for p in draft.of("focus_area")] == names
    adopted = [p.value["value"]["kind"] for p in draft.of("metadata") if p.field == "adopted_by"]
    assert adopted == (["council"] if lead.startswith("Förbund") else [])


@pytest.mark.parametrize(
    ("sentence", "principle"),
    [
        (
            "Utgångspunkt för kommunens internationella engagemang är de behov som invånarna "
            "och näringslivet har.",
            True,
        ),
        (
            "Utgångspunkten för kommunens internationella arbete är den internationella "
            "strategin som antogs av kommunfullmäktige.",
            False,
        ),
    ],
)
def test_the_starting_point_of_the_work_is_a_principle_unless_it_is_a_document(
    sentence: str, principle: bool
) -> None:
    page = f"Internationellt arbete\n\nTestby är en stad med invånare från hela världen.\n\n{sentence}\n"
    draft = draft_from_text(page, municipality="Testby kommun")
    assert ([sentence] if principle else []) == [p.value["text"] for p in draft.of("principle")]


def test_a_subject_heading_with_two_rules_is_drafted_unless_it_points_to_the_policy() -> None:
    page = (
        "Internationella frågor\n\n"
        "Regionen ska delta i europeiska nätverk som gagnar invånarna. "
        "Regionstyrelsen ansvarar för samordningen av det internationella arbetet.\n"
    )
    assert draft_from_text(page, municipality="Region Testland").is_policy
    pointing = page + "\nLäs mer i policyn för internationellt arbete.\n"
    assert not draft_from_text(pointing, municipality="Region Testland").is_policy


def test_a_sharing_sites_doubled_title_and_page_number_are_dropped() -> None:
    text = (
        "Källa: https://example.se/doc\n"
        "internationell strategi 1 Storlek: px Starta visningen från sidan: Download "
        '"internationell strategi 1" Transkript 1 Internationell strategi internationell '
        "strategi 1 2 Internationell strategi Bakgrund Vi lever i en globaliserad värld där "
        "det som händer i andra länder påverkar oss. Därför behöver kommunen ett tydligt "
        "internationellt perspektiv i sina verksamheter. Kommunen ska delta i europeiska "
        "nätverk som gagnar invånarna och näringslivet. Kommunen ska söka EU-medel för att "
        "utveckla sina verksamheter. Varje förvaltning ska utse en kontaktperson för "
        "internationella frågor. 3 Internationell strategi Uppföljning Kommunstyrelsen följer "
        "årligen upp det internationella arbetet."
    )
    facts = {
        p.field: p.value["value"]
        for p in draft_from_text(text, municipality="Testby kommun").of("metadata")
    }
    assert facts["title"] == "Internationell strategi"


def test_a_quote_may_start_where_a_heading_was_glued_to_its_sentence() -> None:
    text = "Framsida strategiKulturen ska vara en del av arbetet."
    assert find_quote(text, "Kulturen ska vara en del av arbetet.")
    # not inside a word: the glued start is a capital after a small letter only
    assert find_quote("Framsida strategikulturen ska vara en del.", "kulturen ska vara") == []


def test_the_title_is_the_heading_above_the_first_text_not_a_section_below_it() -> None:
    page = (
        "Startsida\nKommun och politik\nInternationellt arbete\nInternationellt arbete\n"
        "Publicerad: 12 mars 2021\nTestby kommun samarbetar med kommuner i flera länder. Det "
        "internationella arbetet ska bidra till att utveckla kommunens verksamheter.\n"
        "Vänorter\nTestby har vänorter i Norden sedan 1950-talet.\n"
    )
    draft = draft_from_text(page, municipality="Testby kommun")
    assert titles(draft) == ["Internationellt arbete"]


def test_a_short_page_on_one_line_is_read_with_its_heading() -> None:
    page = (
        "Källa: https://example.se/eu\nEU och internationellt arbete Testby kommun är med i "
        "flera europeiska nätverk. Kommunen ska delta i EU-projekt som gynnar invånarna. "
        "Sidan uppdaterades 2022-01-10"
    )
    draft = draft_from_text(page, municipality="Testby kommun")
    assert draft.is_policy
    assert titles(draft) == ["EU och internationellt arbete"]
    assert [p.value["text"] for p in draft.of("principle")] == [
        "Kommunen ska delta i EU-projekt som gynnar invånarna."
    ]


def test_a_list_that_lost_its_bullets_is_still_a_list() -> None:
    page = (
        "Vänorter\nTestby kommun har fyra vänorter. Syftet med vänortsavtalet är:\n"
        "Att främja kontakter mellan invånarna.\nAtt utbyta erfarenheter inom skola och omsorg.\n"
    )
    draft = draft_from_text(page, municipality="Testby kommun")
    assert [p.value["text"] for p in draft.of("goal")] == [
        "Att främja kontakter mellan invånarna.",
        "Att utbyta erfarenheter inom skola och omsorg.",
    ]


def test_a_pictures_file_name_credit_and_caption_are_not_the_page() -> None:
    flat = (
        "Internationellt arbete hamnen_2 104.JPG Hamnen i Testby i kvällsljus vid ett besök. "
        "Fotograf: Anna Berg Testby kommuns internationella arbete syftar till att utveckla "
        "verksamheten. Samverkan ska också bidra till demokrati i världen. Kommunen har "
        "sedan 1990 en vänort i Italien."
    )
    draft = draft_from_text(flat, municipality="Testby kommun")
    assert titles(draft) == ["Internationellt arbete"]
    assert "JPG" not in draft.text and "Fotograf" not in draft.text
    assert [p.value["text"] for p in draft.of("goal")] == [
        "Testby kommuns internationella arbete syftar till att utveckla verksamheten.",
        "Samverkan ska också bidra till demokrati i världen.",
    ]
    captioned = (
        "Bilden föreställer flaggor framför stadshuset. Bilden är tagen i maj.\n\n"
        "Internationellt arbete\n\nTestby kommun har ett aktivt internationellt arbete. "
        "Det internationella arbetet ska bidra till en hållbar utveckling.\n"
    )
    draft = draft_from_text(captioned, municipality="Testby kommun")
    assert titles(draft) == ["Internationellt arbete"]


def test_a_title_the_cover_put_last_is_found_and_not_refused() -> None:
    text = (
        "Inledning\n\nTestby kommun skall bevaka alla möjligheter som kan bidra till "
        "kommunens utveckling.\n\nBakgrund\n\nVärlden blir mindre.\n\nSyfte\n\n"
        "Testby kommuns internationella policy\n"
    )
    draft = draft_from_text(text, municipality="Testby kommun")
    assert draft.is_policy
    facts = {p.field: p.value["value"] for p in draft.of("metadata")}
    assert facts["title"] == "Testby kommuns internationella policy"
    assert facts["kind"] == "policy"
    (title,) = [p for p in draft.of("metadata") if p.field == "title"]
    assert title.passage.section == "Syfte"  # where the line stands, not the header


def test_a_lost_bullet_item_is_its_first_sentence() -> None:
    page = (
        "Vänorter\nSyftet med vänortsavtalet är:\n"
        "Att skapa ett väl utvecklat vänortsutbyte. För att utveckla förbindelserna sker "
        "studiebesök mellan förvaltningarna.\n"
    )
    draft = draft_from_text(page, municipality="Testby kommun")
    assert [p.value["text"] for p in draft.of("goal")] == [
        "Att skapa ett väl utvecklat vänortsutbyte."
    ]


def test_items_of_an_approach_lead_are_principles_and_places_are_not_focus_areas() -> None:
    text = (
        "Rutin för internationella frågor\n\nDnr: KS 2022/1 | Fastställd av: Kommundirektör\n\n"
        "Inriktning\n\nTestby kommun har följande, grundläggande inriktning för sitt "
        "internationella arbete:\n\n"
        "- verka för fred, demokrati och respekt för mänskliga rättigheter;\n"
        "- Ha en positiv grundinställning till internationella kontakter;\n"
        "- Fokusera på de vänorter där det finns mest nytta av utbyte.\n\n"
        "Arbetet inriktas i huvudsak mot EU-länderna samt övriga nordiska länder.\n"
    )
    draft = draft_from_text(text, municipality="Testby kommun")
    assert [p.value["text"] for p in draft.of("principle")] == [
        "verka för fred, demokrati och respekt för mänskliga rättigheter;",
        "Ha en positiv grundinställning till internationella kontakter;",
        "Fokusera på de vänorter där det finns mest nytta av utbyte.",
    ]
    assert draft.of("focus_area") == []
    # An official signed it: the registry's "KS" says nothing about who adopted it.
    assert not [p for p in draft.of("metadata") if p.field == "adopted_by"]


def test_a_page_whose_goal_names_the_work_is_drafted_whatever_its_heading() -> None:
    flat = (
        "Projekt och samarbeten Testby stad deltar i olika projekt med andra kommuner. "
        "Projekten varierar i omfattning. • Fiskeområde Testviken 2020 • Invest i Testby "
        "Internationellt samarbete Testbys internationella arbete ska stärka relationer mellan "
        "människor. Samarbetet ska bidra till fred mellan länder. • Testby European Office"
    )
    draft = draft_from_text(flat, municipality="Testby kommun")
    assert draft.is_policy
    assert [p.value["text"] for p in draft.of("goal")] == [
        "Testbys internationella arbete ska stärka relationer mellan människor.",
        "Samarbetet ska bidra till fred mellan länder.",
    ]
    assert "- Invest i Testby" in draft.text.splitlines()


@pytest.mark.parametrize(
    "page",
    [
        # a rule, but not about the work
        "Projekt\n\nTestby stad deltar i projekt. Parkeringen ska vara avgiftsfri.\n",
        # about the work, but only describing it
        "Mer om internationellt arbete\n\n"
        "Kommunen har vänorter i Norden och deltar i flera europeiska nätverk sedan många år.\n\n"
        "Skolorna har elevutbyten med skolor i Tyskland och Polen varje vår.\n",
    ],
)
def test_a_page_that_states_no_work_of_its_own_is_still_refused(page: str) -> None:
    draft = draft_from_text(page, municipality="Testby kommun")
    assert (draft.is_policy, draft.proposals) == (False, [])


def test_a_page_about_the_work_with_one_aim_is_drafted_with_what_it_lacks() -> None:
    page = (
        "Internationellt arbete\n\n"
        "Kommunen har vänorter i Norden och deltar i flera europeiska nätverk sedan många år.\n\n"
        "Det internationella arbetet ska bidra till att utveckla kommunens verksamheter.\n"
    )
    draft = draft_from_text(page, municipality="Testby kommun")
    assert draft.is_policy
    assert [p.element for p in draft.proposals if p.element != "metadata"] == ["goal"]
    assert "beslutsdatum" in draft.explanation
    pointing = page + "\nLäs mer i policyn för internationellt arbete.\n"
    assert not draft_from_text(pointing, municipality="Testby kommun").is_policy


def test_a_web_pages_banner_share_buttons_and_greeting_are_not_its_text_or_title() -> None:
    page = (
        "Vi har placerat cookies på din dator för att ge dig en bättre upplevelse.\n"
        "Internationellt samarbete\n\nVälkommen till en sida om Testbys EU-arbete\n\n"
        "De EU-projekt som kommunen deltar i ska utgå från verksamheternas behov.\n\n"
        "Ett fel inträffade\n\nDe markerade fälten måste fyllas i\n\nDela på\n\n"
        "Dela till Facebook Dela till Twitter Dela med e-post\n"
    )
    flat = (
        "Internationellt arbete Testby kommuns internationella arbete syftar till att utveckla "
        "verksamheten. Kommunen har vänorter i Norden. Dela på Dela till Facebook"
    )
    assert "Dela" not in draft_from_text(flat, municipality="Testby kommun").text
    draft = draft_from_text(page, municipality="Testby kommun")
    assert "cookies" not in draft.text and "Dela" not in draft.text
    assert titles(draft) == ["Internationellt samarbete"]
    assert [p.value["text"] for p in draft.of("principle")] == [
        "De EU-projekt som kommunen deltar i ska utgå från verksamheternas behov."
    ]


@pytest.mark.parametrize(
    ("page", "title"),
    [
        (
            "Samarbete med vänregioner Samarbete med vänregioner Människor som pratar. Foto: "
            "Anna B Berg Regionen samarbetar med tre vänregioner. Samarbetet ska leda till "
            "nya projekt. Regionen har avtal sedan 1996.",
            "Samarbete med vänregioner",
        ),
        (
            "Internationellt arbete - Vänorter\n\nTestby samarbetar med orter i andra länder. "
            "Syftet är att möta människor med liknande utmaningar.\n",
            "Internationellt arbete - Vänorter",
        ),
        (
            "Regionalt och internationellt samarbete\n\nBetydelsen av internationellt "
            "arbete\n\nTestbys internationella arbete ska skapa mervärde för invånarna. "
            "Det ger nya kontakter.\n",
            "Regionalt och internationellt samarbete",
        ),
    ],
)
def test_a_pages_title_repeated_with_a_dash_or_over_a_section(page: str, title: str) -> None:
    draft = draft_from_text(page, municipality="Testby kommun")
    assert titles(draft) == [title]


def test_a_decision_about_something_else_is_not_the_pages_adoption() -> None:
    page = (
        "Vänorter\n\nTestby samarbetar med orter i andra länder. Syftet är att möta "
        "människor med liknande utmaningar.\n\nKommunfullmäktige beslutade den 17 april "
        "2023 att pausa samarbetet med vänorterna. Majoriteten vill utreda andra former "
        "(KF § 54/23).\n"
    )
    facts = {p.field for p in draft_from_text(page, municipality="Testby kommun").of("metadata")}
    assert not facts & {"adopted_by", "decision_reference"}


def test_the_municipalitys_own_name_is_not_a_title_and_who_may_take_part_is_a_rule() -> None:
    page = (
        "Testby\n\nHuvudmeny\n\nTestby kommun har flera vänorter. Syftet med ett "
        "vänortssamarbete är att förstå andra länder.\n\nSamarbetet ska ge alla möjlighet att "
        "delta oavsett ålder eller intressen.\n\nDet EU-arbete som kommunen driver syftar "
        "till att utveckla verksamheten.\n"
    )
    draft = draft_from_text(page, municipality="Testby kommun")
    assert not titles(draft)
    assert [p.value["text"] for p in draft.of("goal")] == [
        "Syftet med ett vänortssamarbete är att förstå andra länder.",
        "Det EU-arbete som kommunen driver syftar till att utveckla verksamheten.",
    ]
    assert [p.value["text"] for p in draft.of("principle")] == [
        "Samarbetet ska ge alla möjlighet att delta oavsett ålder eller intressen."
    ]
