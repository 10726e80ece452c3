"""`build`: check a workspace, then render every output of every plan into one folder.

Nothing is written unless the check passes. Each output is a named file and a
function that produces its content, so the list can be shown, counted for a
progress bar and written one atomic file at a time. The files are written to a hidden
folder in `out` first and moved into place once all are made and the public ones
(`Output.public`) have passed the personal-data gate: a refusal leaves nothing written.
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
from .gate import check_public
from .model import CommunicationPlan, DialogueProject, LocalPlan, Strategy
from .output import refuse_links, write_atomic
from .workspace import LoadedPlan, Workspace, load_workspace, refuse_links_out

Content = str | bytes


@dataclass(frozen=True)
class Output:
    path: Path
    """Relative to the output folder."""
    produce: Callable[[], Content]
    what: str
    public: bool = False
    """Handed to residents or published: passes the personal-data gate."""


def plan_outputs(loaded: LoadedPlan, today: date, workspace: Workspace) -> Iterator[Output]:
    """Every file dialogkit makes for one plan."""
    plan = loaded.plan
    folder = Path(plan.id)
    if isinstance(plan, DialogueProject | CommunicationPlan | LocalPlan):
        yield from _timeline_outputs(loaded, folder, today)
    if isinstance(plan, DialogueProject):
        yield from _project_outputs(loaded, folder)
    elif isinstance(plan, CommunicationPlan):
        yield from _workload_outputs(loaded, folder)
    yield from _report_outputs(loaded, folder, workspace)


def _timeline_outputs(loaded, folder: Path, today: date) -> Iterator[Output]:
    from .render import timeline as render
    from .timeline import build_timeline

    def timeline():
        return build_timeline(loaded.plan)

    yield Output(
        folder / "tidsaxel.md", lambda: render.render_markdown(timeline(), today), "tidsaxel"
    )
    yield Output(
        folder / "tidsaxel-mermaid.md", lambda: render.render_mermaid(timeline(), today), "tidsaxel"
    )
    yield Output(folder / "tidsaxel.csv", lambda: render.render_csv(timeline(), today), "tidsaxel")


def _project_outputs(loaded, folder: Path) -> Iterator[Output]:
    from .costs import BUILT_IN_SCENARIOS, compare
    from .invitations import dialogue_calendar, invitations, to_eml
    from .render import cost as render

    project = loaded.plan
    built_in = [
        name for name, (_, fmt) in BUILT_IN_SCENARIOS.items() if fmt in project.costs.per_dialogue
    ]
    scenarios = [*built_in, *(s.id for s in project.costs.scenarios)]

    def estimates():
        return compare(project, scenarios)

    yield Output(
        folder / "kalender.ics", lambda: dialogue_calendar(loaded), "kalender", public=True
    )
    yield Output(
        folder / "kostnad.md",
        lambda: render.render_estimate_markdown(estimates(), project.title, project.language),
        "kostnad",
    )
    yield Output(
        folder / "kostnad.xlsx",
        lambda: render.render_estimate_xlsx(estimates(), project.title, project.language),
        "kostnad",
    )
    texts = invitations(loaded)
    calendars: dict[str, bytes] = {}

    def calendar(dialogue) -> bytes:
        """Each dialogue's calendar file, made once for its .ics and its e-mail."""
        if dialogue.id not in calendars:
            calendars[dialogue.id] = dialogue_calendar(loaded, [dialogue])
        return calendars[dialogue.id]

    for text in texts:
        yield Output(
            folder / "inbjudningar" / text.file_name("text"),
            lambda text=text: text.text("text"),
            "inbjudan",
            public=True,
        )
    emails = {t.dialogue.id: t for t in texts if t.channel == "email"}
    dialogues = {t.dialogue.id: t.dialogue for t in texts}
    if emails.keys() != dialogues.keys():  # the plan's channels leave e-mail out
        emails = {t.dialogue.id: t for t in invitations(loaded, channels=["email"])}
    for dialogue in dialogues.values():
        yield Output(
            folder / "inbjudningar" / dialogue.id / f"{dialogue.id}.ics",
            lambda dialogue=dialogue: calendar(dialogue),
            "kalender",
            public=True,
        )
        email = emails[dialogue.id]
        yield Output(
            folder / "inbjudningar" / dialogue.id / "email.eml",
            lambda email=email, dialogue=dialogue: to_eml(project, email, calendar(dialogue)),
            "e-post",
            public=True,
        )


def _workload_outputs(loaded, folder: Path) -> Iterator[Output]:
    from .render import cost as render
    from .workload import workload

    yield Output(
        folder / "arbetsbelastning.md",
        lambda: render.render_workload_markdown(workload(loaded.plan), loaded.plan.language),
        "timmar",
    )
    yield Output(
        folder / "arbetsbelastning.xlsx",
        lambda: render.render_workload_xlsx(workload(loaded.plan), loaded.plan.language),
        "timmar",
    )


# (report kind, file name, {audience: file suffix})
REPORT_FILES = {
    DialogueProject: [
        ("project-plan", "projektplan", {"internal": ""}),
        ("dialogue-report", "dialograpport", {"internal": "-intern", "public": "-publik"}),
    ],
    CommunicationPlan: [("communication-plan", "kommunikationsplan", {"internal": ""})],
    LocalPlan: [("local-plan", "lokal-plan", {"internal": ""})],
    Strategy: [("regional", "regional-sammanstallning", {"internal": ""})],
}


def _report_outputs(loaded, folder: Path, workspace: Workspace) -> Iterator[Output]:
    from .reports import build_report, to_docx

    for kind, name, audiences in REPORT_FILES[type(loaded.plan)]:
        for audience, suffix in audiences.items():

            def produce(kind=kind, audience=audience):
                report = build_report(loaded, kind, audience, workspace=workspace)
                return to_docx(report, loaded)

            yield Output(
                folder / "rapporter" / f"{name}{suffix}.docx",
                produce,
                "rapport",
                public=audience == "public",
            )


@dataclass
class BuildResult:
    report: Report
    written: list[Path]


def build(
    paths: Iterable[Path],
    out: Path,
    *,
    today: date | None = None,
    progress: Callable[[int, int, Output], None] | None = None,
) -> BuildResult:
    """Check the plans below `paths`; if they pass, write every output below `out`."""
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
    outputs = [
        (loaded, output)
        for loaded in workspace.plans
        for output in plan_outputs(loaded, today, workspace)
    ]
    for _, output in outputs:  # a refusal comes before anything is made
        refuse_links(out / output.path, out)
    if not outputs:
        return BuildResult(report, [])
    with _staging(out) as staging:
        for number, (loaded, output) in enumerate(outputs, start=1):
            if progress:
                progress(number, len(outputs), output)
            content = output.produce()
            if output.public:
                check_public(out / output.path, content, loaded)
            write_atomic(staging / output.path, content, base=staging)
        written = [_move(staging, out, output.path) for _, output in outputs]
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
