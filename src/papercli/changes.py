"""The record of what a step did: the raw material of `--explain`, `-v` and reports."""

from __future__ import annotations

from dataclasses import dataclass

# The step that rebuilds paragraphs: `layout` and `specks` record under it, and
# `breaks` reads its records back.
REBUILD_STEP = "rebuild_paragraphs"
# The gaps a kept or healed break can cross, as `layout` and `breaks` name them
# (a page's first block opens on BLANK_LINE).
BLANK_LINE = "blank line"
PAGE_GAP = "page break"


@dataclass(frozen=True)
class Change:
    """One thing a step did.

    action: "removed" (text deleted: always reported), "healed" (a blank line or
    page break inside a sentence was closed), "kept" (a break was kept, with the
    reason), "moved" (a running head or folio set after the paragraph a page
    break split), "converted" (script conversion changed the text of a line).
    `line` is the 1-based line number in the source text (0 when unknown).
    """

    step: str
    line: int
    action: str
    text: str = ""
    detail: str = ""


_new = object.__new__


def make_change(step: str, line: int, action: str, text: str = "", detail: str = "") -> Change:
    """`Change(...)` at a fraction of the cost, for the hot path (layout records a
    kept break for about one block in four): the frozen dataclass's `__init__` sets
    each field through `object.__setattr__`; this stores them straight in the
    instance dictionary, as `page.make_block` does. The result is an ordinary Change."""
    change = _new(Change)
    fields = change.__dict__
    fields["step"] = step
    fields["line"] = line
    fields["action"] = action
    fields["text"] = text
    fields["detail"] = detail
    return change


def seam(before: str, after: str) -> str:
    """The text on both sides of a break, so a reader of --explain sees where it is.

    >>> seam("一二三四五六七八九十", "甲乙丙")
    '三四五六七八九十|甲乙丙'
    """
    return f"{before[-8:]}|{after[:8]}"
