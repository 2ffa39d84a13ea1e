"""`papercli split`: one file per article into a directory, never overwriting
or writing outside it without being told."""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from papercli import atomic, textio
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
    from papercli.articles import Article


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
    nothing is written outside DIR, not even through a symlink in it.

    \b
    Examples:
      papercli split page.txt -o articles/
      papercli split page.txt -o articles/ --name title --manifest articles.jsonl
      cat page.txt | papercli split --prefix 1939-05-02 -o articles/
    """
    from papercli import naming as names
    from papercli.articles import split_articles

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
    planned: list[tuple[str, Any]] = []  # (file name, article)
    entries: list[dict[str, Any]] = []
    # Inputs that share a stem (or --prefix) get p-1-01.txt, p-2-01.txt ...: a sort
    # must never interleave their articles.
    prefixes = names.input_prefixes(
        [prefix or (Path(s.path).stem if s.path else "page") for s in sources]
    )
    pages = zip(sources, prefixes, strict=True)
    show = is_terminal(sys.stderr) and not is_dumb() and not quiet
    for source, stem in with_progress(pages, len(sources), show, report=report, label="splitting"):
        if source.path is not None and os.path.isdir(source.path):
            # textio's message would point at -r, which split does not have.
            report.fail(f"{quote_name(source.path)}: is a directory; give split the files in it")
            continue
        try:
            raw = (
                binary_stdin().read()
                if source.path is None
                else textio.read_bytes(source.path)
            )
            text = textio.decode_bytes(raw, name=source.name, encoding=encoding).text
            articles = with_file_lines(split_articles(text, options), text)
        except textio.InputError as exc:
            report.fail(str(exc), name=source.name)
            continue
        titles = [" ".join(a.title_lines) or None for a in articles]
        file_names = names.article_file_names(stem, titles, by_title=naming == "title")
        if not articles:
            report.echo(f"{quote_name(source.name)}: no articles found")
        for file_name, article in zip(file_names, articles, strict=True):
            planned.append((file_name, article))
            entries.append(_manifest_entry(file_name, source.name, article))
    # A last guard (an input named p-1.txt beside two p.txt): every name in DIR unique.
    unique = names.unique_names([Path(n).stem for n, _ in planned])
    planned = [(n, a) for n, (_, a) in zip(unique, planned, strict=True)]
    for entry, name in zip(entries, unique, strict=True):
        entry["file"] = name
    targets = [directory / name for name, _ in planned]
    refuse_manifest_article(manifest, directory, [name for name, _ in planned])
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
    if planned:
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            report.fail(f"{quote_name(str(directory))}: cannot create: {exc.strerror or exc}")
            ctx.exit(report.return_code)
        if problem := unwritable(directory):
            # Once, before any file: not one error per article and an empty manifest.
            report.fail(f"{quote_name(str(directory))}: cannot write: {problem}")
            ctx.exit(report.return_code)
    written: list[dict[str, Any]] = []  # the manifest lists only the files written
    for target, (_, article), entry in zip(targets, planned, entries, strict=True):
        try:
            with atomic.signals_held():
                atomic.write_new_file(target, article.text.encode("utf-8"), force=force)
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
