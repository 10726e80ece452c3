"""Every command finds the same workspace, fails clearly (exit 2, no traceback), `plan
diff` says old → new, and `build` removes its own stale files and nothing else."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import COMMUNICATION, PROJECT

from dialogkit.settings import workspace_root

GIT = ["git", "-c", "user.email=test@example.se", "-c", "user.name=Test"]
INVITATIONS = Path("out", "testprojekt", "inbjudningar")
NOT_A_PLAN = "services:\n  web:\n    image: nginx\n"


@pytest.fixture
def alone(tmp_path, monkeypatch):
    """tmp_path, where no folder above is a workspace or a git repository."""
    if workspace_root(tmp_path) is not None:
        pytest.skip(f"{tmp_path} lies inside a workspace")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _workspace(folder: Path, write, *, marker: bool) -> Path:
    """One project in plans/, a `docker-compose.yml` beside it and a subfolder to work
    from; with `dialogkit.toml`, or found by its plans/ alone."""
    if marker:
        write("", "dialogkit.toml")
    write(PROJECT, "plans/projekt.yaml")
    write(NOT_A_PLAN, "docker-compose.yml")
    (folder / "docs" / "protokoll").mkdir(parents=True)
    return folder


@pytest.fixture(params=["marker", "plans-only"])
def workspace(request, alone, write):
    return _workspace(alone, write, marker=request.param == "marker")


@pytest.fixture
def marked(alone, write):
    """A workspace with `dialogkit.toml`, for the slow tests."""
    return _workspace(alone, write, marker=True)


def failed_clearly(result, *phrases: str) -> bool:
    said = result.stdout + result.stderr
    return (
        result.exit_code == 2
        and all(phrase in result.stderr for phrase in phrases)
        and "Traceback" not in said
        and "Internt fel" not in said
    )


def git(*args: str, cwd: Path) -> None:
    subprocess.run([*GIT, *args], cwd=cwd, check=True, capture_output=True)


# One rule finds the workspace --------------------------------------------------------


def test_check_from_a_subfolder_checks_the_workspace_plans_only(run, workspace, monkeypatch):
    monkeypatch.chdir(workspace / "docs" / "protokoll")
    result = run("plan", "check", "--format", "json")
    assert result.exit_code == 0, result.stdout
    report = json.loads(result.stdout)
    assert report["files_checked"] == 1 and report["findings"] == []  # no DK005
    assert run("plan", "check").exit_code == 0  # the quick entry path agrees


@pytest.mark.slow
def test_fmt_from_a_subfolder_leaves_other_yaml_alone(run, workspace, monkeypatch):
    monkeypatch.chdir(workspace / "docs")
    result = run("plan", "fmt")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "docker-compose" not in result.stdout + result.stderr
    assert (workspace / "docker-compose.yml").read_text("utf-8") == NOT_A_PLAN


def test_plan_new_from_a_subfolder_writes_into_the_workspace_plans(run, workspace, monkeypatch):
    monkeypatch.chdir(workspace / "docs" / "protokoll")
    assert run("plan", "new", "strategy", "strategi-2030").exit_code == 0
    assert (workspace / "plans" / "strategi-2030.yaml").is_file()
    assert not (workspace / "docs" / "protokoll" / "plans").exists()


def test_templates_list_from_a_subfolder_shows_the_workspace_templates(
    run, workspace, write, monkeypatch
):
    write("Egen {{ dialogue.municipality }}\n", "templates/sv/invite/facebook.txt.j2")
    monkeypatch.chdir(workspace / "docs")
    listed = run("templates", "list").stdout
    assert str(workspace / "templates" / "sv" / "invite" / "facebook.txt.j2") in listed


@pytest.mark.slow
def test_build_from_a_subfolder_writes_the_workspace_out(run, workspace, monkeypatch):
    monkeypatch.chdir(workspace / "docs" / "protokoll")
    result = run("build", "--today", "2021-03-01")
    assert result.exit_code == 0, result.stderr
    assert (workspace / "out" / "testprojekt" / "kostnad.xlsx").is_file()
    assert not (workspace / "docs" / "protokoll" / "out").exists()
    assert "../../out/" in result.stdout  # where, as the user would write it


@pytest.mark.slow
def test_diff_from_a_subfolder_compares_the_workspace_plans_only(run, workspace, monkeypatch):
    git("init", "-q", cwd=workspace)
    git("add", ".", cwd=workspace)
    git("commit", "-qm", "första", cwd=workspace)
    (workspace / "docker-compose.yml").write_text(NOT_A_PLAN + "  db:\n    image: pg\n", "utf-8")
    plan = workspace / "plans" / "projekt.yaml"
    plan.write_text(PROJECT.replace("date: 2021-04-13", "date: 2021-04-20"), "utf-8")
    monkeypatch.chdir(workspace / "docs")
    result = run("plan", "diff", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert {change["file"] for change in json.loads(result.stdout)} == {"plans/projekt.yaml"}


# Clear failures ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [["plan", "check"], ["plan", "fmt"], ["build"], ["plan", "new", "strategy", "s"]],
    ids=["check", "fmt", "build", "new"],
)
def test_outside_any_workspace_is_exit_2(run, alone, command):
    result = run(*command)
    assert failed_clearly(result, "Ingen arbetsyta", "dialogkit init")
    assert list(alone.iterdir()) == []  # nothing written, not even out/


@pytest.mark.parametrize("command", [["plan", "check"], ["build"]], ids=["check", "build"])
def test_an_empty_workspace_is_exit_2(run, alone, command):
    (alone / "dialogkit.toml").write_text("", "utf-8")
    (alone / "plans").mkdir()
    result = run(*command)
    assert failed_clearly(result, "Inga planer i plans/")
    assert not (alone / "out").exists()


def test_an_empty_folder_given_is_exit_2(run, alone):
    (alone / "tom").mkdir()
    assert failed_clearly(run("plan", "check", alone / "tom"), "Inga planer")


@pytest.fixture
def repo(alone, write):
    write(PROJECT, "plans/projekt.yaml")
    git("init", "-q", cwd=alone)
    git("add", ".", cwd=alone)
    git("commit", "-qm", "första", cwd=alone)
    return alone


@pytest.mark.parametrize(
    "args", [["finnsinte", "HEAD"], ["HEAD~10"], ["HEAD", "finnsinte"]], ids=str
)
def test_an_unknown_revision_is_exit_2(run, repo, args):
    result = run("plan", "diff", *args)
    assert failed_clearly(result, "'finnsinte'" if "finnsinte" in args else "'HEAD~10'")
    assert "git log" in result.stderr
    assert "Inga ändringar" not in result.stdout


def test_a_removed_plan_named_is_no_unknown_revision(run, repo):
    (repo / "plans" / "projekt.yaml").unlink()
    result = run("plan", "diff", "plans/projekt.yaml")
    assert result.exit_code == 0, result.stderr
    assert "Plan borttagen" in result.stdout


def test_diff_before_the_first_commit_is_exit_2(run, alone, write):
    write(PROJECT, "plans/projekt.yaml")
    git("init", "-q", cwd=alone)
    assert failed_clearly(run("plan", "diff"), "ingen incheckning")


@pytest.mark.parametrize(
    "command",
    [
        ["report", "plans/projekt.yaml", "--format", "markdown"],
        ["timeline", "plans/projekt.yaml", "--format", "markdown"],
        ["cost", "plans/projekt.yaml", "--format", "csv"],
    ],
    ids=["report", "timeline", "cost"],
)
def test_a_folder_as_a_file_output_is_exit_2(run, marked, command):
    before = sorted(p.name for p in (marked / "plans").iterdir())
    result = run(*command, "--out", "plans")
    assert failed_clearly(result, "plans är en mapp")
    assert sorted(p.name for p in (marked / "plans").iterdir()) == before


@pytest.mark.parametrize(
    "command",
    [
        ["report", "plans/projekt.yaml", "--format", "markdown", "--out", "fil.txt/rapport.md"],
        ["invite", "plans/projekt.yaml", "--out", "fil.txt"],
        ["invite", "plans/projekt.yaml", "--out", "fil.txt/inbjudningar"],
        ["build", "--out", "fil.txt"],
    ],
    ids=["file-in-a-file", "folder-is-a-file", "folder-in-a-file", "build"],
)
def test_a_file_where_a_folder_should_be_is_exit_2(run, marked, command):
    (marked / "fil.txt").write_text("mitt\n", "utf-8")
    assert failed_clearly(run(*command), "fil.txt")
    assert (marked / "fil.txt").read_text("utf-8") == "mitt\n"


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes are POSIX")
def test_a_device_or_pipe_as_output_is_never_replaced(run, marked):
    pipe = marked / "pipe"
    os.mkfifo(pipe)
    result = run("timeline", "plans/projekt.yaml", "--format", "csv", "--out", pipe)
    assert failed_clearly(result, "pipe är ingen vanlig fil")
    assert stat.S_ISFIFO(pipe.lstat().st_mode)


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX permissions, not root"
)
def test_an_unwritable_folder_is_exit_2(run, marked):
    locked = marked / "last"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = run("report", "plans/projekt.yaml", "-f", "markdown", "--out", locked / "r.md")
        assert failed_clearly(result, "kan inte skrivas", "behörighet saknas")
    finally:
        locked.chmod(0o755)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
@pytest.mark.slow
def test_outputs_honour_the_umask(run, marked):
    previous = os.umask(0o022)
    try:
        single = run("report", "plans/projekt.yaml", "-f", "markdown", "--out", "ut/rapport.md")
        built = run("build", "--today", "2021-03-01")
    finally:
        os.umask(previous)
    assert single.exit_code == 0 and built.exit_code == 0
    assert stat.S_IMODE((marked / "ut" / "rapport.md").stat().st_mode) == 0o644
    files = [p for p in (marked / "out").rglob("*") if p.is_file()]
    assert files and {stat.S_IMODE(p.stat().st_mode) for p in files} == {0o644}
    folders = [p for p in (marked / "out").rglob("*") if p.is_dir()]
    assert {stat.S_IMODE(p.stat().st_mode) for p in folders} == {0o755}


# plan diff: old → new ----------------------------------------------------------------


@pytest.mark.slow
def test_a_changed_field_is_said_old_to_new_in_the_plans_language(run, repo):
    plan = repo / "plans" / "projekt.yaml"
    plan.write_text(
        PROJECT.replace("title: Invånardialog Nära vård", "title: Dialog om vården")
        .replace("participation_rung: dialogue", "participation_rung: influence")
        .replace("owner: Beredningen för invånardialog", "owner: Folkhälsoberedningen"),
        "utf-8",
    )
    text = run("plan", "diff").stdout
    assert "- Titel ändrad från ”Invånardialog Nära vård” till ”Dialog om vården”." in text
    assert "- Steg på delaktighetstrappan ändrat från ”dialog” till ”inflytande”." in text
    assert "Ändrat:" not in text
    changes = json.loads(run("plan", "diff", "-f", "json").stdout)
    title = next(change for change in changes if change["field"] == "title")
    assert (title["old"], title["new"]) == ("Invånardialog Nära vård", "Dialog om vården")
    rung = next(change for change in changes if change["field"] == "participation_rung")
    assert (rung["old"], rung["new"]) == ("dialogue", "influence")


@pytest.mark.slow
def test_an_english_plan_says_its_change_in_english(run, repo):
    english = PROJECT.replace("kind: dialogue_project", "kind: dialogue_project\nlanguage: en")
    plan = repo / "plans" / "projekt.yaml"
    plan.write_text(english, "utf-8")
    git("commit", "-qam", "engelska", cwd=repo)
    plan.write_text(english.replace("mandate:\n  body: Regionstyrelsen", "mandate:\n  body: RS"))
    result = run("plan", "diff")
    assert (
        "- Mandate changed from “Regionstyrelsen, 17 June 2020, § 1” to “RS, 17 June 2020, § 1”."
        in result.stdout
    )


# build: a manifest, and its own stale files removed ----------------------------------


def _renamed(text: str) -> str:
    return text.replace("  - id: sala\n", "  - id: sala-ny\n")


@pytest.mark.slow
def test_build_removes_its_own_stale_files_and_nothing_else(run, marked, write):
    assert run("build", "--today", "2021-03-01").exit_code == 0
    old = marked / INVITATIONS / "sala"
    assert (old / "facebook.txt").is_file()
    manifest = json.loads((marked / "out" / ".dialogkit-manifest.json").read_text("utf-8"))
    assert "testprojekt/inbjudningar/sala/facebook.txt" in manifest["files"]
    mine = write("mina anteckningar\n", "out/anteckningar.txt")
    beside = write("egen\n", "out/testprojekt/inbjudningar/koping/egen.txt")
    write(_renamed(PROJECT), "plans/projekt.yaml")

    result = run("build", "--today", "2021-03-01")

    assert result.exit_code == 0, result.stderr
    assert not old.exists()  # the outdated invitations cannot be sent
    assert (marked / INVITATIONS / "sala-ny" / "facebook.txt").is_file()
    assert mine.read_text("utf-8") == "mina anteckningar\n"
    assert beside.read_text("utf-8") == "egen\n"
    assert "Tog bort" in result.stderr
    manifest = json.loads((marked / "out" / ".dialogkit-manifest.json").read_text("utf-8"))
    assert not any("/sala/" in name for name in manifest["files"])
    assert "anteckningar.txt" not in manifest["files"]


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@pytest.mark.slow
def test_building_one_plan_leaves_the_other_plans_files(run, marked, write):
    write(COMMUNICATION, "plans/komplan.yaml")
    assert run("build", "--today", "2021-03-01").exit_code == 0
    out = marked / "out"
    communication = _files(out / "komplan")
    assert communication
    write(_renamed(PROJECT), "plans/projekt.yaml")
    assert run("build", "plans/projekt.yaml", "--today", "2021-03-01").exit_code == 0
    assert _files(out / "komplan") == communication  # not this build's to remove
    assert not (marked / INVITATIONS / "sala").exists()

    write(COMMUNICATION.replace("id: komplan\n", "id: komplan-2\n"), "plans/komplan.yaml")
    assert run("build", "plans/komplan.yaml", "--today", "2021-03-01").exit_code == 0
    assert not (out / "komplan").exists()  # the plan's id changed: its old files go
    assert _files(out / "komplan-2") == communication

    (marked / "plans" / "projekt.yaml").unlink()
    assert run("build", "--today", "2021-03-01").exit_code == 0
    assert not (out / "testprojekt").exists()  # the plan is gone: so are its files
    assert _files(out / "komplan-2") == communication


@pytest.mark.slow
def test_build_keeps_a_stale_file_the_user_edited_and_warns(run, marked, write):
    assert run("build", "--today", "2021-03-01").exit_code == 0
    edited = marked / INVITATIONS / "sala" / "facebook.txt"
    edited.write_text(edited.read_text("utf-8") + "Ändrad av mig.\n", "utf-8")
    write(_renamed(PROJECT), "plans/projekt.yaml")

    result = run("build", "--today", "2021-03-01")

    assert result.exit_code == 0, result.stderr
    assert edited.read_text("utf-8").endswith("Ändrad av mig.\n")
    assert sorted(p.name for p in edited.parent.iterdir()) == ["facebook.txt"]  # others gone
    assert "facebook.txt" in result.stderr and "har ändrats" in result.stderr
    again = run("build", "--today", "2021-03-01")  # now the user's: no longer build's
    assert edited.is_file() and "facebook.txt" not in again.stderr


@pytest.mark.slow
def test_a_manifest_cannot_point_outside_the_output_folder(run, marked, write):
    assert run("build", "--today", "2021-03-01").exit_code == 0
    outside = write("behåll\n", "behall.txt")
    path = marked / "out" / ".dialogkit-manifest.json"
    manifest = json.loads(path.read_text("utf-8"))
    digest = hashlib.sha256(outside.read_bytes()).hexdigest()  # as if build had written it
    manifest["files"] |= {"../behall.txt": digest, str(outside): digest}
    path.write_text(json.dumps(manifest), "utf-8")
    assert run("build", "--today", "2021-03-01").exit_code == 0
    assert outside.read_text("utf-8") == "behåll\n"


@pytest.mark.slow
def test_a_broken_manifest_removes_nothing_and_says_so(run, marked, write):
    assert run("build", "--today", "2021-03-01").exit_code == 0
    (marked / "out" / ".dialogkit-manifest.json").write_text("{inte json", "utf-8")
    write(_renamed(PROJECT), "plans/projekt.yaml")
    result = run("build", "--today", "2021-03-01")
    assert result.exit_code == 0
    assert (marked / INVITATIONS / "sala" / "facebook.txt").is_file()
    assert ".dialogkit-manifest.json kan inte läsas" in result.stderr
