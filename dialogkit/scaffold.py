"""New workspaces and new plans from the commented skeletons in templates/skeletons/."""

from __future__ import annotations

import re
from pathlib import Path

from .errors import UsageError
from .output import write_atomic
from .settings import WORKSPACE_MARKER
from .templating import builtin_templates_dir

SKELETON_FILES = {
    "dialogue_project": "dialogprojekt.yaml",
    "communication_plan": "kommunikationsplan.yaml",
    "strategy": "strategi.yaml",
    "local_plan": "lokal-plan.yaml",
}

GITIGNORE = "# Det dialogkit build skapar\nout/\n"

WORKSPACE_FILE = """\
# Den här filen markerar arbetsytans rot för dialogkit. Mallar hämtas bara från
# templates/ här bredvid (och de inbyggda), aldrig från en mapp ovanför.
"""

PRE_COMMIT = """\
# Kontrollerar och formaterar planerna före varje incheckning:
#   pip install pre-commit && pre-commit install
# Krokarna kör den dialogkit som är installerad i miljön. dialogkit-repot
# publicerar samma krokar i .pre-commit-hooks.yaml (id: dialogkit-check,
# dialogkit-fmt) för den som hellre pekar på repot med repo: och rev:.
repos:
  - repo: local
    hooks:
      - id: dialogkit-check
        name: dialogkit plan check
        entry: dialogkit plan check
        language: system
        files: ^plans/.*\\.ya?ml$
      - id: dialogkit-fmt
        name: dialogkit plan fmt
        entry: dialogkit plan fmt
        language: system
        files: ^plans/.*\\.ya?ml$
"""

TEMPLATES_README = """\
# Egna mallar

Lägg en fil här med samma namn som en inbyggd mall för att ersätta den, t.ex.
`sv/invite/facebook.txt.j2`. En egen mall kan bygga vidare på den inbyggda:

    {% extends "builtin/sv/invite/facebook.txt.j2" %}
    {% block body %}{{ super() }}
    #NäraVård{% endblock %}

`dialogkit templates list plans/PLAN.yaml` visar vilken fil varje mall hämtas från.
Lägg organisationens `reference.docx` här för att ge Word-rapporterna er grafiska profil.
"""

README = """\
# Planer för invånardialog

Planerna ligger i `plans/` som YAML. Vanliga kommandon:

    dialogkit plan check                  # kontrollera alla planer
    dialogkit plan new dialogue_project NAMN
    dialogkit plan fmt                    # enhetlig formatering
    dialogkit plan diff                   # vad har ändrats sedan senaste incheckningen?
    dialogkit build --out out/            # tidsaxlar, kostnader, inbjudningar, rapporter
"""


def skeleton(kind: str) -> str:
    path = builtin_templates_dir() / "skeletons" / f"{kind}.yaml"
    if kind not in SKELETON_FILES or not path.is_file():
        raise UsageError(
            f"Plantypen '{kind}' finns inte.", hint="Välj bland: " + ", ".join(SKELETON_FILES)
        )
    return path.read_text("utf-8")


def init_workspace(folder: Path) -> tuple[list[Path], list[Path]]:
    """Create a workspace in `folder`; return (written, skipped). Never overwrites."""
    from .schema import schema_json

    files: dict[Path, str] = {
        folder / "plans" / name: skeleton(kind) for kind, name in SKELETON_FILES.items()
    }
    files[folder / "templates" / "README.md"] = TEMPLATES_README
    files[folder / "schema" / "dialogkit.schema.json"] = schema_json()
    files[folder / ".gitignore"] = GITIGNORE
    files[folder / WORKSPACE_MARKER] = WORKSPACE_FILE
    files[folder / ".pre-commit-config.yaml"] = PRE_COMMIT
    files[folder / "README.md"] = README
    written, skipped = [], []
    for path, content in files.items():
        if path.exists():
            skipped.append(path)
        else:
            written.append(write_atomic(path, content))
    return written, skipped


def new_plan(kind: str, name: str, folder: Path) -> Path:
    """Write plans/NAME.yaml from the skeleton of `kind`, with NAME as its id."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9_.-]*", name):
        raise UsageError(
            f"'{name}' går inte att använda som namn.",
            hint="Använd små bokstäver a–z, siffror och bindestreck, t.ex. dialog-2026.",
        )
    path = folder / f"{name}.yaml"
    if path.exists():
        raise UsageError(f"{path} finns redan.", hint="Välj ett annat namn.")
    text = re.sub(r"^id: .*$", f"id: {name}", skeleton(kind), count=1, flags=re.MULTILINE)
    return write_atomic(path, text)
