"""Which article a caption belongs to: the captions trailing at a page's foot, and
the article whose title and text each one overlaps most.

Overlap is the page's own lexical cohesion (`papercli.cohesion`: character
bigrams weighted by how rare they are on the page); a caption with no clear match
goes to a captions file of its own rather than to a guess.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from papercli.chars import squeeze
from papercli.cohesion import Vocabulary
from papercli.credits import BRACKETED_PHOTO_CREDIT, PHOTO_CREDIT_END
from papercli.page import Block
from papercli.role_names import BODY, CLOSING, CREDIT, DATELINE, HEAD, NOTE, RUN_ROLES, SIGNED
from papercli.roles import DASH_ATTRIBUTION

# A caption is a single line of at most this many characters.
MAX_CAPTION = 60
# A caption clearly belongs to an article when twice its title overlap plus its text
# overlap (each a share of the caption's weighted bigrams) reaches this.
CAPTION_MATCH = 0.5
# A caption is matched against the articles begun before it, the nearest this many
# (more than a page holds): the work per caption stays bounded on a long input.
CAPTION_REACH = 32


def foot_captions(blocks: Sequence[Block], roles: Sequence[str]) -> list[int]:
    """Indexes of the short single-line blocks trailing at the page foot, after the
    last article's text: where extraction leaves the captions of the page's pictures.
    Pictures above the last one are read only while each ends on its credit (a
    credit line under its caption, or …。（X摄）): a line with none above them is text.

    >>> from papercli.page import BlockKind
    >>> from papercli.roles import page_roles
    >>> texts = ("标题", "正文很长。" * 9, "（张三）", "图片说明。")
    >>> b = [Block(BlockKind.PARAGRAPH, (t,)) for t in texts]
    >>> foot_captions(b, page_roles(b))
    [3]
    >>> b.append(Block(BlockKind.PARAGRAPH, ("张 远摄",)))
    >>> foot_captions(b, page_roles(b))
    [3, 4]
    """
    out: list[int] = []
    i = len(blocks) - 1
    # The last picture's credit (张三 摄) may close the captions, under its caption.
    credit = i > 1 and picture_credit(blocks, roles, i)
    if credit:
        out.append(i)
        i -= 1
    # Pictures met in the walk, above the last one: each ends on its credit.
    pictured = False
    while i > 0:
        text = squeeze(blocks[i].text)
        if i > 1 and picture_credit(blocks, roles, i) and caption_shaped(blocks, roles, i - 1):
            # Another picture's credit under its caption: the foot goes on above it.
            out.append(i)
            i -= 1
            pictured = True
            continue
        closed = BRACKETED_PHOTO_CREDIT.search(text) is not None
        if pictured and not closed and roles[i + 1] != CREDIT:
            # Over pictures that each end on a credit, a line with none is text.
            break
        pictured = pictured or (closed and len(out) > int(credit))
        dash = roles[i] == NOTE and DASH_ATTRIBUTION.match(text) is not None
        # A caption signed by its photographer (…。（王五摄）) reads as a signed paragraph.
        credited = roles[i] == SIGNED and closed
        shaped = roles[i] in (HEAD, BODY) or dash or credited
        if len(blocks[i].lines) != 1 or len(text) > MAX_CAPTION or not shaped:
            break
        out.append(i)
        i -= 1
    if i <= 0 or roles[i] not in (CLOSING, SIGNED, NOTE, CREDIT, BODY, DATELINE):
        return []
    if credit and len(out) == 1:
        # A credit with no caption over it credits the text above.
        return []
    # A heading run just before would be left without text: what follows is its body.
    while i > 0 and roles[i] in RUN_ROLES - {HEAD}:
        i -= 1
    if roles[i] == HEAD:
        return []
    return sorted(out)


def picture_credit(blocks: Sequence[Block], roles: Sequence[str], i: int) -> bool:
    """Is block `i` a photograph's credit on a line of its own (张三 摄, 图/X)?"""
    return (
        roles[i] == CREDIT
        and len(blocks[i].lines) == 1
        and PHOTO_CREDIT_END.search(squeeze(blocks[i].text)) is not None
    )


def caption_shaped(blocks: Sequence[Block], roles: Sequence[str], i: int) -> bool:
    """Could block `i` be a caption: one short line of text?"""
    return (
        roles[i] in (HEAD, BODY)
        and len(blocks[i].lines) == 1
        and len(squeeze(blocks[i].text)) <= MAX_CAPTION
    )


def pictures(foot: Sequence[int], blocks: Sequence[Block], roles: Sequence[str]) -> list[int]:
    """The foot blocks that end a picture: a credit line, or a caption ending on its
    credit in brackets (…。（本报记者 X摄）). What they close is a caption on evidence,
    as a caption printed twice is, and not the text above run on.

    >>> from papercli.page import BlockKind
    >>> texts = ("雨后的老街。", "曹 远摄", "树。（李四摄）")
    >>> b = [Block(BlockKind.PARAGRAPH, (t,)) for t in texts]
    >>> pictures([0, 1, 2], b, [BODY, CREDIT, BODY])
    [1, 2]
    """
    return [
        i
        for i in foot
        if picture_credit(blocks, roles, i)
        or (
            roles[i] in (BODY, SIGNED)
            and BRACKETED_PHOTO_CREDIT.search(squeeze(blocks[i].text)) is not None
        )
    ]


# Roles that finish an article's text: short lines after one are no more of it.
FINISHED = frozenset({CLOSING, SIGNED, NOTE, CREDIT})


def trim_foot(foot: Sequence[int], roles: Sequence[str], vocab: Vocabulary) -> list[int]:
    """Drop from the foot a short last article: a heading followed by its text, when
    the heading echoes no title above it (a caption repeats a title; a title does not).
    The short lines before that heading are captions only where the text above them
    was finished (a closing byline, a credit); after running text they are that
    text's last paragraphs, a subhead's section under way, and none is a caption.

    >>> v = Vocabulary((set(), {"甲地"}, set(), set(), {"甲地"}, {"乙地"}, {"乙地"}),
    ...                {"甲地": 1, "乙地": 1})
    >>> trim_foot([4, 5, 6], [BODY, HEAD, BODY, CLOSING, BODY, HEAD, BODY], v)
    [4]
    >>> trim_foot([4, 5, 6], [BODY, HEAD, BODY, BODY, BODY, HEAD, BODY], v)
    []
    """
    if not foot:
        return []
    titles = vocab.union(i for i in range(foot[0]) if roles[i] == HEAD)
    for j in reversed(foot[:-1]):
        pair = roles[j] == HEAD and roles[j + 1] == BODY
        if pair and vocab.cohesion(titles, vocab.grams[j]) < CAPTION_MATCH:
            if roles[foot[0] - 1] not in FINISHED:
                return []
            return [i for i in foot if i < j]
    return list(foot)


def assign_captions(
    captions: Sequence[int], starts: Sequence[int], titles: Sequence[set[str]], vocab: Vocabulary
) -> dict[int, int | None]:
    """For each caption (block index), the article (index into `starts`) it belongs
    to: the one among those begun before it whose title and text it overlaps most;
    None when no article clearly matches.

    >>> g = ({"快递", "网点"}, {"邮政"}, {"扶贫", "减贫"}, {"扶贫", "现场"})
    >>> v = Vocabulary(g, {x: 1.0 for s in g for x in s})
    >>> assign_captions([3], [0, 2], [{"快递", "网点"}, {"扶贫"}], v)
    {3: 1}
    """
    out: dict[int, int | None] = {}
    spans = [*starts, len(vocab.grams)]
    skip = set(captions)
    texts: dict[int, set[str]] = {}
    for cap in captions:
        best, best_k = 0.0, None
        begun = bisect_left(starts, cap)
        for k in range(max(0, begun - CAPTION_REACH), begun):
            text = texts.get(k)
            if text is None:
                text = texts[k] = vocab.union(
                    i for i in range(starts[k], spans[k + 1]) if i not in skip
                )
            score = caption_score(vocab, vocab.grams[cap], titles[k], text)
            if score > best:
                best, best_k = score, k
        out[cap] = best_k if best >= CAPTION_MATCH else None
    return out


def caption_score(vocab: Vocabulary, grams: set[str], title: set[str], text: set[str]) -> float:
    """How clearly a caption-like line belongs to an article: its overlap with the
    title counts twice (captions name what the title names), plus its overlap with
    the text. `CAPTION_MATCH` or more is a clear match."""
    return 2 * vocab.cohesion(title, grams) + vocab.cohesion(text, grams)
