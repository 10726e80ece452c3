"""Tagged PDF (PDF/UA-1) from a Word file we already write, by LibreOffice.

LibreOffice reads the .docx of a report, so the PDF has the same content; it makes one
structure element per table with TH cells and /Scope, and takes the language and
title from the document's properties (WeasyPrint splits a table crossing a page into
two, Kozea/WeasyPrint#2903). The PDF is then made the same bytes every run (its dates
are the Word file's, its /ID is derived from its content), so `build` equals the
single command. Starting LibreOffice takes a second or two: each PDF is kept in memory
and in a small cache on disk, keyed by the Word file and the LibreOffice binary.

LibreOffice comes from the operating system; pikepdf and pypdf from `dialogkit[pdf]`.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from importlib.util import find_spec
from pathlib import Path

from . import clock
from .errors import DialogkitError, UsageError

EXPORT = 'pdf:writer_pdf_Export:{"PDFUACompliance":{"type":"boolean","value":"true"}}'
TIMEOUT = 180
"""Seconds one LibreOffice run may take, for all its documents."""
NORMALISED = "2"
"""Part of the cache key: raise it when what the cache holds changes."""
CACHE_ENTRIES = 64
"""The disk cache keeps this many PDFs, the newest."""
INSTALL_PLACES = (
    Path(os.environ.get("PROGRAMFILES", r"C:\Program Files"), "LibreOffice/program/soffice.exe"),
    Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
)
"""Where LibreOffice's installer puts it on Windows and macOS, off the PATH."""

_memo: dict[str, bytes] = {}


class PdfUnavailableError(UsageError):
    """LibreOffice or the `pdf` extra is missing: the message says what to install."""


class PdfConversionError(DialogkitError):
    """LibreOffice ran but made no PDF (or not in time)."""


def soffice() -> Path | None:
    """LibreOffice's command: on the PATH, or where its installer puts it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return Path(found)
    return next((place for place in INSTALL_PLACES if place.is_file()), None)


def available() -> PdfUnavailableError | None:
    """None when PDFs can be made; otherwise the error saying what to install."""
    office = soffice() is not None
    libraries = all(find_spec(name) is not None for name in ("pikepdf", "pypdf"))
    if office and libraries:
        return None
    sv, en = [], []
    if not office:
        sv.append(
            "installera LibreOffice: `apt-get install libreoffice-writer-nogui` på "
            "Debian och Ubuntu, installationsprogrammet från libreoffice.org på Windows "
            "och macOS"
        )
        en.append(
            "install LibreOffice: `apt-get install libreoffice-writer-nogui` on Debian "
            "and Ubuntu, the installer from libreoffice.org on Windows and macOS"
        )
    if not libraries:
        sv.append("installera pikepdf och pypdf: `pip install 'dialogkit[pdf]'`")
        en.append("install pikepdf and pypdf: `pip install 'dialogkit[pdf]'`")
    missing = [
        name for name, there in (("LibreOffice", office), ("pikepdf/pypdf", libraries)) if not there
    ]
    return PdfUnavailableError(
        f"PDF kan inte göras: {' och '.join(missing)} saknas.",
        hint=_sentence(" och ".join(sv)),
        english=(
            f"No PDF can be made: {' and '.join(missing)} is missing.",
            _sentence(" and ".join(en)),
        ),
    )


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:] + "."


def to_pdf(documents: list[bytes]) -> list[bytes]:
    """Each Word file (.docx bytes) as a tagged PDF, in order. One LibreOffice run
    converts all that are not yet in the cache."""
    problem = available()
    if problem is not None:
        raise problem
    office = soffice()
    keys = [_key(document, office) for document in documents]
    wanted = {key: document for key, document in zip(keys, documents, strict=True)}
    for key in wanted:
        if key not in _memo and (cached := _read_cache(key)) is not None:
            _memo[key] = cached
    missing = {key: document for key, document in wanted.items() if key not in _memo}
    if missing:
        raw = _convert(office, list(missing.values()))
        for (key, document), pdf in zip(missing.items(), raw, strict=True):
            _normalise(pdf, _created(document))  # refuses what is no PDF before it is kept
            _memo[key] = pdf
            _write_cache(key, pdf)
    return [
        _normalise(_memo[key], _created(document))
        for key, document in zip(keys, documents, strict=True)
    ]


def _key(document: bytes, office: Path) -> str:
    """What LibreOffice's PDF depends on: the Word file's content without the moment
    it was made (that is set afterwards, by `_normalise`: a report made again the
    same day is found in the cache), and the LibreOffice binary (path, size, time)."""
    import zipfile

    try:
        status = office.stat()
        binary = f"{office}|{status.st_size}|{status.st_mtime_ns}"
    except OSError:
        binary = str(office)
    digest = hashlib.sha256(f"{binary}|{NORMALISED}|".encode())
    try:
        with zipfile.ZipFile(io.BytesIO(document)) as archive:
            for entry in archive.infolist():  # an entry's own date is not its content
                data = archive.read(entry)
                if entry.filename == "docProps/core.xml":
                    data = re.sub(rb"<dcterms:(created|modified)\b.*?</dcterms:\1>", b"", data)
                digest.update(entry.filename.encode() + b"\0" + data + b"\0")
    except (zipfile.BadZipFile, OSError):
        digest.update(document)
    return digest.hexdigest()


def _created(document: bytes) -> datetime:
    """The moment in the Word file's properties (docx_writer puts clock.now() there),
    so the PDF carries the same; clock.now() for a file without it."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(document)) as archive:
            core = archive.read("docProps/core.xml").decode("utf-8", "replace")
        found = re.search(r"<dcterms:created[^>]*>([^<]+)<", core)
        moment = datetime.fromisoformat(found.group(1).replace("Z", "+00:00"))
        return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    except (KeyError, ValueError, AttributeError, zipfile.BadZipFile):
        return clock.now()


def _convert(office: Path, documents: list[bytes]) -> list[bytes]:
    """One LibreOffice run, with a profile of its own (it neither waits for a
    LibreOffice the user has open nor changes the user's settings)."""
    import subprocess

    with tempfile.TemporaryDirectory(prefix="dialogkit-pdf-") as folder:
        work = Path(folder)
        sources = [work / f"{number}.docx" for number in range(len(documents))]
        for source, document in zip(sources, documents, strict=True):
            source.write_bytes(document)
        command = [
            str(office),
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            EXPORT,
            "--outdir",
            str(work / "pdf"),
            *map(str, sources),
        ]
        try:
            finished = _run(command, subprocess)
        except subprocess.TimeoutExpired:
            raise _failed(
                f"LibreOffice blev inte klar på {TIMEOUT} sekunder",
                f"LibreOffice did not finish in {TIMEOUT} seconds",
            ) from None
        except OSError as error:
            raise _failed(
                f"LibreOffice ({office}) kunde inte startas: {error}",
                f"LibreOffice ({office}) could not be started: {error}",
            ) from None
        made = [work / "pdf" / f"{source.stem}.pdf" for source in sources]
        if not all(path.is_file() and path.stat().st_size for path in made):
            said = finished.stderr.decode("utf-8", "replace").strip()[-300:]
            said = f": {said}" if said else ""
            raise _failed(
                f"LibreOffice ({office}) gjorde ingen PDF, slutkod {finished.returncode}{said}",
                f"LibreOffice ({office}) made no PDF, exit code {finished.returncode}{said}",
            )
        return [path.read_bytes() for path in made]


def _run(command: list[str], subprocess):
    """Run LibreOffice; on timeout end it and the processes it started."""
    own_group = {"start_new_session": True} if os.name == "posix" else {}
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        **own_group,
    ) as process:
        try:
            out, err = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            if os.name == "posix":
                import signal

                os.killpg(process.pid, signal.SIGKILL)
            else:
                process.kill()
            process.communicate()
            raise
        return subprocess.CompletedProcess(command, process.returncode, out, err)


def _failed(sv: str, en: str) -> PdfConversionError:
    return PdfConversionError(
        f"{sv}. Ingen PDF har skrivits.",
        hint="Öppna .docx-filen i LibreOffice och spara den som PDF för att se vad som händer.",
        english=(
            f"{en}. No PDF has been written.",
            "Open the .docx file in LibreOffice and save it as PDF to see what happens.",
        ),
    )


def _normalise(pdf: bytes, moment: datetime) -> bytes:
    """The same PDF bytes every run: the Word file's moment as every date, no
    checksum, and an /ID derived from the content (LibreOffice's is random)."""
    import pikepdf

    stamp = moment.strftime("D:%Y%m%d%H%M%SZ")
    iso = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        document = pikepdf.open(io.BytesIO(pdf))
    except pikepdf.PdfError as error:  # a LibreOffice that wrote something else
        raise _failed(
            f"LibreOffice gjorde ingen giltig PDF ({error})",
            f"LibreOffice made no valid PDF ({error})",
        ) from None
    with document:
        document.docinfo["/CreationDate"] = stamp
        document.docinfo["/ModDate"] = stamp
        with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            for key in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
                if key in xmp:
                    xmp[key] = iso
        for key in ("/DocChecksum", "/ID"):
            if key in document.trailer:
                del document.trailer[key]
        out = io.BytesIO()
        document.save(out, deterministic_id=True, linearize=False)
    return out.getvalue()


# --- the disk cache ------------------------------------------------------------------


def cache_folder() -> Path:
    """$DIALOGKIT_CACHE/pdf, else the user's cache folder: %LOCALAPPDATA% on Windows,
    ~/Library/Caches on macOS, $XDG_CACHE_HOME or ~/.cache elsewhere."""
    own = os.environ.get("DIALOGKIT_CACHE")
    if own:
        return Path(own) / "pdf"
    if os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData/Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library/Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "dialogkit" / "pdf"


def _read_cache(key: str) -> bytes | None:
    """A cached PDF, or None; a damaged or cut-off entry is no entry."""
    try:
        data = (cache_folder() / f"{key}.pdf").read_bytes()
    except OSError:
        return None
    if not (data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")):
        return None
    import pikepdf

    try:  # damaged inside: the gate could not read it
        pikepdf.open(io.BytesIO(data)).close()
    except pikepdf.PdfError:
        return None
    return data


def _write_cache(key: str, data: bytes) -> None:
    """Written to a temporary file and renamed, so a reader never sees half of it;
    a cache that cannot be written is no cache. The oldest entries go."""
    folder = cache_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, folder / f"{key}.pdf")
        finally:
            Path(temporary).unlink(missing_ok=True)
        entries = sorted(folder.glob("*.pdf"), key=lambda path: path.stat().st_mtime)
        for old in entries[:-CACHE_ENTRIES]:
            old.unlink(missing_ok=True)
    except OSError:
        return
