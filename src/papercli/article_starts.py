"""Where an article starts on a page: which heading runs open one, and why.

`papercli.heading_runs` finds the page's heading runs and what each shows of
itself. `find_boundaries` decides, for each run after the first, whether it opens
a new article or is a subhead inside the current one. Strong signals (a closing
byline before it, a dateline or opening byline after it, a column label) and the
text's own lexical cohesion (`papercli.cohesion`: character bigrams weighted by
how rare they are on the page) are added into one score (`judge_run`); a parallel
series of subheads (`papercli.subhead_series`) votes against. The page header
above the first title (`papercli.page_header`) is kept apart as the masthead. A
caption printed over the next title is told apart from that title's kicker.
`papercli.articles` cuts the page at the runs accepted here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from papercli.captions import CAPTION_MATCH, caption_score
from papercli.chars import SPACES, squeeze
from papercli.cohesion import HAN_RUN, Vocabulary, rarity_weights
from papercli.credits import PHOTO_CREDIT_END
from papercli.heading_runs import END_ROLES, PageRuns, heading_lines
from papercli.letter_parts import is_notice_title
from papercli.page import Block
from papercli.page_header import page_header_end
from papercli.role_names import (
    BODY,
    CLOSING,
    CREDIT,
    DATELINE,
    NOTE,
    OPENING,
    TEXT_ROLES,
)
from papercli.roles import (
    APPENDIX_LABEL,
    COLUMN_LABEL,
    NAMES_NOBODY,
    NUMBERED_SECTION,
    is_commentary_label,
    page_roles,
)
from papercli.subhead_series import SeriesKey, series_partners
from papercli.title_marks import KICKER_LABEL

# A boundary is taken when its signals add up to at least this much.
THRESHOLD = 1.6
# Votes that end a package (see `find_boundaries`) whatever the editor's note says.
PACKAGE_ENDS = frozenset(("column label", "dateline"))

# What never opens a title's deck: a line opening on it goes on a phrase the line
# above began, a title wrapped by a narrow box (a map's, a sidebar's), one deck.
PHRASE_BOUND = frozenset("的")


@dataclass(frozen=True)
class Boundary:
    """A heading run that may open an article: its first block, what spoke for and
    against it, and the verdict."""

    index: int
    signals: tuple[str, ...]
    score: float
    accepted: bool


def ramp(x: float, lo: float, hi: float, at_lo: float, at_hi: float) -> float:
    """Linear from `at_lo` (x <= lo) to `at_hi` (x >= hi).

    >>> ramp(5, 2, 8, 1.0, -3.0)
    -1.0
    """
    t = min(1.0, max(0.0, (x - lo) / (hi - lo)))
    return at_lo + t * (at_hi - at_lo)


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
                and not PHOTO_CREDIT_END.search(foot)
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
    if KICKER_LABEL.match(squeeze(lines[0])) or any(
        COLUMN_LABEL.search(squeeze(line)) for line in lines
    ):
        note(("column label", 4))
    if not HAN_RUN.search(blocks[a].text) and HAN_RUN.search(blocks[a - 1].text):
        # A Latin-script title after Chinese text: an item in another language.
        note(("change of script", 2))
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
