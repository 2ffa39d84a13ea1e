"""The parts of a reader's letter and of a notice, read from their own text: a
letter's salutation on a line of its own (编辑同志：), the editor's reply under a
letter (编者按：…), a notice's title naming its kind (启事, 遗失声明). `roles` reads
a letter's signature and `untitled` a letter's start with these; `article_starts`
opens an item at a notice's title.
"""

from __future__ import annotations

import re

from papercli.chars import squeeze
from papercli.page import Block
from papercli.signals import LEAD_IN_COLONS, is_salutation

# A letter's salutation (编辑同志：) on a line of its own, and the editor's reply
# under a letter (编者按：…), follow the signature of the letter above.
SALUTATION_MAX = 12
REPLY_START = re.compile(r"^(?:编者按|編者按|编后|編後|编者|編者)[:：]")


def opens_reply(block: Block) -> bool:
    """Whether `block` opens the next letter (a salutation line) or the editor's
    reply to the letter above: what may follow a letter's signature.

    >>> from papercli.page import BlockKind
    >>> opens_reply(Block(BlockKind.PARAGRAPH, ("编辑同志：",)))
    True
    >>> opens_reply(Block(BlockKind.PARAGRAPH, ("编者按：老旧小区停车难是共性问题。",)))
    True
    >>> opens_reply(Block(BlockKind.PARAGRAPH, ("他说：这件事要快办。",)))
    False
    >>> opens_reply(Block(BlockKind.PARAGRAPH, ("他说，问题在于：",)))
    False
    """
    return REPLY_START.match(squeeze(block.text)) is not None or opens_letter(block)


def opens_letter(block: Block) -> bool:
    """Is `block` a letter's salutation on a line of its own (编辑同志：,
    `signals.is_salutation`)?

    >>> from papercli.page import BlockKind
    >>> opens_letter(Block(BlockKind.PARAGRAPH, ("编辑同志：",)))
    True
    >>> opens_letter(Block(BlockKind.PARAGRAPH, ("编者按：",)))
    False
    """
    # Most blocks asked are paragraphs: the line count and the last mark rule
    # them out before the text is squeezed.
    if len(block.lines) != 1 or block.text.rstrip()[-1:] not in LEAD_IN_COLONS:
        return False
    text = squeeze(block.text)
    return len(text) <= SALUTATION_MAX and not REPLY_START.match(text) and is_salutation(text)


# A notice's title names its kind: 启事 / 遗失声明 / 招标公告 / 訃告 / 更正 / 告白.
# A notice is an item of its own, whatever words it shares with the page.
NOTICE_TITLE = re.compile(
    r"^[\u4e00-\u9fff]{0,6}?(?:[启啓啟]事|[声聲]明|公告|通告|告白|[广廣]告|[讣訃]告|更正|[鸣鳴][谢謝]|敬告)$"
)


def is_notice_title(text: str) -> bool:
    """Does a heading name a notice's kind (`NOTICE_TITLE`)?

    >>> is_notice_title("啓事"), is_notice_title("遗失 声明"), is_notice_title("公告栏里的新变化")
    (True, True, False)
    """
    return NOTICE_TITLE.match(squeeze(text)) is not None
