"""Convert between Simplified and Traditional Chinese with OpenCC (`convert_script`).

Pure: str in, str out. The converters themselves (config names, loading each once,
lazily) are `papercli.steps.opencc_configs`'s, and the fixes for OpenCC's known
phrase errors are `papercli.steps.phrase_fixes`'s. This module owns what is done
with them:

- `convert_text` converts a string (a very long line in pieces cut after a mark)
  and applies `PHRASE_FIXES`.
- `detect_script` decides which script a text is in, from evidence OpenCC itself
  gives (which characters its converters change), so that converting a text that
  is already in the target script changes nothing.
- `convert_script` (the `clean` step) and `convert_document` (the `convert`
  command) convert a page or a file's text line by line, skipping lines already
  in the target script.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from papercli.changes import Change
from papercli.chars import HAN
from papercli.page import Block, BlockKind, Page
from papercli.steps.opencc_configs import S2T_FAMILY, get_converter, resolve_config
from papercli.steps.phrase_fixes import apply_phrase_fixes
from papercli.units import NEWLINE_PATTERN, PIECE_WINDOW, window_cut

SIMPLIFIED = "simplified"
TRADITIONAL = "traditional"
MIXED = "mixed"
UNKNOWN = "unknown"

HAN_CHAR = re.compile(f"[{HAN}]")


# OpenCC converts by longest match from the left, phrase by phrase, so a text
# converts the same in pieces when no dictionary phrase runs across a cut. None
# does after a sentence or clause mark or white space: in opencc 1.4.2's
# dictionaries the only characters other than Han ones inside a phrase (before its
# last character) are Latin capitals, `-` and `·` (`SQL注入`, `伯克希尔-哈撒韦`), and no
# PHRASE_FIXES entry holds a mark either. A line longer than LONG_LINE_CHARS (one
# huge line, a file with no newline) is judged and converted in pieces cut after
# the last such mark of each window, so that it costs memory for a window, not a
# per-character list of the line: OpenCC's own copies and `_line_counts`' tuples
# are many times the text. A window with no mark at all is cut at its end, the
# only place where a phrase may be split and the result differ from converting
# the line whole. Lines of ordinary text are far shorter and are never cut. The
# cut is `units.window_cut`, where the engine also cuts a line too long to clean
# whole: such a line converts the same in the engine's pieces.
LONG_LINE_CHARS = PIECE_WINDOW


def pieces(text: str) -> Iterator[str]:
    """`text` in the pieces it is judged and converted in (see LONG_LINE_CHARS).

    >>> [len(p) for p in pieces("好" * 40000)]
    [32768, 7232]
    >>> [len(p) for p in pieces("好，" * 20000)]
    [32768, 7232]
    >>> [len(p) for p in pieces("好" * 30000 + "。" + "好" * 10000)]
    [30001, 10000]
    """
    start = 0
    while len(text) - start > LONG_LINE_CHARS:
        end = window_cut(text, start, LONG_LINE_CHARS)
        yield text[start:end]
        start = end
    yield text[start:]


def convert_text(text: str, config: str) -> str:
    """Convert `text` with OpenCC `config` (or an alias), then apply `PHRASE_FIXES`;
    a text longer than LONG_LINE_CHARS piece by piece (see `pieces`).

    >>> convert_text("这项技术被发明了", "traditional")
    '這項技術被發明了'
    >>> convert_text("這項技術被發明了", "simplified")
    '这项技术被发明了'
    """
    config = resolve_config(config)
    converter = get_converter(config)
    if len(text) <= LONG_LINE_CHARS:
        return apply_phrase_fixes(text, converter.convert(text), config)
    return "".join(apply_phrase_fixes(p, converter.convert(p), config) for p in pieces(text))


# ---------------------------------------------------------------------------
# Script detection.


@dataclass(frozen=True)
class ScriptReport:
    """Which script a text is written in.

    script           "simplified", "traditional", "mixed" (both kinds of evidence),
                     or "unknown" (no character that exists in only one script)
    simplified_only  characters that exist only in Simplified Chinese
    traditional_only characters that exist only in Traditional Chinese
    han              all Han characters in the text
    share            share of the larger side among the script-only characters
                     (1.0 for a pure text, 0.5 for an even mix, 0.0 when unknown)
    """

    script: str
    simplified_only: int = 0
    traditional_only: int = 0
    han: int = 0
    share: float = 0.0

    def to_dict(self) -> dict[str, str | int | float]:
        return {
            "script": self.script,
            "simplified_only": self.simplified_only,
            "traditional_only": self.traditional_only,
            "han": self.han,
            "share": self.share,
        }


# Character classes, filled lazily per character the first time it is seen.
_SHARED, _TRAD_ONLY, _SIMP_ONLY = 0, 1, 2
_CHAR_CLASS: dict[str, int] = {}


def _classify_chars(chars: Iterable[str]) -> None:
    """Fill `_CHAR_CLASS` for characters not seen before, with one OpenCC call per converter."""
    new = sorted(set(chars) - _CHAR_CLASS.keys())
    if not new:
        return
    # One character per line: no OpenCC phrase spans a newline, so each is converted alone.
    batch = "\n".join(new)

    def run(config: str) -> list[str]:
        return get_converter(config).convert(batch).split("\n")

    to_simp, to_trad = run("t2s"), run("s2t")
    # A character that Hong Kong or Taiwan standard Traditional writes (台, 峰, 着)
    # is Traditional too, even though OpenCC's standard s2t replaces it (台 -> 臺).
    from_hk, from_tw = run("hk2t"), run("tw2t")
    for ch, simp, trad, hk, tw in zip(new, to_simp, to_trad, from_hk, from_tw, strict=True):
        if simp != ch:
            _CHAR_CLASS[ch] = _TRAD_ONLY
        elif trad != ch and hk == ch and tw == ch:
            _CHAR_CLASS[ch] = _SIMP_ONLY
        else:
            _CHAR_CLASS[ch] = _SHARED


def _han_in(texts: Iterable[str]) -> set[str]:
    """The distinct Han characters of `texts`, without a list of every character
    (`findall` over an 18 MB text is a list of six million strings)."""
    seen: set[str] = set()
    for text in texts:
        seen.update(text)
    return {ch for ch in seen if HAN_CHAR.match(ch)}


def _line_counts(line: str) -> tuple[int, int, int]:
    """(shared, traditional-only, simplified-only) Han characters of one line,
    summed over its pieces when it is longer than LONG_LINE_CHARS.

    `_CHAR_CLASS` must already know the line's characters.
    """
    if len(line) <= LONG_LINE_CHARS:
        return _piece_counts(line)
    shared = trad = simp = 0
    for piece in pieces(line):
        a, b, c = _piece_counts(piece)
        shared, trad, simp = shared + a, trad + b, simp + c
    return shared, trad, simp


def _piece_counts(line: str) -> tuple[int, int, int]:
    """`_line_counts` of a line or of one of its pieces."""
    hans = [(i, ch) for i, ch in enumerate(line) if HAN_CHAR.match(ch)]
    classes = [_CHAR_CLASS[ch] for _, ch in hans]
    if all(c == _SHARED for c in classes):
        return len(classes), 0, 0
    # Confirm each character in context: OpenCC's phrase tables keep a character
    # that both scripts write in that word (后 in 皇后, 干 in 干涉, 里 in 公里).
    in_trad = get_converter("s2t").convert(line)
    in_simp = get_converter("t2s").convert(line)
    aligned = len(in_trad) == len(line) == len(in_simp)
    counts = [0, 0, 0]
    for (i, ch), cls in zip(hans, classes, strict=True):
        if aligned and (
            (cls == _SIMP_ONLY and in_trad[i] == ch) or (cls == _TRAD_ONLY and in_simp[i] == ch)
        ):
            cls = _SHARED
        counts[cls] += 1
    return counts[0], counts[1], counts[2]


# Old and regional printing uses variant forms that OpenCC reads as the other
# script (云 "said", 决, 却, 强 in 1930s Traditional type: 1-3% of the
# script-only characters). Up to this share of the minority script, the text
# still counts as written in the majority script.
MINORITY_TOLERANCE = 0.05


def _report(shared: int, trad: int, simp: int) -> ScriptReport:
    distinctive = trad + simp
    if distinctive == 0:
        return ScriptReport(UNKNOWN, 0, 0, shared, 0.0)
    share = max(trad, simp) / distinctive
    majority = TRADITIONAL if trad > simp else SIMPLIFIED
    script = MIXED if 1 - share > MINORITY_TOLERANCE else majority
    return ScriptReport(script, simp, trad, shared + distinctive, round(share, 4))


def detect_script(text: str) -> ScriptReport:
    """Which script `text` is in, judged by the characters that exist in only one.

    A character is Traditional-only when OpenCC's t2s changes it, Simplified-only
    when s2t changes it and no regional Traditional standard writes it; each is
    then confirmed in its line's context. The text is "mixed" when the minority
    script passes `MINORITY_TOLERANCE`. Linear in the text.

    >>> detect_script("这是简体中文。").script
    'simplified'
    >>> detect_script("這是繁體中文。").script
    'traditional'
    >>> detect_script("这是简体。這是繁體。").script
    'mixed'
    >>> detect_script("中文 abc").script
    'unknown'
    """
    tally = ScriptTally()
    tally.add(text)
    return tally.report()


class ScriptTally:
    """`detect_script`'s counts, summed over texts given one after another (a
    long file's units, in `detect`): the report is the one of their whole."""

    def __init__(self) -> None:
        self.shared = self.trad = self.simp = 0

    def add(self, text: str) -> None:
        _classify_chars(_han_in((text,)))
        for line in text.splitlines():
            a, b, c = _line_counts(line)
            self.shared, self.trad, self.simp = self.shared + a, self.trad + b, self.simp + c

    def report(self) -> ScriptReport:
        return _report(self.shared, self.trad, self.simp)


# Source and target script of each config, for the "already converted" check.
# Regional conversions (t2tw, hk2t) and Japanese ones read Traditional or Kanji text
# on purpose, so they are never skipped.
_SOURCE_TARGET: dict[str, tuple[str, str]] = {
    **{name: (SIMPLIFIED, TRADITIONAL) for name in S2T_FAMILY},
    **{name: (TRADITIONAL, SIMPLIFIED) for name in ("t2s", "tw2s", "tw2sp", "hk2s", "hk2sp")},
}


def source_and_target(config: str) -> tuple[str, str] | None:
    """The scripts a config reads and writes, when it converts between the two.

    >>> source_and_target("taiwan"), source_and_target("t2s"), source_and_target("t2tw")
    (('simplified', 'traditional'), ('traditional', 'simplified'), None)
    """
    return _SOURCE_TARGET.get(resolve_config(config))


# Source-script characters a line needs before it is converted in a page that is
# already in the target script: a pasted paragraph has many, a stray variant one.
MIN_LINE_EVIDENCE = 2


def _count_of(script: str, trad: int, simp: int) -> int:
    return trad if script == TRADITIONAL else simp


def convert_script(page: Page, config: str) -> tuple[Page, list[Change]]:
    """Convert every block's lines with `config`; one Change per line that changed.

    Text already in the target script is left as it is, because OpenCC would still
    rewrite characters both scripts use (余 -> 餘, 台 -> 臺, 云 -> 雲). Judged per
    line (a cleaned block is one line, so per paragraph):
    - a line with more target-script than source-script characters is kept;
    - a line with more source-script characters, or a tie (none of either), is
      converted, unless the whole page is already in the target script
      (`detect_script`).
    In a page already in the target script, a line needs at least
    `MIN_LINE_EVIDENCE` source-script characters, and more of them than target ones.
    So mixed pages get their other-script paragraphs converted, and a converted
    page converts to itself.
    """
    config = resolve_config(config)
    blocks_lines = [block.lines for block in page.blocks]
    lines = [line for block_lines in blocks_lines for line in block_lines]
    pair = _SOURCE_TARGET.get(config)
    convert_line = [True] * len(lines)
    if pair is not None:
        source, target = pair
        _classify_chars(_han_in(lines))
        counts = [_line_counts(line) for line in lines]
        page_report = _report(
            sum(c[0] for c in counts), sum(c[1] for c in counts), sum(c[2] for c in counts)
        )
        page_done = page_report.script == target
        for i, (_, trad, simp) in enumerate(counts):
            here, there = _count_of(source, trad, simp), _count_of(target, trad, simp)
            if page_done:
                # One stray variant (余 surname, 帮 in 1930s type) is no reason to rewrite a line.
                convert_line[i] = here > there and here >= MIN_LINE_EVIDENCE
            else:
                convert_line[i] = here >= there
    changes: list[Change] = []
    blocks = []
    index = 0
    for block in page.blocks:
        new_lines = []
        for old in block.lines:
            new = convert_text(old, config) if convert_line[index] else old
            index += 1
            if new != old:
                changes.append(Change("convert_script", block.first_line, "converted", new, old))
            new_lines.append(new)
        changed = tuple(new_lines) != block.lines
        blocks.append(block.with_lines(tuple(new_lines)) if changed else block)
    return Page(tuple(blocks)), changes


# A line ending of any style, captured so that the text can be put back together.
LINE_END = re.compile(f"({NEWLINE_PATTERN})")


def convert_document(text: str, config: str) -> tuple[str, list[Change]]:
    """Convert a whole file's text (the `convert` command), keeping its lines and
    their endings exactly; each line is judged as `convert_script` judges a block.
    Changes carry the 1-based line number.

    >>> convert_document("软件\\r\\n\\r\\n网络发展\\r\\n", "s2t")[0]
    '軟件\\r\\n\\r\\n網絡發展\\r\\n'
    >>> [(c.line, c.detail, c.text) for c in convert_document("a\\n网络发展", "s2t")[1]]
    [(2, '网络发展', '網絡發展')]
    """
    parts = LINE_END.split(text)
    lines, ends = parts[0::2], parts[1::2]
    page = Page(
        tuple(Block(BlockKind.PARAGRAPH, (line,), n, n) for n, line in enumerate(lines, start=1))
    )
    converted, changes = convert_script(page, config)
    if not changes:
        return text, []
    out = [block.lines[0] for block in converted.blocks]
    return "".join(line + end for line, end in zip(out, [*ends, ""], strict=True)), changes
