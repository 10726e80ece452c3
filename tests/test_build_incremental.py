"""`build` makes a plan's products again only when something they are made from
changed, and leaves a file whose bytes are the same as they are, mtime and all."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from conftest import COMMUNICATION, LOCAL_PLAN, PROJECT, REPO, STRATEGY
from docx import Document

from dialogkit import fingerprint, pdf
from dialogkit.build import build
from dialogkit.manifest import MANIFEST_NAME

EPOCH = "1767225600"
TODAY = date(2021, 3, 1)
PAST = 1_000_000_000  # 2001: a file written by the build would show a later mtime


@pytest.fixture
def space(tmp_path, monkeypatch, write):
    """A workspace of four plans, without LibreOffice (PDFs are not the point here),
    and with the files stamped by SOURCE_DATE_EPOCH so the same plan gives the same
    bytes."""
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(pdf, "INSTALL_PLACES", ())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.chdir(tmp_path)
    write("", "dialogkit.toml")
    write(PROJECT, "plans/projekt.yaml")
    write(COMMUNICATION, "plans/komplan.yaml")
    write(STRATEGY, "plans/strategi.yaml")
    write(LOCAL_PLAN, "plans/lokal.yaml")
    return tmp_path


def _build(space: Path, **options) -> set[str]:
    """Build; the plans whose products were made."""
    made: set[str] = set()
    options.setdefault("today", TODAY)
    build(
        [space / "plans"],
        space / "out",
        progress=lambda number, total, what: made.add(what.split("/")[0]),
        **options,
    )
    return made


def _state(out: Path) -> dict[str, tuple[bytes, int]]:
    """Every file below `out` (the manifest too): its bytes and mtime."""
    return {
        path.relative_to(out).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in out.rglob("*")
        if path.is_file()
    }


def _into_the_past(out: Path) -> None:
    for path in out.rglob("*"):
        if path.is_file():
            os.utime(path, (PAST, PAST))


ALL = {"testprojekt", "komplan", "strategi", "lokal"}


@pytest.mark.slow
def test_building_twice_leaves_every_file_as_it_was(space):
    assert _build(space) == ALL
    out = space / "out"
    _into_the_past(out)
    before = _state(out)
    assert len(before) > 20 and "oversikt/index.html" in before

    assert _build(space) == set()  # nothing made again

    assert _state(out) == before  # bytes and mtimes, the overview and the manifest too


@pytest.mark.slow
def test_a_changed_plan_gets_only_its_changed_files_rewritten(space, write):
    _build(space)
    out = space / "out"
    _into_the_past(out)
    before = _state(out)
    write(COMMUNICATION.replace("what: Informera HR", "what: Informera personalavdelningen"),
          "plans/komplan.yaml")  # fmt: skip

    assert _build(space) == {"komplan"}

    after = _state(out)
    assert set(after) == set(before)
    renewed = {name for name in after if after[name][1] != before[name][1]}
    assert renewed, "the changed plan's files were not made again"
    assert all(name.startswith(("komplan/", "oversikt/", MANIFEST_NAME)) for name in renewed)
    assert all(after[name][0] != before[name][0] for name in renewed)  # new bytes only
    assert "komplan/tidsaxel.md" in renewed
    assert "personalavdelningen" in (out / "komplan" / "tidsaxel.md").read_text("utf-8")
    assert any(name.startswith("komplan/") and name not in renewed for name in after)


@pytest.mark.slow
def test_a_local_plan_and_its_strategy_are_made_again_together(space, write):
    _build(space)
    write(
        LOCAL_PLAN.replace("what: SIP för alla", "what: SIP för alla invånare"), "plans/lokal.yaml"
    )

    assert _build(space) == {"lokal", "strategi"}  # the strategy's report lists its local plans


@pytest.mark.slow
def test_a_changed_workspace_template_makes_the_report_again(space, write):
    _build(space)
    builtin = REPO / "templates" / "sv" / "report" / "communication-plan.md.j2"
    write(builtin.read_text("utf-8") + "\nEgen rad från arbetsytans mall.\n",
          "templates/sv/report/communication-plan.md.j2")  # fmt: skip

    assert "komplan" in _build(space)

    (report,) = (space / "out" / "komplan").rglob("*.docx")
    text = "\n".join(p.text for p in Document(str(report)).paragraphs)
    assert "Egen rad från arbetsytans mall." in text


@pytest.mark.slow
def test_reference_docx_settings_and_today_each_make_everything_again(space, write):
    _build(space)
    reference = (REPO / "templates" / "reference.docx").read_bytes()
    write(reference, "templates/reference.docx")
    assert _build(space) == ALL
    assert _build(space) == set()
    write("# inställningar\n", "dialogkit.toml")
    assert _build(space) == ALL
    assert _build(space, today=date(2021, 3, 2)) == ALL
    assert _build(space, today=date(2021, 3, 2)) == set()


@pytest.mark.slow
def test_another_dialogkit_makes_everything_again(space, monkeypatch):
    _build(space)
    monkeypatch.setattr(fingerprint, "dialogkit_fingerprint", lambda: "en annan dialogkit")
    assert _build(space) == ALL
    assert _build(space) == set()


@pytest.mark.slow
def test_a_file_gone_from_out_is_made_again(space):
    _build(space)
    gone = space / "out" / "komplan" / "tidsaxel.md"
    content = gone.read_bytes()
    gone.unlink()

    assert _build(space) == {"komplan"}

    assert gone.read_bytes() == content


@pytest.mark.slow
def test_an_edited_stale_file_is_kept_by_an_incremental_build(space, write):
    _build(space)
    edited = space / "out" / "testprojekt" / "inbjudningar" / "sala" / "facebook.txt"
    edited.write_text(edited.read_text("utf-8") + "Ändrad av mig.\n", "utf-8")
    write(PROJECT.replace("  - id: sala\n", "  - id: sala-ny\n"), "plans/projekt.yaml")

    assert _build(space) == {"testprojekt"}
    assert _build(space) == set()

    assert edited.read_text("utf-8").endswith("Ändrad av mig.\n")
    assert (space / "out" / "testprojekt" / "inbjudningar" / "sala-ny" / "facebook.txt").is_file()


@pytest.mark.slow
def test_without_the_cache_everything_is_made_and_same_bytes_stay_untouched(space):
    _build(space)
    out = space / "out"
    _into_the_past(out)
    before = _state(out)

    assert _build(space, cache=False) == ALL

    assert _state(out) == before


@pytest.mark.slow
def test_build_no_cache_on_the_command_line(space, run, monkeypatch):
    import dialogkit.build as building

    assert run("build", "--today", "2021-03-01").exit_code == 0
    asked: list[str] = []
    real = building.plan_files
    monkeypatch.setattr(
        building,
        "plan_files",
        lambda loaded, **kw: asked.append(loaded.plan.id) or real(loaded, **kw),
    )
    again = run("build", "--today", "2021-03-01")
    assert again.exit_code == 0
    assert asked == []
    assert "redan aktuella och lämnades orörda" in again.stderr
    result = run("build", "--no-cache", "--today", "2021-03-01")
    assert result.exit_code == 0, result.stderr
    assert set(asked) == ALL


@pytest.mark.slow
def test_a_manifest_from_an_older_build_makes_everything(space):
    _build(space)
    path = space / "out" / MANIFEST_NAME
    manifest = json.loads(path.read_text("utf-8"))
    del manifest["made"]
    path.write_text(json.dumps(manifest), "utf-8")

    assert _build(space) == ALL
    assert "made" in json.loads(path.read_text("utf-8"))
