"""OpenCC's known word-boundary errors and their fixes (`PHRASE_FIXES`,
`apply_phrase_fixes`): its longest-match segmentation takes a phrase across a word
boundary (`被发明了` comes out `被髮明瞭`), and the fix puts back the right text
after OpenCC has run (`papercli.steps.convert.convert_text`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from papercli.steps.opencc_configs import S2T_FAMILY


@dataclass(frozen=True)
class PhraseFix:
    """OpenCC turns `source` into `wrong` under `configs`; the right text is `right`.

    `not_before`: characters after `wrong` that make OpenCC's reading right after
    all (`聲明瞭解` is 声明 + 了解, and 了解 is 瞭解 in Traditional).
    """

    source: str
    wrong: str
    right: str
    configs: frozenset[str] = S2T_FAMILY
    not_before: str = ""


def _bei_fa(verb_s: str, verb_t: str) -> PhraseFix:
    # 被发X: OpenCC matches the classical phrase 被髮 ("hair let down", 被髮左衽)
    # before the verb 发X, so the passive 被 + 发X comes out with 髮 (hair).
    return PhraseFix(f"被发{verb_s}", f"被髮{verb_t}", f"被發{verb_t}")


def _ming_le(verb_s: str, verb_t: str) -> PhraseFix:
    # X明了 where X明 is a verb: OpenCC matches 明了 ("clear", 明瞭) across the
    # boundary before the aspect particle 了, giving 瞭.
    return PhraseFix(f"{verb_s}明了", f"{verb_t}明瞭", f"{verb_t}明了", not_before="解")


# Each entry is checked against the real OpenCC by tests/test_convert.py: if an
# upstream release fixes one, its test fails and the entry should be dropped.
PHRASE_FIXES: tuple[PhraseFix, ...] = (
    # BYVoid/OpenCC#1497: 被髮 + 明瞭, both halves wrong.
    PhraseFix("被发明了", "被髮明瞭", "被發明了"),
    _bei_fa("明", "明"),
    _bei_fa("表", "表"),
    _bei_fa("展", "展"),
    _bei_fa("出", "出"),
    _bei_fa("动", "動"),
    _bei_fa("起", "起"),
    _bei_fa("配", "配"),
    _bei_fa("给", "給"),
    _bei_fa("回", "回"),
    _bei_fa("扬", "揚"),
    _bei_fa("挥", "揮"),
    _bei_fa("放", "放"),
    _bei_fa("掘", "掘"),
    _bei_fa("射", "射"),
    _bei_fa("送", "送"),
    # 带头发展 ("take the lead in developing"): 头发 (hair, 頭髮) wins over 发展.
    PhraseFix("带头发展", "帶頭髮展", "帶頭發展"),
    _ming_le("声", "聲"),
    _ming_le("阐", "闡"),
    _ming_le("指", "指"),
    _ming_le("查", "查"),
    _ming_le("标", "標"),
    _ming_le("写", "寫"),
    _ming_le("载", "載"),
    _ming_le("讲", "講"),
    _ming_le("申", "申"),
    _ming_le("点", "點"),
)


@functools.cache
def _fixes_for(config: str) -> tuple[PhraseFix, ...]:
    # Longest first, so 被髮明瞭 is fixed whole before 被髮明 could take its head.
    found = [fix for fix in PHRASE_FIXES if config in fix.configs]
    return tuple(sorted(found, key=lambda fix: -len(fix.wrong)))


def apply_phrase_fixes(source: str, converted: str, config: str) -> str:
    """Undo OpenCC's known word-boundary errors in `converted` (the output for `source`).

    A fix never touches text the author wrote: when `source` itself contains the
    wrong form, that form is left alone.

    >>> apply_phrase_fixes("被发明了", "被髮明瞭", "s2t")
    '被發明了'
    >>> apply_phrase_fixes("他声明了解", "他聲明瞭解", "s2t")
    '他聲明瞭解'
    >>> apply_phrase_fixes("被发明了", "被髮明瞭", "t2s")
    '被髮明瞭'
    """
    for fix in _fixes_for(config):
        if fix.wrong not in converted or fix.wrong in source:
            continue
        if fix.not_before:
            pattern = re.escape(fix.wrong) + f"(?![{re.escape(fix.not_before)}])"
            converted = re.sub(pattern, fix.right, converted)
        else:
            converted = converted.replace(fix.wrong, fix.right)
    return converted
