"""Project configuration: `[tool.papercli]` in pyproject.toml or a `.papercli.toml`.

Found by walking up from the current directory (the nearest one wins; in one
directory `.papercli.toml` wins over pyproject.toml). Values become click
defaults, so a flag on the command line always wins over the file.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from papercli.options import STEP_NAMES

# Every key a config file may set, with its type. Keys are the CLI option names
# (`join-line-breaks` or `join_line_breaks`), so the file reads like the flags.
KNOWN_KEYS: dict[str, type] = {
    **{name: bool for name in STEP_NAMES if name != "convert_script"},
    "convert_script": str,
    "encoding": str,
    "output_encoding": str,
    "jobs": int,
    "recursive": bool,
    "glob": str,
    "color": bool,
}


class ConfigError(Exception):
    """A config file that cannot be read or holds an unknown key or a wrong type."""


def find_config(start: Path | None = None) -> Path | None:
    """The nearest config file at or above `start` (default: the current directory).

    A pyproject.toml without a `[tool.papercli]` table does not count: it belongs
    to some project that does not configure papercli. One that is not valid TOML
    raises ConfigError, as black and ruff do: it may hold papercli's settings, and
    dropping them silently would clean with others (--no-config skips it).
    """
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        dotfile = directory / ".papercli.toml"
        if dotfile.is_file():
            return dotfile
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and "papercli" in _tool_table(_load(pyproject), pyproject):
            return pyproject
    return None


def _load(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{path}: not valid TOML: not UTF-8 (byte 0x{exc.object[exc.start]:02x} "
            f"at offset {exc.start})"
        ) from None


def _tool_table(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """A pyproject.toml's `[tool]` table (empty when it has none)."""
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: [tool] must be a table")
    return tool


def load_config(path: Path) -> dict[str, Any]:
    """The validated settings of a config file, keys in snake_case."""
    data = _load(path)
    if path.name == "pyproject.toml":
        data = _tool_table(data, path).get("papercli", {})
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: [tool.papercli] must be a table")
    if path.name != "pyproject.toml" and isinstance(data.get("tool"), dict):
        # The pyproject.toml spelling copied into a dotfile: say where the keys go.
        raise ConfigError(
            f"{path}: a .papercli.toml holds its keys at the top level, with no"
            " [tool.papercli] header (that table is for pyproject.toml)"
        )
    settings: dict[str, Any] = {}
    spelled: dict[str, str] = {}  # option -> the key that set it
    for key, value in data.items():
        name = key.replace("-", "_")
        if name in spelled:
            # TOML refuses a key set twice, but not `join-line-breaks` beside
            # `join_line_breaks`: the last one would win, silently.
            raise ConfigError(
                f"{path}: keys {spelled[name]!r} and {key!r} set the same option; keep one"
            )
        spelled[name] = key
        expected = KNOWN_KEYS.get(name)
        if expected is None:
            known = ", ".join(k.replace("_", "-") for k in KNOWN_KEYS)
            raise ConfigError(f"{path}: unknown key {key!r} (known keys: {known})")
        # bool is an int subclass: `jobs = true` must not pass as 1.
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ConfigError(
                f"{path}: key {key!r} must be {expected.__name__}, not {type(value).__name__}"
            )
        settings[name] = value
    return settings


def defaults_for(settings: dict[str, Any], param_names: set[str]) -> dict[str, Any]:
    """The settings that one command has options for (click `default_map` form)."""
    return {k: v for k, v in settings.items() if k in param_names}
