"""The roles a page's blocks play (`roles.block_role` reads them), named once
for the modules that read a page by them, and the marks that tell text from a
heading there."""

from __future__ import annotations

HEAD = "head"  # title, kicker, subtitle, subhead: short, no sentence punctuation
BODY = "body"
DATELINE = "dateline"  # a paragraph opening with an agency/date mark
CLOSING = "closing"  # a byline on its own after the body: （杨娜娜）
SIGNED = "signed"  # a body paragraph that ends with its byline: text。（壯士）
OPENING = "opening"  # 本报记者 X, an author line (X著 / X譯), a pen name after a title
NOTE = "note"  # a bracketed end note: （本报罗马2月14日电） （作者为…） or a part number （一）
CREDIT = "credit"  # 制图：X / 数据来源：X / X摄
EDITOR = "editor"  # a column masthead's editor line: X主編 / X編輯
# Roles that may continue a heading run once a heading has opened it: they
# belong to the article the run opens (`heading_runs.head_runs`).
RUN_ROLES = frozenset({HEAD, OPENING, NOTE, CLOSING, EDITOR})
# Roles that carry an article's text (a heading run must be followed by one to open
# an article).
TEXT_ROLES = frozenset({BODY, DATELINE, SIGNED})
# Roles of what opens the next text.
OPENERS = frozenset({OPENING, DATELINE})

# Marks that close a clause (a title holds two clauses at most: `roles.CLAUSE_RUN`).
CLAUSE_MARKS = frozenset("，,、")
# Sentence punctuation that no heading contains.
SENTENCE_MARKS = frozenset("。！？!?；;")
