"""Generate a synthetic corpus of column-wrapped newspaper pages for benchmarks.

Every character comes from this file's own vocabulary (no real text is copied):
words are drawn from a fixed set of common Han characters with a skewed
frequency, so that the engine sees realistic character pairs, clause marks,
digits and Latin acronyms. A page has a headline (one to three lines), sometimes
a byline and a dateline, paragraphs wrapped at one column width (14-24 Han
units) and separated by a blank line, a two-em indent or only a short last line,
blank lines that a column break left inside a sentence, and doubled captions
(`XX。。` and `正正在在`).

    python benchmarks/make_corpus.py OUT_DIR            # the whole benchmark corpus
    python benchmarks/make_corpus.py OUT_DIR --only 1mb

Output is deterministic for a seed, UTF-8, LF newlines unless `crlf` is asked for.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from pathlib import Path

# Common Han characters (a frequency-ordered list written for this generator).
HAN = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
    "同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自"
    "二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日"
    "那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变"
    "条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总"
    "次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指"
    "几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器"
    "压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安"
    "场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集"
    "温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连"
)
LATIN = ("GDP", "APEC", "WTO", "CPI", "5G", "AI", "LED", "USB", "NBA", "PM2.5")
SURNAMES = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何林高罗"
CITIES = ("北京", "上海", "广州", "天津", "重庆", "南京", "杭州", "成都", "武汉", "西安")
AGENCIES = ("本报", "新华社", "中新社")
CLAUSE = "，，，，，、、；："
ENDS = "。。。。。。！？"


VOCABULARY = 3000


class Writer:
    """One seeded source of words, sentences and pages."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        rng = self.rng
        # A fixed vocabulary of 3000 words of 1-4 characters; Zipf-like weights make
        # a few words frequent, as in real text.
        weights = [1 / (i + 10) for i in range(len(HAN))]
        self.words = [
            "".join(rng.choices(HAN, weights, k=rng.choice((1, 2, 2, 2, 3, 4))))
            for _ in range(VOCABULARY)
        ]
        self.word_weights = [1 / (i + 5) for i in range(len(self.words))]

    def phrase(self, lo: int, hi: int) -> str:
        rng = self.rng
        words = rng.choices(self.words, self.word_weights, k=rng.randint(lo, hi))
        if rng.random() < 0.12:
            words.insert(rng.randrange(len(words) + 1), f"{rng.randint(2, 2030)}年")
        if rng.random() < 0.06:
            words.insert(rng.randrange(len(words) + 1), f"{rng.randint(1, 99)}%")
        if rng.random() < 0.05:
            words.insert(rng.randrange(len(words) + 1), rng.choice(LATIN))
        return "".join(words)

    def sentence(self) -> str:
        rng = self.rng
        clauses = [self.phrase(2, 6) for _ in range(rng.randint(1, 4))]
        out = clauses[0]
        for clause in clauses[1:]:
            out += rng.choice(CLAUSE) + clause
        if rng.random() < 0.08:
            out = f"“{out}”"
        return out + rng.choice(ENDS)

    def paragraph(self) -> str:
        return "".join(self.sentence() for _ in range(self.rng.randint(1, 5)))

    def person(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(self.rng.choices(HAN[:200], k=2))

    def page(self) -> str:
        """One page: lines joined by LF, ending with a newline."""
        rng = self.rng
        width = rng.randint(14, 24)
        style = rng.choice(("blank", "blank", "indent", "short"))
        lines: list[str] = []
        for _ in range(rng.randint(1, 3)):
            lines.append(self.phrase(2, 5)[: width + 4])  # headline lines
        lines.append("")
        if rng.random() < 0.5:
            lines += [f"本报记者 {self.person()}", ""]
        for k in range(rng.randint(3, 9)):
            text = self.paragraph()
            if k == 0 and rng.random() < 0.6:
                month, day = rng.randint(1, 12), rng.randint(1, 28)
                text = f"{rng.choice(AGENCIES)}{rng.choice(CITIES)}{month}月{day}日电 " + text
            if rng.random() < 0.08:
                lines += [self.phrase(2, 4), ""]  # a subhead
            wrapped = wrap(text, width)
            if style == "indent":
                wrapped[0] = "\u3000\u3000" + wrapped[0]
            if len(wrapped) > 3 and rng.random() < 0.15:
                # A column break: a blank line after a full line, inside a sentence.
                cut = rng.randrange(1, len(wrapped) - 1)
                wrapped.insert(cut, "")
            lines += wrapped
            if style == "blank":
                lines.append("")
            if rng.random() < 0.12:
                lines += ["", *self.caption(width), ""]
        if rng.random() < 0.3:
            lines.append(f"（{self.person()}）")
        return "\n".join(lines).rstrip("\n") + "\n"

    def caption(self, width: int) -> list[str]:
        """A caption as PDF extraction doubles it: the string twice, or each character."""
        rng = self.rng
        text = "图为" + self.phrase(3, 6)
        if rng.random() < 0.5:
            return wrap(text + text + "。。", width)
        return wrap("".join(ch + ch for ch in text + "。"), width)


def width_of(ch: str) -> float:
    return 0.5 if ch.isascii() else 1.0


def wrap(text: str, width: int) -> list[str]:
    """Wrap at `width` Han units; a mark that may not start a line hangs on the last one."""
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    for ch in text:
        w = width_of(ch)
        if used + w > width and current and ch not in "，。、；：！？”）":
            lines.append("".join(current))
            current, used = [], 0.0
        current.append(ch)
        used += w
    if current:
        lines.append("".join(current))
    return lines


def pages(seed: int, pool: int = 300) -> Iterator[str]:
    """An endless stream of pages: a pool of distinct pages in shuffled rounds
    (generating 100 MB page by page would take longer than cleaning it)."""
    writer = Writer(seed)
    made = [writer.page() for _ in range(pool)]
    rng = random.Random(seed + 1)
    while True:
        rng.shuffle(made)
        yield from made


def corpus_text(size: int, *, seed: int = 1, page_break: str = "\n", pool: int = 300) -> str:
    """About `size` bytes (UTF-8) of pages separated by `page_break` (after the page's
    own final newline), drawn from `pool` distinct pages."""
    parts: list[str] = []
    total = 0
    for page in pages(seed, pool):
        parts.append(page)
        total += len(page.encode("utf-8")) + len(page_break)
        if total >= size:
            break
        parts.append(page_break)
    return "".join(parts)


def single_line(size: int, *, seed: int = 2) -> str:
    """About `size` bytes of running text with no newline at all."""
    writer = Writer(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        text = writer.paragraph()
        parts.append(text)
        total += len(text) * 3
    return "".join(parts)


MB = 1024 * 1024
FILES = {
    "1mb": lambda: corpus_text(1 * MB),
    "10mb": lambda: corpus_text(10 * MB),
    "100mb": lambda: corpus_text(100 * MB),
    "line-5mb": lambda: single_line(5 * MB),
    # Many small pages, one per form feed, as pdftotext writes them.
    "formfeed-10mb": lambda: corpus_text(10 * MB, seed=3, page_break="\f"),
}


def write_corpus(out: Path, only: list[str] | None = None) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in FILES.items():
        if only and name not in only:
            continue
        path = out / f"{name}.txt"
        if not path.exists():
            path.write_bytes(make().encode("utf-8"))
        written.append(path)
    return written


def write_small_files(out: Path, count: int = 1000, size: int = 10 * 1024) -> list[Path]:
    """`count` files of about `size` bytes each, for the -j comparison."""
    out.mkdir(parents=True, exist_ok=True)
    paths = sorted(out.glob("*.txt"))
    if len(paths) == count:
        return paths
    stream = pages(seed=4)
    paths = []
    for i in range(count):
        parts, total = [], 0
        while total < size:
            page = next(stream)
            parts.append(page)
            total += len(page.encode("utf-8")) + 1
        path = out / f"page-{i:04d}.txt"
        path.write_text("\n".join(parts), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--only", nargs="*", choices=sorted(FILES))
    args = parser.parse_args()
    for path in write_corpus(args.out, args.only):
        print(f"{path}\t{path.stat().st_size / MB:.1f} MB")


if __name__ == "__main__":
    main()
