"""The implementation plan (seed 002) and its dialogue projects: DK231–DK235 and the
duplicate area ids, through `plan check` on real files; the skeleton through `plan new`."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import IMPLEMENTATION_PLAN, PROJECT, line_of

LINKED_PROJECT = PROJECT.replace("costs:\n", "implementation_plan: genomforandeplan\ncosts:\n", 1)
"""The conftest project, carrying out the conftest implementation plan's area."""

SURVEY_AREA = """\
  - id: enkat
    question_area: Tillgänglighet
    purpose: Att följa upp dialogerna.
    target_groups: [Invånarpanelen]
    method: citizen_panel
    rung: consultation
    owner: Sekretariatet
    period: 2021-09..2021-10
    projects: []
"""


def check(run, folder, *options: str) -> tuple[int, list[dict]]:
    result = run("plan", "check", folder, "--format", "json", *options)
    assert result.exit_code in (0, 1), result.stderr
    return result.exit_code, json.loads(result.stdout)["findings"]


def in_plan(found: list[dict]) -> list[dict]:
    """The findings in the implementation plan (a check of it takes its projects along)."""
    return [f for f in found if f["file"].endswith("genomforandeplan.yaml")]


def workspace(tmp_path, plan: str = IMPLEMENTATION_PLAN, project: str = LINKED_PROJECT, **more):
    folder = tmp_path / "plans"
    folder.mkdir(parents=True)
    (folder / "genomforandeplan.yaml").write_text(plan, encoding="utf-8")
    (folder / "testprojekt.yaml").write_text(project, encoding="utf-8")
    for name, text in more.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def test_a_plan_and_its_project_that_agree_check_clean(run, tmp_path):
    assert check(run, workspace(tmp_path)) == (0, [])


def test_an_area_listing_an_unknown_project_is_an_error_with_a_guess(run, tmp_path):
    plan = IMPLEMENTATION_PLAN.replace("[testprojekt]", "[testprojekt, testprojket]")
    code, found = check(run, workspace(tmp_path, plan))
    assert code == 1
    assert [(f["code"], f["severity"], f["line"]) for f in found] == [
        ("DK231", "error", line_of(plan, "projects:"))
    ]
    assert found[0]["file"].endswith("genomforandeplan.yaml")
    assert found[0]["message"] == (
        "Området 'nara-vard' hänvisar till dialogprojektet 'testprojket', som inte finns "
        "bland planerna."
    )
    assert found[0]["hint"].startswith("Menade du 'testprojekt'?")


def test_an_unknown_project_with_nothing_close_gets_no_guess(run, tmp_path):
    plan = IMPLEMENTATION_PLAN.replace("[testprojekt]", "[testprojekt, budget-2030]")
    _, found = check(run, workspace(tmp_path, plan))
    assert [f["code"] for f in found] == ["DK231"]
    assert "Menade du" not in found[0]["hint"]


def test_a_project_with_another_rung_and_method_than_its_area_is_warned(run, tmp_path):
    project = LINKED_PROJECT.replace(
        "participation_rung: dialogue", "participation_rung: consultation\nmethod: survey"
    )
    code, found = check(run, workspace(tmp_path, project=project))
    assert code == 0
    assert [(f["code"], f["severity"], f["line"]) for f in found] == [
        ("DK232", "warning", line_of(IMPLEMENTATION_PLAN, "projects:"))
    ]
    assert found[0]["message"] == (
        "Projektet 'testprojekt' har steget konsultation på delaktighetstrappan och metoden "
        "enkät, men området 'nara-vard' har steget dialog på delaktighetstrappan och metoden "
        "dialogmöte."
    )


def test_the_difference_is_named_in_the_plans_language_and_only_what_differs(run, tmp_path):
    plan = IMPLEMENTATION_PLAN.replace("year: 2021\n", "year: 2021\nlanguage: en\n")
    project = LINKED_PROJECT.replace(
        "participation_rung: dialogue", "participation_rung: influence"
    )
    _, found = check(run, workspace(tmp_path, plan, project))
    assert [f["message"] for f in found] == [
        "The project 'testprojekt' has the rung influence on the participation ladder, but "
        "the area 'nara-vard' has the rung dialogue on the participation ladder."
    ]


def test_a_reason_for_the_difference_silences_the_warning(run, tmp_path):
    project = LINKED_PROJECT.replace(
        "participation_rung: dialogue",
        "participation_rung: consultation\n"
        "deviation_reason: Pandemin gjorde att vi bara kunde samla in synpunkter.",
    )
    assert check(run, workspace(tmp_path, project=project)) == (0, [])


def test_an_area_without_a_project_is_warned_once_its_period_has_begun(run, tmp_path):
    plan = IMPLEMENTATION_PLAN + SURVEY_AREA
    path = workspace(tmp_path, plan) / "genomforandeplan.yaml"
    assert in_plan(check(run, path, "--today", "2021-08-31")[1]) == []
    found = in_plan(check(run, path, "--today", "2021-09-01")[1])
    assert [(f["code"], f["severity"], f["line"]) for f in found] == [
        ("DK233", "warning", line_of(plan, "- id: enkat"))
    ]
    assert found[0]["message"] == (
        "Området 'enkat' har inget dialogprojekt, fast dess period (2021-09..2021-10) har börjat."
    )


def test_a_cancelled_or_done_area_needs_no_project(run, tmp_path):
    for status in ("cancelled", "done"):
        plan = IMPLEMENTATION_PLAN + SURVEY_AREA + f"    status: {status}\n"
        path = workspace(tmp_path / status, plan) / "genomforandeplan.yaml"
        assert in_plan(check(run, path, "--today", "2021-12-31")[1]) == [], status


def test_a_project_naming_an_unknown_implementation_plan_is_an_error(run, tmp_path):
    project = LINKED_PROJECT.replace(
        "implementation_plan: genomforandeplan", "implementation_plan: genomforandeplam"
    )
    code, found = check(run, workspace(tmp_path, project=project))
    assert code == 1
    assert [(f["code"], f["severity"], f["line"]) for f in found] == [
        ("DK234", "error", line_of(project, "implementation_plan:"))
    ]
    assert found[0]["file"].endswith("testprojekt.yaml")
    assert found[0]["message"] == "Genomförandeplanen 'genomforandeplam' finns inte bland planerna."
    assert found[0]["hint"].startswith("Menade du 'genomforandeplan'?")


def test_a_project_checked_alone_finds_its_implementation_plan_beside_it(run, tmp_path):
    folder = workspace(tmp_path)
    assert check(run, folder / "testprojekt.yaml") == (0, [])
    (folder / "genomforandeplan.yaml").unlink()
    _, found = check(run, folder / "testprojekt.yaml")
    assert [f["code"] for f in found] == ["DK234"]


def test_a_project_the_named_plan_does_not_list_is_warned(run, tmp_path):
    plan = IMPLEMENTATION_PLAN.replace("[testprojekt]", "[]\n    status: done")
    code, found = check(run, workspace(tmp_path, plan))
    assert code == 0
    assert [(f["code"], f["line"]) for f in found] == [
        ("DK235", line_of(LINKED_PROJECT, "implementation_plan:"))
    ]
    assert found[0]["message"] == (
        "Projektet säger att det genomför genomförandeplanen 'genomforandeplan', men inget "
        "av planens områden har projektet under projects:."
    )


def test_an_area_listing_a_project_that_names_another_plan_is_warned(run, tmp_path):
    other = IMPLEMENTATION_PLAN.replace("id: genomforandeplan", "id: annan-plan")
    project = LINKED_PROJECT.replace(
        "implementation_plan: genomforandeplan", "implementation_plan: annan-plan"
    )
    _, found = check(run, workspace(tmp_path, project=project, annan=other))
    assert [(f["code"], f["file"].rsplit("/", 1)[-1], f["line"]) for f in found] == [
        ("DK235", "genomforandeplan.yaml", line_of(IMPLEMENTATION_PLAN, "projects:"))
    ]
    assert found[0]["message"] == (
        "Området 'nara-vard' hänvisar till projektet 'testprojekt', men projektet säger att "
        "det genomför genomförandeplanen 'annan-plan'."
    )


def test_a_project_that_names_no_plan_may_be_listed(run, tmp_path):
    assert check(run, workspace(tmp_path, project=PROJECT)) == (0, [])


def test_two_areas_with_the_same_id_are_caught(run, tmp_path):
    plan = (
        IMPLEMENTATION_PLAN
        + SURVEY_AREA.replace("id: enkat", "id: Nara-vard")
        + ("    status: cancelled\n")
    )
    code, found = check(run, workspace(tmp_path, plan))
    assert code == 1
    assert [(f["code"], f["line"]) for f in found] == [("DK217", line_of(plan, "id: Nara-vard"))]
    assert found[0]["message"] == "Id 'Nara-vard' används redan i areas (som 'nara-vard')."


def test_plan_new_writes_a_skeleton_that_checks_with_the_project_skeleton(run, tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    new = run("plan", "new", "implementation_plan", "plan-2026", "--dir", folder)
    assert new.exit_code == 0, new.stderr
    text = (folder / "plan-2026.yaml").read_text("utf-8")
    assert "id: plan-2026\n" in text and "# " in text
    _, found = check(run, folder)
    assert [f["code"] for f in found] == ["DK231"]  # it lists the project skeleton's id
    assert (
        run("plan", "new", "dialogue_project", "mitt-dialogprojekt", "--dir", folder).exit_code == 0
    )
    assert check(run, folder) == (0, [])


def test_checking_a_changed_project_reports_the_implementation_plan_it_breaks(run, tmp_path):
    """As the pre-commit hook checks only the files a commit changes."""
    folder = workspace(tmp_path)
    project = folder / "testprojekt.yaml"
    project.write_text(
        LINKED_PROJECT.replace("participation_rung: dialogue", "participation_rung: information"),
        "utf-8",
    )
    _, found = check(run, project)
    assert [(f["code"], f["file"].rsplit("/", 1)[-1]) for f in found] == [
        ("DK232", "genomforandeplan.yaml")
    ]


def test_renaming_an_implementation_plan_reports_the_projects_that_name_it(run, tmp_path):
    folder = workspace(tmp_path)
    plan = folder / "genomforandeplan.yaml"
    plan.write_text(IMPLEMENTATION_PLAN.replace("id: genomforandeplan", "id: plan-2021"), "utf-8")
    code, found = check(run, plan)
    assert code == 1
    assert [(f["code"], f["file"].rsplit("/", 1)[-1]) for f in found] == [
        ("DK234", "testprojekt.yaml")
    ]


def test_a_project_listed_by_two_implementation_plans_is_warned_about(run, tmp_path):
    """Both years' follow-ups would count its participants (DK235)."""
    from conftest import IMPLEMENTATION_PLAN, PROJECT

    (tmp_path / "projekt.yaml").write_text(PROJECT, encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(IMPLEMENTATION_PLAN, encoding="utf-8")
    second = IMPLEMENTATION_PLAN.replace("id: genomforandeplan", "id: genomforandeplan-2022")
    (tmp_path / "plan-2022.yaml").write_text(second, encoding="utf-8")
    report = json.loads(run("plan", "check", tmp_path, "--format", "json").stdout)
    found = [(f["code"], Path(f["file"]).name) for f in report["findings"]]
    assert sorted(found) == [("DK235", "plan-2022.yaml"), ("DK235", "plan.yaml")]
    assert (
        "också i genomförandeplanen 'genomforandeplan-2022'"
        in report["findings"][0]["message"] + report["findings"][1]["message"]
    )


def test_an_id_in_other_letters_case_is_suggested(run, tmp_path):
    from conftest import IMPLEMENTATION_PLAN, PROJECT

    linked = PROJECT.replace("costs:\n", "implementation_plan: GenomforandePlan\ncosts:\n", 1)
    (tmp_path / "projekt.yaml").write_text(linked, encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(IMPLEMENTATION_PLAN, encoding="utf-8")
    result = run("plan", "check", tmp_path)
    assert "DK234" in result.stdout and "Menade du 'genomforandeplan'?" in result.stdout


def test_an_implementation_plan_without_areas_is_refused_with_a_message(run, tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(IMPLEMENTATION_PLAN.split("areas:")[0] + "areas: []\n", encoding="utf-8")
    result = run("plan", "check", plan)
    assert result.exit_code == 1
    assert f"plan.yaml:{line_of(plan.read_text('utf-8'), 'areas:')}:1" in result.stdout
    assert "areas: får inte vara en tom lista." in result.stdout
