"""The outputs layer: one library function per product, called by its command and by
`build` alike, so the file `build` writes for a product is the file the command writes.

A product (timeline, calendar, cost, workload, invitations, report) takes a loaded plan
and a `Request` and returns `File`s: a name relative to the product's place, the
content, and whether the file is public. It knows its formats, its file names (in the
plan's language) and what `build` makes of it; which products a plan has is the plan
kind's own fact (`PRODUCTS` on the model). Every public file passes the personal-data
gate here, before anyone can write it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..model.facts import kind_title

if TYPE_CHECKING:
    from ..workspace import LoadedPlan, Workspace


@dataclass(frozen=True)
class File:
    name: str
    """Relative, with "/" between folders: `tidsaxel.md`, `sala/email.eml`."""
    content: str | bytes
    public: bool = False
    """Handed to residents or published: it has passed the personal-data gate."""
    on_screen: bool = True
    """Shown when the command prints instead of writing (a calendar file is not)."""


@dataclass(frozen=True)
class Drawing:
    """A terminal view: drawn with colour on a console, or written as plain text."""

    name: str
    draw: Callable
    """draw(console): prints the view on a rich console."""
    public = False
    on_screen = True

    @cached_property
    def content(self) -> str:
        import io

        from ..render import console

        recorder = console(file=io.StringIO())
        recorder.width = 200
        self.draw(recorder)
        return recorder.file.getvalue()


@dataclass(frozen=True)
class Request:
    """What the user asked for; every product reads the fields it knows."""

    format: str | None = None
    """None: the product's first format."""
    today: date | None = None
    scenarios: tuple[str, ...] | None = None
    """None: every scenario the plan can be costed in."""
    dialogues: tuple[str, ...] | None = None
    channels: tuple[str, ...] | None = None
    templates: Path | None = None
    report: str | None = None
    audience: str = "internal"
    workspace: Workspace | None = None
    place: str = ""
    """Where the files go, for messages: a folder (ending in "/"), a file or "stdout"."""


@dataclass
class Made:
    files: list[File | Drawing]
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Product:
    name: str
    formats: tuple[str, ...]
    make: Callable[[LoadedPlan, Request], Made]
    built: Callable[[object], list[Request]]
    """The requests `build` makes for a plan (formats, report kinds, audiences)."""
    folder: str | None = None
    """Key in the words table of the sub-folder `build` puts the files in."""


PRODUCT_MODULES = ("timeline", "calendar", "cost", "workload", "invitations", "report")


def product(name: str) -> Product:
    if name not in PRODUCT_MODULES:
        raise UsageError(f"Produkten '{name}' finns inte.", hint=", ".join(PRODUCT_MODULES))
    return importlib.import_module(f".{name}", __name__).PRODUCT


def make(name: str | tuple[str, ...], loaded: LoadedPlan, request: Request) -> Made:
    """Make a product of the plan: the first of `name` the plan has. Refuses a plan
    kind that has none of them and a format the product does not know; public files
    are checked for personal data before they are returned."""
    names = (name,) if isinstance(name, str) else name
    chosen = next((n for n in names if n in loaded.plan.PRODUCTS), None)
    if chosen is None:
        title = kind_title(loaded.plan.kind, "sv").lower()
        raise UsageError(
            f"{loaded.path}: en {title} har ingen {_name_sv(names[0])}.",
            hint="Den här planen har: " + ", ".join(map(_name_sv, loaded.plan.PRODUCTS)) + ".",
        )
    chosen_product = product(chosen)
    request = replace(request, format=request.format or chosen_product.formats[0])
    if request.format not in chosen_product.formats:
        raise UsageError(
            f"--format {request.format} finns inte för {_name_sv(chosen)}.",
            hint="Välj bland: " + ", ".join(chosen_product.formats) + ".",
        )
    made = chosen_product.make(loaded, request)
    _check_public(made, loaded, request.place)
    return made


def _check_public(made: Made, loaded: LoadedPlan, place: str) -> None:
    from ..gate import check_public

    for file in made.files:
        if file.public:
            name = f"{place}{file.name}" if place.endswith("/") or not place else place
            check_public(name, file.content, loaded, suffix=Path(file.name).suffix)


def plan_files(
    loaded: LoadedPlan, *, today: date, workspace: Workspace | None = None
) -> Iterator[tuple[str, Callable[[], list[File]]]]:
    """For `build`: each of the plan's products as (folder, make), where `folder` is
    relative to the plan's output folder ("" or `rapporter`) and `make()` gives the
    product's files for every request `build` makes, each name once."""
    from ..words import words

    plan = loaded.plan
    for name in plan.PRODUCTS:
        chosen = product(name)
        folder = words(plan.language)[chosen.folder] if chosen.folder else ""

        def produce(chosen=chosen, folder=folder) -> list[File]:
            files: dict[str, File] = {}
            for request in chosen.built(plan):
                request = replace(
                    request,
                    today=today,
                    workspace=workspace,
                    place=f"{plan.id}/{folder}/" if folder else f"{plan.id}/",
                )
                for file in make(chosen.name, loaded, request).files:
                    files.setdefault(file.name, file)
            return list(files.values())

        yield folder, produce


PRODUCT_NAMES_SV = {
    "timeline": "tidsaxel",
    "calendar": "kalender",
    "cost": "kostnadsberäkning",
    "workload": "arbetsbelastning",
    "invitations": "inbjudningar",
    "report": "rapport",
}


def _name_sv(name: str) -> str:
    return PRODUCT_NAMES_SV.get(name, name)
