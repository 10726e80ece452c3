"""Every error and message the command line prints is in its language: English with
`--lang en` or a workspace with `language = "en"`, Swedish otherwise, and every
`DialogkitError` the package raises carries both."""

from __future__ import annotations

import ast
import importlib
import json
import pkgutil
import re
import subprocess
from pathlib import Path

import pytest
from conftest import PROJECT, REPO, STRATEGY

import dialogkit
from dialogkit.errors import DialogkitError
from dialogkit.manifest import MANIFEST_NAME
from dialogkit.sandbox import TemplateRefusedError

SWEDISH = re.compile(
    r"[åäöÅÄÖ]|\b(och|är|inte|finns|saknas|Ange|Skriv|Välj|Lägg|Kör|fel:|tips:|varning:)\b"
)
ENGLISH = re.compile(
    r"\b(the|is|does|not|There|Choose|Give|Name|Add|Run|cannot|error:|hint:|warning:)\b"
)
GIT = ["git", "-c", "user.email=test@example.se", "-c", "user.name=Test"]

# A plan whose own words are ASCII, so that any Swedish in an English message is ours.
ASCII_PROJECT = PROJECT.replace("Köping", "Koping").replace("Västerås", "Vasteras")


@pytest.fixture
def space(tmp_path, monkeypatch, write):
    """A workspace (dialogkit.toml, plans/plan.yaml) as the current folder."""
    write("", "dialogkit.toml")
    write(ASCII_PROJECT, "plans/plan.yaml")
    write(STRATEGY, "plans/strategi.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _broken_templates(folder: Path) -> Path:
    (folder / "sv" / "invite").mkdir(parents=True)
    (folder / "sv" / "invite" / "email.txt.j2").write_text("{% if %}", encoding="utf-8")
    return folder


FAILURES = {
    # name: (arguments, how to prepare the workspace)
    "no such plan": (["report", "plans/finnsinte.yaml"], None),
    "folder as --out": (["timeline", "plans/plan.yaml", "-f", "markdown", "-o", "plans"], None),
    "file as --out folder": (["invite", "plans/plan.yaml", "-o", "plans/plan.yaml"], None),
    "bad --today": (["timeline", "plans/plan.yaml", "--today", "snart"], None),
    "explain with nothing": (["explain"], None),
    "binary format to stdout": (["cost", "plans/plan.yaml", "-f", "xlsx"], None),
    "unknown dialogue": (["invite", "plans/plan.yaml", "-d", "nope"], None),
    "unknown channel": (["invite", "plans/plan.yaml", "-c", "nope"], None),
    "unknown report kind": (["report", "plans/plan.yaml", "-k", "nope"], None),
    "report for another plan": (["report", "plans/plan.yaml", "-k", "regional"], None),
    "unknown scenario": (["cost", "plans/plan.yaml", "-s", "nope"], None),
    "wrong kind of plan": (["invite", "plans/strategi.yaml"], None),
    "no template folder": (["invite", "plans/plan.yaml", "--templates", "nope"], None),
    "broken template": (
        ["invite", "plans/plan.yaml", "-c", "email", "--templates", "mallar"],
        lambda root: _broken_templates(root / "mallar"),
    ),
    "unknown plan kind": (["plan", "new", "nope", "x"], None),
    "bad plan name": (["plan", "new", "strategy", "X Y"], None),
    "plan exists": (["plan", "new", "strategy", "plan"], None),
    "diff outside git": (["plan", "diff"], None),
    "diff format": (["plan", "diff", "-f", "xml"], None),
    "empty workspace": (
        ["build"],
        lambda root: [p.unlink() for p in (root / "plans").iterdir()],
    ),
    "no workspace": (
        ["build"],
        lambda root: [(root / "dialogkit.toml").unlink(), (root / "plans").rename(root / "p")],
    ),
}
ONLY_READ_WITHOUT_LANG = {
    # --lang en says the language, so dialogkit.toml is not read for it
    "bad dialogkit.toml": (
        ["plan", "check"],
        lambda root: (root / "dialogkit.toml").write_text("language = [", encoding="utf-8"),
    ),
    "unknown workspace language": (
        ["plan", "check"],
        lambda root: (root / "dialogkit.toml").write_text('language = "fi"', encoding="utf-8"),
    ),
}


def _failing(run, space, name: str, language: str | None):
    args, prepare = {**FAILURES, **ONLY_READ_WITHOUT_LANG}[name]
    if prepare is not None:
        prepare(space)
    result = run(*(["--lang", language] if language else []), *args)
    assert result.exit_code in (1, 2), result
    assert result.stderr.strip() and "Traceback" not in result.stderr, result
    return result


@pytest.mark.slow
@pytest.mark.parametrize("name", FAILURES)
def test_every_failure_is_english_with_lang_en(run, space, name):
    said = _failing(run, space, name, "en").stderr
    assert "error:" in said
    assert not SWEDISH.search(said), said


@pytest.mark.slow
@pytest.mark.parametrize("name", [*FAILURES, *ONLY_READ_WITHOUT_LANG])
def test_every_failure_is_swedish_without_lang(run, space, name):
    said = _failing(run, space, name, None).stderr
    assert "fel:" in said
    assert not ENGLISH.search(said), said


def test_an_english_workspace_gets_english_errors(run, space):
    (space / "dialogkit.toml").write_text('language = "en"\n', encoding="utf-8")
    said = run("timeline", "plans/plan.yaml", "--today", "snart").stderr
    assert said.splitlines() == [
        "error: --today snart: not a date.",
        "hint: Write the date as YYYY-MM-DD.",
    ]
    assert "fel: Ange en kod eller --list." in run("--lang", "sv", "explain").stderr


def test_the_swedish_wording_is_kept(run, space):
    said = run("cost", "plans/plan.yaml", "-f", "xlsx").stderr
    assert said.splitlines() == [
        "fel: xlsx skrivs till en fil.",
        "tips: Lägg till --out kostnad.xlsx.",
    ]


def test_a_bad_source_date_epoch_is_said_in_english(run, space, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "igår")
    result = run("--lang", "en", "cost", "plans/plan.yaml", "-f", "xlsx", "-o", "k.xlsx")
    assert result.exit_code == 2
    assert "not a number of seconds since 1970" in result.stderr
    assert not (space / "k.xlsx").exists()


# --- build's and diff's own sentences --------------------------------------------------


@pytest.mark.slow
def test_build_says_its_cleanup_and_drafts_in_english(run, space):
    (space / "plans" / "strategi.yaml").unlink()
    assert run("build").exit_code == 0
    (space / "out" / MANIFEST_NAME).write_text("{", encoding="utf-8")  # unreadable now
    broken = ASCII_PROJECT.replace("members: [anna, bo]", "members: [anna, nobody]")
    (space / "plans" / "plan.yaml").write_text(broken, encoding="utf-8")
    result = run("--lang", "en", "build")
    assert result.exit_code == 1
    assert "Drafts: plans/plan.yaml has 1 error; every file" in result.stderr
    assert "--strict refuses to write drafts." in result.stderr
    assert "Utkast:" not in result.stderr and "Rätta felen" not in result.stderr
    assert "cannot be read; no old files are removed." in result.stderr


def _git(*args, cwd):
    subprocess.run([*GIT, *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.slow
@pytest.mark.parametrize("language", ["sv", "en"])
def test_diff_speaks_the_plans_language(run, space, language):
    plan = space / "plans" / "plan.yaml"
    text = ASCII_PROJECT + f"language: {language}\n"
    plan.write_text(text, encoding="utf-8")
    _git("init", "-q", cwd=space)
    _git("add", ".", cwd=space)
    _git("commit", "-qm", "plans", cwd=space)
    changed = (
        text.replace("date: 2021-04-13", "date: 2021-04-20")
        .replace("  - {id: anna, name: Anna A, municipality: Sala}\n", "")
        .replace("members: [anna, bo]", "members: [bo]")
        .replace("title: Invånardialog Nära vård", "title: Ny titel")
    )
    plan.write_text(changed, encoding="utf-8")
    said = run("--lang", "en", "plan", "diff").stdout
    expected = {
        "sv": ["Dialog Sala flyttad från 13 april till 20 april.", "Ledamot borttagen: Anna A."],
        "en": ["Dialogue Sala moved from 13 April to 20 April.", "Member removed: Anna A."],
    }[language]
    assert all(sentence in said for sentence in expected), said
    changes = json.loads(run("plan", "diff", "-f", "json").stdout)
    assert {c["message"] for c in changes} >= set(expected)
    unknown = run("--lang", "en", "plan", "diff", "nope~3")
    assert unknown.exit_code == 2
    assert "'nope~3' is neither a version in the git history nor a file." in unknown.stderr


# --- every error the package raises has its English -------------------------------------


def _error_classes() -> set[str]:
    for module in pkgutil.walk_packages(dialogkit.__path__, "dialogkit."):
        if not module.name.endswith("__main__"):  # which would run dialogkit
            importlib.import_module(module.name)
    found, todo = set(), [DialogkitError, TemplateRefusedError]
    while todo:
        cls = todo.pop()
        found.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return found


def _written_here(node: ast.AST) -> bool:
    """Whether the expression holds text written in place (a literal or f-string)."""
    return any(
        isinstance(part, ast.JoinedStr)
        or (isinstance(part, ast.Constant) and isinstance(part.value, str))
        for part in ast.walk(node)
    )


def _constructions() -> list[tuple[str, ast.Call]]:
    names = _error_classes()
    calls = []
    for path in sorted((REPO / "dialogkit").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in names:
                calls.append((f"{path.relative_to(REPO)}:{node.lineno}", node))
    return calls


@pytest.mark.slow
def test_every_error_written_in_place_has_its_english():
    """An error whose text is written where it is raised passes `english=`, and the
    English has no Swedish letters; one built from a words table needs none."""
    constructions = _constructions()
    assert len(constructions) > 70  # the scan finds them
    missing, swedish = [], []
    for where, call in constructions:
        english = next((k.value for k in call.keywords if k.arg == "english"), None)
        texts = [*call.args, *(k.value for k in call.keywords if k.arg != "english")]
        if english is None and any(map(_written_here, texts)):
            missing.append(where)
        literals = [
            n.value for n in ast.walk(english or ast.Tuple([])) if isinstance(n, ast.Constant)
        ]
        if any(isinstance(t, str) and re.search("[åäö]", t) for t in literals):
            swedish.append(where)
    assert missing == []
    assert swedish == []


def test_the_scan_finds_an_error_without_english():
    call = ast.parse('raise UsageError(f"{path} finns inte.")').body[0].exc
    assert _written_here(call.args[0])
    assert not _written_here(ast.parse("UsageError(message)").body[0].value.args[0])
