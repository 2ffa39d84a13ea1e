"""`papercli split`: one file per article into a directory, never overwriting
or writing outside it without being told."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, cast

import click

from papercli import atomic, streaming, textio
from papercli.batch import Source
from papercli.commands.flags import (
    SPLIT_EXIT_CODES_HELP,
    check_encoding,
    config_options,
    nonempty_path,
    options_from_steps,
    step_options,
)
from papercli.commands.stdio import (
    Rejoined,
    binary_stdin,
    collect_sources,
    dir_problem,
    unwritable,
    use_color,
    write_stdout,
)
from papercli.commands.terminal import is_dumb, is_terminal
from papercli.fsnames import jsonable, quote_name
from papercli.plan import same_file
from papercli.report import Report, plural, with_progress

if TYPE_CHECKING:
    from papercli.articles import Article, ArticlePart
    from papercli.options import CleanOptions


def usable_prefix(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A --prefix that makes no name is refused, as an empty -o is: `--prefix "$DAY"`
    with DAY unset (or `--prefix .`) named the files after the input, or `page`,
    without a word, and with --force one day's articles replaced another's."""
    from papercli import naming  # lazy, as in `split`: start-up time

    if value is not None and not naming.safe_name(value, fallback=""):
        raise click.BadParameter("empty" if not value.strip() else f"{value!r} makes no file name")
    return value


@click.command(epilog=SPLIT_EXIT_CODES_HELP)
@click.argument("files", nargs=-1, type=click.Path(allow_dash=True, readable=False))
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    metavar="DIR",
    callback=nonempty_path,
    help="Directory for the article files (created if missing).",
)
@click.option(
    "--prefix",
    metavar="NAME",
    callback=usable_prefix,
    help="File name prefix [default: the input's name without .txt; 'page' for stdin].",
)
@click.option(
    "--name",
    "naming",
    type=click.Choice(["number", "title"]),
    default="number",
    show_default=True,
    help="number: PREFIX-01.txt; title: PREFIX-01-TITLE.txt.",
)
@click.option(
    "--manifest",
    metavar="FILE",
    type=click.Path(dir_okay=False),
    callback=nonempty_path,
    help="Write article metadata: JSON Lines if FILE ends in .jsonl, else JSON ('-' is stdout).",
)
@click.option("--force", is_flag=True, help="Overwrite existing article files and manifest.")
@click.option(
    "--encoding",
    metavar="NAME",
    callback=check_encoding,
    help="Input encoding (skip detection).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("-v", "--verbose", is_flag=True, help="List every file written.")
@step_options
@config_options
@click.pass_context
def split(
    ctx: click.Context,
    /,
    files: tuple[str, ...],
    out_dir: str,
    prefix: str | None,
    naming: str,
    manifest: str | None,
    force: bool,
    encoding: str | None,
    quiet: bool,
    verbose: bool,
    **steps: Any,
) -> None:
    """Clean a page and write one file per article into DIR.

    Files are named PREFIX-01.txt, PREFIX-02.txt ... so that a sort gives page
    order; inputs that share a PREFIX get PREFIX-1-01.txt, PREFIX-2-01.txt ...
    in input order. Names are safe on every file system (no separators, no '..', no
    reserved names). Existing files are never overwritten without --force and
    nothing is written outside DIR, not even through a symlink in it. Articles
    wait in a hidden folder in DIR until every input is split, then take their
    names. An input of 8 MB or more is split as it is read, a few thousand lines
    at a time.

    \b
    Examples:
      papercli split page.txt -o articles/
      papercli split page.txt -o articles/ --name title --manifest articles.jsonl
      cat page.txt | papercli split --prefix 1939-05-02 -o articles/
    """
    from papercli import naming as names

    options = options_from_steps(steps)
    sources = collect_sources(files, recursive=False, glob="*")
    refuse_manifest_input(manifest, sources)
    report = Report(quiet=quiet, verbose=verbose, color=use_color(None, sys.stderr))
    if out_dir == "-":  # '-' is stdout everywhere else: never a directory named '-'
        raise click.UsageError(
            "-o - is stdout, and split writes one file per article: give it a DIR "
            "(./- for a directory named '-'), or use clean to write the text to stdout"
        )
    directory = Path(out_dir)
    if directory.exists() and not directory.is_dir():
        raise click.UsageError(f"-o {quote_name(out_dir)} exists and is not a directory")
    # Each article is staged in DIR as it is found (`atomic.StagedFiles`): memory
    # holds one input's articles at most (one unit's, for a large input), and the
    # names, the overwrite check and the manifest still come before any file.
    stage = Staging(directory)
    planned: list[tuple[str, str]] = []  # (file name, staged path)
    entries: list[dict[str, Any]] = []
    # Inputs that share a stem (or --prefix) get p-1-01.txt, p-2-01.txt ...: a sort
    # must never interleave their articles.
    prefixes = names.input_prefixes(
        [prefix or (Path(s.path).stem if s.path else "page") for s in sources]
    )
    pages = zip(sources, prefixes, strict=True)
    show = is_terminal(sys.stderr) and not is_dumb() and not quiet
    with stage:
        for source, stem in with_progress(
            pages, len(sources), show, report=report, label="splitting"
        ):
            if source.path is not None and os.path.isdir(source.path):
                # textio's message would point at -r, which split does not have.
                report.fail(
                    f"{quote_name(source.path)}: is a directory; give split the files in it"
                )
                continue
            staged: list[tuple[str, dict[str, Any]]] = []  # (staged path, manifest entry)
            last = -1  # the last of them that is not captions
            try:
                for part in source_articles(source, encoding, options):
                    article = part.article
                    if part.more and last >= 0:
                        # More of that article (a large input's next unit goes on with it).
                        path, entry = staged[last]
                        text = article.text if part.glued else "\n" + article.text
                        stage.extend(path, text.encode("utf-8"), drop=part.glued)
                        extend_entry(entry, article, len(text) - part.glued)
                        continue
                    added = stage.add(article.text.encode("utf-8"), report)
                    if added is None:
                        ctx.exit(report.return_code)
                    staged.append((added, _manifest_entry("", source.name, article)))
                    if article.kind != "captions":
                        last = len(staged) - 1
            except textio.InputError as exc:
                for path, _ in staged:  # an input that failed halfway gives no file
                    stage.discard(path)
                report.fail(str(exc), name=source.name)
                continue
            except OSError as exc:
                # Staging failed (a full disk): every article after would too, and
                # none of this run's takes its name.
                report.fail(f"{quote_name(str(directory))}: cannot write: {exc.strerror or exc}")
                ctx.exit(report.return_code)
            if not staged:
                report.echo(f"{quote_name(source.name)}: no articles found")
            titles = [" ".join(entry["title_lines"]) or None for _, entry in staged]
            file_names = names.article_file_names(stem, titles, by_title=naming == "title")
            for file_name, (path, entry) in zip(file_names, staged, strict=True):
                planned.append((file_name, path))
                entries.append(entry)
        # A last guard (an input named p-1.txt beside two p.txt): every name in DIR unique.
        unique = names.unique_names([Path(n).stem for n, _ in planned])
        for entry, name in zip(entries, unique, strict=True):
            entry["file"] = name
        targets = [directory / name for name in unique]
        refuse_manifest_article(manifest, directory, unique)
        refuse_article_input(targets, sources)
        if not force:
            existing = [quote_name(str(t)) for t in targets if os.path.lexists(t)]
            if manifest and manifest != "-" and os.path.lexists(manifest):
                existing.append(quote_name(manifest))
            if existing:
                report.fail(f"would overwrite {', '.join(existing)}; use --force")
                ctx.exit(report.return_code)
        if manifest and manifest != "-" and (problem := dir_problem(manifest, [directory])):
            # Checked before any article is written: a rerun would refuse to overwrite them.
            report.fail(f"{quote_name(manifest)}: cannot write: {problem}")
            ctx.exit(report.return_code)
        written: list[dict[str, Any]] = []  # the manifest lists only the files written
        for target, (_, path), entry in zip(targets, planned, entries, strict=True):
            try:
                with atomic.signals_held():
                    stage.publish(path, target, force=force)
            except OSError as exc:
                report.fail(f"{quote_name(str(target))}: cannot write: {exc.strerror or exc}")
                continue
            written.append(entry)
            report.done(str(target), changed=True, action="wrote")
    entries = written
    if manifest:
        if manifest.endswith(".jsonl"):
            body = "".join(json.dumps(jsonable(e), ensure_ascii=False) + "\n" for e in entries)
        else:
            body = json.dumps(jsonable(entries), ensure_ascii=False, indent=2) + "\n"
        if manifest == "-":
            write_stdout(body.encode("utf-8"))
        else:
            try:
                # Like the articles, never through a symlink: `DIR/m.jsonl -> ../precious`
                # would otherwise be written outside DIR. --force replaces the link itself.
                with atomic.signals_held():
                    atomic.write_new_file(Path(manifest), body.encode("utf-8"), force=force)
            except OSError as exc:
                report.fail(f"{quote_name(manifest)}: cannot write: {exc.strerror or exc}")
    if not quiet and planned:
        report.echo(f"wrote {plural(report.changed, 'article')} to {quote_name(str(directory))}")
    ctx.exit(report.return_code)


class Staging:
    """split's -o DIR and the articles staged in it (`atomic.StagedFiles`), made at
    the first article. DIR, and the folders above it that were missing, go again
    at the end if nothing was written into them (a run that refused to overwrite,
    or whose inputs all failed)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.files: atomic.StagedFiles | None = None
        self.made: list[Path] = []  # the folders made for DIR, deepest first

    def add(self, data: bytes, report: Report) -> str | None:
        """Stage a new article's file; None if DIR cannot take it (said once)."""
        if self.files is None and not self._open(report):
            return None
        assert self.files is not None
        return self.files.add(data)

    def extend(self, staged: str, data: bytes, *, drop: int = 0) -> None:
        assert self.files is not None
        self.files.extend(staged, data, drop=drop)

    def discard(self, staged: str) -> None:
        assert self.files is not None
        self.files.discard(staged)

    def publish(self, staged: str, target: Path, *, force: bool) -> None:
        assert self.files is not None
        self.files.publish(staged, target, force=force)

    def _open(self, report: Report) -> bool:
        """Make DIR and the staging folder in it, or say why not (once, before any file)."""
        missing = []
        folder = self.directory
        while not os.path.lexists(folder) and folder != folder.parent:
            missing.append(folder)
            folder = folder.parent
        self.made = missing
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            report.fail(f"{quote_name(str(self.directory))}: cannot create: {exc.strerror or exc}")
            return False
        problem = unwritable(self.directory)
        if problem is None:
            try:
                self.files = atomic.StagedFiles(self.directory)
            except OSError as exc:
                problem = exc.strerror or str(exc)
        if problem is not None:
            # Once, before any file: not one error per article and an empty manifest.
            report.fail(f"{quote_name(str(self.directory))}: cannot write: {problem}")
            return False
        return True

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.files is not None:
            self.files.close()
        for folder in self.made:
            try:
                folder.rmdir()
            except FileNotFoundError:  # a run stopped before it was made
                continue
            except OSError:  # not empty: articles were written
                break


def source_articles(
    source: Source, encoding: str | None, options: CleanOptions
) -> Iterator[ArticlePart]:
    """The articles of one input: a large one (STREAM_MIN_BYTES, where `clean`
    streams) read as a stream and split unit by unit (`articles.iter_articles`),
    any other decoded and split whole."""
    from papercli.articles import ArticlePart, split_articles, splits_by_units
    from papercli.commands.textrun import STREAM_MIN_BYTES

    head = b""
    if splits_by_units(options):
        size = streaming.input_size(source)
        if source.path is not None and size is not None and size >= STREAM_MIN_BYTES:
            with _read_errors(source):
                furniture = (
                    streaming.first_pass(source, None, encoding, furniture=True)
                    if options.drop_furniture
                    else None
                )
                with open(source.path, "rb") as fh:
                    yield from _streamed(source, Rejoined(b"", fh), encoding, options, furniture)
            return
        if source.path is None:
            # stdin's size is known only at its end: as large a text streams too.
            with _read_errors(source):
                head = binary_stdin().read(STREAM_MIN_BYTES)
                if len(head) == STREAM_MIN_BYTES:
                    yield from _streamed(source, Rejoined(head, binary_stdin()), encoding, options)
                    return
    if source.path is not None:
        raw = textio.read_bytes(source.path)
    elif splits_by_units(options):
        raw = head
    else:
        with _read_errors(source):
            raw = binary_stdin().read()
    text = textio.decode_bytes(raw, name=source.name, encoding=encoding).text
    for article in with_file_lines(split_articles(text, options), text):
        yield ArticlePart(article)


def _streamed(
    source: Source,
    data: Rejoined,
    encoding: str | None,
    options: CleanOptions,
    furniture: set[int] | None = None,
) -> Iterator[ArticlePart]:
    from papercli.articles import iter_articles
    from papercli.textstream import TextStream

    # (TextStream only reads: `Rejoined.read` is all of BinaryIO it needs.)
    stream = TextStream(cast(BinaryIO, data), name=source.name, encoding=encoding)
    yield from iter_articles(stream.lines(), options, furniture)


@contextlib.contextmanager
def _read_errors(source: Source) -> Iterator[None]:
    """An I/O error while an input is read, as `textio.read_bytes` reports it (the
    consumer's own errors, raised where this generator yielded, never come here)."""
    try:
        yield
    except OSError as exc:
        raise textio.read_error(source.name, exc) from None


def extend_entry(entry: dict[str, Any], more: Article, chars: int) -> None:
    """A manifest entry, with more of its article (`ArticlePart.more`), which adds
    `chars` characters to its text."""
    entry["chars"] += chars
    entry["byline"] = entry["byline"] or more.byline
    entry["dateline"] = entry["dateline"] or more.dateline
    entry["captions"].extend(more.captions)
    entry["first_line"] = min((n for n in (entry["first_line"], more.first_line) if n), default=0)
    entry["last_line"] = max(entry["last_line"], more.last_line)


def refuse_manifest_input(manifest: str | None, sources: list[Source]) -> None:
    """--manifest must not name an input, through a symlink or a hard link either:
    with --force the JSON would replace the page."""
    if not manifest or manifest == "-":
        return
    resolved = os.path.realpath(manifest)
    for source in sources:
        if source.path is not None and (
            os.path.realpath(source.path) == resolved or same_file(source.path, manifest)
        ):
            raise click.UsageError(
                f"--manifest {quote_name(manifest)} is also an input: refusing to overwrite it"
            )


def refuse_article_input(targets: list[Path], sources: list[Source]) -> None:
    """No article may land on an input (`split DIR/p-01.txt --prefix p -o DIR
    --force` would replace the page with its first article). An article replaces
    the name in DIR, not what a link there points to: it lands on an input when
    that name, in DIR as it resolves, is where the input's bytes are."""
    inputs = {os.path.realpath(s.path) for s in sources if s.path is not None}
    for target in targets:
        if os.path.join(os.path.realpath(target.parent), target.name) in inputs:
            raise click.UsageError(
                f"{quote_name(str(target))} is also an input: refusing to overwrite it"
            )


def refuse_manifest_article(manifest: str | None, directory: Path, names: list[str]) -> None:
    """--manifest must not name an article of this run: written last, it would
    replace that article. Names are compared ignoring case, as `unique_names` makes
    them unique, since macOS and Windows would take one for the other."""
    if not manifest or manifest == "-":
        return
    path = Path(manifest)
    if os.path.realpath(path.parent) != os.path.realpath(directory):
        return
    taken = {name.casefold(): name for name in names}
    if path.name.casefold() in taken:
        raise click.UsageError(
            f"--manifest {quote_name(manifest)} would collide with the article "
            f"{quote_name(str(directory / taken[path.name.casefold()]))}: choose another name"
        )


def with_file_lines(articles: list[Article], text: str) -> list[Article]:
    """The articles with the file's line numbers, as `grep -n` counts them: the
    engine gives each form feed a line of its own (see units.FileLines)."""
    from papercli.units import FileLines  # lazy, as the engine above

    lines = FileLines.of_text(text)
    if lines.identical:
        return articles
    return [
        dataclasses.replace(
            a, first_line=lines.real(a.first_line), last_line=lines.real(a.last_line)
        )
        for a in articles
    ]


def _manifest_entry(file_name: str, source: str, article: Any) -> dict[str, Any]:
    return {
        "file": file_name,
        "source": source,
        "kind": article.kind,
        "title_lines": list(article.title_lines),
        "byline": article.byline,
        "dateline": article.dateline,
        "chars": len(article.text),
        "first_line": article.first_line,
        "last_line": article.last_line,
        "captions": list(article.captions),
        "signals": list(article.signals),
    }
