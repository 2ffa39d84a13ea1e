"""Benchmark `papercli clean` as users run it: a subprocess per run, whole process.

    python benchmarks/bench.py                      # everything (needs ~1 GB in --corpus)
    python benchmarks/bench.py --sizes 1mb 10mb --runs 3 --skip-jobs

For each corpus file (see make_corpus.py) it runs `papercli clean FILE -o OUT` N
times and prints the median wall time, MB/s and the child's peak RSS (from
`os.wait4`'s rusage, so the number is the child's own, not this script's). Then:
time linearity 1 -> 10 -> 100 MB, the same file through OpenCC s2t for a ratio
measured in the same run, `-j 1` vs `-j 2` on 1000 files of 10 KB, and the start-up
time of `papercli --version`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_corpus  # the sibling script, not an installed module

MB = 1024 * 1024


def papercli_command() -> list[str]:
    """The console script next to this interpreter: a pyenv or asdf shim in PATH would
    add its own start-up (a bash script) to every number."""
    script = Path(sys.executable).parent / "papercli"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "papercli"]


def run_child(argv: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS in bytes of one child process (stdout discarded)."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        proc = subprocess.Popen(argv, stdout=null, stderr=subprocess.PIPE)
        assert proc.stderr is not None
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{argv[0]} failed ({proc.returncode}): {err.decode(errors='replace')}")
    return elapsed, usage.ru_maxrss * 1024  # Linux reports KiB


def measure(argv: list[str], runs: int) -> tuple[float, int]:
    times, peaks = [], []
    for _ in range(runs):
        elapsed, peak = run_child(argv)
        times.append(elapsed)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def opencc_command(src: Path, out: Path) -> tuple[list[str], str] | None:
    """The native OpenCC CLI if installed (apt's opencc), else the Python binding."""
    for candidate in ("/usr/bin/opencc", shutil.which("opencc")):
        if candidate and Path(candidate).exists():
            probe = subprocess.run([candidate, "--version"], capture_output=True, text=True)
            native = "Open Chinese Convert" in probe.stdout + probe.stderr
            if native or candidate == "/usr/bin/opencc":
                return [candidate, "-c", "s2t", "-i", str(src), "-o", str(out)], "native opencc CLI"
    code = (
        "import sys, opencc\n"
        "c = opencc.OpenCC('s2t')\n"
        "data = open(sys.argv[1], encoding='utf-8').read()\n"
        "open(sys.argv[2], 'w', encoding='utf-8').write(c.convert(data))\n"
    )
    try:
        import opencc  # noqa: F401
    except ImportError:
        return None
    return [sys.executable, "-c", code, str(src), str(out)], "Python opencc binding"


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark papercli clean.")
    default_corpus = Path(tempfile.gettempdir()) / "papercli-bench"
    parser.add_argument("--corpus", type=Path, default=default_corpus)
    parser.add_argument("--sizes", nargs="*", default=list(make_corpus.FILES))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-jobs", action="store_true")
    parser.add_argument("--skip-opencc", action="store_true")
    args = parser.parse_args()

    paths = make_corpus.write_corpus(args.corpus, args.sizes)
    papercli = papercli_command()
    print(f"papercli: {' '.join(papercli)}; {os.cpu_count()} cores; median of {args.runs} runs")
    print(f"{'file':<16}{'MB':>8}{'seconds':>10}{'MB/s':>8}{'peak RSS MB':>13}")
    rates: dict[str, float] = {}
    seconds: dict[str, float] = {}
    for path in paths:
        size = path.stat().st_size / MB
        out = args.corpus / f"out-{path.stem}.txt"
        elapsed, peak = measure([*papercli, "clean", str(path), "-o", str(out)], args.runs)
        name = path.stem
        rates[name], seconds[name] = size / elapsed, elapsed
        print(f"{name:<16}{size:>8.1f}{elapsed:>10.2f}{size / elapsed:>8.2f}{peak / MB:>13.1f}")

    if {"1mb", "10mb"} <= seconds.keys():
        steps = [s for s in ("1mb", "10mb", "100mb") if s in seconds]
        per_mb = ", ".join(f"{s}: {seconds[s] / int(s[:-2]):.3f} s/MB" for s in steps)
        print(f"linearity (seconds per MB): {per_mb}")

    if not args.skip_jobs and seconds:
        # One long file's units cleaned by two workers (see papercli.parallel).
        biggest = max(paths, key=lambda p: p.stat().st_size)
        one = args.corpus / f"out-{biggest.stem}.txt"
        two = args.corpus / f"out-{biggest.stem}-j2.txt"
        argv = [*papercli, "clean", str(biggest), "-o", str(two), "-j", "2"]
        elapsed, peak = measure(argv, args.runs)
        size = biggest.stat().st_size / MB
        print(
            f"-j 2 on {biggest.name}: {elapsed:.2f} s, {size / elapsed:.2f} MB/s, "
            f"{seconds[biggest.stem] / elapsed:.2f}x; peak {peak / MB:.1f} MB (main process); "
            f"identical output: {one.read_bytes() == two.read_bytes()}"
        )

    if not args.skip_opencc:
        biggest = max(paths, key=lambda p: p.stat().st_size if p.stem.endswith("mb") else 0)
        command = opencc_command(biggest, args.corpus / "opencc.txt")
        if command is None:
            print("OpenCC: not installed, no ratio")
        else:
            argv, kind = command
            elapsed, peak = measure(argv, args.runs)
            size = biggest.stat().st_size / MB
            ours = rates[biggest.stem]
            print(
                f"OpenCC s2t ({kind}) on {biggest.name}: {size / elapsed:.2f} MB/s, "
                f"peak {peak / MB:.1f} MB; papercli/OpenCC = {ours / (size / elapsed):.2f}"
            )

    if not args.skip_jobs:
        small = make_corpus.write_small_files(args.corpus / "small")
        total = sum(p.stat().st_size for p in small) / MB
        outs = {}
        for jobs in (1, 2):
            target = args.corpus / f"small-out-{jobs}"
            shutil.rmtree(target, ignore_errors=True)
            argv = [*papercli, "clean", "-q", "-r", str(args.corpus / "small"), "-o", str(target)]
            elapsed, peak = measure([*argv, "-j", str(jobs)], args.runs)
            outs[jobs] = elapsed
            print(
                f"-j {jobs} on {len(small)} files ({total:.1f} MB): {elapsed:.2f} s, "
                f"{total / elapsed:.2f} MB/s, peak {peak / MB:.1f} MB"
            )
        same = all(
            (args.corpus / "small-out-1" / p.name).read_bytes()
            == (args.corpus / "small-out-2" / p.name).read_bytes()
            for p in small
        )
        print(f"-j 2 speed-up: {outs[1] / outs[2]:.2f}x; identical output: {same}")

    times = sorted(run_child([*papercli, "--version"])[0] for _ in range(max(5, args.runs)))
    print(f"start-up (papercli --version): median {statistics.median(times) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
