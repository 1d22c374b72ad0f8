"""The everyday wordings of Swedish governing documents, one sentence at a time.

The sentences are written for these tests in the common forms of municipal and
regional documents, not copied from the corpus: each states one duty, goal,
principle or decision fact the intake should propose.
"""

from __future__ import annotations

import pytest

from utblick.intake.drafting import Draft, draft_from_text
from utblick.intake.lexicon import body_mentions


def _draft(section: str, sentence: str) -> Draft:
    text = (
        "Internationell policy\n\nAntagen av kommunfullmäktige 2020-01-01\n\n"
        "Kommunen har många kontakter med andra länder genom skolor och företag.\n\n"
        f"{section}\n\n{sentence}\n"
    )
    return draft_from_text(text, municipality="Testby kommun")


@pytest.mark.parametrize(
    ("sentence", "duty", "body"),
    [
        (
            "Regionstyrelsen har det samlade ansvaret för det internationella arbetet.",
            "leads",
            "Regionstyrelsen",
        ),
        (
            "Kommunstyrelsen har uppsikt över det internationella arbetet.",
            "follows_up",
            "Kommunstyrelsen",
        ),
        (
            "Kulturnämnden beslutar om internationella projekt inom sitt område.",
            "decides_partnerships",
            "Kulturnämnden",
        ),
        (
            "Varje nämnd ansvarar för att dess internationella arbete följs upp.",
            "follows_up",
            "committee",
        ),
        (
            "Kommunstyrelsen godkänner deltagande i internationella projekt.",
            "decides_partnerships",
            "Kommunstyrelsen",
        ),
        (
            "Kommunstyrelsen prioriterar vilka nätverk kommunen ska delta i.",
            "decides_memberships",
            "Kommunstyrelsen",
        ),
        (
            "Regiondirektören utser kontaktpersoner för internationella frågor.",
            "appoints_contacts",
            "Regiondirektören",
        ),
        (
            "Barn- och utbildningsnämnden ansvarar för elevutbyten.",
            "integrates",
            "Barn- och utbildningsnämnden",
        ),
        (
            "Regionala utvecklingsnämnden ansvarar för regionens EU-arbete.",
            "leads",
            "Regionala utvecklingsnämnden",
        ),
        (
            "Regionens internationella sekretariat samordnar arbetet.",
            "coordinates",
            "Internationella enheten",
        ),
        (
            "Kommunstyrelsen ska löpande informeras om de internationella projekten.",
            "receives_reports",
            "Kommunstyrelsen",
        ),
        (
            "Nämnderna och bolagen ansvarar för sina internationella kontakter.",
            "integrates",
            "committee",
        ),
        (
            "Samtliga förvaltningar ska utse en internationell kontaktperson.",
            "appoints_contacts",
            "department",
        ),
        (
            "Kommunstyrelsen avsätter medel för internationellt arbete i budgeten.",
            "finances",
            "Kommunstyrelsen",
        ),
        (
            "Varje förvaltning ansvarar för att söka externa medel inom sitt område.",
            "integrates",
            "department",
        ),
        ("Internationella rådet bereder frågor om vänorter.", "develops", "Internationella rådet"),
        (
            "Kommundirektören leder arbetet med den internationella strategin.",
            "leads",
            "Kommundirektören",
        ),
        (
            "Ansvaret för det internationella arbetet ligger på kommunstyrelsen.",
            "leads",
            "Kommunstyrelsen",
        ),
        (
            "Förvaltningarna ska ansvara för att internationella perspektiv finns i verksamheten.",
            "integrates",
            "department",
        ),
        (
            "Kommunstyrelsen ska besluta om nya vänortsavtal och medlemskap i nätverk.",
            "decides_memberships",
            "Kommunstyrelsen",
        ),
        (
            "Kommunstyrelsen utser kommunens representanter i internationella nätverk.",
            "appoints_contacts",
            "Kommunstyrelsen",
        ),
        (
            "Kommunstyrelsens förvaltning ska stödja nämnderna i deras internationella arbete.",
            "supports",
            "Kommunstyrelsens förvaltning",
        ),
        (
            "Omvärldsbevakning av EU-frågor sköts av näringslivsavdelningen.",
            "monitors",
            "Näringslivsavdelningen",
        ),
        (
            "Tekniska förvaltningen samordnar kommunens deltagande i nätverk.",
            "coordinates",
            "Tekniska förvaltningen",
        ),
    ],
)
def test_a_duty_in_the_common_wordings(sentence: str, duty: str, body: str) -> None:
    found = {
        (p.value["duty"], (p.value["body"] or {}).get("name") or p.value["bodies"][0])
        for p in _draft("Ansvar", sentence).of("responsibility")
        if p.value["duty"] != "adopts_policy"
    }
    assert (duty, body) in found, found


@pytest.mark.parametrize(
    "sentence",
    [
        "Det internationella arbetet ska leda till ökad kunskap hos medarbetarna.",
        "Genom det internationella arbetet ska kommunen bli en attraktivare arbetsgivare.",
        "Det internationella samarbetet ska stärka den lokala utvecklingen i kommunen.",
        "Kommunens ambition är att öka antalet EU-finansierade projekt i verksamheterna.",
        "Det övergripande målet är en hållbar utveckling i hela kommunen och regionen.",
        "Syftet med vänortssamarbetet är att främja kontakter mellan invånare i orterna.",
        "Genom vårt arbete med EU-frågor vill vi bidra till en starkare region.",
        "Det internationella arbetet ska vara en del av vardagen och bidra till bättre skolor.",
        "Det internationella arbetet ska i första hand ses som ett verktyg för verksamhetsutveckling.",
        "Samarbetet ska ge invånarna nya perspektiv och stärka den lokala utvecklingen.",
        "Vidare är ambitionen att öka ungdomarnas kunskaper om andra kulturer.",
        "Det är även ett mål att bygga långsiktiga samarbeten med våra vänorter.",
        "Avsikten med avtalet är att orterna skall verka för utbyte mellan invånarna.",
        "Samverkan ska även stödja kommunens ambitioner inom näringslivet.",
        "På sikt är den långsiktiga målsättningen att fler företag deltar i EU-projekt.",
        "Ett av skolans viktigaste mål är, enligt läroplanen, att eleverna möter andra kulturer.",
        "Internationalisering ska göra så att eleverna får nya kontakter i andra länder.",
        "Förbundets verksamhet inom EU- och internationella frågor syftar främst till att stödja "
        "medlemmarna.",
        "Det internationella arbetet syftar också till att motverka främlingsfientlighet.",
        "Gymnasiet arbetar för att skapa delaktighet bland eleverna och engagemang i internationella "
        "frågor.",
        "Målet med EU-samverkan är att stärka kommunens konkurrenskraft.",
    ],
)
def test_a_goal_in_the_common_wordings(sentence: str) -> None:
    draft = _draft("Internationellt arbete", sentence)
    assert [p.value["text"] for p in draft.of("goal")] == [sentence]
    assert draft.of("principle") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Internationella kontakter får inte medföra kostnader utan ett tidigare beslut.",
        "Projekt med extern finansiering prioriteras framför projekt som saknar sådan.",
        "Regionens internationella arbete ska präglas av öppenhet och jämställdhet.",
        "Samarbeten bör ha en tydlig och långsiktig nytta för kommunens invånare.",
        # a year or a share first is no project's figure
        "2025 ska alla gymnasieprogram erbjuda praktik utomlands.",
        "10 procent av budgeten ska avsättas till internationella utbyten.",
    ],
)
def test_a_principle_in_the_common_wordings(sentence: str) -> None:
    draft = _draft("Internationellt arbete", sentence)
    assert [p.value["text"] for p in draft.of("principle")] == [sentence]
    assert draft.of("goal") == []


def test_a_purpose_clause_after_its_main_clause_binds_no_one() -> None:
    draft = _draft(
        "Internationellt arbete",
        "2019 antogs en strategi som anger metoder för att arbetet ska kunna bedrivas väl.",
    )
    assert draft.of("principle") == []
    bound = _draft(
        "Internationellt arbete", "Kommunen ska söka EU-medel för att projekten ska växa."
    )
    assert len(bound.of("principle")) == 1


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            "Beslutad av: Regionfullmäktige 2019-06-18 § 123",
            {"adopted_by": "council", "decided_on": "2019-06-18", "decision_reference": "RF § 123"},
        ),
        (
            "Antagen: KF 2015-06-15 § 89",
            {"adopted_by": "council", "decided_on": "2015-06-15", "decision_reference": "KF § 89"},
        ),
        (
            "Beslut: Kommunfullmäktige 2014-04-28 § 45",
            {"adopted_by": "council", "decided_on": "2014-04-28", "decision_reference": "KF § 45"},
        ),
        (
            "Kommunfullmäktige 2013-05-15, § 67",
            {"adopted_by": "council", "decided_on": "2013-05-15", "decision_reference": "KF § 67"},
        ),
        (
            "Dokumenttyp: Policy Beslutad av: Kommunfullmäktige Diarienummer: KS 2018/0123",
            {
                "adopted_by": "council",
                "registry_number": "KS 2018/0123",
                "decision_reference": None,
            },
        ),
        (
            "Beslutsinstans: Regionstyrelsen Datum för beslut: 2021-10-05 Dnr: RS 2021/456",
            {"adopted_by": "executive_board", "registry_number": "RS 2021/456"},
        ),
    ],
)
def test_the_decision_in_the_common_header_forms(header: str, expected: dict[str, object]) -> None:
    text = (
        f"Internationell policy\n\n{header}\n\nInledning\n\n"
        "Kommunen har många kontakter med andra länder genom skolor och företag.\n"
    )
    draft = draft_from_text(text, municipality="Testby kommun")
    facts = {p.field: p for p in draft.of("metadata")}
    for field, value in expected.items():
        found = facts[field].value["value"] if field in facts else None
        assert (found["kind"] if isinstance(found, dict) else found) == value, (field, facts)
        if field in facts:  # each fact cites the words it was read from
            cited = draft.text[facts[field].passage.start : facts[field].passage.end]
            wanted = {"adopted_by": "", "decided_on": str(value)[:4]}.get(field)
            if field == "decision_reference":
                wanted = str(value).split("§ ")[1]
            elif field == "registry_number":
                wanted = str(value)
            assert wanted is not None and wanted in cited and cited.strip(), (field, cited)


def test_a_region_s_bodies_keep_their_own_names() -> None:
    names = [m.name for m in body_mentions("Regionfullmäktige och Landstingsstyrelsen, KS och KF")]
    assert names == [
        "Regionfullmäktige",
        "Landstingsstyrelsen",
        "Kommunstyrelsen",
        "Kommunfullmäktige",
    ]


@pytest.mark.parametrize(
    ("section", "sentence", "goal"),
    [
        (
            "Internationellt arbete",
            "Omvärlden förändras snabbt. Detta är något som kommunen måste ta hänsyn till.",
            False,
        ),
        (
            "Internationellt arbete",
            "På uppdrag av kommunstyrelsen ska en ny EU-strategi tas fram för kommunen.",
            False,
        ),
        (
            "Utgångspunkter",
            "De internationella projekten ska bidra till att kommunens mål nås.",
            True,
        ),
        # a named project's figures and idea
        ("Projekt", "Totalt ska 4,5 miljoner euro investeras i de tolv hamnarna.", False),
        ("Projekt", "12 gästhamnar ska under tre år rustas upp med stöd från EU.", False),
        ("Projekt", "Tanken bakom Blue Harbour är att varje hamn ska göra en egen plan.", False),
    ],
)
def test_not_a_principle(section: str, sentence: str, goal: bool) -> None:
    draft = _draft(section, sentence)
    assert draft.of("principle") == []
    assert bool(draft.of("goal")) is goal


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        (
            "Ansvar och roller\n\n- Kommunstyrelsen: leder och samordnar det internationella "
            "arbetet.\n- Nämnderna: ansvarar för det internationella arbetet inom sina områden.\n",
            {
                ("leads", "Kommunstyrelsen"),
                ("coordinates", "Kommunstyrelsen"),
                ("integrates", "committee"),
            },
        ),
        (
            "Roller och ansvar\n\nKommunstyrelsen\nHar det övergripande ansvaret för det "
            "internationella arbetet.\n\nNämnder och bolag\nAnsvarar för att det internationella "
            "arbetet integreras i verksamheten.\n",
            {("leads", "Kommunstyrelsen"), ("integrates", "committee")},
        ),
        (
            "Ansvar\n\nInternationella enheten ska\n- samordna kommunens EU-arbete,\n"
            "- bevaka utlysningar av EU-medel,\n- stödja förvaltningarna i projektansökningar.\n",
            {
                ("coordinates", "Internationella enheten"),
                ("monitors", "Internationella enheten"),
                ("supports", "Internationella enheten"),
            },
        ),
    ],
)
def test_duties_laid_out_as_roles(block: str, expected: set[tuple[str, str]]) -> None:
    head, rest = block.split("\n\n", 1)
    draft = _draft(head, rest)
    found = {
        (p.value["duty"], (p.value["body"] or {}).get("name") or p.value["bodies"][0])
        for p in draft.of("responsibility")
        if p.value["duty"] != "adopts_policy"
    }
    assert found == expected
    assert draft.of("principle") == []  # a body's listed duties are not rules of the work


def test_drawing_up_a_plan_each_year_is_no_follow_up_cadence() -> None:
    sentence = "Kommunstyrelsen tar varje år fram en handlingsplan för det internationella arbetet."
    assert _draft("Uppföljning", sentence).of("cadence") == []
    assert _draft("Uppföljning", "Handlingsplanen följs upp årligen av kommunstyrelsen.").of(
        "cadence"
    )


@pytest.mark.parametrize(
    ("block", "names"),
    [
        (
            "Vi prioriterar följande områden:\n\n- Utbildning och kompetens\n"
            "- Näringsliv och innovation\n",
            ["Utbildning och kompetens", "Näringsliv och innovation"],
        ),
        (
            "Strategin har fyra målområden:\n\n- Attraktiv arbetsgivare\n- Hållbar stadsutveckling\n"
            "- Demokrati och delaktighet\n- Näringslivets internationalisering\n",
            [
                "Attraktiv arbetsgivare",
                "Hållbar stadsutveckling",
                "Demokrati och delaktighet",
                "Näringslivets internationalisering",
            ],
        ),
        (
            "Insatsområde 1: Kompetensförsörjning\n\nKommunen ska samarbeta med skolor i andra "
            "länder.\n\nInsatsområde 2: Hållbar tillväxt\n\nKommunen ska delta i projekt om "
            "klimatomställning.\n",
            ["Kompetensförsörjning", "Hållbar tillväxt"],
        ),
        (
            "EU-arbetet\n\nArbetet utgår från tre breda grunduppdrag:\n\n- Stöd i projektutveckling\n"
            "- Omvärldsbevakning\n- Påverkansarbete\n",
            ["Stöd i projektutveckling", "Omvärldsbevakning", "Påverkansarbete"],
        ),
        (
            "EU-arbetet\n\nVerksamheten ska inriktas på insatser som stärker verksamhetsutveckling, "
            "kompetensutveckling och omvärldsbevakning för de medverkande kommunerna.\n",
            ["Verksamhetsutveckling", "Kompetensutveckling", "Omvärldsbevakning"],
        ),
    ],
)
def test_focus_areas_in_the_common_layouts(block: str, names: list[str]) -> None:
    head, rest = block.split("\n\n", 1)
    draft = _draft(head, rest)
    assert [p.value["name"] for p in draft.of("focus_area")] == names
    assert draft.of("goal") == []  # areas named under a lead are not aims


@pytest.mark.parametrize(
    ("block", "goals"),
    [
        (
            "Genom internationellt samarbete vill kommunen:\n\n- öka kunskapen om omvärlden\n"
            "- stärka näringslivets kontakter i Europa\n",
            ["öka kunskapen om omvärlden", "stärka näringslivets kontakter i Europa"],
        ),
        (
            "Det internationella arbetet ska leda till att:\n\n- fler unga deltar i utbyten\n"
            "- fler EU-projekt genomförs\n",
            ["fler unga deltar i utbyten", "fler EU-projekt genomförs"],
        ),
        (
            "Målsättningar\n\n1. Fler elever ska delta i internationella utbyten.\n\n"
            "2. Kommunen ska ha minst tre pågående EU-projekt.\n",
            [
                "Fler elever ska delta i internationella utbyten.",
                "Kommunen ska ha minst tre pågående EU-projekt.",
            ],
        ),
        (
            "Internationellt arbete\n\nVårt mål är att alla elever ska kunna delta i ett utbyte.\n",
            ["Vårt mål är att alla elever ska kunna delta i ett utbyte."],
        ),
    ],
)
def test_goals_in_the_common_layouts(block: str, goals: list[str]) -> None:
    head, rest = block.split("\n\n", 1)
    draft = _draft(head, rest)
    assert [p.value["text"] for p in draft.of("goal")] == goals
    assert draft.of("principle") == []


@pytest.mark.parametrize(
    ("sentence", "duty"),
    [
        (
            "Kommunstyrelsen beslutar om projektmedlens fördelning mellan förvaltningarna.",
            "decides_partnerships",
        ),
        ("Kommunstyrelsen godkänner projektledarens rapport om arbetet.", "decides_partnerships"),
        ("Nämnderna får rapportera avvikelser till kommunstyrelsen vid behov.", "receives_reports"),
    ],
)
def test_a_duty_word_inside_another_word_is_not_that_duty(sentence: str, duty: str) -> None:
    duties = {p.value["duty"] for p in _draft("Ansvar", sentence).of("responsibility")}
    assert duty not in duties


def test_reporting_to_a_body_is_a_duty_of_both() -> None:
    sentence = "Nämnderna ska årligen redovisa sitt internationella arbete till kommunstyrelsen."
    found = {
        (p.value["duty"], (p.value["body"] or {}).get("kind") or p.value["bodies"][0])
        for p in _draft("Ansvar", sentence).of("responsibility")
    }
    assert {("reports", "committee"), ("receives_reports", "executive_board")} <= found


@pytest.mark.parametrize(
    ("sentence", "body"),
    [
        (
            "Internationella enheten ska informeras om nya projekt i förvaltningarna.",
            "Internationella enheten",
        ),
        (
            "Tekniska nämnden ansvarar för det internationella arbetet inom sitt område.",
            "Tekniska nämnden",
        ),
    ],
)
def test_a_named_unit_or_committee_as_subject(sentence: str, body: str) -> None:
    names = {
        (p.value["body"] or {}).get("name") for p in _draft("Ansvar", sentence).of("responsibility")
    }
    assert body in names


def test_not_only_is_not_a_prohibition() -> None:
    sentence = "Eleverna får inte bara språkkunskaper genom utbytena utan också nya vänner."
    assert _draft("Internationellt arbete", sentence).of("principle") == []


def test_a_goal_list_item_that_says_how_the_work_is_done_is_a_principle() -> None:
    draft = _draft(
        "Mål",
        "- Arbetet ska bedrivas strategiskt och följa kommunens utvecklingsarbete. Det ska vara "
        "en integrerad del av alla verksamheter.\n- Projekten ska skapa mervärde för invånarna.",
    )
    assert [p.value["text"] for p in draft.of("goal")] == [
        "Projekten ska skapa mervärde för invånarna."
    ]
    principles = [p.value["text"] for p in draft.of("principle")]
    assert "Arbetet ska bedrivas strategiskt och följa kommunens utvecklingsarbete." in principles


def test_a_named_network_s_purpose_is_not_the_work_s_goal() -> None:
    draft = _draft(
        "Samarbeten",
        "Kommunen är medlem i GRENS. Syftet med GRENS-samarbetet är att skapa kontakter över "
        "gränsen. Syftet med vänortssamarbetet är att främja utbyte mellan invånarna.",
    )
    assert [p.value["text"] for p in draft.of("goal")] == [
        "Syftet med vänortssamarbetet är att främja utbyte mellan invånarna."
    ]


def test_a_council_adopting_a_policy_and_guidelines_adopts_both() -> None:
    draft = _draft(
        "Styrning",
        "Kommunfullmäktige har antagit en policy och riktlinjer för det internationella arbetet.",
    )
    duties = {p.value["duty"] for p in draft.of("responsibility")}
    assert {"adopts_policy", "adopts_guidelines"} <= duties


def test_a_quotation_s_omission_mark_parts_two_sentences() -> None:
    draft = _draft(
        "Läroplanen",
        "”Samhället blir alltmer internationellt. […] Skolan ska bidra till att eleverna får "
        "en internationell identitet.”",
    )
    assert [p.value["text"] for p in draft.of("goal")] == [
        "Skolan ska bidra till att eleverna får en internationell identitet.”"
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Ett av projektets mål är att minska utsläppen från småbåtshamnar.",
        "Ett av nätverkets mål är att stärka städernas röst i EU.",
        "Ett av Europeiska unionens mål är att främja fred och välfärd.",
        "Näringslivsenheten arbetar för att skapa goda förutsättningar för företagen att växa och nå "
        "nya kunder, även på den internationella marknaden.",
    ],
)
def test_what_others_aim_at_is_not_the_work_s_goal(sentence: str) -> None:
    assert _draft("Omvärld", sentence).of("goal") == []


@pytest.mark.parametrize(
    "item",
    [
        "Minst två elevutbyten per år ska genomföras med våra vänorter.",
        "Utbyten med vänorterna ska ske varje år.",
        "Det internationella arbetet ska bedrivas så att det bidrar till en hållbar utveckling.",
    ],
)
def test_a_target_in_a_goal_list_stays_a_goal(item: str) -> None:
    draft = _draft("Mål", f"- {item}\n- Projekten ska skapa mervärde för invånarna.")
    assert item in [p.value["text"] for p in draft.of("goal")]


def test_a_policy_by_one_body_and_guidelines_by_another_are_two_bodies_duties() -> None:
    draft = _draft(
        "Styrning",
        "Kommunfullmäktige fastställer policy och kommunstyrelsen riktlinjer för det "
        "internationella arbetet.",
    )
    council = {
        p.value["duty"]
        for p in draft.of("responsibility")
        if (p.value["body"] or {}).get("kind") == "council"
    }
    assert "adopts_guidelines" not in council
