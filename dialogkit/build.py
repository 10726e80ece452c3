"""`build`: check a workspace, then make every product of every plan into one folder.

Nothing is written when a plan does not load into the model; a plan that loads but
breaks rules gives drafts, each file marked (products/draft.py), and `strict` refuses
those too (checking.draft_marks). Each product is made by the same library
function as its own command (products/), so a file from `build` is the file the
command writes. The files are written to a hidden folder in `out` first and moved into
place once all are made (the public ones have passed the personal-data gate when they
were made): a refusal leaves nothing written.

A manifest in `out` lists what build wrote there, and from which plan (manifest.py).
The next build removes the files it no longer makes for the plans it builds (or for a
plan whose file is gone), unless they have been edited since; it never removes a file
it did not write. It also records what each plan's products were made from
(fingerprint.py): a plan made from the same things, whose files are still as build
wrote them, is not made again, and a file made again with the same bytes is not
replaced, so it keeps its mtime (sync tools and web servers see only real changes).
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

from .checking import check_workspace, draft_marks
from .findings import Report
from .fingerprint import Fingerprints
from .links import linked_folders
from .manifest import (
    Cleanup,
    Manifest,
    Record,
    digest,
    outdated,
    plan_source,
    read_manifest,
    remove_stale,
    write_manifest,
)
from .output import cannot_write, check_target, flush_to_disk, refuse_links, write_atomic
from .overview import overview_folder, overview_page, refuse_plan_in_overview_folder
from .products import plan_files
from .products.report import built_together, pdf_warning
from .settings import workspace_language
from .workspace import load_workspace, refuse_links_out


@dataclass
class BuildResult:
    report: Report
    written: list[Path]
    cleanup: Cleanup = field(default_factory=Cleanup)
    """The stale files of an earlier build: removed, or kept because they were edited."""
    warnings: list[dict[str, str]] = field(default_factory=list)
    """What build left out or could not use, each by language ("sv", "en")."""
    replaced: list[Path] = field(default_factory=list)
    """The files among `written` whose bytes are new; the others were left as they were."""

    def warning_texts(self, language: str) -> list[str]:
        return [warning[language] for warning in self.warnings]


def build(
    paths: Iterable[Path],
    out: Path,
    *,
    today: date | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    strict: bool = False,
    cache: bool = True,
) -> BuildResult:
    """Check the plans below `paths`; if they pass, write every product of every plan
    below `out`: `out/PLAN-ID/` for each plan, each product's files as its command
    writes them. `progress(number, total, what)` is told before each product is made.

    A plan made from the same things as last time (fingerprint.py), whose files are
    all still as the last build wrote them, is not made again (`cache=False`: every
    plan is); a file made again with the bytes already in place is left untouched."""
    paths = list(paths)
    refuse_links_out(paths)
    check_target(out, folder=True)
    workspace = load_workspace(paths)
    report = check_workspace(workspace)
    drafts = draft_marks(workspace, report, strict=strict)  # a plan with errors is a draft
    language = workspace_language(paths[0]) if paths else "sv"
    overview = Path(overview_folder(language))  # the internal overview, made last
    refuse_plan_in_overview_folder(workspace, overview.name)
    not_made: list[dict[str, str]] = []  # products a draft lacks something for
    today = today or date.today()
    previous, problem = read_manifest(out)
    prints = Fingerprints(workspace, today=today, language=language)
    plans = []  # (plan, its fingerprint, its products' files as the last build left them)
    for loaded in workspace.plans:
        draft = drafts.get(loaded.path)
        fingerprint = prints.of(loaded, draft)
        kept = None  # a draft is made each time: what it lacks is told each time
        if cache and draft is None:
            kept = _unchanged(
                previous, loaded.plan.id, fingerprint, plan_source(loaded.path, out), out
            )
        plans.append((loaded, None if draft else fingerprint, kept))
    jobs = [
        (loaded.plan.id, Path(loaded.plan.id, folder), produce)
        for loaded, _, kept in plans
        if kept is None
        for folder, produce in plan_files(
            loaded,
            today=today,
            workspace=workspace,
            draft=drafts.get(loaded.path),
            not_made=not_made,
        )
    ]
    for _, folder, _ in jobs:  # a refusal comes before anything is made
        refuse_links(out / folder / "-", out)
    refuse_links(out / overview / "-", out)
    if not plans:
        return BuildResult(report, [])
    files: dict[str, dict[str, str]] = {loaded.plan.id: {} for loaded, _, _ in plans}
    for loaded, _, kept in plans:
        if kept is not None:
            files[loaded.plan.id] = {name: previous.files[name] for name in kept.files}
    moved: list[Path] = []  # the files whose bytes are new: only these replace any
    remade = [loaded for loaded, _, kept in plans if kept is None]
    with _staging(out) as staging, built_together(workspace, drafts, remade):
        for number, (plan_id, folder, produce) in enumerate(jobs, start=1):
            if progress:
                progress(number, len(jobs), folder.as_posix())
            for file in produce():
                relative = folder / file.name
                data = _bytes(file.content)
                if not _same(out / relative, data, out):
                    write_atomic(staging / relative, data, base=staging, sync=False)
                    moved.append(relative)
                files[plan_id][relative.as_posix()] = digest(data)
        listed = [name for made in files.values() for name in made]
        overview_files = {}
        for file in overview_page(
            workspace, report, today, listed, place=paths[0], language=language
        ):
            relative = overview / file.name
            data = _bytes(file.content)
            if not _same(out / relative, data, out):
                write_atomic(staging / relative, data, base=staging, sync=False)
                moved.append(relative)
            overview_files[relative.as_posix()] = digest(data)
        current = Manifest(
            {name: value for made in files.values() for name, value in made.items()}
            | overview_files,
            {loaded.plan.id: plan_source(loaded.path, out) for loaded, _, _ in plans},
            {
                loaded.plan.id: Record(fingerprint, tuple(files[loaded.plan.id]))
                for loaded, fingerprint, _ in plans
                if fingerprint is not None
            },
        )
        stale, carried = outdated(previous, current, out, workspace.files)
        flush_to_disk([staging / relative for relative in moved])
        # Recorded before anything moves, so an interrupted build leaves none unlisted.
        write_manifest(out, previous | current)
        replaced = [_move(staging, out, relative) for relative in moved]
        cleanup = remove_stale(out, stale.files)
        write_manifest(out, carried | previous.only(cleanup.failed) | current)
    # one warning when LibreOffice or dialogkit[pdf] is missing: the PDFs were not made
    warnings = ([problem] if problem else []) + not_made + pdf_warning(workspace.plans)
    written = [out / name for name in current.files]
    return BuildResult(report, written, cleanup, warnings, replaced)


def _unchanged(
    previous: Manifest, plan_id: str, fingerprint: str, source: str, out: Path
) -> Record | None:
    """What the last build made of the plan, when it was made from the same things
    and its files are all still there with the bytes it wrote; else None."""
    record = previous.made.get(plan_id)
    if record is None or record.fingerprint != fingerprint or not record.files:
        return None
    if previous.plans.get(plan_id) != source:
        return None
    for name in record.files:
        recorded = previous.files.get(name)
        if recorded is None or PurePosixPath(name).parts[0] != plan_id:
            return None
        path = out.joinpath(*PurePosixPath(name).parts)
        try:
            if linked_folders(path, out) or path.is_symlink() or not path.is_file():
                return None
            if digest(path.read_bytes()) != recorded:
                return None
        except OSError:
            return None
    return record


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def _same(target: Path, data: bytes, out: Path) -> bool:
    """Does `target` hold `data` already? Then it is left as it is, mtime and all."""
    try:
        if linked_folders(target, out) or target.is_symlink() or not target.is_file():
            return False
        return target.stat().st_size == len(data) and target.read_bytes() == data
    except OSError:
        return False


@contextmanager
def _staging(out: Path) -> Iterator[Path]:
    """A hidden folder inside `out` where the outputs are written first: they are
    moved into place only once every one is made and every public one has passed
    the personal-data gate, so a refusal, Ctrl-C or SIGTERM leaves `out` as it was,
    and each output is made once."""
    with _terminate_as_exception():  # outside: the folder is removed before the process ends
        existed = out.exists()
        try:
            out.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=".dialogkit-build-", dir=out))
        except OSError as error:
            raise cannot_write(out, error) from None
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
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / relative, target)
    except OSError as error:
        raise cannot_write(target, error) from None
    return target
