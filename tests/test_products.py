"""The outputs layer: `build` writes, for every plan and product, the very bytes the
product's own command writes; plan kinds declare their products; no import cycles."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import COMMUNICATION, PROJECT, REPO

import dialogkit
from dialogkit.manifest import MANIFEST_NAME
from dialogkit.model import PLAN_KINDS
from dialogkit.products import PRODUCTS
from dialogkit.words import words

TODAY = "2023-03-01"
EPOCH = "1767225600"  # 2026-01-01: calendars, e-mails and documents carry this time


def command_for(product: str, request) -> tuple[list[str], bool]:
    """The command line that makes what `build` makes for one request, and whether
    its --out is a folder."""
    if product == "invitations":
        channels = [arg for channel in request.channels or () for arg in ("-c", channel)]
        return ["invite", "-f", request.format, *channels], True
    if product == "feedback":
        return ["feedback", "-f", request.format], True
    if product == "report":
        args = ["report", "-f", request.format, "--kind", request.report]
        return [*args, "--audience", request.audience], False
    if product == "timeline":
        return ["timeline", "-f", request.format, "--today", TODAY], False
    if product == "calendar":
        return ["timeline", "-f", "ics"], False
    if product == "site":
        return ["site"], True
    return ["cost", "-f", request.format], False  # cost and workload


@pytest.mark.slow
def test_build_writes_what_each_command_writes(run, tmp_path, monkeypatch):
    """Every file of the example workspace's build, compared with the single command's
    output for the same plan, product and request: byte for byte. (The e-mail drafts
    were once made from the web text in build only.)"""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.chdir(REPO)
    out = tmp_path / "build"
    assert run("build", "plans", "--out", out, "--today", TODAY).exit_code == 0
    built = {
        p.relative_to(out): p.read_bytes()
        for p in out.rglob("*")
        if p.is_file()
        and p.name != MANIFEST_NAME  # build's record of what it wrote
        # the overview lists what this build made; no single command makes that list
        # (tests/test_overview.py)
        and p.relative_to(out).parts[0] != words("sv")["folder.overview"]
    }
    compared: set[Path] = set()
    for plan_file in sorted(Path("plans").glob("*.yaml")):
        loaded = dialogkit.load_plan(plan_file)
        plan = loaded.plan
        for name in plan.PRODUCTS:
            product = PRODUCTS[name]
            for number, request in enumerate(product.built(plan)):
                args, folder = command_for(name, request)
                target = tmp_path / "single" / plan.id / name / str(number)
                where = target if folder else target / "file"
                result = run(*args, plan_file, "--out", where)
                assert result.exit_code == 0, (args, result.stderr)
                written = [p for p in target.rglob("*") if p.is_file()]
                assert written, args
                for path in written:
                    matches = [
                        relative
                        for relative in built
                        if relative.parts[0] == plan.id
                        and (
                            relative.as_posix()
                            == f"{plan.id}/{words(plan.language)[product.folder]}/"
                            f"{path.relative_to(target).as_posix()}"
                            if folder  # invitations and feedback both have sala/email.txt
                            else built[relative] == path.read_bytes()
                        )
                    ]
                    assert matches, (args, path)
                    assert built[matches[0]] == path.read_bytes(), (args, matches[0])
                    compared.add(matches[0])
    assert compared == set(built)  # every file build wrote has a command that writes it


@pytest.mark.slow
def test_the_e_mail_draft_in_build_is_the_email_channel(run, tmp_path, monkeypatch):
    import email
    import email.policy

    monkeypatch.chdir(REPO)
    out = tmp_path / "out"
    assert run("build", "plans", "--out", out).exit_code == 0
    drafts = sorted(out.glob("*/inbjudningar/*/email.eml"))
    assert drafts
    for draft in drafts:
        message = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
        web = (draft.parent / "web.md").read_text("utf-8").splitlines()[0]
        assert message["Subject"] != web.lstrip("# ")
        assert message.get_body(("plain",)).get_content().strip()


@pytest.mark.slow
def test_build_is_reproducible_with_source_date_epoch(run, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.chdir(REPO)
    first, second = tmp_path / "a", tmp_path / "b"
    assert run("build", "plans", "--out", first, "--today", TODAY).exit_code == 0
    assert run("build", "plans", "--out", second, "--today", TODAY).exit_code == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()] == []


def test_a_wrong_source_date_epoch_is_a_message(run, write, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "igår")
    result = run("timeline", write(PROJECT), "-f", "ics")
    assert result.exit_code == 2
    assert "SOURCE_DATE_EPOCH=igår" in result.stderr and "Traceback" not in result.stderr


def test_every_kind_declares_its_products_and_reports():
    for kind, model in PLAN_KINDS.items():
        assert model.PRODUCTS and set(model.PRODUCTS) <= set(PRODUCTS), kind
        assert model.REPORTS, kind
        assert "report" in model.PRODUCTS
        for fact in ("display_title", "byline", "issuer"):
            assert isinstance(model.__dict__.get(fact), property), (kind, fact)
    for product in PRODUCTS.values():
        for model in PLAN_KINDS.values():
            if product.name in model.PRODUCTS:
                assert product.built(model.model_construct()) or product.name == "calendar"


def test_a_product_the_plan_does_not_have_is_refused(run, write):
    result = run("cost", write(COMMUNICATION.replace("kind: communication_plan", "kind: x")))
    assert result.exit_code != 0
    strategy = run("timeline", REPO / "plans" / "dalarna-strategi.yaml")
    assert strategy.exit_code == 2 and "tidsaxel finns inte för en strategi" in strategy.stderr


@pytest.mark.slow
def test_the_workspace_language_reaches_every_product(run, write, tmp_path):
    (tmp_path / "dialogkit.toml").write_text('language = "en"\n')
    write(PROJECT, "plans/project.yaml")
    out = tmp_path / "out"
    assert run("build", tmp_path / "plans", "--out", out).exit_code == 0
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert "testprojekt/timeline.md" in names and "testprojekt/cost.xlsx" in names
    assert "testprojekt/reports/dialogue-report-public.docx" in names
    assert (out / "testprojekt" / "timeline.md").read_text("utf-8").startswith("# Timeline")


@pytest.mark.parametrize("setting", ['language = "de"\n', "language = \n"])
def test_a_wrong_workspace_setting_is_a_message(run, write, tmp_path, setting):
    (tmp_path / "dialogkit.toml").write_text(setting)
    result = run("plan", "check", write(PROJECT, "plans/project.yaml"))
    assert result.exit_code == 2
    assert "dialogkit.toml" in result.stderr and "Traceback" not in result.stderr


# --- the package's shape -------------------------------------------------------------

PACKAGE = REPO / "dialogkit"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Every module's imports of other dialogkit modules, at the top or inside a
    function alike: a cycle is a cycle even when it is taken lazily."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
                if not node.level:
                    target = node.module or ""
                for alias in node.names:
                    child = f"{target}.{alias.name}"
                    found.add(child if child in modules else target)
        graph[name] = {m for m in found if m in modules and m != name}
    return graph


@pytest.mark.slow
def test_no_import_cycle_in_the_package():
    graph = _imports()
    assert graph["dialogkit.cli"] and "dialogkit.products" in graph["dialogkit.cli"]
    cycles = []

    def visit(module: str, trail: list[str]) -> None:
        for imported in sorted(graph[module]):
            if imported in trail:
                cycles.append([*trail[trail.index(imported) :], imported])
            elif imported not in done:
                visit(imported, [*trail, imported])
        done.add(module)

    done: set[str] = set()
    for module in sorted(graph):
        if module not in done:
            visit(module, [module])
    assert cycles == []


KIND_CLASSES = ("DialogueProject", "CommunicationPlan", "LocalPlan", "Strategy")


@pytest.mark.slow
def test_no_isinstance_over_plan_kinds_outside_the_model():
    """What differs between kinds is declared on the models (PRODUCTS, REPORTS,
    display_title, byline, issuer, schedule), not asked with isinstance elsewhere."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        if "model" in path.relative_to(PACKAGE).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "isinstance":
                names = {n.id for n in ast.walk(node.args[1]) if isinstance(n, ast.Name)}
                if names & set(KIND_CLASSES):
                    found.append(f"{path.name}:{node.lineno}")
    assert found == []
