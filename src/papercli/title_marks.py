"""Titles that only their neighbours show: a column's kicker and a Latin-script title.

`papercli.roles` reads a block's role from its own text. Two kinds of heading need
the blocks around them: a commentator's kicker (`本报评论员`, `评论员文章`) reads as
a byline alone but heads the piece when a title follows it; an English item's title
on a Chinese page reads as a line of text but stands between Chinese text and the
item's own Latin text. `mark_titles` makes both headings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from papercli.chars import HAN, squeeze
from papercli.cohesion import HAN_RUN
from papercli.page import Block
from papercli.role_names import BODY, HEAD, OPENING

# A kicker over a title that names the kind of column, not its subject: an opinion
# piece's (社论, 短评, 本报评论员, 评论员文章) or a briefs column's rubric (要闻简报,
# 本地快讯, 經濟簡訊). Under a title `本报评论员` is the piece's byline instead.
KICKER_LABEL = re.compile(
    rf"^(?:(?:本[报報刊]|[{HAN}]{{1,6}}?[报報社])?(?:特[约約])?[评評][论論][员員](?:文章)?"
    r"|社[论論评評]|[短时時述][评評]"
    rf"|[{HAN}]{{0,6}}(?:[简簡][讯訊报報]|[快短][讯訊]|速[递遞览覽]))$"
)
# A headline in a Latin script: a few words, nearly all capitalised (`City Opens New
# International School`, `Rates Held at 3%`), no closing mark. Words of three letters
# or fewer (of, at, in) may stay lower case.
LATIN_TITLE_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f'’&%$.-]+")
LATIN_TITLE_WORDS = (2, 12)


def is_latin_title(text: str) -> bool:
    """Is a line set as an English (or other Latin-script) headline?

    >>> is_latin_title("City Opens New International School")
    True
    >>> is_latin_title("A new school opened.")
    False
    """
    text = text.strip()
    if not text or text[-1] in ".,;:!?" or HAN_RUN.search(text):
        return False
    words = text.split()
    if not LATIN_TITLE_WORDS[0] <= len(words) <= LATIN_TITLE_WORDS[1]:
        return False
    if not all(LATIN_TITLE_WORD.fullmatch(w) for w in words):
        return False
    return all(w[0].isupper() or w[0].isdigit() or len(w) <= 3 for w in words)


def mark_titles(blocks: Sequence[Block], roles: list[str]) -> None:
    """Make the page's kickers and Latin-script titles headings (in place)."""
    for i in range(1, len(roles) - 1):
        # An item in a Latin script on a Chinese page (its title over its text) is set
        # apart by its change of script as a Chinese title is by its shape.
        if (
            roles[i] == BODY
            and len(blocks[i].lines) == 1
            and HAN_RUN.search(blocks[i - 1].text)
            and not HAN_RUN.search(blocks[i + 1].text)
            and roles[i + 1] == BODY
            and is_latin_title(blocks[i].text)
        ):
            roles[i] = HEAD
    for i in range(len(roles) - 1):
        # A commentator's kicker over a title (`评论员文章` / `把好事办实`, set apart
        # or in the title's block) heads the piece; under a title it is the byline.
        if (
            roles[i] == OPENING
            and (roles[i + 1] == HEAD or len(blocks[i].lines) > 1)
            and (i == 0 or roles[i - 1] != HEAD)
            and KICKER_LABEL.match(squeeze(blocks[i].lines[0]))
        ):
            roles[i] = HEAD
