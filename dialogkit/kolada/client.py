"""Kolada's open API v3, read with the standard library (urllib).

Why urllib and not httpx: dialogkit asks Kolada a handful of GET requests for JSON,
one at a time and politely slow, and keeps the answers in its own cache (cache.py).
urllib does that with no new dependency to install, pin and keep up to date; the few
things it lacks (retries, Retry-After, paging) are a few lines here, where the tests
can see them.

Politeness: at most 25 ids per list in a URL, a pause between requests (`PAUSE`),
retries with growing waits on 429 and 5xx, honouring Retry-After but never waiting
longer than `MAX_WAIT`. The tests set these to (nearly) zero.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator

from ..errors import DialogkitError

BASE_URL = "https://api.kolada.se/v3"
URL_VARIABLE = "DIALOGKIT_KOLADA_URL"
CHUNK = 25
"""At most this many ids in one list of a URL."""
PAUSE = 0.3
"""Seconds between two requests: a few requests per second."""
TIMEOUT = 20.0
"""Seconds to wait for an answer."""
RETRIES = 3
"""Further tries after a 429 or 5xx answer."""
BACKOFF = 1.0
"""The first wait before a retry, doubled for each further one."""
MAX_WAIT = 10.0
"""No wait (back-off or Retry-After) is longer than this."""
USER_AGENT = "dialogkit (https://github.com/dialogkit)"


class KoladaError(DialogkitError):
    """Kolada could not be asked, or answered something dialogkit cannot read."""

    exit_code = 3


def base_url() -> str:
    """The API's address: DIALOGKIT_KOLADA_URL (tests, mirrors, proxies), else Kolada's."""
    return (os.environ.get(URL_VARIABLE) or BASE_URL).rstrip("/")


def chunks(ids: Iterable[str], size: int = CHUNK) -> Iterator[list[str]]:
    """`ids` in lists of at most `size`."""
    items = list(ids)
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Client:
    """Asks Kolada and counts the requests made (`requests`)."""

    def __init__(self, base: str | None = None) -> None:
        self.base = base or base_url()
        self.requests = 0
        self._last = 0.0

    def kpis(self, ids: Iterable[str]) -> list[dict]:
        """The metadata of the KPIs with these ids that Kolada has."""
        found: list[dict] = []
        for part in chunks(sorted(set(ids))):
            found += self.pages(f"{self.base}/kpi/{','.join(part)}")
        return found

    def data(self, kpis: Iterable[str], codes: Iterable[str], years: Iterable[int]) -> list[dict]:
        """The values of these KPIs for these municipalities/regions and years."""
        found: list[dict] = []
        year_texts = [str(year) for year in sorted(set(years))]
        for kpi_part in chunks(sorted(set(kpis))):
            for code_part in chunks(sorted(set(codes))):
                for year_part in chunks(year_texts):
                    found += self.pages(
                        f"{self.base}/data/kpi/{','.join(kpi_part)}"
                        f"/municipality/{','.join(code_part)}/year/{','.join(year_part)}"
                    )
        return found

    def pages(self, url: str) -> list[dict]:
        """The `values` of the answer at `url` and of every page after it (`next_url`)."""
        values: list[dict] = []
        seen: set[str] = set()
        while url and url not in seen:
            seen.add(url)
            answer = self.get_json(url)
            page = answer.get("values") if isinstance(answer, dict) else None
            if not isinstance(page, list) or not all(isinstance(item, dict) for item in page):
                raise malformed(url, "values")
            values += page
            url = answer.get("next_url") or ""
        return values

    def get_json(self, url: str) -> object:
        """The JSON at `url`, after retries; a `KoladaError` saying what failed."""
        for attempt in range(RETRIES + 1):
            self._wait(PAUSE - (time.monotonic() - self._last))
            self.requests += 1
            try:
                return self._get(url)
            except urllib.error.HTTPError as error:
                retry = error.code == 429 or error.code >= 500
                if not retry or attempt == RETRIES:
                    raise _http_error(url, error.code, attempt) from None
                self._wait(_retry_wait(error.headers.get("Retry-After"), attempt))
            finally:
                self._last = time.monotonic()
        raise AssertionError("unreachable")

    def _get(self, url: str) -> object:
        request = urllib.request.Request(
            url, headers={"Accept": "application/json", "User-Agent": USER_AGENT}
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                body = response.read()
        except urllib.error.HTTPError:
            raise
        except urllib.error.URLError as error:
            raise _unreachable(url, error.reason) from None
        except (OSError, http.client.HTTPException) as error:
            raise _unreachable(url, error) from None
        try:
            return json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise malformed(url, None) from None

    @staticmethod
    def _wait(seconds: float) -> None:
        if seconds > 0:
            time.sleep(min(seconds, MAX_WAIT))


def _retry_wait(retry_after: str | None, attempt: int) -> float:
    """Retry-After in seconds when Kolada sends it, else the back-off; capped."""
    try:
        asked = float(retry_after) if retry_after else None
    except ValueError:  # an HTTP date: not worth parsing for a capped wait
        asked = None
    return min(asked if asked is not None else BACKOFF * 2**attempt, MAX_WAIT)


def _unreachable(url: str, reason: object) -> KoladaError:
    if isinstance(reason, socket.gaierror):
        sv, en = "namnet kunde inte slås upp (DNS)", "the name could not be looked up (DNS)"
    elif isinstance(reason, TimeoutError | socket.timeout) or "timed out" in str(reason):
        sv = f"inget svar inom {TIMEOUT:g} sekunder"
        en = f"no answer within {TIMEOUT:g} seconds"
    elif isinstance(reason, ConnectionRefusedError):
        sv, en = "anslutningen nekades", "the connection was refused"
    else:
        sv = en = str(reason)
    return KoladaError(
        f"Kunde inte nå Kolada: {sv} ({url}).",
        hint="Kontrollera nätverket och försök igen; planen och cachen är orörda. "
        f"Adressen kan ändras med {URL_VARIABLE}.",
        english=(
            f"Could not reach Kolada: {en} ({url}).",
            "Check the network and try again; the plan and the cache are untouched. "
            f"The address can be changed with {URL_VARIABLE}.",
        ),
    )


def _http_error(url: str, status: int, attempt: int) -> KoladaError:
    tries = attempt + 1
    return KoladaError(
        f"Kolada svarade HTTP {status} efter {tries} försök ({url}).",
        hint="Försök igen om en stund; planen och cachen är orörda.",
        english=(
            f"Kolada answered HTTP {status} after {tries} tries ({url}).",
            "Try again in a while; the plan and the cache are untouched.",
        ),
    )


def malformed(url: str, field: str | None) -> KoladaError:
    what_sv = f"saknar listan {field}" if field else "är inte giltig JSON"
    what_en = f"lacks the list {field}" if field else "is not valid JSON"
    return KoladaError(
        f"Koladas svar {what_sv} ({url}).",
        hint="Försök igen senare, eller kontrollera adressen i "
        f"{URL_VARIABLE}; planen och cachen är orörda.",
        english=(
            f"Kolada's answer {what_en} ({url}).",
            f"Try again later, or check the address in {URL_VARIABLE}; "
            "the plan and the cache are untouched.",
        ),
    )
