"""Drop page furniture (`--furniture`): running heads and folios repeated on most pages.

A multi-page extraction separates pages with form feeds. The newspaper's name and date,
the section title and the page number sit at the top or bottom of every page, and
would otherwise be read as headlines or glued into a paragraph that a page break split.

Evidence: a line counts as furniture only if, with its numbers masked (`第3版` and `第4版`
are one running head), it sits among the first or last `ZONE` lines of more than half of
the pages, at least `MIN_PAGES` times, in a file of at least `MIN_PAGES` pages. Text in
the body of a page is never touched, whatever it says.

Without `--furniture` such lines stay, but out of the text: `lift_furniture` takes a
running head or folio next to a page break out before paragraphs are rebuilt, and
`set_back_furniture` puts it back as a block of its own after the paragraph the break
split.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, deque
from collections.abc import Iterable, Sequence
from itertools import islice

from papercli.changes import REBUILD_STEP, Change, make_change
from papercli.dates import is_page_header_line
from papercli.page import Block, BlockKind, make_block

STEP = "drop_furniture"
PAGE_BREAK = "\f"
# Fewer pages than this cannot show that a line repeats "on every page".
MIN_PAGES = 3
# How many non-blank lines at each end of a page may be furniture (head + date line).
ZONE = 2
# Running heads and folios are short; a long line at a page edge is body text.
MAX_FURNITURE_LEN = 60

# Page numbers and dates change from page to page: ASCII, fullwidth and Han numerals.
NUMBER_RUN = re.compile(
    "[0-9\uff10-\uff19\u3007\u96f6\u4e00\u4e8c\u4e09\u56db\u4e94"
    "\u516d\u4e03\u516b\u4e5d\u5341\u767e]+"
)


def furniture_key(line: str) -> str:
    """The line with every run of numerals masked and outer space stripped.

    >>> furniture_key("人民日报 2024年3月5日 第12版")
    '人民日报 #年#月#日 第#版'
    >>> furniture_key("- 7 -") == furniture_key("- 8 -")
    True
    """
    return NUMBER_RUN.sub("#", line.strip())


def find_furniture(lines: Sequence[str]) -> list[int]:
    """Indexes of the lines that are running heads or folios.

    >>> lines = []
    >>> for n, body in ((1, "甲"), (2, "乙"), (3, "丙")):
    ...     lines += [f"晨报 第{n}版", f"{body}文开头。", f"{body}文结尾。", str(n), "\\f"]
    >>> [lines[i] for i in find_furniture(lines)]
    ['晨报 第1版', '1', '晨报 第2版', '2', '晨报 第3版', '3']
    """
    return [number - 1 for number in sorted(furniture_lines(lines))]


def furniture_lines(lines: Iterable[str]) -> set[int]:
    """The numbers (from 1) of the lines that are running heads or folios, read in
    one pass, holding a few lines per page (a stream's lines: `--furniture` on a
    long input). The pieces of a cut line (see `units.LONG_LINE`) are one line,
    with its first piece's number; no piece is furniture.

    >>> sorted(furniture_lines(["报头", "甲。", "\\f", "报头", "乙。", "\\f", "报头", "丙。"]))
    [1, 4, 7]
    """
    from papercli.units import goes_on

    # Each page's edges: its first ZONE non-blank lines, then its last ZONE.
    edges: list[list[tuple[int, str]]] = []
    first: list[tuple[int, str]] = []
    tail: deque[tuple[int, str]] = deque(maxlen=ZONE)

    def end_page() -> None:
        if first:
            seen = {n for n, _ in first}
            edges.append(first + [x for x in tail if x[0] not in seen])

    for number, line in enumerate(lines, 1):
        if line == PAGE_BREAK:
            end_page()
            first, tail = [], deque(maxlen=ZONE)
        elif goes_on(line) or not line.strip():
            continue
        else:
            key = furniture_key(line)
            if len(key) > MAX_FURNITURE_LEN:
                key = ""  # never furniture: a page holds no long line's text here
            if len(first) < ZONE:
                first.append((number, key))
            tail.append((number, key))
    end_page()
    if len(edges) < MIN_PAGES:
        return set()
    # Count each key once per page, so a key twice on one page is no extra evidence.
    seen: Counter[str] = Counter()
    for page in edges:
        seen.update({k for _, k in page if k})
    needed = max(MIN_PAGES, len(edges) // 2 + 1)
    common = {k for k, n in seen.items() if n >= needed}
    return {n for page in edges for n, k in page if k in common}


def drop_furniture(
    lines: list[str], numbers: list[int]
) -> tuple[list[str], list[int], list[Change]]:
    """Remove running heads and folios; `numbers` (source line numbers) are filtered in step.

    Form feeds stay, so later steps still see where each page ends.

    >>> lines = ["报头", "正文甲。", "\\f", "报头", "正文乙。", "\\f", "报头", "正文丙。"]
    >>> kept, numbers, changes = drop_furniture(lines, list(range(1, 9)))
    >>> kept, numbers, [c.line for c in changes]
    (['正文甲。', '\\x0c', '正文乙。', '\\x0c', '正文丙。'], [2, 3, 5, 6, 8], [1, 4, 7])
    """
    drop = set(find_furniture(lines))
    if not drop:
        return lines, numbers, []
    changes = [removal(numbers[i], lines[i]) for i in sorted(drop)]
    kept = [
        (line, no) for i, (line, no) in enumerate(zip(lines, numbers, strict=True)) if i not in drop
    ]
    return [line for line, _ in kept], [no for _, no in kept], changes


def removal(number: int, line: str) -> Change:
    """The change that reports a running head or folio dropped."""
    return Change(STEP, number, "removed", line, "running head or folio")


# A folio alone on a line at a page's edge: `— 3 —`, `- 12 -`, `3`.
FOLIO_DASH = "[-\u2013\u2014\uff0d]{1,2}"
FOLIO = re.compile(f"^(?:{FOLIO_DASH}[ \u3000]*)?[0-9]{{1,4}}(?:[ \u3000]*{FOLIO_DASH})?$")
# Why a lifted line moved (see `set_back_furniture`).
MOVED = "running head or folio: set after the paragraph that the page break split"


def is_edge_furniture(line: str) -> bool:
    """Is a line next to a page break furniture by its own shape: a folio, or a
    page header (`dates.is_page_header_line`: a date, a weekday or a page number,
    alone or with the paper's name, and the folio after them)?

    >>> is_edge_furniture("— 3 —"), is_edge_furniture("2024年5月30日 星期四  经济日报  3")
    (True, True)
    >>> is_edge_furniture("3.5%"), is_edge_furniture("分三大门类看，")
    (False, False)
    """
    text = line.strip()
    if not text or len(text) > MAX_FURNITURE_LEN:
        return False
    if FOLIO.match(text):
        return True
    # A running head ends on its folio: `2024年5月30日 星期四  经济日报  3`.
    parts = text.rsplit(None, 1)
    if len(parts) == 2 and FOLIO.match(parts[1]):
        text = parts[0]
    return is_page_header_line(text)


def page_edge_furniture(lines: Sequence[str]) -> list[int]:
    """Indexes of the running heads and folios next to a page break: among the
    `ZONE` non-blank lines before a form feed or after it, those that repeat on
    the page edges (`find_furniture`) or have furniture's own shape
    (`is_edge_furniture`). A paragraph that a page break splits runs on across
    them; the text outside the page breaks (a masthead at the top) is no concern.

    >>> page_edge_furniture(["甲文，", "", "— 3 —", "\\f", "晨报 2024年5月8日 第4版", "乙文。"])
    [2, 4]
    """
    repeated = set(find_furniture(lines))
    found: list[int] = []
    for k, line in enumerate(lines):
        if line != PAGE_BREAK:
            continue
        # Lazily: only the ZONE nearest non-blank lines are looked at.
        before = islice((i for i in range(k - 1, -1, -1) if lines[i].strip()), ZONE)
        after = islice((i for i in range(k + 1, len(lines)) if lines[i].strip()), ZONE)
        for side in (before, after):
            for i in side:
                if lines[i] == PAGE_BREAK or not (i in repeated or is_edge_furniture(lines[i])):
                    break  # furniture sits at the very edge: body text ends the zone
                found.append(i)
    return sorted(set(found))


def lift_furniture(lines: list[str], numbers: list[int]) -> tuple[list[str], list[tuple[int, str]]]:
    """The lines with the running heads and folios next to page breaks blanked
    (`page_edge_furniture`), and those lines with their numbers."""
    edges = page_edge_furniture(lines)
    if not edges:
        return lines, []
    lines = list(lines)
    lifted = [(numbers[i], lines[i].strip()) for i in edges]
    for i in edges:
        lines[i] = ""
    return lines, lifted


def set_back_furniture(
    blocks: list[Block], lifted: list[tuple[int, str]], changes: list[Change]
) -> list[Block]:
    """Each lifted line as a block of its own, after the last block that starts
    above it: where it stood, or after the paragraph a page break split, which is
    reported (the text stays, in reading order; `--furniture` drops it)."""
    firsts = [block.first_line for block in blocks]
    out: list[Block] = []
    done = 0
    for number, text in lifted:
        k = bisect_left(firsts, number)
        out += blocks[done:k]
        done = k
        if k and blocks[k - 1].last_line > number:
            changes.append(make_change(REBUILD_STEP, number, "moved", text, MOVED))
        out.append(make_block(BlockKind.PARAGRAPH, (text,), number, number, (MOVED,)))
    return out + blocks[done:]
