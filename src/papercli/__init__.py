"""papercli: turn OCR'd or PDF-extracted newspaper text back into clean, faithful text.

The library API is pure (str -> str) and knows nothing of files or terminals:

>>> from papercli import clean_text
>>> clean_text("负责对辅警层级\\n管理工作。\\n")
'负责对辅警层级管理工作。\\n'
"""

from __future__ import annotations

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
