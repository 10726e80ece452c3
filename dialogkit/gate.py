"""The personal-data gate: every public file (invitation, e-mail draft, calendar, public
report, its PDF) is read as its reader would see it and refused if it carries personal data
that its plan does not allow. Only build, invite, report and timeline need it, so
its file readers stay off the `plan check` path."""

from __future__ import annotations

import email
import email.header
import functools
import html
import io
import re
import zipfile
from pathlib import Path

from .errors import DialogkitError
from .findings import format_key_path
from .personal_data import Item, find_personal_data, mask
from .privacy import allowed_contacts, text_fields


class PersonalDataError(DialogkitError):
    """A public file would carry personal data; nothing was written."""


def check_public(
    name: str | Path, content: str | bytes, loaded=None, *, suffix: str | None = None
) -> None:
    """Refuse a public file that carries personal data the plan does not allow.
    `loaded` is the plan it comes from (a LoadedPlan): its official contacts are
    allowed, and the message names the field that holds the data. The file is read
    by its suffix (.docx, .eml, .ics or text), or by `suffix` when it has none."""
    plan = loaded.plan if loaded is not None else None
    allowed = allowed_contacts(plan) if plan is not None else frozenset()
    for text in readable_texts(suffix or Path(name).suffix, content):
        for item in find_personal_data(text):
            if item.key not in allowed:
                raise PersonalDataError(
                    f"{name}: {_article(item.kind)} {item.kind} ({item.masked}) får inte stå i "
                    f"en offentlig fil; {_origin(item, loaded)}. Inget har skrivits.",
                    hint="Ta bort uppgiften ur planen eller mallen. En tjänstepersons "
                    "arbetstelefon och e-post får publiceras om personen har official: true.",
                    english=(
                        f"{name}: {_IN_ENGLISH[item.kind]} ({item.masked}) must not appear in "
                        f"a public file; {_origin(item, loaded, 'en')}. Nothing has been written.",
                        "Remove it from the plan or the template. An official's work phone "
                        "and e-mail may be published if the person has official: true.",
                    ),
                )


_IN_ENGLISH = {
    "personnummer": "a personal identity number",
    "samordningsnummer": "a coordination number",
    "telefonnummer": "a phone number",
    "e-postadress": "an e-mail address",
}


def _article(kind: str) -> str:
    return "en" if kind == "e-postadress" else "ett"


def _origin(item: Item, loaded, language: str = "sv") -> str:
    """Where the data comes from: the plan field that holds it, or the template."""
    texts = {
        "sv": ("uppgiften kommer från {field} ({where})", "uppgiften står i mallen, inte i planen"),
        "en": ("it comes from {field} ({where})", "it is in the template, not in the plan"),
    }
    from_field, in_template = texts[language]
    if loaded is not None:
        for path, text in text_fields(loaded.plan):
            if any(found.key == item.key for found in find_personal_data(text)):
                line, _ = loaded.source.position(path)
                field = mask(format_key_path(path, loaded.source.data))  # an id may hold it
                return from_field.format(field=field, where=f"{loaded.path}:{line}")
    return in_template


def readable_texts(suffix: str, content: str | bytes) -> list[str]:
    """The texts a reader of a file with this suffix can see: every XML part of a
    .docx, the headers and decoded parts of an .eml, an .ics unfolded and unescaped,
    a .pdf's pages, properties, links and bookmarks,
    other text also as Markdown shows it (`anna\\_berg\\[at\\]example.se` is an address)."""
    suffix = suffix.lower()
    if suffix == ".docx":
        return _docx_texts(content if isinstance(content, bytes) else content.encode())
    if suffix == ".eml":
        return _eml_texts(content if isinstance(content, bytes) else content.encode())
    if suffix == ".pdf":
        return list(_pdf_texts(content if isinstance(content, bytes) else content.encode()))
    text = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
    if suffix == ".ics":
        return [_ics_text(text)]
    return [html.unescape(_MARKDOWN_ESCAPE.sub(r"\1", text)), text]


_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
"""A backslash before ASCII punctuation, as Markdown escapes it."""


_DECLARATION = re.compile(r"<\?.*?\?>|<!--.*?-->", re.DOTALL)
_LINE_BREAK = re.compile(r"</w:(?:p|tc)>|<w:(?:br|cr|tab)\b[^>]*/>|</(?!w:)[^>]+>")
"""Where a reader sees a new line (or a tab): the end of a Word paragraph or cell, a
break, and the end of any element outside Word's text (a document property)."""
_TAG = re.compile(r"<[^>]*>")
_ATTRIBUTE = re.compile(r'\b(?:Target|descr|title|tooltip)="([^"]*)"')


def _xml_text(xml: str) -> str:
    """The text of an XML part as a reader sees it: the runs of a Word paragraph
    joined, paragraphs, cells and other elements on lines of their own."""
    return html.unescape(_TAG.sub("", _LINE_BREAK.sub("\n", _DECLARATION.sub("", xml))))


def _docx_texts(content: bytes) -> list[str]:
    found = []
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for part in archive.namelist():
            if part.endswith((".xml", ".rels")):
                xml = archive.read(part).decode("utf-8", "replace")
                found.append(_xml_text(xml))
                found += [html.unescape(value) for value in _ATTRIBUTE.findall(xml)]
    return found


def _eml_texts(content: bytes) -> list[str]:
    """Every header, decoded and unfolded, and every part, decoded."""
    message = email.message_from_bytes(content)  # compat32: several times faster here
    found = []
    for part in message.walk():
        for key, value in part.items():
            found.append(f"{key}: " + re.sub(r"\r?\n[ \t]+", " ", str(_decoded(value))))
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True) or b""
        text = payload.decode(part.get_content_charset() or "utf-8", "replace")
        found += readable_texts(".ics" if part.get_content_type() == "text/calendar" else "", text)
    return found


@functools.lru_cache(maxsize=8)
def _pdf_texts(content: bytes) -> tuple[str, ...]:
    """The text of every page, the document's properties (also its XMP), the targets
    of its links and its bookmarks, read by pypdf (the `pdf` extra, which made it).
    Reading takes half a second, and `build` gates the same report twice (beside the
    other reports and on the web page): kept for the same bytes."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    found = [page.extract_text() for page in reader.pages]
    found += [str(value) for value in (reader.metadata or {}).values()]
    metadata = reader.trailer["/Root"].get("/Metadata")
    if metadata is not None:
        found.append(_xml_text(metadata.get_object().get_data().decode("utf-8", "replace")))
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            if "/URI" in action:
                found.append(str(action["/URI"]))
    found += [str(item.title) for item in _flat(reader.outline)]
    return tuple(found)


def _flat(outline: list) -> list:
    """A pypdf outline (nested lists of bookmarks) as one list."""
    return [
        found for item in outline for found in (_flat(item) if isinstance(item, list) else [item])
    ]


def _decoded(value: str) -> str:
    return str(email.header.make_header(email.header.decode_header(value)))


def _ics_text(text: str) -> str:
    """Unfold the lines of an ICS file and undo its escapes."""
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    return re.sub(r"\\([nN,;\\])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), unfolded)
