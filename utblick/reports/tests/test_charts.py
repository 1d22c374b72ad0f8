"""Chart labels are never cut: a long name wraps onto lines of its own."""

from __future__ import annotations

import html

from utblick.reports.charts import bar_chart, svg, wrap_label

LONG = "Samhällsutveckling och socioekonomiska kunskapsinvesteringar"


def test_a_long_name_is_shown_whole_on_several_lines() -> None:
    drawn = html.unescape(svg(bar_chart([(LONG, 3), ("Kort", 1)], title="T", unit="Antal")))
    assert "…" not in drawn
    for word in LONG.split():
        assert word in drawn, word
    assert wrap_label(LONG).count("\n") >= 1


def test_a_single_word_longer_than_a_line_is_kept_whole() -> None:
    word = "Kompetensförsörjningsutvecklingsenheterna"
    assert wrap_label(word) == word
    assert word in html.unescape(svg(bar_chart([(word, 2)], title="T", unit="Antal")))
