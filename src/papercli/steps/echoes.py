"""Drop duplicated caption text: doubled strings, doubled characters, repeated blocks."""

from __future__ import annotations

from papercli.changes import Change
from papercli.page import Page

MIN_ECHO = 4


def collapse_echo(text: str) -> str | None:
    """The text printed once, if `text` is a whole-string echo `XX` (+ doubled end mark).

    >>> collapse_echo("正在参加修养活动的一线优秀辅警正在参加修养活动的一线优秀辅警。。")
    '正在参加修养活动的一线优秀辅警。'
    """
    body, tail = text, ""
    # Trailing punctuation printed once per layer: `XX。。` -> `X。`.
    while body and not body[-1].isalnum() and body[-1] == text[-1]:
        tail += body[-1]
        body = body[:-1]
    half = len(body) // 2
    if half >= MIN_ECHO and len(body) % 2 == 0 and body[:half] == body[half:]:
        return body[:half] + tail[: max(1, len(tail) // 2)] if tail else body[:half]
    return None


def drop_caption_echoes(page: Page) -> tuple[Page, list[Change]]:
    changes: list[Change] = []
    blocks = []
    for block in page.blocks:
        if len(block.lines) == 1:
            once = collapse_echo(block.lines[0])
            if once is not None:
                changes.append(
                    Change("drop_caption_echoes", block.first_line, "removed",
                           block.lines[0][len(once):], "whole-block echo")
                )
                block = block.with_lines((once,))
        blocks.append(block)
    return Page(tuple(blocks)), changes
