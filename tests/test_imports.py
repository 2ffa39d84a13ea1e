"""The text core stays pure: it imports no click, rich or chardet (STYLE.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "papercli"
# The shell layer: the only modules allowed to touch the terminal and encodings.
SHELL = {
    "cli", "textio", "atomic", "textstream", "streaming", "report", "config", "batch", "plan",
    "dask", "__main__",
}


def core_modules() -> list[str]:
    names = []
    for path in sorted(SRC.rglob("*.py")):
        module = ".".join(path.relative_to(SRC.parent).with_suffix("").parts)
        if module.endswith(".__init__"):
            module = module.removesuffix(".__init__")
        # papercli.commands is the click layer, one module per command family.
        if module.split(".")[-1] not in SHELL and not module.startswith("papercli.commands"):
            names.append(module)
    return names


def test_core_imports_no_click_rich_or_chardet() -> None:
    modules = core_modules()
    assert {"papercli.pipeline", "papercli.page", "papercli.options"} <= set(modules)
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "from papercli import clean_text\n"
        "clean_text('负责对辅警层级\\n管理工作。\\n')\n"
        "print(sorted(m for m in ('click', 'rich', 'chardet') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]", done.stdout
