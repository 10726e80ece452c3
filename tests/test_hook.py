"""The pre-commit hook (issue 14): `plan check FILE...` also checks the plans that
refer to the files, so a commit that breaks another plan fails; and the hooks that
`init` writes run with no activated environment, as from VS Code or GitHub Desktop,
for whoever made the workspace and for a colleague who clones it."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import LOCAL_PLAN, REPO, STRATEGY

GIT = [
    "git",
    "-c",
    "user.email=test@example.se",
    "-c",
    "user.name=Test",
    "-c",
    "commit.gpgsign=false",
]
SUB_GOAL_2 = "  - {id: 2, title: Nära för alla, description: Jämlik vård}\n"


# --- the plans that depend on the files given ---------------------------------------------


@pytest.fixture
def plans(tmp_path, monkeypatch):
    """A workspace with a strategy and a local plan that uses sub-goals 1 and 2."""
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "strategi.yaml").write_text(STRATEGY, "utf-8")
    (folder / "lokal.yaml").write_text(LOCAL_PLAN, "utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


def check_json(run, *args) -> tuple[int, dict]:
    result = run("plan", "check", *args, "--format", "json")
    return result.exit_code, json.loads(result.stdout)


def located(data: dict) -> list[tuple[str, str, int]]:
    return sorted((f["code"], Path(f["file"]).name, f["line"]) for f in data["findings"])


def test_checking_a_strategy_reports_the_local_plan_it_breaks(run, plans):
    strategy = plans / "strategi.yaml"
    strategy.write_text(STRATEGY.replace(SUB_GOAL_2, ""), "utf-8")
    code, data = check_json(run, "plans/strategi.yaml")
    assert code == 1
    assert {(c, name) for c, name, _ in located(data)} == {("DK216", "lokal.yaml")}
    assert data["files_checked"] == 2
    # what the hook sees is what a check of the whole workspace sees
    assert located(data) == located(check_json(run, "plans")[1])
    text = run("plan", "check", "plans/strategi.yaml").stdout
    assert "plans/lokal.yaml:" in text.replace(os.sep, "/")


def test_renaming_a_strategy_reports_the_local_plans_that_name_it(run, plans):
    (plans / "strategi.yaml").write_text(STRATEGY.replace("id: strategi", "id: ny"), "utf-8")
    code, data = check_json(run, "plans/strategi.yaml")
    assert code == 1
    assert [(c, name) for c, name, _ in located(data)] == [("DK219", "lokal.yaml")]


def test_a_new_plan_with_a_taken_id_is_reported_as_a_folder_check_would(run, plans):
    (plans / "a-kopia.yaml").write_text(LOCAL_PLAN, "utf-8")  # sorts before lokal.yaml
    code, data = check_json(run, "plans/a-kopia.yaml")
    assert code == 1
    assert [(c, name) for c, name, _ in located(data)] == [("DK217", "lokal.yaml")]
    assert located(data) == located(check_json(run, "plans")[1])


def test_only_the_plans_that_refer_to_the_files_are_added(run, plans):
    (plans / "annan-strategi.yaml").write_text(
        STRATEGY.replace("id: strategi", "id: annan"), "utf-8"
    )
    other = LOCAL_PLAN.replace("id: lokal", "id: annan-lokal").replace(
        "strategy: strategi", "strategy: annan"
    )
    (plans / "annan-lokal.yaml").write_text(other.replace(SUB_GOAL_2, ""), "utf-8")
    assert check_json(run, "plans/strategi.yaml")[1]["files_checked"] == 2
    assert check_json(run, "plans/lokal.yaml")[1]["files_checked"] == 1  # its strategy is context
    assert (
        check_json(run, "plans/annan-strategi.yaml", "plans/strategi.yaml")[1]["files_checked"] == 4
    )


def test_dependents_are_found_anywhere_in_the_workspaces_plans(run, plans):
    (plans / "lokal.yaml").unlink()
    (plans / "leksand").mkdir()
    (plans / "leksand" / "lokal.yaml").write_text(LOCAL_PLAN, "utf-8")
    (plans / "strategi.yaml").write_text(STRATEGY.replace(SUB_GOAL_2, ""), "utf-8")
    code, data = check_json(run, "plans/strategi.yaml")
    assert code == 1
    assert {Path(f["file"]).parent.name for f in data["findings"]} == {"leksand"}


def test_an_unreadable_neighbour_is_not_a_dependent(run, plans):
    (plans / "trasig.yaml").write_text("kind: [\n", "utf-8")
    code, data = check_json(run, "plans/strategi.yaml")
    assert code == 0 and data["files_checked"] == 2


# --- the hooks init writes ------------------------------------------------------------


def hook_entry(workspace: Path, hook_id: str) -> list[str]:
    config = yaml.safe_load((workspace / ".pre-commit-config.yaml").read_text("utf-8"))
    (hook,) = [h for repo in config["repos"] for h in repo["hooks"] if h["id"] == hook_id]
    assert hook["language"] == "system"
    return shlex.split(hook["entry"])


def without_dialogkit() -> dict[str, str]:
    """The environment of a commit from VS Code or GitHub Desktop: no virtual
    environment activated, so no `dialogkit` in PATH."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    folders = env.get("PATH", "").split(os.pathsep)
    env["PATH"] = os.pathsep.join(
        folder for folder in folders if folder and shutil.which("dialogkit", path=folder) is None
    )
    assert shutil.which("dialogkit", path=env["PATH"]) is None
    return env


def run_hook(workspace: Path, hook_id: str, files: list[str]) -> subprocess.CompletedProcess:
    """The hook's entry with the files, from the repository's root, as pre-commit runs it."""
    return subprocess.run(
        [*hook_entry(workspace, hook_id), *files],
        cwd=workspace,
        env=without_dialogkit(),
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


@pytest.fixture
def workspace(run, tmp_path):
    """`dialogkit init`, then `git init` and a first commit."""
    folder = tmp_path / "arbetsyta"
    assert run("init", folder).exit_code == 0
    subprocess.run([*GIT, "init", "-q"], cwd=folder, check=True)
    subprocess.run([*GIT, "add", "."], cwd=folder, check=True)
    subprocess.run([*GIT, "commit", "-qm", "första"], cwd=folder, check=True)
    return folder


PLAN_FILES = ["plans/strategi.yaml", "plans/lokal-plan.yaml"]


def remove_sub_goal_2(workspace: Path) -> None:
    strategy = workspace / "plans" / "strategi.yaml"
    lines = strategy.read_text("utf-8").splitlines(keepends=True)
    assert "sub_goals: [1, 2]" in (workspace / "plans" / "lokal-plan.yaml").read_text("utf-8")
    strategy.write_text("".join(line for line in lines if "{id: 2," not in line), "utf-8")


@pytest.mark.slow
def test_the_hooks_run_without_an_activated_environment(workspace):
    assert (workspace / ".dialogkit-python").read_text("utf-8").strip() == Path(
        sys.executable
    ).as_posix()
    assert b"\r" not in (workspace / ".dialogkit-hook.sh").read_bytes()
    for hook_id in ("dialogkit-check", "dialogkit-fmt"):
        result = run_hook(workspace, hook_id, PLAN_FILES)
        assert result.returncode == 0, result.stdout + result.stderr
    remove_sub_goal_2(workspace)
    result = run_hook(workspace, "dialogkit-check", ["plans/strategi.yaml"])
    assert result.returncode == 1
    assert "plans/lokal-plan.yaml:" in result.stdout and "DK216" in result.stdout


@pytest.mark.slow
def test_a_colleagues_clone_finds_dialogkit_in_its_own_venv(workspace, tmp_path):
    clone = tmp_path / "klon"
    subprocess.run([*GIT, "clone", "-q", str(workspace), str(clone)], check=True)
    assert not (clone / ".dialogkit-python").exists()  # it is the maker's computer's
    missing = run_hook(clone, "dialogkit-check", PLAN_FILES)
    assert missing.returncode == 1
    assert "dialogkit hittades inte" in missing.stderr
    assert "Traceback" not in missing.stderr
    scripts = "Scripts" if os.name == "nt" else "bin"
    exe = "dialogkit.exe" if os.name == "nt" else "dialogkit"
    (clone / ".venv" / scripts).mkdir(parents=True)
    (clone / ".venv" / scripts / exe).symlink_to(Path(sys.executable).parent / exe)
    found = run_hook(clone, "dialogkit-check", PLAN_FILES)
    assert found.returncode == 0, found.stdout + found.stderr


PRE_COMMIT = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")


@pytest.mark.slow
@pytest.mark.skipif(not Path(PRE_COMMIT).exists(), reason="pre-commit is not installed")
def test_a_commit_that_breaks_a_local_plan_is_stopped_by_pre_commit(workspace, tmp_path):
    """The real thing, offline: `pre-commit install`, then `git commit` with no
    environment activated; only the strategy is in the commit."""
    env = without_dialogkit() | {"PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache")}
    subprocess.run([PRE_COMMIT, "install"], cwd=workspace, env=env, check=True, capture_output=True)
    remove_sub_goal_2(workspace)
    subprocess.run([*GIT, "add", "plans/strategi.yaml"], cwd=workspace, check=True)
    commit = subprocess.run(
        [*GIT, "commit", "-m", "Delmål 2 bort"],
        cwd=workspace,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    output = commit.stdout + commit.stderr  # git passes the hook's output on stderr
    assert commit.returncode == 1, output
    assert "plans/lokal-plan.yaml" in output and "DK216" in output
    log = subprocess.run([*GIT, "log", "--oneline"], cwd=workspace, capture_output=True, text=True)
    assert len(log.stdout.splitlines()) == 1


@pytest.mark.slow
@pytest.mark.skipif(not Path(PRE_COMMIT).exists(), reason="pre-commit is not installed")
def test_removing_a_strategy_is_stopped_too_and_other_commits_pass(workspace, tmp_path):
    """pre-commit passes no removed file to a hook: the check hook always runs, and
    checks every plan when a plan is removed (and nothing when none changed)."""
    env = without_dialogkit() | {"PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache")}
    subprocess.run([PRE_COMMIT, "install"], cwd=workspace, env=env, check=True, capture_output=True)

    def commit(message: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*GIT, "commit", "-m", message],
            cwd=workspace,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
        )

    (workspace / "anteckning.txt").write_text("inga planer här\n", "utf-8")
    subprocess.run([*GIT, "add", "anteckning.txt"], cwd=workspace, check=True)
    assert commit("En anteckning").returncode == 0
    subprocess.run([*GIT, "rm", "-q", "plans/strategi.yaml"], cwd=workspace, check=True)
    removed = commit("Strategin bort")
    output = removed.stdout + removed.stderr
    assert removed.returncode == 1, output
    assert "plans/lokal-plan.yaml" in output and "DK219" in output


def test_init_in_a_workspace_with_plans_adds_no_example_plans(run, tmp_path):
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "min-plan.yaml").write_text("kind: strategy\n", "utf-8")
    assert run("init", tmp_path).exit_code == 0
    assert [p.name for p in (tmp_path / "plans").iterdir()] == ["min-plan.yaml"]
    assert (tmp_path / ".dialogkit-hook.sh").is_file()


def test_init_in_english_makes_an_english_workspace(run, tmp_path):
    assert run("--lang", "en", "init", tmp_path / "ws").exit_code == 0
    marker = (tmp_path / "ws" / "dialogkit.toml").read_text("utf-8")
    assert 'language = "en"' in marker


# --- Windows ------------------------------------------------------------------------------


@pytest.mark.slow
def test_findings_reach_a_pipe_with_a_windows_code_page(workspace):
    """On Windows, pre-commit reads the hook through a pipe, which Python writes in the
    code page (cp1252): it has no "│" for the source line. The output is UTF-8."""
    remove_sub_goal_2(workspace)
    env = without_dialogkit() | {"PYTHONIOENCODING": "cp1252"}
    result = subprocess.run(
        [*hook_entry(workspace, "dialogkit-check"), "plans/strategi.yaml"],
        cwd=workspace,
        env=env,
        capture_output=True,
    )
    assert result.returncode == 1, result.stderr.decode("utf-8", "replace")
    text = result.stdout.decode("utf-8")
    assert "│     sub_goals: [1, 2]" in text and "Delmål 2 finns inte" in text


def test_the_readme_gives_the_set_up_on_windows_without_make():
    readme = (REPO / "README.md").read_text("utf-8")
    windows = readme.split("### På Windows, utan `make`")[1]
    block = windows.split("```bat\n")[1].split("```")[0]
    assert block.splitlines() == [
        "py -m venv .venv",
        ".venv\\Scripts\\python -m pip install -e .[test,pdf]",
        ".venv\\Scripts\\dialogkit build plans --out out",
        ".venv\\Scripts\\python -m pytest",
    ]
    makefile = (REPO / "Makefile").read_text("utf-8")
    assert "\nrun: " in makefile and "\ntest: " in makefile  # the two-command set-up stays
    assert "make run" in readme and "make test" in readme
