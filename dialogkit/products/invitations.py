"""The invitations product: one text per dialogue and channel (plain text, Markdown,
or an e-mail draft for the channels that are e-mails), and each dialogue's calendar
file beside them. All are public."""

from __future__ import annotations

from ..memo import per_plan
from .base import File, Made, Product, Request
from .draft import marked_text
from .formats import FORMATS


def text_options(request: Request) -> dict:
    """What a request asks of the texts of invitations or feedback: which dialogues and
    channels, which templates, Markdown, or only the e-mail drafts."""
    return {
        "dialogue_ids": list(request.dialogues or ()) or None,
        "channels": list(request.channels or ()) or None,
        "templates": request.templates,
        "markdown": request.format == "markdown",
        "drafts": request.format == "eml",
    }


def make_invitations(loaded, request: Request) -> Made:
    from ..invitations import dialogue_calendar, invitations
    from ..words import words

    texts = invitations(loaded, **text_options(request))
    dialogues = {text.dialogue.id: text.dialogue for text in texts}
    made = _calendars(loaded.plan)  # build asks for the texts, then for the drafts
    draft = request.draft
    for key, dialogue in dialogues.items():
        if (key, request.templates, draft) not in made:
            made[key, request.templates, draft] = dialogue_calendar(
                loaded, [dialogue], templates=request.templates, draft=draft
            )
    calendars = {key: made[key, request.templates, draft] for key in dialogues}
    eml = request.format == "eml"  # only an e-mail draft carries its dialogue's calendar
    files = [
        File(
            text.file_name(request.format),
            channel_file(
                loaded.plan,
                text,
                request.format,
                calendars[text.dialogue.id] if eml else None,
                draft,
            ),
            public=True,
        )
        for text in texts
    ]
    files += [
        File(f"{key}/{key}.ics", calendar, public=True, on_screen=False)
        for key, calendar in calendars.items()
    ]
    too_long = words(loaded.plan.language)["message.too_long"]
    warnings = [
        too_long.format(
            channel=text.channel, dialogue=text.dialogue.id, length=text.length, limit=text.limit
        )
        for text in texts
        if text.over_limit()
    ]
    return Made(files, warnings)


def channel_file(plan, text, fmt: str, calendar: bytes | None, draft: str | None) -> str | bytes:
    """The file of one channel text (an invitation or a feedback text): an e-mail draft
    with `calendar` attached when there is one, or the text. A draft's mark leads the
    e-mail's subject and body, and is the first line of a text."""
    from ..invitations import MARKDOWN_CHANNELS, to_eml

    if fmt == "eml":
        return to_eml(plan, text.as_draft(draft) if draft else text, calendar)
    markdown = fmt == "markdown" or text.channel in MARKDOWN_CHANNELS
    return marked_text(text.text(fmt), draft, markdown=markdown)


@per_plan
def _calendars(plan) -> dict:
    """Each dialogue's calendar file, by (dialogue id, template folder, draft mark),
    once per plan."""
    return {}


PRODUCT = Product(
    "invitations",
    FORMATS["invitations"],
    make_invitations,
    # the texts of the plan's channels, and the e-mail drafts: email, and reminder when
    # the plan has it (invitations.draft_channels)
    built=lambda plan: [Request(format="text"), Request(format="eml")],
    folder="folder.invitations",
)
