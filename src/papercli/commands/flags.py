"""The options every command shares: config files, the pipeline's step flags, the
text commands' I/O flags (gathered into one IOArgs), and the help texts they quote."""

from __future__ import annotations

import codecs
import functools
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import click
from click.core import ParameterSource

from papercli import textio
from papercli.batch import IOArgs
from papercli.commands.stdio import Failure
from papercli.config import ConfigError, defaults_for, find_config, load_config
from papercli.fsnames import quote_name
from papercli.options import STEP_NAMES, CleanOptions

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

# Each command lists only its own codes: split and detect have no --check/--diff.
EXIT_CODES_HELP = """\b
Exit codes:
  0  success; with --check/--diff: nothing would change
  1  --check/--diff: some file would change
  2  usage error, or an input that could not be read, decoded,
     written or held in memory (a batch goes on and reports
     them at the end)
  3  internal error (a bug in papercli: please report it)"""

SPLIT_EXIT_CODES_HELP = """\b
Exit codes:
  0  success
  2  usage error, an input that could not be read, decoded or
     held in memory, or an article file that exists (without
     --force) or could not be written
  3  internal error (a bug in papercli: please report it)"""

DETECT_EXIT_CODES_HELP = """\b
Exit codes:
  0  success
  2  usage error, or an input that could not be read, decoded or
     held in memory (the other files are still reported)
  3  internal error (a bug in papercli: please report it)"""

IO_HELP = """\b
Inputs: FILE arguments; '-' is stdin; with no FILE, stdin is read
when it is a pipe or a file (a terminal is a usage error). Directories
need -r (then --glob, default *.txt, picks the files).

\b
Outputs: stdout for one input; -o FILE for one input; -o DIR for
several (relative paths mirrored); -i rewrites the inputs
atomically, keeping their encoding, newlines and BOM. --check and
--diff write nothing. Messages go to stderr only."""


def with_io_help(summary: str, examples: str) -> str:
    """A text command's help: what it does, the shared I/O contract, examples."""
    return f"{summary}\n\n{IO_HELP}\n\n{examples}"


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
        # One line naming the file: a broken config is no mistake on the command line.
        raise Failure(str(exc)) from None
    params = {p.name: p for p in ctx.command.params if p.name}
    defaults = defaults_for(settings, set(params))
    for name, setting in defaults.items():
        # Checked here, as the flag would be: click would report a bad value as the
        # user's flag (`Invalid value for '-j'`), with no word of the file that set it.
        try:
            params[name].process_value(ctx, setting)
        except click.BadParameter as exc:
            key = name.replace("_", "-")
            raise Failure(f"{path}: key {key!r}: {exc.message}") from None
    ctx.default_map = {**(ctx.default_map or {}), **defaults}
    return value


# A little of a page, written in pieces as the streaming writer does. A codec for files
# must take it and give it back: idna refuses a label (a line) over 63 characters and
# lowercases, punycode appends to each piece, `undefined` refuses everything.
CODEC_PROBE = ("Page 1, col. 2: Plain ASCII text,\n", "\n", "x" * 80 + "\n")


def is_file_encoding(name: str) -> bool:
    """Can codec `name` encode and decode text of any length, piece by piece?

    >>> is_file_encoding("gb18030"), is_file_encoding("utf-16"), is_file_encoding("idna")
    (True, True, False)
    """
    try:
        encoder = codecs.getincrementalencoder(name)()
        data = b"".join(encoder.encode(piece) for piece in CODEC_PROBE)
        data += encoder.encode("", final=True)
        return codecs.decode(data, name) == "".join(CODEC_PROBE)
    except (LookupError, TypeError, ValueError):  # UnicodeError is a ValueError
        return False


def check_encoding(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An unknown codec is one usage error, not one error per file of a batch; so is
    one that is no encoding for text files (it was an internal error, exit 3)."""
    if value is not None:
        try:
            textio.canonical_encoding(value)
        except textio.InputError as exc:
            raise click.BadParameter(str(exc)) from None
        if not is_file_encoding(value):
            raise click.BadParameter(
                f"{value!r} cannot encode and decode any text: not an encoding for files"
            )
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


def nonempty_path(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An empty path is refused: `-o "$OUT"` with OUT unset must not write the text to
    stdout (or split's articles into the current directory), nor `--report ""` drop
    the report, with exit 0."""
    if value == "":
        raise click.BadParameter("empty path")
    return value


def _check_backup(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    # An empty suffix names the file itself: it was accepted and kept no backup at all.
    if value == "":
        raise click.BadParameter("the suffix must not be empty (it would name the file itself)")
    # A '/' makes it a path into a directory FILE is not (`--backup /x`): each file
    # failed in turn, once read and cleaned.
    if value is not None and ("/" in value or "\0" in value):
        raise click.BadParameter(
            f"{quote_name(value)} is a suffix added to each file's name: it holds no '/'"
        )
    return value


IO_FIELDS = tuple(IOArgs.__dataclass_fields__)


def refuse_glob_without_walk(recursive: bool) -> None:
    """--glob picks the files of an -r walk: typed without -r it did nothing,
    silently (`--glob '*.md' notes/a.txt` cleaned a.txt). A config's `glob` is a
    default for the walks, and stays quiet."""
    ctx = click.get_current_context()
    if not recursive and ctx.get_parameter_source("glob") is ParameterSource.COMMANDLINE:
        raise click.UsageError("--glob picks the files under a directory: it needs -r")


def text_io_options(func: F) -> F:
    """Add the shared I/O options and hand them to the command as one IOArgs."""

    @functools.wraps(func)
    def wrapper(**kwargs: Any) -> Any:
        io = IOArgs(**{name: kwargs.pop(name) for name in IO_FIELDS})
        refuse_glob_without_walk(io.recursive)
        return func(io=io, **kwargs)

    decorators = [
        click.argument("files", nargs=-1, type=click.Path(allow_dash=True, readable=False)),
        click.option(
            "-o",
            "--output",
            metavar="FILE|DIR",
            callback=nonempty_path,
            help="Write to FILE (one input; - is stdout) or into DIR (several inputs, "
            "relative paths mirrored).",
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
            callback=_check_backup,
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
            callback=check_encoding,
            help="Input encoding (skip detection), e.g. gb18030, big5hkscs, utf-16.",
        ),
        click.option(
            "--output-encoding",
            metavar="NAME",
            callback=check_encoding,
            help="Output encoding [default: utf-8; with -i: the input's].",
        ),
        click.option(
            "-j",
            "--jobs",
            type=click.IntRange(min=0),
            default=1,
            show_default=True,
            help="Worker processes: for several files, or for the pages of a "
            "single long one (0 = all cores).",
        ),
        click.option(
            "--explain",
            is_flag=True,
            help="Print each step's changes on stderr; with -v, every line break too "
            "(joined, kept or healed, and why).",
        ),
        click.option(
            "--report",
            "report_path",
            metavar="FILE",
            type=click.Path(dir_okay=False),
            callback=nonempty_path,
            help="Write every change as JSON to FILE ('-': stdout, when the text "
            "goes to -o, -i or --check).",
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
            help="Colour messages and diffs [default: on a terminal, unless NO_COLOR "
            "or TERM=dumb; FORCE_COLOR forces it].",
        ),
    ]
    for decorator in reversed(decorators):
        wrapper = decorator(wrapper)
    return config_options(wrapper)  # type: ignore[return-value]


def _resolve_convert(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Check an OpenCC config name (or alias) while parsing, so a typo is a usage error;
    and build its converter, so that an OpenCC missing or unable to load its
    dictionaries is one clear error (exit 2), not an internal error per file."""
    if value is None:
        return None
    try:
        from papercli.steps.opencc_configs import get_converter, resolve_config
    except ImportError:
        raise click.BadParameter("script conversion is not available in this build") from None
    try:
        config = resolve_config(value)
        get_converter(config)  # built once per process: the run reuses it
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    except ImportError as exc:
        raise click.BadParameter(
            f"converting needs OpenCC, which cannot be imported ({exc}); "
            "install it with `pip install opencc`"
        ) from None
    except Exception as exc:  # OpenCC's own error: a config or dictionary it cannot load
        raise click.BadParameter(
            f"OpenCC cannot load {value!r}: {type(exc).__name__}: {exc}"
        ) from None
    return config


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
