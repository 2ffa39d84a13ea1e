"""Render the reliability table of tests/README.md from what the tests observed.

    PAPERCLI_UPDATE_RELIABILITY=1 python -m pytest tests/test_reliability.py \
        tests/test_faults.py tests/test_split_safety.py tests/fuzz
    python tests/make_reliability_table.py

The tests append one JSON row per case to tests/.reliability-observed.jsonl; this
script merges them into the table (a case observed again replaces its row; rows of
cases not run this time are kept, unless --prune) and deletes the JSON file. In a
normal run the tests compare each observation with its row, so the table cannot drift.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reliability_support import (
    OBSERVED_PATH,
    TABLE_END,
    TABLE_PATH,
    TABLE_START,
    Row,
    table_rows,
)

SECTIONS = {
    "input": "Bad input",
    "fault": "Faults: unwritable outputs, full disk, SIGKILL",
    "split": "`split` safety",
    "fuzz": "Fuzzing",
}
HEADER = (
    "| case | input or fault | command | exit | first error line on stderr | files afterwards |\n"
    "|---|---|---|---|---|---|"
)


def render(rows: list[Row]) -> str:
    parts = []
    for area, title in SECTIONS.items():
        lines = [row.render() for row in rows if row.area == area]
        if lines:
            parts.append(f"### {title}\n\n{HEADER}\n" + "\n".join(lines))
    return "\n\n".join(parts)


def committed_rows() -> list[Row]:
    """The rows in the table now, parsed back (only case and rendering matter)."""
    rows = []
    text = TABLE_PATH.read_text(encoding="utf-8")
    area = "input"
    body = text.split(TABLE_START, 1)[1].split(TABLE_END, 1)[0] if TABLE_START in text else ""
    titles = {title: key for key, title in SECTIONS.items()}
    known = table_rows()
    for line in body.splitlines():
        if line.startswith("### "):
            area = titles.get(line[4:], area)
            continue
        for case, rendered in known.items():
            if rendered == line:
                cells = [c.replace("\\|", "|") for c in _cells(line)]
                rows.append(Row(area, case, cells[1], cells[2].strip("`"), *cells[3:6]))
    return rows


def _cells(line: str) -> list[str]:
    """Split a table row on unescaped pipes."""
    cells, cell, escaped = [], "", False
    for ch in line.strip()[1:-1]:
        if ch == "|" and not escaped:
            cells.append(cell.strip())
            cell = ""
        else:
            cell += ch
        escaped = ch == "\\"
    cells.append(cell.strip())
    return cells


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--prune", action="store_true", help="drop rows not observed this time")
    args = parser.parse_args()
    if not OBSERVED_PATH.exists():
        print(f"no {OBSERVED_PATH.name}: run the tests with PAPERCLI_UPDATE_RELIABILITY=1 first")
        return 1
    observed: dict[str, Row] = {}
    for line in OBSERVED_PATH.read_text(encoding="utf-8").splitlines():
        row = Row(**json.loads(line))
        observed[row.case] = row
    merged: dict[str, Row] = {} if args.prune else {r.case: r for r in committed_rows()}
    merged.update(observed)
    table = render(list(merged.values()))
    text = TABLE_PATH.read_text(encoding="utf-8")
    before, rest = text.split(TABLE_START, 1)
    after = rest.split(TABLE_END, 1)[1]
    TABLE_PATH.write_text(f"{before}{TABLE_START}\n{table}\n{TABLE_END}{after}", encoding="utf-8")
    OBSERVED_PATH.unlink()
    print(f"{len(observed)} rows observed, {len(merged)} in the table")
    return 0


if __name__ == "__main__":
    sys.exit(main())
