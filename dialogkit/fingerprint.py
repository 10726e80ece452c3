"""What a plan's products are made from, as one digest: `build` makes a plan's
products again only when it changed (see build.py).

The digest covers the plan file; the plans its products read (a local plan's
strategy, a strategy's local plans, the dialogue projects an implementation plan
draws on; every plan for a kind not known here); the workspace's dialogkit.toml and
`templates/` (reference.docx too) of each of those plans; the Kolada cache of each
local plan among them; the draft mark, the language, `--today`, the day (or
SOURCE_DATE_EPOCH) the files are stamped with; and dialogkit itself: its version,
the names, sizes and times of its installed files and built-in templates, and
whether PDFs and charts can be made. Anything else that changes gives another digest
at worst, never the same one.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .version import __version__, installed_files

if TYPE_CHECKING:
    from .workspace import LoadedPlan, Workspace

READS = {"dialogue_project": (), "communication_plan": ()}
"""Plan kinds whose products read no other plan; the others are listed in `_read`."""


def _digest(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@functools.cache
def dialogkit_fingerprint() -> str:
    """dialogkit's version, its installed files and built-in templates (names, sizes
    and modification times: cheap, and any reinstall or edit changes them), the
    Python it runs on, and whether it can make PDFs and charts."""
    from . import charts, pdf
    from .templating import builtin_templates_dir

    files = installed_files(builtin_templates_dir().resolve())
    return _digest(
        {
            "version": __version__,
            "python": sys.version,
            "files": files,
            "pdf": pdf.available() is None,
            "charts": charts.available(),
        }
    )


def folder_digest(folder: Path) -> str | None:
    """The names and bytes of the files below `folder`; None when it is not there."""
    if not folder.is_dir():
        return None
    found = []
    for path in sorted(folder.rglob("*")):
        try:
            if path.is_file():
                found.append((path.relative_to(folder).as_posix(), file_digest(path)))
        except OSError:
            found.append((path.relative_to(folder).as_posix(), "unreadable"))
    return _digest(found)


def file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


class Fingerprints:
    """The digests of one build, sharing what the plans have in common (their
    workspace, the Kolada cache, the plan files they read)."""

    def __init__(self, workspace: Workspace, *, today: date, language: str) -> None:
        from . import clock

        self.workspace = workspace
        stamped = os.environ.get("SOURCE_DATE_EPOCH") or clock.now().date().isoformat()
        self.shared = _digest(
            {
                "dialogkit": dialogkit_fingerprint(),
                "today": today.isoformat(),
                "language": language,
                "stamped": stamped,
            }
        )

    def of(self, loaded: LoadedPlan, draft: str | None) -> str:
        """The digest of everything the products of `loaded` are made from."""
        plans = [loaded, *self._read(loaded)]
        return _digest(
            {
                "shared": self.shared,
                "draft": draft,
                "plans": [
                    (p.plan.kind, p.plan.id, str(p.path.resolve()), self._file(p.path))
                    for p in plans
                ],
                "workspaces": sorted(
                    {self._workspace(p.path) for p in plans}, key=lambda w: json.dumps(w)
                ),
                "kolada": sorted(
                    {self._kolada(p.path) or "" for p in plans if p.plan.kind == "local_plan"}
                ),
            }
        )

    def _read(self, loaded: LoadedPlan) -> list[LoadedPlan]:
        """The other plans the products of `loaded` may read."""
        plan = loaded.plan
        if plan.kind in READS:
            return []
        everyone = [*self.workspace.plans, *self.workspace.context]
        if plan.kind == "local_plan":
            wanted = [o for o in everyone if o.plan.kind == "strategy"]
            return [o for o in wanted if o.plan.id == plan.strategy]
        if plan.kind == "strategy":
            wanted = [o for o in everyone if o.plan.kind == "local_plan"]
            return [o for o in wanted if o.plan.strategy == plan.id]
        if plan.kind == "implementation_plan":
            return [o for o in everyone if o.plan.kind == "dialogue_project"]
        return [o for o in everyone if o is not loaded]  # not known here: every plan

    @functools.cache  # noqa: B019  (one object per build)
    def _file(self, path: Path) -> str | None:
        return file_digest(path)

    @functools.cache  # noqa: B019
    def _workspace(self, path: Path) -> tuple:
        """The dialogkit.toml and the templates/ of the plan's workspace."""
        from .settings import WORKSPACE_MARKER, workspace_root

        root = workspace_root(path)
        if root is None:
            return ("", None, None)
        return (str(root), file_digest(root / WORKSPACE_MARKER), self._folder(root / "templates"))

    @functools.cache  # noqa: B019
    def _kolada(self, path: Path) -> str | None:
        from .keyfigures import cache_folder

        return self._folder(cache_folder(path))

    @functools.cache  # noqa: B019
    def _folder(self, folder: Path) -> str | None:
        return folder_digest(folder)
