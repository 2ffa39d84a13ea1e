"""Caption echoes glued to other text (`XX` + `Y。`, `Y。` + `XX。。`): layout healing
joined a doubled caption to the block before or after it, so the echo is not the
whole line. The square (`XX`) must open or close the line; `split_glued_echo` cuts
it off as a block of its own (see `papercli.steps.echoes` for the step, and
`papercli.steps.echo_rules` for the echoes that fill a whole text).

The search is bounded per line: only units up to `MAX_GLUED_UNIT` characters are
tried, and only where a unit's first two characters recur.
"""

from __future__ import annotations

from papercli.chars import is_spaced_out, squeeze_gaps
from papercli.steps.echo_rules import TRAILING_MARKS, place_after, split_trailing_marks, tail_once

# A caption echo glued to the next or previous block by layout healing (`XX` + `Y。`):
# the square must open or close the line, and be long, since it is not the whole line.
MIN_GLUED_LETTERS = 8
MIN_GLUED_DISTINCT = 4
# Captions are short; looking no further keeps the search constant per line.
MAX_GLUED_UNIT = 200


def prefix_square(text: str) -> int:
    """Length of the shortest X with `text` starting `XX`, X long and wordy enough; else 0.

    Only X up to `MAX_GLUED_UNIT` is tried, and only where X's first two characters recur,
    so the cost per line is bounded whatever the line's length.

    >>> prefix_square("奋斗的姿态最动人活动现场奋斗的姿态最动人活动现场夏荷春拾近景。")
    12
    >>> prefix_square("研究研究研究研究，再研究。")
    0
    """
    limit = min(len(text) // 2, MAX_GLUED_UNIT)
    # Squares first, in order of size: most lines have none, and then the Python loop
    # over the prefix (`_shortest_wordy_prefix`) never runs. X is at least
    # MIN_GLUED_LETTERS long, so a square's second copy starts no earlier than that.
    head = text[:2]
    shortest = -1
    pos = text.find(head, MIN_GLUED_LETTERS, limit + 2)
    while pos != -1 and pos <= limit:
        if text[:pos] == text[pos : 2 * pos]:
            if shortest < 0:
                shortest = _shortest_wordy_prefix(text, limit)
                if not shortest:
                    return 0
            if pos >= shortest:
                return pos
        pos = text.find(head, pos + 1, limit + 2)
    return 0


def _shortest_wordy_prefix(text: str, limit: int) -> int:
    """Length of the shortest prefix (within `limit`) with enough letters for a glued
    echo's unit, or 0: no shorter X can qualify."""
    letters = 0
    seen: set[str] = set()
    for i, ch in enumerate(text[:limit]):
        if ch.isalpha():
            letters += 1
            seen.add(ch)
            if letters >= MIN_GLUED_LETTERS and len(seen) >= MIN_GLUED_DISTINCT:
                return i + 1
    return 0


def split_glued_echo(text: str) -> tuple[str, str, str, str] | None:
    """A line that opens or closes with a whole caption echo glued to other text.

    Returns (first, second, removed, rule): `first` and `second` are to be kept as two
    blocks, and `first + second` is the line with the one span `removed` (the echo's second
    copy, and its marks' second layer) deleted.

    >>> split_glued_echo("奋斗的姿态最动人活动现场奋斗的姿态最动人活动现场夏荷春拾近景。")
    ('奋斗的姿态最动人活动现场', '夏荷春拾近景。', '奋斗的姿态最动人活动现场', 'glued echo (start)')
    >>> split_glued_echo("图为现场。奋斗的姿态最动人活动现场奋斗的姿态最动人活动现场。。")[1:3]
    ('奋斗的姿态最动人活动现场。', '奋斗的姿态最动人活动现场。')
    >>> split_glued_echo("他们说着说着说着就笑了。") is None
    True

    A spaced-out line (`chars.is_spaced_out`) is read without its transcription
    gaps, and the pieces are cut from the line as it is.

    >>> echo = "奋 斗 的 姿 态 最 动 人 活 动 现 场 "
    >>> first, second, removed, _ = split_glued_echo("图 为 现 场 。 " + echo * 2 + "。 。")
    >>> first, second.strip() == removed == (echo + "。").strip()
    ('图 为 现 场 。', True)
    """
    squeezed, where = squeeze_gaps(text) if " " in text and is_spaced_out(text) else (text, [])
    span = glued_echo_span(squeezed)
    if span is None:
        return None
    i, j, k, rule = span
    if len(squeezed) == len(text):
        return text[:i], text[i:j] + text[k:], text[j:k], rule
    i, j, k = (place_after(where, n) for n in (i, j, k))
    return text[:i], text[i:j] + text[k:], text[j:k].strip(), rule


def glued_echo_span(text: str) -> tuple[int, int, int, str] | None:
    """Where `split_glued_echo` cuts `text`: (i, j, k, rule), the pieces being
    `text[:i]` and `text[i:j] + text[k:]`, with `text[j:k]` removed."""
    size = prefix_square(text)
    # The rest must start a new unit with a character, not with the echo's own marks, and
    # not with a third copy: exactly two copies, or it is a pattern.
    if (
        size
        and len(text) > 2 * size
        and text[2 * size] not in TRAILING_MARKS
        and not text.startswith(text[:size], 2 * size)
    ):
        return size, size, 2 * size, "glued echo (start)"
    body, tail = split_trailing_marks(text)
    # The same search on the reversed end of the body finds a square that closes it.
    size = prefix_square(body[: -3 * MAX_GLUED_UNIT - 1 : -1])
    # The echo split off as a caption must start as a line can (not on `，` or `”`).
    if (
        size
        and len(body) > 2 * size
        and not body.endswith(body[-size:], 0, len(body) - 2 * size)
        and body[len(body) - 2 * size] not in TRAILING_MARKS
    ):
        once = tail_once(tail, 2)
        second_copy = len(body) - size
        return second_copy - size, second_copy, len(text) - len(once), "glued echo (end)"
    return None
