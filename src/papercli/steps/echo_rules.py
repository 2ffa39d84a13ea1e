"""The echo rules on one text: where a line or block was printed twice or three
times (`XX。。`, `正正在在。。`), as `Cut`s (see `papercli.steps.echoes` for the step,
and `papercli.steps.glued_echoes` for an echo healing glued to other text).

Every check is linear and runs at C speed: halves and layers are compared by slicing,
the primitive root of a string comes from one `str.find` (two-way search, linear), and
runs of doubled characters come from a pattern that matches a fixed two (or three)
characters per step, so it cannot backtrack.

A removal is a `Cut`: a span of the text that is replaced by a subsequence of itself,
so the kept text plus the removed text is always exactly the original.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from papercli.chars import CLOSERS, is_spaced_out, squeeze_gaps, without_gaps

# The once-printed unit of an echo must hold this many letters (Han, kana, Latin: str.isalpha)
# and this many different ones: `谢谢` `研究研究` `嘻嘻哈哈` `2020年2020年` all fall short.
MIN_LETTERS = 4
MIN_DISTINCT = 3
# Shadow and outline fonts print two or three layers; four or more copies of a unit is a
# chant or a pattern, not an echo.
MAX_LAYERS = 3
# `S！S！` (the unit ends with its own mark) is how a refrain or chant is written; only a
# unit this long is taken for an echo (a paragraph whose second half equals its first).
MIN_REFRAIN_LETTERS = 16
# Whole-line doubled characters without a doubled mark as extra evidence: a chain of
# AABB words (`高高兴兴快快乐乐`) is legitimate, so the undoubled text must be this long.
MIN_BARE_DOUBLED_LETTERS = 8
# A doubled run inside a longer line must be this long once undoubled: shorter runs are
# reduplicated words side by side.
MIN_RUN_LETTERS = 10
MIN_RUN_DISTINCT = 5

# One Latin word: set twice with a space, a name (`Bora Bora`), not an echo.
LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f'’-]+")

# How many closing quotes or brackets at the end of a unit are looked for (`“X”` `（X）`).
MAX_CLOSER_SHIFT = 3

# has_words looks at this many leading characters first before counting the whole text.
HEAD_SAMPLE = 256

# Marks that end a line; trailing runs of them are printed once per layer (`XX。。`).
TRAILING_MARKS = "。！？!?…；;，,、：:”’」』）)》〉】〕]—.·～~"
# Marks that writers double on purpose (`……` `——` `！！`): no evidence of an echo.
PAIRED_MARKS = frozenset("…—！？!?～~")

# A run of characters each printed twice: `正正在在`. One pair per step, nothing optional
# inside the repetition, so a failed attempt costs one comparison: linear. Possessive
# (`++`): nothing follows to backtrack for, and a greedy `+` would keep a backtracking
# point per pair (about 40 bytes a character on a line of one character repeated).
DOUBLED_RUN = re.compile(r"(?:(.)\1)++", re.DOTALL)
# The same for three layers: `正正正在在在`.
TRIPLED_RUN = re.compile(r"(?:(.)\1\1)++", re.DOTALL)
# The shortest layered run any rule accepts: MIN_LETTERS characters printed two or three
# times in a row. A text without one cannot hold a layered-run echo. Both shapes open
# with a pair, so the pair is matched once before the two branches (half the work of
# trying each branch at every position); only whether it matches is used.
LAYERED_CANDIDATE = re.compile(r"(.)\1(?:(.)\2(.)\3(.)\4|\1(.)\5\5(.)\6\6(.)\7\7)", re.DOTALL)
assert MIN_LETTERS == 4, "LAYERED_CANDIDATE spells out MIN_LETTERS pairs and triples"


@dataclass(frozen=True)
class Cut:
    """`text[start:end]` is replaced by `kept`; `removed` is the rest of that span, in order."""

    start: int
    end: int
    kept: str
    removed: str
    rule: str


def has_words(text: str, letters: int = MIN_LETTERS, distinct: int = MIN_DISTINCT) -> bool:
    """True when `text` holds at least `letters` letters, `distinct` of them different.

    Works on the set of distinct characters and `str.count`, so a long text costs one C
    pass however repetitive it is.

    >>> has_words("正在参加活动"), has_words("研究研究"), has_words("2020年"), has_words("ABCD")
    (True, False, False, True)
    """
    if len(text) < letters:
        return False
    # Ordinary text settles the question in its first few characters.
    if len(text) > HEAD_SAMPLE and has_words(text[:HEAD_SAMPLE], letters, distinct):
        return True
    kinds = [ch for ch in set(text) if ch.isalpha()]
    if len(kinds) < distinct:
        return False
    # Enough different letters are enough letters; otherwise there are few kinds to count.
    return len(kinds) >= letters or sum(text.count(ch) for ch in kinds) >= letters


# Marks after which a line runs on into the next: a line ending on one is part of a
# sentence (a verse line, `我们走在大路上，`), never a whole printed twice.
RUNNING_ON_MARKS = frozenset("，,、；;：:")


def is_line_echo(line: str) -> bool:
    """Whether `line` followed by its exact copy on the next line is one line printed
    twice (a caption's echo), as the same two lines with a blank one between are a
    repeated block: the line holds MIN_LETTERS letters, MIN_DISTINCT of them
    different (`嘻嘻哈哈。`, `（三）` may repeat), does not run on at a clause mark
    (`我们走在大路上，` twice is verse), and, ending on a mark writers double on
    purpose (`！`, `？`, `……`: how a refrain or chant is written, `我爱你，中国！`
    twice), holds MIN_REFRAIN_LETTERS, as `S！S！` in one line must.

    >>> is_line_echo("图为志愿者在社区服务。"), is_line_echo("我爱你，中国！")
    (True, False)
    >>> is_line_echo("我们走在大路上，"), is_line_echo("嘻嘻哈哈。")
    (False, False)
    """
    _body, tail = split_trailing_marks(line.rstrip())
    marks = tail.rstrip(CLOSERS)
    if marks and marks[-1] in RUNNING_ON_MARKS:
        return False
    if any(mark in PAIRED_MARKS for mark in marks):
        return has_words(line, MIN_REFRAIN_LETTERS)
    return has_words(line)


def split_trailing_marks(text: str) -> tuple[str, str]:
    """Split `text` into its body and the run of marks that ends it.

    >>> split_trailing_marks("正在参加活动”。”。")
    ('正在参加活动', '”。”。')
    """
    body = text.rstrip(TRAILING_MARKS)
    return body, text[len(body) :]


def repeat_root(text: str) -> tuple[str, int]:
    """The primitive root of `text` and how many times it repeats (`text == root * count`).

    A string is a power of a shorter one iff it occurs inside itself doubled before
    offset len(text); `str.find` does this in linear time.

    >>> repeat_root("研究研究研究")
    ('研究', 3)
    >>> repeat_root("正在参加")
    ('正在参加', 1)
    """
    if not text:
        return text, 1
    period = (text + text).find(text, 1)
    return text[:period], len(text) // period


def layers_of(text: str) -> tuple[str, int]:
    """(X, n) when `text` is X printed n times, 2 <= n <= MAX_LAYERS, X not itself a
    repetition; else (text, 1). Slices are compared first, so text that is no repetition
    costs one comparison of its halves (or thirds).

    >>> layers_of("湖面晚霞湖面晚霞湖面晚霞"), layers_of("研究研究研究研究"), layers_of("湖面晚霞")
    (('湖面晚霞', 3), ('研究研究研究研究', 1), ('湖面晚霞', 1))
    """
    size = len(text)
    for count in range(2, MAX_LAYERS + 1):
        unit = text[: size // count]
        if size % count == 0 and unit and text == unit * count:
            return (unit, count) if repeat_root(unit)[1] == 1 else (text, 1)
    return text, 1


def find_whole_echo(text: str) -> Cut | None:
    """A whole-string echo: `XX`, `XX。`, `XX。。`, `XX”。”。`, `XXX。。。`, `X X` (Latin).

    The kept text is the first copy of X and one copy of the trailing marks; the cut is the
    contiguous middle, so `kept + removed` rebuilds the text in place.

    >>> find_whole_echo("“我们爱科学”“我们爱科学”。。").removed
    '“我们爱科学”。'
    >>> cut = find_whole_echo("辅警正在参加活动辅警正在参加活动。。")
    >>> cut.start, cut.end, cut.removed
    (8, 17, '辅警正在参加活动。')
    >>> find_whole_echo("谢谢谢谢。") is None, find_whole_echo("加油中国！加油中国！") is None
    (True, True)
    >>> find_whole_echo("Duran Duran") is None  # one word twice with a space: a name
    True
    """
    # Fast path: every rule below keeps a unit of at least MIN_LETTERS characters that
    # starts the text and recurs in it, so text whose first characters never recur is
    # no echo (one C search; nearly every line of a page leaves here).
    if text.find(text[:MIN_LETTERS], 1) == -1:
        return None
    body, tail = split_trailing_marks(text)
    # The unit may end with its own closing quote or bracket (`“X”“X”。。`): move closers
    # from the tail into the body one at a time. Closers seldom stack, so this is a few
    # linear passes at most.
    for shift in range(min(len(tail), MAX_CLOSER_SHIFT) + 1):
        if shift and tail[shift - 1] not in CLOSERS:
            break
        head = text[: len(body) + shift]
        for candidate, sep in ((head, ""), (head + " ", " ")):
            root, count = layers_of(candidate)
            unit = root[: len(root) - len(sep)]
            # One Latin word set twice with a space is a name (`Duran Duran`).
            if sep and LATIN_WORD.fullmatch(unit):
                continue
            if 2 <= count <= MAX_LAYERS and unit.strip() == unit and has_words(unit):
                once = tail_once(tail[shift:], count)
                end = len(text) - len(once)
                return Cut(len(unit), end, "", text[len(unit) : end], f"whole-string echo x{count}")
    # `S。S。`: the unit carries its own mark; refrains look like this, so demand length.
    root, count = layers_of(text)
    if count > 1 and has_words(root, MIN_REFRAIN_LETTERS):
        return Cut(len(root), len(text), "", text[len(root) :], f"repeated sentence x{count}")
    return None


def tail_once(tail: str, layers: int) -> str:
    """The trailing marks as printed once: `。。` -> `。`, `”。”。` -> `”。`, `。` -> `。`."""
    if not tail or len(tail) % layers:
        return tail
    unit = tail[: len(tail) // layers]
    # `……` and `——` are one mark written with two characters: a lone `…` is not its layer.
    if unit * layers != tail or unit in ("…", "—"):
        return tail
    return unit


def _removed_layers(run: str, layers: int) -> str:
    """The characters a layered run loses, in text order: every character but each n-th."""
    if layers == 2:
        return run[1::2]
    return "".join(map(str.__add__, run[1::3], run[2::3]))


def _doubled_mark(kept: str) -> bool:
    """A mark other than one writers double on purpose: extraction, not style."""
    return any(not ch.isalnum() and not ch.isspace() and ch not in PAIRED_MARKS for ch in kept)


def find_layered_runs(text: str) -> list[Cut]:
    """Runs of characters printed two or three times, when the evidence is strong.

    A run that covers the whole text (its trailing marks may be printed once) needs
    `MIN_LETTERS` letters once undoubled and a doubled mark (`。。` `、、`), or
    `MIN_BARE_DOUBLED_LETTERS` letters; a run inside a longer text needs `MIN_RUN_LETTERS`.
    Three layers are evidence enough at any length past `MIN_LETTERS`.

    >>> [c.kept for c in find_layered_runs("正正在在参参加加活活动动。。")]
    ['正在参加活动。']
    >>> find_layered_runs("高高兴兴快快乐乐"), find_layered_runs("天天向上，谢谢。")
    ([], [])
    """
    # Fast path: every cut below covers at least MIN_LETTERS pairs (or triples) in a row.
    if LAYERED_CANDIDATE.search(text) is None:
        return []
    body, _tail = split_trailing_marks(text)
    for layers, pattern in ((3, TRIPLED_RUN), (2, DOUBLED_RUN)):
        cuts: list[Cut] = []
        for match in pattern.finditer(text):
            start, end = match.span()
            if end - start < MIN_LETTERS * layers:
                continue  # too short for any rule: most pairs in ordinary text
            kept = match.group()[::layers]
            whole = start == 0 and end >= len(body)
            if layers == 3 or whole:
                strong = has_words(kept) and (
                    layers == 3 or _doubled_mark(kept) or has_words(kept, MIN_BARE_DOUBLED_LETTERS)
                )
            else:
                strong = has_words(kept, MIN_RUN_LETTERS, MIN_RUN_DISTINCT)
            if strong:
                rule = f"{'whole-line' if whole else 'run of'} characters printed x{layers}"
                removed = _removed_layers(match.group(), layers)
                cuts.append(Cut(start, end, kept, removed, rule))
        if cuts:
            return cuts
    return []


def apply_cuts(text: str, cuts: Sequence[Cut]) -> str:
    """The text with each cut's span replaced by its kept part (cuts sorted, disjoint).

    >>> apply_cuts("abcdef", [Cut(1, 3, "b", "c", "demo")])
    'abdef'
    """
    out: list[str] = []
    pos = 0
    for cut in cuts:
        out.append(text[pos : cut.start])
        out.append(cut.kept)
        pos = cut.end
    out.append(text[pos:])
    return "".join(out)


def find_echo_cuts(text: str, *, scope: str = "line") -> list[Cut]:
    """One round of echo rules on one line or block: whole-string first, then layered runs.

    A spaced-out text (OCR's `在 农 民 在 农 民 。 。`) is read without the spaces
    between its CJK characters (`chars.squeeze_gaps`), and the cuts are mapped back.

    `scope` says what the text is, and so what counts as evidence: "line" (a one-line
    block or a title line: every rule), "block" (the joined lines of a block: only a
    repetition of the whole), "slice" (one column line of a wrapped paragraph: layered
    runs, and a whole-string echo only when its trailing marks are layered, `XX。。`).

    >>> [c.rule for c in find_echo_cuts("夏夏荷荷春春拾拾近近景景。。")]
    ['whole-line characters printed x2']
    >>> find_echo_cuts("调研调研工作调研调研工作", scope="slice")
    []
    >>> apply_cuts(t := "正 在 参 加 正 在 参 加 。 。", find_echo_cuts(t))
    '正 在 参 加 。'
    """
    if " " in text and is_spaced_out(text):
        squeezed = without_gaps(text)
        if len(squeezed) < len(text):
            cuts = _echo_cuts(squeezed, scope=scope)
            if not cuts:
                return cuts
            _, where = squeeze_gaps(text)
            return [unsqueezed(cut, text, where) for cut in cuts]
    return _echo_cuts(text, scope=scope)


def unsqueezed(cut: Cut, text: str, where: list[int]) -> Cut:
    """A cut found in `squeeze_gaps(text)`, as a cut of `text` (`where` maps the
    squeezed characters to their places in it). The span also takes the spaces
    before it, so that no gap is left twice; at the text's start, those after it."""
    start = place_after(where, cut.start)
    end = place_after(where, cut.end) if cut.end > cut.start else start
    if start == 0:
        while end < len(text) and text[end] == " ":
            end += 1
    # What goes is the span as the text has it, gaps and all, less what is kept.
    return Cut(start, end, cut.kept, without_kept(text[start:end], cut.kept), cut.rule)


def place_after(where: list[int], n: int) -> int:
    """Where a cut before squeezed character `n` falls in the text `where` maps
    from: just after the character before it, so that the gaps between go with
    what follows."""
    return where[n - 1] + 1 if n else 0


def without_kept(span: str, kept: str) -> str:
    """`span` less the characters of `kept`, taken in order (a subsequence of it).

    >>> without_kept("正 正 在 在", "正在")
    ' 正  在'
    """
    out: list[str] = []
    k = 0
    for ch in span:
        if k < len(kept) and ch == kept[k]:
            k += 1
        else:
            out.append(ch)
    return "".join(out)


def _echo_cuts(text: str, *, scope: str) -> list[Cut]:
    if scope != "slice" or has_layered_tail(text):
        cut = find_whole_echo(text)
        if cut is not None:
            return [cut]
    cuts = find_layered_runs(text)
    if scope == "block":
        cuts = [c for c in cuts if c.rule.startswith("whole")]
    return cuts


def has_layered_tail(line: str) -> bool:
    """True when the line ends in a run of marks printed more than once (`。。`, `”。”。`).

    >>> has_layered_tail("图片说明图片说明。。"), has_layered_tail("真的吗？？")
    (True, False)
    """
    _body, tail = split_trailing_marks(line)
    root, count = repeat_root(tail)
    return count >= 2 and not set(root) <= PAIRED_MARKS


def explain_echo(text: str, *, scope: str = "line") -> tuple[str, list[list[Cut]]]:
    """Collapse `text` until no rule fires; return it and the cuts of each round.

    Each round shrinks the text, and a round only fires again on a text that was printed
    in 4+ layers, so the rounds are few; the result is a fixed point (idempotent).

    >>> once, rounds = explain_echo("正正在在参参加加活活动动正正在在参参加加活活动动。。。。")
    >>> once, [[c.removed for c in cuts] for cuts in rounds]
    ('正在参加活动。', [['正正在在参参加加活活动动。。'], ['正在参加活动。']])
    """
    rounds: list[list[Cut]] = []
    while True:
        cuts = find_echo_cuts(text, scope=scope)
        if not cuts:
            return text, rounds
        rounds.append(cuts)
        text = apply_cuts(text, cuts)


def collapse_echo(text: str) -> str | None:
    """The text printed once, if `text` is an echo (or holds a long doubled run); else None.

    >>> collapse_echo("正在参加修养活动的一线优秀辅警正在参加修养活动的一线优秀辅警。。")
    '正在参加修养活动的一线优秀辅警。'
    >>> collapse_echo("正正在在参参加加活活动动。。")
    '正在参加活动。'
    >>> collapse_echo("研究研究") is None, collapse_echo("好好") is None
    (True, True)
    """
    once, rounds = explain_echo(text)
    return once if rounds else None
