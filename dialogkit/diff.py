"""`plan diff`: what changed between two git revisions of the plans, in sentences a
reviewer of a merge request can read: "Dialog Sala flyttad från 13 april till 20 april".
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from datetime import date
from pathlib import Path, PurePosixPath

from pydantic import BaseModel

from .errors import UsageError
from .formatting import format_date, format_money
from .links import link_out
from .model import CommunicationPlan, DialogueProject, LocalPlan, Plan, Strategy
from .validation import validate_source
from .words import label, words
from .workspace import is_plan_file
from .yamlsource import SourceError, parse_text

WORKTREE = None  # the files on disk, as opposed to a revision


@dataclass(frozen=True)
class Change:
    file: str
    message: str
    kind: str = "changed"
    """added, removed, changed or invalid."""
    field: str | None = None
    """For a change of one of the plan's own fields: its key, and its old and new
    values as JSON data."""
    old: object = None
    new: object = None

    def to_dict(self) -> dict:
        return asdict(self)


def git(*args: str, cwd: Path) -> str:
    try:
        result = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            encoding="utf-8",  # plans are UTF-8; Windows' code page is not
            errors="replace",
            check=False,
        )
    except FileNotFoundError:
        raise UsageError(
            "git finns inte på den här datorn.",
            english=("git is not installed on this computer.", None),
        ) from None
    if result.returncode != 0:
        said = result.stderr.strip().splitlines()[-1:] if result.stderr.strip() else []
        command = f"git {' '.join(args[:2])}"
        raise UsageError(
            f"{command}: {said[0] if said else 'git-fel'}",
            english=(f"{command}: {said[0] if said else 'git error'}", None),
        )
    return result.stdout


def repository_root(start: Path) -> Path:
    try:
        return Path(git("rev-parse", "--show-toplevel", cwd=start).strip())
    except UsageError:
        raise UsageError(
            f"{start.resolve()} ligger inte i ett git-repo.",
            hint="Kör git init först.",
            english=(f"{start.resolve()} is not in a git repository.", "Run git init first."),
        ) from None


def is_revision(text: str, root: Path) -> bool:
    try:
        git("rev-parse", "--verify", "--quiet", f"{text}^{{commit}}", cwd=root)
        return True
    except UsageError:
        return False


def arguments(args: list[str], root: Path) -> tuple[str, str | None, list[str]]:
    """`[REV [REV2]] [PATH...]` as (old revision, new revision or WORKTREE, paths
    relative to the repository). An argument that is neither a revision nor a path
    git knows is a `UsageError`, not an empty diff. No paths: the workspace's plans/."""
    revisions: list[str] = []
    given: list[str] = []
    for arg in args:
        if not given and len(revisions) < 2 and not Path(arg).exists() and is_revision(arg, root):
            revisions.append(arg)
        else:
            given.append(arg)
    old = revisions[0] if revisions else "HEAD"
    new = revisions[1] if len(revisions) > 1 else WORKTREE
    if not revisions and not is_revision(old, root):
        raise UsageError(
            "Det finns ingen incheckning att jämföra med.",
            hint="Checka in planerna först: git add plans && git commit.",
            english=(
                "There is no commit to compare with.",
                "Commit the plans first: git add plans && git commit.",
            ),
        )
    paths = [_in_repository(Path(arg), root) for arg in given]
    for arg, path in zip(given, paths, strict=True):
        if not Path(arg).exists() and not any(
            git("ls-tree", "-r", "--name-only", revision, "--", path, cwd=root).strip()
            for revision in (old, new)
            if revision is not WORKTREE
        ):
            raise UsageError(
                f"'{arg}' är varken en version i git-historiken eller en fil.",
                hint="Se versionerna med git log --oneline (t.ex. HEAD~1 eller en commit-hash).",
                english=(
                    f"'{arg}' is neither a version in the git history nor a file.",
                    "See the versions with git log --oneline (e.g. HEAD~1 or a commit hash).",
                ),
            )
    if not paths:
        from .settings import default_plans

        paths = [_in_repository(default_plans(), root)]
    return old, new, paths


def _in_repository(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise UsageError(
            f"{path} ligger utanför git-repot {root}.",
            english=(f"{path} lies outside the git repository {root}.", None),
        ) from None


def plan_texts(root: Path, revision: str | None, paths: list[str]) -> dict[str, str]:
    """{repository-relative path: text} for the plans in `revision` (or on disk)."""
    if revision is WORKTREE:
        tracked = git(
            "ls-files", "--cached", "--others", "--exclude-standard", "--", *paths, cwd=root
        ).splitlines()
        return {
            name: (root / name).read_text("utf-8", errors="replace")
            for name in tracked
            if is_plan_file(PurePosixPath(name))
            and (root / name).is_file()
            and link_out(root / name) is None  # never read what a link leads to outside
        }
    names = git("ls-tree", "-r", "--name-only", revision, "--", *paths, cwd=root).splitlines()
    return {
        name: git("show", f"{revision}:{name}", cwd=root)
        for name in names
        if is_plan_file(PurePosixPath(name))
    }


def _load(text: str, name: str, language: str) -> tuple[Plan | None, str | None]:
    """The plan, or the reason it cannot be read (in `language`)."""
    line = words(language)["diff.line"]
    try:
        source = parse_text(text, Path(name))
    except SourceError as error:
        message = error.in_language(language).message
        return None, line.format(line=error.line, message=message)
    plan, findings = validate_source(source)
    if plan is None:
        first = findings[0]
        return None, line.format(line=first.line, message=first.text(language)[0])
    return plan, None


def diff(
    root: Path,
    old_revision: str = "HEAD",
    new_revision: str | None = WORKTREE,
    paths: list[str] | None = None,
    language: str = "sv",
) -> list[Change]:
    """The changes to the plans below `paths`, each in its plan's language; that a plan
    cannot be read is said in `language` (the command line's)."""
    w = words(language)
    old = plan_texts(root, old_revision, paths or [])
    new = plan_texts(root, new_revision, paths or [])
    changes: list[Change] = []
    for name in sorted(set(old) | set(new)):
        if old.get(name) == new.get(name):
            continue
        before, before_problem = _load(old[name], name, language) if name in old else (None, None)
        after, after_problem = _load(new[name], name, language) if name in new else (None, None)
        for problem, revision in (
            (before_problem, old_revision),
            (after_problem, new_revision or w["diff.worktree"]),
        ):
            if problem:
                message = w["diff.invalid"].format(revision=revision, problem=problem)
                changes.append(Change(name, message, "invalid"))
        if before_problem or after_problem:
            continue
        if before is None:
            title = _title(after)
            changes.append(Change(name, _say(after, "diff.plan_added", title=title), "added"))
        elif after is None:
            title = _title(before)
            changes.append(Change(name, _say(before, "diff.plan_removed", title=title), "removed"))
        else:
            changes += [
                replace(change, file=name) if isinstance(change, Change) else Change(name, change)
                for change in compare(before, after)
            ]
    return changes


def _say(plan: Plan, key: str, **values: object) -> str:
    """The sentence `key` about `plan`, in the plan's language."""
    return words(plan.language)[key].format(**values)


def _title(plan: Plan) -> str:
    return getattr(plan, "title", None) or getattr(plan, "project", None) or plan.id


def compare(old: Plan, new: Plan) -> list[str | Change]:
    """Sentences for what differs between two versions of one plan, in the new
    version's language; a change of one of the plan's own fields is a `Change` with
    its old and new values."""
    if type(old) is not type(new):
        return [_say(new, "diff.kind_changed", old=old.kind, new=new.kind)]
    comparer = {
        DialogueProject: _project,
        CommunicationPlan: _communication,
        LocalPlan: _local,
        Strategy: _strategy,
    }[type(old)]
    messages: list[str | Change] = list(comparer(old, new))
    handled = HANDLED[type(old)]
    for field in type(old).model_fields:
        if field not in handled and getattr(old, field) != getattr(new, field):
            messages.append(_field_change(old, new, field))
    return messages


def _field_change(old: Plan, new: Plan, field: str) -> Change:
    """ "Titel ändrad från ”A” till ”B”.", in the new version's language."""
    w = words(new.language)
    changed = w.get(f"diff.field.{field}") or w["diff.unnamed"].format(field=field)
    before, after = (_in_words(getattr(plan, field), new.language) for plan in (old, new))
    message = w["diff.from_to"].format(changed=changed, old=before, new=after)
    values = [plan.model_dump(mode="json", include={field}).get(field) for plan in (old, new)]
    return Change("", message, field=field, old=values[0], new=values[1])


def _in_words(value: object, language: str) -> str:
    """A field's value for a sentence: quoted and shortened text, a date in words,
    the plan's values (`in_person`) in words."""
    w = words(language)
    if value is None or value == []:
        return w["diff.empty"]
    if isinstance(value, bool):
        return w["yes"] if value else w["no"]
    if isinstance(value, date):
        return format_date(value, language, weekday=False)
    if isinstance(value, int | float):
        return f"{value:g}"
    return w["diff.quoted"].format(text=_short(_plain(value, language)))


def _plain(value: object, language: str) -> str:
    if isinstance(value, BaseModel):
        parts = (getattr(value, name) for name in type(value).model_fields)
        shown = (part for part in parts if part not in (None, []) and not isinstance(part, bool))
        return ", ".join(_plain(part, language) for part in shown)
    if isinstance(value, list | tuple):
        return ", ".join(_plain(item, language) for item in value)
    if isinstance(value, date):
        return format_date(value, language, weekday=False)
    if isinstance(value, bool):
        return words(language)["yes" if value else "no"]
    return label(str(value), language)


def _matched(old_items, new_items, key) -> tuple[list, list, list[tuple]]:
    """Items only in the new version, items only in the old one, and (old, new) pairs
    of those in both, matched by `key` and each in the plan's own order."""
    before = {key(item): item for item in old_items}
    after = {key(item): item for item in new_items}
    added = [item for k, item in after.items() if k not in before]
    removed = [item for k, item in before.items() if k not in after]
    kept = [(before[k], item) for k, item in after.items() if k in before]
    return added, removed, kept


def _names(values, language: str) -> str:
    return ", ".join(values) or words(language)["diff.nobody"]


def _day(old_day, new_day, language: str) -> tuple[str, str]:
    """ "13 april", or "13 april 2021" when the year changes too."""
    texts = [format_date(day, language, weekday=False) for day in (old_day, new_day)]
    if old_day.year == new_day.year:
        texts = [text.rsplit(" ", 1)[0] for text in texts]
    return texts[0], texts[1]


def _project(old: DialogueProject, new: DialogueProject) -> Iterator[str]:
    from .costs import estimate, missing_formats

    language = new.language
    w = words(language)
    names = {m.id: m.name for m in (*old.members, *new.members)}
    added, removed, kept = _matched(old.dialogues, new.dialogues, lambda d: d.id)
    for d in added:
        when = format_date(d.date, language, weekday=False)
        yield w["diff.dialogue.added"].format(municipality=d.municipality, date=when)
    for d in removed:
        yield w["diff.dialogue.removed"].format(municipality=d.municipality)
    for a, b in kept:
        where = w["diff.dialogue"].format(municipality=b.municipality)
        if a.date != b.date:
            frm, to = _day(a.date, b.date, language)
            yield w["diff.moved"].format(what=where, old=frm, new=to)
        if (a.start, a.end) != (b.start, b.end):
            yield w["diff.dialogue.time"].format(
                what=where,
                old=f"{a.start:%H.%M}–{a.end:%H.%M}",
                new=f"{b.start:%H.%M}–{b.end:%H.%M}",
            )
        if a.format != b.format:
            yield w["diff.dialogue.format"].format(
                what=where, old=label(a.format, language), new=label(b.format, language)
            )
        if a.venue != b.venue and b.venue is not None:
            renamed = a.venue is None or a.venue.name != b.venue.name
            key = "diff.dialogue.venue" if renamed else "diff.dialogue.venue_details"
            yield w[key].format(what=where, venue=b.venue.name)
        if a.status != b.status:
            yield f"{where}: {label(a.status, language)} → {label(b.status, language)}."
        if a.members != b.members:
            added = [names.get(m, m) for m in b.members if m not in a.members]
            removed = [names.get(m, m) for m in a.members if m not in b.members]
            parts = [f"+{n}" for n in added] + [f"−{n}" for n in removed]
            changes = " ".join(parts) or w["diff.dialogue.reordered"]
            yield w["diff.dialogue.members"].format(what=where, changes=changes)
        if a.outcome != b.outcome:
            yield w["diff.dialogue.outcome"].format(what=where)
        if a.digital != b.digital and b.digital is not None:
            yield w["diff.dialogue.digital"].format(what=where)
    added, removed, _ = _matched(old.members, new.members, lambda m: m.id)
    for m in added:
        key = "diff.member.added_from" if m.municipality else "diff.member.added"
        yield w[key].format(name=m.name, municipality=m.municipality)
    for m in removed:
        yield w["diff.member.removed"].format(name=m.name)
    for name in [m for m in new.municipalities if m not in old.municipalities]:
        yield w["diff.municipality.added"].format(name=name)
    for name in [m for m in old.municipalities if m not in new.municipalities]:
        yield w["diff.municipality.removed"].format(name=name)
    if old.questions != new.questions:
        yield w["diff.questions"]
    if not missing_formats(old) and not missing_formats(new):
        before_total, after_total = estimate(old).total, estimate(new).total
        if before_total != after_total:
            delta = after_total - before_total
            sign = "+" if delta > 0 else "−"
            yield w["diff.cost"].format(
                change=f"{sign}{format_money(abs(delta), language)}",
                total=format_money(after_total, language),
            )
    if old.costs.budget != new.costs.budget and new.costs.budget is not None:
        yield w["diff.budget"].format(amount=format_money(new.costs.budget, language))
    yield from _tasks(old.timeline, new.timeline, "task", lambda t: t.task, "responsible", language)


def _tasks(old_items, new_items, word: str, name, who_field: str, language: str) -> Iterator[str]:
    """Added, removed, moved, re-assigned and re-statused tasks or activities (`word`:
    "task" or "activity")."""
    w = words(language)

    def key(item):
        return getattr(item, "id", None) or name(item)

    added, removed, kept = _matched(old_items, new_items, key)
    for item in added:
        yield w[f"diff.{word}.added"].format(name=_short(name(item)), when=item.when)
    for item in removed:
        yield w[f"diff.{word}.removed"].format(name=_short(name(item)))
    for a, b in kept:
        title = w[f"diff.{word}"].format(name=_short(name(b)))
        if getattr(a, who_field) != getattr(b, who_field):
            yield w["diff.responsible"].format(
                what=title,
                old=_names(getattr(a, who_field), language),
                new=_names(getattr(b, who_field), language),
            )
        if (a.when.start, a.when.end) != (b.when.start, b.when.end):
            yield w["diff.moved"].format(what=title, old=a.when, new=b.when)
        if a.status != b.status:
            yield f"{title}: {label(a.status, language)} → {label(b.status, language)}."
        hours = (getattr(a, "hours", None), getattr(b, "hours", None))
        if hours[0] != hours[1]:
            yield w["diff.hours"].format(what=title, old=hours[0] or 0, new=hours[1] or 0)


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _communication(old: CommunicationPlan, new: CommunicationPlan) -> Iterator[str]:
    language = new.language
    w = words(language)
    yield from _tasks(
        old.activities, new.activities, "activity", lambda a: a.id, "responsible", language
    )
    added, removed, kept = _matched(old.target_groups, new.target_groups, lambda g: g.id)
    for group in added:
        yield w["diff.group.added"].format(name=group.name)
    for group in removed:
        yield w["diff.group.removed"].format(name=group.name)
    for a, b in kept:
        if a != b:
            yield w["diff.group.changed"].format(name=b.name)
    if old.key_message != new.key_message:
        yield w["diff.key_message"]


def _local(old: LocalPlan, new: LocalPlan) -> Iterator[str]:
    language = new.language
    w = words(language)
    yield from _tasks(
        old.activities, new.activities, "activity", lambda a: a.id, "by_whom", language
    )
    added, _, kept = _matched(old.follow_ups, new.follow_ups, lambda f: f.year)
    for follow_up in added:
        yield w["diff.follow_up.added"].format(year=follow_up.year)
    for a, b in kept:
        if a != b:
            yield w["diff.follow_up.changed"].format(year=b.year)
    old_figures = {figure.kolada_id: figure for figure in old.key_figures}
    for figure in new.key_figures:
        previous = old_figures.get(figure.kolada_id)
        for year, value in sorted(figure.values.items()):
            if previous is None or previous.values.get(year) != value:
                yield w["diff.key_figure"].format(
                    id=figure.kolada_id, year=year, value=f"{value:g}"
                )
    if old.self_assessment != new.self_assessment:
        yield w["diff.self_assessment"]


def _strategy(old: Strategy, new: Strategy) -> Iterator[str]:
    w = words(new.language)
    added, removed, kept = _matched(old.sub_goals, new.sub_goals, lambda g: g.id)
    for goal in added:
        yield w["diff.sub_goal.added"].format(id=goal.id, title=goal.title)
    for goal in removed:
        yield w["diff.sub_goal.removed"].format(id=goal.id, title=goal.title)
    for a, b in kept:
        if a != b:
            yield w["diff.sub_goal.changed"].format(id=b.id, title=b.title)


HANDLED = {
    DialogueProject: {"dialogues", "members", "municipalities", "questions", "costs", "timeline"},
    CommunicationPlan: {"activities", "target_groups", "key_message"},
    LocalPlan: {"activities", "follow_ups", "key_figures", "self_assessment"},
    Strategy: {"sub_goals"},
}
