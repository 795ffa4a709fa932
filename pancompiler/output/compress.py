"""Gzip exactly as Java's ``GZIPOutputStream`` writes it (the ``.gz`` formats).

The member header is the fixed 10 bytes ``1f 8b 08 00 00000000 00 ff``: no
flags, modification time 0, no extra flags and OS 255 ("unknown"), which is
what JDK 16 and later write (JDK 8-15 wrote OS 0).  The body is a raw deflate
stream at zlib's default level 6, window 15, memory level 8, default strategy
(``new Deflater(DEFAULT_COMPRESSION, true)``), and the trailer is CRC-32 and
length, little-endian.  The deflate bytes are those of the zlib the two
runtimes link against; Java and Python on the same system (e.g. zlib 1.2.13)
produce the same stream.
"""

from __future__ import annotations

import struct
import zlib

GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"


def java_gzip(data: bytes) -> bytes:
    """``data`` compressed as one gzip member, byte-identical to Java's."""
    deflater = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -zlib.MAX_WBITS,
                                8, zlib.Z_DEFAULT_STRATEGY)
    body = deflater.compress(data) + deflater.flush()
    trailer = struct.pack("<II", zlib.crc32(data) & 0xFFFFFFFF, len(data) & 0xFFFFFFFF)
    return b"".join((GZIP_HEADER, body, trailer))
