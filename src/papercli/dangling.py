"""A line left hanging: it stops where no sentence and no title can stop.

On a preposition or conjunction (`…转化为`), a Korean postposition that needs its
predicate (`…에서`), inside a Latin word hyphenated at the line end (`oppor-`), on
a soft hyphen, or on a code in capitals and digits cut at its own hyphen
(`COVID-` | `19`). The break after such a line is a wrap, never a paragraph's or
a heading's end; words that close a title as well as any noun does (`…问题导向`)
are set apart. `papercli.signals` reads the other shapes of a line's end.
"""

from __future__ import annotations

import re

from papercli.chars import HYPHENS, SOFT_HYPHEN

# Prepositions and conjunctions that never end a sentence or a title: a line
# ending on one breaks mid-sentence (`…热情转化为` | `…`). Characters that also end
# words (的 目的, 和 谈和, 由 自由, 之 随之) are left out.
DANGLING_CHARS = frozenset("以在与與对對将將把被从從向于於为為并並而")
# Nouns that end on one of those characters and close a title as well as any noun
# does (`坚持问题导向`, `青春大有可为`). Left out: verbs and adverbs that take an
# object or a head (`参与`, `走向`, `绝对`, `相对`), and words whose last character
# more often belongs to the next word (`出现在`, `进行为期`, `以人为本`).
WHOLE_WORD_ENDINGS = frozenset(
    [
        "方向", "导向", "導向", "动向", "動向", "意向", "倾向", "傾向", "志向", "取向",
        "风向", "風向", "航向", "大将", "大將", "名将", "名將", "老将", "老將", "主将",
        "主將", "猛将", "猛將", "火把", "棉被", "随从", "隨從", "侍从", "侍從", "可为",
        "可為",
    ]
)

# Conjunctions among those that also close verbs a title may end on (`人人参与`,
# `给与`, `两行合并`, `兼并`): a line ending on one may be a title over an
# indented paragraph (`boundary_signals.titled_over_indent`). A preposition left
# hanging (`…转化为`, `坚持以`) needs its object on the next line, indent or not.
CONJUNCTION_ENDS = frozenset("与與并並")

# The last characters `ends_dangling` (and `ends_mid_phrase`) can say yes on:
# the hot callers test a line's end against them before the call.
DANGLING_ENDS = DANGLING_CHARS | frozenset(HYPHENS) | {SOFT_HYPHEN}


def ends_dangling(text: str) -> bool:
    """Does the text stop mid-sentence: on a preposition or conjunction, inside a
    Latin word hyphenated at the line end (`oppor-`; not a range such as `1990-`),
    or on a soft hyphen (which only a word cut at the line end carries)?

    >>> ends_dangling("…热情转化为"), ends_dangling("a rare oppor-"), ends_dangling("1990-")
    (True, True, False)
    >>> ends_dangling("infor\u00ad"), ends_dangling("a rare oppor\u2010")
    (True, True)
    """
    last = text[-1]
    return (
        last in DANGLING_CHARS
        or last == SOFT_HYPHEN
        or (last in HYPHENS and ends_latin_hyphen(text))
    )


# Korean postpositions that tie their phrase to a predicate still to come
# (`…국무회의에서` | `이 같은…`): a line ending on one stops mid-sentence, as
# one ending on Chinese `以` does. Left out: those that also end common nouns
# (의 회의, 과 결과, 을 마을, 로 대로).
KOREAN_DANGLING = ("에서", "에게")


def ends_on_postposition(text: str) -> bool:
    """Does the text end on a Korean postposition that needs a predicate after it?

    >>> ends_on_postposition("27일 국무회의에서"), ends_on_postposition("국무회의")
    (True, False)
    """
    return text[-1] in "서게" and text.endswith(KOREAN_DANGLING)


def ends_mid_phrase(text: str) -> bool:
    """`ends_dangling`, unless on a word that closes a title as well as any noun
    does (`…问题导向`, `WHOLE_WORD_ENDINGS`): where a line was broken short, not
    across a blank line (there `积极参与` | `印度发展` still heals).

    >>> ends_mid_phrase("坚持问题导向"), ends_mid_phrase("全力把蓝图转化为")
    (False, True)
    """
    return ends_dangling(text) and text[-2:] not in WHOLE_WORD_ENDINGS


# The rest of a code cut at its hyphen, opening the next line: digits (or a
# capital and digits), then no Han character (`19 rules`, `19）`; `5月` opens a
# date).
CODE_TAIL_START = re.compile(r"[A-Z]?[0-9]+(?![0-9\u3400-\u9fff])")
# The longest code head looked back over.
MAX_CODE_HEAD = 16


def cuts_code_at_hyphen(text: str, next_text: str) -> bool:
    """Does the line end on a code or name in capitals and digits (two characters
    or more, one a capital) cut at its own hyphen, its rest opening the next line
    (`新冠病毒（COVID-` / `19）疫情`, `SM-` / `9280`)? A grade (`A-`) has one
    character, and a date opening the next line (`5月`) is no code's rest.

    >>> cuts_code_at_hyphen("Officials expect COVID-", "19 rules to be lifted")
    True
    >>> cuts_code_at_hyphen("评级下调至AA-", "5月19日，"), cuts_code_at_hyphen("至A-", "19 rules")
    (False, False)
    """
    if text[-1] not in HYPHENS or CODE_TAIL_START.match(next_text) is None:
        return False
    end = len(text) - 1
    start = end
    while start > 0 and end - start < MAX_CODE_HEAD and is_code_char(text[start - 1]):
        start -= 1
    head = text[start:end]
    # Not the end of a word in mixed case (`iPhone-`).
    before = text[start - 1] if start else " "
    return len(head) >= 2 and not head.isdigit() and not (before.isascii() and before.isalpha())


def is_code_char(ch: str) -> bool:
    return ch.isascii() and (ch.isupper() or ch.isdigit())


def ends_latin_hyphen(text: str) -> bool:
    """Does the text end inside a hyphenated Latin word: two letters or more, the
    last in lower case, then the hyphen? A grade or rating (`下调至A-`, `AA-`) and
    a capitalised compound (`COVID-`) end a title as well as any word does.

    >>> ends_latin_hyphen("oppor-"), ends_latin_hyphen("A-"), ends_latin_hyphen("the")
    (True, False, False)
    """
    return (
        len(text) > 2
        and text[-1] in HYPHENS
        and text[-2].islower()
        and text[-2] < "\u0250"
        and text[-3].isalpha()
        and text[-3] < "\u0250"
    )
