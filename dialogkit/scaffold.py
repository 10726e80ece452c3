"""New workspaces and new plans from the commented skeletons in templates/skeletons/."""

from __future__ import annotations

import re
import sys
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
    "implementation_plan": "genomforandeplan.yaml",
}

HOOK_SCRIPT = ".dialogkit-hook.sh"
LOCAL_PYTHON = ".dialogkit-python"
"""The Python that ran `init`, for the hooks on this computer only (not committed)."""

GITIGNORE = f"# Det dialogkit build skapar\nout/\n# Gäller bara den här datorn\n{LOCAL_PYTHON}\n"
CACHE_IGNORE = "# Kolada-cachen (dialogkit keyfigures fetch)\n.dialogkit/\n"
GITIGNORE += CACHE_IGNORE

GITATTRIBUTES = f"""\
# Kroken körs av sh, också på Windows: den måste ha LF som radslut.
{HOOK_SCRIPT} text eol=lf
"""

WORKSPACE_FILE = """\
# Den här filen markerar arbetsytans rot för dialogkit. Mallar hämtas bara från
# templates/ här bredvid (och de inbyggda), aldrig från en mapp ovanför. language är
# språket för planer som inte anger sitt eget och för kommandoraden: "sv" eller "en".
"""

BLACKOUT_EXAMPLES = {
    "sv": """
# Spärrperioder: en dialog inom en period får en varning (DK238) som nämner perioden.
# Vilka perioder som ska varna väljer regionen; dialogkit har inga inbyggda. Hämta
# datumen ur kommunernas läsårstider (sportlov, påsklov, höstlov på kommunernas
# webbsidor), trossamfundens kalendrar (ramadan, eid) och valmyndighetens (valrörelsen).
# Ta bort # framför raderna för att slå på en period; utan end gäller den en dag.
# Datumen nedan är bara exempel.
#
# [[blackout]]
# name = "Sportlov i Västmanland"
# start = 2021-02-22
# end = 2021-02-26
#
# [[blackout]]
# name = "Ramadan"
# start = 2021-04-13
# end = 2021-05-12
#
# [[blackout]]
# name = "Eid al-fitr"
# start = 2021-05-13
""",
    "en": """
# Blackout periods: a dialogue within a period gets a warning (DK238) naming it. Which
# periods warn is the region's choice; dialogkit has none built in. Take the dates from
# the municipalities' school calendars (winter, Easter and autumn holidays on their web
# pages), the faith communities' calendars (Ramadan, Eid) and the election authority's
# (the campaign). Remove the # before the lines to switch a period on; without end it
# is one day. The dates below are only examples.
#
# [[blackout]]
# name = "Winter school holiday"
# start = 2021-02-22
# end = 2021-02-26
#
# [[blackout]]
# name = "Ramadan"
# start = 2021-04-13
# end = 2021-05-12
#
# [[blackout]]
# name = "Eid al-Fitr"
# start = 2021-05-13
""",
}

PRE_COMMIT = f"""\
# Kontrollerar och formaterar planerna före varje incheckning. Slå på det en gång per
# klon, med Python-miljön där dialogkit är installerat:
#   .venv/bin/python -m pip install pre-commit     (Windows: .venv\\Scripts\\python ...)
#   .venv/bin/pre-commit install                   (Windows: .venv\\Scripts\\pre-commit ...)
# Krokarna kör dialogkit genom {HOOK_SCRIPT}, som hittar det utan aktiverad miljö
# (VS Code, GitHub Desktop): i arbetsytans .venv, i PATH eller där dialogkit init
# kördes. En kontroll av en ändrad plan tar med planerna som hänvisar till den.
repos:
  - repo: local
    hooks:
      - id: dialogkit-check
        name: dialogkit plan check
        entry: sh {HOOK_SCRIPT} plan check
        language: system
        files: ^plans/.*\\.ya?ml$
        always_run: true  # also when a plan is only removed (see {HOOK_SCRIPT})
        require_serial: true
      - id: dialogkit-fmt
        name: dialogkit plan fmt
        entry: sh {HOOK_SCRIPT} plan fmt
        language: system
        files: ^plans/.*\\.ya?ml$
"""

HOOK = f"""\
# Kör dialogkit åt pre-commit-krokarna (.pre-commit-config.yaml) utan att någon
# Python-miljö behöver vara aktiverad, som när VS Code eller GitHub Desktop checkar in.
# sh finns överallt där git finns, också i Git för Windows. dialogkit söks i tur och
# ordning:
#   1. i arbetsytans egen miljö: .venv/bin/dialogkit (Windows: .venv/Scripts/dialogkit.exe)
#   2. i PATH (installerat med pipx, eller en aktiverad miljö)
#   3. i Python-miljön som körde dialogkit init här ({LOCAL_PYTHON}; den filen gäller
#      bara den datorn och checkas inte in)
here=$(dirname "$0")
# pre-commit gives the check only the changed plans that still exist: when a plan is
# removed, check them all, since those that referred to it have not changed.
if [ "$1 $2" = "plan check" ]; then
    if git diff --cached --name-only --diff-filter=D -- plans | grep -Eq '[.]ya?ml$'; then
        set -- plan check
    elif [ $# -eq 2 ]; then
        exit 0
    fi
fi
for exe in "$here/.venv/bin/dialogkit" "$here/.venv/Scripts/dialogkit.exe"; do
    if [ -x "$exe" ]; then exec "$exe" "$@"; fi
done
if command -v dialogkit >/dev/null 2>&1; then exec dialogkit "$@"; fi
if [ -f "$here/{LOCAL_PYTHON}" ]; then
    python=$(head -n 1 "$here/{LOCAL_PYTHON}")
    if [ -x "$python" ]; then exec "$python" -m dialogkit "$@"; fi
fi
echo "fel: dialogkit hittades inte, varken i .venv, i PATH eller där arbetsytan skapades." >&2
echo "tips: Installera dialogkit i arbetsytans .venv (se README.md), eller kör" >&2
echo "      dialogkit init . här med den dialogkit du har: det skriver bara det som saknas." >&2
exit 1
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

Krokarna i `.pre-commit-config.yaml` kontrollerar planerna vid varje incheckning, också
från VS Code och GitHub Desktop; slå på dem med `pre-commit install` (se filen). De hittar
dialogkit i arbetsytans `.venv`, i PATH eller där `dialogkit init` kördes. Ändrar du en
strategi kontrolleras också de lokala planer som hänvisar till den.
"""


def skeleton(kind: str) -> str:
    path = builtin_templates_dir() / "skeletons" / f"{kind}.yaml"
    if kind not in SKELETON_FILES or not path.is_file():
        raise UsageError(
            f"Plantypen '{kind}' finns inte.",
            hint="Välj bland: " + ", ".join(SKELETON_FILES),
            english=(
                f"There is no plan kind '{kind}'.",
                "Choose from: " + ", ".join(SKELETON_FILES),
            ),
        )
    return path.read_text("utf-8")


def init_workspace(folder: Path, language: str = "sv") -> tuple[list[Path], list[Path]]:
    """Create a workspace in `folder`; return (written, skipped). Never overwrites. The
    commented example plans go only into a `plans/` without plans: run in an existing
    workspace, `init` adds just what is missing around them."""
    from .schema import schema_json
    from .workspace import is_plan_file

    plans = folder / "plans"
    has_plans = plans.is_dir() and any(is_plan_file(Path(p.name)) for p in plans.iterdir())
    files: dict[Path, str] = {
        plans / name: skeleton(kind) for kind, name in SKELETON_FILES.items() if not has_plans
    }
    files[folder / "templates" / "README.md"] = TEMPLATES_README
    files[folder / "schema" / "dialogkit.schema.json"] = schema_json()
    files[folder / ".gitignore"] = GITIGNORE
    files[folder / ".gitattributes"] = GITATTRIBUTES
    files[folder / WORKSPACE_MARKER] = (
        f'{WORKSPACE_FILE}language = "{language}"\n{BLACKOUT_EXAMPLES[language]}'
    )
    files[folder / ".pre-commit-config.yaml"] = PRE_COMMIT
    files[folder / HOOK_SCRIPT] = HOOK
    files[folder / LOCAL_PYTHON] = Path(sys.executable).as_posix() + "\n"
    files[folder / "README.md"] = README
    written, skipped = [], []
    for path, content in files.items():
        if path == folder / ".gitignore" and path.is_file():
            (written if _ignore_cache(path) else skipped).append(path)
        elif path.exists():
            skipped.append(path)
        else:
            written.append(write_atomic(path, content))
    return written, skipped


def _ignore_cache(gitignore: Path) -> bool:
    """Add `.dialogkit/` to an existing .gitignore, after the user's own lines, which
    stay as they are; True when it was added (not there before)."""
    text = gitignore.read_text(encoding="utf-8")
    if any(line.strip().strip("/") == ".dialogkit" for line in text.splitlines()):
        return False
    separator = "" if not text or text.endswith("\n") else "\n"
    write_atomic(gitignore, text + separator + CACHE_IGNORE)
    return True


def new_plan(kind: str, name: str, folder: Path) -> Path:
    """Write plans/NAME.yaml from the skeleton of `kind`, with NAME as its id."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9_.-]*", name):
        raise UsageError(
            f"'{name}' går inte att använda som namn.",
            hint="Använd små bokstäver a–z, siffror och bindestreck, t.ex. dialog-2026.",
            english=(
                f"'{name}' cannot be used as a name.",
                "Use lower-case letters a–z, digits and hyphens, e.g. dialogue-2026.",
            ),
        )
    path = folder / f"{name}.yaml"
    if path.exists():
        raise UsageError(
            f"{path} finns redan.",
            hint="Välj ett annat namn.",
            english=(f"{path} already exists.", "Choose another name."),
        )
    text = re.sub(r"^id: .*$", f"id: {name}", skeleton(kind), count=1, flags=re.MULTILINE)
    return write_atomic(path, text)
