"""Line signals and the classifier that turns column-wrapped lines into typed blocks."""

from __future__ import annotations

from papercli.changes import Change
from papercli.page import Page


def rebuild_paragraphs(lines: list[str], numbers: list[int]) -> tuple[Page, list[Change]]:
    from papercli.pipeline import page_from_blank_blocks

    return page_from_blank_blocks(lines, numbers), []
