"""The look of a workspace's public web pages: `[site]` in its dialogkit.toml.

    [site]
    organisation = "Region Västmanland"   # the name in the page's header
    accent = "#00508c"                    # links and the header's line, on white
    header_background = "#ffffff"
    header_text = "#1a1a1a"
    url = "https://region.se/invanardialog/{id}/"   # where the page is published

Colours are checked when the file is read: a theme whose text would fail WCAG 2.1 AA
(contrast below 4.5:1) is refused, so a workspace's colours cannot break the page's
accessibility. The stylesheet gets the colours as CSS custom properties in a block
before the shared stylesheet (templates/site/style.css), which a workspace may still
replace like any template.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields
from pathlib import Path

from .errors import UsageError
from .findings import Text
from .settings import WORKSPACE_MARKER, _line, _settings_error, workspace_root

MIN_CONTRAST = 4.5
"""WCAG 2.1 AA for normal text (success criterion 1.4.3)."""
WHITE = "#ffffff"
SITE_EXAMPLE = (
    "[site]\n"
    'organisation = "Region Västmanland"\n'
    'accent = "#00508c"\n'
    'header_background = "#00508c"\n'
    'header_text = "#ffffff"\n'
    'url = "https://region.se/invanardialog/{id}/"'
)
EXAMPLE = Text(
    f"[site] skrivs så här:\n{SITE_EXAMPLE}", f"[site] is written like this:\n{SITE_EXAMPLE}"
)
_COLOUR = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
PLAN_ID = "{id}"
"""In `url`, the place of the plan's id: one workspace, several projects' pages."""


@dataclass(frozen=True)
class Theme:
    organisation: str | None = None
    """The name in the header; None: the plan's organisation."""
    accent: str = "#00508c"
    header_background: str = WHITE
    header_text: str = "#1a1a1a"
    url: str | None = None
    """The https address the project's page is published at, `{id}` for the plan's id."""

    def address(self, plan_id: str) -> str | None:
        """The published folder of the page of plan `plan_id`, ending in "/"; None when
        the workspace has not said where its pages live."""
        if not self.url:
            return None
        address = self.url.replace(PLAN_ID, plan_id)
        return address if address.endswith("/") else f"{address}/"

    def css(self) -> str:
        """The colours as CSS custom properties, for the top of the stylesheet."""
        return (
            "/* the theme: [site] in dialogkit.toml, else the defaults (dialogkit/theme.py) */\n"
            ":root {\n"
            f"  --accent: {self.accent};\n"
            f"  --header-background: {self.header_background};\n"
            f"  --header-text: {self.header_text};\n"
            "}\n"
        )


COLOURS = ("accent", "header_background", "header_text")
KEYS = tuple(f.name for f in fields(Theme))
CONTRASTS = (("header_text", "header_background"), ("accent", None))
"""The pairs checked: text on its background, and the accent (links) on white."""


def folder_theme(folder: Path) -> Theme:
    """The theme of the workspace `folder` lies in; the default outside any, or when
    its dialogkit.toml has no `[site]`."""
    root = workspace_root(folder)
    return read_theme(root / WORKSPACE_MARKER) if root else Theme()


def read_theme(marker: Path) -> Theme:
    try:
        text = marker.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Theme()
    except (OSError, UnicodeDecodeError) as error:
        raise _error(
            marker, None, Text(f"kan inte läsas ({error})", f"cannot be read ({error})")
        ) from None
    if "site" not in text:  # no theme: no need to load the TOML parser
        return Theme()
    import tomllib

    try:
        table = tomllib.loads(text).get("site", {})
    except tomllib.TOMLDecodeError as error:
        at = re.search(r"at line (\d+)", str(error))
        problem = Text(f"är inte giltig TOML ({error})", f"is not valid TOML ({error})")
        raise _error(marker, int(at.group(1)) if at else None, problem) from None
    header = _line(text, r"\[\s*site\s*\]")
    if not isinstance(table, dict):
        raise _error(
            marker,
            _line(text, r"site\s*="),
            Text("site ska skrivas som en [site]-tabell", "site is written as a [site] table"),
        )

    def fail(key: str, problem: Text) -> UsageError:
        # a key may be quoted, and hold any character: "a(" = 1
        line = _line(text, rf"[\"']?{re.escape(key)}[\"']?\s*=", after=header) if header else None
        return _error(marker, line or header, problem)

    unknown = [key for key in table if key not in KEYS]
    if unknown:
        keys, name = ", ".join(KEYS), _shown(unknown[0])
        raise fail(
            unknown[0],
            Text(f"[site] har ingen {name} (bara {keys})", f"[site] has no {name} (only {keys})"),
        )
    for key, value in table.items():
        if not isinstance(value, str) or not value.strip():
            raise fail(
                key,
                Text(
                    f"{key} ska vara en text inom citattecken",
                    f"{key} is a text in quotation marks",
                ),
            )
    theme = Theme(**{key: value.strip() for key, value in table.items()})
    for key in COLOURS:
        if not _COLOUR.fullmatch(getattr(theme, key)):
            value = _shown(getattr(theme, key))
            raise fail(
                key,
                Text(
                    f'{key} = "{value}" är ingen färg i formen #RRGGBB (t.ex. "#00508c")',
                    f'{key} = "{value}" is not a colour of the form #RRGGBB (e.g. "#00508c")',
                ),
            )
    theme = Theme(**{**theme.__dict__, **{key: _full(getattr(theme, key)) for key in COLOURS}})
    for text_key, background_key in CONTRASTS:
        foreground = getattr(theme, text_key)
        background = getattr(theme, background_key) if background_key else WHITE
        ratio = contrast(foreground, background)
        if ratio < MIN_CONTRAST:
            on = f"{background_key} {background}" if background_key else f"vit {WHITE}"
            on_en = f"{background_key} {background}" if background_key else f"white {WHITE}"
            shown = f"{math.floor(ratio * 100) / 100:.2f}"
            raise fail(
                text_key,
                Text(
                    f"{text_key} {foreground} på {on} har kontrasten {shown}:1, och WCAG 2.1 "
                    f"AA kräver minst {MIN_CONTRAST}:1; välj en mörkare eller ljusare färg",
                    f"{text_key} {foreground} on {on_en} has a contrast of {shown}:1, and WCAG "
                    f"2.1 AA needs at least {MIN_CONTRAST}:1; choose a darker or lighter colour",
                ),
            )
    _check_url(theme.url, lambda problem: fail("url", problem))
    _check_organisation(theme.organisation, lambda problem: fail("organisation", problem))
    return theme


def _check_url(url: str | None, fail) -> None:
    """The url is a folder the calendar's file name is put after: a query (`?`), a
    fragment (`#`), a quotation mark or an invisible character would make that
    another address."""
    from .model.types import LINE_PATTERN, text_error

    if url is None:
        return
    folder = re.fullmatch(r'https://[^\s/?#"<>\\]+[^\s?#"<>\\]*', url)
    if not folder or "{" in url.replace(PLAN_ID, "") or text_error(url, LINE_PATTERN):
        raise fail(
            Text(
                f'url = "{_shown(url)}" är ingen https-adress till en mapp; skriv adressen '
                f"där projektets sida publiceras, utan ? # och citattecken, med {PLAN_ID} där "
                "planens id ska stå",
                f'url = "{_shown(url)}" is not the https address of a folder; write the '
                "address where the project's page is published, without ? # and quotation marks, "
                f"with {PLAN_ID} where the plan's id goes",
            )
        )


def _check_organisation(name: str | None, fail) -> None:
    from .model.types import LINE_PATTERN, text_error

    described = name and text_error(name, LINE_PATTERN)
    if described:  # shown in the page's header, like a plan's Line
        problem = described[0]
        raise fail(
            Text(f"organisation {problem.sv.rstrip('.')}", f"organisation {problem.en.rstrip('.')}")
        )


def _shown(value: str) -> str:
    """A value as a message quotes it: an escape sequence or a bidi control in the
    file is written as an escape, not sent to the terminal."""
    from .model.types import shown

    return shown(value)


def _full(colour: str) -> str:
    """#RGB as #rrggbb, lower case, as the stylesheet writes it."""
    digits = colour[1:].lower()
    return "#" + ("".join(c * 2 for c in digits) if len(digits) == 3 else digits)


def contrast(first: str, second: str) -> float:
    """The WCAG 2.1 contrast ratio of two #rrggbb colours, 1 to 21."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    """Relative luminance (WCAG 2.1, from sRGB)."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _error(marker: Path, line: int | None, problem: Text) -> UsageError:
    return _settings_error(marker, line, problem, example=EXAMPLE)
