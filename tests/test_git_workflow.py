"""`plan diff` on a real git repository, and the pre-commit hooks via try-repo."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from conftest import PROJECT, REPO

GIT = ["git", "-c", "user.email=test@example.se", "-c", "user.name=Test"]


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A git repository with the fixture plan committed twice."""
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "projekt.yaml").write_text(PROJECT, "utf-8")
    subprocess.run([*GIT, "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*GIT, "add", "."], cwd=tmp_path, check=True)
    subprocess.run([*GIT, "commit", "-qm", "första"], cwd=tmp_path, check=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_moved_dialogue_is_a_sentence(run, repo):
    plan = repo / "plans" / "projekt.yaml"
    plan.write_text(PROJECT.replace("date: 2021-04-13", "date: 2021-04-20"), "utf-8")
    result = run("plan", "diff")
    assert result.exit_code == 0
    assert "plans/projekt.yaml:" in result.stdout
    assert "- Dialog Sala flyttad från 13 april till 20 april." in result.stdout


def test_changes_between_two_commits_in_json(run, repo):
    text = (
        PROJECT.replace(
            "  - {id: cia, name: Cia C, municipality: Västerås}",
            "  - {id: cia, name: Cia C, municipality: Västerås}\n"
            "  - {id: dan, name: Dan D, municipality: Sala}",
        )
        .replace("members: [anna, bo]", "members: [anna, bo, dan]")
        .replace(
            "{task: Frågor, when: 2020-12, responsible: Presidiet}",
            "{task: Frågor, when: 2020-12, responsible: Sekretariatet}",
        )
        .replace("in_person: {fees: 4000,", "in_person: {fees: 13000,")
    )
    (repo / "plans" / "projekt.yaml").write_text(text, "utf-8")
    subprocess.run([*GIT, "commit", "-qam", "andra"], cwd=repo, check=True)
    result = run("plan", "diff", "HEAD~1", "HEAD", "--format", "json")
    messages = [c["message"] for c in json.loads(result.stdout)]
    assert "Ny ledamot: Dan D (Sala)." in messages
    assert "Dialog Sala: ledamöter +Dan D." in messages
    assert "Uppgift Frågor: ansvarig ändrad från Presidiet till Sekretariatet." in messages
    assert "Kostnad +9\u00a0000\u00a0kr (totalt 42\u00a0000\u00a0kr)." in messages


def test_invalid_revision_is_reported_not_crashed_on(run, repo):
    (repo / "plans" / "projekt.yaml").write_text("kind: dialogue_project\ntitle: [\n", "utf-8")
    result = run("plan", "diff")
    assert result.exit_code == 0
    assert "Planen är ogiltig i arbetskopian" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_new_and_removed_plans(run, repo):
    (repo / "plans" / "ny.yaml").write_text(PROJECT.replace("id: testprojekt", "id: ny"), "utf-8")
    result = run("plan", "diff")
    assert "Ny plan: Invånardialog Nära vård." in result.stdout


def test_outside_git_is_a_clear_error(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("plan", "diff")
    assert result.exit_code == 2
    assert "git" in result.stderr


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("pre-commit") is None and not (REPO / ".venv" / "bin" / "pre-commit").exists(),
    reason="pre-commit is not installed",
)
def test_pre_commit_hooks_via_try_repo(repo):
    pre_commit = shutil.which("pre-commit") or str(REPO / ".venv" / "bin" / "pre-commit")
    if not (REPO / ".git").exists():
        pytest.skip("try-repo needs the dialogkit checkout to be a git repository")
    good = subprocess.run(
        [pre_commit, "try-repo", str(REPO), "dialogkit-check", "--files", "plans/projekt.yaml"],
        cwd=repo,
        capture_output=True,
        text=True,
    )
    assert good.returncode == 0, good.stdout + good.stderr
    (repo / "plans" / "projekt.yaml").write_text(
        PROJECT.replace("members: [anna, bo]", "members: [anna]"), "utf-8"
    )
    bad = subprocess.run(
        [pre_commit, "try-repo", str(REPO), "dialogkit-check", "--files", "plans/projekt.yaml"],
        cwd=repo,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1
    assert "DK201" in bad.stdout
    fmt = subprocess.run(
        [pre_commit, "try-repo", str(REPO), "dialogkit-fmt", "--files", "plans/projekt.yaml"],
        cwd=repo,
        capture_output=True,
        text=True,
    )
    assert fmt.returncode in (0, 1), fmt.stdout + fmt.stderr
    assert "dialogkit plan fmt" in fmt.stdout


def test_sentences_follow_the_plans_order(run, repo):
    new = "".join(f"\n  - {{id: n{i}, name: Ny {i}, municipality: Sala}}" for i in range(6))
    text = PROJECT.replace(
        "  - {id: cia, name: Cia C, municipality: Västerås}",
        "  - {id: cia, name: Cia C, municipality: Västerås}" + new,
    )
    (repo / "plans" / "projekt.yaml").write_text(text, "utf-8")
    messages = [c["message"] for c in json.loads(run("plan", "diff", "-f", "json").stdout)]
    assert messages == [f"Ny ledamot: Ny {i} (Sala)." for i in range(6)]


def test_diff_never_reads_a_linked_plan_outside_the_folder(run, repo, tmp_path_factory):
    outside = tmp_path_factory.mktemp("utanfor") / "hemlig.yaml"
    outside.write_text(PROJECT.replace("title: Invånardialog Nära vård", "title: Hemlig"), "utf-8")
    (repo / "plans" / "lank.yaml").symlink_to(outside)
    result = run("plan", "diff")
    assert "Hemlig" not in result.stdout + result.stderr
    assert result.exit_code == 0
