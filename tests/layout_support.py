"""Hand-made lines at a known column width, shared by the layout tests
(`test_layout.py` for each signal, `test_layout_rules.py` for the rules a mutation
audit found unguarded): "full" and "short" are facts of the test, not guesses."""

from __future__ import annotations

from papercli.healing import should_heal
from papercli.measure import Line, PageStyle, make_line
from papercli.runs import Run

MODERN = PageStyle(column=18.0, old_style=False)
OLD = PageStyle(column=8.0, old_style=True)

# A paragraph wrapped at 18: every line but the last is 18 wide.
PARA_18 = (
    "走进青石镇老街，青砖黛瓦的民居错落有",
    "致，新开的茶馆、书店和手工作坊吸引了",
    "不少游客。镇里在改造中坚持修旧如旧，",
    "保留了老街原有的格局和风貌。",
)
# The third line is full (18) and stops inside `修旧如旧`.
FULL_MID_SENTENCE = [PARA_18[0], PARA_18[1], "不少游客，镇里在改造中始终坚持修旧如"]
REST = ["旧，保留了老街原有的格局和风貌。"]


def lines_of(*texts: str, start: int = 1) -> list[Line]:
    """Lines numbered from `start`, as make_line measures them."""
    return [make_line(start + i, t) for i, t in enumerate(texts)]


def run_of(*texts: str, start: int = 1) -> Run:
    return Run(lines_of(*texts, start=start))


def heal(
    prev: list[str],
    nxt: list[str],
    style: PageStyle = MODERN,
    column: float = 18.0,
    indented: bool = False,
) -> bool:
    """`should_heal` across a blank line between a run of `prev` and one of `nxt`."""
    prev_lines = lines_of(*prev)
    next_lines = lines_of(*nxt, start=len(prev) + 2)
    corpus = "\n".join(prev + nxt)
    return should_heal(
        prev_lines, next_lines, Run(prev_lines), Run(next_lines), column, style, corpus, indented
    )
