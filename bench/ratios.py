"""Issue 19's rows: each a ratio of two commands measured in one run.

The two commands of a pair run in turn (A B A B ...), several rounds, so both meet the
host's swings alike; the ratio is median(A) / median(B), and both medians and every
raw time are printed. Work a command needs done first (filling a cache, changing a
plan, emptying an output folder) runs untimed just before it. bench/README.md,
"Speed, second round (issue 19)", explains each row.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SCHEMA = REPO / "schema" / "dialogkit.schema.json"
BASE = "06163b0"  # the start of issue 19 (bench/README)
TODAY = "2021-06-01"
PIP_WHEEL = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
BUILD = ["build", "plans", "--out", "out", "--today", TODAY]

# rows -> rounds (full run, --quick); the slow builds get fewer
ROUNDS = {1: (9, 3), 2: (5, 3), 3: (3, 1), 4: (3, 2), 6: (3, 2), 7: (9, 3)}


def environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure with bytecode caches, as installed
    env["COLUMNS"] = "120"
    return env | (extra or {})


def run_once(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall time in seconds and peak memory in KB of one run of `command`."""
    import time

    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=environment(env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(command)} (in {cwd}) failed with exit code {code}")
    kilobytes = usage.ru_maxrss // (1024 if sys.platform == "darwin" else 1)
    return elapsed, kilobytes


@dataclass
class Side:
    """One command of a pair, with what must be done (untimed) before each run."""

    command: list[str]
    cwd: Path
    env: dict[str, str] = field(default_factory=dict)
    before: Callable[[], None] | None = None
    times: list[float] = field(default_factory=list)

    def run(self) -> None:
        if self.before:
            self.before()
        self.times.append(run_once(self.command, self.cwd, self.env)[0])


@dataclass
class Row:
    number: int
    name: str
    target: str  # shown, e.g. "≤ 1.5"
    limit: float
    a: Side | None = None
    b: Side | None = None
    value: float | None = None  # for a row that is not a pair (memory)
    unit: str = ""
    note: str = ""

    def measure(self, rounds: int, warmup: bool = True) -> None:
        if warmup:  # untimed: file cache, bytecode
            for side in (self.a, self.b):
                side.run()
                side.times.clear()
        for _ in range(rounds):
            self.a.run()
            self.b.run()
        self.value = statistics.median(self.a.times) / statistics.median(self.b.times)

    def lines(self) -> list[str]:
        if self.value is None:
            return [f"{self.number:<4}{self.name:<52}{'–':>10}  not measured {self.note}"]
        ok = self.value <= self.limit if "≤" in self.target else self.value < self.limit
        verdict = f"{self.target} {'ok' if ok else 'MISSED'}"
        if self.a is None:
            amount = f"{self.value:>7.0f} {self.unit}"
            return [f"{self.number:<4}{self.name:<52}{'':>22}{amount:>12}  {verdict}"]
        a, b = (statistics.median(side.times) for side in (self.a, self.b))
        out = [
            f"{self.number:<4}{self.name:<52}{a * 1000:>9.0f} ms{b * 1000:>9.0f} ms"
            f"{self.value:>10.2f}  {verdict:<16}{len(self.a.times):>3}"
        ]
        for label, side in (("A", self.a), ("B", self.b)):
            raw = " ".join(f"{t:.3f}" for t in side.times)
            out.append(f"      {label}: {shown(side):<56} s: {raw}")
        if self.note:
            out.append(f"      note: {self.note}")
        return out


def shown(side: Side) -> str:
    """The command, short: the program's name, its first arguments, where it runs."""
    words = [Path(word).name for word in side.command[:6]]
    more = " …" if len(side.command) > 6 else ""
    code = f" [PYTHONPATH={Path(side.env['PYTHONPATH']).name}]" if "PYTHONPATH" in side.env else ""
    return f"{' '.join(words)}{more}{code} (in {side.cwd.name})"


# --- what the code under test offers ------------------------------------------------


def supports(dialogkit: list[str], args: list[str], word: str, cwd: Path) -> bool:
    """Whether `dialogkit ARGS --help` succeeds and mentions `word`."""
    done = subprocess.run(
        [*dialogkit, *args, "--help"], cwd=cwd, env=environment(), capture_output=True, text=True
    )
    return done.returncode == 0 and word in done.stdout


@dataclass
class Cold:
    """How to check with no cache: `cache clean` first (untimed), else `--no-cache`,
    else nothing (the code has no check cache yet, so every check is cold)."""

    clean: bool
    flag: bool

    def check(self, dialogkit: list[str], paths: list[str]) -> list[str]:
        return [*dialogkit, "plan", "check", *(["--no-cache"] if self.flag else []), *paths]

    def before(self, dialogkit: list[str], workspace: Path) -> Callable[[], None] | None:
        if not self.clean:
            return None
        return lambda: _quiet([*dialogkit, "cache", "clean"], workspace)

    @property
    def how(self) -> str:
        if self.clean:
            return "cold = `cache clean` first"
        return "cold = --no-cache" if self.flag else "no check cache in this code: every check cold"


def _quiet(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> None:
    done = subprocess.run(command, cwd=cwd, env=environment(env), capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-2000:]}")


# --- changing a plan, keeping it valid --------------------------------------------------

_MARK = re.compile(r"Ändrad \d+\. ")
_TEXT = re.compile(r"^(\s*-?\s*(?:what|description|vision|purpose|title): )", re.M)


def change(path: Path) -> None:
    """Change one word of a plan's free text, differently each time (so no cache keyed
    by content can have seen it); the plan stays valid."""
    text = path.read_text(encoding="utf-8")
    found = _MARK.search(text)
    if found:
        number = int(found.group().split()[1].rstrip(".")) + 1
        text = _MARK.sub(f"Ändrad {number}. ", text, count=1)
    else:
        text, count = _TEXT.subn(r"\1Ändrad 1. ", text, count=1)
        if not count:
            raise SystemExit(f"{path}: no free text to change")
    path.write_text(text, encoding="utf-8")


def copy(source: Path, target: Path) -> Path:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".dialogkit", "out*"))
    return target


def fresh(folder: Path) -> Callable[[], None]:
    return lambda: shutil.rmtree(folder, ignore_errors=True)


# --- two commits' wheels side by side ----------------------------------------------------


def wheel(source: Path, into: Path) -> Path:
    """Build `source`'s wheel (no isolation: the virtualenv has hatchling), unpack it
    into `into`, compile its bytecode (as an install does) and return `into`."""
    built = into.with_name(into.name + "-wheel")
    subprocess.run(
        [*PIP_WHEEL, "-w", str(built), str(source)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    (wheel_file,) = built.glob("dialogkit-*.whl")
    with zipfile.ZipFile(wheel_file) as archive:
        archive.extractall(into)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(into)], check=True)
    return into


def export_commit(revision: str, into: Path) -> Path:
    into.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", revision], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def export_working_tree(into: Path) -> Path:
    """The working tree as it is, uncommitted changes included (tracked and new files
    that git does not ignore)."""
    listed = subprocess.run(
        ["git", "-C", str(REPO), "ls-files", "-co", "--exclude-standard", "-z"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            target = into / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return into


def from_wheel(folder: Path) -> str:
    """Where dialogkit, its templates and its data come from with PYTHONPATH=folder; a
    SystemExit if any of them is not in the folder."""
    probe = (
        "import dialogkit, pathlib; from dialogkit.templating import builtin_templates_dir as t;"
        "p = pathlib.Path(dialogkit.__file__).parent;"
        "print(p); print(t()); print(p / 'data' / 'municipalities.csv')"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        env=environment({"PYTHONPATH": str(folder)}),
        capture_output=True,
        text=True,
        check=True,
        cwd=folder,
    )
    package, templates, data = (Path(line) for line in done.stdout.split())
    for path in (package, templates, data):
        if not path.exists() or folder.resolve() not in path.resolve().parents:
            raise SystemExit(f"{path}: not from the wheel unpacked in {folder}")
    if not (templates / "reference.docx").exists() and not any(templates.iterdir()):
        raise SystemExit(f"{templates}: the wheel has no templates")
    return str(package)


# --- the rows -----------------------------------------------------------------------------


def local_plan_with_strategy(plans: Path) -> tuple[Path, Path]:
    """A local plan naming a strategy, and that strategy's file."""
    strategies = {}
    for path in sorted(plans.glob("strategy-*.yaml")):
        found = re.search(r"^id: (\S+)", path.read_text(encoding="utf-8"), re.M)
        if found:
            strategies[found.group(1)] = path
    for path in sorted(plans.glob("local_plan-*.yaml")):
        found = re.search(r"^strategy: (\S+)", path.read_text(encoding="utf-8"), re.M)
        if found and found.group(1) in strategies:
            return path, strategies[found.group(1)]
    raise SystemExit(f"{plans}: no local plan naming a strategy there")


def rows(
    dialogkit: list[str],
    work: Path,
    fifty: Path,
    quick: bool,
    chosen: set[int],
    base: str,
    many_peak_kb: Callable[[], int] | None,
    say: Callable[[str], None],
) -> list[Row]:
    """Measure the chosen rows of issue 19 (workspaces: `work` with 1 000 plans in
    plans/, `fifty` with 50) and return them."""
    picked = {n: ROUNDS[n][1 if quick else 0] for n in ROUNDS}
    cold = Cold(
        clean=supports(dialogkit, ["cache", "clean"], "clean", work),
        flag=supports(dialogkit, ["plan", "check"], "--no-cache", work),
    )
    say(f"check cache: {cold.how}")
    scratch = Path(tempfile.mkdtemp(prefix="dialogkit-bench19-"))
    out: list[Row] = []

    # 1 and 7: one local plan among 1 000, against the same plan beside its strategy only
    local, strategy = local_plan_with_strategy(work / "plans")
    alone = scratch / "alone"
    (alone / "plans").mkdir(parents=True)
    for path in (local, strategy):
        shutil.copy2(path, alone / "plans" / path.name)
    alone_side = Side([*dialogkit, "plan", "check", f"plans/{local.name}"], alone)
    if 1 in chosen:
        say(f"row 1: {local.name} among {len(list((work / 'plans').glob('*.yaml')))} plans")
        row = Row(1, "check one local plan: among 1000 / alone", "≤ 1.5", 1.5)
        row.a = Side([*dialogkit, "plan", "check", f"plans/{local.name}"], work)
        row.b = alone_side
        row.measure(picked[1])
        out.append(row)
    edit = copy(work, scratch / "edit")  # rows 2 and 7 change plans: their own copy
    if 7 in chosen:
        say(f"row 7: {strategy.name}, changed before each run, with its local plans")
        row = Row(7, "pre-commit: changed strategy among 1000 / plan alone", "≤ 1.5", 1.5)
        changed = edit / "plans" / strategy.name
        row.a = Side(
            [*dialogkit, "plan", "check", f"plans/{strategy.name}"],
            edit,
            before=lambda: change(changed),
        )
        row.b = Side(alone_side.command, alone)
        row.note = "the check cache as it falls (filled by the run before); strategy changed"
        row.measure(picked[7])
        out.append(row)

    # 2: re-check after one file changed, against a cold check
    if 2 in chosen:
        say("row 2: warm re-check after one change / cold check")
        row = Row(2, "re-check 1000 after one change / cold check", "≤ 0.25", 0.25)
        target = edit / "plans" / local.name

        def warm_up() -> None:
            _quiet([*dialogkit, "plan", "check", "plans"], edit)  # fills the cache
            change(target)

        row.a = Side([*dialogkit, "plan", "check", "plans"], edit, before=warm_up)
        row.b = Side(cold.check(dialogkit, ["plans"]), edit, before=cold.before(dialogkit, edit))
        row.note = cold.how
        row.measure(picked[2], warmup=False)
        out.append(row)

    # 6: cold check of 1 000 plans against check-jsonschema
    if 6 in chosen:
        peer = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
        peer = peer or shutil.which("check-jsonschema")
        row = Row(6, "check 1000 (cold) / check-jsonschema", "≤ 0.25", 0.25)
        if peer is None:
            row.note = "(check-jsonschema not installed: make bench installs it)"
        else:
            say("row 6: cold check of 1000 plans / check-jsonschema")
            files = sorted(str(p) for p in (work / "plans").glob("*.yaml"))
            row.a = Side(
                cold.check(dialogkit, ["plans"]), work, before=cold.before(dialogkit, work)
            )
            row.b = Side([peer, "--schemafile", str(SCHEMA), *files], work)
            row.note = cold.how
            row.measure(picked[6], warmup=False)
        out.append(row)

    # 4: build after one plan changed, against a full build; PDFs cached on both
    if 4 in chosen:
        say("row 4: build after one change / full build (PDF cache shared)")
        pdfs = {"DIALOGKIT_CACHE": str(scratch / "pdf-cache")}
        inc, full = copy(fifty, scratch / "inc"), copy(fifty, scratch / "full")
        build = [*dialogkit, *BUILD]
        for folder in (inc, full):  # untimed: the PDFs into the cache, inc/out made
            _quiet(build, folder, pdfs)
        changed_plan = max((fifty / "plans").glob("local_plan-*.yaml")).name

        def rebuild_all() -> None:
            change(full / "plans" / changed_plan)  # the same text as the other side
            for name in ("out", ".dialogkit"):
                shutil.rmtree(full / name, ignore_errors=True)

        row = Row(4, "build 50 after one plan changed / full build", "≤ 0.2", 0.2)
        row.a = Side(build, inc, pdfs, before=lambda: change(inc / "plans" / changed_plan))
        row.b = Side(build, full, pdfs, before=rebuild_all)
        row.note = f"{changed_plan} changed; full = empty out/ and no .dialogkit/"
        row.measure(picked[4], warmup=False)
        out.append(row)

    # 3: build of 50 plans, the base commit's wheel against the working tree's
    if 3 in chosen:
        say(f"row 3: building the wheels of {base} and of the working tree")
        now_code = wheel(export_working_tree(scratch / "src-now"), scratch / "now")
        base_code = wheel(export_commit(base, scratch / "src-base"), scratch / "base")
        for folder in (now_code, base_code):
            say(f"  dialogkit from {from_wheel(folder)}")
        say("row 3: build 50 plans, cold PDFs, working tree / base")
        row = Row(3, f"build 50: working tree / {base}, wheels", "≤ 0.5", 0.5)
        runs = iter(range(1_000_000))

        def side(code: Path, name: str) -> Side:
            space = copy(fifty, scratch / f"ws-{name}")
            env = {"PYTHONPATH": str(code)}
            one = Side(
                [sys.executable, "-m", "dialogkit", *BUILD],
                space,
                env,
            )

            def cold_start() -> None:  # a fresh PDF cache, no output, no workspace cache
                env["DIALOGKIT_CACHE"] = str(scratch / f"pdf-{name}-{next(runs)}")
                for folder in ("out", ".dialogkit"):
                    shutil.rmtree(space / folder, ignore_errors=True)

            one.before = cold_start
            return one

        row.a, row.b = side(now_code, "now"), side(base_code, "base")
        row.note = "fresh DIALOGKIT_CACHE, out/ and .dialogkit/ each run"
        row.measure(picked[3], warmup=False)
        out.append(row)

    # 5: peak memory of checking 10 000 plans
    if 5 in chosen and many_peak_kb is not None:
        say("row 5: peak memory of checking the many plans")
        row = Row(5, "peak memory, check 10000 plans (MiB)", "< 200", 200, unit="MiB")
        row.value = many_peak_kb() / 1024
        out.append(row)
    shutil.rmtree(scratch, ignore_errors=True)
    return sorted(out, key=lambda row: row.number)


def header() -> str:
    return (
        f"{'row':<4}{'measure (A / B)':<52}{'A median':>12}{'B median':>12}{'ratio':>10}"
        f"  {'target':<16}{'rounds':>3}"
    )
