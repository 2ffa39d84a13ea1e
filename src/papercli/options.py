"""The one options object that every entry point (library, CLI, config file) builds."""

from __future__ import annotations

from dataclasses import dataclass, fields

# Step names, in pipeline order. Each is a CleanOptions field, a pipeline function,
# a `--no-NAME` / `--NAME` CLI flag and a label in `--explain` output.
STEP_NAMES: tuple[str, ...] = (
    "drop_furniture",
    "rebuild_paragraphs",
    "join_line_breaks",
    "drop_caption_echoes",
    "convert_script",
)


@dataclass(frozen=True)
class CleanOptions:
    """What `clean_text` does. Structural fixes default on; content rewrites are opt-in.

    drop_furniture      drop running heads/folios repeated on every page (opt-in)
    rebuild_paragraphs  classify lines into headline/paragraph/byline/caption blocks,
                        healing blank lines that column or page breaks inserted
    join_line_breaks    join the lines of each block by script rules (CJK: no space)
    drop_caption_echoes collapse doubled captions, doubled characters, repeated blocks
    convert_script      OpenCC config name such as "t2s" or "s2t" (opt-in; None = off)
    """

    drop_furniture: bool = False
    rebuild_paragraphs: bool = True
    join_line_breaks: bool = True
    drop_caption_echoes: bool = True
    convert_script: str | None = None

    def enabled_steps(self) -> tuple[str, ...]:
        return tuple(name for name in STEP_NAMES if getattr(self, name))


assert tuple(f.name for f in fields(CleanOptions)) == STEP_NAMES

DEFAULT_OPTIONS = CleanOptions()
