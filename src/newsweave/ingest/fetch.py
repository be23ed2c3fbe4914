"""Inputs named by URL: a feed, page or archive fetched over HTTP(S).

Only `http://` and `https://` are fetched; anything else is treated as a file
path, so a typed `file://` or `ftp://` name cannot reach beyond what the user
could read anyway. A fetch has a timeout and a size cap: the body is streamed
and abandoned as soon as it passes the cap, so a huge or endless response costs
no more than the cap. Redirects are followed a few times (httpx refuses any
scheme but HTTP(S) there too). What comes back is an ordinary `RawDoc` named by
the URL; its format is recognised from its bytes (see `sniff_kind`), since
feed URLs rarely end in a suffix.

The transport is injectable so tests run against `httpx.MockTransport` and
never touch the network.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from newsweave.errors import InputError
from newsweave.models import RawDoc

SCHEMES = ("http://", "https://")
TIMEOUT_SECONDS = 20.0
MAX_REDIRECTS = 5
_USER_AGENT = "newsweave (+https://example.invalid/newsweave)"


def is_url(path: str) -> bool:
    """Whether an input names an HTTP(S) URL rather than a file."""
    return path.lower().startswith(SCHEMES)


@dataclass(frozen=True)
class Fetcher:
    """Fetches one URL's body, within a timeout and a size cap."""

    transport: httpx.BaseTransport | None = None
    timeout: float = TIMEOUT_SECONDS

    def __call__(self, url: str, max_bytes: int) -> RawDoc:
        """The body at `url`; raises `InputError` for an error status, a failure or an oversize body."""
        if not is_url(url):
            raise InputError(url, "only http:// and https:// URLs are fetched")
        try:
            with (
                httpx.Client(
                    transport=self.transport,
                    timeout=self.timeout,
                    follow_redirects=True,
                    max_redirects=MAX_REDIRECTS,
                    headers={"User-Agent": _USER_AGENT},
                ) as client,
                client.stream("GET", url) as response,
            ):
                if response.status_code >= 400:
                    raise InputError(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > max_bytes:
                        raise InputError(url, f"response larger than {max_bytes:,} bytes")
        except (httpx.HTTPError, httpx.InvalidURL, ValueError) as error:  # ValueError: bad host names
            reason = " ".join(str(error).split()) or type(error).__name__
            raise InputError(url, f"cannot fetch ({reason})", hint="check the URL and the network") from error
        return RawDoc(path=url, data=bytes(body))
