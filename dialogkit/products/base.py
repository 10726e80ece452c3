"""What a product is, what it is asked for and what it gives back (see products/)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DialogkitError

if TYPE_CHECKING:
    from ..workspace import LoadedPlan, Workspace


class NotMadeError(DialogkitError):
    """The plan, a draft, lacks what this product needs (a cost estimate without the
    price of a format it uses): `build` makes the plan's other products and says so."""


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
    draft: str | None = None
    """The draft mark ("UTKAST – planen har 2 fel") when the plan has errors (draft.py)."""


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
    borrowed: dict[str, str] = field(default_factory=dict)
    """Formats that are another product's: the timeline's `ics` is the calendar."""
