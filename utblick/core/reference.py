"""Reference data shipped with Utblick (no network at run time)."""

from __future__ import annotations

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

#: Europe 2020's three overall priorities, as Upplands-Bro's policy names them.
EUROPE_2020: list[tuple[str, str, str]] = [
    ("smart", "", "Smart tillväxt"),
    ("hallbar", "", "Hållbar tillväxt"),
    ("for-alla", "", "Tillväxt för alla"),
]


def builtin_terms(builtin: str) -> list[tuple[str, str, str]]:
    """(key, code, name) of a built-in taxonomy's terms."""
    if builtin == "agenda2030":
        return [(f"mal-{code}", code, name) for code, name in AGENDA_2030]
    if builtin == "europe2020":
        return list(EUROPE_2020)
    raise KeyError(builtin)
