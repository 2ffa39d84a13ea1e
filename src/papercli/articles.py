"""Split a cleaned page into articles: boundaries, caption assignment, metadata."""

from __future__ import annotations

from dataclasses import dataclass

from papercli.options import DEFAULT_OPTIONS, CleanOptions
from papercli.page import Block, render_blocks


@dataclass(frozen=True)
class Article:
    """One article of a page, in page order.

    kind: "article", "masthead" (text before the first headline) or "captions"
    (captions that matched no article). `signals` name what decided the boundary
    that opens this article; `first_line`/`last_line` are 1-based source lines.
    """

    blocks: tuple[Block, ...]
    kind: str = "article"
    title_lines: tuple[str, ...] = ()
    byline: str | None = None
    dateline: str | None = None
    captions: tuple[str, ...] = ()
    first_line: int = 0
    last_line: int = 0
    signals: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return render_blocks(self.blocks)


def split_articles(text: str, options: CleanOptions = DEFAULT_OPTIONS) -> list[Article]:
    """Clean `text` with `options` and cut the page into articles."""
    from papercli.pipeline import clean_and_explain

    page = clean_and_explain(text, options).page
    if not page.blocks:
        return []
    blocks = page.blocks
    return [Article(blocks, first_line=blocks[0].first_line, last_line=blocks[-1].last_line)]
