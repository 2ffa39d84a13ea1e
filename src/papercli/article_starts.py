"""Where an article starts on a page: which heading runs open one, and why.

`head_runs` groups consecutive heading-like blocks (title, kicker, subtitle,
opening byline): they always belong to one article. `find_boundaries` decides,
for each run after the first, whether it opens a new article or is a subhead
inside the current one. Strong signals (a closing byline before it, a dateline or
opening byline after it, a column label) and the text's own lexical cohesion
(`papercli.cohesion`: character bigrams weighted by how rare they are on the
page) are added into one score (`judge_run`); a parallel series of subheads
(`papercli.subhead_series`) votes against. The page header above the first title
(`papercli.page_header`) is kept apart as the masthead. A caption printed over
the next title is told apart from that title's kicker. `papercli.articles` cuts
the page at the runs accepted here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from papercli.captions import CAPTION_MATCH, caption_score
from papercli.chars import HAN, SPACES, is_spaced_out, squeeze, without_gaps
from papercli.cohesion import Vocabulary, rarity_weights
from papercli.letter_parts import is_notice_title
from papercli.link_boxes import links_boxes
from papercli.lists import ENUMERATOR
from papercli.page import Block
from papercli.page_header import page_header_end
from papercli.role_names import (
    BODY,
    CLOSING,
    CREDIT,
    DATELINE,
    EDITOR,
    HEAD,
    NOTE,
    OPENING,
    RUN_ROLES,
    SIGNED,
    TEXT_ROLES,
)
from papercli.roles import (
    APPENDIX_LABEL,
    COLUMN_LABEL,
    DATELINE_START,
    EDITOR_NOTE,
    NAMES_NOBODY,
    NUMBERED_SECTION,
    PHOTO_CREDIT,
    is_commentary_label,
    is_poet_name,
    page_roles,
)
from papercli.subhead_series import MIN_PARALLEL, SeriesKey, series_partners
from papercli.untitled import letter_starts, untitled_starts

# A reporter named in a dateline: 〔記者王明／台北報導〕.
REPORTER = re.compile(r"[记記]者")
# Roles that end an article: whatever heading follows opens the next one.
END_ROLES = frozenset({CLOSING, SIGNED})
# A boundary is taken when its signals add up to at least this much.
THRESHOLD = 1.6
# Votes that end a package (see `find_boundaries`) whatever the editor's note says.
PACKAGE_ENDS = frozenset(("column label", "dateline"))
# A caption-like line standing over a title (a picture's caption printed where the
# next story starts) is one line of this many characters; shorter lines over a title
# are kickers and column labels (滑稽小說, 經濟簡訊) that name no particular thing.
LEAD_LINE = (5, 16)
# ... and it shares less than this share of its vocabulary with the story below it.
LEAD_COHESION = 0.02

# A picture's own story: its caption runs to this many paragraphs at most.
PHOTO_TEXT = 2
# A caption that ends on its photographer's credit in brackets: …。（本报记者 X摄）.
BRACKETED_PHOTO_CREDIT = re.compile(r"[（(][^（）()]{1,24}[摄攝][）)]$")

# A column's writer signing its title after a space, one character as old pages
# sign (`地圖　粵`): the title's last line, set apart from its words.
TITLE_WRITER = re.compile(f"[{HAN}]{{2}}[{SPACES}]+[{HAN}]$")
# What never opens a title's deck: a line opening on it goes on a phrase the line
# above began, a title wrapped by a narrow box (a map's, a sidebar's), one deck.
PHRASE_BOUND = frozenset("的")

# A heading run: the half-open range of its blocks.
Run = tuple[int, int]


@dataclass(frozen=True)
class Boundary:
    """A heading run that may open an article: its first block, what spoke for and
    against it, and the verdict."""

    index: int
    signals: tuple[str, ...]
    score: float
    accepted: bool


def head_runs(roles: Sequence[str]) -> list[Run]:
    """Half-open ranges of consecutive heading-like blocks; an editor line closes a
    masthead run (`黔野主編`), so the title after it starts a run of its own.

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


def ramp(x: float, lo: float, hi: float, at_lo: float, at_hi: float) -> float:
    """Linear from `at_lo` (x <= lo) to `at_hi` (x >= hi).

    >>> ramp(5, 2, 8, 1.0, -3.0)
    -1.0
    """
    t = min(1.0, max(0.0, (x - lo) / (hi - lo)))
    return at_lo + t * (at_hi - at_lo)


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
        next story's title may follow its last headline in one heading run."""
        self.boxes = links_boxes(self.blocks, self.roles)
        cuts = {x for box in self.boxes for x in box}
        out: list[Run] = []
        for a, b in runs:
            inner = sorted(x for x in cuts if a < x < b)
            out += list(zip([a, *inner], [*inner, b], strict=True))
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
            return PHOTO_CREDIT.search(text) is not None
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
        if not lo <= len(squeeze(lead.text)) <= hi:
            return False
        below = self.vocab.union(i for i in range(a + 1, end) if self.roles[i] != OPENING)
        return self.vocab.cohesion(below, self.vocab.grams[a]) < LEAD_COHESION


    def names_below(self, run: Run, end: int) -> bool:
        """Does the run's first line share vocabulary with the story under it,
        its bylines too (a portrait's caption names the author below)?"""
        a = run[0]
        below = self.vocab.union(range(a + 1, end))
        return self.vocab.cohesion(below, self.vocab.grams[a]) >= LEAD_COHESION


def find_boundaries(
    blocks: Sequence[Block],
    roles: Sequence[str] | None = None,
    grams: Sequence[set[str]] | None = None,
) -> list[Boundary]:
    """Judge every heading run after the first: does it open a new article?

    The first run always opens one (what comes before it is a masthead). A run
    after a closing byline always opens one. Every other run collects signals for
    (+) and against (-) a new article:

    + an end note before it; an opening byline or a column label in it; a dateline
      right after it; a headline of several lines;
    - it sits inside a package: the current article's title run holds an editor's
      note (`编者的话`), which presents the reports below it as parts of one
      feature, and the run carries no column label of its own and no dateline
      follows it (a labelled column or a dispatch opens a new article; so does
      any heading after a closing byline);
    - the current article's title shares rare vocabulary with the run's section
      (subheads elaborate their article's title; a new story uses new words);
      the run continues a parallel series of subheads; a numbered section; a one-
      or two-character run-in lead word that a sentence flows through; a lone
      heading with no mark of its own inside a report that opened with a
      reporter's byline.

    An accepted run whose first line is a detached caption (`PageRuns.detached_lead`)
    opens its article one block later; the caption stays with the article above when
    it matches it, else it stands as an article of its own.
    """
    roles = list(roles) if roles is not None else page_roles(blocks)
    # The caller's bigram sets of these blocks, if it has them, are reused; the
    # weights are this page's own either way.
    vocab = (
        Vocabulary.of(b.text for b in blocks)
        if grams is None
        else Vocabulary(tuple(grams), rarity_weights(grams))
    )
    page = PageRuns(blocks, roles, vocab)
    vocab, runs = page.vocab, page.runs
    if not runs:
        return []
    first = page_header_end(blocks, roles, runs[0])
    header: tuple[str, ...] = () if first == runs[0][0] else ("page header above",)
    out = [Boundary(first, ("first headline", *header), THRESHOLD, True)]
    # The first article's own title run: without the page header above it.
    opening = (first, runs[0][1])
    # Did the current article open with a reporter's byline under its title?
    reported = page.reported(opening)
    # Where the current article starts (was anything above a heading signed?).
    start = first
    package = page.opens_package(opening)
    notices = page.lists_notices(opening)
    # Runs that no structural mark sets apart (no byline, dateline or column label):
    # where a series of subheads would show up as siblings.
    # The last such run with each series key: a run continues a series when a
    # later one is parallel to it (a dict lookup per partner, not a scan).
    last_weak: dict[SeriesKey, int] = {}
    for k, run in enumerate(runs):
        key = page.keys[k]
        if key is not None and page.is_weak(run):
            last_weak[key] = k
    # Keys of the current article's subheads so far.
    subheads: set[SeriesKey] = set()
    title = vocab.union(range(*opening))
    text = vocab.union(range(first, page.ends[0]))
    # Where a box under a closed article ends (the next heading opens an article).
    boxed = -1
    # Where the last box of links ended.
    links_end = -1
    untitled = iter(page.untitled)
    u = next(untitled, len(blocks))
    for k, (a, b) in enumerate([*runs[1:], (len(blocks), len(blocks))], start=1):
        while u < a:
            # An untitled text after a closing byline: its dateline or byline opens it.
            name = {DATELINE: "dateline", OPENING: "byline"}.get(roles[u], "salutation")
            out.append(Boundary(u, (f"{name} after a closing byline",), THRESHOLD, True))
            reported, start, package, subheads, boxed = roles[u] == OPENING, u, False, set(), -1
            notices = False
            title = vocab.union(range(u, u + 1))
            text = vocab.union(range(u, a))
            u = next(untitled, len(blocks))
        if k == len(runs):
            break
        end = page.ends[k]
        section = vocab.union(range(a, end))
        box = page.box_at(a)
        if box is not None:
            # A box of links (延伸閱讀 / 相关新闻 over headlines alone) lists other
            # stories under the article it ends; the next heading opens an article.
            out.append(Boundary(a, ("box of links after its article",), 0.0, False))
            text |= section
            links_end = box[1]
            continue
        if not any(roles[i] in TEXT_ROLES for i in range(b, end)):
            # Nothing to open: a heading run followed only by credits or bylines.
            alone = caption_score(vocab, section, title, text) < CAPTION_MATCH
            if alone and page.stands_alone((a, b)):
                out.append(Boundary(a, ("heading without text",), THRESHOLD, True))
                subheads, title, text = set(), section, section
            else:
                text |= section
            continue
        commentary = is_commentary_label(blocks[a].text)
        if b - a == 1 and (commentary or APPENDIX_LABEL.match(squeeze(blocks[a].text))):
            # A box under its article (相关链接, 记者手记) opens none, even after the
            # article's closing byline; the article still ends where the box does.
            # A Japanese report's commentary (■解説) is the last of its package.
            out.append(Boundary(a, ("box after its article",), 0.0, False))
            text |= section
            boxed = end if commentary or roles[a - 1] in END_ROLES or boxed == a else -1
            continue
        if roles[a - 1] in END_ROLES or boxed == a:
            # A closing byline ends its article: whatever heading follows opens the next.
            votes = [("closing byline", THRESHOLD)]
        elif page.photo_story((a, b), end):
            # A series of pictures, each under its title and over its credit.
            votes = [("picture after a picture's credit", THRESHOLD)]
        elif is_notice_title(blocks[a].text) and not notices:
            # A notice (启事, 遗失声明, 公告) is an item of its own, short as its
            # title is and unsigned as the text above may be.
            votes = [("notice title", THRESHOLD)]
        elif a == links_end:
            votes = [("after a box of links", THRESHOLD)]
        else:
            votes = judge_run(page, k, title, text, subheads, last_weak)
            # A package's reports are features under bylines; a labelled column, or
            # a dispatch opening on its dateline, is news of its own.
            if package and not any(name in PACKAGE_ENDS for name, _ in votes):
                votes.append(("inside a package under an editor's note", -10))
            # A section signed at its end (`…。（赵丽）`; an end mark such as （完）
            # names nobody) is an item of its own: the report was signed at its top.
            # A picture's credit (`…。（記者X攝）`) signs the picture, not the text.
            foot = squeeze(blocks[end - 1].text)
            signed = (
                roles[end - 1] in END_ROLES
                and not NAMES_NOBODY.search(foot)
                and not PHOTO_CREDIT.search(foot)
            )
            if reported and len(votes) == 2 and runs[k][1] - a == 1 and not signed:
                # A lone heading with no mark of its own inside a report that
                # opened with a reporter's byline: a subhead of that report.
                votes.append(("inside a bylined report", -1))
            elif (
                not reported
                and len(votes) == 2
                and runs[k][1] - a == 1
                and not any(r in END_ROLES for r in roles[start:a])
                and page.signed_below(end)
            ):
                # A lone heading with no mark of its own, between text that nobody
                # signed and text signed at its end: the byline at the foot signs
                # the whole report, and the heading is one of its subheads.
                votes.append(("signed below an unsigned report", -1))
        score = round(sum(v for _, v in votes), 2)
        signals = tuple(n for n, _ in votes)
        if score < THRESHOLD:
            out.append(Boundary(a, signals, score, False))
            key = page.keys[k]
            if key is not None:
                subheads.add(key)
            text |= section
            continue
        if page.detached_lead((a, b), end):
            lead = vocab.grams[a]
            if caption_score(vocab, lead, title, text) >= CAPTION_MATCH:
                signals += ("caption above kept with the article before",)
            elif roles[a - 1] not in END_ROLES and not page.names_below((a, b), end):
                # Under unfinished text, a caption that names nothing of the story
                # below (its author neither) is the picture printed in that text.
                signals += ("caption kept with the unfinished article before",)
            else:
                out.append(Boundary(a, ("stand-alone heading before a title",), THRESHOLD, True))
            a += 1
        out.append(Boundary(a, signals, score, True))
        reported = page.reported((a, b))
        start = a
        package = page.opens_package((a, b))
        notices = page.lists_notices((a, b))
        subheads = set()
        title = vocab.union(range(a, b))
        text = vocab.union(range(a, end))
    return out


def judge_run(
    page: PageRuns,
    k: int,
    title: set[str],
    text: set[str],
    subheads: set[SeriesKey],
    last_weak: dict[SeriesKey, int],
) -> list[tuple[str, float]]:
    """The votes on run `k` (not after a closing byline) opening a new article."""
    blocks, roles, vocab = page.blocks, page.roles, page.vocab
    a, b = page.runs[k]
    section = vocab.union(range(a, page.ends[k]))
    votes: list[tuple[str, float]] = []
    note = votes.append
    prev = roles[a - 1]
    if prev in (NOTE, CREDIT):
        note(("end note", 1))
    run_roles = roles[a:b]
    if OPENING in run_roles or CLOSING in run_roles:
        note(("opening byline", 4))
    if b < len(roles) and roles[b] == DATELINE:
        note(("dateline", 2))
    lines = heading_lines(blocks[a:b], run_roles)
    if any(COLUMN_LABEL.search(squeeze(line)) for line in lines):
        note(("column label", 4))
    if len(lines) >= 2 and not any(ln.lstrip(SPACES)[:1] in PHRASE_BOUND for ln in lines[1:]):
        # Several decks; not one phrase a narrow box wrapped (`X` / `的Y` / `Z`).
        note(("multi-line headline", 1))
    shared = vocab.shared_weight(section, title)
    note((f"title cohesion {shared:.1f}", ramp(shared, 4, 12, 1, -3)))
    c = vocab.cohesion(text, section)
    note((f"cohesion {c:.2f}", ramp(c, 0.05, 0.2, 1, -1)))
    key = page.keys[k]
    partners = series_partners(key) if key is not None else []
    if any(p in subheads for p in partners):
        note(("parallel subhead", -2))
    elif any(last_weak.get(p, -1) > k for p in partners):
        note(("subhead series", -1.5))
    first = blocks[a]
    if NUMBERED_SECTION.match(squeeze(first.text)) or NUMBERED_SECTION.match(first.text):
        note(("numbered section", -3))
    if len(squeeze(first.text)) <= 2 and b - a == 1 and prev == BODY:
        note(("run-in lead word", -3))
    return votes
