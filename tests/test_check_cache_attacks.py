"""Found by an attack on issue 19's change (the per-file check, the check cache, the
neighbour index, build's stylesheet): each was a wrong finding or a crash, and each
test failed before its fix."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from conftest import LOCAL_PLAN, PROJECT, STRATEGY

# --- 1. the neighbour index trusts a column-0 line inside a multi-line quoted scalar --

# The strategy's real id is `strategi`, but the first line starting with "id:" is the
# continuation of a double-quoted title. plan_index.top_level_fields reads "annan",
# which is a plain id, so may_be(...) says "not the strategy" and the file is never read.
STRATEGY_WITH_QUOTED_TITLE = (
    STRATEGY.replace("title: Strategi\n", 'title: "Strategi\nid: annan\n"\n').replace(
        "kind: strategy\nid: strategi\n", "kind: strategy\n"
    )
    + "id: strategi\n"
)

# Same, with a fake `kind:` line before the real one.
STRATEGY_WITH_QUOTED_KIND = 'title: "Strategi\nkind: local_plan\n"\n' + STRATEGY.replace(
    "title: Strategi\n", ""
)


@pytest.mark.slow
@pytest.mark.parametrize("strategy", [STRATEGY_WITH_QUOTED_TITLE, STRATEGY_WITH_QUOTED_KIND])
def test_single_file_check_finds_strategy_like_folder_check(run, write, tmp_path, strategy):
    write(strategy, "strategi.yaml")
    local = write(LOCAL_PLAN, "lokal.yaml")
    folder = run("plan", "check", "--no-cache", tmp_path)
    assert folder.exit_code == 0, folder.stdout  # the strategy is valid and is found
    alone = run("plan", "check", "--no-cache", local)
    # Was: exit 1, "fel DK219 Strategin 'strategi' finns inte bland planerna."
    assert "DK219" not in alone.stdout
    assert alone.exit_code == 0


# --- 2. a check cache with a valid checksum but odd values crashes (exit 3) -----------


def _forge(cache: Path, mutate) -> None:
    header, _, body = cache.read_bytes().partition(b"\n")
    meta, entries = json.loads(header), json.loads(body)
    mutate(entries)
    text = json.dumps(entries, ensure_ascii=False, separators=(",", ":"))
    meta["sha256"] = hashlib.sha256(text.encode()).hexdigest()
    cache.write_text(json.dumps(meta) + "\n" + text, encoding="utf-8")


def _entry(entries: dict, name: str) -> dict:
    return next(value for key, value in entries.items() if key.endswith(name))


MUTATIONS = {
    # int(float("inf")) -> OverflowError, not among the errors _decoded catches
    "omitted-infinity": lambda e: _entry(e, "p.yaml").__setitem__("omitted", {"error": 1e400}),
    # passes _is_plain; the calendar then hashes a list -> TypeError
    "member-is-a-list": lambda e: _entry(e, "p.yaml")["summary"][-1][0].__setitem__(-1, [[1]]),
    # strategy's sub-goal id a list -> {goal.id ...} TypeError
    "sub-goal-id-list": lambda e: _entry(e, "strategi.yaml")["summary"][-1][0].__setitem__(0, [1]),
    # local plan's sub-goal ref a list -> `goal not in known` TypeError
    "sub-goal-ref-list": lambda e: _entry(e, "lokal.yaml")["summary"][-1][0].__setitem__(1, [1]),
}


@pytest.mark.parametrize("name", MUTATIONS)
def test_damaged_cache_is_never_trusted(run, write, tmp_path, monkeypatch, name):
    (tmp_path / "dialogkit.toml").write_text("")
    write(STRATEGY, "strategi.yaml")
    write(LOCAL_PLAN, "lokal.yaml")
    write(PROJECT, "p.yaml")
    monkeypatch.chdir(tmp_path)
    first = run("plan", "check", "-f", "json", ".")
    cache = tmp_path / ".dialogkit" / "cache" / "check" / "results.json"
    assert cache.is_file()
    _forge(cache, MUTATIONS[name])
    again = run("plan", "check", "-f", "json", ".")
    # Was: exit 3, "Internt fel i dialogkit: OverflowError/TypeError ..."
    assert again.exit_code != 3, again.stderr
    assert (again.exit_code, again.stdout) == (first.exit_code, first.stdout)


# --- 3. a workspace stylesheet that is a link out of templates/ crashes build ---------


@pytest.mark.slow
def test_linked_stylesheet_is_refused_not_a_crash(run, tmp_path, monkeypatch):
    (tmp_path / "dialogkit.toml").write_text("")
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "p.yaml").write_text(PROJECT, encoding="utf-8")
    (tmp_path / "mysite").mkdir()
    (tmp_path / "mysite" / "style.css").write_text("body{}\n")
    (tmp_path / "templates" / "site").mkdir(parents=True)
    os.symlink("../../mysite/style.css", tmp_path / "templates" / "site" / "style.css")
    monkeypatch.chdir(tmp_path)
    result = run("build", "--today", "2021-04-01", "-o", "out")
    # Was: exit 3, "Internt fel i dialogkit: TemplateRefusedError: ... style.css:
    # mallen är en symbolisk länk ..." (a linked .j2 template gets exit 1 and a hint)
    assert result.exit_code == 1, result.stderr
    assert "Internt fel" not in result.stderr
