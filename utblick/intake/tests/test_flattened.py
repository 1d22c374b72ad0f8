"""Documents as PDF-to-text tools and sharing sites give them: one line, headers inline, few labels."""

from __future__ import annotations

import pytest

from utblick.intake.drafting import Draft, draft_from_text
from utblick.intake.normalise import normalise
from utblick.intake.tests.documents import texts

FLAT = (
    "Källa: https://example.se/dokument/internationell-policy.pdf\n"
    "Internationell policy för Testby kommun Save this PDF as: WORD PNG TXT JPG Storlek: px "
    'Starta visningen från sidan: Download "Internationell policy för Testby kommun" Transkript '
    "1 Internationell policy för Testby kommun Antagen av kommunfullmäktige den 9 oktober 2014, "
    "§ 123 Dnr 171-482/2014 2 Innehåll 1. Inledning 2. Mål 3. Ansvar och uppföljning "
    "3 1. Inledning Testby kommun påverkas i hög grad av vad som händer i omvärlden. "
    "Det internationella arbetet ska bidra till att kommunens verksamheter utvecklas. "
    "Kommunen ska i första hand samarbeta med kommuner i Östersjöregionen. "
    "2. Mål Det internationella arbetet ska: Öka kunskapen om EU bland medarbetarna. "
    "Stärka banden med vänorterna Ge unga möjlighet till utbyten 4 (5) "
    "3. Ansvar och uppföljning Kommunstyrelsen ansvarar för samordningen av det "
    "internationella arbetet. Varje nämnd redovisar sitt internationella arbete årligen "
    "till kommunstyrelsen. Kommunstyrelsen följer upp policyn i samband med bokslut."
)


def test_a_flattened_document_gets_its_headings_paragraphs_and_lists_back() -> None:
    blocks = normalise(FLAT).split("\n\n")
    assert "Källa" not in blocks[0]
    assert "1. Inledning" in blocks and "2. Mål" in blocks
    assert "3. Ansvar och uppföljning" in blocks
    assert "Det internationella arbetet ska:" in blocks
    assert "- Öka kunskapen om EU bland medarbetarna." in blocks
    assert "- Stärka banden med vänorterna" in blocks
    assert "- Ge unga möjlighet till utbyten" in blocks
    text = "\n".join(blocks)
    for gone in ("Save this PDF", "Storlek", "Transkript", "4 (5)", "Innehåll"):
        assert gone not in text, gone
    # the contents' entries are not headings of their own: each heading stands once
    assert blocks.count("1. Inledning") == 1


def test_a_flattened_document_is_drafted_with_its_facts_and_every_element_class() -> None:
    draft = draft_from_text(FLAT, municipality="Testby kommun")
    assert draft.is_policy
    facts = {p.field: p.value["value"] for p in draft.of("metadata")}
    assert facts["title"] == "Internationell policy för Testby kommun"
    assert facts["kind"] == "policy"
    assert facts["adopted_by"]["kind"] == "council"
    assert facts["decided_on"] == "2014-10-09"
    assert facts["registry_number"] == "171-482/2014"
    assert facts["decision_reference"] == "KF § 123"
    goals = [p.value["text"] for p in draft.of("goal")]
    assert "Öka kunskapen om EU bland medarbetarna." in goals
    assert any(g.startswith("Det internationella arbetet ska bidra till") for g in goals)
    principles = [p.value["text"] for p in draft.of("principle")]
    assert principles == ["Kommunen ska i första hand samarbeta med kommuner i Östersjöregionen."]
    duties = {
        (p.value["duty"], (p.value["body"] or {}).get("kind")) for p in draft.of("responsibility")
    }
    assert ("coordinates", "executive_board") in duties
    assert draft.of("cadence")[0].value["kind"] == "yearly"
    for proposal in draft.proposals:  # every proposal still cites its passage
        for passage in proposal.passages:
            assert draft.text[passage.start : passage.end].strip()


def _facts(header: str) -> dict[str, object]:
    text = f"{header}\n\nMål\n\nDet internationella arbetet ska bidra till att verksamheterna utvecklas."
    draft = draft_from_text(text, municipality="Testby kommun")
    return {p.field: p.value["value"] for p in draft.of("metadata")}


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            "Internationell policy\n\nBeslutad av kommunfullmäktige 15 maj 2013",
            {"adopted_by": "council", "decided_on": "2013-05-15"},
        ),
        (
            "Internationell strategi\n\nFastställt av: Kommunfullmäktige Datum: 19 februari 2002",
            {"adopted_by": "council", "decided_on": "2002-02-19"},
        ),
        (
            "Policy för internationellt arbete\n\nAntagen av kommunfullmäktige den 9 oktober 2014",
            {"adopted_by": "council", "decided_on": "2014-10-09"},
        ),
        ("Internationell policy\n\nDnr 171-482/2016", {"registry_number": "171-482/2016"}),
        ("Internationell policy\n\nKs 848/2011", {"registry_number": "Ks 848/2011"}),
        (
            "Internationell policy\n\n§ 4/2014 Dnr 2013/0743 KS-1",
            {"registry_number": "2013/0743 KS-1"},
        ),
        # (a letterhead's postcode after it is not the registry's unit)
        (
            "Internationell policy\n\nDnr 2013/0743 SE-581 91 Linköping",
            {"registry_number": "2013/0743"},
        ),
        # a news item's headline of nine words over its date
        (
            "Testby ansöker om kommunalt partnerskap med Francistown i Botswana\n\n9 november, 2020",
            {"title": "Testby ansöker om kommunalt partnerskap med Francistown i Botswana"},
        ),
        (
            "Internationell policy\n\nAntagen av kommunfullmäktige 2010-03-25, § 45",
            {"decision_reference": "KF § 45", "decided_on": "2010-03-25"},
        ),
        (
            "Riktlinjer för internationellt samarbete\n\n(H 2014 nr 79)\n\nFastställare: Kommunfullmäktige",
            {"decision_reference": "H 2014 nr 79", "adopted_by": "council"},
        ),
        (
            "Program för internationellt arbete\n\nKommunstyrelsen har i dag antagit programmet.",
            {"adopted_by": "executive_board"},
        ),
        ("2 Internationell policy\n\nAntagen av KF 2011-06-20", {"title": "Internationell policy"}),
        (
            "KOMMUNAL FÖRFATTNINGSSAMLING\n\nVÄNORTSPOLICY",
            {"title": "Vänortspolicy", "kind": "policy"},
        ),
    ],
)
def test_each_form_of_the_document_facts(header: str, expected: dict[str, str]) -> None:
    facts = _facts(header)
    for field, value in expected.items():
        found = facts.get(field)
        got = found["kind"] if isinstance(found, dict) else found
        assert got == value, (field, facts)


def test_a_title_and_one_goal_are_never_refused_and_the_gaps_are_named() -> None:
    draft = draft_from_text(
        "Källa: https://example.se/policy\nInternationell policy\n\n"
        "Det internationella arbetet ska bidra till en hållbar utveckling.",
        municipality="Testby kommun",
    )
    assert draft.is_policy
    assert [p.element for p in draft.proposals if p.element != "metadata"] == ["goal"]
    assert "beslutsdatum" in draft.explanation and "ansvarsfördelning" in draft.explanation


def test_a_page_headed_by_its_subject_that_only_ties_the_work_to_a_strategy_is_drafted() -> None:
    draft = draft_from_text(
        "Internationalisering\n\n"
        "Arbetet med internationalisering är en del av kommunens bidrag till Europa 2020.",
        municipality="Testby kommun",
    )
    assert draft.is_policy
    assert [p.element for p in draft.proposals if p.element != "metadata"] == ["taxonomy"]
    assert "mål" in draft.explanation and "principer" in draft.explanation
    # … but a page about something else is still refused
    other = draft_from_text(
        "Kollektivtrafik\n\nBussarna är en del av kommunens bidrag till Europa 2020.",
        municipality="Testby kommun",
    )
    assert not other.is_policy


def test_a_one_word_heading_before_a_sentence_opener_is_a_heading_when_flattened() -> None:
    text = normalise(
        "Källa: https://example.se/hh\n\nHH-samarbetet För att utveckla tillväxten i regionen "
        "kring norra Öresund arbetar Testby och Exempelstad efter en gemensam strategi. Den "
        "bygger på en vision om hur två städer har blivit en stad år 2035. Inom samarbetet "
        "arbetar vi med fokusområdena turism, arbetsmarknad och kultur. "
        + "Samarbetet följs upp av de två kommunstyrelserna varje år och redovisas i bokslutet. "
        * 8
    )
    assert text.split("\n\n")[0] == "HH-samarbetet"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Kommunstyrelsen följer årligen upp det internationella arbetet.", "yearly"),
        ("Arbetet redovisas i samband med bokslut.", "yearly"),
        ("Nämnderna rapporterar sitt internationella arbete varje tertial.", "tertial"),
        ("Arbetet följs upp i delårsrapporten och i årsredovisningen.", "tertial"),
        ("Nämnderna redovisar sitt internationella arbete två gånger per år.", "custom"),
        ("Handlingsplanen följs upp årligen av kommunstyrelsen.", "yearly"),
        ("En gång om året redovisas det internationella arbetet för kommunstyrelsen.", "yearly"),
    ],
)
def test_the_follow_up_cadence_words(sentence: str, kind: str) -> None:
    draft = draft_from_text(
        f"Internationell policy\n\nAntagen av kommunfullmäktige 2020-01-01\n\nUppföljning\n\n{sentence}",
        municipality="Testby kommun",
    )
    assert draft.of("cadence")[0].value["kind"] == kind


def test_a_web_page_that_restates_its_policy_is_read_without_its_navigation() -> None:
    page = (
        "Källa: https://www.example.se/internationellt\nsearch\nSök\nmenu\nMeny\n\n"
        "Internationellt arbete\n\n"
        "Det internationella arbetet syftar till att öka förståelsen mellan människor.\n\n"
        "Övergripande mål för arbetet är;\n\n"
        "  • Öka invånarnas förståelse för andra kulturer.\n"
        "  • Bidra till en demokratisk samhällsutveckling.\n\n"
        "Politiskt beslut\n\n"
        "Testby kommunfullmäktige antog den 25 juni 1998 en internationell strategi.\n\n"
        "Samordningen av kommunens internationella arbete sker på kommunstyrelseförvaltningens "
        "kanslienhet. Enheten ger stöd till nämnderna i det internationella arbetet.\n"
    )
    draft = draft_from_text(page, municipality="Testby kommun")
    assert draft.is_policy
    assert "Meny" not in draft.text and "search" not in draft.text
    facts = {p.field: p.value["value"] for p in draft.of("metadata")}
    assert facts["title"] == "Internationellt arbete"
    assert (facts["adopted_by"]["kind"], facts["decided_on"]) == ("council", "1998-06-25")
    goals = [p.value["text"] for p in draft.of("goal")]
    assert "Bidra till en demokratisk samhällsutveckling." in goals
    assert goals[0].startswith("Det internationella arbetet syftar till")
    duties = {
        (p.value["duty"], (p.value["body"] or {}).get("name")) for p in draft.of("responsibility")
    }
    assert ("coordinates", "Kommunstyrelseförvaltningens kanslienhet") in duties
    assert ("supports", "Kommunstyrelseförvaltningens kanslienhet") in duties


def test_a_title_after_the_header_labels_and_a_footer_in_capitals() -> None:
    line = (
        "Untitled 1 (2) Dnr: KS 2019/0123-4 2019-03-18 Kommunledningskontoret Anna Exempel, "
        "000-000 00 00 "
        "Testby i världen - Internationell policy för Testby kommun - nämnder och bolag "
        "Ökad internationalisering och medlemskapet i EU har gjort att kommunen påverkas av "
        "omvärlden. Internationella kontakter blir allt viktigare för kommunens verksamheter. "
        "Kommunens internationella arbete skall bidra till att uppfylla kommunens mål. "
        "Aktiviteter som kommer barn och unga till del skall särskilt prioriteras "
        "POSTADRESS BESÖKSADRESS TELEFON Testby kommun Storgatan 1 000-000 00 00 2 (2)"
    )
    draft = draft_from_text(
        "Källa: https://example.se/doc/untitled\n" + line, municipality="Testby kommun"
    )
    titles = [p.value["value"] for p in draft.of("metadata") if p.field == "title"]
    assert titles == [
        "Testby i världen - Internationell policy för Testby kommun - nämnder och bolag"
    ]
    principles = [p.value["text"] for p in draft.of("principle")]
    assert principles == [
        "Aktiviteter som kommer barn och unga till del skall särskilt prioriteras"
    ]


def _first_blocks(text: str, count: int) -> list[str]:
    return [b for b in normalise(text).split("\n\n") if b.strip()][:count]


@pytest.mark.parametrize(
    ("page", "title"),
    [
        # the site's tools before the heading, and a first sentence whose verb comes late
        (
            "Gå till innehåll Verktygsfält Sök Meny Vänortssamarbete Glädjen i att mötas över "
            "gränserna är det som bär vänortsarbetet. Testby har tre vänorter i Norden. "
            "Utbytena ska i första hand omfatta skolor och föreningar.",
            "Vänortssamarbete",
        ),
        # a logo's text and a reading tool, then a heading in two parts joined by "och/eller"
        (
            "Testby kommuns logga Lyssna Nordiska och/eller europeiska samarbeten Kommunen "
            "deltar i flera nätverk runt Östersjön. Samarbetet ska ge nytta för invånarna. "
            "Nätverken följs upp varje år.",
            "Nordiska och/eller europeiska samarbeten",
        ),
        # a heading of one word that names the work
        (
            "EU-arbete Testby kommun söker och får stöd ur EU:s fonder. Projekten ska utgå "
            "från verksamheternas behov. Kommunens EU-samordnare stödjer den som söker medel.",
            "EU-arbete",
        ),
        # a heading in capitals is one heading, and the page may repeat it in its own case
        (
            "VÄNORTSPOLICY FÖR TESTBY Vänortspolicy för Testby Kommunen har vänorter i tre "
            "länder. Utbytet ska omfatta skolor och föreningar. Kommunstyrelsen beslutar om "
            "nya vänorter.",
            "VÄNORTSPOLICY FÖR TESTBY Vänortspolicy för Testby",
        ),
        # a heading about the work over its section's menu, a run of links without a verb
        (
            "Internationellt samarbete Testby och EU - strategi och samverkan Europa Direkt och "
            "Leader. EU påverkar de flesta verksamheter i en kommun. Projekten ska utgå från "
            "verksamheternas behov.",
            "Internationellt samarbete",
        ),
        # a first sentence that opens with "För att" and has its verb late
        (
            "Internationellt arbete För att lära av andra, sprida våra erfarenheter och använda "
            "våra resurser så väl som möjligt i alla delar av kommunens verksamheter bedriver "
            "Testby kommun ett internationellt arbete. Arbetet ska utgå från verksamheternas "
            "behov. Kommunstyrelsen samordnar arbetet.",
            "Internationellt arbete",
        ),
        # a one-word heading that names internationalisation
        (
            "Internationalisering Ett långsiktigt arbete med internationalisering är en del av "
            "kommunens utveckling. Skolorna ska delta i utbyten. Arbetet ska vara långsiktigt och "
            "följas upp varje år.",
            "Internationalisering",
        ),
        # a one-word heading before the region's name, which is not part of it
        (
            "Intressebevakning Region Testland arbetar med påverkan nationellt och "
            "internationellt. Frågorna ska förankras hos kommunerna. Regionstyrelsen beslutar "
            "om vilka frågor som prioriteras.",
            "Intressebevakning",
        ),
        # a heading that tells how the work is done has its own verb
        (
            "Så arbetar vi internationellt För att stärka utvecklingen i länet arbetar regionen "
            "inom EU. Arbetet ska ske i samverkan med kommunerna. Regionen följer upp arbetet "
            "varje år.",
            "Så arbetar vi internationellt",
        ),
    ],
)
def test_a_flattened_web_page_starts_with_its_heading(page: str, title: str) -> None:
    blocks = _first_blocks(f"Källa: https://example.se/sida\n{page}\n", 2)
    assert blocks[0] == title
    assert blocks[1][:1].isupper() and blocks[1].endswith(".")


def test_labelled_paragraphs_after_a_lead_stay_paragraphs_not_list_items() -> None:
    page = (
        "Källa: https://example.se/sida\nInternationellt arbete Testby kommun arbetar med tre "
        "utgångspunkter för det internationella arbetet som fullmäktige har beslutat om: "
        "Kunskap: Medarbetare ska lära av andra. Utbyten sker främst i Norden. Kultur och "
        "idrott: Föreningar ska få stöd till utbyten. Näringsliv: Företag ska få kontakter.\n"
    )
    blocks = _first_blocks(page, 8)
    assert "Kunskap: Medarbetare ska lära av andra." in blocks
    assert "Kultur och idrott: Föreningar ska få stöd till utbyten." in blocks
    assert not any(b.startswith("- ") for b in blocks)


def test_a_heading_ending_with_the_name_the_next_sentence_starts_with_is_a_heading() -> None:
    page = (
        "Källa: https://example.se/sida\nEU-arbete Illustration: Anna Exempel Kommunen söker "
        "medel ur EU:s fonder för sina verksamheter. EU i Norra Testby Norra Testby kommun har "
        "en EU-samordnare som arbetar med att vägleda kommunens verksamheter. Testbys "
        "EU-samordningsfunktion verkar som internt stöd.\n"
    )
    blocks = _first_blocks(page, 6)
    assert blocks[0] == "EU-arbete"
    assert "Illustration" not in " ".join(blocks)
    assert "EU i Norra Testby" in blocks
    draft = draft_from_text(page, municipality="Norra Testby kommun")
    duties = [(p.value["duty"], p.value["body"]["name"]) for p in draft.of("responsibility")]
    assert ("supports", "EU-samordnare") in duties
    assert ("supports", "EU-samordningsfunktion") in duties


def test_areas_each_headed_over_their_own_text_under_an_empty_areas_heading() -> None:
    page = (
        "Källa: https://example.se/internationellt\n"
        "Internationell strategi Testby kommuns internationella arbete ska stärka kommunens "
        "verksamheter. Prioriterade områden Kunskap och erfarenhetsutbyte Det internationella "
        "arbetet ska ge medarbetarna nya kunskaper. Utbyten ger också nya kontakter. "
        "Unga får möta jämnåriga i andra länder Vårt internationella arbete ska ge unga "
        "möjlighet till utbyten. Grön omställning Vi ska söka samarbeten om klimatet. "
        "Uppföljning Kommunstyrelsen följer upp arbetet årligen."
    )
    draft = draft_from_text(page, municipality="Testby kommun")
    areas = [p.value["name"] for p in draft.of("focus_area")]
    # a lost full stop before "Vårt" ends a heading; "Uppföljning" is the document's own section
    assert areas == [
        "Kunskap och erfarenhetsutbyte",
        "Unga får möta jämnåriga i andra länder",
        "Grön omställning",
    ]
    goals = [p.value["text"] for p in draft.of("goal")]
    # an area's sentence that names the work's aim is a goal; an area's own aim is not
    assert "Det internationella arbetet ska ge medarbetarna nya kunskaper." in goals
    assert "Vårt internationella arbete ska ge unga möjlighet till utbyten." in goals
    assert not any("klimatet" in goal for goal in goals)


def test_a_list_of_names_ends_where_its_names_return_as_headings_or_a_sentence_starts() -> None:
    page = (
        "Källa: https://example.se/sida\nInternationellt arbete Testby kommun arbetar "
        "internationellt inom flera områden. I strategin pekas tre fokusområden ut: "
        "• Kompetens och verksamhetsutveckling • Näringsliv • Hållbar utveckling och klimat "
        "Kompetens och verksamhetsutveckling Utbyten ger medarbetarna nya kunskaper. "
        "Hållbar utveckling och klimat Kommunen deltar i nätverk om klimatet.\n"
    )
    blocks = _first_blocks(page, 12)
    assert "- Hållbar utveckling och klimat" in blocks
    assert "Kompetens och verksamhetsutveckling" in blocks  # the name again, as a heading
    other = (
        "Källa: https://example.se/sida\nInternationellt arbete Testby kommun arbetar "
        "internationellt. I strategin pekas två fokusområden ut: • Näringsliv • Hållbar "
        "samhällsutveckling Dessa fokusområden bygger på kommunens mål. Arbetet följs upp.\n"
    )
    assert "- Hållbar samhällsutveckling" in _first_blocks(other, 8)


NUMBERED_AREAS = (
    "Källa: https://example.se/strategi\n\n"
    "Strategi för internationellt arbete Strategin ska bidra till utbyte mellan människor och "
    "kulturer. Den ger en inriktning för kommunens verksamheter. Prioriterade områden "
    "1. Internationella nätverk och relationer 2. Omvärldsbevakning 3. Transnationella projekt "
    "En målgrupp som lyfts fram är ungdomar. Arbetet följs upp årligen i bokslutet. "
    "Kommunstyrelsen leder det internationella arbetet och varje nämnd ansvarar för sina "
    "internationella kontakter inom sitt område. Regionen ingår ett avtal under tre punkter: "
    "1. Näringsliv och investeringar 2. Ökad kunskap om EU Målet med avtalet är att fler unga "
    "ska delta i utbyten.\n"
)


def test_a_numbered_list_run_into_a_flattened_line_gives_its_names_back() -> None:
    draft = draft_from_text(NUMBERED_AREAS, municipality="Testby kommun")
    areas = {p.value["name"] for p in draft.of("focus_area")}
    assert {
        "Internationella nätverk och relationer",
        "Omvärldsbevakning",
        "Transnationella projekt",
        "Näringsliv och investeringar",
        "Ökad kunskap om EU",
    } <= areas
    assert not any(p.value["text"].startswith("Näringsliv") for p in draft.of("principle"))
    blocks = normalise(NUMBERED_AREAS).split("\n\n")
    assert "En målgrupp som lyfts fram är ungdomar." in blocks


def test_two_numbered_lists_in_one_flattened_line_are_both_read() -> None:
    line = (
        "Källa: https://example.se/eu\n\nEU-strategi för Testby kommun "
        + "Strategin ska bidra till att kommunen utvecklas genom samarbete i Europa. " * 6
        + "Prioriterade områden 1. Nätverk i Europa 2. Omvärldsbevakning Kommunen deltar i "
        "nätverk. Kommunen ingår avtal under tre punkter: 1. Näringsliv 2. Kunskap om EU "
        "3. Unga i Europa Målet är att fler unga deltar i utbyten.\n"
    )
    items = [b for b in normalise(line).split("\n\n") if b.startswith("- ")]
    assert items == [
        "- Nätverk i Europa",
        "- Omvärldsbevakning",
        "- Näringsliv",
        "- Kunskap om EU",
        "- Unga i Europa",
    ]


def test_a_news_item_run_into_one_line_keeps_its_headline_and_dateline_apart() -> None:
    news = (
        "Källa: https://example.se/nyheter/vanorter\n\n"
        "12 mars 2021 Testby kommun kan säga upp sina vänortssamarbeten Kommunstyrelsen har "
        "beslutat att föreslå kommunfullmäktige att avsluta två vänortssamarbeten. Utbytet har "
        "varit vilande i många år. Kan vi inte se konkreta vinster av ett utbyte ska vi använda "
        "resurserna i våra kärnverksamheter istället.\n"
    )
    blocks = normalise(news).split("\n\n")
    assert blocks[:2] == ["12 mars 2021", "Testby kommun kan säga upp sina vänortssamarbeten"]
    draft = draft_from_text(news, municipality="Testby kommun")
    assert draft.is_policy
    facts = {p.field: p.value["value"] for p in draft.of("metadata")}
    assert facts["title"] == "Testby kommun kan säga upp sina vänortssamarbeten"


def test_a_short_page_with_bullets_and_its_sites_name_is_read_as_a_flattened_page() -> None:
    page = (
        "Källa: https://example.se/bidrag/vanortsutbyte\n\n"
        "Testby kommun - startsida Vänortsutbyte Bidrag kan utgå till föreningar i Testby "
        "kommun som bedriver utbyte med en förening utanför Sverige. • Bidrag utgår med högst "
        "6 600 kr per år och förening. • Utbytet bör omfatta minst fem dagar. • Föreningen "
        "måste ansöka om bidrag senast två månader före avresan.\n"
    )
    blocks = normalise(page).split("\n\n")
    assert blocks[0] == "Vänortsutbyte"
    assert "- Utbytet bör omfatta minst fem dagar." in blocks
    draft = draft_from_text(page, municipality="Testby kommun")
    facts = {p.field: p.value["value"] for p in draft.of("metadata")}
    assert facts["title"] == "Vänortsutbyte"
    assert "Utbytet bör omfatta minst fem dagar." in {
        p.value["text"] for p in draft.of("principle")
    }


@pytest.mark.parametrize(
    ("line", "title"),
    [
        # the office's name after the title's word, the sentence opening with that word again
        (
            "Projektkontor Norra Dalen Projektkontorets uppgift är att stödja kommunerna med "
            "ansökningar om EU-medel. Kontoret ska även bevaka EU:s program.",
            "Projektkontor Norra Dalen",
        ),
        # a definite noun before the name repeated opens the first sentence
        (
            "Stärk utbytet Fokusområdet Stärk utbytet innebär att fler kulturaktörer samarbetar "
            "med partner i Europa. Det internationella arbetet syftar till att öka förståelsen.",
            "Stärk utbytet",
        ),
        # … but not the site's name: "Testby kommun" and what follows are no title
        (
            "Testby kommun Internationellt Flaggor Testby kommun arbetar aktivt med "
            "internationella frågor. Kommunen har fyra vänorter.",
            None,
        ),
        (
            "Region Halland Internationellt Regionens internationella arbete syftar till att "
            "stärka regionen. Regionen har ett kontor i Bryssel.",
            "Region Halland",
        ),
        # a title that ends on a name in -en keeps it
        (
            "Internationellt arbete i Västra Götalandsregionen Internationellt arbete ska bidra "
            "till regionens utveckling. Regionen har många kontakter.",
            "Internationellt arbete i Västra Götalandsregionen",
        ),
    ],
)
def test_a_page_s_title_run_into_its_first_sentence(line: str, title: str | None) -> None:
    more = " Kommunerna samarbetar med partner i flera länder i Europa och i Norden."
    text = f"Källa: https://example.se/sida\n\n{line}{more}\n"
    draft = draft_from_text(text, municipality="Testby kommun")
    titles = [p.value["value"] for p in draft.of("metadata") if p.field == "title"]
    assert titles == ([title] if title else [])


def test_a_first_sentence_with_a_name_after_a_conjunction_is_no_headline() -> None:
    line = (
        "Källa: https://example.se/sida\n\nTestby kommun är en liten kommun men Europa finns "
        "överallt i vår vardag. Kommunen har fyra vänorter i Norden. Kommunerna samarbetar med "
        "partner i flera länder i Europa.\n"
    )
    blocks = normalise(line).split("\n\n")
    assert blocks[0] == "Testby kommun är en liten kommun men Europa finns överallt i vår vardag."


def _flat(*sentences: str) -> str:
    """A page whose text a converter gave as one line."""
    return "Källa: https://example.se/internationellt\n\n" + " ".join(sentences) + "\n"


def test_a_dash_list_after_its_lead_run_into_one_line_gives_its_items_back() -> None:
    draft = draft_from_text(
        _flat(
            "Riktlinje för internationellt samarbete Inledning och syfte",
            "Internationellt samarbete är ett verktyg i utvecklingen av verksamheterna. " * 6,
            "De övergripande målen för Testby kommuns internationella arbete är: - "
            "Verksamhetsutveckling - Främja internationellt utbyte för barn och unga - "
            "Möjliggöra extern finansiering",
        ),
        municipality="Testby kommun",
    )
    goals = [p.value["text"] for p in draft.of("goal")]
    assert "Verksamhetsutveckling" in goals
    assert "Främja internationellt utbyte för barn och unga" in goals


def test_a_dash_that_joins_words_makes_no_list() -> None:
    blocks = normalise(
        _flat(
            "Internationell policy",
            "Internationellt samarbete är ett verktyg i utvecklingen av verksamheterna. " * 6,
            "Kommunen har två vänorter: Vasa - i Finland - och Riga - i Lettland. Kommunen ska "
            "samarbeta med dem.",
        )
    ).split("\n\n")
    assert "- Vasa - i Finland - och Riga - i Lettland." in blocks


def test_a_list_run_into_a_question_heading_or_a_page_date_ends_before_it() -> None:
    draft = draft_from_text(
        _flat(
            "Överenskommelse för EU-samverkan Vilka är de gemensamma utvecklingsområdena?",
            "I överenskommelsen ingår att gemensamt utveckla följande områden: 1. Strategiskt "
            "påverkansarbete på EU-nivå 2. Kompetensutveckling inom EU-området 3. Samverkan "
            "mellan GR:s EU-nätverk och stadens nätverk Hur sker samarbetet? GR ska bidra "
            "till att det internationella perspektivet integreras i arbetet.",
            "Den strategiska inriktningen för framtida utbyten bör bygga på gemensamma nämnare: "
            "• Östersjösamarbete, båtliv och turism • Familj, barn och ungdomsfrågor "
            "• Funktionshindrade, lagstiftning Senast publicerad: 2013-09-30 Kontakt Testby kommun",
        ),
        municipality="Testby kommun",
    )
    areas = [p.value["name"] for p in draft.of("focus_area")]
    assert areas == [
        "Strategiskt påverkansarbete på EU-nivå",
        "Kompetensutveckling inom EU-området",
        "Samverkan mellan GR:s EU-nätverk och stadens nätverk",
        "Östersjösamarbete, båtliv och turism",
        "Familj, barn och ungdomsfrågor",
        "Funktionshindrade, lagstiftning",
    ]


def test_an_areas_heading_run_into_its_names_gives_the_names() -> None:
    draft = draft_from_text(
        _flat(
            "Vänorter Kommunen har två vänorter.",
            "Inom samarbete prioriteras följande område Demokratifrågor, företag och "
            "sysselsättning, social välfärd, utbildning och turism.",
        ),
        municipality="Testby kommun",
    )
    areas = [p.value["name"] for p in draft.of("focus_area")]
    assert areas[:2] == ["Demokratifrågor", "Företag och sysselsättning"]
    assert "Utbildning" in areas and "Turism" in areas


def test_dashes_glued_to_their_items_make_a_list_in_one_line() -> None:
    draft = draft_from_text(
        _flat(
            "Strategi för Ådalsrådet",
            "Rådet samlar kommunerna på båda sidor om gränsen. " * 6,
            "För att nå de uppställda målen ska Ådalsrådet i första hand -Skapa nätverk över "
            "riksgränserna i norr. -Främja en hållbar samhällsutveckling i regionen, -Söka "
            "samarbete med andra nordiska regioner.",
        ),
        municipality="Ådalsrådet",
    )
    goals = [p.value["text"] for p in draft.of("goal")]
    assert "Skapa nätverk över riksgränserna i norr." in goals
    assert "Söka samarbete med andra nordiska regioner." in goals


def test_a_lead_that_counts_its_names_gets_that_many_from_one_line() -> None:
    draft = draft_from_text(
        _flat(
            "Ådalsrådets strategi",
            "Strategin visar vägen för de gränsregionala samarbetena. " * 6,
            "Avtrycket beskrivs i form av fem prioriterade områden: Demografi och "
            "attraktionskraft Tillgänglighet Grön omställning Kompetens och lärande Samverkan "
            "invånare emellan – Dessa områden ingår nu i de dokument som styr arbetet.",
        ),
        municipality="Ådalsrådet",
    )
    assert [p.value["name"] for p in draft.of("focus_area")] == [
        "Demografi och attraktionskraft",
        "Tillgänglighet",
        "Grön omställning",
        "Kompetens och lärande",
        "Samverkan invånare emellan",
    ]


@pytest.mark.parametrize(
    ("line", "title"),
    [
        (
            "Ådalsrådets första strategi som en Europeisk Gruppering för Territoriellt Samarbete "
            "Ådalsrådet har godkänt en ny strategi för samarbetet.",
            "Ådalsrådets första strategi som en Europeisk Gruppering för Territoriellt Samarbete",
        ),
        # (a sentence that has begun is no part of the title, though it names it again)
        (
            "EU-projekt och internationellt De flesta av de EU-projekt som kommunen deltar i "
            "genomförs på regional nivå.",
            "EU-projekt och internationellt",
        ),
    ],
)
def test_a_title_whose_name_opens_the_text_under_it(line: str, title: str) -> None:
    draft = draft_from_text(
        _flat(
            line,
            "Kommunen samarbetar med regioner i hela Europa. " * 20,
            "Det internationella arbetet ska bidra till tillväxt.",
        ),
        municipality="Ådalsrådet",
    )
    assert [p.value["value"] for p in draft.proposals if p.field == "title"] == [title]


def test_labelled_names_whose_descriptions_run_on_are_all_read_from_one_line() -> None:
    draft = draft_from_text(
        _flat(
            "Internationellt arbete",
            "Kommunen deltar i samarbeten i hela Europa. " * 20,
            "Kommunen har fyra utgångspunkter för sitt internationella arbete: Utveckling: Med "
            "utgångspunkt i kommunens mål. Synas, påverka och delta i nätverk. Solidaritet: "
            "Stödja andra kommuner i världen. Sida:s mål utgör viktiga utgångspunkter. Ekonomisk "
            "tillväxt: Underlätta för företag att få internationella kontakter.",
            "Internationella kontoret ansvarar för samordningen av arbetet.",
        ),
        municipality="Testby kommun",
    )
    assert [p.value["name"] for p in draft.of("focus_area")] == [
        "Utveckling",
        "Solidaritet",
        "Ekonomisk tillväxt",
    ]


def test_names_a_sentence_lists_after_its_colon_stay_in_the_sentence() -> None:
    draft = draft_from_text(
        _flat(
            "Om oss",
            "Ådalsrådet är ett samarbete mellan skärgårdarna i Norden. " * 20,
            "Vi har valt att dela in vår verksamhet i fyra områden: Miljö, Bo & leva, Näringsliv "
            "och Infrastruktur. Vi verkar för ett mer integrerat Norden.",
        ),
        municipality="Ådalsrådet",
    )
    assert [p.value["name"] for p in draft.of("focus_area")] == [
        "Miljö",
        "Bo & leva",
        "Näringsliv",
        "Infrastruktur",
    ]


def test_a_lead_that_refers_back_keeps_its_body_for_the_items_in_one_line() -> None:
    draft = draft_from_text(
        _flat(
            "Policy för internationella frågor",
            "Kommunen samarbetar med kommuner i andra länder. " * 20,
            "Utvecklingsavdelningen ansvarar för samordning och stöd i internationella frågor. "
            "Detta innebär bland annat att: • samordna kommunens arbete med internationella "
            "frågor • bevaka möjligheter att få ekonomiskt stöd till projekt",
        ),
        municipality="Testby kommun",
    )
    duties = {(p.value["duty"], p.value["body"]["name"]) for p in draft.of("responsibility")}
    assert ("monitors", "Utvecklingsavdelningen") in duties


def test_a_heading_said_again_as_the_first_sentence_s_subject_is_the_title_once() -> None:
    draft = draft_from_text(
        _flat(
            "Euroregion Ådalen Euroregion Ådalen (ERÅ) är en politisk plattform för regionalt "
            "samarbete i Östersjöområdet.",
            "Organisationen deltar i flera internationella samverkansprojekt. " * 15,
            "Agendan pekar ut tre fokusområden: • lobbyaktiviteter • strategiska insatser "
            "• utbyten Medlemmar och ordförandeskap Medlemsregionerna turas om att vara ordförande.",
        ),
        municipality="Region Testland",
    )
    titles = [p.value["value"] for p in draft.proposals if p.field == "title"]
    assert titles == ["Euroregion Ådalen"]
    assert [p.value["name"] for p in draft.of("focus_area")] == [
        "Lobbyaktiviteter",
        "Strategiska insatser",
        "Utbyten",
    ]


def test_a_list_of_aims_in_lower_case_keeps_the_names_inside_its_items() -> None:
    blocks = normalise(
        _flat(
            "EU-strategi",
            "Regionen deltar aktivt i det europeiska samarbetet. " * 15,
            "Arbetet ska: • öka kunskapen om EU • optimera Region Testlands mervärde av "
            "deltagande i EU-arbete • möjliggöra ett ökat inflöde av EU-medel",
        )
    ).split("\n\n")
    assert "- optimera Region Testlands mervärde av deltagande i EU-arbete" in blocks


#: A page's opening text, long enough for the line to read as a flattened document.
_FILLER = "Kommunen har cirka 40 000 invånare och ligger vid kusten. " * 16


def _flat_draft(title: str, text: str) -> Draft:
    return draft_from_text(_flat(title, _FILLER, text), municipality="Testby kommun")


def test_a_list_of_short_aims_keeps_the_names_in_its_items() -> None:
    draft = _flat_draft(
        "Internationell policy",
        "Kommunen ska: • bevaka EU-frågor • delta i nätverk • påverka EU:s beslut • söka EU-medel "
        "för utveckling",
    )
    assert texts(draft, "goal") == [
        "bevaka EU-frågor",
        "delta i nätverk",
        "påverka EU:s beslut",
        "söka EU-medel för utveckling",
    ]


def test_a_list_of_areas_in_lower_case_keeps_a_name_after_kring() -> None:
    draft = _flat_draft(
        "Internationell strategi",
        "Kommunen prioriterar följande områden: • miljö • näringsliv • samarbete kring Östersjön "
        "• kompetens",
    )
    names = [p.value["name"] for p in draft.of("focus_area")]
    assert names == ["Miljö", "Näringsliv", "Samarbete kring Östersjön", "Kompetens"]


def test_a_lead_with_a_subject_of_its_own_does_not_give_its_items_to_the_body_before() -> None:
    draft = _flat_draft(
        "Internationell policy",
        "Kommunstyrelsen har det övergripande ansvaret för policyn. Det innebär att nämnderna ska: "
        "• bevaka EU:s lagstiftning inom sina områden • rapportera sitt internationella arbete "
        "årligen",
    )
    duties = {(p.value["duty"], p.value["body"]["name"]) for p in draft.of("responsibility")}
    assert ("monitors", "Kommunstyrelsen") not in duties


def test_a_page_label_after_labelled_names_is_no_area() -> None:
    draft = _flat_draft(
        "Internationell policy",
        "Kommunen har tre utgångspunkter för sitt internationella arbete: Utveckling: Arbetet ska "
        "utveckla verksamheterna. Det ska ske i samverkan. Solidaritet: Kommunen ska stödja andra "
        "kommuner. Kontakt: Anna Andersson är EU-samordnare. Hon nås via växeln.",
    )
    assert [p.value["name"] for p in draft.of("focus_area")] == ["Utveckling", "Solidaritet"]


def test_places_joined_by_glued_dashes_stay_one_sentence() -> None:
    sentence = "Samarbetet med Haparanda -Tornio och Kemi -Torneå ska stärkas."
    assert sentence in normalise(_flat("Internationell policy", _FILLER, sentence)).split("\n\n")


def test_a_noun_ending_in_ens_ends_the_last_numbered_item() -> None:
    draft = _flat_draft(
        "Internationell policy",
        "Det internationella arbetet ska: 1. Öka kunskapen om EU 2. Stärka medarbetarnas "
        "kompetens Kommunstyrelsen ansvarar för uppföljningen av policyn.",
    )
    assert texts(draft, "goal") == ["Öka kunskapen om EU", "Stärka medarbetarnas kompetens"]


def test_names_with_their_descriptions_are_not_counted_apart() -> None:
    draft = _flat_draft(
        "Internationell strategi",
        "Strategin har fyra fokusområden: Utbildning Här ingår skolutbyten. Näringsliv Här ingår "
        "exportfrämjande insatser. Kultur Här ingår kulturutbyten. Miljö Här ingår "
        "klimatsamarbeten.",
    )
    names = [p.value["name"] for p in draft.of("focus_area")]
    assert "Här ingår skolutbyten" not in names and "Näringsliv" not in names


def test_an_areas_heading_run_into_its_names_ends_at_the_next_sentence() -> None:
    draft = _flat_draft(
        "Internationell strategi",
        "Under perioden prioriteras följande områden Utbildning och arbetsmarknad, Klimat och miljö "
        "samt Kultur Kommunstyrelsen ansvarar för uppföljningen.",
    )
    names = [p.value["name"] for p in draft.of("focus_area")]
    assert names == ["Utbildning och arbetsmarknad", "Klimat och miljö", "Kultur"]


def test_a_kind_word_said_twice_is_no_name_that_opens_the_text() -> None:
    draft = draft_from_text(
        _flat(
            "Policy Policy för internationellt arbete Inledning Policy för internationellt arbete "
            "gäller alla nämnder.",
            _FILLER,
            "Det internationella arbetet ska bidra till tillväxt.",
        ),
        municipality="Testby kommun",
    )
    assert [p.value["value"] for p in draft.proposals if p.field == "title"] == [
        "Policy för internationellt arbete"
    ]


#: A region's strategy as a PDF converter gives it: header, sections, lists and page numbers on
#: one line.
FLAT_STRATEGY = (
    "Källa: https://example.se/region-testland/internationellt.pdf\n\n"
    "Strategi för Region Testlands internationella arbete 2025–2028 Region Testland Antagen av "
    "regionfullmäktige den 12 mars 2025, § 34 Dnr RS 2024/0815 1 (6) Inledning Region "
    "Testlands internationella arbete ska bidra till att länet utvecklas som en hållbar och "
    "attraktiv del av Europa. Regionen samarbetar med regioner i hela Östersjöområdet och "
    "deltar i europeiska nätverk. Syfte De övergripande målen för Region Testlands "
    "internationella arbete är: - Stärka länets konkurrenskraft - Främja internationellt utbyte "
    "för unga - Öka inflödet av EU-medel till länet Fokusområden Arbetet koncentreras till fem "
    "prioriterade områden: Innovation och näringsliv Kompetensförsörjning Grön omställning "
    "Kultur Tillgänglighet – Områdena följs upp årligen. Principer Det internationella arbetet "
    "ska vara en integrerad del av ordinarie verksamhet. Samarbeten ska bygga på ömsesidighet "
    "och nytta för båda parter. Ansvar Regionstyrelsen ansvarar för samordningen av det "
    "internationella arbetet. Enheten för internationella frågor ansvarar för stöd och "
    "omvärldsbevakning. Detta innebär bland annat att: • samordna regionens EU-ansökningar "
    "• bevaka utlysningar i EU:s program • stödja förvaltningarna i projektutveckling "
    "Uppföljning Regionstyrelsen följer upp strategin årligen i samband med årsredovisningen. "
    "2 (6)\n"
)


def test_a_flattened_strategy_gets_its_sections_lists_and_title_back() -> None:
    blocks = normalise(FLAT_STRATEGY).split("\n\n")
    for block in ("Fokusområden", "Uppföljning", "- Öka inflödet av EU-medel till länet"):
        assert block in blocks, block
    assert "- stödja förvaltningarna i projektutveckling" in blocks
    draft = draft_from_text(FLAT_STRATEGY, municipality="Umeå kommun")
    assert [p.value["value"] for p in draft.proposals if p.field == "title"] == [
        "Strategi för Region Testlands internationella arbete 2025–2028"
    ]
    assert [p.value["name"] for p in draft.of("focus_area")] == [
        "Innovation och näringsliv",
        "Kompetensförsörjning",
        "Grön omställning",
        "Kultur",
        "Tillgänglighet",
    ]
    assert texts(draft, "goal")[1:] == [
        "Stärka länets konkurrenskraft",
        "Främja internationellt utbyte för unga",
        "Öka inflödet av EU-medel till länet",
    ]
    duties = {(p.value["duty"], p.value["body"]["kind"]) for p in draft.of("responsibility")}
    assert {("follows_up", "executive_board"), ("supports", "international_unit")} <= duties
