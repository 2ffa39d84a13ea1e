"""What the lines either side of a blank line say about it beyond their widths:
verse set a line to a block, a quote whose speaker came before it, a Korean
word cut before its particle, a name glossed in Latin letters. `healing` reads
them when it decides whether a blank line is a column break.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from papercli.chars import HAN
from papercli.measure import Line
from papercli.runs import Run
from papercli.signals import MARK_OR_CLOSER, PUNCT_MARK


def is_verse_couplet(prev_run: Run, next_run: Run) -> bool:
    """Are the runs either side of a gap two lines of verse, each set alone
    between blank lines (`山色入秋浓，` | blank | `溪声到晚空。`)? Lines of
    classical verse hold the same count of characters and one mark, at their
    end; a sentence cut short around a picture runs on into a line of its own
    length.

    >>> from papercli.runs import split_runs
    >>> page = ["石桥人不见，", "", "一路是霜枫。", "", "全市新增岗位两千个。"]
    >>> a, b, c = split_runs(page, range(5))
    >>> is_verse_couplet(a, b), is_verse_couplet(a, c)
    (True, False)
    """
    if len(prev_run.lines) != 1 or len(next_run.lines) != 1:
        return False
    last, first = prev_run.lines[0].text, next_run.lines[0].text
    return (
        len(last) == len(first) >= 4
        and first[-1] in MARK_OR_CLOSER
        and PUNCT_MARK.search(last, 0, len(last) - 1) is None
        and PUNCT_MARK.search(first, 0, len(first) - 1) is None
    )


def quote_follows_colon(lines: Sequence[Line]) -> bool:
    """Was the quote the lines close opened after a colon (`报告中写道：“…。”`)?
    Its speaker came before it, so no bare tag after it is its own: what follows
    (`站长介绍，…`) opens a paragraph.

    >>> from papercli.measure import make_line
    >>> quote_follows_colon([make_line(1, "他写道：“我们做到了。”")])
    True
    >>> quote_follows_colon([make_line(1, "“我们做到了。”")])
    False
    """
    text = "".join(ln.text for ln in lines)
    i = max(text.rfind("“"), text.rfind("「"))
    return i > 0 and text[i - 1] in "：:"


# Korean particles that close the word before them and stand as words of their
# own nowhere (`…이런 내용` | `의 노선 개편안…`): a line opening on one, then a
# space, opens on the tail of a word the column cut, as a line opening on a
# stop mark does. Left out: those that are words too (이 "this", 가, 도 "degree").
KOREAN_WORD_TAILS = frozenset("의을를은는에와과로")
OPENS_ON_PARTICLE = re.compile("(?:의|을|를|은|는|에|에서|와|과|로) ")


def opens_on_particle(text: str) -> bool:
    """Does the text open on a Korean particle cut from the word before it?

    >>> opens_on_particle("의 노선 개편안을"), opens_on_particle("이 같은 내용의")
    (True, False)
    """
    return text[0] in KOREAN_WORD_TAILS and OPENS_ON_PARTICLE.match(text) is not None


# A name or term glossed in Latin letters at a line's end (`…總裁拉加德（Christine
# Lagarde）`): what a sentence introduces, as its subject or object, on first
# mention; a byline in brackets opens on its bracket instead.
LATIN_GLOSS_END = re.compile(f"[{HAN}]（[A-Za-z][A-Za-z .'-]*）$")


def ends_on_latin_gloss(text: str) -> bool:
    """Does the text end on a Latin gloss in brackets after a Han character?

    >>> ends_on_latin_gloss("歐洲央行總裁拉加德（Christine Lagarde）")
    True
    >>> ends_on_latin_gloss("（記者 John Doe）"), ends_on_latin_gloss("大語言模型（LLM）。")
    (False, False)
    """
    return text[-1] == "）" and LATIN_GLOSS_END.search(text) is not None
