"""drop_furniture (`--furniture`): running heads and folios on a synthetic multi-page file."""

from __future__ import annotations

from papercli.options import CleanOptions
from papercli.pipeline import clean_and_explain
from papercli.steps.furniture import STEP, drop_furniture, find_furniture, furniture_key
from papercli.units import split_lines

BODIES = [
    ["全市今年新建公园十二座，", "市民休闲有了好去处。"],
    ["河道治理工程进入收尾阶段，", "两岸步道将于下月开放。"],
    ["新学期开学在即，", "各校做好迎新准备。"],
    ["夜间经济持续升温，", "商圈客流明显回升。"],
]


def build(pages: int, *, head: bool = True, folio: bool = True) -> list[str]:
    """A file of `pages` pages: running head with the page number, body, folio at the foot."""
    lines: list[str] = []
    for n in range(1, pages + 1):
        if n > 1:
            lines.append("\f")
        if head:
            lines.append(f"城市晚报 2024年5月{n + 10}日 第{n}版")
            lines.append("")
        lines.extend(BODIES[(n - 1) % len(BODIES)])
        if folio:
            lines.append("")
            lines.append(f"- {n} -")
    return lines


def run(lines: list[str]) -> tuple[list[str], list[int], list[str]]:
    kept, numbers, changes = drop_furniture(lines, list(range(1, len(lines) + 1)))
    assert all(c.step == STEP and c.action == "removed" for c in changes)
    return kept, numbers, [c.text for c in changes]


def test_running_heads_and_folios_are_removed_and_reported() -> None:
    lines = build(4)
    kept, numbers, removed = run(lines)
    assert not any(line.startswith("城市晚报") or line.startswith("- ") for line in kept)
    assert removed == [line for line in lines if line.startswith(("城市晚报", "- "))]
    assert kept.count("\f") == 3  # page breaks stay for later steps
    # Source line numbers are filtered in step with the lines.
    assert [lines[no - 1] for no in numbers] == kept
    # Every line is either kept or reported.
    assert len(kept) + len(removed) == len(lines)


def test_change_lines_are_source_line_numbers() -> None:
    lines = build(3)
    _, _, changes = drop_furniture(lines, list(range(1, len(lines) + 1)))
    assert all(lines[c.line - 1] == c.text for c in changes)


def test_numbers_need_not_start_at_one() -> None:
    lines = build(3)
    numbers = [n * 10 for n in range(len(lines))]
    kept, kept_numbers, changes = drop_furniture(lines, numbers)
    assert all(lines[no // 10] == k for k, no in zip(kept, kept_numbers, strict=True))
    assert {c.line for c in changes} <= set(numbers)


def test_fewer_than_three_pages_are_never_touched() -> None:
    for pages in (1, 2):
        lines = build(pages)
        assert drop_furniture(lines, list(range(1, len(lines) + 1))) == (
            lines,
            list(range(1, len(lines) + 1)),
            [],
        )


def test_a_head_on_only_some_pages_is_kept() -> None:
    lines = build(6, folio=False)
    # Keep the head on two pages of six only: not "most pages".
    seen = 0
    thinned = []
    for line in lines:
        if line.startswith("城市晚报"):
            seen += 1
            if seen > 2:
                continue
        thinned.append(line)
    assert run(thinned)[2] == []


def test_body_text_is_never_removed_even_if_it_repeats() -> None:
    # The same sentence in the middle of every page is content, not furniture.
    lines: list[str] = []
    for n in range(1, 5):
        if n > 1:
            lines.append("\f")
        lines += [f"第{n}版 要闻", "导语一句。", "本报讯 各地持续推进。", "结尾一句。", str(n)]
        lines[-4] = f"导语{'甲乙丙丁'[n - 1]}。"
        lines[-2] = f"结尾{'甲乙丙丁'[n - 1]}。"
    _kept, _numbers, removed = run(lines)
    assert "本报讯 各地持续推进。" not in removed
    assert removed == [line for line in lines if line.endswith("要闻") or line.isdigit()]


def test_long_edge_lines_are_not_furniture() -> None:
    long_line = "这是一段很长的正文，" * 10
    lines: list[str] = []
    for n in range(1, 5):
        if n > 1:
            lines.append("\f")
        lines += [long_line, BODIES[n - 1][0], BODIES[n - 1][1]]
    assert run(lines)[2] == []


def test_furniture_key_masks_numbers_only() -> None:
    assert furniture_key("城市晚报 2024年5月11日 第1版") == furniture_key(
        "城市晚报 2024年5月12日 第２版"
    )
    assert furniture_key("城市晚报") != furniture_key("城市早报")


def test_find_furniture_without_page_breaks_is_empty() -> None:
    assert find_furniture(["城市晚报", "正文。", "城市晚报"]) == []


def test_pipeline_option_drops_furniture_and_reports_it() -> None:
    text = "\n".join(build(3)) + "\n"
    result = clean_and_explain(text, CleanOptions(drop_furniture=True))
    assert "城市晚报" not in result.text and "- 2 -" not in result.text
    dropped = [c for c in result.removals if c.step == STEP]
    assert len(dropped) == 6
    source = split_lines(text)
    assert all(source[c.line - 1] == c.text for c in dropped)
    # Off by default: the same file keeps its heads.
    assert "城市晚报" in clean_and_explain(text).text


# Without --furniture: a paragraph that a page break splits runs on across the
# running head and folio between its pages, which are kept as blocks after it.
SPLIT_PARAGRAPH = [
    "2024年6月3日 星期一    江城晚报    5",
    "",
    "社区食堂开进老旧小区已有半年。食堂设",
    "在社区服务中心一楼，由街道引入专业餐",
    "饮企业运营，每天中午为六十岁以上的老",
    "人提供平价午餐，菜品有十多种，荤素搭",
    "",
    "— 5 —",
    "\f",
    "2024年6月3日 星期一    江城晚报    6",
    "",
    "配，一份只要十二元，不少老人成了这里",
    "的常客。",
]


def test_paragraph_heals_across_running_head_and_the_head_is_set_after_it() -> None:
    result = clean_and_explain("\n".join(SPLIT_PARAGRAPH) + "\n")
    assert result.text.split("\n\n") == [
        "2024年6月3日 星期一    江城晚报    5",
        "社区食堂开进老旧小区已有半年。食堂设在社区服务中心一楼，由街道引入专业餐饮企业运营，"
        "每天中午为六十岁以上的老人提供平价午餐，菜品有十多种，荤素搭配，"
        "一份只要十二元，不少老人成了这里的常客。",
        "— 5 —",
        "2024年6月3日 星期一    江城晚报    6\n",
    ]
    moved = [c.text for c in result.changes if c.action == "moved"]
    assert moved == ["— 5 —", "2024年6月3日 星期一    江城晚报    6"]


def test_furniture_between_paragraphs_stays_where_it_is_unreported() -> None:
    lines = [*SPLIT_PARAGRAPH[:5], "人提供平价午餐，菜品有十多种。", *SPLIT_PARAGRAPH[6:11]]
    lines += ["一份只要十二元，不少老人成了这里的常", "客。"]
    result = clean_and_explain("\n".join(lines) + "\n")
    assert result.text.split("\n\n")[2:4] == ["— 5 —", "2024年6月3日 星期一    江城晚报    6"]
    assert not [c for c in result.changes if c.action == "moved"]


def test_a_line_of_body_text_at_a_page_edge_is_no_furniture() -> None:
    from papercli.steps.furniture import is_edge_furniture, page_edge_furniture

    assert not is_edge_furniture("配，一份只要十二元。")
    assert not is_edge_furniture("3.5%")
    assert page_edge_furniture(["甲文，", "12", "\f", "2024年5月8日 乙文，", "丙文。"]) == [1]
