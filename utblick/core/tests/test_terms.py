from datetime import date

import pytest

from utblick.core.terms import is_election_year, term_label, term_of_office_start


@pytest.mark.parametrize(
    ("day", "term"),
    [
        (date(2026, 11, 23), 2026),
        (date(2026, 10, 15), 2026),
        (date(2026, 10, 14), 2022),
        (date(2022, 10, 15), 2022),
        (date(2018, 3, 26), 2014),
        (date(2019, 12, 5), 2018),
        (date(2030, 12, 31), 2030),
        (date(2030, 1, 1), 2026),
    ],
)
def test_term_of_office_starts_15_october_of_the_election_year(day: date, term: int) -> None:
    assert term_of_office_start(day) == term


def test_election_years_and_labels() -> None:
    assert [y for y in range(2017, 2032) if is_election_year(y)] == [2018, 2022, 2026, 2030]
    assert term_label(2026) == "2026–2030"
