"""papercli: turn OCR'd or PDF-extracted newspaper text back into clean, faithful text.

The library API is pure (str -> str) and knows nothing of files or terminals:

>>> from papercli import clean_text
>>> clean_text("负责对辅警层级\\n管理工作。\\n")
'负责对辅警层级管理工作。\\n'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from papercli.options import CleanOptions
    from papercli.page import Block, BlockKind, Page
    from papercli.pipeline import CleanResult, clean_and_explain, clean_text

__version__ = "0.1.0"

__all__ = [
    "Block",
    "BlockKind",
    "CleanOptions",
    "CleanResult",
    "Page",
    "__version__",
    "clean_and_explain",
    "clean_text",
]

# The public names' modules, imported on first use: the `papercli` command starts
# by importing this package, and the engine's modules (a tenth of a second) waited
# before it could even catch a Ctrl-C, which then printed a traceback.
_LAZY = {
    "Block": "papercli.page",
    "BlockKind": "papercli.page",
    "CleanOptions": "papercli.options",
    "CleanResult": "papercli.pipeline",
    "Page": "papercli.page",
    "clean_and_explain": "papercli.pipeline",
    "clean_text": "papercli.pipeline",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
