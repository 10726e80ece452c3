"""`build`: check a workspace, then make every product of every plan into one folder.

Nothing is written unless the check passes. Each product is made by the same library
function as its own command (products/), so a file from `build` is the file the
command writes. The files are written to a hidden folder in `out` first and moved into
place once all are made (the public ones have passed the personal-data gate when they
were made): a refusal leaves nothing written.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .checking import check_workspace
from .errors import PlanInvalidError
from .findings import Report
from .output import refuse_links, write_atomic
from .products import plan_files
from .workspace import load_workspace, refuse_links_out


@dataclass
class BuildResult:
    report: Report
    written: list[Path]


def build(
    paths: Iterable[Path],
    out: Path,
    *,
    today: date | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> BuildResult:
    """Check the plans below `paths`; if they pass, write every product of every plan
    below `out`: `out/PLAN-ID/` for each plan, each product's files as its command
    writes them. `progress(number, total, what)` is told before each product is made."""
    paths = list(paths)
    refuse_links_out(paths)
    workspace = load_workspace(paths)
    report = check_workspace(workspace)
    if report.errors:
        raise PlanInvalidError(
            f"{len(report.errors)} fel i planerna; inget har skrivits.",
            hint="Kör dialogkit plan check och rätta felen först.",
            report=report,
        )
    today = today or date.today()
    jobs = [
        (Path(loaded.plan.id, folder), produce)
        for loaded in workspace.plans
        for folder, produce in plan_files(loaded, today=today, workspace=workspace)
    ]
    for folder, _ in jobs:  # a refusal comes before anything is made
        refuse_links(out / folder / "-", out)
    if not jobs:
        return BuildResult(report, [])
    made: list[Path] = []
    with _staging(out) as staging:
        for number, (folder, produce) in enumerate(jobs, start=1):
            if progress:
                progress(number, len(jobs), folder.as_posix())
            for file in produce():
                write_atomic(staging / folder / file.name, file.content, base=staging)
                made.append(folder / file.name)
        written = [_move(staging, out, relative) for relative in made]
    return BuildResult(report, written)


@contextmanager
def _staging(out: Path) -> Iterator[Path]:
    """A hidden folder inside `out` where the outputs are written first: they are
    moved into place only once every one is made and every public one has passed
    the personal-data gate, so a refusal, Ctrl-C or SIGTERM leaves `out` as it was,
    and each output is made once."""
    with _terminate_as_exception():  # outside: the folder is removed before the process ends
        existed = out.exists()
        out.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".dialogkit-build-", dir=out))
        try:
            yield staging
        finally:
            shutil.rmtree(staging, ignore_errors=True)
            if not existed:
                with suppress(OSError):
                    out.rmdir()  # only if nothing was moved into it


class _Terminated(BaseException):
    """SIGTERM arrived during a build."""


@contextmanager
def _terminate_as_exception() -> Iterator[None]:
    """SIGTERM (what CI sends to cancel a job) raises, so the staging folder is removed
    on the way out; then it is sent again, to whatever handled it before."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminated(signum, frame):
        raise _Terminated

    previous = signal.signal(signal.SIGTERM, terminated)
    try:
        yield
    except _Terminated:
        signal.signal(signal.SIGTERM, previous)
        os.kill(os.getpid(), signal.SIGTERM)
        raise KeyboardInterrupt from None  # if the previous handler did not end the process
    finally:
        signal.signal(signal.SIGTERM, previous)


def _move(staging: Path, out: Path, relative: Path) -> Path:
    target = out / relative
    refuse_links(target, out)  # again: a link may have been planted while the files were made
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staging / relative, target)
    return target
