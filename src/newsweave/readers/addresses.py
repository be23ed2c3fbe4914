"""Which network addresses a fetch may reach: public internet ones only.

A URL given to newsweave (on the command line, or through the web service by
someone else) must not make it a proxy into the machine or network it runs
on: `http://127.0.0.1:5432/`, a router's admin page at `192.168.1.1`, or the
cloud metadata service at `169.254.169.254` (which hands out credentials)
are refused, whether the URL names the address itself, a redirect points
there, or a host name resolves to it.

`refusal` is the policy. It starts from what `ipaddress` calls global and
names the class of anything else, so the error says why: unspecified,
loopback, cloud metadata, link-local, multicast, shared (carrier-grade NAT),
private, site-local, reserved, and any other range that is not global
(documentation, benchmarking, "this network"). An IPv6 address that carries
an IPv4 one (IPv4-mapped `::ffff:a.b.c.d`, NAT64 `64:ff9b::/96`, 6to4
`2002::/16`) is judged by the IPv4 address it carries, since that is where
the packets end up.

`literal_address` reads a host that is an address in any spelling a system
resolver accepts: bracketed IPv6, the dotted quad, and the old `inet_aton`
forms (`2130706433`, `0x7f.1`, `0177.0.0.1`, `127.1`). Reading them here,
instead of leaving them to the resolver, means the policy sees the real
address whatever resolver is in use.
"""

from __future__ import annotations

import ipaddress
import re

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Cloud instance metadata services; link-local or shared already, but named
# explicitly so the error says what was being reached for.
METADATA_ADDRESSES = frozenset(
    {
        ipaddress.ip_address("169.254.169.254"),  # most clouds
        ipaddress.ip_address("169.254.170.2"),  # container task metadata
        ipaddress.ip_address("100.100.100.200"),  # a shared-range metadata service
        ipaddress.ip_address("fd00:ec2::254"),  # an IPv6 metadata service
    }
)
SHARED_NETWORK = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT (RFC 6598)
NAT64_NETWORK = ipaddress.ip_network("64:ff9b::/96")  # well-known NAT64 prefix (RFC 6052)

_NUMERIC_PART = re.compile(r"0x[0-9a-f]*|[0-9]+", re.IGNORECASE)


def _inet_aton_part(part: str) -> int | None:
    """One part of a numeric IPv4 host as `inet_aton` reads it: hex, octal or decimal."""
    lowered = part.lower()
    if lowered.startswith("0x"):
        return int(lowered[2:] or "0", 16)
    if len(part) > 1 and part.startswith("0"):
        return int(part, 8) if all(c in "01234567" for c in part) else None
    return int(part)


def _numeric_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """A host made only of numbers (1 to 4 dotted parts), read the way `inet_aton` does.

    With fewer than four parts the last one fills the remaining bytes, so
    `127.1` is 127.0.0.1 and `2130706433` is 127.0.0.1 too.
    """
    parts = host.split(".")
    if not 1 <= len(parts) <= 4 or not all(_NUMERIC_PART.fullmatch(part) for part in parts):
        return None
    values = [_inet_aton_part(part) for part in parts]
    if any(value is None for value in values):
        raise ValueError(f"malformed numeric address {host!r}")
    numbers = [value for value in values if value is not None]
    last_bits = 8 * (5 - len(numbers))
    if any(value > 255 for value in numbers[:-1]) or numbers[-1] >= 1 << last_bits:
        raise ValueError(f"numeric address out of range {host!r}")
    packed = 0
    for value in numbers[:-1]:
        packed = packed << 8 | value
    return ipaddress.IPv4Address(packed << last_bits | numbers[-1])


def literal_address(host: str) -> IPAddress | None:
    """The address a host names literally, or None for a host name.

    Accepts `[v6]` or bare IPv6 (with a `%zone`, percent-encoded or not), and
    every IPv4 spelling `inet_aton` accepts; one trailing dot is ignored.
    Raises `ValueError` for a host that is numeric but no valid address.
    """
    text = host.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    if ":" in text:
        return ipaddress.IPv6Address(text.replace("%25", "%", 1))
    if text.endswith("."):
        text = text[:-1]
    return _numeric_ipv4(text)


def _carried_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one stands for, where packets would really go."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in NAT64_NETWORK:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address.sixtofour


def _address_class(address: IPAddress) -> str | None:
    """The class that makes an address off limits, or None if it is public. The
    order matters: the first that applies names it (the metadata address is
    link-local too, but "cloud metadata" says more)."""
    checks = [
        (address.is_unspecified, "an unspecified"),
        (address.is_loopback, "a loopback"),
        (address in METADATA_ADDRESSES, "a cloud metadata"),
        (address.is_link_local, "a link-local"),
        (address.is_multicast, "a multicast"),
    ]
    if isinstance(address, ipaddress.IPv4Address):
        checks += [
            (address in SHARED_NETWORK, "a shared (carrier-grade NAT)"),
            (address.is_reserved, "a reserved"),
            (address.is_private, "a private"),
        ]
    else:
        checks += [
            (address.is_site_local, "a site-local"),
            (address.is_private, "a private"),
            (address.is_reserved, "a reserved"),
        ]
    checks.append((not address.is_global, "a non-public"))
    return next((name for hit, name in checks if hit), None)


def refusal(address: IPAddress) -> str | None:
    """Why a fetch may not reach `address` ("a private address (10.0.0.5)"), or None if it may."""
    judged: IPAddress = address
    if isinstance(address, ipaddress.IPv6Address):
        judged = _carried_ipv4(address) or address
    name = _address_class(judged)
    if name is None:
        return None
    shown = str(address) if judged == address else f"{address}, carrying {judged}"
    return f"{name} address ({shown})"


__all__ = ["METADATA_ADDRESSES", "IPAddress", "literal_address", "refusal"]
