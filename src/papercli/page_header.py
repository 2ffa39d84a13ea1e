"""The page header over a page's first title: the paper's name, the date and the
page number (`人民公安报 / 2023年9月1日 星期五 / 第3版`), which `split` keeps apart
as the masthead rather than as title lines of the first article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from papercli.chars import squeeze
from papercli.dates import is_page_header_line
from papercli.page import Block
from papercli.role_names import HEAD

# A paper's name on a line of its own: 经济日报 / 江川晚报 / 中央日報.
PAPER_NAME = re.compile(r"^[\u4e00-\u9fff]{1,8}[报報]$")


def page_header_end(blocks: Sequence[Block], roles: Sequence[str], run: tuple[int, int]) -> int:
    """Where the page's first title starts in its heading run: after the heading
    blocks that are a page header (a line that is a date or a page number, as in
    `人民公安报 / 2023年9月1日 星期五 / 第3版`), up to the last of them (the paper's
    name may be a block of its own above the date, or right under it), which is
    kept apart as a masthead. A header with no title under it is the title.

    >>> from papercli.page import BlockKind
    >>> b = [Block(BlockKind.HEADLINE, ("人民公安报", "2023年9月1日 星期五", "第3版")),
    ...      Block(BlockKind.HEADLINE, ("夏季行动成效显著",))]
    >>> page_header_end(b, [HEAD, HEAD], (0, 2))
    1
    >>> b = [Block(BlockKind.PARAGRAPH, (line,)) for line in ("人民公安报", "第3版", "夏季行动")]
    >>> page_header_end(b, [HEAD, HEAD, HEAD], (0, 3))
    2
    >>> b = [Block(BlockKind.PARAGRAPH, (line,)) for line in ("第3版", "人民公安报", "夏季行动")]
    >>> page_header_end(b, [HEAD, HEAD, HEAD], (0, 3))
    2
    """
    a, b = run
    i = a
    # The paper's name may stand on a line of its own above the header's date.
    while i < b and roles[i] == HEAD:
        i += 1
    while i > a and not any(is_page_header_line(line) for line in blocks[i - 1].lines):
        i -= 1
    if i > a and i + 1 < b and PAPER_NAME.match(squeeze(blocks[i].text)):
        # ... or under it (`2024年5月30日 星期四` / `经济日报`).
        i += 1
    return i if any(roles[j] == HEAD for j in range(i, b)) else a
