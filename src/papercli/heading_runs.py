"""A page's heading runs and what each one shows of itself.

`head_runs` groups consecutive heading-like blocks (title, kicker, subtitle,
opening byline): they always belong to one article. `PageRuns` holds a page's
blocks, roles, vocabulary and runs (cut at boxes of links, `papercli.link_boxes`),
where each run's section ends (at the next run or an untitled text,
`papercli.untitled`), and the tests `papercli.article_starts` weighs one run by:
is it weak (no byline, dateline or column label), does its article open under a
reporter's name or a title its writer signs (`signs_title`), is its first line a
caption set over the next title rather than that title's kicker (`detached_lead`),
does it open a picture's story, an editor's package or a column of notices.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from papercli.chars import HAN, SPACES, is_spaced_out, squeeze, without_gaps
from papercli.cohesion import Vocabulary
from papercli.credits import BRACKETED_PHOTO_CREDIT, PHOTO_CREDIT_END
from papercli.letter_parts import is_notice_title
from papercli.link_boxes import links_boxes
from papercli.lists import ENUMERATOR
from papercli.page import Block
from papercli.role_names import (
    CLOSING,
    CREDIT,
    DATELINE,
    EDITOR,
    HEAD,
    OPENING,
    RUN_ROLES,
    SIGNED,
    TEXT_ROLES,
)
from papercli.roles import (
    COLUMN_LABEL,
    DATELINE_START,
    EDITOR_NOTE,
    NAMES_NOBODY,
    is_poet_name,
)
from papercli.subhead_series import MIN_PARALLEL, SeriesKey
from papercli.title_marks import KICKER_LABEL
from papercli.untitled import letter_starts, untitled_starts

# A reporter named in a dateline: 〔記者王明／台北報導〕.
REPORTER = re.compile(r"[记記]者")
# Roles that end an article: whatever heading follows opens the next one.
END_ROLES = frozenset({CLOSING, SIGNED})

# A caption-like line standing over a title (a picture's caption printed where the
# next story starts) is one line of this many characters; shorter lines over a title
# are kickers and column labels (滑稽小說, 經濟簡訊) that name no particular thing.
LEAD_LINE = (5, 16)
# ... and it shares less than this share of its vocabulary with the story below it.
LEAD_COHESION = 0.02

# A picture's own story: its caption runs to this many paragraphs at most.
PHOTO_TEXT = 2

# A column's writer signing its title after a space, one character as old pages
# sign (`地圖　粵`): the title's last line, set apart from its words.
TITLE_WRITER = re.compile(f"[{HAN}]{{2}}[{SPACES}]+[{HAN}]$")

# A heading run: the half-open range of its blocks.
Run = tuple[int, int]


def head_runs(roles: Sequence[str]) -> list[Run]:
    """Half-open ranges of consecutive heading-like blocks; an editor line closes a
    masthead run (`黔野主編`), so the title after it starts a run of its own.

    >>> from papercli.role_names import BODY
    >>> head_runs([HEAD, OPENING, BODY, HEAD, BODY, HEAD, EDITOR, HEAD, BODY])
    [(0, 2), (3, 4), (5, 7), (7, 8)]
    """
    runs: list[Run] = []
    i = 0
    while i < len(roles):
        if roles[i] != HEAD:
            i += 1
            continue
        j = i + 1
        while j < len(roles) and roles[j] in RUN_ROLES and roles[j - 1] != EDITOR:
            j += 1
        runs.append((i, j))
        i = j
    return runs


def signs_title(lines: Sequence[str]) -> bool:
    """Does a title of several lines close on its writer's name (`TITLE_WRITER`)?

    >>> signs_title(["國際時事", "地圖　粵"]), signs_title(["新春　走基层"])
    (True, False)
    >>> signs_title(["经济　观察", "第三期"]), signs_title(["山 河", "第 三 期 　 禾"])
    (False, True)
    """
    if len(lines) < 2:
        return False
    last = lines[-1].strip()
    # On a page spaced out letter by letter, the name's wider gap is what remains.
    last = without_gaps(last) if is_spaced_out(last) else last
    return TITLE_WRITER.search(last) is not None


def heading_lines(blocks: Sequence[Block], roles: Sequence[str]) -> list[str]:
    return [line for b, r in zip(blocks, roles, strict=True) if r == HEAD for line in b.lines]


@dataclass
class PageRuns:
    """A page's blocks, their roles and vocabulary, and its heading runs: what the
    boundary signals read."""

    blocks: Sequence[Block]
    roles: Sequence[str]
    vocab: Vocabulary

    def __post_init__(self) -> None:
        self.runs = self.split_at_boxes(head_runs(self.roles))
        first = self.runs[0][1] if self.runs else len(self.roles)
        letters = [i for i in letter_starts(self.blocks, self.roles) if i > first]
        self.untitled = sorted({*untitled_starts(self.roles, self.runs), *letters})
        # Where each run's section ends: at the next run, or at an untitled text
        # opening before it.
        nexts = [r[0] for r in self.runs[1:]] + [len(self.blocks)]
        self.ends = [
            min(nxt, next((u for u in self.untitled if u > run[0]), nxt))
            for run, nxt in zip(self.runs, nexts, strict=False)
        ] or nexts
        self.keys = [self.series_key(run) for run in self.runs]

    def split_at_boxes(self, runs: list[Run]) -> list[Run]:
        """The runs cut where a box of links (`links_boxes`) starts or ends: the
        next story's title may follow its last headline in one heading run. A piece
        with no heading (a byline after the box) opens nothing: it is no run."""
        self.boxes = links_boxes(self.blocks, self.roles)
        cuts = {x for box in self.boxes for x in box}
        out: list[Run] = []
        for a, b in runs:
            inner = sorted(x for x in cuts if a < x < b)
            pieces = zip([a, *inner], [*inner, b], strict=True)
            out += [(x, y) for x, y in pieces if HEAD in self.roles[x:y]]
        return out

    def box_at(self, i: int) -> Run | None:
        """The box of links holding block `i`, if any."""
        return next((box for box in self.boxes if box[0] <= i < box[1]), None)

    def shape(self, run: Run) -> tuple[tuple[str, int], ...]:
        return tuple((self.roles[i], len(self.blocks[i].lines)) for i in range(*run))

    def series_key(self, run: Run) -> SeriesKey | None:
        """Runs of one series have one shape block by block (a subhead, or a subhead
        over a name) and parallel one-line first blocks (see `parallel`); a kicker
        over a deck matches no lone subhead, and a numbered subhead (`一、…`) no
        heading without a number. The key holds the shape, the numbering and the
        first line's length; None for a run that can be in no series."""
        first = self.blocks[run[0]]
        if len(first.lines) != 1:
            return None
        text = squeeze(first.text)
        n = len(text)
        numbered = ENUMERATOR.match(text) is not None
        return (self.shape(run), numbered, n) if n >= MIN_PARALLEL else None

    def is_weak(self, run: Run) -> bool:
        """A heading run with no structural mark of an article start."""
        a, b = run
        roles = self.roles
        if any(r in (OPENING, CLOSING) for r in roles[a:b]):
            return False
        if (b < len(roles) and roles[b] == DATELINE) or roles[a - 1] in END_ROLES:
            return False
        lines = heading_lines(self.blocks[a:b], roles[a:b])
        return not any(COLUMN_LABEL.search(squeeze(line)) for line in lines)

    def stands_alone(self, run: Run) -> bool:
        """Whether a heading run with no text under it, after finished text, reads as
        an item of its own (a picture's title, a notice): a title's shape, several
        lines or `LEAD_LINE` characters; shorter lines (人民视觉) label the pictures
        of the article above."""
        a, b = run
        if self.roles[a - 1] not in TEXT_ROLES | END_ROLES:
            return False
        heads = [self.blocks[i] for i in range(a, b) if self.roles[i] == HEAD]
        lines = sum(len(h.lines) for h in heads)
        return lines > 1 or len(squeeze(heads[0].text)) >= LEAD_LINE[0]

    def reported(self, run: Run) -> bool:
        """Whether the article a title run opens is a reporter's: a byline in the
        run, the writer's name closing the title (`signs_title`), or a dateline
        naming the reporter right under it (`〔記者X／台北報導〕`)."""
        a, b = run
        if OPENING in self.roles[a:b]:
            return True
        if self.roles[a] == HEAD and signs_title(self.blocks[a].lines):
            return True
        if b >= len(self.roles) or self.roles[b] != DATELINE:
            return False
        m = DATELINE_START.match(squeeze(self.blocks[b].text))
        return m is not None and REPORTER.search(m.group(0)) is not None

    def signed_below(self, end: int) -> bool:
        """Whether the text ending at block `end` is signed at its foot by a
        closing byline naming somebody (credits under it, 摄影：X, do not count)."""
        i = end - 1
        while i > 0 and self.roles[i] == CREDIT:
            i -= 1
        return self.roles[i] == CLOSING and not NAMES_NOBODY.search(squeeze(self.blocks[i].text))

    def photo_credit_at(self, i: int) -> bool:
        """Does block `i` end on a photographer's credit: a credit line (张三 摄,
        新华社发（李四摄）) or a caption ending on one in brackets (…。（本报记者 X摄））?"""
        text = squeeze(self.blocks[i].text)
        if self.roles[i] == CREDIT:
            return PHOTO_CREDIT_END.search(text) is not None
        return self.roles[i] in TEXT_ROLES and BRACKETED_PHOTO_CREDIT.search(text) is not None

    def photo_story(self, run: Run, end: int) -> bool:
        """Whether a heading run opens a picture of its own after another: the text
        above ends on a photographer's credit, and under the run stand at most
        `PHOTO_TEXT` paragraphs (the picture's caption) and the picture's own
        credit. Picture stories come in series of titles as parallel as subheads'."""
        a, b = run
        if end - b < 2 or not (self.photo_credit_at(a - 1) and self.photo_credit_at(end - 1)):
            return False
        texts = [i for i in range(b, end) if self.roles[i] in TEXT_ROLES]
        return len(texts) <= PHOTO_TEXT and all(self.roles[i] != HEAD for i in range(b, end))

    def opens_package(self, run: Run) -> bool:
        """Whether a title run holds an editor's note heading (`咱们村，年味浓` /
        `编者的话`): the reports that follow are parts of its feature."""
        a, b = run
        return any(
            self.roles[i] == HEAD and EDITOR_NOTE.match(squeeze(self.blocks[i].text))
            for i in range(a, b)
        )

    def lists_notices(self, run: Run) -> bool:
        """Does the run open a column of notices: a rubric naming them (分類廣告,
        啓事) over the first one's heading? The notices under it are its items."""
        return run[1] - run[0] >= 2 and is_notice_title(self.blocks[run[0]].text)

    def detached_lead(self, run: Run, end: int) -> bool:
        """Whether the run's first block is a caption-like line set over another title
        rather than that title's kicker: one line of `LEAD_LINE` characters, another
        heading right under it, and no vocabulary shared with the story below. The
        story's bylines do not count: a portrait caption names the author too.
        A line over a writer's name alone is that piece's title."""
        a, b = run
        lead = self.blocks[a]
        lo, hi = LEAD_LINE
        if b - a < 2 or self.roles[a + 1] != HEAD or len(lead.lines) != 1:
            return False
        if is_poet_name(self.blocks[a + 1]):
            # A writer's name under it (`周远山`): the line is that poem's title.
            return False
        if not lo <= len(squeeze(lead.text)) <= hi or KICKER_LABEL.match(squeeze(lead.text)):
            return False
        below = self.vocab.union(i for i in range(a + 1, end) if self.roles[i] != OPENING)
        return self.vocab.cohesion(below, self.vocab.grams[a]) < LEAD_COHESION

    def names_below(self, run: Run, end: int) -> bool:
        """Does the run's first line share vocabulary with the story under it,
        its bylines too (a portrait's caption names the author below)?"""
        a = run[0]
        below = self.vocab.union(range(a + 1, end))
        return self.vocab.cohesion(below, self.vocab.grams[a]) >= LEAD_COHESION
