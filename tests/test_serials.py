"""A serial's end mark wrapped onto a line of its own (`papercli.serials`)."""

from __future__ import annotations

from layout_support import lines_of
from papercli.serials import end_marks_to_paragraphs, is_end_mark_line, may_hold_end_marks


def test_end_mark_lines() -> None:
    assert is_end_mark_line(lines_of("（完）")) and is_end_mark_line(lines_of("（待續）"))
    assert not is_end_mark_line(lines_of("（完）了"))
    assert not is_end_mark_line(lines_of("（一）"))
    assert may_hold_end_marks("…罷？\n（未完）") and not may_hold_end_marks("（一）")


def test_mark_right_under_the_text_goes_back_with_its_spaces() -> None:
    raw = ["那就是家了罷？\u3000\u3000", "\u3000\u3000\u3000（完）"]
    lines = lines_of("那就是家了罷？", "（完）")
    changes: list = []
    out = end_marks_to_paragraphs(
        [([lines[0]], None, ("blank line",)), ([lines[1]], None, ("set off",))],
        raw, [1, 2], changes,
    )
    assert len(out) == 1 and out[0][0][-1].text == "那就是家了罷？" + "\u3000" * 5 + "（完）"
    assert changes and changes[0].action == "joined"


def test_mark_after_a_blank_line_stands_alone() -> None:
    raw = ["那就是家了罷？", "", "（完）"]
    lines = lines_of("那就是家了罷？") + lines_of("（完）", start=3)
    pending = [([lines[0]], None, ("blank line",)), ([lines[1]], None, ("blank line",))]
    assert len(end_marks_to_paragraphs(pending, raw, [1, 2, 3], [])) == 2


def test_chapter_title_ends_at_its_short_line_on_a_page_set_solid() -> None:
    import math
    from dataclasses import replace

    from layout_support import OLD
    from papercli.boundaries import CHAPTER_TITLE_ENDS
    from papercli.boundary_walk import run_boundaries
    from papercli.runs import Run

    solid = replace(OLD, column=16.0, blank_separated=True)
    run = Run(lines_of(
        "一位下堂的姨太太，控告她親生的兩",
        "位少爺遺棄的事。",
        "第十七囘　千金之子不敢上堂　一字",
        "爲師可以折獄",
        "張律師道：『可不是？所以往後上海",
        "灘上打官司，不必請教我們律師了，",
    ))
    bounds = run_boundaries(run, solid, 16.0)
    assert bounds[3] == CHAPTER_TITLE_ENDS and bounds[2] is None
    assert run_boundaries(run, solid, math.inf)[3] == CHAPTER_TITLE_ENDS


def test_cut_chapter_title_goes_back_on_one_line_with_its_space() -> None:
    from papercli.serials import is_cut_chapter_title, join_chapter_titles

    raw = ["第三囘\u3000賣花女夜投古寺\u3000", "讀書郎晨別故鄉"]
    seg = lines_of("第三囘\u3000賣花女夜投古寺", "讀書郎晨別故鄉")
    assert is_cut_chapter_title(seg)
    # Set in lines of their own, wider under the label: no cut.
    assert not is_cut_chapter_title(lines_of("第三囘\u3000歸來", "賣花女夜投古寺讀書郎"))
    assert not is_cut_chapter_title(lines_of("第三囘", "賣花女夜投古寺"))
    out = join_chapter_titles([(seg, None, ("heading run",))], raw, [1, 2], [])
    assert [ln.text for ln in out[0][0]] == ["第三囘\u3000賣花女夜投古寺\u3000讀書郎晨別故鄉"]


def test_cut_on_the_title_space_counts_no_indent() -> None:
    """The cut fell on the ideographic space between the title's parts, which
    opens the line under it: that space is no indent making the line wider
    (fuzz11: kept on the first pass, joined on the second)."""
    from papercli.serials import is_cut_chapter_title

    assert is_cut_chapter_title(lines_of("第五十四章 賣花女夜投", "\u3000讀書郎晨別故鄉"))
