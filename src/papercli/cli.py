"""The command line: click commands wired to the pure pipeline through textio.

Only wiring lives here: arguments -> CleanOptions, files -> batch (textio ->
pipeline -> textio) -> files, and a Report that decides the exit code. stdout
carries only text (cleaned pages, diffs, detect's JSON); messages go to stderr.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import click

from papercli import __version__, batch, textio
from papercli.batch import IOArgs, Outcome, Settings, WriteBack
from papercli.config import ConfigError, defaults_for, find_config, load_config
from papercli.options import STEP_NAMES, CleanOptions
from papercli.report import (
    ExitCode,
    Report,
    change_dict,
    describe_lines,
    diff_text,
    explain_lines,
    plural,
)

F = TypeVar("F", bound=Callable[..., Any])

# Every command starts from the defaults and switches steps with dataclasses.replace.
BASE_OPTIONS = CleanOptions()
NO_STEPS = replace(
    BASE_OPTIONS,
    drop_furniture=False,
    rebuild_paragraphs=False,
    join_line_breaks=False,
    drop_caption_echoes=False,
    convert_script=None,
)

# A progress bar is noise for a handful of files; it starts at this many.
PROGRESS_MIN_FILES = 20

EXIT_CODES_HELP = """\b
Exit codes:
  0  success; with --check/--diff: nothing would change
  1  --check/--diff: some file would change
  2  usage error, or an input that could not be read, decoded
     or written (a batch goes on and reports them at the end)
  3  internal error (a bug in papercli: please report it)"""

IO_HELP = """\b
Inputs: FILE arguments; '-' is stdin; with no FILE, stdin is read
when it is a pipe (a terminal is a usage error). Directories need
-r (then --glob, default *.txt, picks the files).

\b
Outputs: stdout for one input; -o FILE for one input; -o DIR for
several (relative paths mirrored); -i rewrites the inputs
atomically, keeping their encoding, newlines and BOM. --check and
--diff write nothing. Messages go to stderr only."""

CONTEXT_SETTINGS: dict[str, Any] = {
    "help_option_names": ["-h", "--help"],
    # A fixed width keeps --help identical everywhere, so README can quote it.
    "max_content_width": 80,
    "terminal_width": 80,
}


def with_io_help(summary: str, examples: str) -> str:
    """A text command's help: what it does, the shared I/O contract, examples."""
    return f"{summary}\n\n{IO_HELP}\n\n{examples}"


def stdin_is_tty() -> bool:
    return sys.stdin.isatty()


def use_color(flag: bool | None, stream: Any) -> bool:
    """--color/--no-color win; then NO_COLOR (any non-empty value); then: a terminal?"""
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def read_stdin() -> bytes:
    return click.get_binary_stream("stdin").read()


def write_stdout(data: bytes) -> None:
    """Write to stdout; a reader that went away (`| head`) ends the run quietly."""
    try:
        try:
            out = click.get_binary_stream("stdout")
        except RuntimeError:  # fd 1 closed (`>&-`): sys.stdout is None
            raise OSError(errno.EBADF, "stdout is closed") from None
        # Near a full disk (RLIMIT_FSIZE) a buffered write can return short without raising;
        # writing the rest makes the OS error surface instead of a silently cut output.
        view = memoryview(data)
        while view:
            written = out.write(view)
            if not written:
                raise OSError(errno.EIO, "stdout took no bytes")
            view = view[written:]
        out.flush()
    except BrokenPipeError:
        # Point fd 1 at /dev/null so that the interpreter's last flush cannot fail again.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        raise click.exceptions.Exit(ExitCode.BROKEN_PIPE) from None
    except OSError as exc:
        raise textio.OutputError(f"<stdout>: cannot write: {exc.strerror or exc}") from None


def collect_sources(files: tuple[str, ...], *, recursive: bool, glob: str) -> list[batch.Source]:
    try:
        return batch.collect_sources(
            files, recursive=recursive, glob=glob, stdin_is_tty=stdin_is_tty()
        )
    except batch.UsageError as exc:
        raise click.UsageError(str(exc)) from None


def with_progress(outcomes: Iterable[Outcome], total: int, show: bool) -> Iterator[Outcome]:
    """A rich progress bar on stderr, only for a large batch on a terminal."""
    if not show or total < PROGRESS_MIN_FILES:
        yield from outcomes
        return
    from rich.console import Console  # lazy: rich costs start-up time
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("cleaning", total=total)
        for outcome in outcomes:
            yield outcome
            bar.advance(task)


def write_json_report(path: str, command: str, outcomes: list[Outcome], report: Report) -> None:
    payload = {
        "papercli": __version__,
        "command": command,
        "files": [
            {
                "path": o.source.name,
                "changed": o.changed,
                "error": o.error,
                **({"encoding": o.info} if o.info else {}),
                "blocks": o.blocks,
                "changes": [change_dict(c) for c in o.changes],
            }
            for o in outcomes
        ],
        "summary": {
            "changed": report.changed,
            "unchanged": report.unchanged,
            "failed": report.failed + report.internal_errors,
        },
    }
    data = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    try:
        textio.atomic_write(path, data.encode("utf-8"))
    except textio.OutputError as exc:
        report.fail(f"--report {exc}")


def deliver(outcome: Outcome, target: Path | None, io: IOArgs) -> None:
    """Send one result where the run's WriteBack says; raises textio.OutputError."""
    mode = io.write_back
    if mode is WriteBack.STDOUT:
        write_stdout(outcome.data)
    elif mode is WriteBack.DIFF:
        if outcome.changed:
            color = use_color(io.color, sys.stdout)
            diff = diff_text(outcome.source.name, outcome.before, outcome.after, color=color)
            write_stdout(diff.encode(io.output_encoding or "utf-8", errors="replace"))
    elif mode is WriteBack.IN_PLACE:
        if outcome.changed:
            assert target is not None
            textio.atomic_write(target, outcome.data, backup=io.backup)
    elif mode is WriteBack.FILE:
        assert target is not None
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise textio.OutputError(f"{target.parent}: cannot create: {exc.strerror}") from None
        textio.atomic_write(target, outcome.data)


def run_text_command(ctx: click.Context, options: CleanOptions, io: IOArgs) -> None:
    """The I/O contract shared by clean, unwrap, rejoin, dedupe and convert."""
    sources = collect_sources(io.files, recursive=io.recursive, glob=io.glob)
    try:
        targets = batch.plan_outputs(io, sources)
    except batch.UsageError as exc:
        raise click.UsageError(str(exc)) from None
    if io.report_path and any(s.path and batch.same_file(s.path, io.report_path) for s in sources):
        raise click.UsageError(f"--report {io.report_path} is also an input")
    mode = io.write_back
    report = Report(
        check=mode in (WriteBack.CHECK, WriteBack.DIFF),
        quiet=io.quiet,
        verbose=io.verbose,
        color=use_color(io.color, sys.stderr),
    )
    settings = Settings(
        options=options,
        encoding=io.encoding,
        output_encoding=io.output_encoding,
        keep_format=mode in (WriteBack.IN_PLACE, WriteBack.CHECK),
    )
    if not sources:
        report.echo("no files matched")
    stdin = read_stdin() if any(s.path is None for s in sources) else None
    outcomes = batch.run(sources, settings, jobs=io.jobs, stdin=stdin)
    show_progress = sys.stderr.isatty() and not io.quiet
    target_of = {s: t for s, t in zip(sources, targets, strict=True)}
    done: list[Outcome] = []
    for outcome in with_progress(outcomes, len(sources), show_progress):
        done.append(outcome)
        if outcome.error:
            report.fail(outcome.error, internal=outcome.internal)
            if outcome.trace and io.verbose:
                click.echo(outcome.trace, err=True)
            continue
        if io.verbose:
            for line in describe_lines(
                outcome.source.name, outcome.info, outcome.blocks, outcome.changes
            ):
                click.echo(line, err=True)
        if io.explain:
            for line in explain_lines(outcome.source.name, outcome.changes):
                click.echo(line, err=True)
        try:
            deliver(outcome, target_of[outcome.source], io)
        except textio.OutputError as exc:
            report.fail(str(exc))
            continue
        action = "rewrote" if mode is WriteBack.IN_PLACE else "cleaned"
        report.done(outcome.source.name, changed=outcome.changed, action=action)
    if io.report_path:
        write_json_report(io.report_path, ctx.info_name or "clean", done, report)
    report.print_summary(always=mode not in (WriteBack.STDOUT, WriteBack.FILE) or len(sources) > 1)
    ctx.exit(report.return_code)


# --- options ----------------------------------------------------------------------------


def _no_config(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    if value and ctx.meta.get("papercli.config_given"):
        raise click.UsageError("--config and --no-config exclude each other")
    ctx.meta["papercli.no_config"] = value
    return value


def _read_config(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Load the config file into click's default_map, so that flags still win."""
    if ctx.meta.get("papercli.no_config"):
        if value:
            raise click.UsageError("--config and --no-config exclude each other")
        return None
    ctx.meta["papercli.config_given"] = bool(value)
    try:
        path = Path(value) if value else find_config()
        if path is None:
            return None
        settings = load_config(path)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    names = {p.name for p in ctx.command.params if p.name}
    ctx.default_map = {**(ctx.default_map or {}), **defaults_for(settings, names)}
    return value


def config_options(func: F) -> F:
    # --no-config is declared first so that its callback runs first when neither is given.
    func = click.option(
        "--config",
        "config_path",
        metavar="PATH",
        is_eager=True,
        expose_value=False,
        callback=_read_config,
        type=click.Path(exists=True, dir_okay=False),
        help="Read settings from this TOML file instead of the nearest "
        "pyproject.toml [tool.papercli] or .papercli.toml.",
    )(func)
    func = click.option(
        "--no-config",
        is_flag=True,
        is_eager=True,
        expose_value=False,
        callback=_no_config,
        help="Ignore config files.",
    )(func)
    return func


IO_FIELDS = tuple(IOArgs.__dataclass_fields__)


def text_io_options(func: F) -> F:
    """Add the shared I/O options and hand them to the command as one IOArgs."""

    @functools.wraps(func)
    def wrapper(**kwargs: Any) -> Any:
        io = IOArgs(**{name: kwargs.pop(name) for name in IO_FIELDS})
        return func(io=io, **kwargs)

    decorators = [
        click.argument("files", nargs=-1, type=click.Path(allow_dash=True)),
        click.option(
            "-o",
            "--output",
            metavar="FILE|DIR",
            help="Write to FILE (one input) or into DIR (several inputs, relative paths mirrored).",
        ),
        click.option(
            "-i",
            "--in-place",
            is_flag=True,
            help="Rewrite the input files atomically, keeping encoding, newlines, BOM.",
        ),
        click.option(
            "--backup",
            metavar="SUFFIX",
            help="With -i, keep the original as FILE+SUFFIX (e.g. .orig).",
        ),
        click.option(
            "--check",
            is_flag=True,
            help="Write nothing; list files that would change; exit 1 if any would.",
        ),
        click.option(
            "--diff",
            is_flag=True,
            help="Write a unified diff to stdout instead; exit 1 if any change.",
        ),
        click.option("-r", "--recursive", is_flag=True, help="Process files under directories."),
        click.option(
            "--glob",
            default="*.txt",
            show_default=True,
            metavar="PATTERN",
            help="With -r, which files to take.",
        ),
        click.option(
            "--encoding",
            metavar="NAME",
            help="Input encoding (skip detection), e.g. gb18030, big5hkscs, utf-16.",
        ),
        click.option(
            "--output-encoding",
            metavar="NAME",
            help="Output encoding [default: utf-8; with -i: the input's].",
        ),
        click.option(
            "-j",
            "--jobs",
            type=click.IntRange(min=0),
            default=1,
            show_default=True,
            help="Worker processes for several files (0 = all cores).",
        ),
        click.option("--explain", is_flag=True, help="Print each step's changes on stderr."),
        click.option(
            "--report",
            "report_path",
            metavar="FILE",
            type=click.Path(dir_okay=False),
            help="Write every change as JSON to FILE.",
        ),
        click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors."),
        click.option(
            "-v",
            "--verbose",
            is_flag=True,
            help="Say what each file got: encoding, blocks, every removal.",
        ),
        click.option(
            "--color/--no-color",
            default=None,
            help="Colour messages and diffs [default: on a terminal, unless NO_COLOR].",
        ),
    ]
    for decorator in reversed(decorators):
        wrapper = decorator(wrapper)
    return config_options(wrapper)  # type: ignore[return-value]


def _resolve_convert(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Check an OpenCC config name (or alias) while parsing, so a typo is a usage error."""
    if value is None:
        return None
    try:
        from papercli.steps.convert import resolve_config
    except ImportError:
        raise click.BadParameter("script conversion is not available in this build") from None
    try:
        return resolve_config(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _check_furniture(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    import importlib.util

    if value and importlib.util.find_spec("papercli.steps.furniture") is None:
        raise click.BadParameter("the drop_furniture step is not available in this build")
    return value


def step_options(func: F) -> F:
    """One flag pair per pipeline step, named after its CleanOptions field."""
    decorators = [
        click.option(
            "--drop-furniture/--no-drop-furniture",
            "--furniture",
            default=BASE_OPTIONS.drop_furniture,
            callback=_check_furniture,
            help="Drop running heads and folios repeated on every page.",
        ),
        click.option(
            "--rebuild-paragraphs/--no-rebuild-paragraphs",
            default=BASE_OPTIONS.rebuild_paragraphs,
            help="Rebuild paragraphs, headlines, bylines, captions from wrapped lines.",
        ),
        click.option(
            "--join-line-breaks/--no-join-line-breaks",
            default=BASE_OPTIONS.join_line_breaks,
            help="Join the lines of each block by script rules.",
        ),
        click.option(
            "--drop-caption-echoes/--no-drop-caption-echoes",
            default=BASE_OPTIONS.drop_caption_echoes,
            help="Collapse doubled captions and repeated blocks.",
        ),
        click.option(
            "--convert",
            "convert_script",
            metavar="CONFIG",
            callback=_resolve_convert,
            help="Convert the script: simplified, traditional, taiwan, hongkong, "
            "or an OpenCC config such as t2s.",
        ),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def options_from_steps(steps: dict[str, Any]) -> CleanOptions:
    return replace(BASE_OPTIONS, **{name: steps[name] for name in STEP_NAMES})


# --- commands ---------------------------------------------------------------------------


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="papercli")
def cli() -> None:
    """Clean OCR'd or PDF-extracted newspaper text (Chinese, Latin, digits).

    Every text command reads FILEs or stdin and writes stdout, -o FILE|DIR or
    the files themselves (-i). Run `papercli COMMAND --help` for one command.

    \b
    Examples:
      papercli clean page.txt > page.clean.txt
      papercli clean --check -r archive/
      papercli split page.txt -o articles/
    """


CLEAN_HELP = with_io_help(
    """Run the whole pipeline: rebuild paragraphs, join wrapped lines, drop echoes.

Each step can be switched off (--no-NAME); --furniture and --convert add
opt-in steps.""",
    """\b
Examples:
  papercli clean page.txt > page.clean.txt
  pdftotext -layout paper.pdf - | papercli clean | less
  papercli clean -i --backup .orig scans/*.txt
  papercli clean --check -r archive/ || echo "archive needs cleaning"
  papercli clean -r scans/ -o cleaned/ -j 0 --report changes.json""",
)


@cli.command(help=CLEAN_HELP, epilog=EXIT_CODES_HELP)
@step_options
@text_io_options
@click.pass_context
def clean(ctx: click.Context, /, io: IOArgs, **steps: Any) -> None:
    run_text_command(ctx, options_from_steps(steps), io)


UNWRAP_HELP = with_io_help(
    """Repair column-wrapped lines into paragraphs (rebuild + join only).

Keeps captions, echoes and the script as they are. Same inputs and
outputs as `papercli clean`.""",
    """\b
Examples:
  papercli unwrap column.txt
  papercli unwrap -i chapters/*.txt""",
)


@cli.command(help=UNWRAP_HELP, epilog=EXIT_CODES_HELP)
@text_io_options
@click.pass_context
def unwrap(ctx: click.Context, io: IOArgs) -> None:
    run_text_command(ctx, replace(NO_STEPS, rebuild_paragraphs=True, join_line_breaks=True), io)


REJOIN_HELP = with_io_help(
    """Only join the line breaks inside blank-line-separated blocks.

No paragraph detection: every run of non-blank lines is one block, joined
by script rules (no space between CJK characters, a space between words).""",
    """\b
Examples:
  papercli rejoin notes.txt
  cat wrapped.txt | papercli rejoin --diff""",
)


@cli.command(help=REJOIN_HELP, epilog=EXIT_CODES_HELP)
@text_io_options
@click.pass_context
def rejoin(ctx: click.Context, io: IOArgs) -> None:
    run_text_command(ctx, replace(NO_STEPS, join_line_breaks=True), io)


DEDUPE_HELP = with_io_help(
    """Only drop duplicated caption text and repeated blocks.

Every deletion is reported with -v, --explain or --report.""",
    """\b
Examples:
  papercli dedupe page.txt --explain
  papercli dedupe --check -r pages/""",
)


@cli.command(help=DEDUPE_HELP, epilog=EXIT_CODES_HELP)
@text_io_options
@click.pass_context
def dedupe(ctx: click.Context, io: IOArgs) -> None:
    run_text_command(ctx, replace(NO_STEPS, drop_caption_echoes=True), io)


CONVERT_HELP = with_io_help(
    """Convert between Traditional and Simplified Chinese (OpenCC).

Only the script changes; line structure is kept.""",
    """\b
Examples:
  papercli convert --to simplified old-page.txt
  papercli convert --to taiwan -i pages/*.txt
  papercli convert --to t2s --encoding big5hkscs hk.txt -o hk.utf8.txt""",
)


@cli.command(help=CONVERT_HELP, epilog=EXIT_CODES_HELP)
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
    run_text_command(ctx, replace(NO_STEPS, convert_script=target), io)


@cli.command(epilog=EXIT_CODES_HELP)
@click.argument("files", nargs=-1, type=click.Path(allow_dash=True))
@click.option("-r", "--recursive", is_flag=True, help="Look at files under directories.")
@click.option(
    "--glob",
    default="*.txt",
    show_default=True,
    metavar="PATTERN",
    help="With -r, which files to take.",
)
@click.option("--encoding", metavar="NAME", help="Input encoding (skip detection).")
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

    Encoding: how it was found (BOM, utf-8, chardet with its confidence, or
    --encoding), newline style and BOM. Text: script (simplified/traditional),
    column widths, paragraph style, and counts of suspected column breaks,
    caption echoes, headlines, articles and lines that `clean` would change.
    A table on a terminal, JSON otherwise (or with --json).

    \b
    Examples:
      papercli detect page.txt
      papercli detect -r archive/ --json | jq '.[] | select(.encoding != "utf-8")'
    """
    sources = collect_sources(files, recursive=recursive, glob=glob)
    report = Report(color=use_color(None, sys.stderr))
    from papercli.diagnose import diagnose  # lazy: the text engine is not needed for --help

    rows: list[dict[str, Any]] = []
    for source in sources:
        try:
            if source.path is None:
                raw = click.get_binary_stream("stdin").read()
            else:
                raw = textio.read_bytes(source.path)
            decoded = textio.decode_bytes(raw, name=source.name, encoding=encoding)
        except textio.InputError as exc:
            report.fail(str(exc))
            rows.append({"file": source.name, "error": str(exc)})
            continue
        # textio's view of the bytes (encoding, newline, BOM) wins over the text's.
        diagnosis = diagnose(decoded.text).to_dict()
        row: dict[str, Any] = {"file": source.name, "bytes": len(raw)}
        row.update({**diagnosis, **decoded.info()})
        rows.append(row)
        report.done(source.name, changed=False)
    if as_json or not sys.stdout.isatty():
        write_stdout((json.dumps(rows, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    else:
        _print_table(rows)
    ctx.exit(report.return_code)


def _print_table(rows: list[dict[str, Any]]) -> None:
    from rich.console import Console  # lazy: only a terminal user pays for rich
    from rich.table import Table

    console = Console(no_color=bool(os.environ.get("NO_COLOR")))
    for row in rows:
        table = Table(title=str(row["file"]), show_header=False)
        table.add_column("what", style="bold")
        table.add_column("value")
        for key, value in row.items():
            if key != "file":
                nested = isinstance(value, dict | list)
                shown = json.dumps(value, ensure_ascii=False) if nested else str(value)
                table.add_row(key.replace("_", " "), shown)
        console.print(table)


@cli.command(epilog=EXIT_CODES_HELP)
@click.argument("files", nargs=-1, type=click.Path(allow_dash=True))
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    metavar="DIR",
    help="Directory for the article files (created if missing).",
)
@click.option(
    "--prefix",
    metavar="NAME",
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
    help="Write article metadata: JSON Lines if FILE ends in .jsonl, else JSON.",
)
@click.option("--force", is_flag=True, help="Overwrite existing article files and manifest.")
@click.option("--encoding", metavar="NAME", help="Input encoding (skip detection).")
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
    order. Names are safe on every file system (no separators, no '..', no
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
    report = Report(quiet=quiet, verbose=verbose, color=use_color(None, sys.stderr))
    directory = Path(out_dir)
    if directory.exists() and not directory.is_dir():
        raise click.UsageError(f"-o {out_dir} exists and is not a directory")
    planned: list[tuple[str, Any]] = []  # (file name, article)
    entries: list[dict[str, Any]] = []
    for source in sources:
        try:
            raw = (
                click.get_binary_stream("stdin").read()
                if source.path is None
                else textio.read_bytes(source.path)
            )
            text = textio.decode_bytes(raw, name=source.name, encoding=encoding).text
            articles = split_articles(text, options)
        except textio.InputError as exc:
            report.fail(str(exc))
            continue
        stem = prefix or (Path(source.path).stem if source.path else "page")
        titles = [" ".join(a.title_lines) or None for a in articles]
        file_names = names.article_file_names(stem, titles, by_title=naming == "title")
        if not articles:
            report.echo(f"{source.name}: no articles found")
        for file_name, article in zip(file_names, articles, strict=True):
            planned.append((file_name, article))
            entries.append(_manifest_entry(file_name, source.name, article))
    # Two inputs with one prefix would collide: make every name in DIR unique.
    unique = names.unique_names([Path(n).stem for n, _ in planned])
    planned = [(n, a) for n, (_, a) in zip(unique, planned, strict=True)]
    for entry, name in zip(entries, unique, strict=True):
        entry["file"] = name
    targets = [directory / name for name, _ in planned]
    if not force:
        existing = [str(t) for t in targets if os.path.lexists(t)]
        if manifest and os.path.lexists(manifest):
            existing.append(manifest)
        if existing:
            report.fail(f"would overwrite {', '.join(existing)}; use --force")
            ctx.exit(report.return_code)
    if planned:
        directory.mkdir(parents=True, exist_ok=True)
    for target, (_, article) in zip(targets, planned, strict=True):
        try:
            textio.write_new_file(target, article.text.encode("utf-8"), force=force)
        except OSError as exc:
            report.fail(f"{target}: cannot write: {exc.strerror or exc}")
            continue
        report.done(str(target), changed=True, action="wrote")
    if manifest:
        if manifest.endswith(".jsonl"):
            body = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries)
        else:
            body = json.dumps(entries, ensure_ascii=False, indent=2) + "\n"
        try:
            textio.atomic_write(manifest, body.encode("utf-8"))
        except textio.OutputError as exc:
            report.fail(str(exc))
    if not quiet and planned:
        report.echo(f"wrote {plural(report.changed, 'article')} to {directory}")
    ctx.exit(report.return_code)


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


def main() -> None:
    """Entry point: click's usage errors exit 2; a bug exits 3 without a traceback page."""
    try:
        code = cli.main(prog_name="papercli", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("papercli: interrupted", err=True)
        code = 130
    except click.ClickException as exc:
        exc.show()
        code = ExitCode.FAILED
    except BrokenPipeError:
        code = ExitCode.BROKEN_PIPE
    except textio.OutputError as exc:  # stdout failed where no batch was there to report it
        click.echo(f"papercli: error: {exc}", err=True)
        code = ExitCode.FAILED
    except Exception as exc:
        click.echo(f"papercli: internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo("This is a bug in papercli; please report it with the command.", err=True)
        if os.environ.get("PAPERCLI_TRACEBACK"):
            import traceback

            traceback.print_exc()
        code = ExitCode.INTERNAL
    if not _settle_stdout() and code == ExitCode.OK:
        code = ExitCode.FAILED
    sys.exit(code if isinstance(code, int) else 0)


def _settle_stdout() -> bool:
    """Flush stdout before exit. If it cannot take the bytes (a full disk), say so once
    and point fd 1 at /dev/null, so that the interpreter's own last flush cannot fail
    again with an "Exception ignored" page and exit code 120."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
        return True
    except OSError as exc:
        broken = isinstance(exc, BrokenPipeError)  # the reader went away: quiet, as ever
        if not broken:
            click.echo(f"papercli: error: <stdout>: cannot write: {exc.strerror}", err=True)
        with contextlib.suppress(OSError, ValueError, AttributeError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return broken
