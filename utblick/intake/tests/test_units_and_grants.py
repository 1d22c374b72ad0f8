"""Pages that say what an international unit does, and the rules of a twin-town grant: who
carries the work and who pays for it, from the unit's mission and the lists under it."""

from __future__ import annotations

from utblick.intake.drafting import Draft, draft_from_text
from utblick.intake.normalise import normalise
from utblick.intake.tests.documents import cited, facts, titles


def _duties(draft: Draft) -> set[tuple[str, str]]:
    return {
        (p.value["duty"], (p.value["body"] or {}).get("kind") or "/".join(p.value["bodies"]))
        for p in draft.of("responsibility")
    }


UNIT = (
    "Internationella funktionen\n\n"
    "Internationella funktionens uppdrag är att stödja regionens verksamheter i "
    "internationellt arbete och att samordna det strategiska internationella arbetet.\n\n"
    "Om internationella funktionen\n\n"
    "Regionstyrelsens förvaltning ansvarar för den internationella funktionen. "
    "Internationella funktionens uppdrag är att stödja regionens verksamheter i "
    "internationellt arbete och att samordna det strategiska internationella arbetet.\n\n"
    "För internationella funktionen innebär fokusområdena följande:\n\n"
    "Påverka EU\n\n"
    "- koordinera svar på EU-remisser,\n"
    "- svara för regionens deltagande i ett europeiskt nätverk.\n\n"
    "Dra nytta av EU\n\n"
    "- strategisk rådgivning om EU-finansiering och program,\n"
    "- framtagande av en handlingsplan för EU-arbetet,\n"
    "- uppföljning av regionens EU-projekt.\n\n"
    "Nya riktlinjer\n\n"
    "- Den 4 december 2012 godkände regionfullmäktige nya riktlinjer.\n"
)


def test_a_units_mission_and_the_lists_under_its_areas_are_its_duties() -> None:
    draft = draft_from_text(UNIT, municipality="Region Testland")
    duties = _duties(draft)
    # "uppdrag är att stödja … och att samordna …": both duties of the unit named
    assert {("supports", "international_unit"), ("coordinates", "international_unit")} <= duties
    # "ansvarar för den internationella funktionen": the department leads the unit
    assert ("leads", "department") in duties
    # the lead names the unit; each area's list goes on its sentence
    assert {
        ("represents", "international_unit"),
        ("develops", "international_unit"),
        ("follows_up", "international_unit"),
    } <= duties
    supports = next(
        p
        for p in draft.of("responsibility")
        if p.value["duty"] == "supports"
        and (p.value["body"] or {}).get("kind") == "international_unit"
    )
    cited = [draft.text[x.start : x.end] for x in supports.passages]
    assert len(cited) == len(set(cited))  # the mission said twice is cited once
    areas = [p.value["name"] for p in draft.of("focus_area")]
    assert areas == ["Påverka EU", "Dra nytta av EU"]  # not the heading of a decision


ENHETEN = (
    "Internationella enheten\n\n"
    "Arbetet med internationella frågor koordineras från Internationella enheten. "
    "Enhetens uppdrag är att samordna, utveckla, följa upp och stimulera till internationellt "
    "arbete i kommunen. Internationella enheten erbjuder strategisk rådgivning i EU-frågor. "
    "Projekt som stöder kommunens mål prioriteras.\n\n"
    "Den internationella strategin ska ge stöd och vägledning för det internationella "
    "samarbetet.\n"
)


def test_what_a_unit_offers_and_what_its_strategy_gives() -> None:
    draft = draft_from_text(ENHETEN, municipality="Testby kommun")
    duties = _duties(draft)
    assert {
        ("coordinates", "international_unit"),
        ("develops", "international_unit"),
        ("follows_up", "international_unit"),
        ("supports", "international_unit"),
    } <= duties
    # "Projekt som stöder …": the projects support, not a body
    supported = [
        draft.text[x.start : x.end]
        for p in draft.of("responsibility")
        if p.value["duty"] == "supports"
        for x in p.passages
    ]
    assert not any(text.startswith("Projekt som stöder") for text in supported)
    assert any(g.startswith("Den internationella strategin ska ge") for g in cited(draft, "goal"))


GRANT = (
    "Vänortsbidrag\n\n"
    "Vänortsbidraget ska uppmuntra föreningar i kommunen att skapa utbyten med föreningar i "
    "vänorterna. Kommunstyrelsen avsätter varje år pengar som fördelas som resebidrag. "
    "Vänortsverksamhet i förvaltningarna bekostas av respektive förvaltning. "
    "Vänortsdelegationen fattar beslut om fördelningen av resebidraget. "
    "Utbytet bör omfatta minst fem dagar. Ansökan för kommande år ska vara inkommen senast "
    "31 december. Efter resan ska föreningen lämna en reserapport till delegationen.\n"
)


def test_a_grants_aim_who_pays_and_its_rules_but_not_its_paperwork() -> None:
    draft = draft_from_text(GRANT, municipality="Testby kommun")
    assert cited(draft, "goal") == [
        "Vänortsbidraget ska uppmuntra föreningar i kommunen att skapa utbyten med föreningar "
        "i vänorterna."
    ]
    assert {
        ("finances", "executive_board"),
        ("finances", "department"),
        ("finances", "drafting_committee"),
    } <= _duties(draft)
    assert cited(draft, "principle") == ["Utbytet bör omfatta minst fem dagar."]


YOUTH = (
    "Internationella möjligheter för unga\n\n"
    "Alla projekt som kommunen genomför ska genomsyras av Erasmus+ prioriteringar: "
    "inkludering, delaktighet, hållbarhet och digitalisering.\n\n"
    "Ungdomsverksamheterna har även egna mål. Vi ska arbeta med:\n\n"
    "- öppen ungdomsverksamhet för gymnasieungdomar\n"
    "- att öka ungas delaktighet och främja ungas egen organisering\n"
    "- ungdomsverksamhet för unga med funktionsnedsättningar\n\n"
    "De projekt och samarbeten som kommunen går in i ska leda till ömsesidigt utbyte av "
    "erfarenheter.\n"
)


def test_what_the_work_is_to_be_about_and_reach_and_a_programmes_own_priorities() -> None:
    draft = draft_from_text(YOUTH, municipality="Testby kommun")
    areas = [p.value["name"] for p in draft.of("focus_area")]
    assert areas == [
        "Öppen ungdomsverksamhet för gymnasieungdomar",
        "Ungdomsverksamhet för unga med funktionsnedsättningar",
    ]
    goals = cited(draft, "goal")
    assert "att öka ungas delaktighet och främja ungas egen organisering" in goals
    assert any(g.startswith("De projekt och samarbeten") for g in goals)
    assert any(p.startswith("Alla projekt") for p in cited(draft, "principle"))


def test_a_heading_that_names_the_one_above_it_again_is_a_section_of_the_page() -> None:
    page = (
        "Vänortsutbyte\n\nBidrag för vänortsutbyte inom kultur\n\n"
        "Bidrag kan utgå till föreningar som bedriver utbyte med vänorterna. Utbytet bör "
        "omfatta minst fem dagar.\n"
    )
    assert titles(draft_from_text(page, municipality="Testby kommun")) == ["Vänortsutbyte"]


def test_the_office_before_a_title_and_another_documents_adoption() -> None:
    text = (
        "1 TESTBY LÄNS LANDSTING Ledningskansliet Riktlinjer för internationellt engagemang 2 "
        "2 3 Riktlinjer för internationellt engagemang Inledning Landstingsfullmäktige antog i juni 2003 en policy för landstingets "
        "internationella arbete. Riktlinjerna anger hur arbetet ska bedrivas. Syfte "
        "Internationellt engagemang ska bidra till att landstinget utvecklas. Samarbeten ska "
        "vara ömsesidiga och långsiktiga. Projekt ska förankras hos verksamheterna innan de "
        "startar. Varje förvaltning ska ha en kontaktperson för internationella frågor. "
        "Resor ska ha ett tydligt syfte och följas upp efteråt av den som reser."
    )
    draft = draft_from_text(text, municipality="Region Testland")
    assert titles(draft) == ["Riktlinjer för internationellt engagemang"]
    # "antog … en policy": the adoption of another document than these guidelines
    assert not [p for p in draft.of("metadata") if p.field == "adopted_by"]


def test_a_flattened_copy_that_kept_its_blank_lines_as_spaces_keeps_its_blocks() -> None:
    line = "  ".join(
        [
            "Internationella enheten",
            "Enheten samordnar kommunens internationella arbete och ger stöd till förvaltningarna.",
            "Information om olika stödformer",
            "Internationell strategi",
            "Den internationella strategin ska ge stöd och vägledning för prioritering i "
            "det internationella samarbetet.",
            "Europa Direkt",
            "Europa Direkt är ett informationskontor som sprider information om EU till "
            "invånarna i regionen och svarar på frågor om unionens politik.",
        ]
    )
    blocks = normalise(f"Källa: https://example.se/enheten\n\n{line}\n").split("\n\n")
    assert blocks[:4] == [
        "Internationella enheten",
        "Enheten samordnar kommunens internationella arbete och ger stöd till förvaltningarna.",
        "Information om olika stödformer",
        "Internationell strategi",
    ]


REPORT = (
    "Källa: https://example.se/arsrapport\n\n"
    "Årsrapport över Testby kommuns internationella arbete 2013 Ks/2014:159  Storlek: px "
    "Starta visningen från sidan:  Transkript  1 Kanslienheten Årsrapport över Testby kommuns "
    "internationella arbete 2013 Internationell strategi Den reviderade strategin för "
    "kommunens internationella arbete antogs av kommunfullmäktige den 20 december. "
    "Måluppfyllelse Enligt strategin är målen för det internationella arbetet att: öka "
    "invånarnas förståelse av andra kulturer, stimulera föreningar och företag att etablera "
    "internationella kontakter, att ta del av strukturfonder samt att underlätta "
    "etableringar, tillföra verksamheterna kompetens genom internationella projekt, samt "
    "bidra till en demokratisk samhällsutveckling Kommunens resor minskade under året. Totalt "
    "gjorde 159 personer 65 resor. Skolorna fortsätter att etablera kontakter.  Kontakt  "
    "Kanslienheten svarar på frågor om rapporten och om kommunens internationella kontakter.  "
    "Besöksadress Rådhuset\n"
)


def test_a_flattened_annual_report_gives_its_title_number_and_the_aims_it_reports_on() -> None:
    draft = draft_from_text(REPORT, municipality="Testby kommun")
    assert draft.is_policy
    found = facts(draft)
    assert found["title"] == "Årsrapport över Testby kommuns internationella arbete 2013"
    assert found["registry_number"] == "Ks/2014:159"
    assert "adopted_by" not in found  # the strategy the report is about was adopted, not it
    assert cited(draft, "goal") == [
        "öka invånarnas förståelse av andra kulturer",
        "stimulera föreningar och företag att etablera internationella kontakter, att ta del "
        "av strukturfonder samt att underlätta etableringar",
        "tillföra verksamheterna kompetens genom internationella projekt",
        "samt bidra till en demokratisk samhällsutveckling",
    ]


TWINS = (
    "Nätverk och vänorter\n\n"
    "Testby kommun har idag två vänorter.\n\n"
    "Målsättningen är att\n\n"
    "- skapa vänskap mellan kommunerna och dess invånare.\n"
    "- stimulera utbytet av kunskap och erfarenhet.\n\n"
    "Inom samarbetet prioriteras följande områden\n\n"
    "Demokratifrågor, företag och sysselsättning, social välfärd, kultur och ungdom.\n"
)


def test_a_goal_lead_without_its_colon_and_areas_enumerated_under_their_heading() -> None:
    draft = draft_from_text(TWINS, municipality="Testby kommun")
    assert cited(draft, "goal") == [
        "skapa vänskap mellan kommunerna och dess invånare.",
        "stimulera utbytet av kunskap och erfarenhet.",
    ]
    assert [p.value["name"] for p in draft.of("focus_area")] == [
        "Demokratifrågor",
        "Företag och sysselsättning",
        "Social välfärd",
        "Kultur",
        "Ungdom",
    ]


EU_PAGE = (
    "EU-samarbete\n\n"
    "De personer och enheter som deltar i internationella projekt har rapporteringsansvar "
    "till sin egen förvaltning samt till kanslienheten i kommunen. Uppföljning av de projekt "
    "som genomförs ska utföras en gång om året av kanslienheten i samarbete med "
    "projektägarna.\n\n"
    "Om det internationella arbetet ska ge resultat måste betydande insatser göras. Beslut om "
    "deltagande i internationella projekt samt tillskjutande av ekonomiska och/eller "
    "personella resurser fattas av kommunstyrelsen.\n\n"
    "Regionen ska medverka till att länet blir en attraktiv samarbetspartner. Vi arbetar för "
    "att stimulera ett ökat internationellt kunskapsutbyte.\n"
)


def test_who_reports_to_whom_who_decides_and_pays_and_a_condition_that_is_no_aim() -> None:
    draft = draft_from_text(EU_PAGE, municipality="Testby kommun")
    assert {
        ("reports", "department"),
        ("receives_reports", "department"),
        ("follows_up", "department"),
        ("decides_partnerships", "executive_board"),
        ("finances", "executive_board"),
    } <= _duties(draft)
    goals = cited(draft, "goal")
    assert not any(g.startswith("Om det") for g in goals)
    assert any(p.startswith("Om det") for p in cited(draft, "principle"))
    assert any(g.startswith("Regionen ska medverka") for g in goals)
    assert any(g.startswith("Vi arbetar för att stimulera") for g in goals)


MINUTES = (
    "Sammanträdes- protokoll\n\nKommunstyrelsens arbetsutskott\n\n"
    "Sammanträdesdatum 2014-01-15\n\n§ 4/2014 Dnr 2013/0743\n\nDiariekod: 011\n\n"
    "Ny inriktning för internationella kontakter\n\n"
    "Kommunen har vänortsavtal med fyra kommuner i Norden.\n\n"
    "Arbetsutskottets förslag\n\n"
    "Testby kommun ska inte ingå nya vänortsavtal. Befintliga avtal ska ses över.\n"
)


def test_minutes_give_the_items_heading_as_title_and_its_paragraph() -> None:
    draft = draft_from_text(MINUTES, municipality="Testby kommun")
    found = facts(draft)
    assert found["title"] == "Ny inriktning för internationella kontakter"
    assert found["decision_reference"] == "§ 4/2014"


REGION = (
    "Internationella frågor\n\n"
    "Landstingsstyrelsen har utsett fyra politiker med särskilt ansvar för bevakning av EU. "
    "Dessa representerar sedan regionen i en europeisk samarbetsorganisation.\n\n"
    "Vänortskommittén ska också stimulera till kulturella kontakter mellan skolorna. "
    "EU-kontoret bedriver även ett aktivt påverkansarbete i sakfrågor som rör regionen. "
    "Regionen bedriver påverkansarbete i två frågor. Det ena området gäller EU:s framtida "
    "sammanhållningspolitik. Det andra området rör EU:s lagstiftning om bioenergi. "
    "Östersjöfrågorna är särskilt prioriterade.\n"
)


def test_who_is_appointed_who_lobbies_and_areas_named_in_sentences_of_their_own() -> None:
    draft = draft_from_text(REGION, municipality="Region Testland")
    duties = _duties(draft)
    assert ("appoints_contacts", "executive_board") in duties
    # "Dessa" are the four politicians, not the board
    assert ("monitors", "executive_board") not in duties
    assert ("represents", "executive_board") not in duties
    assert {("supports", "drafting_committee"), ("represents", "international_unit")} <= duties
    assert [p.value["name"] for p in draft.of("focus_area")] == [
        "EU:s framtida sammanhållningspolitik",
        "EU:s lagstiftning om bioenergi",
        "Östersjöfrågorna",
    ]


HANDSHAKE = (
    "EU-handslaget - för ökad delaktighet\n\n"
    "I fredags träffade EU-ministern representanter för flera av länets kommuner för ett "
    "gemensamt handslag.\n\n"
    "Detta åtar sig kommunen:\n\n"
    "- Genomföra utbildningar för förtroendevalda med fokus på EU:s beslutsprocesser.\n"
    "- Efter valet genomföra studiebesök i Bryssel med kommunstyrelsen. Under mandatperioden "
    "genomföra ett studiebesök där nämnderna deltar.\n"
)


def test_what_a_municipality_commits_itself_to_are_its_principles_each_item_whole() -> None:
    draft = draft_from_text(HANDSHAKE, municipality="Testby kommun")
    assert draft.is_policy
    assert titles(draft) == ["EU-handslaget - för ökad delaktighet"]
    assert cited(draft, "principle") == [
        "Genomföra utbildningar för förtroendevalda med fokus på EU:s beslutsprocesser.",
        "Efter valet genomföra studiebesök i Bryssel med kommunstyrelsen. Under mandatperioden "
        "genomföra ett studiebesök där nämnderna deltar.",
    ]


RELEASE = (
    "Källa: https://example.se/press\n\n"
    "Satsning på ökad internationalisering  Kommunfullmäktige har beslutat om en strategi för "
    "ökad internationalisering. Strategin ska ge kraft och riktning åt det internationella "
    "arbetet i kommunen.  För att ge kommunens arbete en riktning och en plan för när insatser "
    "ska göras har en strategi tagits fram. Strategin har tagits fram av de internationella "
    "samordnarna på kommunledningskontoret.  Den innehåller tre prioriterade områden:  "
    "1. Internationella nätverk och relationer  2. Omvärldsbevakning  3. Utvecklingsprojekt  "
    "Vill du veta mer om strategin och hur kommunen arbetar med den?  Kontakta gärna "
    "kommunens internationella samordnare som svarar på frågor om arbetet.\n"
)


def test_a_press_release_about_a_strategy_its_areas_aims_and_who_drew_it_up() -> None:
    draft = draft_from_text(RELEASE, municipality="Testby kommun")
    assert ("develops", "international_unit") in _duties(draft)
    assert [p.value["name"] for p in draft.of("focus_area")] == [
        "Internationella nätverk och relationer",
        "Omvärldsbevakning",
        "Utvecklingsprojekt",
    ]
    goals = cited(draft, "goal")
    assert any(g.startswith("Strategin ska ge kraft") for g in goals)
    assert not any(g.endswith("?") for g in goals)  # a question to the reader is no aim
    # "… en plan för när insatser ska göras har en strategi tagits fram": binds no one
    assert not any(p.startswith("För att ge") for p in cited(draft, "principle"))


def test_a_board_that_decides_to_propose_a_decision_leaves_it_to_the_council() -> None:
    page = (
        "Testby kan säga upp vänortssamarbeten\n\n"
        "Kommunstyrelsen har beslutat att föreslå kommunfullmäktige att avsluta "
        "vänortssamarbetet med två städer. Kommunen ska i stället satsa på nya samarbeten i "
        "Norden.\n"
    )
    draft = draft_from_text(page, municipality="Testby kommun")
    assert "adopted_by" not in facts(draft)
    assert ("decides_twin_cities", "council") in _duties(draft)
    assert ("decides_twin_cities", "executive_board") not in _duties(draft)


SCHOOL = (
    "Erasmus+\n\n"
    "Erasmus+ är EU:s program för samarbete inom utbildning. Skolan måste ansöka om bidrag "
    "varje år. Det långsiktiga målet är att gå från enskilda projekt till ett systematiskt "
    "utbyte. Genom den nya planen ska antalet elever som gör praktik utomlands öka.\n\n"
    "Det internationella arbetet ska ses som ett verktyg och består av tre olika former:\n\n"
    "- Extern finansiering\n- Kompetensutveckling\n- Samarbete\n\n"
    "Beredningens sammanträden ska vara möjliga att delta på via länk. I övrigt har varje "
    "nämnd själv ansvar för det internationella arbetet på sitt sakområde.\n"
)


def test_a_schools_exchange_page_its_aims_target_forms_and_who_carries_the_work() -> None:
    draft = draft_from_text(SCHOOL, municipality="Testby kommun")
    assert draft.is_policy  # an Erasmus+ page is about the international work
    goals = cited(draft, "goal")
    assert any(g.startswith("Det långsiktiga målet är att") for g in goals)
    assert any(g.startswith("Genom den nya planen ska antalet") for g in goals)
    assert [p.value["name"] for p in draft.of("focus_area")] == [
        "Extern finansiering",
        "Kompetensutveckling",
        "Samarbete",
    ]
    principles = cited(draft, "principle")
    assert "Extern finansiering" not in principles
    assert not any(p.startswith("Beredningens sammanträden") for p in principles)
    assert ("integrates", "committee") in _duties(draft)


def test_areas_a_sentence_counts_are_not_what_its_relative_clause_enumerates() -> None:
    page = (
        "Europa direkt\n\n"
        "Kommunen har valt att fokusera på två områden, vilka har utformats utifrån en "
        "utredning som föreslår åtgärder för att höja kunskapen, främja insyn samt förbättra "
        "informationen. Kommunens EU-kontor ska utbilda lärare om EU.\n"
    )
    draft = draft_from_text(page, municipality="Testby kommun")
    assert not draft.of("focus_area")


def test_the_first_heading_about_the_work_is_the_title_not_its_first_section() -> None:
    page = (
        "EU och Brysselkontoret\n\nEtt brett internationellt engagemang\n\n"
        "Det finns ett brett internationellt engagemang bland kommunerna. Förbundet ska vara "
        "kommunernas gemensamma resurs i arbetet med EU.\n"
    )
    assert titles(draft_from_text(page, municipality="Testby kommun")) == ["EU och Brysselkontoret"]
    trail = (
        "Testby kommun, länk till startsidan\n\nEU-arbete - Aktuellt\n\n"
        "Internationellt arbete i Testby kommun\n\n"
        "Kommunen deltar i EU-projekt. Det internationella arbetet ska bidra till att "
        "kommunen utvecklas.\n"
    )
    assert titles(draft_from_text(trail, municipality="Testby kommun")) == [
        "Internationellt arbete i Testby kommun"
    ]


OFFICE = (
    "Brysselkontoret\n\n"
    "Regionens Brysselkontor heter Mid Testland European Office. Mid Testland European Office "
    "bevakar EU:s finansieringsprogram. Inom dessa arbetar "
    "kontoret med att påverka beslutsprocessen i EU så att regionens intressen tillvaratas. "
    "Detta för att medverka till att initiera transnationella projekt.\n\n"
    "Internationella utbyten och kontakter ska användas som ett verktyg för omvärldsanalys. "
    "Testby kommun samarbetar med en partnerskapskommun i Uganda för att utveckla lokal "
    "demokrati. Kommunen samarbetar med polisen för att minska brottsligheten. "
    "Arbetet inriktas på att stärka regionens möjligheter att påverka EU.\n"
)


def test_an_office_by_its_english_name_what_it_does_and_the_aims_around_it() -> None:
    draft = draft_from_text(OFFICE, municipality="Testby kommun")
    assert {("monitors", "international_unit"), ("represents", "international_unit")} <= _duties(
        draft
    )
    goals = cited(draft, "goal")
    for start in (
        "Detta för att medverka",
        "Internationella utbyten och kontakter ska användas",
        "Testby kommun samarbetar med",
        "Arbetet inriktas på att stärka",
    ):
        assert any(g.startswith(start) for g in goals), start
    assert not any(p.startswith("Internationella utbyten") for p in cited(draft, "principle"))
    assert not any(g.startswith("Kommunen samarbetar med polisen") for g in goals)


TASKS = (
    "Internationellt arbete i Testby\n\n"
    "En viktig uppgift för EU-samordnaren är att bevaka utlysningar.\n\n"
    "Det är kommunstyrelsens uppgift att samordna det internationella arbetet.\n\n"
    "En särskilt prioriterad grupp för internationella kontakter är barn och ungdomar som "
    "ska växa upp i en alltmer global värld.\n\n"
    "Kommunens EU-arbete fokuserar på följande bevakningsområden; kommunikation och "
    "infrastruktur, sammanhållningspolitiken, energi/klimat/miljö.\n\n"
    "Brysselkontoret\n\n"
    "För att tillgodose kommunens behov av politisk bevakning och kontaktvägar ska Testby "
    "vara en aktiv aktör i regionens Brysselkontor.\n"
)


def test_a_bodys_task_a_prioritised_group_and_areas_named_after_a_semicolon() -> None:
    draft = draft_from_text(TASKS, municipality="Testby kommun")
    duties = {
        (p.value["duty"], (p.value["body"] or {}).get("name"), p.value["text"][:12])
        for p in draft.of("responsibility")
    }
    assert ("monitors", "EU-samordnaren", "En viktig up") in duties
    assert ("coordinates", "Kommunstyrelsen", "Det är kommu") in duties
    areas = {p.value["name"] for p in draft.of("focus_area")}
    assert areas == {
        "Barn och ungdomar",
        "Kommunikation och infrastruktur",
        "Sammanhållningspolitiken",
        "Energi/klimat/miljö",
    }
    # the group named as prioritised is an area, not also a rule about children
    assert not any(p.startswith("En särskilt") for p in cited(draft, "principle"))
    # what the office is for is no duty of it: the sentence binds the municipality
    assert not any(text.startswith("För att") for _d, _b, text in duties)
    assert any(p.startswith("För att tillgodose") for p in cited(draft, "principle"))
