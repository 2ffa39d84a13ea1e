"""Who wrote a text and where it was filed: the shapes of datelines (`新华社北京2月14日电`,
`（重慶廿日海通電）`, `本报讯`), bylines (`（杨娜娜）`, `本报记者 张三`) and source credits,
read from a line's own text.

Each anchored pattern comes with the characters it can open on: most lines open on
none of them, and a set lookup costs less than a regex call.
"""

from __future__ import annotations

import re

from papercli.chars import is_spaced_out, lazy_pattern, without_gaps
from papercli.measure import Line

# A Taiwan paper's reporter and place: 記者王小明／台北報導.
REPORTED_FROM = r"[记記]者[^\s，。,／/]{1,12}[／/][^\s，。,]{1,12}(?:報導|报道)"
# Dateline shapes both `DATELINE_START`s hold: 【本報訊】 / 本报讯, and a dispatch or
# report in Hong Kong's and Taiwan's brackets (〔記者王明／台北報導〕).
PAPER_NEWS = r"[【〔]?本[报報][讯訊][】〕]?"
BRACKETED_REPORT = r"[〔【][^〔〕【】\n]{2,20}?(?:[電电訊讯]|報導|报道)[〕】]"
# A paper's or an agency's report in round brackets, as Hong Kong's and Taiwan's
# papers open a paragraph: （星島日報報道） / （中央社華盛頓18日綜合外電報導）. No
# reporter in it: （本報記者陳大文報道） closes an article.
PAREN_REPORT = r"[（(][^（）()\n记記]{2,20}?(?:報導|报道|報道)[）)]"
# Japanese and Korean papers bracket the place and the agency or reporter with an
# equals sign: 【ワシントン＝山田太郎】 / 【ソウル＝共同】 / [서울=연합뉴스].
PLACE_EQUALS_SOURCE = r"[【\[［][^【】\[\]［］=＝\n]{1,12}[=＝][^【】\[\]［］=＝\n]{1,16}[】\]］]"
# A dateline that opens a paragraph: 新华社北京2月14日电 / 本报北京10月14日电 / 本报讯 /
# 【本報訊】 / （重慶廿日海通電） / (中央社) / 〔記者王明／台北報導〕 — the
# agency-and-date (or reporter-and-place) shape, not a particular agency; and
# 【ソウル＝共同】 / [서울=연합뉴스], a place and its source.
DATELINE_START = re.compile(
    r"^(?:[（(](?:又|[^（）()\n]{2,16}?)[電电訊讯][）)]"
    rf"|{PAREN_REPORT}"
    rf"|{BRACKETED_REPORT}|{REPORTED_FROM}|{PLACE_EQUALS_SOURCE}"
    r"|(?:新华社|新華社|本报|本報|中新社|中央社|路透社|美联社|法新社)[^，。,\n]{0,14}?[电電讯訊]"
    rf"|{PAPER_NEWS})"
)
# What may stand before a reporter's name: a bullet (■本报记者 X, ◎记者 X), the
# credit for words and pictures (文/图 本报记者 X), and the paper or the agency
# (本报记者 X, 新华社记者 X).
BYLINE_LEAD = (
    r"(?:[■□◎●○◆◇]\s*)?(?:[文图圖][/／·][文图圖]\s*)?(?:本[报報]|新[华華]社|中新社|中央社)?"
)
# The paper's commentator, unnamed, signs an editorial: □ 本报评论员.
COMMENTATOR = rf"{BYLINE_LEAD}(?:特约|特約)?(?:评论员|評論員)"
# A role's label and a name or two, as papers in Hong Kong, Taiwan and Malaysia
# sign a report or its pictures on lines of their own (报道：林志明 / 摄影：陈文华 /
# 撰文：X、Y / 責任編輯：X; an editor's label may name the page: 一版责编：X). No
# mark after the label: running text's `文：` goes on in clauses. (`记者：` is
# left out: an interview's turns open on it.)
ROLE_CREDIT = (
    r"(?:[报報](?:道|導)|[采採](?:访|訪|写|寫)|撰文|文字|[摄攝]影|[图圖]文?|文"
    r"|整理|(?:本版|[一二三四五六七八九十0-9]{1,2}版)?(?:[编編](?:辑|輯)|[责責](?:编|編|任[编編](?:辑|輯)))"
    r"|[编編](?:译|譯)|[翻](?:译|譯))[：:]\s*"
    r"[^\s，。,、：:；;！？!?／/]{2,6}(?:[\s、／/]+[^\s，。,、：:；;！？!?／/]{1,6}){0,3}"
)
# Bylines printed on their own line: （杨娜娜） / 本报记者 张三 / （记者 X 通讯员 Y） / ——编 者.
BYLINE_LINE = re.compile(
    r"^(?:[（(][^（）()，。,.\n]{1,24}[）)]"
    rf"|{BYLINE_LEAD}(?:特约)?(?:记者|記者|通讯员|通訊員|评论员|評論員)"
    r"[\s\u3000\u00a0].{1,30}"
    rf"|{COMMENTATOR}|{REPORTED_FROM}|{ROLE_CREDIT}"
    r"|[—－-]{1,2}\s*[^，。\s]{1,2}\s*[^，。\s]{1,2})$"
)
# Bylines that always stand on their own line (a bare bracketed pen name may not:
# papers differ on whether （X） closes its paragraph or follows it).
NAMED_BYLINE = re.compile(
    rf"^(?:{BYLINE_LEAD}(?:特约)?(?:记者|記者|通讯员|通訊員|评论员|評論員)"
    r"[\s\u3000\u00a0].{1,30}"
    rf"|{COMMENTATOR}|{REPORTED_FROM}|{ROLE_CREDIT}"
    r"|[—－]{1,2}\s*[^，。\s]{1,2}\s*[^，。\s]{1,2})$"
)
# The characters each of these anchored patterns can open on, read off their
# alternatives: most lines open on none, and a set lookup costs less than a
# regex call (the `opens_…` tests below; hot loops inline it).
DATELINE_OPENERS = frozenset("（(新中路美法本【〔记記[［")
NAMED_BYLINE_OPENERS = frozenset(
    "本特记記通评評—－■□◎●○◆◇文图圖新中报報采採撰摄攝整编編翻责責一二三四五六七八九十0123456789"
)
BYLINE_OPENERS = NAMED_BYLINE_OPENERS | frozenset("（(-")


# Another paper's or site's dateline, named for it rather than for an agency:
# 新京报讯（记者 X） / 北京晚报讯 记者… / 人民日报北京5月29日电（记者 X） /
# 中国新闻网上海6月1日电. The mark after it (a bracket, a space, the line's end)
# tells it from words (情报讯息, …日报记者5月29日电话采访).
PAPER_DATELINE_MARKS = "[讯訊电電]"
# The report mark and what follows it.
PAPER_DATELINE_END = rf"{PAPER_DATELINE_MARKS}(?=[（(【\s\u3000]|$)"
PAPER_DATELINE = (
    r"[\u4e00-\u9fff]{1,8}?[报報网網社](?:[\u4e00-\u9fff]{0,6}?[0-9０-９]{1,2}月[0-9０-９]{1,2}日)?"
    + PAPER_DATELINE_END
)
PAPER_DATELINE_START = re.compile(PAPER_DATELINE)
# How far into a line PAPER_DATELINE's mark (讯, 电) can fall, and the marks: a
# line with none that far opens on no such dateline (the cheap test).
PAPER_DATELINE_REACH = 24
PAPER_DATELINE_MARK = re.compile(PAPER_DATELINE_MARKS)


def opens_dateline(text: str) -> bool:
    """Does a (non-empty) line open on a dateline (`DATELINE_START`, or another
    paper's: `PAPER_DATELINE`)?

    >>> opens_dateline("新京报讯（记者 李娜）5月29日"), opens_dateline("人民日报北京5月29日电 记者")
    (True, True)
    >>> opens_dateline("情报讯息显示，"), opens_dateline("日报记者5月29日电话采访了他")
    (False, False)
    """
    if text[0] in DATELINE_OPENERS and DATELINE_START.match(text) is not None:
        return True
    # The cheap test: most lines hold no report mark near their start.
    return PAPER_DATELINE_MARK.search(text, 0, PAPER_DATELINE_REACH) is not None and (
        PAPER_DATELINE_START.match(text) is not None
    )



def opens_wrapped_dateline(nxt: list[Line]) -> bool:
    """Do the lines open on a dateline, which a narrow column may wrap itself
    (`（香港廿二日美聯` + `電）…`)?"""
    first = nxt[0].text
    return opens_dateline(first + nxt[1].text[:12] if len(nxt) > 1 else first)

def opens_dateline_on_page(text: str, paper_datelines: bool) -> bool:
    """`opens_dateline` of one of a page's lines, given the page's
    `PageStyle.paper_datelines` (`holds_paper_dateline` of its lines): on a page
    where no line opens on another paper's dateline but on a dateline's first
    character, a line that opens on none of those opens on no dateline, and is
    settled without the search for a report mark (most lines of most pages).
    Only for the page's own lines: a line glued from two (a dateline the column
    wrapped) may open on one the page search did not see.

    >>> opens_dateline_on_page("北京晚报讯 记者王小明报道", False)
    False
    >>> opens_dateline_on_page("北京晚报讯 记者王小明报道", True)
    True
    >>> opens_dateline_on_page("新华社北京5月29日电 昨日", False)
    True
    """
    return (paper_datelines or text[0] in DATELINE_OPENERS) and opens_dateline(text)

# The mark a PAPER_DATELINE ends on, and what follows it (see
# `holds_paper_dateline`).
PAPER_DATELINE_END_MARK = re.compile(PAPER_DATELINE_END)
# The marks themselves, each looked for in the page by `str.find`: `re` tests a
# character set at every character (~60 instructions each), `str.find` skips
# to a character in a few.
PAPER_DATELINE_MARK_CHARS = "讯訊电電"


def holds_paper_dateline(corpus: str) -> bool:
    """Does some line of the page (its lines joined by newlines) open on another
    paper's dateline (`PAPER_DATELINE`) whose first character is no dateline's
    opener (`DATELINE_OPENERS`: the hot loops set those lines apart already, and
    `新华社…电` opens most dispatches)? One search of the page for the mark that
    ends one, then, for each mark found (few), the test at its line's start if
    the mark is near enough to it: the hot loops ask this once a page, not once
    a line. O(len(corpus)): each mark looks back at most its reach.

    >>> holds_paper_dateline("标题\\n北京晚报讯 记者王小明报道")
    True
    >>> holds_paper_dateline("标题\\n新华社北京5月29日电 昨日")
    False
    >>> holds_paper_dateline("他说：“来电 吧”")
    False
    """
    for mark in PAPER_DATELINE_MARK_CHARS:
        at = corpus.find(mark)
        while at >= 0:
            if PAPER_DATELINE_END_MARK.match(corpus, at) is not None:
                start = corpus.rfind("\n", max(0, at - PAPER_DATELINE_REACH), at) + 1
                if (
                    (start or at < PAPER_DATELINE_REACH)
                    and corpus[start] not in DATELINE_OPENERS
                    and PAPER_DATELINE_START.match(corpus, start)
                ):
                    return True
            at = corpus.find(mark, at + 1)
    return False


def is_dateline_alone(text: str) -> bool:
    """Is a (non-empty) line a dateline and nothing else (`新华社石家庄十二月五日电`
    set on its own line over the dispatch)?

    >>> is_dateline_alone("新华社石家庄十二月五日电"), is_dateline_alone("新华社北京电 昨天")
    (True, False)
    """
    if text[0] not in DATELINE_OPENERS:
        return False
    match = DATELINE_START.match(text)
    return match is not None and match.end() == len(text)


# A reporter of another paper or site, named before the title: 光明日报记者 张三 /
# 中国青年报·中青在线记者 李四 / 新京报记者 王五 / 南方周末实习生 赵六 / 澎湃新闻记者
# 钱七. It may open on any character: the cheap test is the title's last
# character (记者, 通讯员, 实习生) and the space after it.
PAPER_BYLINE = re.compile(
    r"^[\u4e00-\u9fff]{1,10}?(?:报|報|网|網|台|社|刊|新闻|新聞|周末|週末|财经|財經)"
    r"(?:·[\u4e00-\u9fff]{2,8})?"
    r"(?:特约|特約)?(?:记者|記者|通讯员|通訊員|实习生|實習生)[\s\u3000\u00a0]+"
    r"[^，。,；;：:！？!?\s][^，。,；;：:！？!?]{0,29}$"
)
PAPER_BYLINE_TITLE_END = re.compile(r"[者员員生][\s\u3000\u00a0]")


def is_paper_byline(text: str) -> bool:
    """Is a line another paper's reporter's byline (`PAPER_BYLINE`)?"""
    return PAPER_BYLINE_TITLE_END.search(text) is not None and PAPER_BYLINE.match(text) is not None


# A role word (记者, 通讯员, 实习生) ending a line.
ROLE_WORD_END = re.compile(r"(?:记者|記者|通讯员|通訊員|实习生|實習生)$")


# A bracket closing a byline (`（记者 周明远）`): the text after it is the report's.
BYLINE_CLOSERS = re.compile("[）)】]")


def spaces_name_after_role(line: str) -> bool:
    """Does a byline's line end on a role word while it spaces a name from a role
    word (`记者 孙晓峰 通讯员` / `钱立新`)? The name the next line opens on is
    spaced from it too: the break joins with a space. Not where a bracket closes
    the byline before the line's end: the role word ending the line is then the
    report's own subject (`本报讯（记者 周明远）记者` / `昨日获悉…`).

    >>> spaces_name_after_role("记者 孙晓峰 通讯员"), spaces_name_after_role("接受本报记者")
    (True, False)
    >>> spaces_name_after_role("本报讯（记者 周明远）记者")
    False
    """
    if ROLE_WORD_END.search(line) is None:
        return False
    spaced = PAPER_BYLINE_TITLE_END.search(line)
    return spaced is not None and BYLINE_CLOSERS.search(line, spaced.end()) is None


# A reporter's name and `报道` (reported by) on a line of its own, as Singapore's
# and Malaysia's papers sign a report: 林慧敏 报道. The space sets it apart from
# running text (`…的报道`); the cheap test is the line's end.
NAME_REPORTS = re.compile(r"^[\u4e00-\u9fff]{2,4}[\s\u3000\u00a0]+(?:报道|報導)$")
# The last characters NAME_REPORTS can end on: the byline tests below ask it of
# every line, most of which end on neither, before they call `is_name_reports`.
REPORTS_LAST = frozenset("道導")


def is_name_reports(text: str) -> bool:
    """Is the line a name and `报道` (`NAME_REPORTS`)?

    >>> is_name_reports("林慧敏　报道"), is_name_reports("据新华社报道")
    (True, False)
    """
    return NAME_REPORTS.match(text) is not None


# A reporter's sign-off on a line of its own: an e-mail address alone (as wire
# reports sign off), or a Korean reporter's name and title (김민수 기자, 이영희
# 특파원) with or without one (홍길동 기자 hong@yna.co.kr). The cheap test is
# the line's end: an address ends on a letter, a title on `자` or `원`.
EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
KOREAN_TITLE = r"(?:기자|특파원|논설위원|선임기자|객원기자)"
SIGNOFF_LINE = re.compile(
    rf"^(?:[\uac00-\ud7af]{{2,4}}[ \u00a0]+{KOREAN_TITLE}(?:[ \u00a0]+{EMAIL})?|{EMAIL})$"
)
SIGNOFF_LAST = frozenset("자원") | frozenset("abcdefghijklmnopqrstuvwxyz")


def is_signoff(text: str) -> bool:
    """Is the line a reporter's sign-off (`SIGNOFF_LINE`)?

    >>> is_signoff("김민수 기자"), is_signoff("hong@yna.co.kr")
    (True, True)
    >>> is_signoff("홍길동 기자 hong@yna.co.kr"), is_signoff("기자회견을 열었다")
    (True, False)
    """
    return text[-1] in SIGNOFF_LAST and SIGNOFF_LINE.match(text) is not None


def is_byline(text: str) -> bool:
    """Is a (non-empty) line a byline on its own (`BYLINE_LINE`, `PAPER_BYLINE`,
    `SIGNOFF_LINE`)?"""
    if text[0] in BYLINE_OPENERS and BYLINE_LINE.match(text) is not None:
        return True
    # `is_free_byline`'s first test, inline: most lines asked end on a mark.
    return text[-1] not in FREE_BYLINE_NOT_LAST and is_free_byline(text)


def is_named_byline(text: str) -> bool:
    """Is a (non-empty) line a reporter's or editor's byline (`NAMED_BYLINE`,
    `PAPER_BYLINE`, `SIGNOFF_LINE`)? A line closing a bracket it never opened is
    the tail of a bracketed credit above it (`…。（本报` / `记者 X摄）`), never one."""
    if text[-1] in "）)" and "（" not in text and "(" not in text:
        return False
    if text[0] in NAMED_BYLINE_OPENERS and NAMED_BYLINE.match(text) is not None:
        return True
    return text[-1] not in FREE_BYLINE_NOT_LAST and is_free_byline(text)


def is_free_byline(text: str) -> bool:
    """The bylines that may open on any character, each behind its cheap test:
    another paper's reporter (`PAPER_BYLINE`), `林慧敏 报道` (`NAME_REPORTS`) and a
    sign-off (`SIGNOFF_LINE`). Both `is_byline` and `is_named_byline` know them."""
    last = text[-1]
    # Most lines asked end on a stop or clause mark, which none of them ends on
    # (a line ending on one is a paragraph's last): no pattern is tried.
    if last in FREE_BYLINE_NOT_LAST:
        return False
    return (
        is_paper_byline(text)
        or (last in REPORTS_LAST and is_name_reports(text))
        or (last in SIGNOFF_LAST and is_signoff(text))
    )


# Marks PAPER_BYLINE cannot end on (its names hold none), and so no free byline:
# NAME_REPORTS ends on 道 or 導, SIGNOFF_LINE on a title or an address.
FREE_BYLINE_NOT_LAST = frozenset("，。,；;：:！？!?")


# The names after a byline's title: short pieces set apart by spaces, no mark
# (`张三丰 李四海`, `通讯员 王五`). A line of running text that opens on `本报记者 `
# goes on in words and marks (`张三日前在村里看到，`).
NAME_PIECES = re.compile(
    r"[^\s，。,、；;：:！？!?]{1,5}(?:[\s\u3000\u00a0]+[^\s，。,、；;：:！？!?]{1,5})*"
)


def is_byline_of_names(text: str) -> bool:
    """Is a line a reporters' byline however wide it is set (`本报记者 张三 李四 王五`)?
    A named byline (`is_named_byline`) whose every piece after the first is a
    name's length; a narrow column or a long team fills a line with one. On a
    spaced-out line (OCR's `记 者 在 村 里`) the spaces part no names."""
    if is_spaced_out(text):
        text = without_gaps(text)
    parts = text.split(None, 1)
    return (
        len(parts) == 2
        and NAME_PIECES.fullmatch(parts[1]) is not None
        and is_named_byline(text)
    )


# The source line an online edition sets at an article's foot: the paper's name
# in title marks, and the date and page in brackets (`《 人民日报 》（ 2024年05月30日
# 第 04 版）`, `《人民日报海外版》（2024年05月30日 第 03 版）`). It closes the
# article as a credit does and names nobody.
SOURCE_LINE = re.compile(
    r"^《\s*[^《》\n]{2,16}?\s*》\s*[（(]\s*(?:19|20)[0-9]{2}\s*年\s*[0-9]{1,2}\s*月\s*"
    r"[0-9]{1,2}\s*日\s*(?:第\s*[0-9A-Za-z]{1,4}\s*[版页頁]\s*)?[）)]$"
)


def is_source_line(text: str) -> bool:
    """Is a (non-empty) line an edition's source line (`SOURCE_LINE`)?

    >>> is_source_line("《 人民日报 》（ 2024年05月30日 第 04 版）")
    True
    >>> is_source_line("《人民日报海外版》（2024年05月30日 第 03 版）")
    True
    >>> is_source_line("《人民日报》（2024年05月30日第04版）刊发评论")
    False
    """
    return text[0] == "《" and text[-1] in "）)" and SOURCE_LINE.match(text) is not None


# How many lines a narrow column wraps a source line into, at most.
SOURCE_LINE_SPAN = 3


def ends_source_line(texts: list[str]) -> bool:
    """Do the last of these lines (a column's, in order) end an edition's source
    line, wrapped into them or not?

    >>> ends_source_line(["续改善。", "《人民日报》（2024年0", "5月30日 第 04 版）"])
    True
    >>> ends_source_line(["见《人民日报》（2024年", "5月30日）的报道。"])
    False
    """
    for top in range(len(texts) - 1, -1, -1):
        if texts[top][:1] == "《":
            return is_source_line("".join(texts[top:]))
    return False


# A reader's letter signed on a line of its own at its foot: a role or a place
# and the writers' names (读者 王小明 / 某厂工人 李秀英 张德胜 / 北京市海淀区 张建国),
# the names alone (李秀英 张德胜), or an unnamed writer (一位老党员). The first
# piece ends on what a role or a place ends on; a bare name group opens each name
# on a common surname (a title's phrases set apart by a space, `新春 走基层`, do
# not). Only the shape: `roles.page_roles` asks it where a letter can end.
SIGNER_ROLE_LAST = "者人员員工师師生民兵士长長友属屬眷"
SIGNER_PLACE_LAST = "省市区區县縣镇鎮乡鄉村街路厂廠矿礦校院所局队隊处處站场場社庄莊屯号號楼樓室岛島"
COMMON_SURNAMES = (
    "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓"
    "冯馮邓鄧曹彭曾肖萧蕭田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸"
    "汪范金石廖贾賈夏韦韋付方白邹鄒孟熊秦邱江尹薛闫閆段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬"
    "钱錢严嚴覃武戴莫孔向汤湯常温溫康施文牛樊葛邢安齐齊易乔喬伍庞龐颜顏倪庄莊聂聶章鲁魯岳翟殷詹申欧歐耿关關兰蘭焦俞左柳甘祝包宁寧尚符舒阮柯纪紀梅童凌毕畢单單季裴霍涂成苗谷盛曲翁冉骆駱蓝藍路游辛靳管柴蒙鲍鮑华華喻祁蒲房滕屈饶饒解牟艾尤阳陽时時穆农農司卓古吉缪繆简簡车車项項连連芦蘆麦麥褚娄婁窦竇戚岑景党宫宮费費卜冷晏席卫衛米柏宗瞿桂全佟应應臧闵閔苟邬鄔边邊卞姬师師和仇栾欒隋商刁沙荣榮巫寇桑郎甄丛叢仲虞敖巩鞏明佘池查麻苑迟遲邝鄺"
)
NAME = r"[\u4e00-\u9fff]{2,3}"


def signature_pattern(gap: str) -> str:
    """`SIGNATURE_LINE`'s source with `gap` between its pieces."""
    surname_name = rf"[{COMMON_SURNAMES}][\u4e00-\u9fff]{{1,2}}"
    return (
        rf"^(?:[\u4e00-\u9fff]{{1,9}}[{SIGNER_ROLE_LAST}{SIGNER_PLACE_LAST}]{gap}{NAME}"
        rf"(?:{gap}{NAME}){{0,3}}"
        rf"|{surname_name}(?:{gap}{surname_name}){{1,3}}"
        r"|(?:一位|一名|一群)[\u4e00-\u9fff]{2,6})$"
    )


# Compiled on first use: the surnames' class costs milliseconds to compile, and
# only a page with a letter's signature shape asks for it.
SIGNATURE_LINE = lazy_pattern(signature_pattern(r"[\s\u3000\u00a0、]+"))
# On a spaced-out line (every pair of characters set apart) the spaces between
# the pieces are lost among the rest: read without them, the pieces need none.
SIGNATURE_SPACED = lazy_pattern(signature_pattern(r"[\s\u3000\u00a0、]*"))
# A signature is short: a role or a place, and four names at most.
SIGNATURE_MAX = 24


def is_signature(text: str) -> bool:
    """Is a (non-empty, stripped) line shaped as a letter's signature
    (`SIGNATURE_LINE`)? Whether it closes a letter is the page's to say: a short
    subhead may have the shape too.

    >>> is_signature("读者 王小明"), is_signature("某厂工人 李秀英 张德胜")
    (True, True)
    >>> is_signature("北京市海淀区 张建国"), is_signature("一位老党员")
    (True, True)
    >>> is_signature("李秀英 张德胜"), is_signature("读 者 王 小 明")
    (True, True)
    >>> is_signature("新春 走基层"), is_signature("聚焦民生 回应关切"), is_signature("坚持问题导向")
    (False, False, False)
    """
    if len(text) > 2 * SIGNATURE_MAX:
        return False
    if is_spaced_out(text):
        text = without_gaps(text)
        return len(text) <= SIGNATURE_MAX and SIGNATURE_SPACED().match(text) is not None
    return len(text) <= SIGNATURE_MAX and SIGNATURE_LINE().match(text) is not None
