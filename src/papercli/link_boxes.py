"""Boxes of links under an article: a label (`延伸閱讀`, `相关新闻`) over other
stories' headlines, one line each, and no text. The box ends the article above
it; `article_starts` keeps it there and `articles` takes no caption from it.
"""

from __future__ import annotations

from collections.abc import Sequence

from papercli.chars import squeeze
from papercli.page import Block
from papercli.role_names import BODY, HEAD, OPENING, SENTENCE_MARKS, TEXT_ROLES
from papercli.roles import BODY_END_MARKS, LINKS_LABEL

# A half-open range of blocks.
Span = tuple[int, int]
# Roles of text under a heading: a headline over one is a story's title, no link.
STORY_ROLES = TEXT_ROLES | {OPENING}

# The characters a links label opens on (a set lookup before the pattern).
LABEL_OPENERS = frozenset("相延推更")
# A linked headline in a box of links: one line, this many characters at most.
LINK_LINE = 40
# Marks a linked headline holds only at its end, if at all (`颱風假怎麼放？各縣市
# 標準一次看` asks in its middle).
LINK_STOPS = SENTENCE_MARKS - frozenset("？！?!")


def is_link_line(block: Block) -> bool:
    """Is a block one headline of a box of links: one short line, no sentence
    stop inside, not ending as running text does?"""
    if len(block.lines) != 1:
        return False
    text = squeeze(block.text)
    return (
        0 < len(text) <= LINK_LINE
        and LINK_STOPS.isdisjoint(text)
        and text[-1] not in BODY_END_MARKS
    )


def links_box_end(blocks: Sequence[Block], roles: Sequence[str], a: int) -> int:
    """Where a box of links that block `a` labels (`LINKS_LABEL`: 延伸閱讀,
    相关新闻) ends: after the linked headlines under the label, one line each.
    The last of them opens the next story when text follows it (a headline over
    its own text is that story's title, under its rubric). `a` when the label
    is followed by no linked headline (no box, or no label)."""
    label = blocks[a]
    if len(label.lines) != 1 or label.text.lstrip()[:1] not in LABEL_OPENERS:
        return a
    if not LINKS_LABEL.match(squeeze(label.text)):
        return a
    j = a + 1
    while j < len(blocks) and roles[j] in (HEAD, BODY) and is_link_line(blocks[j]):
        j += 1
    if j < len(blocks) and roles[j] in STORY_ROLES:
        j -= 1
    return j if j > a + 1 else a


def links_boxes(blocks: Sequence[Block], roles: Sequence[str]) -> list[Span]:
    """The page's boxes of links (`links_box_end`), in page order."""
    boxes: list[Span] = []
    i = 0
    while i < len(roles):
        end = links_box_end(blocks, roles, i) if roles[i] == HEAD else i
        if end > i:
            boxes.append((i, end))
        i = max(end, i + 1)
    return boxes
