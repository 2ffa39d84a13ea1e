"""Credits and end marks: who filed, wrote or edited a report (`（本报记者 X）`,
`报道：X`, `（责编：X）`, `制图：X`), who took its picture (`张三 摄`, `图/X`,
`（资料图片）`), and the marks that close a text (`（完）`, `（待续）`).

One vocabulary per kind, which the patterns below set in their shapes (a whole
line, a caption's end, a line's end); `roles`, `boundaries`, `captions` and the
title readers ask them where a text or a picture ends.
"""

from __future__ import annotations

import re

from papercli.bylines import opens_dateline

# The words that end a text or an instalment: （完） / （待续） / （未完）.
END_MARK_WORDS = "(?:全文完|本文完|完|待续|待續|未完|续完|續完)"
# An end mark closing a line. It closes an article as a pen name does, but
# names nobody.
END_MARK = re.compile(rf"[（(]{END_MARK_WORDS}[）)]$")

# A bracketed source credit closing an article: （据新华社华盛顿电 记者周舟） / （本报X地电）.
# A bare pen name such as （趙廉） stays with its paragraph: papers differ on it.
CLOSING_CREDIT = re.compile(
    r"^[（(][^（）()]{0,20}(?:电|電|社|记者|記者|通讯员|通訊員|作者)[^（）()]{0,20}[）)]$"
)
# A reporter credit in brackets: （记者 X 通讯员 Y） （朱小路参与采写） （本报记者 X整理）.
PAREN_REPORTER = re.compile(
    r"^[（(][^（）()]*(?:记者|記者|通讯员|通訊員|采写|採寫|整理|报道|報道)[^（）()]*[）)]$"
)
# A report's writer named after a role's label, as papers in Hong Kong, Taiwan and
# Malaysia sign at an article's foot: 报道：林志明 / 撰文：X、Y / 文：X.
REPORT_CREDIT = re.compile(
    r"^(?:[报報](?:道|導)|撰文|文字|文|[采採](?:访|訪|写|寫))[：:][^，。,；;！？!?：:]{2,16}$"
)
# The editor's credit in brackets: （责编：X）. It closes an article as a byline
# does, but names no author. The page's editor (（本版编辑：X）) closes no article.
PAREN_EDITOR = re.compile(
    r"^[（(](?:责编|責編|责任编辑|責任編輯|编辑|編輯)[：:][^（）()]{1,12}[）)]$"
)
# Credits that sit at an article's (or the page's) foot: 制图：X / 数据来源：X / X摄 /
# 新华社发 / 本版编辑：X / 一版责编：X / 责编：X.
FOOT_CREDIT = re.compile(
    r"^(?:本版|[一二三四五六七八九十0-9]{1,2}版)?(?:制图|製圖|数据来源|數據來源|资料来源|資料來源|图片来源|圖片來源|摄影|攝影"
    r"|绘图|繪圖|版式设计|版式設計|责任编辑|責任編輯|编辑|編輯|责编|責編|美编|美編"
    r"|校对|校對|图|圖)[:：]"
    r"|(?:摄|攝|新华社发|新華社發)(?:[（(][^（）()]*[）)])?$"
)

# The one vocabulary of a photograph's credit, which each pattern below sets in its
# own shape. A credit ends on its word (张三 摄, 李四/摄, 王五 摄影报道, 视觉中国供图,
# 资料图片) or opens on the picture's label (图/X, 图片来源：X).
PHOTO_CREDIT_WORD = r"(?:[摄攝]影(?:报道|報導)?|[摄攝]|供[图圖]|[资資]料(?:[图圖]片|照片))"
PHOTO_CREDIT_LABEL = r"(?:[图圖][/／]|[图圖]片(?:来源|來源)?[：:/／])"
PHOTO_CREDIT_TEXT = (
    rf"(?:[^（）()]{{0,24}}{PHOTO_CREDIT_WORD}|{PHOTO_CREDIT_LABEL}[^（）()]{{1,24}})"
)
# A photograph's credit in brackets as a whole line (（王晓东摄）, （新华社记者 X 摄）,
# （X供图）, （资料图片））: it runs on after its caption's closing mark, on the caption's line.
PHOTO_CREDIT_LINE = re.compile(rf"^[（(]{PHOTO_CREDIT_TEXT}[）)]$")
# A caption that ends on its credit in brackets: …。（本报记者 X摄）.
BRACKETED_PHOTO_CREDIT = re.compile(rf"[（(]{PHOTO_CREDIT_TEXT}[）)]$")
# A line that ends on a credit, bracketed or not (新华社记者 X 摄, 李四/摄, 视觉中国供图,
# …。（X摄）), or is a labelled one (图/X, 图片来源：X). A bare 摄影 ends titles too
# (手机摄影): unbracketed, it follows a space or a slash.
PHOTO_CREDIT_END = re.compile(
    r"(?:[摄攝](?:影(?:报道|報導))?|[\s/／][摄攝]影|供[图圖])[）)]?$"
    rf"|{BRACKETED_PHOTO_CREDIT.pattern}"
    rf"|^{PHOTO_CREDIT_LABEL}[^（）()]{{1,24}}$"
)
# A Japanese paper's picture caption ends on its credit after an equals sign:
# `演説する首相（２日、首相官邸で）＝山田太郎撮影` / `…＝ロイター` / `…＝共同`
# (a photographer, an agency in katakana or Latin letters, a wire service).
EQUALS_PHOTO_CREDIT = re.compile(
    r"[=＝](?:[^=＝（）()、。]{1,12}撮影|[\u30a0-\u30ffA-Za-zＡ-Ｚａ-ｚ・]{2,12}|共同|時事)$"
)
# A caption is this long at most.
CAPTION_CREDIT_MAX = 60

# A line that closes an article and never heads one: a bracketed credit of its
# reporter or agency (`CLOSING_CREDIT`: （本报记者 X）, （新华社供稿）), of its editor
# (（责编：X）) or an end mark (（完）, （待续）). A bare pen name (（趙廉）) is none:
# a bracketed label may head a title too.
CLOSING_LINE = re.compile(
    rf"{CLOSING_CREDIT.pattern}"
    rf"|^[（(](?:[^（）()：:]{{1,6}}[：:][^（）()]{{1,12}}|{END_MARK_WORDS})[）)]$"
)

# The filing serial Taiwan's wire copy closes on, after its editor's credit: the
# date in the Republic's years and a number (（編輯：王美玲）1130930).
FILING_SERIAL = re.compile(r"(?<=[）)])[ \u3000]?[0-9０-９]{7,8}$")


def closes_article(text: str) -> bool:
    """Is a (non-empty) line one that ends an article (`CLOSING_LINE`), and no
    dateline in the same brackets (（重慶廿日電）) that opens one?

    >>> closes_article("（本报记者 张三）"), closes_article("（责编：李四）")
    (True, True)
    >>> closes_article("（完）"), closes_article("（新华社供稿）")
    (True, True)
    >>> closes_article("（編輯：王美玲）1130930"), closes_article("（完）2024")
    (True, False)
    >>> closes_article("（重慶廿日海通電）"), closes_article("（知止）")
    (False, False)
    """
    if text[0] not in "（(":
        return False
    text = without_serial(text)
    return CLOSING_LINE.match(text) is not None and not opens_dateline(text)


def without_serial(text: str) -> str:
    """A (non-empty) bracketed credit without the filing serial Taiwan's wire copy
    closes on (`（編輯：王美玲）1130930`): the credit alone, as other papers print it.

    >>> without_serial("（編輯：王美玲）1130930"), without_serial("（杨娜娜）")
    ('（編輯：王美玲）', '（杨娜娜）')
    """
    if text[0] in "（(" and text[-1] not in "）)":
        return FILING_SERIAL.sub("", text)
    return text
