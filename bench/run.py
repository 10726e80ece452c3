"""Benchmark dialogkit, printing each figure beside a baseline measured in the same run.

    python bench/run.py [--plans 1000] [--dialogues 300] [--repeat 5]

Every command runs as a user would run it, in a fresh process with bytecode caches
(as after a normal install). Times are medians of --repeat runs; memory is the peak
resident size of the process. yamllint and check-jsonschema are measured when they
are installed (`make bench` installs them).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))

from generate import big_project, generate  # noqa: E402

TARGETS = {  # seconds; "help" also within 10× of `python -c pass`
    "help": 0.150,
    "check one plan": 0.300,
    "check workspace": 2.0,
    "Word report, big project": 1.0,
}


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure with bytecode caches, as installed
    env["COLUMNS"] = "120"
    return env


def run_once(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time in seconds and peak memory in KB of one run of `command`."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed with exit code {process.returncode}")
    kilobytes = usage.ru_maxrss // (1024 if sys.platform == "darwin" else 1)
    return elapsed, kilobytes


def measure(command: list[str], cwd: Path, repeat: int) -> tuple[float, int]:
    run_once(command, cwd)  # warm the file cache
    runs = [run_once(command, cwd) for _ in range(repeat)]
    return statistics.median(t for t, _ in runs), max(m for _, m in runs)


def tool(name: str) -> str | None:
    path = BIN / name
    return str(path) if path.exists() else shutil.which(name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--dialogues", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--many", type=int, default=10_000, help="plans in the scale test")
    args = parser.parse_args()
    dialogkit = tool("dialogkit")
    if dialogkit is None:
        raise SystemExit("dialogkit is not installed in this environment (run make bench)")
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(REPO / "dialogkit")],
        env=environment(),
        check=True,
        stdout=subprocess.DEVNULL,
    )

    work = Path(tempfile.mkdtemp(prefix="dialogkit-bench-"))
    files = generate(work / "plans", args.plans)
    big = big_project(work / "big", args.dialogues)
    size = sum(p.stat().st_size for p in files) / 1024 / 1024
    one = files[-1]  # a dialogue project

    rows: list[tuple[str, float, int | None, str]] = []

    def add(name: str, command: list[str], repeat: int = args.repeat, baseline: str = "") -> float:
        seconds, kilobytes = measure(command, work, repeat)
        rows.append((name, seconds, kilobytes, baseline))
        return seconds

    python = add("python -c pass", [sys.executable, "-c", "pass"], repeat=10)
    imports = add(
        "python: import typer, pydantic, rich",
        [sys.executable, "-c", "import typer, pydantic, rich.console"],
        repeat=10,
    )
    add("help", [dialogkit, "--help"], repeat=10, baseline="python")
    add("check one plan", [dialogkit, "plan", "check", str(one)], baseline="python")
    workspace = add(
        "check workspace", [dialogkit, "plan", "check", "plans"], repeat=3, baseline="python"
    )
    for name, command in (
        ("yamllint", [tool("yamllint"), "-d", "relaxed", "plans"]),
        (
            "check-jsonschema",
            [
                tool("check-jsonschema"),
                "--schemafile",
                str(REPO / "schema" / "dialogkit.schema.json"),
                *map(str, files),
            ],
        ),
    ):
        if command[0]:
            add(name, command, repeat=1, baseline="workspace")
        else:
            rows.append((name, float("nan"), None, "not installed"))
    many = generate(work / "many", args.many, seed=2)
    many_size = sum(p.stat().st_size for p in many) / 1024 / 1024
    huge = work / "huge" / "stor.yaml"
    huge.parent.mkdir()
    huge.write_text("kind: strategy\n" + "# fyllnad\n" * 5_000_000, "utf-8")  # 50 MB
    many_seconds = add(
        f"check {args.many} plans",
        [dialogkit, "plan", "check", "many"],
        repeat=1,
        baseline="workspace",
    )
    add("check a 50 MB file", [dialogkit, "plan", "check", str(huge)], repeat=3, baseline="python")
    add(
        "Word report, big project",
        [dialogkit, "report", str(big), "--out", "big.docx"],
        repeat=3,
        baseline="python",
    )
    add(
        "build, big project",
        [dialogkit, "build", str(big.parent), "--out", "out-big", "--today", "2021-06-01"],
        repeat=1,
        baseline="python",
    )

    print(
        f"dialogkit benchmark, {time.strftime('%Y-%m-%d')}, {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"workspace: {len(files)} plans, {size:.1f} MB; big project: {args.dialogues} dialogues")
    print(
        f"baselines: python -c pass {python * 1000:.0f} ms; "
        f"import typer, pydantic, rich {imports * 1000:.0f} ms\n"
    )
    per_mb = (workspace / size * 1000, many_seconds / many_size * 1000)
    print(
        f"time per MB: {per_mb[0]:.0f} ms at {len(files)} plans, "
        f"{per_mb[1]:.0f} ms at {args.many} plans ({many_size:.0f} MB)\n"
    )
    print(f"{'measure':<36}{'time':>10}{'× baseline':>12}{'peak MB':>10}  target")
    for name, seconds, kilobytes, baseline in rows:
        base = {"python": python, "workspace": workspace}.get(baseline)
        ratio = f"{seconds / base:.1f}× {baseline}" if base else baseline
        memory = f"{kilobytes / 1024:.0f}" if kilobytes else "–"
        target = TARGETS.get(name)
        verdict = ""
        if target is not None:
            ok = seconds < target and (name != "help" or seconds < 10 * python)
            verdict = f"< {target * 1000:.0f} ms {'ok' if ok else 'MISSED'}"
        shown = "–" if seconds != seconds else f"{seconds * 1000:.0f} ms"
        print(f"{name:<36}{shown:>10}{ratio:>12}{memory:>10}  {verdict}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
