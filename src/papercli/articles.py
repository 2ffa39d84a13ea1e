"""Split a cleaned page into articles: boundaries, caption assignment, metadata.

The page arrives as typed blocks from the layout classifier, but the cut does not
trust `Block.kind` alone: every block's role is re-read from its own text
(`block_role`), so a misjudged heading or a byline glued into a paragraph still
counts. Then:

1. `head_runs` groups consecutive heading-like blocks (title, kicker, subtitle,
   opening byline): they always belong to one article.
2. `find_boundaries` decides, for each run after the first, whether it opens a new
   article or is a subhead inside the current one. Strong signals (a closing
   byline before it, a dateline or opening byline after it, a column label) and
   the text's own lexical cohesion (`cohesion`, character bigrams weighted by how
   rare they are on the page) are added into one score.
3. `assign_captions` moves captions (printed twice, or trailing at the page foot)
   to the article whose title and body they overlap most.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from papercli.chars import HAN
from papercli.options import DEFAULT_OPTIONS, CleanOptions
from papercli.page import Block, render_blocks


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


HAN_RUN = re.compile(f"[{HAN}]+")

# --- Block roles, read from the text -------------------------------------------------

HEAD = "head"  # title, kicker, subtitle, subhead: short, no sentence punctuation
BODY = "body"
DATELINE = "dateline"  # a paragraph opening with an agency/date mark
CLOSING = "closing"  # a byline after the body: （杨娜娜） or text。（壯士）
OPENING = "opening"  # 本报记者 X, an author line (X著 / X譯), a pen name after a title
NOTE = "note"  # a bracketed end note: （本报罗马2月14日电） （作者为…） or a part number （一）
CREDIT = "credit"  # 制图：X / 数据来源：X / X摄
EDITOR = "editor"  # a column masthead's editor line: X主編 / X編輯

SPACES = " \t\u3000\u00a0"
OPEN_PAREN = "（("
CLOSE_PAREN = "）)"

# A dateline opening a paragraph: 新华社北京2月14日电 / 据新华社柏林10月13日电 / 本报讯 /
# （重慶廿日海通電） / （柏林廿日海通社通）; the agency-and-date shape, not a list of agencies.
DATELINE_START = re.compile(
    r"^(?:[据據]?(?:新华社|新華社|本报|本報|中新社|中央社|路透社|美联社|美聯社|法新社)"
    r"[^，。,\n]{0,16}?[电電讯訊]"
    r"|本[报報][讯訊]"
    r"|[（(][^（）()\n]{2,22}?(?:[電电訊讯]|社?通)[）)（(])"
)
# A name in brackets, the whole block: （杨娜娜） （知止） （不平凡公子） （水直 ）.
PAREN_NAME = re.compile(rf"^[（(][{HAN}·{SPACES}]{{1,8}}[）)]$")
# A part number in brackets: （一） （一四九） （35）.
PAREN_NUMBER = re.compile(r"^[（(][一二三四五六七八九十百千〇零廿卅0-9０-９]{1,5}[）)]$")
# A reporter credit in brackets: （记者 X 通讯员 Y） （朱小路参与采写） （本报记者 X整理）.
PAREN_REPORTER = re.compile(
    r"^[（(][^（）()]*(?:记者|記者|通讯员|通訊員|采写|採寫|整理|报道|報道)[^（）()]*[）)]$"
)
# A body paragraph that ends with its own closing byline: 。（壯士） / 。”（未將） / 、（X）.
INLINE_CLOSING = re.compile(rf"[。！？!?、][”」』]?[{SPACES}]*[（(][{HAN}{SPACES}]{{2,6}}[）)]$")
# A source note in brackets that ends an item, not an article: （据新华社柏林电 记者X） /
# （本报布鲁塞尔2月14日电） / （作者为…）.
PAREN_SOURCE = re.compile(r"^[（(](?:[据據]|作者|[^（）()]*[电電][）)\s])")
# An attribution line after a quote or an editor's note: ——编 者 / ——某某在某会上说.
DASH_ATTRIBUTION = re.compile(r"^(?:——|—|－－)")
# An opening byline on its own line: 本报记者 张三 / 记者 X / 本报特约评论员 X.
OPENING_BYLINE = re.compile(
    r"^(?:本[报報])?(?:特约|特約)?(?:记者|記者|通讯员|通訊員|评论员|評論員|撰稿人)"
    r"[" + SPACES + r"]*\S"
)
# An author line: 約翰耿脫著 / 亦朋譯 / 賽珍珠女士作 / 畢倚虹遺著 / 刀人譔.
AUTHOR_LINE = re.compile(rf"[{HAN}{SPACES}](?:著|譯|译|撰|譔|遺著|遗著|(?:女士|先生|君)作)$")
# The editor line that closes a column masthead: 黔野主編 / 豐田編輯.
EDITOR_LINE = re.compile(r"(?:主編|主编|編輯|编辑)$")
# Credits that sit at an article's foot: 制图：X / 数据来源：X / X摄 / 新华社发.
CREDIT_LINE = re.compile(
    r"^(?:本版)?(?:制图|製圖|数据来源|數據來源|资料来源|資料來源|图片来源|圖片來源|摄影|攝影"
    r"|绘图|繪圖|版式设计|责任编辑|責任編輯|图|圖)[:：]"
    r"|(?:摄|攝|新华社发|新華社發)(?:[（(][^（）()]*[）)])?$"
)
# A column label closing a title line: （人民论坛） (经济聚焦·夜间经济观察①), or a kicker
# line ending in a dash: 国防科技大学计算机研究所所长肖立权——.
COLUMN_LABEL = re.compile(r"[（(][^（）()。，,]{2,30}[）)]$|——$")
# A numbered section inside a serial or essay: 第十七囘 / 第一章 / 一　家世 / 五十四　這是.
NUMBERED_SECTION = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇0-9]+[章回囘節节篇部]"
    r"|[一二三四五六七八九十百]+[\s　、．.])"
)
# Sentence punctuation that no heading contains.
SENTENCE_MARKS = frozenset("。！？!?；;")
# Marks that end a body line (a heading never ends with them).
BODY_END_MARKS = SENTENCE_MARKS | frozenset("，,、：:…")

# A heading line is at most this many characters; longer lines are body text.
MAX_HEAD_LINE = 48
# A caption is a single line of at most this many characters.
MAX_CAPTION = 60


def squeeze(text: str) -> str:
    """The text without spaces, the way the scorer and the reader see it.

    >>> squeeze("本报记者  方  敏")
    '本报记者方敏'
    """
    return "".join(ch for ch in text if ch not in SPACES and ch != "\n")


def is_heading_text(lines: Sequence[str]) -> bool:
    """Heading shape: short lines, no sentence mark inside, no body mark at the end.

    >>> is_heading_text(["法租界懸旗糾紛"]), is_heading_text(["千年羊城，处处透着风华正茂："])
    (True, False)
    >>> is_heading_text(["53岁，开始练习长跑"])
    True
    """
    if not lines or len(lines) > 6:
        return False
    for line in lines:
        text = squeeze(line)
        if not text or len(text) > MAX_HEAD_LINE or SENTENCE_MARKS & set(text):
            return False
    last = squeeze(lines[-1]).rstrip(CLOSE_PAREN + "”’」』")
    return bool(last) and last[-1] not in BODY_END_MARKS


def block_role(block: Block) -> str:
    """What a block is, read from its text; the classifier's kind only breaks ties.

    >>> from papercli.page import BlockKind
    >>> block_role(Block(BlockKind.PARAGRAPH, ("（杨娜娜）",)))
    'closing'
    >>> block_role(Block(BlockKind.PARAGRAPH, ("（重慶廿日海通電）據此間所接消息、華軍反攻、",)))
    'dateline'
    >>> block_role(Block(BlockKind.PARAGRAPH, ("本报记者  方  敏",)))
    'opening'
    """
    text = squeeze(block.text)
    if not text:
        return BODY
    if DATELINE_START.match(text) and len(text) > DATELINE_START.match(text).end() + 4:  # type: ignore[union-attr]
        return DATELINE
    if PAREN_SOURCE.match(text) and text[-1] in CLOSE_PAREN:
        return NOTE
    if PAREN_NUMBER.match(text):
        return NOTE
    if PAREN_NAME.match(text) or PAREN_REPORTER.match(text):
        return CLOSING
    if text[0] in OPEN_PAREN and text[-1] in CLOSE_PAREN and len(block.lines) == 1:
        return NOTE
    if len(text) <= 30 and OPENING_BYLINE.match(text):
        return OPENING
    if len(text) <= 40 and CREDIT_LINE.search(text):
        return CREDIT
    if len(text) <= 12 and EDITOR_LINE.search(text):
        return EDITOR
    if len(text) <= 16 and AUTHOR_LINE.search(block.lines[-1].strip()):
        return OPENING
    if len(block.lines) == 1 and DASH_ATTRIBUTION.match(text):
        return NOTE
    if INLINE_CLOSING.search(text):
        return CLOSING
    if is_heading_text(block.lines) and HAN_RUN.search(text):
        return HEAD
    # A row of symbols (✕✕✕, ＊＊＊) divides items inside an article: body, not a heading.
    return BODY


# --- Lexical cohesion ----------------------------------------------------------------


def char_bigrams(text: str) -> set[str]:
    """Bigrams of Han characters; punctuation and Latin break the text into runs.

    >>> sorted(char_bigrams("华军反攻、克复"))
    ['克复', '军反', '华军', '反攻']
    """
    grams: set[str] = set()
    for run in HAN_RUN.findall(text):
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return grams


def rarity_weights(block_grams: Sequence[set[str]]) -> dict[str, float]:
    """Inverse block frequency: a bigram on every block says nothing about topic.

    >>> w = rarity_weights([{"华军", "反攻"}, {"华军"}, {"华军", "石龙"}])
    >>> round(w["华军"], 3), round(w["石龙"], 3)
    (0.288, 1.386)
    """
    df: Counter[str] = Counter()
    for grams in block_grams:
        df.update(grams)
    n = len(block_grams) + 1
    return {g: math.log(n / c) for g, c in df.items()}


def cohesion(left: set[str], right: set[str], weights: dict[str, float]) -> float:
    """Share of the right text's (weighted) vocabulary that the left text already used.

    >>> w = {"华军": 0.1, "反攻": 1.0, "石龙": 2.0, "粮价": 2.0}
    >>> cohesion({"华军", "石龙"}, {"华军", "石龙", "反攻"}, w)
    0.677
    >>> cohesion({"华军"}, {"粮价"}, w)
    0.0
    """
    total = sum(weights.get(g, 0.0) for g in right)
    if total <= 0:
        return 0.0
    shared = sum(weights.get(g, 0.0) for g in right & left)
    return round(shared / total, 3)


# --- Boundaries ----------------------------------------------------------------------

# Roles that may continue a heading run once a heading has opened it.
RUN_ROLES = frozenset({HEAD, OPENING, NOTE, CLOSING, EDITOR})
# Roles that carry an article's text (a heading run must be followed by one to open an article).
TEXT_ROLES = frozenset({BODY, DATELINE})
# A boundary is taken when its signals add up to at least this much.
THRESHOLD = 1.6


@dataclass(frozen=True)
class Boundary:
    """A heading run that may open an article: its first block, what spoke for and
    against it, and the verdict."""

    index: int
    signals: tuple[str, ...]
    score: float
    accepted: bool


def head_runs(roles: Sequence[str]) -> list[tuple[int, int]]:
    """Half-open ranges of consecutive heading-like blocks; an editor line closes a
    masthead run (`黔野主編`), so the title after it starts a run of its own.

    >>> head_runs([HEAD, OPENING, BODY, HEAD, BODY, HEAD, EDITOR, HEAD, BODY])
    [(0, 2), (3, 4), (5, 7), (7, 8)]
    """
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(roles):
        if roles[i] != HEAD:
            i += 1
            continue
        j = i + 1
        while j < len(roles) and roles[j] in RUN_ROLES and roles[j - 1] != EDITOR:
            j += 1
        runs.append((i, j))
        i = j
    return runs


def heading_lines(blocks: Sequence[Block], roles: Sequence[str]) -> list[str]:
    return [line for b, r in zip(blocks, roles, strict=True) if r == HEAD for line in b.lines]


def shape(block: Block) -> tuple[int, int]:
    """A heading's shape for spotting parallel series: lines and length in characters."""
    return len(block.lines), len(squeeze(block.text))


def parallel(a: Block, b: Block) -> bool:
    """Subheads of one series share their shape: one line each, about as long.
    Very short lines (a name, 小消息) and multi-line titles say too little.

    >>> from papercli.page import BlockKind
    >>> parallel(Block(BlockKind.SUBHEAD, ("年少成名",)), Block(BlockKind.SUBHEAD, ("巅峰对决",)))
    True
    """
    (la, na), (lb, nb) = shape(a), shape(b)
    if la != 1 or lb != 1 or min(na, nb) < 4:
        return False
    return abs(na - nb) <= max(1, max(na, nb) // 6)


def is_weak_run(blocks: Sequence[Block], roles: Sequence[str], a: int, b: int) -> bool:
    """A heading run with no structural mark of an article start."""
    if any(r in (OPENING, CLOSING) for r in roles[a:b]):
        return False
    if (b < len(roles) and roles[b] == DATELINE) or roles[a - 1] == CLOSING:
        return False
    lines = heading_lines(blocks[a:b], roles[a:b])
    return not any(COLUMN_LABEL.search(squeeze(line)) for line in lines)


def ramp(x: float, lo: float, hi: float, at_lo: float, at_hi: float) -> float:
    """Linear from `at_lo` (x <= lo) to `at_hi` (x >= hi).

    >>> ramp(5, 2, 8, 1.0, -3.0)
    -1.0
    """
    t = min(1.0, max(0.0, (x - lo) / (hi - lo)))
    return at_lo + t * (at_hi - at_lo)


def find_boundaries(blocks: Sequence[Block], roles: Sequence[str] | None = None) -> list[Boundary]:
    """Judge every heading run after the first: does it open a new article?

    The first run always opens one (what comes before it is a masthead). Each
    later run collects signals for (+) and against (-) a new article:

    + a closing byline or end note before it; an opening byline or a column label
      in it; a dateline right after it; a headline of several lines;
    - the current article's title shares rare vocabulary with the run's section
      (subheads elaborate their article's title; a new story uses new words);
      the run continues a parallel series of subheads; a one- or two-character
      run-in lead word that a sentence flows through.
    """
    roles = list(roles) if roles is not None else [block_role(b) for b in blocks]
    runs = head_runs(roles)
    grams = [char_bigrams(b.text) for b in blocks]
    weights = rarity_weights(grams)
    out: list[Boundary] = []
    if not runs:
        return out
    out.append(Boundary(runs[0][0], ("first headline",), THRESHOLD, True))
    # First blocks of the runs that no structural mark sets apart (no byline, dateline
    # or column label): where a series of subheads would show up as siblings.
    weak = [a if is_weak_run(blocks, roles, a, b) else -1 for a, b in runs]
    subheads: list[Block] = []
    title: set[str] = set().union(*grams[runs[0][0] : runs[0][1]])
    first_end = runs[1][0] if len(runs) > 1 else len(blocks)
    text: set[str] = set().union(*grams[runs[0][0] : first_end])
    for k, (a, b) in enumerate(runs[1:], start=1):
        end = runs[k + 1][0] if k + 1 < len(runs) else len(blocks)
        section: set[str] = set().union(*grams[a:end])
        if not any(roles[i] in TEXT_ROLES for i in range(b, end)):
            # Nothing to open: a heading run followed only by credits or bylines.
            text |= section
            continue
        votes: list[tuple[str, float]] = []
        note = votes.append

        prev = roles[a - 1]
        if prev == CLOSING:
            # A closing byline ends its article: whatever heading follows opens the next.
            out.append(Boundary(a, ("closing byline",), THRESHOLD, True))
            subheads = []
            title = set().union(*grams[a:b])
            text = section
            continue
        if prev in (NOTE, CREDIT):
            note(("end note", 1))
        run_roles = roles[a:b]
        if OPENING in run_roles or CLOSING in run_roles:
            note(("opening byline", 4))
        if b < len(roles) and roles[b] == DATELINE:
            note(("dateline", 2))
        lines = heading_lines(blocks[a:b], run_roles)
        if any(COLUMN_LABEL.search(squeeze(line)) for line in lines):
            note(("column label", 4))
        if len(lines) >= 2:
            note(("multi-line headline", 1))
        shared = sum(weights[g] for g in section & title)
        note((f"title cohesion {shared:.1f}", ramp(shared, 4, 12, 1, -3)))
        c = cohesion(text, section, weights)
        note((f"cohesion {c:.2f}", ramp(c, 0.05, 0.2, 1, -1)))
        first = blocks[a]
        if any(parallel(s, first) for s in subheads):
            note(("parallel subhead", -2))
        elif any(parallel(blocks[c], first) for c in weak[k + 1 :] if c >= 0):
            note(("subhead series", -1.5))
        if NUMBERED_SECTION.match(squeeze(first.text)) or NUMBERED_SECTION.match(first.text):
            note(("numbered section", -3))
        if len(squeeze(first.text)) <= 2 and b - a == 1 and prev == BODY:
            note(("run-in lead word", -3))
        score = sum(v for _, v in votes)
        accepted = score >= THRESHOLD
        out.append(Boundary(a, tuple(n for n, _ in votes), round(score, 2), accepted))
        if accepted:
            subheads = []
            title = set().union(*grams[a:b])
            text = set()
        else:
            subheads.append(first)
        text |= section
    return out


# --- Captions ------------------------------------------------------------------------

CAPTION_STEP = "drop_caption_echoes"
# A caption clearly belongs to an article when twice its title overlap plus its text
# overlap (each a share of the caption's weighted bigrams) reaches this.
CAPTION_MATCH = 0.5


def foot_captions(blocks: Sequence[Block], roles: Sequence[str]) -> list[int]:
    """Indexes of the short single-line blocks trailing at the page foot, after the
    last article's text: where extraction leaves the captions of the page's pictures.

    >>> from papercli.page import BlockKind
    >>> texts = ("标题", "正文很长。" * 9, "（张三）", "图片说明。")
    >>> b = [Block(BlockKind.PARAGRAPH, (t,)) for t in texts]
    >>> foot_captions(b, [block_role(x) for x in b])
    [3]
    """
    out: list[int] = []
    i = len(blocks) - 1
    while i > 0:
        text = squeeze(blocks[i].text)
        dash = roles[i] == NOTE and DASH_ATTRIBUTION.match(text) is not None
        shaped = roles[i] in (HEAD, BODY) or dash
        if len(blocks[i].lines) != 1 or len(text) > MAX_CAPTION or not shaped:
            break
        out.append(i)
        i -= 1
    if i <= 0 or roles[i] not in (CLOSING, NOTE, CREDIT, BODY, DATELINE):
        return []
    # A heading run just before would be left without text: what follows is its body.
    while i > 0 and roles[i] in RUN_ROLES - {HEAD}:
        i -= 1
    if roles[i] == HEAD:
        return []
    return sorted(out)


def trim_foot(
    foot: Sequence[int], roles: Sequence[str], grams: Sequence[set[str]], weights: dict[str, float]
) -> list[int]:
    """Drop from the foot a short last article: a heading followed by its text, when
    the heading echoes no title above it (a caption repeats a title; a title does not).

    >>> trim_foot([3, 4, 5], [HEAD, BODY, CLOSING, BODY, HEAD, BODY],
    ...           [{"甲地"}, set(), set(), {"甲地"}, {"乙地"}, {"乙地"}], {"甲地": 1, "乙地": 1})
    [3]
    """
    if not foot:
        return []
    titles: set[str] = set().union(*(grams[i] for i in range(foot[0]) if roles[i] == HEAD))
    for j in reversed(foot[:-1]):
        pair = roles[j] == HEAD and roles[j + 1] == BODY
        if pair and cohesion(titles, grams[j], weights) < CAPTION_MATCH:
            return [i for i in foot if i < j]
    return list(foot)


def assign_captions(
    captions: Sequence[int],
    starts: Sequence[int],
    grams: Sequence[set[str]],
    titles: Sequence[set[str]],
    weights: dict[str, float],
) -> dict[int, int | None]:
    """For each caption (block index), the article (index into `starts`) it belongs
    to: the one among those begun before it whose title and text it overlaps most;
    None when no article clearly matches.

    >>> g = [{"快递", "网点"}, {"邮政"}, {"扶贫", "减贫"}, {"扶贫", "现场"}]
    >>> w = {x: 1.0 for s in g for x in s}
    >>> assign_captions([3], [0, 2], g, [{"快递", "网点"}, {"扶贫"}], w)
    {3: 1}
    """
    out: dict[int, int | None] = {}
    spans = [*starts, len(grams)]
    for cap in captions:
        best, best_k = 0.0, None
        for k, s in enumerate(starts):
            if s >= cap:
                break
            text: set[str] = set().union(
                *(grams[i] for i in range(s, spans[k + 1]) if i not in captions)
            )
            on_title = cohesion(titles[k], grams[cap], weights)
            score = 2 * on_title + cohesion(text, grams[cap], weights)
            if score > best:
                best, best_k = score, k
        out[cap] = best_k if best >= CAPTION_MATCH else None
    return out


# --- The split -----------------------------------------------------------------------


def make_article(
    blocks: Sequence[Block], roles: Sequence[str], kind: str, signals: Iterable[str]
) -> Article:
    # The title is the heading run that opens the article; later headings are subheads.
    title: list[str] = []
    for b, r in zip(blocks, roles, strict=True):
        if r not in RUN_ROLES:
            break
        if r == HEAD:
            title.extend(b.lines)
    byline = next((blocks[i].text for i, r in enumerate(roles) if r in (OPENING, CLOSING)), None)
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
    if not blocks:
        return []
    roles = [block_role(b) for b in blocks]
    grams = [char_bigrams(b.text) for b in blocks]
    weights = rarity_weights(grams)
    echoed = {i for i, b in enumerate(blocks) if b.first_line in echoed_lines}
    # Where the page printed its captions twice, the echo step has found them all; the
    # page foot is only guessed at when there is no such evidence.
    foot = trim_foot(foot_captions(blocks, roles), roles, grams, weights)
    if echoed:
        # With that evidence, a foot block is a caption only if it repeats a title.
        heads: set[str] = set().union(*(g for g, r in zip(grams, roles, strict=True) if r == HEAD))
        foot = [i for i in foot if 2 * cohesion(heads, grams[i], weights) >= CAPTION_MATCH]
    caps = echoed | set(foot)
    keep = [i for i in range(len(blocks)) if i not in caps]
    kept_blocks = [blocks[i] for i in keep]
    kept_roles = [roles[i] for i in keep]
    bounds = [bd for bd in find_boundaries(kept_blocks, kept_roles) if bd.accepted]
    # Article starts as indexes into the full block list.
    starts = [keep[bd.index] for bd in bounds]
    spans = [*starts, len(blocks)]
    titles: list[set[str]] = []
    for k, s in enumerate(starts):
        run = [i for i in range(s, spans[k + 1]) if i not in caps]
        head = []
        for i in run:
            if roles[i] not in RUN_ROLES:
                break
            head.append(i)
        titles.append(set().union(*(grams[i] for i in head)))
    owner = assign_captions(sorted(caps), starts, grams, titles, weights)

    pieces: list[tuple[list[int], str, tuple[str, ...]]] = []
    first = starts[0] if starts else len(blocks)
    masthead = [i for i in range(first) if i not in caps]
    if masthead:
        kind = "masthead" if starts else "article"
        pieces.append((masthead, kind, ("before the first headline",) if starts else ()))
    for k, s in enumerate(starts):
        own = [i for i in range(s, spans[k + 1]) if i not in caps]
        own += [c for c in sorted(caps) if owner[c] == k]
        pieces.append((own, "article", bounds[k].signals))
    loose = [c for c in sorted(caps) if owner[c] is None]
    if loose:
        pieces.append((loose, "captions", ("caption without a matching article",)))
    out = []
    for idx, kind, signals in pieces:
        rs = ["caption" if i in caps else roles[i] for i in idx]
        out.append(make_article([blocks[i] for i in idx], rs, kind, signals))
    return out


def split_articles(text: str, options: CleanOptions = DEFAULT_OPTIONS) -> list[Article]:
    """Clean `text` with `options` and cut the page into articles, in page order."""
    from papercli.pipeline import clean_and_explain

    result = clean_and_explain(text, options)
    echoed = frozenset(c.line for c in result.changes if c.step == CAPTION_STEP)
    return split_blocks(result.page.blocks, echoed)
