"""The CDP notification datagram, quattor's wire format, in one place.

quattor's build server tells a node "your profile changed" with one UDP
datagram to port 7777 (the ``cdp-listend`` daemon on the node then runs
``ccm-fetch``).  The payload is ASCII: a short message type, a NUL byte, and
the profile's modification time in whole seconds since the epoch, for example
``b"ccm\\0" b"1700000000"``.  ``ccm`` asks for a profile fetch; ``cdb`` is the
older type that cdp-listend also understands.  :func:`encode` and
:func:`decode` are the only code that knows this layout: the sender
(:mod:`pancompiler.serve.notify`) and the node's listener both import them.
Like cdp-listend, :func:`decode` also accepts any single separator byte in
place of the NUL and a trailing newline (``b"ccm 1700000000\\n"``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT_PORT = 7777
MAX_DATAGRAM = 1024  # cdp-listend reads at most this many bytes
TYPES = ("ccm", "cdb")

_WIRE = re.compile(rb"^([A-Za-z0-9_]+)[^A-Za-z0-9_]([0-9]{1,20})\r?\n?$")


class CdpError(ValueError):
    """A datagram that is not a CDP notification."""


@dataclass(frozen=True, slots=True)
class Notification:
    """What a datagram says: ``kind`` ("ccm" or "cdb") and the profile time (s)."""

    kind: str
    time: int


def encode(time: float, kind: str = "ccm") -> bytes:
    """The datagram announcing a profile whose modification time is ``time`` seconds."""
    if kind not in TYPES:
        raise CdpError(f"unknown CDP notification type {kind!r} (expected one of {', '.join(TYPES)})")
    seconds = int(time)
    if seconds < 0:
        raise CdpError(f"negative CDP time {seconds}")
    return kind.encode("ascii") + b"\0" + str(seconds).encode("ascii")


def decode(data: bytes) -> Notification:
    """Parse a received datagram; raise :class:`CdpError` if it is not one.

    Unknown types are rejected, so a listener never acts on a stray packet.
    """
    if len(data) > MAX_DATAGRAM:
        raise CdpError(f"CDP datagram too long ({len(data)} bytes)")
    match = _WIRE.match(data)
    if match is None:
        raise CdpError(f"not a CDP datagram: {data[:40]!r}")
    kind = match.group(1).decode("ascii")
    if kind not in TYPES:
        raise CdpError(f"unknown CDP notification type {kind!r}")
    return Notification(kind, int(match.group(2)))
