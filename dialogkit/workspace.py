"""Find plan files, read them and validate them: the workspace a check or a
command works on."""

from __future__ import annotations

import gc
import os
from collections import Counter
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, NamedTuple

from .catalogue import finding
from .errors import UsageError
from .findings import FileFindings, Finding, Severity, Text
from .links import link_out
from .plan_index import YAML_SUFFIXES, Fields, entries_below, indexed, may_be
from .yamlsource import Source, SourceError, read_source

if TYPE_CHECKING:
    from .model import Plan, Strategy


@dataclass
class LoadedPlan:
    source: Source
    plan: Plan

    @property
    def path(self) -> Path:
        return self.source.path


@dataclass
class Workspace:
    """The plans asked about, plus their neighbours for cross-file references."""

    plans: list[LoadedPlan] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    omitted: dict[Path, Counter[Severity]] = field(default_factory=dict)
    """Per file, the findings past the cap (see `FileFindings`): counted, not made."""
    files: list[Path] = field(default_factory=list)
    context_dirs: list[Path] = field(default_factory=list)
    """Folders of the files named one by one; the other plans there are read only if
    a cross-file reference needs them."""
    today: date = field(default_factory=date.today)
    """The day rules about dates ask about (`plan check --today`): what is overdue."""
    _context: list[LoadedPlan] | None = field(default=None, repr=False)
    _by_id: tuple | None = field(default=None, repr=False)
    _neighbour_index: dict[Path, Fields] | None = field(default=None, repr=False)
    _read: dict[Path, LoadedPlan | None] = field(default_factory=dict, repr=False)

    @classmethod
    def around(cls, loaded: LoadedPlan) -> Workspace:
        """The workspace `load_workspace([loaded.path])` gives, without reading it again."""
        return cls(plans=[loaded], files=[loaded.path], context_dirs=[loaded.path.parent])

    @property
    def context(self) -> list[LoadedPlan]:
        """Every plan beside the files named (for a report that lists them all)."""
        if self._context is None:
            self._context = [
                plan for plan in map(self._neighbour, self._neighbours()) if plan is not None
            ]
        return self._context

    def _neighbours(self) -> dict[Path, Fields]:
        """The plan files beside the files named, each with its lines' kind and id
        (plan_index.py): found by looking, read only when a lookup may need them."""
        if self._neighbour_index is None:
            asked = set(self.files)
            self._neighbour_index = {
                path: indexed(path)
                for folder in self.context_dirs
                for path in _files_in(folder)
                if path not in asked
            }
        return self._neighbour_index

    def _neighbour(self, path: Path) -> LoadedPlan | None:
        if path not in self._read:
            with collector_paused():
                self._read[path] = load_file(path)[0]
        return self._read[path]

    def _neighbours_that_may_be(self, kind: str, plan_id: str | None = None) -> list[Plan]:
        found = (
            self._neighbour(path)
            for path, fields in self._neighbours().items()
            if may_be(fields, kind, plan_id)
        )
        return [
            other.plan
            for other in found
            if other is not None
            and other.plan.kind == kind
            and (plan_id is None or other.plan.id == plan_id)
        ]

    def strategy(self, strategy_id: str) -> Strategy | None:
        """The strategy with this id: among the plans asked about, else beside them."""
        return self.plan_with_id("strategy", strategy_id)

    def plan_with_id(self, kind: str, plan_id: str) -> Plan | None:
        """The plan of `kind` with this id: among the plans asked about, else beside
        them (only the files that may be it are read). The first one wins."""
        found = self._index()[0].get((kind, plan_id))
        if found is None:
            beside = self._neighbours_that_may_be(kind, plan_id)
            found = beside[0] if beside else None
        return found

    def plans_of_kind(self, kind: str) -> list[Plan]:
        """Every plan of `kind`, those asked about first, then those beside them."""
        asked = [other.plan for other in self.plans if other.plan.kind == kind]
        return asked + self._neighbours_that_may_be(kind)

    def first_with_id(self, plan_id: str) -> LoadedPlan:
        """The first plan checked with this id in any letter case (a later one is a
        duplicate: plan ids become folder names, and Windows and macOS ignore case)."""
        return self._index()[1][plan_id.casefold()]

    def _index(self) -> tuple[dict[tuple[str, str], Plan], dict[str, LoadedPlan]]:
        if self._by_id is None:
            first: dict[str, LoadedPlan] = {}
            for loaded in self.plans:
                first.setdefault(loaded.plan.id.casefold(), loaded)
            self._by_id = (_by_kind_and_id(self.plans), first)
        return self._by_id


def _files_in(folder: Path) -> list[Path]:
    """The plan files directly in `folder`, in name order; a symbolic link only when
    it stays inside the folder (one directory listing: no look at each file)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return []
    inside = folder.resolve()
    return [
        Path(folder, entry.name)
        for entry in entries
        if entry.name.endswith(YAML_SUFFIXES)
        and not entry.name.startswith(".")
        and entry.is_file()
        and (not entry.is_symlink() or stays_inside(Path(entry.path), inside))
    ]


def _by_kind_and_id(plans: list[LoadedPlan]) -> dict[tuple[str, str], Plan]:
    """Plans by (kind, id); the first one wins."""
    return {(loaded.plan.kind, loaded.plan.id): loaded.plan for loaded in reversed(plans)}


def is_plan_file(relative: PurePath) -> bool:
    """A YAML file that is not hidden, nor inside a hidden folder."""
    return relative.suffix in YAML_SUFFIXES and not any(
        part.startswith(".") for part in relative.parts
    )


class PlanFiles(NamedTuple):
    files: list[Path]
    """To read."""
    outside: list[Path]
    """Symbolic links (or files in linked folders) that lead out of the workspace:
    never read, so that a planted link cannot put another file's lines in a check's
    output or a CI log."""


def plan_files(paths: Iterable[Path]) -> PlanFiles:
    """Every YAML file named or found below the given paths; hidden entries are skipped.

    The workspace of a path is the folder given, or the folder of a file given; a
    file that resolves to a place outside it is put in `outside` instead. So is a
    path given that is, or goes through, a link out of the folder the link sits in
    (plans -> /elsewhere): its files are not even listed. Finding nothing at all is a
    `UsageError`: an empty workspace is a mistake, not a pass."""
    paths = list(paths)
    files: list[Path] = []
    outside: list[Path] = []
    for path in paths:
        if not path.exists():
            raise UsageError(
                f"{path}: finns inte.",
                hint="Ange en plan eller en mapp med planer.",
                english=(f"{path}: does not exist.", "Name a plan or a folder of plans."),
            )
        if link_out(path) is not None:
            outside.append(path)
            continue
        if path.is_file():
            found = [(path, True)]
            root = path.parent.resolve()
        else:
            found = sorted(entries_below(path), key=lambda found: found[0].parts)
            root = path.resolve()
        for file, linked in found:
            if linked and not stays_inside(file, root):
                outside.append(file)
            elif not linked or file.is_file():
                files.append(file)
    if not files and not outside:
        folders = ", ".join(_shown_folder(path) for path in paths)
        raise UsageError(
            f"Inga planer i {folders or 'arbetsytan'}.",
            hint="En plan är en .yaml-fil; skapa en med dialogkit plan new TYP NAMN.",
            english=(
                f"No plans in {folders or 'the workspace'}.",
                "A plan is a .yaml file; create one with dialogkit plan new KIND NAME.",
            ),
        )
    return PlanFiles(list(dict.fromkeys(files)), list(dict.fromkeys(outside)))


def _shown_folder(path: Path) -> str:
    return f"{path}/" if path.is_dir() and not str(path).endswith(("/", "\\")) else str(path)


def stays_inside(path: Path, root: Path) -> bool:
    """Whether `path`, with every symbolic link on the way followed, is below `root`
    (a resolved folder)."""
    return path.resolve().is_relative_to(root)


def outside_note(path: Path) -> Finding:
    """The note that says a file or folder was left unread because it leads out of
    the workspace."""
    link = link_out(path)
    through = f" ({link})" if link is not None and link != path else ""
    what = Text("mappen", "folder") if path.is_dir() else Text("filen", "file")
    return finding(
        "DK006",
        Text(
            f"Symbolisk länk ut ur arbetsytan{through}; {what.sv} läses inte.",
            f"A symbolic link out of the workspace{through}; the {what.en} is not read.",
        ),
        path,
        hint=Text(
            "Kopiera planen in i mappen som kontrolleras, eller kontrollera den där den ligger.",
            "Copy the plan into the folder being checked, or check it where it lies.",
        ),
    )


def refuse_links_out(paths: Iterable[Path]) -> None:
    """For a command that renders what it reads (build): a path given that leads out
    of the workspace is refused, where a check only notes it."""
    for path in paths:
        if link_out(path) is not None:
            note = outside_note(path)
            message, hint = note.text("en")
            raise UsageError(
                f"{path}: {note.message}", hint=note.hint, english=(f"{path}: {message}", hint)
            )


def load_file(path: Path) -> tuple[LoadedPlan | None, list[Finding]]:
    return _validate(path, _read(path))


def _read(path: Path) -> Source | tuple:
    """The parsed file, or the reading error as a plain (picklable) tuple."""
    try:
        return read_source(path)
    except SourceError as error:
        return (error.code, error.texts, error.line, error.col, error.language)


def _read_plain(path: Path) -> tuple:
    """For a worker process: the data, which pickles cheaply, or the error. The text
    stays behind; the parent reads it again only if a finding needs a position."""
    result = _read(path)
    return ("ok", result.data) if isinstance(result, Source) else result


def _validate(path: Path, read: Source | tuple) -> tuple[LoadedPlan | None, list[Finding]]:
    if not isinstance(read, Source):
        code, texts, line, col, language = read  # texts: message and hint in sv and en
        (sv, sv_hint), (en, en_hint) = texts["sv"], texts["en"]
        hint = Text(sv_hint, en_hint or sv_hint) if sv_hint else None
        place = {"line": line, "col": col, "language": language}
        return None, [finding(code, Text(sv, en), path, hint=hint, **place)]
    from .validation import validate_source  # pydantic: not for --help or a cached check

    source = read
    plan, findings = validate_source(source)
    return (LoadedPlan(source, plan) if plan is not None else None), findings


@contextmanager
def collector_paused():
    """Parsed plans are trees without cycles; the cyclic collector would only rescan
    the growing heap again and again (about a third of the load time). In a one-shot
    process what was loaded is then frozen out of the collector's reach, or the first
    collection after the load scans it all once more (a tenth of a check of 1,000
    plans, during the rules)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if FREEZE_AFTER_LOAD:
                gc.freeze()
            gc.enable()


def freeze_what_is_loaded() -> None:
    """In a one-shot process, put what is loaded so far (the modules) out of the
    collector's reach. A check keeps the collector running while it reads the files
    one by one: what a file leaves behind is small, and some of it has cycles."""
    if FREEZE_AFTER_LOAD:
        gc.freeze()


FREEZE_AFTER_LOAD = False
"""Set by the command line (entry.py), whose process ends after one command. A library
caller's process lives on, and what it lets go of must stay collectable."""


def load_workspace(paths: Iterable[Path]) -> Workspace:
    """Load the plans below `paths`; plans beside a named file are loaded as context."""
    with collector_paused():
        return _load_workspace(list(paths))


PARALLEL_FROM = 200
"""From this many files, parsing is shared between the machine's free cores (workers.py)."""


def _read_many(files: list[Path]) -> list[Source | tuple]:
    from .workers import workers

    count = workers(len(files), at_least=PARALLEL_FROM)
    if count == 1:
        return [_read(path) for path in files]
    import multiprocessing as mp  # 14 ms, only worth it for many files

    with mp.get_context("fork").Pool(count) as pool:
        plain = pool.map(_read_plain, files, chunksize=max(1, len(files) // (count * 4)))
    return [
        Source(path, result[1]) if result[0] == "ok" else result
        for path, result in zip(files, plain, strict=True)
    ]


def _load_workspace(paths: list[Path]) -> Workspace:
    files, outside = plan_files(paths)
    workspace = Workspace(files=files, findings=[outside_note(path) for path in outside])
    for path, read in zip(workspace.files, _read_many(workspace.files), strict=True):
        loaded, findings = _validate(path, read)
        workspace.findings.extend(findings)
        if isinstance(findings, FileFindings) and findings.omitted:
            workspace.omitted[path] = findings.omitted
        if loaded:
            workspace.plans.append(loaded)
    workspace.context_dirs = sorted({path.parent for path in paths if path.is_file()})
    return workspace
