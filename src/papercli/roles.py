"""Block roles: what each block of a page is, read from its own text.

The layout classifier types blocks by their shape on the page (`Block.kind`); the
article splitter needs finer roles and a second opinion, since a misjudged heading
or a byline glued into a paragraph decides a boundary. `block_role` reads a block's
text alone: a heading (short lines, no sentence mark), a dateline, a byline before
or after an article, an end note, a credit, a column's editor line, or body text.
The shapes are those of the text (brackets, agency-and-date marks, author suffixes),
not lists of names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from papercli.bylines import (
    BRACKETED_REPORT,
    BYLINE_LEAD,
    COMMON_SURNAMES,
    PAPER_DATELINE,
    PAPER_NEWS,
    PAREN_REPORT,
    PLACE_EQUALS_SOURCE,
    REPORTED_FROM,
    SOURCE_LINE,
    is_paper_byline,
    is_signoff,
    is_source_line,
)
from papercli.chars import (
    HAN,
    SPACES,
    has_cjk_mark,
    is_spaced_out,
    lazy_pattern,
    squeeze,
    without_gaps,
)
from papercli.cohesion import HAN_RUN
from papercli.columns import WRAPPED_LINES
from papercli.credits import (
    CAPTION_CREDIT_MAX,
    END_MARK,
    EQUALS_PHOTO_CREDIT,
    FOOT_CREDIT,
    PAREN_EDITOR,
    PAREN_REPORTER,
    PHOTO_CREDIT_END,
    REPORT_CREDIT,
    without_serial,
)
from papercli.dates import WRITTEN_AT
from papercli.lists import ITEM_BULLETS
from papercli.page import Block
from papercli.role_names import (
    BODY,
    CLAUSE_MARKS,
    CLOSING,
    CREDIT,
    DATELINE,
    EDITOR,
    HEAD,
    NOTE,
    OPENERS,
    OPENING,
    SENTENCE_MARKS,
    SIGNED,
    TEXT_ROLES,
)
from papercli.rows import ROW_LINE
from papercli.signals import MAX_HEAD_LINE, MAX_HEADING_LINES
from papercli.signatures import notice_signature, signs_letter
from papercli.title_marks import mark_titles

OPEN_PAREN = "（("
CLOSE_PAREN = "）)"

# A dateline opening a paragraph: 新华社北京2月14日电 / 据新华社柏林10月13日电 / 本报讯 /
# 【本報訊】 / （重慶廿日海通電） / （柏林廿日海通社通） / 〔記者王明／台北報導〕 /
# 【ソウル＝共同】; the agency-and-date (or reporter-and-place) shape, not a list
# of agencies.
DATELINE_START = re.compile(
    r"^(?:[据據]?(?:新华社|新華社|本报|本報|中新社|中央社|路透社|美联社|美聯社|法新社)"
    r"[^，。,\n]{0,16}?[电電讯訊]"
    rf"|{PAPER_NEWS}"
    r"|[（(][^（）()\n]{2,22}?(?:[電电訊讯]|社?通)[）)（(]"
    rf"|{BRACKETED_REPORT}|{PAREN_REPORT}|{REPORTED_FROM}|{PAPER_DATELINE}|{PLACE_EQUALS_SOURCE})"
)
# A name in brackets, the whole block: （杨娜娜） （知止） （不平凡公子） （水直 ）;
# or a team's names joined by 、 as Japanese and Chinese papers sign a report
# written by several: （山田太郎、佐藤花子）.
PAREN_NAME = re.compile(rf"^[（(][{HAN}·{SPACES}]{{1,8}}(?:、[{HAN}·{SPACES}]{{1,8}}){{0,3}}[）)]$")
# A part number in brackets: （一） （一四九） （35）, a serial's instalment （第四十二）.
PAREN_NUMBER = re.compile(
    r"^[（(]第?[一二三四五六七八九十百千〇零廿卅0-9０-９]{1,5}[回囘章節节期次]?[）)]$"
)
# A body paragraph that ends with its own closing byline: 。（壯士） / 。”（未將） / 、（X）;
# `.(X)` where OCR read the marks as ASCII.
INLINE_CLOSING = re.compile(rf"[。！？!?、.][”」』\"]?[{SPACES}]*[（(][{HAN}{SPACES}]{{2,6}}[）)]$")
# A Japanese paper's commentary box under its report (`解説`, `■解説　日本経済への
# 打撃大きく`): the label alone or over the box's own title, after a space.
COMMENTARY_LABEL = re.compile(r"^[■◆◇●□▼]?\s*解説(?:$|[\s\u3000：:])")
# A jump line: where an article goes on (（下转第三版）, （转A2版）: group 1) or comes
# from (（上接第一版）, （續第二頁）). It may close a paragraph as a byline does, but
# names nobody.
JUMP_MARK = re.compile(
    r"[（(](?:(下转|下轉|转至|轉至|转|轉)|上接|接上|紧接|緊接|接|续|續|承)第?"
    r"[0-9０-９A-Za-z一二三四五六七八九十]{1,4}[版页頁][）)]$"
)
# Closing brackets that name nobody: where the text goes on (（下转第三版）), or
# that it ends (（完）, （待续）).
NAMES_NOBODY = re.compile(f"(?:{JUMP_MARK.pattern})|(?:{END_MARK.pattern})")
# What closes an article but is no byline of it (`make_article`): an edition's
# source line (`《人民日报》（2024年05月30日第04版）`) names nobody either, nor
# does the place and date a piece was written (`dates.WRITTEN_AT`).
NO_BYLINE = re.compile(
    f"(?:{NAMES_NOBODY.pattern})|(?:{PAREN_EDITOR.pattern})|(?:{SOURCE_LINE.pattern})"
    f"|(?:{WRITTEN_AT.pattern})"
)
# The editor's signature under an introductory note: （編者誌） / （编者）.
EDITOR_SIGNATURE = re.compile(r"[（(][^（）()]*[編编]\s*者[^（）()]*[）)]$")
# A source note in brackets that ends an item, not an article: （据新华社柏林电 记者X） /
# （本报布鲁塞尔2月14日电） / （作者为…）.
PAREN_SOURCE = re.compile(r"^[（(](?:[据據]|作者|[^（）()]*[电電][）)\s])")
# An attribution line after a quote or an editor's note: ——编 者 / ——某某在某会上说.
DASH_ATTRIBUTION = re.compile(r"^(?:——|—|－－)")
# An opening byline on its own line: 本报记者 张三 / 记者 X / 本报特约评论员 X.
OPENING_BYLINE = re.compile(
    rf"^{BYLINE_LEAD}(?:特约|特約)?(?:记者|記者|通讯员|通訊員|评论员|評論員|撰稿人)"
    r"[" + SPACES + r"]*\S"
)
# An author line: 約翰耿脫著 / 亦朋譯 / 賽珍珠女士作 / 畢倚虹遺著 / 刀人譔. Not a word
# that merely ends in one of these marks: 成效显著, 世界名著, 意译, 杜撰.
AUTHOR_LINE = re.compile(
    rf"[{HAN}{SPACES}](?:(?<![显顯卓昭土名巨原专專论論])著|(?<![翻音意直口笔筆])[譯译]"
    rf"|(?<!杜)撰|譔|遺著|遗著|(?:女士|先生|君)作)$"
)
# A writer's name on its own line under a poem's title: a common surname and one
# or two Han characters, three unspaced or spaced out (a two-character name fills
# three widths: `林 禾`, `周远山`, `林　雨`). Two unspaced are as often a word (`体育`),
# and a short verse line (`风一吹`) opens on no surname. Compiled on first use
# (`lazy_pattern`): only a page with a long stretch of one-line headings asks.
POET_NAME = lazy_pattern(
    rf"[{COMMON_SURNAMES}](?:[{HAN}]{{2}}|(?:[{SPACES}]{{1,3}}[{HAN}]){{1,2}})"
)
# The editor line that closes a column masthead: 黔野主編 / 豐田編輯.
EDITOR_LINE = re.compile(r"(?:主編|主编|編輯|编辑)$")
# The issue a supplement's masthead names, which closes it as its editor line
# does: 孟秋合輯 / 新年特刊 / 婦女專號 / 國慶增刊; or the supplement itself: 副刊 /
# 文藝副刊 / 星期副鐫.
ISSUE_LABEL = re.compile(
    r"^[\u4e00-\u9fff]{0,6}(?:合[輯辑刊]|[專专][號号]|特刊|增刊|特[輯辑]|副刊|副[鐫镌])$"
)
# A column label closing a title line: （人民论坛） (经济聚焦·夜间经济观察①), or a kicker
# line ending in a dash: 国防科技大学计算机研究所所长肖立权——.
# A line that opens with a bracket is a label only when the bracket is the whole line (a pen
# name such as （妙人）): rows such as （種類）　（人類） are table headers.
# A label names its column in Chinese: a bracket of Latin letters alone glosses the
# name before it (聯準會主席鮑爾（Jerome Powell）).
COLUMN_LABEL = re.compile(
    rf"^(?:[^（(].*)?[（(](?=[^（）()]*[{HAN}])(?:[^（）()。，,]|[（(][^（）()]*[）)]){{2,30}}[）)]$|——$"
)


# An editor's note heading: under a package's title it introduces the reports that
# follow as parts of one feature (编者的话 / 编者按, and the old forms).
# Set in brackets (【编者按】, 〔编者按〕) as often as bare.
EDITOR_NOTE = re.compile(
    r"^[【〔\[［]?(?:编者的话|编者按|編者的話|編者按|编后|編後)[】〕\]］]?[:：]?$"
)
# A box's label that follows the article it belongs to, after its byline even:
# 相关链接 / 延伸阅读 / 记者手记 / 小贴士 (not a label that introduces what follows: 编者按).
APPENDIX_LABEL = re.compile(
    r"^(?:相关链接|相關鏈接|背景链接|背景鏈接|延伸阅读|延伸閱讀|链接|鏈接|记者手记|記者手記"
    r"|小贴士|小貼士)[:：]?$"
)
# A box's label over a list of other stories' headlines: 延伸閱讀 / 相关新闻 /
# 相關報導 / 推荐阅读. Over headlines alone it is a box of links under the article
# above; over a full story (title and text) it is that story's rubric.
LINKS_LABEL = re.compile(
    r"^(?:相[关關](?:新[闻聞]|[报報][道導]|[阅閱][读讀]|[链鏈]接)|延伸[阅閱][读讀]"
    r"|推[荐薦][阅閱][读讀]|更多[报報][道導]|更多新[闻聞])[:：]?$"
)
# A numbered section inside a serial or essay: 第十七囘 / 第一章 / 一　家世 / 五十四　這是;
# or a numbered table inside an article: 第二表.
NUMBERED_SECTION = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇0-9]+[章回囘節节篇部表]"
    r"|[一二三四五六七八九十百]+[\s　、．.])"
)
# ... but a title line over a subtitle may end on one of these.
ASKS = frozenset("？！?!")
# Marks that end a body line (a heading never ends with them).
BODY_END_MARKS = SENTENCE_MARKS | frozenset("，,、：:…")

# A clause of four characters or more closed by a clause mark. A title may hold two
# (`一江碧水，两岸青山，三代人的坚守`) and list short names (`京、滬、杭三地`); a line
# of three or more is running text, as an old-style page closes its clauses and
# sentences with `、` (`於上月在某旅館將張拘獲、解送特一院、昨日開庭審訊、據`).
CLAUSE_RUN = re.compile(r"[^，,、\s]{4}[，,、]")
MAX_HEAD_CLAUSES = 3


def is_heading_text(lines: Sequence[str]) -> bool:
    """Heading shape: short lines, no sentence mark inside, no body mark at the end.

    >>> is_heading_text(["法租界懸旗糾紛"]), is_heading_text(["千年羊城，处处透着风华正茂："])
    (True, False)
    >>> is_heading_text(["53岁，开始练习长跑"])
    True
    >>> is_heading_text(["学生午餐谁来把关？", "青石县推行明厨亮灶"])
    True
    >>> is_heading_text(["谁来把关？"]), is_heading_text(["谁来把关？", "全县推行"])
    (False, True)
    >>> is_heading_text(["將張拘獲、解送法院、昨日開庭審訊、據"])
    False
    """
    if not lines or len(lines) > 6:
        return False
    for k, line in enumerate(lines):
        text = squeeze(line)
        # A title may ask or exclaim over its subtitle (`学生午餐谁来把关？`), as
        # `titles.has_heading_shape` lets it: a mark at the end, no clause before.
        if k < len(lines) - 1 and text[-1:] in ASKS and not CLAUSE_MARKS & set(text):
            text = text[:-1]
        if not text or len(text) > MAX_HEAD_LINE or SENTENCE_MARKS & set(text):
            return False
        if len(CLAUSE_RUN.findall(text)) >= MAX_HEAD_CLAUSES:
            return False
        # A `.` in CJK text is a full stop OCR read as ASCII (`Web 2.0` is none).
        if "." in text and has_cjk_mark(text, "。", "."):
            return False
    last = squeeze(lines[-1]).rstrip(CLOSE_PAREN + "”’」』\"'")
    return bool(last) and last[-1] not in BODY_END_MARKS


def page_roles(blocks: Sequence[Block]) -> list[str]:
    """`block_role` of each block, but the rows of a table, a list or a verse
    are body, however much each looks like a heading (`东县 12.5万吨`): those
    `clean` set one a block (`rows.is_row_run`), and, on a page cleaned before,
    more one-line heading blocks in a row than a title has lines.

    >>> from papercli.page import BlockKind
    >>> rows = [Block(BlockKind.PARAGRAPH, (f"{c}县 12.5万吨",)) for c in "东西南北中新"]
    >>> page_roles(rows) == [BODY] * 6, page_roles(rows[:5]) == [HEAD] * 5
    (True, True)
    """
    roles = [BODY if ROW_LINE in b.signals else block_role(b) for b in blocks]
    for k, block in enumerate(blocks):
        # Text the column wrapped (`layout` read its widths) is no title, however
        # short and unmarked: an unpunctuated page's short paragraph.
        if roles[k] == HEAD and WRAPPED_LINES in block.signals:
            roles[k] = BODY
    i = masthead_issue(blocks, roles)
    if i is not None:
        roles[i] = EDITOR
    # A notice's issuer over its date first: a spaced-out issuer has a signature's
    # shape too, and the date under it would be left a title.
    for i in range(1, len(roles)):
        span = notice_signature(blocks, roles, i)
        roles[i : i + span] = [CLOSING] * span
    for i in range(1, len(roles)):
        if roles[i] == HEAD and signs_letter(blocks, roles, i):
            roles[i] = CLOSING
    for i in range(1, len(roles) - 1):
        # A reporter's byline between the end of one text and the dateline or
        # byline opening the next (`■記者X／專題報導` / `■本報記者 Y`) signs the
        # text above it: a byline that opens a text has that text right under it.
        if roles[i] == OPENING and roles[i - 1] in TEXT_ROLES and roles[i + 1] in OPENERS:
            roles[i] = CLOSING
    mark_titles(blocks, roles)
    start = 0
    for i in range(len(roles) + 1):
        if i < len(roles) and roles[i] == HEAD and len(blocks[i].lines) == 1:
            continue
        if i - start > MAX_HEADING_LINES:
            heads = poem_heads(blocks, roles, start, i)
            roles[start:i] = [HEAD if k in heads else BODY for k in range(start, i)]
        start = i + 1
    return roles


def is_poet_name(block: Block) -> bool:
    """Is the block one line of a writer's name alone (`POET_NAME`)?"""
    if len(block.lines) != 1 or len(line := block.lines[0].strip()) > 8:
        return False
    return POET_NAME().fullmatch(line) is not None


def poem_heads(blocks: Sequence[Block], roles: Sequence[str], start: int, end: int) -> set[int]:
    """In a stretch of one-line headings too long for a title (`start`..`end`),
    the blocks that head poems set a verse line a block: a title over its
    writer's name (`is_poet_name`), with verse under the name (a line of the
    stretch, or text after it). A name between names is a list's row, no
    poem's; a title is no name either. Among poems, the stretch's last line over
    a paragraph of prose is that prose's title.

    >>> from papercli.page import BlockKind
    >>> one = lambda t: Block(BlockKind.PARAGRAPH, (t,))
    >>> lines = ["麦子黄了", "林 禾", "五月的风", "从南坡上走下来", "吹成了金色的海"]
    >>> texts = lines + ["父亲站在地头", "山居杂咏", "周远山", "晨起开窗雾满川，"]
    >>> sorted(poem_heads([one(t) for t in texts], [HEAD] * 8 + [BODY], 0, 8))
    [0, 1, 6, 7]
    >>> rows = ["张 三", "李 四", "王 五", "赵 六", "钱 七", "孙 八", "周 九"]
    >>> poem_heads([one(t) for t in rows], [HEAD] * 7, 0, 7)
    set()
    """
    heads: set[int] = set()
    for j in range(start, end - 1):
        verse = j + 2
        if (
            verse < len(blocks)
            and roles[verse] in (HEAD, BODY)
            and is_poet_name(blocks[j + 1])
            and not is_poet_name(blocks[j])
            and not is_poet_name(blocks[verse])
            and (j == start or not is_poet_name(blocks[j - 1]))
        ):
            heads |= {j, j + 1}
    if heads and end < len(blocks) and roles[end] == BODY and end - 1 not in heads:
        # Prose under the stretch's last line (a paragraph twice as long as any
        # verse line above) is an essay under its title, after the poems.
        verse = max(len(squeeze(blocks[k].text)) for k in range(start, end))
        if len(squeeze(blocks[end].text)) > 2 * verse:
            heads.add(end - 1)
    return heads


def masthead_issue(blocks: Sequence[Block], roles: Sequence[str]) -> int | None:
    """The block naming a supplement's issue (`ISSUE_LABEL`: 戲劇與電影 / 孟秋合輯)
    in the headings at the page's top, with another heading under it: it ends the
    supplement's masthead as an editor line does, and the title under it opens
    the first article. Further down the page such a label is an article's rubric.

    >>> from papercli.page import BlockKind
    >>> one = lambda t: Block(BlockKind.PARAGRAPH, (t,))
    >>> masthead_issue([one("戲劇與電影"), one("孟秋合輯"), one("伶界近訊")], [HEAD] * 3)
    1
    >>> page = [one("新片介紹"), one("說明。"), one("孟秋合輯"), one("伶界近訊")]
    >>> masthead_issue(page, [HEAD, BODY, HEAD, HEAD]) is None
    True
    """
    for i in range(len(roles) - 1):
        if roles[i] != HEAD:
            return None
        if roles[i + 1] == HEAD and ISSUE_LABEL.match(squeeze(blocks[i].text)):
            return i
    return None




def is_commentary_label(text: str) -> bool:
    """Does a heading open on a commentary box's label (`COMMENTARY_LABEL`), its
    letters spaced out or not?

    >>> is_commentary_label("■解説　日本経済への打撃大きく"), is_commentary_label("解説")
    (True, True)
    >>> is_commentary_label("■ 解 説 　 日 本 経 済 へ の 打 撃"), is_commentary_label("解説者の目")
    (True, False)
    """
    text = text.strip()
    if is_spaced_out(text):
        text = without_gaps(text)
    return COMMENTARY_LABEL.match(text) is not None


def opens_on_dateline(text: str) -> bool:
    """Does a paragraph open on a dateline (`DATELINE_START`) with text after it?
    Asked of the text with its spaces too: another paper's dateline
    (`東方日報訊 九龍城…`) ends on the space after its mark."""
    m = DATELINE_START.match(text)
    return m is not None and len(text) > m.end() + 4


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
    text = without_serial(text)
    if opens_on_dateline(text) or opens_on_dateline(block.text.strip()):
        return DATELINE
    if PAREN_SOURCE.match(text) and text[-1] in CLOSE_PAREN:
        return NOTE
    if PAREN_NUMBER.match(text):
        return NOTE
    # A photographer's credit names a reporter too (新华社记者 张三 摄, （李四摄）):
    # it closes a picture's caption, not an article.
    if len(text) <= 40 and PHOTO_CREDIT_END.search(text) and not SENTENCE_MARKS & set(text):
        return CREDIT
    if (
        ("＝" in text or "=" in text)
        and len(text) <= CAPTION_CREDIT_MAX
        and EQUALS_PHOTO_CREDIT.search(text)
        and not SENTENCE_MARKS & set(text)
    ):
        return CREDIT
    jump = JUMP_MARK.match(text) if text[0] in OPEN_PAREN else None
    if jump:
        # Going on elsewhere ends the article here; coming from elsewhere opens its text.
        return CLOSING if jump.group(1) else NOTE
    if (
        PAREN_NAME.match(text)
        or PAREN_REPORTER.match(text)
        or PAREN_EDITOR.match(text)
        or REPORT_CREDIT.match(text)
    ):
        return CLOSING
    # An edition's source line (《人民日报》（2024年05月30日 第 04 版）) closes it
    # too, as does a reporter's sign-off (김민수 기자, an e-mail address).
    if len(block.lines) == 1:
        line = block.lines[0].strip()
        if is_source_line(line) or is_signoff(line):
            return CLOSING
        # Where and when the piece was written (一九五七年三月於廈門) closes a poem
        # or an essay as its signature would: it is no title.
        if WRITTEN_AT.match(text):
            return CLOSING
    if text[0] in OPEN_PAREN and text[-1] in CLOSE_PAREN and len(block.lines) == 1:
        return NOTE
    if len(text) <= 30 and (OPENING_BYLINE.match(text) or is_paper_byline(block.text.strip())):
        return OPENING
    if len(text) <= 40 and FOOT_CREDIT.search(text):
        return CREDIT
    if len(text) <= 12 and EDITOR_LINE.search(text):
        return EDITOR
    # Three characters at least: 张 译 is a name that happens to end in 译.
    if 3 <= len(text) <= 16 and AUTHOR_LINE.search(block.lines[-1].strip()):
        return OPENING
    if len(block.lines) == 1 and DASH_ATTRIBUTION.match(text):
        return NOTE
    if INLINE_CLOSING.search(text):
        # An editor's signature (編者誌) closes a note that introduces an article.
        return BODY if EDITOR_SIGNATURE.search(text) else SIGNED
    # A bulleted line with clause marks is a list item (▲X路、被盜、); a bulleted line
    # without them is a subhead (■ 現任駐華大使秘書).
    if text[0] in ITEM_BULLETS and CLAUSE_MARKS & set(text):
        return BODY
    if is_heading_text(block.lines) and HAN_RUN.search(text):
        return HEAD
    # A row of symbols (✕✕✕, ＊＊＊) divides items inside an article: body, not a heading.
    return BODY
