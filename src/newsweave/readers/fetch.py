"""Inputs named by URL: a feed, page or archive fetched over HTTP(S), safely.

Only `http://` and `https://` are fetched; anything else is treated as a file
path, so a typed `file://` or `ftp://` name cannot reach beyond what the user
could read anyway. A fetch has a timeout and a size cap: the body is streamed
and abandoned as soon as it passes the cap, so a huge or endless response
costs no more than the cap. What comes back is an ordinary `RawDoc` named by
the URL; its format is recognised from its bytes (see `sniff_kind`), since
feed URLs rarely end in a suffix.

A URL may be written by someone other than the person running newsweave (a
shared list of sources, a job queued by a service), so the fetcher must not
be a way into the machine or network it runs on (server-side request
forgery). It refuses any
address that is not public internet: loopback, private, link-local
(including the cloud metadata address, which hands out credentials),
unspecified, multicast, reserved, shared carrier-grade NAT, and IPv6 forms
carrying any of these; `addresses.refusal` is the policy and names the class
in the error. The check is made after name resolution, on every address the
host resolves to (one bad address refuses the host, since a name with a
private and a public address is a rebinding setup), and on numeric hosts in
every spelling a resolver accepts (`2130706433`, `0x7f.1`, `[::1]`).

The request then goes to the very address that was checked: the URL sent to
httpx carries the IP, the `Host` header keeps the name and TLS gets the name
for SNI and certificate checks (`sni_hostname`), so a DNS answer that changes
between the check and the connection (DNS rebinding) cannot switch the
target. This was preferred over a custom transport that resolves inside the
connection, because it keeps httpx's own transport, TLS and proxy handling
and needs no private httpcore hooks. Redirects are followed here, not by
httpx, at most `MAX_REDIRECTS` hops, and each hop is checked again for its
scheme (HTTP(S) only) and its addresses.

The resolver and the transport are injectable, so tests run against
`httpx.MockTransport` and a fixed table of names, never touching the network
or DNS. Without an injected resolver the system's (`socket.getaddrinfo`)
decides, whatever the transport.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from newsweave.errors import InputError
from newsweave.models import RawDoc
from newsweave.readers.addresses import IPAddress, literal_address, refusal

SCHEMES = ("http://", "https://")
TIMEOUT_SECONDS = 20.0
MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_USER_AGENT = "newsweave (+https://example.invalid/newsweave)"
_HINT = "check the URL and the network"
_REFUSED_HINT = "newsweave fetches only public internet addresses"

_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):", re.IGNORECASE)

# Called like `socket.getaddrinfo(host, port)`; item [4][0] of each answer is an address.
Resolver = Callable[[str, int], Sequence[tuple[Any, ...]]]


def is_url(path: str) -> bool:
    """Whether an input names an HTTP(S) URL rather than a file."""
    return path.lower().startswith(SCHEMES)


class _Refused(Exception):
    """A hop that may not be fetched; `reason` is "a private address (10.0.0.5)" or similar."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


def _refuse_other_schemes(response: httpx.Response) -> None:
    """A response hook: a redirect to a scheme other than HTTP(S) is refused as written, before
    httpx parses its `Location` (which some schemes would fail or reshape)."""
    location = response.headers.get("Location", "")
    scheme = _SCHEME.match(location.strip())
    if (
        response.status_code in REDIRECT_STATUSES
        and scheme
        and scheme.group(1).lower() not in ("http", "https")
    ):
        raise _Refused(f"a {scheme.group(1).lower()} URL", location)


@dataclass(frozen=True)
class _Hop:
    """One request to make: the URL as named, and the checked addresses to send it to."""

    url: httpx.URL
    addresses: tuple[IPAddress, ...]  # empty: send to the URL as is (injected transport, no resolver)


@dataclass(frozen=True)
class Fetcher:
    """Fetches one public URL's body, within a timeout, a size cap and a redirect limit."""

    transport: httpx.BaseTransport | None = None
    timeout: float = TIMEOUT_SECONDS
    resolver: Resolver | None = None

    def __call__(self, url: str, max_bytes: int) -> RawDoc:
        """The body at `url`; raises `InputError` for a refused address or scheme, an error
        status, too many redirects, a failure or an oversize body."""
        if not is_url(url):
            raise InputError(url, "only http:// and https:// URLs are fetched")
        try:
            with httpx.Client(
                transport=self.transport,
                timeout=self.timeout,
                follow_redirects=False,
                headers={"User-Agent": _USER_AGENT},
                event_hooks={"response": [_refuse_other_schemes]},
            ) as client:
                return RawDoc(path=url, data=self._follow(client, url, max_bytes))
        except (httpx.HTTPError, httpx.InvalidURL, ValueError) as error:  # ValueError: bad host names
            reason = " ".join(str(error).split()) or type(error).__name__
            raise InputError(url, f"cannot fetch ({reason})", hint=_HINT) from error

    def _follow(self, client: httpx.Client, url: str, max_bytes: int) -> bytes:
        """The body at the end of `url`'s redirect chain, each hop checked before it is requested."""
        target = httpx.URL(url)
        for hop_number in range(MAX_REDIRECTS + 1):
            hop = self._checked_hop(url, target, redirected=hop_number > 0)
            try:
                with self._send(client, hop) as response:
                    location = response.headers.get("Location")
                    if response.status_code in REDIRECT_STATUSES and location:
                        target = hop.url.join(location)
                        continue
                    if response.status_code >= 400:
                        raise InputError(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body += chunk
                        if len(body) > max_bytes:
                            raise InputError(url, f"response larger than {max_bytes:,} bytes")
                    return bytes(body)
            except _Refused as refused:  # from `_refuse_other_schemes`
                problem = f"redirect to {refused.reason} refused: {refused.detail}"
                raise InputError(url, problem, hint=_REFUSED_HINT) from None
        raise InputError(url, f"more than {MAX_REDIRECTS} redirects", hint=_HINT)

    def _checked_hop(self, url: str, target: httpx.URL, redirected: bool) -> _Hop:
        """`target` with the addresses it may be sent to; raises `InputError` when refused."""
        try:
            if target.scheme not in ("http", "https"):
                raise _Refused(f"a {target.scheme or 'scheme-less'} URL", "only http and https are followed")
            return _Hop(target, self._addresses(target))
        except _Refused as refused:
            if redirected:
                problem = f"redirect to {refused.reason} refused: {target}"
            else:
                problem = f"{refused.reason} refused" + (f": {refused.detail}" if refused.detail else "")
            raise InputError(url, problem, hint=_REFUSED_HINT) from None

    def _addresses(self, target: httpx.URL) -> tuple[IPAddress, ...]:
        """Every address `target`'s host stands for, each allowed by the policy, or `_Refused`."""
        host = target.raw_host.decode("ascii")
        if not host:
            raise _Refused("a URL without a host")
        try:
            literal = literal_address(host)
        except ValueError as error:
            raise _Refused(f"a malformed address ({host})") from error
        if literal is not None:
            found: tuple[IPAddress, ...] = (literal,)
        else:
            found = self._resolve(host, target.port or (443 if target.scheme == "https" else 80))
        for address in found:
            reason = refusal(address)
            if reason is not None:
                raise _Refused(reason, "" if literal is not None else f"{host} resolves to it")
        return found

    def _resolve(self, host: str, port: int) -> tuple[IPAddress, ...]:
        """The distinct addresses `host` resolves to, in the resolver's order."""
        resolve = self.resolver or socket.getaddrinfo
        try:
            answers = resolve(host, port)
        except (OSError, UnicodeError) as error:
            raise httpx.ConnectError(f"cannot resolve {host}: {error}") from error
        found: list[IPAddress] = []
        for answer in answers:
            try:
                address = ipaddress.ip_address(str(answer[4][0]))
            except (ValueError, IndexError, TypeError) as error:
                raise _Refused(f"an unreadable address ({answer!r})", f"{host} resolves to it") from error
            if address not in found:
                found.append(address)
        if not found:
            raise httpx.ConnectError(f"cannot resolve {host}: no addresses")
        return tuple(found)

    @contextmanager
    def _send(self, client: httpx.Client, hop: _Hop) -> Iterator[httpx.Response]:
        """The streamed response to GET `hop.url`, sent to its first checked address that accepts
        a connection; the `Host` header and TLS name stay those of the URL."""
        if not hop.addresses:
            with client.stream("GET", hop.url) as response:
                yield response
            return
        name = hop.url.raw_host.decode("ascii")
        host_header = f"[{name}]" if ":" in name else name
        if hop.url.port is not None:
            host_header += f":{hop.url.port}"
        extensions = {} if literal_address(name) is not None else {"sni_hostname": name}
        for index, address in enumerate(hop.addresses):
            pinned = hop.url.copy_with(host=str(address))
            request = client.build_request(
                "GET", pinned, headers={"Host": host_header}, extensions=extensions
            )
            try:
                response = client.send(request, stream=True)
            except httpx.ConnectError:
                if index + 1 == len(hop.addresses):
                    raise
                continue
            try:
                yield response
            finally:
                response.close()
            return


__all__ = ["MAX_REDIRECTS", "TIMEOUT_SECONDS", "Fetcher", "Resolver", "is_url"]
