"""The command line: output formats, exit codes, schema."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from conftest import PROJECT, REPO, line_of

WARNING_ONLY = PROJECT.replace("date: 2021-04-13", "date: 2021-04-17")  # a Saturday


def test_clean_plan_exits_0(run, write):
    result = run("plan", "check", write(PROJECT))
    assert result.exit_code == 0
    assert "0 fel, 0 varningar" in result.stdout


def test_warnings_exit_0_unless_strict(run, write):
    path = write(WARNING_ONLY)
    assert run("plan", "check", path).exit_code == 0
    assert run("plan", "check", "--strict", path).exit_code == 1


def test_missing_path_exits_2_with_a_message(run, tmp_path):
    result = run("plan", "check", tmp_path / "finns-inte")
    assert result.exit_code == 2
    assert "finns inte" in result.stderr
    assert "Traceback" not in result.stderr


def test_default_path_is_the_current_folder(run, write, monkeypatch, tmp_path):
    write(PROJECT.replace("members: [anna, bo]", "members: [anna]"), "plans/projekt.yaml")
    write("repos: []\n", ".pre-commit-config.yaml")  # hidden files are not plans
    monkeypatch.chdir(tmp_path)
    result = run("plan", "check")
    assert result.exit_code == 1
    assert "DK201" in result.stdout
    assert "1 plan kontrollerad: 1 fel, 0 varningar." in result.stdout


def test_json_format(run, write):
    path = write(WARNING_ONLY)
    result = run("plan", "check", "--format", "json", path)
    report = json.loads(result.stdout)
    assert (report["errors"], report["warnings"], report["files_checked"]) == (0, 1, 1)
    finding = report["findings"][0]
    assert finding["code"] == "DK208"
    assert finding["severity"] == "warning"
    assert finding["line"] == line_of(WARNING_ONLY, "date: 2021-04-17")
    assert finding["path"] == "dialogues[sala].date"


def test_github_format(run, write):
    path = write(PROJECT.replace("members: [anna, bo]", "members: [anna]"))
    result = run("plan", "check", "--format", "github", path)
    line = line_of(PROJECT, "members: [anna, bo]")
    assert result.exit_code == 1
    assert result.stdout.startswith(f"::error file={path},line={line},col=5,title=DK201::")


def test_text_format_shows_source_line_and_hint(run, write):
    path = write(PROJECT.replace("members: [anna, bo]", "members: [anna]"))
    result = run("plan", "check", path)
    assert "members: [anna]" in result.stdout
    assert "tips:" in result.stdout
    assert "dialogues[sala].members" in result.stdout


@pytest.mark.slow
def test_schema_command_is_draft7_and_matches_the_shipped_file(run):
    import jsonschema

    result = run("plan", "schema")
    schema = json.loads(result.stdout)
    jsonschema.Draft7Validator.check_schema(schema)
    shipped = (REPO / "schema" / "dialogkit.schema.json").read_text(encoding="utf-8")
    assert result.stdout == shipped, "run: dialogkit plan schema > schema/dialogkit.schema.json"
    hearing_loop = schema["definitions"]["Venue"]["properties"]["hearing_loop"]
    assert hearing_loop["description"] == "Finns hörselslinga?"


def test_help_lists_the_commands(run):
    result = run("--help")
    assert result.exit_code == 0
    assert "plan" in result.stdout
    result = run("plan", "--help")
    assert "check" in result.stdout and "schema" in result.stdout


def test_every_field_in_the_schema_has_a_description(run):
    schema = json.loads(run("plan", "schema").stdout)
    undocumented = [
        f"{name}.{field}"
        for name, definition in schema["definitions"].items()
        for field, spec in definition.get("properties", {}).items()
        if not spec.get("description")
    ]
    assert undocumented == []


def test_a_folder_without_plans_says_so(run, tmp_path):
    result = run("plan", "check", tmp_path)
    assert result.exit_code == 2  # an empty workspace is a mistake, not a pass
    assert "Inga planer" in result.stderr


# `plan check` runs in pre-commit on every commit, so the entry point runs its usual
# forms without loading typer (dialogkit/entry.py); they must behave exactly as the
# full command line does, and everything else must still reach it.

CHECK_FORMS = [
    [],
    ["--strict"],
    ["--no-strict"],
    ["-f", "json"],
    ["--format", "github", "--strict"],
    ["--format=json"],
]


@pytest.mark.parametrize("options", CHECK_FORMS, ids=" ".join)
@pytest.mark.parametrize("plan", [WARNING_ONLY, PROJECT.replace("[anna, bo]", "[anna]")])
def test_quick_check_answers_as_the_full_command_line(run, write, options, plan):
    from typer.testing import CliRunner

    from dialogkit.cli import app

    path = write(plan)
    quick = run("plan", "check", *options, path)
    full = CliRunner().invoke(app, ["plan", "check", *options, str(path)])
    assert (quick.exit_code, quick.stdout) == (full.exit_code, full.stdout)


def test_quick_check_knows_every_option_of_plan_check():
    import typer.main

    from dialogkit.cli import app
    from dialogkit.entry import CHECK_OPTIONS

    command = typer.main.get_command(app).commands["plan"].commands["check"]
    options = {name for p in command.params for name in (*p.opts, *p.secondary_opts)}
    assert options - {"paths", "--help"} == CHECK_OPTIONS


@pytest.mark.slow
def test_checking_a_plan_loads_only_what_it_needs(write):
    """Neither typer nor rich, and no other plan kind's models (see entry.py)."""
    path = write(WARNING_ONLY)
    others = [f"dialogkit.model.{kind}" for kind in ("communication", "localplan", "strategy")]
    probe = (
        "import atexit, sys\n"
        f"loaded = lambda: sorted({{'typer', 'rich', *{others}}} & set(sys.modules))\n"
        "atexit.register(lambda: print(loaded(), file=sys.stderr))\n"
        "from dialogkit.entry import main\n"
        f"sys.argv = ['dialogkit', 'plan', 'check', {str(path)!r}]\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "[]"
    assert "1 plan kontrollerad: 0 fel, 1 varning." in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize("args", [["plan", "check", "plans"], ["--help"]])
def test_no_package_metadata_is_read_at_start_up(args):
    """importlib.metadata (with zipfile, email, csv) costs 35 ms at every start; pydantic
    imports it only to look for plugins, which dialogkit turns off (entry.py)."""
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: print(sorted({'importlib.metadata', 'zipfile'} & "
        "set(sys.modules)), file=sys.stderr))\n"
        "from dialogkit.entry import main\n"
        f"sys.argv = ['dialogkit', *{args!r}]\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize(
    ("options", "exit_code", "expected"),
    [
        (["--help"], 0, "Kontrollera planerna"),
        (["--format", "xml"], 2, "xml"),
        (["--format"], 2, "--format"),
        (["-q"], 2, "-q"),
    ],
)
def test_other_forms_of_plan_check_reach_the_full_command_line(
    run, write, options, exit_code, expected
):
    result = run("plan", "check", *options, write(PROJECT))
    assert result.exit_code == exit_code
    assert expected in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_colour_is_forced_by_the_environment_and_says_the_same(run, write, monkeypatch):
    path = write(PROJECT.replace("[anna, bo]", "[anna]"))
    plain = run("plan", "check", path).stdout
    monkeypatch.setenv("FORCE_COLOR", "1")
    coloured = run("plan", "check", path).stdout
    assert "\x1b[" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_an_internal_error_is_one_line_unless_debug(run, write, monkeypatch):
    import dialogkit.checking

    def broken(paths, *args, **kwargs):
        raise RuntimeError("planted bug")

    monkeypatch.setattr(dialogkit.checking, "check", broken)
    path = write(PROJECT)
    result = run("plan", "check", path)
    assert result.exit_code == 3
    assert "Internt fel i dialogkit: RuntimeError: planted bug" in result.stderr
    assert "Traceback" not in result.stderr
    with pytest.raises(RuntimeError, match="planted bug"):
        run("--debug", "plan", "check", path)


@pytest.mark.slow
def test_paths_with_brackets_are_printed_as_they_are(run, write, tmp_path):
    """Rich reads [x] as markup; a folder such as "ut [utkast]" must still be named."""
    path = write(PROJECT)
    out = tmp_path / "ut [utkast]"
    result = run("cost", path, "--format", "csv", "--out", out / "kostnad.csv")
    assert result.exit_code == 0, result.stderr
    assert f"Skrev {out / 'kostnad.csv'}" in result.stderr
    result = run("build", path, "--out", out / "allt", "--today", "2021-03-01")
    assert result.exit_code == 0, result.stderr
    assert f"filer i {out / 'allt'}/" in " ".join(result.stdout.split())
