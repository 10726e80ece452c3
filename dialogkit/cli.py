"""The `dialogkit` command: parse arguments, call the library, present the result.

Heavy modules are imported inside the commands that need them, so that
`dialogkit --help` starts quickly. The usual forms of `plan check` do not come
here at all: the entry point (entry.py) runs them without loading typer.
"""

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .check_command import CHECK_FORMATS, run_check
from .cli_language import language as cli_lang
from .cli_language import requested
from .cli_words import cli_words, counted
from .errors import PlanInvalidError, UsageError
from .settings import LANGUAGES

app = typer.Typer(
    help="dialogkit: planera och följ upp invånardialoger och God och nära vård.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: typer's rich help costs 150 ms at every start
)
plan_app = typer.Typer(
    help="Kontrollera, skapa, formatera och jämför planer.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(plan_app, name="plan")


Language = StrEnum("Language", {name: name for name in LANGUAGES})


@app.callback()
def _main_options(
    debug: Annotated[bool, typer.Option("--debug", help="Visa hela felspåret vid fel.")] = False,
    lang: Annotated[
        Language | None,
        typer.Option(
            "--lang",
            help="Språk för hjälp och meddelanden: sv eller en (standard: arbetsytans språk).",
        ),
    ] = None,
) -> None:
    """Declared here for parsing and help; the entry point reads them (see entry.py)."""


CheckFormat = StrEnum("CheckFormat", {name: name for name in CHECK_FORMATS})


@plan_app.command("check")
def plan_check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Planer eller mappar (standard: arbetsytans plans/)."),
    ] = None,
    output: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="text, json eller github.")
    ] = CheckFormat.text,
    strict: Annotated[bool, typer.Option(help="Avsluta med fel även vid varningar.")] = False,
    today: Annotated[
        str | None,
        typer.Option(help="Dagen reglerna om datum utgår från (ÅÅÅÅ-MM-DD); standard är idag."),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Kontrollera varje fil på nytt, utan att läsa eller skriva kontrollcachen.",
        ),
    ] = False,
) -> None:
    """Kontrollera planerna och visa fel och varningar med fil, rad och kolumn."""
    from .settings import default_plans

    day = _parse_day(today) if today is not None else None
    paths = paths or [default_plans()]
    code = run_check(paths, str(output), strict, requested(), day, cache=not no_cache)
    raise typer.Exit(code)


@plan_app.command("fmt")
def plan_fmt(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Planer eller mappar (standard: arbetsytans plans/)."),
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Ändra inget; avsluta med 1 om något skulle ändras.")
    ] = False,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix",
            help="Rätta först text från Word, Outlook och Excel: raka citattecken, "
            "vanliga mellanslag, UTF-16 sparas som UTF-8.",
        ),
    ] = False,
) -> None:
    """Formatera planerna enhetligt: indrag och nyckelordning. Kommentarer, tomrader,
    citattecken och schemaraden behålls, och data ändras aldrig."""
    from rich.markup import escape

    from .fmt import format_paths
    from .settings import default_plans

    lang, w = cli_lang(), cli_words(cli_lang())
    results = format_paths(paths or [default_plans()], check=check, fix=fix, language=lang)
    console = _console()
    for result in results:
        if result.problem:
            message, hint = result.problem.text(lang)
        if result.skipped:
            skipping = w["fmt.skipping"]
            console.print(f"[cyan]{skipping}[/] {escape(str(result.path))}: {escape(message)}")
        elif result.problem:
            where = result.problem.location()
            console.print(f"[red]{w['fmt.failed']}[/] {escape(where)}: {escape(message)}")
            if hint:
                console.print(f"  {w['hint']} {escape(hint)}")
        elif result.changed:
            word = w["fmt.would_format"] if check else w["fmt.formatted"]
            console.print(f"{word} {escape(str(result.path))}")
            for repair in result.fixes:
                console.print(f"  - {escape(repair)}")
    changed = sum(r.changed for r in results)
    problems = sum(r.failed for r in results)
    skipped = sum(r.skipped for r in results)
    done = "fmt.to_format" if check else "fmt.done"
    console.print(
        f"{counted(lang, 'plan', len(results))}, {counted(lang, done, changed)}, "
        + w["fmt.with_errors"].format(count=problems)
        + (f", {counted(lang, 'skipped', skipped)}." if skipped else ".")
    )
    # A skipped file is no error, unless nothing that was asked for could be done.
    # A file fmt leaves as it is (DK032) is done: a hook must not block it forever.
    only_skipped = skipped == len(results) > 0 and not any(r.left_as_is for r in results)
    raise typer.Exit(1 if problems or (check and changed) or only_skipped else 0)


@plan_app.command("diff")
def plan_diff(
    args: Annotated[
        list[str] | None,
        typer.Argument(help="[VERSION [VERSION2]] [SÖKVÄG...]: standard är arbetskopian mot HEAD."),
    ] = None,
    output: Annotated[str, typer.Option("--format", "-f", help="text eller json.")] = "text",
) -> None:
    """Vad har ändrats i planerna mellan två git-versioner, i ord för granskning."""
    import json

    from .diff import arguments, diff, repository_root

    root = repository_root(Path("."))
    changes = diff(root, *arguments(args or [], root), language=cli_lang())
    if output == "json":
        print(json.dumps([c.to_dict() for c in changes], ensure_ascii=False, indent=2))
        return
    if output != "text":
        raise UsageError(
            f"--format {output}: välj text eller json.",
            english=(f"--format {output}: choose text or json.", None),
        )
    if not changes:
        print(cli_words(cli_lang())["no_changes"])
        return
    current = None
    for change in changes:
        if change.file != current:
            current = change.file
            print(f"{change.file}:")
        print(f"  - {change.message}")


@plan_app.command("new")
def plan_new(
    kind: Annotated[
        str,
        typer.Argument(
            help="dialogue_project, communication_plan, strategy, local_plan eller "
            "implementation_plan."
        ),
    ],
    name: Annotated[str, typer.Argument(help="Filnamn och id, t.ex. dialog-2026.")],
    folder: Annotated[
        Path | None,
        typer.Option("--dir", help="Mappen planen skrivs i (standard: arbetsytans plans/)."),
    ] = None,
) -> None:
    """Skapa en ny plan från en kommenterad mall."""
    from .scaffold import new_plan
    from .settings import PLANS_FOLDER, current_workspace, shown

    target = folder or shown(current_workspace() / PLANS_FOLDER)
    path = new_plan(kind, name, target)
    _say(cli_words(cli_lang())["new.written"].format(path=path))


@app.command("init")
def init(folder: Annotated[Path, typer.Argument(help="Mappen för den nya arbetsytan.")]) -> None:
    """Skapa en ny arbetsyta: plans/ med en mall för varje plantyp, templates/,
    .gitignore, pre-commit-krokar och en README. Skriver aldrig över befintliga filer."""
    from .scaffold import init_workspace

    written, skipped = init_workspace(folder, cli_lang())
    from rich.markup import escape

    console, w = _console(stderr=True), cli_words(cli_lang())
    for path in written:
        console.print(f"{w['init.wrote']}   {escape(str(path))}")
    for path in skipped:
        console.print(f"[yellow]{w['init.kept']}[/] {escape(str(path))}")
    _say(w["init.done"].format(folder=folder))


@plan_app.command("schema")
def plan_schema() -> None:
    """Skriv ut JSON-schemat för planerna (för editorns YAML-stöd)."""
    from .schema import schema_json

    print(schema_json())


def _formats(name: str) -> type[StrEnum]:
    """The --format choices: the product's own formats."""
    from .products import FORMATS

    return StrEnum(f"{name.title()}Format", {f: f for f in FORMATS[name]})


TimelineFormat = _formats("timeline")

Strict = Annotated[
    bool,
    typer.Option(
        "--strict",
        help="Inga utkast: har planen fel skrivs inget, och kommandot avslutas med fel.",
    ),
]
"""A plan with errors (DK2xx) gives drafts, marked as such; --strict refuses them."""

FolderOut = Annotated[
    Path | None,
    typer.Option("--out", "-o", help="Mapp att skriva en fil per dialog och kanal i."),
]
OwnTemplates = Annotated[
    Path | None,
    typer.Option("--templates", help="Egen mallmapp, före arbetsytans och de inbyggda."),
]


@app.command("timeline")
def timeline(
    plan: Annotated[
        Path, typer.Argument(help="Planen (dialogprojekt, kommunikationsplan, lokal plan).")
    ],
    output: Annotated[
        TimelineFormat,
        typer.Option("--format", "-f", help="terminal, markdown, mermaid, csv eller ics."),
    ] = TimelineFormat.terminal,
    today: Annotated[
        str | None, typer.Option(help="Dagens datum (ÅÅÅÅ-MM-DD); standard är idag.")
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Skriv till en fil.")] = None,
    strict: Strict = False,
) -> None:
    """Visa tidsaxeln månad för månad: uppgifter, dialoger och aktiviteter."""
    from .products import Request

    request = Request(format=str(output), today=_parse_day(today))
    _make("timeline", plan, request, out, strict=strict)


CostFormat = _formats("cost")


@app.command("cost")
def cost(
    plan: Annotated[Path, typer.Argument(help="Dialogprojekt eller kommunikationsplan.")],
    scenario: Annotated[
        list[str] | None,
        typer.Option(
            "--scenario",
            "-s",
            help="Jämför bara med detta scenario: all-digital, all-in-person eller ett i "
            "planen (standard: alla som planen har priser för).",
        ),
    ] = None,
    output: Annotated[
        CostFormat, typer.Option("--format", "-f", help="table, markdown, csv, json eller xlsx.")
    ] = CostFormat.table,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Skriv till en fil.")] = None,
    strict: Strict = False,
) -> None:
    """Kostnadsberäkning för ett dialogprojekt, eller timmar per person och månad för en
    kommunikationsplan."""
    from .products import Request

    request = Request(format=str(output), scenarios=tuple(scenario) if scenario else None)
    _make(("cost", "workload"), plan, request, out, strict=strict)


InviteFormat = _formats("invitations")


@app.command("invite")
def invite(
    plan: Annotated[Path, typer.Argument(help="Dialogprojektet.")],
    dialogue: Annotated[
        list[str] | None,
        typer.Option("--dialogue", "-d", help="Dialogens id (standard: alla riktiga dialoger)."),
    ] = None,
    channel: Annotated[
        list[str] | None,
        typer.Option(
            "--channel",
            "-c",
            help="email, web, facebook, newspaper_ad, press_release eller reminder "
            "(standard: planens kanaler).",
        ),
    ] = None,
    output: Annotated[
        InviteFormat, typer.Option("--format", "-f", help="text, markdown eller eml.")
    ] = InviteFormat.text,
    out: FolderOut = None,
    templates: OwnTemplates = None,
    strict: Strict = False,
) -> None:
    """Inbjudningar för varje dialog och kanal, med kalenderfil."""
    from .products import Request

    request = Request(
        format=str(output),
        dialogues=tuple(dialogue or ()),
        channels=tuple(channel or ()),
        templates=templates,
    )
    _make("invitations", plan, request, out, folder=True, strict=strict)


FeedbackFormat = _formats("feedback")


@app.command("feedback")
def feedback(
    plan: Annotated[Path, typer.Argument(help="Dialogprojektet.")],
    dialogue: Annotated[
        list[str] | None,
        typer.Option(
            "--dialogue", "-d", help="Dialogens id (standard: alla genomförda riktiga dialoger)."
        ),
    ] = None,
    channel: Annotated[
        list[str] | None,
        typer.Option(
            "--channel", "-c", help="email, web eller press_release (standard: alla tre)."
        ),
    ] = None,
    output: Annotated[
        FeedbackFormat, typer.Option("--format", "-f", help="text, markdown eller eml.")
    ] = FeedbackFormat.text,
    out: FolderOut = None,
    templates: OwnTemplates = None,
    strict: Strict = False,
) -> None:
    """Återkoppling efter varje genomförd dialog ("Ni sa – vi gör"): e-post till
    deltagarna, webbtext och pressmeddelande."""
    from .products import Request

    request = Request(
        format=str(output),
        dialogues=tuple(dialogue or ()),
        channels=tuple(channel or ()),
        templates=templates,
    )
    _make("feedback", plan, request, out, folder=True, strict=strict)


@app.command("site")
def site(
    plan: Annotated[
        Path,
        typer.Argument(
            help="Dialogprojektet, eller en mapp med planer: då skrivs varje dialogprojekts "
            "sida i en mapp med planens id, och en intern översikt bredvid."
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Mapp att skriva webbsidan och dess kalenderfiler i."),
    ] = None,
    templates: OwnTemplates = None,
    strict: Strict = False,
    today: Annotated[
        str | None, typer.Option(help="Dagens datum (ÅÅÅÅ-MM-DD); standard är idag.")
    ] = None,
) -> None:
    """Projektets publika webbsida: index.html, stilmall och kalenderfiler, för att
    öppna från disk eller kopiera till en webbserver."""
    from .products import Request

    if out is None:
        raise UsageError(
            "Webbsidan skrivs till en mapp.",
            hint="Lägg till --out MAPP.",
            english=("The web page is written to a folder.", "Add --out FOLDER."),
        )
    if plan.is_dir():  # every project's page, and the internal overview (overview.py)
        from .output import check_target
        from .overview import workspace_site

        check_target(out, folder=True)
        day = _parse_day(today)
        files, report = workspace_site(plan, today=day, templates=templates, strict=strict)
        _write_all(files, out)
        _say_drafts(report)
        return
    _make("site", plan, Request(templates=templates), out, folder=True, strict=strict)


ReportFormat = _formats("report")


class Audience(StrEnum):
    internal = "internal"
    public = "public"


@app.command("report")
def report(
    plan: Annotated[Path, typer.Argument(help="Planen rapporten gäller.")],
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "-k",
            help="En av {report_kinds} (standard: planens första).",
        ),
    ] = None,
    audience: Annotated[
        Audience, typer.Option("--audience", "-a", help="internal eller public.")
    ] = Audience.internal,
    output: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help="docx, markdown eller pdf (kräver LibreOffice).",
        ),
    ] = ReportFormat.docx,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Filen att skriva.")] = None,
    templates: Annotated[
        Path | None, typer.Option("--templates", help="Egen mallmapp (även för reference.docx).")
    ] = None,
    strict: Strict = False,
) -> None:
    """Word-rapport (eller Markdown eller PDF) från planen: de rapporter dess plantyp har,
    som projektplan och dialograpport för ett dialogprojekt (se --kind)."""
    from .products import Request

    request = Request(format=str(output), report=kind, audience=str(audience), templates=templates)
    _make("report", plan, request, out, strict=strict)


@app.command("record")
def record_command(
    plan: Annotated[
        Path,
        typer.Argument(help="Dialogprojektet: sökvägen, eller filnamnet i arbetsytans plans/."),
    ],
    dialogue: Annotated[str, typer.Argument(help="Dialogens id, t.ex. sala.")],
    status: Annotated[
        str | None,
        typer.Option(help="genomförd (held) eller inställd (cancelled); standard: genomförd."),
    ] = None,
    participants: Annotated[
        int | None, typer.Option(min=0, help="Antal deltagare, som ett tal.")
    ] = None,
    theme: Annotated[
        list[str] | None,
        typer.Option(
            "--theme",
            "-t",
            help="Ett tema som kom upp; upprepa för flera. Läggs till de som finns.",
        ),
    ] = None,
    public_notes: Annotated[
        str | None, typer.Option(help="Dokumentation som får publiceras.")
    ] = None,
    internal_notes: Annotated[
        str | None,
        typer.Option(help="Interna anteckningar; kommer aldrig med i publika rapporter."),
    ] = None,
    follow_up: Annotated[
        list[str] | None,
        typer.Option(
            help="Svar på en uppföljningsfråga: FRÅGA=SVAR, t.ex. main_lesson=...; upprepa."
        ),
    ] = None,
    feedback_date: Annotated[
        str | None, typer.Option(help="Återkoppling: när den gavs (ÅÅÅÅ-MM-DD).")
    ] = None,
    feedback_audience: Annotated[
        str | None, typer.Option(help="Återkoppling: till participants eller public.")
    ] = None,
    feedback_channel: Annotated[
        str | None, typer.Option(help='Återkoppling: hur, t.ex. "e-post".')
    ] = None,
    feedback_description: Annotated[
        str | None, typer.Option(help="Återkoppling: vad som återkopplades.")
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Skriv över värden som redan finns.")
    ] = False,
) -> None:
    """Registrera vad som hände vid en dialog: status, deltagare, teman, anteckningar,
    uppföljning och återkoppling. Bara de rader som ändras skrivs; kommentarer behålls.
    Utan flaggor frågar kommandot i terminalen."""
    from .record import Record, ask, feedback_entry, find_plan, follow_up_answers, needs_asking
    from .record import record as record_dialogue

    lang = cli_lang()
    wanted = Record(
        status=status,
        participants=participants,
        themes=tuple(theme or ()),
        public_notes=public_notes,
        internal_notes=internal_notes,
        follow_up=follow_up_answers(follow_up or []),
        feedback=feedback_entry(
            feedback_date, feedback_audience, feedback_channel, feedback_description
        ),
        replace=replace,
    )
    if sys.stdin.isatty() and needs_asking(wanted):
        wanted = ask(wanted, lang)
    done = record_dialogue(find_plan(plan), dialogue, wanted)
    w = cli_words(lang)
    if not done.changed:
        _say(w["record.unchanged"].format(dialogue=dialogue))
        return
    details = []
    if done.participants is not None:
        details.append(counted(lang, "record.participant", done.participants))
    if done.themes:
        details.append(counted(lang, "record.theme", done.themes))
    status_word = w.get(f"record.status.{done.status}", done.status)
    print(
        w["record.done"].format(
            dialogue=dialogue,
            status=status_word,
            details=(": " + ", ".join(details)) if details else "",
        )
    )
    _say(w["record.changed"].format(path=done.path, keys=", ".join(done.changed)))
    from rich.markup import escape

    console = _console(stderr=True)
    for finding in done.new_findings:  # what the recorded values make the check say
        message, _ = finding.text(lang)
        word = f"[red]{w['error']}[/]" if finding.is_error else f"[yellow]{w['warning']}[/]"
        where = escape(finding.location())
        console.print(f"{word} {where}: {escape(message)} ({finding.code})")


@app.command("build")
def build_command(
    workspace: Annotated[
        list[Path] | None,
        typer.Argument(help="Arbetsytan eller planerna (standard: arbetsytans plans/)."),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Mappen att skriva i (standard: arbetsytans out/)."),
    ] = None,
    today: Annotated[
        str | None, typer.Option(help="Dagens datum för tidsaxlarna (ÅÅÅÅ-MM-DD).")
    ] = None,
    strict: Strict = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Gör alla produkter på nytt, även för planer som inte har ändrats.",
        ),
    ] = False,
) -> None:
    """Kontrollera planerna och skapa allt: tidsaxlar, kostnader, inbjudningar,
    kalenderfiler och Word-rapporter."""
    from collections import Counter

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from .build import build
    from .settings import default_out, default_plans

    paths = workspace or [default_plans()]
    out = out or default_out()
    console = _console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
    ) as bar:
        w = cli_words(cli_lang())
        task = bar.add_task(w["build.checking"], total=None)

        def progress(number, total, what):
            writing = w["build.writing"].format(what=what)
            bar.update(task, total=total, completed=number, description=writing)

        try:
            result = build(
                paths,
                out,
                today=_parse_day(today),
                progress=progress,
                strict=strict,
                cache=not no_cache,
            )
        except PlanInvalidError as error:  # the findings, then the error; other errors alone
            bar.stop()
            if error.report is not None:
                from .render.findings import write_text

                write_text(error.report, sys.stdout, cli_lang())
            raise
    from rich.table import Table
    from rich.text import Text

    files = counted(cli_lang(), "file", len(result.written))
    title = Text(w["build.wrote"].format(files=files, folder=out))
    table = Table(title=title, title_justify="left")
    table.add_column(w["build.plan"])
    table.add_column(w["build.files"], justify="right")
    table.add_column(w["build.what"])
    by_plan: dict[str, Counter] = {}
    for path in result.written:
        relative = path.relative_to(out)
        by_plan.setdefault(relative.parts[0], Counter())[relative.suffix.lstrip(".")] += 1
    for plan_id, kinds in by_plan.items():
        table.add_row(
            plan_id,
            str(sum(kinds.values())),
            ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())),
        )
    from .render import print_wide

    print_wide(_console(), table)
    if unchanged := len(result.written) - len(result.replaced):
        _say(w["build.unchanged"].format(files=counted(cli_lang(), "file", unchanged)))
    _say_cleanup(result, console)
    if result.report.warnings:
        console.print(
            f"[yellow]{counted(cli_lang(), 'warning', len(result.report.warnings))}[/]"
            + w["build.see_check"]
        )
    _say_drafts(result.report)


class StatusFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command("status")
def status(
    path: Annotated[
        Path | None,
        typer.Argument(help="Arbetsytan, en mapp eller en plan (standard: arbetsytans plans/)."),
    ] = None,
    today: Annotated[
        str | None, typer.Option(help="Dagens datum (ÅÅÅÅ-MM-DD); standard är idag.")
    ] = None,
    days: Annotated[
        int, typer.Option("--days", min=0, max=3660, help="Hur många dagar framåt som visas.")
    ] = 14,
    output: Annotated[
        StatusFormat, typer.Option("--format", "-f", help="text, markdown eller json.")
    ] = StatusFormat.text,
    fail_on_overdue: Annotated[
        bool,
        typer.Option(
            "--fail-on-overdue",
            help="Avsluta med 1 om något är försenat eller en plan inte kan läsas (för CI).",
        ),
    ] = False,
) -> None:
    """Vad som är försenat, vad som ska göras de närmaste dagarna och vad som kommer
    sedan: inbjudningar, anmälan, dialoger, dokumentation, återkoppling, uppgifter,
    rapporter och uppföljningar, med ansvarig."""
    from .render.status import render_json, render_markdown, render_text
    from .settings import default_plans
    from .status import due_items
    from .workspace import load_workspace

    day = _parse_day(today)
    due = due_items(load_workspace([path or default_plans()]), day, days)
    if output == StatusFormat.json:
        sys.stdout.write(render_json(due, cli_lang()))
    elif output == StatusFormat.markdown:
        sys.stdout.write(render_markdown(due, cli_lang()))
    else:
        sys.stdout.write(render_text(due, cli_lang(), _console().width))
    # a plan that cannot be read may hide overdue items: a CI job must not pass then
    raise typer.Exit(1 if fail_on_overdue and (due.overdue or due.unread) else 0)


class ExplainFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


class ExplainLanguage(StrEnum):
    sv = "sv"
    en = "en"


@app.command("explain")
def explain(
    code: Annotated[
        str | None, typer.Argument(help="Koden, t.ex. DK201, eller regelns namn.")
    ] = None,
    list_all: Annotated[bool, typer.Option("--list", help="Lista alla koder.")] = False,
    language: Annotated[
        ExplainLanguage | None,
        typer.Option(help="sv eller en (standard: arbetsytans språk)."),
    ] = None,
    output: Annotated[
        ExplainFormat, typer.Option("--format", "-f", help="text, json eller markdown.")
    ] = ExplainFormat.text,
) -> None:
    """Förklara en kod från plan check: varför regeln finns, ett exempel och hur man rättar."""
    from .render.catalogue import explain as explain_code
    from .render.catalogue import listing

    if list_all == (code is not None):
        raise UsageError(
            "Ange en kod eller --list.",
            hint="T.ex. dialogkit explain DK201",
            english=("Give a code or --list.", "For example: dialogkit explain DK201"),
        )
    chosen = str(language) if language else cli_lang()
    text = listing(chosen, str(output)) if list_all else explain_code(code, chosen, str(output))
    typer.echo(text)


keyfigures_app = typer.Typer(
    help="Nyckeltal från Kolada: hämta dem till arbetsytans cache.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(keyfigures_app, name="keyfigures")


@keyfigures_app.command("fetch")
def keyfigures_fetch(
    path: Annotated[
        Path | None,
        typer.Argument(help="Arbetsytan, en mapp eller en plan (standard: arbetsytans plans/)."),
    ] = None,
    years: Annotated[
        str | None,
        typer.Option(
            "--years",
            help="Åren att hämta, t.ex. 2021-2026 (standard: planens period).",
        ),
    ] = None,
    refresh: Annotated[
        bool, typer.Option("--refresh", help="Hämta igen även det som redan finns i cachen.")
    ] = False,
) -> None:
    """Hämta de lokala planernas nyckeltal från Kolada (kommunen, regionen och riket)
    till arbetsytans cache .dialogkit/cache/kolada/. Det som redan finns hämtas inte igen."""
    from .kolada.fetch import fetch_key_figures, parse_years
    from .settings import default_plans

    result = fetch_key_figures([path or default_plans()], years=parse_years(years), refresh=refresh)
    w = cli_words(cli_lang())
    for plan in result.without_code:
        _say(w["keyfigures.no_code"].format(path=plan))
    for kpi in result.gone:
        _say(w["keyfigures.gone"].format(kpi=kpi))
    _say(
        w["keyfigures.done"].format(
            plans=result.plans,
            kpis=result.kpis_fetched,
            kpis_cached=result.kpis_cached,
            series=result.series_fetched,
            series_cached=result.series_cached,
            codes=", ".join(sorted(result.codes)) or "–",
            values=result.values,
            requests=result.requests,
        )
    )


cache_app = typer.Typer(
    help="Kontrollcachen i arbetsytans .dialogkit/cache/check/.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(cache_app, name="cache")


@cache_app.command("clean")
def cache_clean(
    path: Annotated[
        Path | None,
        typer.Argument(help="Arbetsytan, eller en mapp eller plan i den (standard: den här)."),
    ] = None,
) -> None:
    """Ta bort kontrollcachen, så att nästa plan check läser varje fil på nytt.
    Kolada-cachen rörs inte: den är hämtad data."""
    from .check_cache import cache_folder, clean
    from .settings import current_workspace, workspace_root

    root = workspace_root(path if path is None or path.is_dir() else path.parent) if path else None
    root = root or current_workspace()
    w = cli_words(cli_lang())
    key = "cache.cleaned" if clean(root) else "cache.nothing"
    _say(w[key].format(folder=cache_folder(root)))


templates_app = typer.Typer(
    help="Visa mallarna och var de hämtas från.", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(templates_app, name="templates")


@templates_app.command("list")
def templates_list(
    plan: Annotated[
        Path | None, typer.Argument(help="En plan i arbetsytan (för arbetsytans mallar).")
    ] = None,
    templates: Annotated[Path | None, typer.Option("--templates", help="Egen mallmapp.")] = None,
) -> None:
    """Visa varje mall och filen den hämtas från, i sökordning."""
    from .settings import workspace_root
    from .templating import list_templates, template_dirs

    root = workspace_root(plan if plan is not None else Path.cwd())
    for name, path in list_templates(template_dirs(root, templates)):
        print(f"{name}\t{path}")


def _say_cleanup(result, console) -> None:
    """What build did with the files an earlier build wrote and no longer makes."""
    from rich.markup import escape

    lang = cli_lang()
    w = cli_words(lang)
    cleanup = result.cleanup
    if cleanup.removed:
        removed = counted(lang, "build.old_file", len(cleanup.removed))
        console.print(w["build.removed"].format(files=removed))
    warning_word = f"[yellow]{w['warning']}[/]"
    for path in cleanup.edited:
        console.print(f"{warning_word} {w['build.kept_edited'].format(path=escape(str(path)))}")
    for name in cleanup.failed:
        console.print(f"{warning_word} {w['build.not_removed'].format(path=escape(name))}")
    for warning in result.warning_texts(lang):
        console.print(f"{warning_word} {escape(warning)}")


def _parse_day(text: str | None):
    from datetime import date

    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"--today {text}: inte ett datum.",
            hint="Skriv datumet som ÅÅÅÅ-MM-DD.",
            english=(f"--today {text}: not a date.", "Write the date as YYYY-MM-DD."),
        ) from None


def _make(
    name, plan: Path, request, out: Path | None, *, folder: bool = False, strict: bool = False
) -> None:
    """Make one product of the plan and present it: print it, draw it on the terminal,
    or write it to `out` (a file, or with `folder` a folder for its files). A plan
    that breaks rules gives a draft, marked, and exit code 1; `strict` refuses it."""
    from dataclasses import replace

    from .checking import check_plan, refusal
    from .output import check_target
    from .products import make

    if out is not None:
        check_target(out, folder=folder)  # before the work of making it
    checked = check_plan(plan)
    if strict and checked.report.errors:
        raise refusal(plan, checked.report)
    place = "stdout" if out is None else f"{out}/" if folder else str(out)
    made = make(name, checked.loaded, replace(request, place=place, draft=checked.mark))
    if made.warnings:
        from rich.markup import escape

        warn = _console(stderr=True)
        for warning in made.warnings:
            warn.print(f"[yellow]{cli_words(cli_lang())['warning']}[/] {escape(warning)}")
    if out is None:
        _show(made.files)
    elif folder:
        _write_all(made.files, out)
    else:
        (file,) = made.files
        _write(out, file.content)
    _say_drafts(checked.report)


def _say_drafts(report) -> None:
    """After drafts were made from plans with errors: say so, and exit with 1."""
    if not report.errors:
        return
    from rich.markup import escape

    from .checking import draft_note

    console = _console(stderr=True)
    first, *rest = draft_note(report, cli_lang())
    console.print(f"[bold red]{escape(first)}[/]")
    for line in rest:
        console.print(escape(line))
    raise typer.Exit(1)


def _show(files) -> None:
    """Print the files on stdout, or draw a terminal view; a binary file is refused."""
    shown = [file for file in files if file.on_screen]
    binary = next((file for file in shown if isinstance(file.content, bytes)), None)
    if binary is not None:
        suffix = Path(binary.name).suffix.lstrip(".")
        if len(files) > 1:
            raise UsageError(
                f"{suffix} skrivs till filer.",
                hint="Lägg till --out MAPP.",
                english=(f"{suffix} is written to files.", "Add --out FOLDER."),
            )
        raise UsageError(
            f"{suffix} skrivs till en fil.",
            hint=f"Lägg till --out {binary.name}.",
            english=(f"{suffix} is written to a file.", f"Add --out {binary.name}."),
        )
    if len(shown) == 1 and hasattr(shown[0], "draw"):
        shown[0].draw(_console())
        return
    texts = [file.content.rstrip("\n") for file in shown]
    if len(texts) > 1:  # several texts on one screen: say which is which
        texts = [f"──── {f.name} ────\n{text}" for f, text in zip(shown, texts, strict=True)]
    print("\n\n".join(texts))


def _write_all(files, out: Path) -> None:
    from .output import refuse_links, write_atomic

    for file in files:  # a link deep down is refused before the first file is written
        refuse_links(out / file.name, out)
    for file in files:
        write_atomic(out / file.name, file.content, base=out)
    files_written = counted(cli_lang(), "file", len(files))
    _say(cli_words(cli_lang())["wrote_files"].format(files=files_written, folder=out))


def _write(out: Path, content: str | bytes) -> None:
    """Write the file atomically and say where it went."""
    from .output import write_atomic

    write_atomic(out, content)
    _say(cli_words(cli_lang())["wrote"].format(path=out))


def _say(message: str) -> None:
    """A plain line on stderr: what was written, what to do next. Paths may hold
    brackets, which rich would read as markup."""
    print(message, file=sys.stderr)


def _console(stderr: bool = False):
    from .render import console

    return console(stderr=stderr)
