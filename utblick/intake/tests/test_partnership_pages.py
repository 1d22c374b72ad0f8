"""Pages of cross-border partnerships, associations of municipalities and an old report: areas
named in a sentence or under numbers, aims run together without bullets or commas, a title
run into its subtitle, an office in Brussels and who appoints the representatives."""

from __future__ import annotations

from utblick.intake.drafting import Draft, draft_from_text
from utblick.intake.normalise import normalise
from utblick.intake.tests.documents import cited, titles


def _duties(draft: Draft, key: str = "kind", width: int = 12) -> set[tuple[str, str, str]]:
    """(duty, the body's kind or name, the clause's first characters) of each responsibility."""
    rows = set()
    for p in draft.of("responsibility"):
        who = (p.value["body"] or {}).get(key) or "/".join(p.value["bodies"])
        rows.add((p.value["duty"], who, p.value["text"][:width]))
    return rows


def _areas(draft: Draft) -> set[str]:
    return {p.value["name"] for p in draft.of("focus_area")}


PARTNERSHIP = (
    "Gränssamarbetet\n\n"
    "För att stärka handel och kultur i sundregionen arbetar Testby och Exempelstad efter en "
    "gemensam strategi. Den bygger på en vision för år 2040.\n\n"
    "Inom gränssamarbetet arbetar vi med fokusområdena turism, arbetsmarknad, trafik och "
    "kultur.\n"
)


def test_areas_named_after_fokusomradena_and_why_two_partners_work_together() -> None:
    draft = draft_from_text(PARTNERSHIP, municipality="Testby kommun")
    assert draft.is_policy
    assert titles(draft) == ["Gränssamarbetet"]
    assert _areas(draft) == {"Turism", "Arbetsmarknad", "Trafik", "Kultur"}
    assert any(g.startswith("För att stärka handel") for g in cited(draft, "goal"))


AGREEMENT = (
    "Internationella samarbetspartner\n\n"
    "Vänortsavtalet ersattes av ett samarbetsavtal med tre samarbetsområden. "
    "Samarbetsområdena är:\n\n"
    "- Ungdomsidrott\n"
    "- Integration\n"
    "- Förebyggande av skolavhopp\n\n"
    "Testby kommuns EU-arbete har tre huvudsakliga mål:\n\n"
    "- Samhällsutveckling\n"
    "- Närings- och föreningsliv\n"
    "- Verksamhetsutveckling\n\n"
    "Kommunens projekt har tre mål:\n\n"
    "- att stärka unga\n"
    "- Demokrati\n"
    "- att öka rörligheten\n"
)


def test_areas_listed_under_a_lead_that_names_them_and_bare_names_under_aims() -> None:
    draft = draft_from_text(AGREEMENT, municipality="Testby kommun")
    areas = _areas(draft)
    assert {"Ungdomsidrott", "Integration", "Förebyggande av skolavhopp"} <= areas
    assert {"Samhällsutveckling", "Närings- och föreningsliv", "Verksamhetsutveckling"} <= areas
    goals = cited(draft, "goal")
    assert not any(g in ("Samhällsutveckling", "Verksamhetsutveckling") for g in goals)
    # a list that mixes names and aims: its aims stay goals, no name becomes an area
    assert {"att stärka unga", "att öka rörligheten"} <= set(goals)
    assert "Demokrati" not in areas


NUMBERED = (
    "Samverkan om EU-frågor\n\n"
    "Förbundet arbetar för att medlemskommunerna ska få ut mer av EU-arbetet.\n\n"
    "I överenskommelsen ingår att gemensamt utveckla följande områden:\n\n"
    "  1. Strategiskt samarbete kring EU:s fonder\n"
    "  2. Påverkansarbete på EU-nivå\n"
    "  3. Nätverk i Europa\n\n"
    "Hur sker samarbetet?\n\n"
    "Kommunerna träffas fyra gånger per år.\n"
)


def test_numbered_lines_right_under_a_lead_are_its_items_not_headings() -> None:
    text = normalise(NUMBERED)
    assert "- Påverkansarbete på EU-nivå" in text.split("\n")
    draft = draft_from_text(NUMBERED, municipality="Testby kommun")
    assert _areas(draft) == {
        "Strategiskt samarbete kring EU:s fonder",
        "Påverkansarbete på EU-nivå",
        "Nätverk i Europa",
    }


NUMBERED_HEADINGS = (
    "Internationell policy\n\n"
    "Policyn har följande delar:\n\n"
    "1. Syfte\n\n"
    "Arbetet ska bidra till att kommunen utvecklas.\n\n"
    "2. Ansvar\n\n"
    "Kommunstyrelsen leder arbetet.\n"
)


def test_numbered_headings_with_text_under_each_stay_headings() -> None:
    lines = normalise(NUMBERED_HEADINGS).split("\n")
    assert "1. Syfte" in lines and "2. Ansvar" in lines


#: A report's pages as a PDF gives them: each page one line, its lists without bullets.
REVIEW = (
    "Översyn av regionens internationella arbete Genomlysning och bedömning av resultat, "
    "metoder och politikerroll Samordningsdirektör Nils Exempel\n"
    "1 Bakgrunden\n"
    "Regionens internationella policy antogs 2007. I policyn slås fast att omvärldskontakter "
    "spelar en stor roll i utvecklingsarbetet för en stor och kunskapsintensiv organisation. "
    "Den ökade globaliseringen och regionernas ökade betydelse innebär att regionen som "
    "regionalt självstyrelseorgan har en viktig roll internationellt som företrädare för länet. "
    "Arbetet med att skapa goda utvecklingsförutsättningar i länet sker i nära samverkan med "
    "kommunerna, statliga myndigheter, näringsliv, organisationer och allmänhet. Genom "
    "samarbete med angränsande regioner och goda kontakter med nationella myndigheter ökar vi "
    "också våra möjligheter till framgång i det internationella arbetet. "
    "Målen för regionens internationella engagemang är enligt policyn: att ge länet "
    "goda förutsättningar genom att: bevaka och hävda regionens intressen knyta och förmedla "
    "kontakter som är värdefulla för regionen öka möjligheterna till projektsamarbete inom "
    "områden där länet har särskilda behov bjuda in internationella organisationer till länet\n"
)


def test_a_title_run_into_its_subtitle_and_aims_that_lost_bullets_and_commas() -> None:
    draft = draft_from_text(REVIEW, municipality="Region Testland")
    assert titles(draft) == ["Översyn av regionens internationella arbete"]
    goals = cited(draft, "goal")
    for aim in (
        "bevaka och hävda regionens intressen",
        "knyta och förmedla kontakter som är värdefulla för regionen",
        "öka möjligheterna till projektsamarbete inom områden där länet har särskilda behov",
    ):
        assert aim in goals, goals


OFFICE = (
    "EU och internationellt arbete\n\n"
    "Europakontoret i Bryssel bevakar frågor som är viktiga för regionen, arbetar med "
    "påverkansarbete och stödjer regionens aktörer.\n\n"
    "Storregionen vill vara med och påverka EU:s nya lagstiftning om vatten.\n\n"
    "Nätverket\n\n"
    "Nätverket består av en representant per kommun. De kommunala representanterna är utsedda "
    "av respektive kommunchef. Detta i syfte att kunna söka EU-finansiering till projekt.\n\n"
    "Gränskommittén är ett samarbete mellan kommuner i två länder, vars syfte är att skapa "
    "jobb. Kommunen följer en riktlinje, vars syfte är att samla det internationella arbetet.\n"
)


def test_an_office_in_brussels_who_appoints_the_representatives_and_whose_purpose_it_is() -> None:
    draft = draft_from_text(OFFICE, municipality="Region Testland")
    duties = {(duty, who) for duty, who, _text in _duties(draft)}
    assert {("monitors", "international_unit"), ("represents", "international_unit")} <= duties
    assert ("appoints_contacts", "department") in duties
    goals = cited(draft, "goal")
    for start in ("Storregionen vill vara med", "Detta i syfte att", "Kommunen följer en"):
        assert any(g.startswith(start) for g in goals), start
    assert not any(g.startswith("Gränskommittén") for g in goals)


ASSOCIATIONS = (
    "Samverkan i EU-frågor\n\n"
    "Kommunerna har bildat Storregionens Europaförening. Föreningen ska samordna medlemmarnas "
    "gemensamma intressen i frågor som rör regionens förhållande till EU.\n\n"
    "Kommunförbundet Testland bevakar kommunernas intressen i EU.\n\n"
    "Vänorter\n\n"
    "Föreningen ska samordna resor till vänorten för kommunens invånare.\n"
)


def test_an_association_of_municipalities_does_their_eu_work_a_citizens_one_is_no_body() -> None:
    draft = draft_from_text(ASSOCIATIONS, municipality="Testby kommun")
    duties = _duties(draft, "name", 14)
    assert ("coordinates", "Europaförening", "Föreningen ska") in duties
    assert ("monitors", "Kommunförbundet Testland", "Kommunförbunde") in duties
    # "Föreningen" with no association named before it is no body of the municipality
    texts = [p.value["text"] for p in draft.of("responsibility")]
    assert not any(t.startswith("Föreningen ska samordna resor") for t in texts)


STEERING = (
    "Kommunala partnerskap\n\n"
    "Alla kommunala partnerskap leds av en styrgrupp som träffas två gånger varje år.\n\n"
    "En huvuduppgift för EU-samordnaren är att bevaka kommande utlysningar.\n"
)


def test_a_steering_group_named_without_its_article_and_a_main_task() -> None:
    draft = draft_from_text(STEERING, municipality="Testby kommun")
    duties = _duties(draft, width=10)
    assert ("leads", "drafting_committee", "Alla kommu") in duties
    assert ("monitors", "international_unit", "En huvudup") in duties


COUNCIL = (
    "09/2017\n\n"
    "Gränsrådet förnyade sin strategi i år.\n\n"
    "I vår verksamhet strävar vi efter att samarbetet över gränsen är vardagligt. Styrelsen "
    "lyfte fram följande fyra spetsar i strategin: ökad livskraft, befrämja utbildning, "
    "gränslös kultur och utveckla infrastrukturen.\n\n"
    "Prioriterade målsättningar\n\n"
    "Med all sin verksamhet strävar rådet efter att utveckla gränsområdet genom följande "
    "åtgärder:\n\n"
    "- Att arbeta för en större integration i området.\n"
    "- Att samarbeta för avskaffning av gränshinder.\n\n"
    "Målet på lång sikt är att området blir ett pilotområde. Ambitionen med kontoret har varit "
    "att visa unga de möjligheter som finns. De ämnen som kommer prioriteras 2018 är "
    "demokrati, miljö och mobilitet.\n"
)


def test_what_a_council_strives_for_its_spearheads_and_the_subjects_it_prioritises() -> None:
    draft = draft_from_text(COUNCIL, municipality="Gränsrådet")
    assert "09/2017" not in titles(draft)
    goals = cited(draft, "goal")
    for start in (
        "I vår verksamhet strävar vi",
        "Att arbeta för en större integration",
        "Att samarbeta för avskaffning",
        "Målet på lång sikt",
        "Ambitionen med kontoret har varit",
    ):
        assert any(g.startswith(start) for g in goals), start
    assert {
        "Ökad livskraft",
        "Befrämja utbildning",
        "Gränslös kultur",
        "Utveckla infrastrukturen",
        "Demokrati",
        "Miljö",
        "Mobilitet",
    } <= _areas(draft)


BRUSSELS = (
    "EU-samarbete\n\n"
    "Brysselkontoret Testregionen har som uppgift att arbeta med intressebevakning och "
    "påverkansarbete. De som arbetar i Bryssel har även till uppgift att tillgodose "
    "medlemmarna med information. De har också som uppgift att samordna studiebesök.\n\n"
    "Storregionens Europaförening (SEF) arbetar för att främja regionens gemensamma politiska "
    "intressen inom EU. De har ett kontor som fokuserar på att följa arbetet inom EU:s "
    "institutioner. De skapar även kontakter för att påverka EU:s politik.\n"
)


def test_a_brussels_offices_tasks_said_of_its_staff_and_an_associations_interests() -> None:
    draft = draft_from_text(BRUSSELS, municipality="Region Testland")
    duties = {(duty, text) for duty, _who, text in _duties(draft)}
    assert {
        ("monitors", "Brysselkonto"),
        ("represents", "Brysselkonto"),
        ("supports", "De som arbet"),
        ("coordinates", "De har också"),
        ("represents", "Storregionen"),
        ("monitors", "De har ett k"),
        ("represents", "De skapar äv"),
    } <= duties


STRATEGY_NEWS = (
    "Rådets nya strategi\n\n"
    "Rådets medlemmar har godkänt en ny och helt omarbetad strategi för samarbetet med sikte "
    "på 2030 på årsmötet 26 maj 2023.\n\n"
    "Strategin visar vägen för de samarbeten som både prioriteras och påverkar regionen. "
    "Grundtanken i det internationella arbetet är att regionerna ska utvecklas i fredlig "
    "samverkan.\n\n"
    "Avtrycket beskrivs i form av fem prioriterade områden:\n"
    "Demografi och attraktionskraft\n"
    "Tillgänglighet\n"
    "Grön omställning\n\n"
    "– Dessa områden har identifierats som de mest aktuella. Vårt syfte är att regionen ska "
    "bli en framgångsregion. Det säger direktören Nils Exempel.\n\n"
    "Kommunens internationella arbete ska fokusera på närområdet, den arktiska plattformen och "
    "inom den Europeiska unionen.\n"
)


def test_a_strategy_told_as_news_its_date_areas_and_the_quotation_of_its_purpose() -> None:
    draft = draft_from_text(STRATEGY_NEWS, municipality="Gränsrådet")
    facts = {p.field: p.value["value"] for p in draft.of("metadata")}
    assert facts.get("decided_on") == "2023-05-26"
    assert {
        "Demografi och attraktionskraft",
        "Tillgänglighet",
        "Grön omställning",
        "Närområdet",
        "Den arktiska plattformen",
        "Europeiska unionen",
    } <= _areas(draft)
    goals = cited(draft, "goal")
    assert any(g.startswith("Grundtanken i det internationella") for g in goals)
    assert any(g.startswith("Vårt syfte är att regionen") for g in goals)
    assert not any(p.startswith("Strategin visar vägen") for p in cited(draft, "principle"))


OFFICES = (
    "Fastställd av regionfullmäktige , 98. Syftet med regionens internationella strategi är att "
    "vara ett verktyg för förtroendevalda och anställda.\n\n"
    "EU-information och kommunens EU-arbete\n\n"
    "Europa Direkt Sydland drivs i samverkan mellan fyra kommuner och arbetar med att:\n\n"
    "Svara på allmänhetens frågor om EU\n"
    "- Informera om EU:s politik och stödmöjligheter\n"
    "- Anordna seminarier och debatter\n\n"
    "Kommunfullmäktige beslutade i oktober att avsätta 150 000 kronor per år till kontoret.\n\n"
    "Gränskommittén bör initiera och verka för att det utarbetas en gränsregional strategi.\n\n"
    "I denna film berättar samordnare Eva Exempel om kontoret.\n"
)


def test_a_europa_direkt_office_its_tasks_who_pays_and_a_purpose_after_a_paragraph_number() -> None:
    draft = draft_from_text(OFFICES, municipality="Testby kommun")
    assert any(g.startswith("Syftet med regionens") for g in cited(draft, "goal"))
    duties = _duties(draft)
    assert ("supports", "international_unit", "Informera om") in duties
    assert ("finances", "council", "Kommunfullmä") in duties
    assert ("develops", "drafting_committee", "Gränskommitt") in duties
    assert not any(d[0] == "coordinates" for d in duties)  # "samordnare" names, not a duty
    assert "- Svara på allmänhetens frågor om EU" in normalise(OFFICES).split("\n")


NOT_SO = (
    "Internationellt arbete\n\n"
    "Kommunstyrelsen har godkänt en ansökan om resebidrag den 3 maj 2021.\n\n"
    "Barn och unga är en grupp som ska prioriteras.\n\n"
    "Kontoret arbetar med frågor som påverkar kommunens invånare. Kontoret följer upp arbetet "
    "i EU-projekten. Nämnderna ska informera kommunstyrelsen om sina EU-projekt.\n"
)


def test_an_approved_application_a_group_to_prioritise_and_duties_that_are_not_what_they_seem() -> (
    None
):
    draft = draft_from_text(NOT_SO, municipality="Testby kommun")
    facts = {p.field for p in draft.of("metadata")}
    assert not facts & {"adopted_by", "decided_on"}
    assert "Barn och unga är en grupp som ska prioriteras." in cited(draft, "principle")
    duties = {duty for duty, _who, _text in _duties(draft)}
    assert not duties & {"represents", "monitors", "supports"}
    assert "reports" in duties


COUNCIL_AIMS = (
    "2017, Nyheter 25.11.2017 Eva Exempel\n"
    "Vid rådsmötet fastställde Gränsrådet handlingsprogrammet.\n\n"
    "Gränssamarbetet ska ge gränsregionalt mervärde och nordisk nytta. Gränsrådet ska främja "
    "samarbetet i frågor som är viktiga för medlemsregionerna.\n\n"
    "För att nå de uppställda målen ska Gränsrådet i första hand\n"
    "-Skapa nätverk och strategiska allianser över riksgränserna.\n"
    "-Söka samarbete med andra europeiska regioner.\n\n"
    "VAD SKA DIARIEFÖRAS?\n"
)


def test_what_a_council_shall_further_and_do_to_reach_its_goals_and_a_dateline() -> None:
    draft = draft_from_text(COUNCIL_AIMS, municipality="Gränsrådet")
    assert titles(draft) == []
    goals = cited(draft, "goal")
    for start in (
        "Gränssamarbetet ska ge",
        "Gränsrådet ska främja",
        "Skapa nätverk",
        "Söka samarbete",
    ):
        assert any(g.startswith(start) for g in goals), start
    assert not any(p.endswith("?") for p in cited(draft, "principle"))


PLAN = (
    "Källa: https://example.se/doc/1\n\n"
    "Strategisk plan för internationell samverkan, beslut 2015-10\n\n"
    "Strategisk plan för internationell samverkan 2015 2018\n"
    "Syfte\n"
    "Syftet med förbundets internationella arbete är\n\n"
    "att bidra till att uppnå förbundets strategiska mål.\n\n"
    "att det internationella arbetet ses som ett verktyg för verksamhetsutveckling.\n\n"
    "Mål:\n"
    "- att öka förståelsen för andra kulturer\n"
    "Ingående moment:\n"
    "- alla ämnen\n"
    "- aktiviteter med lokal anknytning\n"
    "Utvärdering:\n"
    "- årligen vid utvärdering av studieplanerna\n"
)


def test_a_plan_its_own_title_its_purposes_and_sections_named_as_labels() -> None:
    draft = draft_from_text(PLAN, municipality="Testby kommun")
    assert titles(draft) == ["Strategisk plan för internationell samverkan 2015 2018"]
    goals = cited(draft, "goal")
    assert "att det internationella arbetet ses som ett verktyg för verksamhetsutveckling." in goals
    assert "att öka förståelsen för andra kulturer" in goals
    assert "alla ämnen" not in goals  # the items of the next section, not of "Mål:"
    assert [p.value["kind"] for p in draft.of("cadence")] == ["yearly"]


REGION_WORK = (
    "Internationell samverkan\n\n"
    "För att stärka utvecklingen i länet arbetar Region Testland internationellt och då "
    "framförallt inom EU. Det gemensamma uppdraget är att stärka länets position i "
    "internationella sammanhang.\n\n"
    "Brysselkontoret arbetar även med strategisk projektutveckling kring EU:s program.\n\n"
    "Beslut om projekt ska tas av kommunstyrelsen då projektet sträcker sig över flera år.\n"
)


def test_why_a_region_works_internationally_its_mission_and_who_decides_on_projects() -> None:
    draft = draft_from_text(REGION_WORK, municipality="Region Testland")
    goals = cited(draft, "goal")
    assert any(g.startswith("För att stärka utvecklingen") for g in goals)
    assert any(g.startswith("Det gemensamma uppdraget") for g in goals)
    duties = {(duty, who) for duty, who, _text in _duties(draft)}
    assert {
        ("develops", "international_unit"),
        ("decides_partnerships", "executive_board"),
    } <= duties
