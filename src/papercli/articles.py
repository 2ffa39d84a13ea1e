"""Split a cleaned page into articles: boundaries, caption assignment, metadata.

The page arrives as typed blocks from the layout classifier, but the cut does not
trust `Block.kind` alone: every block's role is re-read from its own text
(`papercli.roles.block_role`), so a misjudged heading or a byline glued into a
paragraph still counts. Then:

1. `papercli.article_starts.find_boundaries` decides which heading runs open an
   article (the rest are subheads inside one), from strong signals (a closing
   byline before a run, a dateline or opening byline after it, a column label)
   and the text's own lexical cohesion.
2. `captions.assign_captions` moves captions (printed twice, or trailing at the
   page foot) to the article whose title and body they overlap most.
3. `make_article` reads each article's metadata: title lines, byline, dateline,
   captions, source lines.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from papercli.article_starts import find_boundaries
from papercli.captions import (
    CAPTION_MATCH,
    FINISHED,
    assign_captions,
    foot_captions,
    pictures,
    trim_foot,
)
from papercli.chars import SPACES, squeeze
from papercli.cohesion import Vocabulary
from papercli.credits import PHOTO_CREDIT_END, without_serial
from papercli.link_boxes import links_boxes
from papercli.options import DEFAULT_OPTIONS, CleanOptions
from papercli.page import Block, render_blocks
from papercli.role_names import CLOSING, DATELINE, HEAD, OPENING, RUN_ROLES, SIGNED
from papercli.roles import (
    DATELINE_START,
    INLINE_CLOSING,
    NAMES_NOBODY,
    NO_BYLINE,
    PAREN_NAME,
    page_roles,
)
from papercli.signals import SECTION_LABEL
from papercli.units import FileLines

if TYPE_CHECKING:
    from papercli.pipeline import CleanResult


@dataclass(frozen=True)
class Article:
    """One article of a page, in page order.

    kind: "article", "masthead" (text before the first headline) or "captions"
    (captions that matched no article). `signals` name what decided the boundary
    that opens this article; `first_line`/`last_line` are 1-based source lines.
    """

    blocks: tuple[Block, ...]
    kind: str = "article"
    title_lines: tuple[str, ...] = ()
    byline: str | None = None
    dateline: str | None = None
    captions: tuple[str, ...] = ()
    first_line: int = 0
    last_line: int = 0
    signals: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return render_blocks(self.blocks)


# The step whose removals mark a block as a caption (one printed twice).
CAPTION_STEP = "drop_caption_echoes"


def make_article(
    blocks: Sequence[Block], roles: Sequence[str], kind: str, signals: Iterable[str]
) -> Article:
    # The title is the heading run that opens the article; later headings are subheads.
    title: list[str] = []
    for b, r in zip(blocks, roles, strict=True):
        if r not in RUN_ROLES:
            break
        # A section label (`前文提要`, `核心阅读`) heads a part of the text, not the
        # article: no title line.
        if r == HEAD and not SECTION_LABEL.match(squeeze(b.text)):
            title.extend(b.lines)
    # A jump line (（下转第三版）) or an end mark (（完）, （待续）) closes an article
    # or a part of one but names nobody, and an editor's credit (（责编：X）) names
    # no author; a photographer's credit (（李四摄）) names
    # the picture's author, not the text's.
    byline = next(
        (
            blocks[i].text
            for i, r in enumerate(roles)
            if r in (OPENING, CLOSING)
            and not NO_BYLINE.match(without_serial(squeeze(blocks[i].text)))
        ),
        None,
    )
    if byline is None and len(title) > 1 and PAREN_NAME.match(squeeze(title[-1])):
        # A pen name set under the title, in the headline's own block (`春日郊遊記` /
        # `（知止）`, as old pages print it).
        byline = title[-1]
    if byline is None:
        # A body paragraph that signs off: the byline is its bracketed tail.
        tails = (INLINE_CLOSING.search(blocks[i].text) for i, r in enumerate(roles) if r == SIGNED)
        names = (m for m in tails if m and not NAMES_NOBODY.search(m[0]))
        m = next((m for m in names if not PHOTO_CREDIT_END.search(m[0])), None)
        byline = m.group(0).lstrip("。！？!?、.”」』\"" + SPACES) if m else None
    dateline = None
    for b, r in zip(blocks, roles, strict=True):
        if r == DATELINE:
            m = DATELINE_START.match(squeeze(b.text))
            dateline = m.group(0) if m else None
            break
    captions = tuple(b.text for b, r in zip(blocks, roles, strict=True) if r == "caption")
    own = [b for b, r in zip(blocks, roles, strict=True) if r != "caption"] or list(blocks)
    lines = [b.first_line for b in own if b.first_line] + [b.last_line for b in own]
    return Article(
        tuple(blocks),
        kind=kind,
        title_lines=tuple(title) if kind == "article" else (),
        byline=byline,
        dateline=dateline,
        captions=captions,
        first_line=min((x for x in lines if x), default=0),
        last_line=max(lines, default=0),
        signals=tuple(signals),
    )


def split_blocks(
    blocks: Sequence[Block], echoed_lines: frozenset[int] = frozenset()
) -> list[Article]:
    """Cut a page's blocks into articles (the pure core of `split_articles`)."""
    return _split_blocks(blocks, echoed_lines)[0]


def _split_blocks(
    blocks: Sequence[Block], echoed_lines: frozenset[int]
) -> tuple[list[Article], bool]:
    """`split_blocks`, and whether the first article is the text before the page's
    first headline (or the whole page, if it has none)."""
    if not blocks:
        return [], False
    roles = page_roles(blocks)
    vocab = Vocabulary.of(b.text for b in blocks)
    echoed = {i for i, b in enumerate(blocks) if b.first_line in echoed_lines}
    # Where the page printed its captions twice, the echo step has found them all; the
    # page foot is only guessed at when there is no such evidence.
    foot = trim_foot(foot_captions(blocks, roles), roles, vocab)
    boxes = links_boxes(blocks, roles)
    if boxes:
        # A box of links ends its article: the captions at the foot come after it.
        foot = [i for i in foot if i >= boxes[-1][1]]
    if echoed:
        # With that evidence, a foot block is a caption only if it repeats a title (the
        # titles above the foot and echoes: a heading in the foot would match itself).
        rest = set(foot) | echoed
        heads = vocab.union(i for i, r in enumerate(roles) if r == HEAD and i not in rest)
        foot = [i for i in foot if 2 * vocab.cohesion(heads, vocab.grams[i]) >= CAPTION_MATCH]
    caps = echoed | set(foot)
    keep = [i for i in range(len(blocks)) if i not in caps]
    kept_blocks = [blocks[i] for i in keep]
    kept_roles = [roles[i] for i in keep]
    kept_grams = [vocab.grams[i] for i in keep]
    bounds = [bd for bd in find_boundaries(kept_blocks, kept_roles, kept_grams) if bd.accepted]
    # Article starts as indexes into the full block list.
    starts = [keep[bd.index] for bd in bounds]
    spans = [*starts, len(blocks)]
    titles: list[set[str]] = []
    for k, s in enumerate(starts):
        head = []
        for i in (i for i in range(s, spans[k + 1]) if i not in caps):
            if roles[i] not in RUN_ROLES:
                break
            head.append(i)
        titles.append(vocab.union(head))
    owner = assign_captions(sorted(caps), starts, titles, vocab)
    # A short block at the foot was only guessed to be a caption; matching no title
    # either, it is the end of the article it follows, not a caption to set apart,
    # unless that article's text was finished above it (a closing byline, a credit):
    # nothing of the article comes after those.
    after_text = bool(foot) and roles[foot[0] - 1] not in FINISHED
    # A picture after another picture (its caption closed by its credit) is a caption
    # on evidence; the first, right under the text, may still be that text's end.
    ends = set(pictures(foot, blocks, roles))
    first_end = min(ends, default=len(blocks))
    for c in foot:
        if c > first_end:
            continue
        if owner[c] is None and c not in echoed and starts and starts[0] < c and after_text:
            owner[c] = bisect_right(starts, c) - 1
    if not starts and after_text:
        # A page with no title is one article: the short lines after its running
        # text (`The writer is …`) end it as they would end a titled one.
        caps -= {c for c in foot if c not in echoed}

    pieces: list[tuple[list[int], str, tuple[str, ...]]] = []
    first = starts[0] if starts else len(blocks)
    masthead = [i for i in range(first) if i not in caps]
    if masthead:
        kind = "masthead" if starts else "article"
        pieces.append((masthead, kind, ("before the first headline",) if starts else ()))
    owned: dict[int | None, list[int]] = {}
    for c in sorted(caps):
        owned.setdefault(owner[c], []).append(c)
    for k, s in enumerate(starts):
        own = [i for i in range(s, spans[k + 1]) if i not in caps]
        # In page order: a caption printed inside its own article stays by its
        # credit (`本报记者 X 摄`); those from the foot come after the text.
        own = sorted(own + owned.get(k, []))
        pieces.append((own, "article", bounds[k].signals))
    # Each picture matching no article (its caption and credit) is a file of its own;
    # captions with no credit to end them stay together.
    for loose in loose_pictures(owned.get(None, []), ends):
        pieces.append((loose, "captions", ("caption without a matching article",)))
    out = []
    for idx, kind, signals in pieces:
        rs = ["caption" if i in caps else roles[i] for i in idx]
        out.append(make_article([blocks[i] for i in idx], rs, kind, signals))
    return out, bool(masthead)


def loose_pictures(loose: Sequence[int], ends: set[int]) -> list[list[int]]:
    """Cut the captions that match no article after each picture's credit.

    >>> loose_pictures([4, 5, 6, 7, 9], {5, 7})
    [[4, 5], [6, 7], [9]]
    """
    out: list[list[int]] = [[]]
    for c in loose:
        out[-1].append(c)
        if c in ends:
            out.append([])
    return [group for group in out if group]


def split_articles(text: str, options: CleanOptions = DEFAULT_OPTIONS) -> list[Article]:
    """Clean `text` with `options` and cut the page into articles, in page order."""
    from papercli.pipeline import clean_and_explain

    return articles_of(clean_and_explain(text, options))


def articles_of(result: CleanResult) -> list[Article]:
    """The articles of a page already cleaned (for callers that have the result)."""
    return unit_articles(result)[0]


def unit_articles(result: CleanResult) -> tuple[list[Article], bool]:
    """`articles_of` a unit's result, and whether the unit opens inside an article
    (text before its first headline, or no headline at all): after a unit that
    gave an article, its first goes on with that one (see `iter_articles`)."""
    echoed = frozenset(c.line for c in result.changes if c.step == CAPTION_STEP)
    return _split_blocks(result.page.blocks, echoed)


def splits_by_units(options: CleanOptions) -> bool:
    """Can `iter_articles` find the articles with `options` unit by unit? Not
    without paragraphs rebuilt (the blocks are then the user's own)."""
    return options.rebuild_paragraphs


@dataclass(frozen=True)
class ArticlePart:
    """An article as `iter_articles` finds it, or more of one found before.

    more: the text before a unit's first headline, where an article found before
    goes on: it belongs to the last article given that is not `captions`, after
    that article's text. glued: and its first line goes on that text's last line
    (the two pieces of a line cut between units: see `units.LONG_LINE`), with no
    newline between them.
    """

    article: Article
    more: bool = False
    glued: bool = False


def iter_articles(
    lines: Iterable[str],
    options: CleanOptions = DEFAULT_OPTIONS,
    furniture: Collection[int] | None = None,
) -> Iterator[ArticlePart]:
    """The articles of a long text given as its lines (`units.split_lines`, or a
    stream's: `split` of a large file), found unit by unit as `clean` cleans it
    (`units.iter_units`), in memory bounded by a unit, not the text.

    Each unit's blocks are cut as `split_blocks` cuts a page: boundaries, captions
    and cohesion are judged within the unit (a few thousand lines, cut where a
    paragraph ends), so a text of several units may be cut a little differently
    from `split_articles` of the whole. A unit that opens inside an article (text
    before its first headline) goes on with the article before it (`ArticlePart.more`).
    Line numbers are the file's, as `grep -n` counts them (`units.FileLines`).
    A text of one unit gives exactly `split_articles`' articles. Only for
    `options` that `splits_by_units`; `furniture` as for
    `pipeline.iter_clean_units`.
    """
    from papercli.pipeline import glues_next, iter_clean_units

    numbers = FileLines()

    def seen() -> Iterator[str]:
        for n, line in enumerate(lines, 1):
            numbers.see(n, line)
            yield line

    glue = opened = False
    for _, result in iter_clean_units(seen(), options, furniture):
        found, inside = unit_articles(result)
        glued, glue = glue, glues_next(result, glue)
        for k, article in enumerate(found):
            if not numbers.identical:
                article = replace(
                    article,
                    first_line=numbers.real(article.first_line),
                    last_line=numbers.real(article.last_line),
                )
            more = opened and inside and k == 0
            yield ArticlePart(article, more=more, glued=more and glued)
            opened = opened or article.kind != "captions"
