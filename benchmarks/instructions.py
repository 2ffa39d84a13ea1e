"""Instructions per MB of `clean`, counted by callgrind: the measure that holds
still on a shared, loaded machine, where wall times move by half.

    python benchmarks/instructions.py /tmp/papercli-bench/1mb.txt

runs `clean_text` over the file once and twice, each warm (a first small
clean loads the modules and the word list) under `valgrind --tool=callgrind`
with `PYTHONHASHSEED=0` (set and dict layouts then repeat from run to run),
and prints the difference per MB: start-up and imports cancel out. Byte-compile
the tree first (`python -m compileall -q src`) where PYTHONDONTWRITEBYTECODE is
set, or one run may compile a module the other does not.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

TOTAL = re.compile(r"Collected : (\d+)")


def worker(path: str, times: int) -> None:
    """Clean the file `times` times after a warm-up (run under callgrind)."""
    from papercli.pipeline import clean_text

    text = Path(path).read_text(encoding="utf-8")
    clean_text(text[:1000])
    for _ in range(times):
        clean_text(text)


def count(path: Path, times: int) -> int:
    """Instructions of a process that cleans the file `times` times."""
    env = dict(os.environ, PYTHONHASHSEED="0")
    cmd = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        __file__,
        "--worker",
        str(times),
        str(path),
    ]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    found = TOTAL.search(done.stderr)
    if found is None:
        raise SystemExit(f"instructions.py: no callgrind total in:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path, help="a UTF-8 page file (e.g. the 1 MB corpus)")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        worker(str(args.file), args.worker)
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("instructions.py: valgrind is not installed (apt install valgrind)")
    with ThreadPoolExecutor(2) as pool:
        once, twice = pool.map(lambda n: count(args.file, n), (1, 2))
    megabytes = args.file.stat().st_size / 2**20  # MB as the corpus sizes it
    per_mb = (twice - once) / megabytes / 1e6
    print(f"{args.file.name}: {per_mb:,.0f} M instructions per MB ({once:,} / {twice:,})")


if __name__ == "__main__":
    main()
