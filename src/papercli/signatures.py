"""Signatures under a reader's letter or a notice: heading-shaped blocks that
close the text above them (`roles.page_roles` gives them the closing role), told
from a subhead of the same shape by what comes before and after them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from papercli.bylines import is_signature
from papercli.chars import is_spaced_out, squeeze
from papercli.columns import WRAPPED_LINES
from papercli.dates import NOTICE_DATE
from papercli.letter_parts import opens_reply
from papercli.page import Block
from papercli.role_names import BODY, CLAUSE_MARKS, HEAD, SENTENCE_MARKS

# What a letter's last paragraph ends on before its signature.
LETTER_END = SENTENCE_MARKS | frozenset("”」』…")


def signs_letter(blocks: Sequence[Block], roles: Sequence[str], i: int) -> bool:
    """Is the heading-shaped block `i` the signature closing a reader's letter
    (`bylines.is_signature`: 读者 王小明, 一位老党员)? It comes right after a
    paragraph that ends a sentence, and the next title or the page's end comes
    right after it: a subhead of the same shape has its text under it.

    >>> from papercli.page import BlockKind
    >>> body = Block(BlockKind.PARAGRAPH, ("希望有关部门尽快解决。",))
    >>> sign = Block(BlockKind.PARAGRAPH, ("读者 王小明",))
    >>> signs_letter([body, sign], [BODY, HEAD], 1)
    True
    >>> signs_letter([body, sign, body], [BODY, HEAD, BODY], 1)
    False
    >>> rubric = Block(BlockKind.PARAGRAPH, ("读 者 来 信",))
    >>> signs_letter([body, rubric, sign], [BODY, HEAD, HEAD], 1)
    False
    """
    if roles[i - 1] != BODY or len(blocks[i].lines) != 1:
        return False
    if i + 1 < len(roles) and roles[i + 1] != HEAD and not opens_reply(blocks[i + 1]):
        return False
    last = blocks[i - 1].text.rstrip()
    sign = blocks[i].lines[0].strip()
    if is_spaced_out(sign) and not is_spaced_out(last):
        # Letter-spaced under text that is not: display type, a column's rubric
        # over the next title (`读 者 来 信`), as OCR spaces a whole page out.
        return False
    return bool(last) and last[-1] in LETTER_END and is_signature(sign)


# A notice is signed under its last sentence by its issuer over the day it was
# issued (特此公告。 / 东海市交通运输局 / 2024年5月28日), or by a name that says it
# signs (王志成啓, 大成綢緞莊謹啟); old notices end their clauses with 、.
SIGNS_OFF = re.compile(r"(?:[谨謹]?[启啓啟]|[谨謹][白上])$")
# The issuer's name and a self-signing name are short lines.
SIGNER_MAX = 20
NOTICE_END = LETTER_END | CLAUSE_MARKS


def notice_signature(blocks: Sequence[Block], roles: Sequence[str], i: int) -> int:
    """How many heading-shaped blocks from `i` sign the notice above (0, 1 or 2):
    an issuer's one-line name over a one-line date (or both lines in one block),
    a date alone, or a name ending in 启/啓/啟, right after a paragraph that ends
    its sentence or clause, with the next title or the page's end right after: a
    title's date or a subhead has text under it.

    >>> from papercli.page import BlockKind
    >>> one = lambda t: Block(BlockKind.PARAGRAPH, (t,))
    >>> page = [one("特此公告。"), one("东海市交通运输局"), one("2024年5月28日"), one("遗失声明")]
    >>> notice_signature(page, [BODY, HEAD, HEAD, HEAD], 1)
    2
    >>> notice_signature([one("特此聲明作廢、"), one("王志成啓")], [BODY, HEAD], 1)
    1
    >>> two = Block(BlockKind.PARAGRAPH, ("东海市交通运输局", "2024年5月28日"))
    >>> notice_signature([page[0], two, page[3]], [BODY, HEAD, HEAD], 1)
    1
    >>> page[3] = one("施工说明")
    >>> notice_signature(page[:2] + page[3:], [BODY, HEAD, HEAD], 1)
    0
    """
    if roles[i] != HEAD or roles[i - 1] != BODY or len(blocks[i].lines) > 2:
        return 0
    last = blocks[i - 1].text.rstrip()
    # A page that sets no marks ends its notice on none.
    if not last or (last[-1] not in NOTICE_END and WRAPPED_LINES not in blocks[i - 1].signals):
        return 0
    if len(blocks[i].lines) == 2:
        # The issuer over the date in one block, as a page cleaned keeps them.
        name, date = (squeeze(line) for line in blocks[i].lines)
        signed = len(name) <= SIGNER_MAX and NOTICE_DATE.match(date) is not None
        span = 1 if signed and not NOTICE_DATE.match(name) else 0
        return span if span and (i + 1 == len(roles) or roles[i + 1] == HEAD) else 0
    name = squeeze(blocks[i].text)
    if NOTICE_DATE.match(name):
        span = 1
    elif len(name) > SIGNER_MAX:
        return 0
    elif SIGNS_OFF.search(name):
        span = 1
    elif (
        i + 1 < len(blocks)
        and roles[i + 1] == HEAD
        and len(blocks[i + 1].lines) == 1
        and NOTICE_DATE.match(squeeze(blocks[i + 1].text))
    ):
        span = 2
    else:
        return 0
    after = i + span
    return span if after == len(roles) or roles[after] == HEAD else 0
