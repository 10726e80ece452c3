"""The command line speaks the user's language: help pages, usage errors and its own
messages in Swedish, or in English with `--lang en` or an English workspace, with right
singular and plural. Every command is found in the command tree, so a new one is
covered without a new test."""

from __future__ import annotations

import re

import pytest
import typer.main
from conftest import PROJECT, STRATEGY

from dialogkit.cli import app
from dialogkit.cli_language import choices_of, metavar
from dialogkit.cli_words import CLI_WORDS, HELP_EN, counted

ROOT = typer.main.get_command(app)


def _commands(command, path=()):
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, (*path, name))


COMMANDS = dict(_commands(ROOT))
LEAVES = {path: command for path, command in COMMANDS.items() if not hasattr(command, "commands")}


def _ids(paths):
    return [" ".join(path) or "dialogkit" for path in paths]


ENGLISH = re.compile(
    r"Usage|Options|Commands|Arguments|Show this|Missing|Invalid|Error|Try |unexpected"
    r"|No such|Did you mean|Possible|is not one of|Value error|\[required\]|\[default"
    r"|list\[|<path>|<str>|\{plan\}|for help|requires an? |does not take"
)
SWEDISH = re.compile(r"[åäöÅÄÖ]|Visa|Flaggor|Kommandon|fel:|tips:|eller|standard|krävs|Användning")


@pytest.fixture
def here(tmp_path, monkeypatch):
    """A folder outside any workspace (Swedish), made the current one."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def english_workspace(tmp_path, monkeypatch):
    (tmp_path / "dialogkit.toml").write_text('language = "en"\n', encoding="utf-8")
    (tmp_path / "plans").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_tree_has_the_commands_the_tests_rely_on():
    assert {("plan", "check"), ("report",), ("plan", "diff"), ("templates", "list")} <= set(LEAVES)
    assert len(LEAVES) >= 12


# --- help pages ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", COMMANDS, ids=_ids(COMMANDS))
def test_every_help_page_is_swedish(run, here, path):
    result = run(*path, "--help")
    assert result.exit_code == 0, result.stderr
    page = result.stdout
    assert page.startswith(f"Användning: dialogkit {' '.join(path)}".rstrip())
    assert "Flaggor:" in page and "Visa den här hjälpen och avsluta." in page
    assert not ENGLISH.search(page), ENGLISH.search(page)


@pytest.mark.parametrize("path", COMMANDS, ids=_ids(COMMANDS))
def test_every_help_page_is_english_with_lang_en(run, here, path):
    result = run("--lang", "en", *path, "--help")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Usage: dialogkit")
    assert "Options:" in result.stdout and "Show this help and exit." in result.stdout
    assert not SWEDISH.search(result.stdout), SWEDISH.search(result.stdout)


def test_an_english_workspace_gets_english_help(run, english_workspace):
    result = run("report", "--help")
    assert result.stdout.startswith("Usage: dialogkit report [OPTIONS] PLAN")
    assert "The plan the report is about.  [required]" in result.stdout
    assert not SWEDISH.search(result.stdout)
    assert run("--lang", "sv", "report", "--help").stdout.startswith("Användning:")


def test_help_shows_values_as_words_and_choices(run, here):
    page = run("report", "--help").stdout
    assert "Användning: dialogkit report [FLAGGOR] PLAN" in page
    assert "-f, --format [docx|markdown|pdf]" in page and "[standard: docx]" in page
    assert "PLAN  Planen rapporten gäller.  [krävs]" in page
    diff = run("plan", "diff", "--help").stdout
    assert "[ARGUMENT]..." in diff and "-f, --format FORMAT" in diff
    top = run("--help").stdout
    assert "Kommandon:" in top and "--lang [sv|en]" in top


def test_every_help_text_has_an_english_twin():
    """A new command or option needs its English help in cli_words.HELP_EN."""
    texts = {
        " ".join(text.split())
        for command in COMMANDS.values()
        for text in [command.help, *(getattr(p, "help", None) for p in command.params)]
        if text
    }
    assert sorted(texts - HELP_EN.keys()) == []


def test_no_arguments_shows_the_help(run, here):
    result = run()
    assert result.exit_code == 2
    assert result.stderr.startswith("Användning: dialogkit [FLAGGOR] KOMMANDO")


# --- usage errors ---------------------------------------------------------------------------


def _arguments(command):
    return [p for p in command.params if p.param_type_name == "argument"]


def _filled(command) -> list[str]:
    """Values for the command's required arguments."""
    return ["x" for p in _arguments(command) if p.required]


def _mistakes():
    """(command path, arguments, what the message must name) for each kind of mistake
    each command can be given."""
    for path, command in LEAVES.items():
        filled = _filled(command)
        yield path, [*filled, "--no-such-option"], "--no-such-option"
        if filled:
            yield path, [], metavar(_arguments(command)[0], "sv")
        if not any(p.nargs == -1 for p in _arguments(command)):
            extra = [*filled, *("x" for p in _arguments(command) if not p.required), "extra1"]
            yield path, extra, "extra1"
        for option in command.params:
            if option.param_type_name != "option" or getattr(option, "is_flag", False):
                continue
            name = max(option.opts, key=len)
            yield path, [*filled, name], name
            if choices_of(option):
                yield path, [*filled, name, "bad-choice"], "bad-choice"
    for path, command in COMMANDS.items():
        if hasattr(command, "commands"):
            yield path, ["no-such-command"], "no-such-command"


MISTAKES = list(_mistakes())


@pytest.mark.parametrize(
    ("path", "args", "named"), MISTAKES, ids=[" ".join([*p, *a]) for p, a, _ in MISTAKES]
)
def test_every_mistake_is_told_in_swedish(run, here, path, args, named):
    result = run(*path, *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Användning: dialogkit")
    assert "\nfel: " in result.stderr and "\ntips: " in result.stderr
    assert named in result.stderr
    assert not ENGLISH.search(result.stderr), ENGLISH.search(result.stderr)


@pytest.mark.parametrize(
    ("path", "args", "named"), MISTAKES[::3], ids=[" ".join([*p, *a]) for p, a, _ in MISTAKES[::3]]
)
def test_mistakes_are_told_in_english_in_an_english_workspace(
    run, english_workspace, path, args, named
):
    result = run(*path, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("Usage: dialogkit")
    assert "\nerror: " in result.stderr and "\nhint: " in result.stderr
    assert not SWEDISH.search(result.stderr), SWEDISH.search(result.stderr)


def test_usage_errors_say_what_to_do(run, here):
    missing = run("report")
    assert "fel: Argumentet PLAN saknas." in missing.stderr
    assert "tips: Se hjälpen: dialogkit report --help" in missing.stderr
    choice = run("report", "x", "--format", "pptx")
    assert "fel: Ogiltigt värde för --format: pptx." in choice.stderr
    assert "tips: Välj docx, markdown eller pdf." in choice.stderr
    extra = run("plan", "schema", "a", "b")
    assert "fel: Oväntade argument: a b." in extra.stderr
    typo = run("plan", "chek")
    assert "Kommandot chek finns inte." in typo.stderr and "Menade du check" in typo.stderr
    english = run("--lang", "en", "report", "x", "--out")
    assert "error: Option --out needs a value." in english.stderr


def test_lang_goes_before_the_command(run, here):
    result = run("report", "x", "--lang", "en")
    assert result.exit_code == 2
    assert "Skriv --lang före kommandot" in result.stderr
    wrong = run("--lang", "de", "plan", "check")
    assert wrong.exit_code == 2
    assert "Ogiltigt värde för --lang: de." in wrong.stderr and "Välj sv eller en." in wrong.stderr


# --- messages and plurals -------------------------------------------------------------------


def _plans(folder, count):
    folder.mkdir(exist_ok=True)
    for number in range(count):
        text = STRATEGY.replace("id: strategi", f"id: strategi{number}")
        (folder / f"s{number}.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("lang", "count", "check", "fmt"),
    [
        ("sv", 1, "1 plan kontrollerad: 0 fel, 0 varningar.", "1 plan, 0 formaterade, 0 med fel."),
        ("sv", 2, "2 planer kontrollerade: 0 fel, 0 varningar.", "2 planer, 0 formaterade"),
        ("en", 1, "1 plan checked: 0 errors, 0 warnings.", "1 plan, 0 formatted, 0 with errors."),
        ("en", 2, "2 plans checked: 0 errors, 0 warnings.", "2 plans, 0 formatted"),
    ],
)
def test_check_and_fmt_count_plans_in_words(run, here, lang, count, check, fmt):
    plans = _plans(here / "plans", count)
    checked = run("--lang", lang, "plan", "check", plans)  # the quick path
    assert checked.exit_code == 0, checked.stderr
    assert checked.stdout.strip().endswith(check)
    assert run("--lang", lang, "plan", "fmt", plans).stdout.strip().startswith(fmt)


def test_check_speaks_the_english_workspace(run, english_workspace, write):
    path = write(PROJECT.replace("members: [anna, bo]", "members: [anna]"), "plans/p.yaml")
    result = run("plan", "check", path)
    assert result.exit_code == 1
    assert "1 plan checked: 1 error, 0 warnings." in result.stdout
    assert " error DK201 " in result.stdout and "hint:" in result.stdout
    assert "tips:" not in result.stdout


def test_one_and_many_in_the_words_table():
    assert counted("sv", "file", 1) == "1 fil" and counted("sv", "file", 2) == "2 filer"
    assert counted("en", "error", 1) == "1 error" and counted("en", "error", 0) == "0 errors"
    assert counted("sv", "error", 2) == "2 fel"
    assert counted("sv", "fmt.done", 1) == "1 formaterad"
    assert counted("sv", "warning", 2) == "2 varningar"


def test_both_languages_have_the_same_cli_words():
    assert CLI_WORDS["sv"].keys() == CLI_WORDS["en"].keys()
    pairs = [key.rpartition(".")[0] for key in CLI_WORDS["sv"] if key.endswith(".one")]
    assert all(f"{key}.many" in CLI_WORDS["sv"] for key in pairs)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "written", "warnings"),
    [("sv", "Skrev 2 filer i", "1 varning – se"), ("en", "Wrote 2 files to", "1 warning – see")],
)
def test_written_files_are_counted_in_the_language(run, here, write, lang, written, warnings):
    plan = write(PROJECT.replace("date: 2021-04-13", "date: 2021-04-17"))  # a Saturday
    out = here / "out"
    result = run(
        "--lang", lang, "invite", plan, "-d", "sala", "-c", "email", "-f", "eml", "--out", out
    )
    assert result.exit_code == 0, result.stderr
    assert written in result.stderr
    built = run("--lang", lang, "build", plan.parent, "--out", here / "built")
    assert built.exit_code == 0, built.stderr
    assert warnings in built.stderr
    header = {"sv": ("Plan", "Filer", "Vad"), "en": ("Plan", "Files", "What")}[lang]
    assert all(word in built.stdout for word in header)
