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
from urllib.parse import quote

from .heard import said_and_done
from .invitations import dialogue_calendar
from .participation import counted, figures
from .privacy import public_data, public_version
from .templating import render, template_environment
from .theme import Theme, folder_theme
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
    theme = folder_theme(loaded.path.parent)
    context = {
        "organisation": theme.organisation or project.organisation,
        "subscription": subscription(theme.address(project.id), calendar),
        "dialogues": [d for d in project.dialogues if not d.test],
        "ics": ics,
        "calendar": calendar,
        "stylesheet": "style.css",
        "held": held,
        "figures": figures(project, public=True),
        **said_and_done(project, held),
    }
    # after the dialogues, the public report: the report command's .docx, and its .pdf
    documents = public_report(loaded, language["folder.site_report"], templates, draft, held)
    context["documents"] = [
        {"href": d.name, "format": Path(d.name).suffix, "size": f"{-(-len(d.content) // 1000)} kB"}
        for d in documents
    ]
    context = public_data(context, project)
    env = html_environment(template_environment(loaded, templates))
    template = f"{project.language}/site/project.html.j2"
    page = render(env, template, plan=project, mark=draft, **context)
    files = [
        PageFile("index.html", page),
        PageFile("style.css", stylesheet(env, draft, theme)),
        # the public's calendar: the dialogues they are invited to, not the tests; it is
        # the one a calendar app subscribes to
        PageFile(
            calendar,
            dialogue_calendar(loaded, dialogues, templates=templates, draft=draft, subscribed=True),
        ),
    ]
    files += [
        PageFile(ics[d.id], dialogue_calendar(loaded, [d], templates=templates, draft=draft))
        for d in dialogues
    ]
    return files + documents


def public_report(loaded, folder: str, templates, draft, held) -> list[PageFile]:
    """The public dialogue report once dialogues are held, in `folder`."""
    from .products.report import public_documents

    if not held:
        return []
    made = public_documents(loaded, "dialogue-report", templates=templates, draft=draft)
    return [PageFile(f"{folder}/{name}", content) for name, content in made]


def subscription(published: str | None, calendar: str) -> dict[str, str] | None:
    """The calendar's addresses for subscribing, when the workspace says where the page
    is published (`[site] url`): webcal:// opens a calendar app's subscribe dialog,
    and Google Calendar and Outlook on the web take the https:// address. A relative
    link cannot be subscribed to, so without the url the page offers only the file."""
    if not published:
        return None
    https = f"{published}{calendar}"
    return {"webcal": "webcal://" + https.removeprefix("https://"), "https": https}


@functools.lru_cache(maxsize=16)
def html_environment(base):
    """`base` (a sandboxed environment of templating.py) with HTML escaping on: every
    value a template prints is escaped, so `<script>` in a plan shows as text. It
    shares the base's loader, filters and sandbox, and adds `url` and `mailto`."""
    env = base.overlay(autoescape=True, finalize=None)
    env.filters = {**base.filters, "url": web_link, "mailto": mail_link}
    return env


def web_link(value: str | None) -> str | None:
    """A plan's link if it is a web address (http, https): a `javascript:` or
    `file:` link in a plan is not made a link on a public page."""
    if value and value.strip().lower().startswith(("https://", "http://")):
        return value.strip()
    return None


def mail_link(address: str) -> str:
    """A mailto: link to one address. `?`, `&`, `#` and `%` may stand in an address
    (RFC 5322), but in a link they would add headers (a bcc, a body) or cut it off:
    they are percent-encoded, as RFC 6068 asks."""
    return "mailto:" + quote(address, safe="@!$'*+")


def stylesheet(env, draft: str | None, theme: Theme | None = None) -> str:
    """The stylesheet, first found in the template folders, after the theme's colours
    (`[site]` in dialogkit.toml, theme.py); a draft's carries the mark as a comment,
    as every file of a draft does (products/draft.py)."""
    from jinja2.exceptions import SecurityError

    from .templating import SYMLINK_HINT, SYMLINK_HINT_EN, TemplateError

    try:
        source, _, _ = env.loader.get_source(env, STYLESHEET)
    except SecurityError as error:  # a linked stylesheet: refused as a linked template is
        english = getattr(error, "english", str(error))
        raise TemplateError(
            str(error), hint=SYMLINK_HINT, english=(english, SYMLINK_HINT_EN)
        ) from None
    themed = (theme or Theme()).css() + source
    return f"/* {draft} */\n{themed}" if draft else themed
