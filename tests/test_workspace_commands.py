"""`init`, `plan new`, `plan fmt` and `build` on real folders."""

from __future__ import annotations

import io
import re
import subprocess

import pytest
from conftest import COMMUNICATION, PROJECT, REPO
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

import dialogkit
from dialogkit.fmt import format_file
from dialogkit.model.types import LINE_PATTERN
from dialogkit.yamlsource import read_source


@pytest.mark.slow
def test_init_then_check_passes(run, tmp_path, monkeypatch):
    folder = tmp_path / "x"
    assert run("init", folder).exit_code == 0
    for name in (
        "plans/dialogprojekt.yaml",
        "plans/kommunikationsplan.yaml",
        "plans/strategi.yaml",
        "plans/lokal-plan.yaml",
        "plans/genomforandeplan.yaml",
        "templates/README.md",
        ".gitignore",
        "dialogkit.toml",
        ".pre-commit-config.yaml",
        "README.md",
        "schema/dialogkit.schema.json",
    ):
        assert (folder / name).is_file(), name
    assert "out/" in (folder / ".gitignore").read_text()
    assert "# " in (folder / "plans" / "dialogprojekt.yaml").read_text()  # commented
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    monkeypatch.chdir(folder)
    result = run("plan", "check", "--strict")
    assert result.exit_code == 0, result.stdout
    assert "5 planer kontrollerade: 0 fel, 0 varningar" in result.stdout


def test_init_never_overwrites(run, tmp_path):
    folder = tmp_path / "x"
    (folder / "plans").mkdir(parents=True)
    mine = folder / "plans" / "dialogprojekt.yaml"
    mine.write_text("# min egen plan\n", "utf-8")
    readme = folder / "README.md"
    readme.write_text("Vår arbetsyta\n", "utf-8")
    result = run("init", folder)
    assert result.exit_code == 0
    assert mine.read_text("utf-8") == "# min egen plan\n"
    assert readme.read_text("utf-8") == "Vår arbetsyta\n"
    assert "fanns redan" in result.stderr and "README.md" in result.stderr


def test_plan_new(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    assert run("plan", "new", "communication_plan", "komplan-2027").exit_code == 0
    path = tmp_path / "plans" / "komplan-2027.yaml"
    assert "id: komplan-2027" in path.read_text("utf-8")
    assert run("plan", "check", path).exit_code == 0
    again = run("plan", "new", "communication_plan", "komplan-2027")
    assert again.exit_code == 2 and "finns redan" in again.stderr
    assert run("plan", "new", "budget", "x").exit_code == 2
    assert run("plan", "new", "strategy", "Min Strategi").exit_code == 2


MESSY = """\
# yaml-language-server: $schema=../schema/dialogkit.schema.json
# Dalarnas strategi
sub_goals:
    - description: "Delaktighet"   # viktigast
      title: 'Nära för mig'
      id: 1

title: Strategi
kind: strategy
period: {end: 2030, start: 2022}
id: s
organisation: Region
vision: >-
  En målbild som
  bryts över rader.
"""


def test_fmt_orders_keys_keeps_comments_and_is_idempotent(run, write):
    path = write(MESSY)
    before = read_source(path).data
    assert run("plan", "fmt", "--check", path).exit_code == 1
    assert path.read_text("utf-8") == MESSY  # --check rewrites nothing
    assert run("plan", "fmt", path).exit_code == 0
    text = path.read_text("utf-8")
    assert text.splitlines()[:6] == [
        "# yaml-language-server: $schema=../schema/dialogkit.schema.json",
        "# Dalarnas strategi",
        "kind: strategy",
        "id: s",
        "",  # the blank line above title goes with it
        "title: Strategi",
    ]
    assert '"Delaktighet"     # viktigast' in text
    assert "'Nära för mig'" in text
    assert "period: {start: 2022, end: 2030}" in text
    assert "  - id: 1\n    title:" in text
    assert read_source(path).data == before
    assert run("plan", "fmt", "--check", path).exit_code == 0
    assert run("plan", "fmt", path).stdout.count("formaterade ") == 0


def test_fmt_leaves_a_broken_file_untouched(run, write):
    broken = "kind: strategy\nid: [oavslutad\n"
    path = write(broken)
    result = run("plan", "fmt", path)
    assert result.exit_code == 1
    assert f"{path}:" in result.stdout
    assert path.read_text("utf-8") == broken


@pytest.mark.slow
def test_example_plans_are_formatted(run):
    assert (
        run("plan", "fmt", "--check", REPO / "plans", REPO / "templates" / "skeletons").exit_code
        == 0
    )


texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cf", "Cn")),
    min_size=1,
    max_size=30,
).filter(lambda t: t.strip() == t and t and re.match(LINE_PATTERN, t))
"""Awkward texts a plan may hold: no control or bidi characters, which the model refuses."""


@st.composite
def strategies(draw):
    """A strategy plan with keys in a random order and awkward texts."""
    goals = [
        {"description": draw(texts), "title": draw(texts), "id": i}
        for i in range(1, draw(st.integers(1, 4)) + 1)
    ]
    plan = {
        "kind": "strategy",
        "id": "s",
        "title": draw(texts),
        "organisation": draw(texts),
        "period": {"end": 2030, "start": 2022},
        "vision": draw(texts),
        "sub_goals": [dict(draw(st.permutations(list(g.items())))) for g in goals],
        "principles": draw(st.lists(texts, max_size=3)),
    }
    return dict(draw(st.permutations(list(plan.items()))))


@pytest.mark.slow
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(plan=strategies())
def test_fmt_property_data_is_kept_and_second_run_changes_nothing(tmp_path, plan):
    yaml = YAML()
    out = io.StringIO()
    yaml.dump(plan, out)
    path = tmp_path / "p.yaml"
    path.write_text(out.getvalue(), "utf-8")
    before = read_source(path)
    model_before = dialogkit.load_workspace([path]).plans[0].plan.model_dump()
    first = format_file(path)
    assert first.problem is None
    assert read_source(path).data == before.data
    assert dialogkit.load_workspace([path]).plans[0].plan.model_dump() == model_before
    assert format_file(path).changed is False


@pytest.mark.slow
def test_init_and_build_end_to_end(run, tmp_path, monkeypatch):
    folder = tmp_path / "ny"
    run("init", folder)
    monkeypatch.chdir(folder)
    result = run("build", "--out", "out", "--today", "2026-03-01")
    assert result.exit_code == 0, result.stderr
    out = folder / "out"
    assert (out / "mitt-dialogprojekt" / "kostnad.xlsx").is_file()
    assert (out / "mitt-dialogprojekt" / "inbjudningar" / "storstad" / "facebook.txt").is_file()
    assert (out / "mitt-dialogprojekt" / "inbjudningar" / "lillby" / "email.eml").is_file()
    report = Document(str(out / "mitt-dialogprojekt" / "rapporter" / "projektplan.docx"))
    assert report.core_properties.title == "Projektplan: Invånardialog Nära vård"
    assert (out / "min-strategi" / "rapporter" / "regional-sammanstallning.docx").is_file()
    assert "Skrev" in result.stdout


def test_build_strict_writes_nothing_when_check_fails(run, write, tmp_path):
    """Without --strict the plan gives marked drafts (tests/test_drafts.py)."""
    plans = tmp_path / "plans"
    write(PROJECT.replace("members: [anna, bo]", "members: [anna]"), "plans/p.yaml")
    result = run("build", plans, "--out", tmp_path / "out", "--strict")
    assert result.exit_code == 1
    assert "DK201" in result.stdout
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_a_template_error_in_build_is_shown_alone(run, write, tmp_path):
    """Not under a check summary that says there are no errors."""
    (tmp_path / "dialogkit.toml").write_text("")
    write(PROJECT, "plans/p.yaml")
    write("Rubrik\n\n{{ saknas }}\n", "templates/sv/invite/facebook.txt.j2")
    result = run("build", tmp_path / "plans", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "facebook.txt.j2:3" in result.stderr
    assert "kontrollerade" not in result.stdout


@pytest.mark.slow
def test_build_the_example_workspace(run, tmp_path):
    out = tmp_path / "out"
    result = run("build", REPO / "plans", "--out", out, "--today", "2021-04-20")
    assert result.exit_code == 0
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    invitations = [f for f in files if f.startswith("vastmanland-nara-vard/inbjudningar/")]
    assert len([f for f in invitations if f.endswith(".txt")]) == 50  # 10 dialogues × 5
    assert len([f for f in invitations if f.endswith("/web.md")]) == 10
    for expected in (
        "vastmanland-nara-vard/rapporter/projektplan.docx",
        "vastmanland-nara-vard/rapporter/dialograpport-intern.docx",
        "vastmanland-nara-vard/rapporter/dialograpport-publik.docx",
        "vastmanland-nara-vard/tidsaxel.md",
        "vastmanland-nara-vard/kalender.ics",
        "lekeberg-kommunikationsplan-2023/arbetsbelastning.xlsx",
        "leksand-lokal-plan/rapporter/lokal-plan.docx",
        "dalarna-god-och-nara-vard/rapporter/regional-sammanstallning.docx",
    ):
        assert expected in files


@pytest.mark.slow
def test_an_english_communication_plan_builds_english_timeline_and_workload(run, write, tmp_path):
    write(
        COMMUNICATION.replace("kind: communication_plan", "kind: communication_plan\nlanguage: en"),
        "plans/k.yaml",
    )
    out = tmp_path / "ut"
    assert run("build", tmp_path / "plans", "--out", out).exit_code == 0
    plans = {p.name for p in out.iterdir() if not p.name.startswith(".")} - {"oversikt"}
    (plan_id,) = plans  # not the manifest, not the overview (a Swedish workspace)
    timeline = (out / plan_id / "timeline.md").read_text("utf-8")  # English file names too
    workload = (out / plan_id / "workload.md").read_text("utf-8")
    assert timeline.startswith("# Timeline: Communication plan:")
    assert "| Responsible |" in workload and "**Total**" in workload
    assert "Ansvarig" not in workload and "Tidsaxel" not in timeline
