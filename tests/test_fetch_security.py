"""The URL fetcher refuses every non-public address, on every hop, after resolution.

No real network and no real DNS: requests go to `httpx.MockTransport` and names
resolve through a fixed table (`FakeDNS`), shaped like `socket.getaddrinfo`.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from typing import Any

import httpx
import pytest

from newsweave.errors import InputError
from newsweave.readers import Fetcher
from newsweave.readers.addresses import literal_address, refusal
from newsweave.readers.fetch import MAX_REDIRECTS

PUBLIC_V4 = "52.10.20.30"
PUBLIC_V6 = "2a01:4f8:10::30"
NAMES: dict[str, list[str]] = {
    "news.example": [PUBLIC_V4],
    "dual.example": [PUBLIC_V6, "52.10.20.31"],
    "mirror.example": ["52.10.20.40"],
    "localhost": ["127.0.0.1", "::1"],
    "intranet.example": ["10.0.0.5"],
    "router.example": ["192.168.1.1"],
    "metadata.example": ["169.254.169.254"],
    "cgnat.example": ["100.64.1.2"],
    "v6private.example": ["fd12:3456::1"],
    "mapped.example": ["::ffff:10.0.0.1"],
    "mixed.example": ["52.10.20.32", "172.16.4.4"],
}


class FakeDNS:
    """A resolver answering from `NAMES` (or `answers`), counting each question."""

    def __init__(self, answers: Callable[[str, int], list[str]] | None = None) -> None:
        self.questions: list[tuple[str, int]] = []
        self.answers = answers or (lambda host, _port: NAMES.get(host, []))

    def __call__(self, host: str, port: int) -> Sequence[tuple[Any, ...]]:
        self.questions.append((host, port))
        found = self.answers(host, port)
        if not found:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
            for a in found
        ]


class Site:
    """A mock web site: `routes` maps a path to a response; every request is recorded."""

    def __init__(self, routes: dict[str, httpx.Response] | None = None) -> None:
        self.routes = routes or {}
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.routes.get(request.url.path, httpx.Response(404))


def _fetcher(site: Site, dns: FakeDNS | None = None) -> Fetcher:
    return Fetcher(transport=httpx.MockTransport(site), resolver=dns or FakeDNS())


def _refused(url: str, site: Site | None = None, dns: FakeDNS | None = None) -> str:
    """The problem reported for `url`, checking that nothing was requested."""
    site = site or Site({"/": httpx.Response(200, content=b"secret")})
    with pytest.raises(InputError) as caught:
        _fetcher(site, dns)(url, 10_000)
    assert caught.value.path == url
    assert site.requests == [], "a refused URL must never reach the transport"
    return caught.value.problem


def _redirect(location: str, status: int = 302) -> httpx.Response:
    return httpx.Response(status, headers={"Location": location})


# Literal addresses, one case per (host, class); the class is the error's first words.
LITERAL_CASES = [
    # IPv4
    ("127.0.0.1", "a loopback"),
    ("127.255.255.254", "a loopback"),
    ("10.0.0.5", "a private"),
    ("172.16.0.1", "a private"),
    ("172.31.255.255", "a private"),
    ("192.168.1.1", "a private"),
    ("169.254.0.1", "a link-local"),
    ("169.254.169.254", "a cloud metadata"),
    ("0.0.0.0", "an unspecified"),
    ("0.1.2.3", "a private"),  # "this network"
    ("224.0.0.1", "a multicast"),
    ("239.255.255.250", "a multicast"),
    ("240.0.0.1", "a reserved"),
    ("255.255.255.255", "a reserved"),
    ("100.64.0.1", "a shared (carrier-grade NAT)"),
    ("100.127.255.254", "a shared (carrier-grade NAT)"),
    ("100.100.100.200", "a cloud metadata"),
    ("192.0.2.1", "a private"),  # documentation
    ("198.18.0.1", "a private"),  # benchmarking
    # IPv6 literals
    ("[::1]", "a loopback"),
    ("[::]", "an unspecified"),
    ("[fc00::1]", "a private"),
    ("[fd12:3456::1]", "a private"),
    ("[fd00:ec2::254]", "a cloud metadata"),
    ("[fe80::1]", "a link-local"),
    ("[fe80::1%25eth0]", "a link-local"),
    ("[fec0::1]", "a site-local"),
    ("[ff02::1]", "a multicast"),
    ("[ff0e::1]", "a multicast"),
    ("[::127.0.0.1]", "a reserved"),  # IPv4-compatible (deprecated)
    ("[2001:db8::1]", "a private"),  # documentation
    # IPv6 forms carrying an IPv4 address
    ("[::ffff:127.0.0.1]", "a loopback"),
    ("[::ffff:7f00:1]", "a loopback"),
    ("[::ffff:10.0.0.5]", "a private"),
    ("[::ffff:169.254.169.254]", "a cloud metadata"),
    ("[::ffff:0.0.0.0]", "an unspecified"),
    ("[::ffff:100.64.0.1]", "a shared (carrier-grade NAT)"),
    ("[64:ff9b::a00:5]", "a private"),  # NAT64 of 10.0.0.5
    ("[2002:c0a8:101::1]", "a private"),  # 6to4 of 192.168.1.1
    # Numeric IPv4 spellings a resolver accepts
    ("2130706433", "a loopback"),
    ("0x7f000001", "a loopback"),
    ("0x7f.1", "a loopback"),
    ("0x7f.0.0.1", "a loopback"),
    ("127.1", "a loopback"),
    ("017700000001", "a loopback"),
    ("127.0.0.1.", "a loopback"),
    ("0", "an unspecified"),
    ("3232235777", "a private"),  # 192.168.1.1
    ("0xa9.0xfe.0xa9.0xfe", "a cloud metadata"),
    ("0xA9FEA9FE", "a cloud metadata"),
    ("2852039166", "a cloud metadata"),
]


@pytest.mark.parametrize(("host", "kind"), LITERAL_CASES)
def test_each_non_public_literal_address_is_refused_without_resolving(host: str, kind: str) -> None:
    dns = FakeDNS()
    for scheme in ("http", "https"):
        problem = _refused(f"{scheme}://{host}/feed", dns=dns)
        assert problem.startswith(f"{kind} address (")
        assert problem.endswith(") refused")
    assert dns.questions == [], "a literal address is read, not resolved"


def test_the_error_names_the_address_and_any_ipv4_it_carries() -> None:
    assert _refused("http://2130706433/") == "a loopback address (127.0.0.1) refused"
    assert (
        _refused("http://[::ffff:127.0.0.1]/")
        == "a loopback address (::ffff:7f00:1, carrying 127.0.0.1) refused"
    )
    assert (
        _refused("http://[64:ff9b::a00:5]/")
        == "a private address (64:ff9b::a00:5, carrying 10.0.0.5) refused"
    )


NAME_CASES = [
    ("localhost", "a loopback address (127.0.0.1)"),
    ("intranet.example", "a private address (10.0.0.5)"),
    ("router.example", "a private address (192.168.1.1)"),
    ("metadata.example", "a cloud metadata address (169.254.169.254)"),
    ("cgnat.example", "a shared (carrier-grade NAT) address (100.64.1.2)"),
    ("v6private.example", "a private address (fd12:3456::1)"),
    ("mapped.example", "a private address (::ffff:a00:1, carrying 10.0.0.1)"),
    ("mixed.example", "a private address (172.16.4.4)"),  # one bad answer among good ones
]


@pytest.mark.parametrize(("host", "reason"), NAME_CASES)
def test_a_name_resolving_to_a_non_public_address_is_refused(host: str, reason: str) -> None:
    dns = FakeDNS()
    assert _refused(f"https://{host}/feed", dns=dns) == f"{reason} refused: {host} resolves to it"
    assert dns.questions == [(host, 443)]


def test_a_public_fetch_goes_to_the_checked_address_with_the_name_kept() -> None:
    site = Site({"/feed": httpx.Response(200, content=b"<rss/>")})
    dns = FakeDNS()
    doc = _fetcher(site, dns)("https://news.example/feed?page=2", 1000)
    assert (doc.path, doc.data) == ("https://news.example/feed?page=2", b"<rss/>")
    assert dns.questions == [("news.example", 443)]
    [request] = site.requests
    assert str(request.url) == f"https://{PUBLIC_V4}/feed?page=2"
    assert request.headers["Host"] == "news.example"
    assert request.extensions["sni_hostname"] == "news.example"


def test_a_port_and_an_ipv6_answer_are_kept_in_the_pinned_request() -> None:
    site = Site({"/a": httpx.Response(200, content=b"ok")})
    dns = FakeDNS()
    assert _fetcher(site, dns)("http://dual.example:8080/a", 100).data == b"ok"
    assert dns.questions == [("dual.example", 8080)]
    [request] = site.requests
    assert str(request.url) == f"http://[{PUBLIC_V6}]:8080/a"
    assert request.headers["Host"] == "dual.example:8080"


def test_public_literal_addresses_are_fetched_without_sni() -> None:
    site = Site({"/a": httpx.Response(200, content=b"ok")})
    for url in (f"https://{PUBLIC_V4}/a", f"https://[{PUBLIC_V6}]/a", "http://[::ffff:52.10.20.30]/a"):
        assert _fetcher(site)(url, 100).data == b"ok"
    assert [request.headers["Host"] for request in site.requests] == [
        PUBLIC_V4,
        f"[{PUBLIC_V6}]",
        "[::ffff:52.10.20.30]",
    ]
    assert all("sni_hostname" not in request.extensions for request in site.requests)


def test_a_dns_answer_that_changes_after_the_check_cannot_switch_the_target() -> None:
    answers = iter([[PUBLIC_V4], ["127.0.0.1"], ["127.0.0.1"]])
    dns = FakeDNS(lambda _host, _port: next(answers))
    site = Site({"/feed": httpx.Response(200, content=b"public")})
    assert _fetcher(site, dns)("http://rebind.example/feed", 100).data == b"public"
    assert len(dns.questions) == 1
    assert [request.url.host for request in site.requests] == [PUBLIC_V4]


def test_the_next_checked_address_is_tried_when_one_does_not_connect() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.host)
        if request.url.host == PUBLIC_V6:
            raise httpx.ConnectError("network unreachable", request=request)
        return httpx.Response(200, content=b"over IPv4")

    fetch = Fetcher(transport=httpx.MockTransport(handler), resolver=FakeDNS())
    assert fetch("http://dual.example/", 100).data == b"over IPv4"
    assert seen == [PUBLIC_V6, "52.10.20.31"]


REDIRECT_CASES = [
    ("http://10.0.0.5/admin", "redirect to a private address (10.0.0.5) refused: http://10.0.0.5/admin"),
    ("http://127.0.0.1:6379/", "redirect to a loopback address (127.0.0.1) refused: http://127.0.0.1:6379/"),
    ("http://[::1]/", "redirect to a loopback address (::1) refused: http://[::1]/"),
    ("http://0x7f.1/", "redirect to a loopback address (127.0.0.1) refused: http://0x7f.1/"),
    (
        "http://169.254.169.254/latest/meta-data/",
        "redirect to a cloud metadata address (169.254.169.254) refused: http://169.254.169.254/latest/meta-data/",
    ),
    (
        "https://intranet.example/wiki",
        "redirect to a private address (10.0.0.5) refused: https://intranet.example/wiki",
    ),
    (
        "//metadata.example/x",
        "redirect to a cloud metadata address (169.254.169.254) refused: https://metadata.example/x",
    ),
]


@pytest.mark.parametrize(("location", "problem"), REDIRECT_CASES)
def test_a_redirect_to_a_non_public_address_is_refused(location: str, problem: str) -> None:
    site = Site({"/feed": _redirect(location)})
    with pytest.raises(InputError) as caught:
        _fetcher(site)("https://news.example/feed", 1000)
    assert (caught.value.path, caught.value.problem) == ("https://news.example/feed", problem)
    assert [request.url.path for request in site.requests] == ["/feed"], "the refused hop is never requested"


def test_a_redirect_chain_turns_private_at_its_third_hop() -> None:
    site = Site({"/a": _redirect("https://mirror.example/b", 301), "/b": _redirect("/c", 307)})
    site.routes["/c"] = _redirect("http://router.example/setup", 308)
    with pytest.raises(InputError) as caught:
        _fetcher(site)("https://news.example/a", 1000)
    assert (
        caught.value.problem
        == "redirect to a private address (192.168.1.1) refused: http://router.example/setup"
    )
    assert [(r.url.host, r.headers["Host"], r.url.path) for r in site.requests] == [
        (PUBLIC_V4, "news.example", "/a"),
        ("52.10.20.40", "mirror.example", "/b"),
        ("52.10.20.40", "mirror.example", "/c"),
    ]


SCHEME_CASES = [
    "file:///etc/passwd",
    "ftp://news.example/feed",
    "gopher://news.example:70/",
    "data:text/plain,hi",
]


@pytest.mark.parametrize("location", SCHEME_CASES)
def test_a_redirect_to_another_scheme_is_refused(location: str) -> None:
    site = Site({"/feed": _redirect(location)})
    with pytest.raises(InputError) as caught:
        _fetcher(site)("https://news.example/feed", 1000)
    scheme = location.split(":")[0]
    assert caught.value.problem == f"redirect to a {scheme} URL refused: {location}"
    assert len(site.requests) == 1


def _chain(length: int) -> Site:
    """`/0` redirects to `/1` ... up to `/{length}`, which answers."""
    site = Site({f"/{hop}": _redirect(f"/{hop + 1}") for hop in range(length)})
    site.routes[f"/{length}"] = httpx.Response(200, content=b"end")
    return site


def test_redirects_are_followed_up_to_the_limit_and_no_further() -> None:
    assert _fetcher(_chain(MAX_REDIRECTS))("http://news.example/0", 100).data == b"end"
    site = _chain(MAX_REDIRECTS + 1)
    with pytest.raises(InputError) as caught:
        _fetcher(site)("http://news.example/0", 100)
    assert caught.value.problem == f"more than {MAX_REDIRECTS} redirects"
    assert len(site.requests) == MAX_REDIRECTS + 1


def test_an_error_status_is_reported_with_its_reason() -> None:
    site = Site({"/gone": httpx.Response(410), "/broken": httpx.Response(500)})
    for path, problem in (
        ("/gone", "HTTP 410 Gone"),
        ("/broken", "HTTP 500 Internal Server Error"),
        ("/x", "HTTP 404 Not Found"),
    ):
        with pytest.raises(InputError) as caught:
            _fetcher(site)(f"http://news.example{path}", 100)
        assert caught.value.problem == problem


def test_the_body_is_capped() -> None:
    site = Site(
        {
            "/exact": httpx.Response(200, content=b"x" * 1000),
            "/over": httpx.Response(200, content=b"x" * 1001),
        }
    )
    assert len(_fetcher(site)("http://news.example/exact", 1000).data) == 1000
    with pytest.raises(InputError) as caught:
        _fetcher(site)("http://news.example/over", 1000)
    assert caught.value.problem == "response larger than 1,000 bytes"


@pytest.mark.parametrize("error", [httpx.ConnectTimeout, httpx.ReadTimeout, httpx.ConnectError])
def test_timeouts_and_failures_are_input_errors(error: type[httpx.TransportError]) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise error("timed out", request=request)

    with pytest.raises(InputError) as caught:
        Fetcher(transport=httpx.MockTransport(handler), resolver=FakeDNS())("http://news.example/", 100)
    assert caught.value.problem == "cannot fetch (timed out)"
    assert caught.value.hint == "check the URL and the network"


def test_an_unknown_name_or_a_bad_url_cannot_be_fetched() -> None:
    for url, problem in (
        (
            "http://nowhere.example/",
            "cannot fetch (cannot resolve nowhere.example: [Errno -2] Name or service not known)",
        ),
        ("http://0177.0.0.1/", "cannot fetch (Invalid IPv4 address: '0177.0.0.1')"),
        ("http://[::1/", "cannot fetch (Invalid port: ':1')"),
    ):
        with pytest.raises(InputError) as caught:
            _fetcher(Site())(url, 100)
        assert caught.value.problem == problem
    assert _refused("http://0x100000000/") == "a malformed address (0x100000000) refused"
    assert _refused("ftp://news.example/") == "only http:// and https:// URLs are fetched"


def test_the_policy_allows_public_addresses_in_every_form() -> None:
    for text in (
        PUBLIC_V4,
        PUBLIC_V6,
        "1.1.1.1",
        "::ffff:52.10.20.30",
        "64:ff9b::808:808",
        "2002:3434:1414::1",
    ):
        assert refusal(ipaddress.ip_address(text)) is None, text
    assert literal_address("news.example") is None
    assert literal_address("1.2.3.4.5") is None
    assert literal_address("[::1]") == ipaddress.ip_address("::1")
