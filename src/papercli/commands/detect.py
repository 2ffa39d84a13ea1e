"""`papercli detect`: what is in each file, as a table or JSON."""

from __future__ import annotations

import contextlib
import json
import sys
from dataclasses import replace
from typing import Any, BinaryIO, cast

import click

from papercli import streaming, textio
from papercli.batch import Source
from papercli.commands import textrun
from papercli.commands.flags import (
    DETECT_EXIT_CODES_HELP,
    check_encoding,
    config_options,
    refuse_glob_without_walk,
)
from papercli.commands.stdio import (
    Rejoined,
    binary_stdin,
    collect_sources,
    stdout_is_tty,
    use_color,
    write_stdout,
)
from papercli.commands.terminal import is_dumb, is_terminal
from papercli.fsnames import escape_controls, jsonable, quote_leading, quote_name
from papercli.report import Report, with_progress


@click.command(epilog=DETECT_EXIT_CODES_HELP)
@click.argument("files", nargs=-1, type=click.Path(allow_dash=True, readable=False))
@click.option("-r", "--recursive", is_flag=True, help="Look at files under directories.")
@click.option(
    "--glob",
    default="*.txt",
    show_default=True,
    metavar="PATTERN",
    help="With -r, which files to take.",
)
@click.option(
    "--encoding",
    metavar="NAME",
    callback=check_encoding,
    help="Input encoding (skip detection).",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print JSON (the default when stdout is not a terminal).",
)
@config_options
@click.pass_context
def detect(
    ctx: click.Context,
    files: tuple[str, ...],
    recursive: bool,
    glob: str,
    encoding: str | None,
    as_json: bool,
) -> None:
    """Say what is in each file: encoding, script, column width, suspected problems.

    Encoding: how it was found (BOM, UTF-16/32 shape without a BOM, 7-bit escapes
    of HZ or ISO-2022, utf-8, chardet with its confidence, common Han characters,
    or --encoding), newline style and BOM. Text: script (simplified/traditional),
    column widths, paragraph style, punctuation (old style, marks OCR read as
    ASCII, lines OCR spaced out, none at all), and counts of suspected column
    breaks, caption echoes, headlines, articles and lines that `clean` would
    change. A table on a terminal, JSON
    otherwise (or with --json).

    \b
    Examples:
      papercli detect page.txt
      papercli detect -r archive/ --json | jq '.[] | select(.encoding != "utf-8")'
    """
    refuse_glob_without_walk(recursive)
    sources = collect_sources(files, recursive=recursive, glob=glob)
    report = Report(color=use_color(None, sys.stderr))
    from papercli.diagnose import diagnose  # lazy: the text engine is not needed for --help

    rows: list[dict[str, Any]] = []
    show = is_terminal(sys.stderr) and not is_dumb()
    for source in with_progress(sources, len(sources), show, report=report, label="reading"):
        if source.error is not None:  # a directory -r could not list: reported as clean does
            report.fail(source.error, name=source.name)
            rows.append({"file": source.name, "error": source.error})
            continue
        try:
            size = streaming.input_size(source)
            least = textrun.STREAM_MIN_BYTES
            if size is not None and size >= least:
                row = _detect_streamed(source, encoding)
            elif source.path is None and len(head := binary_stdin().read(least)) == least:
                # stdin's size is known only at its end: as large a text streams too.
                row = _detect_streamed(source, encoding, Rejoined(head, binary_stdin()))
            else:
                path = source.path
                raw = head if path is None else textio.read_bytes(path)
                decoded = textio.decode_bytes(raw, name=source.name, encoding=encoding)
                # textio's view of the bytes (encoding, newline, BOM) wins over the text's.
                row = {"file": source.name, "bytes": len(raw)}
                row.update({**diagnose(decoded.text).to_dict(), **decoded.info()})
        except textio.InputError as exc:
            report.fail(str(exc), name=source.name)
            rows.append({"file": source.name, "error": str(exc)})
            continue
        rows.append(row)
        report.done(source.name, changed=False)
    if as_json or not stdout_is_tty():
        body = json.dumps(jsonable(rows), ensure_ascii=False, indent=2) + "\n"
        write_stdout(body.encode("utf-8"))
    else:
        _print_table(rows)
    ctx.exit(report.return_code)


def _detect_streamed(
    source: Source, encoding: str | None, stdin: Rejoined | None = None
) -> dict[str, Any]:
    """`detect`'s row for a large input, read as a stream and measured unit by unit
    (`diagnose.diagnose_lines`): memory bounded by a unit, not the input."""
    from papercli.diagnose import diagnose_lines, newline_style_of
    from papercli.textstream import TextStream

    try:
        with contextlib.ExitStack() as stack:
            if stdin is None:
                assert source.path is not None
                stdin = Rejoined(b"", stack.enter_context(open(source.path, "rb")))
            # (TextStream only reads: `Rejoined.read` is all of BinaryIO it needs.)
            stream = TextStream(cast(BinaryIO, stdin), name=source.name, encoding=encoding)
            diagnosis = diagnose_lines(stream.lines())
    except OSError as exc:
        raise textio.InputError(f"{source.name}: I/O error: {exc.strerror}") from None
    diagnosis = replace(diagnosis, newline=newline_style_of(stream.newline_counts))
    return {"file": source.name, "bytes": stdin.count, **diagnosis.to_dict(), **stream.info()}


def _print_table(rows: list[dict[str, Any]]) -> None:
    from rich.console import Console  # lazy: only a terminal user pays for rich
    from rich.table import Table
    from rich.text import Text

    # No colour system at all when use_color says no: rich's no_color keeps bold and
    # italics, which a dumb terminal shows as escape codes too.
    console = Console(color_system="standard" if use_color(None, sys.stdout) else None)
    for row in rows:
        # Text, not str: rich reads a str as markup, and a file name is no markup
        # (`[red]a.txt` would show as a red `a.txt`, `[/x].txt` raise MarkupError).
        # Quoted as in messages: a name's escape sequence must not reach the terminal.
        name = str(row["file"])
        table = Table(title=Text(quote_name(name), style="table.title"), show_header=False)
        table.add_column("what", style="bold")
        table.add_column("value")
        for key, value in row.items():
            if key != "file":
                nested = isinstance(value, dict | list)
                shown = json.dumps(value, ensure_ascii=False) if nested else str(value)
                shown = escape_controls(quote_leading(shown, name))  # an error names it
                table.add_row(key.replace("_", " "), Text(shown))
        console.print(table)
