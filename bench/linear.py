"""Is `build` linear in dialogues? Build one project with N dialogues and one with 2N,
in the same run, and print the ratio of the times (about 2 when linear, 4 when
quadratic) and of the peak memory.

    python bench/linear.py [--dialogues 2000] [--sizes 1000 5000 25000]

With --sizes, each size is built once and its time and memory printed instead.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from run import generate, run_once, tool


def build_once(work: Path, dialogues: int, dialogkit: str) -> tuple[float, int]:
    """Seconds and peak KB of `dialogkit build` on a project with `dialogues` dialogues."""
    folder = work / f"d{dialogues}"
    generate(folder, 1, dialogues)
    command = [dialogkit, "build", str(folder / "big"), "--out", str(folder / "out")]
    measured = run_once([*command, "--today", "2021-06-01"], work)
    if not (folder / "out").is_dir():
        raise SystemExit(f"build refused {dialogues} dialogues (a plan may be at most 5 MB)")
    return measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dialogues", type=int, default=2000)
    parser.add_argument("--sizes", type=int, nargs="*")
    args = parser.parse_args()
    dialogkit = tool("dialogkit")
    if dialogkit is None:
        raise SystemExit("dialogkit is not installed in this environment")
    work = Path(tempfile.mkdtemp(prefix="dialogkit-linear-"))
    try:
        sizes = args.sizes or [args.dialogues, 2 * args.dialogues]
        results = {n: build_once(work, n, dialogkit) for n in sizes}
        for n, (seconds, kilobytes) in results.items():
            per = seconds / n * 1000
            print(
                f"build, {n:>6} dialogues: {seconds:8.1f} s  {per:6.1f} ms/dialogue  "
                f"{kilobytes / 1024:6.0f} MB"
            )
        if not args.sizes:
            (t1, m1), (t2, m2) = results.values()
            print(f"ratio 2N/N: time {t2 / t1:.2f}, memory {m2 / m1:.2f} (2.00 is linear)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
