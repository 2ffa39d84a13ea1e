"""Rules for shapes of 1930s-40s pages that the development pages do not show:
classified advertisements under their labels, a photo caption of short lines, a
serial's synopsis box and its instalment's end mark. Whole pages in these shapes
are golden cases (`old-style-advertisements`, `old-style-caption-of-short-lines`,
`old-serial-synopsis-and-end-mark`)."""

from __future__ import annotations

from dataclasses import replace

from layout_support import OLD, heal, lines_of
from papercli.measure import make_line
from papercli.signals import is_heading_line
from papercli.titles import is_title_deck

OLD_SOLID = replace(OLD, blank_separated=False)

# An advertisement wrapped at 8 that ends on a word (a telephone number), and the
# next one under its label, a blank line between.
AD_ENDS_ON_A_WORD = ["房一幢、水電俱全", "、租金面議、電話", "三四五六七號轉李"]
NEXT_AD = ["徵求", "英文打字員一名、", "須有經驗、薪金從", "優、"]


def test_a_run_opening_on_a_label_over_its_text_is_no_sentence_going_on() -> None:
    assert not heal(AD_ENDS_ON_A_WORD, NEXT_AD, OLD, 8.0)
    # The same text with no label above it runs on across the column break.
    assert heal(AD_ENDS_ON_A_WORD, NEXT_AD[1:], OLD, 8.0)
    # A short first line with a mark ends the paragraph carried over the break.
    assert heal(AD_ENDS_ON_A_WORD, ["後接洽、", *NEXT_AD[1:]], OLD, 8.0)
    # Where blank lines do not set paragraphs apart, a short unmarked line there
    # may end the paragraph carried over (`進行若干重要談話`): not judged so.
    assert heal(AD_ENDS_ON_A_WORD, NEXT_AD, OLD_SOLID, 8.0)


def test_a_label_over_text_wrapped_evenly_is_no_title_deck() -> None:
    ad = lines_of("出讓", "大號無線電收音", "機一架、八成新", "、價廉、電話三", "四五六七號轉李")
    assert not is_title_deck(ad)
    # Three lines are too few to show the text under the label wrapped.
    assert is_title_deck(lines_of("長篇小說", "春江花月", "第十七囘"))


def test_a_line_ending_on_a_mark_before_a_note_is_no_heading_line() -> None:
    assert not is_heading_line(make_line(1, "他到附近茶樓小坐、（未完）"))
    assert not is_heading_line(make_line(1, "談到深夜。（續完）"))
    # A title closing on its column's label keeps its heading shape.
    assert is_heading_line(make_line(1, "解好基层治理“方程式”（人民论坛）"))
    assert is_heading_line(make_line(1, "新上海春秋（三三五）"))



def test_a_caption_of_short_unmarked_lines_is_no_title_deck() -> None:
    assert not is_title_deck(lines_of("上圖爲昨日", "難民收容所", "之一角"))
    assert not is_title_deck(lines_of("图为青石镇", "老街一角"))
    # A title that merely speaks of a picture is still one.
    assert is_title_deck(lines_of("地圖上的", "國際時事"))
