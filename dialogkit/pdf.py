"""Tagged PDF (PDF/UA-1) from a Word file we already write, by LibreOffice.

LibreOffice reads the .docx of a report, so the PDF has the same content; it makes one
structure element per table with TH cells and /Scope, and takes the language and
title from the document's properties (WeasyPrint splits a table crossing a page into
two, Kozea/WeasyPrint#2903). The PDF is then made the same bytes every run (its dates
are the Word file's, its /ID is derived from its content), so `build` equals the
single command. Starting LibreOffice takes a second or two: each PDF is kept in memory
and in a small cache on disk, keyed by the Word file and the LibreOffice binary, and
`build` converts all its public reports in one LibreOffice run, started in the
background while it makes the other products (`background`).

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
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from importlib.util import find_spec
from pathlib import Path

from . import clock
from .errors import DialogkitError, UsageError

EXPORT = 'pdf:writer_pdf_Export:{"PDFUACompliance":{"type":"boolean","value":"true"}}'
TIMEOUT = 180
"""Seconds one LibreOffice run may take for one document; `PER_DOCUMENT` more for
each further document of the run."""
PER_DOCUMENT = 30
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
_pending: dict[str, _Background] = {}
"""Keys of the PDFs a background run (`background`) is making."""


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
    for key in wanted:
        if key not in _memo and key in _pending:
            _pending[key].finish()  # keeps what it made; a document it failed is tried alone
    missing = {key: document for key, document in wanted.items() if key not in _memo}
    if missing:
        raw = _convert(office, list(missing.values()))
        for (key, document), pdf in zip(missing.items(), raw, strict=True):
            _dated(key, pdf, document, new=True)  # refuses what is no PDF before it is kept
            _memo[key] = pdf
            _write_cache(key, pdf)
    return [
        _dated(key, _memo[key], document) for key, document in zip(keys, documents, strict=True)
    ]


_normalised: dict[tuple[str, datetime], bytes] = {}


def _dated(key: str, pdf: bytes, document: bytes, *, new: bool = False) -> bytes:
    """LibreOffice's PDF `key` normalised with the moment of the Word file; kept (a few),
    as `build` checks it when LibreOffice made it and again when a report asks for it.
    `new`: LibreOffice has just made `pdf`, it is read whatever was kept."""
    moment = _created(document)
    if new or (key, moment) not in _normalised:
        if len(_normalised) >= CACHE_ENTRIES:
            _normalised.clear()
        _normalised[key, moment] = _normalise(pdf, moment)
    return _normalised[key, moment]


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
        command = _command(office, work, sources)
        try:
            finished = _run(command, subprocess, _timeout(len(sources)))
        except subprocess.TimeoutExpired:
            raise _too_slow(len(sources)) from None
        except OSError as error:
            raise _not_started(office, error) from None
        made = [work / "pdf" / f"{source.stem}.pdf" for source in sources]
        if not all(path.is_file() and path.stat().st_size for path in made):
            said = finished.stderr.decode("utf-8", "replace").strip()[-300:]
            said = f": {said}" if said else ""
            raise _failed(
                f"LibreOffice ({office}) gjorde ingen PDF, slutkod {finished.returncode}{said}",
                f"LibreOffice ({office}) made no PDF, exit code {finished.returncode}{said}",
            )
        return [path.read_bytes() for path in made]


def _command(office: Path, work: Path, sources: list[Path]) -> list[str]:
    return [
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


def _timeout(documents: int) -> int:
    return TIMEOUT + PER_DOCUMENT * max(0, documents - 1)


def _run(command: list[str], subprocess, timeout: int = TIMEOUT):
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
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _end(process)
            process.communicate()
            raise
        return subprocess.CompletedProcess(command, process.returncode, out, err)


def _end(process) -> None:
    """End LibreOffice and the processes it started."""
    if os.name == "posix":
        import signal

        with suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)
    else:
        process.kill()


def _too_slow(documents: int) -> PdfConversionError:
    seconds = _timeout(documents)
    return _failed(
        f"LibreOffice blev inte klar på {seconds} sekunder",
        f"LibreOffice did not finish in {seconds} seconds",
    )


def _not_started(office: Path, error: OSError) -> PdfConversionError:
    return _failed(
        f"LibreOffice ({office}) kunde inte startas: {error}",
        f"LibreOffice ({office}) could not be started: {error}",
    )


# --- many documents in one run, in the background ---------------------------------


@contextmanager
def background(documents: list[bytes]) -> Iterator[None]:
    """Start one LibreOffice run for those of `documents` not yet made, and let it work
    while the caller does something else: `to_pdf` of one of them waits for the run.
    The run keeps every PDF it made; a document it made none for is converted alone
    when asked for, so its error is its own (a run that hangs or cannot start is an
    error for all). On leaving, a run still going is ended. Without LibreOffice or the
    `pdf` extra, nothing is started (`to_pdf` says what is missing)."""
    run = None
    if documents and available() is None:
        office = soffice()
        missing = {}
        for document in documents:
            key = _key(document, office)
            if key not in _memo and key not in _pending:
                if (cached := _read_cache(key)) is not None:
                    _memo[key] = cached
                else:
                    missing[key] = document
        if missing:
            run = _Background(office, missing)
    try:
        yield
    finally:
        if run is not None:
            run.close()


class _Background:
    """One LibreOffice run converting several Word files (keyed as in the cache)."""

    def __init__(self, office: Path, documents: dict[str, bytes]) -> None:
        import subprocess

        self.office = office
        self.documents = documents
        self.folder = tempfile.TemporaryDirectory(prefix="dialogkit-pdf-")
        work = Path(self.folder.name)
        self.sources = [work / f"{number}.docx" for number in range(len(documents))]
        for source, document in zip(self.sources, documents.values(), strict=True):
            source.write_bytes(document)
        self.said = work / "said.txt"  # a file, not a pipe: nobody reads it while it runs
        self.started = time.monotonic()
        self.error: PdfConversionError | None = None
        self.process = None
        own_group = {"start_new_session": True} if os.name == "posix" else {}
        try:
            with self.said.open("wb") as said:
                self.process = subprocess.Popen(
                    _command(office, work, self.sources),
                    stdout=subprocess.DEVNULL,
                    stderr=said,
                    stdin=subprocess.DEVNULL,
                    **own_group,
                )
        except OSError as error:
            self.error = _not_started(office, error)
        for key in documents:
            _pending[key] = self

    def finish(self) -> None:
        """Wait for the run, keep the PDFs it made; raise when it hung or never ran."""
        import subprocess

        if self.process is not None and self.error is None:
            left = _timeout(len(self.sources)) - (time.monotonic() - self.started)
            try:
                self.process.wait(timeout=max(left, 0.001))
            except subprocess.TimeoutExpired:
                _end(self.process)
                self.process.wait()
                self.error = _too_slow(len(self.sources))
            else:
                self._keep()
            self.process = None
        if self.error is not None:
            raise self.error
        self._forget()

    def _keep(self) -> None:
        work = Path(self.folder.name)
        for (key, document), source in zip(self.documents.items(), self.sources, strict=True):
            made = work / "pdf" / f"{source.stem}.pdf"
            try:
                pdf = made.read_bytes()
                _dated(key, pdf, document, new=True)  # refuses what is no PDF
            except (OSError, PdfConversionError):
                continue  # converted alone by to_pdf, with its own error
            _memo[key] = pdf
            _write_cache(key, pdf)

    def _forget(self) -> None:
        for key in self.documents:
            if _pending.get(key) is self:
                del _pending[key]
        self.folder.cleanup()

    def close(self) -> None:
        if self.process is not None:
            _end(self.process)
            self.process.wait()
            self.process = None
        self._forget()


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
