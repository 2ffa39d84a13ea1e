"""The text commands: clean and its single-step cousins unwrap, rejoin, dedupe, convert."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import click

from papercli.batch import IOArgs
from papercli.commands import textrun
from papercli.commands.flags import (
    EXIT_CODES_HELP,
    NO_STEPS,
    _resolve_convert,
    options_from_steps,
    step_options,
    text_io_options,
    with_io_help,
)

CLEAN_HELP = with_io_help(
    """Run the whole pipeline: rebuild paragraphs, join wrapped lines, drop echoes.

Each step can be switched off (--no-NAME); --furniture and --convert add
opt-in steps.""",
    """\b
Examples:
  papercli clean page.txt > page.clean.txt
  pdftotext paper.pdf - | papercli clean | less
  papercli clean -i --backup .orig scans/*.txt
  papercli clean --check -r archive/ || echo "archive needs cleaning"
  papercli clean -r scans/ -o cleaned/ -j 0 --report changes.json""",
)


@click.command(help=CLEAN_HELP, epilog=EXIT_CODES_HELP)
@step_options
@text_io_options
@click.pass_context
def clean(ctx: click.Context, /, io: IOArgs, **steps: Any) -> None:
    textrun.run_text_command(ctx, options_from_steps(steps), io)


UNWRAP_HELP = with_io_help(
    """Repair column-wrapped lines into paragraphs (rebuild + join only).

Keeps captions, echoes and the script as they are. Same inputs and
outputs as `papercli clean`.""",
    """\b
Examples:
  papercli unwrap column.txt
  papercli unwrap -i chapters/*.txt""",
)


@click.command(help=UNWRAP_HELP, epilog=EXIT_CODES_HELP)
@text_io_options
@click.pass_context
def unwrap(ctx: click.Context, io: IOArgs) -> None:
    options = replace(NO_STEPS, rebuild_paragraphs=True, join_line_breaks=True)
    textrun.run_text_command(ctx, options, io)


REJOIN_HELP = with_io_help(
    """Only join the line breaks inside blank-line-separated blocks.

No paragraph detection: every run of non-blank lines is one block, joined
by script rules (no space between CJK characters, a space between words).
Nothing else changes: blank lines, indents and page breaks stay as they are.
Markdown's lines stay lines: a heading, a list item (its wrapped lines join
onto it), a quotation's or a table's line, and fenced code, which is left
as it is (dedupe collapses nothing in it either).""",
    """\b
Examples:
  papercli rejoin notes.txt
  cat wrapped.txt | papercli rejoin --diff""",
)


@click.command(help=REJOIN_HELP, epilog=EXIT_CODES_HELP)
@text_io_options
@click.pass_context
def rejoin(ctx: click.Context, io: IOArgs) -> None:
    textrun.run_text_command(ctx, replace(NO_STEPS, join_line_breaks=True), io)


DEDUPE_HELP = with_io_help(
    """Only drop duplicated caption text and repeated blocks.

Every deletion is reported with -v, --explain or --report; blank lines,
indents and page breaks stay as they are.""",
    """\b
Examples:
  papercli dedupe page.txt --explain
  papercli dedupe --check -r pages/""",
)


@click.command(help=DEDUPE_HELP, epilog=EXIT_CODES_HELP)
@text_io_options
@click.pass_context
def dedupe(ctx: click.Context, io: IOArgs) -> None:
    textrun.run_text_command(ctx, replace(NO_STEPS, drop_caption_echoes=True), io)


CONVERT_HELP = with_io_help(
    """Convert between Traditional and Simplified Chinese (OpenCC).

Only the script changes; line structure is kept.""",
    """\b
Examples:
  papercli convert --to simplified old-page.txt
  papercli convert --to taiwan -i pages/*.txt
  papercli convert --to t2s --encoding big5hkscs hk.txt -o hk.utf8.txt""",
)


@click.command(help=CONVERT_HELP, epilog=EXIT_CODES_HELP)
@click.option(
    "--to",
    "target",
    required=True,
    metavar="SCRIPT",
    callback=_resolve_convert,
    help="simplified, traditional, taiwan, hongkong, or an OpenCC config (t2s, s2twp).",
)
@text_io_options
@click.pass_context
def convert(ctx: click.Context, io: IOArgs, target: str) -> None:
    textrun.run_text_command(ctx, replace(NO_STEPS, convert_script=target), io)
