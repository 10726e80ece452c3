"""Every word the command line itself writes: help, usage errors and its messages.

Like words.py (the outputs' words): one flat table per language with the same keys,
asked as `cli_words(language)["usage"]`. Counted words come in `.one`/`.many` pairs
(`counted(language, "file", 2)` -> "2 filer"). The help texts of the commands stay
in Swedish in cli.py, where they are read; `HELP` gives each its English twin, keyed
by the Swedish text with its white space collapsed.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from .formatting import plural

CLI_WORDS: dict[str, dict[str, str]] = {
    "sv": {
        # help
        "usage": "Användning:",
        "section.arguments": "Argument",
        "section.options": "Flaggor",
        "section.commands": "Kommandon",
        "usage.options": "[FLAGGOR]",
        "usage.command": "KOMMANDO [ARGUMENT]...",
        "help.help": "Visa den här hjälpen och avsluta.",
        "help.default": "[standard: {value}]",
        "help.required": "[krävs]",
        "or": "eller",
        # the value a parameter takes, by its name, else by its type
        "metavar.plan": "PLAN",
        "metavar.paths": "SÖKVÄG",
        "metavar.workspace": "SÖKVÄG",
        "metavar.args": "ARGUMENT",
        "metavar.kind": "TYP",
        "metavar.name": "NAMN",
        "metavar.folder": "MAPP",
        "metavar.code": "KOD",
        "metavar.out": "SÖKVÄG",
        "metavar.templates": "MAPP",
        "metavar.today": "DATUM",
        "metavar.scenario": "SCENARIO",
        "metavar.dialogue": "ID",
        "metavar.channel": "KANAL",
        "metavar.output": "FORMAT",
        "metavar.path": "SÖKVÄG",
        "metavar.value": "VÄRDE",
        # usage errors
        "usage.see_help": "Se hjälpen: {command} --help",
        "usage.missing_argument": "Argumentet {name} saknas.",
        "usage.missing_option": "Flaggan {name} saknas.",
        "usage.no_such_option": "Flaggan {name} finns inte.",
        "usage.did_you_mean": "Menade du {names}?",
        "usage.global_option": "Skriv {name} före kommandot: {example}",
        "usage.needs_value": "Flaggan {name} behöver ett värde.",
        "usage.takes_no_value": "Flaggan {name} tar inget värde.",
        "usage.invalid_value": "Ogiltigt värde för {name}: {value}.",
        "usage.invalid": "Ogiltigt värde för {name}.",
        "usage.choose": "Välj {choices}.",
        "usage.extra_arguments": "Oväntade argument: {arguments}.",
        "usage.no_such_command": "Kommandot {name} finns inte.",
        "usage.missing_command": "Ange ett kommando.",
        "usage.not_understood": "Kommandoraden kunde inte tolkas.",
        # messages
        "error": "fel:",
        "hint": "tips:",
        "warning": "varning:",
        "interrupted": "Avbrutet.",
        "internal_error": "Internt fel i dialogkit: {error}",
        "internal_error.hint": "Kör igen med --debug för detaljer och rapportera felet.",
        "wrote": "Skrev {path}",
        "wrote_files": "Skrev {files} i {folder}/.",
        "file.one": "fil",
        "file.many": "filer",
        "plan.one": "plan",
        "plan.many": "planer",
        "warning.one": "varning",
        "warning.many": "varningar",
        "error.one": "fel",
        "error.many": "fel",
        "skipped.one": "överhoppad",
        "skipped.many": "överhoppade",
        "no_changes": "Inga ändringar i planerna.",
        "new.written": "Skrev {path}. Fyll i planen och kör dialogkit plan check.",
        "keyfigures.done": (
            "Kolada: {plans} lokala planer; nyckeltal {kpis} hämtade, {kpis_cached} från "
            "cachen; värdeserier {series} hämtade ({codes}; {values} värden), "
            "{series_cached} från cachen; {requests} anrop."
        ),
        "keyfigures.no_code": (
            "{path}: ange municipality_code (kommunkoden, t.ex. 2029) för att hämta "
            "kommunens och regionens värden; bara riket hämtades."
        ),
        "keyfigures.gone": "Kolada har inte längre nyckeltalet {kpi}; cachen noterar det.",
        "cache.cleaned": "Kontrollcachen {folder} är borttagen.",
        "cache.nothing": "Ingen kontrollcache att ta bort ({folder} finns inte).",
        "init.wrote": "skrev",
        "init.kept": "fanns redan, orörd",
        "init.done": "Klart. Nästa steg: cd {folder} && git init && dialogkit plan check",
        "build.checking": "Kontrollerar planerna",
        "build.writing": "Skriver {what}",
        "build.wrote": "Skrev {files} i {folder}/",
        "build.unchanged": "Av dem var {files} redan aktuella och lämnades orörda.",
        "build.plan": "Plan",
        "build.files": "Filer",
        "build.what": "Vad",
        "build.see_check": " – se dialogkit plan check.",
        "build.old_file.one": "gammal fil",
        "build.old_file.many": "gamla filer",
        "build.removed": "Tog bort {files} som inte längre skapas.",
        "build.kept_edited": (
            "{path} skapas inte längre men har ändrats sedan build skrev den; den är kvar. "
            "Ta bort den själv om den inte behövs."
        ),
        "build.not_removed": "{path} kunde inte tas bort; försöker igen nästa gång.",
        "drafts.made": "Utkast: {files} har {errors}; varje fil och text är märkt UTKAST.",
        "drafts.what_to_do": (
            "Rätta felen (dialogkit plan check) för en färdig version; "
            "--strict vägrar att skriva utkast."
        ),
        "fmt.skipping": "hoppar över",
        "fmt.failed": "fel",
        "fmt.would_format": "skulle formateras",
        "fmt.formatted": "formaterade",
        "fmt.to_format.one": "att formatera",
        "fmt.to_format.many": "att formatera",
        "fmt.done.one": "formaterad",
        "fmt.done.many": "formaterade",
        "fmt.with_errors": "{count} med fel",
        # plan check
        "check.checked.one": "plan kontrollerad",
        "check.checked.many": "planer kontrollerade",
        "check.in": "i {where}",
        "check.more": "och {count} till",
        "check.first_shown": ": de första {shown} visas. Rätta dem och kör igen för att se resten.",
        "check.all_skipped": "Ingen plan kontrollerades; alla hoppades över.",
        "check.none_found": "Inga planer (*.yaml, *.yml) hittades.",
        "check.name_folder": " Ange mappen med planerna.",
        "check.hint": "Tips:",
        "check.more_in_file": "och {count} till. Kör dialogkit plan check {file}.",
        # record
        "record.done": "Dialogen {dialogue} är registrerad som {status}{details}.",
        "record.status.held": "genomförd",
        "record.status.cancelled": "inställd",
        "record.participant.one": "deltagare",
        "record.participant.many": "deltagare",
        "record.theme.one": "tema",
        "record.theme.many": "teman",
        "record.changed": "Ändrat i {path}: {keys}.",
        "record.unchanged": "Inget att ändra: dialogen {dialogue} har redan de värdena.",
        "record.ask.participants": "Antal deltagare",
        "record.ask.themes": "Teman, skilda med semikolon",
        "record.ask.public_notes": "Dokumentation som får publiceras",
        "record.ask.internal_notes": "Interna anteckningar",
        "record.ask.skip": "(Enter hoppar över)",
        "record.ask.number": "Skriv antalet som ett tal, t.ex. 27.",
        "metavar.status": "STATUS",
        "metavar.participants": "ANTAL",
        "metavar.theme": "TEMA",
        "metavar.public_notes": "TEXT",
        "metavar.internal_notes": "TEXT",
        "metavar.follow_up": "FRÅGA=SVAR",
        "metavar.feedback_date": "DATUM",
        "metavar.feedback_audience": "MOTTAGARE",
        "metavar.feedback_channel": "KANAL",
        "metavar.feedback_description": "TEXT",
    },
    "en": {
        "usage": "Usage:",
        "section.arguments": "Arguments",
        "section.options": "Options",
        "section.commands": "Commands",
        "usage.options": "[OPTIONS]",
        "usage.command": "COMMAND [ARGS]...",
        "help.help": "Show this help and exit.",
        "help.default": "[default: {value}]",
        "help.required": "[required]",
        "or": "or",
        "metavar.plan": "PLAN",
        "metavar.paths": "PATH",
        "metavar.workspace": "PATH",
        "metavar.args": "ARGS",
        "metavar.kind": "KIND",
        "metavar.name": "NAME",
        "metavar.folder": "FOLDER",
        "metavar.code": "CODE",
        "metavar.out": "PATH",
        "metavar.templates": "FOLDER",
        "metavar.today": "DATE",
        "metavar.scenario": "SCENARIO",
        "metavar.dialogue": "ID",
        "metavar.channel": "CHANNEL",
        "metavar.output": "FORMAT",
        "metavar.path": "PATH",
        "metavar.value": "VALUE",
        "usage.see_help": "See the help: {command} --help",
        "usage.missing_argument": "Missing argument {name}.",
        "usage.missing_option": "Missing option {name}.",
        "usage.no_such_option": "There is no option {name}.",
        "usage.did_you_mean": "Did you mean {names}?",
        "usage.global_option": "Put {name} before the command: {example}",
        "usage.needs_value": "Option {name} needs a value.",
        "usage.takes_no_value": "Option {name} takes no value.",
        "usage.invalid_value": "Invalid value for {name}: {value}.",
        "usage.invalid": "Invalid value for {name}.",
        "usage.choose": "Choose {choices}.",
        "usage.extra_arguments": "Unexpected arguments: {arguments}.",
        "usage.no_such_command": "There is no command {name}.",
        "usage.missing_command": "Name a command.",
        "usage.not_understood": "The command line could not be understood.",
        "error": "error:",
        "hint": "hint:",
        "warning": "warning:",
        "interrupted": "Interrupted.",
        "internal_error": "Internal error in dialogkit: {error}",
        "internal_error.hint": "Run again with --debug for details, and report the bug.",
        "wrote": "Wrote {path}",
        "wrote_files": "Wrote {files} to {folder}/.",
        "file.one": "file",
        "file.many": "files",
        "plan.one": "plan",
        "plan.many": "plans",
        "warning.one": "warning",
        "warning.many": "warnings",
        "error.one": "error",
        "error.many": "errors",
        "skipped.one": "skipped",
        "skipped.many": "skipped",
        "no_changes": "No changes in the plans.",
        "new.written": "Wrote {path}. Fill in the plan and run dialogkit plan check.",
        "keyfigures.done": (
            "Kolada: {plans} local plans; key figures {kpis} fetched, {kpis_cached} from "
            "the cache; value series {series} fetched ({codes}; {values} values), "
            "{series_cached} from the cache; {requests} requests."
        ),
        "keyfigures.no_code": (
            "{path}: give municipality_code (the municipality's code, e.g. 2029) to fetch "
            "the municipality's and the region's values; only riket was fetched."
        ),
        "keyfigures.gone": "Kolada no longer has the key figure {kpi}; the cache notes it.",
        "cache.cleaned": "The check cache {folder} has been removed.",
        "cache.nothing": "No check cache to remove ({folder} does not exist).",
        "init.wrote": "wrote",
        "init.kept": "already there, left alone",
        "init.done": "Done. Next: cd {folder} && git init && dialogkit plan check",
        "build.checking": "Checking the plans",
        "build.writing": "Writing {what}",
        "build.wrote": "Wrote {files} to {folder}/",
        "build.unchanged": "Of these, {files} were already up to date and left untouched.",
        "build.plan": "Plan",
        "build.files": "Files",
        "build.what": "What",
        "build.see_check": " – see dialogkit plan check.",
        "build.old_file.one": "old file",
        "build.old_file.many": "old files",
        "build.removed": "Removed {files} that are no longer made.",
        "build.kept_edited": (
            "{path} is no longer made but has been edited since build wrote it; it is kept. "
            "Remove it yourself if it is not needed."
        ),
        "build.not_removed": "{path} could not be removed; trying again next time.",
        "drafts.made": "Drafts: {files} has {errors}; every file and text is marked as a draft.",
        "drafts.what_to_do": (
            "Fix the errors (dialogkit plan check) for a finished version; "
            "--strict refuses to write drafts."
        ),
        "fmt.skipping": "skipping",
        "fmt.failed": "error",
        "fmt.would_format": "would be formatted",
        "fmt.formatted": "formatted",
        "fmt.to_format.one": "to format",
        "fmt.to_format.many": "to format",
        "fmt.done.one": "formatted",
        "fmt.done.many": "formatted",
        "fmt.with_errors": "{count} with errors",
        "check.checked.one": "plan checked",
        "check.checked.many": "plans checked",
        "check.in": "in {where}",
        "check.more": "and {count} more",
        "check.first_shown": (
            ": the first {shown} are shown. Fix them and run again to see the rest."
        ),
        "check.all_skipped": "No plan was checked; all were skipped.",
        "check.none_found": "No plans (*.yaml, *.yml) were found.",
        "check.name_folder": " Name the folder with the plans.",
        "check.hint": "Hint:",
        "check.more_in_file": "and {count} more. Run dialogkit plan check {file}.",
        "record.done": "The dialogue {dialogue} is recorded as {status}{details}.",
        "record.status.held": "held",
        "record.status.cancelled": "cancelled",
        "record.participant.one": "participant",
        "record.participant.many": "participants",
        "record.theme.one": "theme",
        "record.theme.many": "themes",
        "record.changed": "Changed in {path}: {keys}.",
        "record.unchanged": "Nothing to change: the dialogue {dialogue} already has those values.",
        "record.ask.participants": "Number of participants",
        "record.ask.themes": "Themes, separated by semicolons",
        "record.ask.public_notes": "Documentation that may be published",
        "record.ask.internal_notes": "Internal notes",
        "record.ask.skip": "(Enter skips)",
        "record.ask.number": "Write the number as digits, e.g. 27.",
        "metavar.status": "STATUS",
        "metavar.participants": "NUMBER",
        "metavar.theme": "THEME",
        "metavar.public_notes": "TEXT",
        "metavar.internal_notes": "TEXT",
        "metavar.follow_up": "QUESTION=ANSWER",
        "metavar.feedback_date": "DATE",
        "metavar.feedback_audience": "AUDIENCE",
        "metavar.feedback_channel": "CHANNEL",
        "metavar.feedback_description": "TEXT",
    },
}

REPORT_KINDS = "{report_kinds}"
"""In a help text: every report kind there is (reports.report_kinds()), filled in when
the help is shown, so that a new report is listed without loading every plan kind's
model at each command."""

HELP_EN: dict[str, str] = {
    # keyfigures fetch
    "Nyckeltal från Kolada: hämta dem till arbetsytans cache.": (
        "Key figures from Kolada: fetch them into the workspace's cache."
    ),
    "Åren att hämta, t.ex. 2021-2026 (standard: planens period).": (
        "The years to fetch, e.g. 2021-2026 (default: the plan's period)."
    ),
    "Kontrollera varje fil på nytt, utan att läsa eller skriva kontrollcachen.": (
        "Check every file anew, without reading or writing the check cache."
    ),
    "Kontrollcachen i arbetsytans .dialogkit/cache/check/.": (
        "The check cache in the workspace's .dialogkit/cache/check/."
    ),
    "Arbetsytan, eller en mapp eller plan i den (standard: den här).": (
        "The workspace, or a folder or plan in it (default: this one)."
    ),
    "Ta bort kontrollcachen, så att nästa plan check läser varje fil på nytt. "
    "Kolada-cachen rörs inte: den är hämtad data.": (
        "Remove the check cache, so that the next plan check reads every file anew. The "
        "Kolada cache is left alone: it is fetched data."
    ),
    "Hämta igen även det som redan finns i cachen.": (
        "Fetch again even what is already in the cache."
    ),
    "Hämta de lokala planernas nyckeltal från Kolada (kommunen, regionen och riket) "
    "till arbetsytans cache .dialogkit/cache/kolada/. Det som redan finns hämtas inte igen.": (
        "Fetch the local plans' key figures from Kolada (the municipality, the region and "
        "the country) into the workspace's cache .dialogkit/cache/kolada/. What is already "
        "there is not fetched again."
    ),
    # status and plan check --today
    "Dagen reglerna om datum utgår från (ÅÅÅÅ-MM-DD); standard är idag.": (
        "The day the rules about dates ask about (YYYY-MM-DD); default today."
    ),
    "Arbetsytan, en mapp eller en plan (standard: arbetsytans plans/).": (
        "The workspace, a folder or a plan (default: the workspace's plans/)."
    ),
    "Hur många dagar framåt som visas.": "How many days ahead are shown.",
    "text, markdown eller json.": "text, markdown or json.",
    "Avsluta med 1 om något är försenat eller en plan inte kan läsas (för CI).": (
        "Exit with 1 if anything is overdue or a plan cannot be read (for CI)."
    ),
    "Vad som är försenat, vad som ska göras de närmaste dagarna och vad som kommer sedan: "
    "inbjudningar, anmälan, dialoger, dokumentation, återkoppling, uppgifter, rapporter och "
    "uppföljningar, med ansvarig.": (
        "What is overdue, what is to be done in the coming days and what comes next: "
        "invitations, registration, dialogues, documentation, feedback, tasks, reports and "
        "follow-ups, with who is responsible."
    ),
    # dialogkit and its groups
    "dialogkit: planera och följ upp invånardialoger och God och nära vård.": (
        "dialogkit: plan and follow up citizen dialogues and Good and close care."
    ),
    "Visa hela felspåret vid fel.": "Show the whole traceback on an error.",
    "Språk för hjälp och meddelanden: sv eller en (standard: arbetsytans språk).": (
        "Language of help and messages: sv or en (default: the workspace's language)."
    ),
    "Kontrollera, skapa, formatera och jämför planer.": "Check, create, format and compare plans.",
    "Visa mallarna och var de hämtas från.": "Show the templates and where they come from.",
    # init
    "Skapa en ny arbetsyta: plans/ med en mall för varje plantyp, templates/, .gitignore, "
    "pre-commit-krokar och en README. Skriver aldrig över befintliga filer.": (
        "Create a new workspace: plans/ with a template for each kind of plan, templates/, "
        ".gitignore, pre-commit hooks and a README. Never overwrites an existing file."
    ),
    "Mappen för den nya arbetsytan.": "The folder for the new workspace.",
    # record
    "Registrera vad som hände vid en dialog: status, deltagare, teman, anteckningar, "
    "uppföljning och återkoppling. Bara de rader som ändras skrivs; kommentarer behålls. "
    "Utan flaggor frågar kommandot i terminalen.": (
        "Record what happened at a dialogue: status, participants, themes, notes, follow-up "
        "and feedback. Only the lines that change are written; comments are kept. Without "
        "options the command asks on the terminal."
    ),
    "Dialogprojektet: sökvägen, eller filnamnet i arbetsytans plans/.": (
        "The dialogue project: its path, or its file name in the workspace's plans/."
    ),
    "Dialogens id, t.ex. sala.": "The dialogue's id, e.g. sala.",
    "genomförd (held) eller inställd (cancelled); standard: genomförd.": (
        "held or cancelled, or the same in Swedish; default: held."
    ),
    "Antal deltagare, som ett tal.": "The number of participants.",
    "Ett tema som kom upp; upprepa för flera. Läggs till de som finns.": (
        "A theme that came up; repeat for more. Added to those already there."
    ),
    "Dokumentation som får publiceras.": "Documentation that may be published.",
    "Interna anteckningar; kommer aldrig med i publika rapporter.": (
        "Internal notes; never in public reports."
    ),
    "Svar på en uppföljningsfråga: FRÅGA=SVAR, t.ex. main_lesson=...; upprepa.": (
        "An answer to a follow-up question: QUESTION=ANSWER, e.g. main_lesson=...; repeat."
    ),
    "Återkoppling: när den gavs (ÅÅÅÅ-MM-DD).": "Feedback: when it was given (YYYY-MM-DD).",
    "Återkoppling: till participants eller public.": "Feedback: to participants or public.",
    'Återkoppling: hur, t.ex. "e-post".': 'Feedback: how, e.g. "e-mail".',
    "Återkoppling: vad som återkopplades.": "Feedback: what was fed back.",
    "Skriv över värden som redan finns.": "Overwrite values that are already there.",
    # timeline
    "Visa tidsaxeln månad för månad: uppgifter, dialoger och aktiviteter.": (
        "Show the timeline month by month: tasks, dialogues and activities."
    ),
    "Planen (dialogprojekt, kommunikationsplan, lokal plan).": (
        "The plan (dialogue project, communication plan, local plan)."
    ),
    "terminal, markdown, mermaid, csv eller ics.": "terminal, markdown, mermaid, csv or ics.",
    "Dagens datum (ÅÅÅÅ-MM-DD); standard är idag.": "Today's date (YYYY-MM-DD); default today.",
    "Skriv till en fil.": "Write to a file.",
    # cost
    "Kostnadsberäkning för ett dialogprojekt, eller timmar per person och månad för en "
    "kommunikationsplan.": (
        "Cost estimate for a dialogue project, or hours per person and month for a "
        "communication plan."
    ),
    "Dialogprojekt eller kommunikationsplan.": "Dialogue project or communication plan.",
    "Jämför bara med detta scenario: all-digital, all-in-person eller ett i planen "
    "(standard: alla som planen har priser för).": (
        "Compare only with this scenario: all-digital, all-in-person or one in the plan "
        "(default: all the plan has prices for)."
    ),
    "table, markdown, csv, json eller xlsx.": "table, markdown, csv, json or xlsx.",
    # invite
    "Inbjudningar för varje dialog och kanal, med kalenderfil.": (
        "Invitations for each dialogue and channel, with a calendar file."
    ),
    "Dialogprojektet.": "The dialogue project.",
    "Dialogens id (standard: alla riktiga dialoger).": (
        "The dialogue's id (default: all real dialogues)."
    ),
    "email, web, facebook, newspaper_ad, press_release eller reminder "
    "(standard: planens kanaler).": (
        "email, web, facebook, newspaper_ad, press_release or reminder "
        "(default: the plan's channels)."
    ),
    "text, markdown eller eml.": "text, markdown or eml.",
    "Mapp att skriva en fil per dialog och kanal i.": (
        "Folder to write one file per dialogue and channel in."
    ),
    "Egen mallmapp, före arbetsytans och de inbyggda.": (
        "Own template folder, before the workspace's and the built-in ones."
    ),
    # site (issue 17)
    "Dialogprojektet, eller en mapp med planer: då skrivs varje dialogprojekts sida i en "
    "mapp med planens id, och en intern översikt bredvid.": (
        "The dialogue project, or a folder of plans: then each dialogue project's page is "
        "written in a folder named by the plan's id, with an internal overview beside them."
    ),
    "Mapp att skriva webbsidan och dess kalenderfiler i.": (
        "Folder to write the web page and its calendar files in."
    ),
    "Projektets publika webbsida: index.html, stilmall och kalenderfiler, för att "
    "öppna från disk eller kopiera till en webbserver.": (
        "The project's public web page: index.html, stylesheet and calendar files, to "
        "open from disk or copy to a web server."
    ),
    # feedback
    'Återkoppling efter varje genomförd dialog ("Ni sa – vi gör"): e-post till '
    "deltagarna, webbtext och pressmeddelande.": (
        'Feedback after each held dialogue ("You said – we do"): an e-mail to the '
        "participants, a web text and a press release."
    ),
    "Dialogens id (standard: alla genomförda riktiga dialoger).": (
        "The dialogue's id (default: every real dialogue held)."
    ),
    "email, web eller press_release (standard: alla tre).": (
        "email, web or press_release (default: all three)."
    ),
    # report
    "Word-rapport (eller Markdown eller PDF) från planen: de rapporter dess plantyp har, "
    "som projektplan och dialograpport för ett dialogprojekt (se --kind).": (
        "Word report (or Markdown or PDF) from the plan: the reports of its kind of plan, such "
        "as project plan and dialogue report for a dialogue project (see --kind)."
    ),
    "Planen rapporten gäller.": "The plan the report is about.",
    f"En av {REPORT_KINDS} (standard: planens första).": (
        f"One of {REPORT_KINDS} (default: the plan's first)."
    ),
    "internal eller public.": "internal or public.",
    "docx, markdown eller pdf (kräver LibreOffice).": "docx, markdown or pdf (needs LibreOffice).",
    "Filen att skriva.": "The file to write.",
    "Inga utkast: har planen fel skrivs inget, och kommandot avslutas med fel.": (
        "No drafts: if the plan has errors, nothing is written and the command fails."
    ),
    "Egen mallmapp (även för reference.docx).": "Own template folder (also for reference.docx).",
    # build
    "Kontrollera planerna och skapa allt: tidsaxlar, kostnader, inbjudningar, "
    "kalenderfiler och Word-rapporter.": (
        "Check the plans and make everything: timelines, costs, invitations, calendar "
        "files and Word reports."
    ),
    "Arbetsytan eller planerna (standard: arbetsytans plans/).": (
        "The workspace or the plans (default: the workspace's plans/)."
    ),
    "Mappen att skriva i (standard: arbetsytans out/).": (
        "The folder to write in (default: the workspace's out/)."
    ),
    "Dagens datum för tidsaxlarna (ÅÅÅÅ-MM-DD).": "Today's date for the timelines (YYYY-MM-DD).",
    "Gör alla produkter på nytt, även för planer som inte har ändrats.": (
        "Make every product again, also for plans that have not changed."
    ),
    # explain
    "Förklara en kod från plan check: varför regeln finns, ett exempel och hur man rättar.": (
        "Explain a code from plan check: why the rule exists, an example and how to fix it."
    ),
    "Koden, t.ex. DK201, eller regelns namn.": "The code, e.g. DK201, or the rule's name.",
    "Lista alla koder.": "List every code.",
    "sv eller en (standard: arbetsytans språk).": "sv or en (default: the workspace's language).",
    "text, json eller markdown.": "text, json or markdown.",
    # plan check, fmt, diff, new, schema
    "Kontrollera planerna och visa fel och varningar med fil, rad och kolumn.": (
        "Check the plans and show errors and warnings with file, line and column."
    ),
    "Planer eller mappar (standard: arbetsytans plans/).": (
        "Plans or folders (default: the workspace's plans/)."
    ),
    "text, json eller github.": "text, json or github.",
    "Avsluta med fel även vid varningar.": "Fail on warnings too.",
    "Formatera planerna enhetligt: indrag och nyckelordning. Kommentarer, tomrader, "
    "citattecken och schemaraden behålls, och data ändras aldrig.": (
        "Format the plans uniformly: indentation and key order. Comments, blank lines, "
        "quotes and the schema line are kept, and data never changes."
    ),
    "Ändra inget; avsluta med 1 om något skulle ändras.": (
        "Change nothing; exit with 1 if anything would change."
    ),
    "Rätta först text från Word, Outlook och Excel: raka citattecken, vanliga mellanslag, "
    "UTF-16 sparas som UTF-8.": (
        "First repair text from Word, Outlook and Excel: straight quotes, normal spaces, "
        "UTF-16 saved as UTF-8."
    ),
    "Vad har ändrats i planerna mellan två git-versioner, i ord för granskning.": (
        "What changed in the plans between two git versions, in words for review."
    ),
    "[VERSION [VERSION2]] [SÖKVÄG...]: standard är arbetskopian mot HEAD.": (
        "[REVISION [REVISION2]] [PATH...]: default is the working copy against HEAD."
    ),
    "text eller json.": "text or json.",
    "Skapa en ny plan från en kommenterad mall.": "Create a new plan from a commented template.",
    "dialogue_project, communication_plan, strategy, local_plan eller implementation_plan.": (
        "dialogue_project, communication_plan, strategy, local_plan or implementation_plan."
    ),
    "Filnamn och id, t.ex. dialog-2026.": "File name and id, e.g. dialogue-2026.",
    "Mappen planen skrivs i (standard: arbetsytans plans/).": (
        "The folder the plan is written in (default: the workspace's plans/)."
    ),
    "Skriv ut JSON-schemat för planerna (för editorns YAML-stöd).": (
        "Print the plans' JSON schema (for the editor's YAML support)."
    ),
    # templates
    "Visa varje mall och filen den hämtas från, i sökordning.": (
        "Show each template and the file it comes from, in search order."
    ),
    "En plan i arbetsytan (för arbetsytans mallar).": (
        "A plan in the workspace (for the workspace's templates)."
    ),
    "Egen mallmapp.": "Own template folder.",
}

HELP: dict[str, dict[str, str]] = {"sv": {}, "en": HELP_EN}
"""A help text's words per language; Swedish is the source text itself."""

_READ_ONLY = {language: MappingProxyType(table) for language, table in CLI_WORDS.items()}


def cli_words(language: str) -> Mapping[str, str]:
    """The command line's words in `language` ("sv" or "en")."""
    return _READ_ONLY[language]


def counted(language: str, key: str, count: int) -> str:
    """`counted("sv", "file", 2)` -> "2 filer": the count and the word for that many."""
    table = _READ_ONLY[language]
    return plural(count, table[f"{key}.one"], table[f"{key}.many"])


def help_text(text: str | None, language: str) -> str:
    """A help text from cli.py in `language`; one with no translation stays as written."""
    if not text:
        return ""
    source = " ".join(text.split())
    shown = HELP[language].get(source, source)
    if REPORT_KINDS in shown:
        from .reports import report_kinds

        shown = shown.replace(REPORT_KINDS, ", ".join(report_kinds()))
    return shown
