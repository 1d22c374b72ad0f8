"""Demo activities and partners for the four municipalities.

What the source texts say is used as such (Uppsala's Eurocities membership
since 2015, Umeå's child and youth focus and its rule on development aid,
Kungälv's invited associations, Upplands-Bro's EU funds); everything else is
marked ``example`` and says so in its summary. Loading is idempotent: an
activity that exists (same kind and title) is left as it is.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from utblick.activities.models import Activity
from utblick.activities.services import activity_publish, activity_save, budget_set
from utblick.activities.validation import Tags
from utblick.core.tenancy import system_access
from utblick.funding.models import Funding, FundingSource
from utblick.funding.services import funding_save
from utblick.municipalities.models import Municipality
from utblick.organisation.models import Contact, Unit
from utblick.partners.models import Partner
from utblick.partners.services import partner_find_or_create, partner_save
from utblick.policies.models import FocusArea, Goal, PolicyStatus, Term
from utblick.travel.models import Trip
from utblick.travel.services import trip_save

EXAMPLE = "Exempel: påhittad demopost, inte ur källtexten."
TWINS = "Exempel: källan säger att Uppsala har vänortsavtal med sju städer men namnger dem inte."

#: name, kind, country, place, latitude, longitude (of the place, for the map)
PARTNERS: dict[str, list[tuple[str, str, str, str, str, str]]] = {
    "uppsala": [
        ("Eurocities", "network", "BE", "Bryssel", "50.8503", "4.3517"),
        ("Bærum kommune", "municipality", "NO", "Bærum", "59.894", "10.5464"),
        ("Frederiksberg Kommune", "municipality", "DK", "Frederiksberg", "55.6786", "12.5323"),
        ("Hafnarfjarðarkaupstaður", "municipality", "IS", "Hafnarfjörður", "64.0671", "-21.9377"),
        ("Hämeenlinnan kaupunki", "municipality", "FI", "Hämeenlinna", "60.9959", "24.4643"),
        ("Tartu linn", "municipality", "EE", "Tartu", "58.3776", "26.729"),
        ("City of Minneapolis", "municipality", "US", "Minneapolis", "44.9778", "-93.265"),
        ("Daejeon Metropolitan City", "municipality", "KR", "Daejeon", "36.3504", "127.3845"),
        ("Uppsala universitet", "university", "SE", "Uppsala", "59.8586", "17.6389"),
        ("Ville de Lyon", "municipality", "FR", "Lyon", "45.764", "4.8357"),
        ("Gemeente Utrecht", "municipality", "NL", "Utrecht", "52.0907", "5.1214"),
    ],
    "umea": [
        ("Union of the Baltic Cities", "network", "PL", "Gdańsk", "54.352", "18.6466"),
        ("Vaasan kaupunki", "municipality", "FI", "Vasa", "63.096", "21.6158"),
        ("Umeå universitet", "university", "SE", "Umeå", "63.82", "20.307"),
        ("Mwanza City Council", "municipality", "TZ", "Mwanza", "-2.5164", "32.9175"),
        ("Tromsø kommune", "municipality", "NO", "Tromsø", "69.6492", "18.9553"),
        ("Region Västerbotten", "region", "SE", "Umeå", "63.8258", "20.263"),
    ],
    "kungalv": [
        (
            "KIMO – Kommunernas internationella miljöorganisation",
            "network",
            "DK",
            "Köpenhamn",
            "55.6761",
            "12.5683",
        ),
        ("Kungälvs företagarförening", "association", "SE", "Kungälv", "57.871", "11.9805"),
        ("Gemeinde Sylt", "municipality", "DE", "Sylt", "54.9079", "8.3105"),
        ("Skagen Kommune", "municipality", "DK", "Skagen", "57.7209", "10.5839"),
        ("Högskolan Väst", "university", "SE", "Trollhättan", "58.2837", "12.2886"),
    ],
    "upplands-bro": [
        ("Città di Bologna", "municipality", "IT", "Bologna", "44.4949", "11.3426"),
        ("Kaunas miesto savivaldybė", "municipality", "LT", "Kaunas", "54.8985", "23.9036"),
        ("Arbetsförmedlingen", "authority", "SE", "Stockholm", "59.3293", "18.0686"),
    ],
}


def _d(text: str) -> date:
    return date.fromisoformat(text)


# Each activity: fields, plus "areas"/"goals"/"terms" (keys), "partners" [(name, role)],
# "budget" [(year, budget, cost)], "funding" [(source, status, currency, applied, granted, decided)].
ACTIVITIES: dict[str, list[dict[str, Any]]] = {
    "uppsala": [
        {
            "kind": "network",
            "title": "Medlemskap i Eurocities",
            "unit": "kommunledningskontoret",
            "contact": "annika-exempelsson",
            "status": "active",
            "start_date": _d("2015-01-01"),
            "network": "Eurocities",
            "membership_category": "member",
            "member_since": _d("2015-01-01"),
            "annual_fee": Decimal("118000"),
            "representative": "annika-exempelsson",
            "summary": "Sedan 2015 är Uppsala kommun medlem i Eurocities, en organisation med drygt 140 medlemsstäder från ett trettiotal länder i Europa.",
            "purpose": "Eurocities arbetar för att stärka storstädernas ställning i EU. Förvaltningar och bolag får tillgång till ett stort nätverk att utbyta kunskap och erfarenheter med.",
            "benefit": "Eurocities bevakar aktivt vad som händer inom EU, vilket ger kommunen inblick i EU:s arbete och möjlighet att påverka; nätverket kan även hjälpa kommunen att ansöka om EU-medel, t.ex. för buller i innerstaden. (Årsavgiften är ett exempel.)",
            "next_review_on": _d("2027-03-31"),
            "areas": ["bevakning-paverkan"],
            "published": True,
        },
        *[
            {
                "kind": "twin_city",
                "title": f"Vänort: {place}",
                "unit": "ks",
                "status": "active",
                "place": place,
                "country": country,
                "agreement_date": _d(agreed),
                "deciding_body": "kf",
                "decision_reference": ref,
                "agreement_state": state,
                "example": True,
                "summary": TWINS,
                "purpose": "Vänortsutbytet syftar till att etablera partnerskap kring konkreta samarbetsprojekt med direkt nytta för verksamheterna.",
                "next_review_on": _d(review),
                "partners": [(partner, "partner")],
                "areas": ["verksamhetsutveckling"],
                "published": True,
            }
            for place, country, agreed, ref, state, review, partner in [
                (
                    "Bærum",
                    "NO",
                    "1947-05-01",
                    "KF § 88/1947",
                    "active",
                    "2027-06-30",
                    "Bærum kommune",
                ),
                (
                    "Frederiksberg",
                    "DK",
                    "1947-05-01",
                    "KF § 88/1947",
                    "active",
                    "2027-06-30",
                    "Frederiksberg Kommune",
                ),
                (
                    "Hafnarfjörður",
                    "IS",
                    "1963-09-12",
                    "KF § 140/1963",
                    "active",
                    "2027-06-30",
                    "Hafnarfjarðarkaupstaður",
                ),
                (
                    "Hämeenlinna",
                    "FI",
                    "1947-05-01",
                    "KF § 88/1947",
                    "active",
                    "2027-06-30",
                    "Hämeenlinnan kaupunki",
                ),
                (
                    "Tartu",
                    "EE",
                    "1991-10-01",
                    "KF § 201/1991",
                    "active",
                    "2026-09-30",
                    "Tartu linn",
                ),
                (
                    "Minneapolis",
                    "US",
                    "1985-06-01",
                    "KF § 97/1985",
                    "dormant",
                    "2026-06-30",
                    "City of Minneapolis",
                ),
                (
                    "Daejeon",
                    "KR",
                    "1999-04-20",
                    "KF § 55/1999",
                    "dormant",
                    "2026-06-30",
                    "Daejeon Metropolitan City",
                ),
            ]
        ],
        {
            "kind": "project",
            "title": "Tyst innerstad – minskat trafikbuller",
            "unit": "stadsbyggnadsforvaltningen",
            "status": "active",
            "start_date": _d("2025-02-01"),
            "end_date": _d("2027-12-31"),
            "example": True,
            "summary": f"{EXAMPLE} Åtgärder mot buller i innerstaden med stöd ur LIFE, där Eurocities hjälpte till med ansökan.",
            "goals": ["mervarde-medborgare"],
            "areas": ["verksamhetsutveckling"],
            "child_impact": "positive",
            "child_assessment": "Tystare skolvägar och skolgårdar i centrum.",
            "partners": [
                ("Ville de Lyon", "lead"),
                ("Gemeente Utrecht", "partner"),
                ("Uppsala universitet", "associated"),
            ],
            "budget": [(2025, "2400000", "950000"), (2026, "3100000", "0"), (2027, "1500000", "0")],
            "funding": [
                ("life", "granted", "EUR", "420000", "380000", "2024-11-20"),
                ("own", "granted", "SEK", "2600000", "2600000", "2024-12-10"),
            ],
            "published": True,
        },
        {
            "kind": "project",
            "title": "Erasmus+ lärarutbyte i Europa",
            "unit": "utbildningsforvaltningen",
            "contact": "fatima-provare",
            "status": "active",
            "start_date": _d("2025-08-01"),
            "end_date": _d("2027-06-30"),
            "example": True,
            "summary": f"{EXAMPLE} Lärare och elever besöker skolor i Tartu och Hämeenlinna.",
            "development_area": "Kompetensutveckling för lärare i digitalt lärande",
            "areas": ["verksamhetsutveckling"],
            "child_impact": "positive",
            "partners": [("Tartu linn", "partner"), ("Hämeenlinnan kaupunki", "partner")],
            "budget": [(2025, "350000", "120000"), (2026, "500000", "0")],
            "funding": [("erasmus-plus", "granted", "EUR", "60000", "60000", "2025-06-15")],
        },
        {
            "kind": "project",
            "title": "URBACT-nätverk om levande stadskärnor",
            "unit": "kommunledningskontoret",
            "status": "proposed",
            "start_date": _d("2026-06-01"),
            "end_date": _d("2028-12-31"),
            "example": True,
            "summary": f"{EXAMPLE} Ansökan om deltagande i ett URBACT IV-nätverk.",
            "goals": ["betydelsefull-aktor"],
            "areas": ["naringslivsutveckling-positionering"],
            "funding": [("urbact", "applied", "EUR", "90000", None, None)],
        },
        {
            "kind": "monitoring",
            "title": "EU:s luftkvalitetsdirektiv",
            "unit": "stadsbyggnadsforvaltningen",
            "status": "active",
            "start_date": _d("2022-10-26"),
            "reference": "COM(2022) 542",
            "example": True,
            "summary": f"{EXAMPLE} Skärpta gränsvärden för luftkvalitet påverkar trafikplaneringen.",
            "stance": "Stödjer skärpta gränsvärden men vill ha realistiska övergångsregler för kommunerna.",
            "actions_taken": "Remissvar via Eurocities arbetsgrupp om luftkvalitet; inspel till SKR.",
            "deadline": _d("2026-12-31"),
            "areas": ["bevakning-paverkan"],
        },
        {
            "kind": "event",
            "title": "Internationell konferens om hållbara städer",
            "unit": "destination-uppsala",
            "status": "completed",
            "start_date": _d("2025-09-17"),
            "end_date": _d("2025-09-19"),
            "place": "Uppsala",
            "country": "SE",
            "direction": "incoming",
            "participant_count": 420,
            "example": True,
            "summary": f"{EXAMPLE} Uppsala som destination för internationella möten och evenemang.",
            "goals": ["moten-evenemang"],
            "areas": ["naringslivsutveckling-positionering"],
            "cost": Decimal("380000"),
            "report": "420 deltagare från 26 länder; tre nya kontakter för EU-projekt.",
            "published": True,
        },
    ],
    "umea": [
        {
            "kind": "project",
            "title": "Unga röster i Europa",
            "unit": "for-och-grundskola",
            "contact": "jonas-provsson",
            "status": "active",
            "start_date": _d("2025-09-01"),
            "end_date": _d("2027-06-30"),
            "example": True,
            "summary": f"{EXAMPLE} Ungdomsutbyte där elever från Umeå och Tromsø arbetar med demokrati och klimat.",
            "goals": ["fredlig-utveckling"],
            "areas": ["verksamhetsutveckling"],
            "terms": ["agenda2030:mal-4", "agenda2030:mal-16"],
            "child_impact": "positive",
            "child_assessment": "Barn och ungdomars internationella kontakter uppmuntras, som programmet säger.",
            "partners": [("Tromsø kommune", "partner")],
            "budget": [(2025, "400000", "150000"), (2026, "600000", "0")],
            "funding": [("erasmus-plus", "granted", "EUR", "70000", "70000", "2025-06-01")],
            "published": True,
        },
        {
            "kind": "project",
            "title": "Kommunalt partnerskap Umeå–Mwanza",
            "unit": "internationella-enheten",
            "contact": "eva-exempelsdotter",
            "status": "active",
            "start_date": _d("2025-01-01"),
            "end_date": _d("2026-12-31"),
            "example": True,
            "is_development_aid": True,
            "summary": f"{EXAMPLE} Projekt av biståndskaraktär om avfallshantering, helt finansierat av ICLD.",
            "goals": ["fredlig-utveckling"],
            "areas": ["verksamhetsutveckling"],
            "terms": ["agenda2030:mal-11", "agenda2030:mal-17"],
            "child_impact": "neutral",
            "partners": [("Mwanza City Council", "partner")],
            "budget": [(2025, "450000", "380000"), (2026, "450000", "0")],
            "funding": [("icld", "granted", "SEK", "900000", "900000", "2024-11-05")],
        },
        {
            "kind": "project",
            "title": "Hållbar stadsutveckling i norr",
            "unit": "tillvaxt-naringslivsservice",
            "status": "active",
            "start_date": _d("2024-03-01"),
            "end_date": _d("2027-02-28"),
            "example": True,
            "summary": f"{EXAMPLE} Interreg Aurora-projekt med Vasa om klimatsmart stadsplanering.",
            "goals": ["internationella-arenan"],
            "areas": ["positionering-naringsliv"],
            "terms": ["agenda2030:mal-11", "agenda2030:mal-13"],
            "child_impact": "not_relevant",
            "partners": [
                ("Vaasan kaupunki", "lead"),
                ("Umeå universitet", "partner"),
                ("Region Västerbotten", "funder"),
            ],
            "budget": [
                (2024, "800000", "780000"),
                (2025, "1200000", "1100000"),
                (2026, "900000", "0"),
            ],
            "funding": [
                ("interreg", "granted", "EUR", "180000", "165000", "2024-01-30"),
                ("own", "granted", "SEK", "1100000", "1100000", "2024-02-15"),
            ],
            "published": True,
        },
        {
            "kind": "twin_city",
            "title": "Vänort: Vasa",
            "unit": "ks",
            "status": "active",
            "place": "Vasa",
            "country": "FI",
            "agreement_date": _d("1947-01-01"),
            "deciding_body": "kf",
            "decision_reference": "KF § 12/1947",
            "agreement_state": "active",
            "next_review_on": _d("2026-03-31"),
            "example": True,
            "summary": f"{EXAMPLE} Äldre vänortsavtal; programmet rekommenderar inte nya traditionella vänortsavtal.",
            "partners": [("Vaasan kaupunki", "partner")],
            "areas": ["verksamhetsutveckling"],
        },
        {
            "kind": "network",
            "title": "Medlemskap i Union of the Baltic Cities",
            "unit": "internationella-enheten",
            "status": "active",
            "network": "Union of the Baltic Cities",
            "membership_category": "member",
            "member_since": _d("2008-01-01"),
            "annual_fee": Decimal("42000"),
            "example": True,
            "summary": f"{EXAMPLE} Nätverk för städer runt Östersjön.",
            "purpose": "Omvärldsbevakning och påverkan i Östersjöfrågor.",
            "benefit": "Kontakter för EU-projekt om hållbar stadsutveckling.",
            "next_review_on": _d("2025-12-31"),
            "areas": ["paverkan-omvarldsbevakning"],
        },
        {
            "kind": "monitoring",
            "title": "EU:s sammanhållningspolitik efter 2027",
            "unit": "tillvaxt-naringslivsservice",
            "status": "active",
            "start_date": _d("2025-07-16"),
            "example": True,
            "summary": f"{EXAMPLE} Förslaget till nästa långtidsbudget påverkar regionalfonden i norra Sverige.",
            "stance": "Sammanhållningspolitiken ska finnas kvar för alla regioner, med särskild hänsyn till glest befolkade områden.",
            "actions_taken": "Inspel via Region Västerbotten och Brysselkontoret.",
            "deadline": _d("2026-06-30"),
            "areas": ["paverkan-omvarldsbevakning"],
        },
        {
            "kind": "event",
            "title": "Studiebesök från Tromsø om kulturhuvudstadsarvet",
            "unit": "kulturforvaltningen",
            "contact": "sara-demosson",
            "status": "completed",
            "start_date": _d("2025-05-12"),
            "end_date": _d("2025-05-13"),
            "place": "Umeå",
            "country": "SE",
            "direction": "incoming",
            "participant_count": 14,
            "example": True,
            "summary": f"{EXAMPLE} Delegation från Tromsø lärde sig av kulturhuvudstadsåret 2014.",
            "areas": ["positionering-naringsliv"],
            "cost": Decimal("18500"),
            "child_impact": "not_relevant",
            "published": True,
        },
        {
            "kind": "event",
            "title": "Studiebesök i vänorten Würzburg om klimatanpassning",
            "unit": "internationella-enheten",
            "status": "completed",
            "start_date": _d("2026-05-11"),
            "end_date": _d("2026-05-13"),
            "place": "Würzburg",
            "country": "DE",
            "direction": "outgoing",
            "participant_count": 4,
            "example": True,
            "summary": f"{EXAMPLE} Fyra tjänstepersoner besökte Würzburgs arbete med skyfall och grönytor.",
            "areas": ["positionering-naringsliv"],
            "terms": ["agenda2030:mal-11", "agenda2030:mal-13"],
            "cost": Decimal("42000"),
            "child_impact": "not_relevant",
            "published": True,
            # Flown there and back: the activity's page compares the same trip by train.
            "trips": [
                {
                    "travellers": 4,
                    "mode": "flight",
                    "origin": "Umeå",
                    "origin_country": "SE",
                    "destination": "Würzburg",
                    "destination_country": "DE",
                    "travelled_on": _d("2026-05-11"),
                }
            ],
        },
    ],
    "kungalv": [
        {
            "kind": "project",
            "title": "Framtidens skolgård",
            "unit": "sektor-utbildning-kultur-fritid",
            "contact": "omar-testlund",
            "status": "active",
            "start_date": _d("2025-08-15"),
            "end_date": _d("2027-06-15"),
            "example": True,
            "summary": f"{EXAMPLE} Erasmus+-projekt med Skagen om utemiljöer som främjar lärande.",
            "goals": ["mervarde"],
            "areas": ["egen-verksamhet"],
            "terms": ["karnvarden:trygghet", "karnvarden:nytankande"],
            "partners": [("Skagen Kommune", "lead"), ("Högskolan Väst", "associated")],
            "budget": [(2025, "250000", "90000"), (2026, "300000", "0")],
            "funding": [("erasmus-plus", "granted", "EUR", "45000", "45000", "2025-07-01")],
            "published": True,
        },
        {
            "kind": "project",
            "title": "Besöksnäring i Kattegatt",
            "unit": "sektor-stod-utveckling",
            "contact": "lena-exempelgren",
            "status": "active",
            "start_date": _d("2024-09-01"),
            "end_date": _d("2026-08-31"),
            "example": True,
            "summary": f"{EXAMPLE} Interreg ÖKS-projekt där kommunens föreningar och företagare är inbjudna, som policyn säger.",
            "goals": ["aktivt-samarbete"],
            "areas": ["tillvaxt-naringsliv"],
            "terms": ["karnvarden:narhet"],
            "partners": [("Kungälvs företagarförening", "partner"), ("Skagen Kommune", "partner")],
            "budget": [
                (2024, "300000", "280000"),
                (2025, "500000", "450000"),
                (2026, "200000", "0"),
            ],
            "funding": [("interreg", "granted", "EUR", "55000", "50000", "2024-06-20")],
        },
        {
            "kind": "partnership",
            "title": "Samarbetsavtal med Sylt om kustturism",
            "unit": "ks",
            "status": "active",
            "place": "Sylt",
            "country": "DE",
            "agreement_date": _d("2021-04-15"),
            "deciding_body": "ks",
            "decision_reference": "KS2021/0412",
            "agreement_state": "active",
            "next_review_on": _d("2025-04-15"),
            "example": True,
            "summary": f"{EXAMPLE} Kunskapsutbyte genom gemensamma utvecklingsprojekt.",
            "partners": [("Gemeinde Sylt", "partner")],
            "areas": ["tillvaxt-naringsliv"],
        },
        {
            "kind": "network",
            "title": "Medlemskap i KIMO",
            "unit": "sektor-samhallsbyggnad",
            "status": "active",
            "network": "KIMO – Kommunernas internationella miljöorganisation",
            "membership_category": "member",
            "member_since": _d("2012-01-01"),
            "annual_fee": Decimal("9500"),
            "example": True,
            "summary": f"{EXAMPLE} Kuststädernas nätverk mot marin nedskräpning.",
            "purpose": "Påverka nordisk och europeisk havsmiljöpolitik tillsammans med andra kustkommuner.",
            "benefit": "Underlag och kontakter i arbetet mot marint skräp.",
            "next_review_on": _d("2026-10-31"),
            "areas": ["omvarldsbevakning"],
        },
        {
            "kind": "monitoring",
            "title": "EU:s strategi för kustturism",
            "unit": "sektor-stod-utveckling",
            "status": "idea",
            "example": True,
            "summary": f"{EXAMPLE} Omvärldsbevakning inför kommande EU-initiativ.",
            "areas": ["omvarldsbevakning"],
        },
    ],
    "upplands-bro": [
        {
            "kind": "project",
            "title": "Erasmus+ språkbad för förskolan",
            "unit": "utbildningskontoret",
            "contact": "ali-provberg",
            "status": "active",
            "start_date": _d("2025-09-01"),
            "end_date": _d("2026-08-31"),
            "example": True,
            "summary": f"{EXAMPLE} Förskolepersonal hospiterar i Bologna.",
            "goals": ["naturligt-inslag"],
            "areas": ["smart-tillvaxt"],
            "terms": ["europa2020:smart"],
            "child_impact": "positive",
            "partners": [("Città di Bologna", "partner")],
            "budget": [(2025, "180000", "60000"), (2026, "120000", "0")],
            "funding": [("erasmus-plus", "granted", "EUR", "25000", "25000", "2025-07-10")],
            "published": True,
        },
        {
            "kind": "project",
            "title": "Vägen till arbete",
            "unit": "socialkontoret",
            "contact": "maja-demoqvist",
            "status": "active",
            "start_date": _d("2024-01-15"),
            "end_date": _d("2026-12-31"),
            "example": True,
            "summary": f"{EXAMPLE} ESF+-projekt för unga vuxna långt från arbetsmarknaden.",
            "goals": ["naturligt-inslag"],
            "areas": ["tillvaxt-for-alla"],
            "terms": ["europa2020:for-alla"],
            "partners": [
                ("Arbetsförmedlingen", "partner"),
                ("Kaunas miesto savivaldybė", "associated"),
            ],
            "budget": [
                (2024, "900000", "850000"),
                (2025, "1100000", "1000000"),
                (2026, "800000", "0"),
            ],
            "funding": [("esf-plus", "granted", "SEK", "2100000", "1900000", "2023-11-30")],
        },
        {
            "kind": "event",
            "title": "Studieresa till Kaunas om digital skola",
            "unit": "utbildningskontoret",
            "status": "completed",
            "start_date": _d("2025-04-07"),
            "end_date": _d("2025-04-09"),
            "place": "Kaunas",
            "country": "LT",
            "direction": "outgoing",
            "participant_count": 6,
            "example": True,
            "summary": f"{EXAMPLE} Rektorer och IT-pedagoger besökte skolor i Kaunas.",
            "areas": ["smart-tillvaxt"],
            "cost": Decimal("48000"),
            "report": "Idéer om lärplattformar tas vidare i höstens utvecklingsarbete.",
        },
    ],
}


def load_register(municipality: Municipality) -> list[str]:
    """Create the municipality's demo partners and activities that do not exist yet."""
    access = system_access(municipality)
    changes: list[str] = []
    partners: dict[str, Partner] = {}
    for name, kind, country, place, latitude, longitude in PARTNERS.get(municipality.slug, []):
        # Only Eurocities comes from a source (Uppsala's web page); the rest are examples.
        partner, created = partner_find_or_create(
            access=access,
            user=None,
            name=name,
            country=country,
            kind=kind,
            place=place,
            example=name != "Eurocities",
            latitude=Decimal(latitude),
            longitude=Decimal(longitude),
        )
        partners[name] = partner
        if partner.latitude is None:
            partner.latitude, partner.longitude = Decimal(latitude), Decimal(longitude)
            partner_save(access=access, user=None, partner=partner, expected_version=None)
        if created:
            changes.append(_("ny partner: %(p)s") % {"p": name})
    units = {u.key: u for u in Unit.objects.filter(municipality=municipality)}
    contacts = {c.key: c for c in Contact.objects.filter(municipality=municipality)}
    in_force = {"policy__municipality": municipality, "policy__status": PolicyStatus.IN_FORCE}
    areas = {f.key: f for f in FocusArea.objects.filter(**in_force)}
    goals = {g.key: g for g in Goal.objects.filter(**in_force)}
    terms = {
        f"{t.taxonomy.key}:{t.key}": t
        for t in Term.objects.filter(
            taxonomy__policy__municipality=municipality,
            taxonomy__policy__status=PolicyStatus.IN_FORCE,
        ).select_related("taxonomy")
    }
    sources = {s.key: s for s in FundingSource.objects.all()}
    for spec in ACTIVITIES.get(municipality.slug, []):
        spec = dict(spec)
        existing = Activity.objects.filter(
            municipality=municipality, kind=spec["kind"], title=spec["title"]
        ).first()
        if existing is not None:
            # Published once, as the demo says; never again if someone withdrew it.
            if (
                spec.get("published")
                and existing.first_published_at is None
                and not existing.archived_at
            ):
                activity_publish(access=access, user=None, activity=existing)
                changes.append(_("publicerad: %(a)s") % {"a": existing.title})
            continue
        extra = {
            k: spec.pop(k, [])
            for k in ("areas", "goals", "terms", "partners", "budget", "funding", "trips")
        }
        for key in ("unit", "deciding_body"):
            if key in spec:
                spec[key] = units[spec[key]]
        for key in ("contact", "representative"):
            if key in spec:
                spec[key] = contacts[spec[key]]
        if "network" in spec:
            spec["network"] = partners[spec["network"]]
        public = spec.pop("published", False)
        activity = Activity(municipality=municipality, **spec)
        tags = Tags(
            [areas[k] for k in extra["areas"]],
            [goals[k] for k in extra["goals"]],
            [terms[k] for k in extra["terms"]],
        )

        def then(activity: Activity, extra: dict[str, Any] = extra) -> None:
            for year, budget, cost in extra["budget"]:
                budget_set(
                    access=access,
                    user=None,
                    activity=activity,
                    year=year,
                    budget=Decimal(budget),
                    cost=Decimal(cost),
                )
            for source, status, currency, applied, granted, decided in extra["funding"]:
                funding_save(
                    access=access,
                    user=None,
                    activity=activity,
                    expected_version=None,
                    funding=Funding(
                        source=sources[source],
                        status=status,
                        currency=currency,
                        applied_amount=Decimal(applied) if applied else None,
                        granted_amount=Decimal(granted) if granted else None,
                        rate_to_sek=Decimal("11.20") if currency == "EUR" else Decimal(1),
                        decided_on=_d(decided) if decided else None,
                    ),
                )
            for trip in extra["trips"]:
                trip_save(
                    access=access,
                    user=None,
                    activity=activity,
                    trip=Trip(**trip),
                    expected_version=None,
                )

        activity_save(
            access=access,
            user=None,
            activity=activity,
            tags=tags,
            partners=[(partners[name], role) for name, role in extra["partners"]],
            published=public,
            expected_version=None,
            reason="demo",
            then=then,  # budget and funding in the same save, as the policy's rules see it
        )
        changes.append(_("ny aktivitet: %(a)s") % {"a": activity.title})
    return changes
