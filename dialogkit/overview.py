"""The internal overview page of a workspace: every plan with its kind, the state of
its schedule, its next dates, cost against budget and check result; what `status`
lists as due; and a link to every file `build` made.

The page is internal (it shows the check's messages, names of those responsible and
costs) and says so at the top and on every printed page; it is never a public
output and does not pass the personal-data gate. The template gets plain data only,
gathered here from the same functions `status`, `cost` and `plan check` use.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from datetime import date
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from .costs import estimate
from .errors import DialogkitError, UsageError
from .findings import Report
from .render.status import SECTIONS, days_text, title, what, window
from .settings import workspace_root
from .site import PageFile, html_environment, stylesheet
from .status import due_items
from .templating import environment, render, template_dirs
from .theme import folder_theme
from .words import label, words
from .workspace import LoadedPlan, Workspace

NEXT_DATES = 3
"""How many of a plan's coming dates the page shows."""

FINISHED = ("done", "cancelled")
"""The statuses of an item that is no longer a date to come."""

STATUS_ORDER = ("held", "done", "ongoing", "booked", "planned", "cancelled")
"""The order a plan's statuses are counted in: what is done first."""


def overview_folder(language: str) -> str:
    """The overview's folder beside the plans' folders: `oversikt`, `overview`."""
    return words(language)["folder.overview"]


def refuse_plan_in_overview_folder(workspace: Workspace, folder: str) -> None:
    """A plan whose id is the overview's folder name would share its folder with the
    overview: refused before anything is made, like two plans with one id."""
    for loaded in workspace.plans:
        if loaded.plan.id.casefold() == folder.casefold():
            raise UsageError(
                f"{loaded.path}: plan-id '{loaded.plan.id}' är namnet på översiktssidans "
                "mapp; planens filer skulle hamna i samma mapp. Inget har skrivits.",
                hint="Ge planen ett annat id.",
                english=(
                    f"{loaded.path}: the plan id '{loaded.plan.id}' is the name of the "
                    "overview page's folder; the plan's files would end up in the same "
                    "folder. Nothing has been written.",
                    "Give the plan another id.",
                ),
            )


def overview_page(
    workspace: Workspace,
    report: Report,
    today: date,
    outputs: Iterable[PurePosixPath | str],
    *,
    place: Path,
    language: str,
    templates: Path | None = None,
) -> list[PageFile]:
    """The overview (`index.html`) and its stylesheet, for a folder beside the plans'
    output folders: `outputs` are relative to their common folder and linked as
    `../PLAN/...`. `place` is the workspace's plans folder (or a plan in it): its
    templates and theme are used, after `templates`."""
    data = overview_data(workspace, report, today, outputs, place=place, language=language)
    base = environment(template_dirs(workspace_root(place), templates), language)
    env = html_environment(base)
    page = render(env, f"{language}/site/overview.html.j2", **data)
    return [
        PageFile("index.html", page),
        PageFile("style.css", stylesheet(env, None, folder_theme(_folder(place)))),
    ]


def workspace_site(
    folder: Path, *, today: date, templates: Path | None = None, strict: bool = False
) -> tuple[list[PageFile], Report]:
    """`dialogkit site FOLDER`: each dialogue project's page in a folder named by its
    id (the files `dialogkit site PLAN --out DIR/PLAN-ID` writes), and the overview
    beside them, linking to those pages; with the check, for the draft note. Refused
    like `build` when a plan does not load, or with `strict` when one has errors."""
    from .checking import check_workspace, draft_marks
    from .products import Request, make
    from .settings import workspace_language
    from .workspace import load_workspace

    workspace = load_workspace([folder])
    report = check_workspace(workspace)
    drafts = draft_marks(workspace, report, strict=strict)
    language = workspace_language(folder)
    overview = overview_folder(language)
    refuse_plan_in_overview_folder(workspace, overview)
    files = []
    for loaded in workspace.plans:
        if "site" not in loaded.plan.PRODUCTS:
            continue
        plan_id = loaded.plan.id
        request = Request(templates=templates, place=f"{plan_id}/", draft=drafts.get(loaded.path))
        made = make("site", loaded, request)
        files += [PageFile(f"{plan_id}/{file.name}", file.content) for file in made.files]
    page = overview_page(
        workspace,
        report,
        today,
        [file.name for file in files],
        place=folder,
        language=language,
        templates=templates,
    )
    return files + [PageFile(f"{overview}/{file.name}", file.content) for file in page], report


def overview_data(
    workspace: Workspace,
    report: Report,
    today: date,
    outputs: Iterable[PurePosixPath | str],
    *,
    place: Path,
    language: str,
) -> dict:
    """What the overview template shows, as plain data."""
    files: dict[str, list[PurePosixPath]] = {}
    for output in outputs:
        path = PurePosixPath(output)
        files.setdefault(path.parts[0], []).append(path)
    root = workspace_root(place) or _folder(place)
    plans = [
        plan_data(loaded, report, today, files.get(loaded.plan.id, []), root, language)
        for loaded in workspace.plans
    ]
    return {
        "today": today,
        "plans": plans,
        "due": due_data(workspace, today, language),
        "outputs": sum(len(paths) for paths in files.values()),
    }


def plan_data(
    loaded: LoadedPlan,
    report: Report,
    today: date,
    outputs: list[PurePosixPath],
    root: Path,
    language: str,
) -> dict:
    plan = loaded.plan
    findings = [f for f in report.sorted() if f.file == loaded.path]
    return {
        "id": plan.id,
        "title": plan.display_title,
        "kind": words(language)[f"kind.{plan.kind}"],
        "file": _relative(loaded.path, root),
        "status": status_counts(plan, language),
        "next": next_dates(plan, today, language),
        "cost": cost_data(plan, language),
        "errors": [_finding(f, language) for f in findings if f.is_error],
        "warnings": [_finding(f, language) for f in findings if f.is_warning],
        "outputs": output_groups(outputs),
    }


def status_counts(plan, language: str) -> list[dict]:
    """How many of the plan's tasks, dialogues or activities have each status: the
    plan kinds have no status of their own. Empty for a plan without a schedule."""
    counts = Counter(item.status for item in _schedule(plan))
    order = [s for s in STATUS_ORDER if s in counts] + sorted(set(counts) - set(STATUS_ORDER))
    return [{"status": label(s, language), "count": counts[s]} for s in order]


def next_dates(plan, today: date, language: str) -> list[dict]:
    """The plan's next items from `today` on (not those done or cancelled), by date."""
    coming = sorted(
        (s for s in _schedule(plan) if s.start >= today and s.status not in FINISHED),
        key=lambda s: (s.start, s.title),
    )
    w = words(language)
    return [
        {
            "day": s.start.isoformat(),
            "what": w[f"status.{s.kind}"].format(title=s.title)
            + (f" – {s.title}" if "dialogue" in s.kind else ""),
            "status": label(s.status, language),
        }
        for s in coming[:NEXT_DATES]
    ]


def cost_data(plan, language: str) -> dict | None:
    """A dialogue project's estimate (as `dialogkit cost` makes it) against its
    budget; None for a plan kind without costs. A plan whose estimate cannot be
    made gives the reason instead of a figure."""
    if plan.kind != "dialogue_project":
        return None
    try:
        cost = estimate(plan)
    except DialogkitError as error:
        return {"problem": error.in_language(language)[0], "total": None, "budget": None}
    return {"problem": None, "total": cost.total, "budget": cost.budget}


def output_groups(outputs: list[PurePosixPath]) -> list[dict]:
    """A plan's files by folder within the plan's folder ("" for the folder itself),
    each with its link from the overview's folder."""
    groups: dict[str, list[dict]] = {}
    for path in outputs:
        folder = "/".join(path.parts[1:-1])
        href = "../" + quote(path.as_posix())
        groups.setdefault(folder, []).append({"name": path.name, "href": href})
    return [{"folder": folder, "files": files} for folder, files in groups.items()]


def due_data(workspace: Workspace, today: date, language: str) -> dict:
    """What `dialogkit status` lists (status.due_items, its default window), in the
    words `status` uses."""
    due = due_items(workspace, today)
    w = words(language)
    headings = {
        "overdue": w["status.overdue"],
        "lead_time": w["status.lead_time"],
        "due": w["status.due"].format(days=window(due, language)),
        "next": w["status.next"],
    }
    sections = [
        {
            "id": section.replace("_", "-"),
            "heading": headings[section],
            "rows": [
                {
                    "day": item.day.isoformat(),
                    "days": days_text(item, today, language),
                    "what": what(item, language),
                    "plan": item.plan,
                    "dialogue": item.dialogue or "",
                    "responsible": ", ".join(item.responsible),
                }
                for item in getattr(due, section)
            ],
        }
        for section in SECTIONS
    ]
    return {
        "title": title(due, language),
        "sections": [s for s in sections if s["rows"]],
        "unread": [str(path) for path in due.unread],
    }


def _schedule(plan) -> list:
    return plan.schedule() if hasattr(plan, "schedule") else []


def _finding(finding, language: str) -> dict:
    return {"code": finding.code, "message": finding.text(language)[0], "line": finding.line}


def _relative(path: Path, root: Path) -> str:
    try:
        return Path(os.path.relpath(path.resolve(), root.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return path.name


def _folder(place: Path) -> Path:
    return place if place.is_dir() else place.parent
