"""The feedback product: after each held dialogue, one text per channel (e-mail to the
participants, web post, press release) as plain text, Markdown or, for the e-mail, an
e-mail draft. All are public."""

from __future__ import annotations

from .base import File, Made, Product, Request
from .draft import marked_text
from .formats import FORMATS


def make_feedback(loaded, request: Request) -> Made:
    from ..feedback import feedback_texts
    from ..invitations import MARKDOWN_CHANNELS, to_eml

    texts, notes = feedback_texts(
        loaded,
        dialogue_ids=list(request.dialogues or ()) or None,
        channels=list(request.channels or ()) or None,
        templates=request.templates,
        markdown=request.format == "markdown",
        drafts=request.format == "eml",
    )
    draft = request.draft
    files = []
    for text in texts:
        if request.format == "eml":
            content = to_eml(loaded.plan, text.as_draft(draft) if draft else text, None)
        else:
            markdown = request.format == "markdown" or text.channel in MARKDOWN_CHANNELS
            content = marked_text(text.text(request.format), draft, markdown=markdown)
        files.append(File(text.file_name(request.format), content, public=True))
    return Made(files, notes)


PRODUCT = Product(
    "feedback",
    FORMATS["feedback"],
    make_feedback,
    built=lambda plan: [Request(format="text"), Request(format="eml")],
    folder="folder.feedback",
)
