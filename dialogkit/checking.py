"""`check`: load the plans below some paths, validate them and run every rule."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .check_cache import CheckCache
from .checkfiles import Reread, Summaries, check_files
from .errors import PlanInvalidError, UsageError
from .findings import Report, Severity
from .rules import run_rules
from .summary import revive, summarize
from .templating import and_list
from .words import words
from .workspace import (
    LoadedPlan,
    Workspace,
    freeze_what_is_loaded,
    load_workspace,
    outside_note,
    plan_files,
)


def check(paths: Iterable[Path], today: date | None = None, *, cache: bool = True) -> Report:
    """Check every plan below `paths`, with the rules about dates asking about `today`
    (the real date if None); raise `UsageError` if a path does not exist.

    Each file is checked alone (in worker processes when that pays), or taken from the
    check cache when its bytes are unchanged (`cache`, check_cache.py); only its
    findings and summary are kept. The rules across plans then run on the summaries
    (summary.py). So memory stays small for any number of plans, and a re-check reads
    again only what changed."""
    paths = list(paths)
    files, outside = plan_files(paths)
    today = today or date.today()
    store = CheckCache.for_files(files, today) if cache else None
    results = {path: store.get(path) for path in files} if store else dict.fromkeys(files)
    todo = [path for path, result in results.items() if result is None]
    freeze_what_is_loaded()  # the modules: the collector runs, on what each file leaves
    for path, result in zip(todo, check_files(todo, today), strict=True):
        results[path] = result
        if store:
            store.put(path, result)
    report = Report(findings=[outside_note(path) for path in outside], files_checked=len(files))
    for path, result in results.items():
        report.findings.extend(result.findings)
        if result.omitted:
            report.omitted.setdefault(path, Counter()).update(result.omitted)
    summaries = Summaries(
        plans=[
            LoadedPlan(Reread(path), result.revived or revive(result.summary))
            for path, result in results.items()
            if result.summary is not None
        ],
        files=files,
        context_dirs=sorted({path.parent for path in paths if path.is_file()}),
        today=today,
        store=store,
    )
    _run_across(summaries, report, {path: result.by_rules for path, result in results.items()})
    if store:
        store.save()
    return report


def check_workspace(workspace: Workspace) -> Report:
    """Check a workspace whose plans are loaded (for the commands that then render
    them): the rules about each plan alone on its model, the rules across plans on
    the summaries, as `check` runs them."""
    report = Report(
        findings=list(workspace.findings),
        files_checked=len(workspace.files),
        omitted={path: counts.copy() for path, counts in workspace.omitted.items()},
    )
    made = {}
    for loaded in workspace.plans:
        own = run_rules(loaded, workspace, across=False)
        made[loaded.path] = len(own)
        report.extend(own)
    summaries = Summaries(
        plans=[
            LoadedPlan(loaded.source, revive(summarize(loaded.plan))) for loaded in workspace.plans
        ],
        files=workspace.files,
        context_dirs=workspace.context_dirs,
        today=workspace.today,
    )
    _run_across(summaries, report, made)
    return report


def _run_across(summaries: Summaries, report: Report, made: dict[Path, int]) -> None:
    """The rules across plans, each plan's within what its other rules left of the cap."""
    for loaded in summaries.plans:
        found = run_rules(loaded, summaries, across=True, made=made[loaded.path])
        report.findings.extend(found)
        if found.omitted:
            report.omitted.setdefault(loaded.path, Counter()).update(found.omitted)


@dataclass(frozen=True)
class CheckedPlan:
    """A plan that loads into the model, and its check: it may still break rules."""

    loaded: LoadedPlan
    report: Report
    """The plan's check, with the findings of the plans it draws on (`input_plans`)."""
    inputs: tuple[Path, ...] = ()

    @property
    def errors(self) -> int:
        """The plan's errors and its inputs': with any, its outputs are drafts."""
        return sum(plan_errors(self.report, path) for path in (self.loaded.path, *self.inputs))

    @property
    def mark(self) -> str | None:
        """ "UTKAST – planen har 2 fel", in the plan's language; None without errors."""
        from .products.draft import draft_mark

        own = plan_errors(self.report, self.loaded.path)
        return draft_mark(own, self.loaded.plan.language, inputs=self.errors - own)


def input_plans(loaded: LoadedPlan, plans: Iterable[LoadedPlan]) -> list[LoadedPlan]:
    """The plans among `plans` that documents made from `loaded` read: a local plan's
    strategy, a strategy's local plans. Their errors make those documents drafts."""
    return [other for other in plans if other is not loaded and loaded.plan.draws_on(other.plan)]


def draft_note(report: Report, language: str = "sv") -> list[str]:
    """What a command says after it made drafts, in `language`: that they are drafts
    and why, one line per error (the first of them), and what to do."""
    from .cli_words import cli_words, counted

    w = cli_words(language)
    errors = report.sorted()
    first = [f for f in errors if f.is_error][:20]
    shown = [f"  {f.location()}: {f.text(language)[0]} ({f.code})" for f in first]
    files = sorted({str(f.file) for f in errors if f.is_error})
    count = counted(language, "error", report.error_count)
    return [
        w["drafts.made"].format(files=", ".join(files), errors=count),
        *shown,
        w["drafts.what_to_do"],
    ]


def plan_errors(report: Report, path: Path) -> int:
    """The errors found in the file at `path`, those past the cap included."""
    made = sum(f.is_error and f.file == path for f in report.findings)
    return made + report.omitted.get(path, Counter())[Severity.ERROR]


def check_plan(path: Path, kind: str | tuple[str, ...] | None = None) -> CheckedPlan:
    """Load and check one plan for a command that renders it, even with broken rules.

    Refuses, with a message naming the first problem, a path that is not a plan, a
    plan that does not load into the model (bad YAML, wrong types, missing values:
    nothing true can be computed from it), or a plan of another kind (such as
    "dialogue_project") than `kind`. A plan that loads but breaks rules (DK2xx) is
    returned with its report: its outputs are drafts."""
    if not path.is_file():
        raise UsageError(
            f"{path}: ingen sådan plan.",
            hint="Ange sökvägen till en .yaml-fil.",
            english=(f"{path}: no such plan.", "Give the path to a .yaml file."),
        )
    workspace = load_workspace([path])
    report = check_workspace(workspace)
    if not workspace.plans:
        if report.errors:
            raise refusal(path, report)
        note = report.notes[0]  # the file leads out of its folder, and was not read
        message, hint = note.text("en")
        raise UsageError(
            f"{path}: {note.message}", hint=note.hint, english=(f"{path}: {message}", hint)
        )
    loaded = workspace.plans[0]
    kinds = (kind,) if isinstance(kind, str) else kind
    if kinds is not None and loaded.plan.kind not in kinds:
        sv, en = words("sv"), words("en")
        wanted = and_list([sv[f"a_kind.{k}"] for k in kinds], word="eller")
        wanted_en = and_list([en[f"a_kind.{k}"] for k in kinds], word="or")
        raise UsageError(
            f"{path} är {sv[f'a_kind.{loaded.plan.kind}']}; kommandot behöver {wanted}.",
            english=(
                f"{path} is {en[f'a_kind.{loaded.plan.kind}']}; the command needs {wanted_en}.",
                None,
            ),
        )
    beside = workspace.context if loaded.plan.DRAWS_ON_OTHERS else []  # read only if needed
    inputs = tuple(other.path for other in input_plans(loaded, beside))
    if inputs:  # not checked yet: check them with the plan
        workspace = load_workspace([path, *inputs])
        report = check_workspace(workspace)
        loaded = next(plan for plan in workspace.plans if plan.path == path)
    return CheckedPlan(loaded, report, inputs)


def load_plan(path: Path, kind: str | tuple[str, ...] | None = None) -> LoadedPlan:
    """Load one plan that has no errors at all (`check_plan`, and refuse a draft)."""
    checked = check_plan(path, kind)
    if checked.report.errors:
        raise refusal(path, checked.report)
    return checked.loaded


def refusal(path: Path, report: Report) -> PlanInvalidError:
    """The refusal of a plan with errors, naming the first one."""
    first = next(f for f in report.sorted() if f.is_error)
    count = report.error_count
    where = f"{first.location()}: "
    return PlanInvalidError(
        where + first.message + (f" (och {count - 1} fel till)" if count > 1 else ""),
        hint=f"Kör dialogkit plan check {path} och rätta felen först.",
        english=(
            where + first.text("en")[0] + (f" (and {count - 1} more)" if count > 1 else ""),
            f"Run dialogkit plan check {path} and fix the errors first.",
        ),
        report=report,
    )


def draft_marks(workspace: Workspace, report: Report, *, strict: bool = False) -> dict[Path, str]:
    """For `build`: the draft mark of each plan with errors, by its path.

    Refuses the whole build, before anything is made, when a plan does not load into
    the model (its outputs cannot be made, and the old ones would look current), when
    two plans share an id (their outputs would share a folder), and with `strict` when
    any plan has errors."""
    from .cli_words import counted
    from .products.draft import draft_mark

    loaded = {plan.path for plan in workspace.plans}
    unloaded = sorted({f.file for f in report.errors if f.file not in loaded}, key=str)
    if unloaded or (strict and report.errors):
        count = report.error_count
        files = ", ".join(map(str, unloaded))
        raise PlanInvalidError(
            f"{count} fel i planerna; inget har skrivits."
            + (f" Kan inte läsas in: {files}." if unloaded else ""),
            hint="Kör dialogkit plan check och rätta felen först.",
            english=(
                f"{counted('en', 'error', count)} in the plans; nothing has been written."
                + (f" Cannot be loaded: {files}." if unloaded else ""),
                "Run dialogkit plan check and fix the errors first.",
            ),
            report=report,
        )
    ids: dict[str, Path] = {}
    for plan in workspace.plans:
        earlier = ids.setdefault(plan.plan.id.casefold(), plan.path)
        if earlier != plan.path:
            raise PlanInvalidError(
                f"{plan.path} och {earlier} har samma plan-id '{plan.plan.id}'; deras filer "
                "skulle hamna i samma mapp. Inget har skrivits.",
                hint="Ge varje plan ett eget id.",
                english=(
                    f"{plan.path} and {earlier} have the same plan id '{plan.plan.id}'; their "
                    "files would end up in the same folder. Nothing has been written.",
                    "Give each plan an id of its own.",
                ),
                report=report,
            )
    marks = {
        plan.path: draft_mark(
            plan_errors(report, plan.path),
            plan.plan.language,
            inputs=sum(plan_errors(report, o.path) for o in input_plans(plan, workspace.plans)),
        )
        for plan in workspace.plans
    }
    return {path: mark for path, mark in marks.items() if mark}
