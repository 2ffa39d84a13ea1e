"""Where an article opens with no title of its own: a dateline, or a reporter's
byline over text, right after the closing byline of a finished text; a letter's
salutation right after the signature of the letter above (or the editor's reply
under it). `article_starts` adds these to the starts its heading runs vote on.
"""

from __future__ import annotations

from collections.abc import Sequence

from papercli.letter_parts import opens_letter, opens_reply
from papercli.page import Block
from papercli.role_names import BODY, CLOSING, DATELINE, OPENING, TEXT_ROLES


def untitled_starts(roles: Sequence[str], runs: Sequence[tuple[int, int]]) -> list[int]:
    """Blocks that open an untitled text after a finished one: the dateline, or
    the reporter's byline over text, right after a closing byline that signs
    text (`…。` / `（記者X）` / `東方日報訊 …`), outside any heading run and
    below the first.

    >>> from papercli.roles import HEAD
    >>> untitled_starts([HEAD, BODY, CLOSING, DATELINE, BODY], [(0, 1)])
    [3]
    >>> untitled_starts([HEAD, BODY, CLOSING, OPENING, BODY, CLOSING, BODY], [(0, 1)])
    [3]
    """
    if not runs:
        return []
    inside = {i for a, b in runs for i in range(a, b)}
    out = []
    for i in range(max(2, runs[0][1]), len(roles)):
        if roles[i - 1] != CLOSING or roles[i - 2] not in TEXT_ROLES or i in inside:
            continue
        opens_text = i + 1 < len(roles) and roles[i + 1] in TEXT_ROLES
        if roles[i] == DATELINE or (roles[i] == OPENING and opens_text):
            out.append(i)
    return out


def letter_starts(blocks: Sequence[Block], roles: Sequence[str]) -> list[int]:
    """Blocks that open an untitled letter: a salutation (编辑同志：) right after
    the signature closing the letter above, or after the editor's reply under it
    (编者按：…), which belongs to that letter.

    >>> from papercli.page import BlockKind
    >>> from papercli.roles import HEAD
    >>> one = lambda t: Block(BlockKind.PARAGRAPH, (t,))
    >>> page = [one("读者来信"), one("编辑同志："), one("路灯坏了。"), one("读者 王明"),
    ...         one("编者按：已修好。"), one("编辑同志："), one("盲道被占。"), one("一位市民")]
    >>> letter_starts(page, [HEAD, BODY, BODY, CLOSING, BODY, BODY, BODY, CLOSING])
    [5]
    """
    out = []
    for i in range(2, len(roles)):
        if roles[i] != BODY or not opens_letter(blocks[i]):
            continue
        j = i - 1
        if roles[j] == BODY and opens_reply(blocks[j]):
            j -= 1
        if j > 0 and roles[j] == CLOSING and roles[j - 1] in TEXT_ROLES:
            out.append(i)
    return out
