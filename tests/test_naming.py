"""naming: file names from OCR'd titles are single, portable path components."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from conftest import WRAPPED, Invoke, write
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


def test_a_file_name_that_is_not_utf8_keeps_its_bytes() -> None:
    # `os.fsdecode` carries each byte of a GBK-named file (b"\xd6\xd0" is 中) as an
    # escape; the article files are named with those bytes, not after "page".
    stem = os.fsdecode(b"\xd6\xd0\xce\xc4")
    assert safe_name(stem, fallback="page") == stem
    assert article_file_names(stem, [None]) == [stem + "-01.txt"]
    long = safe_name(stem * 100)
    assert len(long.encode("utf-8", "surrogateescape")) <= MAX_NAME_BYTES
    assert os.fsencode(long) == b"\xd6\xd0\xce\xc4" * (MAX_NAME_BYTES // 4)
    # Other lone surrogates (not a file name's bytes) still go.
    assert safe_name("a\ud800b") == "a-b"


def test_split_names_the_articles_of_a_gbk_named_file_by_its_bytes(
    invoke: Invoke, work: Path
) -> None:
    name = os.fsdecode(b"\xd6\xd0\xce\xc4.txt")
    write(work / name, WRAPPED)
    result = invoke("split", "-o", "arts", "--", name)
    assert result.exit_code == 0, result.stderr
    assert os.listdir(os.fsencode(work / "arts")) == [b"\xd6\xd0\xce\xc4-01.txt"]
