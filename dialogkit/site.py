"""The public web page of a dialogue project: one HTML page, its stylesheet and the
calendar files it links to, in one folder that works opened from disk or copied to
any web server (no JavaScript, nothing from other servers).

The page is rendered from the plan's public version, like the public dialogue report
(reports.build_report): internal fields are gone and personal data in every text is
removed before the template sees it; the files still pass the personal-data gate in
registry.make. Plan text is data, so these templates are rendered with HTML escaping
on, in the same sandbox as every template.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from .heard import said_and_done
from .invitations import dialogue_calendar
from .participation import counted, figures
from .privacy import public_data, public_version
from .templating import render, template_environment
from .words import words
from .workspace import LoadedPlan

STYLESHEET = "site/style.css"
"""The page's stylesheet: looked up like a template, so a workspace can give its own."""


@dataclass(frozen=True)
class PageFile:
    name: str
    """Relative to the page's folder, with "/" between folders."""
    content: str | bytes


def project_page(
    loaded: LoadedPlan, *, templates: Path | None = None, draft: str | None = None
) -> list[PageFile]:
    """The page of a dialogue project (`index.html`), its stylesheet, the project's
    calendar and each dialogue's calendar, named as the page links to them."""
    project = public_version(loaded.plan)
    language = words(project.language)
    dialogues = [d for d in loaded.plan.dialogues if not d.test]
    calendar = f"{language['file.calendar']}.ics"
    folder = language["folder.site_dialogues"]
    ics = {d.id: f"{folder}/{d.id}.ics" for d in dialogues}
    held = counted(project)
    context = {
        "dialogues": [d for d in project.dialogues if not d.test],
        "ics": ics,
        "calendar": calendar,
        "stylesheet": "style.css",
        "held": held,
        "figures": figures(project, public=True),
        **said_and_done(project, held),
    }
    context = public_data(context, project)
    env = html_environment(template_environment(loaded, templates))
    template = f"{project.language}/site/project.html.j2"
    page = render(env, template, plan=project, mark=draft, **context)
    files = [
        PageFile("index.html", page),
        PageFile("style.css", stylesheet(env, draft)),
        # the public's calendar: the dialogues they are invited to, not the tests
        PageFile(calendar, dialogue_calendar(loaded, dialogues, templates=templates, draft=draft)),
    ]
    files += [
        PageFile(ics[d.id], dialogue_calendar(loaded, [d], templates=templates, draft=draft))
        for d in dialogues
    ]
    return files


@functools.lru_cache(maxsize=16)
def html_environment(base):
    """`base` (a sandboxed environment of templating.py) with HTML escaping on: every
    value a template prints is escaped, so `<script>` in a plan shows as text. It
    shares the base's loader, filters and sandbox, and adds `url`."""
    env = base.overlay(autoescape=True, finalize=None)
    env.filters = {**base.filters, "url": web_link}
    return env


def web_link(value: str | None) -> str | None:
    """A plan's link if it is a web address (http, https): a `javascript:` or
    `file:` link in a plan is not made a link on a public page."""
    if value and value.strip().lower().startswith(("https://", "http://")):
        return value.strip()
    return None


def stylesheet(env, draft: str | None) -> str:
    """The stylesheet, first found in the template folders; a draft's carries the
    mark as a comment, as every file of a draft does (products/draft.py)."""
    source, _, _ = env.loader.get_source(env, STYLESHEET)
    return f"/* {draft} */\n{source}" if draft else source
