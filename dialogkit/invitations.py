"""Texts and calendar files for the dialogues of a project.

Both are public, so both are rendered from the plan's public version (privacy.py):
personal data in the plan's texts is replaced before any template sees it, and the
e-mail and phone of a contact who is not marked official are left out.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

from . import clock
from .context import dialogue_context
from .errors import UsageError
from .ics import calendar_bytes
from .model.project import Dialogue, DialogueProject
from .privacy import public_data, public_version
from .templating import render, template_environment
from .words import words
from .workspace import LoadedPlan


def dialogue_calendar(
    loaded: LoadedPlan,
    dialogues: list[Dialogue] | None = None,
    *,
    templates: Path | None = None,
    draft: str | None = None,
    subscribed: bool = False,
) -> bytes:
    """The ICS file for a project's dialogues, each described by the calendar template;
    `draft` is the draft mark of a plan with errors (products/draft.py); a `subscribed`
    calendar (the web page's) asks calendar apps to fetch it again daily."""
    project: DialogueProject = public_version(loaded.plan)
    env = template_environment(loaded, templates)
    name = f"{project.language}/calendar.txt.j2"

    def describe(dialogue: Dialogue) -> str:
        return render(env, name, **dialogue_context(project, dialogue)).strip()

    chosen = public_data(dialogues, project) if dialogues else project.dialogues
    return calendar_bytes(project, chosen, describe, draft=draft, subscribed=subscribed)


# Longest text each channel should carry, in characters. Past it dialogkit warns:
# a Facebook post or a newspaper ad that runs long loses its readers (or costs more).
CHANNEL_LIMITS = {
    "email": 3000,
    "web": 4000,
    "facebook": 600,
    "newspaper_ad": 450,
    "press_release": 3000,
    "reminder": 1500,
}
CHANNELS = tuple(CHANNEL_LIMITS)
MARKDOWN_CHANNELS = ("web",)
"""The web text is Markdown for the project's web page (its template writes headings
and a list), so it is escaped like a report even as text: `<script>` in a plan shows
as text on the page, also where the text is pasted into a CMS's HTML."""
EMAIL_CHANNELS = ("email", "reminder")
"""The channels that are e-mails, the only ones written as e-mail drafts (.eml)."""
HEX_AS_LETTERS = str.maketrans("0123456789", "ghijklmnop")
EXTENSIONS = {"text": "txt", "markdown": "md", "eml": "eml"}


@dataclass(frozen=True)
class ChannelText:
    """One text for one dialogue and channel: an invitation, or a feedback text
    (feedback.py)."""

    dialogue: Dialogue
    channel: str
    subject: str
    body: str

    @property
    def length(self) -> int:
        return len(self.body)

    @property
    def limit(self) -> int:
        return CHANNEL_LIMITS[self.channel]

    def over_limit(self) -> bool:
        return self.length > self.limit

    def as_draft(self, mark: str) -> ChannelText:
        """The text of a plan with errors: the mark leads its subject and is
        the first line of its body (products/draft.py)."""
        return replace(self, subject=f"{mark}: {self.subject}", body=f"{mark}\n\n{self.body}")

    def text(self, output: str = "text") -> str:
        """The subject, then the body. The web text is Markdown in every output
        (its file is .md), so its subject is always a heading."""
        markdown = output == "markdown" or self.channel in MARKDOWN_CHANNELS
        heading = f"# {self.subject}" if markdown else self.subject
        return f"{heading}\n\n{self.body}\n"

    def file_name(self, output: str) -> str:
        """Predictable: one folder per dialogue, one file per channel. The web text
        is Markdown whatever the output, and its name says so."""
        markdown = output == "text" and self.channel in MARKDOWN_CHANNELS
        return f"{self.dialogue.id}/{self.channel}.{EXTENSIONS['markdown' if markdown else output]}"


def select_dialogues(project: DialogueProject, ids: list[str] | None) -> list[Dialogue]:
    """The dialogues asked for, or every real dialogue that is not cancelled."""
    if not ids:
        return [d for d in project.dialogues if not d.test and d.status != "cancelled"]
    by_id = {d.id: d for d in project.dialogues}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise UsageError(
            f"Dialogen {', '.join(unknown)} finns inte i planen.",
            hint="Välj bland: " + ", ".join(by_id) + ".",
            english=(
                f"The plan has no dialogue {', '.join(unknown)}.",
                "Choose from: " + ", ".join(by_id) + ".",
            ),
        )
    return [by_id[i] for i in ids]


def select_channels(project: DialogueProject, channels: list[str] | None) -> list[str]:
    """The channels asked for, or the plan's own channels, or all of them."""
    chosen = channels or [c.channel for c in project.invitation_channels] or list(CHANNELS)
    return known_channels(chosen, CHANNELS)


def known_channels(chosen: list[str], known: tuple[str, ...]) -> list[str]:
    """`chosen` once each, or a message naming a channel that is not in `known`."""
    unknown = [c for c in chosen if c not in known]
    if unknown:
        raise UsageError(
            f"Kanalen {', '.join(unknown)} finns inte.",
            hint="Välj bland: " + ", ".join(known),
            english=(
                f"There is no channel {', '.join(unknown)}.",
                "Choose from: " + ", ".join(known),
            ),
        )
    return list(dict.fromkeys(chosen))


def draft_channels(project: DialogueProject, channels: list[str] | None) -> list[str]:
    """The channels to write e-mail drafts for: those asked for, which must be
    e-mails, or else the e-mail channel and, when the plan has it, the reminder."""
    if not channels:
        return ["email", *(["reminder"] if "reminder" in select_channels(project, None) else [])]
    return only_emails(select_channels(project, channels), EMAIL_CHANNELS)


def only_emails(chosen: list[str], emails: tuple[str, ...]) -> list[str]:
    """`chosen`, or a message naming a channel that is not one of the e-mails."""
    other = [c for c in chosen if c not in emails]
    if other:
        raise UsageError(
            f"Kanalen {', '.join(other)} är inget e-postmeddelande; -f eml skriver utkast "
            f"bara för {' och '.join(emails)}.",
            hint=f"Välj -c {' eller -c '.join(emails)}, "
            f"eller skriv {', '.join(other)} med -f text.",
            english=(
                f"The channel {', '.join(other)} is no e-mail; -f eml writes drafts "
                f"only for {' and '.join(emails)}.",
                f"Choose -c {' or -c '.join(emails)}, or write {', '.join(other)} with -f text.",
            ),
        )
    return chosen


def invitations(
    loaded: LoadedPlan,
    *,
    dialogue_ids: list[str] | None = None,
    channels: list[str] | None = None,
    templates: Path | None = None,
    markdown: bool = False,
    drafts: bool = False,
) -> list[ChannelText]:
    """Render the invitation for every chosen dialogue and channel. The texts are
    plain text, except with `markdown` and in the MARKDOWN_CHANNELS: there every
    value from the plan is escaped for Markdown (see markup). With `drafts`, only
    the e-mail channels (see draft_channels)."""
    project: DialogueProject = public_version(loaded.plan)
    plain = template_environment(loaded, templates)
    marked = template_environment(loaded, templates, markdown=True)
    where = {c.channel: c.where for c in project.invitation_channels}
    chosen = (draft_channels if drafts else select_channels)(project, channels)
    result = []
    for dialogue in select_dialogues(project, dialogue_ids):
        context = dialogue_context(project, dialogue)
        for channel in chosen:
            env = marked if markdown or channel in MARKDOWN_CHANNELS else plain
            template = f"{project.language}/invite/{channel}.txt.j2"
            result.append(
                channel_text(
                    env, template, dialogue, channel, channel_where=where.get(channel), **context
                )
            )
    return result


def channel_text(env, template: str, dialogue: Dialogue, channel: str, /, **context) -> ChannelText:
    """One channel's template rendered for a dialogue: its first line is the subject,
    the rest the body. Invitations and feedback texts are both made this way."""
    text = render(env, template, channel=channel, **context)
    subject, _, body = text.strip().partition("\n")
    return ChannelText(dialogue, channel, subject.strip(), body.strip())


def to_eml(project: DialogueProject, invitation: ChannelText, calendar: bytes | None) -> bytes:
    """An RFC 5322 draft, with the dialogue's calendar file attached when there is one
    (UTF-8, as the file is). `X-Unsent: 1` makes Outlook open it as a message to send rather than
    as a received one. Thunderbird opens any .eml file as a received message (its
    "Edit" bar is for messages in a Drafts folder) and sends it with "Edit As New
    Message" (Ctrl+E); `X-Mozilla-Draft-Info` is the header its own drafts carry,
    so the file is one of them when put in that folder.

    From is the plan's contact, with its e-mail only if it is official; To is a
    placeholder to replace. Placeholder addresses are at `invalid`, a name reserved
    never to exist (RFC 6761), so a draft sent as it is reaches no one. Each address
    is built as an Address, so the contact's name is only ever a display name: a
    name like `Åsa <ceo@evil.example>,` cannot add an address."""
    from email.headerregistry import Address
    from email.message import EmailMessage
    from email.utils import formatdate

    placeholder = words(project.language)
    message = EmailMessage()
    sender = public_version(project).contact  # its e-mail only if it is official
    message["From"] = Address(
        display_name=sender.name, addr_spec=sender.email or placeholder["draft.sender_address"]
    )
    message["To"] = Address(
        display_name=placeholder["draft.recipient"],
        addr_spec=placeholder["draft.recipient_address"],
    )
    message["Subject"] = invitation.subject
    message["Date"] = formatdate(clock.now().timestamp(), localtime=True)
    message["X-Unsent"] = "1"
    message["X-Mozilla-Draft-Info"] = "internal/draft; vcard=0; receipt=0; DSN=0; uuencode=0"
    message.set_content(invitation.body + "\n")
    if calendar is not None:
        message.add_attachment(
            calendar,
            maintype="text",
            subtype="calendar",
            filename=f"{invitation.dialogue.id}.ics",
            params={"method": "PUBLISH", "charset": "utf-8"},
        )
    for part in message.iter_attachments():
        del part["MIME-Version"]  # belongs to the message, not to a part
    # The same draft gives the same bytes (email picks a random boundary): one made
    # from what the message holds cannot occur in it. Letters only: digits in it
    # could read as a phone number to the personal-data gate.
    if message.is_multipart():
        digest = hashlib.sha256(invitation.body.encode() + (calendar or b"")).hexdigest()[:32]
        message.set_boundary("dialogkit-" + digest.translate(HEX_AS_LETTERS))
    return message.as_bytes()
