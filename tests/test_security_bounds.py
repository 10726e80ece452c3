"""Bounded work on big or hostile plans, and symbolic links (issue 11, item 6).

Each test plants the attack (a plan with a thousand mistakes, a link out of the
workspace, a linked output folder) and asserts the safe outcome through the command
line, reading the written files back with their libraries."""

from __future__ import annotations

import email
import email.policy
import json
import os
import stat
from pathlib import Path

import pytest
from conftest import LOCAL_PLAN, PROJECT, STRATEGY

import dialogkit
from dialogkit import build as build_module
from dialogkit import gate as gate_module
from dialogkit import invitations as invitations_module
from dialogkit import validation
from dialogkit.findings import MAX_PER_FILE

SECRET = "TOPSECRET-do-not-print"
SECRET_PLAN = f"kind: strategy\nid: hemlig\nhemligt: {SECRET}\n"
"""A plan whose finding would quote the secret line, were the file ever read."""


def full_check(*args: str | Path):
    """`dialogkit plan check ...` through typer, as `--help` and mistakes are run."""
    from typer.testing import CliRunner

    from dialogkit.cli import app

    return CliRunner().invoke(app, ["plan", "check", *map(str, args)])


def unknown_keys(count: int) -> str:
    return STRATEGY + "".join(f"okand{n}: {n}\n" for n in range(count))


# Too many findings: the first MAX_PER_FILE are made and shown, the rest counted.


def test_a_thousand_unknown_keys_show_a_hundred_findings_and_a_count(run, write):
    path = write(unknown_keys(1000))
    quick = run("plan", "check", path)
    assert quick.exit_code == 1
    assert quick.stdout.count(" fel DK010 ") == MAX_PER_FILE == 100
    assert "och 900 till" in quick.stdout
    assert "1000 fel" in quick.stdout  # the summary counts them all
    full = full_check(path)
    assert (full.exit_code, full.stdout) == (quick.exit_code, quick.stdout)


def test_json_has_the_first_hundred_findings_and_counts_the_rest(run, write):
    path = write(unknown_keys(1000))
    result = run("plan", "check", "--format", "json", path)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert len(report["findings"]) == 100
    assert {f["code"] for f in report["findings"]} == {"DK010"}
    assert report["errors"] == 1000
    assert report["omitted"] == [{"file": str(path), "errors": 900, "warnings": 0}]
    full = full_check("--format", "json", path)
    assert json.loads(full.stdout) == report


def test_github_annotations_stop_at_a_hundred_with_a_notice(run, write):
    path = write(unknown_keys(1000))
    lines = run("plan", "check", "--format", "github", path).stdout.splitlines()
    assert len([line for line in lines if line.startswith("::error ")]) == 100
    assert [line for line in lines if line.startswith("::notice ")] == [
        f"::notice file={path.as_posix().replace(':', '%3A')}::"
        f"och 900 till. Kör dialogkit plan check {path}."
    ]


def test_findings_past_the_cap_are_counted_not_made(write, monkeypatch):
    made = []
    translate = validation._translate
    monkeypatch.setattr(validation, "_translate", lambda *a: made.append(1) or translate(*a))
    report = dialogkit.check([write(unknown_keys(1000))])
    assert len(made) == 100
    assert len(report.findings) == 100
    assert report.error_count == 1000


def test_rule_findings_are_capped_per_file(write):
    """150 dialogues with one member each: one DK201 for each, of which 100 are made."""
    dialogue = """\
  - id: d{n}
    municipality: Sala
    format: digital
    date: 2021-04-13
    start: "18:00"
    end: "20:00"
    digital: {{platform: Teams, link: "https://teams.example.se/{n}"}}
    members: [anna]
"""
    head, _, tail = PROJECT.partition("dialogues:\n")
    tail = tail[tail.index("costs:") :]
    dialogues = "".join(dialogue.format(n=n) for n in range(150))
    report = dialogkit.check([write(head + "dialogues:\n" + dialogues + tail)])
    assert len(report.findings) == 100
    assert report.error_count >= 150
    assert sum(report.omitted[next(iter(report.omitted))].values()) >= 50
    assert report.exit_code() == 1


# Symbolic links out of the workspace are never read.


@pytest.fixture
def linked_workspace(tmp_path, write):
    """plans/ with one real plan and a link to a secret plan outside plans/."""
    write(STRATEGY, "plans/strategi.yaml")
    secret = write(SECRET_PLAN, "elsewhere/hemlig.yaml")
    (tmp_path / "plans" / "hemlig.yaml").symlink_to(secret)
    return tmp_path / "plans"


@pytest.fixture
def reads(monkeypatch):
    """The files dialogkit parses, resolved."""
    from dialogkit import workspace

    seen: list[Path] = []
    read_source = workspace.read_source

    def recording(path, *args, **kwargs):
        seen.append(Path(path).resolve())
        return read_source(path, *args, **kwargs)

    monkeypatch.setattr(workspace, "read_source", recording)
    return seen


@pytest.mark.parametrize("form", ["text", "json", "github"])
def test_check_skips_a_link_out_of_the_workspace_with_a_note(run, linked_workspace, reads, form):
    result = run("plan", "check", "--format", form, linked_workspace)
    assert result.exit_code == 0  # the real plan was checked; a skipped file is no error
    assert SECRET not in result.stdout + result.stderr
    assert "DK006" in result.stdout
    assert "Symbolisk länk ut ur arbetsytan" in result.stdout
    assert reads == [(linked_workspace / "strategi.yaml").resolve()]
    full = full_check("--format", form, linked_workspace)
    assert (full.exit_code, full.stdout) == (result.exit_code, result.stdout)


def test_check_of_only_a_link_out_is_refused(run, linked_workspace, reads):
    link = linked_workspace / "hemlig.yaml"
    result = run("plan", "check", link)
    assert result.exit_code == 1  # nothing that was asked for was checked
    assert SECRET not in result.stdout + result.stderr
    assert "DK006" in result.stdout
    assert reads == []


def test_check_does_not_enter_a_linked_folder_out_of_the_workspace(run, tmp_path, write):
    write(STRATEGY, "plans/strategi.yaml")
    write(SECRET_PLAN, "elsewhere/hemlig.yaml")
    (tmp_path / "plans" / "mer").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    result = run("plan", "check", tmp_path / "plans")
    assert result.exit_code == 0
    assert SECRET not in result.stdout


def test_a_link_that_stays_inside_the_workspace_is_checked(run, tmp_path, write):
    real = write(SECRET_PLAN, "plans/delat/hemlig.yaml")
    (tmp_path / "plans" / "lank.yaml").symlink_to(real)
    result = run("plan", "check", tmp_path / "plans")
    assert result.exit_code == 1
    assert result.stdout.count("Okänd nyckel 'hemligt'") == 2  # the file, and the link


def test_neighbours_read_for_references_skip_links_out(run, tmp_path, write, reads):
    """A local plan's strategy is looked up beside it; a link there is not followed."""
    local = write(LOCAL_PLAN, "plans/lokal.yaml")
    secret = write(SECRET_PLAN, "elsewhere/hemlig.yaml")
    (tmp_path / "plans" / "strategi.yaml").symlink_to(secret)
    result = run("plan", "check", local)
    assert "DK219" in result.stdout  # the strategy is looked for, and not found
    assert SECRET not in result.stdout
    assert reads == [local.resolve()]


def test_commands_that_render_a_linked_plan_refuse_it(run, linked_workspace):
    result = run("report", linked_workspace / "hemlig.yaml", "--format", "markdown")
    assert result.exit_code == 2
    assert "Symbolisk länk ut ur arbetsytan" in result.stderr
    assert SECRET not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


# A path given on the command line that is, or goes through, a link out of its folder.


@pytest.fixture
def linked_plans(tmp_path, write, monkeypatch):
    """The current folder holds plans -> ../elsewhere, where a valid project and a
    secret plan lie: were either read, the command would succeed or print the secret."""
    write(PROJECT, "elsewhere/projekt.yaml")
    write(SECRET_PLAN, "elsewhere/hemlig.yaml")
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "plans").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    monkeypatch.chdir(tmp_path / "work")
    return Path("plans")


@pytest.mark.parametrize("form", ["text", "json", "github"])
@pytest.mark.parametrize("given", ["plans", "plans/hemlig.yaml", "ABSOLUTE"])
def test_check_of_a_linked_folder_given_reads_nothing(run, linked_plans, reads, form, given):
    path = Path.cwd() / "plans" if given == "ABSOLUTE" else Path(given)
    result = run("plan", "check", "--format", form, path)
    assert result.exit_code == 1  # nothing that was asked for was checked
    assert SECRET not in result.stdout + result.stderr
    assert "DK006" in result.stdout
    assert reads == []
    full = full_check("--format", form, path)
    assert (full.exit_code, full.stdout) == (result.exit_code, result.stdout)


def test_check_note_names_the_linked_folder(run, linked_plans):
    result = run("plan", "check", "plans/hemlig.yaml")
    assert "Symbolisk länk ut ur arbetsytan (plans); filen läses inte." in result.stdout
    assert (
        "Symbolisk länk ut ur arbetsytan; mappen läses inte."
        in run("plan", "check", "plans").stdout
    )


def test_check_of_the_current_folder_notes_a_linked_plans_and_fails(run, linked_plans, reads):
    result = run("plan", "check")
    assert result.exit_code == 1  # the only plans there were skipped
    assert "plans:1:1 notis DK006 Symbolisk länk ut ur arbetsytan; mappen läses inte." in (
        result.stdout
    )
    assert SECRET not in result.stdout
    assert reads == []
    full = full_check()
    assert (full.exit_code, full.stdout) == (result.exit_code, result.stdout)


def test_build_refuses_a_default_plans_folder_that_links_out(run, linked_plans, reads):
    result = run("build", "--out", "out", "--today", "2021-03-01")
    assert result.exit_code == 2
    assert "plans: Symbolisk länk ut ur arbetsytan; mappen läses inte." in result.stderr
    assert SECRET not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert reads == []
    assert not Path("out").exists()


@pytest.mark.parametrize(
    "command",
    [
        ["report", "plans/projekt.yaml", "--format", "markdown"],
        ["invite", "plans/projekt.yaml"],
        ["cost", "plans/projekt.yaml"],
        ["timeline", "plans/projekt.yaml", "--format", "ics"],
        ["build", "plans", "--out", "out"],
    ],
)
def test_commands_refuse_a_plan_in_a_linked_folder(run, linked_plans, reads, command):
    result = run(*command)
    assert result.exit_code == 2
    assert "Symbolisk länk ut ur arbetsytan" in result.stderr
    assert "Testprojekt" not in result.stdout  # the project was not rendered
    assert SECRET not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert reads == []


def test_a_folder_link_that_stays_in_its_folder_is_read(run, tmp_path, write, monkeypatch):
    write(SECRET_PLAN, "work/delat/hemlig.yaml")
    (tmp_path / "work" / "plans").symlink_to("delat", target_is_directory=True)
    monkeypatch.chdir(tmp_path / "work")
    result = run("plan", "check", "plans")
    assert result.exit_code == 1
    assert "Okänd nyckel 'hemligt'" in result.stdout
    assert "DK006" not in result.stdout


# plan fmt never replaces a link.


UNFORMATTED = (
    "id: strategi\nkind: strategy\ntitle: Strategi\norganisation: Region\n"
    + (STRATEGY.split("organisation: Region\n", 1)[1])
)


def test_fmt_skips_links_and_leaves_link_and_target_alone(run, tmp_path, write):
    real = write(UNFORMATTED, "plans/strategi.yaml")
    inside = tmp_path / "plans" / "inne.yaml"
    inside.symlink_to(real)
    outside_target = write(UNFORMATTED.replace("strategi", "annan"), "elsewhere/annan.yaml")
    outside = tmp_path / "plans" / "ute.yaml"
    outside.symlink_to(outside_target)
    before = outside_target.read_bytes()

    result = run("plan", "fmt", tmp_path / "plans")

    assert result.exit_code == 0  # the real plan was formatted
    assert inside.is_symlink() and outside.is_symlink()
    assert os.readlink(outside) == str(outside_target)
    assert outside_target.read_bytes() == before
    assert real.read_text("utf-8").startswith("kind: strategy\n")  # the real file was formatted
    assert "hoppar över" in result.stdout
    assert str(inside) in result.stdout and str(outside) in result.stdout
    assert "2 överhoppade" in result.stdout


def test_fmt_of_only_a_link_exits_1(run, tmp_path, write):
    target = write(UNFORMATTED, "plans/strategi.yaml")
    link = tmp_path / "plans" / "lank.yaml"
    link.symlink_to(target)
    before = target.read_bytes()
    result = run("plan", "fmt", link)
    assert result.exit_code == 1
    assert link.is_symlink()
    assert target.read_bytes() == before
    assert "Symbolisk länk; formateras inte." in result.stdout


def test_fmt_keeps_a_files_permissions(run, write):
    path = write(UNFORMATTED)
    path.chmod(0o644)
    assert run("plan", "fmt", path).exit_code == 0
    assert path.read_text("utf-8").startswith("kind: strategy\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


# Output folders: never written through a link.


@pytest.fixture
def project_plans(write, tmp_path):
    write(PROJECT, "plans/projekt.yaml")
    return tmp_path / "plans"


def test_build_refuses_an_out_folder_that_is_a_link(run, tmp_path, project_plans):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out").symlink_to(elsewhere, target_is_directory=True)
    result = run("build", project_plans, "--out", tmp_path / "out", "--today", "2021-03-01")
    assert result.exit_code == 2
    assert "symbolisk länk" in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_build_refuses_a_plan_folder_that_is_a_link(run, tmp_path, project_plans):
    elsewhere = tmp_path / "etc"
    elsewhere.mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "testprojekt").symlink_to(elsewhere, target_is_directory=True)
    result = run("build", project_plans, "--out", tmp_path / "out", "--today", "2021-03-01")
    assert result.exit_code == 2
    assert f"{tmp_path / 'out' / 'testprojekt'} är en symbolisk länk" in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_build_refuses_a_linked_folder_deeper_down(run, tmp_path, project_plans):
    elsewhere = tmp_path / "etc"
    elsewhere.mkdir()
    (tmp_path / "out" / "testprojekt").mkdir(parents=True)
    (tmp_path / "out" / "testprojekt" / "inbjudningar").symlink_to(elsewhere)
    result = run("build", project_plans, "--out", tmp_path / "out", "--today", "2021-03-01")
    assert result.exit_code == 2
    assert list(elsewhere.iterdir()) == []


@pytest.mark.slow
def test_invite_refuses_an_out_folder_that_is_a_link(run, tmp_path, project_plans):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out").symlink_to(elsewhere, target_is_directory=True)
    plan = project_plans / "projekt.yaml"
    result = run("invite", plan, "--format", "eml", "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert list(elsewhere.iterdir()) == []


@pytest.fixture
def victim(tmp_path, write, monkeypatch):
    """The current folder holds a project and out -> ../victim."""
    write(PROJECT, "work/projekt.yaml")
    (tmp_path / "victim").mkdir()
    (tmp_path / "work" / "out").symlink_to(tmp_path / "victim", target_is_directory=True)
    monkeypatch.chdir(tmp_path / "work")
    return tmp_path / "victim"


@pytest.mark.parametrize(
    "command",
    [
        ["invite", "projekt.yaml", "--out", "out/inv"],
        ["invite", "projekt.yaml", "--format", "eml", "--out", "out/inv"],
        ["cost", "projekt.yaml", "--out", "out/c.md"],
        ["cost", "projekt.yaml", "--format", "xlsx", "--out", "out/c.xlsx"],
        ["timeline", "projekt.yaml", "--format", "ics", "--out", "out/k.ics"],
        ["timeline", "projekt.yaml", "--format", "markdown", "--out", "out/t.md"],
        ["report", "projekt.yaml", "--out", "out/r.docx"],
        ["report", "projekt.yaml", "--format", "markdown", "--out", "out/sub/r.md"],
        ["build", ".", "--out", "out/", "--today", "2021-03-01"],
        ["build", ".", "--out", "out/b", "--today", "2021-03-01"],
        ["init", "out/ws"],
        ["plan", "new", "strategy", "ny", "--dir", "out"],
    ],
)
def test_nothing_is_written_through_a_linked_folder_below_the_current_one(run, victim, command):
    result = run(*command)
    assert result.exit_code == 2
    assert "out är en symbolisk länk; dialogkit skriver inte genom den" in result.stderr
    assert "Ta bort länken" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(victim.iterdir()) == []


def test_an_absolute_path_inside_the_current_folder_is_checked_too(run, victim):
    result = run("cost", "projekt.yaml", "--out", Path.cwd() / "out" / "c.md")
    assert result.exit_code == 2
    assert f"{Path.cwd() / 'out'} är en symbolisk länk" in result.stderr
    assert list(victim.iterdir()) == []


def test_a_link_deep_in_an_invite_folder_stops_every_file(run, tmp_path, write, monkeypatch):
    """The link is met at the last dialogue (koping); the first dialogue's (sala)
    files are not written either."""
    write(PROJECT, "work/projekt.yaml")
    (tmp_path / "victim").mkdir()
    (tmp_path / "work" / "inv").mkdir()
    (tmp_path / "work" / "inv" / "koping").symlink_to(tmp_path / "victim")
    monkeypatch.chdir(tmp_path / "work")
    result = run("invite", "projekt.yaml", "--out", "inv")
    assert result.exit_code == 2
    assert "inv/koping är en symbolisk länk" in result.stderr
    assert list((tmp_path / "victim").iterdir()) == []
    assert [p.name for p in (tmp_path / "work" / "inv").iterdir()] == ["koping"]


def test_a_plain_relative_out_is_written(run, tmp_path, write, monkeypatch):
    write(PROJECT, "work/projekt.yaml")
    monkeypatch.chdir(tmp_path / "work")
    result = run("timeline", "projekt.yaml", "--format", "markdown", "--out", "ut/t.md")
    assert result.exit_code == 0, result.stderr
    assert "Sala" in Path("ut/t.md").read_text("utf-8")


def test_links_above_the_current_folder_are_the_systems(run, tmp_path, write, monkeypatch):
    """An absolute --out outside the current folder is not looked at above the file:
    /tmp is a link on macOS, and a home folder may be one."""
    write(PROJECT, "work/projekt.yaml")
    (tmp_path / "private").mkdir()
    (tmp_path / "tmp").symlink_to(tmp_path / "private", target_is_directory=True)
    monkeypatch.chdir(tmp_path / "work")
    result = run("report", "projekt.yaml", "--format", "markdown", "--out", tmp_path / "tmp/r.md")
    assert result.exit_code == 0, result.stderr
    assert "Invånardialog Nära vård" in (tmp_path / "private" / "r.md").read_text("utf-8")


def test_fmt_skips_a_plan_in_a_linked_folder_and_leaves_it_alone(run, tmp_path, write, monkeypatch):
    real = write(UNFORMATTED, "work/delat/strategi.yaml")
    (tmp_path / "work" / "plans").symlink_to("delat", target_is_directory=True)
    monkeypatch.chdir(tmp_path / "work")
    before = real.read_bytes()
    result = run("plan", "fmt", "plans")
    assert result.exit_code == 1  # all that was asked for was skipped
    assert "hoppar över plans/strategi.yaml: Symbolisk länk; formateras inte." in result.stdout
    assert real.read_bytes() == before
    assert run("plan", "fmt", "delat").exit_code == 0  # the real folder is formatted
    assert real.read_text("utf-8").startswith("kind: strategy\n")


# build: the e-mail draft is the e-mail text, and the work grows linearly.


def email_subject(run, plan: Path, dialogue: str) -> str:
    result = run("invite", plan, "--dialogue", dialogue, "--channel", "email")
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()[0]


def channels(names: list[str]) -> str:
    return "invitation_channels:\n" + "".join(f"  - channel: {name}\n" for name in names)


@pytest.mark.slow
@pytest.mark.parametrize("chosen", [["web", "email"], ["web"], ["facebook", "web"]])
def test_the_email_draft_has_the_email_channels_subject(run, write, tmp_path, chosen):
    plan = write(PROJECT + channels(chosen), "plans/projekt.yaml")
    out = tmp_path / "out"
    result = run("build", plan.parent, "--out", out, "--today", "2021-03-01")
    assert result.exit_code == 0, result.stdout + result.stderr
    for dialogue in ("sala", "koping"):
        path = out / "testprojekt" / "inbjudningar" / dialogue / "email.eml"
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        expected = email_subject(run, plan, dialogue)
        assert expected.startswith("Inbjudan: ")  # the e-mail template's, not the web's
        assert message["Subject"] == expected
        body = message.get_body(("plain",)).get_content()
        web = out / "testprojekt" / "inbjudningar" / dialogue / "web.md"
        assert body.strip() != web.read_text("utf-8").partition("\n\n")[2].strip()


@pytest.mark.slow
def test_build_does_constant_work_per_dialogue(write, monkeypatch):
    """Each dialogue's texts are made once and found without scanning the others: the
    e-mail of a dialogue used to be found by reading every text before it."""
    count = 40
    dialogue = PROJECT[PROJECT.index("  - id: sala") : PROJECT.index("  - id: koping")]
    many = "".join(
        dialogue.replace("id: sala", f"id: sala{n}").replace("2021-04-13", "2021-04-14")
        for n in range(count)
    )
    text = PROJECT.replace(dialogue, many) + channels(["web", "facebook", "email"])
    loaded = dialogkit.load_workspace([write(text)]).plans[0]

    calls = {"invitations": 0, "calendar": 0, "to_eml": 0, "dialogue read": 0}

    class Counted:
        """An invitation that counts how often its dialogue is looked at."""

        def __init__(self, inner):
            self._inner = inner

        def __getattr__(self, name):
            if name == "dialogue":
                calls["dialogue read"] += 1
            return getattr(self._inner, name)

    def counting(name, function, wrap=lambda result: result):
        def counted(*args, **kwargs):
            calls[name] += 1
            return wrap(function(*args, **kwargs))

        monkeypatch.setattr(invitations_module, function.__name__, counted)

    counting("invitations", invitations_module.invitations, lambda texts: list(map(Counted, texts)))
    counting("calendar", invitations_module.dialogue_calendar)
    counting("to_eml", invitations_module.to_eml)

    from datetime import date

    from dialogkit.products import plan_files

    files = [
        file
        for folder, produce in plan_files(loaded, today=date(2021, 3, 1))
        if folder == "inbjudningar"
        for file in produce()
    ]
    texts = len([f for f in files if f.name.endswith((".txt", ".md"))])
    dialogues = len([f for f in files if f.name.endswith("/email.eml")])
    assert (dialogues, texts) == (count + 1, 3 * (count + 1))  # and the plan's koping
    assert calls["invitations"] == 2  # the texts, then the e-mail drafts
    assert calls["to_eml"] == dialogues
    assert calls["calendar"] == dialogues  # once each, for its texts and its draft
    assert calls["dialogue read"] <= 4 * texts  # the old lookup read about 30 per text


@pytest.mark.slow
def test_a_refused_build_leaves_the_last_build_as_it_was(run, write, tmp_path):
    """Outputs are made in a hidden folder and moved into place only when every public
    one has passed the gate: a refusal changes nothing in out/ and leaves no trace."""
    (tmp_path / "dialogkit.toml").write_text("")
    write(PROJECT, "plans/projekt.yaml")
    out = tmp_path / "ut"
    assert run("build", tmp_path / "plans", "--out", out).exit_code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    facebook = tmp_path / "templates" / "sv" / "invite" / "facebook.txt.j2"
    facebook.parent.mkdir(parents=True)
    facebook.write_text("Rubrik\n\nRing Anna på 070-987 65 43.\n")
    result = run("build", tmp_path / "plans", "--out", out)
    assert result.exit_code == 1 and "070-*** ** 43" in result.stderr
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert not list(out.glob(".dialogkit-build-*"))


@pytest.mark.slow
def test_a_refused_first_build_leaves_no_out_folder(run, write, tmp_path):
    (tmp_path / "dialogkit.toml").write_text("")
    write(PROJECT, "plans/projekt.yaml")
    facebook = tmp_path / "templates" / "sv" / "invite" / "facebook.txt.j2"
    facebook.parent.mkdir(parents=True)
    facebook.write_text("Rubrik\n\nRing Anna på 070-987 65 43.\n")
    assert run("build", tmp_path / "plans", "--out", tmp_path / "ut").exit_code == 1
    assert not (tmp_path / "ut").exists()


@pytest.mark.slow
def test_a_link_planted_while_the_build_runs_is_not_written_through(write, tmp_path, monkeypatch):
    """Links are checked again when the outputs are moved into place."""
    from dialogkit.errors import UsageError

    (tmp_path / "dialogkit.toml").write_text("")
    write(PROJECT, "plans/projekt.yaml")
    out, victim = tmp_path / "ut", tmp_path / "offer"
    victim.mkdir()
    gate = gate_module.check_public

    def plant_then_check(*args, **kwargs):
        if not (out / "testprojekt").is_symlink():
            (out / "testprojekt").symlink_to(victim)
        return gate(*args, **kwargs)

    monkeypatch.setattr(gate_module, "check_public", plant_then_check)
    with pytest.raises(UsageError, match="symbolisk länk"):
        build_module.build([tmp_path / "plans"], out)
    assert not any(victim.iterdir())
    assert not list(out.glob(".dialogkit-build-*"))
