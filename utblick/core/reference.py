"""Reference data shipped with Utblick (no network at run time)."""

from __future__ import annotations

from django.utils import translation

from utblick.core.sdg_targets import TARGETS

#: The 17 Sustainable Development Goals, with the Swedish short names used by
#: the Swedish UN Association and SKR's Glokala Sverige.
AGENDA_2030: list[tuple[str, str]] = [
    ("1", "Ingen fattigdom"),
    ("2", "Ingen hunger"),
    ("3", "God hälsa och välbefinnande"),
    ("4", "God utbildning för alla"),
    ("5", "Jämställdhet"),
    ("6", "Rent vatten och sanitet för alla"),
    ("7", "Hållbar energi för alla"),
    ("8", "Anständiga arbetsvillkor och ekonomisk tillväxt"),
    ("9", "Hållbar industri, innovationer och infrastruktur"),
    ("10", "Minskad ojämlikhet"),
    ("11", "Hållbara städer och samhällen"),
    ("12", "Hållbar konsumtion och produktion"),
    ("13", "Bekämpa klimatförändringarna"),
    ("14", "Hav och marina resurser"),
    ("15", "Ekosystem och biologisk mångfald"),
    ("16", "Fredliga och inkluderande samhällen"),
    ("17", "Genomförande och globalt partnerskap"),
]

#: The UN's English short names, for the English public pages.
AGENDA_2030_EN: dict[str, str] = {
    "1": "No poverty",
    "2": "Zero hunger",
    "3": "Good health and well-being",
    "4": "Quality education",
    "5": "Gender equality",
    "6": "Clean water and sanitation",
    "7": "Affordable and clean energy",
    "8": "Decent work and economic growth",
    "9": "Industry, innovation and infrastructure",
    "10": "Reduced inequalities",
    "11": "Sustainable cities and communities",
    "12": "Responsible consumption and production",
    "13": "Climate action",
    "14": "Life below water",
    "15": "Life on land",
    "16": "Peace, justice and strong institutions",
    "17": "Partnerships for the goals",
}


def sdg_name(code: str) -> str:
    """The goal's short name in the active language."""
    if (translation.get_language() or "sv").startswith("en"):
        return AGENDA_2030_EN.get(code, "")
    return dict(AGENDA_2030).get(code, "")


#: Europe 2020's three overall priorities, as Upplands-Bro's policy names them.
EUROPE_2020: list[tuple[str, str, str]] = [
    ("smart", "", "Smart tillväxt"),
    ("hallbar", "", "Hållbar tillväxt"),
    ("for-alla", "", "Tillväxt för alla"),
]


#: The built-in classifications of Agenda 2030: its 17 goals, and its 169 targets.
SDG_GOALS, SDG_TARGETS = "agenda2030", "agenda2030-delmal"


def sdg_goal(builtin: str, code: str) -> str | None:
    """The goal a built-in term stands for: "13" for goal 13 and for its target "13.1";
    None for a term of any other classification."""
    if builtin == SDG_GOALS:
        return code
    if builtin == SDG_TARGETS:
        return code.split(".")[0]
    return None


def builtin_terms(builtin: str) -> list[tuple[str, str, str]]:
    """(key, code, name) of a built-in taxonomy's terms."""
    if builtin == SDG_GOALS:
        return [(f"mal-{code}", code, name) for code, name in AGENDA_2030]
    if builtin == SDG_TARGETS:
        return [(f"delmal-{code.replace('.', '-')}", code, name) for code, name in TARGETS]
    if builtin == "europe2020":
        return list(EUROPE_2020)
    raise KeyError(builtin)
