"""Check each plan file alone, and give the rules across plans the summaries.

`check` (checking.py) runs the rules about one plan while each file is read (here, in
worker processes when that pays) and keeps only what they found and the plan's summary
(summary.py); `Summaries` is the workspace the rules across plans then see.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from functools import partial
from pathlib import Path

from .check_cache import CheckCache, FileResult
from .rules import run_rules
from .summary import revive, summarize
from .workspace import PARALLEL_FROM, LoadedPlan, Workspace, collector_paused, load_file
from .yamlsource import Source, SourceError, read_tracked


class Summaries(Workspace):
    """A checked workspace seen through its plans' summaries (summary.py), for the rules
    across plans: a neighbour a lookup may need is taken from the check cache, or
    checked alone, and summarised too."""

    def __init__(self, *, store: CheckCache | None = None, **fields) -> None:
        super().__init__(**fields)
        self.store = store

    def _neighbour(self, path: Path) -> LoadedPlan | None:
        if path not in self._read:
            result = self.store.get(path) if self.store else None
            if result is None:
                with collector_paused():
                    result = check_file(path, self.today)
                if self.store:
                    self.store.put(path, result)
            summary = result.summary
            self._read[path] = summary and LoadedPlan(
                Reread(path), result.revived or revive(summary)
            )
        return self._read[path]


class Reread:
    """A file's source for a finding of a rule across plans: read again, and only
    when there is such a finding (its positions and the ids in its key path)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._source: Source | None = None

    def _read(self) -> Source:
        if self._source is None:
            try:
                self._source = read_tracked(self.path)
            except SourceError:  # changed since it was checked: no better place to give
                self._source = Source(self.path, None, "")
        return self._source

    @property
    def data(self):
        return self._read().data

    def position(self, path, *, prefer_key: bool = False):
        return self._read().position(path, prefer_key=prefer_key)


def check_file(path: Path, today: date) -> FileResult:
    """The file checked alone: its reading and validation findings and those of the
    rules about the plan alone, with the plan's summary. Picklable, for a worker."""
    loaded, findings = load_file(path)
    omitted = Counter(getattr(findings, "omitted", {}))
    if loaded is None:
        return FileResult(list(findings), omitted, None)
    alone = Workspace.around(loaded)
    alone.today = today
    own = run_rules(loaded, alone, across=False)
    omitted.update(own.omitted)
    return FileResult([*findings, *own], omitted, summarize(loaded.plan), len(own))


def check_files(files: list[Path], today: date) -> Iterator[FileResult]:
    """`check_file` of each, in order, in worker processes when that pays (workers.py)."""
    from .workers import workers

    count = workers(len(files), at_least=PARALLEL_FROM)
    if count == 1:
        yield from (check_file(path, today) for path in files)
        return
    import multiprocessing as mp  # 14 ms, only worth it for many files

    with mp.get_context("fork").Pool(count) as pool:
        chunk = max(1, min(50, len(files) // (count * 4)))
        yield from pool.imap(partial(check_file, today=today), files, chunksize=chunk)
