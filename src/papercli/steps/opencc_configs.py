"""The OpenCC converters: which configs there are (`resolve_config`: a user-facing
alias such as `traditional` or `taiwan`, or an OpenCC config name) and each one
loaded once per process (`get_converter`).

OpenCC is imported lazily inside `get_converter` (and, for a name outside
`KNOWN_CONFIGS`, `resolve_config`), so that `import papercli` stays cheap and a
clean that never converts never loads it. What is done with the converters is
`papercli.steps.convert`'s.
"""

from __future__ import annotations

import functools
from typing import Protocol

# User-facing names (`convert --to NAME`) for the four conversions people ask for.
ALIASES: dict[str, str] = {
    "simplified": "t2s",
    "traditional": "s2t",
    "taiwan": "s2twp",
    "hongkong": "s2hk",
}

# Configs shipped by every opencc release this project supports (>= 1.1.6).
# Newer releases add more (s2hkp, hk2sp in 1.4): those are accepted when the
# installed opencc lists them, see `resolve_config`.
KNOWN_CONFIGS: tuple[str, ...] = (
    "hk2s", "hk2t", "jp2t", "s2hk", "s2t", "s2tw", "s2twp",  # one line per source script
    "t2hk", "t2jp", "t2s", "t2tw", "tw2s", "tw2sp", "tw2t",
)

# The Simplified configs that share OpenCC's S->T phrase table, and so its errors.
S2T_FAMILY: frozenset[str] = frozenset({"s2t", "s2tw", "s2twp", "s2hk", "s2hkp"})

class Converter(Protocol):
    """What we use of `opencc.OpenCC`: typed here because its `convert` is not."""

    def convert(self, text: str) -> str: ...


def _installed_configs() -> frozenset[str]:
    # Only reached for a name outside KNOWN_CONFIGS, so the common path never imports opencc.
    import opencc

    return frozenset(name.removesuffix(".json") for name in opencc.CONFIGS)


def resolve_config(name: str) -> str:
    """The OpenCC config for an alias or a config name (`.json` optional).

    >>> resolve_config("taiwan"), resolve_config("t2s"), resolve_config("HK2S.json")
    ('s2twp', 't2s', 'hk2s')
    >>> resolve_config("klingon")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown conversion 'klingon'; use one of simplified, traditional, ...
    """
    key = name.strip().lower().removesuffix(".json")
    if key in ALIASES:
        return ALIASES[key]
    if key in KNOWN_CONFIGS:
        return key
    installed = _installed_configs()
    if key in installed:
        return key
    valid = ", ".join([*ALIASES, *sorted(set(KNOWN_CONFIGS) | installed)])
    raise ValueError(f"unknown conversion {name!r}; use one of {valid}")


def get_converter(config: str) -> Converter:
    """The OpenCC converter for `config` (or an alias), built once per process and reused.

    Building one loads its dictionaries (the slowest thing the pipeline does), so
    every caller in the process shares one instance per config; an alias and its
    config name share it too.
    """
    return _converter(resolve_config(config))


@functools.cache
def _converter(config: str) -> Converter:
    import opencc

    converter: Converter = opencc.OpenCC(config)
    return converter
