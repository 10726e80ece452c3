"""The feedback product: after each held dialogue, one text per channel (e-mail to the
participants, web post, press release) as plain text, Markdown or, for the e-mail, an
e-mail draft. All are public."""

from __future__ import annotations

from .base import File, Made, Product, Request
from .formats import FORMATS


def make_feedback(loaded, request: Request) -> Made:
    from ..feedback import feedback_texts
    from .invitations import channel_file, text_options

    texts, notes = feedback_texts(loaded, **text_options(request))
    files = [
        File(
            text.file_name(request.format),
            channel_file(loaded.plan, text, request.format, None, request.draft),
            public=True,
        )
        for text in texts
    ]
    return Made(files, notes)


PRODUCT = Product(
    "feedback",
    FORMATS["feedback"],
    make_feedback,
    built=lambda plan: [Request(format="text"), Request(format="eml")],
    folder="folder.feedback",
)
