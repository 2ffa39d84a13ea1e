"""How papers print a day and a page: dates (counted from an era, with 廿 and 卅,
the lunar date beside them), weekdays and page numbers; the page header made of
them, and the date alone that closes a notice. Read by the layout (a page header
ends its run, a notice's issuer over its date ends its block), the furniture
step and the article splitter.
"""

from __future__ import annotations

import re

from papercli.chars import squeeze

# A page header's own lines: the date (年月日, a weekday), the page's number
# (第3版, A2版), alone (spaces squeezed out), or set apart by spaces with the
# paper's or the page's name on one line (`人民日报 2024年3月5日 星期二 第6版`).
# A heading block holding one sits above the page's first title.
# Older papers count years from an era (民國四十五年, 宣統三年, 昭和十二年) and
# days with 廿 and 卅 (廿日, 卅一日); the page may add the lunar date
# (夏曆四月初十).
_ERA = r"(?:中華)?(?:民國|民国)|光緒|光绪|宣統|宣统|大正|昭和|康德"
_DATE = (
    r"(?:(?:19|20)\d{2}|[一二〇○零][一二三四五六七八九〇○零]{3}"
    rf"|(?:{_ERA})\s*(?:元|\d{{1,3}}|[一二三四五六七八九十廿卅]{{1,4}}))\s*年\s*"
    r"[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十廿卅]{1,3}\s*日"
)
_LUNAR = (
    r"(?:夏曆|夏历|農曆|农历|陰曆|阴历|舊曆|旧历)"
    r"[正一二三四五六七八九十冬臘腊閏闰]{1,3}月[初十廿卅二三][一二三四五六七八九十]?"
)
_WEEKDAY = r"(?:星期|禮拜|礼拜|周)[一二三四五六日天]"
_PAGE_NUMBER = r"(?:第\s*[\d一二三四五六七八九十]+\s*[版頁页]|[A-Z]?\d{1,2}\s*版)"
# A date may carry its weekday (2023年9月1日 星期五).
_HEADER_PART = rf"(?:{_DATE}(?:[\s\u3000]*{_WEEKDAY})?|{_WEEKDAY}|{_PAGE_NUMBER}|{_LUNAR})"
PAGE_HEADER_LINE = re.compile(rf"^{_HEADER_PART}$")
_HEADER_OR_NAME = rf"(?:{_HEADER_PART}|[\u4e00-\u9fff·]{{2,10}})"
# Its first part and the space after it are asked first: the search for a header
# part anywhere tries every alternative at every character, and most lines asked
# (a dateline's first line, `新华社广州1月18日电 …`) open on no such part.
PAGE_HEADER_PARTS = re.compile(
    rf"^(?={_HEADER_OR_NAME}[\s\u3000])(?=.*?{_HEADER_PART})"
    rf"{_HEADER_OR_NAME}(?:[\s\u3000]+{_HEADER_OR_NAME}){{1,4}}$"
)
# Every header part holds one of these: a date's 日, a page number's 版, a weekday.
# (A search in C: a frozenset's `isdisjoint` makes a string of every character.)
HEADER_HINT = re.compile("[日版頁页期拜周]")
# A single space inside a spaced-out line (`青 石 日 报　2 0 2 3 年`): the parts
# are set apart by wider gaps there.
LETTER_GAP = re.compile(r"(?<=\S) (?=\S)")


def is_page_header_line(line: str) -> bool:
    """A date, a weekday or a page number, alone or with the paper's name.

    >>> is_page_header_line("人民日报 2024年3月5日 星期二 第6版"), is_page_header_line("第 3 版")
    (True, True)
    >>> is_page_header_line("青 石 日 报\u30002 0 2 3 年 9 月 1 日 星 期 五\u3000第 3 版")
    True
    >>> is_page_header_line("全国两会2024年3月5日开幕"), is_page_header_line("人民日报")
    (False, False)

    Older pages count years from an era, and may add the lunar date:

    >>> is_page_header_line("中華民國二十五年四月廿一日　星期二　夏曆三月初一")
    True
    >>> is_page_header_line("宣統三年八月十九日"), is_page_header_line("民國四十五年的事")
    (True, False)
    """
    # Most lines asked are text: a clause or stop mark rules a header out before
    # any pattern is tried (the layout asks at every run's top).
    if "，" in line or "。" in line or "、" in line or HEADER_HINT.search(line) is None:
        return False
    line = line.strip()
    return bool(
        PAGE_HEADER_LINE.match(squeeze(line))
        or PAGE_HEADER_PARTS.match(line)
        or PAGE_HEADER_PARTS.match(LETTER_GAP.sub("", line))
    )


# A notice's date alone on its line, under its issuer (特此公告。 / 东海市交通运输局 /
# 2024年5月28日).
NOTICE_DATE = re.compile(rf"^{_DATE}$")


# Where and when a piece was written, on its own line under a poem or an essay:
# 一九五七年三月於廈門 / 一九三六年秋於北平 / 2023年5月写于杭州 / 一九四二年冬，昆明.
# The year with a month (a day) or a season, then the place after 於/于 (写于, 作於)
# or a comma (a city's name, no clause); a date alone is a notice's (`NOTICE_DATE`).
_YEAR = (
    r"(?:(?:19|20)\d{2}|[一二〇○零][一二三四五六七八九〇○零]{3}"
    rf"|(?:{_ERA})\s*(?:元|\d{{1,3}}|[一二三四五六七八九十廿卅]{{1,4}}))\s*年"
)
_WHEN = (
    rf"{_YEAR}\s*(?:[\d一二三四五六七八九十]{{1,3}}\s*月(?:\s*[\d一二三四五六七八九十廿卅]{{1,3}}\s*日)?"
    r"|[春夏秋冬](?:[季天日])?)[初夜晨]?"
)
WRITTEN_AT = re.compile(
    rf"^[（(]?{_WHEN}(?:[，,\s]*(?:[寫写作][於于]?|[於于])[\u4e00-\u9fff]{{2,10}}"
    r"|[，,\s]+[\u4e00-\u9fff]{2,4})[）)]?$"
)
