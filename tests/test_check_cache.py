"""The check cache (issue 19): a re-check reads only the files that changed, finds
exactly what a check without the cache finds, and never trusts a cache that is
damaged, foreign or written by two checks at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import IMPLEMENTATION_PLAN, LOCAL_PLAN, PROJECT, STRATEGY

from dialogkit import workspace
from dialogkit.check_cache import FOLDER

CACHE = FOLDER / "results.json"

# A second project booking Anna at the same time as the first (DK236, across plans),
# a local plan naming a sub-goal its strategy lacks (DK216), and a plan id used twice
# (DK217): findings of the rules across plans, which always run again.
OTHER_PROJECT = PROJECT.replace("id: testprojekt", "id: annat-projekt").replace(
    "reporting:", "implementation_plan: genomforandeplan\nreporting:"
)
LOCAL_WITH_UNKNOWN_GOAL = LOCAL_PLAN.replace("sub_goals: [1]", "sub_goals: [1, 7]")
BROKEN = "kind: dialogue_project\nid: trasig\ntitle: [\n"


@pytest.fixture
def plans(write, tmp_path):
    """A workspace with a plan of each kind, some with findings, one unreadable."""
    write(PROJECT, "plans/projekt.yaml")
    write(OTHER_PROJECT, "plans/annat.yaml")
    write(STRATEGY, "plans/strategi.yaml")
    write(LOCAL_WITH_UNKNOWN_GOAL, "plans/lokal.yaml")
    write(LOCAL_WITH_UNKNOWN_GOAL.replace("Leksand", "Mora"), "plans/lokal-kopia.yaml")
    write(IMPLEMENTATION_PLAN, "plans/genomforande.yaml")
    write(BROKEN, "plans/trasig.yaml")
    return tmp_path / "plans"


@pytest.fixture
def reads(monkeypatch):
    """The plan files a check parses (not those it only hashes)."""
    seen: list[str] = []
    read_source = workspace.read_source

    def recording(path, *args, **kwargs):
        seen.append(Path(path).name)
        return read_source(path, *args, **kwargs)

    monkeypatch.setattr(workspace, "read_source", recording)
    return seen


def findings(run, *args) -> tuple[int, list]:
    result = run("plan", "check", "-f", "json", *args)
    return result.exit_code, json.loads(result.stdout)


def test_a_recheck_reads_nothing_unchanged_and_finds_the_same(run, plans, reads):
    uncached = findings(run, "--no-cache", plans)
    assert not (plans.parent / FOLDER).exists()  # --no-cache writes nothing
    codes = {f["code"] for f in uncached[1]["findings"]}
    assert {"DK216", "DK217", "DK235", "DK236"} <= codes
    reads.clear()
    assert findings(run, plans) == uncached  # cold: fills the cache
    assert len(reads) == 7
    reads.clear()
    assert findings(run, plans) == uncached  # warm
    assert reads == []


def test_one_changed_file_is_read_again_and_the_rules_across_plans_see_it(run, plans, reads):
    findings(run, plans)
    strategy = plans / "strategi.yaml"
    strategy.write_text(STRATEGY + "  - {id: 7, title: Nytt delmål, description: Sju}\n")
    reads.clear()
    after = findings(run, plans)
    assert reads == ["strategi.yaml"]
    assert after == findings(run, "--no-cache", plans)
    assert not any(f["code"] == "DK216" for f in after[1]["findings"])  # the cached local plans


def test_a_damaged_cache_is_never_trusted(run, plans):
    expected = findings(run, "--no-cache", plans)
    findings(run, plans)
    cache = plans.parent / CACHE
    good = cache.read_bytes()
    damaged = [
        good[: len(good) // 2],  # truncated
        b"",
        b"\x00" * 64,
        b'{"format": "something else"}\n{}',
        good.replace(b'"DK2', b'"DK9', 1) if b'"DK2' in good else good[:-1],
    ]
    step = max(1, len(good) // 40)
    for at in range(0, len(good), step):  # one byte flipped, all over the file
        damaged.append(good[:at] + bytes([good[at] ^ 0x55]) + good[at + 1 :])
    for data in damaged:
        cache.write_bytes(data)
        assert findings(run, plans) == expected, data[:80]


def _no_kind(entry: dict) -> None:
    entry["findings"] = [["DK201", "error", 5, "x", 1, [], None, "", None, None]]
    entry["summary"] = ["no such kind"]


def _mapping_deep_inside(entry: dict) -> None:
    if entry["summary"]:
        entry["summary"] = [
            value if not isinstance(value, list) else [{"x": 1}] for value in entry["summary"]
        ]


def _number_for_text(entry: dict) -> None:
    if entry["summary"]:
        entry["summary"][2] = 7  # the language


@pytest.mark.parametrize("forge", [_no_kind, _mapping_deep_inside, _number_for_text])
def test_a_cache_with_a_valid_checksum_but_wrong_entries_is_rebuilt(run, plans, forge):
    """A foreign cache: well-formed, with its checksum right, but entries that are
    not what dialogkit writes. Each such entry is a miss, never a crash."""
    import hashlib

    expected = findings(run, "--no-cache", plans)
    findings(run, plans)
    cache = plans.parent / CACHE
    header, _, body = cache.read_bytes().partition(b"\n")
    entries = json.loads(body)
    for entry in entries.values():
        forge(entry)
    body = json.dumps(entries).encode()
    meta = json.loads(header)
    meta["sha256"] = hashlib.sha256(body).hexdigest()
    cache.write_bytes(json.dumps(meta).encode() + b"\n" + body)
    assert findings(run, plans) == expected


def test_another_day_or_dialogkit_toml_is_another_cache(run, plans, write):
    """The date rules ask about --today; the blackout periods are in dialogkit.toml."""
    for day in ("2021-04-01", "2021-09-30", "2021-04-01"):
        assert findings(run, "--today", day, plans) == findings(
            run, "--no-cache", "--today", day, plans
        )
    write(
        '[[blackout]]\nname = "Påsklov"\nstart = 2021-04-12\nend = 2021-04-14\n', "dialogkit.toml"
    )
    command = [sys.executable, "-m", "dialogkit", "plan", "check", "-f", "json", str(plans)]
    warm = subprocess.run(command, capture_output=True, text=True, check=False)
    assert "DK238" in warm.stdout
    cold = subprocess.run([*command, "--no-cache"], capture_output=True, text=True, check=False)
    assert json.loads(warm.stdout) == json.loads(cold.stdout)


def test_a_changed_dialogkit_is_another_cache(run, plans, reads, monkeypatch):
    findings(run, plans)
    from dialogkit import check_cache

    monkeypatch.setattr(check_cache, "__version__", "99.0")
    reads.clear()
    findings(run, plans)
    assert len(reads) == 7


@pytest.mark.slow
def test_checks_at_the_same_time_never_leave_a_broken_cache(plans):
    """Eight checks at once, half of them after a file changed: every one gives the
    right findings, and the cache left behind is whole and used."""
    command = [sys.executable, "-m", "dialogkit", "plan", "check", "-f", "json", str(plans)]
    expected = subprocess.run([*command, "--no-cache"], capture_output=True, text=True).stdout
    local = plans / "lokal.yaml"
    for round_ in range(3):
        running = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(8)]
        outputs = [process.communicate()[0] for process in running]
        assert all(json.loads(out) == json.loads(expected) for out in outputs)
        local.write_text(local.read_text() + f"# runda {round_}\n")
        expected = subprocess.run([*command, "--no-cache"], capture_output=True, text=True).stdout
    folder = plans.parent / FOLDER
    assert sorted(p.name for p in folder.iterdir()) == [".gitignore", "results.json"]
    header = json.loads((folder / "results.json").read_bytes().partition(b"\n")[0])
    assert header["format"].startswith("dialogkit-check-cache")


def test_cache_clean_removes_the_check_cache_only(run, plans):
    kolada = plans.parent / ".dialogkit" / "cache" / "kolada" / "kpi" / "U21463.json"
    kolada.parent.mkdir(parents=True)
    kolada.write_text("{}")
    findings(run, plans)
    assert (plans.parent / CACHE).is_file()
    result = run("cache", "clean", plans.parent)
    assert result.exit_code == 0 and "borttagen" in result.stderr
    assert not (plans.parent / FOLDER).exists()
    assert kolada.read_text() == "{}"
    again = run("cache", "clean", plans / "lokal.yaml")
    assert again.exit_code == 0 and "Ingen kontrollcache" in again.stderr


def test_an_unwritable_cache_only_costs_time(run, plans):
    (plans.parent / ".dialogkit").write_text("not a folder")
    expected = findings(run, "--no-cache", plans)
    assert findings(run, plans) == expected
    assert findings(run, plans) == expected


def test_the_cache_is_ignored_by_git_and_outside_a_workspace_there_is_none(run, write, tmp_path):
    plan = write(PROJECT, "lose/projekt.yaml")
    assert run("plan", "check", plan).exit_code == 0
    assert not any(".dialogkit" in str(p) for p in tmp_path.rglob("*"))
    os.makedirs(tmp_path / "ws" / "plans")
    write(PROJECT, "ws/plans/projekt.yaml")
    run("plan", "check", tmp_path / "ws" / "plans")
    ignore = tmp_path / "ws" / FOLDER / ".gitignore"
    assert ignore.read_text().splitlines()[-1] == "*"
