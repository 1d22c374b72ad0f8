"""Swedish municipal terms of office (mandatperioder).

A term begins on 15 October of an election year (… 2018, 2022, 2026, 2030 …)
and runs four years. A term is named by its election year.
"""

from __future__ import annotations

from datetime import date

FIRST_ELECTION_YEAR = 1994  # four-year terms since the 1994 election
TERM_START_MONTH = 10
TERM_START_DAY = 15


def is_election_year(year: int) -> bool:
    return year >= FIRST_ELECTION_YEAR and (year - FIRST_ELECTION_YEAR) % 4 == 0


def term_start_date(election_year: int) -> date:
    return date(election_year, TERM_START_MONTH, TERM_START_DAY)


def term_of_office_start(on: date) -> int:
    """The election year of the term that ``on`` falls in."""
    year = on.year - (on.year - FIRST_ELECTION_YEAR) % 4
    if on < term_start_date(year):
        year -= 4
    return year


def term_label(election_year: int) -> str:
    return f"{election_year}–{election_year + 4}"
