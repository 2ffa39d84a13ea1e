"""naming: file names from OCR'd titles are single, portable path components."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from papercli.naming import MAX_NAME_BYTES, WINDOWS_RESERVED, article_file_names, safe_name


@given(st.text(max_size=300))
def test_safe_name_is_one_safe_component(title: str) -> None:
    name = safe_name(title)
    assert name and ".." not in name
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert not any(ord(c) < 32 for c in name)
    assert not name.startswith(".") and not name.endswith((".", " "))
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES + 1  # +1: the reserved-name "_"
    assert name.split(".")[0].upper() not in WINDOWS_RESERVED


def test_reserved_and_traversal() -> None:
    assert safe_name("CON") == "_CON"
    assert safe_name("lpt1.txt") == "_lpt1.txt"
    assert safe_name("../..") == "article"
    assert safe_name("a/../../b") == "a-b"


def test_long_cjk_title_is_cut_on_a_character_boundary() -> None:
    name = safe_name("鄂" * 200)
    assert name == "鄂" * (MAX_NAME_BYTES // 3)


def test_file_names_sort_in_page_order_and_are_unique() -> None:
    names = article_file_names("page", [None] * 120)
    assert names == sorted(names) and names[0] == "page-001.txt"
    titled = article_file_names("p", ["同题", "同题", None], by_title=True)
    assert titled == ["p-01-同题.txt", "p-02-同题.txt", "p-03.txt"]
